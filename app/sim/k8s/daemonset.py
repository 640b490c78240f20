"""DaemonSet controller: one pod per eligible node (a node whose labels match the pod's
nodeSelector/affinity and whose NoSchedule/NoExecute taints the pod tolerates).

Pods are pinned with required node affinity on ``metadata.name`` and placed by the default
scheduler, as since v1.12. The controller adds the DaemonSet tolerations (not-ready and
unreachable NoExecute without a time limit, unschedulable, pressure conditions).
Node events are handled node by node, so a large cluster is not rescanned on every change.
Simplification: updates replace pods one node at a time (maxUnavailable 1), no ControllerRevisions.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from . import events as ev
from .deployment import template_hash
from .meta import owner_ref, random_suffix
from .podinfo import build_spec_info, tolerates
from .podops import graceful_delete, is_active, is_ready
from .store import DELETED

if TYPE_CHECKING:
    from .cluster import Cluster

HASH = "controller-revision-hash"
DS_TOLERATIONS = [
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"},
    {"key": "node.kubernetes.io/disk-pressure", "operator": "Exists", "effect": "NoSchedule"},
    {"key": "node.kubernetes.io/memory-pressure", "operator": "Exists", "effect": "NoSchedule"},
    {"key": "node.kubernetes.io/pid-pressure", "operator": "Exists", "effect": "NoSchedule"},
    {"key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"},
]


class DaemonSetController:
    def __init__(self, cluster: "Cluster") -> None:
        self.cluster, self.api, self.sim = cluster, cluster.api, cluster.sim
        #: ds uid -> node -> pod key
        self.placed: dict[str, dict[str, tuple[str, str]]] = {}
        self._dirty: dict[tuple[str, str], None] = {}
        self._dirty_nodes: dict[str, None] = {}
        self._timer = None
        self.api.watch("daemonsets", self.on_ds)
        self.api.watch("nodes", self.on_node)
        self.api.watch("pods", self.on_pod)

    def on_ds(self, verb: str, obj: dict, old: dict | None) -> None:
        if verb == DELETED:
            for key in sorted(self.placed.pop(obj["metadata"]["uid"], {}).values()):
                pod = self.api.get("pods", *key)
                if pod is not None:
                    graceful_delete(self.api, pod, "controller")
            return
        self.placed.setdefault(obj["metadata"]["uid"], {})
        self._mark((obj["metadata"]["namespace"], obj["metadata"]["name"]))

    def on_node(self, verb: str, obj: dict, old: dict | None) -> None:
        if not self.placed:
            return
        if old is not None and verb != DELETED and old["metadata"].get("labels") == obj["metadata"].get("labels") \
                and old["spec"].get("taints") == obj["spec"].get("taints"):
            return
        self._dirty_nodes[obj["metadata"]["name"]] = None
        self._schedule()

    def on_pod(self, verb: str, obj: dict, old: dict | None) -> None:
        refs = obj["metadata"].get("ownerReferences")
        if not refs or (refs[0].get("controller") and refs[0].get("kind") != "DaemonSet"):
            return  # most pods: no owner, or a ReplicaSet's (checked without a generator)
        ref = next((r for r in refs if r.get("controller")), None)
        if ref is None or ref.get("kind") != "DaemonSet":
            return
        placed = self.placed.get(ref["uid"])
        if placed is None:
            return
        key = (obj["metadata"]["namespace"], obj["metadata"]["name"])
        node = self._pinned_node(obj)
        if verb == DELETED or not is_active(obj):
            if placed.get(node) == key:
                del placed[node]
        else:
            placed[node] = key
        self._mark((obj["metadata"]["namespace"], ref["name"]))

    @staticmethod
    def _pinned_node(pod: dict) -> str:
        terms = (((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {})
                 .get("requiredDuringSchedulingIgnoredDuringExecution") or {}).get("nodeSelectorTerms") or []
        for t in terms:
            for f in t.get("matchFields") or ():
                if f.get("key") == "metadata.name" and f.get("values"):
                    return f["values"][0]
        return pod["spec"].get("nodeName") or ""

    def _mark(self, key: tuple[str, str]) -> None:
        self._dirty[key] = None
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is None:
            self._timer = self.sim.schedule(0.0, self.process)

    def process(self) -> None:
        self._timer = None
        dirty, self._dirty = self._dirty, {}
        nodes, self._dirty_nodes = self._dirty_nodes, {}
        for ds in list(self.api.store.items("daemonsets")):
            key = (ds["metadata"]["namespace"], ds["metadata"]["name"])
            if key in dirty:
                self.sync(ds, None)
            elif nodes:
                self.sync(ds, list(nodes))

    def eligible(self, ds: dict, node: dict) -> bool:
        spec = self._pod_spec(ds, node["metadata"]["name"])
        info = build_spec_info(spec)
        for t in node["spec"].get("taints") or ():
            if t.get("effect") in ("NoSchedule", "NoExecute") and not tolerates(info.tolerations, t):
                return False
        labels = node["metadata"].get("labels") or {}
        if any(labels.get(k) != str(v) for k, v in info.node_selector.items()):
            return False
        return True

    def _pod_spec(self, ds: dict, node: str) -> dict:
        spec = copy.deepcopy(ds["spec"]["template"]["spec"])
        tols = list(spec.get("tolerations") or [])
        for t in DS_TOLERATIONS:
            if not any(x.get("key") == t["key"] and x.get("effect") == t["effect"] for x in tols):
                tols.append(dict(t))
        spec["tolerations"] = tols
        aff = dict(spec.get("affinity") or {})
        aff["nodeAffinity"] = {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}]}}
        spec["affinity"] = aff
        return spec

    def sync(self, ds: dict, only_nodes: list[str] | None) -> None:
        uid = ds["metadata"]["uid"]
        placed = self.placed.setdefault(uid, {})
        h = template_hash(ds["spec"]["template"])
        names = only_nodes if only_nodes is not None else [n["metadata"]["name"] for n in self.api.store.items("nodes")]
        for name in names:
            node = self.api.get("nodes", "", name)
            have = placed.get(name)
            want = node is not None and self.eligible(ds, node)
            if want and have is None:
                self._create(ds, name, h)
            elif not want and have is not None:
                pod = self.api.get("pods", *have)
                if pod is not None:
                    graceful_delete(self.api, pod, "controller")
        if only_nodes is None:
            self._roll(ds, h)
        self._status(ds, h)

    def _create(self, ds: dict, node: str, h: str) -> None:
        meta = ds["metadata"]
        tmpl = ds["spec"]["template"]
        spec = self.cluster.admit_pod_spec(self._pod_spec(ds, node))
        name = f"{meta['name']}-{random_suffix(self.sim.rng)}"
        labels = dict(tmpl["metadata"].get("labels") or {}, **{HASH: h})
        pod = {"apiVersion": "v1", "kind": "Pod",
               "metadata": {"name": name, "generateName": meta["name"] + "-", "namespace": meta["namespace"],
                            "labels": labels, "ownerReferences": [owner_ref("DaemonSet", "apps/v1", ds)]},
               "spec": spec, "status": {"phase": "Pending", "qosClass": self.cluster.qos(spec)}}
        self.api.create("pods", pod, "controller")
        self.placed[meta["uid"]][node] = (meta["namespace"], name)
        self.api.event(ds, "Normal", "SuccessfulCreate", f"Created pod: {name}", "daemonset-controller")
        self.sim.emit(ev.ControllerCreatedPod, namespace=meta["namespace"], owner_kind="DaemonSet", owner=meta["name"],
                      pod=name)

    def _roll(self, ds: dict, h: str) -> None:
        pods = [self.api.get("pods", *k) for k in self.placed[ds["metadata"]["uid"]].values()]
        pods = [p for p in pods if p is not None]
        unavailable = sum(1 for p in pods if not is_ready(p))
        for p in sorted(pods, key=lambda p: p["metadata"]["name"]):
            if unavailable >= 1:
                break
            if (p["metadata"].get("labels") or {}).get(HASH) != h:
                graceful_delete(self.api, p, "controller")
                unavailable += 1

    def _status(self, ds: dict, h: str) -> None:
        pods = [self.api.get("pods", *k) for k in self.placed[ds["metadata"]["uid"]].values()]
        pods = [p for p in pods if p is not None]
        desired = sum(1 for n in self.api.store.items("nodes") if self.eligible(ds, n)) if len(pods) < 200 else len(pods)
        ready = sum(1 for p in pods if is_ready(p))
        status = {"currentNumberScheduled": len(pods), "desiredNumberScheduled": desired, "numberMisscheduled": 0,
                  "numberReady": ready, "numberAvailable": ready,
                  "updatedNumberScheduled": sum(1 for p in pods if (p["metadata"].get("labels") or {}).get(HASH) == h),
                  "observedGeneration": ds["metadata"].get("generation", 1)}
        if desired - ready > 0:
            status["numberUnavailable"] = desired - ready
        if ds.get("status") == status:
            return
        new = dict(ds, status=status)
        new["metadata"] = dict(ds["metadata"])
        self.api.update("daemonsets", new, "controller")

