"""Checking what a step expects against the live world (used headless and by the window)."""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from .paths import LESSONS_DIR
from .schema import Expectation

_MISSING = object()


def matching_events(events: Iterable[Any], exp: Expectation) -> list[Any]:
    """The events of kind ``exp.event`` whose fields equal ``exp.where``."""
    out = []
    for event in events:
        if event.kind != exp.event:
            continue
        if all(_equal(getattr(event, key, _MISSING), value) for key, value in exp.where):
            out.append(event)
    return out


def _equal(actual: Any, wanted: Any) -> bool:
    if actual is _MISSING:
        return False
    if isinstance(actual, tuple) and isinstance(wanted, list):
        return list(actual) == wanted
    return bool(actual == wanted)


def check(world: Any, exp: Expectation, events: Sequence[Any]) -> str | None:
    """None when the expectation holds, else the reason in one sentence.

    ``events`` are the events emitted since the step began, collected live by the caller (a
    ``sim reset`` restarts the engine's own numbering, so "since sequence N" would miss them).
    """
    if exp.event is not None:
        n = len(matching_events(events, exp))
        if n < exp.min:
            return f"expected {exp.describe()}, saw {n}"
        if exp.max is not None and n > exp.max:
            return f"expected {exp.describe()}, saw {n}"
        return None
    return _check_run(world, exp)


def _check_run(world: Any, exp: Expectation) -> str | None:
    sim = world.sim
    before_events, before_time = sim.event_count, sim.now
    result = world.run(exp.run or "", cwd=str(LESSONS_DIR))
    if sim.event_count != before_events or sim.now != before_time:
        return f"the check `{exp.run}` changed the world (it emitted events or moved time): checks must only look"
    out = result.output
    if exp.ok is not None and result.ok != exp.ok:
        return f"`{exp.run}` {'failed' if exp.ok else 'succeeded'}: {out.strip()[:200]}"
    if exp.contains is not None and exp.contains not in out:
        return f"`{exp.run}` does not print {exp.contains!r}; it printed: {out.strip()[:200]}"
    if exp.equals is not None and out.strip() != exp.equals.strip():
        return f"`{exp.run}` prints {out.strip()[:200]!r}, not {exp.equals!r}"
    if exp.matches is not None:
        try:
            if not re.search(exp.matches, out):
                return f"`{exp.run}` output does not match /{exp.matches}/: {out.strip()[:200]}"
        except re.error as err:
            return f"matches = {exp.matches!r} is not a valid regular expression: {err}"
    return None


def check_all(world: Any, expectations: Iterable[Expectation], events: Sequence[Any]) -> list[tuple[Expectation, str]]:
    """Every expectation that does not hold, with its reason."""
    failures = []
    for exp in expectations:
        reason = check(world, exp, events)
        if reason is not None:
            failures.append((exp, reason))
    return failures
