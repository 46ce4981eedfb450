import uuid

import pytest
from django.conf import settings
from django.core.cache import cache

from directory.roles import sync_roles


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    # Every test gets its own cache key space (rate limits, lockouts). No FLUSHDB on Redis:
    # other test workers share the server.
    if settings.REDIS_URL:
        settings.CACHES = {
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"},
        }
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language(settings):
    # A request handled in English leaves English active in this thread; every test starts in
    # the portal's default language, whatever ran before it in the same worker.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _static_storage(settings):
    # Tests render templates without running collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _verified_force_login(monkeypatch):
    """`client.force_login(user)` also passes the second step for users who need one (staffauth),
    with a confirmed authenticator made for the test: tests log staff in as before, production
    still demands the code. `client.force_login_without_second_factor(user)` stops before it."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_second_factor_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(Client, "force_login_without_second_factor", original, raising=False)


def mark_second_factor_verified(client, user) -> None:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from staffauth.policy import requires_two_factor

    if not requires_two_factor(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def roles(db):
    sync_roles()


def requires_postgres():
    return pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
    )


def requires_redis():
    return pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
