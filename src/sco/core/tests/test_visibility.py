"""Notices name only records their recipients may see (sco.core.visibility)."""

from __future__ import annotations

import pytest

from sco.core import visibility
from sco.core.models import Notification
from sco.core.notifications import notify


def test_a_notice_about_a_record_nobody_registered_is_refused_before_anything_is_sent(organisation, make_user):
    from sco.members.models import Summit

    visibility.unregister(Summit)
    with pytest.raises(visibility.Unregistered):
        notify(recipients=[make_user("someone")], about=Summit.objects.first(), kind="t", render=lambda: "Summit")
    assert not Notification.objects.exists()


def test_a_notice_reaches_only_the_recipients_the_record_s_rule_lets_see_it(organisation, make_user):
    from sco.members.models import Summit

    allowed, kept_out = make_user("allowed"), make_user("kept-out")
    visibility.register(Summit, lambda viewer, qs: qs if viewer.username == "allowed" else qs.none())
    try:
        notify(recipients=[allowed, kept_out], about=Summit.objects.first(), kind="t", render=lambda: "Summit")
    finally:
        visibility.unregister(Summit)
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["allowed"]


def test_a_notice_about_no_record_reaches_everyone_named(make_user):
    notify(recipients=[make_user("a"), make_user("b")], about=None, kind="t", render=lambda: "Hello")
    assert Notification.objects.count() == 2
