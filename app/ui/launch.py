"""Command line of ``python main.py``: teacher flags, screenshots, and the non-GUI entry points.

Qt is imported only when a window is needed, so ``--console``, ``--check-lessons`` and
``--list-events`` work without a display (and without loading Qt at all). The window is painted
before the engine and the lessons are loaded (they follow on the next event-loop turn), so it
appears about as fast as an empty Qt window; ``--screenshot`` waits for everything instead.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

NO_DISPLAY = """Container Classroom (容器课堂) needs a display to open its window, and none was found
(neither DISPLAY nor WAYLAND_DISPLAY is set). Ways to run it:

  * on a desktop:            python main.py
  * under a virtual display: xvfb-run -a python main.py            (apt-get install xvfb)
  * headless, one picture:   python main.py --screenshot shot.png --size 1024x768 [--lesson ID --step N --lang en --presenter]
  * the console in a terminal: python main.py --console
  * check the lesson files:  python main.py --check-lessons
"""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="Container Classroom / 容器课堂: "
                                "learn Docker and Kubernetes by watching a real simulation move.")
    g = p.add_argument_group("teacher start-up flags")
    g.add_argument("--lesson", metavar="ID", help="open this lesson (see the navigator or lessons/chapters)")
    g.add_argument("--step", metavar="N", type=int, help="start at step N (from 1)")
    g.add_argument("--lang", choices=("zh", "en"), help="interface and lesson language")
    g.add_argument("--presenter", action="store_true", default=None, help="projector colours, big type")
    g.add_argument("--speed", metavar="X", type=float, help="simulation speed: 0.25, 0.5, 1, 2 or 4")
    g.add_argument("--fullscreen", action="store_true", help="start full screen")
    g.add_argument("--sandbox", action="store_true", help="start in the free-play sandbox")
    g.add_argument("--no-animations", dest="animations", action="store_false", default=None,
                   help="no scene animations (reduced motion)")
    s = p.add_argument_group("pictures")
    s.add_argument("--screenshot", metavar="PATH", help="render the window to a PNG and exit (no display needed)")
    s.add_argument("--size", metavar="WxH", default="1280x800", help="window size for --screenshot (default 1280x800)")
    t = p.add_argument_group("other tools")
    t.add_argument("--console", nargs=argparse.REMAINDER, help="the console language in this terminal")
    t.add_argument("--quiz-demo", metavar="SEED", type=int, help="a generated quiz in the terminal")
    t.add_argument("--check-lessons", metavar="PATH", nargs="?", const="", help="validate and play every lesson file")
    t.add_argument("--list-events", action="store_true", help="list every engine event kind and its fields")
    args = p.parse_args(list(argv))
    if args.step is not None and args.step < 1:
        p.error("--step counts from 1")
    if args.speed is not None and not 0.25 <= args.speed <= 4:
        p.error("--speed must be between 0.25 and 4")
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
        if w < 320 or h < 240 or w > 8192 or h > 8192:
            raise ValueError
        args.size_wh = (w, h)
    except ValueError:
        p.error(f"--size {args.size!r}: write WIDTHxHEIGHT, e.g. 1024x768")
    return args


def _hook(module: str, func: str, what: str):  # noqa: ANN202
    try:
        mod = __import__(module, fromlist=[func])
        return getattr(mod, func)
    except (ImportError, AttributeError) as exc:
        print(f"{what} is not available in this build: {exc}", file=sys.stderr)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.console is not None:
        run = _hook("app.sim.terminal", "main", "the terminal console (app.sim.terminal)")
        return 3 if run is None else int(run(list(args.console)) or 0)
    if args.quiz_demo is not None:
        run = _hook("app.quiz.demo", "main", "the quiz demo (app.quiz.demo)")
        return 3 if run is None else int(run(args.quiz_demo) or 0)
    if args.check_lessons is not None:
        from app.lessons.check import main as check_main
        return check_main(args.check_lessons or None)
    if args.list_events:
        from app.lessons.eventkinds import describe_kinds
        print(describe_kinds())
        return 0
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif _no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    return run_gui(args)


def _no_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


def run_gui(args: argparse.Namespace) -> int:
    from app.ui import qt_binding_problem

    problem = qt_binding_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from app.lessons.progress import ProgressStore
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences
    from app.ui.theme import ui_font

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Container Classroom")
    app.setApplicationDisplayName("容器课堂 · Container Classroom")
    app.setOrganizationName("container-classroom")
    app.setStyle("Fusion")
    app.setFont(ui_font(14))
    options = StartOptions(lesson=args.lesson, step=args.step, lang=args.lang, presenter=args.presenter,
                           speed=args.speed, fullscreen=args.fullscreen and not args.screenshot,
                           animations=False if args.screenshot else args.animations, sandbox=args.sandbox)
    if args.screenshot:
        # A picture must not change the teacher's preferences or progress: use a scratch folder.
        scratch = Path(tempfile.mkdtemp(prefix="cc-shot-"))
        prefs, store = Preferences(scratch), ProgressStore(scratch / "progress.json")
    else:
        prefs = Preferences()
        store = ProgressStore(prefs.folder / "progress.json")
    # Lessons load with the engine (problems go to stderr then); a screenshot needs them at once.
    window = MainWindow(None, prefs, store, options, defer_engine=not args.screenshot)
    if args.screenshot:
        return screenshot(app, window, Path(args.screenshot), args.size_wh)
    window.show()
    return app.exec()


def screenshot(app, window, path: Path, size: tuple[int, int]) -> int:  # noqa: ANN001
    """Lay the window out at ``size``, paint it once and save it as PNG."""
    window.resize(*size)
    window.show()
    for _ in range(3):
        app.processEvents()
    if window.problem_box is not None:
        window.problem_box.hide()
    window.finish_layout()
    app.processEvents()
    image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        print(f"could not write {path}", file=sys.stderr)
        return 1
    print(f"{path} ({image.width()}x{image.height()})")
    window.close()
    return 0
