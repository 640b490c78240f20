"""Services on the wire: the EndpointSlice controller, kube-proxy's rules, cluster DNS.

* EndpointSlice controller (sim-semantics §2.5): one or more slices per Service with a selector,
  at most 100 endpoints each; ``ready`` mirrors the pod's Ready condition and is false while
  terminating.
* kube-proxy: every node follows the current rules while it can reach the API server; a node
  that is cut off keeps the rules it last had (stale endpoints), as a real one does.
  Traffic picks ready endpoints round-robin (deterministic stand-in for iptables' random pick).
* Cluster DNS answers ``<service>.<namespace>.svc.cluster.local`` with the ClusterIP.
  Simplification: DNS is a component, not CoreDNS pods.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .labels import matches, from_match_labels
from .meta import random_suffix
from .podops import is_ready
from .store import DELETED
from .workqueue import KeyedWorkQueue

if TYPE_CHECKING:
    from .cluster import Cluster

MAX_ENDPOINTS_PER_SLICE = 100
ANNOUNCE_LIMIT = 100
SERVICE_NAME = "kubernetes.io/service-name"
MANAGED_BY = "endpointslice.kubernetes.io/managed-by"


class EndpointSliceController(KeyedWorkQueue):
    resource = "services"

    def __init__(self, cluster: "Cluster") -> None:
        self.cluster, self.api, self.sim = cluster, cluster.api, cluster.sim
        self._dirty: dict[tuple[str, str], None] = {}
        self._timer = None
        self._last: dict[tuple[str, str], tuple] = {}
        self.api.watch("services", self.on_service)
        self.api.watch("pods", self.on_pod)

    def on_service(self, verb: str, obj: dict, old: dict | None) -> None:
        key = (obj["metadata"]["namespace"], obj["metadata"]["name"])
        if verb == DELETED:
            for s in self._slices(key):
                self.api.remove("endpointslices", key[0], s["metadata"]["name"], "controller")
            self._last.pop(key, None)
            self.cluster.proxy.invalidate()
            return
        self._mark(key)
        self.cluster.proxy.invalidate()

    def on_pod(self, verb: str, obj: dict, old: dict | None) -> None:
        ns = obj["metadata"]["namespace"]
        labels = obj["metadata"].get("labels") or {}
        old_labels = (old or {}).get("metadata", {}).get("labels") or {}
        for svc in self.api.store.items("services", ns):
            sel = svc["spec"].get("selector")
            if not sel:
                continue
            compiled = from_match_labels(sel)
            if matches(compiled, labels) or (old is not None and matches(compiled, old_labels)):
                self._mark((ns, svc["metadata"]["name"]))

    def wants(self, svc: dict) -> bool:
        return bool(svc["spec"].get("selector"))  # a Service without a selector has hand-made endpoints

    def _slices(self, key: tuple[str, str]) -> list[dict]:
        out = [s for s in self.api.store.items("endpointslices", key[0])
               if (s["metadata"].get("labels") or {}).get(SERVICE_NAME) == key[1]]
        return sorted(out, key=lambda s: s["metadata"]["name"])

    def sync(self, svc: dict) -> None:
        ns, name = svc["metadata"]["namespace"], svc["metadata"]["name"]
        sel = from_match_labels(svc["spec"]["selector"])
        endpoints = []
        for pod in sorted(self.api.store.items("pods", ns), key=lambda p: p["metadata"]["name"]):
            if not matches(sel, pod["metadata"].get("labels")):
                continue
            ip = (pod.get("status") or {}).get("podIP")
            if not ip or (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
                continue
            terminating = bool(pod["metadata"].get("deletionTimestamp"))
            ready = is_ready(pod) and not terminating
            endpoints.append({"addresses": [ip],
                              "conditions": {"ready": ready, "serving": is_ready(pod), "terminating": terminating},
                              "nodeName": pod["spec"].get("nodeName"),
                              "targetRef": {"kind": "Pod", "name": pod["metadata"]["name"], "namespace": ns,
                                            "uid": pod["metadata"]["uid"]}})
        ports = [{"name": p.get("name", ""), "port": p.get("targetPort", p.get("port")), "protocol": p.get("protocol", "TCP")}
                 for p in svc["spec"].get("ports") or ()]
        chunks = [endpoints[i:i + MAX_ENDPOINTS_PER_SLICE] for i in range(0, len(endpoints), MAX_ENDPOINTS_PER_SLICE)] or [[]]
        existing = self._slices((ns, name))
        for i, chunk in enumerate(chunks):
            if i < len(existing):
                cur = existing[i]
                if cur.get("endpoints") == chunk and cur.get("ports") == ports:
                    continue
                new = dict(cur, endpoints=chunk, ports=ports)
                new["metadata"] = dict(cur["metadata"])
                self.api.update("endpointslices", new, "controller")
            else:
                slice_ = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
                          "metadata": {"name": f"{name}-{random_suffix(self.sim.rng)}", "namespace": ns,
                                       "labels": {SERVICE_NAME: name, MANAGED_BY: "endpointslice-controller.k8s.io"},
                                       "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": name,
                                                            "uid": svc["metadata"]["uid"], "controller": True,
                                                            "blockOwnerDeletion": True}]},
                          "addressType": "IPv4", "endpoints": chunk, "ports": ports}
                self.api.create("endpointslices", slice_, "controller")
        for extra in existing[len(chunks):]:
            self.api.remove("endpointslices", ns, extra["metadata"]["name"], "controller")
        ready_ips = tuple(e["addresses"][0] for e in endpoints if e["conditions"]["ready"])
        summary = (ready_ips, len(endpoints))
        if self._last.get((ns, name)) != summary:
            self._last[(ns, name)] = summary
            self.sim.emit(ev.EndpointsChanged, namespace=ns, service=name, ready=len(ready_ips),
                          not_ready=len(endpoints) - len(ready_ips), addresses=",".join(ready_ips))
            self.cluster.proxy.invalidate()
            self.cluster.proxy.announce()


class ProxyTable:
    """kube-proxy's rules: service -> (cluster IP, ports, ready endpoints)."""

    def __init__(self, services: dict[tuple[str, str], dict]) -> None:
        self.services = services


class KubeProxy:
    """All nodes' kube-proxies: connected nodes follow the current table, cut-off ones keep theirs."""

    def __init__(self, cluster: "Cluster") -> None:
        self.cluster = cluster
        self._current: ProxyTable | None = None
        self.frozen: dict[str, ProxyTable] = {}
        self._rr: dict[tuple[str, str], int] = {}

    def invalidate(self) -> None:
        self._current = None

    def announce(self) -> None:
        """Every reachable node's kube-proxy picks up the new rules (ProxyRulesSynced per node).

        Only announced for clusters of up to ANNOUNCE_LIMIT nodes, where a scene can show it."""
        kubelets = self.cluster.kubelets
        if len(kubelets) > ANNOUNCE_LIMIT:
            return
        table = self.current()
        endpoints = sum(len(s["endpoints"]) for s in table.services.values())
        for name, kl in kubelets.items():
            if kl.state == "running" and name not in self.frozen:
                self.cluster.sim.emit(ev.ProxyRulesSynced, node=name, services=len(table.services),
                                      endpoints=endpoints)

    def current(self) -> ProxyTable:
        if self._current is None:
            api = self.cluster.api
            services: dict[tuple[str, str], dict] = {}
            for svc in api.store.items("services"):
                ns, name = svc["metadata"]["namespace"], svc["metadata"]["name"]
                eps = []
                for s in api.store.items("endpointslices", ns):
                    if (s["metadata"].get("labels") or {}).get(SERVICE_NAME) != name:
                        continue
                    for e in s.get("endpoints") or ():
                        if e["conditions"].get("ready"):
                            eps.append((e["addresses"][0], e["targetRef"]["name"], e.get("nodeName") or ""))
                services[(ns, name)] = {"clusterIP": svc["spec"].get("clusterIP"), "ports": svc["spec"].get("ports"),
                                        "endpoints": sorted(eps)}
            self._current = ProxyTable(services)
        return self._current

    def table_for(self, node: str) -> ProxyTable:
        return self.frozen.get(node) or self.current()

    def freeze(self, node: str) -> None:
        self.frozen[node] = self.current()

    def thaw(self, node: str) -> None:
        self.frozen.pop(node, None)

    def route(self, node: str, ns: str, name: str) -> tuple[str, str, str] | None:
        """Pick the next ready endpoint for a request from ``node`` (round-robin)."""
        table = self.table_for(node)
        entry = table.services.get((ns, name))
        if not entry or not entry["endpoints"]:
            return None
        i = self._rr.get((ns, name), 0)
        self._rr[(ns, name)] = i + 1
        return entry["endpoints"][i % len(entry["endpoints"])]


def resolve_dns(cluster: "Cluster", name: str, search_ns: str = "default") -> tuple[str, str, str] | None:
    """(namespace, service, clusterIP) for ``svc``, ``svc.ns``, ``svc.ns.svc``, ``svc.ns.svc.cluster.local``."""
    n = name.rstrip(".")
    if n.endswith(".svc.cluster.local"):
        n = n[: -len(".svc.cluster.local")]
    elif n.endswith(".svc"):
        n = n[: -len(".svc")]
    parts = n.split(".")
    if len(parts) == 1:
        svc_name, ns = parts[0], search_ns
    elif len(parts) == 2:
        svc_name, ns = parts
    else:
        return None
    svc = cluster.api.get("services", ns, svc_name)
    if svc is None:
        return None
    return ns, svc_name, str(svc["spec"].get("clusterIP"))
