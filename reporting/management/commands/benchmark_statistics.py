"""Benchmark: every quarterly metric over N cases on PostgreSQL (docs/benchmarks.md).

Run it on a scratch database, never on production data:
    createdb -h 127.0.0.1 -U postgres portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python manage.py benchmark_statistics --cases 1000000

Rows are generated inside PostgreSQL (INSERT … SELECT generate_series) and kept, so a second run
with the same --cases reuses them. It prints the time of every metric, the total for one quarter
(and for the whole range), and the EXPLAIN ANALYZE of the slowest query."""

from __future__ import annotations

import datetime as dt
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from directory.models import Department
from directory.services import create_account
from reporting.figures import Period
from reporting.figures.registry import load_metrics
from reporting.figures.scope import BY_DEPARTMENT, BY_MONTH, Scope, statistics_transaction
from reporting.workdays import check_workday_index, refresh_workday_index

PREFIX = "BM"
FIRST_DAY = dt.date(2022, 1, 1)

# SQL for the columns the statistics read; every other column gets its type's empty value.
CASE_COLUMNS = {
    "number": f"'{PREFIX}' || lpad(g::text, 10, '0')",
    "kind": "(ARRAY['complaint','report','report','suggestion'])[1 + g % 4]",
    "channel": "(ARRAY['online','online','api','paper','phone','referral'])[1 + g % 6]",
    "deadline_track": "(ARRAY['complaint_tendering','report','report','suggestion'])[1 + g % 4]",
    "state": "CASE WHEN g % 10 = 0 THEN 'rejected' WHEN g % 100 = 1 THEN 'investigating' "
             "WHEN g % 50 = 2 THEN 'transferred' ELSE 'closed' END",
    "received_at": "{start} + (g::float8 / {n} * {span}) * interval '1 second'",
    "counted_from": "({start} + (g::float8 / {n} * {span}) * interval '1 second')::date",
    "accepted_at": "CASE WHEN g % 10 <> 0 THEN {start} + (g::float8 / {n} * {span} + 86400 * (1 + g % 3)) * interval '1 second' END",
    "decided_at": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 50 <> 2 THEN {start} + (g::float8 / {n} * {span} "
                  "+ 86400 * (1 + g % 3 + 15 + g % 41)) * interval '1 second' END",
    "replied_at": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 50 <> 2 THEN {start} + (g::float8 / {n} * {span} "
                  "+ 86400 * (3 + g % 3 + 15 + g % 41)) * interval '1 second' END",
    "department_id": "({departments})[1 + g % {department_count}]",
    "outcome": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 50 <> 2 THEN "
               "(ARRAY['substantiated','unsubstantiated','partly_substantiated','dismissed'])[1 + g % 4] ELSE '' END",
    "measures": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 4 = 0 THEN '[\"fine\", \"bad_record\"]'::jsonb "
                "WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 4 = 2 THEN '[\"warning\"]'::jsonb ELSE '[]'::jsonb END",
    "fine_amount": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 4 = 0 THEN 10000 + (g % 20) * 1000 END",
    "satisfaction": "CASE WHEN g % 10 <> 0 AND g % 100 <> 1 AND g % 50 <> 2 THEN "
                    "(CASE WHEN g % 7 = 0 THEN 'dissatisfied' ELSE 'satisfied' END) ELSE '' END",
    "current_deadline": "CASE WHEN g % 100 = 1 THEN 'decision' ELSE '' END",
    "current_due": "CASE WHEN g % 100 = 1 THEN ({start} + (g::float8 / {n} * {span} + 86400 * 45) * interval '1 second')::date END",
    "title": "'基准测试案件'",
    "facts": "'基准测试数据'",
    "access_code_hash": "'x'",
    "created_at": "now()",
    "updated_at": "now()",
}


APPEND_ONLY_TABLES = ("cases_caseevent", "cases_decisionrecord", "cases_timelinessrecord", "cases_ratingrecord")
# The history the case services append (cases.models.history), derived from the generated rows:
# one decision per decided case, its period met at the decision (a suggestion's at the reply) against
# a due date 42 calendar days (about 30 working days) after acceptance, ratings three days after the
# reply, and the deadline spans (acceptance, then decision) each case ran through.
LOCAL_DATE = "(({col}) AT TIME ZONE 'Asia/Shanghai')::date"
HISTORY_SQL = (
    "INSERT INTO cases_decisionrecord (case_id, round, decided_at, department_id, kind, outcome, measures, fine_amount) "
    "SELECT id, 1, decided_at, department_id, kind, outcome, measures, fine_amount FROM cases_case "
    "WHERE decided_at IS NOT NULL",
    "INSERT INTO cases_timelinessrecord (case_id, round, met_at, met_on, due_on, clock_started_on, workdays_used, "  # noqa: S608 - constants only
    "department_id, kind) SELECT id, 1, met, " + LOCAL_DATE.format(col="met") + ", "
    + LOCAL_DATE.format(col="accepted_at + interval '42 days'") + ", " + LOCAL_DATE.format(col="accepted_at") + ", "
    "((" + LOCAL_DATE.format(col="met") + " - " + LOCAL_DATE.format(col="accepted_at") + ") * 5) / 7, department_id, kind "
    "FROM (SELECT *, CASE WHEN kind = 'suggestion' THEN replied_at ELSE decided_at END AS met FROM cases_case "
    "WHERE decided_at IS NOT NULL) AS decided",
    "INSERT INTO cases_ratingrecord (case_id, round, rated_at, satisfied, department_id, kind) "
    "SELECT id, 1, replied_at + interval '3 days', satisfaction = 'satisfied', department_id, kind FROM cases_case "
    "WHERE satisfaction IN ('satisfied', 'dissatisfied')",
    "INSERT INTO cases_deadlinespan (case_id, deadline, due_on, department_id, valid_from, valid_until) "  # noqa: S608 - constants only
    "SELECT id, 'acceptance', " + LOCAL_DATE.format(col="received_at + interval '5 days'") + ", NULL, received_at, "
    "COALESCE(accepted_at, received_at + interval '1 day') FROM cases_case",
    "INSERT INTO cases_deadlinespan (case_id, deadline, due_on, department_id, valid_from, valid_until) "  # noqa: S608 - constants only
    "SELECT id, 'decision', COALESCE(current_due, " + LOCAL_DATE.format(col="accepted_at + interval '42 days'") + "), "
    "department_id, accepted_at, CASE WHEN decided_at IS NOT NULL THEN decided_at "
    "WHEN state = 'transferred' THEN accepted_at + interval '20 days' END FROM cases_case WHERE accepted_at IS NOT NULL",
)


def _empty_value(field: models.Field) -> str:
    if field.null:
        return "NULL"
    if isinstance(field, models.JSONField):
        return "'[]'::jsonb" if field.default is list else "'{}'::jsonb"
    if isinstance(field, models.BooleanField):
        return "false"
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return "0"
    if isinstance(field, (models.CharField, models.TextField)):
        return "''"
    raise CommandError(f"cases_case.{field.column}: no benchmark value for {type(field).__name__}")


class Command(BaseCommand):
    help = "Seed N cases on PostgreSQL (scratch database) and time every quarterly metric."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=4, help="Spread the cases over this many years from 2022.")
        parser.add_argument("--repeat", type=int, default=3, help="Timed runs (the best is reported).")
        parser.add_argument("--reseed", action="store_true", help="Generate the rows again even if the count matches.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL only: set DATABASE_URL to a scratch PostgreSQL database.")
        n, years = options["cases"], options["years"]
        if Case.objects.exclude(number__startswith=PREFIX).exists():
            raise CommandError("This database holds real cases. Run the benchmark on a scratch database.")
        last_day = dt.date(FIRST_DAY.year + years, 1, 1) - dt.timedelta(days=1)
        if options["reseed"] or Case.objects.count() != n:
            self._seed(n, last_day)
        quarter = Period.quarter(last_day.year, 4)
        whole = Period.custom(FIRST_DAY, last_day)
        refresh_workday_index()
        check_workday_index(FIRST_DAY, last_day)
        self.stdout.write(f"{Case.objects.count():,} cases from {FIRST_DAY} to {last_day}; PostgreSQL "
                          f"{connection.cursor().connection.info.server_version}")
        for period in (quarter, whole):
            self._time(period, options["repeat"])

    # --- seeding ---------------------------------------------------------------------------
    def _seed(self, n: int, last_day: dt.date) -> None:
        started = time.perf_counter()
        departments = list(Department.objects.filter(kind=Department.Kind.SUPERVISING).values_list("pk", flat=True))
        if not departments:
            departments = [Department.objects.create(code=f"BM{i}", name=f"基准部门{i}", short_name=f"部门{i}").pk
                           for i in range(1, 8)]
        user = get_user_model().objects.filter(username="benchmark").first() or create_account(username="benchmark")
        start = f"'{FIRST_DAY.isoformat()} 00:00:00+08'::timestamptz"
        span = (last_day - FIRST_DAY).days * 86400
        values = {"start": start, "n": n, "span": span, "departments": f"ARRAY{departments}",
                  "department_count": len(departments)}
        columns, expressions = [], []
        for field in Case._meta.concrete_fields:
            if field.primary_key:
                continue
            columns.append(connection.ops.quote_name(field.column))
            expressions.append(CASE_COLUMNS[field.column].format(**values) if field.column in CASE_COLUMNS else _empty_value(field))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM cases_pausedinterval; DELETE FROM cases_extensionrequest; "
                           "DELETE FROM cases_supervisionnotice;")
            for table in APPEND_ONLY_TABLES:  # the append-only guard: scratch data
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER; DELETE FROM {table}; "  # noqa: S608
                               f"ALTER TABLE {table} ENABLE TRIGGER USER")
            cursor.execute("DELETE FROM cases_deadlinespan")
            cursor.execute("DELETE FROM cases_case")
            # Built from the model's own column names and the constants above, no outside input.
            cursor.execute(f"INSERT INTO cases_case ({', '.join(columns)}) "  # noqa: S608
                           f"SELECT {', '.join(expressions)} FROM generate_series(1, {n}) AS g")
            event = ("INSERT INTO cases_caseevent (case_id, action, from_state, to_state, actor_label, note, public_note, "
                     "is_public, data, request_id, created_at) "
                     "SELECT id, %s, %s, %s, 'benchmark', '', '', false, '{{}}'::jsonb, '', {when} "
                     "FROM cases_case WHERE {where}")
            cursor.execute(event.format(when="received_at + interval '1 day'", where="state = 'rejected'"),
                           ["rejected", "submitted", "rejected"])
            cursor.execute(event.format(when="accepted_at + interval '20 days'", where="state = 'transferred'"),
                           ["transferred", "investigating", "transferred"])
            cursor.execute(event.format(when="decided_at - interval '10 days'", where="satisfaction = 'dissatisfied'"),
                           ["reopened", "replied", "investigating"])
            cursor.execute("INSERT INTO cases_pausedinterval (case_id, reason, note, started_on, ended_on) "
                           "SELECT id, 'expert_review', '', (accepted_at + interval '5 days')::date, "
                           "(accepted_at + interval '12 days')::date FROM cases_case "
                           "WHERE decided_at IS NOT NULL AND id % 9 = 0")
            cursor.execute("INSERT INTO cases_extensionrequest (case_id, deadline, workdays, reason, status, requested_by_id, "
                           "requested_at, decision_note) SELECT id, 'decision', 10, '基准', 'approved', %s, accepted_at, '' "
                           "FROM cases_case WHERE decided_at IS NOT NULL AND id %% 13 = 0", [user.pk])
            cursor.execute("INSERT INTO cases_supervisionnotice (case_id, level, deadline, due_date, is_automatic, "
                           "issued_at, note) SELECT id, CASE WHEN id % 5 = 0 THEN 'escalation' ELSE 'notice' END, "
                           "'decision', (accepted_at + interval '40 days')::date, true, accepted_at + interval '41 days', '' "
                           "FROM cases_case WHERE accepted_at IS NOT NULL AND id % 11 = 0")
            for statement in HISTORY_SQL:
                cursor.execute(statement)
            for table in ("cases_case", "cases_caseevent", "cases_pausedinterval", "cases_extensionrequest",
                          "cases_supervisionnotice", *APPEND_ONLY_TABLES[1:], "cases_deadlinespan"):
                cursor.execute(f"ANALYZE {table}")
        self.stdout.write(f"Seeded {n:,} cases in {time.perf_counter() - started:.1f} s")

    # --- timing ----------------------------------------------------------------------------
    def _time(self, period: Period, repeat: int) -> None:
        metrics = load_metrics()
        best_total, best_times, slowest_sql = None, {}, ("", 0.0)
        for _run in range(repeat):
            times = {}
            started = time.perf_counter()
            with statistics_transaction():
                slowest_sql = self._run_metrics(period, metrics, times, slowest_sql)
            total = time.perf_counter() - started
            if best_total is None or total < best_total:
                best_total, best_times = total, times
        self._report(period, repeat, best_total, best_times, slowest_sql)

    def _run_metrics(self, period, metrics, times, slowest_sql):
        shared: dict = {}
        for grouping in (BY_DEPARTMENT, BY_MONTH):
            scope = Scope(period, by=grouping, shared=shared)
            for code, metric in metrics.items():
                if grouping == BY_MONTH and not metric.trend:
                    continue
                with CaptureQueriesContext(connection) as captured:
                    t0 = time.perf_counter()
                    metric.compute(scope)
                    times[f"{code}{' (by month)' if grouping == BY_MONTH else ''}"] = time.perf_counter() - t0
                for query in captured.captured_queries:
                    if float(query["time"]) > slowest_sql[1]:
                        slowest_sql = (query["sql"], float(query["time"]))
        return slowest_sql

    def _report(self, period, repeat, best_total, best_times, slowest_sql):
        self.stdout.write(f"\n{period.label} ({period.first} – {period.last}): all {len(best_times)} metric "
                          f"computations in {best_total:.3f} s (best of {repeat})")
        for code, seconds in sorted(best_times.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {seconds * 1000:8.1f} ms  {code}")
        self.stdout.write(f"Slowest query ({slowest_sql[1] * 1000:.0f} ms), EXPLAIN ANALYZE:")
        with statistics_transaction(), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest_sql[0]}")
            for (line,) in cursor.fetchall():
                self.stdout.write(f"    {line}")
