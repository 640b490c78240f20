"""Preferences kept with QSettings (an INI file): language, presenter mode, speed, last position,
window geometry. A small typed table says what each key holds and its default.

A damaged file (Qt reports a format error, or a value of the wrong kind) is set aside as ``.bad``;
the app starts with defaults and ``Preferences.problem`` says so (the window shows it).
The folder is ``$CONTAINER_CLASSROOM_HOME`` when set (tests, portable installs), else the user's
configuration folder.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths


@dataclass(frozen=True)
class Key:
    name: str
    kind: type
    default: Any
    doc: str


KEYS = {k.name: k for k in (
    Key("lang", str, "zh", "interface and lesson language: zh or en"),
    Key("presenter", bool, False, "projector colours and big type"),
    Key("speed", float, 1.0, "simulation speed (0.25 to 4)"),
    Key("animations", bool, True, "animate scenes (off: reduced motion)"),
    Key("geometry", QByteArray, QByteArray(), "window geometry"),
    Key("window_state", QByteArray, QByteArray(), "dock layout"),
)}
VALID = {"lang": ("zh", "en")}


def app_dir() -> Path:
    home = os.environ.get("CONTAINER_CLASSROOM_HOME")
    if home:
        return Path(home)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config") / "container-classroom"


class Preferences:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or app_dir()
        self.problem: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # read-only home: run with defaults kept in a scratch folder
            self.problem = f"{self.folder}: {exc}"
            self.folder = Path(tempfile.mkdtemp(prefix="container-classroom-"))
        self.path = self.folder / "settings.ini"
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        bad = self._qs.status() != QSettings.Status.NoError
        if not bad:
            bad = any(self._read(name) is _INVALID for name in KEYS if self._qs.contains(name))
        if bad:
            self.problem = str(self.path)
            del self._qs
            try:
                os.replace(self.path, self.path.with_suffix(".ini.bad"))
            except OSError:
                pass
            self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
            self._qs.clear()

    def _read(self, name: str) -> Any:
        key = KEYS[name]
        raw = self._qs.value(name)
        if raw is None:
            return key.default
        try:
            if key.kind is bool:
                if isinstance(raw, bool):
                    return raw
                if str(raw).lower() in ("true", "1"):
                    return True
                if str(raw).lower() in ("false", "0"):
                    return False
                return _INVALID
            if key.kind is QByteArray:
                return raw if isinstance(raw, QByteArray) else _INVALID
            value = key.kind(raw)
        except (TypeError, ValueError):
            return _INVALID
        if name in VALID and value not in VALID[name]:
            return _INVALID
        return value

    def get(self, name: str) -> Any:
        value = self._read(name)
        return KEYS[name].default if value is _INVALID else value

    def set(self, name: str, value: Any) -> None:
        KEYS[name]  # unknown keys fail loudly
        self._qs.setValue(name, value)

    def sync(self) -> None:
        self._qs.sync()


_INVALID = object()
