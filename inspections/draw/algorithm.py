"""The verifiable "double random" draw, versions `sjsg-draw/3` (current) and `sjsg-draw/2` (still verified). Standard library only, no Django: the portal,
`manage.py verify_draw`, the property tests and anyone re-running a published draw use this one
file. docs/draw-algorithm.md describes every step; run it standalone as

    python algorithm.py DIRECTORY

where DIRECTORY holds the files downloaded from a plan's public draw page (manifest.json,
targets.csv, inspectors.csv, conflicts.csv, reveal.json, result.json).

Conflicts of interest (回避) are published only as opaque tokens: a token is the SHA-256 of a
per-target conflict key and an inspector id. The target snapshot commits to each target's key by
its SHA-256; after the draw only the keys of the selected targets are revealed, so anyone can
recompute who had to step aside for those targets, and nobody can read the ties of the others.

Version 3 adds to the manifest the time the announced public value is published
(`public_value_time`, after approval), and gives a draw that stops because a target cannot get
its team a result of its own (`"status": "failed"` with the `failure`), so a failed draw is
verified like a successful one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

ALGORITHM_VERSION = "sjsg-draw/3"
VERSION_2 = "sjsg-draw/2"
SUPPORTED_VERSIONS = (VERSION_2, ALGORITHM_VERSION)
GRADES = ("A", "B", "C", "D")
TARGET_FIELDS = ("target_id", "kind", "department", "stratum", "forced", "last_inspected_on", "name",
                 "conflict_key_sha256")
INSPECTOR_FIELDS = ("inspector_id", "department", "name")
CONFLICT_FIELDS = ("token",)
BASIS_POINTS = 10_000


class DrawError(Exception):
    """The draw cannot be completed; `target_id` names the target it stopped at, when there is one."""

    def __init__(self, message: str, *, target_id: str = ""):
        self.target_id = target_id
        super().__init__(message)


class AssignmentError(DrawError):
    """A selected target cannot get its team; `failure` is what a version-3 result publishes of it,
    `assigned` the targets that got their team before."""

    def __init__(self, failure: dict, assigned: list):
        self.failure = failure
        self.assigned = assigned
        super().__init__(describe_failure(failure), target_id=failure["target_id"])


def describe_failure(failure: dict) -> str:
    if failure["reason"] == "no_free_inspector_of_department":
        return (f"target {failure['target_id']}: no inspector of department {failure['department']} "
                f"is free of conflicts")
    return (f"target {failure['target_id']}: only {failure['free']} of the {failure['required']} required "
            f"inspectors are free of conflicts ({failure['conflicted']} conflicted)")


@dataclass(frozen=True)
class TargetRow:
    target_id: str
    kind: str
    department: str
    stratum: str
    forced: bool
    last_inspected_on: str  # ISO date or ""
    name: str
    conflict_key_sha256: str = ""  # commitment to the target's conflict key


@dataclass(frozen=True)
class InspectorRow:
    inspector_id: str
    department: str
    name: str


@dataclass
class SelectedTarget:
    order: int
    target_id: str
    stratum: str
    reason: str  # "forced" or "drawn"
    rank_key: str
    inspectors: list[str] = field(default_factory=list)


@dataclass
class DrawResult:
    manifest_sha256: str
    seed: str
    selected: list[SelectedTarget]
    strata: dict[str, dict[str, int]]
    excluded_recent: list[str]
    algorithm: str = ALGORITHM_VERSION
    failure: dict | None = None  # version 3: why the draw stopped

    def as_dict(self) -> dict:
        result = {
            "algorithm": self.algorithm,
            "manifest_sha256": self.manifest_sha256,
            "seed": self.seed,
            "strata": self.strata,
            "excluded_recent": self.excluded_recent,
            "selected": [
                {"order": s.order, "target_id": s.target_id, "stratum": s.stratum, "reason": s.reason,
                 "rank_key": s.rank_key, "inspectors": s.inspectors}
                for s in self.selected
            ],
        }
        if self.algorithm != VERSION_2:
            result["status"] = "failed" if self.failure else "drawn"
            if self.failure:
                result["failure"] = self.failure
        return result


# --- hashing and canonical encodings -------------------------------------------------------------

def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def sha256_hex_each(prefix: str, suffixes: list[str]) -> list[str]:
    """[sha256_hex(prefix + suffix) for suffix in suffixes], hashing the shared prefix once."""
    shared = hashlib.sha256(prefix.encode("utf-8"))
    digests = []
    for suffix in suffixes:
        hasher = shared.copy()
        hasher.update(suffix.encode("utf-8"))
        digests.append(hasher.hexdigest())
    return digests


def canonical_json(value) -> bytes:
    """UTF-8 JSON, keys sorted, no whitespace, non-ASCII characters kept as they are."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _clean_cell(value: str) -> str:
    text = str(value)
    if any(ch in text for ch in "\r\n\t"):
        raise ValueError(f"snapshot cell contains a line break or tab: {text!r}")
    if text != text.strip():
        raise ValueError(f"snapshot cell has leading or trailing spaces: {text!r}")
    return text


def canonical_csv(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    """Header line, then rows sorted by their first column (Unicode code point order), comma
    separated, a cell quoted only when it holds a comma or a double quote (quotes doubled), every
    line ending in LF, UTF-8 without BOM."""
    ids = [row[0] for row in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("snapshot has duplicate ids")
    cells = [tuple(map(str, row)) for row in sorted(rows, key=lambda r: r[0])]
    # Every cell checked at once; only when something is found is each cell checked on its own.
    flat = list(chain.from_iterable(cells))
    joined = "".join(flat)
    if "\r" in joined or "\n" in joined or "\t" in joined or list(map(str.strip, flat)) != flat:
        cells = [tuple(_clean_cell(cell) for cell in row) for row in cells]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(cells)
    return buffer.getvalue().encode("utf-8")


def _read_csv(data: bytes, header: tuple[str, ...]) -> list[list[str]]:
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != header:
        raise DrawError(f"snapshot header must be {','.join(header)}")
    body = rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise DrawError(f"snapshot line {number} has {len(row)} cells, expected {len(header)}")
    return body


def target_snapshot(rows: list[TargetRow]) -> bytes:
    return canonical_csv(TARGET_FIELDS, [
        (r.target_id, r.kind, r.department, r.stratum, "1" if r.forced else "0", r.last_inspected_on, r.name,
         r.conflict_key_sha256)
        for r in rows
    ])


def inspector_snapshot(rows: list[InspectorRow]) -> bytes:
    return canonical_csv(INSPECTOR_FIELDS, [
        (r.inspector_id, r.department, r.name) for r in rows
    ])


def conflict_snapshot(tokens) -> bytes:
    return canonical_csv(CONFLICT_FIELDS, [(token,) for token in tokens])


def parse_target_snapshot(data: bytes) -> list[TargetRow]:
    rows = []
    for cells in _read_csv(data, TARGET_FIELDS):
        target_id, kind, department, stratum, forced, last, name, key_sha256 = cells
        if forced not in ("0", "1"):
            raise DrawError(f"target {target_id}: forced must be 0 or 1", target_id=target_id)
        rows.append(TargetRow(target_id, kind, department, stratum, forced == "1", last, name, key_sha256))
    return rows


def parse_inspector_snapshot(data: bytes) -> list[InspectorRow]:
    return [InspectorRow(*cells) for cells in _read_csv(data, INSPECTOR_FIELDS)]


def parse_conflict_snapshot(data: bytes) -> frozenset[str]:
    return frozenset(token for (token,) in _read_csv(data, CONFLICT_FIELDS))


# --- conflicts of interest, sealed -----------------------------------------------------------------

def target_conflict_key(plan_conflict_key: str, target_id: str) -> str:
    """The key of one target, derived from the plan's never-published conflict key."""
    return sha256_hex(f"{plan_conflict_key}\n{target_id}")


def conflict_tokens_for(target_key: str, inspector_ids: list[str]) -> list[str]:
    """SHA-256 of "target key LF inspector id", for each inspector."""
    return sha256_hex_each(f"{target_key}\n", inspector_ids)


def conflict_token(target_key: str, inspector_id: str) -> str:
    return conflict_tokens_for(target_key, [inspector_id])[0]


def seal_conflicts(plan_conflict_key: str, targets: list[TargetRow],
                   pairs: set[tuple[str, str]]) -> tuple[list[TargetRow], list[str]]:
    """Targets with the commitment to their conflict key filled in, and the sorted tokens of the
    (target id, inspector id) pairs that conflict."""
    keys = {t.target_id: target_conflict_key(plan_conflict_key, t.target_id) for t in targets}
    sealed = [replace(t, conflict_key_sha256=sha256_hex(keys[t.target_id])) for t in targets]
    return sealed, sorted(conflict_token(keys[target_id], inspector_id) for target_id, inspector_id in pairs)


def conflicted_inspectors(target: TargetRow, conflict_keys: dict[str, str], tokens: frozenset[str],
                          inspectors: list[InspectorRow]) -> frozenset[str]:
    """Inspectors who must step aside for this target, from its revealed key and the published tokens."""
    key = conflict_keys.get(target.target_id)
    if key is None:
        raise DrawError(f"target {target.target_id}: its conflict key is not revealed", target_id=target.target_id)
    if sha256_hex(key) != target.conflict_key_sha256:
        raise DrawError(f"target {target.target_id}: the revealed conflict key does not match the target snapshot",
                        target_id=target.target_id)
    ids = [i.inspector_id for i in inspectors]
    return frozenset(i for i, token in zip(ids, conflict_tokens_for(key, ids), strict=True) if token in tokens)


# --- manifest, commitment and seed ------------------------------------------------------------

def commitment(secret: str) -> str:
    """SHA-256 of the secret's UTF-8 text (64 lowercase hex digits): `printf %s SECRET | sha256sum`."""
    return sha256_hex(secret)


def build_manifest(*, plan_code: str, plan_title: str, parameters: dict, target_snapshot_bytes: bytes,
                   inspector_snapshot_bytes: bytes, conflict_snapshot_bytes: bytes, seed_commitment: str,
                   public_value_source: str, draw_time: str, public_value_time: str = "",
                   algorithm: str = ALGORITHM_VERSION) -> dict:
    manifest = {
        "algorithm": algorithm,
        "plan": {"code": plan_code, "title": plan_title},
        "parameters": parameters,
        "target_snapshot_sha256": sha256_hex(target_snapshot_bytes),
        "inspector_snapshot_sha256": sha256_hex(inspector_snapshot_bytes),
        "conflict_snapshot_sha256": sha256_hex(conflict_snapshot_bytes),
        "seed_commitment": seed_commitment,
        "public_value_source": public_value_source,
        "public_value_time": public_value_time,
        "draw_time": draw_time,
    }
    if algorithm == VERSION_2:
        del manifest["public_value_time"]
    return manifest


def manifest_hash(manifest: dict) -> str:
    return sha256_hex(canonical_json(manifest))


def derive_seed(secret: str, public_value: str, manifest_sha256: str) -> str:
    """seed = SHA-256(secret LF public value LF manifest hash), all as UTF-8 text."""
    if "\n" in public_value or "\n" in secret:
        raise DrawError("the secret and the public value must not contain line breaks")
    return sha256_hex(f"{secret}\n{public_value}\n{manifest_sha256}")


def target_rank_keys(seed: str, stratum: str, target_ids: list[str]) -> list[str]:
    """SHA-256 of "seed LF stratum LF target id", for each target."""
    return sha256_hex_each(f"{seed}\n{stratum}\n", target_ids)


def target_rank_key(seed: str, stratum: str, target_id: str) -> str:
    return target_rank_keys(seed, stratum, [target_id])[0]


def inspector_rank_keys(seed: str, target_id: str, inspector_ids: list[str]) -> list[str]:
    """SHA-256 of "seed LF target id LF inspector id", for each inspector."""
    return sha256_hex_each(f"{seed}\n{target_id}\n", inspector_ids)


def inspector_rank_key(seed: str, target_id: str, inspector_id: str) -> str:
    return inspector_rank_keys(seed, target_id, [inspector_id])[0]


def selection_count(ratio_bp: int, population: int) -> int:
    """⌈ratio·N⌉ with the ratio in basis points, in integer arithmetic (no floating point)."""
    return (ratio_bp * population + BASIS_POINTS - 1) // BASIS_POINTS


def validate_parameters(parameters: dict) -> None:
    departments = parameters.get("departments")
    if not departments or list(departments) != sorted(set(departments)):
        raise DrawError("parameters.departments must be a non-empty, sorted list without repeats")
    ratios = parameters.get("ratios_bp", {})
    if sorted(ratios) != list(GRADES):
        raise DrawError("parameters.ratios_bp must give a ratio for each grade A, B, C and D")
    for grade, ratio in ratios.items():
        if not isinstance(ratio, int) or not 0 <= ratio <= BASIS_POINTS:
            raise DrawError(f"ratio for grade {grade} must be an integer from 0 to {BASIS_POINTS}")
    per_target = parameters.get("inspectors_per_target")
    if not isinstance(per_target, int) or per_target < 2:
        raise DrawError("parameters.inspectors_per_target must be an integer of at least 2")
    if per_target < len(departments):
        raise DrawError("a joint plan needs at least one inspector per department for each target")
    cutoff = parameters.get("recent_cutoff", "")
    if not isinstance(cutoff, str):
        raise DrawError("parameters.recent_cutoff must be an ISO date or empty")


# --- the draw ------------------------------------------------------------------------------------

def select_targets(parameters: dict, targets: list[TargetRow], seed: str):
    cutoff = parameters.get("recent_cutoff", "")
    ratios = parameters["ratios_bp"]
    for row in targets:
        if row.stratum not in GRADES:
            raise DrawError(f"target {row.target_id}: stratum {row.stratum!r} is not A, B, C or D",
                            target_id=row.target_id)

    def recently_inspected(row: TargetRow) -> bool:
        # ISO dates compare correctly as text.
        return bool(cutoff and row.last_inspected_on and row.last_inspected_on >= cutoff)

    excluded = sorted(r.target_id for r in targets if not r.forced and recently_inspected(r))
    eligible = [r for r in targets if r.forced or not recently_inspected(r)]
    chosen: list[tuple[TargetRow, str, str]] = [
        (row, "forced", "") for row in sorted((r for r in eligible if r.forced), key=lambda r: r.target_id)
    ]
    strata = {}
    for grade in GRADES:
        pool = [r for r in eligible if not r.forced and r.stratum == grade]
        count = selection_count(ratios[grade], len(pool))
        ids = [r.target_id for r in pool]
        ranked = sorted(zip(target_rank_keys(seed, grade, ids), ids, pool, strict=True), key=lambda t: t[:2])
        chosen.extend((row, "drawn", key) for key, _id, row in ranked[:count])
        strata[grade] = {"eligible": len(pool), "selected": count,
                         "forced": sum(1 for r in eligible if r.forced and r.stratum == grade)}
    return chosen, strata, excluded


def _best_first(candidates: list[InspectorRow], load: dict[str, int], seed: str, target_id: str,
                departments: list[str], per_target: int) -> list[InspectorRow]:
    """The candidates a team is picked from, best first: by load so far, then
    inspector_rank_key(seed, target_id, id), then id. Only the lowest loads that can fill the team
    (per_target people, one of each department of a joint plan) are ranked: every pick comes from
    them, so the other candidates' keys need not be computed."""
    pool = candidates
    for level in sorted({load[i.inspector_id] for i in candidates}):
        lowest = [i for i in candidates if load[i.inspector_id] <= level]
        if len(lowest) >= per_target and set(departments) <= {i.department for i in lowest}:
            pool = lowest
            break
    ids = [i.inspector_id for i in pool]
    keys = inspector_rank_keys(seed, target_id, ids)
    return [entry[3] for entry in sorted(zip([load[i] for i in ids], keys, ids, pool, strict=True),
                                         key=lambda e: e[:3])]


def assign_inspectors(parameters: dict, chosen, inspectors: list[InspectorRow], conflict_tokens: frozenset[str],
                      conflict_keys: dict[str, str], seed: str, progress=None):
    departments = list(parameters["departments"])
    per_target = parameters["inspectors_per_target"]
    joint = len(departments) > 1
    for inspector in inspectors:
        if inspector.department not in departments:
            raise DrawError(f"inspector {inspector.inspector_id} is not in one of the plan's departments")
    load = {i.inspector_id: 0 for i in inspectors}
    selected = []
    for order, (row, reason, key) in enumerate(chosen, start=1):
        conflicted = conflicted_inspectors(row, conflict_keys, conflict_tokens, inspectors)
        candidates = [i for i in inspectors if i.inspector_id not in conflicted]
        ranked = _best_first(candidates, load, seed, row.target_id, departments if joint else [], per_target)
        team: list[InspectorRow] = []
        if joint:
            for department in departments:
                best = next((i for i in ranked if i.department == department), None)
                if best is None:
                    raise AssignmentError({"target_id": row.target_id, "reason": "no_free_inspector_of_department",
                                           "department": department}, selected)
                team.append(best)
        while len(team) < per_target:
            best = next((i for i in ranked if i not in team), None)
            if best is None:
                raise AssignmentError({"target_id": row.target_id, "reason": "too_few_free_inspectors",
                                       "free": len(candidates), "required": per_target,
                                       "conflicted": len(inspectors) - len(candidates)}, selected)
            team.append(best)
        for inspector in team:
            load[inspector.inspector_id] += 1
        selected.append(SelectedTarget(order, row.target_id, row.stratum, reason, key,
                                       [i.inspector_id for i in team]))
        if progress is not None:
            progress(order, len(chosen))
    return selected


def _check_material(manifest: dict, targets: list[TargetRow], inspectors: list[InspectorRow],
                    conflict_tokens: frozenset[str], secret: str) -> None:
    if manifest.get("algorithm") not in SUPPORTED_VERSIONS:
        raise DrawError(f"this implementation runs {' and '.join(SUPPORTED_VERSIONS)}, "
                        f"not {manifest.get('algorithm')}")
    if manifest["algorithm"] != VERSION_2 and not isinstance(manifest.get("public_value_time"), str):
        raise DrawError("the manifest must give public_value_time (an ISO time, or empty)")
    if commitment(secret) != manifest["seed_commitment"]:
        raise DrawError("the secret does not match the published commitment")
    if sha256_hex(target_snapshot(targets)) != manifest["target_snapshot_sha256"]:
        raise DrawError("the target snapshot does not match the manifest")
    if sha256_hex(inspector_snapshot(inspectors)) != manifest["inspector_snapshot_sha256"]:
        raise DrawError("the inspector snapshot does not match the manifest")
    if sha256_hex(conflict_snapshot(conflict_tokens)) != manifest["conflict_snapshot_sha256"]:
        raise DrawError("the conflict snapshot does not match the manifest")
    validate_parameters(manifest["parameters"])


def drawn_target_ids(manifest: dict, targets: list[TargetRow], secret: str, public_value: str) -> list[str]:
    """The targets the draw selects (before inspectors are assigned): the ones whose conflict keys
    are revealed. Targets alone decide them, so a failed assignment reveals the same keys."""
    validate_parameters(manifest["parameters"])
    seed = derive_seed(secret, public_value, manifest_hash(manifest))
    chosen, _strata, _excluded = select_targets(manifest["parameters"], targets, seed)
    return [row.target_id for row, _reason, _key in chosen]


def run_draw(manifest: dict, targets: list[TargetRow], inspectors: list[InspectorRow],
             conflict_tokens: frozenset[str], secret: str, public_value: str, conflict_keys: dict[str, str],
             progress=None) -> DrawResult:
    """The whole draw from the manifest, the three snapshots, the revealed secret, the public value
    and the revealed conflict keys of the selected targets."""
    _check_material(manifest, targets, inspectors, conflict_tokens, secret)
    parameters = manifest["parameters"]
    digest = manifest_hash(manifest)
    seed = derive_seed(secret, public_value, digest)
    chosen, strata, excluded = select_targets(parameters, targets, seed)
    version = manifest["algorithm"]
    try:
        selected = assign_inspectors(parameters, chosen, inspectors, conflict_tokens, conflict_keys, seed, progress)
    except AssignmentError as exc:
        if version == VERSION_2:  # version 2 published no result for a failed draw
            raise
        # The targets that got a team, then the rest of the selection without inspectors.
        rest = [SelectedTarget(order, row.target_id, row.stratum, reason, key)
                for order, (row, reason, key) in enumerate(chosen, start=1) if order > len(exc.assigned)]
        return DrawResult(digest, seed, exc.assigned + rest, strata, excluded, version, exc.failure)
    return DrawResult(digest, seed, selected, strata, excluded, version)


# --- verification of published material ----------------------------------------------------------

@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


def verify_published(*, manifest_bytes: bytes, target_bytes: bytes, inspector_bytes: bytes, conflict_bytes: bytes,
                     reveal: dict, result_bytes: bytes, published_manifest_sha256: str = "") -> list[Check]:
    """Recompute a draw from its published files; every check must pass."""
    checks = []
    manifest = json.loads(manifest_bytes.decode("utf-8"))
    digest = manifest_hash(manifest)
    if published_manifest_sha256:
        checks.append(Check("manifest hash", digest == published_manifest_sha256,
                            f"computed {digest}, published {published_manifest_sha256}"))
    checks.append(Check("target snapshot hash", sha256_hex(target_bytes) == manifest["target_snapshot_sha256"],
                        f"computed {sha256_hex(target_bytes)}, manifest {manifest['target_snapshot_sha256']}"))
    checks.append(Check("inspector snapshot hash",
                        sha256_hex(inspector_bytes) == manifest["inspector_snapshot_sha256"],
                        f"computed {sha256_hex(inspector_bytes)}, manifest {manifest['inspector_snapshot_sha256']}"))
    checks.append(Check("conflict snapshot hash",
                        sha256_hex(conflict_bytes) == manifest.get("conflict_snapshot_sha256"),
                        f"computed {sha256_hex(conflict_bytes)}, manifest {manifest.get('conflict_snapshot_sha256')}"))
    secret, public_value = reveal.get("secret", ""), reveal.get("public_value", "")
    checks.append(Check("seed commitment", commitment(secret) == manifest["seed_commitment"],
                        f"SHA-256 of the secret is {commitment(secret)}, manifest {manifest['seed_commitment']}"))
    if not all(check.ok for check in checks):
        checks.append(Check("draw recomputed", False, "not attempted: the published material is inconsistent"))
        return checks
    try:
        result = run_draw(manifest, parse_target_snapshot(target_bytes), parse_inspector_snapshot(inspector_bytes),
                          parse_conflict_snapshot(conflict_bytes), secret, public_value,
                          reveal.get("conflict_keys", {}))
    except DrawError as exc:
        checks.append(Check("draw recomputed", False, str(exc)))
        return checks
    recomputed = canonical_json(result.as_dict())
    same = "identical to the published result"
    if result.failure:
        same += f" (the draw failed: {describe_failure(result.failure)})"
    checks.append(Check("draw recomputed", recomputed == result_bytes,
                        same if recomputed == result_bytes else "the published result differs from the recomputed one"))
    return checks


def verify_directory(directory: Path) -> list[Check]:
    reveal = json.loads((directory / "reveal.json").read_text("utf-8"))
    return verify_published(
        manifest_bytes=(directory / "manifest.json").read_bytes(),
        target_bytes=(directory / "targets.csv").read_bytes(),
        inspector_bytes=(directory / "inspectors.csv").read_bytes(),
        conflict_bytes=(directory / "conflicts.csv").read_bytes(),
        reveal=reveal,
        result_bytes=(directory / "result.json").read_bytes(),
        published_manifest_sha256=reveal.get("manifest_sha256", ""),
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: python {Path(argv[0]).name} DIRECTORY_WITH_DOWNLOADED_FILES")
        return 2
    checks = verify_directory(Path(argv[1]))
    for check in checks:
        print(f"[{'OK' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
    ok = all(check.ok for check in checks)
    print("MATCH: the published draw is reproduced exactly." if ok else "MISMATCH: do not trust this draw.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
