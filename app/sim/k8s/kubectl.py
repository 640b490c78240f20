"""``kubectl``: the dispatcher and the reading commands (get, describe) plus apply/create/delete.

Output follows kubectl's formats; errors use kubectl's words and are raised before anything
changes. Commands that block in real life (``delete`` waiting for pods to go, ``rollout status``,
``drain``) move the simulated clock until they are done.
"""
from __future__ import annotations

from typing import Any

from ..args import Flag, Parsed, parse
from ..console import Invocation
from ..errors import CommandError, SimError
from . import describe as desc
from .apiserver import RESOURCE_TO_KIND, APIError
from .labels import SelectorError, matches, parse_cli_selector
from .meta import human_duration
from .output import as_list, jsonpath, table, to_json, to_yaml
from .printers import rows_for
from .store import NAMESPACED

ALIASES = {
    "po": "pods", "pod": "pods", "pods": "pods", "no": "nodes", "node": "nodes", "nodes": "nodes",
    "deploy": "deployments", "deployment": "deployments", "deployments": "deployments", "deployment.apps": "deployments",
    "deployments.apps": "deployments", "rs": "replicasets", "replicaset": "replicasets", "replicasets": "replicasets",
    "replicaset.apps": "replicasets", "ds": "daemonsets", "daemonset": "daemonsets", "daemonsets": "daemonsets",
    "daemonset.apps": "daemonsets", "svc": "services", "service": "services", "services": "services",
    "endpointslice": "endpointslices", "endpointslices": "endpointslices",
    "endpointslice.discovery.k8s.io": "endpointslices", "ev": "events", "event": "events", "events": "events",
    "ns": "namespaces", "namespace": "namespaces", "namespaces": "namespaces", "cm": "configmaps",
    "configmap": "configmaps", "configmaps": "configmaps", "pc": "priorityclasses", "priorityclass": "priorityclasses",
    "priorityclasses": "priorityclasses", "lease": "leases", "leases": "leases",
}
GROUP = {"deployments": "apps", "replicasets": "apps", "daemonsets": "apps", "endpointslices": "discovery.k8s.io",
         "priorityclasses": "scheduling.k8s.io", "leases": "coordination.k8s.io"}
COMMON = [Flag(("-n", "--namespace")), Flag(("-A", "--all-namespaces"), takes_value=False),
          Flag(("-l", "--selector")), Flag(("-o", "--output"))]


def ref_name(resource: str, name: str) -> str:
    """``deployment.apps/web`` as kubectl names objects in its messages."""
    kind = RESOURCE_TO_KIND.get(resource, resource).lower()
    group = GROUP.get(resource)
    return f"{kind}.{group}/{name}" if group else f"{kind}/{name}"


def quoted_ref(resource: str, name: str) -> str:
    kind = RESOURCE_TO_KIND.get(resource, resource).lower()
    group = GROUP.get(resource)
    return f'{kind}.{group} "{name}"' if group else f'{kind} "{name}"'


def resource_of(word: str) -> str:
    r = ALIASES.get(word.lower())
    if r is None:
        raise CommandError(f'error: the server doesn\'t have a resource type "{word}"')
    return r


def split_targets(words: list[str]) -> tuple[str, list[str]]:
    """``pods a b`` or ``pod/a deploy/b`` (same type) -> (resource, names)."""
    if not words:
        raise CommandError("error: You must specify the type of resource to get. Use \"kubectl api-resources\" for a "
                           "complete list of supported resources.")
    if "/" in words[0]:
        res = None
        names = []
        for w in words:
            t, _, n = w.partition("/")
            r = resource_of(t)
            if res is not None and r != res:
                raise CommandError("error: this simulator needs one resource type per command")
            if not n:
                raise CommandError(f'error: arguments in resource/name form must have a single resource and name')
            res = r
            names.append(n)
        return res or "", names
    return resource_of(words[0].split(",")[0]), words[1:]


def namespace_of(p: Parsed) -> str:
    return p.str("namespace") or "default"


def selector_of(p: Parsed):
    text = p.str("selector")
    if not text:
        return None
    try:
        return parse_cli_selector(text)
    except SelectorError as exc:
        raise CommandError(f"error: {exc}") from None


def cluster_of(world: Any):
    return world.k8s


# -- get ------------------------------------------------------------------------------------------

def cmd_get(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, COMMON + [Flag(("--show-labels",), takes_value=False), Flag(("-w", "--watch"), takes_value=False),
                              Flag(("--no-headers",), takes_value=False), Flag(("--request-timeout",))],
              program="kubectl")
    out_fmt = p.str("output") or ""
    if out_fmt not in ("", "wide", "yaml", "json", "name") and not out_fmt.startswith("jsonpath="):
        raise CommandError(f"error: unable to match a printer suitable for the output format \"{out_fmt}\", allowed "
                           "formats are: json,jsonpath,name,wide,yaml")
    c = cluster_of(world)
    if p.positional and p.positional[0] == "all":
        parts = []
        for r in ("pods", "services", "daemonsets", "deployments", "replicasets"):
            text = _get_list(c, r, [], p, prefix=True)
            if text and not text.startswith("No resources"):
                parts.append(text)
        return "\n\n".join(parts) or _none_found(p)
    if p.positional and "," in p.positional[0] and "/" not in p.positional[0]:
        if len(p.positional) > 1:
            raise CommandError("error: you may only specify a single resource type when naming objects")
        types = [resource_of(t) for t in p.positional[0].split(",") if t]
        parts = [_get_list(c, r, [], p, prefix=True) for r in types if r != "events"]
        parts = [x for x in parts if x and not x.startswith("No resources")]
        return "\n\n".join(parts) or _none_found(p)
    resource, names = split_targets(p.positional)
    if resource == "events":
        return _get_events(c, p)
    if p.flag("watch"):
        return _watch(c, resource, names, p)
    return _get_list(c, resource, names, p)


def _none_found(p: Parsed) -> str:
    if p.flag("all_namespaces"):
        return "No resources found"
    return f"No resources found in {namespace_of(p)} namespace."


def _objects(c: Any, resource: str, names: list[str], p: Parsed) -> list[dict]:
    ns = None if p.flag("all_namespaces") else namespace_of(p)
    if names:
        out = []
        for n in names:
            obj = c.api.get(resource, ns or "default", n)
            if obj is None:
                raise APIError(f'Error from server (NotFound): {resource}{"." + GROUP[resource] if resource in GROUP else ""}'
                               f' "{n}" not found', "NotFound")
            out.append(obj)
        return out
    sel = selector_of(p)
    objs = c.api.list(resource, ns if NAMESPACED[resource] else None)
    if sel is not None:
        objs = [o for o in objs if matches(sel, o["metadata"].get("labels"))]
    return sorted(objs, key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))


def _get_list(c: Any, resource: str, names: list[str], p: Parsed, prefix: bool = False) -> str:
    objs = _objects(c, resource, names, p)
    fmt = p.str("output") or ""
    if fmt in ("yaml", "json") or fmt.startswith("jsonpath="):
        data = objs[0] if len(objs) == 1 and names else as_list(objs)
        if fmt == "yaml":
            return to_yaml(data)
        if fmt == "json":
            return to_json(data)
        return jsonpath(fmt[len("jsonpath="):], data)
    if fmt == "name":
        return "\n".join(ref_name(resource, o["metadata"]["name"]) for o in objs)
    if not objs:
        return _none_found(p)
    rows, headers = [], []
    for o in objs:
        headers, row = _row(c, resource, o, p, prefix)
        rows.append(row)
    if p.flag("no_headers"):
        return table(headers, rows).split("\n", 1)[1] if rows else ""
    return table(headers, rows)


def _row(c: Any, resource: str, o: dict, p: Parsed, prefix: bool = False) -> tuple[list[str], list[str]]:
    """(headers, row) for one object with the -o wide, --show-labels and -A columns."""
    headers, row = rows_for(resource, o, c.sim.now, (p.str("output") or "") == "wide", c)
    if prefix:
        row[0] = ref_name(resource, row[0])
    if p.flag("show_labels"):
        labels = o["metadata"].get("labels") or {}
        row.append(",".join(f"{k}={v}" for k, v in sorted(labels.items())) or "<none>")
        headers = headers + ["LABELS"]
    if p.flag("all_namespaces") and NAMESPACED[resource]:
        row.insert(0, o["metadata"]["namespace"])
        headers = ["NAMESPACE"] + headers
    return headers, row


#: more objects than this are not watched row by row (use -l to narrow the watch)
WATCH_LIMIT = 2000


def _watch(c: Any, resource: str, names: list[str], p: Parsed) -> str:
    """``kubectl get -w``: the table, then a line each time an object changes. A real watch runs until
    Ctrl-C; here it moves simulated time for ``--request-timeout`` (default 30s) and returns."""
    from ..args import parse_duration

    fmt = p.str("output") or ""
    if fmt not in ("", "wide"):
        raise CommandError("error: the simulator watches only in table form (-o wide or no -o)")
    limit = parse_duration(p.str("request_timeout") or "30s")
    if not 0 < limit <= 3600:
        raise CommandError("error: --request-timeout must be between 0 and 1h when watching in the simulator")
    objs = _objects(c, resource, names, p)
    if len(objs) > WATCH_LIMIT:
        raise CommandError(f"error: {len(objs)} objects are too many to watch in the simulator; narrow it with -l")
    headers: list[str] = []
    rows = []
    seen: dict[tuple[str, str], str] = {}
    for o in objs:
        headers, row = _row(c, resource, o, p)
        rows.append(row)
        seen[(o["metadata"].get("namespace", ""), o["metadata"]["name"])] = o["metadata"]["resourceVersion"]
    sim = c.sim
    end = sim.now + limit
    ns = None if p.flag("all_namespaces") or not NAMESPACED[resource] else namespace_of(p)
    sel = selector_of(p)
    while True:
        t = sim.next_time()
        if t is None or t > end:
            sim.run_until(end)
            break
        sim.step()
        for o in c.api.store.items(resource, ns):
            meta = o["metadata"]
            if names and meta["name"] not in names:
                continue
            if sel is not None and not matches(sel, meta.get("labels")):
                continue
            key = (meta.get("namespace", ""), meta["name"])
            if seen.get(key) != meta["resourceVersion"]:
                if key not in seen and len(seen) >= WATCH_LIMIT:
                    continue
                seen[key] = meta["resourceVersion"]
                headers, row = _row(c, resource, o, p)
                rows.append(row)
    if not rows:
        return _none_found(p)
    return table(headers, rows)


def _get_events(c: Any, p: Parsed) -> str:
    ns = None if p.flag("all_namespaces") else namespace_of(p)
    recs = c.api.recorder.all(ns)
    if not recs:
        return _none_found(p)
    now = c.sim.now
    rows = []
    for r in recs:
        row = [human_duration(now - r.last), r.type, r.reason, f"{r.kind.lower()}/{r.name}", r.message]
        if ns is None:
            row.insert(0, r.namespace or "default")
        rows.append(row)
    headers = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
    if ns is None:
        headers = ["NAMESPACE"] + headers
    return table(headers, rows)


# -- describe ---------------------------------------------------------------------------------------

def cmd_describe(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, COMMON, program="kubectl")
    c = cluster_of(world)
    resource, names = split_targets(p.positional)
    if resource == "events":
        raise CommandError("error: describe events is not supported; use \"kubectl get events\"")
    objs = _objects(c, resource, names, p)
    if not objs:
        return _none_found(p)
    out = []
    for o in objs:
        if resource == "pods":
            out.append(desc.describe_pod(c, o))
        elif resource == "nodes":
            out.append(desc.describe_node(c, o))
        elif resource == "deployments":
            out.append(desc.describe_deployment(c, o))
        elif resource == "services":
            out.append(desc.describe_service(c, o))
        else:
            out.append(desc.describe_generic(c, RESOURCE_TO_KIND.get(resource, resource), o))
    return "\n\n\n".join(out)


def register_all(console: Any) -> None:
    from . import kubectl_apply, kubectl_create, kubectl_ops, kubectl_rollout

    table_ = {
        "get": cmd_get, "describe": cmd_describe, "apply": kubectl_apply.cmd_apply, "create": kubectl_apply.cmd_create,
        "delete": kubectl_apply.cmd_delete, "run": kubectl_create.cmd_run, "expose": kubectl_create.cmd_expose,
        "scale": kubectl_rollout.cmd_scale, "set": kubectl_rollout.cmd_set, "rollout": kubectl_rollout.cmd_rollout,
        "cordon": kubectl_ops.cmd_cordon, "uncordon": kubectl_ops.cmd_uncordon, "drain": kubectl_ops.cmd_drain,
        "taint": kubectl_ops.cmd_taint, "label": kubectl_ops.cmd_label, "logs": kubectl_ops.cmd_logs,
        "top": kubectl_ops.cmd_top, "version": kubectl_ops.cmd_version, "cluster-info": kubectl_ops.cmd_cluster_info,
    }

    def kubectl(world: Any, inv: Invocation, args: list[str]) -> str:
        if not args or args[0] in ("-h", "--help", "help"):
            return ("kubectl controls the simulated Kubernetes cluster manager.\n\nCommands available here:\n  "
                    + "\n  ".join(sorted(table_)))
        handler = table_.get(args[0])
        if handler is None:
            raise CommandError(f'error: unknown command "{args[0]}" for "kubectl"\nRun \'kubectl --help\' for usage.')
        try:
            return handler(world, inv, args[1:])
        except SimError:
            raise
        except RecursionError:
            raise CommandError("error: input nested too deeply") from None

    console.register("kubectl", kubectl)
