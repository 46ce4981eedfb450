"""Versions advance only in portal.workflow: by a transition, or by advance_version for other
recorded changes. No service bumps a version by hand."""

import pathlib
import re
from types import SimpleNamespace

import pytest
from django.db import transaction

from portal.errors import StaleObject
from portal.workflow import advance_version

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_advance_version_refuses_to_run_outside_a_transaction():
    row = SimpleNamespace(version=3)
    with pytest.raises(RuntimeError):
        advance_version(row)
    assert row.version == 3


@pytest.mark.django_db
def test_advance_version_checks_the_callers_view_inside_a_transaction():
    row = SimpleNamespace(version=3)
    with transaction.atomic():
        with pytest.raises(StaleObject):
            advance_version(row, expected_version=2)
        assert row.version == 3
        advance_version(row, expected_version=3)
        advance_version(row)
    assert row.version == 5


def test_no_module_outside_the_door_bumps_a_version():
    bump = re.compile(r"\.version\s*(\+=|=\s*\w+\.version\s*\+)")
    offenders = [
        str(path.relative_to(ROOT)) for path in ROOT.glob("*/**/*.py")
        if not {".venv", "tests", "migrations"} & set(path.parts) and path != ROOT / "portal" / "workflow.py"
        and bump.search(path.read_text("utf-8"))
    ]
    assert offenders == []
