"""Known-answer vectors for `sjsg-draw/1` (docs/draw-algorithm.md, "Known-answer vectors").

Every expected value below is written out literally. They were computed once by an independent
re-implementation of the published specification, not by `inspections/draw/algorithm.py`, so a
change to the algorithm or to an encoding fails here instead of silently agreeing with itself.
"""

import json

from inspections.draw import algorithm as alg

TARGETS_CSV = (
    "target_id,kind,department,stratum,forced,last_inspected_on,name\n"
    "E:91330100MA00000001,entity,ZJ,A,0,,甲建设有限公司\n"
    "E:91330100MA00000002,entity,ZJ,A,0,2026-03-01,乙造价咨询有限公司\n"
    "E:91330100MA00000003,entity,ZJ,B,0,,丙工程有限公司\n"
    "E:91330100MA00000004,entity,ZJ,B,0,2024-05-20,丁设计院\n"
    "E:91330100MA00000005,entity,ZJ,C,1,2026-04-10,戊招标代理有限公司\n"
    "P:JT-2026-001,project,ZJ,D,0,,某路段改造工程\n"
    "P:JT-2026-002,project,ZJ,D,0,,某桥梁维修工程\n"
).encode()
INSPECTORS_CSV = (
    "inspector_id,department,conflicts,name\n"
    "ZF3301000001,ZJ,E:91330100MA00000005,张一\n"
    "ZF3301000002,ZJ,,李二\n"
    "ZF3301000003,ZJ,P:JT-2026-001;P:JT-2026-002,王三\n"
    "ZF3301000004,ZJ,,赵四\n"
).encode()
SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
PUBLIC_VALUE = "2026-11-05 3D 123"
MANIFEST_JSON = (
    '{"algorithm":"sjsg-draw/1","draw_time":"2026-11-06T10:00:00+08:00",'
    '"inspector_snapshot_sha256":"dedcc988c5e67483d6c52a48504933234769030aaa6a0ee937f306fe887c1b83",'
    '"parameters":{"departments":["ZJ"],"inspectors_per_target":2,"items":["ZJ-01"],'
    '"period":["2026-11-09","2026-12-18"],"plan_kind":"routine",'
    '"ratios_bp":{"A":5000,"B":5000,"C":2000,"D":5000},"recent_cutoff":"2025-11-06"},'
    '"plan":{"code":"SJ2026-KAV1","title":"已知答案向量一"},"public_value_source":"中国福利彩票3D",'
    '"seed_commitment":"a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e",'
    '"target_snapshot_sha256":"224a73eac2663b265a27233a9ef1e94b1d96bfe6e33edc8da151048e55b8b005"}'
).encode()
MANIFEST_SHA256 = "04ed13c3d9feebe293929e7e7f13cc2d216488d3c00236a971c3a3ab8a846cde"
SEED = "6b5565987b0201ed79f688801d00fbdfcd9df3db2c88fc7c64e152d8a0f84a04"
RESULT_JSON = (
    b'{"algorithm":"sjsg-draw/1","excluded_recent":["E:91330100MA00000002"],'
    b'"manifest_sha256":"04ed13c3d9feebe293929e7e7f13cc2d216488d3c00236a971c3a3ab8a846cde",'
    b'"seed":"6b5565987b0201ed79f688801d00fbdfcd9df3db2c88fc7c64e152d8a0f84a04",'
    b'"selected":['
    b'{"inspectors":["ZF3301000002","ZF3301000004"],"order":1,"rank_key":"","reason":"forced",'
    b'"stratum":"C","target_id":"E:91330100MA00000005"},'
    b'{"inspectors":["ZF3301000001","ZF3301000003"],"order":2,'
    b'"rank_key":"80eae9207ad1ba185211add1b4f1ad76a838e8c68f8f243ebf9094d956970f5f","reason":"drawn",'
    b'"stratum":"A","target_id":"E:91330100MA00000001"},'
    b'{"inspectors":["ZF3301000002","ZF3301000003"],"order":3,'
    b'"rank_key":"e466e1263e461abcebc71e34efb05a329d1a0bc67f8db485230735a31deea95b","reason":"drawn",'
    b'"stratum":"B","target_id":"E:91330100MA00000004"},'
    b'{"inspectors":["ZF3301000004","ZF3301000001"],"order":4,'
    b'"rank_key":"9ff15239113d9a1aa8c3aaba7cd6a95b8d76bf59ef5955b3206af3a95547a922","reason":"drawn",'
    b'"stratum":"D","target_id":"P:JT-2026-001"}],'
    b'"strata":{"A":{"eligible":1,"forced":0,"selected":1},"B":{"eligible":2,"forced":0,"selected":1},'
    b'"C":{"eligible":0,"forced":1,"selected":0},"D":{"eligible":2,"forced":0,"selected":1}}}'
)
RESULT_SHA256 = "1b9b592a34bb61ff0dab0c5b000c61bf36aa8c60d8b2e8cbbdd700f7432d9130"


def test_hash_and_seed_primitives_give_the_published_answers():
    assert alg.sha256_hex(TARGETS_CSV) == "224a73eac2663b265a27233a9ef1e94b1d96bfe6e33edc8da151048e55b8b005"
    assert alg.sha256_hex(INSPECTORS_CSV) == "dedcc988c5e67483d6c52a48504933234769030aaa6a0ee937f306fe887c1b83"
    assert alg.commitment(SECRET) == "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e"
    assert alg.derive_seed(SECRET, PUBLIC_VALUE, MANIFEST_SHA256) == SEED
    assert alg.target_rank_key(SEED, "A", "E:91330100MA00000001") == (
        "80eae9207ad1ba185211add1b4f1ad76a838e8c68f8f243ebf9094d956970f5f")
    assert [alg.selection_count(r, n) for r, n in [(0, 7), (1, 1), (5000, 3), (2000, 5), (9999, 1), (10000, 4)]] == [
        0, 1, 2, 1, 1, 4]


def test_snapshots_and_manifest_encode_to_the_published_bytes():
    targets = alg.parse_target_snapshot(TARGETS_CSV)
    inspectors = alg.parse_inspector_snapshot(INSPECTORS_CSV)
    assert alg.target_snapshot(list(reversed(targets))) == TARGETS_CSV
    assert alg.inspector_snapshot(inspectors) == INSPECTORS_CSV
    manifest = alg.build_manifest(
        plan_code="SJ2026-KAV1", plan_title="已知答案向量一",
        parameters={"departments": ["ZJ"], "inspectors_per_target": 2, "items": ["ZJ-01"],
                    "period": ["2026-11-09", "2026-12-18"], "plan_kind": "routine",
                    "ratios_bp": {"A": 5000, "B": 5000, "C": 2000, "D": 5000}, "recent_cutoff": "2025-11-06"},
        target_snapshot_bytes=TARGETS_CSV, inspector_snapshot_bytes=INSPECTORS_CSV,
        seed_commitment=alg.commitment(SECRET), public_value_source="中国福利彩票3D",
        draw_time="2026-11-06T10:00:00+08:00",
    )
    assert alg.canonical_json(manifest) == MANIFEST_JSON
    assert alg.manifest_hash(manifest) == MANIFEST_SHA256


def test_the_draw_reproduces_the_published_result_byte_for_byte():
    result = alg.run_draw(json.loads(MANIFEST_JSON), alg.parse_target_snapshot(TARGETS_CSV),
                          alg.parse_inspector_snapshot(INSPECTORS_CSV), SECRET, PUBLIC_VALUE)
    encoded = alg.canonical_json(result.as_dict())
    assert encoded == RESULT_JSON
    assert alg.sha256_hex(encoded) == RESULT_SHA256


REVEAL = {"manifest_sha256": MANIFEST_SHA256, "plan": "SJ2026-KAV1", "public_value": PUBLIC_VALUE, "secret": SECRET}


def test_published_files_verify_and_a_changed_result_does_not():
    checks = alg.verify_published(
        manifest_bytes=MANIFEST_JSON, target_bytes=TARGETS_CSV, inspector_bytes=INSPECTORS_CSV,
        reveal=REVEAL, published_manifest_sha256=MANIFEST_SHA256,
        result_bytes=RESULT_JSON,
    )
    assert all(check.ok for check in checks), checks
    tampered = RESULT_JSON.replace(b'"ZF3301000002","ZF3301000004"', b'"ZF3301000004","ZF3301000002"')
    checks = alg.verify_published(
        manifest_bytes=MANIFEST_JSON, target_bytes=TARGETS_CSV, inspector_bytes=INSPECTORS_CSV,
        reveal=REVEAL, published_manifest_sha256=MANIFEST_SHA256,
        result_bytes=tampered,
    )
    assert not all(check.ok for check in checks)
