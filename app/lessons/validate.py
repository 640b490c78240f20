"""Cross-checks on loaded lessons: scenes and highlight ids exist, captions are one idea long,
step ids are unique, links point at real lessons and steps, event kinds and fields exist."""
from __future__ import annotations

import re
from pathlib import Path

from .catalog import is_known_highlight, is_known_scene
from .eventkinds import event_kinds
from .problems import Problem, key_line, table_end
from .richtext import lesson_links, to_plain
from .schema import Expectation, Lesson, LocalText, Step

MAX_EN_WORDS = 25
#: "About 50 Chinese characters": a run of Latin letters/digits counts as one.
MAX_ZH_UNITS = 55
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'\-]*")


def en_words(text: str) -> int:
    return len(to_plain(text).split())


def zh_units(text: str) -> int:
    plain = to_plain(text)
    return len(_CJK.findall(plain)) + len(_LATIN_WORD.findall(plain))


def _texts(step: Step) -> list[tuple[str, LocalText]]:
    out = [("caption", step.caption)]
    if step.narration:
        out.append(("narration", step.narration))
    if step.note:
        out.append(("note", step.note))
    if step.try_it:
        out.append(("try", step.try_it.task))
        out.extend(("try", h) for h in step.try_it.hints)
    return out


def validate(lessons: list[Lesson], texts: dict[str, str] | None = None) -> list[Problem]:
    """Problems across all lessons (``texts``: path -> file text, to name lines)."""
    texts = texts if texts is not None else _read_texts(lessons)
    kinds = event_kinds()
    by_id = {lesson.id: lesson for lesson in lessons}
    problems: list[Problem] = []
    chapters: dict[int, str] = {}
    for lesson in lessons:
        text = texts.get(lesson.path, "")
        if lesson.chapter in chapters:
            problems.append(Problem(lesson.path, key_line(text, "chapter", 1) or 1,
                                    f"chapter {lesson.chapter} is also used by lesson {chapters[lesson.chapter]!r}"))
        chapters.setdefault(lesson.chapter, lesson.id)
        seen: set[str] = set()
        for step in lesson.steps:
            end = table_end(text, step.line) if text and step.line else None

            def at(key: str, step: Step = step, end: int | None = end) -> int:
                return key_line(text, key, step.line, end) if text and step.line else step.line

            def add(key: str, message: str, step: Step = step) -> None:
                problems.append(Problem(lesson.path, at(key), f"step {step.id!r}: {message}"))

            if step.id in seen:
                add("id", "this step id is used twice in the lesson")
            seen.add(step.id)
            if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", step.id):
                add("id", "step ids are lower-case letters, digits and dashes")
            if not is_known_scene(step.scene):
                add("scene", f"unknown scene {step.scene!r} (known: see lessons/README.md)")
            else:
                for item_id in step.highlight:
                    if not is_known_highlight(step.scene, item_id):
                        add("highlight", f"{item_id!r} is not a highlight id of scene {step.scene!r}")
            words, units = en_words(step.caption.en), zh_units(step.caption.zh)
            if words > MAX_EN_WORDS:
                add("caption", f"caption.en has {words} words; one idea per step: at most {MAX_EN_WORDS}")
            if units > MAX_ZH_UNITS:
                add("caption", f"caption.zh has about {units} characters; one idea per step: at most about 50")
            for key, local in _texts(step):
                for lang in ("zh", "en"):
                    for target, step_id in lesson_links(local.get(lang)):
                        other = by_id.get(target)
                        if other is None:
                            add(key, f"link to unknown lesson {target!r}")
                        elif step_id is not None and other.step_index(step_id) is None:
                            add(key, f"link to unknown step {step_id!r} of lesson {target!r}")
            exps: list[tuple[str, Expectation]] = [("expect", e) for e in step.expect]
            if step.try_it:
                exps += [("try", e) for e in step.try_it.check]
            for key, exp in exps:
                if exp.event is None or not kinds:
                    continue
                if exp.event not in kinds:
                    add(key, f"unknown event kind {exp.event!r} (see python main.py --list-events)")
                    continue
                for field, _ in exp.where:
                    if field not in kinds[exp.event]:
                        add(key, f"{exp.event} has no field {field!r} (fields: {', '.join(kinds[exp.event])})")
            if not step.expect and step.try_it is None:
                add("caption", "the step has no expect: say what it proves (an event or a read-only check)")
    return problems


def _read_texts(lessons: list[Lesson]) -> dict[str, str]:
    out = {}
    for lesson in lessons:
        try:
            out[lesson.path] = Path(lesson.path).read_text(encoding="utf-8")
        except OSError:
            pass
    return out
