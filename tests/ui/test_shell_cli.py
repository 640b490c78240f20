"""``python main.py`` as teachers and CI run it: no display, --help, --list-events, --check-lessons,
--screenshot (offscreen, exits by itself)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "lessons" / "fixtures"


def _run(args: list[str], env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=env)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


def test_without_a_display_it_explains_how_to_run(tmp_path: Path) -> None:
    proc = _run([], env=_env(CONTAINER_CLASSROOM_HOME=str(tmp_path)))
    assert proc.returncode == 2
    assert "xvfb-run" in proc.stderr and "--screenshot" in proc.stderr and "Abort" not in proc.stderr


def test_help_lists_the_teacher_flags() -> None:
    proc = _run(["--help"], env=_env())
    assert proc.returncode == 0
    for flag in ("--lesson", "--step", "--lang", "--presenter", "--speed", "--fullscreen", "--screenshot", "--size"):
        assert flag in proc.stdout


def test_bad_flags_are_refused_clearly() -> None:
    proc = _run(["--screenshot", "x.png", "--size", "huge"], env=_env())
    assert proc.returncode == 2 and "--size 'huge'" in proc.stderr


def test_list_events() -> None:
    proc = _run(["--list-events"], env=_env())
    assert proc.returncode == 0
    assert "WorldReset" in proc.stdout and "new_seed: int" in proc.stdout


def test_check_lessons_names_file_and_line() -> None:
    proc = _run(["--check-lessons", str(FIXTURES / "broken" / "03-broken.toml")], env=_env())
    assert proc.returncode == 1
    assert "03-broken.toml:17: step 'b': caption.en is missing" in proc.stdout


def test_check_lessons_says_what_it_checked() -> None:
    proc = _run(["--check-lessons", str(FIXTURES / "good")], env=_env())
    assert "checked 2 chapter(s), 6 step(s), 1 try-it(s)" in proc.stdout  # printed whether or not it passes




def test_screenshot_renders_offscreen_and_exits(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    home = tmp_path / "home"
    proc = _run(["--screenshot", str(out), "--size", "1024x768", "--lang", "en", "--presenter", "--step", "2"],
                env=_env(CONTAINER_CLASSROOM_HOME=str(home)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 768)
    assert image.pixelColor(5, 5).lightness() > 200       # projector profile: a light window
    assert not (home / "settings.ini").exists()             # a picture changes no preferences
