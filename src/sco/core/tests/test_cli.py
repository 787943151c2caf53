import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sco.cli import main
from sco.core.models import ApiToken


def test_sco_token_create_shows_the_token_once_and_it_works(api, make_user):
    make_user("alice")
    out = StringIO()
    call_command("token", "create", "--user", "alice", "--name", "cron", stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("sco_") and not ApiToken.objects.filter(digest=token).exists()
    api.token = token
    assert api.get_json("/api/v1/me").json()["username"] == "alice"

    out = StringIO()
    call_command("token", "list", "--user", "alice", stdout=out)
    assert "cron" in out.getvalue() and token not in out.getvalue()
    call_command("token", "revoke", "--user", "alice", str(ApiToken.objects.get().pk), stdout=StringIO())
    assert api.get_json("/api/v1/me").status_code == 401


def test_sco_user_create_refuses_a_weak_password_and_stores_nothing(db, settings):
    from sco.core.models import User

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # what production uses
    with pytest.raises(CommandError):
        call_command("user", "create", "bob", "--password", "123", stdout=StringIO())
    assert not User.objects.filter(username="bob").exists()
    call_command("user", "create", "bob", "--password", "a-long-enough-passphrase", stdout=StringIO())
    user = User.objects.get(username="bob")
    assert user.password.startswith("argon2$"), "passwords are hashed with Argon2"


def test_sco_without_arguments_prints_its_commands(capsys):
    assert main([]) == 0
    assert "audit verify" in capsys.readouterr().out


def test_the_sco_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "sco.cli", "--help"], capture_output=True, text=True, check=True)
    assert "sco serve" in result.stdout


def test_the_admin_shows_the_audit_trail_read_only(client, make_user):
    admin = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get("/admin/core/auditentry/add/").status_code == 403
