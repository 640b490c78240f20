"""A read-only view of the cluster for the scenes: what to draw, read from the engine's API objects.

The engine keeps objects as dicts shaped like the Kubernetes API (``kubectl get -o yaml``); this
module only reads them (through the API server's store) and never changes anything. Keeping the
reading in one place means the scenes mirror exactly what the engine holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from app.sim.k8s.quantity import milli_value, value
from app.sim.topology import natural_key

#: Container waiting reasons that mean "something is wrong" (drawn as Failed, with the reason).
BAD_REASONS = {"ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "CrashLoopBackOff",
               "CreateContainerError", "InvalidImageName", "RunContainerError"}


@dataclass
class PodView:
    namespace: str
    name: str
    node: str = ""
    state: str = "Pending"      # a key of b_common.POD_STYLES
    status: str = "Pending"     # what kubectl get pods prints in STATUS
    ready: bool = False
    owner: str = ""             # Deployment / ReplicaSet / DaemonSet name (deployment if known)
    owner_kind: str = ""
    images: tuple[str, ...] = ()
    cpu_m: int = 0
    mem_b: int = 0
    ip: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    created: str = ""           # metadata.creationTimestamp (RFC 3339: sorts as text)

    @property
    def key(self) -> str:
        return f"{self.namespace}/{self.name}"


@dataclass
class NodeView:
    name: str
    status: str = "Ready"        # Ready | NotReady | Unknown
    unschedulable: bool = False
    cpu_alloc_m: int = 0
    mem_alloc_b: int = 0
    cpu_req_m: int = 0
    mem_req_b: int = 0
    max_pods: int = 110
    taints: tuple[str, ...] = ()
    pods: list[str] = field(default_factory=list)   # pod keys, in name order


@dataclass
class ServiceView:
    namespace: str
    name: str
    type: str = "ClusterIP"
    cluster_ip: str = ""
    ready: list[str] = field(default_factory=list)      # pod keys of ready endpoints
    not_ready: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.namespace}/{self.name}"


def api_of(world: Any) -> Any:
    """The engine's API server (the one door to the store), or None when there is no cluster."""
    k8s = getattr(world, "k8s", None)
    for attr in ("api", "apiserver", "api_server"):
        api = getattr(k8s, attr, None)
        if api is not None and hasattr(api, "store"):
            return api
    return None


def _items(world: Any, resource: str) -> Iterable[dict]:
    api = api_of(world)
    if api is None:
        return ()
    return api.store.items(resource)


def get_object(world: Any, resource: str, namespace: str, name: str) -> dict | None:
    api = api_of(world)
    return None if api is None else api.store.get(resource, namespace, name)


def _cond(obj: dict, type_: str) -> str:
    for c in (obj.get("status") or {}).get("conditions") or ():
        if c.get("type") == type_:
            return str(c.get("status", ""))
    return ""


def pod_view(obj: dict) -> PodView:
    meta, spec, status = obj["metadata"], obj.get("spec") or {}, obj.get("status") or {}
    pv = PodView(namespace=meta.get("namespace", "default"), name=meta["name"],
                 node=spec.get("nodeName") or "", labels=dict(meta.get("labels") or {}))
    pv.ip = status.get("podIP", "") or ""
    pv.created = str(meta.get("creationTimestamp", "") or "")
    containers = spec.get("containers") or ()
    pv.images = tuple(str(c.get("image", "")) for c in containers)
    for c in containers:
        req = ((c.get("resources") or {}).get("requests") or {})
        try:
            pv.cpu_m += milli_value(req["cpu"]) if "cpu" in req else 0
            pv.mem_b += value(req["memory"]) if "memory" in req else 0
        except Exception:  # a quantity the engine accepted but we cannot read: show 0
            pass
    for ref in meta.get("ownerReferences") or ():
        if ref.get("controller"):
            pv.owner_kind, pv.owner = ref.get("kind", ""), ref.get("name", "")
    phase = status.get("phase", "Pending")
    pv.ready = _cond(obj, "Ready") == "True"
    waiting = ""
    for cs in status.get("containerStatuses") or ():
        w = (cs.get("state") or {}).get("waiting")
        if w and w.get("reason"):
            waiting = str(w["reason"])
    if meta.get("deletionTimestamp"):
        pv.state, pv.status = "Terminating", "Terminating"
    elif phase in ("Failed", "Succeeded"):
        pv.state, pv.status = "Failed", str(status.get("reason") or ("Completed" if phase == "Succeeded" else "Error"))
    elif waiting in BAD_REASONS:
        pv.state, pv.status = "Failed", waiting
    elif not pv.node:
        pv.state, pv.status = "Pending", "Pending"
    elif phase == "Pending":
        pv.state, pv.status = "ContainerCreating", waiting or "ContainerCreating"
    elif phase == "Running":
        pv.state, pv.status = ("Ready" if pv.ready else "Running"), "Running"
    else:
        pv.state, pv.status = "Failed", phase
    return pv


def node_view(obj: dict) -> NodeView:
    meta, spec, status = obj["metadata"], obj.get("spec") or {}, obj.get("status") or {}
    alloc = status.get("allocatable") or status.get("capacity") or {}
    nv = NodeView(name=meta["name"], unschedulable=bool(spec.get("unschedulable")))
    ready = _cond(obj, "Ready")
    nv.status = {"True": "Ready", "False": "NotReady", "Unknown": "Unknown"}.get(ready, "Unknown")
    try:
        nv.cpu_alloc_m = milli_value(alloc.get("cpu", "0"))
        nv.mem_alloc_b = value(alloc.get("memory", "0"))
        nv.max_pods = int(value(alloc.get("pods", "110")))
    except Exception:
        pass
    nv.taints = tuple(f"{t.get('key')}:{t.get('effect')}" for t in spec.get("taints") or ())
    return nv


def service_view(obj: dict) -> ServiceView:
    meta, spec = obj["metadata"], obj.get("spec") or {}
    return ServiceView(namespace=meta.get("namespace", "default"), name=meta["name"],
                       type=str(spec.get("type", "ClusterIP")), cluster_ip=str(spec.get("clusterIP", "") or ""))


def _endpoints(world: Any, services: dict[str, ServiceView]) -> None:
    """Fill each service's ready / not-ready endpoint pods from its EndpointSlices."""
    for sl in _items(world, "endpointslices"):
        meta = sl["metadata"]
        svc = (meta.get("labels") or {}).get("kubernetes.io/service-name")
        sv = services.get(f"{meta.get('namespace', 'default')}/{svc}")
        if sv is None:
            continue
        for ep in sl.get("endpoints") or ():
            ref = ep.get("targetRef") or {}
            key = f"{ref.get('namespace', sv.namespace)}/{ref.get('name', '')}"
            ((sv.ready if (ep.get("conditions") or {}).get("ready") else sv.not_ready)).append(key)


@dataclass
class ClusterView:
    nodes: dict[str, NodeView] = field(default_factory=dict)
    pods: dict[str, PodView] = field(default_factory=dict)
    services: dict[str, ServiceView] = field(default_factory=dict)
    #: pod key -> (its ReplicaSet's revision, older than its Deployment's newest, the Deployment
    #: runs pods of two revisions now); only pods in a rollout or left from one are listed
    revisions: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)

    @property
    def pending(self) -> list[str]:
        return sorted((k for k, p in self.pods.items() if not p.node), key=natural_key)

    def node_names(self) -> list[str]:
        return sorted(self.nodes, key=natural_key)


class ViewCache:
    """Pod views by object identity: the store never changes a stored dict in place (every write
    stores a new one), so an unchanged object means an unchanged view. Keeps 3,000-pod batches cheap."""

    def __init__(self) -> None:
        self.pods: dict[str, tuple[dict, PodView]] = {}

    def pod(self, obj: dict) -> PodView:
        meta = obj["metadata"]
        key = f"{meta.get('namespace', 'default')}/{meta['name']}"
        hit = self.pods.get(key)
        if hit is not None and hit[0] is obj:
            return hit[1]
        pv = pod_view(obj)
        self.pods[key] = (obj, pv)
        return pv


def cluster_view(world: Any, cache: ViewCache | None = None) -> ClusterView:
    """Everything the cluster scene draws, read from the store in one pass."""
    cv = ClusterView()
    for obj in _items(world, "nodes"):
        nv = node_view(obj)
        cv.nodes[nv.name] = nv
    read = cache.pod if cache is not None else pod_view
    for obj in _items(world, "pods"):
        pv = read(obj)
        cv.pods[pv.key] = pv
    if cache is not None and len(cache.pods) > len(cv.pods):
        cache.pods = {k: v for k, v in cache.pods.items() if k in cv.pods}
    for key in sorted(cv.pods, key=natural_key):
        pv = cv.pods[key]
        nv = cv.nodes.get(pv.node)
        if nv is not None:
            nv.pods.append(key)
            if pv.state != "Terminating" and pv.state != "Failed" or pv.status not in ("Completed", "Error"):
                nv.cpu_req_m += pv.cpu_m
                nv.mem_req_b += pv.mem_b
    for obj in _items(world, "services"):
        sv = service_view(obj)
        cv.services[sv.key] = sv
    _endpoints(world, cv.services)
    _revisions(world, cv)
    return cv


def _revisions(world: Any, cv: ClusterView) -> None:
    """Which pods belong to an older revision of their Deployment (ReplicaSet revision annotation)."""
    rs_rev: dict[tuple[str, str], tuple[str, int]] = {}
    newest: dict[tuple[str, str], int] = {}
    for rs in _items(world, "replicasets"):
        meta = rs["metadata"]
        dep = next((str(r.get("name", "")) for r in meta.get("ownerReferences") or () if r.get("kind") == "Deployment"), "")
        if not dep:
            continue
        try:
            rev = int((meta.get("annotations") or {}).get("deployment.kubernetes.io/revision", 0))
        except ValueError:
            rev = 0
        ns = meta.get("namespace", "default")
        rs_rev[(ns, meta["name"])] = (dep, rev)
        newest[(ns, dep)] = max(newest.get((ns, dep), 0), rev)
    if len(newest) == len(rs_rev):  # one ReplicaSet per Deployment: no rollout anywhere
        return
    owned: dict[str, tuple[tuple[str, str], int]] = {}
    live: dict[tuple[str, str], set[int]] = {}
    for key, pv in cv.pods.items():
        hit = rs_rev.get((pv.namespace, pv.owner)) if pv.owner_kind == "ReplicaSet" else None
        if hit is not None:
            dep_key = (pv.namespace, hit[0])
            owned[key] = (dep_key, hit[1])
            live.setdefault(dep_key, set()).add(hit[1])
    for key, (dep_key, rev) in owned.items():
        old, mixed = rev < newest[dep_key], len(live[dep_key]) > 1
        if old or mixed:
            cv.revisions[key] = (rev, old, mixed)


def owner_deployment(world: Any, pod: PodView) -> str:
    """The Deployment behind a pod (through its ReplicaSet), or the direct owner's name."""
    if pod.owner_kind == "ReplicaSet":
        rs = get_object(world, "replicasets", pod.namespace, pod.owner)
        for ref in ((rs or {}).get("metadata") or {}).get("ownerReferences") or ():
            if ref.get("kind") == "Deployment":
                return str(ref.get("name", ""))
    return pod.owner
