"""Bulk writes of parsed OCDS releases, a chunk at a time, inside the caller's transaction.

Every table is written with one batched upsert per chunk (INSERT … ON CONFLICT DO UPDATE through
`bulk_create(update_conflicts=True)`, on PostgreSQL and SQLite alike); nothing loops over rows
in SQL. Entities and relations already written by this import are remembered, so a firm that
bids in ten thousand tenders is written once.
"""

from collections import Counter

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from directory.models import Award, Bid, EntityRelation, MarketEntity, TradingProject
from monitoring.importing.ocds import ParsedRelease
from monitoring.models import OcdsRelease

BATCH_SIZE = 2000

ENTITY_FIELDS = ("name", "legal_representative", "address", "phone", "email")
PROJECT_FIELDS = ("name", "category", "department", "tenderer", "agency", "budget", "announced_on",
                  "bid_deadline", "opened_at", "awarded_on")
BID_FIELDS = ("amount", "submitted_at", "is_valid", "disqualification_reason", "file_metadata_hash",
              "ip_address")
AWARD_FIELDS = ("winner", "amount", "awarded_on", "contract_signed_on")


BID_COLUMNS = ("project_id", "bidder_id", *BID_FIELDS)


def upsert_bids(rows: list[tuple]) -> None:
    """INSERT … ON CONFLICT (project, bidder) DO UPDATE, rows in BID_COLUMNS order. On PostgreSQL
    the rows are streamed with COPY into a temporary table first; elsewhere executemany."""
    table = connection.ops.quote_name(Bid._meta.db_table)
    columns = ", ".join(BID_COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in BID_FIELDS)
    changed = f"({', '.join(f'{table}.{c}' for c in BID_FIELDS)}) IS DISTINCT FROM " \
              f"({', '.join(f'EXCLUDED.{c}' for c in BID_FIELDS)})"
    conflict = f"ON CONFLICT (project_id, bidder_id) DO UPDATE SET {updates} WHERE {changed}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS monitoring_bid_stage (project_id bigint, bidder_id bigint, "
                "amount numeric(16, 2), submitted_at timestamptz, is_valid boolean, "
                "disqualification_reason varchar(200), file_metadata_hash varchar(64), ip_address inet) "
                "ON COMMIT DROP"
            )
            cursor.execute("TRUNCATE monitoring_bid_stage")
            with cursor.cursor.copy(f"COPY monitoring_bid_stage ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # Only identifiers from the model's metadata are interpolated; values travel by COPY.
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM monitoring_bid_stage {conflict}")  # noqa: S608
        else:
            placeholders = ", ".join(["%s"] * len(BID_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) {conflict}", rows)  # noqa: S608


class ChunkWriter:
    def __init__(self):
        self.entities: dict[str, tuple[int, str, tuple]] = {}  # code → (pk, type, written values)
        self.relations: set[tuple[str, str, str]] = set()  # (entity code, kind, canonical value) written
        self.written = Counter()

    def _entity_values(self, entity: MarketEntity) -> tuple:
        return tuple(getattr(entity, f) for f in ENTITY_FIELDS)

    def write(self, releases: list[ParsedRelease], reject) -> tuple[list[ParsedRelease], int]:
        """Write a chunk. `reject(release, reason)` records a release refused here (conflicts
        with stored data). Returns the releases written and the number skipped as unchanged."""
        releases, unchanged = self._drop_known(releases)
        releases = self._check_entity_types(releases, reject)
        releases = self._check_project_codes(releases, reject)
        if not releases:
            return [], unchanged
        self._write_entities(releases)
        self._write_relations(releases)
        self._write_projects(releases)
        self._write_bids(releases)
        self._write_awards(releases)
        OcdsRelease.objects.bulk_create(
            [OcdsRelease(ocid=r.ocid, release_id=r.release_id, release_date=r.release_date, project_id=r.project.pk)
             for r in releases],
            update_conflicts=True, unique_fields=["ocid"],
            update_fields=["release_id", "release_date", "project"], batch_size=BATCH_SIZE,
        )
        return releases, unchanged

    def _drop_known(self, releases):
        """Same release id again: unchanged. An older release than the stored one: ignored.
        Within the chunk the newest release of each ocid wins."""
        newest: dict[str, ParsedRelease] = {}
        unchanged = 0
        for release in releases:
            current = newest.get(release.ocid)
            if current is None or release.release_date >= current.release_date:
                if current is not None:
                    unchanged += 1
                newest[release.ocid] = release
            else:
                unchanged += 1
        stored = {
            ocid: (release_id, release_date)
            for ocid, release_id, release_date in OcdsRelease.objects.filter(ocid__in=newest)
            .values_list("ocid", "release_id", "release_date")
        }
        kept = []
        for release in newest.values():
            known = stored.get(release.ocid)
            if known and (known[0] == release.release_id or known[1] > release.release_date):
                unchanged += 1
                continue
            release.is_update = known is not None
            kept.append(release)
        return kept, unchanged

    def _check_entity_types(self, releases, reject):
        codes = {code for r in releases for code in r.entities} - set(self.entities)
        for code, pk, entity_type, *values in MarketEntity.objects.filter(code__in=codes).values_list(
            "code", "pk", "entity_type", *ENTITY_FIELDS
        ):
            self.entities[code] = (pk, entity_type, tuple(values))
        types = {code: value[1] for code, value in self.entities.items()}
        kept = []
        for release in releases:
            clash = next((e for code, e in release.entities.items()
                          if types.setdefault(code, e.entity_type) != e.entity_type), None)
            if clash is not None:
                reject(release, _("Entity %(code)s is already registered as “%(stored)s”, not “%(given)s”.") % {
                    "code": clash.code,
                    "stored": MarketEntity.Type(types[clash.code]).label,
                    "given": clash.get_entity_type_display(),
                })
                continue
            kept.append(release)
        return kept

    def _check_project_codes(self, releases, reject):
        owners = dict(
            OcdsRelease.objects.filter(project__code__in=[r.project.code for r in releases])
            .values_list("project__code", "ocid")
        )
        kept = []
        for release in releases:
            owner = owners.setdefault(release.project.code, release.ocid)
            if owner != release.ocid:
                reject(release, _("Project code %(code)s already belongs to the release %(ocid)s.")
                       % {"code": release.project.code, "ocid": owner})
                continue
            kept.append(release)
        return kept

    def _write_entities(self, releases):
        pending: dict[str, MarketEntity] = {}
        for release in releases:
            for code, entity in release.entities.items():
                known = self.entities.get(code)
                if known is not None:
                    # A release that leaves a detail out does not erase what is on record.
                    for field, stored in zip(ENTITY_FIELDS, known[2], strict=True):
                        if stored and not getattr(entity, field):
                            setattr(entity, field, stored)
                if known is None or known[2] != self._entity_values(entity):
                    pending[code] = entity
        if pending:
            MarketEntity.objects.bulk_create(
                list(pending.values()), update_conflicts=True, unique_fields=["code"],
                update_fields=list(ENTITY_FIELDS), batch_size=BATCH_SIZE,
            )
            missing = [code for code, e in pending.items() if e.pk is None]
            pks = dict(MarketEntity.objects.filter(code__in=missing).values_list("code", "pk")) if missing else {}
            for code, entity in pending.items():
                entity.pk = entity.pk or pks[code]
                self.entities[code] = (entity.pk, entity.entity_type, self._entity_values(entity))
            self.written["directory.MarketEntity"] += len(pending)
        for release in releases:
            for code, entity in release.entities.items():
                entity.pk = self.entities[code][0]
            release.project.tenderer_id = release.project.tenderer.pk
            release.project.agency_id = release.project.agency.pk if release.project.agency else None

    def _write_relations(self, releases):
        rows = {}
        for release in releases:
            for relation in release.relations:
                key = (relation.entity_code, relation.kind, relation.normalized_value)
                if key not in self.relations and key not in rows:
                    rows[key] = EntityRelation(entity_id=self.entities[relation.entity_code][0], kind=relation.kind,
                                               value=relation.value, normalized_value=relation.normalized_value)
        if rows:
            EntityRelation.objects.bulk_create(list(rows.values()), ignore_conflicts=True, batch_size=BATCH_SIZE)
            self.relations.update(rows)
            self.written["directory.EntityRelation"] += len(rows)

    def _write_projects(self, releases):
        projects = [r.project for r in releases]
        TradingProject.objects.bulk_create(
            projects, update_conflicts=True, unique_fields=["code"], update_fields=list(PROJECT_FIELDS),
            batch_size=BATCH_SIZE,
        )
        missing = [p.code for p in projects if p.pk is None]
        if missing:
            pks = dict(TradingProject.objects.filter(code__in=missing).values_list("code", "pk"))
            for project in projects:
                project.pk = project.pk or pks[project.code]
        self.written["directory.TradingProject"] += len(projects)

    def _write_bids(self, releases):
        rows = []
        stale = Q()
        for release in releases:
            project_pk = release.project.pk
            entities = release.entities
            rows.extend(
                (project_pk, entities[bid.bidder_code].pk, *bid[1:])
                for bid in release.bids
            )
            if release.is_update and release.has_bids:
                stale |= Q(project_id=project_pk) & ~Q(bidder__code__in=[b.bidder_code for b in release.bids])
        if stale:
            # An updated release lists every bid of its tender; bids it no longer lists go.
            Bid.objects.filter(stale).delete()
        if rows:
            upsert_bids(rows)
            self.written["directory.Bid"] += len(rows)

    def _write_awards(self, releases):
        awards = []
        for release in releases:
            if release.award is None:
                continue
            award = release.award[1]
            award.project_id = release.project.pk
            award.winner_id = award.winner.pk
            awards.append(award)
        if awards:
            Award.objects.bulk_create(
                awards, update_conflicts=True, unique_fields=["project"], update_fields=list(AWARD_FIELDS),
                batch_size=BATCH_SIZE,
            )
            self.written["directory.Award"] += len(awards)
