"""Validation in the API server's words: ``The Deployment "web" is invalid: spec.replicas: ...``.

Covers the fields the simulator interprets (names, labels/selectors, containers, resources, ports,
probes, tolerations, affinity, spread constraints, strategies, services, nodes). Type errors are
reported as the decoder reports them ("cannot be handled as a Deployment").
"""
from __future__ import annotations

import re
from typing import Any

from . import labels as lbl
from . import quantity as q
from .apiserver import APIError

_DNS1123_SUB = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
_LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
SUB_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
           "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
           "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
             "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def _go(v: Any) -> str:
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "map[string]string{" + ", ".join(f'"{k}":"{x}"' for k, x in sorted(v.items())) + "}"
    return str(v)


class Errors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def required(self, path: str, detail: str = "") -> None:
        self.items.append(f"{path}: Required value" + (f": {detail}" if detail else ""))

    def invalid(self, path: str, value: Any, detail: str) -> None:
        self.items.append(f"{path}: Invalid value: {_go(value)}: {detail}")

    def unsupported(self, path: str, value: Any, allowed: tuple[str, ...]) -> None:
        self.items.append(f"{path}: Unsupported value: {_go(value)}: supported values: "
                          + ", ".join(f'"{a}"' for a in allowed))


def raise_if(errs: Errors, kind: str, name: str) -> None:
    """kubectl prints one field error on the line, several as a ``* `` list (cmdutil.MultilineError)."""
    if not errs.items:
        return
    head = f'The {kind} "{name}" is invalid: '
    text = head + errs.items[0] if len(errs.items) == 1 else head + "\n" + "\n".join(f"* {e}" for e in errs.items)
    raise APIError(text, "Invalid", kind=kind, name=name, causes=tuple(errs.items))


def validate_name(errs: Errors, meta: dict, namespaced: bool, label_style: bool = False) -> None:
    name = meta.get("name")
    if not name and not meta.get("generateName"):
        errs.required("metadata.name", "name or generateName is required")
    elif name:
        pattern, msg = (_DNS1123_LABEL, LABEL_MSG) if label_style else (_DNS1123_SUB, SUB_MSG)
        if not isinstance(name, str) or len(name) > (63 if label_style else 253) or not pattern.match(name):
            errs.invalid("metadata.name", name, msg)
    ns = meta.get("namespace")
    if namespaced and ns is not None and (not isinstance(ns, str) or not _DNS1123_LABEL.match(ns)):
        errs.invalid("metadata.namespace", ns, LABEL_MSG)
    validate_labels(errs, meta.get("labels"), "metadata.labels")


def validate_labels(errs: Errors, labels: Any, path: str) -> None:
    if labels is None:
        return
    if not isinstance(labels, dict):
        errs.invalid(path, labels, "must be a map of string keys to string values")
        return
    for k, v in labels.items():
        key = str(k).split("/")[-1]
        if not isinstance(k, str) or not _LABEL_NAME.match(key) or len(key) > 63:
            errs.invalid(path, k, "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
                                  "start and end with an alphanumeric character")
        if not isinstance(v, str) or len(v) > 63 or not _LABEL_VALUE.match(v):
            errs.invalid(f"{path}", v, "a valid label must be an empty string or consist of alphanumeric "
                                       "characters, '-', '_' or '.', and must start and end with an alphanumeric "
                                       "character")


def validate_selector(errs: Errors, sel: Any, path: str, required: bool) -> lbl.Selector | None:
    if sel is None:
        if required:
            errs.required(path)
        return None
    if not isinstance(sel, dict):
        errs.invalid(path, sel, "must be a label selector")
        return None
    try:
        compiled = lbl.compile_selector(sel)
    except lbl.SelectorError as exc:
        errs.invalid(f"{path}.matchExpressions", "", str(exc))
        return None
    if required and not compiled:
        errs.invalid(path, "{}", "empty selector is invalid for deployment")
    validate_labels(errs, sel.get("matchLabels"), f"{path}.matchLabels")
    return compiled


def validate_pod_spec(errs: Errors, spec: Any, path: str, in_template: bool = False) -> None:
    if not isinstance(spec, dict):
        errs.required(path)
        return
    containers = spec.get("containers")
    if not containers:
        errs.required(f"{path}.containers")
    names: set[str] = set()
    for group in ("initContainers", "containers"):
        for i, c in enumerate(spec.get(group) or []):
            validate_container(errs, c, f"{path}.{group}[{i}]", names)
    rp = spec.get("restartPolicy")
    if rp is not None:
        allowed = ("Always",) if in_template else ("Always", "OnFailure", "Never")
        if rp not in allowed:
            errs.unsupported(f"{path}.restartPolicy", rp, allowed)
    for i, t in enumerate(spec.get("tolerations") or []):
        p = f"{path}.tolerations[{i}]"
        if not isinstance(t, dict):
            errs.invalid(p, t, "must be an object")
            continue
        op = t.get("operator", "Equal")
        if op not in ("Equal", "Exists"):
            errs.unsupported(f"{p}.operator", op, ("Equal", "Exists"))
        if op == "Exists" and t.get("value"):
            errs.invalid(f"{p}.operator", op, "value must be empty when `operator` is 'Exists'")
        if t.get("effect") not in (None, "", *EFFECTS):
            errs.unsupported(f"{p}.effect", t.get("effect"), EFFECTS)
        if t.get("tolerationSeconds") is not None and t.get("effect") != "NoExecute":
            errs.invalid(f"{p}.effect", t.get("effect"), "effect must be 'NoExecute' when `tolerationSeconds` is set")
        if not t.get("key") and op != "Exists":
            errs.invalid(f"{p}.operator", op, "operator must be Exists when `key` is empty, which means \"match all "
                                              "values and all keys\"")
    for i, c in enumerate(spec.get("topologySpreadConstraints") or []):
        p = f"{path}.topologySpreadConstraints[{i}]"
        skew = c.get("maxSkew") if isinstance(c, dict) else None
        if not isinstance(skew, int) or isinstance(skew, bool) or skew <= 0:
            errs.invalid(f"{p}.maxSkew", skew, "must be greater than zero")
        if not isinstance(c, dict) or not c.get("topologyKey"):
            errs.required(f"{p}.topologyKey", "can not be empty")
        if isinstance(c, dict) and c.get("whenUnsatisfiable") not in ("DoNotSchedule", "ScheduleAnyway"):
            errs.unsupported(f"{p}.whenUnsatisfiable", c.get("whenUnsatisfiable"), ("DoNotSchedule", "ScheduleAnyway"))
    validate_affinity(errs, spec.get("affinity"), f"{path}.affinity")
    ns = spec.get("nodeSelector")
    if ns is not None:
        validate_labels(errs, ns, f"{path}.nodeSelector")
    pr = spec.get("priority")
    if pr is not None and (not isinstance(pr, int) or isinstance(pr, bool)):
        errs.invalid(f"{path}.priority", pr, "must be an integer")


def validate_container(errs: Errors, c: Any, path: str, names: set[str]) -> None:
    if not isinstance(c, dict):
        errs.invalid(path, c, "must be an object")
        return
    name = c.get("name")
    if not name:
        errs.required(f"{path}.name")
    elif not isinstance(name, str) or not _DNS1123_LABEL.match(name):
        errs.invalid(f"{path}.name", name, LABEL_MSG)
    elif name in names:
        errs.items.append(f'{path}.name: Duplicate value: "{name}"')
    else:
        names.add(name)
    if not c.get("image") or not isinstance(c.get("image"), str) or c["image"].strip() != c["image"]:
        errs.required(f"{path}.image")
    pp = c.get("imagePullPolicy")
    if pp is not None and pp not in ("Always", "IfNotPresent", "Never"):
        errs.unsupported(f"{path}.imagePullPolicy", pp, ("Always", "IfNotPresent", "Never"))
    for i, port in enumerate(c.get("ports") or []):
        p = f"{path}.ports[{i}]"
        cp = port.get("containerPort") if isinstance(port, dict) else None
        if cp is None:
            errs.required(f"{p}.containerPort")
        elif not isinstance(cp, int) or isinstance(cp, bool) or not 1 <= cp <= 65535:
            errs.invalid(f"{p}.containerPort", cp, "must be between 1 and 65535, inclusive")
        hp = port.get("hostPort") if isinstance(port, dict) else None
        if hp is not None and (not isinstance(hp, int) or isinstance(hp, bool) or not 0 <= hp <= 65535):
            errs.invalid(f"{p}.hostPort", hp, "must be between 1 and 65535, inclusive")
        proto = port.get("protocol", "TCP") if isinstance(port, dict) else "TCP"
        if proto not in ("TCP", "UDP", "SCTP"):
            errs.unsupported(f"{p}.protocol", proto, ("SCTP", "TCP", "UDP"))
    res = c.get("resources") or {}
    parsed: dict[str, dict[str, float]] = {}
    for part in ("requests", "limits"):
        table = res.get(part) if isinstance(res, dict) else None
        if table is None:
            continue
        if not isinstance(table, dict):
            errs.invalid(f"{path}.resources.{part}", table, "must be a map of resource names to quantities")
            continue
        for rname, val in table.items():
            try:
                amount = q.parse_quantity(val)
            except q.QuantityError as exc:
                errs.invalid(f"{path}.resources.{part}[{rname}]", val, str(exc))
                continue
            if amount < 0:
                errs.invalid(f"{path}.resources.{part}[{rname}]", val, "must be greater than or equal to 0")
            parsed.setdefault(part, {})[rname] = amount
    for rname, req in parsed.get("requests", {}).items():
        lim = parsed.get("limits", {}).get(rname)
        if lim is not None and req > lim:
            errs.invalid(f"{path}.resources.requests", res["requests"][rname],
                         f"must be less than or equal to {rname} limit of {res['limits'][rname]}")
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        pr = c.get(probe)
        if pr is None:
            continue
        if not isinstance(pr, dict) or not any(k in pr for k in ("exec", "httpGet", "tcpSocket", "grpc")):
            errs.required(f"{path}.{probe}", "must specify a handler type")
            continue
        for k in ("initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold", "successThreshold"):
            v = pr.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                errs.invalid(f"{path}.{probe}.{k}", v, "must be greater than or equal to 0")


def validate_affinity(errs: Errors, aff: Any, path: str) -> None:
    if aff is None:
        return
    if not isinstance(aff, dict):
        errs.invalid(path, aff, "must be an object")
        return
    na = aff.get("nodeAffinity") or {}
    req = na.get("requiredDuringSchedulingIgnoredDuringExecution")
    if req is not None:
        terms = req.get("nodeSelectorTerms") if isinstance(req, dict) else None
        if not terms:
            errs.required(f"{path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms",
                          "must have at least one node selector term")
        for i, term in enumerate(terms or []):
            _node_term(errs, term, f"{path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"
                                   f".nodeSelectorTerms[{i}]")
    for i, pref in enumerate(na.get("preferredDuringSchedulingIgnoredDuringExecution") or []):
        p = f"{path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}]"
        w = pref.get("weight") if isinstance(pref, dict) else None
        if not isinstance(w, int) or isinstance(w, bool) or not 1 <= w <= 100:
            errs.invalid(f"{p}.weight", w, "must be in the range 1-100")
        _node_term(errs, (pref or {}).get("preference") or {}, f"{p}.preference")
    for kind in ("podAffinity", "podAntiAffinity"):
        block = aff.get(kind) or {}
        for i, term in enumerate(block.get("requiredDuringSchedulingIgnoredDuringExecution") or []):
            p = f"{path}.{kind}.requiredDuringSchedulingIgnoredDuringExecution[{i}]"
            if not isinstance(term, dict) or not term.get("topologyKey"):
                errs.required(f"{p}.topologyKey", "can not be empty")
            else:
                validate_selector(errs, term.get("labelSelector"), f"{p}.labelSelector", False)
        for i, wt in enumerate(block.get("preferredDuringSchedulingIgnoredDuringExecution") or []):
            p = f"{path}.{kind}.preferredDuringSchedulingIgnoredDuringExecution[{i}]"
            w = wt.get("weight") if isinstance(wt, dict) else None
            if not isinstance(w, int) or isinstance(w, bool) or not 1 <= w <= 100:
                errs.invalid(f"{p}.weight", w, "must be in the range 1-100")
            term = (wt or {}).get("podAffinityTerm") if isinstance(wt, dict) else None
            if not isinstance(term, dict) or not term.get("topologyKey"):
                errs.required(f"{p}.podAffinityTerm.topologyKey", "can not be empty")


def _node_term(errs: Errors, term: Any, path: str) -> None:
    if not isinstance(term, dict):
        errs.invalid(path, term, "must be an object")
        return
    for field in ("matchExpressions", "matchFields"):
        for j, expr in enumerate(term.get(field) or []):
            p = f"{path}.{field}[{j}]"
            op = expr.get("operator") if isinstance(expr, dict) else None
            if op not in ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"):
                errs.unsupported(f"{p}.operator", op, ("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"))
            elif op in ("In", "NotIn") and not expr.get("values"):
                errs.required(f"{p}.values", "must be specified when `operator` is 'In' or 'NotIn'")
            elif op in ("Exists", "DoesNotExist") and expr.get("values"):
                errs.invalid(f"{p}.values", expr.get("values"), "may not be specified when `operator` is 'Exists' "
                                                               "or 'DoesNotExist'")
