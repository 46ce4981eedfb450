import datetime as dt
import random
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from directory.identifiers import CREDIT_CODE_ALPHABET as ALPHABET
from directory.identifiers import credit_code_check_character as check_character
from directory.models import Award, Bid, Department, EntityRelation, Grid, MarketEntity, StaffProfile, TradingProject


def make_credit_code(n: int) -> str:
    rnd = random.Random(n)
    body = "91330100" + "".join(rnd.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.cn")
    password = factory.PostGenerationMethodCall("set_password", "pw-123456")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()  # keeps the password set above
        if extracted:
            self.groups.add(*[Group.objects.get(name=role.group_name) for role in extracted])


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"市监督部门{n}")
    short_name = factory.Sequence(lambda n: f"部门{n}")
    kind = Department.Kind.SUPERVISING


class GridFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grid

    code = factory.Sequence(lambda n: f"G{n:03d}")
    name = factory.Sequence(lambda n: f"网格{n}")
    department = factory.SubFactory(DepartmentFactory)


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    employee_no = factory.Sequence(lambda n: f"E{n:05d}")
    full_name = factory.Sequence(lambda n: f"工作人员{n}")
    department = factory.SubFactory(DepartmentFactory)


class MarketEntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketEntity

    code = factory.Sequence(make_credit_code)
    name = factory.Sequence(lambda n: f"测试建设工程有限公司{n}")
    entity_type = MarketEntity.Type.BIDDER
    legal_representative = "张三"


class EntityRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntityRelation

    entity = factory.SubFactory(MarketEntityFactory)
    kind = EntityRelation.Kind.PHONE
    value = factory.Sequence(lambda n: f"1380000{n:04d}")


class TradingProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradingProject

    code = factory.Sequence(lambda n: f"P-2026-{n:04d}")
    name = factory.Sequence(lambda n: f"道路改造工程{n}")
    category = TradingProject.Category.CONSTRUCTION
    department = factory.SubFactory(DepartmentFactory)
    tenderer = factory.SubFactory(MarketEntityFactory, entity_type=MarketEntity.Type.TENDERER)
    budget = Decimal("1000000.00")
    announced_on = dt.date(2026, 3, 2)
    bid_deadline = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2026, 3, 23, 9, 30)))


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    project = factory.SubFactory(TradingProjectFactory)
    bidder = factory.SubFactory(MarketEntityFactory)
    amount = Decimal("950000.00")
    submitted_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2026, 3, 23, 8, 0)))


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    project = factory.SubFactory(TradingProjectFactory)
    winner = factory.LazyAttribute(lambda a: BidFactory(project=a.project).bidder)
    amount = Decimal("950000.00")
    awarded_on = dt.date(2026, 4, 10)
