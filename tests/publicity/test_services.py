import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.models import MarketEntity
from directory.roles import EDITOR, OFFICE_SUPERVISOR
from portal.errors import ActionNotAllowed, PermissionRefused
from publicity.models import Disclosure, DisclosureEvent
from publicity.services import publish_disclosure, remove_after_credit_repair, withdraw_disclosure
from tests.factories.directory import DepartmentFactory, MarketEntityFactory, TradingProjectFactory, UserFactory
from tests.factories.publicity import DisclosureFactory

pytestmark = pytest.mark.django_db
today = timezone.localdate


def test_publish_stores_only_redacted_text_and_snapshots_the_entity():
    entity = MarketEntityFactory(name="浙江宏达建设工程有限公司", legal_representative="王建国")
    disclosure = publish_disclosure(
        kind=Disclosure.Kind.PENALTY, severity=Disclosure.Severity.ORDINARY,
        title="浙江宏达建设工程有限公司行政处罚决定",
        body="当事人：浙江宏达建设工程有限公司，法定代表人王建国，联系电话13812345678。项目经理：李强。",
        entity=entity, department=DepartmentFactory(), publish_until=today() + dt.timedelta(days=200),
    )
    disclosure = Disclosure.objects.get(pk=disclosure.pk)
    assert "王建国" not in disclosure.body and "13812345678" not in disclosure.body
    assert "法定代表人王某某" in disclosure.body and "项目经理：李某" in disclosure.body
    assert disclosure.entity_name == "浙江宏达建设工程有限公司" and disclosure.entity_code == entity.code
    assert "王建国" not in disclosure.search_text and "浙江宏达" in disclosure.search_text
    assert list(disclosure.events.values_list("action", flat=True)) == ["published"]


def test_an_expert_is_a_natural_person_and_is_masked():
    expert = MarketEntityFactory(entity_type=MarketEntity.Type.EXPERT, code="ZJ-EXP-0001", name="钱志强",
                                 legal_representative="")
    disclosure = publish_disclosure(kind=Disclosure.Kind.BAD_BEHAVIOUR, title="评标专家钱志强不良行为记录",
                                    body="评标专家钱志强在评标中倾向性打分。", entity=expert)
    assert disclosure.entity_name == "钱某某" and disclosure.entity_code == ""
    assert "钱志强" not in disclosure.title + disclosure.body


def test_publishing_again_for_the_same_source_revises_in_place():
    source = TradingProjectFactory()
    first = publish_disclosure(kind=Disclosure.Kind.INSPECTION_RESULT, title="抽查结果", body="未发现问题。",
                               source=source, source_label="抽查任务 CC-2026-01")
    again = publish_disclosure(kind=Disclosure.Kind.INSPECTION_RESULT, title="抽查结果", body="未发现问题。",
                               source=source, source_label="抽查任务 CC-2026-01")
    assert again.pk == first.pk and Disclosure.objects.count() == 1
    assert list(first.events.values_list("action", flat=True)) == ["published"]
    revised = publish_disclosure(kind=Disclosure.Kind.INSPECTION_RESULT, title="抽查结果（更正）",
                                 body="发现问题，已责令整改。", source=source)
    assert revised.pk == first.pk and Disclosure.objects.count() == 1
    assert revised.title == "抽查结果（更正）"
    assert list(first.events.values_list("action", flat=True)) == ["published", "revised"]
    # Another kind from the same source is a separate disclosure.
    publish_disclosure(kind=Disclosure.Kind.PENALTY, title="处罚", body="罚款。", source=source,
                       publish_until=today() + dt.timedelta(days=365))
    assert Disclosure.objects.count() == 2


def test_a_withdrawn_disclosure_is_not_published_again():
    source = TradingProjectFactory()
    supervisor = UserFactory(roles=[OFFICE_SUPERVISOR])
    disclosure = publish_disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title="决定", body="驳回。",
                                    source=source)
    withdraw_disclosure(disclosure_id=disclosure.pk, actor=supervisor, reason="行政复议撤销原决定")
    with pytest.raises(ActionNotAllowed):
        publish_disclosure(kind=Disclosure.Kind.COMPLAINT_DECISION, title="决定", body="驳回。", source=source)


def test_default_windows_follow_the_kind_and_severity():
    start = dt.date(2026, 1, 15)
    serious = DisclosureFactory(kind=Disclosure.Kind.PENALTY, severity=Disclosure.Severity.SERIOUS, publish_from=start)
    ordinary = DisclosureFactory(kind=Disclosure.Kind.BAD_BEHAVIOUR, publish_from=start)
    decision = DisclosureFactory(publish_from=start)
    assert serious.publish_until == dt.date(2029, 1, 15)
    assert ordinary.severity == Disclosure.Severity.ORDINARY and ordinary.publish_until == dt.date(2027, 1, 15)
    assert decision.severity == "" and decision.publish_until == dt.date(2029, 1, 15)


@pytest.mark.parametrize(
    ("severity", "until", "message"),
    [
        ("ordinary", dt.date(2026, 3, 1), "至少 3 个月"),
        ("ordinary", dt.date(2027, 2, 1), "最长 12 个月"),
        ("serious", dt.date(2026, 12, 1), "至少 12 个月"),
        ("serious", dt.date(2029, 2, 1), "最长 36 个月"),
    ],
)
def test_penalty_windows_outside_the_bounds_are_refused(severity, until, message):
    with pytest.raises(ValidationError) as excinfo:
        DisclosureFactory(kind=Disclosure.Kind.PENALTY, severity=severity, publish_from=dt.date(2026, 1, 15),
                          publish_until=until)
    assert message in str(excinfo.value.message_dict["publish_until"])
    assert Disclosure.objects.count() == 0


def test_a_window_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        DisclosureFactory(publish_from=dt.date(2026, 5, 1), publish_until=dt.date(2026, 4, 1))
    assert "结束日期不能早于开始日期" in str(excinfo.value)


def test_withdrawal_needs_permission_and_a_reason(roles):
    disclosure = DisclosureFactory()
    editor = UserFactory(roles=[EDITOR])
    supervisor = UserFactory(roles=[OFFICE_SUPERVISOR])
    with pytest.raises(PermissionRefused):
        withdraw_disclosure(disclosure_id=disclosure.pk, actor=editor, reason="错误")
    with pytest.raises(ValidationError):
        withdraw_disclosure(disclosure_id=disclosure.pk, actor=supervisor, reason="  ")
    withdrawn = withdraw_disclosure(disclosure_id=disclosure.pk, actor=supervisor, reason="原处理决定已被撤销")
    assert withdrawn.state == Disclosure.State.WITHDRAWN and not withdrawn.is_public()
    event = withdrawn.events.last()
    assert (event.action, event.from_state, event.to_state, event.actor) == (
        "withdrawn", "published", "withdrawn", supervisor)
    with pytest.raises(ActionNotAllowed):
        withdraw_disclosure(disclosure_id=disclosure.pk, actor=supervisor, reason="再次撤回")


def test_credit_repair_removes_a_record_only_after_the_minimum_period(roles):
    supervisor = UserFactory(roles=[OFFICE_SUPERVISOR])
    recent = DisclosureFactory(kind=Disclosure.Kind.PENALTY, publish_from=today() - dt.timedelta(days=30))
    with pytest.raises(ActionNotAllowed) as excinfo:
        remove_after_credit_repair(disclosure_id=recent.pk, actor=supervisor, reason="已整改", repaired_on=today())
    assert "最短公示期" in str(excinfo.value.message)
    old = DisclosureFactory(kind=Disclosure.Kind.PENALTY, publish_from=today() - dt.timedelta(days=100))
    removed = remove_after_credit_repair(disclosure_id=old.pk, actor=supervisor,
                                         reason="已履行处罚决定并提交信用承诺书", repaired_on=today())
    assert removed.state == Disclosure.State.REPAIRED and not removed.is_public()
    assert removed.events.last().action == "repaired"


def test_credit_repair_does_not_apply_to_complaint_decisions(roles):
    supervisor = UserFactory(roles=[OFFICE_SUPERVISOR])
    decision = DisclosureFactory(publish_from=today() - dt.timedelta(days=400))
    with pytest.raises(ActionNotAllowed):
        remove_after_credit_repair(disclosure_id=decision.pk, actor=supervisor, reason="x", repaired_on=today())


def test_audit_events_cannot_be_changed_or_deleted():
    disclosure = DisclosureFactory()
    event = disclosure.events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        DisclosureEvent.objects.filter(pk=event.pk).delete()
