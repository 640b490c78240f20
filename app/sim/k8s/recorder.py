"""Kubernetes Event objects (what ``kubectl describe`` lists under "Events:" and ``get events``).

Simplification: events are kept beside the revisioned store (not under /registry/events) so that
150,000 pods do not double the store; like the real API server they are de-duplicated (count,
lastTimestamp) and expire after ``--event-ttl`` = 1h.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

EVENT_TTL = 3600.0


@dataclass(slots=True)
class K8sEventRecord:
    type: str          # Normal | Warning
    reason: str
    message: str
    source: str        # default-scheduler, kubelet, replicaset-controller ...
    kind: str
    namespace: str
    name: str
    first: float
    last: float
    count: int = 1
    host: str = ""


class Recorder:
    def __init__(self) -> None:
        self.by_object: dict[tuple[str, str, str], list[K8sEventRecord]] = {}
        self._order: deque[K8sEventRecord] = deque()
        self.enabled = True

    def record(self, now: float, kind: str, namespace: str, name: str, type_: str, reason: str,
               message: str, source: str, host: str = "") -> None:
        if not self.enabled:
            return
        self._expire(now)
        key = (kind, namespace, name)
        lst = self.by_object.setdefault(key, [])
        for rec in lst[-4:]:
            if rec.reason == reason and rec.message == message and rec.type == type_:
                rec.count += 1
                rec.last = now
                return
        rec = K8sEventRecord(type_, reason, message, source, kind, namespace, name, now, now, 1, host)
        lst.append(rec)
        self._order.append(rec)

    def _expire(self, now: float) -> None:
        order = self._order
        while order and now - order[0].last > EVENT_TTL:
            rec = order.popleft()
            if now - rec.last <= EVENT_TTL:  # refreshed since: keep it, re-queue at the back
                order.append(rec)
                continue
            key = (rec.kind, rec.namespace, rec.name)
            lst = self.by_object.get(key)
            if lst is not None:
                try:
                    lst.remove(rec)
                except ValueError:
                    pass
                if not lst:
                    del self.by_object[key]

    def for_object(self, kind: str, namespace: str, name: str) -> list[K8sEventRecord]:
        return list(self.by_object.get((kind, namespace, name), ()))

    def all(self, namespace: str | None = None) -> list[K8sEventRecord]:
        out = [r for r in self._order if namespace is None or r.namespace == namespace]
        out.sort(key=lambda r: (r.last, r.first))
        return out
