"""Property tests of the pure draw algorithm (no database)."""

import dataclasses
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from inspections.draw import algorithm as alg

GRADE = st.sampled_from(alg.GRADES)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def draw_inputs(draw, departments=("ZJ",)):
    departments = sorted(departments)
    n_targets = draw(st.integers(min_value=0, max_value=40))
    targets = [
        alg.TargetRow(
            target_id=f"E:T{index:03d}", kind="entity", department=draw(st.sampled_from(departments)),
            stratum=draw(GRADE), forced=index % 5 == 0 and draw(st.booleans()),
            last_inspected_on=draw(st.sampled_from(["", "2025-01-10", "2026-06-01"])), name=f"公司{index}",
        )
        for index in range(n_targets)
    ]
    inspectors = [
        alg.InspectorRow(f"ZF{index:03d}", departments[index % len(departments)], f"检查员{index}")
        for index in range(draw(st.integers(min_value=len(departments) * 3, max_value=12)))
    ]
    parameters = {
        "departments": departments,
        "ratios_bp": {g: draw(st.integers(min_value=0, max_value=10_000)) for g in alg.GRADES},
        "inspectors_per_target": draw(st.integers(min_value=max(2, len(departments)), max_value=3)),
        "recent_cutoff": draw(st.sampled_from(["", "2026-01-01"])),
        "plan_kind": "routine",
    }
    secret = draw(st.text(alphabet="0123456789abcdef", min_size=64, max_size=64))
    return parameters, targets, inspectors, secret


CONFLICT_KEY = "c0" * 32


@dataclasses.dataclass
class Sealed:
    """What a plan publishes before the draw, with the conflicts sealed, and the keys it could reveal."""

    manifest: dict
    targets: list
    inspectors: list
    tokens: frozenset
    keys: dict

    def run(self, secret, public_value=""):
        return alg.run_draw(self.manifest, self.targets, self.inspectors, self.tokens, secret, public_value, self.keys)


def seal(parameters, targets, inspectors, secret, conflicts=(), public_value_source=""):
    """`conflicts`: (target id, inspector id) pairs."""
    sealed_targets, tokens = alg.seal_conflicts(CONFLICT_KEY, targets, set(conflicts))
    manifest = alg.build_manifest(
        plan_code="CC2026-01", plan_title="抽查计划", parameters=parameters,
        target_snapshot_bytes=alg.target_snapshot(sealed_targets),
        inspector_snapshot_bytes=alg.inspector_snapshot(inspectors),
        conflict_snapshot_bytes=alg.conflict_snapshot(tokens),
        seed_commitment=alg.commitment(secret), public_value_source=public_value_source,
        draw_time="2026-12-01T10:00:00+08:00",
    )
    keys = {t.target_id: alg.target_conflict_key(CONFLICT_KEY, t.target_id) for t in targets}
    return Sealed(manifest, sealed_targets, inspectors, frozenset(tokens), keys)


def drawn_conflicts(data, targets, inspectors) -> set:
    """(target id, inspector id) pairs: for each inspector, up to six targets they must step aside from."""
    target_ids = [t.target_id for t in targets]
    return {
        (target_id, i.inspector_id)
        for i in inspectors
        for target_id in (data.draw(st.lists(st.sampled_from(target_ids), max_size=6)) if target_ids else [])
    }


def manifest_for(parameters, targets, inspectors, secret, conflicts=()):
    return seal(parameters, targets, inspectors, secret, conflicts).manifest


@FAST
@given(draw_inputs())
def test_same_inputs_give_the_same_draw(inputs):
    parameters, targets, inspectors, secret = inputs
    sealed = seal(parameters, targets, inspectors, secret)
    first = sealed.run(secret, "12345")
    second = alg.run_draw(json.loads(alg.canonical_json(sealed.manifest)),
                          alg.parse_target_snapshot(alg.target_snapshot(list(reversed(sealed.targets)))),
                          alg.parse_inspector_snapshot(alg.inspector_snapshot(inspectors)),
                          alg.parse_conflict_snapshot(alg.conflict_snapshot(sorted(sealed.tokens))),
                          secret, "12345", sealed.keys)
    assert alg.canonical_json(first.as_dict()) == alg.canonical_json(second.as_dict())


@FAST
@given(draw_inputs(), st.data())
def test_any_change_to_snapshot_parameter_or_seed_changes_the_manifest_hash(inputs, data):
    parameters, targets, inspectors, secret = inputs
    original = alg.manifest_hash(manifest_for(parameters, targets, inspectors, secret))
    conflicts = ()
    change = data.draw(st.sampled_from(["target", "inspector", "conflict", "ratio", "per_target", "cutoff", "secret"]))
    if change == "target":
        extra = alg.TargetRow("P:NEW-1", "project", parameters["departments"][0], "B", False, "", "新项目")
        targets = [*targets, extra]
    elif change == "inspector":
        inspectors = [dataclasses.replace(inspectors[0], name="改名"), *inspectors[1:]]
    elif change == "conflict":
        assume(targets)
        conflicts = [(targets[0].target_id, inspectors[0].inspector_id)]
    elif change == "ratio":
        grade = data.draw(GRADE)
        parameters = {**parameters, "ratios_bp": {**parameters["ratios_bp"],
                                                  grade: (parameters["ratios_bp"][grade] + 1) % 10_001}}
    elif change == "per_target":
        parameters = {**parameters, "inspectors_per_target": parameters["inspectors_per_target"] + 1}
    elif change == "cutoff":
        parameters = {**parameters, "recent_cutoff": "2025-12-31"}
    else:
        secret = ("1" if secret[0] != "1" else "2") + secret[1:]
    assert alg.manifest_hash(manifest_for(parameters, targets, inspectors, secret, conflicts)) != original


@FAST
@given(draw_inputs())
def test_each_stratum_yields_ceil_ratio_times_n_or_all(inputs):
    parameters, targets, inspectors, secret = inputs
    result = seal(parameters, targets, inspectors, secret).run(secret)
    cutoff = parameters["recent_cutoff"]
    for grade in alg.GRADES:
        pool = [t for t in targets if t.stratum == grade and not t.forced
                and not (cutoff and t.last_inspected_on and t.last_inspected_on >= cutoff)]
        ratio = parameters["ratios_bp"][grade]
        expected = min(len(pool), -(-ratio * len(pool) // 10_000))
        drawn = [s for s in result.selected if s.stratum == grade and s.reason == "drawn"]
        assert len(drawn) == expected
        assert {s.target_id for s in drawn} <= {t.target_id for t in pool}
    assert {s.target_id for s in result.selected if s.reason == "forced"} == {t.target_id for t in targets if t.forced}


@FAST
@given(draw_inputs(departments=("JT", "ZJ")), st.data())
def test_no_conflicted_inspector_and_enough_distinct_inspectors_or_a_named_error(inputs, data):
    parameters, targets, inspectors, secret = inputs
    target_ids = [t.target_id for t in targets]
    conflicts = drawn_conflicts(data, targets, inspectors)
    result = seal(parameters, targets, inspectors, secret, conflicts).run(secret)
    if result.failure:
        failed_at = result.failure["target_id"]
        assert failed_at in target_ids and failed_at in alg.describe_failure(result.failure)
        free = [i for i in inspectors if (failed_at, i.inspector_id) not in conflicts]
        departments_free = {i.department for i in free}
        assert len(free) < parameters["inspectors_per_target"] or departments_free != {"JT", "ZJ"}
        # Targets before the failing one have their teams; it and the rest have none.
        stopped = next(s for s in result.selected if s.target_id == failed_at)
        assert all(not s.inspectors for s in result.selected if s.order >= stopped.order)
        assert all(s.inspectors for s in result.selected if s.order < stopped.order)
    by_id = {i.inspector_id: i for i in inspectors}
    for selected in (s for s in result.selected if s.inspectors):
        assert len(selected.inspectors) == parameters["inspectors_per_target"]
        assert len(set(selected.inspectors)) == len(selected.inspectors)
        assert all((selected.target_id, i) not in conflicts for i in selected.inspectors)
        assert {by_id[i].department for i in selected.inspectors} == {"JT", "ZJ"}


def test_a_target_without_enough_free_inspectors_fails_the_draw_naming_it():
    targets = [alg.TargetRow("E:A1", "entity", "ZJ", "D", True, "", "甲公司")]
    inspectors = [alg.InspectorRow("ZF1", "ZJ", "甲"), alg.InspectorRow("ZF2", "ZJ", "乙")]
    parameters = {"departments": ["ZJ"], "ratios_bp": dict.fromkeys(alg.GRADES, 0), "inspectors_per_target": 2,
                  "recent_cutoff": ""}
    result = seal(parameters, targets, inspectors, "s", {("E:A1", "ZF1")}).run("s")
    assert result.as_dict()["status"] == "failed"
    assert result.failure == {"target_id": "E:A1", "reason": "too_few_free_inspectors", "free": 1, "required": 2,
                              "conflicted": 1}
    assert "E:A1: only 1 of the 2" in alg.describe_failure(result.failure)


def test_load_is_balanced_across_inspectors():
    targets = [alg.TargetRow(f"E:{i:02d}", "entity", "ZJ", "D", False, "", f"公司{i}") for i in range(12)]
    inspectors = [alg.InspectorRow(f"ZF{i}", "ZJ", f"员{i}") for i in range(6)]
    parameters = {"departments": ["ZJ"], "ratios_bp": {"A": 0, "B": 0, "C": 0, "D": 10_000},
                  "inspectors_per_target": 2, "recent_cutoff": ""}
    result = seal(parameters, targets, inspectors, "x").run("x")
    load = Counter(i for s in result.selected for i in s.inspectors)
    assert set(load.values()) == {4}


def test_selection_within_a_stratum_is_uniform_over_many_seeds():
    """Chi-square goodness of fit, 10 targets, 3 drawn per seed, 3000 seeds; critical value of
    chi-square with 9 degrees of freedom at significance 0.001 is 27.877."""
    targets = [f"E:U{i}" for i in range(10)]
    counts = Counter()
    seeds = 3000
    for number in range(seeds):
        seed = alg.sha256_hex(f"seed-{number}")
        ranked = sorted(targets, key=lambda t: (alg.target_rank_key(seed, "C", t), t))
        counts.update(ranked[:3])
    expected = seeds * 3 / len(targets)
    chi_square = sum((counts[t] - expected) ** 2 / expected for t in targets)
    assert chi_square < 27.877


def test_rounding_is_ceiling_in_integer_arithmetic():
    assert alg.selection_count(100, 1) == 1
    assert alg.selection_count(100, 0) == 0
    assert alg.selection_count(1000, 10) == 1
    assert alg.selection_count(1000, 11) == 2
    assert alg.selection_count(3000, 7) == 3
    assert alg.selection_count(0, 50) == 0


def test_recently_inspected_targets_are_excluded_unless_forced():
    targets = [alg.TargetRow("E:1", "entity", "ZJ", "D", False, "2026-03-01", "甲"),
               alg.TargetRow("E:2", "entity", "ZJ", "D", True, "2026-03-01", "乙"),
               alg.TargetRow("E:3", "entity", "ZJ", "D", False, "2025-01-01", "丙")]
    inspectors = [alg.InspectorRow(f"ZF{i}", "ZJ", "员") for i in range(2)]
    parameters = {"departments": ["ZJ"], "ratios_bp": {"A": 0, "B": 0, "C": 0, "D": 10_000},
                  "inspectors_per_target": 2, "recent_cutoff": "2026-01-01"}
    result = seal(parameters, targets, inspectors, "k").run("k")
    assert [s.target_id for s in result.selected] == ["E:2", "E:3"]
    assert result.excluded_recent == ["E:1"]


def test_snapshot_cells_with_commas_and_quotes_round_trip():
    rows = [alg.TargetRow("E:1", "entity", "ZJ", "A", False, "", '甲,"乙"公司', "ab" * 32)]
    data = alg.target_snapshot(rows)
    assert data.endswith(b"\n") and b"\r" not in data
    assert alg.parse_target_snapshot(data) == rows
    with pytest.raises(ValueError):
        alg.target_snapshot([alg.TargetRow("E:1", "entity", "ZJ", "A", False, "", "a\nb")])


def test_wrong_secret_or_tampered_snapshot_is_refused():
    targets = [alg.TargetRow("E:1", "entity", "ZJ", "D", False, "", "甲")]
    inspectors = [alg.InspectorRow(f"ZF{i}", "ZJ", "员") for i in range(2)]
    parameters = {"departments": ["ZJ"], "ratios_bp": dict.fromkeys(alg.GRADES, 10_000),
                  "inspectors_per_target": 2, "recent_cutoff": ""}
    sealed = seal(parameters, targets, inspectors, "right")
    with pytest.raises(alg.DrawError, match="commitment"):
        sealed.run("wrong")
    with pytest.raises(alg.DrawError, match="target snapshot"):
        dataclasses.replace(sealed, targets=[dataclasses.replace(sealed.targets[0], stratum="A")]).run("right")
    with pytest.raises(alg.DrawError, match="conflict snapshot"):
        dataclasses.replace(sealed, tokens=sealed.tokens - sealed.tokens).run("right") if sealed.tokens else \
            dataclasses.replace(sealed, tokens=frozenset({"0" * 64})).run("right")
    with pytest.raises(alg.DrawError, match="conflict key"):
        dataclasses.replace(sealed, keys={"E:1": "f" * 64}).run("right")
    with pytest.raises(alg.DrawError, match="not revealed"):
        dataclasses.replace(sealed, keys={}).run("right")


def test_sealed_conflicts_hide_every_tie_until_a_target_is_drawn():
    """The published material names no conflict pair; the revealed keys of the drawn targets give
    back exactly their conflicts, and the targets not drawn keep theirs hidden."""
    targets = [alg.TargetRow(f"E:{i}", "entity", "ZJ", "D", i == 1, "", f"公司{i}") for i in range(1, 4)]
    inspectors = [alg.InspectorRow(f"ZF{i}", "ZJ", f"员{i}") for i in range(1, 5)]
    conflicts = {("E:1", "ZF1"), ("E:2", "ZF2"), ("E:3", "ZF3")}
    parameters = {"departments": ["ZJ"], "ratios_bp": dict.fromkeys(alg.GRADES, 0),
                  "inspectors_per_target": 2, "recent_cutoff": ""}
    sealed = seal(parameters, targets, inspectors, "s", conflicts)
    published = (alg.target_snapshot(sealed.targets) + alg.inspector_snapshot(inspectors)
                 + alg.conflict_snapshot(sorted(sealed.tokens)) + alg.canonical_json(sealed.manifest)).decode()
    assert "E:1;" not in published and CONFLICT_KEY not in published
    assert not any(key in published for key in sealed.keys.values())
    assert len(sealed.tokens) == 3
    drawn = alg.drawn_target_ids(sealed.manifest, sealed.targets, "s", "")
    assert drawn == ["E:1"]
    revealed = {target_id: sealed.keys[target_id] for target_id in drawn}
    result = alg.run_draw(sealed.manifest, sealed.targets, inspectors, sealed.tokens, "s", "", revealed)
    assert "ZF1" not in result.selected[0].inspectors
    assert alg.conflicted_inspectors(sealed.targets[0], revealed, sealed.tokens, inspectors) == {"ZF1"}
    # Without E:2's key nobody can test a pair against the tokens.
    with pytest.raises(alg.DrawError, match="not revealed"):
        alg.conflicted_inspectors(sealed.targets[1], revealed, sealed.tokens, inspectors)
