"""Writes to the reference directory."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from directory.calendar import calendar_changed, schedule_loading
from directory.models import CalendarDay, CalendarYear, Department, Grid, StaffProfile
from directory.roles import Role


@dataclass(frozen=True)
class ScheduleDay:
    date: dt.date
    is_workday: bool
    note: str


@transaction.atomic
def load_year_schedule(*, year: int, days: list[ScheduleDay], source: str = "") -> CalendarYear:
    """Load a State Council holiday schedule for `year`: holidays and make-up working days.
    Replaces whatever was loaded for that year before; other days follow Monday–Friday."""
    if not days:
        raise ValidationError(_("The schedule is empty: give at least the public holidays."))
    wrong_year = sorted({d.date.isoformat() for d in days if d.date.year != year})
    if wrong_year:
        raise ValidationError(
            _("These dates are not in %(year)s: %(dates)s") % {"year": year, "dates": ", ".join(wrong_year)}
        )
    seen = {}
    for day in days:
        if day.date in seen and seen[day.date] != day.is_workday:
            raise ValidationError(
                _("%(date)s is listed both as a holiday and as a working day.") % {"date": day.date.isoformat()}
            )
        seen[day.date] = day.is_workday
    finish_steps = schedule_loading(year)  # before the write: dependants read the old calendar
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=d.date, is_workday=d.is_workday, note=d.note[:100]) for d in days]
    )
    calendar_year, _created = CalendarYear.objects.update_or_create(year=year, defaults={"source": source})
    calendar_changed()
    for finish in finish_steps:
        finish()
    return calendar_year


@transaction.atomic
def set_calendar_override(*, date: dt.date, is_workday: bool, note: str = "") -> CalendarDay:
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"is_workday": is_workday, "note": note}
    )
    calendar_changed()
    return day


@transaction.atomic
def create_account(*, username: str, full_name: str = "", email: str = "", password: str | None = None,
                   password_hash: str | None = None, roles: list[Role] = (), is_staff: bool = False):
    """The one place a user account is created (staff, staff import, complainants). Without a
    password or an already made hash the account has no usable password."""
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ValidationError({"username": _("An account with this user name already exists.")}, code="taken")
    user = user_model(username=username, first_name=full_name.strip(), email=email, is_staff=is_staff)
    if password is not None:
        user.set_password(password)
    elif password_hash is not None:
        user.password = password_hash
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get_or_create(name=role.group_name)[0] for role in roles])
    return user


def staff_is_django_admin_user(roles: list[Role]) -> bool:
    # Django admin (bulk import/export) is for the office; everyone else works in Wagtail.
    return any(role.code in {"office_supervisor", "inspection_manager"} for role in roles)


@transaction.atomic
def create_staff_member(
    *, username: str, password: str, full_name: str, employee_no: str, department: Department,
    roles: list[Role], grid: Grid | None = None, email: str = "", title: str = "", phone: str = "",
) -> StaffProfile:
    """Create or update a staff account with its profile and role groups."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = create_account(username=username, full_name=full_name, email=email, password=password, roles=roles,
                              is_staff=staff_is_django_admin_user(roles))
    else:
        user.email = email
        user.first_name = full_name
        user.is_staff = staff_is_django_admin_user(roles)
        user.is_active = True
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        user.groups.set([Group.objects.get(name=role.group_name) for role in roles])
    profile = StaffProfile.objects.filter(user=user).first() or StaffProfile(user=user)
    profile.full_name = full_name
    profile.employee_no = employee_no
    profile.department = department
    profile.grid = grid
    profile.title = title
    profile.phone = phone
    profile.is_grid_supervisor = any(role.code == "grid_supervisor" for role in roles)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def rekey_id_numbers(*, batch_size: int = 500) -> dict[str, tuple[int, int]]:
    """Re-index and re-seal every stored ID number with the current identity key, all or nothing
    (a half-rotated table would stop matching relatives). Returns, per model, the number re-keyed
    and the number of indexes without a sealed copy, which cannot be re-keyed."""
    from django.apps import apps

    from directory import identity

    report = {}
    for app_label, model_name, prefix in identity.STORED_ID_NUMBERS:
        model = apps.get_model(app_label, model_name)
        index_field, sealed_field = f"{prefix}_hash", f"{prefix}_sealed"
        rows = model.objects.exclude(**{sealed_field: ""}).only("pk", index_field, sealed_field).order_by("pk")
        batch, rekeyed = [], 0
        for row in rows.iterator(chunk_size=batch_size):
            protected = identity.reprotect(getattr(row, sealed_field))
            setattr(row, index_field, protected.index)
            setattr(row, sealed_field, protected.sealed)
            batch.append(row)
            if len(batch) >= batch_size:
                model.objects.bulk_update(batch, [index_field, sealed_field])
                rekeyed += len(batch)
                batch = []
        if batch:
            model.objects.bulk_update(batch, [index_field, sealed_field])
            rekeyed += len(batch)
        unsealed = model.objects.filter(**{sealed_field: ""}).exclude(**{index_field: ""}).count()
        report[f"{app_label}.{model_name}"] = (rekeyed, unsealed)
    return report
