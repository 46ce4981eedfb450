# ruff: noqa: S608 -- table names come from model _meta; every value is a query parameter.
"""Set-based reads of the trading data for the screens. Every heavy step (ranking bids, counting
co-bids, matching relations) is one SQL statement run by the database; Python only sees one row
per tender, per bidder or per flagged pair. The SQL is portable between PostgreSQL and SQLite
(window functions, CTEs, CAST … AS DOUBLE PRECISION) so both give the same answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Min

from directory.models import Award, Bid, EntityRelation, MarketEntity, TradingProject
from directory.models.market import PERSON_RELATION_KINDS

BID = Bid._meta.db_table
AWARD = Award._meta.db_table
PROJECT = TradingProject._meta.db_table
RELATION = EntityRelation._meta.db_table
ENTITY = MarketEntity._meta.db_table
PERSON_KINDS = tuple(str(kind) for kind in PERSON_RELATION_KINDS)  # one home: directory.models.market


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass
class TenderStats:
    project_id: int
    department_id: int
    code: str
    submitted: int  # bids submitted, valid or not
    valid: int
    b1: float | None  # lowest valid bid
    b2: float | None  # second-lowest valid bid
    b1_bid_id: int | None
    b2_bid_id: int | None
    b1_bidder_id: int | None
    b2_bidder_id: int | None
    mean: float | None
    sd: float | None  # population standard deviation of the valid bids
    losing_sd: float | None  # of the valid bids other than the lowest
    winner_id: int | None
    winner_amount: float | None
    tenderer_id: int | None
    agency_id: int | None


_RANKED = f"""
    SELECT b.id, b.project_id, b.bidder_id, CAST(b.amount AS DOUBLE PRECISION) AS amount,
           ROW_NUMBER() OVER (PARTITION BY b.project_id ORDER BY b.amount, b.id) AS rn,
           COUNT(*) OVER (PARTITION BY b.project_id) AS n,
           AVG(CAST(b.amount AS DOUBLE PRECISION)) OVER (PARTITION BY b.project_id) AS mean
    FROM {BID} b WHERE b.is_valid = %s
"""


def tender_stats() -> list[TenderStats]:
    """One row per tender that received bids: counts, the two lowest valid bids, spread, winner."""
    sql = f"""
    WITH ranked AS ({_RANKED}),
    agg AS (
        SELECT project_id, MAX(n) AS n, MAX(mean) AS mean,
               MAX(CASE WHEN rn = 1 THEN amount END) AS b1, MAX(CASE WHEN rn = 2 THEN amount END) AS b2,
               MAX(CASE WHEN rn = 1 THEN id END) AS b1_id, MAX(CASE WHEN rn = 2 THEN id END) AS b2_id,
               MAX(CASE WHEN rn = 1 THEN bidder_id END) AS b1_bidder, MAX(CASE WHEN rn = 2 THEN bidder_id END) AS b2_bidder,
               SUM((amount - mean) * (amount - mean)) AS ss,
               SUM(CASE WHEN rn > 1 THEN amount - mean ELSE 0 END) AS l1,
               SUM(CASE WHEN rn > 1 THEN (amount - mean) * (amount - mean) ELSE 0 END) AS l2
        FROM ranked GROUP BY project_id
    ),
    submitted AS (SELECT project_id, COUNT(*) AS submitted FROM {BID} GROUP BY project_id)
    SELECT p.id, p.department_id, p.code, s.submitted, COALESCE(agg.n, 0), agg.b1, agg.b2, agg.b1_id, agg.b2_id,
           agg.b1_bidder, agg.b2_bidder, agg.mean, agg.ss, agg.l1, agg.l2, a.winner_id,
           CAST(a.amount AS DOUBLE PRECISION), p.tenderer_id, p.agency_id
    FROM submitted s JOIN {PROJECT} p ON p.id = s.project_id
    LEFT JOIN agg ON agg.project_id = s.project_id
    LEFT JOIN {AWARD} a ON a.project_id = s.project_id
    ORDER BY p.id
    """
    result = []
    for (pid, dept, code, submitted, n, b1, b2, b1_id, b2_id, b1_bidder, b2_bidder, mean, ss, l1, l2, winner,
         winner_amount, tenderer, agency) in _rows(sql, [True]):
        sd = (max(ss, 0.0) / n) ** 0.5 if n else None
        losing_sd = None
        if n and n >= 3:
            m = n - 1
            losing_sd = max(l2 / m - (l1 / m) ** 2, 0.0) ** 0.5
        result.append(TenderStats(pid, dept, code, submitted, n, b1, b2, b1_id, b2_id, b1_bidder, b2_bidder, mean, sd,
                                  losing_sd, winner, winner_amount, tenderer, agency))
    return result


def tender_periods() -> list[tuple[int, int, str, object, object]]:
    """(project id, department id, code, announced_on, bid_deadline) of every tender (through the
    ORM so both databases give dates and aware datetimes)."""
    return list(TradingProject.objects.order_by("id").values_list(
        "id", "department_id", "code", "announced_on", "bid_deadline"))


def identical_bid_groups() -> list[tuple[int, float, int]]:
    """(project id, amount, how many bidders) for each price bid by two or more bidders of one tender."""
    return _rows(f"""
        SELECT project_id, CAST(amount AS DOUBLE PRECISION), COUNT(*) FROM {BID}
        GROUP BY project_id, amount HAVING COUNT(*) > 1 ORDER BY project_id
    """)


def bids_of_projects_at(pairs: list[tuple[int, float]]) -> list[tuple[int, int, int, float]]:
    """(bid id, project id, bidder id, amount) of the bids in `pairs` (project, amount)."""
    if not pairs:
        return []
    projects = sorted({p for p, _ in pairs})
    wanted = set(pairs)
    rows = []
    for start in range(0, len(projects), 500):
        chunk = projects[start:start + 500]
        marks = ",".join(["%s"] * len(chunk))
        rows += _rows(f"SELECT id, project_id, bidder_id, CAST(amount AS DOUBLE PRECISION) FROM {BID} "
                      f"WHERE project_id IN ({marks}) ORDER BY id", chunk)
    return [row for row in rows if (row[1], row[3]) in wanted]


@dataclass
class BidderStats:
    bidder_id: int
    bids: int
    wins: int
    expected: float  # E = Σ 1/n_t
    variance: float  # Σ (1/n_t)(1 − 1/n_t)


def bidder_stats() -> list[BidderStats]:
    """Per bidder over awarded tenders: valid bids, wins, expected wins and its variance."""
    sql = f"""
    WITH n AS (SELECT project_id, COUNT(*) AS n FROM {BID} WHERE is_valid = %s GROUP BY project_id)
    SELECT b.bidder_id, COUNT(*), SUM(CASE WHEN a.winner_id = b.bidder_id THEN 1 ELSE 0 END),
           CAST(SUM(1.0 / n.n) AS DOUBLE PRECISION), CAST(SUM((1.0 / n.n) * (1.0 - 1.0 / n.n)) AS DOUBLE PRECISION)
    FROM {BID} b JOIN n ON n.project_id = b.project_id JOIN {AWARD} a ON a.project_id = b.project_id
    WHERE b.is_valid = %s GROUP BY b.bidder_id ORDER BY b.bidder_id
    """
    return [BidderStats(*row) for row in _rows(sql, [True, True])]


def _in(ids) -> tuple[str, list]:
    ids = sorted(ids)
    return ",".join(["%s"] * len(ids)), ids


def losses_by_winner(bidder_ids, close_margin: float) -> list[tuple[int, int, int, int]]:
    """For the given bidders: (bidder, winner, losses to that winner, losses within `close_margin`
    of the winner's price)."""
    if not bidder_ids:
        return []
    marks, ids = _in(bidder_ids)
    sql = f"""
    SELECT b.bidder_id, a.winner_id, COUNT(*),
           SUM(CASE WHEN CAST(b.amount AS DOUBLE PRECISION) <= CAST(w.amount AS DOUBLE PRECISION) * (1 + %s)
                    THEN 1 ELSE 0 END)
    FROM {BID} b JOIN {AWARD} a ON a.project_id = b.project_id
    JOIN {BID} w ON w.project_id = a.project_id AND w.bidder_id = a.winner_id
    WHERE b.is_valid = %s AND b.bidder_id <> a.winner_id AND b.bidder_id IN ({marks})
    GROUP BY b.bidder_id, a.winner_id
    """
    return _rows(sql, [close_margin, True, *ids])


def wins_by_runner_up(winner_ids, close_margin: float) -> list[tuple[int, int | None, int, int]]:
    """For the given bidders' wins: (winner, runner-up, wins, wins where the runner-up priced
    within `close_margin` above the winner). The runner-up is the lowest other valid bid."""
    if not winner_ids:
        return []
    marks, ids = _in(winner_ids)
    # One window pass over the bids of the tenders they won (no join back to a ranked set, which
    # a misestimating planner may turn into a nested loop): the winner's price rides along each
    # row, and the runner-up is the first row once the winner and invalid bids are sorted last.
    sql = f"""
    WITH ranked AS (
        SELECT a.winner_id, b.bidder_id, CAST(b.amount AS DOUBLE PRECISION) AS amount,
               CASE WHEN b.bidder_id = a.winner_id OR b.is_valid = %s THEN 1 ELSE 0 END AS excluded,
               MAX(CASE WHEN b.bidder_id = a.winner_id THEN CAST(b.amount AS DOUBLE PRECISION) END)
                   OVER (PARTITION BY b.project_id) AS win_amount,
               ROW_NUMBER() OVER (PARTITION BY b.project_id ORDER BY
                   CASE WHEN b.bidder_id = a.winner_id OR b.is_valid = %s THEN 1 ELSE 0 END, b.amount, b.id) AS rn
        FROM {AWARD} a JOIN {BID} b ON b.project_id = a.project_id
        WHERE a.winner_id IN ({marks})
    )
    SELECT winner_id, CASE WHEN excluded = 0 THEN bidder_id END, COUNT(*),
           SUM(CASE WHEN excluded = 0 AND amount <= win_amount * (1 + %s) THEN 1 ELSE 0 END)
    FROM ranked WHERE rn = 1
    GROUP BY winner_id, CASE WHEN excluded = 0 THEN bidder_id END
    """
    return _rows(sql, [False, False, *ids, close_margin])


def co_bid_pairs(min_together: int) -> list[tuple[int, int, int]]:
    """(bidder a, bidder b, tenders both bid in) for pairs that met at least `min_together` times."""
    sql = f"""
    SELECT x.bidder_id, y.bidder_id, COUNT(*) FROM {BID} x
    JOIN {BID} y ON y.project_id = x.project_id AND y.bidder_id > x.bidder_id
    GROUP BY x.bidder_id, y.bidder_id HAVING COUNT(*) >= %s ORDER BY x.bidder_id, y.bidder_id
    """
    return _rows(sql, [min_together])


def bid_counts(bidder_ids=None) -> dict[int, int]:
    if bidder_ids is not None and not bidder_ids:
        return {}
    if bidder_ids is None:
        return dict(_rows(f"SELECT bidder_id, COUNT(*) FROM {BID} GROUP BY bidder_id"))
    marks, ids = _in(bidder_ids)
    return dict(_rows(f"SELECT bidder_id, COUNT(*) FROM {BID} WHERE bidder_id IN ({marks}) GROUP BY bidder_id", ids))


def bids_of_bidders(bidder_ids) -> list[tuple[int, int]]:
    """(project, bidder) of every bid by the given bidders."""
    result = []
    ids = sorted(bidder_ids)
    for start in range(0, len(ids), 900):
        marks, chunk = _in(ids[start:start + 900])
        result += _rows(f"SELECT project_id, bidder_id FROM {BID} WHERE bidder_id IN ({marks})", chunk)
    return result


def related_bidders_in_tenders() -> list[tuple[int, int, int, int, int, str, str]]:
    """(project, bid a, bid b, bidder a, bidder b, kind, shared value) for two bids of one tender
    whose bidders share a person or contact detail, or whose bids share a file hash or an IP.
    People match across the legal representative, manager and shareholder roles."""
    person = ",".join(["%s"] * len(PERSON_KINDS))
    sql = f"""
    WITH shared AS (
        SELECT r1.entity_id AS a, r2.entity_id AS b,
               CASE WHEN r1.kind IN ({person}) THEN 'person' ELSE r1.kind END AS kind, r1.normalized_value AS value
        FROM {RELATION} r1 JOIN {RELATION} r2
          ON r2.normalized_value = r1.normalized_value AND r2.entity_id <> r1.entity_id
         AND (r2.kind = r1.kind OR (r1.kind IN ({person}) AND r2.kind IN ({person})))
        UNION
        SELECT r1.entity_id, r2.entity_id, 'person', r1.person_id_hash
        FROM {RELATION} r1 JOIN {RELATION} r2
          ON r2.person_id_hash = r1.person_id_hash AND r2.entity_id <> r1.entity_id
        WHERE r1.person_id_hash <> '' AND r1.kind IN ({person}) AND r2.kind IN ({person})
    ),
    -- One pass over the bids finds the few (tender, value) pairs used twice; only those are joined.
    shared_hash AS (
        SELECT project_id, file_metadata_hash AS value FROM {BID} WHERE file_metadata_hash <> ''
        GROUP BY project_id, file_metadata_hash HAVING COUNT(*) > 1
    ),
    shared_ip AS (
        SELECT project_id, ip_address AS value FROM {BID} WHERE ip_address IS NOT NULL
        GROUP BY project_id, ip_address HAVING COUNT(*) > 1
    )
    SELECT x.project_id, x.id, y.id, x.bidder_id, y.bidder_id, s.kind, s.value
    FROM shared s JOIN {BID} x ON x.bidder_id = s.a JOIN {BID} y ON y.bidder_id = s.b AND y.project_id = x.project_id
    WHERE x.bidder_id < y.bidder_id
    UNION ALL
    SELECT x.project_id, x.id, y.id, x.bidder_id, y.bidder_id, 'file_hash', x.file_metadata_hash
    FROM shared_hash d JOIN {BID} x ON x.project_id = d.project_id AND x.file_metadata_hash = d.value
    JOIN {BID} y ON y.project_id = d.project_id AND y.file_metadata_hash = d.value AND y.bidder_id > x.bidder_id
    UNION ALL
    SELECT x.project_id, x.id, y.id, x.bidder_id, y.bidder_id, 'ip', CAST(x.ip_address AS VARCHAR(64))
    FROM shared_ip d JOIN {BID} x ON x.project_id = d.project_id AND x.ip_address = d.value
    JOIN {BID} y ON y.project_id = d.project_id AND y.ip_address = d.value AND y.bidder_id > x.bidder_id
    """
    params = [*PERSON_KINDS, *PERSON_KINDS, *PERSON_KINDS, *PERSON_KINDS, *PERSON_KINDS]
    return _rows(sql, params)


def entity_codes(ids) -> dict[int, tuple[str, str, int | None]]:
    """id -> (credit code, name, department id)."""
    if not ids:
        return {}
    result = {}
    ids = sorted(ids)
    for start in range(0, len(ids), 900):
        marks, chunk = _in(ids[start:start + 900])
        for pk, code, name, dept in _rows(f"SELECT id, code, name, department_id FROM {ENTITY} WHERE id IN ({marks})", chunk):
            result[pk] = (code, name, dept)
    return result


def data_extent() -> dict:
    extent = TradingProject.objects.aggregate(projects=Count("id"), first=Min("announced_on"), last=Max("announced_on"))
    projects, first, last = extent["projects"], extent["first"], extent["last"]
    (bids, bidders), = _rows(f"SELECT COUNT(*), COUNT(DISTINCT bidder_id) FROM {BID}")
    return {"projects": projects, "bids": bids, "bidders": bidders, "first": first, "last": last}
