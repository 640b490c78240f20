"""The cluster's read-only API for scenes, lessons and quiz generators (mixed into ``Cluster``).

Everything here reads; nothing writes to the API server.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .breakdown import Decision
from .networking import resolve_dns
from .podops import is_ready

if TYPE_CHECKING:
    from ..core import Simulation
    from .apiserver import APIServer
    from .scheduler import Scheduler


class ClusterView:
    api: "APIServer"
    scheduler: "Scheduler"
    sim: "Simulation"
    kubelets: dict
    not_running: set

    def scheduling_breakdown(self, namespace: str, pod_name: str) -> Decision | None:
        """The last scheduling decision for the pod (None if never scheduled or no longer kept)."""
        return self.scheduler.decisions.get((namespace, pod_name))

    def nodes(self) -> list[dict]:
        return sorted(self.api.list("nodes"), key=lambda n: n["metadata"]["name"])

    def pods(self, namespace: str | None = None) -> list[dict]:
        return sorted(self.api.list("pods", namespace), key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"]))

    def deployments(self, namespace: str | None = None) -> list[dict]:
        return sorted(self.api.list("deployments", namespace), key=lambda d: (d["metadata"]["namespace"],
                                                                              d["metadata"]["name"]))

    def services(self, namespace: str | None = None) -> list[dict]:
        return sorted(self.api.list("services", namespace), key=lambda s: (s["metadata"]["namespace"],
                                                                           s["metadata"]["name"]))

    def node_usage(self, name: str) -> dict:
        """Requested and allocatable resources of a node (the scheduler's view)."""
        ns = self.scheduler.cache.nodes[name]
        return {"cpu_requested_milli": ns.req_cpu, "cpu_allocatable_milli": ns.alloc_cpu,
                "memory_requested": ns.req_mem, "memory_allocatable": ns.alloc_mem,
                "pods": ns.npods, "pods_allocatable": ns.alloc_pods, "images": sorted(ns.images)}

    def node_state(self, name: str) -> str:
        """running, stopped or cutoff (what a fault did to the machine)."""
        return self.kubelets[name].state

    def pending_pods(self) -> list[tuple[str, str]]:
        return self.scheduler.pending_keys()

    def resolve(self, name: str, namespace: str = "default") -> str | None:
        """Cluster DNS: the ClusterIP for a service name, emitting a DNSQuery event."""
        hit = resolve_dns(self, name, namespace)
        answer = hit[2] if hit else ""
        self.sim.emit(ev.DNSQuery, name=name, answer=answer, ok=hit is not None)
        return answer or None

    def _track_running(self, verb: str, pod: dict, old: dict | None) -> None:
        key = (pod["metadata"]["namespace"], pod["metadata"]["name"])
        st = pod.get("status") or {}
        if verb != "DELETED" and (st.get("phase") != "Running" or pod["metadata"].get("deletionTimestamp")
                                  or not is_ready(pod)):
            self.not_running.add(key)
        else:
            self.not_running.discard(key)

    def all_running(self) -> bool:
        """Every pod is Running and Ready (and none is waiting to be scheduled or terminating)."""
        return self.api.store.count("pods") > 0 and not self.not_running and not self.scheduler._queue

    def settle(self, limit: float = 600.0) -> bool:
        """Run the simulation until no pod is waiting to be scheduled or started (or ``limit``)."""
        return self.sim.run_while(self._busy, limit)

    def _busy(self) -> bool:
        if self.scheduler._queue:
            return True
        for p in self.api.store.items("pods"):
            st = p.get("status") or {}
            if p["spec"].get("nodeName") and st.get("phase") == "Pending" and \
                    self.kubelets.get(p["spec"]["nodeName"]) is not None and \
                    self.kubelets[p["spec"]["nodeName"]].connected:
                return True
        return False
