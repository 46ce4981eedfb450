"""Natural persons' names: after a label, in running text (jieba person-name tags), with "·",
in pinyin, or addressed by title ("王先生"). Names keep only the surname: 张伟 → 张某."""

import functools
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from publicity.redaction.spans import Span
from publicity.redaction.text import CJK
from publicity.redaction.vocabulary import (
    COMPOUND_SURNAMES,
    FOLLOW_CHARS,
    NAME_LIST_SEPARATORS,
    ORGANISATION_CHARS,
    ORGANISATION_RE,
    PERSON_LABELS,
    PINYIN_GIVEN_RE,
    PINYIN_SURNAMES,
    PREPOSITIONS,
    SURNAMES,
    TITLES,
)

PERSON_FLAGS = ("nr", "nrfg", "nrt")
COMMON_WORD_FREQUENCY = 500  # after a label
RUNNING_TEXT_WORD_FREQUENCY = 50  # anywhere else: be stricter
PREFIX_WORD_FREQUENCY = 100  # 严格执行, 纪检监察: a name does not start with a common word
PLACE_ENDINGS = tuple("省市区县镇乡村街路")
COMMON_WORD_MIN = 100  # a dictionary word at least this frequent is a word, not a name
FUNCTION_WORD_FLAGS = frozenset("pcurmqfyoe")  # prepositions, conjunctions, particles, pronouns, numbers…
CLAUSE_FLAGS = frozenset("vdpcurmq")  # verbs, adverbs, prepositions…: a clause goes on, not a name
DOT_NAME_STOPS = frozenset("到称向在对于等是为和与及已未从被把将反说认")
MASK = "某"
NAME_RUN_RE = re.compile(f"[{CJK}·•・‧]{{1,16}}")
LABEL_RE = re.compile(
    r"(?:" + "|".join(sorted(PERSON_LABELS, key=len, reverse=True)) + r")"
    r"(?:(?P<colon>\s*:\s*)|\s*(?:为|是)(?=[" + CJK + r"]{2}))?"
)
CJK_RE = re.compile(f"[{CJK}]")
DOT_RE = re.compile(f"(?<=[{CJK}])[·•・‧](?=[{CJK}])")
TITLE_RE = re.compile("([" + "".join(sorted(SURNAMES)) + "])(先生|女士|小姐|老师|师傅)")
PINYIN_NAME_RE = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,})[ \-]([A-Z][a-z]+(?:[ \-]?[A-Za-z][a-z]+)?|[A-Z]{2,})"
                            r"(?![A-Za-z])")


@dataclass(frozen=True)
class Token:
    word: str
    flag: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)

    @property
    def is_person(self) -> bool:
        return self.flag in PERSON_FLAGS


def is_name_token(token: Token, *, common: int = COMMON_WORD_FREQUENCY) -> bool:
    """A person-name tag worth trusting: jieba's dictionary tags some common words (陈述, 申请人,
    银行卡) as names; a frequent dictionary word is a word, not a name."""
    return (token.is_person and len(token.word) >= 2 and token.word not in PERSON_LABELS
            and (_frequency(token.word) or 0) < common)


@functools.cache
def _tagger():
    """jieba's part-of-speech tagger, loaded once per process from the dictionary it ships with."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


def _frequency(word: str) -> int | None:
    _tagger()
    import jieba

    return jieba.dt.FREQ.get(word)


SENTENCE_END_RE = re.compile(r"(?<=[。！？；!?;\n])")


@functools.lru_cache(maxsize=8192)
def _sentence_tokens(sentence: str) -> tuple[tuple[str, str], ...]:
    return tuple((pair.word, pair.flag) for pair in _tagger().cut(sentence))


def tokens(text: str) -> list[Token]:
    """jieba's words with their tags and offsets. Tagged sentence by sentence, cached: decisions
    repeat their legal boilerplate, and a preview tags the same text as its publication."""
    result, offset = [], 0
    for sentence in SENTENCE_END_RE.split(text):
        position = 0
        for word, flag in _sentence_tokens(sentence):
            start = sentence.find(word, position)
            if start < 0:
                continue
            result.append(Token(word, flag, offset + start))
            position = start + len(word)
        offset += len(sentence)
    return result


def surname_length(name: str) -> int:
    for compound in sorted(COMPOUND_SURNAMES, key=len, reverse=True):
        if name.startswith(compound) and len(name) > len(compound):
            return len(compound)
    return 1


def mask_name(name: str) -> str:
    """张伟 → 张某, 李晓明 → 李某某, 欧阳娜娜 → 欧阳某某, 买买提·艾力 → 买某某, Zhang Wei → Z***."""
    name = name.strip()
    if not name:
        return name
    if re.fullmatch(r"[A-Za-z][A-Za-z \-]*", name):
        return name[0].upper() + "***"
    if any(dot in name for dot in "·•・‧"):
        return name[0] + MASK * 2
    length = surname_length(name)
    if name[length:] in TITLES:
        return name[:length] + MASK
    return name[:length] + MASK * min(max(len(name) - length, 1), 2)


def is_organisation(run: str) -> bool:
    """Does a run of Chinese characters start with an organisation's name?"""
    match = ORGANISATION_RE.match(run)
    if match:
        words_before = run[: match.end()]
        if not any(char in FOLLOW_CHARS for char in words_before[2:-2]):
            return True
    return False


def _name_length(run: str, words: list[Token], *, trusted: bool) -> int:
    """How many characters at the start of `run` are a person's name (0: none). `words`: the
    jieba tokens from the start of `run` on, read in the context of the whole text."""
    if len(run) < 2 or MASK in run[:4] or "*" in run[:4]:
        return 0
    if is_organisation(run):
        return 0
    surname = surname_length(run) if run[:2] in COMPOUND_SURNAMES or run[:4] in COMPOUND_SURNAMES else 1
    compound = surname > 1
    if run[surname:surname + 2] in TITLES and (compound or run[0] in SURNAMES):
        return surname + 2
    dot = next((i for i, char in enumerate(run[:10]) if char in "·•・‧"), -1)
    if dot > 0:
        # A transliterated name: up to the first word after the last dot ("买买提·艾力到场").
        end = max(i for i, char in enumerate(run) if char in "·•・‧") + 2
        while end < len(run) and run[end] not in DOT_NAME_STOPS and end < 16:
            end += 1
        return min(end, len(run))
    end = surname + 1
    while end < len(run) and run[end] not in FOLLOW_CHARS and end < 9:
        end += 1
    guess = min(end, surname + 2)
    words = words or tokens(run[:12])
    first, second = words[0], (words[1] if len(words) > 1 else None)
    if is_name_token(first) and not compound:
        length = len(first.word)
        if trusted and end == len(run) and length < end <= 8:
            length = end  # a long name up to the punctuation: 阿卜杜热合曼
        elif length < guess and second is not None and _dangling(second):
            length = guess  # jieba left the last character of the name alone: 杨丽/娟
    elif compound or run[0] in SURNAMES:
        if not trusted and not compound and (
                run[0] in PREPOSITIONS or _is_common_word(first)
                or (second is not None and len(first.word) == 1 and _is_common_word(second)
                    and second.flag[:1] in CLAUSE_FLAGS)):
            return 0
        if trusted and not compound and len(first.word) >= 2 and (
                first.flag == "nt" or (first.flag == "ns" and first.word.endswith(PLACE_ENDINGS))):
            return 0
        if (len(first.word) == surname and second is not None and second.flag in PERSON_FLAGS
                and len(second.word) <= 2):
            length = surname + len(second.word)
        elif trusted and end == len(run) and end <= 8:
            length = end
        else:
            length = guess
    else:
        return 0
    core = run[:length]
    if len(core) >= 3 and core[-1] in ORGANISATION_CHARS and not (len(first.word) == 1 or first.is_person):
        return 0
    return min(length, len(run))


def _is_common_word(token: Token) -> bool:
    """A dictionary word of two or more characters in common use (陈述, 抽取), not a name."""
    return len(token.word) >= 2 and not is_name_token(token) and (_frequency(token.word) or 0) >= COMMON_WORD_MIN


def _dangling(token: Token) -> bool:
    """A single character jieba split off a name (杨丽/娟, 高洋/静)."""
    return (len(token.word) == 1 and token.word not in FOLLOW_CHARS and CJK_RE.match(token.word) is not None
            and token.flag[:1] not in FUNCTION_WORD_FLAGS)


def labelled_names(text: str, words: list[Token]) -> Iterator[Span]:
    """Names after a label ("投诉人：张伟向本局…", "证人王芳、李娜", "法定代表人朱斌杰，"), including every
    name of a list."""
    index_at = {token.start: index for index, token in enumerate(words)}
    for label in LABEL_RE.finditer(text):
        position, trusted = label.end(), label.group("colon") is not None
        while True:
            run_match = NAME_RUN_RE.match(text, position)
            if not run_match:
                break
            run = run_match.group(0)
            index = index_at.get(position)  # None: jieba joined the label's end to what follows (人马)
            length = _name_length(run, words[index:index + 2] if index is not None else [], trusted=trusted)
            if not length:
                break
            name = run[:length]
            yield Span(position, position + length, mask_name(name), "name")
            following = position + length
            if following < len(text) and text[following] in NAME_LIST_SEPARATORS:
                trusted = text[following] == "、"
                position = following + 1
                continue
            break


def _followed_by_organisation(text: str, end: int) -> bool:
    run = NAME_RUN_RE.match(text, end)
    return bool(run) and is_organisation(run.group(0)) and not any(c in FOLLOW_CHARS for c in run.group(0)[:1])


def tagged_names(text: str, words: list[Token]) -> Iterator[Span]:
    """Names nobody entered, found by jieba's person-name tags."""
    for index, token in enumerate(words):
        if not is_name_token(token, common=RUNNING_TEXT_WORD_FREQUENCY) or MASK in token.word:
            continue
        start, word = token.start, token.word
        previous = words[index - 1] if index else None
        if previous is not None and previous.end == start and (
                previous.word in COMPOUND_SURNAMES
                or (len(previous.word) == 1 and previous.word in SURNAMES and previous.word not in PREPOSITIONS
                    and len(word) <= 2 and word[0] not in SURNAMES)):
            start, word = previous.start, previous.word + word
        compound = word[:2] in COMPOUND_SURNAMES
        if not (compound or word[0] in SURNAMES) or not 2 <= len(word) <= (4 if compound else 3):
            continue
        if not compound and len(word) == 3 and (_frequency(word[:2]) or 0) >= PREFIX_WORD_FREQUENCY:
            continue
        end = token.end
        following = words[index + 1] if index + 1 < len(words) else None
        if (len(word) == 2 and not compound and following is not None and following.start == end
                and _dangling(following) and word[0] not in PREPOSITIONS):
            word, end = word + following.word, following.end
        if _followed_by_organisation(text, end):
            continue
        yield Span(start, end, mask_name(word), "name")


def dotted_names(text: str, words: list[Token]) -> Iterator[Span]:
    """Transliterated names written with a middle dot: 买买提·艾力, 阿依古丽·吐尔逊."""
    by_position = {}
    for token in words:
        for position in range(token.start, token.end):
            by_position[position] = token
    for dot in DOT_RE.finditer(text):
        left, right = by_position.get(dot.start() - 1), by_position.get(dot.end())
        if left is None or right is None:
            continue
        start, end = left.start, right.end
        # a chain: 阿卜杜·热合曼·艾力
        while end < len(text) - 1 and text[end] in "·•・‧" and by_position.get(end + 1):
            end = by_position[end + 1].end
        yield Span(start, end, mask_name(text[start:end]), "name")


def titled_names(text: str) -> Iterator[Span]:
    for match in TITLE_RE.finditer(text):
        yield Span(match.start(), match.end(), match.group(1) + MASK, "name")


def pinyin_names(text: str) -> Iterator[Span]:
    for match in PINYIN_NAME_RE.finditer(text):
        first, second = match.group(1), match.group(2)
        if first.lower() in PINYIN_SURNAMES and _is_pinyin(second):
            surname = first
        elif second.lower() in PINYIN_SURNAMES and _is_pinyin(first):
            surname = second
        else:
            continue
        yield Span(match.start(), match.end(), surname[0].upper() + "***", "name")


def _is_pinyin(word: str) -> bool:
    return bool(PINYIN_GIVEN_RE.fullmatch(re.sub(r"[ \-]", "", word)))


def find_names(text: str) -> Iterator[Span]:
    words = tokens(text)
    yield from labelled_names(text, words)
    yield from tagged_names(text, words)
    yield from dotted_names(text, words)
    yield from titled_names(text)
    yield from pinyin_names(text)
