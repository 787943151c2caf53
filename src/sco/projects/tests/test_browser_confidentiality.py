"""In the browser, as the walkthrough went: the sponsor invites China and China's delegate accepts (both audited); a
participants-only project goes to a decision among the states that can see it and no other state hears of it; a
second procedure on the same project is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from sco.core.models import AuditEntry, Notification
from sco.projects.tests.test_browser import session, step

pytestmark = pytest.mark.browser

TITLE = "Closed corridor (browser test)"


@pytest.fixture
def fast_passwords(settings: Any) -> None:
    """Eleven users and five sign-ins: no costly password hashing (requested before the users are made)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_china_joins_by_invitation_and_only_the_states_that_see_the_project_decide_on_it(
    fast_passwords: None,
    transactional_db: Any,
    browser: Any,
    live_server: Any,
    all_heads: dict[str, Any],
    secretariat: Any,
    make_project: Any,
) -> None:
    project = make_project(status="appraisal", visibility="participants", title_en=TITLE)
    url = f"/projects/{project.pk}/"

    # Kazakhstan (the sponsor) invites China; China does not take part yet.
    kz = session(browser, live_server, "hod-kz")
    kz.goto(url)
    kz.select_option("#invite-state", "CN")
    kz.click('#participation form[action$="/invitations/"] button[type=submit]')
    kz.wait_for_load_state()
    assert "Awaiting an answer" in kz.inner_text('[data-invitation="CN"]')

    # China's delegate finds the invitation on the home page and accepts it.
    cn = session(browser, live_server, "hod-cn")
    cn.goto("/")
    cn.locator(f'a[href="{url}#participation"]').first.click()
    cn.click('button[value="accept"]')
    cn.wait_for_load_state()
    assert "Accepted" in cn.inner_text('[data-invitation="CN"]')
    invited = AuditEntry.objects.get(action="project.state_invited")
    accepted = AuditEntry.objects.get(action="project.invitation_accepted")
    assert (invited.actor.username, invited.on_behalf_of) == ("hod-kz", "state:KZ")
    assert (accepted.actor.username, accepted.on_behalf_of) == ("hod-cn", "state:CN")

    # Before the referral the page says who will decide: Kazakhstan and China, nobody else.
    sec = session(browser, live_server, "secretariat")
    sec.goto(url)
    deciders = sec.inner_text("#deciders")
    assert "China" in deciders and "Kazakhstan" in deciders and "India" not in deciders
    mail.outbox.clear()
    step(sec, "refer_to_decision")
    assert "Decision" in sec.inner_text("#status")

    # China is asked for its position; India, which cannot see the project, hears nothing of it.
    cn.goto("/")
    assert TITLE in cn.inner_text("main")
    india = session(browser, live_server, "hod-in")
    india.goto("/")
    assert TITLE not in india.inner_text("main")
    told = set(Notification.objects.filter(text__contains=TITLE).values_list("recipient__username", flat=True))
    assert told == {"hod-kz", "hod-cn"}
    outsiders = {u.email for code, u in all_heads.items() if code not in ("KZ", "CN")}
    assert not [m for m in mail.outbox if set(m.to) & outsiders]

    # A second procedure on the same project is refused, naming the open one.
    from sco.core.services import token_create

    _row, token = token_create(actor=secretariat, user=secretariat, name="browser test")
    response = sec.request.post(
        f"{live_server.url}/api/v1/decisions/",
        data={
            "subject_type": "projects.project",
            "subject_id": project.pk,
            "body": "swg-investment",
            "rule": "silence",
            "deadline": (timezone.now() + dt.timedelta(days=3)).isoformat(),
            "title_en": "Silence procedure on the same project",
        },
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status == 409
    problem = response.json()
    assert problem["code"] == "decision_already_open" and TITLE in problem["detail"]
