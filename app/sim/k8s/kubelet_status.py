"""The kubelet's status report: phase, the five pod conditions, container states (waiting reasons
such as ContainerCreating, ErrImagePull, CrashLoopBackOff; running; terminated) and restart counts."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import events as ev
from .meta import set_conditions, timestamp

if TYPE_CHECKING:
    from .kubelet import Kubelet, PodRuntime

CONDITION_ORDER = {"PodReadyToStartContainers": 0, "Initialized": 1, "Ready": 2, "ContainersReady": 3, "PodScheduled": 4}


def write_status(self: "Kubelet", rt: "PodRuntime", backoff: dict[str, float] | None = None) -> None:
    """Report a pod's phase, conditions and container states to the API server (if reachable)."""
    if not self.connected:
        return
    pod = self.api.get("pods", *rt.key)
    if pod is None or pod["metadata"]["uid"] != rt.uid:
        return
    now = self.sim.now
    status = dict(pod.get("status") or {})
    old_phase = status.get("phase")
    old_ready = any(c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or ())
    all_running = all(s == "running" for s in rt.state.values())
    ready = "True" if rt.ready and all_running else "False"
    not_ready = [c["name"] for c in rt.containers if rt.state[c["name"]] != "running"]
    msg = f"containers with unready status: [{' '.join(not_ready)}]" if ready == "False" and not_ready else ""
    reason = "ContainersNotReady" if ready == "False" and not_ready else ""
    conds = set_conditions(status.get("conditions"), [
        ("PodReadyToStartContainers", "True", "", ""), ("Initialized", "True", "", ""),
        ("Ready", ready, reason, msg), ("ContainersReady", ready, reason, msg), ("PodScheduled", "True", "", "")],
        now, CONDITION_ORDER)
    statuses = []
    for c in rt.containers:
        name = c["name"]
        st = rt.state[name]
        cs: dict[str, Any] = {"name": name, "image": c["image"], "imageID": rt.image_ids.get(name, ""), "ready": st == "running" and rt.ready,
                              "restartCount": rt.restarts[name], "started": st == "running"}
        if name in rt.container_ids:
            cs["containerID"] = rt.container_ids[name]
        if st == "running":
            cs["state"] = {"running": {"startedAt": timestamp(rt.started[name])}}
        elif st == "terminated" and not (backoff and name in backoff):
            cs["state"] = {"terminated": rt.last_exit.get(name, {"exitCode": 0, "reason": "Completed"})}
        else:
            reason = rt.waiting_reason.get(name, "ContainerCreating")
            w: dict[str, Any] = {"reason": reason}
            if backoff and name in backoff and backoff[name] > 0:
                w = {"reason": "CrashLoopBackOff",
                     "message": f"back-off {int(backoff[name])}s restarting failed container={name} "
                                f"pod={rt.key[1]}_{rt.key[0]}({rt.uid})"}
            elif backoff and name in backoff:
                w = {"reason": "ContainerCreating"}
            cs["state"] = {"waiting": w}
        if name in rt.last_exit:
            cs["lastState"] = {"terminated": rt.last_exit[name]}
        statuses.append(cs)
    status.update(phase=rt.phase, conditions=conds, hostIP=self.cluster.node_ip(self.index), podIP=rt.ip,
                  podIPs=[{"ip": rt.ip}], startTime=timestamp(rt.start_time), containerStatuses=statuses)
    new = dict(pod, status=status)
    new["metadata"] = dict(pod["metadata"])
    self.api.update("pods", new, "kubelet")
    if old_phase != rt.phase:
        self.sim.emit(ev.PodPhaseChanged, pod=rt.key[1], namespace=rt.key[0], node=self.node, phase=rt.phase,
                      reason="")
    if old_ready != (ready == "True"):
        self.sim.emit(ev.PodReadyChanged, pod=rt.key[1], namespace=rt.key[0], node=self.node,
                      ready=ready == "True")
