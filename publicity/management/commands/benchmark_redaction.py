"""Benchmark: redaction of generated complaint decisions (docs/benchmarks.md).

    .venv/bin/python manage.py benchmark_redaction --texts 2000

Texts are built from decision templates with random people, ID numbers, phones and e-mail
addresses (a fixed seed, so runs compare). Prints the one-off cost of loading the segmenter, then
per-text times (median, 95th percentile) and throughput, how many generated personal values
survived without being passed in as known values, for a first pass, a second pass over the
same texts (the preview and the publication tag the same text) and `find_suspicious`. No database."""

import random
import statistics
import time

from django.core.management.base import BaseCommand

from publicity.redaction import find_suspicious, redact
from publicity.redaction.names import _tagger

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞刚英华辉鹏斌玲红燕琳晨宇浩凯婷雪梅峰亮"
PARAGRAPHS = [
    "投诉人：{a}，身份证号码{id}，联系电话{mobile}，电子邮箱{email}，住址{address}。",
    "被投诉人：浙江宏达建设工程有限公司，统一社会信用代码91330100MA2H3K4L5X，法定代表人{b}。",
    "投诉事项：投诉人认为第一中标候选人提供的类似工程业绩不真实，项目经理{c}同时在其他项目任职。",
    "调查情况：本局调取了评标录像、评分表和投标文件，询问了评标委员会成员{d}、{e}，证人{f}到场说明情况，"
    "并向业绩证明单位（联系电话{landline}）核实。经查，第一中标候选人提供的两项业绩中有一项合同金额与实际不符。",
    "处理决定：依据《中华人民共和国招标投标法实施条例》第六十一条，投诉部分属实，责令招标人组织原评标委员会重新评审，"
    "并对被投诉人弄虚作假行为另案处理。承办人：{g}。",
    "当事人如不服本决定，可自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。",
]


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _decision(rng) -> tuple[str, list[str]]:
    born = f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    values = {key: _name(rng) for key in "abcdefg"}
    values.update(
        id=f"330106{born}{rng.randint(0, 9999):04d}",
        mobile=f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}",
        landline=f"0571-{rng.randint(2_000_0000, 8_999_9999)}",
        email=f"user{rng.randint(1, 99999)}@163.com",
        address=f"杭州市西湖区文三路{rng.randint(1, 999)}号{rng.randint(1, 30)}幢{rng.randint(101, 2404)}室",
    )
    return "\n".join(paragraph.format(**values) for paragraph in PARAGRAPHS), list(values.values())


def _figures(label: str, durations: list[float], characters: int, stdout) -> None:
    ordered = sorted(durations)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) > 1 else ordered[0]
    stdout.write(f"{label:<28} median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   "
                 f"{characters / sum(ordered):10,.0f} characters/s")


class Command(BaseCommand):
    help = "Time the redaction of generated complaint decisions."

    def add_arguments(self, parser):
        parser.add_argument("--texts", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=16)

    def handle(self, *args, texts: int, seed: int, **options):
        rng = random.Random(seed)
        generated = [_decision(rng) for _ in range(texts)]
        decisions = [text for text, _values in generated]
        characters = sum(len(text) for text in decisions)
        started = time.perf_counter()
        _tagger()
        self.stdout.write(f"segmenter loaded in {time.perf_counter() - started:.2f} s (once per process)")
        self.stdout.write(f"{texts} decisions, {characters / texts:,.0f} characters each on average")
        for label in ("redact, first pass", "redact, same texts again"):
            durations = []
            for text in decisions:
                started = time.perf_counter()
                redact(text)
                durations.append(time.perf_counter() - started)
            _figures(label, durations, characters, self.stdout)
        redacted = [redact(text) for text in decisions]
        left = sum(1 for (_text, values), output in zip(generated, redacted, strict=True)
                   for value in values if value in output)
        self.stdout.write(f"personal values left in the output (none passed in as known): {left}")
        durations = []
        for text in redacted:
            started = time.perf_counter()
            find_suspicious(text)
            durations.append(time.perf_counter() - started)
        _figures("find_suspicious (preview)", durations, sum(len(t) for t in redacted), self.stdout)
