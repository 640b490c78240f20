"""The default Filter plugins, run per node in profile order, stopping at the first failure.

Reason strings and statuses follow the upstream plugins (sim-semantics §1.2, §1.3, §1.5).
"""
from __future__ import annotations

from typing import Any

from .breakdown import Failure
from .labels import matches
from .nodecache import NodeState, SchedulerCache
from .podinfo import AffinityTerm, PodSpecInfo, node_term_matches, tolerates

UNSCHEDULABLE_TAINT = {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}
R_UNSCHED = "node(s) were unschedulable"
R_AFFINITY = "node(s) didn't match Pod's node affinity/selector"
R_PORTS = "node(s) didn't have free ports for the requested pod ports"
R_SPREAD = "node(s) didn't match pod topology spread constraints"
R_SPREAD_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)"
R_POD_AFF = "node(s) didn't match pod affinity rules"
R_POD_ANTI = "node(s) didn't match pod anti-affinity rules"
R_EXISTING_ANTI = "node(s) didn't satisfy existing pods anti-affinity rules"


class PodContext:
    """Per-cycle state of the pod being scheduled (PreFilter results)."""

    def __init__(self, cache: SchedulerCache, namespace: str, labels: dict, info: PodSpecInfo) -> None:
        self.cache, self.namespace, self.labels, self.info = cache, namespace, labels, info
        self.tol_unsched = tolerates(info.tolerations, UNSCHEDULABLE_TAINT)
        self.check_affinity = bool(info.node_selector) or info.required_terms is not None
        self.hard_spread = [c for c in info.spread if c.hard]
        self.spread_counts: list[dict[str, int]] = []
        self.spread_min: list[int] = []
        self.ipa = bool(info.affinity_required or info.anti_required) or any(
            e.info.anti_required for e in cache.affinity_pods.values())
        if self.hard_spread:
            self._prefilter_spread()
        if self.ipa:
            self._prefilter_ipa()

    # -- NodeAffinity -------------------------------------------------------------------------
    def node_affinity_ok(self, node: NodeState) -> bool:
        info = self.info
        labels = node.labels
        for k, v in info.node_selector.items():
            if labels.get(k) != str(v):
                return False
        if info.required_terms is not None:
            return any(node_term_matches(t, labels, node.name) for t in info.required_terms)
        return True

    # -- PodTopologySpread (DoNotSchedule) ------------------------------------------------------
    def _prefilter_spread(self) -> None:
        memo: dict = {}
        for c in self.hard_spread:
            counts: dict[str, int] = {}
            sel_memo = memo.setdefault(id(c), {})
            for node in self.cache.order:
                val = node.labels.get(c.topology_key)
                if val is None or not self.node_affinity_ok(node):
                    continue
                counts[val] = counts.get(val, 0) + node.count_matching(self.namespace, c.selector, sel_memo)
            self.spread_counts.append(counts)
            mn = min(counts.values()) if counts else 0
            if len(counts) < c.min_domains:
                mn = 0
            self.spread_min.append(mn)

    def spread_failure(self, node: NodeState) -> Failure | None:
        for i, c in enumerate(self.hard_spread):
            val = node.labels.get(c.topology_key)
            if val is None:
                return Failure("PodTopologySpread", (R_SPREAD_LABEL,), True)
            self_match = 1 if matches(c.selector, self.labels) else 0
            skew = self.spread_counts[i].get(val, 0) + self_match - self.spread_min[i]
            if skew > c.max_skew:
                return Failure("PodTopologySpread", (R_SPREAD,), False)
        return None

    # -- InterPodAffinity ---------------------------------------------------------------------
    def _term_matches(self, term: AffinityTerm, owner_ns: str, pod_ns: str, pod_labels: dict) -> bool:
        namespaces = term.namespaces or (owner_ns,)
        return pod_ns in namespaces and matches(term.selector, pod_labels)

    def _prefilter_ipa(self) -> None:
        info = self.info
        # existing pods whose required anti-affinity matches us: topology pairs we must avoid
        self.existing_anti: set[tuple[str, str]] = set()
        for e in self.cache.affinity_pods.values():
            if e.terminating:
                continue
            node = self.cache.nodes.get(e.node)
            if node is None:
                continue
            for t in e.info.anti_required:
                if self._term_matches(t, e.key[0], self.namespace, self.labels) and t.topology_key in node.labels:
                    self.existing_anti.add((t.topology_key, node.labels[t.topology_key]))
        self.aff_pairs: list[set[tuple[str, str]]] = []
        self.anti_pairs: set[tuple[str, str]] = set()
        any_match_aff = [False] * len(info.affinity_required)
        for node in self.cache.order:
            for entry in node.pods.values():
                if entry.terminating:
                    continue
                for t in info.anti_required:
                    if t.topology_key in node.labels and self._term_matches(t, self.namespace, entry.key[0],
                                                                           entry.labels):
                        self.anti_pairs.add((t.topology_key, node.labels[t.topology_key]))
                for j, t in enumerate(info.affinity_required):
                    if self._term_matches(t, self.namespace, entry.key[0], entry.labels):
                        any_match_aff[j] = True
        for j, t in enumerate(info.affinity_required):
            pairs: set[tuple[str, str]] = set()
            for node in self.cache.order:
                if t.topology_key not in node.labels:
                    continue
                if any(not e.terminating and self._term_matches(t, self.namespace, e.key[0], e.labels)
                       for e in node.pods.values()):
                    pairs.add((t.topology_key, node.labels[t.topology_key]))
            self.aff_pairs.append(pairs)
        # the first pod of a group may match its own affinity term: then it is allowed anywhere
        self.self_affinity_ok = all(not any_match_aff[j] and self._term_matches(t, self.namespace, self.namespace,
                                                                                self.labels)
                                    for j, t in enumerate(info.affinity_required))

    def ipa_failure(self, node: NodeState) -> Failure | None:
        info = self.info
        if info.affinity_required and not self.self_affinity_ok:
            for j, t in enumerate(info.affinity_required):
                val = node.labels.get(t.topology_key)
                if val is None or (t.topology_key, val) not in self.aff_pairs[j]:
                    return Failure("InterPodAffinity", (R_POD_AFF,), True)
        for t in info.anti_required:
            val = node.labels.get(t.topology_key)
            if val is not None and (t.topology_key, val) in self.anti_pairs:
                return Failure("InterPodAffinity", (R_POD_ANTI,), False)
        for key, val in self.existing_anti:
            if node.labels.get(key) == val:
                return Failure("InterPodAffinity", (R_EXISTING_ANTI,), False)
        return None


def run_filters(ctx: PodContext, node: NodeState) -> Failure | None:
    """All filters for one node; None when it passes (the general path, used for breakdowns)."""
    info = ctx.info
    if node.unschedulable and not ctx.tol_unsched:
        return Failure("NodeUnschedulable", (R_UNSCHED,), True)
    for t in node.hard_taints:
        if not tolerates(info.tolerations, t):
            return Failure("TaintToleration", (f"node(s) had untolerated taint {{{t.get('key')}: "
                                               f"{t.get('value') or ''}}}",), True)
    if ctx.check_affinity and not ctx.node_affinity_ok(node):
        return Failure("NodeAffinity", (R_AFFINITY,), True)
    if info.host_ports and port_conflict(info.host_ports, node.ports):
        return Failure("NodePorts", (R_PORTS,), False)
    reasons = fit_reasons(info, node)
    if reasons:
        return Failure("NodeResourcesFit", reasons, False)
    if ctx.hard_spread:
        f = ctx.spread_failure(node)
        if f is not None:
            return f
    if ctx.ipa:
        return ctx.ipa_failure(node)
    return None


def port_conflict(wanted: Any, used: dict) -> bool:
    for ip, proto, port in wanted:
        for (uip, uproto, uport) in used:
            if uport == port and uproto == proto and (ip == uip or "0.0.0.0" in (ip, uip)):
                return True
    return False


def fit_reasons(info: PodSpecInfo, node: NodeState, cpu_free: int | None = None, mem_free: int | None = None,
                pods_used: int | None = None) -> tuple[str, ...]:
    """NodeResourcesFit: every failing resource, in the order pods, cpu, memory, ephemeral, scalar."""
    out = []
    used = node.npods if pods_used is None else pods_used
    if used + 1 > node.alloc_pods:
        out.append("Too many pods")
    cfree = node.alloc_cpu - node.req_cpu if cpu_free is None else cpu_free
    mfree = node.alloc_mem - node.req_mem if mem_free is None else mem_free
    if info.cpu > 0 and info.cpu > cfree:
        out.append("Insufficient cpu")
    if info.mem > 0 and info.mem > mfree:
        out.append("Insufficient memory")
    for name, amount in info.scalars:
        if amount > 0 and amount > node.alloc_scalar.get(name, 0) - node.req_scalar.get(name, 0):
            out.append(f"Insufficient {name}")
    return tuple(out)
