"""The etcd-like store behind the API server: keys, one global revision, watches, conflicts.

Objects are plain dicts shaped like the API's JSON (what ``kubectl get -o yaml`` prints). Stored
dicts are never mutated in place: every write stores a new top-level dict (sub-dicts that did not
change are shared), so a watcher may keep the object it was given. Pods made from one template
share their ``spec.containers`` and ``labels`` objects, which keeps 150,000 pods small.

Watches are delivered through the simulation queue (one flush per instant, in write order), not
inside the write, as a real watch is asynchronous; they carry (verb, new object, old object).
"""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterator

from ..core import Simulation

Obj = dict[str, Any]
WatchCallback = Callable[[str, Obj, "Obj | None"], None]

ADDED, MODIFIED, DELETED = "ADDED", "MODIFIED", "DELETED"

#: resource -> whether objects live in a namespace.
NAMESPACED = {
    "pods": True, "replicasets": True, "deployments": True, "daemonsets": True, "services": True,
    "endpointslices": True, "configmaps": True, "leases": True,
    "nodes": False, "namespaces": False, "priorityclasses": False,
}


def store_key(resource: str, namespace: str, name: str) -> str:
    """``/registry/pods/default/web-1``; cluster-scoped objects have no namespace part."""
    if NAMESPACED.get(resource, True):
        return f"/registry/{resource}/{namespace}/{name}"
    return f"/registry/{resource}/{name}"


class Store:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.revision = 0
        #: resource -> (namespace, name) -> object
        self.data: dict[str, dict[tuple[str, str], Obj]] = {r: {} for r in NAMESPACED}
        self._watchers: dict[str, list[WatchCallback]] = {}
        #: pods watched by node name (the kubelet's fieldSelector spec.nodeName=<node>)
        self._node_watchers: dict[str, WatchCallback] = {}
        self._pending: deque[tuple[WatchCallback, str, Obj, Obj | None]] = deque()
        self._flush_timer = None
        #: how many watch notifications were delivered (benchmarks and tests look at it)
        self.delivered = 0

    # -- reads ------------------------------------------------------------------------------
    def get(self, resource: str, namespace: str, name: str) -> Obj | None:
        return self.data[resource].get((namespace if NAMESPACED[resource] else "", name))

    def items(self, resource: str, namespace: str | None = None) -> Iterator[Obj]:
        table = self.data[resource]
        if namespace is None or not NAMESPACED[resource]:
            yield from table.values()
        else:
            for (ns, _), obj in table.items():
                if ns == namespace:
                    yield obj

    def count(self, resource: str) -> int:
        return len(self.data[resource])

    def keys(self, prefix: str = "/registry/") -> list[str]:
        out = []
        for resource, table in self.data.items():
            for (ns, name) in table:
                k = store_key(resource, ns, name)
                if k.startswith(prefix):
                    out.append(k)
        return sorted(out)

    # -- writes (the API server validated the request before calling these) ------------------
    def put(self, resource: str, obj: Obj) -> tuple[str, Obj | None]:
        meta = obj["metadata"]
        ns = meta.get("namespace", "") if NAMESPACED[resource] else ""
        key = (ns, meta["name"])
        old = self.data[resource].get(key)
        self.revision += 1
        meta["resourceVersion"] = str(self.revision)
        self.data[resource][key] = obj
        verb = MODIFIED if old is not None else ADDED
        self._notify(resource, verb, obj, old)
        return verb, old

    def remove(self, resource: str, namespace: str, name: str) -> Obj | None:
        key = (namespace if NAMESPACED[resource] else "", name)
        old = self.data[resource].pop(key, None)
        if old is None:
            return None
        self.revision += 1
        # the DELETED watch event carries the final state with the deletion's revision
        final = dict(old)
        final["metadata"] = dict(old["metadata"], resourceVersion=str(self.revision))
        self._notify(resource, DELETED, final, old)
        return final

    # -- watches ------------------------------------------------------------------------------
    def watch(self, resource: str, callback: WatchCallback) -> None:
        self._watchers.setdefault(resource, []).append(callback)

    def watch_node_pods(self, node: str, callback: WatchCallback) -> None:
        self._node_watchers[node] = callback

    def unwatch_node_pods(self, node: str) -> None:
        self._node_watchers.pop(node, None)

    def _notify(self, resource: str, verb: str, obj: Obj, old: Obj | None) -> None:
        pending = self._pending
        for cb in self._watchers.get(resource, ()):
            pending.append((cb, verb, obj, old))
        if resource == "pods" and self._node_watchers:
            node = obj["spec"].get("nodeName")
            old_node = old["spec"].get("nodeName") if old is not None else None
            if node and node in self._node_watchers:
                pending.append((self._node_watchers[node], verb, obj, old))
            if old_node and old_node != node and old_node in self._node_watchers:
                pending.append((self._node_watchers[old_node], DELETED, old, old))
        if pending and self._flush_timer is None:
            self._flush_timer = self.sim.schedule(0.0, self.flush, priority=-1)

    def flush(self) -> None:
        """Deliver every pending notification, including those caused while delivering."""
        self._flush_timer = None
        pending = self._pending
        while pending:
            cb, verb, obj, old = pending.popleft()
            self.delivered += 1
            cb(verb, obj, old)
