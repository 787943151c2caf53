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
