"""``kubectl get`` columns per resource, as the real printers compute them
(``pkg/printers/internalversion/printers.go``): READY ``1/1``, STATUS reasons, RESTARTS, AGE.
"""
from __future__ import annotations

from typing import Any, Callable

from .labels import compile_selector, format_selector
from .meta import human_duration, parse_timestamp


def age(obj: dict, now: float) -> str:
    return human_duration(now - parse_timestamp(obj["metadata"].get("creationTimestamp")))


def pod_status(pod: dict, node_unreachable: bool = False) -> str:
    st = pod.get("status") or {}
    reason = st.get("reason") or st.get("phase") or "Unknown"
    has_running = False
    for cs in reversed(st.get("containerStatuses") or []):
        state = cs.get("state") or {}
        if (state.get("waiting") or {}).get("reason"):
            reason = state["waiting"]["reason"]
        elif (state.get("terminated") or {}).get("reason"):
            reason = state["terminated"]["reason"]
        elif "terminated" in state:
            t = state["terminated"]
            reason = f"Signal:{t['signal']}" if t.get("signal") else f"ExitCode:{t.get('exitCode', 0)}"
        elif cs.get("ready") and "running" in state:
            has_running = True
    if reason == "Completed" and has_running:
        reason = "Running"
    if pod["metadata"].get("deletionTimestamp"):
        # kubectl shows Unknown only for the old NodeLost status reason; since v1.2x it is Terminating
        reason = "Unknown" if st.get("reason") == "NodeLost" else "Terminating"
    return reason


def pod_restarts(pod: dict, now: float) -> str:
    total = 0
    last = None
    for cs in (pod.get("status") or {}).get("containerStatuses") or []:
        total += cs.get("restartCount", 0)
        fin = ((cs.get("lastState") or {}).get("terminated") or {}).get("finishedAt")
        if fin and cs.get("restartCount", 0):
            t = parse_timestamp(fin)
            last = t if last is None else max(last, t)
    if last is not None and total:
        return f"{total} ({human_duration(now - last)} ago)"
    return str(total)


def pod_ready(pod: dict) -> str:
    specs = pod["spec"].get("containers") or []
    ready = sum(1 for cs in (pod.get("status") or {}).get("containerStatuses") or [] if cs.get("ready"))
    return f"{ready}/{len(specs)}"


def node_status(node: dict) -> str:
    ready = "Unknown"
    for c in (node.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            ready = {"True": "Ready", "False": "NotReady"}.get(c.get("status"), "Unknown")
    if ready == "Unknown":
        ready = "NotReady"  # kubectl prints NotReady for Ready=Unknown too
    if node["spec"].get("unschedulable"):
        ready += ",SchedulingDisabled"
    return ready


def node_roles(node: dict) -> str:
    roles = sorted(k.split("/", 1)[1] for k in (node["metadata"].get("labels") or {})
                   if k.startswith("node-role.kubernetes.io/") and "/" in k)
    return ",".join(r for r in roles if r) or "<none>"


def _address(node: dict, kind: str) -> str:
    for a in (node.get("status") or {}).get("addresses") or []:
        if a.get("type") == kind:
            return a.get("address", "<none>")
    return "<none>"


def svc_ports(svc: dict) -> str:
    out = []
    for p in svc["spec"].get("ports") or []:
        s = str(p.get("port"))
        if p.get("nodePort"):
            s += f":{p['nodePort']}"
        out.append(f"{s}/{p.get('protocol', 'TCP')}")
    return ",".join(out) or "<none>"


def _containers(tmpl_spec: dict) -> tuple[str, str]:
    cs = tmpl_spec.get("containers") or []
    return ",".join(c["name"] for c in cs), ",".join(c["image"] for c in cs)


def rows_for(resource: str, obj: dict, now: float, wide: bool, ctx: Any) -> tuple[list[str], list[str]]:
    """(headers, row) for one object; ``ctx`` is the Cluster (for node reachability)."""
    meta = obj["metadata"]
    spec = obj.get("spec") or {}
    st = obj.get("status") or {}
    name = meta["name"]
    if resource == "pods":
        node = spec.get("nodeName")
        unreachable = bool(node) and ctx is not None and _node_unknown(ctx, node)
        h = ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]
        r = [name, pod_ready(obj), pod_status(obj, unreachable), pod_restarts(obj, now), age(obj, now)]
        if wide:
            h += ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]
            r += [st.get("podIP") or "<none>", node or "<none>", st.get("nominatedNodeName") or "<none>", "<none>"]
        return h, r
    if resource == "nodes":
        h = ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
        r = [name, node_status(obj), node_roles(obj), age(obj, now), (st.get("nodeInfo") or {}).get("kubeletVersion", "")]
        if wide:
            info = st.get("nodeInfo") or {}
            h += ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]
            r += [_address(obj, "InternalIP"), _address(obj, "ExternalIP"), info.get("osImage", "<unknown>"),
                  info.get("kernelVersion", "<unknown>"), info.get("containerRuntimeVersion", "<unknown>")]
        return h, r
    if resource == "deployments":
        h = ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
        r = [name, f"{st.get('readyReplicas', 0)}/{spec.get('replicas', 1)}", str(st.get("updatedReplicas", 0)),
             str(st.get("availableReplicas", 0)), age(obj, now)]
        if wide:
            c, i = _containers(spec["template"]["spec"])
            h += ["CONTAINERS", "IMAGES", "SELECTOR"]
            r += [c, i, format_selector(compile_selector(spec.get("selector")))]
        return h, r
    if resource == "replicasets":
        h = ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
        r = [name, str(spec.get("replicas", 1)), str(st.get("replicas", 0)), str(st.get("readyReplicas", 0)),
             age(obj, now)]
        if wide:
            c, i = _containers(spec["template"]["spec"])
            h += ["CONTAINERS", "IMAGES", "SELECTOR"]
            r += [c, i, format_selector(compile_selector(spec.get("selector")))]
        return h, r
    if resource == "daemonsets":
        sel = spec["template"]["spec"].get("nodeSelector") or {}
        h = ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"]
        r = [name, str(st.get("desiredNumberScheduled", 0)), str(st.get("currentNumberScheduled", 0)),
             str(st.get("numberReady", 0)), str(st.get("updatedNumberScheduled", 0)), str(st.get("numberAvailable", 0)),
             ",".join(f"{k}={v}" for k, v in sorted(sel.items())) or "<none>", age(obj, now)]
        if wide:
            c, i = _containers(spec["template"]["spec"])
            h += ["CONTAINERS", "IMAGES", "SELECTOR"]
            r += [c, i, format_selector(compile_selector(spec.get("selector")))]
        return h, r
    if resource == "services":
        ext = ",".join(spec.get("externalIPs") or []) or ("<pending>" if spec.get("type") == "LoadBalancer" else "<none>")
        h = ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]
        r = [name, spec.get("type", "ClusterIP"), spec.get("clusterIP") or "<none>", ext, svc_ports(obj), age(obj, now)]
        if wide:
            sel = spec.get("selector") or {}
            h += ["SELECTOR"]
            r += [",".join(f"{k}={v}" for k, v in sorted(sel.items())) or "<none>"]
        return h, r
    if resource == "endpointslices":
        addrs = [e["addresses"][0] for e in obj.get("endpoints") or [] if e.get("addresses")]
        shown = ",".join(addrs[:3]) + (f" + {len(addrs) - 3} more..." if len(addrs) > 3 else "")
        ports = ",".join(str(p.get("port")) for p in obj.get("ports") or []) or "<unset>"
        h = ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"]
        return h, [name, obj.get("addressType", "IPv4"), ports, shown or "<unset>", age(obj, now)]
    if resource == "namespaces":
        return ["NAME", "STATUS", "AGE"], [name, st.get("phase", "Active"), age(obj, now)]
    if resource == "configmaps":
        return ["NAME", "DATA", "AGE"], [name, str(len(obj.get("data") or {}) + len(obj.get("binaryData") or {})),
                                         age(obj, now)]
    if resource == "priorityclasses":
        return (["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
                [name, str(obj.get("value", 0)), str(bool(obj.get("globalDefault"))).lower(), age(obj, now),
                 obj.get("preemptionPolicy", "PreemptLowerPriority")])
    if resource == "leases":
        return ["NAME", "HOLDER", "AGE"], [name, spec.get("holderIdentity", ""), age(obj, now)]
    return ["NAME", "AGE"], [name, age(obj, now)]


def _node_unknown(cluster: Any, node: str) -> bool:
    obj = cluster.api.get("nodes", "", node)
    if obj is None:
        return False
    for c in (obj.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "Unknown"
    return False


Printer = Callable[[dict, float, bool, Any], tuple[list[str], list[str]]]
