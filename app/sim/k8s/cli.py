"""Registers ``kubectl`` and the Kubernetes ``sim`` commands (nodes, presets, faults, time, explain)."""
from __future__ import annotations

from typing import Any

from ..args import Flag, parse
from ..console import Console, Invocation
from ..errors import CommandError
from . import events as ev
from . import kubectl, presets
from .apiserver import APIError


def _cluster(world: Any):
    return world.k8s


def _settle(c: Any) -> None:
    c.sim.run_until(c.sim.now)


# -- presets and nodes -----------------------------------------------------------------------------------

def sim_preset(world: Any, inv: Invocation, args: list[str]) -> str:
    if not args or args[0] not in ("classroom", "large"):
        raise CommandError("usage: sim preset classroom | sim preset large N")
    c = _cluster(world)
    if c.api.store.count("nodes"):
        raise CommandError("sim preset: the cluster already has nodes; run \"sim reset\" first")
    if args[0] == "classroom":
        if len(args) != 1:
            raise CommandError("usage: sim preset classroom")
        names = presets.classroom(c)
        _settle(c)
        return (f"cluster ready: {len(names)} nodes ({', '.join(names)}), 2 CPU / 4Gi each; "
                "log-collector DaemonSet in kube-system")
    if len(args) != 2:
        raise CommandError("usage: sim preset large N   (N nodes, 1 to 5000)")
    try:
        n = int(args[1])
    except ValueError:
        raise CommandError(f'sim preset large: "{args[1]}" is not a whole number') from None
    if not 1 <= n <= 5000:
        raise CommandError("sim preset large: N must be between 1 and 5000 (the upstream limit)")
    presets.large(c, n)
    _settle(c)
    return f"cluster ready: {n} nodes, 4 CPU / 16Gi / 110 pods each, zones a-c"


def sim_node(world: Any, inv: Invocation, args: list[str]) -> str:
    if not args:
        raise CommandError("usage: sim node add|stop|cut|back NAME ...")
    sub, rest = args[0], args[1:]
    c = _cluster(world)
    if sub == "add":
        p = parse(rest, [Flag(("--cpu",), default="2"), Flag(("--memory",), default="4Gi"), Flag(("--pods",), default="110"),
                         Flag(("--label",), repeat=True), Flag(("--taint",), repeat=True)], program="sim")
        if len(p.positional) != 1:
            raise CommandError("usage: sim node add NAME [--cpu 2] [--memory 4Gi] [--pods 110] [--label k=v] "
                               "[--taint k=v:NoSchedule]")
        name = p.positional[0]
        from .validation import _DNS1123_SUB
        if not _DNS1123_SUB.match(name):
            raise CommandError(f'sim node add: "{name}" is not a valid node name (lower case letters, digits, "-", ".")')
        from . import quantity as q
        try:
            q.parse_quantity(p.str("cpu"))
            q.parse_quantity(p.str("memory"))
            pods = int(str(p.str("pods")))
        except (q.QuantityError, ValueError):
            raise CommandError("sim node add: --cpu, --memory and --pods need quantities such as 2, 4Gi, 110") from None
        labels = {}
        for kv in p.list("label"):
            if "=" not in kv:
                raise CommandError(f'sim node add: label "{kv}" must be key=value')
            k, v = kv.split("=", 1)
            labels[k] = v
        taints = []
        for t in p.list("taint"):
            kv, _, effect = t.partition(":")
            if effect not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
                raise CommandError(f'sim node add: taint "{t}" must be key[=value]:NoSchedule|PreferNoSchedule|NoExecute')
            k, _, v = kv.partition("=")
            taints.append({"key": k, "effect": effect, **({"value": v} if v else {})})
        c.add_node(name, cpu=str(p.str("cpu")), memory=str(p.str("memory")), pods=pods, labels=labels, taints=taints)
        _settle(c)
        return f"node/{name} joined the cluster"
    if sub in ("stop", "cut", "back"):
        if len(rest) != 1:
            raise CommandError(f"usage: sim node {sub} NAME")
        name = rest[0]
        if name not in c.kubelets:
            raise APIError(f'Error from server (NotFound): nodes "{name}" not found', "NotFound")
        state = c.kubelets[name].state
        if sub == "stop":
            if state == "stopped":
                raise CommandError(f"sim node stop: {name} is already stopped")
            c.stop_node(name)
            msg = (f"{name} powered off: its containers are gone and its kubelet is silent; the node controller marks it "
                   "Unknown after 50s and evicts its pods 300s later")
        elif sub == "cut":
            if state != "running":
                raise CommandError(f"sim node cut: {name} is {state}")
            c.cut_off_node(name)
            msg = (f"{name} cut off from the API server: containers keep running, but no heartbeats or status get "
                   "through")
        else:
            if state == "running":
                raise CommandError(f"sim node back: {name} is already running")
            c.bring_back_node(name)
            msg = f"{name} is back: the kubelet renews its Lease and resyncs its pods"
        _settle(c)
        return msg
    raise CommandError(f'sim node: unknown action "{sub}" (add, stop, cut, back)')


def sim_nodes(world: Any, inv: Invocation, args: list[str]) -> str:
    from .output import table
    from . import quantity as q
    c = _cluster(world)
    if args:
        raise CommandError("usage: sim nodes")
    rows = []
    for node in c.nodes():
        name = node["metadata"]["name"]
        u = c.node_usage(name)
        lease = c.api.get("leases", "kube-node-lease", name)
        from .meta import parse_timestamp
        ago = c.sim.now - parse_timestamp(lease["spec"]["renewTime"]) if lease else 0
        rows.append([name, c.kubelets[name].state, f"{int(ago)}s ago",
                     f"{q.format_cpu(u['cpu_requested_milli'])}/{q.format_cpu(u['cpu_allocatable_milli'])}",
                     f"{q.format_mi(u['memory_requested'])}/{q.format_mi(u['memory_allocatable'])}",
                     f"{u['pods']}/{u['pods_allocatable']}", str(len(u["images"]))])
    if not rows:
        return "no nodes (try \"sim preset classroom\")"
    return table(["NODE", "MACHINE", "LAST-HEARTBEAT", "CPU-REQUESTED", "MEMORY-REQUESTED", "PODS", "IMAGES"], rows)


# -- faults -----------------------------------------------------------------------------------------------

def sim_crash(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("-c", "--container")), Flag(("--times",), default="1"),
                     Flag(("--always",), takes_value=False), Flag(("--exit-code",), default="1")], program="sim")
    if len(p.positional) != 1:
        raise CommandError("usage: sim crash POD [-n NS] [-c CONTAINER] [--times N | --always] [--exit-code 1]")
    c = _cluster(world)
    ns = p.str("namespace") or "default"
    name = p.positional[0].split("/", 1)[-1]
    pod = c.api.must_get("pods", ns, name)
    node = pod["spec"].get("nodeName")
    kl = c.kubelets.get(node or "")
    rt = kl.pods.get((ns, name)) if kl else None
    cname = p.str("container") or pod["spec"]["containers"][0]["name"]
    if rt is None or rt.state.get(cname) != "running":
        raise CommandError(f'sim crash: container "{cname}" of pod {name} is not running')
    try:
        times, code = int(str(p.get("times"))), int(str(p.get("exit_code")))
    except ValueError:
        raise CommandError("sim crash: --times and --exit-code take whole numbers") from None
    if times < 1:
        raise CommandError("sim crash: --times must be at least 1")
    rt.crash_mode[cname] = -1 if p.flag("always") else times - 1
    c.sim.emit(ev.NodeFault, node=node, fault="crash", detail=f"{ns}/{name}/{cname}")
    kl.crash((ns, name), rt.uid, cname, code)
    _settle(c)
    more = "every time it starts" if p.flag("always") else (f"{times - 1} more time(s) after restarts" if times > 1 else "once")
    return f"container {cname} of pod {name} exited with code {code} (crashes {more})"


def sim_probe_fail(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("-c", "--container")), Flag(("--liveness",), takes_value=False),
                     Flag(("--readiness",), takes_value=False), Flag(("--off",), takes_value=False)], program="sim")
    if len(p.positional) != 1 or p.flag("liveness") == p.flag("readiness"):
        raise CommandError("usage: sim probe-fail POD --liveness|--readiness [-c CONTAINER] [-n NS] [--off]")
    kind = "liveness" if p.flag("liveness") else "readiness"
    c = _cluster(world)
    ns = p.str("namespace") or "default"
    name = p.positional[0].split("/", 1)[-1]
    pod = c.api.must_get("pods", ns, name)
    cname = p.str("container") or pod["spec"]["containers"][0]["name"]
    cont = next((x for x in pod["spec"]["containers"] if x["name"] == cname), None)
    if cont is None:
        raise CommandError(f'sim probe-fail: pod {name} has no container "{cname}"')
    if not cont.get(f"{kind}Probe"):
        raise CommandError(f"sim probe-fail: container {cname} has no {kind}Probe (add one to the manifest)")
    kl = c.kubelets.get(pod["spec"].get("nodeName") or "")
    rt = kl.pods.get((ns, name)) if kl else None
    if rt is None:
        raise CommandError(f"sim probe-fail: pod {name} is not running on a node")
    kl.set_probe_fault((ns, name), rt.uid, cname, kind, not p.flag("off"))
    probe = cont[f"{kind}Probe"]
    if p.flag("off"):
        return f"the {kind} probe of {name}/{cname} passes again"
    secs = int(probe.get("periodSeconds", 10)) * int(probe.get("failureThreshold", 3))
    then = "the kubelet restarts the container" if kind == "liveness" else "the pod turns NotReady (no traffic)"
    return f"the {kind} probe of {name}/{cname} now fails; after {secs}s ({probe.get('failureThreshold', 3)} failures, " \
           f"every {probe.get('periodSeconds', 10)}s) {then}"


def sim_pull_fail(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--node",), default="*"), Flag(("--off",), takes_value=False),
                     Flag(("--message",))], program="sim")
    if len(p.positional) != 1:
        raise CommandError("usage: sim pull-fail IMAGE|* [--node NODE] [--message TEXT] [--off]")
    c = _cluster(world)
    key = (str(p.str("node")), p.positional[0])
    if key[0] != "*" and key[0] not in c.kubelets:
        raise APIError(f'Error from server (NotFound): nodes "{key[0]}" not found', "NotFound")
    if p.flag("off"):
        if c.pull_faults.pop(key, None) is None:
            raise CommandError(f"sim pull-fail: no pull fault set for {key[1]} on {key[0]}")
        return f"pulls of {key[1]} on {'all nodes' if key[0] == '*' else key[0]} work again"
    msg = p.str("message") or (f'rpc error: code = Unknown desc = failed to pull and unpack image "{key[1]}": failed to '
                               f'copy: httpReadSeeker: failed open: unexpected status code 503 Service Unavailable')
    c.pull_faults[key] = msg
    c.sim.emit(ev.NodeFault, node=key[0], fault="pull-fail", detail=key[1])
    return f"pulls of {key[1]} on {'all nodes' if key[0] == '*' else key[0]} will fail: {msg}"


def register(console: Console) -> None:
    from .cli_inspect import sim_curl, sim_dns, sim_explain, sim_logs, sim_run_until, sim_scheduler

    kubectl.register_all(console)
    console.register_sim("preset", sim_preset, "sim preset classroom | large N",
                         "build a cluster: 3 classroom nodes, or N identical nodes (up to 5000)")
    console.register_sim("node", sim_node, "sim node add|stop|cut|back NAME",
                         "add a node, power it off, cut its network, or bring it back")
    console.register_sim("nodes", sim_nodes, "sim nodes", "machines, heartbeats and requested resources per node")
    console.register_sim("crash", sim_crash, "sim crash POD [-c C] [--times N|--always]",
                         "make a container exit (CrashLoopBackOff with --always)")
    console.register_sim("probe-fail", sim_probe_fail, "sim probe-fail POD --liveness|--readiness [--off]",
                         "make a probe fail: liveness restarts the container, readiness stops its traffic")
    console.register_sim("pull-fail", sim_pull_fail, "sim pull-fail IMAGE [--node N] [--off]",
                         "make image pulls fail (ErrImagePull, ImagePullBackOff)")
    console.register_sim("run-until", sim_run_until, "sim run-until CONDITION [--timeout 10m]",
                         "advance time until all-running, rollout/D, pod/P=Running, node/N=Unknown, event/KIND")
    console.register_sim("explain", sim_explain, "sim explain pod NAME [-n NS] [--json]",
                         "why the scheduler put a pod where it did: filters and scores per node")
    console.register_sim("scheduler", sim_scheduler, "sim scheduler [--strategy S] [--percentage P]",
                         "LeastAllocated (spread) or MostAllocated (bin-pack); percentageOfNodesToScore")
    console.register_sim("dns", sim_dns, "sim dns NAME [-n NS]", "ask the cluster DNS for a Service's ClusterIP")
    console.register_sim("logs", sim_logs, "sim logs [POD] [-n NS] [--tail 20]",
                         "container output gathered by the log collector (kept after pods are gone)")
    console.register_sim("curl", sim_curl, "sim curl SERVICE [--from NODE]",
                         "send one request to a Service through kube-proxy")
