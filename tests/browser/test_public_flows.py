"""Browser tests of the public site on the demo (issue 9 item 13): an anonymous report with an
attachment and its tracking, a disclosure search, a draw's public verification, and an axe-core
scan of the public pages. Screenshots of every step go to test-artifacts/<test name>/."""

import io

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations, download_and_verify_draw
from tests.factories.files import PDF_BYTES

# serialized_rollback: the flush after a live-server test must not take Wagtail's root page from
# the tests that run later.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PAGES = ["/", "/disclosures/", "/guides/", "/cases/", "/cases/report/new/", "/cases/track/",
                "/inspections/", "/inspections/plans/SJ2026-11/", "/quarterly-reports/2026-q2/"]


def test_public_flows_on_the_demo(page, monkeypatch, tmp_path):
    """One test, so the demo is seeded once (seeding takes most of the time); each flow has its
    own screenshots."""
    from captcha.conf import settings as captcha_settings

    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)  # the answer "PASSED" is accepted
    call_command("seed_demo", stdout=io.StringIO())
    public_pages_have_no_serious_accessibility_violations(page)
    anonymous_report_with_an_attachment_then_tracking(page, tmp_path)
    disclosure_search(page)
    a_published_draw_verifies_from_its_downloaded_files(page, tmp_path / "draw")


def public_pages_have_no_serious_accessibility_violations(page):
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        page.shot("axe-" + path.strip("/").replace("/", "_") or "home")
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, found


def anonymous_report_with_an_attachment_then_tracking(page, tmp_path):
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(PDF_BYTES)  # a real PDF: the upload checker parses it (portal.uploads)
    page.goto("/cases/report/new/")
    page.check("input[name=identity][value=anonymous]")
    page.fill("input[name=respondent_name]", "某建设公司")
    page.fill("input[name=title]", "疑似围标")
    page.fill("textarea[name=facts]", "多家投标人的投标文件由同一人制作，报价呈规律性差异。")
    page.set_input_files("input[name=attachments]", str(evidence))
    page.fill("input[name=captcha_1]", "PASSED")
    page.shot("report-filled")
    page.get_by_role("button", name="提交举报").click()
    page.wait_for_load_state()
    page.shot("report-submitted")
    page.wait_for_selector("#receipt-number")
    page.shot("report-receipt")
    number = page.inner_text("#receipt-number").strip()
    code = page.inner_text("#receipt-code").strip()
    assert number.startswith("JB") and len(code) >= 12
    page.goto("/cases/track/")
    page.fill("input[name=number]", number)
    page.fill("input[name=access_code]", code)
    page.shot("report-tracking-form")
    page.get_by_role("button", name="查看案件").click()
    page.wait_for_load_state()
    page.shot("report-tracked")
    body = page.inner_text("main")
    assert number in body and "evidence.pdf" in body


def disclosure_search(page):
    from publicity.models import Disclosure

    disclosure = Disclosure.objects.public().order_by("-publish_from").first()
    word = disclosure.entity_name or disclosure.title[:4]
    page.goto("/disclosures/")
    page.shot("search-index")
    page.fill("input[name=q]", word)
    page.get_by_role("button", name="搜索", exact=True).click()
    page.wait_for_load_state()
    page.shot("search-results")
    assert disclosure.title in page.inner_text("main")
    page.get_by_role("link", name=disclosure.title).first.click()
    page.wait_for_load_state()
    page.shot("search-detail")
    assert disclosure.title in page.inner_text("main")


def a_published_draw_verifies_from_its_downloaded_files(page, folder):
    page.goto("/inspections/")
    page.shot("draw-plans")
    page.get_by_role("link", name="SJ2026-11").first.click()
    page.wait_for_load_state()
    page.shot("draw-plan")
    download_and_verify_draw(page, folder)
