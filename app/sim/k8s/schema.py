"""The fields the simulator knows for each kind, to warn about unknown ones as kubectl does.

A schema is a dict of field -> sub-schema; ``[schema]`` is a list of such items; ``ANY`` accepts
any value below it (fields that are real but that the simulator does not interpret, such as
volumes, or free-form maps such as labels).
"""
from __future__ import annotations

from typing import Any

ANY: Any = None

META = {k: ANY for k in ("name", "generateName", "namespace", "labels", "annotations", "uid", "resourceVersion",
                         "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                         "ownerReferences", "finalizers", "managedFields", "selfLink")}

PROBE = {k: ANY for k in ("exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "periodSeconds",
                          "timeoutSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds")}

CONTAINER = {
    **{k: ANY for k in ("name", "image", "imagePullPolicy", "command", "args", "workingDir", "env", "envFrom",
                        "volumeMounts", "volumeDevices", "lifecycle", "terminationMessagePath",
                        "terminationMessagePolicy", "securityContext", "stdin", "stdinOnce", "tty",
                        "restartPolicy", "resizePolicy")},
    "ports": [{k: ANY for k in ("name", "containerPort", "hostPort", "protocol", "hostIP")}],
    "resources": {"requests": ANY, "limits": ANY, "claims": ANY},
    "livenessProbe": PROBE, "readinessProbe": PROBE, "startupProbe": PROBE,
}

POD_SPEC = {
    **{k: ANY for k in ("restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
                        "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
                        "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
                        "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "hostAliases",
                        "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
                        "enableServiceLinks", "preemptionPolicy", "overhead", "setHostnameAsFQDN", "os",
                        "hostUsers", "schedulingGates", "resourceClaims", "volumes", "ephemeralContainers",
                        "resources")},
    "containers": [CONTAINER],
    "initContainers": [CONTAINER],
    "tolerations": [{k: ANY for k in ("key", "operator", "value", "effect", "tolerationSeconds")}],
    "topologySpreadConstraints": [{k: ANY for k in ("maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector",
                                                    "minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy",
                                                    "matchLabelKeys")}],
}

TEMPLATE = {"metadata": META, "spec": POD_SPEC}

_TOP = {"apiVersion": ANY, "kind": ANY, "metadata": META, "status": ANY}

SCHEMAS: dict[str, dict] = {
    "Pod": {**_TOP, "spec": POD_SPEC},
    "Deployment": {**_TOP, "spec": {
        "replicas": ANY, "selector": ANY, "template": TEMPLATE, "minReadySeconds": ANY,
        "revisionHistoryLimit": ANY, "paused": ANY, "progressDeadlineSeconds": ANY,
        "strategy": {"type": ANY, "rollingUpdate": {"maxSurge": ANY, "maxUnavailable": ANY}}}},
    "ReplicaSet": {**_TOP, "spec": {"replicas": ANY, "selector": ANY, "template": TEMPLATE, "minReadySeconds": ANY}},
    "DaemonSet": {**_TOP, "spec": {"selector": ANY, "template": TEMPLATE, "updateStrategy": ANY,
                                   "minReadySeconds": ANY, "revisionHistoryLimit": ANY}},
    "Service": {**_TOP, "spec": {
        **{k: ANY for k in ("selector", "type", "clusterIP", "clusterIPs", "externalIPs", "sessionAffinity",
                            "sessionAffinityConfig", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
                            "externalTrafficPolicy", "internalTrafficPolicy", "healthCheckNodePort",
                            "publishNotReadyAddresses", "ipFamilies", "ipFamilyPolicy",
                            "allocateLoadBalancerNodePorts", "loadBalancerClass", "trafficDistribution")},
        "ports": [{k: ANY for k in ("name", "protocol", "port", "targetPort", "nodePort", "appProtocol")}]}},
    "ConfigMap": {**_TOP, "data": ANY, "binaryData": ANY, "immutable": ANY},
    "Namespace": {**_TOP, "spec": ANY},
    "Node": {**_TOP, "spec": {
        **{k: ANY for k in ("podCIDR", "podCIDRs", "providerID", "unschedulable", "configSource", "externalID")},
        "taints": [{k: ANY for k in ("key", "value", "effect", "timeAdded")}]}},
    "PriorityClass": {**_TOP, "value": ANY, "globalDefault": ANY, "description": ANY, "preemptionPolicy": ANY},
}


def unknown_fields(obj: Any, schema: Any, path: str = "") -> list[str]:
    """Dotted paths (``spec.template.spec.containers[0].imagePullPolicyy``) of fields not in ``schema``."""
    if schema is ANY:
        return []
    out: list[str] = []
    if isinstance(schema, list):
        if isinstance(obj, list):
            for i, item in enumerate(obj):
                out += unknown_fields(item, schema[0], f"{path}[{i}]")
        return out
    if not isinstance(obj, dict):
        return out
    for key, val in obj.items():
        sub = f"{path}.{key}" if path else str(key)
        if key not in schema:
            out.append(sub)
        else:
            out += unknown_fields(val, schema[key], sub)
    return out
