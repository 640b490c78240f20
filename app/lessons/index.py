"""The course's table of contents, read fast: each lesson file's id, chapter, title and summary.

The window paints its navigator from this before the full lessons (steps, expectations) are loaded
and validated by :mod:`app.lessons.loader`, which then replaces it. Only the top of each file is
parsed: in TOML every top-level key comes before the first table header (``[[steps]]``), so the
text above that line is a TOML document of its own. When that reading fails or lacks a key (say the
title was written as a ``[title]`` table) the whole file is parsed instead, so the answer is always
what the loader would read. Files that do not even give an id and a title are left out here; the
full load reports them with file and line.

With a ``cache`` path, the headers are also kept there as JSON together with each file's size and
modification time; the next start reads that instead of parsing TOML while every file is unchanged.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .paths import CHAPTERS_DIR

#: The first table header line: ``[name]`` or ``[[name]]`` at the start of a line.
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
#: Bump when LessonHeader or the way it is read changes: older cache files are then ignored.
CACHE_VERSION = 1


@dataclass(frozen=True)
class LessonHeader:
    """What the navigator needs before a lesson is loaded; ``title.get(lang)`` as on a Lesson."""

    id: str
    chapter: int
    title: dict[str, str]
    summary: dict[str, str]
    path: str


def _top_keys(text: str) -> dict:
    import tomllib   # here, not at the top: a start with a fresh cache needs no TOML parser

    match = _FIRST_TABLE.search(text)
    head = text[:match.start()] if match else text
    try:
        doc = tomllib.loads(head)
        if isinstance(doc.get("title"), dict) and "id" in doc and "chapter" in doc:
            return doc
    except tomllib.TOMLDecodeError:
        pass   # e.g. a multi-line string holding a "[" line: read the whole file
    return tomllib.loads(text)


def _texts(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) and value[k].strip() for k in ("zh", "en")):
        return None
    return {"zh": value["zh"], "en": value["en"]}


def read_header(path: Path) -> LessonHeader | None:
    """One file's header, or None when it cannot give a usable one (the full load says why)."""
    try:
        doc = _top_keys(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):   # tomllib.TOMLDecodeError is a ValueError
        return None
    lesson_id, chapter, title = doc.get("id"), doc.get("chapter"), _texts(doc.get("title"))
    if not isinstance(lesson_id, str) or not lesson_id or not isinstance(chapter, int) or title is None:
        return None
    return LessonHeader(lesson_id, chapter, title, _texts(doc.get("summary")) or title, str(path))


def _stamps(files: list[Path]) -> list[list[Any]] | None:
    try:
        return [[str(f), st.st_size, st.st_mtime_ns] for f in files for st in [os.stat(f)]]
    except OSError:
        return None


def _from_cache(cache: Path, stamps: list[list[Any]]) -> list[LessonHeader] | None:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION or data.get("files") != stamps:
            return None
        return [LessonHeader(h["id"], h["chapter"], h["title"], h["summary"], h["path"]) for h in data["headers"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None   # missing, stale or damaged: read the files


def _to_cache(cache: Path, stamps: list[list[Any]], headers: list[LessonHeader]) -> None:
    text = json.dumps({"version": CACHE_VERSION, "files": stamps, "headers": [asdict(h) for h in headers]},
                      ensure_ascii=False)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(cache.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:
        pass   # a cache that cannot be written only costs the next start a few milliseconds


def read_index(folder: Path | str = CHAPTERS_DIR, cache: Path | None = None) -> list[LessonHeader]:
    """Headers of every ``*.toml`` lesson in ``folder``, in course order (first of a repeated id wins)."""
    folder = Path(folder)
    files = [folder] if folder.is_file() else sorted(folder.glob("*.toml")) if folder.is_dir() else []
    stamps = _stamps(files) if cache is not None else None
    if cache is not None and stamps is not None:
        cached = _from_cache(cache, stamps)
        if cached is not None:
            return cached
    headers: list[LessonHeader] = []
    seen: set[str] = set()
    for path in files:
        header = read_header(path)
        if header is not None and header.id not in seen:
            seen.add(header.id)
            headers.append(header)
    headers.sort(key=lambda h: (h.chapter, h.id))
    if cache is not None and stamps is not None:
        _to_cache(cache, stamps, headers)
    return headers
