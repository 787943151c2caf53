import datetime as dt

import pytest

from sco.core.errors import NotAuthenticated, NotPermitted
from sco.members import permissions
from sco.members.models import Body, State

D = dt.date


@pytest.fixture
def kz(organisation):
    return State.objects.get(code="KZ")


@pytest.fixture
def ru(organisation):
    return State.objects.get(code="RU")


@pytest.fixture
def swg(organisation):
    return Body.objects.get(code="swg-investment")


@pytest.fixture
def cmfa(organisation):
    return Body.objects.get(code="cmfa")


def test_a_head_of_delegation_acts_for_their_state_in_every_body(head_of_delegation, kz, ru, swg, cmfa):
    hod = head_of_delegation("KZ")
    assert permissions.may_act_for(hod, kz, body=swg)
    assert permissions.may_act_for(hod, kz, body=cmfa)
    assert not permissions.may_act_for(hod, ru, body=swg)
    with pytest.raises(NotPermitted):
        permissions.ensure_may_act_for(hod, ru, body=swg)


def test_a_delegate_acts_only_in_the_bodies_of_their_mandate(make_mandate, kz, swg, cmfa):
    delegate = make_mandate("d-kz", "delegate", state="KZ", bodies=["swg-investment"])
    assert permissions.may_act_for(delegate, kz, body=swg)
    assert not permissions.may_act_for(delegate, kz, body=cmfa)


def test_a_mandate_acts_only_between_its_dates(make_mandate, kz):
    user = make_mandate("d", "head_of_delegation", state="KZ", start=D(2024, 1, 1), end=D(2025, 1, 1))
    assert not permissions.may_act_for(user, kz, at=D(2023, 12, 31))
    assert permissions.may_act_for(user, kz, at=D(2024, 12, 31))
    assert not permissions.may_act_for(user, kz, at=D(2025, 1, 1))


def test_no_one_acts_for_a_state_before_it_is_a_member(make_mandate, organisation):
    belarus = State.objects.get(code="BY")
    user = make_mandate("hod-by", "head_of_delegation", state="BY", start=D(2020, 1, 1))
    assert not permissions.may_act_for(user, belarus, at=D(2024, 7, 3))
    assert permissions.may_act_for(user, belarus, at=D(2024, 7, 4))


def test_anonymous_and_inactive_users_act_for_nobody(make_mandate, kz):
    from django.contrib.auth.models import AnonymousUser

    user = make_mandate("hod-kz", "head_of_delegation", state="KZ")
    user.is_active = False
    assert not permissions.may_act_for(user, kz)
    assert not permissions.may_act_for(AnonymousUser(), kz)
    with pytest.raises(NotAuthenticated):
        permissions.ensure_may_act_for(AnonymousUser(), kz)


def test_the_chair_is_the_chairing_states_head_or_coordinator(make_mandate, organisation):
    kz_head = make_mandate("hod-kz", "head_of_delegation", state="KZ", start=D(2023, 1, 1))
    assert permissions.is_chair(kz_head, at=D(2024, 1, 15))
    assert not permissions.is_chair(kz_head, at=D(2024, 8, 1))
    kz_delegate = make_mandate("d-kz", "delegate", state="KZ", bodies=["cnc"], start=D(2023, 1, 1))
    assert not permissions.is_chair(kz_delegate, at=D(2024, 1, 15))


def test_secretariat_staff_act_for_the_organisation_not_for_states(secretariat, kz):
    assert permissions.is_secretariat(secretariat)
    assert not permissions.may_act_for(secretariat, kz)


def test_a_financier_acts_for_their_institution_only(make_mandate, organisation):
    from sco.members.models import Institution

    financier = make_mandate("fin", "financier", institution="aifc-mechanisms")
    assert permissions.may_act_for_institution(financier, Institution.objects.get(code="aifc-mechanisms"))
    assert not permissions.may_act_for_institution(financier, Institution.objects.get(code="sco-investment-fund"))


def test_answers_kept_for_a_request_follow_a_mandate_written_during_it(make_mandate, make_user, kz, swg, cmfa):
    from sco.members.models import Mandate

    user = make_user("newcomer")
    with permissions.remembered():
        assert not permissions.may_act_for(user, kz)
        mandate = Mandate.objects.create(user=user, role="delegate", state=kz, start=D(2024, 7, 4))
        assert permissions.may_act_for(user, kz, body=None)
        assert not permissions.may_act_for(user, kz, body=cmfa)
        mandate.bodies.add(cmfa)
        assert permissions.may_act_for(user, kz, body=cmfa)
        assert [s.code for s in permissions.states_acted_for(user, body=cmfa)] == ["KZ"]
        mandate.delete()
        assert not permissions.may_act_for(user, kz)
        assert permissions.states_acted_for(user) == []


def test_answers_kept_for_a_request_ask_the_database_once(head_of_delegation, kz, swg, django_assert_num_queries):
    hod = head_of_delegation("KZ")
    with permissions.remembered(), django_assert_num_queries(2):  # the mandates held, the members on the day
        for _ in range(5):
            assert permissions.may_act_for(hod, kz, body=swg)
            assert not permissions.is_secretariat(hod)
            assert permissions.state_ids_acted_for(hod) == {kz.pk}
