"""Admission for user requests: per-kind validation, then the API's defaults.

Defaults follow ``pkg/apis/core/v1/defaults.go`` and ``pkg/apis/apps/v1/defaults.go``:
imagePullPolicy by tag (``latest`` or no tag -> Always, else IfNotPresent), restartPolicy Always,
terminationGracePeriodSeconds 30, Deployment replicas 1 / RollingUpdate 25%/25% / history 10 /
progress deadline 600, Service ClusterIP with targetPort = port; plus the DefaultTolerationSeconds
admission plugin (not-ready and unreachable, NoExecute, 300 s) on every new Pod.
"""
from __future__ import annotations

import copy
from typing import Any

from . import labels as lbl
from .apiserver import APIError
from .schema import SCHEMAS, type_error
from .validation import (Errors, raise_if, validate_labels, validate_name, validate_pod_spec,
                         validate_selector, EFFECTS)

DEFAULT_TOLERATION_SECONDS = 300


def image_tag(image: str) -> str | None:
    """The tag of an image reference (None if none; a digest reference has no tag)."""
    name = image.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        return last.split(":", 1)[1]
    return None


def default_pull_policy(image: str) -> str:
    if "@" in image:
        return "IfNotPresent"
    tag = image_tag(image)
    return "Always" if tag in (None, "latest") else "IfNotPresent"


def validate(kind: str, obj: dict) -> None:
    err = type_error(obj, SCHEMAS[kind])
    if err:
        raise APIError(f'Error from server (BadRequest): {kind} in version "{str(obj.get("apiVersion", "v1")).split("/")[-1]}" cannot be '
                       f"handled as a {kind}: {err}", "BadRequest")
    errs = Errors()
    meta = obj.get("metadata")
    if not isinstance(meta, dict):
        raise APIError(f"error: error validating data: metadata: Required value; {kind} objects need a name", "Invalid")
    name = str(meta.get("name") or meta.get("generateName") or "")
    spec = obj.get("spec")
    if spec is not None and not isinstance(spec, dict):
        raise APIError(f'Error from server (BadRequest): {kind} in version "v1" cannot be handled as a {kind}: '
                       f"json: cannot unmarshal {type(spec).__name__} into Go struct field {kind}.spec", "BadRequest")
    spec = spec or {}
    namespaced = kind not in ("Node", "Namespace", "PriorityClass")
    validate_name(errs, meta, namespaced, label_style=kind in ("Namespace", "Service"))
    if kind == "Pod":
        validate_pod_spec(errs, spec, "spec")
    elif kind in ("Deployment", "ReplicaSet", "DaemonSet"):
        _validate_workload(errs, kind, spec)
    elif kind == "Service":
        _validate_service(errs, spec)
    elif kind == "Node":
        from . import quantity as q
        for part in ("capacity", "allocatable"):
            for rname, val in ((obj.get("status") or {}).get(part) or {}).items():
                try:
                    if q.parse_quantity(val) < 0:
                        errs.invalid(f"status.{part}[{rname}]", val, "must be greater than or equal to 0")
                except q.QuantityError as exc:
                    errs.invalid(f"status.{part}[{rname}]", val, str(exc))
        for i, t in enumerate(spec.get("taints") or []):
            if not isinstance(t, dict) or not t.get("key"):
                errs.required(f"spec.taints[{i}].key")
            elif t.get("effect") not in EFFECTS:
                errs.unsupported(f"spec.taints[{i}].effect", t.get("effect"), EFFECTS)
    elif kind == "ConfigMap":
        data = obj.get("data")
        if data is not None and (not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values())):
            errs.invalid("data", "", "must be a map of string keys to string values")
    elif kind == "PriorityClass":
        v = obj.get("value")
        if not isinstance(v, int) or isinstance(v, bool):
            errs.required("value")
        elif v > 1_000_000_000:
            errs.invalid("value", v, "maximum allowed value of a user defined priority is 1000000000")
    raise_if(errs, kind, name)


def _validate_workload(errs: Errors, kind: str, spec: dict) -> None:
    reps = spec.get("replicas")
    if reps is not None and reps < 0:
        errs.invalid("spec.replicas", reps, "must be greater than or equal to 0")
    sel = validate_selector(errs, spec.get("selector"), "spec.selector", True)
    tmpl = spec.get("template")
    if not isinstance(tmpl, dict):
        errs.required("spec.template")
        return
    tmeta = tmpl.get("metadata") or {}
    validate_labels(errs, tmeta.get("labels"), "spec.template.metadata.labels")
    if sel is not None and sel and not lbl.matches(sel, tmeta.get("labels") or {}):
        errs.invalid("spec.template.metadata.labels", tmeta.get("labels") or {},
                     "`selector` does not match template `labels`")
    validate_pod_spec(errs, tmpl.get("spec"), "spec.template.spec", in_template=True)
    if kind == "Deployment":
        strat = spec.get("strategy") or {}
        stype = strat.get("type", "RollingUpdate")
        if stype not in ("RollingUpdate", "Recreate"):
            errs.unsupported("spec.strategy.type", stype, ("Recreate", "RollingUpdate"))
        ru = strat.get("rollingUpdate")
        if stype == "Recreate" and ru:
            errs.items.append("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` "
                              "is 'Recreate'")
        if ru:
            vals = {}
            for key in ("maxSurge", "maxUnavailable"):
                v = ru.get(key)
                if v is None:
                    continue
                if not _int_or_percent(v):
                    errs.invalid(f"spec.strategy.rollingUpdate.{key}", v,
                                 "a valid percent string must be a numeric string followed by an ending '%' "
                                 "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")
                else:
                    vals[key] = v
            if vals.get("maxSurge") in (0, "0%") and vals.get("maxUnavailable") in (0, "0%"):
                errs.invalid("spec.strategy.rollingUpdate.maxUnavailable", vals["maxUnavailable"],
                             "may not be 0 when `maxSurge` is 0")


def _int_or_percent(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return v >= 0
    return isinstance(v, str) and v.endswith("%") and v[:-1].isdigit()


def _validate_service(errs: Errors, spec: dict) -> None:
    stype = spec.get("type", "ClusterIP")
    if stype not in ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"):
        errs.unsupported("spec.type", stype, ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"))
    ports = spec.get("ports") or []
    if not ports and stype != "ExternalName" and spec.get("clusterIP") != "None":
        errs.required("spec.ports")
    names: set[str] = set()
    for i, p in enumerate(ports):
        if not isinstance(p, dict):
            errs.invalid(f"spec.ports[{i}]", p, "must be an object")
            continue
        port = p.get("port")
        if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
            errs.invalid(f"spec.ports[{i}].port", port, "must be between 1 and 65535, inclusive")
        np_ = p.get("nodePort")
        if np_ is not None:
            if stype not in ("NodePort", "LoadBalancer"):
                errs.items.append(f"spec.ports[{i}].nodePort: Forbidden: may not be used when `type` is '{stype}'")
            elif not isinstance(np_, int) or not 30000 <= np_ <= 32767:
                errs.invalid(f"spec.ports[{i}].nodePort", np_, "provided port is not in the valid range. "
                                                              "The range of valid ports is 30000-32767")
        if len(ports) > 1 and not p.get("name"):
            errs.required(f"spec.ports[{i}].name")
        elif p.get("name") in names:
            errs.items.append(f'spec.ports[{i}].name: Duplicate value: "{p.get("name")}"')
        names.add(p.get("name"))
    if spec.get("selector") is not None:
        validate_labels(errs, spec.get("selector"), "spec.selector")


# -- defaults ---------------------------------------------------------------------------------

def default_pod_spec(spec: dict) -> dict:
    spec = dict(spec)
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("schedulerName", "default-scheduler")
    spec.setdefault("securityContext", {})
    spec.setdefault("enableServiceLinks", True)
    for group in ("initContainers", "containers"):
        if group in spec:
            spec[group] = [_default_container(c) for c in spec[group]]
    return spec


def _default_container(c: dict) -> dict:
    c = dict(c)
    c.setdefault("imagePullPolicy", default_pull_policy(c["image"]))
    c.setdefault("terminationMessagePath", "/dev/termination-log")
    c.setdefault("terminationMessagePolicy", "File")
    c.setdefault("resources", {})
    if c.get("ports"):
        c["ports"] = [dict(p, protocol=p.get("protocol", "TCP")) for p in c["ports"]]
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        if c.get(probe):
            c[probe] = {"timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
                        **c[probe]}
    return c


def add_default_tolerations(spec: dict) -> dict:
    """DefaultTolerationSeconds: not-ready and unreachable NoExecute for 300 s unless present."""
    tols = list(spec.get("tolerations") or [])
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(t.get("key") == key and t.get("effect") in ("NoExecute", None, "") for t in tols):
            tols.append({"key": key, "operator": "Exists", "effect": "NoExecute",
                         "tolerationSeconds": DEFAULT_TOLERATION_SECONDS})
    return dict(spec, tolerations=tols)


def apply_defaults(kind: str, obj: dict) -> dict:
    """Return a defaulted deep copy (the caller's dict is left alone)."""
    obj = copy.deepcopy(obj)
    meta = obj.setdefault("metadata", {})
    spec = obj.get("spec") or {}
    if kind == "Pod":
        obj["spec"] = add_default_tolerations(default_pod_spec(spec))
        obj["spec"].setdefault("serviceAccountName", "default")
        obj["spec"].setdefault("preemptionPolicy", "PreemptLowerPriority")
        obj["status"] = {"phase": "Pending", "qosClass": qos_class(obj["spec"])}
    elif kind in ("Deployment", "ReplicaSet", "DaemonSet"):
        if kind != "DaemonSet":
            spec.setdefault("replicas", 1)
        tmpl = dict(spec["template"])
        tmpl["metadata"] = dict(tmpl.get("metadata") or {})
        tmpl["spec"] = default_pod_spec(tmpl["spec"])
        spec["template"] = tmpl
        if kind == "Deployment":
            strat = dict(spec.get("strategy") or {})
            strat.setdefault("type", "RollingUpdate")
            if strat["type"] == "RollingUpdate":
                strat["rollingUpdate"] = {"maxSurge": "25%", "maxUnavailable": "25%",
                                          **(strat.get("rollingUpdate") or {})}
            spec["strategy"] = strat
            spec.setdefault("revisionHistoryLimit", 10)
            spec.setdefault("progressDeadlineSeconds", 600)
        if kind == "DaemonSet":
            spec.setdefault("updateStrategy", {"type": "RollingUpdate",
                                               "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}})
            spec.setdefault("revisionHistoryLimit", 10)
        obj["spec"] = spec
        obj["status"] = {}
    elif kind == "Service":
        spec.setdefault("type", "ClusterIP")
        spec.setdefault("sessionAffinity", "None")
        spec["ports"] = [dict(p, protocol=p.get("protocol", "TCP"), targetPort=p.get("targetPort", p.get("port")))
                         for p in spec.get("ports") or []]
        spec.setdefault("internalTrafficPolicy", "Cluster")
        if spec["type"] in ("NodePort", "LoadBalancer"):
            spec.setdefault("externalTrafficPolicy", "Cluster")
        obj["spec"] = spec
        obj.setdefault("status", {"loadBalancer": {}})
    elif kind == "Namespace":
        obj["spec"] = {"finalizers": ["kubernetes"]}
        obj["status"] = {"phase": "Active"}
        meta.setdefault("labels", {})
        meta["labels"] = dict(meta["labels"], **{"kubernetes.io/metadata.name": meta.get("name", "")})
    return obj


def qos_class(spec: dict) -> str:
    """Guaranteed (requests = limits for cpu and memory everywhere), Burstable, or BestEffort."""
    any_set = False
    guaranteed = True
    for c in spec.get("containers") or []:
        res = c.get("resources") or {}
        req, lim = res.get("requests") or {}, res.get("limits") or {}
        if req or lim:
            any_set = True
        for r in ("cpu", "memory"):
            if r not in lim or (r in req and str(req[r]) != str(lim[r])):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"
