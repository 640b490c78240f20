"""Ready-made clusters.

* ``classroom``: three worker nodes (node-1..3: 2 CPU, 4 GiB, 110 pods each) and the node
  log collector as a DaemonSet in kube-system (image busybox:1.36: the Docker catalog has no
  Fluentd image, so a small stand-in plays the collector's part).
* ``large N``: N identical nodes (4 CPU, 16 GiB, 110 pods) spread over three zones; no add-ons,
  so a benchmark measures only the workload.
The control plane is not a node here (as on managed clusters): its components are shown by the
architecture scene, not scheduled as pods.
"""
from __future__ import annotations

from typing import Any

from . import admission

LOG_COLLECTOR = {
    "apiVersion": "apps/v1", "kind": "DaemonSet",
    "metadata": {"name": "log-collector", "namespace": "kube-system", "labels": {"k8s-app": "log-collector"}},
    "spec": {"selector": {"matchLabels": {"k8s-app": "log-collector"}},
             "template": {"metadata": {"labels": {"k8s-app": "log-collector"}},
                          "spec": {"priorityClassName": "system-node-critical",
                                   "tolerations": [{"operator": "Exists", "effect": "NoSchedule"}],
                                   "containers": [{"name": "collector", "image": "busybox:1.36",
                                                   "resources": {"requests": {"cpu": "50m", "memory": "64Mi"},
                                                                 "limits": {"memory": "128Mi"}}}]}}},
}


def classroom(cluster: Any) -> list[str]:
    names = []
    for i in range(1, 4):
        name = f"node-{i}"
        cluster.add_node(name, cpu="2", memory="4Gi", pods=110)
        names.append(name)
    admission.validate("DaemonSet", LOG_COLLECTOR)
    ds = admission.apply_defaults("DaemonSet", LOG_COLLECTOR)
    cluster.api.create("daemonsets", ds, "sim")
    return names


def large(cluster: Any, n: int, cpu: str = "4", memory: str = "16Gi", pods: int = 110) -> list[str]:
    names = []
    width = max(2, len(str(n)))
    for i in range(1, n + 1):
        name = f"node-{i:0{width}d}"
        cluster.add_node(name, cpu=cpu, memory=memory, pods=pods,
                         labels={"topology.kubernetes.io/zone": f"zone-{'abc'[i % 3]}"})
        names.append(name)
    return names
