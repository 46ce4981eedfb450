"""Known-answer vectors for `sjsg-draw/2` and `sjsg-draw/3` (docs/draw-algorithm.md, "Known-answer vectors").

Every expected value below is written out literally. They were computed once by an independent
re-implementation of the published specification, not by `inspections/draw/algorithm.py`, so a
change to the algorithm or to an encoding fails here instead of silently agreeing with itself.
"""

import json
from dataclasses import replace

from inspections.draw import algorithm as alg

TARGETS_CSV = (
    "target_id,kind,department,stratum,forced,last_inspected_on,name,conflict_key_sha256\n"
    "E:91330100MA00000001,entity,ZJ,A,0,,甲建设有限公司,616e28c3c96ad2b836f2faea61504eecbe0c53ee74a77030895c53eecd988210\n"
    "E:91330100MA00000002,entity,ZJ,A,0,2026-03-01,乙造价咨询有限公司,4437c56398f870304f8cbe419fe5490354f9646d665668d4b23b7526bc4ae5d3\n"
    "E:91330100MA00000003,entity,ZJ,B,0,,丙工程有限公司,76fe457cce8bf1ed9c085db4a1409b2d72bec6a6d4aa8f36272e0374ba1dd841\n"
    "E:91330100MA00000004,entity,ZJ,B,0,2024-05-20,丁设计院,46dcf15804bb4dac4beb408b64415ba647502323b0eaad61ad3773c08a7ebbc8\n"
    "E:91330100MA00000005,entity,ZJ,C,1,2026-04-10,戊招标代理有限公司,b45f585b68cf8e8b82c16897f3cb652cea1656ab7417654bc88df776d7d05ec1\n"
    "P:JT-2026-001,project,ZJ,D,0,,某路段改造工程,07a00e57f9526a22b6b80d3e47bbdd8bc83324df7b6dee15194e471116b1776a\n"
    "P:JT-2026-002,project,ZJ,D,0,,某桥梁维修工程,54eb0dddb1332612d6b818ae3a4a57360fecab3f4582fa295f47f3a52659471e\n"
).encode()
INSPECTORS_CSV = (
    "inspector_id,department,name\n"
    "ZF3301000001,ZJ,张一\n"
    "ZF3301000002,ZJ,李二\n"
    "ZF3301000003,ZJ,王三\n"
    "ZF3301000004,ZJ,赵四\n"
).encode()
CONFLICTS_CSV = (
    b"token\n"
    b"153ee3242e1f364f6490cd1c1717a549f340d1a0a1f777eb971b7687f054b417\n"
    b"63e354acfe97d2aad90abadccd0973e66fd22e6df29a2c23be1314c8e286ec0a\n"
    b"acac54b3590b4b91b6baea1e2fce89584f41f931fdd91317100af369e50d2290\n"
)
SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
PUBLIC_VALUE = "2026-11-05 3D 123"
# The plan's conflict key K (never published for a real plan) and the conflicting pairs it seals.
PLAN_CONFLICT_KEY = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
CONFLICT_PAIRS = {("E:91330100MA00000005", "ZF3301000001"), ("P:JT-2026-001", "ZF3301000003"),
                  ("P:JT-2026-002", "ZF3301000003")}
# k(t) of the selected targets, as reveal.json publishes them (P:JT-2026-002 was not drawn).
CONFLICT_KEYS = {
    "E:91330100MA00000001": "e373a40cd81301ad9b9f92e9e08a5d9e87b0b6fe3f655b15010a337056069d47",
    "E:91330100MA00000003": "90f4d7b5c8c84d30df0354deefc354989a36c4d68f8fa8eba0afe9e244c1a7c2",
    "E:91330100MA00000005": "b639eb51612146feac130266ce729862aa45eb327745a7fb0215f4d0776c50fd",
    "P:JT-2026-001": "85503b958bffe20c576921f51e917afd0188a3078b062d206ac7009d7063d9cb",
}
MANIFEST_JSON = (
    '{"algorithm":"sjsg-draw/2",'
    '"conflict_snapshot_sha256":"c787ecfdb51e73d6bc90066a63cc11d0bcd4d357f41dddaa9adec6c04eb3b00e",'
    '"draw_time":"2026-11-06T10:00:00+08:00",'
    '"inspector_snapshot_sha256":"82e279406542a0063870179a98721a4a809defaeb92632e851877f9cf4219017",'
    '"parameters":{"departments":["ZJ"],"inspectors_per_target":2,"items":["ZJ-01"],'
    '"period":["2026-11-09","2026-12-18"],"plan_kind":"routine",'
    '"ratios_bp":{"A":5000,"B":5000,"C":2000,"D":5000},"recent_cutoff":"2025-11-06"},'
    '"plan":{"code":"SJ2026-KAV1","title":"已知答案向量一"},"public_value_source":"中国福利彩票3D",'
    '"seed_commitment":"a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e",'
    '"target_snapshot_sha256":"d3e8b45ebd442fcac446b13f69376577c3e447eed4291de6327ebc925275d927"}'
).encode()
MANIFEST_SHA256 = "db66ab503b330158c1677bca79236eb509e95dabd16935118afe615bd5be8999"
SEED = "4090c3ab9d29bb19cff6d3908159fbbe7ca5bc5d7b3ed597807b2880fae732c3"
RESULT_JSON = (
    b'{"algorithm":"sjsg-draw/2","excluded_recent":["E:91330100MA00000002"],'
    b'"manifest_sha256":"db66ab503b330158c1677bca79236eb509e95dabd16935118afe615bd5be8999",'
    b'"seed":"4090c3ab9d29bb19cff6d3908159fbbe7ca5bc5d7b3ed597807b2880fae732c3",'
    b'"selected":['
    b'{"inspectors":["ZF3301000004","ZF3301000003"],"order":1,"rank_key":"","reason":"forced",'
    b'"stratum":"C","target_id":"E:91330100MA00000005"},'
    b'{"inspectors":["ZF3301000001","ZF3301000002"],"order":2,'
    b'"rank_key":"c58a6892663c518c43d0a89cb769654cbdd20c653fffcfcfe7afffebba56772b","reason":"drawn",'
    b'"stratum":"A","target_id":"E:91330100MA00000001"},'
    b'{"inspectors":["ZF3301000004","ZF3301000001"],"order":3,'
    b'"rank_key":"3bea2b9e792fe596aab3f5f12e70532059b42c2eac270f9c23369ed6341006e9","reason":"drawn",'
    b'"stratum":"B","target_id":"E:91330100MA00000003"},'
    b'{"inspectors":["ZF3301000002","ZF3301000004"],"order":4,'
    b'"rank_key":"080e64cb565f3832a63abe0f16405d73d49a1620024d0ccf8a5c930326cedfeb","reason":"drawn",'
    b'"stratum":"D","target_id":"P:JT-2026-001"}],'
    b'"strata":{"A":{"eligible":1,"forced":0,"selected":1},"B":{"eligible":2,"forced":0,"selected":1},'
    b'"C":{"eligible":0,"forced":1,"selected":0},"D":{"eligible":2,"forced":0,"selected":1}}}'
)
RESULT_SHA256 = "909675645e76bd12bf2e2702c927d9a71a5525fd1850dd2afafdda72ccc306a9"


def test_hash_and_seed_primitives_give_the_published_answers():
    assert alg.sha256_hex(TARGETS_CSV) == "d3e8b45ebd442fcac446b13f69376577c3e447eed4291de6327ebc925275d927"
    assert alg.sha256_hex(INSPECTORS_CSV) == "82e279406542a0063870179a98721a4a809defaeb92632e851877f9cf4219017"
    assert alg.sha256_hex(CONFLICTS_CSV) == "c787ecfdb51e73d6bc90066a63cc11d0bcd4d357f41dddaa9adec6c04eb3b00e"
    assert alg.target_conflict_key(PLAN_CONFLICT_KEY, "P:JT-2026-001") == CONFLICT_KEYS["P:JT-2026-001"]
    assert alg.conflict_token(CONFLICT_KEYS["P:JT-2026-001"], "ZF3301000003") == (
        "153ee3242e1f364f6490cd1c1717a549f340d1a0a1f777eb971b7687f054b417")
    assert alg.commitment(SECRET) == "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e"
    assert alg.derive_seed(SECRET, PUBLIC_VALUE, MANIFEST_SHA256) == SEED
    assert alg.target_rank_key(SEED, "A", "E:91330100MA00000001") == (
        "c58a6892663c518c43d0a89cb769654cbdd20c653fffcfcfe7afffebba56772b")
    assert [alg.selection_count(r, n) for r, n in [(0, 7), (1, 1), (5000, 3), (2000, 5), (9999, 1), (10000, 4)]] == [
        0, 1, 2, 1, 1, 4]


def test_snapshots_and_manifest_encode_to_the_published_bytes():
    targets = alg.parse_target_snapshot(TARGETS_CSV)
    inspectors = alg.parse_inspector_snapshot(INSPECTORS_CSV)
    assert alg.target_snapshot(list(reversed(targets))) == TARGETS_CSV
    assert alg.inspector_snapshot(inspectors) == INSPECTORS_CSV
    unsealed = [replace(t, conflict_key_sha256="") for t in targets]
    sealed, tokens = alg.seal_conflicts(PLAN_CONFLICT_KEY, unsealed, CONFLICT_PAIRS)
    assert alg.target_snapshot(sealed) == TARGETS_CSV
    assert alg.conflict_snapshot(tokens) == CONFLICTS_CSV
    assert alg.parse_conflict_snapshot(CONFLICTS_CSV) == frozenset(tokens)
    manifest = alg.build_manifest(
        plan_code="SJ2026-KAV1", plan_title="已知答案向量一",
        parameters={"departments": ["ZJ"], "inspectors_per_target": 2, "items": ["ZJ-01"],
                    "period": ["2026-11-09", "2026-12-18"], "plan_kind": "routine",
                    "ratios_bp": {"A": 5000, "B": 5000, "C": 2000, "D": 5000}, "recent_cutoff": "2025-11-06"},
        target_snapshot_bytes=TARGETS_CSV, inspector_snapshot_bytes=INSPECTORS_CSV,
        conflict_snapshot_bytes=CONFLICTS_CSV,
        seed_commitment=alg.commitment(SECRET), public_value_source="中国福利彩票3D",
        draw_time="2026-11-06T10:00:00+08:00", algorithm=alg.VERSION_2,
    )
    assert alg.canonical_json(manifest) == MANIFEST_JSON
    assert alg.manifest_hash(manifest) == MANIFEST_SHA256


def test_the_draw_reproduces_the_published_result_byte_for_byte():
    result = alg.run_draw(json.loads(MANIFEST_JSON), alg.parse_target_snapshot(TARGETS_CSV),
                          alg.parse_inspector_snapshot(INSPECTORS_CSV), alg.parse_conflict_snapshot(CONFLICTS_CSV),
                          SECRET, PUBLIC_VALUE, CONFLICT_KEYS)
    encoded = alg.canonical_json(result.as_dict())
    assert encoded == RESULT_JSON
    assert alg.sha256_hex(encoded) == RESULT_SHA256


REVEAL = {"conflict_keys": CONFLICT_KEYS, "manifest_sha256": MANIFEST_SHA256, "plan": "SJ2026-KAV1",
          "public_value": PUBLIC_VALUE, "secret": SECRET}


def test_published_files_verify_and_a_changed_result_does_not():
    checks = alg.verify_published(
        manifest_bytes=MANIFEST_JSON, target_bytes=TARGETS_CSV, inspector_bytes=INSPECTORS_CSV,
        conflict_bytes=CONFLICTS_CSV, reveal=REVEAL, published_manifest_sha256=MANIFEST_SHA256,
        result_bytes=RESULT_JSON,
    )
    assert all(check.ok for check in checks), checks
    tampered = RESULT_JSON.replace(b'"ZF3301000002","ZF3301000004"', b'"ZF3301000004","ZF3301000002"')
    assert tampered != RESULT_JSON
    checks = alg.verify_published(
        manifest_bytes=MANIFEST_JSON, target_bytes=TARGETS_CSV, inspector_bytes=INSPECTORS_CSV,
        conflict_bytes=CONFLICTS_CSV, reveal=REVEAL, published_manifest_sha256=MANIFEST_SHA256,
        result_bytes=tampered,
    )
    assert not all(check.ok for check in checks)


# --- Vector 2: sjsg-draw/3, a draw that fails and still verifies --------------------------------
# The same snapshots, secret and public value; four inspectors per target, so the forced target,
# from which one of the four steps aside, cannot get its team.
MANIFEST_V3_JSON = (
    '{"algorithm":"sjsg-draw/3","conflict_snapshot_sha256":"c787ecfdb51e73d6bc90066a63cc11d0bcd4d357f41dddaa9adec6c04eb3b00e",'
    '"draw_time":"2026-11-06T10:00:00+08:00","inspector_snapshot_sha256":"82e279406542a0063870179a98721a4a809defaeb92632e851877f9cf4219017",'
    '"parameters":{"departments":["ZJ"],"inspectors_per_target":4,"items":["ZJ-01"],"period":["2026-11-09","2026-12-18"],'
    '"plan_kind":"routine","ratios_bp":{"A":5000,"B":5000,"C":2000,"D":5000},"recent_cutoff":"2025-11-06"},'
    '"plan":{"code":"SJ2026-KAV2","title":"已知答案向量二"},"public_value_source":"中国福利彩票3D 2026年11月5日开奖号码",'
    '"public_value_time":"2026-11-05T21:30:00+08:00","seed_commitment":"a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e",'
    '"target_snapshot_sha256":"d3e8b45ebd442fcac446b13f69376577c3e447eed4291de6327ebc925275d927"}'
).encode()
MANIFEST_V3_SHA256 = "5e5098715ee0a5943c035b64b88c0f0d0dbdaedfb88e7ba6ece5bfc699b8498f"
CONFLICT_KEYS_V3 = {
    "E:91330100MA00000005": "b639eb51612146feac130266ce729862aa45eb327745a7fb0215f4d0776c50fd",
    "E:91330100MA00000001": "e373a40cd81301ad9b9f92e9e08a5d9e87b0b6fe3f655b15010a337056069d47",
    "E:91330100MA00000004": "3d79087f82fbd25b9d02ac44bae230d19293072b31ade144a0fb50a378dbc590",
    "P:JT-2026-002": "5a5b2ad26f8ec5b592678c5625046bdc71c4c72ab4b6b972e6d410602fc28700",
}
FAILED_RESULT_JSON = (
    b'{"algorithm":"sjsg-draw/3","excluded_recent":["E:91330100MA00000002"],'
    b'"failure":{"conflicted":1,"free":3,"reason":"too_few_free_inspectors","required":4,"target_id":"E:91330100MA00000005"},'
    b'"manifest_sha256":"5e5098715ee0a5943c035b64b88c0f0d0dbdaedfb88e7ba6ece5bfc699b8498f",'
    b'"seed":"d667fb57d3ce065b699f4f54ac5f7457a16a36b78eda259786f8d4b24af135ff",'
    b'"selected":[{"inspectors":[],"order":1,"rank_key":"","reason":"forced","stratum":"C","target_id":"E:91330100MA00000005"},'
    b'{"inspectors":[],"order":2,"rank_key":"09fbf594f48f3c11b87b0dacbc037201a069fd2890dfbce1788914bc1e00ce64","reason":"drawn","stratum":"A","target_id":"E:91330100MA00000001"},'
    b'{"inspectors":[],"order":3,"rank_key":"79d96595f7ccaa87019cf2cecd18ccc90c99cb85dfed52139ec9edfde22f7d5b","reason":"drawn","stratum":"B","target_id":"E:91330100MA00000004"},'
    b'{"inspectors":[],"order":4,"rank_key":"5ecf55cdf871d85dd013ae66816ec9832196e91f3a16cac47769de43660610ee","reason":"drawn","stratum":"D","target_id":"P:JT-2026-002"}],'
    b'"status":"failed","strata":{"A":{"eligible":1,"forced":0,"selected":1},"B":{"eligible":2,"forced":0,"selected":1},'
    b'"C":{"eligible":0,"forced":1,"selected":0},"D":{"eligible":2,"forced":0,"selected":1}}}'
)
FAILED_RESULT_SHA256 = "67c72e9a4ed862cec7685c8ba1dc8640e346b6930abc3c5910fe364feb75d868"


def test_version_3_manifest_announces_when_the_public_value_is_published():
    manifest = alg.build_manifest(
        plan_code="SJ2026-KAV2", plan_title="已知答案向量二",
        parameters={**json.loads(MANIFEST_JSON)["parameters"], "inspectors_per_target": 4},
        target_snapshot_bytes=TARGETS_CSV, inspector_snapshot_bytes=INSPECTORS_CSV,
        conflict_snapshot_bytes=CONFLICTS_CSV, seed_commitment=alg.commitment(SECRET),
        public_value_source="中国福利彩票3D 2026年11月5日开奖号码", public_value_time="2026-11-05T21:30:00+08:00",
        draw_time="2026-11-06T10:00:00+08:00",
    )
    assert alg.canonical_json(manifest) == MANIFEST_V3_JSON
    assert alg.manifest_hash(manifest) == MANIFEST_V3_SHA256


def test_a_failed_draw_publishes_a_result_that_verifies_byte_for_byte():
    manifest = json.loads(MANIFEST_V3_JSON)
    targets = alg.parse_target_snapshot(TARGETS_CSV)
    assert alg.drawn_target_ids(manifest, targets, SECRET, PUBLIC_VALUE) == list(CONFLICT_KEYS_V3)
    result = alg.run_draw(manifest, targets, alg.parse_inspector_snapshot(INSPECTORS_CSV),
                          alg.parse_conflict_snapshot(CONFLICTS_CSV), SECRET, PUBLIC_VALUE, CONFLICT_KEYS_V3)
    assert alg.canonical_json(result.as_dict()) == FAILED_RESULT_JSON
    assert alg.sha256_hex(FAILED_RESULT_JSON) == FAILED_RESULT_SHA256
    reveal = {"conflict_keys": CONFLICT_KEYS_V3, "public_value": PUBLIC_VALUE, "secret": SECRET}
    checks = alg.verify_published(manifest_bytes=MANIFEST_V3_JSON, target_bytes=TARGETS_CSV,
                                  inspector_bytes=INSPECTORS_CSV, conflict_bytes=CONFLICTS_CSV, reveal=reveal,
                                  result_bytes=FAILED_RESULT_JSON, published_manifest_sha256=MANIFEST_V3_SHA256)
    assert all(check.ok for check in checks), checks
    assert "the draw failed: target E:91330100MA00000005: only 3 of the 4" in checks[-1].detail
    # A failure claimed at another target, or a success presented as a failure, does not verify.
    forged = FAILED_RESULT_JSON.replace(b'"free":3', b'"free":2')
    checks = alg.verify_published(manifest_bytes=MANIFEST_V3_JSON, target_bytes=TARGETS_CSV,
                                  inspector_bytes=INSPECTORS_CSV, conflict_bytes=CONFLICTS_CSV, reveal=reveal,
                                  result_bytes=forged, published_manifest_sha256=MANIFEST_V3_SHA256)
    assert not checks[-1].ok


def test_version_2_publishes_no_result_for_a_failed_draw():
    manifest = {**json.loads(MANIFEST_JSON), "parameters": {**json.loads(MANIFEST_JSON)["parameters"],
                                                            "inspectors_per_target": 4}}
    try:
        alg.run_draw(manifest, alg.parse_target_snapshot(TARGETS_CSV), alg.parse_inspector_snapshot(INSPECTORS_CSV),
                     alg.parse_conflict_snapshot(CONFLICTS_CSV), SECRET, PUBLIC_VALUE, CONFLICT_KEYS_V3)
    except alg.DrawError as exc:
        assert exc.target_id == "E:91330100MA00000005"
    else:
        raise AssertionError("a version-2 draw without enough inspectors must stop")
