"""The kubelet of one node: watches the pods bound to it, pulls images (serially, as
``serializeImagePulls: true``), starts containers, restarts them with the CrashLoopBackOff
back-off (0, 10, 20 ... 300 s; reset after 10 min running), reports pod status and renews the
node Lease every 10 s. Event texts follow ``pkg/kubelet/images/image_manager.go``.

Faults: ``stop`` (machine off: containers gone, no heartbeats), ``cut off`` (network partition:
containers keep running but nothing reaches the API server), ``back``.
Simplifications: probes pass unless ``sim probe-fail`` says otherwise (nothing is requested; readiness
turns Ready after initialDelaySeconds); init containers are pulled but not run as a separate phase.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from . import events as ev
from .admission import default_pull_policy
from .kubelet_faults import BACKOFF_BASE, BACKOFF_MAX, KubeletFaults  # image pulls back off the same way
from .kubelet_status import write_status
from .imagesvc import PullError, go_duration, has_image, image_id, plan_pull, startup_logs
from .podops import is_active
from .store import DELETED

if TYPE_CHECKING:
    from .cluster import Cluster

START_SECONDS = 0.5         # sandbox + container create/start
STOP_SECONDS = 0.5          # SIGTERM to exit for a well-behaved container
HEARTBEAT_SECONDS = 10.0    # nodeLeaseRenewInterval / nodeStatusUpdateFrequency
STATUS_REPORT_SECONDS = 300.0  # nodeStatusReportFrequency: node conditions re-posted even if unchanged
PULL_RESYNC = 4.0           # ErrImagePull shows until the pod worker's next sync
CRASH_AFTER = 2.0           # a container made to crash repeatedly exits this long after starting


class PodRuntime:
    __slots__ = ("key", "uid", "ip", "containers", "restarts", "state", "started", "crash_n", "last_exit",
                 "crash_mode", "pull_failures", "phase", "ready", "start_time", "timers", "container_ids",
                 "logs", "waiting_reason", "terminating", "image_ids", "probe_faults")

    def __init__(self, key: tuple[str, str], uid: str, ip: str, containers: list[dict]) -> None:
        self.key, self.uid, self.ip, self.containers = key, uid, ip, containers
        names = [c["name"] for c in containers]
        self.restarts = dict.fromkeys(names, 0)
        self.state = dict.fromkeys(names, "waiting")       # waiting | running | terminated
        self.waiting_reason = dict.fromkeys(names, "ContainerCreating")
        self.started: dict[str, float] = {}
        self.crash_n = dict.fromkeys(names, 0)
        self.last_exit: dict[str, dict] = {}
        self.crash_mode: dict[str, int] = {}                # name -> crashes still to do (-1: always)
        self.pull_failures = dict.fromkeys(names, 0)
        self.phase, self.ready, self.start_time = "Pending", False, 0.0
        self.timers: list = []
        self.container_ids: dict[str, str] = {}
        self.image_ids: dict[str, str] = {}
        #: container -> probe kinds ("liveness", "readiness") made to fail by ``sim probe-fail``
        self.probe_faults: dict[str, set[str]] = {}
        self.logs: dict[str, list[str]] = {n: [] for n in names}
        self.terminating = False


class Kubelet(KubeletFaults):
    def __init__(self, cluster: "Cluster", node: str, index: int) -> None:
        self.cluster, self.api, self.sim, self.node = cluster, cluster.api, cluster.sim, node
        self.index = index
        self.pod_cidr_prefix = cluster.pod_cidr_prefix(index)
        self.next_ip = 2
        self.state = "running"            # running | stopped | cutoff
        self.pods: dict[tuple[str, str], PodRuntime] = {}
        self.pull_queue: deque = deque()
        self.pulling = False
        self.bandwidth = cluster.default_bandwidth
        self.last_status_report = self.sim.now
        self.api.store.watch_node_pods(node, self.on_pod)
        self._hb = self.sim.schedule(HEARTBEAT_SECONDS * (0.2 + 0.8 * ((index * 7919) % 100) / 100), self.heartbeat)

    # -- API server traffic (dropped while stopped or cut off) ------------------------------------
    @property
    def connected(self) -> bool:
        return self.state == "running"

    def heartbeat(self) -> None:
        self._hb = self.sim.schedule(HEARTBEAT_SECONDS, self.heartbeat)
        if self.connected:
            self.cluster.renew_lease(self.node)
            if self.sim.now - self.last_status_report >= STATUS_REPORT_SECONDS:
                self.last_status_report = self.sim.now
                self.cluster.report_node_status(self.node)

    def on_pod(self, verb: str, pod: dict, old: dict | None) -> None:
        if not self.connected:
            return
        meta = pod["metadata"]
        key = (meta["namespace"], meta["name"])
        rt = self.pods.get(key)
        if verb == DELETED:
            if rt is not None:
                self._kill(rt, removed=True)
            return
        if rt is not None and rt.uid != meta["uid"]:
            self._kill(rt, removed=True)
            rt = None
        if meta.get("deletionTimestamp"):
            if rt is None:
                self.api.remove("pods", key[0], key[1], "kubelet")
                self.sim.emit(ev.PodDeleted, pod=key[1], namespace=key[0], node=self.node)
            elif not rt.terminating:
                self._terminate(rt, pod)
            return
        if rt is None and is_active(pod):
            self._admit(pod)

    # -- pod start -------------------------------------------------------------------------------
    def _admit(self, pod: dict) -> None:
        meta = pod["metadata"]
        key = (meta["namespace"], meta["name"])
        ip = f"{self.pod_cidr_prefix}.{self.next_ip}" if self.next_ip < 255 else f"{self.pod_cidr_prefix}.254"
        self.next_ip = self.next_ip + 1 if self.next_ip < 254 else 2
        rt = PodRuntime(key, meta["uid"], ip, list(pod["spec"].get("containers") or ()))
        rt.start_time = self.sim.now
        self.pods[key] = rt
        self._write_status(rt)
        for c in rt.containers:
            self._prepare_image(rt, c)

    def _prepare_image(self, rt: PodRuntime, c: dict) -> None:
        image = c["image"]
        policy = c.get("imagePullPolicy") or default_pull_policy(image)
        pod = self.api.get("pods", *rt.key)
        if pod is None:
            return
        present = has_image(self.cluster.docker, self.node, image)
        if policy == "Never" and not present:
            msg = f'Container image "{image}" is not present with pull policy of Never'
            self.api.event(pod, "Warning", "ErrImageNeverPull", msg, "kubelet", self.node)
            rt.waiting_reason[c["name"]] = "ErrImageNeverPull"
            self.sim.emit(ev.KubeletImagePullFailed, node=self.node, pod=rt.key[1], namespace=rt.key[0], image=image,
                          reason="ErrImageNeverPull", message=msg)
            self._write_status(rt)
            return
        if present and policy != "Always":
            self.api.event(pod, "Normal", "Pulled", f'Container image "{image}" already present on machine',
                           "kubelet", self.node)
            self.sim.emit(ev.KubeletImagePulled, node=self.node, pod=rt.key[1], namespace=rt.key[0], image=image,
                          already_present=True, layers_fetched=0, layers_present=0, bytes_fetched=0, duration=0.0)
            rt.timers.append(self.sim.schedule(START_SECONDS, self.start_container, rt.key, rt.uid, c["name"]))
            return
        self.pull_queue.append((rt.key, rt.uid, c["name"], image, self.sim.now))
        if not self.pulling:
            self._next_pull()

    def _next_pull(self) -> None:
        while self.pull_queue:
            key, uid, cname, image, queued = self.pull_queue.popleft()
            rt = self.pods.get(key)
            if rt is None or rt.uid != uid or rt.terminating:
                continue
            pod = self.api.get("pods", *key)
            if pod is None:
                continue
            self.pulling = True
            self.api.event(pod, "Normal", "Pulling", f'Pulling image "{image}"', "kubelet", self.node)
            self.sim.emit(ev.KubeletImagePulling, node=self.node, pod=key[1], namespace=key[0], image=image)
            fault = self.cluster.pull_fault(self.node, image)
            if fault:
                self.sim.schedule(1.0, self.pull_done, key, uid, cname, image, queued, None, fault)
                return
            try:
                res = plan_pull(self.cluster.docker, self.node, image, self.bandwidth)
            except PullError as exc:
                self.sim.schedule(1.0, self.pull_done, key, uid, cname, image, queued, None, str(exc))
                return
            self.sim.schedule(max(res.duration, 0.05), self.pull_done, key, uid, cname, image, queued, res, "")
            return
        self.pulling = False

    def pull_done(self, key, uid, cname, image, queued, res, error) -> None:
        self.pulling = False
        rt = self.pods.get(key)
        if res is not None and self.state != "stopped":
            self.cluster.docker.commit_pull(self.node, res.plan)
            self.cluster.record_node_image(self.node, image, res.size)
        if rt is not None and rt.uid == uid and self.connected:
            pod = self.api.get("pods", *key)
            if pod is not None:
                if error:
                    self._pull_failed(rt, pod, cname, image, error)
                else:
                    took = go_duration(max(res.duration, 0.05))
                    total = go_duration(self.sim.now - queued)
                    self.api.event(pod, "Normal", "Pulled", f'Successfully pulled image "{image}" in {took} ({total} '
                                   f"including waiting). Image size: {res.size} bytes.", "kubelet", self.node)
                    self.sim.emit(ev.KubeletImagePulled, node=self.node, pod=key[1], namespace=key[0], image=image,
                                  already_present=False, layers_fetched=res.layers_fetched,
                                  layers_present=res.layers_present, bytes_fetched=res.bytes_fetched,
                                  duration=round(res.duration, 3))
                    rt.pull_failures[cname] = 0
                    rt.timers.append(self.sim.schedule(START_SECONDS, self.start_container, key, uid, cname))
        self._next_pull()

    def _pull_failed(self, rt: PodRuntime, pod: dict, cname: str, image: str, error: str) -> None:
        n = rt.pull_failures[cname] = rt.pull_failures[cname] + 1
        self.api.event(pod, "Warning", "Failed", f'Failed to pull image "{image}": {error}', "kubelet", self.node)
        self.api.event(pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet", self.node)
        rt.waiting_reason[cname] = "ErrImagePull"
        self.sim.emit(ev.KubeletImagePullFailed, node=self.node, pod=rt.key[1], namespace=rt.key[0], image=image,
                      reason="ErrImagePull", message=error)
        self._write_status(rt)
        wait = min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX)
        # the next pod sync (a few seconds later) finds the pull in back-off
        rt.timers.append(self.sim.schedule(min(PULL_RESYNC, wait / 2), self.pull_backoff, rt.key, rt.uid, cname, image))
        rt.timers.append(self.sim.schedule(wait, self.retry_pull, rt.key, rt.uid, cname))

    def pull_backoff(self, key, uid, cname, image) -> None:
        rt = self.pods.get(key)
        pod = self.api.get("pods", *key) if self.connected else None
        if rt is None or rt.uid != uid or pod is None:
            return
        self.api.event(pod, "Normal", "BackOff", f'Back-off pulling image "{image}"', "kubelet", self.node)
        self.api.event(pod, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", self.node)
        rt.waiting_reason[cname] = "ImagePullBackOff"
        self.sim.emit(ev.KubeletImagePullFailed, node=self.node, pod=key[1], namespace=key[0], image=image,
                      reason="ImagePullBackOff", message=f'Back-off pulling image "{image}"')
        self._write_status(rt)

    def retry_pull(self, key, uid, cname) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or not self.connected:
            return
        c = next(c for c in rt.containers if c["name"] == cname)
        self._prepare_image(rt, c)

    # -- containers --------------------------------------------------------------------------------
    def start_container(self, key, uid, cname) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or rt.terminating or self.state == "stopped":
            return
        pod = self.api.get("pods", *key)
        if pod is None:
            return
        c = next(c for c in rt.containers if c["name"] == cname)
        if cname not in rt.container_ids:
            rt.container_ids[cname] = f"containerd://{self.sim.rng.getrandbits(256):064x}"
            rt.image_ids[cname] = image_id(self.cluster.docker, self.node, c["image"])
        self.api.event(pod, "Normal", "Created", f"Created container {cname}", "kubelet", self.node)
        self.api.event(pod, "Normal", "Started", f"Started container {cname}", "kubelet", self.node)
        rt.state[cname] = "running"
        rt.started[cname] = self.sim.now
        rt.logs[cname].extend(startup_logs(self.cluster.docker, self.node, c["image"]))
        self.sim.emit(ev.ContainerStarted, node=self.node, pod=key[1], namespace=key[0], container=cname,
                      restart_count=rt.restarts[cname])
        for kind in rt.probe_faults.get(cname, ()):
            self.arm_probe(rt, cname, kind)
        mode = rt.crash_mode.get(cname)
        if mode:
            rt.timers.append(self.sim.schedule(CRASH_AFTER, self.crash, key, uid, cname, 1))
        if all(s == "running" for s in rt.state.values()):
            rt.phase = "Running"
            delay = int((c.get("readinessProbe") or {}).get("initialDelaySeconds", 0))
            if delay:
                self._write_status(rt)
                rt.timers.append(self.sim.schedule(float(delay), self.probe_ready, key, uid))
                return
            rt.ready = not self._readiness_failing(rt)
        self._write_status(rt)

    @staticmethod
    def _readiness_failing(rt: PodRuntime) -> bool:
        return any("readiness" in kinds for kinds in rt.probe_faults.values())

    def probe_ready(self, key, uid) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or rt.terminating:
            return
        if all(s == "running" for s in rt.state.values()) and not self._readiness_failing(rt):
            rt.ready = True
            self._write_status(rt)

    # -- deletion ----------------------------------------------------------------------------------
    def _terminate(self, rt: PodRuntime, pod: dict) -> None:
        rt.terminating = True
        for c in rt.containers:
            if rt.state[c["name"]] == "running":
                self.api.event(pod, "Normal", "Killing", f"Stopping container {c['name']}", "kubelet", self.node)
        self.sim.schedule(STOP_SECONDS, self.finish_termination, rt.key, rt.uid)

    def finish_termination(self, key, uid) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid:
            return
        if not self.connected:
            return  # the object stays Terminating until the kubelet is back
        self._kill(rt, removed=False)
        pod = self.api.get("pods", *key)
        if pod is not None and pod["metadata"]["uid"] == uid:
            self.api.remove("pods", key[0], key[1], "kubelet")
            self.sim.emit(ev.PodDeleted, pod=key[1], namespace=key[0], node=self.node)

    def _kill(self, rt: PodRuntime, removed: bool) -> None:
        for t in rt.timers:
            t.cancel()
        self.pods.pop(rt.key, None)
        self.cluster.collect_logs(self.node, rt)

    # -- status ------------------------------------------------------------------------------------
    def _write_status(self, rt: PodRuntime, backoff: dict[str, float] | None = None) -> None:
        write_status(self, rt, backoff)

