"""Load and validate quiz banks (``lessons/quiz/NN-slug.toml``, format in lessons/README.md).

Every problem names its file and line. A broken question is skipped and the rest of its file still
loads; a file that is not valid TOML is skipped and the other files still load. ``tomllib`` does not
report where a value sits, so lines are found by scanning the text for ``[[questions]]`` headers and
``key =`` lines inside each question's block (good enough to put an author on the right line).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import DIFFICULTIES, DOMAINS, HOTSPOT_IDS, LANGS, TYPES, Pair, Question, Text

FORMAT_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHOW_ME_RE = re.compile(r"^[a-z0-9-]+#[a-z0-9-]+$")
KNOWN_KEYS = {"id", "type", "topic", "difficulty", "domain", "show_me", "prompt", "choices", "answer",
              "explain", "items", "pairs", "scene"}
TOML_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a bank file (converted to the shared ``Problem`` by :mod:`app.quiz.check`)."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass
class Bank:
    path: str
    lesson: str
    chapter: int
    questions: list[Question] = field(default_factory=list)


class _Locator:
    """Maps question index and key to a line number in the file's text."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.starts = [i + 1 for i, line in enumerate(self.lines) if re.match(r"^\s*\[\[\s*questions\s*\]\]", line)]

    def question(self, index: int) -> int:
        return self.starts[index] if index < len(self.starts) else 1

    def key(self, index: int, key: str) -> int:
        start = self.question(index)
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.lines)
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*(=|\.)")
        for n in range(start, end + 1):
            if pattern.match(self.lines[n - 1]):
                return n
        return start

    def top(self, key: str) -> int:
        first = self.starts[0] if self.starts else len(self.lines) + 1
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for n in range(1, first):
            if pattern.match(self.lines[n - 1]):
                return n
        return 1


class _Bad(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def chapter_of(path: Path) -> int:
    m = re.match(r"^(\d+)-", path.name)
    return int(m.group(1)) if m else 0


def load_bank(path: Path, seen_ids: dict[str, str] | None = None) -> tuple[Bank | None, list[Issue]]:
    """Load one bank file; returns the bank (None if unreadable) and every problem found."""
    name = str(path)
    seen = {} if seen_ids is None else seen_ids
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return None, [Issue(name, 1, f"cannot read the file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Issue(name, line, "not UTF-8 text")]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = TOML_LINE_RE.search(str(exc))
        reason = TOML_LINE_RE.sub("", str(exc)).replace("()", "").strip(" (")
        return None, [Issue(name, int(m.group(1)) if m else 1, f"not valid TOML: {reason}")]
    where = _Locator(text)
    issues: list[Issue] = []
    version = doc.get("format_version")
    if version != FORMAT_VERSION:
        issues.append(Issue(name, where.top("format_version"),
                            f"format_version must be {FORMAT_VERSION} (found {version!r})"))
        if isinstance(version, int) and version > FORMAT_VERSION:
            return None, issues
    lesson = doc.get("lesson")
    if not isinstance(lesson, str) or not ID_RE.match(lesson):
        issues.append(Issue(name, where.top("lesson"), "lesson must name a lesson id (lower-case-with-dashes)"))
        lesson = ""
    raw = doc.get("questions", [])
    if not isinstance(raw, list) or not raw:
        issues.append(Issue(name, 1, "no [[questions]] in this bank"))
        raw = []
    bank = Bank(name, lesson, chapter_of(path))
    for i, entry in enumerate(raw):
        line = where.question(i)
        if not isinstance(entry, dict):
            issues.append(Issue(name, line, "each question must be a table"))
            continue
        for key in sorted(set(entry) - KNOWN_KEYS):
            issues.append(Issue(name, where.key(i, key), f"unknown key {key!r} (ignored)", "warning"))
        try:
            q = _question(entry, lesson, f"{name}:{line}")
        except _Bad as bad:
            issues.append(Issue(name, where.key(i, bad.key), f"question {entry.get('id', i + 1)!s}: {bad}"))
            continue
        if q.id in seen:
            issues.append(Issue(name, where.key(i, "id"), f"question id {q.id!r} is already used at {seen[q.id]}"))
            continue
        seen[q.id] = f"{name}:{line}"
        bank.questions.append(q)
    return bank, issues


def load_banks(directory: Path) -> tuple[list[Bank], list[Issue]]:
    """Load every ``*.toml`` bank in a folder, in file-name order."""
    banks: list[Bank] = []
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    if not directory.is_dir():
        return banks, [Issue(str(directory), 1, "quiz folder not found")]
    for path in sorted(directory.glob("*.toml")):
        bank, found = load_bank(path, seen)
        issues.extend(found)
        if bank is not None:
            banks.append(bank)
    return banks, issues


# -- one question ---------------------------------------------------------------------------------
def _text(entry: dict[str, Any], key: str) -> Text:
    value = entry.get(key)
    return _as_text(value, key)


def _as_text(value: Any, key: str) -> Text:
    if not isinstance(value, dict):
        raise _Bad(key, f"{key} must be a table {{ zh = \"…\", en = \"…\" }}")
    for lang in LANGS:
        v = value.get(lang)
        if not isinstance(v, str) or not v.strip():
            raise _Bad(key, f"{key} has no {lang} text")
    return Text(value["zh"].strip(), value["en"].strip())


def _choice_list(entry: dict[str, Any], key: str, minimum: int) -> tuple[Text, ...]:
    value = entry.get(key)
    if not isinstance(value, list) or len(value) < minimum:
        raise _Bad(key, f"{key} must list at least {minimum} entries")
    return tuple(_as_text(v, f"{key}[{n + 1}]") for n, v in enumerate(value))


def _question(entry: dict[str, Any], lesson: str, origin: str) -> Question:
    qid = entry.get("id")
    if not isinstance(qid, str) or not ID_RE.match(qid):
        raise _Bad("id", "id must be lower-case-with-dashes")
    qtype = entry.get("type")
    if qtype not in TYPES:
        raise _Bad("type", f"type must be one of {', '.join(TYPES)} (found {qtype!r})")
    topic = entry.get("topic")
    if not isinstance(topic, str) or not topic.strip():
        raise _Bad("topic", "topic is missing")
    if entry.get("difficulty") not in DIFFICULTIES:
        raise _Bad("difficulty", f"difficulty must be one of {', '.join(DIFFICULTIES)}")
    if entry.get("domain") not in DOMAINS:
        raise _Bad("domain", "domain must be a KCNA domain: " + "; ".join(DOMAINS))
    show_me = entry.get("show_me", "")
    if not isinstance(show_me, str) or not SHOW_ME_RE.match(show_me):
        raise _Bad("show_me", 'show_me must be "lesson-id#step-id"')
    common = dict(id=qid, type=qtype, topic=topic.strip(), difficulty=entry["difficulty"], domain=entry["domain"],
                  prompt=_text(entry, "prompt"), explain=_text(entry, "explain"), lesson=lesson,
                  show_me=show_me, origin=origin)
    answer = entry.get("answer")
    if qtype == "single":
        choices = _choice_list(entry, "choices", 2)
        if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(choices):
            raise _Bad("answer", f"answer must be a choice index from 0 to {len(choices) - 1}")
        return Question(**common, choices=choices, answer=answer)
    if qtype == "multiple":
        choices = _choice_list(entry, "choices", 2)
        ok = isinstance(answer, list) and answer and all(
            isinstance(a, int) and not isinstance(a, bool) and 0 <= a < len(choices) for a in answer)
        if not ok or len(set(answer)) != len(answer):
            raise _Bad("answer", f"answer must list distinct choice indexes from 0 to {len(choices) - 1}")
        return Question(**common, choices=choices, answer=frozenset(answer))
    if qtype == "truefalse":
        if not isinstance(answer, bool):
            raise _Bad("answer", "answer must be true or false")
        return Question(**common, answer=answer)
    if qtype == "order":
        items = _choice_list(entry, "items", 2)
        return Question(**common, items=items, answer=tuple(range(len(items))))
    if qtype == "match":
        raw = entry.get("pairs")
        if not isinstance(raw, list) or len(raw) < 2:
            raise _Bad("pairs", "pairs must list at least 2 { left, right } tables")
        pairs = []
        for n, p in enumerate(raw):
            if not isinstance(p, dict):
                raise _Bad("pairs", f"pairs[{n + 1}] must be {{ left = …, right = … }}")
            pairs.append(Pair(_as_text(p.get("left"), "pairs"), _as_text(p.get("right"), "pairs")))
        return Question(**common, pairs=tuple(pairs), answer=tuple(range(len(pairs))))
    scene = entry.get("scene")
    if scene not in HOTSPOT_IDS:
        raise _Bad("scene", f"scene must be one of {', '.join(HOTSPOT_IDS)}")
    if answer not in HOTSPOT_IDS[scene]:
        raise _Bad("answer", f"answer must be a highlight id of scene {scene}: {', '.join(HOTSPOT_IDS[scene])}")
    return Question(**common, scene=scene, answer=answer)
