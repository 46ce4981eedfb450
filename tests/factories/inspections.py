import datetime as dt

import factory
from django.utils import timezone

from directory.roles import INSPECTOR
from inspections.models import InspectionItem, InspectionPlan, InspectionTarget, Inspector, InspectorTie
from tests.factories.directory import (
    DepartmentFactory,
    MarketEntityFactory,
    StaffProfileFactory,
    TradingProjectFactory,
    UserFactory,
)


class InspectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionItem

    code = factory.Sequence(lambda n: f"SX{n:03d}")
    name = factory.Sequence(lambda n: f"招标投标活动合规性检查{n}")
    legal_basis = "《中华人民共和国招标投标法》第七条"
    department = factory.SubFactory(DepartmentFactory)


class EntityTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTarget

    kind = InspectionTarget.Kind.ENTITY
    entity = factory.SubFactory(MarketEntityFactory)
    department = factory.SubFactory(DepartmentFactory)
    risk_grade = "B"


class ProjectTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionTarget

    kind = InspectionTarget.Kind.PROJECT
    department = factory.SubFactory(DepartmentFactory)
    project = factory.SubFactory(TradingProjectFactory, department=factory.SelfAttribute("..department"))
    risk_grade = "B"


class InspectorFactory(factory.django.DjangoModelFactory):
    """An inspector with an account holding the inspector role (needs the `roles` fixture)."""

    class Meta:
        model = Inspector

    class Params:
        department = factory.SubFactory(DepartmentFactory)

    staff = factory.SubFactory(
        StaffProfileFactory, department=factory.SelfAttribute("..department"),
        user=factory.SubFactory(UserFactory, roles=[INSPECTOR]),
    )
    certificate_no = factory.Sequence(lambda n: f"ZF{n:05d}")


class InspectorTieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectorTie

    inspector = factory.SubFactory(InspectorFactory)
    kind = InspectorTie.Kind.FORMER_EMPLOYER
    entity = factory.SubFactory(MarketEntityFactory)


class InspectionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionPlan

    code = factory.Sequence(lambda n: f"CC2026-{n:03d}")
    title = factory.Sequence(lambda n: f"2026年第四季度双随机抽查计划{n}")
    period_start = dt.date(2026, 12, 1)
    period_end = dt.date(2026, 12, 31)
    draw_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=1))
    publication_deadline = dt.date(2027, 2, 26)
    created_by = factory.SubFactory(UserFactory)
