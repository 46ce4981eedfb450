"""Demo disclosures on the demo city's entities and projects, published through the service (so
redacted like real ones). Idempotent: each is keyed on its source record and kind."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.models import Department, EntityRelation, MarketEntity, TradingProject
from publicity.models import Disclosure
from publicity.services import publish_disclosure
from publicity.services.complaints import publish_complaint_decision

# The demo ring's shared deposit account (directory.demo), in canonical form.
RING_ACCOUNT = "6222021200008888123"


def seed(stdout) -> None:
    today = timezone.localdate()
    zj, cz = Department.objects.get(code="ZJ"), Department.objects.get(code="CZ")
    # Construction firms of 住建局's own tenders: a ring member penalised for a tender it rigged,
    # the winner of a complained tender, and two firms with nothing against them.
    zj_bidders = MarketEntity.objects.filter(entity_type=MarketEntity.Type.BIDDER, department=zj).order_by("code")
    ring = zj_bidders.filter(
        relations__kind=EntityRelation.Kind.DEPOSIT_ACCOUNT, relations__normalized_value=RING_ACCOUNT
    ).first()
    honest, late = zj_bidders.exclude(relations__normalized_value=RING_ACCOUNT)[:2]
    expert = MarketEntity.objects.filter(entity_type=MarketEntity.Type.EXPERT).order_by("code").first()
    zj_projects = TradingProject.objects.filter(department=zj).order_by("code")
    rigged = zj_projects.filter(bids__bidder=ring).first()
    projects = [rigged, *zj_projects.exclude(pk=rigged.pk).filter(award__isnull=False)[:2]]
    complained = projects[2].award.winner
    seeded = [
        publish_disclosure(
            kind=Disclosure.Kind.PENALTY,
            severity=Disclosure.Severity.SERIOUS,
            entity=ring,
            department=zj,
            project=projects[0],
            source=ring,
            document_number=f"住建罚〔{today.year}〕8号",
            decided_on=today - dt.timedelta(days=42),
            publish_from=today - dt.timedelta(days=40),
            title=f"{ring.name}串通投标行政处罚决定书",
            body=(
                f"当事人：{ring.name}，统一社会信用代码{ring.code}，法定代表人{ring.legal_representative}，"
                f"联系电话{ring.phone}。\n经查，当事人在{projects[0].name}（项目编号{projects[0].code}）投标中，"
                "与其他投标人的投标文件由同一台电脑编制、投标保证金从同一账户转出，违反了《中华人民共和国招标投标法》"
                "第三十二条和《招标投标法实施条例》第四十条的规定。\n依据《中华人民共和国招标投标法》第五十三条，"
                "决定：处中标项目金额千分之八的罚款，计人民币二十六万元；记入不良行为记录，"
                "一年内取消其参加本市依法必须进行招标的项目投标资格。"
            ),
            personal_values=[ring.legal_representative],
        ),
        publish_disclosure(
            kind=Disclosure.Kind.BAD_BEHAVIOUR,
            severity=Disclosure.Severity.ORDINARY,
            entity=expert,
            department=cz,
            source=expert,
            decided_on=today - dt.timedelta(days=25),
            publish_from=today - dt.timedelta(days=20),
            title=f"评标专家{expert.name}不良行为记录",
            body=(
                f"评标专家{expert.name}（证书编号{expert.code}）在医用耗材集中采购项目评审中，未按照采购文件规定的"
                "评审方法和标准评分，对特定供应商评分明显偏高且不能说明理由。\n依据《政府采购评审专家管理办法》，"
                "记入不良行为记录，暂停评审资格六个月。"
            ),
        ),
        publish_disclosure(
            kind=Disclosure.Kind.RED_LIST,
            entity=honest,
            department=zj,
            source=honest,
            publish_from=today - dt.timedelta(days=10),
            title=f"{honest.name}列入{today.year}年度守信红名单",
            body=(
                f"{honest.name}连续三年无不良行为记录，合同履约评价均为优良，经公示无异议，列入守信红名单。"
                "有效期内，在本市公共资源交易活动中享受投标保证金减免等激励措施。"
            ),
        ),
        publish_disclosure(
            kind=Disclosure.Kind.INSPECTION_RESULT,
            department=zj,
            project=projects[1],
            source=projects[1],
            publish_from=today - dt.timedelta(days=5),
            title=f"{projects[1].name}“双随机、一公开”抽查结果",
            body=(
                f"抽查对象：{projects[1].name}（项目编号{projects[1].code}）。检查人员：孙杰、吴静（执法证号已核验）。\n"
                "检查内容：招标文件合规性、评标委员会组建、合同签订与履行。\n检查结果：发现合同签订时间超过中标通知书"
                "发出之日起30日的问题，已责令招标人限期整改。"
            ),
            personal_values=["孙杰", "吴静"],
        ),
        publish_disclosure(
            kind=Disclosure.Kind.COMPLAINT_DECISION,
            department=zj,
            entity=complained,
            project=projects[2],
            source=projects[2],
            decided_on=today - dt.timedelta(days=3),
            publish_from=today - dt.timedelta(days=2),
            document_number=f"住建投诉决〔{today.year}〕5号",
            source_label="投诉处理决定书",
            title=f"关于{projects[2].name}评标结果投诉的处理决定",
            body=(
                f"投诉人：张伟，联系电话13857112345。\n被投诉人：{complained.name}。\n投诉事项：投诉人认为第一中标候选人"
                "提供的类似工程业绩不真实。\n调查情况：经向业绩证明单位核实，第一中标候选人提供的两项业绩中有一项合同"
                "金额与实际不符。\n处理决定：投诉部分属实。依据《招标投标法实施条例》第六十一条，责令招标人组织原评标"
                "委员会重新评审，并对被投诉人弄虚作假行为另案处理。"
            ),
            personal_values=["张伟"],
        ),
        # A penalty whose publication period has ended: kept in the back office, gone from public lists.
        publish_disclosure(
            kind=Disclosure.Kind.PENALTY,
            severity=Disclosure.Severity.ORDINARY,
            entity=late,
            department=zj,
            source=late,
            publish_from=today - dt.timedelta(days=500),
            publish_until=today - dt.timedelta(days=200),
            title=f"{late.name}逾期签订合同行政处罚决定书",
            body=f"当事人：{late.name}。因无正当理由不按照中标通知书签订合同，处以罚款人民币二万元。",
        ),
    ]
    seeded += _publish_demo_case_decisions()
    public = sum(1 for disclosure in seeded if disclosure.is_public())
    stdout.write(f"publicity: {len(seeded)} disclosures ({public} public)")


def _publish_demo_case_decisions() -> list[Disclosure]:
    """The decisions of the two oldest closed demo complaints; the other decided ones stay in the
    office's "complaint decisions to publish" list."""
    from cases.models import Case, Kind, State

    supervisor = get_user_model().objects.filter(username="supervisor").first()
    closed = (
        Case.objects.filter(kind=Kind.COMPLAINT, state=State.CLOSED).exclude(decision_text="").order_by("number")[:2]
    )
    return [publish_complaint_decision(case=case, actor=supervisor) for case in closed]
