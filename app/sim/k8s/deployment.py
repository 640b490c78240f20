"""Deployment controller: ReplicaSets per template, rolling updates within maxSurge and
maxUnavailable (``ResolveFenceposts``: surge rounds up, unavailable down, both 0 -> 1), Recreate,
revisions (``deployment.kubernetes.io/revision``), history limit, pause (sim-semantics §2.2).

The step logic follows ``rolling.go``: scale the new ReplicaSet up first; only when that is not
possible scale old ones down (unhealthy pods first, then available ones above minAvailable).
Simplifications: the pod-template-hash is FNV-32a over canonical JSON (the real one hashes Go's
printed object, so the suffix differs from a real cluster's); a scaling event in the middle of a
rollout converges through the same steps instead of proportional scaling.
"""
from __future__ import annotations

import copy
import json
import math
from typing import TYPE_CHECKING

from . import events as ev
from .meta import fnv32a, owner_ref, safe_encode, set_condition, parse_timestamp
from .store import DELETED
from .workqueue import KeyedWorkQueue

if TYPE_CHECKING:
    from .cluster import Cluster

REVISION = "deployment.kubernetes.io/revision"
CHANGE_CAUSE = "kubernetes.io/change-cause"
HASH_LABEL = "pod-template-hash"


_hashes: dict[int, tuple[dict, str]] = {}


def template_hash(template: dict) -> str:
    """Stored templates are never mutated in place, so the hash is cached by object identity."""
    hit = _hashes.get(id(template))
    if hit is not None and hit[0] is template:
        return hit[1]
    data = json.dumps(template, sort_keys=True, separators=(",", ":")).encode()
    out = safe_encode(str(fnv32a(data)))
    if len(_hashes) > 10_000:
        _hashes.clear()
    _hashes[id(template)] = (template, out)
    return out


def resolve(value: object, total: int, round_up: bool) -> int:
    if isinstance(value, str) and value.endswith("%"):
        pct = int(value[:-1])
        x = pct * total / 100
        return int(math.ceil(x)) if round_up else int(math.floor(x))
    return int(value or 0)


_fenceposts: dict[tuple, tuple[int, int]] = {}


def fenceposts(d: dict) -> tuple[int, int]:
    """(maxSurge, maxUnavailable) in pods for the Deployment's replicas (a pure function of three
    values, remembered: every status sync asks)."""
    replicas = int(d["spec"].get("replicas", 1))
    ru = (d["spec"].get("strategy") or {}).get("rollingUpdate") or {}
    ms, mu = ru.get("maxSurge", "25%"), ru.get("maxUnavailable", "25%")
    key = (ms, type(ms), mu, type(mu), replicas)
    try:
        hit = _fenceposts.get(key)
    except TypeError:  # an unhashable value: compute (and let resolve report it)
        key, hit = None, None
    if hit is not None:
        return hit
    surge = resolve(ms, replicas, True)
    unavailable = resolve(mu, replicas, False)
    if surge == 0 and unavailable == 0:
        unavailable = 1
    if key is not None:
        if len(_fenceposts) > 10_000:
            _fenceposts.clear()
        _fenceposts[key] = (surge, unavailable)
    return surge, unavailable


class DeploymentController(KeyedWorkQueue):
    resource = "deployments"

    def __init__(self, cluster: "Cluster") -> None:
        self.cluster, self.api, self.sim = cluster, cluster.api, cluster.sim
        self._dirty: dict[tuple[str, str], None] = {}
        self._timer = None
        #: Deployment uid -> its ReplicaSets (namespace, name), kept from the ReplicaSet watch
        self._owned_index: dict[str, dict[tuple[str, str], None]] = {}
        self.api.watch("deployments", self.on_deployment)
        self.api.watch("replicasets", self.on_rs)

    def on_deployment(self, verb: str, obj: dict, old: dict | None) -> None:
        meta = obj["metadata"]
        if verb == DELETED:
            for rs in self._owned(obj):
                self.api.remove("replicasets", rs["metadata"]["namespace"], rs["metadata"]["name"], "controller")
            return
        self._mark((meta["namespace"], meta["name"]))

    def on_rs(self, verb: str, obj: dict, old: dict | None) -> None:
        for ref in obj["metadata"].get("ownerReferences") or ():
            if ref.get("controller") and ref.get("kind") == "Deployment":
                key = (obj["metadata"]["namespace"], obj["metadata"]["name"])
                owned = self._owned_index.setdefault(ref["uid"], {})
                if verb == DELETED:
                    owned.pop(key, None)
                else:
                    owned[key] = None
                self._mark((obj["metadata"]["namespace"], ref["name"]))

    def _owned(self, d: dict) -> list[dict]:
        uid = d["metadata"]["uid"]
        get = self.api.get
        out = []
        for k in self._owned_index.get(uid, ()):
            rs = get("replicasets", *k)
            if rs is None:
                continue
            for r in rs["metadata"].get("ownerReferences") or ():
                if r.get("uid") == uid and r.get("controller"):
                    out.append(rs)
                    break
        if len(out) > 1:
            out.sort(key=lambda rs: (parse_timestamp(rs["metadata"]["creationTimestamp"]), rs["metadata"]["name"]))
        return out

    # -- reconcile ---------------------------------------------------------------------------------
    def sync(self, d: dict) -> None:
        spec = d["spec"]
        all_rs = self._owned(d)
        h = template_hash(spec["template"])
        new = next((rs for rs in all_rs if rs["metadata"].get("labels", {}).get(HASH_LABEL) == h), None)
        old = [rs for rs in all_rs if rs is not new]
        revision = max((int(rs["metadata"].get("annotations", {}).get(REVISION, 0)) for rs in all_rs), default=0)
        replicas = int(spec.get("replicas", 1))
        if spec.get("paused"):
            if new is not None and len([r for r in old if r["spec"].get("replicas")]) == 0:
                self._scale(d, new, replicas)
            self._status(d, self._owned(d), new)
            return
        if new is None:
            new = self._create_rs(d, h, revision + 1, all_rs)
            all_rs = self._owned(d)
        elif int(new["metadata"].get("annotations", {}).get(REVISION, 0)) < revision and \
                any(r["spec"].get("replicas") for r in old):
            new = self._set_revision(new, revision + 1)  # rollback to an older template
        idle_old = all(not r["spec"].get("replicas") and not (r.get("status") or {}).get("replicas") for r in old)
        if new is not None and idle_old and int(new["spec"].get("replicas", 0)) == replicas and \
                len(old) <= int(spec.get("revisionHistoryLimit", 10)):
            self._status(d, all_rs, new)  # steady state: only the status can have changed
            return
        stype = (spec.get("strategy") or {}).get("type", "RollingUpdate")
        if stype == "Recreate":
            self._recreate(d, new, old, replicas)
        else:
            self._rolling(d, new, old, replicas)
        all_rs = self._owned(d)
        new = next((rs for rs in all_rs if rs["metadata"].get("labels", {}).get(HASH_LABEL) == h), None)
        self._cleanup(d, all_rs, new)
        self._status(d, self._owned(d), new)

    def _create_rs(self, d: dict, h: str, revision: int, all_rs: list[dict]) -> dict:
        meta = d["metadata"]
        tmpl = copy.deepcopy(d["spec"]["template"])
        tmpl["metadata"]["labels"] = dict(tmpl["metadata"].get("labels") or {}, **{HASH_LABEL: h})
        sel = copy.deepcopy(d["spec"]["selector"])
        sel["matchLabels"] = dict(sel.get("matchLabels") or {}, **{HASH_LABEL: h})
        ann = {REVISION: str(revision)}
        if (meta.get("annotations") or {}).get(CHANGE_CAUSE):
            ann[CHANGE_CAUSE] = meta["annotations"][CHANGE_CAUSE]
        stype = (d["spec"].get("strategy") or {}).get("type", "RollingUpdate")
        replicas = 0
        if stype != "Recreate":
            surge, _ = fenceposts(d)
            want = int(d["spec"].get("replicas", 1))
            current = sum(int(r["spec"].get("replicas", 0)) for r in all_rs)
            replicas = max(0, min(want + surge - current, want)) if all_rs else want
        rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
              "metadata": {"name": f"{meta['name']}-{h}", "namespace": meta["namespace"],
                           "labels": dict(tmpl["metadata"]["labels"]), "annotations": ann,
                           "ownerReferences": [owner_ref("Deployment", "apps/v1", d)]},
              "spec": {"replicas": replicas, "selector": sel, "template": tmpl,
                       "minReadySeconds": d["spec"].get("minReadySeconds", 0)},
              "status": {"replicas": 0}}
        self.api.create("replicasets", rs, "controller")
        # our own write is known at once (a real controller's cache gets it through expectations)
        self._owned_index.setdefault(d["metadata"]["uid"], {})[(meta["namespace"], rs["metadata"]["name"])] = None
        if replicas:
            self._scaled_event(d, rs, 0, replicas)
        return rs

    def _set_revision(self, rs: dict, revision: int) -> dict:
        new = dict(rs)
        new["metadata"] = dict(rs["metadata"], annotations=dict(rs["metadata"].get("annotations") or {},
                                                                **{REVISION: str(revision)}))
        return self.api.update("replicasets", new, "controller")

    def _scale(self, d: dict, rs: dict, n: int) -> dict:
        cur = int(rs["spec"].get("replicas", 0))
        if cur == n:
            return rs
        new = dict(rs, spec=dict(rs["spec"], replicas=n))
        new["metadata"] = dict(rs["metadata"])
        self.api.update("replicasets", new, "controller")
        self._scaled_event(d, rs, cur, n)
        return new

    def _scaled_event(self, d: dict, rs: dict, old: int, new: int) -> None:
        verb = "up" if new > old else "down"
        self.api.event(d, "Normal", "ScalingReplicaSet",
                       f"Scaled {verb} replica set {rs['metadata']['name']} from {old} to {new}", "deployment-controller")
        self.sim.emit(ev.ReplicaSetScaled, namespace=d["metadata"]["namespace"], deployment=d["metadata"]["name"],
                      replicaset=rs["metadata"]["name"], old_replicas=old, new_replicas=new)

    def _rolling(self, d: dict, new: dict, old: list[dict], replicas: int) -> None:
        surge, unavailable = fenceposts(d)
        all_rs = old + [new]
        new_n = int(new["spec"].get("replicas", 0))
        # reconcileNewReplicaSet
        if new_n > replicas:
            self._scale(d, new, replicas)
            return
        if new_n < replicas:
            current = sum(int(r["spec"].get("replicas", 0)) for r in all_rs)
            max_total = replicas + surge
            if current < max_total:
                up = min(max_total - current, replicas - new_n)
                self._scale(d, new, new_n + up)
                return
        # reconcileOldReplicaSets
        old_count = sum(int(r["spec"].get("replicas", 0)) for r in old)
        if old_count == 0:
            return
        all_count = sum(int(r["spec"].get("replicas", 0)) for r in all_rs)
        min_available = replicas - min(unavailable, replicas)
        new_unavailable = new_n - int((new.get("status") or {}).get("availableReplicas", 0))
        max_down = all_count - min_available - new_unavailable
        if max_down <= 0:
            return
        cleaned = 0
        scaled_old: list[dict] = []
        for rs in old:  # cleanupUnhealthyReplicas (oldest first)
            n = int(rs["spec"].get("replicas", 0))
            avail = int((rs.get("status") or {}).get("availableReplicas", 0))
            if n == 0 or avail >= n or cleaned >= max_down:
                scaled_old.append(rs)
                continue
            down = min(max_down - cleaned, n - avail)
            scaled_old.append(self._scale(d, rs, n - down))
            cleaned += down
        available = sum(int((r.get("status") or {}).get("availableReplicas", 0)) for r in scaled_old + [new])
        if available <= min_available:
            return
        total_down = available - min_available
        done = 0
        for rs in scaled_old:  # scaleDownOldReplicaSetsForRollingUpdate
            if done >= total_down:
                break
            n = int(rs["spec"].get("replicas", 0))
            if n == 0:
                continue
            down = min(n, total_down - done)
            self._scale(d, rs, n - down)
            done += down

    def _recreate(self, d: dict, new: dict, old: list[dict], replicas: int) -> None:
        active_old = [r for r in old if int(r["spec"].get("replicas", 0)) or int((r.get("status") or {}).get("replicas", 0))]
        if active_old:
            for rs in active_old:
                self._scale(d, rs, 0)
            return
        self._scale(d, new, replicas)

    def _cleanup(self, d: dict, all_rs: list[dict], new: dict | None) -> None:
        limit = int(d["spec"].get("revisionHistoryLimit", 10))
        idle = [r for r in all_rs if r is not new and int(r["spec"].get("replicas", 0)) == 0
                and int((r.get("status") or {}).get("replicas", 0)) == 0]
        idle.sort(key=lambda r: int(r["metadata"].get("annotations", {}).get(REVISION, 0)))
        for rs in idle[:max(0, len(idle) - limit)]:
            self.api.remove("replicasets", rs["metadata"]["namespace"], rs["metadata"]["name"], "controller")

    def _status(self, d: dict, all_rs: list[dict], new: dict | None) -> None:
        replicas = int(d["spec"].get("replicas", 1))
        total = ready = available = 0
        for r in all_rs:  # one pass over the ReplicaSets' status counts
            rst = r.get("status") or {}
            total += int(rst.get("replicas", 0))
            ready += int(rst.get("readyReplicas", 0))
            available += int(rst.get("availableReplicas", 0))
        updated = int((new.get("status") or {}).get("replicas", 0)) if new else 0
        _, unavailable = fenceposts(d)
        now = self.sim.now
        old = d.get("status") or {}
        conds = old.get("conditions")
        is_available = available >= replicas - min(unavailable, replicas)
        complete = new is not None and updated == replicas and available == replicas and total == replicas
        if conds is not None and len(conds) == 2 and \
                _unchanged(old, conds, d, total, updated, ready, available, replicas, is_available, complete):
            return  # the common case while pods come up one by one: nothing to write, nothing to build
        if is_available:
            conds = set_condition(conds, "Available", "True", now, "MinimumReplicasAvailable",
                                  "Deployment has minimum availability.")
        else:
            conds = set_condition(conds, "Available", "False", now, "MinimumReplicasUnavailable",
                                  "Deployment does not have minimum availability.")
        name = new["metadata"]["name"] if new else ""
        if complete:
            conds = set_condition(conds, "Progressing", "True", now, "NewReplicaSetAvailable",
                                  f'ReplicaSet "{name}" has successfully progressed.')
        else:
            conds = set_condition(conds, "Progressing", "True", now, "ReplicaSetUpdated",
                                  f'ReplicaSet "{name}" is progressing.')
        conds.sort(key=lambda c: c["type"] != "Progressing")
        status = {"observedGeneration": d["metadata"].get("generation", 1), "replicas": total,
                  "updatedReplicas": updated, "readyReplicas": ready, "availableReplicas": available,
                  "conditions": conds}
        if replicas - available > 0:
            status["unavailableReplicas"] = replicas - available
        simple = {k: v for k, v in status.items() if k != "conditions"}
        if all(old.get(k) == v for k, v in simple.items()) and len(old) == len(status) and \
                [(c["type"], c["status"], c.get("reason")) for c in old.get("conditions") or ()] == \
                [(c["type"], c["status"], c.get("reason")) for c in conds]:
            return
        out = dict(d, status=status)
        out["metadata"] = dict(d["metadata"])
        self.api.update("deployments", out, "controller")
        rev = int((new or {}).get("metadata", {}).get("annotations", {}).get(REVISION, 0)) if new else 0
        self.sim.emit(ev.RolloutProgress, namespace=d["metadata"]["namespace"], deployment=d["metadata"]["name"],
                      revision=rev, replicas=replicas, updated=updated, ready=ready, available=available,
                      complete=complete)


def _unchanged(old: dict, conds: list[dict], d: dict, total: int, updated: int, ready: int, available: int,
               replicas: int, is_available: bool, complete: bool) -> bool:
    """Whether ``_status`` would find nothing to write: the same numbers, and conditions that keep
    their (type, status, reason) in the order it writes them (Progressing, then Available)."""
    p, a = conds
    if (p.get("type"), p.get("status"), p.get("reason")) != \
            ("Progressing", "True", "NewReplicaSetAvailable" if complete else "ReplicaSetUpdated"):
        return False
    if (a.get("type"), a.get("status"), a.get("reason")) != \
            ("Available", *(("True", "MinimumReplicasAvailable") if is_available
                            else ("False", "MinimumReplicasUnavailable"))):
        return False
    missing = replicas - available
    if len(old) != (7 if missing > 0 else 6):
        return False
    return old.get("observedGeneration") == d["metadata"].get("generation", 1) and old.get("replicas") == total \
        and old.get("updatedReplicas") == updated and old.get("readyReplicas") == ready \
        and old.get("availableReplicas") == available \
        and (missing <= 0 or old.get("unavailableReplicas") == missing)
