"""The benchmark's batch jobs, each run in a child process so that its wall time and peak memory
(the child's maximum resident set) are its own: quarterly statistics, the daily overdue scan, a
draw over the targets, a full screen run over the bids."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import resource
import time

from django import db

from benchmarks.seed import LAST_DAY


def measured(job, *args) -> dict:
    """Run job(*args) in a forked child: {"seconds", "peak_mib", "detail"} or {"error"}."""
    db.connections.close_all()  # the child opens its own connection
    parent, child = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(target=_child, args=(child, job, args))
    process.start()
    result = parent.recv()
    process.join()
    return result


def _child(pipe, job, args):
    try:
        started = time.perf_counter()
        detail = job(*args)
        seconds = time.perf_counter() - started
        pipe.send(
            {
                "seconds": seconds,
                "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "detail": detail or "",
            }
        )
    except Exception as error:  # reported in the table, the other figures still come
        pipe.send({"error": f"{type(error).__name__}: {error}"})
    finally:
        db.connections.close_all()


def statistics(period_kind: str) -> str:
    from reporting.figures import Period
    from reporting.figures.registry import load_metrics
    from reporting.figures.scope import BY_DEPARTMENT, BY_MONTH, Scope, statistics_transaction
    from reporting.workdays import refresh_workday_index

    refresh_workday_index()
    period = {
        "quarter": Period.quarter(LAST_DAY.year, 4),
        "year": Period.custom(dt.date(LAST_DAY.year, 1, 1), LAST_DAY),
        "four years": Period.custom(dt.date(LAST_DAY.year - 3, 1, 1), LAST_DAY),  # every seeded case
    }[period_kind]
    metrics = load_metrics()
    with statistics_transaction():  # as the dashboard: every metric, by department and by month
        shared: dict = {}
        for grouping in (BY_DEPARTMENT, BY_MONTH):
            scope = Scope(period, by=grouping, shared=shared)
            for metric in metrics.values():
                if grouping == BY_DEPARTMENT or metric.trend:
                    metric.compute(scope)
    return f"{len(metrics)} metrics"


def overdue_scan() -> str:
    from cases import deadlines
    from cases.services.system import issue_overdue_notices

    return f"{issue_overdue_notices(deadlines.today())} notices"


def draw(targets: int) -> str:
    """The published algorithm over `targets` targets and 200 inspectors: the snapshots frozen (as
    when a plan is approved), then the draw from them (as at the announced moment), timed apart."""
    from inspections.draw import algorithm as a

    started = time.perf_counter()
    rows = [
        a.TargetRow(f"E:BM{i:010d}", "entity", "ZJ", "ABCD"[i % 4], i % 997 == 0, "", f"基准企业{i}")
        for i in range(targets)
    ]
    inspectors = [a.InspectorRow(f"ZF{i:010d}", "ZJ", f"检查员{i}") for i in range(200)]
    sealed, tokens = a.seal_conflicts(
        "bench-conflict-key",
        rows,
        {(rows[i].target_id, inspectors[i % 200].inspector_id) for i in range(0, targets, 50)},
    )
    target_bytes, inspector_bytes = a.target_snapshot(sealed), a.inspector_snapshot(inspectors)
    conflict_bytes = a.conflict_snapshot(tokens)
    parameters = {
        "departments": ["ZJ"],
        "ratios_bp": {"A": 1000, "B": 500, "C": 300, "D": 100},
        "inspectors_per_target": 2,
        "recent_cutoff": "",
    }
    secret = "bench-secret"  # noqa: S105 - the draw's revealed seed secret, synthetic
    manifest = a.build_manifest(
        plan_code="BM",
        plan_title="基准抽查",
        parameters=parameters,
        target_snapshot_bytes=target_bytes,
        inspector_snapshot_bytes=inspector_bytes,
        conflict_snapshot_bytes=conflict_bytes,
        seed_commitment=a.commitment(secret),
        public_value_source="bench",
        draw_time="2026-01-05T10:00:00+08:00",
    )
    frozen = time.perf_counter()
    parsed = a.parse_target_snapshot(target_bytes)
    keys = {t.target_id: a.target_conflict_key("bench-conflict-key", t.target_id) for t in parsed}
    result = a.run_draw(
        manifest,
        parsed,
        a.parse_inspector_snapshot(inspector_bytes),
        a.parse_conflict_snapshot(conflict_bytes),
        secret,
        "public",
        keys,
    )
    drawn = time.perf_counter()
    return (f"{len(result.selected)} of {targets} drawn: snapshots frozen in {frozen - started:.2f} s, "
            f"the draw {drawn - frozen:.2f} s")


def screens() -> str:
    from directory.models import Bid
    from monitoring.models import RunTrigger
    from monitoring.services.runs import run_now

    run = run_now(trigger=RunTrigger.COMMAND)
    return f"{Bid.objects.count():,} bids, run {run.state}"


def run_all(scale_counts: dict[str, int], say) -> dict[str, dict]:
    jobs = {
        "statistics: one quarter": (statistics, "quarter"),
        "statistics: one year": (statistics, "year"),
        "statistics: four years": (statistics, "four years"),
        "daily overdue scan": (overdue_scan,),
        f"draw over {scale_counts['targets']:,} targets": (draw, scale_counts["targets"]),
        "full screen run over the bids": (screens,),
    }
    results = {}
    for label, (job, *args) in jobs.items():
        say(f"batch: {label} …")
        results[label] = measured(job, *args)
    return results
