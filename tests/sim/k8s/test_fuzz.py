"""Fuzzing the manifest loader and the console: bad input is an error message, never a crash,
and a rejected command changes nothing."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from app.sim.errors import SimError
from app.sim.k8s.manifests import load_documents

from .conftest import Console

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 70000), st.text(max_size=12),
                    st.sampled_from(["nginx:1.27", "100m", "1Gi", "Always", "NoSchedule", "RollingUpdate", "25%"]))
keys = st.sampled_from(["apiVersion", "kind", "metadata", "spec", "name", "labels", "selector", "matchLabels",
                        "template", "containers", "image", "replicas", "resources", "requests", "cpu", "memory",
                        "ports", "containerPort", "tolerations", "key", "effect", "nodeSelector", "affinity",
                        "strategy", "rollingUpdate", "maxSurge", "type", "port", "app", "x"])
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(keys, inner, max_size=5)), max_leaves=25)


@FUZZ
@given(st.text(max_size=300))
def test_loader_never_crashes_on_text(text: str) -> None:
    try:
        load_documents(text, "fuzz.yaml")
    except SimError:
        pass


@FUZZ
@given(kind=st.sampled_from(["Pod", "Deployment", "Service", "Node", "DaemonSet", "ReplicaSet", "ConfigMap",
                             "Namespace"]), body=st.dictionaries(keys, values, max_size=6))
def test_apply_random_objects(classroom_world: Console, kind: str, body: dict) -> None:
    api = {"Deployment": "apps/v1", "DaemonSet": "apps/v1", "ReplicaSet": "apps/v1"}.get(kind, "v1")
    doc = dict(body, apiVersion=api, kind=kind)
    if not isinstance(doc.get("metadata"), dict):
        doc["metadata"] = {"name": "fuzz"}
    text = yaml.safe_dump(doc)
    c = classroom_world
    rev = c.k8s.api.store.revision
    res = c.world.run("kubectl apply --validate=warn -f -", stdin=text)
    if not res.ok:
        assert c.k8s.api.store.revision == rev
    c.world.run("sim advance 2s")


words = st.sampled_from(["kubectl", "get", "describe", "apply", "delete", "scale", "rollout", "status", "undo",
                         "history", "set", "image", "cordon", "uncordon", "drain", "taint", "label", "logs", "top",
                         "create", "deployment", "run", "expose", "pods", "pod", "nodes", "node-1", "deploy", "web",
                         "svc", "-o", "yaml", "json", "wide", "jsonpath={.items[*].metadata.name}", "-n", "default",
                         "-A", "-l", "app=web", "--replicas=2", "--replicas", "x", "--image=nginx:1.27",
                         "web=nginx:1.26", "key=v:NoSchedule", "key-", "a=b", "--force", "--grace-period=0", "sim",
                         "explain", "crash", "run-until", "all-running", "--timeout", "5s", "node", "stop", "back",
                         "cut", "pull-fail", "--off", "curl", "dns", "-f", "-", "{", "]", "'", "=", "--", "nodes/node-2"])


@FUZZ
@given(st.lists(words, min_size=1, max_size=7))
def test_console_lines_never_crash(classroom_world: Console, parts: list[str]) -> None:
    line = " ".join(parts)
    c = classroom_world
    rev = c.k8s.api.store.revision
    res = c.world.run(line, stdin="")
    if not res.ok:
        assert c.k8s.api.store.revision == rev, line


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def classroom_world() -> Console:
    c = Console(seed=11)
    c.ok("sim preset classroom")
    c.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2")
    c.ok("sim advance 10s")
    return c


BASES = [
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "fz", "labels": {"app": "fz"}},
     "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "fz"}},
              "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
              "template": {"metadata": {"labels": {"app": "fz"}},
                           "spec": {"containers": [{"name": "c", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
                                                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}},
                                                    "readinessProbe": {"httpGet": {"path": "/", "port": 80}}}],
                                    "tolerations": [{"key": "k", "operator": "Exists", "effect": "NoSchedule"}],
                                    "nodeSelector": {"kubernetes.io/os": "linux"},
                                    "affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                                        {"weight": 10, "preference": {"matchExpressions": [
                                            {"key": "disk", "operator": "In", "values": ["ssd"]}]}}]},
                                        "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                                            {"weight": 5, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                                              "labelSelector": {"matchLabels": {"app": "fz"}}}}]}},
                                    "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname",
                                                                   "whenUnsatisfiable": "ScheduleAnyway",
                                                                   "labelSelector": {"matchLabels": {"app": "fz"}}}]}}}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "fz"},
     "spec": {"type": "NodePort", "selector": {"app": "fz"}, "ports": [{"port": 80, "targetPort": 80}]}},
    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "fzp", "labels": {"app": "fz"}},
     "spec": {"restartPolicy": "OnFailure", "priority": 5,
              "containers": [{"name": "c", "image": "busybox:1.36", "ports": [{"containerPort": 8080, "hostPort": 8080}],
                              "resources": {"requests": {"cpu": "1"}, "limits": {"cpu": "2"}}}]}},
    {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "fzn", "labels": {"disk": "ssd"}},
     "spec": {"taints": [{"key": "k", "effect": "PreferNoSchedule"}]},
     "status": {"capacity": {"cpu": "2", "memory": "2Gi", "pods": "10"}}},
]


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@FUZZ
@given(st.data())
def test_apply_mutated_real_manifests(classroom_world: Console, data) -> None:
    import copy as _copy
    base = _copy.deepcopy(data.draw(st.sampled_from(BASES)))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(base) if p and p[0] not in ("apiVersion", "kind")]
        path = data.draw(st.sampled_from(paths))
        target = base
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = data.draw(values)
    c = classroom_world
    rev = c.k8s.api.store.revision
    res = c.world.run("kubectl apply --validate=warn -f -", stdin=yaml.safe_dump(base))
    if not res.ok:
        assert c.k8s.api.store.revision == rev, res.output
    assert c.world.run("sim advance 3s").ok
    for line in ("kubectl get all -A", "kubectl describe pods", "kubectl describe nodes", "kubectl get events -A",
                 "kubectl describe deploy", "kubectl describe svc", "kubectl get endpointslices -o yaml"):
        c.world.run(line)
    for p in c.k8s.pods("default"):
        c.world.run(f"sim explain pod {p['metadata']['name']}")
