"""The work queue controllers share, as client-go's workqueue does for real controllers.

A watch handler marks an object's key dirty; all keys marked during one simulated instant are synced
once, in the order they were first marked, by a single callback at the end of that instant. The
object is read back from the API server at sync time, so a controller always acts on the latest
state and a key marked ten times is synced once.
"""
from __future__ import annotations

from typing import Any


class KeyedWorkQueue:
    """Mixin for a controller with ``sim``, ``api``, ``sync(obj)``, ``_dirty`` and ``_timer``."""

    #: The API resource whose keys the queue holds ("deployments", "replicasets", ...).
    resource: str
    sim: Any
    api: Any
    _dirty: dict[tuple[str, str], None]
    _timer: Any

    def _mark(self, key: tuple[str, str]) -> None:
        self._dirty[key] = None
        if self._timer is None:
            self._timer = self.sim.schedule(0.0, self.process)

    def wants(self, obj: dict) -> bool:
        """Whether a dirty object still needs a sync (all of them, unless a controller says otherwise)."""
        return True

    def process(self) -> None:
        self._timer = None
        dirty, self._dirty = self._dirty, {}
        for key in dirty:
            obj = self.api.get(self.resource, *key)
            if obj is not None and self.wants(obj):
                self.sync(obj)

    def sync(self, obj: dict) -> None:  # pragma: no cover - every controller defines it
        raise NotImplementedError
