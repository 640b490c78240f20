"""Work around a reference-count bug of PySide6 6.12 wheels on CPython 3.11.

The wheels are built for the stable ABI with CPython 3.12+ in mind, where ``None`` is immortal. On
3.11 every Qt method that returns nothing hands back ``None`` without taking a reference, so each
call (``setPos``, ``update``, ``setText`` ...) lowers None's reference count by one. It starts near
5,000: a few seconds of animation and the interpreter aborts with "none_dealloc: deallocating None".

Measured here (tests/ui/test_shell_none_guard.py): 100 calls of ``QWidget.update()`` lower it by 100.
The fix gives None the huge count that 3.12 gives every immortal object, once, at import. It only
touches ``None``'s counter, and only on interpreters older than 3.12.
"""
from __future__ import annotations

import ctypes
import sys

#: Far above anything a session can spend (10^6 calls a second would need 30,000 years).
IMMORTAL = 1 << 50


#: The singletons PySide hands back without a reference (None from void methods, True/False
#: from some bool-returning virtual overrides and signal emissions).
SINGLETONS = (None, True, False)


def make_none_immortal() -> bool:
    """Raise the singletons' reference counts to IMMORTAL on CPython < 3.12; True if changed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    changed = False
    for obj in SINGLETONS:
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        if refcnt.value < IMMORTAL // 2:
            refcnt.value = IMMORTAL
            changed = True
    return changed
