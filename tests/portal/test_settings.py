import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import requires_postgres

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS",
                                                             "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "DEMO_MODE",
                                                             "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # set by browser tests
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="a-real-production-secret-key-with-enough-entropy-0123456789abcdef",
        ALLOWED_HOSTS="portal.example.cn", DEBUG="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_malformed_boolean_is_a_clear_error():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_development_writes_messages_to_the_outbox_folder_not_the_console(tmp_path):
    code = ("from django.conf import settings; print(settings.EMAIL_BACKEND); print(settings.SMS_BACKEND); "
            "print(settings.EMAIL_FILE_PATH)")
    result = run_manage("shell", "-c", code, DEBUG="1", PORTAL_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    email, sms, folder = result.stdout.split()[-3:]
    assert email == "django.core.mail.backends.filebased.EmailBackend"
    assert sms == "portal.sms.FileSmsBackend"
    assert folder == str(tmp_path / "outbox" / "mail")


def test_file_sms_backend_appends_to_the_log(settings, tmp_path):
    from portal.sms import send_sms

    settings.SMS_BACKEND = "portal.sms.FileSmsBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "outbox" / "sms.log")
    send_sms("13800001111", "您的案件已受理")
    send_sms("13800002222", "督办通知")
    lines = (tmp_path / "outbox" / "sms.log").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[1:] for line in lines] == [["13800001111", "您的案件已受理"], ["13800002222", "督办通知"]]


def test_production_refuses_to_start_without_an_identity_hash_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="a-real-production-secret-key-with-enough-entropy-0123456789abcdef",
                        ALLOWED_HOSTS="portal.example.cn", IDENTITY_HASH_KEY="")
    assert result.returncode != 0
    assert "IDENTITY_HASH_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_draw_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="a-real-production-secret-key-with-enough-entropy-0123456789abcdef",
                        ALLOWED_HOSTS="portal.example.cn", DRAW_SECRET_KEY="")
    assert result.returncode != 0
    assert "DRAW_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
@requires_postgres()
def test_postgres_sessions_do_not_compile_queries():
    """JIT compilation cost more than the back office's short queries themselves (issue 14)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
