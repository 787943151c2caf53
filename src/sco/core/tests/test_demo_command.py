"""`sco demo` loads quietly: the services' notices of the demo records send no e-mail."""

import io

import pytest
from django.core.management import call_command

# Real commits, as `sco demo` has them: e-mail leaves on commit.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_load_prints_a_few_lines_and_no_mail(settings, capsys):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue() + capsys.readouterr().out
    assert "Subject:" not in printed and "Content-Type:" not in printed
    assert len(printed.splitlines()) < 40
