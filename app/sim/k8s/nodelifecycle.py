"""Node lifecycle controller and NoExecute taint manager (sim-semantics §2.3).

Every ``--node-monitor-period`` (5 s) it compares each node's last Lease renewal with
``--node-monitor-grace-period`` (50 s, v1.32+). A silent node gets Ready=Unknown ("Kubelet stopped
posting node status."), the ``node.kubernetes.io/unreachable`` NoExecute and NoSchedule taints,
and its pods Ready=False. The taint manager then evicts each pod when its toleration of the
NoExecute taint runs out (300 s by default), so replacements are created elsewhere.
When the node is back, the taints go and pending evictions are cancelled.
Simplification: eviction rate limits (0.1 nodes/s, zone states) are not modelled.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .meta import parse_timestamp, set_condition, timestamp
from .podinfo import tolerates
from .podops import graceful_delete
from .store import DELETED

if TYPE_CHECKING:
    from .cluster import Cluster

MONITOR_PERIOD = 5.0
GRACE_PERIOD = 50.0
UNREACHABLE = "node.kubernetes.io/unreachable"
NOT_READY = "node.kubernetes.io/not-ready"
UNSCHEDULABLE = "node.kubernetes.io/unschedulable"


class NodeLifecycleController:
    def __init__(self, cluster: "Cluster") -> None:
        self.cluster, self.api, self.sim = cluster, cluster.api, cluster.sim
        self.last_renew: dict[str, float] = {}
        self.evictions: dict[tuple[str, str], object] = {}
        self.api.watch("leases", self.on_lease)
        self.api.watch("nodes", self.on_node)
        self.api.watch("pods", self.on_pod)
        self.sim.schedule(MONITOR_PERIOD, self.monitor)

    def on_lease(self, verb: str, obj: dict, old: dict | None) -> None:
        if verb != DELETED:
            self.last_renew[obj["metadata"]["name"]] = parse_timestamp(obj["spec"].get("renewTime"))
            node = self.api.get("nodes", "", obj["metadata"]["name"])
            if node is not None and self._ready(node) != "True":
                self._mark_ready(node)

    def on_node(self, verb: str, obj: dict, old: dict | None) -> None:
        name = obj["metadata"]["name"]
        if verb == DELETED:
            self.last_renew.pop(name, None)
            return
        self.last_renew.setdefault(name, self.sim.now)
        # TaintNodesByCondition for spec.unschedulable (cordon)
        unsched = bool(obj["spec"].get("unschedulable"))
        has = any(t.get("key") == UNSCHEDULABLE for t in obj["spec"].get("taints") or ())
        if unsched != has:
            self._set_taints(obj, add=[{"key": UNSCHEDULABLE, "effect": "NoSchedule"}] if unsched else [],
                             remove_keys=() if unsched else (UNSCHEDULABLE,))
        if old is not None and (old["spec"].get("taints") or []) != (obj["spec"].get("taints") or []):
            self._schedule_evictions(obj)

    def on_pod(self, verb: str, obj: dict, old: dict | None) -> None:
        meta = obj["metadata"]
        key = (meta["namespace"], meta["name"])
        if verb == DELETED or meta.get("deletionTimestamp"):
            timer = self.evictions.pop(key, None)
            if timer is not None:
                timer.cancel()

    @staticmethod
    def _ready(node: dict) -> str:
        for c in (node.get("status") or {}).get("conditions") or ():
            if c.get("type") == "Ready":
                return c.get("status", "Unknown")
        return "Unknown"

    # -- the monitor loop ---------------------------------------------------------------------------
    def monitor(self) -> None:
        self.sim.schedule(MONITOR_PERIOD, self.monitor)
        now = self.sim.now
        for name, renewed in list(self.last_renew.items()):
            if now - renewed <= GRACE_PERIOD:
                continue
            node = self.api.get("nodes", "", name)
            if node is None or self._ready(node) == "Unknown":
                continue
            self._mark_unknown(node)

    def _mark_unknown(self, node: dict) -> None:
        now = self.sim.now
        status = dict(node.get("status") or {})
        conds = status.get("conditions")
        msg = "Kubelet stopped posting node status."
        for t in ("Ready", "MemoryPressure", "DiskPressure", "PIDPressure"):
            conds = set_condition(conds, t, "Unknown", now, "NodeStatusUnknown", msg)
        status["conditions"] = conds
        new = dict(node, status=status)
        new["metadata"] = dict(node["metadata"])
        self.api.update("nodes", new, "controller")
        name = node["metadata"]["name"]
        self.sim.emit(ev.NodeConditionChanged, node=name, status="Unknown", reason="NodeStatusUnknown")
        self.api.event(node, "Normal", "NodeNotReady", f"Node {name} status is now: NodeNotReady", "node-controller")
        self._set_taints(new, add=[{"key": UNREACHABLE, "effect": "NoSchedule"},
                                   {"key": UNREACHABLE, "effect": "NoExecute", "timeAdded": timestamp(now)}])
        # pods on the node stop being Ready (so Services stop sending traffic there)
        for pod in self.cluster.pods_on_node(name):
            st = dict(pod.get("status") or {})
            if any(c.get("type") == "Ready" and c.get("status") == "True" for c in st.get("conditions") or ()):
                st["conditions"] = set_condition(st.get("conditions"), "Ready", "False", now)
                p = dict(pod, status=st)
                p["metadata"] = dict(pod["metadata"])
                self.api.update("pods", p, "controller")
                self.sim.emit(ev.PodReadyChanged, pod=pod["metadata"]["name"], namespace=pod["metadata"]["namespace"],
                              node=name, ready=False)

    def _mark_ready(self, node: dict) -> None:
        now = self.sim.now
        status = dict(node.get("status") or {})
        conds = status.get("conditions")
        conds = set_condition(conds, "Ready", "True", now, "KubeletReady", "kubelet is posting ready status",
                              heartbeat=True)
        for t in ("MemoryPressure", "DiskPressure", "PIDPressure"):
            conds = set_condition(conds, t, "False", now, f"KubeletHas{'Sufficient' if t != 'DiskPressure' else 'No'}"
                                  f"{'Memory' if t == 'MemoryPressure' else 'PID' if t == 'PIDPressure' else 'DiskPressure'}")
        status["conditions"] = conds
        new = dict(node, status=status)
        new["metadata"] = dict(node["metadata"])
        self.api.update("nodes", new, "kubelet")
        name = node["metadata"]["name"]
        self.sim.emit(ev.NodeConditionChanged, node=name, status="Ready", reason="KubeletReady")
        self.api.event(node, "Normal", "NodeReady", f"Node {name} status is now: NodeReady", "kubelet")
        self._set_taints(new, add=[], remove_keys=(UNREACHABLE, NOT_READY))

    def _set_taints(self, node: dict, add: list[dict], remove_keys: tuple[str, ...] = ()) -> None:
        node = self.api.get("nodes", "", node["metadata"]["name"]) or node
        taints = list(node["spec"].get("taints") or [])
        name = node["metadata"]["name"]
        removed = [t for t in taints if t.get("key") in remove_keys]
        taints = [t for t in taints if t.get("key") not in remove_keys]
        added = [t for t in add if not any(x.get("key") == t["key"] and x.get("effect") == t["effect"] for x in taints)]
        if not added and not removed:
            return
        taints += added
        spec = dict(node["spec"])
        if taints:
            spec["taints"] = taints
        else:
            spec.pop("taints", None)
        new = dict(node, spec=spec)
        new["metadata"] = dict(node["metadata"])
        self.api.update("nodes", new, "controller")
        for t in added:
            self.sim.emit(ev.TaintAdded, node=name, key=t["key"], effect=t["effect"], actor="controller")
        for t in removed:
            self.sim.emit(ev.TaintRemoved, node=name, key=t["key"], effect=t["effect"], actor="controller")

    # -- taint manager ------------------------------------------------------------------------------
    def _schedule_evictions(self, node: dict) -> None:
        name = node["metadata"]["name"]
        no_exec = [t for t in node["spec"].get("taints") or () if t.get("effect") == "NoExecute"]
        now = self.sim.now
        for pod in self.cluster.pods_on_node(name):
            meta = pod["metadata"]
            key = (meta["namespace"], meta["name"])
            if meta.get("deletionTimestamp"):
                continue
            timer = self.evictions.pop(key, None)
            if timer is not None:
                timer.cancel()
            if not no_exec:
                continue
            tols = pod["spec"].get("tolerations") or []
            wait: float | None = None  # None: tolerated forever
            for t in no_exec:
                matching = [x for x in tols if tolerates([x], t)]
                if not matching:
                    wait = 0.0
                    break
                secs = [x.get("tolerationSeconds") for x in matching]
                if any(s is None for s in secs):
                    continue
                added = parse_timestamp(t.get("timeAdded")) if t.get("timeAdded") else now
                w = max(0.0, added + max(0, min(secs)) - now)
                wait = w if wait is None else min(wait, w)
            if wait is None:
                continue
            self.evictions[key] = self.sim.schedule(wait, self.evict, key, name)

    def evict(self, key: tuple[str, str], node: str) -> None:
        self.evictions.pop(key, None)
        pod = self.api.get("pods", *key)
        if pod is None or pod["spec"].get("nodeName") != node or pod["metadata"].get("deletionTimestamp"):
            return
        self.api.event(pod, "Normal", "TaintManagerEviction", f"Marking for deletion Pod {key[0]}/{key[1]}",
                       "taint-eviction-controller")
        self.sim.emit(ev.PodEvicted, pod=key[1], namespace=key[0], node=node, reason="TaintManagerEviction")
        graceful_delete(self.api, pod, "controller")
