"""Benchmark: start-up time to the first painted main window, as a ratio to a bare PySide6 window
started the same way (aim: under 1.3x).

Each sample is a fresh interpreter (offscreen platform). The parent starts the clock, the child
exits the moment its main window receives its first paint event; the same is done for a bare
``QMainWindow``, started the same way (``python -c``, the same watcher installed before anything
else, the same window size). Samples are interleaved so machine load affects both alike; the
median of several runs is reported, with the best run and the spread. Load only ever adds time,
so the ratio of the best runs is printed too: when the two ratios disagree, the machine was busy
and the run should be repeated.

The window paints before it loads the engine, the lessons and the scenes (app/ui/window_start.py),
so the benchmark also reports, for information, when the lesson is live: the child exits when
``MainWindow.start_engine`` has returned (engine built, lessons validated, first lesson set up).
Run: ``python -m tests.bench.startup_bench``.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

WATCH = r"""
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window().objectName() == "mainWindow":
            sys.stdout.write("painted\n"); sys.stdout.flush(); os._exit(0)
        return False
app = QApplication([sys.argv[0]])
watch = FirstPaint(); app.installEventFilter(watch)
"""

BARE = WATCH + r"""
from PySide6.QtWidgets import QMainWindow, QLabel
w = QMainWindow(); w.setObjectName("mainWindow"); w.setCentralWidget(QLabel("hello")); w.resize(1280, 800); w.show()
app.exec()
"""

APP = WATCH + r"""
sys.argv = ["main.py", "--lesson", "origins", "--lang", "en"]
from app.ui.launch import main
main()
"""

LIVE = WATCH.replace('os._exit(0)', 'pass') + r"""
from app.ui import main_window
started = main_window.MainWindow.start_engine
def start_and_exit(self):
    started(self)
    sys.stdout.write("live\n"); sys.stdout.flush(); os._exit(0)
main_window.MainWindow.start_engine = start_and_exit
sys.argv = ["main.py", "--lesson", "origins", "--lang", "en"]
from app.ui.launch import main
main()
"""


def _sample(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - start
    if ("live" if code is LIVE else "painted") not in proc.stdout:
        raise RuntimeError(f"no first paint: {proc.stderr[-1500:]}")
    return elapsed


def main(runs: int = 9) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONTAINER_CLASSROOM_HOME=tempfile.mkdtemp(prefix="cc-start-"),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="cc-pyc-"))   # as installed: bytecode cached
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _sample(BARE, env), _sample(APP, env), _sample(LIVE, env)   # warm the file, bytecode and index caches
    bare, full, live = [], [], []
    for _ in range(runs):   # interleaved, so machine load affects both alike
        bare.append(_sample(BARE, env))
        full.append(_sample(APP, env))
        live.append(_sample(LIVE, env))
    b, a, lv = statistics.median(bare), statistics.median(full), statistics.median(live)

    def spread(xs: list[float]) -> str:
        return f"(best {min(xs) * 1000:.0f}, range {min(xs) * 1000:.0f}-{max(xs) * 1000:.0f})"

    print(f"start-up to first painted window ({runs} runs each, offscreen, median)")
    print(f"  bare PySide6 window  {b * 1000:7.0f} ms {spread(bare)}")
    print(f"  Container Classroom  {a * 1000:7.0f} ms {spread(full)}")
    print(f"  ... lesson live      {lv * 1000:7.0f} ms {spread(live)}   (engine, lessons, first lesson ready)")
    best = min(full) / min(bare)
    print(f"  ratio {a / b:.2f}x (medians), {best:.2f}x (best runs); aim: under 1.3x")
    if abs(a / b - best) > 0.15:
        print("  the two ratios disagree: the machine was busy, run again")
    return 0


if __name__ == "__main__":
    sys.exit(main())
