"""Where the project's data lives: the lessons folder (data) and the assets folder (icons, pictures)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LESSONS_DIR = ROOT / "lessons"
CHAPTERS_DIR = LESSONS_DIR / "chapters"
QUIZ_DIR = LESSONS_DIR / "quiz"
ASSETS_DIR = ROOT / "assets"
