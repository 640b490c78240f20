"""A cluster built directly in the engine's own API server store, for scene tests and the benchmark.

Used until (and beside) the full Kubernetes engine: objects are real API-shaped dicts written with
``Store.put`` and events are the engine's own event classes emitted through ``Simulation.emit``, so
the scenes read exactly what the engine would hold. Nothing here decides anything for the UI.
"""
from __future__ import annotations

import copy
from types import SimpleNamespace

from app.sim.core import Simulation
from app.sim.k8s import events as ev
from app.sim.k8s.apiserver import APIServer


def node_obj(name: str, ready: str = "True", cpu: str = "4", mem: str = "8Gi") -> dict:
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}, "spec": {},
            "status": {"allocatable": {"cpu": cpu, "memory": mem, "pods": "110"},
                       "conditions": [{"type": "Ready", "status": ready}]}}


def pod_obj(name: str, node: str | None, phase: str = "Running", ready: bool = True, ns: str = "default") -> dict:
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": ns, "labels": {"app": "web"},
                         "ownerReferences": [{"kind": "ReplicaSet", "name": "web-7d9f5", "controller": True}]},
            "spec": {"nodeName": node, "containers": [{"name": "web", "image": "nginx:1.25",
                                                       "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}}}]},
            "status": {"phase": phase, "podIP": "10.244.0.%d" % (hash(name) % 250),
                       "conditions": [{"type": "Ready", "status": "True" if ready else "False"}]}}


class FakeWorld:
    def __init__(self, nodes: int = 3, pods: int = 6, seed: int = 1) -> None:
        self.sim = Simulation(seed)
        self.k8s = SimpleNamespace(api=APIServer(self.sim))
        for i in range(1, nodes + 1):
            self.put("nodes", node_obj(f"node-{i}"))
        for j in range(pods):
            self.put("pods", pod_obj(f"web-7d9f5-{j:05d}", f"node-{j % nodes + 1}" if nodes else None))

    @property
    def store(self):
        return self.k8s.api.store

    def put(self, resource: str, obj: dict, actor: str = "kubectl") -> None:
        verb, _ = self.store.put(resource, copy.deepcopy(obj))
        meta = obj["metadata"]
        self.sim.emit(ev.ObjectStored, verb=verb, resource=resource, namespace=meta.get("namespace", ""),
                      name=meta["name"], revision=self.store.revision, actor=actor)

    def schedule(self, pod: str, node: str, ns: str = "default") -> None:
        obj = copy.deepcopy(self.store.get("pods", ns, pod))
        obj["spec"]["nodeName"] = node
        self.put("pods", obj, actor="scheduler")
        self.sim.emit(ev.PodScheduled, pod=pod, namespace=ns, node=node, score=100, tied="", feasible=1, evaluated=1)

    def drain_events(self, since: int = 0) -> list:
        return self.sim.events_since(since)


class FakeController:
    def __init__(self, world: FakeWorld) -> None:
        self.world = world
