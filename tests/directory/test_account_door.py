"""User accounts are created in one service, directory.services.create_account."""

import pathlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation

from directory.roles import COMPLAINANT, HANDLER
from directory.services import create_account

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Ways to create a user row outside the service (the demo's superuser is Django's own command path).
CREATING = re.compile(r"\.create_user\(|get_or_create\(username|user_model\(username|User\(username|"
                      r"get_user_model\(\)\(")


@pytest.mark.django_db
def test_an_account_gets_its_roles_and_no_usable_password_unless_given(roles):
    user = create_account(username="handler-9", full_name=" 王五 ", roles=[HANDLER])
    assert user.first_name == "王五" and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [HANDLER.group_name]
    other = create_account(username="13800000000", password="a-long-Password-1", roles=[COMPLAINANT])
    assert other.check_password("a-long-Password-1")


@pytest.mark.django_db
def test_a_taken_user_name_is_refused_in_chinese(roles):
    create_account(username="taken")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        create_account(username="taken", full_name="另一个人")
    assert "该用户名的账号已存在" in exc.value.message_dict["username"][0]
    assert get_user_model().objects.filter(username="taken").count() == 1


def test_no_other_module_creates_user_rows():
    offenders = [
        str(path.relative_to(ROOT)) for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "migrations"} & set(path.parts) and path != ROOT / "directory" / "services.py"
        and CREATING.search(path.read_text("utf-8"))
    ]
    assert offenders == []
