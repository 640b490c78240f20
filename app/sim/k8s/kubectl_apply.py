"""``kubectl apply|create|delete|run|expose``: objects in, through admission, into the store.

Every document of a request is read, validated and defaulted before the first one is stored, so a
rejected request changes nothing (real kubectl applies the valid documents of a multi-document
file and reports the others; the simulator is stricter on purpose).
``--validate`` defaults to ``strict`` as in kubectl >= 1.25 (unknown fields are errors);
``--validate=warn`` prints ``Warning: unknown field ...`` and goes on.
Simplification: apply replaces labels, annotations and spec (no three-way merge).
"""
from __future__ import annotations

import copy
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError, InputError
from . import admission
from .apiserver import KIND_TO_RESOURCE, APIError
from .kubectl import COMMON, GROUP, cluster_of, namespace_of, quoted_ref, ref_name, selector_of, split_targets
from .labels import matches
from .manifests import Document, load_documents
from .schema import drop_nulls
from .podops import graceful_delete
from .store import NAMESPACED

MAX_FILES = 200


def read_documents(inv: Invocation, paths: list[str]) -> list[Document]:
    docs: list[Document] = []
    for path in paths:
        if path == "-":
            docs += load_documents(inv.stdin or "", "STDIN")
            continue
        if inv.is_dir(path):
            tree = inv.read_tree(path)
            files = [k for k in tree if k.endswith((".yaml", ".yml", ".json"))]
            if len(files) > MAX_FILES:
                raise CommandError(f"error: {path}: more than {MAX_FILES} manifest files")
            for rel in files:
                docs += load_documents(_decode(tree[rel], f"{path}/{rel}"), f"{path.rstrip('/')}/{rel}")
            continue
        docs += load_documents(_decode(inv.read_file(path), path), path)
    if not docs:
        raise CommandError("error: no objects passed to apply")
    return docs


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"error: {path}: not UTF-8 text", path, None) from None


def _prepare(c: Any, doc: Document, ns_flag: str | None, validate: str) -> tuple[str, dict, list[str]]:
    kind = doc.kind
    resource = KIND_TO_RESOURCE[kind]
    obj = drop_nulls(copy.deepcopy(doc.obj))
    if doc.warnings and validate == "strict":
        fields = ", ".join(w[len("Warning: "):] for w in doc.warnings)
        raise APIError(f'Error from server (BadRequest): error when creating "{doc.source}": {kind} in version '
                       f'"{doc.obj.get("apiVersion")}" cannot be handled as a {kind}: strict decoding error: {fields}',
                       "BadRequest")
    meta = obj.get("metadata")
    if isinstance(meta, dict) and NAMESPACED[resource]:
        ns = meta.get("namespace")
        if ns_flag and ns and ns != ns_flag:
            raise CommandError(f'error: the namespace from the provided object "{ns}" does not match the namespace '
                               f'"{ns_flag}". You must pass \'--namespace={ns}\' to perform this operation.')
        meta.setdefault("namespace", ns_flag or "default")
    admission.validate(kind, obj)
    if kind not in ("ConfigMap", "PriorityClass") and obj.get("spec") is None:
        obj["spec"] = {}
    if kind != "Node":
        obj.pop("status", None)
    obj = admission.apply_defaults(kind, obj)
    if kind == "Pod":
        obj["spec"]["priority"] = c.resolve_priority(obj["spec"], obj["metadata"].get("name", ""))
    if kind in ("Deployment", "ReplicaSet", "DaemonSet"):
        c.resolve_priority(dict(obj["spec"]["template"]["spec"], priority=None))
    return resource, obj, (doc.warnings if validate == "warn" else [])


def submit(c: Any, resource: str, obj: dict, mode: str, actor: str = "kubectl") -> str:
    """Store one admitted object: mode ``apply`` (create or update) or ``create``. Returns the verb."""
    meta = obj["metadata"]
    ns = meta.get("namespace", "") if NAMESPACED[resource] else ""
    cur = c.api.get(resource, ns, meta["name"]) if meta.get("name") else None
    if resource == "nodes":
        if cur is None:
            c.add_node(meta["name"], manifest=obj, actor=actor)
            return "created"
        if mode == "create":
            raise APIError(f'Error from server (AlreadyExists): error when creating: nodes "{meta["name"]}" already exists',
                           "AlreadyExists")
        new = dict(cur, spec=dict(cur["spec"], **{k: v for k, v in obj.get("spec", {}).items()
                                                  if k in ("unschedulable", "taints")}))
        new["metadata"] = dict(cur["metadata"], labels={**(cur["metadata"].get("labels") or {}),
                                                        **(meta.get("labels") or {})})
        if new == cur:
            return "unchanged"
        c.api.update("nodes", new, actor)
        return "configured"
    if cur is None:
        if resource == "services":
            _allocate_service(c, obj)
        c.api.create(resource, obj, actor)
        return "created"
    if mode == "create":
        raise APIError(f'Error from server (AlreadyExists): error when creating: {resource}'
                       f'{"." + GROUP[resource] if resource in GROUP else ""} "{meta["name"]}" already exists',
                       "AlreadyExists")
    if meta.get("resourceVersion") and meta["resourceVersion"] != cur["metadata"]["resourceVersion"]:
        from .apiserver import conflict
        raise conflict(resource, meta["name"])
    new = dict(cur)
    new["metadata"] = dict(cur["metadata"])
    for k in ("labels", "annotations"):
        if meta.get(k) is not None:
            new["metadata"][k] = meta[k]
        else:
            new["metadata"].pop(k, None)
    for k, v in obj.items():
        if k not in ("metadata", "status", "apiVersion", "kind"):
            new[k] = v
    if resource == "pods" and obj["spec"] != cur["spec"]:
        changed = _pod_spec_change(cur["spec"], obj["spec"])
        if changed:
            raise APIError(f'The Pod "{meta["name"]}" is invalid: spec: Forbidden: pod updates may not change fields '
                           "other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
                           "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                           "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                           "Invalid")
        new["spec"] = cur["spec"]
    if resource in ("deployments", "replicasets", "daemonsets"):
        if obj["spec"].get("selector") != cur["spec"].get("selector"):
            raise APIError(f'The {obj["kind"]} "{meta["name"]}" is invalid: spec.selector: Invalid value: '
                           f'{obj["spec"].get("selector")}: field is immutable', "Invalid")
        new["status"] = cur.get("status", {})
    if resource == "services":
        _keep_service_allocations(cur, new)
    if new == cur:
        return "unchanged"
    c.api.update(resource, new, actor)
    return "configured"


def _pod_spec_change(old: dict, new: dict) -> bool:
    a = copy.deepcopy(old)
    b = copy.deepcopy(new)
    for spec in (a, b):
        spec.pop("nodeName", None)
        spec.pop("priority", None)
        for c in spec.get("containers") or []:
            c.pop("image", None)
    return a != b


def _allocate_service(c: Any, obj: dict) -> None:
    spec = obj["spec"]
    if spec.get("clusterIP") != "None" and spec.get("type") != "ExternalName":
        ip = spec.get("clusterIP") or c.allocate_cluster_ip()
        spec["clusterIP"] = ip
        spec["clusterIPs"] = [ip]
        spec.setdefault("ipFamilies", ["IPv4"])
        spec.setdefault("ipFamilyPolicy", "SingleStack")
    if spec.get("type") in ("NodePort", "LoadBalancer"):
        for p in spec["ports"]:
            if not p.get("nodePort"):
                p["nodePort"] = c.allocate_node_port()


def _keep_service_allocations(cur: dict, new: dict) -> None:
    spec = dict(new["spec"])
    for k in ("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"):
        if k in cur["spec"]:
            spec[k] = cur["spec"][k]
    old_ports = {(p.get("port"), p.get("protocol")): p.get("nodePort") for p in cur["spec"].get("ports") or []}
    spec["ports"] = [dict(p, nodePort=p.get("nodePort") or old_ports.get((p.get("port"), p.get("protocol"))))
                     if old_ports.get((p.get("port"), p.get("protocol"))) else p for p in spec.get("ports") or []]
    new["spec"] = spec


def _apply_files(world: Any, inv: Invocation, args: list[str], mode: str) -> str:
    p = parse(args, COMMON + [Flag(("-f", "--filename"), repeat=True), Flag(("--validate",), default="strict"),
                              Flag(("-R", "--recursive"), takes_value=False)], program="kubectl")
    files = p.list("filename")
    if not files:
        raise CommandError("error: must specify one of -f and -k")
    validate = str(p.get("validate")).lower()
    validate = {"true": "strict", "false": "ignore"}.get(validate, validate)
    if validate not in ("strict", "warn", "ignore"):
        raise CommandError(f'error: invalid - validate option "{validate}"; must be one of: strict (or true), warn, '
                           "ignore (or false)")
    c = cluster_of(world)
    docs = read_documents(inv, files)
    prepared = [(_prepare(c, d, p.str("namespace"), validate), d) for d in docs]
    # namespaces first (kubectl sorts nothing, but a file with a Namespace and its objects must work)
    prepared.sort(key=lambda x: x[0][0] != "namespaces")
    for (resource, obj, _), d in prepared:
        ns = obj["metadata"].get("namespace")
        if NAMESPACED[resource] and c.api.get("namespaces", "", ns) is None and not any(
                r == "namespaces" and o["metadata"]["name"] == ns for (r, o, _), _d in prepared):
            raise APIError(f'Error from server (NotFound): error when creating "{d.source}": namespaces "{ns}" not found',
                           "NotFound")
        if mode == "create" and c.api.get(resource, ns or "", obj["metadata"].get("name", "")) is not None:
            raise APIError(f'Error from server (AlreadyExists): error when creating "{d.source}": '
                           f'{resource}{"." + GROUP[resource] if resource in GROUP else ""} "{obj["metadata"]["name"]}" '
                           "already exists", "AlreadyExists")
    lines = []
    for (resource, obj, warnings), d in prepared:
        lines += warnings
        verb = submit(c, resource, obj, mode)
        lines.append(f"{ref_name(resource, obj['metadata']['name'])} {verb}")
    c.sim.run_until(c.sim.now)
    return "\n".join(lines)


def cmd_apply(world: Any, inv: Invocation, args: list[str]) -> str:
    return _apply_files(world, inv, args, "apply")


def cmd_create(world: Any, inv: Invocation, args: list[str]) -> str:
    if args and args[0] in ("deployment", "deploy"):
        from .kubectl_create import create_deployment
        return create_deployment(world, args[1:])
    if args and args[0] in ("namespace", "ns"):
        if len(args) != 2:
            raise CommandError("error: exactly one NAME is required, got " + str(len(args) - 1))
        c = cluster_of(world)
        obj = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": args[1]}}
        admission.validate("Namespace", obj)
        submit(c, "namespaces", admission.apply_defaults("Namespace", obj), "create")
        return f"namespace/{args[1]} created"
    return _apply_files(world, inv, args, "create")


def cmd_delete(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, COMMON + [Flag(("-f", "--filename"), repeat=True), Flag(("--all",), takes_value=False),
                              Flag(("--force",), takes_value=False), Flag(("--grace-period",), default="-1"),
                              Flag(("--wait",), takes_value=False, default=True), Flag(("--now",), takes_value=False)],
              program="kubectl")
    c = cluster_of(world)
    targets: list[tuple[str, str, str]] = []
    if p.list("filename"):
        for d in read_documents(inv, p.list("filename")):
            res = KIND_TO_RESOURCE[d.kind]
            meta = d.obj.get("metadata") or {}
            targets.append((res, meta.get("namespace") or namespace_of(p), str(meta.get("name"))))
    else:
        resource, names = split_targets(p.positional)
        ns = namespace_of(p)
        if not names:
            sel = selector_of(p)
            if sel is None and not p.flag("all"):
                raise CommandError("error: resource(s) were provided, but no name was specified")
            for o in c.api.list(resource, ns if NAMESPACED[resource] else None):
                if sel is None or matches(sel, o["metadata"].get("labels")):
                    targets.append((resource, ns, o["metadata"]["name"]))
            if not targets:
                return f"No resources found"
        else:
            targets = [(resource, ns, n) for n in names]
    for res, ns, name in targets:
        if c.api.get(res, ns if NAMESPACED[res] else "", name) is None:
            raise APIError(f'Error from server (NotFound): {res}{"." + GROUP[res] if res in GROUP else ""} "{name}" '
                           "not found", "NotFound")
    try:
        grace = int(str(p.get("grace_period")))
    except ValueError:
        raise CommandError("error: --grace-period must be a whole number") from None
    if p.flag("now"):
        grace = 1
    lines = []
    pods_waiting = []
    for res, ns, name in targets:
        obj = c.api.get(res, ns if NAMESPACED[res] else "", name)
        if obj is None:
            continue
        if res == "pods":
            if p.flag("force") and grace == 0:
                lines.append("Warning: Immediate deletion does not wait for confirmation that the running resource has "
                             "been terminated. The resource may continue to run on the cluster indefinitely.")
                c.api.remove("pods", ns, name, "kubectl")
                lines.append(f'pod "{name}" force deleted')
                continue
            kept = graceful_delete(c.api, obj, "kubectl", None if grace < 0 else grace)
            if kept is not None:
                pods_waiting.append((ns, name, kept["metadata"]["uid"]))
        elif res == "nodes":
            c.remove_node(name)
        elif res == "namespaces":
            if name in ("default", "kube-system", "kube-public", "kube-node-lease"):
                raise APIError(f'Error from server (Forbidden): namespaces "{name}" is forbidden: this namespace may not '
                               "be deleted", "Forbidden")
            c.delete_namespace(name)
        else:
            c.api.remove(res, ns if NAMESPACED[res] else "", name, "kubectl")
        lines.append(f"{quoted_ref(res, name)} deleted")
    if pods_waiting and p.flag("wait"):
        limit = max(30.0, max(float(c.api.get("pods", ns, n)["metadata"].get("deletionGracePeriodSeconds", 30))
                              for ns, n, _ in pods_waiting if c.api.get("pods", ns, n)) + 5.0) \
            if any(c.api.get("pods", ns, n) for ns, n, _ in pods_waiting) else 0.0
        c.sim.run_while(lambda: any(_same(c, ns, n, uid) for ns, n, uid in pods_waiting), limit)
    c.sim.run_until(c.sim.now)
    return "\n".join(lines)


def _same(c: Any, ns: str, name: str, uid: str) -> bool:
    obj = c.api.get("pods", ns, name)
    return obj is not None and obj["metadata"]["uid"] == uid
