"""Seeding the benchmark's data at scale, inside PostgreSQL where the volume is (docs/PERFORMANCE.md).

At scale 1.0: 1,000,000 cases with their events and history (reporting's statistics seeder), of
which the open ones feed the staff queues; 1,000,000 published disclosures; about 1,000,000 bids
(monitoring's market simulator, 100,000 tenders). The draw's 100,000 targets are built in memory
(benchmarks.jobs). Staff sessions and an API token are made for the load generator."""

from __future__ import annotations

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, Channel, Kind
from cases.models.records import CASE_WORK_GENERATION
from directory import roles
from directory.models import Department
from directory.services import create_staff_member
from monitoring.models import SimulatedTruth
from monitoring.simulation import simulate
from portal.shared_cache import advance
from publicity.models import Disclosure
from reporting.management.commands.benchmark_statistics import Command as StatisticsBenchmark
from reporting.management.commands.benchmark_statistics import _empty_value

BENCH_PASSWORD = "bench-only-password-0123456789"  # noqa: S105 - scratch accounts of a scratch database
MARKET_SEED = 900
TRACKED_CASES = 20
LAST_DAY = dt.date(2025, 12, 31)


@dataclass
class Fixtures:
    """What the load generator needs: cookies of logged-in staff, an API token, tracking pairs."""

    sessions: dict[str, str]
    api_token: str
    tracking: list[tuple[str, str]]


def counts(scale: float) -> dict[str, int]:
    return {
        "cases": max(200, round(1_000_000 * scale)),
        "disclosures": max(200, round(1_000_000 * scale)),
        "targets": max(100, round(100_000 * scale)),
        "tenders": max(20, round(100_000 * scale)),
    }


def seed_cases(n: int) -> None:
    """reporting's statistics seeder, then open cases spread over the queues: a share assigned to
    the benchmark handler, some due within two working days from today."""
    StatisticsBenchmark(stdout=io.StringIO())._seed(n, LAST_DAY)


def staff_and_queues() -> tuple[dict[str, object], Department]:
    department = Department.objects.filter(kind=Department.Kind.SUPERVISING).order_by("pk").first()
    office = Department.objects.filter(kind=Department.Kind.OFFICE).first() or Department.objects.create(
        code="BMOFFICE", name="基准委办公室", short_name="委办", kind=Department.Kind.OFFICE
    )
    people = {
        "handler": (department, [roles.HANDLER]),
        "head": (department, [roles.DEPARTMENT_HEAD]),
        "supervisor": (office, [roles.OFFICE_SUPERVISOR]),
        "intake": (office, [roles.OFFICE_INTAKE]),
    }
    users = {}
    for name, (home, role_list) in people.items():
        profile = create_staff_member(
            username=f"bench_{name}",
            password=BENCH_PASSWORD,
            full_name=f"基准{name}",
            employee_no=f"BM-{name}",
            department=home,
            roles=role_list,
        )
        users[name] = profile.user
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET handler_id = %s WHERE state = 'investigating' AND department_id = %s "
            "AND id %% 3 = 0",
            [users["handler"].pk, department.pk],
        )
        cursor.execute(
            "UPDATE cases_case SET current_due = CURRENT_DATE + (id % 3)::int "
            "WHERE state = 'investigating' AND id % 5 = 0"
        )
        cursor.execute("ANALYZE cases_case")
    advance(CASE_WORK_GENERATION)  # the queues changed without events: no counts from before
    return users, department


def logged_in_cookie(user) -> str:
    """A session that has passed the second factor (as after a real sign-in with the authenticator)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="benchmark authenticator", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return session.session_key


def tracked_cases() -> list[tuple[str, str]]:
    pairs = []
    for number in range(TRACKED_CASES):
        submitted = case_services.submit_case(
            kind=Kind.REPORT,
            channel=Channel.ONLINE,
            is_anonymous=True,
            title=f"基准跟踪{number}",
            facts="基准测试：查询进度。",
        )
        pairs.append((submitted.case.number, submitted.access_code))
    return pairs


def api_token(department) -> str:
    from api import services as api_services
    from api.models import Scope

    issued = api_services.create_client(
        name=f"基准平台-{timezone.now().timestamp()}",
        department=department,
        acts_as=None,
        scopes=[Scope.FILE_CASES],
        allowed_networks="",
        expires_at=timezone.now() + dt.timedelta(days=1),
        is_active=True,
    )
    return issued.token


DISCLOSURE_COLUMNS = {
    "kind": "kind",
    "severity": "''",
    "title": "title",
    "body": "body",
    "entity_name": "entity",
    "entity_code": "code",
    "publish_from": "DATE '2021-01-01' + (i % 1800)",
    "state": "'published'",
    "search_text": "search_text",
    # The characters and pairs of characters of the upper-cased text, as publicity.search_index
    # makes them; `c` is the text split into characters once per row (DISCLOSURE_ROWS).
    "search_tokens": "(SELECT string_agg(DISTINCT token, ' ') FROM (SELECT c[k] AS token "
    "FROM generate_series(1, cardinality(c)) AS k UNION ALL SELECT c[k] || c[k + 1] "
    "FROM generate_series(1, cardinality(c) - 1) AS k) AS tokens WHERE token !~ '\\s')",
    "created_at": "now()",
    "updated_at": "now()",
}
# docs/PERFORMANCE.md: 罚款 in about 62 % of the rows, 围标 in every 200th, 串通投标 in every 333rd.
DISCLOSURE_ROWS = """
    SELECT i, kind, title, body, entity, code, search_text, regexp_split_to_array(upper(search_text), '') AS c FROM (
      SELECT i, kind, title, body, entity, code, title || E'\\n' || entity || E'\\n' || code || E'\\n' || body AS search_text
      FROM (SELECT i, (ARRAY['complaint_decision','inspection_result','penalty','bad_behaviour','red_list'])[1 + i % 5] AS kind,
                   '关于第' || i || '号交易项目的处理决定' AS title,
                   substr(p, 1 + (i * 37) % 150, 60 + i % 80)
                     || CASE WHEN i % 200 = 0 THEN '经查投标人之间存在围标行为。' ELSE '' END
                     || CASE WHEN i % 333 = 0 THEN '投标人相互串通投标报价。' ELSE '' END AS body,
                   (ARRAY['浙江宏达建设有限公司','杭州联创科技有限公司','宁波市政工程有限公司','温州建安集团有限公司'])[1 + i % 4] AS entity,
                   '91330100' || upper(lpad(to_hex(i), 10, '0')) AS code
            FROM generate_series(%(first)s, %(last)s) AS i,
                 (SELECT '经调查，该项目招标代理机构在开标、评标过程中存在程序瑕疵，未按规定核验投标人身份，'
                      || '部分评标专家未按招标文件规定的评分标准打分。依据《中华人民共和国招标投标法》相关规定，'
                      || '决定对该机构予以警告，并处罚款人民币五万元，记入不良行为记录。'
                      || '当事人对本决定不服的，可依法申请行政复议或者提起行政诉讼。' AS p) AS pool) AS raw) AS rows
    OFFSET 0  -- not flattened: each row's characters are split once, not once per use
"""


def seed_disclosures(n: int) -> None:
    columns, expressions = [], []
    for field in Disclosure._meta.concrete_fields:
        if not field.primary_key:
            columns.append(connection.ops.quote_name(field.column))
            expressions.append(DISCLOSURE_COLUMNS.get(field.column) or _empty_value(field))
    with transaction.atomic(), connection.cursor() as cursor:
        # The append-only guard on the events: this is a scratch database.
        cursor.execute(
            "ALTER TABLE publicity_disclosureevent DISABLE TRIGGER USER; DELETE FROM publicity_disclosureevent; "
            "ALTER TABLE publicity_disclosureevent ENABLE TRIGGER USER; DELETE FROM publicity_disclosure"
        )
        # Filling the GIN search indexes row by row slows a bulk load: drop them, load, and build
        # them again from their own definitions.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'publicity_disclosure' "
            "AND indexdef LIKE '%%USING gin%%'"
        )
        search_indexes = cursor.fetchall()
        for name, _definition in search_indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    # Computing each row's search tokens in SQL takes one core per connection: the rows in two
    # halves, then the two indexes, each pair on two connections at once.
    halves = [(1, n // 2), (n // 2 + 1, n)]
    _at_once(
        # The model's own column names and the constants above, no outside input.
        f"INSERT INTO publicity_disclosure ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(expressions)} FROM "
        f"({DISCLOSURE_ROWS.replace('%(first)s', str(int(first))).replace('%(last)s', str(int(last)))}) AS seeded"
        for first, last in halves
    )
    _at_once(f"SET maintenance_work_mem = '512MB'; {definition}" for _name, definition in search_indexes)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE publicity_disclosure")


def _at_once(statements) -> None:
    """Run each statement on its own connection (its own thread), all at the same time."""

    def run(sql: str) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()  # this thread's connection

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, statements))


def seed_market(tenders: int) -> None:
    if not SimulatedTruth.objects.filter(seed=MARKET_SEED).exists():
        simulate(seed=MARKET_SEED, tenders=tenders, stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def seed_all(scale: float, *, reseed: bool, say) -> Fixtures:
    wanted = counts(scale)
    if reseed or Case.objects.filter(number__startswith="BM").count() != wanted["cases"]:
        say(f"seeding {wanted['cases']:,} cases …")
        seed_cases(wanted["cases"])
    if reseed or Disclosure.objects.count() != wanted["disclosures"]:
        say(f"seeding {wanted['disclosures']:,} disclosures …")
        seed_disclosures(wanted["disclosures"])
    say(f"seeding a market of {wanted['tenders']:,} tenders (unless it exists) …")
    seed_market(wanted["tenders"])
    users, department = staff_and_queues()
    sessions = {name: logged_in_cookie(user) for name, user in users.items()}
    return Fixtures(sessions=sessions, api_token=api_token(department), tracking=tracked_cases())
