"""Benchmark: time to jump to any lesson step in the window (aim: under 300 ms).

Opens the main window offscreen (animations off, real engine, real lessons), then for every step of
every lesson jumps there from another chapter (so the lesson's set-up and all earlier steps are
replayed) and measures until the window has finished updating. Prints median, 95th percentile and
the slowest step. Run: ``python -m tests.bench.shell_jump_bench``.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.lessons.loader import load_all
    from app.lessons.progress import ProgressStore
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences

    app = QApplication.instance() or QApplication([])
    home = Path(tempfile.mkdtemp(prefix="cc-bench-"))
    lessons = load_all()
    window = MainWindow(lessons, Preferences(home), ProgressStore(home / "p.json"),
                        StartOptions(lang="en", animations=False))
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    timings: list[tuple[float, str]] = []
    ids = [lesson.id for lesson in lessons.lessons]
    for n, lesson in enumerate(lessons.lessons):
        other = ids[(n + 1) % len(ids)]
        for step in lesson.steps:
            window.goto_lesson(other, 0)
            app.processEvents()
            start = time.perf_counter()
            window.goto_lesson(lesson.id, step.index)
            window.controller.finish()
            app.processEvents()
            timings.append(((time.perf_counter() - start) * 1000, f"{lesson.id}#{step.id}"))
    values = sorted(t for t, _ in timings)
    p95 = values[max(0, int(len(values) * 0.95) - 1)]
    worst = max(timings)
    print(f"jump to a lesson step ({len(values)} steps, 1920x1080, animations off)")
    print(f"  median {statistics.median(values):.1f} ms   p95 {p95:.1f} ms   max {worst[0]:.1f} ms ({worst[1]})")
    print(f"  aim: under 300 ms -> {'met' if p95 < 300 else 'NOT met'} at p95")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
