"""Typed events of the Kubernetes half (domain "k8s"): what scenes animate and lessons check.

Every field is a plain value. ``actor`` names who wrote to the API server: ``kubectl``,
``scheduler``, ``controller`` (controller-manager), ``kubelet`` or ``sim`` (a fault or preset).
Pods are named by ``pod`` (the name) and ``namespace``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..core import Event


@dataclass(frozen=True, kw_only=True, slots=True)
class K8sEvent(Event):
    domain: ClassVar[str] = "k8s"


@dataclass(frozen=True, kw_only=True, slots=True)
class ObjectStored(K8sEvent):
    """The API server stored a change: verb is ADDED, MODIFIED or DELETED (as watches deliver it)."""

    verb: str
    resource: str
    namespace: str
    name: str
    revision: int
    actor: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PodScheduled(K8sEvent):
    pod: str
    namespace: str
    node: str
    score: int
    #: Nodes that tied for the best score (the winner drawn at random among them), comma-joined;
    #: more than ten are cut to ten and "+N more".
    tied: str
    feasible: int
    evaluated: int


@dataclass(frozen=True, kw_only=True, slots=True)
class FailedScheduling(K8sEvent):
    pod: str
    namespace: str
    message: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PodPreempted(K8sEvent):
    pod: str
    namespace: str
    node: str
    preemptor: str


@dataclass(frozen=True, kw_only=True, slots=True)
class KubeletImagePulling(K8sEvent):
    node: str
    pod: str
    namespace: str
    image: str


@dataclass(frozen=True, kw_only=True, slots=True)
class KubeletImagePulled(K8sEvent):
    """The kubelet has the image for a pod's container. ``already_present`` True means no pull at all (IfNotPresent and the image was there)."""

    node: str
    pod: str
    namespace: str
    image: str
    already_present: bool
    layers_fetched: int
    layers_present: int
    bytes_fetched: int
    duration: float


@dataclass(frozen=True, kw_only=True, slots=True)
class KubeletImagePullFailed(K8sEvent):
    """reason: ErrImagePull, ImagePullBackOff or ErrImageNeverPull."""

    node: str
    pod: str
    namespace: str
    image: str
    reason: str
    message: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerStarted(K8sEvent):
    node: str
    pod: str
    namespace: str
    container: str
    restart_count: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ContainerCrashed(K8sEvent):
    """The container exited; ``backoff`` is the wait before the next restart (-1: no restart)."""

    node: str
    pod: str
    namespace: str
    container: str
    exit_code: int
    restart_count: int
    backoff: float


@dataclass(frozen=True, kw_only=True, slots=True)
class PodReadyChanged(K8sEvent):
    pod: str
    namespace: str
    node: str
    ready: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class PodPhaseChanged(K8sEvent):
    pod: str
    namespace: str
    node: str
    phase: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class NodeConditionChanged(K8sEvent):
    """status: Ready, NotReady or Unknown (as ``kubectl get nodes`` shows it)."""

    node: str
    status: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class NodeFault(K8sEvent):
    """A fault injected with a ``sim`` command: stopped, cut-off, back, pull-fail, crash."""

    node: str
    fault: str
    detail: str


@dataclass(frozen=True, kw_only=True, slots=True)
class TaintAdded(K8sEvent):
    node: str
    key: str
    effect: str
    actor: str


@dataclass(frozen=True, kw_only=True, slots=True)
class TaintRemoved(K8sEvent):
    node: str
    key: str
    effect: str
    actor: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PodEvicted(K8sEvent):
    pod: str
    namespace: str
    node: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PodDeleted(K8sEvent):
    """The pod object is gone from the store (after graceful termination, if any)."""

    pod: str
    namespace: str
    node: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ControllerCreatedPod(K8sEvent):
    namespace: str
    owner_kind: str
    owner: str
    pod: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ControllerDeletedPod(K8sEvent):
    namespace: str
    owner_kind: str
    owner: str
    pod: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ReplicaSetScaled(K8sEvent):
    """The Deployment controller changed a ReplicaSet's replicas (event ScalingReplicaSet)."""

    namespace: str
    deployment: str
    replicaset: str
    old_replicas: int
    new_replicas: int


@dataclass(frozen=True, kw_only=True, slots=True)
class RolloutProgress(K8sEvent):
    namespace: str
    deployment: str
    revision: int
    replicas: int
    updated: int
    ready: int
    available: int
    complete: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class EndpointsChanged(K8sEvent):
    namespace: str
    service: str
    ready: int
    not_ready: int
    #: Ready endpoint addresses, comma-joined in slice order.
    addresses: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ProxyRulesSynced(K8sEvent):
    node: str
    services: int
    endpoints: int


@dataclass(frozen=True, kw_only=True, slots=True)
class DNSQuery(K8sEvent):
    name: str
    answer: str
    ok: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class ServiceRequest(K8sEvent):
    """One request to a Service: from a node through its kube-proxy rules to one endpoint."""

    service: str
    namespace: str
    from_node: str
    pod: str
    pod_ip: str
    node: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LogsCollected(K8sEvent):
    node: str
    pod: str
    namespace: str
    container: str
    lines: int
