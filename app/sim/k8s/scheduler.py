"""kube-scheduler: watches pods and nodes through the API server, keeps its cache, runs one
scheduling cycle at a time from a priority queue, binds, and reports failures.

Queue: PrioritySort (higher priority first, then FIFO); a pod that did not fit waits in the
unschedulable pool and is moved back on a relevant cluster event (node added or changed, pod
deleted) or after 5 minutes, never before its back-off (1 s doubling to 10 s) has expired.
Simplification: no QueueingHints (any such event moves every unschedulable pod).
"""
from __future__ import annotations

import heapq
from collections import OrderedDict

from . import events as ev
from .algorithm import Algorithm
from .apiserver import APIServer
from .breakdown import Decision
from .labels import compile_selector, matches
from .meta import controller_of, parse_timestamp, set_condition
from .nodecache import SchedulerCache
from .podinfo import SpecInfoCache
from .preemption import preempt
from .store import DELETED

#: simulated time one scheduling cycle takes (about 300 pods/s, sim-semantics §6.1)
CYCLE_SECONDS = 0.003
INITIAL_BACKOFF, MAX_BACKOFF = 1.0, 10.0
UNSCHEDULABLE_FLUSH = 300.0
#: breakdowns kept in memory, counted in table cells (older decisions are dropped first)
BREAKDOWN_BUDGET = 2_000_000


class Scheduler:
    def __init__(self, api: APIServer) -> None:
        self.api = api
        self.sim = api.sim
        self.cache = SchedulerCache()
        self.algorithm = Algorithm(self.cache)
        self.specs = SpecInfoCache()
        self._queue: list[tuple[int, int, tuple[str, str]]] = []
        self._queued: set[tuple[str, str]] = set()
        self._seq = 0
        self._attempts: dict[tuple[str, str], int] = {}
        self._backoff_until: dict[tuple[str, str], float] = {}
        self.unschedulable: dict[tuple[str, str], float] = {}
        self._timer = None
        self._retry_timer = None
        self._flush_timer = None
        self.decisions: OrderedDict[tuple[str, str], Decision] = OrderedDict()
        self._cells = 0
        self._selector_cache: dict = {}
        self.scheduled_count = 0
        api.watch("nodes", self.on_node)
        api.watch("pods", self.on_pod)
        api.watch("services", self.on_service)

    # -- watches ------------------------------------------------------------------------------
    def on_node(self, verb: str, obj: dict, old: dict | None) -> None:
        if verb == DELETED:
            self.cache.remove_node(obj["metadata"]["name"])
        else:
            self.cache.set_node(obj)
            if old is None or old.get("spec") != obj.get("spec") or \
                    old["metadata"].get("labels") != obj["metadata"].get("labels") or \
                    (old.get("status") or {}).get("allocatable") != (obj.get("status") or {}).get("allocatable"):
                self._move_all()

    def on_service(self, verb: str, obj: dict, old: dict | None) -> None:
        self._selector_cache.clear()

    def on_pod(self, verb: str, obj: dict, old: dict | None) -> None:
        meta, spec = obj["metadata"], obj["spec"]
        key = (meta["namespace"], meta["name"])
        node = spec.get("nodeName")
        phase = (obj.get("status") or {}).get("phase")
        if verb == DELETED or phase in ("Succeeded", "Failed"):
            self._forget(key)
            if self.cache.remove_pod(key) is not None:
                self._move_all()
            return
        if node:
            entry = self.cache.pods.get(key)
            if entry is not None and entry.labels is not meta.get("labels"):
                self.cache.remove_pod(key)
                entry = None
            if entry is None:
                self.cache.add_pod(key, node, self.specs.get(spec), meta.get("labels") or {},
                                   int(spec.get("priority") or 0), parse_timestamp(meta.get("creationTimestamp")),
                                   bool(meta.get("deletionTimestamp")))
            elif meta.get("deletionTimestamp"):
                self.cache.mark_terminating(key)
            return
        if meta.get("deletionTimestamp") or spec.get("schedulerName", "default-scheduler") != "default-scheduler":
            return
        if verb == "ADDED" or key not in self.unschedulable:
            self._enqueue(key, int(spec.get("priority") or 0))

    def _forget(self, key: tuple[str, str]) -> None:
        self.unschedulable.pop(key, None)
        self._attempts.pop(key, None)
        self._backoff_until.pop(key, None)

    # -- the queue ------------------------------------------------------------------------------
    def _enqueue(self, key: tuple[str, str], priority: int) -> None:
        if key in self._queued:
            return
        self._seq += 1
        heapq.heappush(self._queue, (-priority, self._seq, key))
        self._queued.add(key)
        if self._timer is None:
            self._timer = self.sim.schedule(0.0, self.run_cycle)

    def _move_all(self) -> None:
        """A cluster event that may make unschedulable pods fit: retry them after their back-off."""
        if not self.unschedulable:
            return
        now = self.sim.now
        later = None
        for key in list(self.unschedulable):
            until = self._backoff_until.get(key, 0.0)
            if until <= now:
                self._requeue(key)
            else:
                later = until if later is None else min(later, until)
        if later is not None and (self._retry_timer is None or not self._retry_timer.active
                                  or self._retry_timer.time > later):
            if self._retry_timer is not None:
                self._retry_timer.cancel()
            self._retry_timer = self.sim.schedule_at(later, self.retry_due)

    def retry_due(self) -> None:
        self._retry_timer = None
        self._move_all()

    def flush_unschedulable(self) -> None:
        """podMaxInUnschedulablePodsDuration: pods waiting 5 minutes are retried anyway."""
        self._flush_timer = None
        now = self.sim.now
        for key, since in list(self.unschedulable.items()):
            if now - since >= UNSCHEDULABLE_FLUSH:
                self._requeue(key)
        if self.unschedulable:
            self._flush_timer = self.sim.schedule(30.0, self.flush_unschedulable)

    def _requeue(self, key: tuple[str, str]) -> None:
        self.unschedulable.pop(key, None)
        pod = self.api.get("pods", *key)
        if pod is not None and not pod["spec"].get("nodeName"):
            self._enqueue(key, int(pod["spec"].get("priority") or 0))

    def pending_keys(self) -> list[tuple[str, str]]:
        return sorted(set(self._queued) | set(self.unschedulable))

    # -- one cycle -----------------------------------------------------------------------------
    def run_cycle(self) -> None:
        self._timer = None
        while self._queue:
            _, _, key = heapq.heappop(self._queue)
            self._queued.discard(key)
            pod = self.api.get("pods", *key)
            if pod is None or pod["spec"].get("nodeName") or pod["metadata"].get("deletionTimestamp"):
                continue
            self._schedule_one(key, pod)
            break
        if self._queue:
            self._timer = self.sim.schedule(CYCLE_SECONDS, self.run_cycle)

    def _schedule_one(self, key: tuple[str, str], pod: dict) -> None:
        meta, spec = pod["metadata"], pod["spec"]
        info = self.specs.get(spec)
        attempt = self._attempts.get(key, 0) + 1
        self._attempts[key] = attempt
        labels = meta.get("labels") or {}
        nominated = (pod.get("status") or {}).get("nominatedNodeName")
        d = self.algorithm.schedule(key[0], key[1], labels, info, self.default_selector(pod), self.sim.rng,
                                    self.sim.now, attempt, nominated)
        if d.winner is None:
            post = "" if d.prefilter_message == "no nodes available to schedule pods" else preempt(self, pod, d)
            if post:
                d.message = d.message + f" {post}."
            self._keep(key, d)
            self._failed(key, pod, d)
            return
        self._keep(key, d)
        self._bind(key, pod, d)

    def _keep(self, key: tuple[str, str], d: Decision) -> None:
        old = self.decisions.pop(key, None)
        if old is not None:
            self._cells -= old.cells
        self.decisions[key] = d
        self._cells += d.cells
        while self._cells > BREAKDOWN_BUDGET and len(self.decisions) > 1:
            _, dropped = self.decisions.popitem(last=False)
            self._cells -= dropped.cells

    def _bind(self, key: tuple[str, str], pod: dict, d: Decision) -> None:
        node = d.winner
        spec = dict(pod["spec"], nodeName=node)
        status = dict(pod.get("status") or {})
        status["conditions"] = set_condition(status.get("conditions"), "PodScheduled", "True", self.sim.now)
        status.pop("nominatedNodeName", None)
        new = dict(pod, spec=spec, status=status)
        new["metadata"] = dict(pod["metadata"])
        # assume: the cache counts the pod before the bind is observed
        self.cache.add_pod(key, node, self.specs.get(pod["spec"]), pod["metadata"].get("labels") or {},
                           int(spec.get("priority") or 0), self.sim.now)
        self.api.update("pods", new, "scheduler")
        self._forget(key)
        self.scheduled_count += 1
        self.api.event(new, "Normal", "Scheduled", f"Successfully assigned {key[0]}/{key[1]} to {node}",
                       "default-scheduler")
        total = d.totals[d.feasible.index(node)] if d.totals else 0
        self.sim.emit(ev.PodScheduled, pod=key[1], namespace=key[0], node=node, score=total,
                      tied=_tie_text(d.tied), feasible=len(d.feasible),
                      evaluated=len(d.evaluated))

    def _failed(self, key: tuple[str, str], pod: dict, d: Decision) -> None:
        attempts = self._attempts.get(key, 1)
        backoff = min(INITIAL_BACKOFF * 2 ** (attempts - 1), MAX_BACKOFF)
        self._backoff_until[key] = self.sim.now + backoff
        self.unschedulable[key] = self.sim.now
        if self._flush_timer is None:
            self._flush_timer = self.sim.schedule(30.0, self.flush_unschedulable)
        status = dict(pod.get("status") or {})
        cond = status.get("conditions") or []
        old_msg = next((c.get("message") for c in cond if c.get("type") == "PodScheduled"), None)
        if d.nominated:
            status["nominatedNodeName"] = d.nominated
        if old_msg != d.message or d.nominated:
            status["conditions"] = set_condition(cond, "PodScheduled", "False", self.sim.now, "Unschedulable",
                                                 d.message)
            new = dict(pod, status=status)
            new["metadata"] = dict(pod["metadata"])
            self.api.update("pods", new, "scheduler")
        self.api.event(pod, "Warning", "FailedScheduling", d.message, "default-scheduler")
        self.sim.emit(ev.FailedScheduling, pod=key[1], namespace=key[0], message=d.message)

    # -- PodTopologySpread system defaults ----------------------------------------------------------
    def default_selector(self, pod: dict):
        """``DefaultSelector``: the Services and the ReplicaSet selecting the pod, combined."""
        meta = pod["metadata"]
        labels = meta.get("labels") or {}
        ref = controller_of(pod)
        owner = ref.get("uid") if ref and ref.get("kind") == "ReplicaSet" else None
        ck = (meta["namespace"], id(labels), owner)
        hit = self._selector_cache.get(ck)
        if hit is not None and hit[0] is labels:
            return hit[1]
        reqs: list = []
        merged: dict[str, str] = {}
        for svc in self.api.store.items("services", meta["namespace"]):
            sel = svc["spec"].get("selector")
            if sel and all(labels.get(k) == v for k, v in sel.items()):
                merged.update(sel)
        reqs.extend((k, "In", (v,)) for k, v in sorted(merged.items()))
        if owner is not None:
            rs = self.api.get("replicasets", meta["namespace"], ref["name"])
            if rs is not None:
                sel = compile_selector(rs["spec"].get("selector"))
                if sel and matches(sel, labels):
                    reqs.extend(sel)
        result = tuple(reqs) or None
        if len(self._selector_cache) > 10_000:
            self._selector_cache.clear()
        self._selector_cache[ck] = (labels, result)
        return result


def _tie_text(tied: list[str], limit: int = 10) -> str:
    """The tied nodes for the event: all of them up to ``limit``, then a count."""
    if len(tied) < 2:
        return ""
    if len(tied) <= limit:
        return ",".join(tied)
    return ",".join(tied[:limit]) + f",+{len(tied) - limit} more"
