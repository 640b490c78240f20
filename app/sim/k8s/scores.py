"""The default Score plugins with their integer formulas and NormalizeScore (sim-semantics §1.3).

Each function returns (raw, normalized) lists aligned with ``nodes``, or None when the plugin's
PreScore says Skip (it then adds 0 to every node).
"""
from __future__ import annotations

import math

from .filters import PodContext
from .nodecache import NodeState
from .podinfo import SpreadConstraint, node_term_matches, tolerates
from .labels import matches

MAX = 100
MIB = 1024 * 1024
HOSTNAME = "kubernetes.io/hostname"
ZONE = "topology.kubernetes.io/zone"

Result = tuple[list[int], list[int]] | None


def default_normalize(raw: list[int], reverse: bool) -> list[int]:
    mx = max(raw) if raw else 0
    if mx == 0:
        return [MAX] * len(raw) if reverse else [0] * len(raw)
    out = [MAX * s // mx for s in raw]
    return [MAX - s for s in out] if reverse else out


def taint_toleration(ctx: PodContext, nodes: list[NodeState]) -> Result:
    tols = [t for t in ctx.info.tolerations if (t.get("effect") or "") in ("", "PreferNoSchedule")]
    raw = [sum(1 for t in n.prefer_taints if not tolerates(tols, t)) if n.prefer_taints else 0 for n in nodes]
    return raw, default_normalize(raw, True)


def node_affinity(ctx: PodContext, nodes: list[NodeState]) -> Result:
    prefs = ctx.info.preferred_terms
    if not prefs:
        return None
    raw = [sum(w for w, t in prefs if node_term_matches(t, n.labels, n.name)) for n in nodes]
    return raw, default_normalize(raw, False)


def _least(req: int, alloc: int) -> int:
    if alloc == 0 or req > alloc:
        return 0
    return (alloc - req) * MAX // alloc


def _most(req: int, alloc: int) -> int:
    if alloc == 0:
        return 0
    return min(req, alloc) * MAX // alloc


def resources_fit(ctx: PodContext, nodes: list[NodeState], strategy: str) -> Result:
    """LeastAllocated (default) or MostAllocated over cpu and memory (weights 1, 1), non-zero requests."""
    pc, pm = ctx.info.nz_cpu, ctx.info.nz_mem
    f = _most if strategy == "MostAllocated" else _least
    raw = []
    for n in nodes:
        ac, am = n.alloc_cpu, n.alloc_mem
        if ac and am:
            raw.append((f(n.nz_cpu + pc, ac) + f(n.nz_mem + pm, am)) // 2)
        elif ac:
            raw.append(f(n.nz_cpu + pc, ac))
        elif am:
            raw.append(f(n.nz_mem + pm, am))
        else:
            raw.append(0)
    return raw, list(raw)


def balanced_allocation(ctx: PodContext, nodes: list[NodeState]) -> Result:
    pc, pm = ctx.info.cpu, ctx.info.mem
    raw = []
    for n in nodes:
        fr = []
        if n.alloc_cpu:
            fr.append(min(1.0, (n.req_cpu + pc) / n.alloc_cpu))
        if n.alloc_mem:
            fr.append(min(1.0, (n.req_mem + pm) / n.alloc_mem))
        if len(fr) == 2:
            std = abs(fr[0] - fr[1]) / 2
        else:
            std = 0.0
        raw.append(int((1 - std) * MAX))
    return raw, list(raw)


def image_locality(ctx: PodContext, nodes: list[NodeState], total_nodes: int) -> Result:
    images = ctx.info.images
    counts = ctx.cache.image_nodes
    max_t = 1000 * MIB * max(1, ctx.info.n_containers)
    min_t = 23 * MIB
    raw = []
    for n in nodes:
        s = 0
        have = n.images
        if have:
            for img in images:
                size = have.get(img)
                if size is not None:
                    s += int(size * (counts.get(img, 0) / total_nodes))
        s = min(max(s, min_t), max_t)
        raw.append(MAX * (s - min_t) // (max_t - min_t))
    return raw, list(raw)


def spread_constraints(ctx: PodContext, default_selector) -> tuple[list[SpreadConstraint], bool]:
    """(ScheduleAnyway constraints, requireAllTopologies). System defaults when the pod has none."""
    if ctx.info.spread:
        return [c for c in ctx.info.spread if not c.hard], True
    sel = default_selector
    if not sel:
        return [], False
    return [SpreadConstraint(3, HOSTNAME, False, sel), SpreadConstraint(5, ZONE, False, sel)], False


def pod_topology_spread(ctx: PodContext, nodes: list[NodeState], constraints: list[SpreadConstraint],
                        require_all: bool) -> Result:
    if not constraints:
        return None
    ignored = [require_all and any(c.topology_key not in n.labels for c in constraints) for n in nodes]
    scored = len(nodes) - sum(ignored)
    weights = []
    pair_counts: list[dict[str, int] | None] = []
    memo: dict = {}
    for c in constraints:
        if c.topology_key == HOSTNAME:
            weights.append(math.log(scored + 2))
            pair_counts.append(None)
            continue
        domains = {n.labels.get(c.topology_key, "") for n, ig in zip(nodes, ignored) if not ig}
        weights.append(math.log(len(domains) + 2))
        counts = {d: 0 for d in domains}
        labelled = {d for n, ig in zip(nodes, ignored) if not ig and (d := n.labels.get(c.topology_key)) is not None}
        if labelled:
            sel_memo = memo.setdefault(id(c), {})
            for n in ctx.cache.order:
                d = n.labels.get(c.topology_key)
                if d in labelled and (not require_all or all(x.topology_key in n.labels for x in constraints)) \
                        and ctx.node_affinity_ok(n):
                    counts[d] += n.count_matching(ctx.namespace, c.selector, sel_memo)
        pair_counts.append(counts)
    raw = []
    for n, ig in zip(nodes, ignored):
        if ig:
            raw.append(0)
            continue
        score = 0.0
        for i, c in enumerate(constraints):
            val = n.labels.get(c.topology_key)
            if val is None:
                continue
            if pair_counts[i] is None:
                cnt = n.count_matching(ctx.namespace, c.selector, memo.setdefault(id(c), {}))
            else:
                cnt = pair_counts[i].get(val, 0)
            score += cnt * weights[i] + (c.max_skew - 1)
        raw.append(int(math.floor(score + 0.5)))
    live = [r for r, ig in zip(raw, ignored) if not ig]
    mx, mn = (max(live), min(live)) if live else (0, 0)
    norm = []
    for r, ig in zip(raw, ignored):
        if ig:
            norm.append(0)
        elif mx == 0:
            norm.append(MAX)
        else:
            norm.append(MAX * (mx + mn - r) // mx)
    return raw, norm


def inter_pod_affinity(ctx: PodContext, nodes: list[NodeState]) -> Result:
    info = ctx.info
    has_pref = bool(info.affinity_preferred or info.anti_preferred)
    if not has_pref and not ctx.cache.affinity_pods:
        return None
    topo: dict[tuple[str, str], int] = {}
    HARD_WEIGHT = 1  # hardPodAffinityWeight default

    def add(node: NodeState, key: str, w: int) -> None:
        val = node.labels.get(key)
        if val is not None:
            topo[(key, val)] = topo.get((key, val), 0) + w

    sources = ctx.cache.order if has_pref else [ctx.cache.nodes[e.node] for e in ctx.cache.affinity_pods.values()
                                                 if e.node in ctx.cache.nodes]
    seen: set = set()
    for node in sources:
        if node.name in seen:
            continue
        seen.add(node.name)
        entries = node.pods.values() if has_pref else [e for e in node.pods.values() if e.info.has_affinity]
        for e in entries:
            if e.terminating:
                continue
            for t in info.affinity_preferred:
                if e.key[0] in (t.namespaces or (ctx.namespace,)) and matches(t.selector, e.labels):
                    add(node, t.topology_key, t.weight)
            for t in info.anti_preferred:
                if e.key[0] in (t.namespaces or (ctx.namespace,)) and matches(t.selector, e.labels):
                    add(node, t.topology_key, -t.weight)
            ei = e.info
            for t in ei.affinity_required:
                if ctx.namespace in (t.namespaces or (e.key[0],)) and matches(t.selector, ctx.labels):
                    add(node, t.topology_key, HARD_WEIGHT)
            for t in ei.affinity_preferred:
                if ctx.namespace in (t.namespaces or (e.key[0],)) and matches(t.selector, ctx.labels):
                    add(node, t.topology_key, t.weight)
            for t in ei.anti_preferred:
                if ctx.namespace in (t.namespaces or (e.key[0],)) and matches(t.selector, ctx.labels):
                    add(node, t.topology_key, -t.weight)
    raw = [sum(w for (k, v), w in topo.items() if n.labels.get(k) == v) for n in nodes]
    mn, mx = min(0, *raw) if raw else 0, max(0, *raw) if raw else 0
    diff = mx - mn
    norm = [int(MAX * (r - mn) / diff) if diff > 0 else 0 for r in raw]
    return raw, norm
