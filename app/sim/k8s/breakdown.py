"""One scheduling decision, plugin by plugin, as kube-scheduler-simulator shows it.

Kept for the scenes (``Decision.as_dict``) and for ``sim explain pod NAME`` (``render``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

FILTER_PLUGINS = ("NodeUnschedulable", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
                  "NodeResourcesFit", "PodTopologySpread", "InterPodAffinity")
#: (plugin, weight) in the default profile's order (default_plugins.go)
SCORE_PLUGINS = (("TaintToleration", 3), ("NodeAffinity", 2), ("NodeResourcesFit", 1), ("PodTopologySpread", 2),
                 ("InterPodAffinity", 2), ("NodeResourcesBalancedAllocation", 1), ("ImageLocality", 1))


@dataclass
class PluginScores:
    name: str
    weight: int
    skipped: bool
    raw: list[int]
    normalized: list[int]

    def weighted(self, i: int) -> int:
        return 0 if self.skipped else self.normalized[i] * self.weight


@dataclass
class Failure:
    plugin: str
    reasons: tuple[str, ...]
    unresolvable: bool


@dataclass
class Decision:
    pod: str
    namespace: str
    time: float
    attempt: int
    total_nodes: int
    to_find: int
    start_index: int
    strategy: str
    evaluated: list[str] = field(default_factory=list)
    failures: dict[str, Failure] = field(default_factory=dict)
    feasible: list[str] = field(default_factory=list)
    scores: list[PluginScores] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    winner: str | None = None
    tied: list[str] = field(default_factory=list)
    prefilter_message: str = ""
    message: str = ""
    nominated: str | None = None
    note: str = ""

    def filter_verdicts(self, node: str) -> list[tuple[str, str]]:
        """(plugin, "passed" | reasons | "not run") for one node, in plugin order."""
        fail = self.failures.get(node)
        out = []
        stopped = False
        for p in FILTER_PLUGINS:
            if stopped:
                out.append((p, "not run"))
            elif fail is not None and fail.plugin == p:
                out.append((p, "; ".join(fail.reasons)))
                stopped = True
            else:
                out.append((p, "passed"))
        return out

    def as_dict(self) -> dict:
        nodes = []
        for name in self.evaluated:
            entry: dict = {"node": name, "filters": dict(self.filter_verdicts(name)), "feasible": name not in self.failures}
            if name in self.feasible:
                i = self.feasible.index(name)
                entry["scores"] = {s.name: {"raw": None if s.skipped else s.raw[i],
                                            "normalized": None if s.skipped else s.normalized[i],
                                            "weight": s.weight, "weighted": s.weighted(i), "skipped": s.skipped}
                                   for s in self.scores}
                entry["total"] = self.totals[i] if self.totals else None
            nodes.append(entry)
        return {"pod": self.pod, "namespace": self.namespace, "time": self.time, "attempt": self.attempt,
                "total_nodes": self.total_nodes, "nodes_to_find": self.to_find, "start_index": self.start_index,
                "strategy": self.strategy, "nodes": nodes, "winner": self.winner, "tied": list(self.tied),
                "message": self.message, "nominated": self.nominated, "note": self.note}

    def render(self, limit: int = 20) -> str:
        lines = [f"Pod {self.namespace}/{self.pod}: attempt {self.attempt} at t={self.time:.3f}s, "
                 f"{self.total_nodes} node(s), scoring strategy {self.strategy}"]
        if self.total_nodes >= 100:
            lines.append(f"percentageOfNodesToScore: stop after {self.to_find} feasible node(s), "
                         f"starting at node #{self.start_index}")
        if self.prefilter_message:
            lines.append(f"PreFilter rejected the pod: {self.prefilter_message}")
        lines.append("Filter (in plugin order; a node stops at its first failing plugin):")
        shown = self.evaluated[:limit]
        for name in shown:
            fail = self.failures.get(name)
            if fail is None:
                lines.append(f"  {name}: passed all filters")
            else:
                lines.append(f"  {name}: {fail.plugin}: {'; '.join(fail.reasons)}")
        if len(self.evaluated) > limit:
            lines.append(f"  ... {len(self.evaluated) - limit} more node(s)")
        if not self.feasible:
            lines.append(f"No node fits: {self.message}")
            if self.nominated:
                lines.append(f"Preemption nominated node {self.nominated}")
            return "\n".join(lines)
        if len(self.feasible) == 1:
            lines.append(f"Only one feasible node: {self.feasible[0]} is chosen without scoring.")
            return "\n".join(lines)
        lines.append("Score (raw -> normalised x weight = weighted):")
        order = sorted(range(len(self.feasible)), key=lambda i: (-self.totals[i], self.feasible[i]))[:limit]
        for i in order:
            lines.append(f"  {self.feasible[i]}: total {self.totals[i]}")
            for s in self.scores:
                if s.skipped:
                    lines.append(f"    {s.name:<32} skipped (nothing to score; adds 0)")
                else:
                    lines.append(f"    {s.name:<32} {s.raw[i]:>5} -> {s.normalized[i]:>3} x {s.weight} = {s.weighted(i)}")
        if len(self.feasible) > limit:
            lines.append(f"  ... {len(self.feasible) - limit} more feasible node(s)")
        if len(self.tied) > 1:
            lines.append(f"Tie: picked at random among {{{', '.join(self.tied)}}} (seeded generator)")
        lines.append(f"Selected node: {self.winner}")
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)

    @property
    def cells(self) -> int:
        return len(self.evaluated) + len(self.feasible) * (len(self.scores) * 2 + 1)
