"""Deleting pods as the API server does: graceful when bound to a node, immediate otherwise.

A graceful delete only sets ``deletionTimestamp`` (the pod shows ``Terminating``); the node's
kubelet stops the containers and then removes the object. If the kubelet cannot be reached the
pod stays Terminating, as on a real cluster.
"""
from __future__ import annotations

from .apiserver import APIServer
from .meta import timestamp


def graceful_delete(api: APIServer, pod: dict, actor: str, grace: int | None = None) -> dict | None:
    """Start deleting ``pod``; returns the stored object (None if it was removed at once)."""
    meta = pod["metadata"]
    if meta.get("deletionTimestamp"):
        return pod
    if grace is None:
        grace = int(pod["spec"].get("terminationGracePeriodSeconds", 30))
    if not pod["spec"].get("nodeName"):
        api.remove("pods", meta["namespace"], meta["name"], actor)
        return None
    new = dict(pod)
    new["metadata"] = dict(meta, deletionTimestamp=timestamp(api.sim.now + grace), deletionGracePeriodSeconds=grace)
    api.update("pods", new, actor)
    return new


def is_active(pod: dict) -> bool:
    """``IsPodActive``: not Succeeded, not Failed, not being deleted."""
    phase = (pod.get("status") or {}).get("phase")
    return phase not in ("Succeeded", "Failed") and not pod["metadata"].get("deletionTimestamp")


def is_ready(pod: dict) -> bool:
    for c in (pod.get("status") or {}).get("conditions") or ():
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False
