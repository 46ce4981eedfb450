"""A small city for the permission matrix: one user per role, a case in a department with an
attachment and a pending extension request, a decided complaint, a drawn inspection plan with
evidence, and a published disclosure. Everything is made through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services as case_services
from cases.models import Attachment, Case, ExtensionRequest, State
from directory import roles
from inspections.models import Inspection, InspectionPlan
from inspections.services import inspections as inspection_services
from inspections.services import plans
from publicity.models import Disclosure
from tests.factories.cases import CaseFactory, advance, make_staff, make_team
from tests.factories.directory import StaffProfileFactory, UserFactory
from tests.factories.files import PDF_BYTES, PNG_BYTES
from tests.factories.inspections import (
    EntityTargetFactory,
    InspectionItemFactory,
    InspectionPlanFactory,
    InspectorFactory,
)
from tests.factories.publicity import DisclosureFactory

PDF = PDF_BYTES
PNG = PNG_BYTES


@dataclass
class World:
    users: dict  # role name -> user (None for anonymous)
    case: Case  # investigating, in the handler's department, with an attachment and an extension request
    attachment: Attachment
    extension: ExtensionRequest
    decided: Case  # a decided complaint, waiting for its decision to be published
    plan: InspectionPlan
    inspection: Inspection
    evidence: object
    disclosure: Disclosure


def build_world(django_capture_on_commit_callbacks) -> World:
    """Needs sync_roles() to have run."""
    team = make_team()
    manager = make_staff(roles.INSPECTION_MANAGER, team.office, username="t_inspmgr")
    editor = make_staff(roles.EDITOR, team.office, username="t_editor")
    superuser = UserFactory(username="t_root", is_superuser=True, is_staff=True)
    StaffProfileFactory(user=superuser, department=team.office, full_name="系统管理员")
    for user in (team.supervisor, manager):  # as directory.services.create_staff_member sets it
        user.is_staff = True
        user.save(update_fields=["is_staff"])

    case = CaseFactory(attachments=[SimpleUploadedFile("证据.pdf", PDF)])
    case = advance(case, team, State.INVESTIGATING)
    extension = case_services.request_extension(case_id=case.pk, actor=team.handler, deadline="decision",
                                                workdays=5, reason="需组织专家论证")
    decided = advance(CaseFactory(title="已作出处理决定的投诉"), team, State.DECIDED)

    items = [InspectionItemFactory(department=team.department)]
    for grade in "ABCD":
        EntityTargetFactory(department=team.department, risk_grade=grade)
    for _n in range(2):
        InspectorFactory(department=team.department)
    plan = InspectionPlanFactory(created_by=manager, ratio_a=10000, ratio_b=10000, ratio_c=10000, ratio_d=10000)
    plan.departments.set([team.department])
    plan.items.set(items)
    plans.approve_plan(plan=plan, actor=manager)
    with django_capture_on_commit_callbacks(execute=True):
        plans.start_draw(plan=plan, actor=manager, now=plan.draw_at + dt.timedelta(minutes=1))
    plan = InspectionPlan.objects.get(pk=plan.pk)
    inspection = Inspection.objects.filter(plan=plan).order_by("draw_order").first()
    member = inspection.assignments.first().inspector.staff.user
    evidence = inspection_services.add_evidence(inspection=inspection, actor=member,
                                                upload=SimpleUploadedFile("现场照片.png", PNG))

    users = {
        "anonymous": None,
        "complainant": team.citizen,
        "office_intake": team.intake,
        "office_supervisor": team.supervisor,
        "department_head": team.head,
        "handler": team.handler,
        "grid_supervisor": team.grid_supervisor,
        "inspector": member,
        "inspection_manager": manager,
        "editor": editor,
        "auditor": team.auditor,
        "superuser": superuser,
    }
    return World(users=users, case=case, attachment=case.attachments.get(), extension=extension, decided=decided,
                 plan=plan, inspection=inspection, evidence=evidence,
                 disclosure=DisclosureFactory(title="关于某工程投诉的处理决定"))
