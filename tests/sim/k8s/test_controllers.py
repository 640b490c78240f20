"""Controller behaviour through the console: pause/resume, Recreate, scale-down choice, DaemonSet
updates, and the large-cluster path (percentageOfNodesToScore)."""
from __future__ import annotations

from .conftest import Console


def _images(c: Console) -> set[str]:
    return {p["spec"]["containers"][0]["image"] for p in c.k8s.pods("default")
            if not p["metadata"].get("deletionTimestamp")}


def test_pause_resume_and_recreate(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.26 --replicas=2")
    classroom.ok("sim run-until rollout/web")
    assert classroom.ok("kubectl rollout pause deployment/web") == "deployment.apps/web paused"
    assert "already paused" in classroom.fail("kubectl rollout pause deployment/web")
    classroom.ok("kubectl set image deployment/web nginx=nginx:1.27")
    classroom.ok("sim advance 30s")
    assert _images(classroom) == {"nginx:1.26"}  # paused: the new template waits
    classroom.ok("kubectl rollout resume deployment/web")
    classroom.ok("sim run-until rollout/web")
    classroom.ok("sim advance 5s")
    assert _images(classroom) == {"nginx:1.27"}
    # Recreate: all old pods go before any new one is created
    d = classroom.k8s.api.get("deployments", "default", "web")
    import copy
    new = copy.deepcopy(d)
    new["spec"]["strategy"] = {"type": "Recreate"}
    classroom.k8s.api.update("deployments", new, "kubectl")
    classroom.ok("kubectl set image deployment/web nginx=nginx:1.26")
    saw_mixed = False
    end = classroom.sim.now + 120
    while classroom.sim.now < end and classroom.sim.step():
        if len(_images(classroom)) > 1:
            saw_mixed = True
    assert not saw_mixed and _images(classroom) == {"nginx:1.26"}


def test_scale_down_removes_doubled_up_pods_first(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=4")
    classroom.ok("sim run-until all-running")
    per_node: dict[str, int] = {}
    for p in classroom.k8s.pods("default"):
        per_node[p["spec"]["nodeName"]] = per_node.get(p["spec"]["nodeName"], 0) + 1
    doubled = [n for n, k in per_node.items() if k == 2]
    assert len(doubled) == 1
    classroom.ok("kubectl scale deployment web --replicas=3")
    deleted = [e.pod for e in classroom.events("ControllerDeletedPod")]
    assert len(deleted) == 1
    victim = [p for p in classroom.k8s.api.list("pods", "default") if p["metadata"]["name"] == deleted[0]][0]
    assert victim["spec"]["nodeName"] == doubled[0]


def test_daemonset_image_update_one_node_at_a_time(classroom: Console) -> None:
    classroom.ok("sim advance 10s")
    classroom.ok("kubectl set image daemonset/log-collector collector=busybox:1.36.1 -n kube-system")
    unavailable_max = 0
    end = classroom.sim.now + 120
    while classroom.sim.now < end and classroom.sim.step():
        pods = classroom.k8s.pods("kube-system")
        ready = [p for p in pods if not p["metadata"].get("deletionTimestamp") and
                 any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))]
        unavailable_max = max(unavailable_max, 3 - len(ready))
    images = {p["spec"]["containers"][0]["image"] for p in classroom.k8s.pods("kube-system")}
    assert images == {"busybox:1.36.1"} and unavailable_max <= 1


def test_large_cluster_scores_a_sample_of_nodes() -> None:
    c = Console(seed=2)
    c.ok("sim preset large 200")
    c.ok("kubectl create deployment web --image=nginx:1.27 --replicas=300")
    out = c.ok("sim run-until all-running --timeout 10m")
    assert "reached" in out and "not reached" not in out
    d = c.k8s.scheduling_breakdown("default", c.k8s.pods("default")[-1]["metadata"]["name"])
    # 200 nodes: 50 - 200/125 = 49% -> 98, raised to the 100-node minimum; scoring stops there
    assert d.total_nodes == 200 and d.to_find == 100 and len(d.feasible) == 100 and len(d.evaluated) == 100
    # the rotating start index spreads the work over all nodes
    used = {p["spec"]["nodeName"] for p in c.k8s.pods("default")}
    assert len(used) == 200
    # zones are spread too (PodTopologySpread's zone default constraint)
    zones = {}
    for p in c.k8s.pods("default"):
        z = c.k8s.api.get("nodes", "", p["spec"]["nodeName"])["metadata"]["labels"]["topology.kubernetes.io/zone"]
        zones[z] = zones.get(z, 0) + 1
    assert max(zones.values()) - min(zones.values()) <= 6
