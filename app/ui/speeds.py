"""The simulation speeds the transport bar offers (simulated seconds per wall-clock second).

Kept apart from the controller so the window can show its speed box before the engine is loaded.
"""
from __future__ import annotations

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


def nearest_speed(speed: float) -> float:
    """The offered speed closest to ``speed`` (a saved or typed value snaps to the box)."""
    return min(SPEEDS, key=lambda s: abs(s - speed))
