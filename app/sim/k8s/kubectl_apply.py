"""``kubectl apply|create|delete|run|expose``: objects in, through admission, into the store.

As kubectl does (resource builder with ContinueOnError, then one request per object), each object of
a request is admitted on its own: the valid ones are stored and printed (``deployment.apps/web
created``), each refused one is reported after them in kubectl's words, and the command fails. A
refused object changes nothing. Broken YAML ends its file at the broken document.
``--validate`` defaults to ``strict`` as in kubectl >= 1.25: the API server refuses unknown fields
(``strict decoding error: unknown field "spec.foo"``); ``--validate=warn`` stores the object and
prints the server's warnings (``Warning: unknown field "spec.foo"``).
Simplifications: apply replaces labels, annotations and spec (no three-way merge), and an update
reports errors as a create does (``error when creating``), not with kubectl's patch text.
"""
from __future__ import annotations

import copy
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError, InputError, SimError
from . import admission
from .apiserver import KIND_TO_RESOURCE, APIError
from .kubectl import COMMON, GROUP, cluster_of, namespace_of, quoted_ref, ref_name, selector_of, split_targets
from .labels import matches
from .manifests import Document, load_documents
from .schema import drop_nulls
from .podops import graceful_delete
from .store import NAMESPACED

MAX_FILES = 200


def read_documents(inv: Invocation, paths: list[str], errors: list[InputError] | None = None) -> list[Document]:
    """Every document of the files, directories and ``-`` given. With ``errors``, a document that
    cannot be read is reported there and skipped (kubectl's ContinueOnError); else it raises."""
    docs: list[Document] = []
    for path in paths:
        if path == "-":
            docs += load_documents(inv.stdin or "", "STDIN", errors)
            continue
        if inv.is_dir(path):
            tree = inv.read_tree(path)
            files = [k for k in tree if k.endswith((".yaml", ".yml", ".json"))]
            if len(files) > MAX_FILES:
                raise CommandError(f"error: {path}: more than {MAX_FILES} manifest files")
            for rel in files:
                docs += load_documents(_decode(tree[rel], f"{path}/{rel}"), f"{path.rstrip('/')}/{rel}", errors)
            continue
        docs += load_documents(_decode(inv.read_file(path), path), path, errors)
    if not docs and not errors:
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
        # the apiserver's transformDecodeError: the version without its group, then the decoder's errors
        version = str(doc.obj.get("apiVersion")).split("/")[-1]
        raise APIError(f'Error from server (BadRequest): error when creating "{doc.source}": {kind} in version '
                       f'"{version}" cannot be handled as a {kind}: strict decoding error: {", ".join(doc.warnings)}',
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
    return resource, obj, ([f"Warning: {w}" for w in doc.warnings] if validate == "warn" else [])


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
    errors: list[tuple[SimError, str]] = []
    read_errors: list[InputError] = []
    docs = read_documents(inv, files, read_errors)
    errors += [(e, e.path or "") for e in read_errors]
    # namespaces first (kubectl sorts nothing, but a file with a Namespace and its objects must work)
    docs.sort(key=lambda d: d.kind != "Namespace")
    lines: list[str] = []
    for d in docs:
        try:
            lines += _apply_one(c, d, p.str("namespace"), validate, mode)
        except SimError as exc:  # this object is refused; the others go on (kubectl's ContinueOnError)
            errors.append((_with_source(exc, d.source), d.source))
    c.sim.run_until(c.sim.now)
    if errors:
        raise ApplyFailed("\n".join(lines + _error_lines(errors)))
    return "\n".join(lines)


def _apply_one(c: Any, d: Document, ns_flag: str | None, validate: str, mode: str) -> list[str]:
    """Admit and store one object; raises (having changed nothing) when the server would refuse it."""
    resource, obj, warnings = _prepare(c, d, ns_flag, validate)
    ns = obj["metadata"].get("namespace")
    if NAMESPACED[resource] and c.api.get("namespaces", "", ns) is None:
        raise APIError(f'Error from server (NotFound): error when creating "{d.source}": namespaces "{ns}" not found',
                       "NotFound")
    if mode == "create" and c.api.get(resource, ns or "", obj["metadata"].get("name", "")) is not None:
        raise APIError(f'Error from server (AlreadyExists): error when creating "{d.source}": '
                       f'{resource}{"." + GROUP[resource] if resource in GROUP else ""} "{obj["metadata"]["name"]}" '
                       "already exists", "AlreadyExists")
    verb = submit(c, resource, obj, mode)
    return warnings + [f"{ref_name(resource, obj['metadata']['name'])} {verb}"]


def _with_source(exc: SimError, source: str) -> SimError:
    """kubectl's AddSourceToErr: a server error of a create names the file (Invalid prints its details)."""
    text = str(exc)
    if not isinstance(exc, APIError) or exc.reason in ("Invalid", "Conflict") or "error when creating" in text:
        return exc
    prefix = f"Error from server ({exc.reason}): "
    if not text.startswith(prefix):
        return exc
    return APIError(f'{prefix}error when creating "{source}": {text[len(prefix):]}', exc.reason)


class ApplyFailed(SimError):
    """Some objects were refused: the lines of the stored ones, then kubectl's error lines."""


def _error_lines(errors: list[tuple[SimError, str]]) -> list[str]:
    """One error prints as kubectl's checkErr prints it; several as its MultipleErrors does: each as
    ``Error from server (Reason): error when creating "FILE": <status message>``, client errors bare."""
    if len(errors) == 1:
        return [str(errors[0][0])]
    out = []
    for exc, source in errors:
        if isinstance(exc, APIError) and exc.reason == "Invalid" and exc.causes:
            out.append(f'Error from server (Invalid): error when creating "{source}": {exc.status_message()}')
            continue
        text = str(exc)
        out.append(text[len("error: "):] if text.startswith("error: ") else text)
    return out


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
