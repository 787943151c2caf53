"""The whole life of a draft agreement, as people do it in the browser (done-when of the documents part)."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from sco.documents import services
from sco.documents.tests.conftest import DRAFT_EN, DRAFT_RU, DRAFT_ZH
from sco.members.models import Body, State

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "sco-demo-2026"


@pytest.fixture
def session(browser, live_server):
    contexts = []

    def open_as(username):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 1000})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form button[type=submit]:not(.small)")
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield open_as
    for c in contexts:
        c.close()


def test_a_draft_goes_from_amendments_to_entry_into_force_and_implementation(
    transactional_db, session, secretariat, all_heads
):
    d = services.document_create(
        actor=secretariat,
        kind="agreement",
        title_en="Agreement on energy and transport cooperation",
        title_ru="Соглашение о сотрудничестве в области энергетики и транспорта",
        title_zh="能源和交通合作协定",
        body=Body.objects.get(code="chs"),
        areas=["energy", "transport"],
        eif_rule="days_after_nth_notification",
        eif_count=2,
        eif_days=30,
        parties=list(State.objects.filter(code__in=["KZ", "CN", "RU"])),
    )
    for lang, text in (("ru", DRAFT_RU), ("zh", DRAFT_ZH), ("en", DRAFT_EN)):
        services.text_version_add(actor=secretariat, document=d, language=lang, content=text, authentic=lang != "en")

    sec = session("secretariat")
    sec.goto(f"/documents/{d.pk}/")
    sec.click("#circulate")
    assert "Under negotiation" in sec.inner_text("#doc-status")

    for code, number, text in (
        ("kz", 1, "Государства-члены углубляют сотрудничество в области энергетики."),
        ("cn", 2, "Стороны развивают транспортные коридоры и логистику."),
    ):
        hod = session(f"hod-{code}")
        hod.goto(f"/documents/{d.pk}/text/ru/")
        form = hod.locator("#proposal-form")
        form.locator("[name=paragraph_number]").fill(str(number))
        form.locator("[name=kind]").select_option("amendment")
        form.locator("[name=state]").select_option(code.upper())
        form.locator("[name=proposed_text]").fill(text)
        form.locator("button[type=submit]").click()
        assert hod.locator(".proposal").filter(has_text=text).count() == 1

    sec.goto(f"/documents/{d.pk}/text/ru/")
    forms = sec.locator(".decide-form")
    forms.nth(0).locator("select").select_option("accepted")
    forms.nth(0).locator("button").click()
    forms = sec.locator(".decide-form")
    forms.nth(0).locator("select").select_option("merged")
    forms.nth(0).locator("textarea").fill("Стороны развивают транспортные коридоры и цепочки поставок.")
    forms.nth(0).locator("button").click()
    sec.click("#apply")
    assert "version 2" in sec.inner_text("h1")
    assert "цепочки поставок" in sec.inner_text("#p2")
    assert "углубляют" in sec.inner_text("#p1")

    # The amendments named the Chinese authentic text too: until it follows, adoption is refused with the reason.
    sec.goto(f"/documents/{d.pk}/")
    assert sec.locator("#out-of-step").is_visible()
    assert sec.locator('.out-of-step[data-language="zh"]').count() == 1
    sec.locator("#adoption-form [name=rule]").select_option("silence")
    sec.locator("#adoption-form [name=deadline]").fill(
        (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S")
    )
    sec.locator("#adoption-form button").click()
    assert "not in step" in sec.inner_text("main") and "Chinese" in sec.inner_text("main")
    assert sec.locator("#adoption .procedure").count() == 0
    sec.locator("#texts details summary").click()
    upload = sec.locator("#upload-form")
    upload.locator("[name=language]").select_option("zh")
    upload.locator("[name=content]").fill(
        "成员国深化能源领域合作。\n\n各方发展交通走廊和供应链。\n\n本战略有效期至2030年。"
    )
    upload.locator("[name=authentic]").check()
    for box in upload.locator("[name=carries]").all():
        box.check()
    upload.locator("button[type=submit]").click()
    sec.goto(f"/documents/{d.pk}/")
    assert sec.locator("#out-of-step").count() == 0
    assert d.texts.get(language="zh").authentic  # in step because it follows, not because it was demoted

    deadline = timezone.localtime() + dt.timedelta(seconds=4)
    sec.locator("#adoption-form [name=rule]").select_option("silence")
    sec.locator("#adoption-form [name=deadline]").fill(deadline.strftime("%Y-%m-%dT%H:%M:%S"))
    sec.locator("#adoption-form button").click()
    assert sec.locator("#adoption .procedure").count() == 1
    time.sleep(5)
    sec.reload()
    sec.click("#store-outcome")
    assert "Adopted" in sec.inner_text("#doc-status")

    today = timezone.localdate().isoformat()
    for code, notify in (("KZ", True), ("CN", True), ("RU", False)):
        form = sec.locator("#participation-form")
        sec.locator("#participants details summary").first.click()
        form.locator("[name=state]").select_option(code)
        form.locator("[name=signed_on]").fill(today)
        form.locator("[name=signatory]").fill(f"Head of delegation of {code}")
        if notify:
            form.locator("[name=consent_kind]").select_option("ratification")
            form.locator("[name=consent_on]").fill(today)
            form.locator("[name=notified_on]").fill(today)
        form.locator("button[type=submit]").click()
    expected = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    assert expected in sec.inner_text("#eif-date")
    assert sec.locator("#participant-table tr[data-state]").count() == 3

    anon = sec.context.browser.new_context(base_url=sec.url.split("/documents")[0])
    page = anon.new_page()
    page.goto("/documents/?q=энергетикой")
    assert page.locator(f"article.hit[data-document='{d.pk}']").count() == 1
    assert page.locator("article.hit mark").count() >= 1
    page.goto("/documents/?q=走廊")
    assert page.locator(f"article.hit[data-document='{d.pk}']").count() == 1
    anon.close()

    sec.goto(f"/documents/{d.pk}/")
    sec.locator("#commitments details summary").click()
    cf = sec.locator("#commitment-form")
    cf.locator("[name=text_en]").fill("Exchange annual energy balance data.")
    cf.locator("[name=area]").select_option("energy")
    cf.locator("[name=states][value=KZ]").check()
    cf.locator("[name=due_on]").fill((timezone.localdate() + dt.timedelta(days=90)).isoformat())
    cf.locator("button[type=submit]").click()

    hod = session("hod-kz")
    hod.goto(f"/documents/{d.pk}/")
    hod.locator("#commitments a", has_text="Report").click()
    rf = hod.locator("#report-form")
    rf.locator("[name=state]").select_option("KZ")
    rf.locator("[name=period]").fill(f"{timezone.localdate().year}")
    rf.locator("[name=status]").select_option("in_progress")
    rf.locator("[name=progress]").fill("40")
    rf.locator("[name=evidence]").fill("Ministry of Energy bulletin")
    rf.locator("button[type=submit]").click()
    hod.wait_for_url("**/documents/dashboard/")
    assert "KZ: In progress (40%" in hod.inner_text("#commitment-list")
    assert hod.locator("svg.chart").count() == 3
