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


@pytest.fixture
def roles(db):
    sync_roles()


def requires_postgres():
    return pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
    )


def requires_redis():
    return pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
