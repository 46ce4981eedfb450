"""The public navigation on a 390 px phone (issue 13 item 12): a menu button opens the full list;
without JavaScript every entry is visible anyway. Screenshots go to test-artifacts/<test name>/."""

import pytest

from tests.browser.conftest import axe_violations
from tests.factories.cms import make_disclosure_index, make_guide_section, make_home, make_section

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
SECTIONS = ["新闻动态", "政策法规", "以案促改", "办事指南", "信息公开"]
# Home, the sections, then the two online services the menu always offers.
ENTRIES = ["首页", *SECTIONS, "我要投诉", "案件查询"]


@pytest.fixture
def public_site(db):
    home = make_home()
    make_section(home, title="新闻动态", slug="news")
    make_section(home, title="政策法规", slug="policies")
    make_section(home, title="以案促改", slug="typical-cases")
    make_guide_section(home)
    make_disclosure_index(home)
    return home


@pytest.fixture
def phone(browser, live_server, public_site, request):
    """A phone with the site's real Content-Security-Policy in force (no bypass): the menu must
    work from the static script alone. Refused scripts or styles are collected as errors."""
    context = browser.new_context(base_url=live_server.url, **PHONE)
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.csp_errors = []
    phone.on(
        "console", lambda message: "Content Security Policy" in message.text and phone.csp_errors.append(message.text)
    )
    yield phone
    context.close()


def nav_entries(page):
    return page.locator("nav.main-nav #main-nav-list a")


def visible_entries(page) -> list[str]:
    """Entry labels the visitor can see, each wholly inside the phone's width."""
    shown = []
    links = nav_entries(page)
    for index in range(links.count()):
        link = links.nth(index)
        box = link.bounding_box() if link.is_visible() else None
        if box and box["x"] >= 0 and box["x"] + box["width"] <= 390:
            shown.append(link.inner_text().strip())
    return shown


def test_the_menu_button_opens_every_entry_on_a_phone(phone):
    phone.goto("/")
    button = phone.get_by_role("button", name="菜单")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "main-nav-list"
    assert visible_entries(phone) == []  # folded away until asked for
    button.tap()
    assert button.get_attribute("aria-expanded") == "true"
    assert visible_entries(phone) == ENTRIES
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    button.tap()
    assert button.get_attribute("aria-expanded") == "false"
    assert visible_entries(phone) == []
    assert phone.csp_errors == []


def test_the_menu_works_with_the_keyboard(phone):
    phone.goto("/")
    button = phone.get_by_role("button", name="菜单")
    button.focus()
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")  # into the list: the first entry
    assert phone.evaluate("document.activeElement.textContent.trim()") == "首页"
    phone.keyboard.press("Escape")  # closes and gives the focus back to the button
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.getAttribute('aria-controls')") == "main-nav-list"
    phone.keyboard.press("Space")
    assert visible_entries(phone) == ENTRIES


def test_without_javascript_every_entry_shows_and_there_is_no_dead_button(browser, live_server, public_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto("/")
    assert page.get_by_role("button", name="菜单").count() == 0  # hidden: it would do nothing
    assert visible_entries(page) == ENTRIES
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_open_menu_has_no_serious_accessibility_violations(page, public_site):
    page.set_viewport_size(PHONE["viewport"])
    page.goto("/")
    page.get_by_role("button", name="菜单").click()
    assert visible_entries(page) == ENTRIES
    page.shot("phone-menu-open")
    assert axe_violations(page) == []
