"""What the scheduler needs from a pod, computed once per pod spec (pods of one template share it).

Requests follow ``resource_allocation.go``: the pod request is the sum over app containers, taken
with the max of each init container; the "non-zero" request used for scoring counts a container
that sets no cpu (memory) request as 100m (200 MiB).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import labels as lbl
from . import quantity as q
from .images import normalize_image

DEFAULT_MILLI_CPU = 100
DEFAULT_MEMORY = 200 * 1024 * 1024


@dataclass(slots=True)
class NodeTerm:
    exprs: lbl.Selector            # on node labels
    fields: lbl.Selector           # on metadata.name


@dataclass(slots=True)
class AffinityTerm:
    selector: lbl.Selector | None
    namespaces: tuple[str, ...]    # empty: the pod's own namespace
    topology_key: str
    weight: int = 0


@dataclass(slots=True)
class SpreadConstraint:
    max_skew: int
    topology_key: str
    hard: bool                     # DoNotSchedule
    selector: lbl.Selector | None
    min_domains: int = 1


@dataclass(slots=True)
class PodSpecInfo:
    cpu: int
    mem: int
    nz_cpu: int
    nz_mem: int
    scalars: tuple[tuple[str, int], ...]
    host_ports: tuple[tuple[str, str, int], ...]
    images: tuple[str, ...]
    n_containers: int
    node_selector: dict
    required_terms: tuple[NodeTerm, ...] | None
    preferred_terms: tuple[tuple[int, NodeTerm], ...]
    tolerations: tuple[dict, ...]
    spread: tuple[SpreadConstraint, ...]
    affinity_required: tuple[AffinityTerm, ...]
    anti_required: tuple[AffinityTerm, ...]
    affinity_preferred: tuple[AffinityTerm, ...]
    anti_preferred: tuple[AffinityTerm, ...]
    #: node names a matchFields metadata.name term narrows to (NodeAffinity PreFilter), or None
    node_names: frozenset[str] | None

    @property
    def has_affinity(self) -> bool:
        return bool(self.affinity_required or self.anti_required or self.affinity_preferred or self.anti_preferred)


def _requests(c: dict) -> dict:
    return (c.get("resources") or {}).get("requests") or {}


def container_requests(c: dict) -> tuple[int, int, int, int, dict[str, int]]:
    req = _requests(c)
    cpu = q.milli_value(req["cpu"]) if "cpu" in req else 0
    mem = q.value(req["memory"]) if "memory" in req else 0
    nz_cpu = cpu if "cpu" in req else DEFAULT_MILLI_CPU
    nz_mem = mem if "memory" in req else DEFAULT_MEMORY
    scal = {k: q.value(v) for k, v in req.items() if k not in ("cpu", "memory")}
    return cpu, mem, nz_cpu, nz_mem, scal


def _node_term(term: dict) -> NodeTerm:
    exprs = tuple(lbl.compile_expression(e) for e in term.get("matchExpressions") or [])
    fields = tuple(lbl.compile_expression(e) for e in term.get("matchFields") or [])
    return NodeTerm(exprs, fields)


def _pod_term(term: dict, weight: int = 0) -> AffinityTerm:
    return AffinityTerm(lbl.compile_selector(term.get("labelSelector")), tuple(term.get("namespaces") or ()),
                        str(term.get("topologyKey")), weight)


def build_spec_info(spec: dict) -> PodSpecInfo:
    cpu = mem = nz_cpu = nz_mem = 0
    scalars: dict[str, int] = {}
    ports: list[tuple[str, str, int]] = []
    images: list[str] = []
    for c in spec.get("containers") or ():
        a, b, c_, d, s = container_requests(c)
        cpu, mem, nz_cpu, nz_mem = cpu + a, mem + b, nz_cpu + c_, nz_mem + d
        for k, v in s.items():
            scalars[k] = scalars.get(k, 0) + v
        for p in c.get("ports") or ():
            if p.get("hostPort"):
                ports.append((p.get("hostIP") or "0.0.0.0", p.get("protocol", "TCP"), int(p["hostPort"])))
        images.append(normalize_image(c["image"]))
    for c in spec.get("initContainers") or ():
        a, b, c_, d, s = container_requests(c)
        cpu, mem, nz_cpu, nz_mem = max(cpu, a), max(mem, b), max(nz_cpu, c_), max(nz_mem, d)
        for k, v in s.items():
            scalars[k] = max(scalars.get(k, 0), v)
        images.append(normalize_image(c["image"]))
    aff = spec.get("affinity") or {}
    na = aff.get("nodeAffinity") or {}
    req = na.get("requiredDuringSchedulingIgnoredDuringExecution")
    required = tuple(_node_term(t) for t in req.get("nodeSelectorTerms") or []) if req else None
    names: frozenset[str] | None = None
    if required:
        # PreFilter narrowing: every term must pin metadata.name with In for the set to be known
        sets = []
        for t in required:
            pins = [v for (k, op, v) in t.fields if k == "metadata.name" and op == "In"]
            if not pins:
                sets = []
                break
            sets.append(frozenset(pins[0]))
        if sets:
            names = frozenset().union(*sets)
    preferred = tuple((int(p.get("weight", 0)), _node_term(p.get("preference") or {}))
                      for p in na.get("preferredDuringSchedulingIgnoredDuringExecution") or [])
    pa, paa = aff.get("podAffinity") or {}, aff.get("podAntiAffinity") or {}
    spread = tuple(SpreadConstraint(int(c["maxSkew"]), str(c["topologyKey"]), c["whenUnsatisfiable"] == "DoNotSchedule",
                                    lbl.compile_selector(c.get("labelSelector")), int(c.get("minDomains") or 1))
                   for c in spec.get("topologySpreadConstraints") or ())
    n_containers = len(spec.get("containers") or ()) + len(spec.get("initContainers") or ())
    return PodSpecInfo(
        cpu, mem, nz_cpu, nz_mem, tuple(sorted(scalars.items())), tuple(ports), tuple(images), n_containers,
        dict(spec.get("nodeSelector") or {}), required, preferred, tuple(spec.get("tolerations") or ()), spread,
        tuple(_pod_term(t) for t in pa.get("requiredDuringSchedulingIgnoredDuringExecution") or ()),
        tuple(_pod_term(t) for t in paa.get("requiredDuringSchedulingIgnoredDuringExecution") or ()),
        tuple(_pod_term(w.get("podAffinityTerm") or {}, int(w.get("weight", 0)))
              for w in pa.get("preferredDuringSchedulingIgnoredDuringExecution") or ()),
        tuple(_pod_term(w.get("podAffinityTerm") or {}, int(w.get("weight", 0)))
              for w in paa.get("preferredDuringSchedulingIgnoredDuringExecution") or ()),
        names,
    )


class SpecInfoCache:
    """id(spec) -> info, holding the spec so its id cannot be reused while cached."""

    def __init__(self, limit: int = 50_000) -> None:
        self._cache: dict[int, tuple[dict, PodSpecInfo]] = {}
        self._limit = limit

    def get(self, spec: dict) -> PodSpecInfo:
        hit = self._cache.get(id(spec))
        if hit is not None and hit[0] is spec:
            return hit[1]
        info = build_spec_info(spec)
        if len(self._cache) >= self._limit:
            self._cache.clear()
        self._cache[id(spec)] = (spec, info)
        return info


def tolerates(tolerations: Any, taint: dict) -> bool:
    """``Toleration.ToleratesTaint``: empty effect matches all effects; Exists with no key matches all."""
    for t in tolerations:
        eff = t.get("effect") or ""
        if eff and eff != taint.get("effect"):
            continue
        key = t.get("key") or ""
        op = t.get("operator") or "Equal"
        if key and key != taint.get("key"):
            continue
        if op == "Exists":
            return True
        if (t.get("value") or "") == (taint.get("value") or ""):
            return True
    return False


def node_term_matches(term: NodeTerm, labels: dict, name: str) -> bool:
    if not term.exprs and not term.fields:
        return False  # an empty term matches no objects
    if term.exprs and not lbl.matches(term.exprs, labels):
        return False
    if term.fields and not lbl.matches(term.fields, {"metadata.name": name}):
        return False
    return True
