"""Settings for the test suite: production settings with test-safe defaults. DATABASE_URL and
REDIS_URL, when present, are kept: CI runs the same suite on PostgreSQL and Redis."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("IDENTITY_HASH_KEY", "test-identity-hash-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DRAW_SECRET_KEY", "test-draw-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["SECURE_COOKIES"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DEMO_MODE", "1")
os.environ.setdefault("PORTAL_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from portal.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - silences WhiteNoise's warning

# Tasks run in-process in tests so each test sees its own effects; the one test that proves a real
# worker on Redis (tests/portal/test_celery.py) switches this off for its duration.
CELERY_TASK_ALWAYS_EAGER = True  # noqa: F811
