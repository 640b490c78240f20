"""Stage scenes, one module per scene id, found automatically.

A scene module in this package defines a :class:`~app.ui.scenes.base.SceneBase` subclass with a
``scene_id`` and decorates it with :func:`register_scene`. :func:`scene_class` imports every module
of the package once (``pkgutil``) and returns the class for an id, or :class:`PlainScene` (drawn from
the step's data) when no module provides it yet. A module that fails to import is reported in
:data:`IMPORT_ERRORS` (shown by the window) instead of breaking the app.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import traceback
from pathlib import Path
from typing import TypeVar

from .base import SceneBase

S = TypeVar("S", bound=type[SceneBase])

SCENE_TYPES: dict[str, type[SceneBase]] = {}
#: module name -> last line of the error, for modules that failed to import.
IMPORT_ERRORS: dict[str, str] = {}
_discovered = False


def register_scene(cls: S) -> S:
    """Class decorator: make ``cls`` the scene for ``cls.scene_id``."""
    if not cls.scene_id:
        raise ValueError(f"{cls.__name__} has no scene_id")
    SCENE_TYPES[cls.scene_id] = cls
    return cls


def discover() -> dict[str, type[SceneBase]]:
    """Import every module in this package once; returns the registry."""
    global _discovered
    if not _discovered:
        _discovered = True
        for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
            if info.name in ("base",) or info.name.startswith("_"):
                continue
            try:
                importlib.import_module(f"{__name__}.{info.name}")
            except Exception as exc:  # a half-written scene must not take the app down
                IMPORT_ERRORS[info.name] = f"{type(exc).__name__}: {exc}"
                IMPORT_ERRORS[info.name + ".traceback"] = traceback.format_exc(limit=3)
    return SCENE_TYPES


_SCENE_ID = re.compile(r"""^\s+scene_id\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def _source_index() -> dict[str, str]:
    """{scene id: module name} read from the package's source files without importing them."""
    index: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        path = Path(__path__[0]) / f"{info.name}.py"
        if info.name in ("base", "plain") or info.name.startswith("_") or not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for scene_id in _SCENE_ID.findall(text):
            index.setdefault(scene_id, info.name)
    return index


def scene_class(scene_id: str) -> type[SceneBase]:
    """The class drawing ``scene_id``; the plain scene when none is registered.

    Only the module that defines ``scene_id`` is imported (start-up stays quick: the cluster and
    architecture scenes pull in numpy and networkx); anything else falls back to full discovery.
    """
    from .plain import PlainScene

    if scene_id not in SCENE_TYPES and not _discovered:
        module = _source_index().get(scene_id)
        if module is not None:
            try:
                importlib.import_module(f"{__name__}.{module}")
            except Exception as exc:  # reported like discovery does
                IMPORT_ERRORS[module] = f"{type(exc).__name__}: {exc}"
                IMPORT_ERRORS[module + ".traceback"] = traceback.format_exc(limit=3)
        if scene_id not in SCENE_TYPES:
            discover()
    return SCENE_TYPES.get(scene_id, PlainScene)
