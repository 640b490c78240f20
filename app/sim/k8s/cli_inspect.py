"""``sim`` commands that watch and ask: run-until, explain, scheduler settings, dns, curl."""
from __future__ import annotations

import json
from typing import Any

from ..args import Flag, parse, parse_duration
from ..console import Invocation
from ..errors import CommandError
from ..sim_cli import format_time
from . import events as ev
from .networking import resolve_dns
from .podops import is_ready


def _cluster(world: Any):
    return world.k8s


# -- time -------------------------------------------------------------------------------------------------

def _condition(c: Any, text: str):
    """Compile a run-until condition into a predicate."""
    if text == "all-running":
        return c.all_running
    kind, _, rest = text.partition("/")
    target, _, want = rest.partition("=")
    if kind in ("rollout", "deployment", "deploy"):
        ns, name = "default", target
        c.api.must_get("deployments", ns, name)

        def pred() -> bool:
            d = c.api.get("deployments", ns, name)
            if d is None:
                return False
            from .kubectl_rollout import rollout_message
            return rollout_message(c, d)[1]
        return pred
    if kind == "pod":
        if not want:
            raise CommandError("sim run-until: pod/NAME=PHASE|Ready|gone")

        def pred() -> bool:
            p = c.api.get("pods", "default", target)
            if want == "gone":
                return p is None
            if p is None:
                return False
            return is_ready(p) if want == "Ready" else (p.get("status") or {}).get("phase") == want
        return pred
    if kind == "node":
        if want not in ("Ready", "NotReady", "Unknown"):
            raise CommandError("sim run-until: node/NAME=Ready|NotReady|Unknown")
        c.api.must_get("nodes", "", target)

        def pred() -> bool:
            n = c.api.get("nodes", "", target)
            for cond in (n.get("status") or {}).get("conditions") or ():
                if cond["type"] == "Ready":
                    return {"True": "Ready", "False": "NotReady"}.get(cond["status"], "Unknown") == want
            return False
        return pred
    if kind == "event":
        start = c.sim.event_count
        known = {cls.__name__ for cls in vars(ev).values() if isinstance(cls, type) and issubclass(cls, ev.K8sEvent)}
        if target not in known:
            raise CommandError(f"sim run-until: unknown event kind {target!r}")

        def pred() -> bool:
            return any(e.kind == target for e in c.sim.events_since(start))
        return pred
    raise CommandError("sim run-until: conditions are all-running, rollout/DEPLOYMENT, pod/NAME=PHASE|Ready|gone, "
                       "node/NAME=Ready|NotReady|Unknown, event/KIND")


def sim_run_until(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--timeout",), default="10m")], program="sim")
    if len(p.positional) != 1:
        raise CommandError("usage: sim run-until CONDITION [--timeout 10m]")
    c = _cluster(world)
    limit = parse_duration(str(p.get("timeout")))
    if not 0 < limit <= 30 * 86400:
        raise CommandError("sim run-until: --timeout must be between 0 and 30 days")
    pred = _condition(c, p.positional[0])
    start = c.sim.now
    if c.sim.run_while(lambda: not pred(), limit):
        return f"{p.positional[0]}: reached at {format_time(c.sim.now)} (after {format_time(c.sim.now - start)})"
    return f"{p.positional[0]}: not reached; timed out after {format_time(limit)} (now {format_time(c.sim.now)})"


# -- explain, scheduler, network --------------------------------------------------------------------------

def sim_explain(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--json",), takes_value=False), Flag(("--all",), takes_value=False)],
              program="sim")
    words = p.positional
    if len(words) == 1 and words[0].startswith("pod/"):
        words = ["pod", words[0][4:]]
    if len(words) != 2 or words[0] not in ("pod", "po", "pods"):
        raise CommandError("usage: sim explain pod NAME [-n NS] [--json] [--all]")
    c = _cluster(world)
    ns = p.str("namespace") or "default"
    c.api.must_get("pods", ns, words[1]) if c.scheduling_breakdown(ns, words[1]) is None else None
    d = c.scheduling_breakdown(ns, words[1])
    if d is None:
        pod = c.api.get("pods", ns, words[1])
        if pod is not None and pod["spec"].get("nodeName"):
            return (f"pod {words[1]} was bound to {pod['spec']['nodeName']} without this scheduler's decision being kept "
                    "(spec.nodeName set in the manifest, or the breakdown was dropped to save memory)")
        return f"pod {words[1]} has not been through a scheduling cycle yet"
    if p.flag("json"):
        return json.dumps(d.as_dict(), indent=2, sort_keys=True)
    return d.render(limit=10**6 if p.flag("all") else 20)


def sim_scheduler(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--strategy",)), Flag(("--percentage",))], program="sim")
    c = _cluster(world)
    alg = c.scheduler.algorithm
    if p.positional:
        raise CommandError("usage: sim scheduler [--strategy LeastAllocated|MostAllocated] [--percentage 0-100]")
    if p.str("strategy"):
        if p.str("strategy") not in ("LeastAllocated", "MostAllocated"):
            raise CommandError("sim scheduler: --strategy is LeastAllocated (spread, default) or MostAllocated (bin-pack)")
        alg.strategy = str(p.str("strategy"))
    if p.str("percentage") is not None:
        try:
            pct = int(str(p.str("percentage")))
        except ValueError:
            raise CommandError("sim scheduler: --percentage takes a whole number 0-100 (0 = adaptive)") from None
        if not 0 <= pct <= 100:
            raise CommandError("sim scheduler: --percentage takes a whole number 0-100 (0 = adaptive)")
        alg.percentage = pct
    pct = "adaptive (50 - nodes/125, at least 5%, at least 100 nodes)" if alg.percentage == 0 else f"{alg.percentage}%"
    return f"scheduler: NodeResourcesFit scoring strategy {alg.strategy}; percentageOfNodesToScore {pct}"


def sim_dns(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace"))], program="sim")
    if len(p.positional) != 1:
        raise CommandError("usage: sim dns NAME [-n NS]   (e.g. web.default.svc.cluster.local)")
    c = _cluster(world)
    name = p.positional[0]
    ip = c.resolve(name, p.str("namespace") or "default")
    if ip is None:
        return f"** server can't find {name}: NXDOMAIN"
    return f"Name:\t{name}\nAddress: {ip}"


def sim_curl(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--from",)), Flag(("-n", "--namespace"))], program="sim")
    if len(p.positional) != 1:
        raise CommandError("usage: sim curl SERVICE[:PORT] [--from NODE] [-n NS]")
    c = _cluster(world)
    nodes = sorted(c.kubelets)
    src = p.str("from") or (nodes[0] if nodes else None)
    if src is None or src not in c.kubelets:
        raise CommandError(f"sim curl: no such node {src!r}")
    if c.kubelets[src].state == "stopped":
        raise CommandError(f"sim curl: {src} is powered off")
    host = p.positional[0].removeprefix("http://").split("/", 1)[0].split(":", 1)[0]
    hit = resolve_dns(c, host, p.str("namespace") or "default")
    c.sim.emit(ev.DNSQuery, name=host, answer=hit[2] if hit else "", ok=hit is not None)
    if hit is None:
        raise CommandError(f"curl: (6) Could not resolve host: {host}")
    ns, svc, ip = hit
    route = c.proxy.route(src, ns, svc)
    if route is None:
        raise CommandError(f"curl: (7) Failed to connect to {host} port 80: Connection refused "
                           "(the Service has no ready endpoints)")
    pod_ip, pod, node = route
    c.sim.emit(ev.ServiceRequest, service=svc, namespace=ns, from_node=src, pod=pod, pod_ip=pod_ip, node=node)
    live = c.api.get("pods", ns, pod)
    if live is None or c.kubelets.get(node) is None or c.kubelets[node].state == "stopped":
        raise CommandError(f"curl: (28) Connection timed out after 10000 milliseconds (kube-proxy on {src} still sent "
                           f"the request to {pod} at {pod_ip}, which is gone)")
    return f"HTTP/1.1 200 OK  ({host} -> {ip} -> {pod} {pod_ip} on {node}, via kube-proxy on {src})"


def sim_logs(world: Any, inv: Invocation, args: list[str]) -> str:
    """What the log collector has shipped (it keeps lines after their pods are gone)."""
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--tail",), default="20")], program="sim")
    c = _cluster(world)
    store = c.log_collector.store
    if not store:
        return "the log collector has shipped nothing yet (it runs where its kube-system pod is Running)"
    try:
        tail = int(str(p.get("tail")))
    except ValueError:
        raise CommandError("sim logs: --tail takes a whole number") from None
    ns = p.str("namespace")
    want = p.positional[0] if p.positional else None
    out = []
    for (pns, pod, cname), lines in sorted(store.items()):
        if (ns and pns != ns) or (want and pod != want):
            continue
        out += [f"{pns}/{pod}/{cname}: {line}" for line in lines[-tail:]]
    return "\n".join(out) or f"no collected lines for {want or ns}"
