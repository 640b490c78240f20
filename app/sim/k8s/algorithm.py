"""One scheduling cycle for one pod: PreFilter, Filter (with percentageOfNodesToScore), Score,
NormalizeScore, weights, and host selection with a seeded random tie-break (schedule_one.go).
"""
from __future__ import annotations

import random
from itertools import compress, repeat
from operator import add, eq, mul

from .breakdown import SCORE_PLUGINS, Decision, Failure, PluginScores
from .filters import PodContext, run_filters
from .nodecache import NodeState, SchedulerCache
from .podinfo import PodSpecInfo
from . import scores

MIN_FEASIBLE_NODES = 100
MIN_FEASIBLE_PERCENTAGE = 5
NO_NODES = "no nodes available to schedule pods"
R_PREFILTER_NODEAFFINITY = "node(s) didn't satisfy plugin(s) [NodeAffinity]"


def num_feasible_nodes_to_find(n: int, percentage: int = 0) -> int:
    """``numFeasibleNodesToFind``: all below 100 nodes; else adaptive 50 - n/125 percent (min 5%), min 100."""
    if n < MIN_FEASIBLE_NODES:
        return n
    pct = percentage
    if pct <= 0:
        pct = 50 - n // 125
        if pct < MIN_FEASIBLE_PERCENTAGE:
            pct = MIN_FEASIBLE_PERCENTAGE
    if pct >= 100:
        return n
    k = n * pct // 100
    return max(k, MIN_FEASIBLE_NODES)


def fit_error_message(total: int, failures: dict[str, Failure], prefilter: str = "", post: str = "") -> str:
    """``FitError.Error()``: ``0/N nodes are available: <sorted "count reason">.`` [+ `` <post>.``]."""
    msg = f"0/{total} nodes are available:"
    if prefilter:
        msg += f" {prefilter}."
    else:
        hist: dict[str, int] = {}
        for f in failures.values():
            for r in f.reasons:
                hist[r] = hist.get(r, 0) + 1
        msg += " " + ", ".join(sorted(f"{c} {r}" for r, c in hist.items())) + "."
    if post:
        msg += f" {post}."
    return msg


class Algorithm:
    def __init__(self, cache: SchedulerCache) -> None:
        self.cache = cache
        self.next_start = 0
        self.strategy = "LeastAllocated"
        self.percentage = 0

    def schedule(self, namespace: str, name: str, labels: dict, info: PodSpecInfo, default_selector,
                 rng: random.Random, now: float, attempt: int, nominated: str | None = None) -> Decision:
        cache = self.cache
        all_nodes = cache.order
        total = len(all_nodes)
        d = Decision(name, namespace, now, attempt, total, 0, self.next_start, self.strategy)
        if total == 0:
            d.message = NO_NODES
            d.prefilter_message = NO_NODES
            return d
        ctx = PodContext(cache, namespace, labels, info)
        nodes = all_nodes
        if info.node_names is not None:  # NodeAffinity PreFilter narrowed the candidates
            nodes = [n for n in all_nodes if n.name in info.node_names]
            for n in all_nodes:
                if n.name not in info.node_names:
                    d.failures[n.name] = Failure("NodeAffinity", (R_PREFILTER_NODEAFFINITY,), True)
            if not nodes:
                d.prefilter_message = "node(s) didn't match Pod's node affinity/selector"
                d.message = fit_error_message(total, d.failures, d.prefilter_message)
                return d
        if nominated and nominated in cache.nodes:
            node = cache.nodes[nominated]
            if run_filters(ctx, node) is None:
                d.evaluated, d.feasible, d.winner, d.tied = [nominated], [nominated], nominated, [nominated]
                d.note = f"The pod was nominated to {nominated} by preemption and that node now fits."
                return d
        n = len(nodes)
        k = num_feasible_nodes_to_find(n, self.percentage)
        d.to_find = k
        start = self.next_start % n
        d.start_index = start
        feasible: list[NodeState] = []
        failures = d.failures
        simple = not (ctx.check_affinity or info.host_ports or ctx.hard_spread or ctx.ipa or info.scalars)
        # a request of 0 always fits (the real check is skipped for it)
        need_cpu = info.cpu if info.cpu > 0 else -(1 << 62)
        need_mem = info.mem if info.mem > 0 else -(1 << 62)
        processed = n
        pos = 0
        chunk_size = max(k, 64)
        names = None
        if simple and nodes is all_nodes and cache.fits_everywhere(need_cpu, need_mem):
            # every node is schedulable with room to spare: the filters pass the first k nodes
            feasible = nodes[start:start + k]
            names = cache.names[start:start + k]
            if len(feasible) < k:
                feasible += nodes[:k - len(feasible)]
                names += cache.names[:k - len(names)]
            processed = pos = k
            order = feasible
        else:
            order = nodes[start:] + nodes[:start] if start else nodes
        while pos < n and len(feasible) < k:
            chunk = order[pos:pos + chunk_size]
            if simple:  # the common case, checked for a whole chunk at C speed
                flags = [x.plain and x.free_pods > 0 and x.free_cpu >= need_cpu and x.free_mem >= need_mem
                         for x in chunk]
                if all(flags):
                    take = min(len(chunk), k - len(feasible))
                    feasible.extend(chunk[:take])
                    if len(feasible) >= k:
                        processed = pos + take
                        break
                    pos += len(chunk)
                    continue
            else:
                flags = [False] * len(chunk)
            done = False
            for j, node in enumerate(chunk):
                f = None if flags[j] else run_filters(ctx, node)
                if f is not None:
                    failures[node.name] = f
                    continue
                feasible.append(node)
                if len(feasible) >= k:
                    processed = pos + j + 1
                    done = True
                    break
            if done:
                break
            pos += len(chunk)
        self.next_start = (start + processed) % n
        d.feasible = names if names is not None else [x.name for x in feasible]
        # with no failures the evaluated nodes are exactly the feasible ones
        d.evaluated = d.feasible if not failures and processed == len(feasible) else \
            [x.name for x in order[:processed]]
        if not feasible:
            d.message = fit_error_message(total, failures)
            return d
        if len(feasible) == 1:
            d.winner = feasible[0].name
            d.tied = [d.winner]
            return d
        d.scores = self._score(ctx, feasible, default_selector, total)
        totals: list[int] = [0] * len(feasible)
        for s in d.scores:
            if not s.skipped:
                col = s.normalized if s.weight == 1 else list(map(mul, s.normalized, repeat(s.weight)))
                totals = list(map(add, totals, col))
        d.totals = totals
        best = max(totals)
        tied = list(compress(d.feasible, map(eq, totals, repeat(best))))
        d.tied = tied
        d.winner = tied[rng.randrange(len(tied))] if len(tied) > 1 else tied[0]
        return d

    def _score(self, ctx: PodContext, nodes: list[NodeState], default_selector, total: int) -> list[PluginScores]:
        constraints, require_all = scores.spread_constraints(ctx, default_selector)
        host_sel = next((c.selector for c in constraints if c.topology_key == scores.HOSTNAME), None)
        fit, bal, host_counts = scores.resource_scores(ctx, nodes, self.strategy, host_sel)
        results = {
            "TaintToleration": scores.taint_toleration(ctx, nodes),
            "NodeAffinity": scores.node_affinity(ctx, nodes),
            "NodeResourcesFit": (fit, list(fit)),
            "PodTopologySpread": scores.pod_topology_spread(ctx, nodes, constraints, require_all, host_counts,
                                                            host_sel),
            "InterPodAffinity": scores.inter_pod_affinity(ctx, nodes),
            "NodeResourcesBalancedAllocation": (bal, list(bal)),
            "ImageLocality": scores.image_locality(ctx, nodes, total),
        }
        out = []
        for name, weight in SCORE_PLUGINS:
            r = results[name]
            if r is None:
                out.append(PluginScores(name, weight, True, [], []))
            else:
                out.append(PluginScores(name, weight, False, r[0], r[1]))
        return out
