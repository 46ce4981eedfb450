"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Locally the tests skip when /usr/bin/chromium or node_modules/axe-core is missing; in CI (`CI`
set, as .ci/run does) a missing browser is an error, so they always run there."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium fonts-wqy-microhei)"
    if not AXE.exists():
        return "axe-core is not installed (npm ci)"
    return ""


def pytest_collection_modifyitems(config, items):
    problem = _missing()
    for item in items:
        if "tests/browser/" not in str(item.fspath):
            continue
        item.add_marker(pytest.mark.browser)
        if problem and not os.environ.get("CI"):
            item.add_marker(pytest.mark.skip(reason=problem))


@pytest.fixture(scope="session")
def browser():
    problem = _missing()
    if problem:
        pytest.fail(problem)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself stay synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    # bypass_csp: axe-core is injected as a script the site's Content-Security-Policy rightly refuses.
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900},
                                  bypass_csp=True, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    steps = {"n": 0}

    def shot(name: str):
        steps["n"] += 1
        page.screenshot(path=str(folder / f"{steps['n']:02d}-{name}.png"), full_page=True)

    page.shot = shot
    yield page
    context.close()


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core in the page; the serious and critical violations, one line each."""
    page.add_script_tag(content=AXE.read_text("utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in result["violations"] if v["impact"] in impacts
    ]
