"""The simulation engine: pure Python, no Qt, deterministic for a seed, driven by a simulated clock.

Layout: ``core`` (clock, queue, events), ``console`` (the text front door), ``session`` (recording and
time travel), ``world`` (everything together), ``docker/`` and ``k8s/`` (the two halves).
"""
from .core import Event, Simulation
from .errors import CommandError, InputError, SimError

__all__ = ["Event", "Simulation", "SimError", "CommandError", "InputError"]
