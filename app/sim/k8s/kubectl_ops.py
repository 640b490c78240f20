"""``kubectl cordon|uncordon|drain|taint|label|logs|top|version|cluster-info`` and shared helpers."""
from __future__ import annotations

from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import events as ev
from .apiserver import APIError
from .kubectl import cluster_of, namespace_of, ref_name, selector_of, split_targets
from .labels import matches
from .meta import controller_of, timestamp
from .output import table
from .podops import graceful_delete
from . import quantity as q


def _one(world: Any, p, allowed: tuple[str, ...], verb: str) -> tuple[Any, str, dict]:
    resource, names = split_targets(p.positional)
    if resource not in allowed:
        raise CommandError(f"error: {verb} is not supported for {resource} in the simulator")
    if len(names) != 1:
        raise CommandError(f"error: {verb} takes exactly one {resource[:-1]} name")
    c = cluster_of(world)
    ns = namespace_of(p)
    obj = c.api.get(resource, ns if resource != "nodes" else "", names[0])
    if obj is None:
        raise APIError(f'Error from server (NotFound): {resource}{".apps" if resource in ("deployments", "replicasets", "daemonsets") else ""} '
                       f'"{names[0]}" not found', "NotFound")
    return c, resource, obj


def _store(c: Any, resource: str, obj: dict) -> None:
    c.api.update(resource, obj, "kubectl")
    c.sim.run_until(c.sim.now)


# -- nodes ---------------------------------------------------------------------------------------------

def _set_unschedulable(c: Any, node: dict, value: bool) -> None:
    spec = dict(node["spec"])
    if value:
        spec["unschedulable"] = True
    else:
        spec.pop("unschedulable", None)
    new = dict(node, spec=spec)
    new["metadata"] = dict(node["metadata"])
    _store(c, "nodes", new)


def cmd_cordon(world: Any, inv: Invocation, args: list[str]) -> str:
    return _cordon(world, args, True)


def cmd_uncordon(world: Any, inv: Invocation, args: list[str]) -> str:
    return _cordon(world, args, False)


def _cordon(world: Any, args: list[str], value: bool) -> str:
    p = parse(args, [], program="kubectl")
    p.positional = ["nodes", *p.positional] if p.positional and "/" not in p.positional[0] else p.positional
    c, _, node = _one(world, p, ("nodes",), "cordon" if value else "uncordon")
    name = node["metadata"]["name"]
    word = "cordoned" if value else "uncordoned"
    if bool(node["spec"].get("unschedulable")) == value:
        return f"node/{name} already {word}"
    _set_unschedulable(c, node, value)
    return f"node/{name} {word}"


def cmd_drain(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--ignore-daemonsets",), takes_value=False), Flag(("--force",), takes_value=False),
                     Flag(("--delete-emptydir-data",), takes_value=False), Flag(("--grace-period",), default="-1"),
                     Flag(("--timeout",))], program="kubectl")
    p.positional = ["nodes", *p.positional] if p.positional and "/" not in p.positional[0] else p.positional
    c, _, node = _one(world, p, ("nodes",), "drain")
    name = node["metadata"]["name"]
    pods = [x for x in c.pods_on_node(name) if not x["metadata"].get("deletionTimestamp")]
    ds = [x for x in pods if (controller_of(x) or {}).get("kind") == "DaemonSet"]
    bare = [x for x in pods if controller_of(x) is None]
    problems = []
    if ds and not p.flag("ignore_daemonsets"):
        problems.append("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): "
                        + ", ".join(f"{x['metadata']['namespace']}/{x['metadata']['name']}" for x in ds))
    if bare and not p.flag("force"):
        problems.append("cannot delete Pods declare no controller (use --force to override): "
                        + ", ".join(f"{x['metadata']['namespace']}/{x['metadata']['name']}" for x in bare))
    lines = []
    if not node["spec"].get("unschedulable"):
        _set_unschedulable(c, node, True)
    lines.append(f"node/{name} cordoned")
    if problems:
        lines.append(f'error: unable to drain node "{name}" due to error: {", ".join(problems)}, continuing command...')
        lines.append("There are pending nodes to be drained:")
        lines.append(f" {name}")
        lines += [f"error: {x}" for x in problems]
        return "\n".join(lines)
    if ds:
        lines.append("Warning: ignoring DaemonSet-managed Pods: "
                     + ", ".join(f"{x['metadata']['namespace']}/{x['metadata']['name']}" for x in ds))
    victims = [x for x in pods if x not in ds]
    waiting = []
    for x in victims:
        lines.append(f"evicting pod {x['metadata']['namespace']}/{x['metadata']['name']}")
        c.api.event(x, "Normal", "Evicted", "Evicted by kubectl drain", "kubectl")
        c.sim.emit(ev.PodEvicted, pod=x["metadata"]["name"], namespace=x["metadata"]["namespace"], node=name,
                   reason="Drain")
        kept = graceful_delete(c.api, x, "kubectl")
        if kept is not None:
            waiting.append((x["metadata"]["namespace"], x["metadata"]["name"], x["metadata"]["uid"]))
    c.sim.run_while(lambda: any((o := c.api.get("pods", ns, n)) is not None and o["metadata"]["uid"] == uid
                                for ns, n, uid in waiting), 60.0)
    lines += [f"pod/{n} evicted" for _, n, _ in waiting]
    lines.append(f"node/{name} drained")
    return "\n".join(lines)


def cmd_taint(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--overwrite",), takes_value=False)], program="kubectl")
    if len(p.positional) < 2:
        raise CommandError("error: at least one taint update is required")
    words = p.positional
    if "/" in words[0]:
        targets, specs = [words[0]], words[1:]
    else:
        targets, specs = words[:2], words[2:]
    p.positional = targets
    c, _, node = _one(world, p, ("nodes",), "taint")
    name = node["metadata"]["name"]
    taints = list(node["spec"].get("taints") or [])
    added, removed = [], []
    for s in specs:
        if s.endswith("-"):
            key, _, effect = s[:-1].partition(":")
            key = key.split("=", 1)[0]
            hit = [t for t in taints if t["key"] == key and (not effect or t.get("effect") == effect)]
            if not hit:
                raise CommandError(f'error: taint "{s[:-1]}" not found')
            taints = [t for t in taints if t not in hit]
            removed += hit
            continue
        kv, _, effect = s.partition(":")
        if effect not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
            raise CommandError(f'error: invalid taint spec: {s}, unknown taint effect: "{effect}"' if effect else
                               f"error: invalid taint spec: {s}")
        key, _, value = kv.partition("=")
        t = {"key": key, "effect": effect}
        if value:
            t["value"] = value
        if effect == "NoExecute":
            t["timeAdded"] = timestamp(c.sim.now)
        same = [x for x in taints if x["key"] == key and x.get("effect") == effect]
        if same and not p.flag("overwrite"):
            raise CommandError(f"error: node {name} already has {key} taint(s) with same effect(s) and --overwrite is false")
        taints = [x for x in taints if x not in same] + [t]
        added.append(t)
    spec = dict(node["spec"])
    if taints:
        spec["taints"] = taints
    else:
        spec.pop("taints", None)
    new = dict(node, spec=spec)
    new["metadata"] = dict(node["metadata"])
    _store(c, "nodes", new)
    for t in added:
        c.sim.emit(ev.TaintAdded, node=name, key=t["key"], effect=t["effect"], actor="kubectl")
    for t in removed:
        c.sim.emit(ev.TaintRemoved, node=name, key=t["key"], effect=t["effect"], actor="kubectl")
    return f"node/{name} {'untainted' if removed and not added else 'tainted'}"


def cmd_label(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--overwrite",), takes_value=False)], program="kubectl")
    changes = [a for a in p.positional if "=" in a or a.endswith("-")]
    p.positional = [a for a in p.positional if a not in changes]
    if not changes:
        raise CommandError("error: at least one label update is required")
    c, resource, obj = _one(world, p, ("pods", "nodes", "deployments", "services", "namespaces", "replicasets",
                                        "daemonsets"), "label")
    labels = dict(obj["metadata"].get("labels") or {})
    removed = False
    for ch in changes:
        if ch.endswith("-") and "=" not in ch:
            labels.pop(ch[:-1], None)
            removed = True
            continue
        k, v = ch.split("=", 1)
        if k in labels and labels[k] != v and not p.flag("overwrite"):
            raise CommandError(f"error: '{k}' already has a value ({labels[k]}), and --overwrite is false")
        labels[k] = v
    from .validation import Errors, raise_if, validate_labels
    errs = Errors()
    validate_labels(errs, labels, "metadata.labels")
    raise_if(errs, obj.get("kind", resource), obj["metadata"]["name"])
    new = dict(obj)
    new["metadata"] = dict(obj["metadata"], labels=labels)
    _store(c, resource, new)
    return f"{ref_name(resource, obj['metadata']['name'])} {'unlabeled' if removed and len(changes) == 1 else 'labeled'}"


def cmd_logs(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("-c", "--container")), Flag(("--tail",), default="-1"),
                     Flag(("-f", "--follow"), takes_value=False), Flag(("-l", "--selector")), Flag(("-p", "--previous"),
                                                                                                   takes_value=False)],
              program="kubectl")
    c = cluster_of(world)
    ns = namespace_of(p)
    if p.str("selector"):
        sel = selector_of(p)
        pods = [x for x in c.pods(ns) if matches(sel, x["metadata"].get("labels"))]
    else:
        if len(p.positional) != 1:
            raise CommandError("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.")
        word = p.positional[0]
        if "/" in word and not word.startswith("pod/"):
            resource, names = split_targets([word])
            owner = c.api.must_get(resource, ns, names[0])
            sel = owner["spec"].get("selector")
            from .labels import compile_selector
            s = compile_selector(sel) if sel else None
            pods = [x for x in c.pods(ns) if s is not None and matches(s, x["metadata"].get("labels"))][:1]
            if not pods:
                raise CommandError(f"error: no pods found for {word}")
        else:
            name = word.split("/", 1)[-1]
            pods = [c.api.must_get("pods", ns, name)]
    out = []
    for pod in pods:
        containers = [ct["name"] for ct in pod["spec"].get("containers") or []]
        cname = p.str("container") or containers[0]
        if cname not in containers:
            raise APIError(f'Error from server (BadRequest): container {cname} is not valid for pod '
                           f'{pod["metadata"]["name"]}', "BadRequest")
        cs = next((x for x in (pod.get("status") or {}).get("containerStatuses") or [] if x["name"] == cname), None)
        waiting = ((cs or {}).get("state") or {}).get("waiting")
        lines = c.container_logs(ns, pod["metadata"]["name"], cname) or []
        if (cs is None or waiting) and not lines:
            reason = (waiting or {}).get("reason", "ContainerCreating")
            raise APIError(f'Error from server (BadRequest): container "{cname}" in pod "{pod["metadata"]["name"]}" is '
                           f"waiting to start: {reason}", "BadRequest")
        tail = int(str(p.get("tail")))
        out += lines[-tail:] if tail >= 0 else lines
    return "\n".join(out)


def cmd_top(world: Any, inv: Invocation, args: list[str]) -> str:
    """Simulated metrics-server figures: requests of running pods plus a per-node system overhead."""
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("-A", "--all-namespaces"), takes_value=False)], program="kubectl")
    if not p.positional or p.positional[0] not in ("nodes", "node", "no", "pods", "pod", "po"):
        raise CommandError("error: top supports: nodes, pods")
    c = cluster_of(world)
    if p.positional[0].startswith("no"):
        rows = []
        for node in c.nodes():
            name = node["metadata"]["name"]
            if c.kubelets[name].state != "running":
                rows.append([name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"])
                continue
            cpu, mem = 100, 600 * 2**20  # kubelet, containerd, system daemons
            for pod in c.pods_on_node(name):
                cu, mu = _pod_usage(pod)
                cpu, mem = cpu + cu, mem + mu
            u = c.node_usage(name)
            rows.append([name, f"{cpu}m", f"{cpu * 100 // max(1, u['cpu_allocatable_milli'])}%", q.format_mi(mem),
                         f"{mem * 100 // max(1, u['memory_allocatable'])}%"])
        return table(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"], rows)
    ns = None if p.flag("all_namespaces") else namespace_of(p)
    rows = []
    for pod in c.pods(ns):
        if (pod.get("status") or {}).get("phase") != "Running":
            continue
        cu, mu = _pod_usage(pod)
        row = [pod["metadata"]["name"], f"{cu}m", q.format_mi(mu)]
        if ns is None:
            row.insert(0, pod["metadata"]["namespace"])
        rows.append(row)
    if not rows:
        return f"No resources found in {ns} namespace." if ns else "No resources found"
    return table((["NAMESPACE"] if ns is None else []) + ["NAME", "CPU(cores)", "MEMORY(bytes)"], rows)


def _pod_usage(pod: dict) -> tuple[int, int]:
    """A running container uses about its request (1m and 4Mi when it requests nothing)."""
    if (pod.get("status") or {}).get("phase") != "Running":
        return 0, 0
    cpu = mem = 0
    for ct in pod["spec"].get("containers") or []:
        req = (ct.get("resources") or {}).get("requests") or {}
        cpu += q.milli_value(req["cpu"]) if "cpu" in req else 1
        mem += q.value(req["memory"]) if "memory" in req else 4 * 2**20
    return cpu, mem


def cmd_version(world: Any, inv: Invocation, args: list[str]) -> str:
    return "Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0 (simulated)"


def cmd_cluster_info(world: Any, inv: Invocation, args: list[str]) -> str:
    return ("Kubernetes control plane is running at https://192.168.0.2:6443\n"
            "CoreDNS is running at https://192.168.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy"
            "\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.")

