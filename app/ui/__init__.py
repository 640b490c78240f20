"""The Qt front end: windows, scenes, colour profiles. Mirrors the engine, never decides.

Importing this package first protects the interpreter from a PySide6 reference-count bug (see
``_none_refcount``); every module of app.ui is therefore safe to use on CPython 3.11.
"""
from ._none_refcount import make_none_immortal

make_none_immortal()
