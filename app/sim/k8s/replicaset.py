"""ReplicaSet controller: keep ``spec.replicas`` active pods (sim-semantics §2.1).

Creates at most 500 pods per sync (burstReplicas) in slow-start batches 1, 2, 4 ...; waits for
its own creations to be observed (expectations) before counting again; deletes by the real
``ActivePodsWithRanks`` order. Counts are kept incrementally from the pod watch, so a sync does
not walk the ReplicaSet's pods unless it has to choose pods to delete.
Also plays the garbage collector for its pods (deleting a ReplicaSet deletes its pods).
"""
from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from . import events as ev
from .meta import owner_ref, parse_timestamp, random_suffix, condition
from .podops import graceful_delete, is_active, is_ready
from .store import DELETED
from .workqueue import KeyedWorkQueue

if TYPE_CHECKING:
    from .cluster import Cluster

BURST_REPLICAS = 500
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"


class RSCounts:
    __slots__ = ("active", "ready", "pods", "expect_add", "expect_del")

    def __init__(self) -> None:
        self.active = self.ready = 0
        self.pods: set[tuple[str, str]] = set()
        self.expect_add = self.expect_del = 0


class ReplicaSetController(KeyedWorkQueue):
    resource = "replicasets"

    def __init__(self, cluster: "Cluster") -> None:
        self.cluster, self.api, self.sim = cluster, cluster.api, cluster.sim
        self.counts: dict[str, RSCounts] = {}
        self._pod_state: dict[tuple[str, str], tuple[str, bool, bool]] = {}
        self._dirty: dict[tuple[str, str], None] = {}
        self._timer = None
        self._pod_specs: dict[int, tuple[dict, dict]] = {}
        self.api.watch("replicasets", self.on_rs)
        self.api.watch("pods", self.on_pod)

    # -- watches -----------------------------------------------------------------------------------
    def on_rs(self, verb: str, obj: dict, old: dict | None) -> None:
        meta = obj["metadata"]
        if verb == DELETED:
            c = self.counts.pop(meta["uid"], None)
            for key in sorted(c.pods if c else ()):
                pod = self.api.get("pods", *key)
                if pod is not None:
                    graceful_delete(self.api, pod, "controller")
            return
        self.counts.setdefault(meta["uid"], RSCounts())
        self._mark((meta["namespace"], meta["name"]))

    def on_pod(self, verb: str, obj: dict, old: dict | None) -> None:
        meta = obj["metadata"]
        refs = meta.get("ownerReferences")
        if not refs:
            return
        ref = refs[0] if refs[0].get("controller") else next((r for r in refs if r.get("controller")), None)
        if ref is None or ref.get("kind") != "ReplicaSet":
            return
        uid = ref["uid"]
        c = self.counts.get(uid)
        if c is None:
            return
        key = (meta["namespace"], meta["name"])
        prev = self._pod_state.get(key)
        if verb == DELETED:
            if prev is not None:
                self._pod_state.pop(key)
                c.active -= prev[1]
                c.ready -= prev[2]
                c.pods.discard(key)
                if prev[1] and c.expect_del > 0:
                    c.expect_del -= 1
        else:
            active = is_active(obj)
            ready = active and is_ready(obj)
            if prev is None:
                c.pods.add(key)
                if c.expect_add > 0:
                    c.expect_add -= 1
                c.active += active
                c.ready += ready
            else:
                c.active += active - prev[1]
                c.ready += ready - prev[2]
                if prev[1] and not active and c.expect_del > 0:
                    c.expect_del -= 1
                if prev[1] == active and prev[2] == ready:
                    return
            self._pod_state[key] = (uid, active, ready)
        self._mark((meta["namespace"], ref["name"]))

    # -- reconcile ----------------------------------------------------------------------------------
    def sync(self, rs: dict) -> None:
        meta = rs["metadata"]
        c = self.counts.setdefault(meta["uid"], RSCounts())
        want = int(rs["spec"].get("replicas", 1))
        if c.expect_add <= 0 and c.expect_del <= 0 and not meta.get("deletionTimestamp"):
            diff = c.active - want
            if diff < 0:
                self._create(rs, c, min(-diff, BURST_REPLICAS))
            elif diff > 0:
                self._delete(rs, c, min(diff, BURST_REPLICAS))
        self._status(rs, c)

    def _create(self, rs: dict, c: RSCounts, n: int) -> None:
        meta = rs["metadata"]
        tmpl = rs["spec"]["template"]
        spec = self._pod_spec(tmpl["spec"])
        labels = tmpl["metadata"].get("labels") or {}
        annotations = tmpl["metadata"].get("annotations")
        ref = owner_ref("ReplicaSet", "apps/v1", rs)
        qos = self.cluster.qos(spec)
        batch, created = 1, 0
        while created < n:  # slow start: 1, 2, 4, ... (a failed batch would stop the sequence)
            for _ in range(min(batch, n - created)):
                name = f"{meta['name']}-{random_suffix(self.sim.rng)}"
                while self.api.get("pods", meta["namespace"], name) is not None:
                    name = f"{meta['name']}-{random_suffix(self.sim.rng)}"
                pmeta = {"name": name, "generateName": meta["name"] + "-", "namespace": meta["namespace"],
                         "labels": labels, "ownerReferences": [ref]}
                if annotations:
                    pmeta["annotations"] = annotations
                pod = {"apiVersion": "v1", "kind": "Pod", "metadata": pmeta, "spec": spec,
                       "status": {"phase": "Pending", "qosClass": qos}}
                c.expect_add += 1
                self.api.create("pods", pod, "controller")
                self.api.event(rs, "Normal", "SuccessfulCreate", f"Created pod: {name}", "replicaset-controller")
                self.sim.emit(ev.ControllerCreatedPod, namespace=meta["namespace"], owner_kind="ReplicaSet",
                              owner=meta["name"], pod=name)
                created += 1
            batch *= 2

    def _pod_spec(self, tmpl_spec: dict) -> dict:
        """The admitted pod spec for a template (default tolerations, priority), shared by its pods."""
        hit = self._pod_specs.get(id(tmpl_spec))
        if hit is not None and hit[0] is tmpl_spec:
            return hit[1]
        spec = self.cluster.admit_pod_spec(tmpl_spec)
        if len(self._pod_specs) > 10_000:
            self._pod_specs.clear()
        self._pod_specs[id(tmpl_spec)] = (tmpl_spec, spec)
        return spec

    def _delete(self, rs: dict, c: RSCounts, n: int) -> None:
        pods = [p for p in (self.api.get("pods", *k) for k in sorted(c.pods)) if p is not None and is_active(p)]
        victims = rank_for_deletion(pods, self.sim.now)[:n]
        for pod in victims:
            c.expect_del += 1
            graceful_delete(self.api, pod, "controller")
            name = pod["metadata"]["name"]
            self.api.event(rs, "Normal", "SuccessfulDelete", f"Deleted pod: {name}", "replicaset-controller")
            self.sim.emit(ev.ControllerDeletedPod, namespace=rs["metadata"]["namespace"], owner_kind="ReplicaSet",
                          owner=rs["metadata"]["name"], pod=name)

    def _status(self, rs: dict, c: RSCounts) -> None:
        st = rs.get("status") or {}
        new = {"replicas": c.active, "fullyLabeledReplicas": c.active, "readyReplicas": c.ready,
               "availableReplicas": c.ready, "observedGeneration": rs["metadata"].get("generation", 1)}
        if all(st.get(k, 0) == v for k, v in new.items()):
            return
        out = dict(rs, status=new)
        out["metadata"] = dict(rs["metadata"])
        self.api.update("replicasets", out, "controller")


# -- ActivePodsWithRanks ------------------------------------------------------------------------------

_PHASE_ORDER = {"Pending": 0, "Unknown": 1, "Running": 2}


def _log_rank(t: float, now: float) -> int:
    d = (now - t) * 1e9
    return int(math.floor(math.log2(d))) if d > 1 else 0


def rank_for_deletion(pods: list[dict], now: float) -> list[dict]:
    """Pods in the order a ReplicaSet deletes them (first = deleted first)."""
    per_node: dict[str, int] = {}
    for p in pods:
        n = p["spec"].get("nodeName")
        if n:
            per_node[n] = per_node.get(n, 0) + 1

    def ready_time(p: dict) -> float | None:
        cond = condition(p, "Ready")
        return parse_timestamp(cond.get("lastTransitionTime")) if cond and cond.get("status") == "True" else None

    def restarts(p: dict) -> int:
        return max((cs.get("restartCount", 0) for cs in (p.get("status") or {}).get("containerStatuses") or ()),
                   default=0)

    def cost(p: dict) -> int:
        try:
            return int((p["metadata"].get("annotations") or {}).get(DELETION_COST, 0))
        except ValueError:
            return 0

    def less(a: dict, b: dict) -> int:
        na, nb = a["spec"].get("nodeName"), b["spec"].get("nodeName")
        if bool(na) != bool(nb):
            return -1 if not na else 1
        pa = _PHASE_ORDER.get((a.get("status") or {}).get("phase"), 1)
        pb = _PHASE_ORDER.get((b.get("status") or {}).get("phase"), 1)
        if pa != pb:
            return -1 if pa < pb else 1
        ra, rb = is_ready(a), is_ready(b)
        if ra != rb:
            return -1 if not ra else 1
        ca, cb = cost(a), cost(b)
        if ca != cb:
            return -1 if ca < cb else 1
        ka, kb = per_node.get(na, 0) if na else 0, per_node.get(nb, 0) if nb else 0
        if ka != kb:
            return -1 if ka > kb else 1
        if ra and rb:
            ta, tb = ready_time(a), ready_time(b)
            if ta != tb and ta is not None and tb is not None:
                diff = _log_rank(ta, now) - _log_rank(tb, now)
                if diff == 0:
                    return -1 if a["metadata"]["uid"] < b["metadata"]["uid"] else 1
                return -1 if diff < 0 else 1
        xa, xb = restarts(a), restarts(b)
        if xa != xb:
            return -1 if xa > xb else 1
        ta, tb = parse_timestamp(a["metadata"].get("creationTimestamp")), parse_timestamp(
            b["metadata"].get("creationTimestamp"))
        if ta != tb:
            diff = _log_rank(ta, now) - _log_rank(tb, now)
            if diff == 0:
                return -1 if a["metadata"]["uid"] < b["metadata"]["uid"] else 1
            return -1 if diff < 0 else 1
        return 0

    return sorted(pods, key=functools.cmp_to_key(less))
