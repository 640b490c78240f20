"""The node log collector (the Fluentd role in the classroom architecture).

Where a log-collector pod (label ``k8s-app=log-collector``) is Running, it reads the node's container
logs every 10 s and ships the new lines to the cluster's log store, so they outlive their pods
(``sim logs``). ``kubectl logs`` itself reads from the kubelet, as in reality, and only for pods that
still exist. Simplification: the collector is modelled as part of the node agent; its DaemonSet pod
only decides whether it runs on that node.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev

if TYPE_CHECKING:
    from .cluster import Cluster
    from .kubelet import PodRuntime

PERIOD = 10.0
LABEL = ("k8s-app", "log-collector")
MAX_LINES = 100_000


class LogCollector:
    def __init__(self, cluster: "Cluster") -> None:
        self.cluster = cluster
        #: (namespace, pod, container) -> lines shipped so far
        self.store: dict[tuple[str, str, str], list[str]] = {}
        self._offsets: dict[tuple[str, str, str, str], int] = {}
        self._timer = None
        cluster.api.watch("daemonsets", self.on_daemonset)

    def on_daemonset(self, verb: str, obj: dict, old: dict | None) -> None:
        labels = (obj["spec"].get("template") or {}).get("metadata", {}).get("labels") or {}
        if labels.get(LABEL[0]) == LABEL[1] and self._timer is None:
            self._timer = self.cluster.sim.schedule(PERIOD, self.tick)

    def _collector_nodes(self) -> set[str]:
        out = set()
        for pod in self.cluster.api.store.items("pods", "kube-system"):
            if (pod["metadata"].get("labels") or {}).get(LABEL[0]) == LABEL[1] and \
                    (pod.get("status") or {}).get("phase") == "Running" and pod["spec"].get("nodeName"):
                out.add(pod["spec"]["nodeName"])
        return out

    def tick(self) -> None:
        self._timer = self.cluster.sim.schedule(PERIOD, self.tick)
        nodes = self._collector_nodes()
        for name in sorted(nodes):
            kl = self.cluster.kubelets.get(name)
            if kl is None or kl.state != "running":
                continue
            for rt in list(kl.pods.values()):
                self.ship(name, rt)

    def ship(self, node: str, rt: "PodRuntime") -> None:
        for cname, lines in rt.logs.items():
            okey = (rt.uid, rt.key[0], rt.key[1], cname)
            start = self._offsets.get(okey, 0)
            if len(lines) <= start:
                continue
            new = lines[start:]
            self._offsets[okey] = len(lines)
            bucket = self.store.setdefault((rt.key[0], rt.key[1], cname), [])
            bucket.extend(new)
            del bucket[:-MAX_LINES]
            self.cluster.sim.emit(ev.LogsCollected, node=node, pod=rt.key[1], namespace=rt.key[0], container=cname,
                                  lines=len(new))
