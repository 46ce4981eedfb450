"""Reads of the directory that every back-office page repeats, kept in the shared cache."""

from django.core.cache import cache
from django.db import transaction

from directory.models import Department

SUPERVISING_CHOICES_KEY = "directory:supervising-department-choices"
SUPERVISING_CHOICES_SECONDS = 24 * 3600


def supervising_department_choices() -> list[tuple[int, str]]:
    """(pk, name) of the supervising departments, as a queue's department filter lists them.
    Forgotten on every save or delete of a department (signals, directory/apps.py)."""
    choices = cache.get(SUPERVISING_CHOICES_KEY)
    if choices is None:
        departments = Department.objects.filter(kind=Department.Kind.SUPERVISING)
        choices = [(department.pk, str(department)) for department in departments]
        cache.set(SUPERVISING_CHOICES_KEY, choices, SUPERVISING_CHOICES_SECONDS)
    return choices


def forget_department_choices(**_signal) -> None:
    cache.delete(SUPERVISING_CHOICES_KEY)
    transaction.on_commit(lambda: cache.delete(SUPERVISING_CHOICES_KEY))
