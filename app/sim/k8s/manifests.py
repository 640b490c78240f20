"""Reading Kubernetes YAML: one or many documents, ``kind: List``, with file and line for errors.

Only PyYAML's SafeLoader is used (no Python tags). Kinds the simulator does not model are
refused by name; unknown fields are listed as the API server's ``unknown field "..."`` texts
(``kubectl apply`` turns them into a strict decoding error or ``Warning:`` lines).

``load_documents(..., errors=[])`` reads as kubectl's resource builder does with ContinueOnError:
a document whose kind cannot be mapped is reported and skipped, the others are kept; broken YAML
ends that file at the broken document (the documents before it are kept).
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
    #: the API server's strict-decoding texts, ``unknown field "spec.foo"``
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind"))


def load_documents(text: str, source: str, errors: list[InputError] | None = None) -> list[Document]:
    """Parse every document; raise InputError (with source and line) for broken YAML or kinds.

    With ``errors`` given, problems are appended there instead and the good documents returned."""
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
            try:
                _collect(data, source, line, docs)
            except InputError as exc:
                if errors is None:
                    raise
                errors.append(exc)
            if len(docs) > MAX_DOCUMENTS:
                raise InputError(f"error: {source}: more than {MAX_DOCUMENTS} objects", source, line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        ln = mark.line + 1 if mark else None
        _fail(InputError(f"error: error parsing {source}: error converting YAML to JSON: yaml: "
                         f"line {ln}: {exc.problem or exc.context}", source, ln), errors)
    except yaml.YAMLError as exc:
        _fail(InputError(f"error: error parsing {source}: {exc}", source, None), errors)
    except RecursionError:
        _fail(InputError(f"error: error parsing {source}: document nested too deeply", source, None), errors)
    finally:
        if loader is not None:
            loader.dispose()
    return docs


def _fail(exc: InputError, errors: list[InputError] | None) -> None:
    if errors is None:
        raise exc from None
    errors.append(exc)


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
    warnings = [f'unknown field "{p}"' for p in unknown_fields(data, SCHEMAS[kind])]
    docs.append(Document(data, source, line, warnings))


def _name(data: dict) -> str:
    meta = data.get("metadata")
    return str(meta.get("name", "")) if isinstance(meta, dict) else ""


def _ns(data: dict) -> str:
    meta = data.get("metadata")
    return str(meta.get("namespace", "")) if isinstance(meta, dict) else ""
