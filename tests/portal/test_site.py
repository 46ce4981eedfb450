import pytest
from django.core.management import call_command
from django.utils import translation

from directory.models import Award, Bid, Department, MarketEntity, TradingProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def site(db):
    """Demo accounts and the home page only: what the page and login tests need, fast."""
    import io

    from cms import demo as cms_demo
    from directory import demo as directory_demo
    from directory.roles import sync_roles

    sync_roles()
    directory_demo.seed(io.StringIO())
    cms_demo.seed(io.StringIO())


def test_seed_demo_builds_a_city_and_is_idempotent(demo):
    counts = (Department.objects.count(), MarketEntity.objects.count(), TradingProject.objects.count(),
              Bid.objects.count(), Award.objects.count())
    assert counts[0] >= 12 and counts[1] >= 200 and counts[2] >= 60 and counts[3] >= 550 and counts[4] >= 40
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (Department.objects.count(), MarketEntity.objects.count(), TradingProject.objects.count(),
                      Bid.objects.count(), Award.objects.count())


def test_seed_demo_refuses_without_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_home_page_is_chinese_by_default_and_english_on_request(client, site):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    assert "公共资源交易监督平台" in body
    assert "跳到主要内容" in body
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body and "Skip to main content" in body


def test_back_office_login_page_and_demo_login(client, site):
    assert client.get("/admin/login/").status_code == 200
    response = client.post("/admin/login/", {"username": "auditor", "password": "demo-auditor"})
    assert response.status_code == 302
    # An auditor's first sign-in continues with setting up the second factor (staffauth).
    assert client.get("/admin/")["Location"].startswith("/account/two-factor/enrol/")
    assert client.get("/account/two-factor/enrol/").status_code == 200


def test_complainant_cannot_enter_back_office(client, site):
    client.post("/admin/login/", {"username": "bidder", "password": "demo-bidder"})
    response = client.get("/admin/")
    assert response.status_code in (302, 403)


def test_translation_catalogue_is_complete():
    import polib

    from portal.management.commands.compile_translations import catalogue_paths

    paths = catalogue_paths()
    assert len(paths) >= 7
    missing = [
        (path.parent.parent.parent.parent.name, entry.msgid)
        for path in paths
        for entry in polib.pofile(str(path))
        if not entry.translated() and not entry.obsolete
    ]
    assert missing == []
    with translation.override("zh-hans"):
        assert translation.gettext("Skip to main content") == "跳到主要内容"


def test_an_english_browser_still_gets_chinese_until_the_visitor_switches(client, site):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
