"""Kubelet behaviour under faults: container crashes with restartPolicy and the CrashLoopBackOff
back-off (0, 10, 20, 40 ... 300 s; reset after 10 min of running), and the machine faults
``stop`` (power off), ``cut off`` (network partition) and ``back`` (reconnect and resync).
Mixed into :class:`~app.sim.k8s.kubelet.Kubelet`.
"""
from __future__ import annotations

from typing import Any

from . import events as ev
from .meta import timestamp
from .podops import is_active

BACKOFF_BASE, BACKOFF_MAX, BACKOFF_RESET = 10.0, 300.0, 600.0


class KubeletFaults:
    """Needs the Kubelet's attributes (api, sim, node, pods, state, cluster) and its pod methods."""

    api: Any
    sim: Any
    node: str
    pods: dict
    state: str
    cluster: Any

    def crash(self, key, uid, cname, exit_code: int = 1) -> None:
        """The container exits with ``exit_code`` (a ``sim crash`` fault)."""
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or rt.state.get(cname) != "running" or self.state == "stopped":
            return
        mode = rt.crash_mode.get(cname, 0)
        if mode > 0:
            rt.crash_mode[cname] = mode - 1
        ran = self.sim.now - rt.started.get(cname, self.sim.now)
        if ran >= BACKOFF_RESET:
            rt.crash_n[cname] = 0
        rt.state[cname] = "terminated"
        rt.last_exit[cname] = {"exitCode": exit_code, "reason": "Error" if exit_code else "Completed",
                               "startedAt": timestamp(rt.started.get(cname, 0)), "finishedAt": timestamp(self.sim.now),
                               "containerID": rt.container_ids.get(cname, "")}
        rt.ready = False
        pod = self.api.get("pods", *key)
        policy = pod["spec"].get("restartPolicy", "Always") if pod else "Always"
        restart = policy == "Always" or (policy == "OnFailure" and exit_code != 0)
        n = rt.crash_n[cname]
        wait = 0.0 if n == 0 else min(BACKOFF_BASE * 2 ** (n - 1), BACKOFF_MAX)
        rt.crash_n[cname] = n + 1
        self.sim.emit(ev.ContainerCrashed, node=self.node, pod=key[1], namespace=key[0], container=cname,
                      exit_code=exit_code, restart_count=rt.restarts[cname], backoff=wait if restart else -1.0)
        if not restart:
            rt.phase = "Failed" if exit_code else "Succeeded"
            if all(s == "terminated" for s in rt.state.values()) or exit_code:
                self._write_status(rt)
            return
        if wait > 0 and pod is not None:
            rt.waiting_reason[cname] = "CrashLoopBackOff"
            self.api.event(pod, "Warning", "BackOff", f"Back-off restarting failed container {cname} in pod "
                           f"{key[1]}_{key[0]}({rt.uid})", "kubelet", self.node)
        self._write_status(rt, backoff={cname: wait})
        rt.timers.append(self.sim.schedule(wait, self.restart_container, key, uid, cname))

    # -- probes ------------------------------------------------------------------------------------
    def set_probe_fault(self, key, uid, cname: str, kind: str, failing: bool) -> None:
        """Make a container's liveness or readiness probe fail (or pass again)."""
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid:
            return
        faults = rt.probe_faults.setdefault(cname, set())
        if failing:
            faults.add(kind)
        else:
            faults.discard(kind)
        self.arm_probe(rt, cname, kind)

    def arm_probe(self, rt, cname: str, kind: str) -> None:
        """Schedule the moment the probe's verdict changes: failureThreshold (or successThreshold)
        consecutive results, one every periodSeconds."""
        c = next(c for c in rt.containers if c["name"] == cname)
        probe = c.get(f"{kind}Probe") or {}
        failing = kind in rt.probe_faults.get(cname, ())
        period = float(probe.get("periodSeconds", 10))
        count = int(probe.get("failureThreshold", 3) if failing else probe.get("successThreshold", 1))
        rt.timers.append(self.sim.schedule(period * count, self.probe_verdict, rt.key, rt.uid, cname, kind,
                                           rt.restarts[cname]))

    def probe_verdict(self, key, uid, cname: str, kind: str, generation: int) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or rt.restarts[cname] != generation or rt.state.get(cname) != "running" \
                or self.state == "stopped":
            return
        failing = kind in rt.probe_faults.get(cname, ())
        pod = self.api.get("pods", *key) if self.state == "running" else None
        probe = next(c for c in rt.containers if c["name"] == cname).get(f"{kind}Probe") or {}
        what = _probe_failure_text(probe)
        if kind == "readiness":
            if failing and rt.ready:
                if pod is not None:
                    self.api.event(pod, "Warning", "Unhealthy", f"Readiness probe failed: {what}", "kubelet", self.node)
                rt.ready = False
                self._write_status(rt)
            elif not failing and not rt.ready and all(s == "running" for s in rt.state.values()):
                rt.ready = True
                self._write_status(rt)
            return
        if failing:
            if pod is not None:
                self.api.event(pod, "Warning", "Unhealthy", f"Liveness probe failed: {what}", "kubelet", self.node)
                self.api.event(pod, "Normal", "Killing", f"Container {cname} failed liveness probe, will be restarted",
                               "kubelet", self.node)
            self.crash(key, uid, cname, 137)

    def restart_container(self, key, uid, cname) -> None:
        rt = self.pods.get(key)
        if rt is None or rt.uid != uid or rt.terminating:
            return
        rt.restarts[cname] += 1
        self.start_container(key, uid, cname)

    # -- faults ------------------------------------------------------------------------------------
    def stop(self) -> None:
        """Power off: containers vanish; no more heartbeats or status."""
        self.state = "stopped"
        for rt in list(self.pods.values()):
            for t in rt.timers:
                t.cancel()
        self.pods.clear()
        self.pull_queue.clear()
        self.pulling = False

    def cut_off(self) -> None:
        self.state = "cutoff"

    def bring_back(self) -> None:
        """Reconnect (or boot): renew the Lease and resync with every pod bound to this node."""
        was = self.state
        self.state = "running"
        self.cluster.renew_lease(self.node)
        for pod in list(self.cluster.pods_on_node(self.node)):
            meta = pod["metadata"]
            key = (meta["namespace"], meta["name"])
            rt = self.pods.get(key)
            if meta.get("deletionTimestamp"):
                if rt is None:
                    self.api.remove("pods", key[0], key[1], "kubelet")
                    self.sim.emit(ev.PodDeleted, pod=key[1], namespace=key[0], node=self.node)
                elif not rt.terminating:
                    self._terminate(rt, pod)
                else:
                    self.finish_termination(key, rt.uid)
            elif rt is None and is_active(pod):
                if was == "stopped":
                    self._readmit(pod)
                else:
                    self._admit(pod)
            elif rt is not None:
                self._write_status(rt)
        for key in [k for k in self.pods if self.api.get("pods", *k) is None]:
            self._kill(self.pods[key], removed=True)

    def _readmit(self, pod: dict) -> None:
        """After a reboot the pod's containers start again (restart count goes up)."""
        self._admit(pod)
        meta = pod["metadata"]
        rt = self.pods[(meta["namespace"], meta["name"])]
        for cs in (pod.get("status") or {}).get("containerStatuses") or ():
            if cs["name"] in rt.restarts:
                rt.restarts[cs["name"]] = cs.get("restartCount", 0) + 1


def _probe_failure_text(probe: dict) -> str:
    if "httpGet" in probe:
        return "HTTP probe failed with statuscode: 500"
    if "tcpSocket" in probe:
        port = (probe.get("tcpSocket") or {}).get("port", "")
        return f"dial tcp: connect: connection refused (port {port})"
    if "grpc" in probe:
        return "timeout: failed to connect service within 1s"
    return "command exited with non-zero status 1"
