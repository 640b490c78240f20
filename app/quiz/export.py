"""CSV for a teacher's gradebook: one row per student and question answered.

The file opens as expected in a spreadsheet: UTF-8 with a byte-order mark (so Excel shows Chinese
names and answers as Chinese), CRLF line ends, and every field quoted where needed by the csv module
(commas, quotes and line breaks inside answers survive). Text cells that a spreadsheet would run as
a formula (starting with = + - @) get a leading apostrophe, the usual guard against CSV injection.
A class's files can be merged into one with :func:`merge_csv`.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from .atomic import atomic_write_bytes
from .records import QuizRecords

HEADER = ["student", "attempt", "mode", "date", "question_id", "topic", "domain", "answer", "correct",
          "time_taken_s", "score"]


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def rows(records: QuizRecords) -> list[list[str]]:
    out: list[list[str]] = []
    for attempt in records.attempts:
        date = datetime.fromtimestamp(attempt.started, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        for a in attempt.answers:
            out.append([_safe(records.learner), attempt.id, attempt.mode, date, a.question_id, a.topic,
                        a.domain, _safe(a.answer_text), "yes" if a.correct else "no",
                        f"{a.time_taken:.1f}", f"{a.score:g}"])
    return out


def to_csv_bytes(table: Iterable[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(table)
    return buf.getvalue().encode("utf-8-sig")


def export_csv(records: QuizRecords, path: Path) -> int:
    """Write the learner's answers to ``path``; returns the number of rows (without the header)."""
    table = rows(records)
    atomic_write_bytes(Path(path), to_csv_bytes(table))
    return len(table)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def merge_csv(inputs: Iterable[Path], output: Path) -> int:
    """Join several students' exports into one class file (one header); returns the row count."""
    table: list[list[str]] = []
    for path in inputs:
        for row in read_csv(path):
            table.append([row.get(h, "") for h in HEADER])
    atomic_write_bytes(Path(output), to_csv_bytes(table))
    return len(table)
