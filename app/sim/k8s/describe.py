"""``kubectl describe``: the sections kubectl prints, ending with the Events table."""
from __future__ import annotations

from typing import Any

from . import quantity as q
from .labels import compile_selector, format_selector
from .meta import human_duration, parse_timestamp
from .output import table
from .printers import pod_status

W = 18  # label column width, as kubectl's describe prefix writer pads


def _kv(key: str, value: Any, indent: int = 0, width: int = W) -> str:
    label = (key + ":").ljust(width)
    if not label.endswith(" "):
        label += " "
    return f"{' ' * indent}{label}{value}"


def _map(key: str, m: dict | None, indent: int = 0, width: int = W, sep: str = "=") -> list[str]:
    if not m:
        return [_kv(key, "<none>", indent, width)]
    items = [f"{k}{sep}{v}" for k, v in sorted(m.items())]
    out = [_kv(key, items[0], indent, width)]
    out += [" " * (indent + width) + it for it in items[1:]]
    return out


def _time(ts: str | None) -> str:
    if not ts:
        return "<unset>"
    import datetime as dt
    from .meta import EPOCH
    t = EPOCH + dt.timedelta(seconds=parse_timestamp(ts))
    return t.strftime("%a, %d %b %Y %H:%M:%S +0000")


def events_section(cluster: Any, kind: str, ns: str, name: str) -> list[str]:
    recs = cluster.api.recorder.for_object(kind, ns, name)
    if not recs:
        return ["Events:            <none>"]
    now = cluster.sim.now
    rows = []
    for r in recs:
        a = human_duration(now - r.last)
        if r.count > 1:
            a = f"{a} (x{r.count} over {human_duration(now - r.first)})"
        rows.append([r.type, r.reason, a, r.source, r.message])
    body = table(["Type", "Reason", "Age", "From", "Message"], [["----", "------", "----", "----", "-------"], *rows])
    return ["Events:"] + ["  " + line for line in body.splitlines()]


def describe_pod(cluster: Any, pod: dict) -> str:
    meta, spec, st = pod["metadata"], pod["spec"], pod.get("status") or {}
    node = spec.get("nodeName")
    node_obj = cluster.api.get("nodes", "", node) if node else None
    ip = next((a["address"] for a in (node_obj or {}).get("status", {}).get("addresses", []) if a["type"] == "InternalIP"),
              "") if node_obj else ""
    L = [_kv("Name", meta["name"]), _kv("Namespace", meta["namespace"]), _kv("Priority", spec.get("priority", 0))]
    if spec.get("priorityClassName"):
        L.append(_kv("Priority Class Name", spec["priorityClassName"]))
    L.append(_kv("Service Account", spec.get("serviceAccountName", "default")))
    L.append(_kv("Node", f"{node}/{ip}" if node else "<none>"))
    if st.get("startTime"):
        L.append(_kv("Start Time", _time(st["startTime"])))
    L += _map("Labels", meta.get("labels"))
    L += _map("Annotations", meta.get("annotations"), sep=": ")
    status = pod_status(pod) if meta.get("deletionTimestamp") else st.get("phase", "Pending")
    L.append(_kv("Status", status))
    if meta.get("deletionTimestamp"):
        since = max(0.0, cluster.sim.now - parse_timestamp(meta["deletionTimestamp"]))
        L[-1] += f" (lasts {human_duration(since)})"
        L.append(_kv("Termination Grace Period", f"{meta.get('deletionGracePeriodSeconds', 30)}s"))
    L.append(_kv("IP", st.get("podIP", "")))
    L.append("IPs:" if st.get("podIP") else "IPs:               <none>")
    if st.get("podIP"):
        L.append(f"  IP:  {st['podIP']}")
    ref = next((r for r in meta.get("ownerReferences") or [] if r.get("controller")), None)
    if ref:
        L.append(_kv("Controlled By", f"{ref['kind']}/{ref['name']}", width=16))
    if st.get("nominatedNodeName"):
        L.append(_kv("NominatedNodeName", st["nominatedNodeName"]))
    L.append("Containers:")
    statuses = {cs["name"]: cs for cs in st.get("containerStatuses") or []}
    for c in spec.get("containers") or []:
        cs = statuses.get(c["name"], {})
        L.append(f"  {c['name']}:")
        w = 20
        if cs.get("containerID"):
            L.append(_kv("Container ID", cs["containerID"], 4, w))
        L.append(_kv("Image", c["image"], 4, w))
        L.append(_kv("Image ID", cs.get("imageID", ""), 4, w))
        ports = c.get("ports") or []
        L.append(_kv("Port", ", ".join(f"{p['containerPort']}/{p.get('protocol', 'TCP')}" for p in ports) or "<none>", 4, w))
        L.append(_kv("Host Port", ", ".join(f"{p.get('hostPort', 0)}/{p.get('protocol', 'TCP')}" for p in ports) or "<none>", 4, w))
        state = cs.get("state") or {"waiting": {"reason": "Pending"}}
        if "running" in state:
            L.append(_kv("State", "Running", 4, w))
            L.append(_kv("Started", _time(state["running"].get("startedAt")), 6, w - 2))
        elif "waiting" in state:
            L.append(_kv("State", "Waiting", 4, w))
            L.append(_kv("Reason", state["waiting"].get("reason", ""), 6, w - 2))
        else:
            t = state["terminated"]
            L.append(_kv("State", "Terminated", 4, w))
            L.append(_kv("Reason", t.get("reason", ""), 6, w - 2))
            L.append(_kv("Exit Code", t.get("exitCode", 0), 6, w - 2))
        last = (cs.get("lastState") or {}).get("terminated")
        if last:
            L.append(_kv("Last State", "Terminated", 4, w))
            L.append(_kv("Reason", last.get("reason", ""), 6, w - 2))
            L.append(_kv("Exit Code", last.get("exitCode", 0), 6, w - 2))
            L.append(_kv("Started", _time(last.get("startedAt")), 6, w - 2))
            L.append(_kv("Finished", _time(last.get("finishedAt")), 6, w - 2))
        L.append(_kv("Ready", "True" if cs.get("ready") else "False", 4, w))
        L.append(_kv("Restart Count", cs.get("restartCount", 0), 4, w))
        res = c.get("resources") or {}
        for part, title in (("limits", "Limits"), ("requests", "Requests")):
            if res.get(part):
                L.append(f"    {title}:")
                for k, v in sorted(res[part].items()):
                    L.append(_kv(k, v, 6, 10))
        for probe, title in (("livenessProbe", "Liveness"), ("readinessProbe", "Readiness")):
            p = c.get(probe)
            if p:
                how = "http-get" if "httpGet" in p else "tcp-socket" if "tcpSocket" in p else "exec"
                L.append(_kv(title, f"{how} delay={p.get('initialDelaySeconds', 0)}s timeout={p.get('timeoutSeconds', 1)}s "
                                    f"period={p.get('periodSeconds', 10)}s #success={p.get('successThreshold', 1)} "
                                    f"#failure={p.get('failureThreshold', 3)}", 4, w))
        env = c.get("env") or []
        if env:
            L.append("    Environment:")
            for e in env:
                L.append(f"      {e.get('name')}:  {e.get('value', '<set from a reference>')}")
        else:
            L.append(_kv("Environment", "<none>", 4, w))
        L.append(_kv("Mounts", "<none>", 4, w))
    conds = st.get("conditions") or []
    if conds:
        L.append("Conditions:")
        rows = [[c["type"], c["status"]] for c in conds]
        L += ["  " + x for x in table(["Type", "Status"], rows).splitlines()]
    L.append(_kv("QoS Class", st.get("qosClass", "BestEffort"), width=29))
    L += _map("Node-Selectors", spec.get("nodeSelector"), width=29)
    tols = []
    for t in spec.get("tolerations") or []:
        s = t.get("key", "")
        if t.get("value"):
            s += f"={t['value']}"
        if t.get("effect"):
            s += f":{t['effect']}"
        if t.get("operator") == "Exists":
            s += " op=Exists"
        if t.get("tolerationSeconds") is not None:
            s += f" for {t['tolerationSeconds']}s"
        tols.append(s)
    L.append(_kv("Tolerations", tols[0] if tols else "<none>", width=29))
    L += [" " * 29 + t for t in tols[1:]]
    L += events_section(cluster, "Pod", meta["namespace"], meta["name"])
    return "\n".join(L)


def describe_node(cluster: Any, node: dict) -> str:
    meta, spec, st = node["metadata"], node["spec"], node.get("status") or {}
    L = [_kv("Name", meta["name"]), _kv("Roles", "<none>")]
    L += _map("Labels", meta.get("labels"))
    L.append(_kv("CreationTimestamp", _time(meta.get("creationTimestamp"))))
    taints = [f"{t['key']}{'=' + t['value'] if t.get('value') else ''}:{t['effect']}" for t in spec.get("taints") or []]
    L.append(_kv("Taints", taints[0] if taints else "<none>"))
    L += [" " * W + t for t in taints[1:]]
    L.append(_kv("Unschedulable", str(bool(spec.get("unschedulable"))).lower()))
    lease = cluster.api.get("leases", "kube-node-lease", meta["name"])
    if lease:
        L.append("Lease:")
        L.append(_kv("HolderIdentity", lease["spec"].get("holderIdentity"), 2, 16))
        L.append(_kv("RenewTime", _time(lease["spec"].get("renewTime")), 2, 16))
    L.append("Conditions:")
    rows = [[c["type"], c["status"], _time(c.get("lastHeartbeatTime")), _time(c.get("lastTransitionTime")),
             c.get("reason", ""), c.get("message", "")] for c in st.get("conditions") or []]
    L += ["  " + x for x in table(["Type", "Status", "LastHeartbeatTime", "LastTransitionTime", "Reason", "Message"],
                                  [["----"] * 2 + ["-----------------", "------------------", "------", "-------"], *rows]
                                  ).splitlines()]
    L.append("Addresses:")
    for a in st.get("addresses") or []:
        L.append(f"  {a['type']}:  {a['address']}")
    for part, title in (("capacity", "Capacity"), ("allocatable", "Allocatable")):
        L.append(f"{title}:")
        for k, v in sorted((st.get(part) or {}).items()):
            L.append(f"  {k}:{' ' * max(1, 18 - len(k))}{v}")
    info = st.get("nodeInfo") or {}
    L.append("System Info:")
    for k, title in (("kernelVersion", "Kernel Version"), ("osImage", "OS Image"), ("operatingSystem", "Operating System"),
                     ("architecture", "Architecture"), ("containerRuntimeVersion", "Container Runtime Version"),
                     ("kubeletVersion", "Kubelet Version")):
        L.append(_kv(title, info.get(k, ""), 2, 28))
    L.append(_kv("PodCIDR", spec.get("podCIDR", "")))
    pods = cluster.pods_on_node(meta["name"])
    usage = cluster.node_usage(meta["name"]) if meta["name"] in cluster.scheduler.cache.nodes else None
    L.append(f"Non-terminated Pods:          ({len(pods)} in total)")
    rows = []
    for p in pods:
        req = {}
        for c in p["spec"].get("containers") or []:
            for k, v in ((c.get("resources") or {}).get("requests") or {}).items():
                req[k] = v
        rows.append([p["metadata"]["namespace"], p["metadata"]["name"], str(req.get("cpu", "0")),
                     str(req.get("memory", "0")), human_duration(cluster.sim.now - parse_timestamp(
                         p["metadata"].get("creationTimestamp")))])
    if rows:
        L += ["  " + x for x in table(["Namespace", "Name", "CPU Requests", "Memory Requests", "Age"],
                                      [["---------", "----", "------------", "---------------", "---"], *rows]).splitlines()]
    if usage:
        L.append("Allocated resources:")
        L.append("  (Total limits may be over 100 percent, i.e., overcommitted.)")
        cpu_pct = usage["cpu_requested_milli"] * 100 // max(1, usage["cpu_allocatable_milli"])
        mem_pct = usage["memory_requested"] * 100 // max(1, usage["memory_allocatable"])
        L += ["  " + x for x in table(["Resource", "Requests"], [["--------", "--------"],
                                                                  ["cpu", f"{q.format_cpu(usage['cpu_requested_milli'])} ({cpu_pct}%)"],
                                                                  ["memory", f"{q.format_bytes(usage['memory_requested']) or 0} ({mem_pct}%)"]]).splitlines()]
    L += events_section(cluster, "Node", "", meta["name"])
    return "\n".join(L)


def describe_deployment(cluster: Any, d: dict) -> str:
    meta, spec, st = d["metadata"], d["spec"], d.get("status") or {}
    L = [_kv("Name", meta["name"], width=24), _kv("Namespace", meta["namespace"], width=24),
         _kv("CreationTimestamp", _time(meta.get("creationTimestamp")), width=24)]
    L += _map("Labels", meta.get("labels"), width=24)
    L += _map("Annotations", meta.get("annotations"), width=24, sep=": ")
    L.append(_kv("Selector", format_selector(compile_selector(spec.get("selector"))), width=24))
    L.append(_kv("Replicas", f"{spec.get('replicas', 1)} desired | {st.get('updatedReplicas', 0)} updated | "
                             f"{st.get('replicas', 0)} total | {st.get('availableReplicas', 0)} available | "
                             f"{st.get('unavailableReplicas', 0)} unavailable", width=24))
    strat = spec.get("strategy") or {}
    L.append(_kv("StrategyType", strat.get("type", "RollingUpdate"), width=24))
    L.append(_kv("MinReadySeconds", spec.get("minReadySeconds", 0), width=24))
    ru = strat.get("rollingUpdate")
    if ru:
        L.append(_kv("RollingUpdateStrategy", f"{ru.get('maxUnavailable')} max unavailable, {ru.get('maxSurge')} max surge",
                     width=24))
    L.append("Pod Template:")
    L += _map("Labels", spec["template"]["metadata"].get("labels"), 2, 16)
    L.append("  Containers:")
    for c in spec["template"]["spec"].get("containers") or []:
        L.append(f"   {c['name']}:")
        L.append(_kv("Image", c["image"], 4, 16))
        ports = c.get("ports") or []
        L.append(_kv("Port", ", ".join(f"{p['containerPort']}/{p.get('protocol', 'TCP')}" for p in ports) or "<none>", 4, 16))
    conds = st.get("conditions") or []
    if conds:
        L.append("Conditions:")
        L += ["  " + x for x in table(["Type", "Status", "Reason"], [["----", "------", "------"]] +
                                      [[c["type"], c["status"], c.get("reason", "")] for c in conds]).splitlines()]
    rss = [rs for rs in cluster.api.store.items("replicasets", meta["namespace"])
           if any(r.get("uid") == meta["uid"] for r in rs["metadata"].get("ownerReferences") or [])]
    h = next((rs for rs in rss if rs["metadata"]["labels"].get("pod-template-hash") and
              rs["spec"]["template"]["spec"] == spec["template"]["spec"]), None)
    old = [rs for rs in rss if rs is not h and rs["spec"].get("replicas", 0)]
    fmt = lambda rs: f"{rs['metadata']['name']} ({rs.get('status', {}).get('replicas', 0)}/{rs['spec'].get('replicas', 0)} replicas created)"  # noqa: E731
    L.append(_kv("OldReplicaSets", ", ".join(fmt(r) for r in old) or "<none>", width=16))
    L.append(_kv("NewReplicaSet", fmt(h) if h else "<none>", width=16))
    L += events_section(cluster, "Deployment", meta["namespace"], meta["name"])
    return "\n".join(L)


def describe_service(cluster: Any, svc: dict) -> str:
    meta, spec = svc["metadata"], svc["spec"]
    L = [_kv("Name", meta["name"], width=25), _kv("Namespace", meta["namespace"], width=25)]
    L += _map("Labels", meta.get("labels"), width=25)
    L += _map("Selector", spec.get("selector"), width=25)
    L.append(_kv("Type", spec.get("type", "ClusterIP"), width=25))
    L.append(_kv("IP", spec.get("clusterIP", ""), width=25))
    eps = []
    for s in cluster.api.store.items("endpointslices", meta["namespace"]):
        if (s["metadata"].get("labels") or {}).get("kubernetes.io/service-name") == meta["name"]:
            eps += [e["addresses"][0] for e in s.get("endpoints") or [] if e["conditions"].get("ready")]
    for p in spec.get("ports") or []:
        L.append(_kv("Port", f"{p.get('name') or '<unset>'}  {p['port']}/{p.get('protocol', 'TCP')}", width=25))
        L.append(_kv("TargetPort", f"{p.get('targetPort')}/{p.get('protocol', 'TCP')}", width=25))
        if p.get("nodePort"):
            L.append(_kv("NodePort", f"{p.get('name') or '<unset>'}  {p['nodePort']}/{p.get('protocol', 'TCP')}", width=25))
        L.append(_kv("Endpoints", ",".join(f"{ip}:{p.get('targetPort')}" for ip in eps) or "<none>", width=25))
    L.append(_kv("Session Affinity", spec.get("sessionAffinity", "None"), width=25))
    L += events_section(cluster, "Service", meta["namespace"], meta["name"])
    return "\n".join(L)


def describe_generic(cluster: Any, kind: str, obj: dict) -> str:
    meta = obj["metadata"]
    L = [_kv("Name", meta["name"])]
    if meta.get("namespace"):
        L.append(_kv("Namespace", meta["namespace"]))
    L += _map("Labels", meta.get("labels"))
    L += _map("Annotations", meta.get("annotations"), sep=": ")
    spec = obj.get("spec") or {}
    if "selector" in spec and isinstance(spec["selector"], dict):
        L.append(_kv("Selector", format_selector(compile_selector(spec["selector"]))))
    st = obj.get("status") or {}
    if kind == "ReplicaSet":
        ref = next((r for r in meta.get("ownerReferences") or [] if r.get("controller")), None)
        if ref:
            L.append(_kv("Controlled By", f"{ref['kind']}/{ref['name']}"))
        L.append(_kv("Replicas", f"{st.get('replicas', 0)} current / {spec.get('replicas', 1)} desired"))
        L.append(_kv("Pods Status", f"{st.get('readyReplicas', 0)} Running / 0 Waiting / 0 Succeeded / 0 Failed"))
    if kind == "DaemonSet":
        L.append(_kv("Desired Number of Nodes Scheduled", st.get("desiredNumberScheduled", 0), width=36))
        L.append(_kv("Current Number of Nodes Scheduled", st.get("currentNumberScheduled", 0), width=36))
        L.append(_kv("Number of Nodes Scheduled with Up-to-date Pods", st.get("updatedNumberScheduled", 0), width=48))
        L.append(_kv("Number of Nodes Scheduled with Available Pods", st.get("numberAvailable", 0), width=48))
        L.append(_kv("Number of Nodes Misscheduled", st.get("numberMisscheduled", 0), width=36))
    if kind == "Namespace":
        L.append(_kv("Status", st.get("phase", "Active")))
    if kind == "ConfigMap":
        L.append("")
        L.append("Data")
        L.append("====")
        for k, v in sorted((obj.get("data") or {}).items()):
            L += [f"{k}:", "----", str(v), ""]
    L += events_section(cluster, kind, meta.get("namespace", ""), meta["name"])
    return "\n".join(L)
