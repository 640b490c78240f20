"""Learner progress: which steps and chapters are done, and where to resume. Saved atomically.

A small JSON file (version 1). Saving writes a temporary file beside it and renames it over the old
one, so a crash never leaves half a file. A damaged or newer file is set aside (renamed ``.bad``)
and progress starts empty, with the reason kept in ``load_error`` for the window to show.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PROGRESS_VERSION = 1


@dataclass
class Progress:
    done: dict[str, set[str]] = field(default_factory=dict)   # lesson id -> step ids finished
    last_lesson: str | None = None
    last_step: int = 0
    load_error: str | None = None

    def mark_done(self, lesson_id: str, step_id: str) -> bool:
        """Record a finished step; True if it was new."""
        steps = self.done.setdefault(lesson_id, set())
        if step_id in steps:
            return False
        steps.add(step_id)
        return True

    def is_done(self, lesson_id: str, step_id: str) -> bool:
        return step_id in self.done.get(lesson_id, ())

    def lesson_done(self, lesson_id: str, step_ids: list[str]) -> bool:
        return bool(step_ids) and set(step_ids) <= self.done.get(lesson_id, set())

    def restart(self, lesson_id: str) -> None:
        self.done.pop(lesson_id, None)
        if self.last_lesson == lesson_id:
            self.last_step = 0

    def to_json(self) -> str:
        return json.dumps({"version": PROGRESS_VERSION,
                           "done": {k: sorted(v) for k, v in sorted(self.done.items())},
                           "last": {"lesson": self.last_lesson, "step": self.last_step}},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> "Progress":
        doc = json.loads(text)
        if not isinstance(doc, dict) or not isinstance(doc.get("version"), int):
            raise ValueError("not a progress file")
        if doc["version"] > PROGRESS_VERSION:
            raise ValueError(f"progress file version {doc['version']} is newer than this app")
        done = {str(k): {str(s) for s in v} for k, v in dict(doc.get("done", {})).items()}
        last = dict(doc.get("last") or {})
        lesson = last.get("lesson")
        return cls(done=done, last_lesson=str(lesson) if lesson else None, last_step=int(last.get("step") or 0))


class ProgressStore:
    """Progress kept in one file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def load(self) -> Progress:
        if not self.path.exists():
            return Progress()
        try:
            return Progress.from_json(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
            try:
                os.replace(self.path, self.path.with_suffix(self.path.suffix + ".bad"))
            except OSError:
                pass
            return Progress(load_error=f"{self.path}: {exc}")

    def save(self, progress: Progress) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".progress-", dir=str(self.path.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(progress.to_json())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
