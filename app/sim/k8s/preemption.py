"""DefaultPreemption (PostFilter): find lower-priority victims whose removal lets the pod fit.

Per candidate node: remove every lower-priority pod, check the pod fits, then reprieve victims
from the highest priority down while it still fits. The node is chosen by the upstream order
(sim-semantics §1.6): lowest highest-victim priority, smallest priority sum, fewest victims,
latest start of the highest-priority victims, then the first node. Simplifications: no
PodDisruptionBudgets, every node is a candidate (no 10%/100 sampling), and only NodeResourcesFit
and NodePorts are re-checked when victims are removed (the other filters already passed).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .breakdown import Decision
from .filters import fit_reasons, port_conflict
from .nodecache import NodeState, PodEntry
from .podinfo import PodSpecInfo
from .podops import graceful_delete

if TYPE_CHECKING:
    from .scheduler import Scheduler

NOT_HELPFUL = "Preemption is not helpful for scheduling"
NO_VICTIMS = "No preemption victims found for incoming pod"


def _fits(info: PodSpecInfo, node: NodeState, removed: list[PodEntry]) -> bool:
    cpu = node.alloc_cpu - node.req_cpu + sum(e.info.cpu for e in removed)
    mem = node.alloc_mem - node.req_mem + sum(e.info.mem for e in removed)
    pods = node.npods - len(removed)
    if fit_reasons(info, node, cpu, mem, pods):
        return False
    if info.host_ports:
        ports = dict(node.ports)
        for e in removed:
            for p in e.info.host_ports:
                ports[p] -= 1
                if not ports[p]:
                    del ports[p]
        if port_conflict(info.host_ports, ports):
            return False
    return True


def preempt(sched: "Scheduler", pod: dict, d: Decision) -> str:
    """Run PostFilter; returns the message suffix ("" on success) and nominates a node."""
    spec = pod["spec"]
    if spec.get("preemptionPolicy") == "Never":
        return ""
    prio = int(spec.get("priority") or 0)
    info = sched.specs.get(spec)
    hist: dict[str, int] = {}
    candidates: list[tuple[NodeState, list[PodEntry]]] = []
    for node in sched.cache.order:
        f = d.failures.get(node.name)
        if f is None:
            continue
        if f.unresolvable:
            hist[NOT_HELPFUL] = hist.get(NOT_HELPFUL, 0) + 1
            continue
        lower = [e for e in node.pods.values() if e.priority < prio and not e.terminating]
        if not lower or not _fits(info, node, lower):
            hist[NO_VICTIMS] = hist.get(NO_VICTIMS, 0) + 1
            continue
        lower.sort(key=lambda e: (-e.priority, e.start))
        victims = list(lower)
        for e in lower:  # reprieve: keep as many (highest priority first) as still allows a fit
            trial = [v for v in victims if v is not e]
            if _fits(info, node, trial):
                victims = trial
        candidates.append((node, victims))
    if not candidates:
        body = ", ".join(sorted(f"{c} {r}" for r, c in hist.items()))
        return f"preemption: 0/{d.total_nodes} nodes are available: {body}"

    def rank(item: tuple[NodeState, list[PodEntry]]) -> tuple:
        node, victims = item
        top = max(v.priority for v in victims) if victims else -(2**31)
        top_start = min((v.start for v in victims if v.priority == top), default=0.0)
        return (top, sum(v.priority for v in victims), len(victims), -top_start, node.index)

    node, victims = min(candidates, key=rank)
    d.nominated = node.name
    name = pod["metadata"]["name"]
    for v in victims:
        victim = sched.api.get("pods", *v.key)
        if victim is None:
            continue
        sched.api.event(victim, "Normal", "Preempted", f"Preempted by pod {pod['metadata']['uid']} on node {node.name}",
                        "default-scheduler")
        sched.sim.emit(ev.PodPreempted, pod=v.key[1], namespace=v.key[0], node=node.name, preemptor=name)
        graceful_delete(sched.api, victim, "scheduler")
    return ""
