"""Where the scheduler's breakdown for a pod comes from (the engine's own record of the decision)."""
from __future__ import annotations

from typing import Any


def scheduling_decision(world: Any, namespace: str, pod: str) -> Any:
    """The engine's breakdown of the last scheduling attempt for a pod (None if it has none)."""
    k8s = getattr(world, "k8s", None)
    fn = getattr(k8s, "scheduling_breakdown", None)
    if fn is not None:
        try:
            return fn(namespace, pod)
        except Exception:  # the engine has no decision for this pod (e.g. a DaemonSet pod)
            return None
    sched = getattr(k8s, "scheduler", None)
    return getattr(sched, "decisions", {}).get((namespace, pod)) if sched is not None else None
