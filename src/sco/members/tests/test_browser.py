"""What a person does in the browser: log in, switch language, open a state, add a delegate."""

import pytest

from sco.members.models import Mandate

pytestmark = pytest.mark.browser


def test_a_head_of_delegation_logs_in_switches_language_and_opens_a_state(page, login, head_of_delegation):
    head_of_delegation("KZ")
    login("hod-kz")
    nav = page.locator("nav.main-nav")
    assert "Member states" in nav.inner_text()

    page.select_option("#lang-select", "ru")
    page.click("form.lang button")
    page.wait_for_load_state()
    assert "Государства-члены" in nav.inner_text() and "Главная" in nav.inner_text()
    assert page.locator("html").get_attribute("lang") == "ru"

    page.select_option("#lang-select", "zh-hans")
    page.click("form.lang button")
    page.wait_for_load_state()
    assert "成员国" in nav.inner_text() and "首页" in nav.inner_text()

    nav.get_by_role("link", name="成员国").click()
    page.get_by_role("link", name="哈萨克斯坦").click()
    page.wait_for_url("**/members/states/KZ/")
    assert page.locator("h1").inner_text().startswith("哈萨克斯坦")
    assert "成员国" in page.locator(".lead").inner_text()


def test_adding_a_delegate_shows_errors_in_place_then_succeeds(page, login, head_of_delegation, make_user):
    head_of_delegation("KZ")
    make_user("aigerim")
    login("hod-kz")
    page.goto("/members/states/KZ/")
    page.fill("input[name=username]", "nobody")
    page.get_by_role("button", name="Add delegate").click()
    page.wait_for_selector("#delegation-inner .error")
    assert "No active person has this username." in page.locator("#delegation-inner").inner_text()
    assert page.url.endswith("/members/states/KZ/"), "the error came back in place, without leaving the page"

    page.fill("input[name=username]", "aigerim")
    page.get_by_label("Special Working Group on Investment Promotion").check()
    page.get_by_role("button", name="Add delegate").click()
    page.wait_for_function("document.querySelector('#delegation-inner').innerText.includes('aigerim')")
    assert Mandate.objects.filter(user__username="aigerim", state__code="KZ").exists()


def test_another_states_page_offers_no_delegation_form(page, login, head_of_delegation):
    head_of_delegation("KZ")
    login("hod-kz")
    page.goto("/members/states/RU/")
    assert page.locator("#delegation-inner form").count() == 0


def test_the_home_page_is_usable_on_a_narrow_screen(page, organisation):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    assert page.locator("h1").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways ({width}px)"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
