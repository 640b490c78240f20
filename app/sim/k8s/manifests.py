"""Reading Kubernetes YAML: one or many documents, ``kind: List``, with file and line for errors.

Only PyYAML's SafeLoader is used (no Python tags). Kinds the simulator does not model are
refused by name; unknown fields produce kubectl's ``Warning: unknown field "..."`` lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from ..errors import InputError
from .schema import SCHEMAS, unknown_fields

#: kind -> the apiVersion it must carry
SUPPORTED = {
    "Namespace": "v1", "Node": "v1", "Pod": "v1", "Service": "v1", "ConfigMap": "v1",
    "Deployment": "apps/v1", "ReplicaSet": "apps/v1", "DaemonSet": "apps/v1",
    "PriorityClass": "scheduling.k8s.io/v1",
}
#: real kinds we recognise but do not simulate (refused by name)
NOT_SIMULATED = {
    "StatefulSet", "Job", "CronJob", "Ingress", "IngressClass", "PersistentVolume", "PersistentVolumeClaim",
    "StorageClass", "Secret", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
    "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "LimitRange", "ResourceQuota",
    "CustomResourceDefinition", "Endpoints", "EndpointSlice", "Lease", "Event", "ReplicationController",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "VerticalPodAutoscaler", "Gateway",
    "HTTPRoute", "RuntimeClass",
}
MAX_DOCUMENTS = 2000


@dataclass
class Document:
    obj: dict
    source: str
    line: int
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind"))


def load_documents(text: str, source: str) -> list[Document]:
    """Parse every document; raise InputError (with source and line) for broken YAML or kinds."""
    docs: list[Document] = []
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            line = node.start_mark.line + 1
            data = loader.construct_document(node)
            if data is None:
                continue
            _collect(data, source, line, docs)
            if len(docs) > MAX_DOCUMENTS:
                raise InputError(f"error: {source}: more than {MAX_DOCUMENTS} objects", source, line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        ln = mark.line + 1 if mark else None
        raise InputError(f"error: error parsing {source}: error converting YAML to JSON: yaml: "
                         f"line {ln}: {exc.problem or exc.context}", source, ln) from None
    except yaml.YAMLError as exc:
        raise InputError(f"error: error parsing {source}: {exc}", source, None) from None
    except RecursionError:
        raise InputError(f"error: error parsing {source}: document nested too deeply", source, None) from None
    finally:
        if loader is not None:
            loader.dispose()
    return docs


def _collect(data: object, source: str, line: int, docs: list[Document]) -> None:
    if not isinstance(data, dict):
        raise InputError(f"error: error validating \"{source}\": error validating data: the document at line {line} "
                         f"is not an object (got {type(data).__name__})", source, line)
    kind, api = data.get("kind"), data.get("apiVersion")
    if not kind or not isinstance(kind, str):
        raise InputError(f'error: error validating "{source}": error validating data: kind not set', source, line)
    if not api or not isinstance(api, str):
        raise InputError(f'error: error validating "{source}": error validating data: apiVersion not set',
                         source, line)
    if kind == "List":
        items = data.get("items") or []
        if not isinstance(items, list):
            raise InputError(f"error: {source}:{line}: items of a List must be a list", source, line)
        for item in items:
            _collect(item, source, line, docs)
        return
    if kind in NOT_SIMULATED:
        raise InputError(f'error: {source}:{line}: kind "{kind}" ({api}) is real Kubernetes but this simulator does '
                         f"not model it; it simulates: {', '.join(sorted(SUPPORTED))}", source, line)
    want = SUPPORTED.get(kind)
    if want is None or want != api:
        raise InputError(f'error: resource mapping not found for name: "{_name(data)}" namespace: '
                         f'"{_ns(data)}" from "{source}": no matches for kind "{kind}" in version "{api}"\n'
                         "ensure CRDs are installed first", source, line)
    warnings = [f'Warning: unknown field "{p}"' for p in unknown_fields(data, SCHEMAS[kind])]
    docs.append(Document(data, source, line, warnings))


def _name(data: dict) -> str:
    meta = data.get("metadata")
    return str(meta.get("name", "")) if isinstance(meta, dict) else ""


def _ns(data: dict) -> str:
    meta = data.get("metadata")
    return str(meta.get("namespace", "")) if isinstance(meta, dict) else ""
