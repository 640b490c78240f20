"""The fields and types the simulator knows for each kind.

Used twice before anything is stored: wrong types are refused as the API server's decoder refuses
them (``cannot unmarshal string into Go struct field ... of type int32``), and unknown fields are
reported as kubectl does (``unknown field "spec.foo"``). A schema is a dict of field -> schema
(an object), ``[schema]`` (a list of such items), or a leaf type ``T``; ``ANY`` accepts anything
(real fields the simulator does not interpret, such as volumes).
"""
from __future__ import annotations

from typing import Any, Callable


class T:
    def __init__(self, go: str, check: Callable[[Any], bool]) -> None:
        self.go, self.check = go, check


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


ANY = T("any", lambda v: True)
STR = T("string", lambda v: isinstance(v, str))
INT = T("int32", _int)
INT64 = T("int64", _int)
BOOL = T("bool", lambda v: isinstance(v, bool))
INTSTR = T("intstr.IntOrString", lambda v: _int(v) or isinstance(v, str))
STRMAP = T("map[string]string", lambda v: isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str)
                                                                       for k, x in v.items()))
QTYMAP = T("v1.ResourceList", lambda v: isinstance(v, dict) and all(
    isinstance(k, str) and (isinstance(x, (str, float)) or _int(x)) for k, x in v.items()))
STRLIST = T("[]string", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v))
OBJECT = T("object", lambda v: isinstance(v, dict))

META = {"name": STR, "generateName": STR, "namespace": STR, "labels": STRMAP, "annotations": STRMAP, "uid": STR,
        "resourceVersion": STR, "generation": INT64, "creationTimestamp": ANY, "deletionTimestamp": ANY,
        "deletionGracePeriodSeconds": INT64, "ownerReferences": ANY, "finalizers": STRLIST, "managedFields": ANY,
        "selfLink": STR}
REQUIREMENT = {"key": STR, "operator": STR, "values": STRLIST}
SELECTOR = {"matchLabels": STRMAP, "matchExpressions": [REQUIREMENT]}
NODE_TERM = {"matchExpressions": [REQUIREMENT], "matchFields": [REQUIREMENT]}
POD_TERM = {"labelSelector": SELECTOR, "namespaces": STRLIST, "topologyKey": STR, "namespaceSelector": SELECTOR,
            "matchLabelKeys": STRLIST, "mismatchLabelKeys": STRLIST}
POD_AFFINITY = {"requiredDuringSchedulingIgnoredDuringExecution": [POD_TERM],
                "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": INT, "podAffinityTerm": POD_TERM}]}
AFFINITY = {
    "nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [NODE_TERM]},
                     "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": INT, "preference": NODE_TERM}]},
    "podAffinity": POD_AFFINITY, "podAntiAffinity": POD_AFFINITY,
}
PROBE = {"exec": ANY, "httpGet": ANY, "tcpSocket": ANY, "grpc": ANY, "initialDelaySeconds": INT,
         "periodSeconds": INT, "timeoutSeconds": INT, "successThreshold": INT, "failureThreshold": INT,
         "terminationGracePeriodSeconds": INT64}
CONTAINER = {
    "name": STR, "image": STR, "imagePullPolicy": STR, "command": STRLIST, "args": STRLIST, "workingDir": STR,
    "env": [{"name": STR, "value": STR, "valueFrom": ANY}], "envFrom": ANY, "volumeMounts": ANY, "volumeDevices": ANY,
    "lifecycle": ANY, "terminationMessagePath": STR, "terminationMessagePolicy": STR, "securityContext": ANY,
    "stdin": BOOL, "stdinOnce": BOOL, "tty": BOOL, "restartPolicy": STR, "resizePolicy": ANY,
    "ports": [{"name": STR, "containerPort": INT, "hostPort": INT, "protocol": STR, "hostIP": STR}],
    "resources": {"requests": QTYMAP, "limits": QTYMAP, "claims": ANY},
    "livenessProbe": PROBE, "readinessProbe": PROBE, "startupProbe": PROBE,
}
POD_SPEC = {
    "restartPolicy": STR, "terminationGracePeriodSeconds": INT64, "activeDeadlineSeconds": INT64, "dnsPolicy": STR,
    "nodeSelector": STRMAP, "serviceAccountName": STR, "serviceAccount": STR, "automountServiceAccountToken": BOOL,
    "nodeName": STR, "hostNetwork": BOOL, "hostPID": BOOL, "hostIPC": BOOL, "shareProcessNamespace": BOOL,
    "securityContext": ANY, "imagePullSecrets": ANY, "hostname": STR, "subdomain": STR, "affinity": AFFINITY,
    "schedulerName": STR, "hostAliases": ANY, "priorityClassName": STR, "priority": INT, "dnsConfig": ANY,
    "readinessGates": ANY, "runtimeClassName": STR, "enableServiceLinks": BOOL, "preemptionPolicy": STR,
    "overhead": QTYMAP, "setHostnameAsFQDN": BOOL, "os": ANY, "hostUsers": BOOL, "schedulingGates": ANY,
    "resourceClaims": ANY, "volumes": ANY, "ephemeralContainers": ANY, "resources": ANY,
    "containers": [CONTAINER], "initContainers": [CONTAINER],
    "tolerations": [{"key": STR, "operator": STR, "value": STR, "effect": STR, "tolerationSeconds": INT64}],
    "topologySpreadConstraints": [{"maxSkew": INT, "topologyKey": STR, "whenUnsatisfiable": STR,
                                   "labelSelector": SELECTOR, "minDomains": INT, "nodeAffinityPolicy": STR,
                                   "nodeTaintsPolicy": STR, "matchLabelKeys": STRLIST}],
}
TEMPLATE = {"metadata": META, "spec": POD_SPEC}
_TOP = {"apiVersion": STR, "kind": STR, "metadata": META, "status": ANY}

SCHEMAS: dict[str, dict] = {
    "Pod": {**_TOP, "spec": POD_SPEC},
    "Deployment": {**_TOP, "spec": {
        "replicas": INT, "selector": SELECTOR, "template": TEMPLATE, "minReadySeconds": INT,
        "revisionHistoryLimit": INT, "paused": BOOL, "progressDeadlineSeconds": INT,
        "strategy": {"type": STR, "rollingUpdate": {"maxSurge": INTSTR, "maxUnavailable": INTSTR}}}},
    "ReplicaSet": {**_TOP, "spec": {"replicas": INT, "selector": SELECTOR, "template": TEMPLATE,
                                    "minReadySeconds": INT}},
    "DaemonSet": {**_TOP, "spec": {"selector": SELECTOR, "template": TEMPLATE, "minReadySeconds": INT,
                                   "revisionHistoryLimit": INT,
                                   "updateStrategy": {"type": STR, "rollingUpdate": {"maxSurge": INTSTR,
                                                                                     "maxUnavailable": INTSTR}}}},
    "Service": {**_TOP, "spec": {
        "selector": STRMAP, "type": STR, "clusterIP": STR, "clusterIPs": STRLIST, "externalIPs": STRLIST,
        "sessionAffinity": STR, "sessionAffinityConfig": ANY, "loadBalancerIP": STR, "loadBalancerSourceRanges": STRLIST,
        "externalName": STR, "externalTrafficPolicy": STR, "internalTrafficPolicy": STR, "healthCheckNodePort": INT,
        "publishNotReadyAddresses": BOOL, "ipFamilies": STRLIST, "ipFamilyPolicy": STR,
        "allocateLoadBalancerNodePorts": BOOL, "loadBalancerClass": STR, "trafficDistribution": STR,
        "ports": [{"name": STR, "protocol": STR, "port": INT, "targetPort": INTSTR, "nodePort": INT,
                   "appProtocol": STR}]}},
    "ConfigMap": {**_TOP, "data": STRMAP, "binaryData": ANY, "immutable": BOOL},
    "Namespace": {**_TOP, "spec": ANY},
    "Node": {**_TOP, "spec": {"podCIDR": STR, "podCIDRs": STRLIST, "providerID": STR, "unschedulable": BOOL,
                              "configSource": ANY, "externalID": STR,
                              "taints": [{"key": STR, "value": STR, "effect": STR, "timeAdded": ANY}]},
             "status": {"capacity": QTYMAP, "allocatable": QTYMAP, "images": [{"names": STRLIST, "sizeBytes": INT64}],
                        **{k: ANY for k in ("conditions", "addresses", "nodeInfo", "phase", "daemonEndpoints",
                                            "volumesInUse", "volumesAttached", "config", "runtimeHandlers",
                                            "features")}}},
    "PriorityClass": {**_TOP, "value": INT, "globalDefault": BOOL, "description": STR, "preemptionPolicy": STR},
}


def _go_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def type_error(obj: Any, schema: Any, path: str = "") -> str | None:
    """The first decoder error (``cannot unmarshal <json kind> into Go struct field <path> of type <go>``)."""
    if obj is None:
        return None  # JSON null leaves a field unset
    if isinstance(schema, T):
        if schema.check(obj):
            return None
        return f"json: cannot unmarshal {_go_kind(obj)} into Go struct field {path} of type {schema.go}"
    if isinstance(schema, list):
        if not isinstance(obj, list):
            return f"json: cannot unmarshal {_go_kind(obj)} into Go struct field {path} of type []object"
        for i, item in enumerate(obj):
            if item is None:
                return f"json: cannot unmarshal null into Go struct field {path}[{i}] of type object"
            err = type_error(item, schema[0], f"{path}[{i}]")
            if err:
                return err
        return None
    if not isinstance(obj, dict):
        return f"json: cannot unmarshal {_go_kind(obj)} into Go struct field {path} of type object"
    for key, val in obj.items():
        if key in schema:
            err = type_error(val, schema[key], f"{path}.{key}" if path else str(key))
            if err:
                return err
    return None


def unknown_fields(obj: Any, schema: Any, path: str = "") -> list[str]:
    """Dotted paths (``spec.template.spec.containers[0].imagePullPolicyy``) of fields not in ``schema``.

    In the order the API server reports them: kubectl sends JSON made from a Go map, whose keys
    are sorted, and the decoder reports unknown fields as it meets them (depth first)."""
    if isinstance(schema, T):
        return []
    out: list[str] = []
    if isinstance(schema, list):
        if isinstance(obj, list):
            for i, item in enumerate(obj):
                out += unknown_fields(item, schema[0], f"{path}[{i}]")
        return out
    if not isinstance(obj, dict):
        return out
    for key, val in sorted(obj.items(), key=lambda kv: str(kv[0])):
        sub = f"{path}.{key}" if path else str(key)
        if key not in schema:
            out.append(sub)
        else:
            out += unknown_fields(val, schema[key], sub)
    return out


def drop_nulls(obj: Any) -> Any:
    """JSON null means "unset" to the API server's decoder: remove such keys (recursively)."""
    if isinstance(obj, dict):
        return {k: drop_nulls(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [drop_nulls(v) for v in obj]
    return obj
