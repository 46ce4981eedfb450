"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Locally the tests skip when /usr/bin/chromium or node_modules/axe-core is missing; in CI (`CI`
set, as .ci/run does) a missing browser is an error, so they always run there."""

import hashlib
import json
import os
import subprocess
import sys
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
def open_page(browser, live_server, request):
    """A new browser window with its own cookies, for each person taking part in a test. Every
    window has `shot(name)`; the screenshots of all windows of a test are numbered in one sequence
    under test-artifacts/<test name>/ (NN-<who>-<step>.png)."""
    from cms.demo import tree_root

    tree_root()  # gone if a live-server test flushed a database that --reuse-db kept
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    steps = {"n": 0}
    contexts = []

    def open_window(who: str = ""):
        # bypass_csp: axe-core is injected as a script the site's Content-Security-Policy rightly refuses.
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport={"width": 1280, "height": 900},
            bypass_csp=True,
            accept_downloads=True,
        )
        contexts.append(context)
        window = context.new_page()
        window.set_default_timeout(15_000)
        prefix = f"{who}-" if who else ""

        def shot(name: str):
            steps["n"] += 1
            window.screenshot(path=str(folder / f"{steps['n']:02d}-{prefix}{name}.png"), full_page=True)

        window.shot = shot
        return window

    yield open_window
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


STAFF_PASSWORD = "pw-123456"  # tests.factories.directory.UserFactory's password


def log_in_staff(page, user, *, password: str = STAFF_PASSWORD) -> None:
    """Sign in to the back office as a member of staff does: user name and password, then the
    6-digit code of their authenticator app (a TOTP device enrolled for the test)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="authenticator app", confirmed=True
    )
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", password)
    page.shot("sign-in")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/account/two-factor/verify/**")
    code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    page.fill("input[name=token]", f"{code:0{device.digits}d}")
    page.shot("second-factor")
    page.get_by_role("button", name="验证").click()
    page.wait_for_url("**/admin/")


DRAW_FILES = {
    "manifest.json",
    "targets.csv",
    "inspectors.csv",
    "conflicts.csv",
    "reveal.json",
    "result.json",
    "draw_algorithm.py",
}


def download_and_verify_draw(page, folder: Path) -> None:
    """On a plan's public draw page, do what its "Verify it yourself" recipe says: download the
    files, check the manifest against the hash the page shows, the snapshots against the manifest,
    the revealed secret against its commitment, and re-run the draw."""
    folder.mkdir(parents=True, exist_ok=True)
    links = page.locator("#downloads ~ ul a[download]")
    for index in range(links.count()):
        with page.expect_download() as info:
            links.nth(index).click()
        download = info.value
        download.save_as(folder / download.suggested_filename)
    assert {path.name for path in folder.iterdir()} >= DRAW_FILES

    def digest(name: str) -> str:
        return hashlib.sha256((folder / name).read_bytes()).hexdigest()

    assert digest("manifest.json") in page.inner_text("body")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for name, key in (("targets.csv", "target"), ("inspectors.csv", "inspector"), ("conflicts.csv", "conflict")):
        assert digest(name) == manifest[f"{key}_snapshot_sha256"], name
    secret = json.loads((folder / "reveal.json").read_text("utf-8"))["secret"]
    assert hashlib.sha256(secret.encode()).hexdigest() == manifest["seed_commitment"]
    completed = subprocess.run(
        [sys.executable, "draw_algorithm.py", "."],
        cwd=folder,  # noqa: S603
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0 and "MATCH" in completed.stdout, completed.stdout + completed.stderr


def axe_violations(page, *, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core in the page; the serious and critical violations, one line each."""
    page.add_script_tag(content=AXE.read_text("utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]
