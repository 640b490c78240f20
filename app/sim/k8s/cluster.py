"""The Kubernetes cluster: API server (+ store), scheduler, controller manager, and per-node
agents (kubelet, kube-proxy), cluster DNS and a log collector, all talking through the API server.

This class also holds the read-only API the scenes, quiz generators and lessons use
(``nodes()``, ``pods()``, ``deployments()``, ``services()``, ``scheduling_breakdown()``...).
"""
from __future__ import annotations

import copy
from typing import Any

from ..core import Simulation
from . import admission, events as ev
from .apiserver import APIServer, APIError
from .daemonset import DaemonSetController
from .deployment import DeploymentController
from .images import normalize_image
from .kubelet import Kubelet, PodRuntime
from .meta import timestamp, set_condition
from .networking import EndpointSliceController, KubeProxy
from .logcollector import LogCollector
from .nodelifecycle import NodeLifecycleController
from .replicaset import ReplicaSetController
from .scheduler import Scheduler
from .view import ClusterView

KUBELET_VERSION = "v1.32.0"
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")


class Cluster(ClusterView):
    def __init__(self, sim: Simulation, images: Any) -> None:
        self.sim = sim
        self.docker = images
        self.api = APIServer(sim)
        self.default_bandwidth = 25 * 1024 * 1024  # bytes/s per node
        self.kubelets: dict[str, Kubelet] = {}
        self.pull_faults: dict[tuple[str, str], str] = {}
        self._next_ip = 10
        self._next_node_port = 30000
        self.proxy = KubeProxy(self)
        #: pods that are not (Running, Ready, not terminating): "sim run-until all-running" in O(1)
        self.not_running: set[tuple[str, str]] = set()
        self.api.watch("pods", self._track_running)
        self.scheduler = Scheduler(self.api)
        self.replicaset_controller = ReplicaSetController(self)
        self.deployment_controller = DeploymentController(self)
        self.daemonset_controller = DaemonSetController(self)
        self.nodelifecycle_controller = NodeLifecycleController(self)
        self.endpointslice_controller = EndpointSliceController(self)
        self.log_collector = LogCollector(self)
        for ns in SYSTEM_NAMESPACES:
            self.api.create("namespaces", admission.apply_defaults("Namespace", {"metadata": {"name": ns}}), "sim")
        self.api.create("services", {"apiVersion": "v1", "kind": "Service",
                                     "metadata": {"name": "kubernetes", "namespace": "default",
                                                  "labels": {"component": "apiserver", "provider": "kubernetes"}},
                                     "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
                                              "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                                                         "targetPort": 6443}], "sessionAffinity": "None"},
                                     "status": {"loadBalancer": {}}}, "sim")
        self.sim.run_until(self.sim.now)

    # -- addresses ---------------------------------------------------------------------------------
    @staticmethod
    def pod_cidr_prefix(index: int) -> str:
        """Node i gets 10.244.i.0/24 (after 256 nodes: 172.16+.x.0/24, to stay unique at 5,000)."""
        if index < 256:
            return f"10.244.{index}"
        j = index - 256
        return f"172.{16 + j // 256}.{j % 256}"

    @staticmethod
    def node_ip(index: int) -> str:
        return f"192.168.{index // 250}.{10 + index % 250}"

    def allocate_cluster_ip(self) -> str:
        while True:
            self._next_ip += 1
            ip = f"10.96.{self._next_ip // 256}.{self._next_ip % 256}"
            if not any(s["spec"].get("clusterIP") == ip for s in self.api.store.items("services")):
                return ip

    def allocate_node_port(self) -> int:
        used = {p.get("nodePort") for s in self.api.store.items("services") for p in s["spec"].get("ports") or ()}
        while self._next_node_port in used:
            self._next_node_port += 1
        port = self._next_node_port
        self._next_node_port += 1
        return port

    # -- nodes -------------------------------------------------------------------------------------
    def add_node(self, name: str, cpu: str = "4", memory: str = "8Gi", pods: int = 110,
                 labels: dict | None = None, taints: list | None = None, actor: str = "sim",
                 manifest: dict | None = None) -> dict:
        """Register a node (as a kubelet does) with its Lease, and start its kubelet."""
        if self.api.get("nodes", "", name) is not None:
            raise APIError(f'Error from server (AlreadyExists): nodes "{name}" already exists', "AlreadyExists")
        index = len(self.kubelets)
        now = self.sim.now
        base_labels = {"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"}
        obj = copy.deepcopy(manifest) if manifest else {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}}
        for part in ("metadata", "spec", "status"):
            if not isinstance(obj.get(part), dict):
                obj[part] = {}
        meta = obj["metadata"]
        meta["labels"] = {**base_labels, **(meta.get("labels") or {}), **(labels or {})}
        spec = obj.setdefault("spec", {})
        spec["podCIDR"] = f"{self.pod_cidr_prefix(index)}.0/24"
        spec["podCIDRs"] = [spec["podCIDR"]]
        if taints:
            spec["taints"] = list(spec.get("taints") or []) + taints
        status = obj.setdefault("status", {})
        cap = status.get("capacity") or {"cpu": cpu, "memory": memory, "pods": str(pods),
                                          "ephemeral-storage": "100Gi"}
        status["capacity"] = {k: str(v) for k, v in cap.items()}
        status["allocatable"] = {k: str(v) for k, v in (status.get("allocatable") or cap).items()}
        conds = None
        for t, reason, msg in (("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                               ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                               ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available")):
            conds = set_condition(conds, t, "False", now, reason, msg, heartbeat=True)
        conds = set_condition(conds, "Ready", "True", now, "KubeletReady", "kubelet is posting ready status",
                              heartbeat=True)
        status["conditions"] = conds
        status["addresses"] = [{"type": "InternalIP", "address": self.node_ip(index)},
                               {"type": "Hostname", "address": name}]
        status["nodeInfo"] = {"architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.24",
                              "kernelVersion": "6.8.0-1015-generic", "kubeletVersion": KUBELET_VERSION,
                              "operatingSystem": "linux", "osImage": "Ubuntu 24.04.1 LTS"}
        status.setdefault("images", [])
        ensure = getattr(self.docker, "ensure_host", None) or getattr(self.docker, "add_host", None)
        if ensure is not None:
            try:
                ensure(name)
            except Exception:  # noqa: BLE001 - the host may already exist
                pass
        self._preload_images(name, status.get("images") or [])
        self.api.create("nodes", obj, actor)
        self.api.create("leases", {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                                   "metadata": {"name": name, "namespace": "kube-node-lease"},
                                   "spec": {"holderIdentity": name, "leaseDurationSeconds": 40,
                                            "renewTime": timestamp(now)}}, "kubelet")
        self.kubelets[name] = Kubelet(self, name, index)
        self.api.event(obj, "Normal", "Starting", "Starting kubelet.", "kubelet", name)
        self.api.event(obj, "Normal", "NodeReady", f"Node {name} status is now: NodeReady", "kubelet", name)
        self.api.event(obj, "Normal", "RegisteredNode", f"Node {name} event: Registered Node {name} in Controller",
                       "node-controller")
        self.sim.emit(ev.NodeConditionChanged, node=name, status="Ready", reason="KubeletReady")
        return obj

    def _preload_images(self, node: str, images: list) -> None:
        """Images a Node manifest lists in status.images are put in that host's content store, so the
        kubelet finds them (ImageLocality lessons start from pre-pulled nodes). Unknown names are skipped."""
        for img in images:
            for ref in img.get("names") or ():
                if "@" in ref:
                    continue
                try:
                    self.docker.commit_pull(node, self.docker.plan_pull(node, ref))
                except Exception:  # noqa: BLE001 - a name the registries do not know stays listed only
                    continue
                break

    def remove_node(self, name: str) -> None:
        """``kubectl delete node``: the object goes; the pod GC removes pods bound to it."""
        self.api.remove("nodes", "", name, "kubectl")
        kl = self.kubelets.get(name)
        if kl is not None:
            kl.stop()
            kl.state = "removed"
            self.api.store.unwatch_node_pods(name)
        if self.api.get("leases", "kube-node-lease", name) is not None:
            self.api.remove("leases", "kube-node-lease", name, "controller")
        for pod in [p for p in self.api.store.items("pods") if p["spec"].get("nodeName") == name]:
            self.api.remove("pods", pod["metadata"]["namespace"], pod["metadata"]["name"], "controller")

    def delete_namespace(self, name: str) -> None:
        """Delete a namespace and everything in it (simplification: no Terminating phase)."""
        for resource in ("deployments", "daemonsets", "replicasets", "services", "endpointslices", "configmaps",
                         "pods"):
            for obj in list(self.api.store.items(resource, name)):
                self.api.remove(resource, name, obj["metadata"]["name"], "controller")
        self.api.remove("namespaces", "", name, "kubectl")

    def renew_lease(self, node: str) -> None:
        lease = self.api.get("leases", "kube-node-lease", node)
        if lease is None:
            return
        new = dict(lease, spec=dict(lease["spec"], renewTime=timestamp(self.sim.now)))
        new["metadata"] = dict(lease["metadata"])
        self.api.update("leases", new, "kubelet")

    def report_node_status(self, node: str) -> None:
        """The kubelet re-posts its node conditions (new lastHeartbeatTime) every 5 minutes."""
        obj = self.api.get("nodes", "", node)
        if obj is None:
            return
        status = dict(obj.get("status") or {})
        conds = status.get("conditions") or []
        now = self.sim.now
        for c in list(conds):
            if c.get("status") != "Unknown":
                conds = set_condition(conds, c["type"], c["status"], now, c.get("reason", ""), c.get("message", ""),
                                      heartbeat=True)
        status["conditions"] = conds
        new = dict(obj, status=status)
        new["metadata"] = dict(obj["metadata"])
        self.api.update("nodes", new, "kubelet")

    def record_node_image(self, node: str, image: str, size: int) -> None:
        obj = self.api.get("nodes", "", node)
        if obj is None:
            return
        full = normalize_image(image)
        images = list((obj.get("status") or {}).get("images") or [])
        for img in images:
            if full in img.get("names", ()):
                return
        names = [full] if image == full else [full, image]
        images.insert(0, {"names": names, "sizeBytes": int(size)})
        new = dict(obj, status=dict(obj["status"], images=images))
        new["metadata"] = dict(obj["metadata"])
        self.api.update("nodes", new, "kubelet")

    def pods_on_node(self, node: str) -> list[dict]:
        ns = self.scheduler.cache.nodes.get(node)
        keys = sorted(ns.pods) if ns is not None else []
        out = [self.api.get("pods", *k) for k in keys]
        extra = [p for p in self.api.store.items("pods") if p["spec"].get("nodeName") == node] if ns is None else []
        return [p for p in out if p is not None and p["spec"].get("nodeName") == node] + extra

    # -- pods from templates -------------------------------------------------------------------------
    def admit_pod_spec(self, spec: dict) -> dict:
        """The admission chain for a pod a controller creates: tolerations, priority."""
        spec = admission.add_default_tolerations(spec)
        spec.setdefault("serviceAccountName", "default")
        spec.setdefault("preemptionPolicy", "PreemptLowerPriority")
        try:
            spec["priority"] = self.resolve_priority(dict(spec, priority=None))
        except APIError:
            # simplification: a real ReplicaSet would fail to create the pod (FailedCreate) until the
            # PriorityClass exists again; here the pod gets priority 0
            spec["priority"] = 0
        return spec

    def resolve_priority(self, spec: dict, pod_name: str = "") -> int:
        """The Priority admission plugin: value of priorityClassName, else of the globalDefault class, else 0."""
        name = spec.get("priorityClassName")
        if not name:
            default = next((pc for pc in self.api.store.items("priorityclasses") if pc.get("globalDefault")), None)
            value = int(default.get("value", 0)) if default else 0
        elif name in ("system-cluster-critical", "system-node-critical"):
            value = 2000000000 if name == "system-cluster-critical" else 2000001000
        else:
            pc = self.api.get("priorityclasses", "", name)
            if pc is None:
                raise APIError(f'Error from server (Forbidden): pods "{pod_name}" is forbidden: no PriorityClass with '
                               f"name {name} was found", "Forbidden")
            value = int(pc.get("value", 0))
        given = spec.get("priority")
        if given is not None and given != value:
            raise APIError(f'Error from server (Forbidden): pods "{pod_name}" is forbidden: the integer value of '
                           f"priority ({given}) must not be provided in pod spec; priority admission controller "
                           f"computed {value} from the given PriorityClass name", "Forbidden")
        return value

    @staticmethod
    def qos(spec: dict) -> str:
        return admission.qos_class(spec)

    # -- faults ------------------------------------------------------------------------------------
    def pull_fault(self, node: str, image: str) -> str:
        for key in ((node, image), ("*", image), (node, "*"), ("*", "*")):
            if key in self.pull_faults:
                return self.pull_faults[key]
        return ""

    def stop_node(self, name: str) -> None:
        self.kubelets[name].stop()
        self.proxy.freeze(name)
        self.sim.emit(ev.NodeFault, node=name, fault="stopped", detail="machine powered off")

    def cut_off_node(self, name: str) -> None:
        self.kubelets[name].cut_off()
        self.proxy.freeze(name)
        self.sim.emit(ev.NodeFault, node=name, fault="cut-off", detail="network partition from the API server")

    def bring_back_node(self, name: str) -> None:
        self.proxy.thaw(name)
        self.sim.emit(ev.NodeFault, node=name, fault="back", detail="")
        self.kubelets[name].bring_back()

    # -- logs --------------------------------------------------------------------------------------
    def collect_logs(self, node: str, rt: PodRuntime) -> None:
        """A pod's containers are going away: the node's log collector (if it runs there) ships the rest."""
        if node in self.log_collector._collector_nodes():
            self.log_collector.ship(node, rt)

    def container_logs(self, namespace: str, pod: str, container: str | None = None) -> list[str] | None:
        """What ``kubectl logs`` shows: the kubelet's copy of the container's output (None: no such pod)."""
        obj = self.api.get("pods", namespace, pod)
        if obj is None:
            return None
        kl = self.kubelets.get(obj["spec"].get("nodeName") or "")
        rt = kl.pods.get((namespace, pod)) if kl else None
        cname = container or obj["spec"]["containers"][0]["name"]
        if rt is not None and cname in rt.logs:
            return list(rt.logs[cname])
        return []
