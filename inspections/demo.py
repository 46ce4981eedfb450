"""Demo data for random inspections: items, targets, inspectors with conflicts, and one published
joint draw with inspections in several states. Deterministic and idempotent."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory import identity, roles
from directory.models import Department, EntityRelation, MarketEntity, StaffProfile
from directory.services import create_staff_member
from inspections.models import InspectionItem, InspectionPlan, InspectionTarget, Inspector, InspectorTie, PlanState
from inspections.services import inspections as workflow
from inspections.services import plans, publication
from inspections.services.targets import sync_targets_from_directory

ITEMS = [
    ("ZJ-01", "ZJ", "key", "招标文件编制及资格条件设置合规性检查", "《中华人民共和国招标投标法实施条例》第三十二条"),
    (
        "ZJ-02",
        "ZJ",
        "general",
        "施工现场项目经理到岗履职情况检查",
        "《建筑工程施工发包与承包违法行为认定查处管理办法》",
    ),
    (
        "ZJ-03",
        "ZJ",
        "general",
        "合同履约及工程款支付情况检查",
        "《中华人民共和国民法典》合同编；《保障农民工工资支付条例》",
    ),
    ("JT-01", "JT", "key", "交通工程评标委员会组建及评标活动检查", "《公路工程建设项目招标投标管理办法》第四十一条"),
    ("JT-02", "JT", "general", "中标人履约及分包情况检查", "《中华人民共和国招标投标法》第四十八条"),
    ("CZ-01", "CZ", "general", "政府采购代理机构执业行为检查", "《政府采购代理机构管理暂行办法》"),
]
# Extra inspectors besides the README's demo accounts: (username, full name, department).
EXTRA_INSPECTORS = [("inspector4", "钱敏", "JT"), ("inspector5", "冯磊", "ZJ"), ("inspector6", "韩雪", "JT")]
PLAN_CODE = "SJ2026-11"
DRAW_AT = dt.datetime(2026, 11, 6, 10, 0)
PUBLIC_VALUE_AT = dt.datetime(2026, 11, 5, 21, 30)  # 福彩3D draws at 21:15; its result is public soon after
APPROVED_AT = dt.datetime(2026, 11, 3, 10, 0)


def seed(stdout) -> None:
    departments = {d.code: d for d in Department.objects.filter(code__in=["ZJ", "JT", "CZ"])}
    items = _seed_items(departments)
    created = sync_targets_from_directory()
    _grade_targets()
    inspectors = _seed_inspectors(departments)
    _seed_conflicts(inspectors)
    plan = _seed_published_draw(departments, items)
    stdout.write(
        f"inspections: {len(items)} items, {InspectionTarget.objects.count()} targets "
        f"(+{created['entity']} entities, +{created['project']} projects), {Inspector.objects.count()} inspectors, "
        f"{InspectorTie.objects.count()} conflict declarations, draw {plan.code} ({plan.get_state_display()}) "
        f"with {plan.inspections.count()} inspections; inspector4–6 log in with demo-<username>"
    )


def _seed_items(departments):
    items = []
    for code, dept, kind, name, basis in ITEMS:
        item, _ = InspectionItem.objects.update_or_create(
            code=code, defaults={"department": departments[dept], "kind": kind, "name": name, "legal_basis": basis}
        )
        items.append(item)
    return items


def _grade_targets():
    """Spread grades deterministically by primary key; flag two targets for forced inclusion."""
    for target in InspectionTarget.objects.filter(risk_grade="B", last_inspected_on__isnull=True, events__isnull=True):
        grade = "ABBBCCCD"[target.pk % 8]
        if grade != target.risk_grade:
            InspectionTarget.objects.filter(pk=target.pk).update(risk_grade=grade)
    ring = (
        InspectionTarget.objects.filter(
            entity__relations__kind=EntityRelation.Kind.DEPOSIT_ACCOUNT,
            entity__relations__normalized_value="6222021200008888123",
            department__code__in=["ZJ", "JT"],
        )
        .order_by("pk")
        .first()
    )
    if ring is not None:
        InspectionTarget.objects.filter(pk=ring.pk).update(
            forced_lead=True, forced_note="围标串标预警线索：共用保证金账户"
        )
    complained = (
        InspectionTarget.objects.filter(department__code="ZJ", kind=InspectionTarget.Kind.PROJECT)
        .order_by("pk")
        .first()
    )
    if complained is not None:
        InspectionTarget.objects.filter(pk=complained.pk).update(
            forced_complaint=True, forced_note="投诉经查属实（演示数据）"
        )


def _seed_inspectors(departments):
    user_model = get_user_model()
    for index, (username, full_name, dept) in enumerate(EXTRA_INSPECTORS):
        if not user_model.objects.filter(username=username).exists():
            create_staff_member(
                username=username,
                password=f"demo-{username}",
                full_name=full_name,
                employee_no=f"E09{index + 1:02d}",
                department=departments[dept],
                roles=[roles.INSPECTOR],
                email=f"{username}@portal.example.cn",
                phone=f"1391111{index:04d}",
                title="执法队员",
            )
        else:  # earlier demos named them after their role
            user_model.objects.filter(username=username).update(first_name=full_name)
            StaffProfile.objects.filter(user__username=username).update(full_name=full_name)
    inspectors = {}
    usernames = ["inspector1", "inspector2", "inspector3"] + [u for u, _n, _d in EXTRA_INSPECTORS]
    for number, username in enumerate(usernames, start=1):
        staff = StaffProfile.objects.get(user__username=username)
        protected = identity.protect(f"33010219850101{number:04d}")
        inspectors[username], _ = Inspector.objects.update_or_create(
            staff=staff,
            defaults={
                "certificate_no": f"ZF330100{number:04d}",
                "certificate_valid_until": dt.date(2028, 12, 31),
                "person_id_hash": protected.index,
                "person_id_sealed": protected.sealed,
            },
        )
    return inspectors


def _seed_conflicts(inspectors):
    zj_entities = list(MarketEntity.objects.filter(department__code="ZJ", entity_type="bidder").order_by("code")[:2])
    if len(zj_entities) < 2:
        return
    InspectorTie.objects.get_or_create(
        inspector=inspectors["inspector1"],
        kind=InspectorTie.Kind.FORMER_EMPLOYER,
        entity=zj_entities[0],
        defaults={"note": "2019年前在该公司任技术员"},
    )
    relative = identity.protect("330102196505051234")
    EntityRelation.objects.get_or_create(
        entity=zj_entities[1],
        kind=EntityRelation.Kind.SHAREHOLDER,
        value="吴国华",
        defaults={"person_id_hash": relative.index, "person_id_sealed": relative.sealed},
    )
    InspectorTie.objects.get_or_create(
        inspector=inspectors["inspector2"],
        kind=InspectorTie.Kind.RELATIVE,
        relative_id_hash=relative.index,
        defaults={"relative_name": "吴国华（父亲）", "relative_id_sealed": relative.sealed},
    )


def _seed_published_draw(departments, items):
    existing = InspectionPlan.objects.filter(code=PLAN_CODE).first()
    if existing is not None:
        return existing
    manager = get_user_model().objects.get(username="inspmgr")
    draw_at = timezone.make_aware(DRAW_AT)
    plan = plans.save_plan(
        actor=manager,
        departments=[departments["ZJ"], departments["JT"]],
        items=[i for i in items if i.department.code in ("ZJ", "JT")],
        values={"code": PLAN_CODE, "title": "2026年11月住建交通联合“双随机、一公开”抽查", "kind": "routine",
                "period_start": dt.date(2026, 11, 9), "period_end": dt.date(2026, 12, 18),
                "ratio_a": 500, "ratio_b": 1000, "ratio_c": 2000, "ratio_d": 5000, "frequency_months": 12,
                "inspectors_per_target": 2, "draw_at": draw_at, "publication_deadline": dt.date(2027, 1, 29),
                "public_value_source": "中国福利彩票3D 2026年11月5日开奖号码",
                "public_value_published_at": timezone.make_aware(PUBLIC_VALUE_AT)})
    # Dated as they happen in the story: approved (manifest published), value public, then drawn.
    plans.approve_plan(plan=plan, actor=manager, now=timezone.make_aware(APPROVED_AT))
    plans.start_draw(plan=plan, actor=manager, public_value="472", now=draw_at)
    plans.execute_draw(plan_id=plan.pk, now=draw_at + dt.timedelta(seconds=5))
    plan = InspectionPlan.objects.get(pk=plan.pk)
    if plan.state == PlanState.DRAWN:
        _advance_inspections(plan, manager)
    return plan


def _advance_inspections(plan, manager):
    inspections = list(plan.inspections.order_by("draw_order"))
    steps = [
        ("published", "no_issue", ""),
        ("rectification_verified", "rectification", "评标委员会组建程序不规范，专家抽取记录不完整"),
        ("result_recorded", "rectification", "项目经理未按投标承诺到岗履职"),
        ("result_recorded", "referred", "发现涉嫌串通投标线索"),
        ("in_progress", "", ""),
    ]
    for inspection, (goal, outcome, findings) in zip(inspections, steps, strict=False):
        actor = inspection.assignments.first().inspector.staff.user
        inspection = workflow.start_inspection(inspection=inspection, actor=actor, started_on=dt.date(2026, 11, 10))
        if goal == "in_progress":
            continue
        inspection = workflow.record_result(
            inspection=inspection,
            actor=actor,
            outcome=outcome,
            findings=findings,
            ended_on=dt.date(2026, 11, 12),
            rectification_deadline=dt.date(2026, 12, 11) if outcome == "rectification" else None,
            referred_to=Department.objects.get(code="GA") if outcome == "referred" else None,
        )
        if goal == "rectification_verified":
            inspection = workflow.verify_rectification(
                inspection=inspection,
                actor=actor,
                verified_on=dt.date(2026, 11, 20),
                note="复查：已补充完善专家抽取记录",
            )
        if goal == "published":
            publication.publish_result(inspection=inspection, actor=manager)
