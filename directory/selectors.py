"""Reads of the directory that every back-office page repeats, kept in the shared cache."""

from directory.models import Department
from portal.shared_cache import forget, remembered

SUPERVISING_CHOICES_KEY = "directory:supervising-department-choices"
SUPERVISING_CHOICES_SECONDS = 24 * 3600


def supervising_department_choices() -> list[tuple[int, str]]:
    """(pk, name) of the supervising departments, as a queue's department filter lists them.
    Forgotten on every save or delete of a department (signals, directory/apps.py)."""
    return remembered(
        SUPERVISING_CHOICES_KEY,
        lambda: [(department.pk, str(department)) for department in Department.objects.filter(
            kind=Department.Kind.SUPERVISING)],
        SUPERVISING_CHOICES_SECONDS,
    )


def forget_department_choices(**_signal) -> None:
    forget(SUPERVISING_CHOICES_KEY)
