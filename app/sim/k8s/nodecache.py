"""The scheduler's cache: per-node aggregates kept up to date incrementally from watches.

Every figure a filter or score reads (requested cpu/memory, non-zero requests, pod count, used
host ports, images, taints, matching-pod counts) is maintained as pods come and go, so one
scheduling cycle never walks all pods. Pods sharing a labels object (one template) are counted as
one group per node, so counting pods that match a selector on a node costs a few dict lookups.
"""
from __future__ import annotations

from typing import Any

from . import quantity as q
from .images import normalize_image
from .labels import matches
from .podinfo import PodSpecInfo

POD_KEY = tuple[str, str]
#: topology keys whose per-domain pod groups are aggregated (PodTopologySpread reads them per cycle)
TRACKED_KEYS = ("topology.kubernetes.io/zone", "topology.kubernetes.io/region")


class PodEntry:
    __slots__ = ("key", "node", "info", "labels", "priority", "terminating", "start", "group")

    def __init__(self, key: POD_KEY, node: str, info: PodSpecInfo, labels: dict, priority: int, start: float) -> None:
        self.key, self.node, self.info, self.labels = key, node, info, labels
        self.priority, self.terminating, self.start = priority, False, start
        self.group: tuple[str, int] = (key[0], id(labels))


class NodeState:
    __slots__ = ("name", "index", "labels", "alloc_cpu", "alloc_mem", "alloc_pods", "alloc_scalar",
                 "req_cpu", "req_mem", "nz_cpu", "nz_mem", "req_scalar", "npods", "unschedulable", "taints",
                 "hard_taints", "prefer_taints", "images", "ports", "pods", "groups", "affinity_pods",
                 "version", "memo", "zone", "plain", "free_cpu", "free_mem", "free_pods")

    def __init__(self, name: str, index: int) -> None:
        self.name, self.index = name, index
        self.labels: dict = {}
        self.zone: str | None = None
        self.alloc_cpu = self.alloc_mem = 0
        self.alloc_pods = 110
        self.alloc_scalar: dict[str, int] = {}
        self.req_cpu = self.req_mem = self.nz_cpu = self.nz_mem = self.npods = 0
        self.req_scalar: dict[str, int] = {}
        self.unschedulable = False
        self.taints: tuple[dict, ...] = ()
        self.hard_taints: tuple[dict, ...] = ()
        self.prefer_taints: tuple[dict, ...] = ()
        self.images: dict[str, int] = {}
        self.ports: dict[tuple[str, str, int], int] = {}
        self.pods: dict[POD_KEY, PodEntry] = {}
        #: (namespace, id(labels)) -> [labels, count] over non-terminating pods
        self.groups: dict[tuple[str, int], list] = {}
        self.affinity_pods = 0
        #: bumped whenever requested resources change (score memo validity)
        self.version = 0
        self.memo: tuple | None = None
        #: not cordoned and no NoSchedule/NoExecute taint (the filter fast path)
        self.plain = True
        self.free_cpu = self.free_mem = 0
        self.free_pods = 110

    def refresh_free(self) -> None:
        self.free_cpu = self.alloc_cpu - self.req_cpu
        self.free_mem = self.alloc_mem - self.req_mem
        self.free_pods = self.alloc_pods - self.npods

    def count_matching(self, namespace: str | None, selector: Any, memo: dict) -> int:
        """Non-terminating pods on this node (in ``namespace`` unless None) matching ``selector``."""
        n = 0
        for gkey, (labels, count) in self.groups.items():
            if namespace is not None and gkey[0] != namespace:
                continue
            hit = memo.get(gkey)
            if hit is None:
                hit = memo[gkey] = matches(selector, labels)
            if hit:
                n += count
        return n


class SchedulerCache:
    def __init__(self) -> None:
        self.nodes: dict[str, NodeState] = {}
        self.order: list[NodeState] = []
        self.pods: dict[POD_KEY, PodEntry] = {}
        #: normalised image name -> number of nodes that have it (ImageLocality's spread factor)
        self.image_nodes: dict[str, int] = {}
        #: pods that carry pod (anti-)affinity terms (InterPodAffinity looks at them)
        self.affinity_pods: dict[POD_KEY, PodEntry] = {}
        #: (topology key, value) -> groups of non-terminating pods in that domain
        self.domain_groups: dict[tuple[str, str], dict[tuple[str, int], list]] = {}
        #: nodes with a PreferNoSchedule taint (TaintToleration scores 0 everywhere when there are none)
        self.prefer_tainted: set[str] = set()
        #: lower bounds of free cpu / memory / pod slots over all nodes, and the nodes that are
        #: cordoned or NoSchedule/NoExecute-tainted: when a pod fits under all bounds, every node passes
        self.min_free_cpu = self.min_free_mem = self.min_free_pods = 0
        self.not_plain: set[str] = set()
        self._bounds_exact = True
        #: per-cycle score signatures, reused so node memos compare by identity
        self.signatures: dict[tuple, tuple] = {}
        self._names: list[str] = []

    @property
    def names(self) -> list[str]:
        """Node names in ``order`` (a slice of it names a window of nodes at C speed). Read-only."""
        if len(self._names) != len(self.order):
            self._names = [n.name for n in self.order]
        return self._names

    # -- nodes ------------------------------------------------------------------------------
    def set_node(self, obj: dict) -> NodeState:
        name = obj["metadata"]["name"]
        ns = self.nodes.get(name)
        if ns is None:
            ns = NodeState(name, len(self.order))
            self.nodes[name] = ns
            self.order.append(ns)
        new_labels = obj["metadata"].get("labels") or {}
        if new_labels != ns.labels and ns.groups:
            for gkey, g in ns.groups.items():
                self._domains(ns, g[0], ns.labels, gkey, -g[1])
            for gkey, g in ns.groups.items():
                self._domains(ns, g[0], new_labels, gkey, g[1])
        ns.labels = new_labels
        ns.zone = new_labels.get("topology.kubernetes.io/zone")
        ns.version += 1
        status = obj.get("status") or {}
        alloc = status.get("allocatable") or status.get("capacity") or {}
        ns.alloc_cpu = q.milli_value(alloc.get("cpu", 0))
        ns.alloc_mem = q.value(alloc.get("memory", 0))
        ns.alloc_pods = q.value(alloc.get("pods", 110))
        ns.alloc_scalar = {k: q.value(v) for k, v in alloc.items() if k not in ("cpu", "memory", "pods")}
        spec = obj.get("spec") or {}
        ns.unschedulable = bool(spec.get("unschedulable"))
        ns.taints = tuple(spec.get("taints") or ())
        ns.hard_taints = tuple(t for t in ns.taints if t.get("effect") in ("NoSchedule", "NoExecute"))
        ns.prefer_taints = tuple(t for t in ns.taints if t.get("effect") == "PreferNoSchedule")
        ns.plain = not ns.unschedulable and not ns.hard_taints
        if ns.plain:
            self.not_plain.discard(name)
        else:
            self.not_plain.add(name)
        if ns.prefer_taints:
            self.prefer_tainted.add(name)
        else:
            self.prefer_tainted.discard(name)
        ns.refresh_free()
        self._bounds_exact = False  # allocatable may have grown
        self._lower_bounds(ns)
        images: dict[str, int] = {}
        for img in status.get("images") or ():
            for n in img.get("names") or ():
                if "@" not in n:
                    images[normalize_image(n)] = int(img.get("sizeBytes", 0))
        if images != ns.images:
            for name_ in ns.images:
                self.image_nodes[name_] -= 1
            for name_ in images:
                self.image_nodes[name_] = self.image_nodes.get(name_, 0) + 1
            ns.images = images
        return ns

    def remove_node(self, name: str) -> None:
        ns = self.nodes.pop(name, None)
        if ns is None:
            return
        for name_ in ns.images:
            self.image_nodes[name_] -= 1
        self.prefer_tainted.discard(name)
        self.not_plain.discard(name)
        self._bounds_exact = False
        self.order.remove(ns)
        for i, n in enumerate(self.order):
            n.index = i
        self._names = [n.name for n in self.order]

    # -- pods ---------------------------------------------------------------------------------
    def add_pod(self, key: POD_KEY, node: str, info: PodSpecInfo, labels: dict, priority: int, start: float,
                terminating: bool = False) -> PodEntry | None:
        if key in self.pods:
            return self.pods[key]
        ns = self.nodes.get(node)
        if ns is None:
            return None
        e = PodEntry(key, node, info, labels, priority, start)
        ns.version += 1
        self.pods[key] = e
        ns.pods[key] = e
        ns.req_cpu += info.cpu
        ns.req_mem += info.mem
        ns.nz_cpu += info.nz_cpu
        ns.nz_mem += info.nz_mem
        ns.npods += 1
        ns.refresh_free()
        self._lower_bounds(ns)
        for k, v in info.scalars:
            ns.req_scalar[k] = ns.req_scalar.get(k, 0) + v
        for p in info.host_ports:
            ns.ports[p] = ns.ports.get(p, 0) + 1
        if info.has_affinity:
            ns.affinity_pods += 1
            self.affinity_pods[key] = e
        if terminating:
            e.terminating = True
        else:
            self._group(ns, e, +1)
        return e

    def mark_terminating(self, key: POD_KEY) -> None:
        e = self.pods.get(key)
        if e is not None and not e.terminating:
            e.terminating = True
            ns = self.nodes.get(e.node)
            if ns is not None:
                ns.version += 1
                self._group(ns, e, -1)

    def remove_pod(self, key: POD_KEY) -> PodEntry | None:
        e = self.pods.pop(key, None)
        if e is None:
            return None
        ns = self.nodes.get(e.node)
        self.affinity_pods.pop(key, None)
        if ns is None:
            return e
        info = e.info
        ns.version += 1
        del ns.pods[key]
        ns.req_cpu -= info.cpu
        ns.req_mem -= info.mem
        ns.nz_cpu -= info.nz_cpu
        ns.nz_mem -= info.nz_mem
        ns.npods -= 1
        ns.refresh_free()
        self._bounds_exact = False  # this node has more room now; the bounds may be too low
        for k, v in info.scalars:
            ns.req_scalar[k] -= v
        for p in info.host_ports:
            ns.ports[p] -= 1
            if not ns.ports[p]:
                del ns.ports[p]
        if info.has_affinity:
            ns.affinity_pods -= 1
        if not e.terminating:
            self._group(ns, e, -1)
        return e

    def _lower_bounds(self, ns: NodeState) -> None:
        if len(self.order) == 1 and self.order[0] is ns:
            self.min_free_cpu, self.min_free_mem, self.min_free_pods = ns.free_cpu, ns.free_mem, ns.free_pods
            self._bounds_exact = True
            return
        if ns.free_cpu < self.min_free_cpu:
            self.min_free_cpu = ns.free_cpu
        if ns.free_mem < self.min_free_mem:
            self.min_free_mem = ns.free_mem
        if ns.free_pods < self.min_free_pods:
            self.min_free_pods = ns.free_pods

    def fits_everywhere(self, cpu: int, mem: int) -> bool:
        """True only if every node is plain and has room for (cpu, mem) and one more pod.

        The bounds only ever go down between exact recomputations (a pod leaving a node does not raise
        them), so True is always right; a False that may be stale triggers one exact recomputation."""
        if self.not_plain or not self.order:
            return False
        if self.min_free_pods > 0 and self.min_free_cpu >= cpu and self.min_free_mem >= mem:
            return True
        if self._bounds_exact:
            return False
        self.min_free_cpu = min(n.free_cpu for n in self.order)
        self.min_free_mem = min(n.free_mem for n in self.order)
        self.min_free_pods = min(n.free_pods for n in self.order)
        self._bounds_exact = True
        return self.min_free_pods > 0 and self.min_free_cpu >= cpu and self.min_free_mem >= mem

    def _group(self, ns: NodeState, e: PodEntry, delta: int) -> None:
        g = ns.groups.get(e.group)
        if g is None:
            ns.groups[e.group] = [e.labels, delta]
        else:
            g[1] += delta
            if g[1] <= 0:
                del ns.groups[e.group]
        self._domains(ns, e.labels, ns.labels, e.group, delta)

    def _domains(self, ns: NodeState, pod_labels: dict, node_labels: dict, gkey: tuple[str, int],
                 delta: int) -> None:
        for key in TRACKED_KEYS:
            val = node_labels.get(key)
            if val is None:
                continue
            groups = self.domain_groups.setdefault((key, val), {})
            gk = gkey
            g = groups.get(gk)
            if g is None:
                groups[gk] = [pod_labels, delta]
            else:
                g[1] += delta
                if g[1] <= 0:
                    del groups[gk]
