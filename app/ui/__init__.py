"""The Qt front end: windows, scenes, colour profiles. Mirrors the engine, never decides."""
from __future__ import annotations

import sys


def qt_binding_problem() -> str | None:
    """Why the installed PySide6 cannot run this app safely, or None when it can.

    PySide6 6.12.0 on CPython 3.11 drops a reference to ``None`` on every Qt call that returns
    nothing; after a few thousand calls the interpreter aborts ("none_dealloc"). pyproject.toml pins
    a version below it; this catches an environment that was set up by hand.
    """
    import PySide6

    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12) and version >= (6, 12):
        return (f"PySide6 {PySide6.__version__} crashes on Python {sys.version.split()[0]} (a reference-count "
                "bug). Run `bash .ci/setup` to install the version this app is tested with (below 6.12).")
    return None
