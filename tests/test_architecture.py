"""The engine, the lesson reader and the quiz never load Qt: importing them pulls in no PySide6,
shiboken6 or pyqtgraph module, and nothing from app.ui. Run in a fresh interpreter."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import importlib, json, pkgutil, sys
failed = {}
for package in ("app.sim", "app.lessons", "app.quiz"):
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # a half-written module is someone else's test to fail
            failed[info.name] = repr(exc)
banned = sorted(m for m in sys.modules
                if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") or m == "app.ui" or m.startswith("app.ui."))
print(json.dumps({"banned": banned, "loaded": sorted(m for m in sys.modules if m.startswith("app.")), "failed": failed}))
"""


def test_pure_packages_load_no_qt() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["banned"] == []
    loaded = report["loaded"]
    for needed in ("app.sim.session", "app.lessons.loader", "app.lessons.runner", "app.lessons.check"):
        assert needed in loaded
    assert any(m.startswith("app.quiz.") for m in loaded)
