"""The one lookup of a state by code: a 404 for a URL, a field error for input, never a silent None."""

import pytest

from sco.core.errors import InvalidInput, NotFound
from sco.core.users import active, person, signed_in
from sco.members import selectors

pytestmark = pytest.mark.django_db


def test_a_code_in_a_url_that_names_no_state_is_not_found(organisation):
    with pytest.raises(NotFound):
        selectors.state_get(code="zz")
    assert selectors.state_get(code="kz").code == "KZ"


def test_an_unknown_code_in_input_is_a_field_error_naming_the_field(organisation):
    with pytest.raises(InvalidInput) as caught:
        selectors.state_get(code="ZZ", field="host_state")
    assert "ZZ" in caught.value.field_errors["host_state"][0]
    assert selectors.state_get_or_none(code="", field="host_state") is None
    with pytest.raises(InvalidInput):
        selectors.state_get_or_none(code="XX", field="host_state")


def test_several_codes_come_back_in_order_and_any_unknown_one_is_named(organisation):
    assert [s.code for s in selectors.states_get(codes=["uz", "KZ", "uz"], field="states")] == ["UZ", "KZ"]
    with pytest.raises(InvalidInput) as caught:
        selectors.states_get(codes=["KZ", "QQ"], field="states")
    assert "QQ" in caught.value.field_errors["states"][0]


def test_who_is_asking(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    user = django_user_model(username="x", is_active=False)
    assert not signed_in(None) and not signed_in(AnonymousUser())
    assert signed_in(user) and not active(user)
    assert person(AnonymousUser()) is None and person(user) is user
