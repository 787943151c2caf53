"""Links that leave the page are absolute; e-mail subjects are cut at a word."""

import pytest
from django.core import mail
from django.db import transaction

from sco.core.links import absolute_url, cut_at_word
from sco.core.notifications import notify

pytestmark = pytest.mark.django_db


def test_a_path_becomes_an_absolute_url_on_the_configured_base(settings):
    settings.SCO_BASE_URL = "https://sco.example.org"
    assert absolute_url("/events/3/") == "https://sco.example.org/events/3/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"
    assert absolute_url("") == ""


def test_a_long_subject_is_cut_at_a_word_with_an_ellipsis():
    text = "Your state's position is needed on 'Second track on the Dostyk - Moyynty railway section' " * 3
    cut = cut_at_word(text, 120)
    assert len(cut) <= 120 and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "
    assert cut_at_word("short", 120) == "short"


def test_the_mail_of_a_notification_carries_an_absolute_link_and_a_whole_word_subject(
    settings, make_user, django_capture_on_commit_callbacks
):
    settings.SCO_BASE_URL = "https://sco.example.org"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user("reader")
    user.email = "reader@example.org"
    user.save()
    text = "A" * 10 + " " + "word " * 40
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(recipients=[user], about=None, kind="test", render=lambda: text, url="/events/3/")
    (message,) = mail.outbox
    assert "https://sco.example.org/events/3/" in message.body
    assert len(message.subject) <= 120 and message.subject.endswith("word…")
