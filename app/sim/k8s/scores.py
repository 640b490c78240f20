"""The default Score plugins with their integer formulas and NormalizeScore (sim-semantics §1.3).

Each function returns (raw, normalized) lists aligned with ``nodes``, or None when the plugin's
PreScore says Skip (it then adds 0 to every node).
"""
from __future__ import annotations

import math

from .filters import PodContext
from .nodecache import TRACKED_KEYS, NodeState
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
    if not ctx.cache.prefer_tainted:
        return [0] * len(nodes), [MAX] * len(nodes)
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


def _fit_one(f, nzc: int, nzm: int, ac: int, am: int) -> int:
    if ac and am:
        return (f(nzc, ac) + f(nzm, am)) // 2
    if ac:
        return f(nzc, ac)
    if am:
        return f(nzm, am)
    return 0


def _balanced_one(rc: int, rm: int, ac: int, am: int) -> int:
    fr = []
    if ac:
        fr.append(min(1.0, rc / ac))
    if am:
        fr.append(min(1.0, rm / am))
    std = abs(fr[0] - fr[1]) / 2 if len(fr) == 2 else 0.0
    return int((1 - std) * MAX)


def _signature(ctx: PodContext, strategy: str, host_selector) -> tuple:
    """One object per (pod request, strategy, hostname selector, namespace): node memos compare by ``is``."""
    info = ctx.info
    key = (info.cpu, info.mem, info.nz_cpu, info.nz_mem, strategy, id(host_selector), ctx.namespace)
    sigs = ctx.cache.signatures
    hit = sigs.get(key)
    if hit is None or hit[5] is not host_selector:
        if len(sigs) > 10_000:
            sigs.clear()
        hit = sigs[key] = (info.cpu, info.mem, info.nz_cpu, info.nz_mem, strategy, host_selector, ctx.namespace)
    return hit


def resource_scores(ctx: PodContext, nodes: list[NodeState], strategy: str,
                    host_selector=None) -> tuple[list[int], list[int], list[int]]:
    """Per node: raw NodeResourcesFit (LeastAllocated or MostAllocated over cpu and memory, weights 1/1,
    non-zero requests), raw NodeResourcesBalancedAllocation (actual requests), and the number of pods
    matching ``host_selector`` on the node (PodTopologySpread's hostname count).

    All three depend only on the node's own pods and the pod being scheduled, so each node memoises
    them until a pod is added to, removed from, or starts terminating on it.
    """
    sig = _signature(ctx, strategy, host_selector)
    f = _most if strategy == "MostAllocated" else _least
    pc, pm, nzc, nzm = sig[0], sig[1], sig[2], sig[3]
    ns = ctx.namespace
    sel_memo: dict = {}

    def refresh(n: NodeState) -> tuple:
        ac, am = n.alloc_cpu, n.alloc_mem
        hc = n.count_matching(ns, host_selector, sel_memo) if host_selector is not None and n.groups else 0
        m = (n.version, sig, _fit_one(f, n.nz_cpu + nzc, n.nz_mem + nzm, ac, am),
             _balanced_one(n.req_cpu + pc, n.req_mem + pm, ac, am), hc)
        n.memo = m
        return m

    ms = [m if (m := n.memo) is not None and m[1] is sig and m[0] == n.version else refresh(n) for n in nodes]
    return [m[2] for m in ms], [m[3] for m in ms], [m[4] for m in ms]


def _image_score(s: int, min_t: int, max_t: int) -> int:
    s = min(max(s, min_t), max_t)
    return MAX * (s - min_t) // (max_t - min_t)


def image_locality(ctx: PodContext, nodes: list[NodeState], total_nodes: int) -> Result:
    """Sum over the pod's containers of size x (nodes having the image / all nodes), clamped to
    [23 MiB, 1000 MiB x containers], scaled to 0..100. Nodes with equal image sizes share one result."""
    images = ctx.info.images
    counts = ctx.cache.image_nodes
    max_t = 1000 * MIB * max(1, ctx.info.n_containers)
    min_t = 23 * MIB
    frac = {img: counts.get(img, 0) / total_nodes for img in images}
    memo: dict = {}
    if len(images) == 1:
        img = images[0]
        f = frac[img]
        sizes = [n.images.get(img) for n in nodes]
        table_ = {sz: _image_score(0 if sz is None else int(sz * f), min_t, max_t) for sz in set(sizes)}
        raw = [table_[sz] for sz in sizes]
        return raw, list(raw)
    raw = []
    for n in nodes:
        have = n.images
        if not have:
            key: tuple = ()
        else:
            key = tuple(have.get(img) for img in images)
        v = memo.get(key)
        if v is None:
            s = 0
            for img, size in zip(images, key):
                if size is not None:
                    s += int(size * frac[img])
            v = memo[key] = _image_score(s, min_t, max_t)
        raw.append(v)
    return raw, list(raw)


def spread_constraints(ctx: PodContext, default_selector) -> tuple[list[SpreadConstraint], bool]:
    """(ScheduleAnyway constraints, requireAllTopologies). System defaults when the pod has none:
    hostname maxSkew 3 and zone maxSkew 5, with the selector of the Services/ReplicaSet selecting it."""
    if ctx.info.spread:
        return [c for c in ctx.info.spread if not c.hard], True
    if not default_selector:
        return [], False
    return [SpreadConstraint(3, HOSTNAME, False, default_selector),
            SpreadConstraint(5, ZONE, False, default_selector)], False


def pod_topology_spread(ctx: PodContext, nodes: list[NodeState], constraints: list[SpreadConstraint],
                        require_all: bool, host_counts: list[int] | None = None, host_selector=None) -> Result:
    """Raw = round(sum over constraints of count * ln(domains + 2) + maxSkew - 1); lower is better."""
    if not constraints:
        return None
    if require_all:
        ignored = [any(c.topology_key not in n.labels for c in constraints) for n in nodes]
    else:
        ignored = [False] * len(nodes)
    scored = len(nodes) - sum(ignored)
    memo: dict = {}
    ns = ctx.namespace
    host_terms: list[tuple[float, int, list[int]]] = []
    other_terms: list[tuple[list, dict[str, float]]] = []
    for c in constraints:
        sel_memo = memo.setdefault(id(c), {})
        if c.topology_key == HOSTNAME:
            w = math.log(scored + 2)
            if host_counts is not None and c.selector is host_selector:
                counts_list = host_counts
            else:
                counts_list = [n.count_matching(ns, c.selector, sel_memo) if n.groups else 0 for n in nodes]
            host_terms.append((w, c.max_skew - 1, counts_list))
            continue
        key = c.topology_key
        vals = [n.zone for n in nodes] if key == ZONE else [n.labels.get(key) for n in nodes]
        present = set(vals) if not require_all else {v for v, ig in zip(vals, ignored) if not ig}
        domains = {"" if v is None else v for v in present}
        labelled = present - {None}
        w = math.log(len(domains) + 2)
        counts = dict.fromkeys(labelled, 0)
        if labelled and key in TRACKED_KEYS and not require_all and not ctx.check_affinity:
            # every node counts: read the per-domain aggregates instead of walking all nodes
            for d in labelled:
                total = 0
                for gkey, (labels, count) in ctx.cache.domain_groups.get((key, d), {}).items():
                    if gkey[0] != ns:
                        continue
                    hit = sel_memo.get(gkey)
                    if hit is None:
                        hit = sel_memo[gkey] = matches(c.selector, labels)
                    if hit:
                        total += count
                counts[d] = total
        elif labelled:
            for n in ctx.cache.order:
                d = n.labels.get(key)
                if d in labelled and (not require_all or all(x.topology_key in n.labels for x in constraints)) \
                        and ctx.node_affinity_ok(n):
                    counts[d] += n.count_matching(ns, c.selector, sel_memo)
        terms: dict = {d: cnt * w + (c.max_skew - 1) for d, cnt in counts.items()}
        terms[None] = 0.0  # a node without the label: the constraint adds nothing there
        other_terms.append((vals, terms))
    if len(host_terms) == 1 and len(other_terms) == 1 and not require_all:
        # the system-default shape (hostname + zone): one pass
        (w, extra, cl), (vals, terms) = host_terms[0], other_terms[0]
        top = max(cl) + 1 if cl else 1
        rows = {v: [int(cnt * w + extra + t + 0.5) for cnt in range(top)] for v, t in terms.items()}
        raw = [rows[v][cnt] for cnt, v in zip(cl, vals)]
    else:
        base = [0.0] * len(nodes)
        for w, extra, counts_list in host_terms:
            base = [b + cnt * w + extra for b, cnt in zip(base, counts_list)]
        for vals, terms in other_terms:
            base = [b + terms[v] for b, v in zip(base, vals)]
        raw = [0 if ig else int(math.floor(b + 0.5)) for b, ig in zip(base, ignored)]
    live = raw if not require_all else [r for r, ig in zip(raw, ignored) if not ig]
    mx, mn = (max(live), min(live)) if live else (0, 0)
    if mx == 0:
        norm = [0 if ig else MAX for ig in ignored]
    elif not require_all:
        table_ = {r: MAX * (mx + mn - r) // mx for r in set(raw)}
        norm = [table_[r] for r in raw]
    else:
        norm = [0 if ig else MAX * (mx + mn - r) // mx for r, ig in zip(raw, ignored)]
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
