"""The API server: the one door to the store. Every component reads, writes and watches here.

User requests (kubectl) go through admission: validation with kubectl's field-path messages,
then defaulting (including DefaultTolerationSeconds). A rejected request changes nothing.
Components (scheduler, controllers, kubelets) write already-valid objects and skip validation.
"""
from __future__ import annotations

from typing import Any

from ..core import Simulation
from ..errors import SimError
from . import events as ev
from .meta import new_uid, timestamp
from .recorder import Recorder
from .store import NAMESPACED, Obj, Store, WatchCallback

KIND_TO_RESOURCE = {
    "Pod": "pods", "ReplicaSet": "replicasets", "Deployment": "deployments", "DaemonSet": "daemonsets",
    "Service": "services", "EndpointSlice": "endpointslices", "ConfigMap": "configmaps",
    "Node": "nodes", "Namespace": "namespaces", "Lease": "leases", "PriorityClass": "priorityclasses",
}
RESOURCE_TO_KIND = {v: k for k, v in KIND_TO_RESOURCE.items()}
_GROUP_OF_KIND = {"Deployment": "apps", "ReplicaSet": "apps", "DaemonSet": "apps", "EndpointSlice": "discovery.k8s.io",
                  "PriorityClass": "scheduling.k8s.io", "Lease": "coordination.k8s.io"}
#: resources whose spec changes bump metadata.generation (observedGeneration follows it)
_GENERATION = {"deployments", "replicasets", "daemonsets"}


class APIError(SimError):
    """An error the API server returns; the text is what kubectl prints."""

    def __init__(self, message: str, reason: str = "BadRequest", *, kind: str = "", name: str = "",
                 causes: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        #: for Invalid: the Status details kubectl formats (kind, name, one cause per field error)
        self.kind = kind
        self.name = name
        self.causes = causes

    def status_message(self) -> str:
        """The Status ``message`` the server sent (what kubectl prints after ``Error from server (R): ``)."""
        if self.reason == "Invalid" and self.causes:
            group = _GROUP_OF_KIND.get(self.kind)
            body = self.causes[0] if len(self.causes) == 1 else "[" + ", ".join(self.causes) + "]"
            return f'{self.kind}{"." + group if group else ""} "{self.name}" is invalid: {body}'
        text = str(self)
        prefix = f"Error from server ({self.reason}): "
        return text[len(prefix):] if text.startswith(prefix) else text


def not_found(resource: str, name: str) -> APIError:
    return APIError(f'Error from server (NotFound): {resource} "{name}" not found', "NotFound")


def already_exists(resource: str, name: str) -> APIError:
    return APIError(f'Error from server (AlreadyExists): {resource} "{name}" already exists', "AlreadyExists")


def conflict(resource: str, name: str) -> APIError:
    return APIError(f'Error from server (Conflict): Operation cannot be fulfilled on {resource} "{name}": '
                    "the object has been modified; please apply your changes to the latest version and try again",
                    "Conflict")


class APIServer:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.store = Store(sim)
        self.recorder = Recorder()
        #: Emit ObjectStored for Lease heartbeats too? (noisy; scenes rarely want them)
        self.emit_lease_events = False

    # -- reads ------------------------------------------------------------------------------
    def get(self, resource: str, namespace: str, name: str) -> Obj | None:
        return self.store.get(resource, namespace, name)

    def must_get(self, resource: str, namespace: str, name: str) -> Obj:
        obj = self.store.get(resource, namespace, name)
        if obj is None:
            raise not_found(resource, name)
        return obj

    def list(self, resource: str, namespace: str | None = None) -> list[Obj]:
        return list(self.store.items(resource, namespace))

    def watch(self, resource: str, callback: WatchCallback) -> None:
        self.store.watch(resource, callback)

    # -- writes -------------------------------------------------------------------------------
    def create(self, resource: str, obj: Obj, actor: str) -> Obj:
        meta = obj["metadata"]
        ns = meta.get("namespace", "") if NAMESPACED[resource] else ""
        if NAMESPACED[resource]:
            if not ns:
                ns = meta["namespace"] = "default"
            if self.store.get("namespaces", "", ns) is None:
                raise not_found("namespaces", ns)
        if not meta.get("name") and meta.get("generateName"):
            for _ in range(20):
                from .meta import random_suffix
                cand = meta["generateName"] + random_suffix(self.sim.rng)
                if self.store.get(resource, ns, cand) is None:
                    meta["name"] = cand
                    break
        if self.store.get(resource, ns, meta["name"]) is not None:
            raise already_exists(resource, meta["name"])
        meta.pop("resourceVersion", None)
        meta["uid"] = meta.get("uid") or new_uid(self.sim.rng)
        meta["creationTimestamp"] = timestamp(self.sim.now)
        if resource in _GENERATION:
            meta["generation"] = 1
        verb, _ = self.store.put(resource, obj)
        self._emit(verb, resource, ns, meta["name"], actor)
        return obj

    def update(self, resource: str, obj: Obj, actor: str, *, check_version: bool = False) -> Obj:
        """Store a new version. ``check_version``: refuse if metadata.resourceVersion is stale."""
        meta = obj["metadata"]
        ns = meta.get("namespace", "") if NAMESPACED[resource] else ""
        cur = self.store.get(resource, ns, meta["name"])
        if cur is None:
            raise not_found(resource, meta["name"])
        if check_version and meta.get("resourceVersion") not in (None, "", cur["metadata"]["resourceVersion"]):
            raise conflict(resource, meta["name"])
        meta["uid"] = cur["metadata"]["uid"]
        meta["creationTimestamp"] = cur["metadata"]["creationTimestamp"]
        if resource in _GENERATION:
            gen = cur["metadata"].get("generation", 1)
            meta["generation"] = gen + 1 if obj.get("spec") != cur.get("spec") else gen
        self.store.put(resource, obj)
        self._emit("MODIFIED", resource, ns, meta["name"], actor)
        return obj

    def remove(self, resource: str, namespace: str, name: str, actor: str) -> Obj:
        """Remove the object from the store now (no graceful phase)."""
        final = self.store.remove(resource, namespace if NAMESPACED[resource] else "", name)
        if final is None:
            raise not_found(resource, name)
        self._emit("DELETED", resource, namespace if NAMESPACED[resource] else "", name, actor)
        return final

    def _emit(self, verb: str, resource: str, ns: str, name: str, actor: str) -> None:
        if resource == "leases" and not self.emit_lease_events:
            return
        self.sim.emit(ev.ObjectStored, verb=verb, resource=resource, namespace=ns, name=name,
                      revision=self.store.revision, actor=actor)

    # -- Kubernetes Events --------------------------------------------------------------------
    def event(self, obj: Obj, type_: str, reason: str, message: str, source: str, host: str = "") -> None:
        meta = obj["metadata"]
        self.recorder.record(self.sim.now, obj.get("kind", ""), meta.get("namespace", ""), meta["name"],
                             type_, reason, message, source, host)


def copy_meta(obj: Obj, **changes: Any) -> Obj:
    """A shallow copy of ``obj`` with a copied metadata dict (for a new stored version)."""
    out = dict(obj)
    out["metadata"] = dict(obj["metadata"], **changes)
    return out
