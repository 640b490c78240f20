"""The question generators: questions whose right answer the engine computes from a random scenario.

``GENERATORS`` maps a kind to its generator; ``from_id`` rebuilds a generated question from its id
(``gen-KIND-DIFFICULTY-SEED``), which is how records and spaced repetition refer to it.
"""
from __future__ import annotations

import importlib
import re

from app.quiz.model import Question

from .base import Generator, GeneratorError

#: Modules holding generators, in the order the demo prints them.
MODULES = ("scheduler", "failed_scheduling", "build_cache", "push_layers", "shared_pulls", "node_death",
           "rolling_update", "scale_down")

GENERATORS: dict[str, Generator] = {}
#: module -> error, for generator modules that failed to import (their kinds are simply absent).
IMPORT_ERRORS: dict[str, str] = {}

for _name in MODULES:
    try:
        _module = importlib.import_module(f"{__name__}.{_name}")
    except ImportError as exc:  # the engine half it needs may not be there yet
        IMPORT_ERRORS[_name] = f"{type(exc).__name__}: {exc}"
        continue
    for _gen in getattr(_module, "GENERATORS", ()):
        GENERATORS[_gen.kind] = _gen

_ID = re.compile(r"^gen-([a-z-]+?)-(easy|medium|hard)-(\d+)$")


def from_id(question_id: str) -> Question | None:
    m = _ID.match(question_id)
    if not m or m.group(1) not in GENERATORS:
        return None
    try:
        return GENERATORS[m.group(1)].generate(int(m.group(3)), m.group(2))
    except GeneratorError:
        return None


__all__ = ["GENERATORS", "Generator", "GeneratorError", "from_id"]
