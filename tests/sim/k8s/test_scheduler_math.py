"""Scheduler arithmetic against hand-computed values (sim-semantics.md §1.3-1.5)."""
from __future__ import annotations

import math

from app.sim.k8s.algorithm import fit_error_message, num_feasible_nodes_to_find
from app.sim.k8s.breakdown import Failure
from app.sim.k8s.scores import default_normalize


def test_percentage_of_nodes_to_score_adaptive() -> None:
    # [DERIVED] in sim-semantics §1.4: 500 -> 46% = 230, 1000 -> 42% = 420, 5000 -> 10% = 500,
    # 6000 -> 5% (2% floored) = 300, 15000 -> 5% = 750; below 100 nodes: all of them.
    assert num_feasible_nodes_to_find(3) == 3
    assert num_feasible_nodes_to_find(99) == 99
    assert num_feasible_nodes_to_find(500) == 230
    assert num_feasible_nodes_to_find(1000) == 420
    assert num_feasible_nodes_to_find(5000) == 500
    assert num_feasible_nodes_to_find(6000) == 300
    assert num_feasible_nodes_to_find(15000) == 750
    # 200 nodes: 49% of 200 = 98, raised to the minimum of 100 (not "all nodes")
    assert num_feasible_nodes_to_find(200) == 100
    assert num_feasible_nodes_to_find(1000, 100) == 1000
    assert num_feasible_nodes_to_find(1000, 3) == 100


def test_fit_error_sorts_whole_strings() -> None:
    failures = {f"n{i}": Failure("NodeResourcesFit", ("Insufficient cpu",), False) for i in range(10)}
    failures.update({f"t{i}": Failure("TaintToleration", ("node(s) had untolerated taint {a: }",), True)
                     for i in range(2)})
    msg = fit_error_message(12, failures)
    # "10 ..." sorts before "2 ..." because whole strings are compared
    assert msg == "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) had untolerated taint {a: }."
    both = {"a": Failure("NodeResourcesFit", ("Insufficient cpu", "Insufficient memory"), False)}
    assert fit_error_message(1, both, post="preemption: 0/1 nodes are available: 1 No preemption victims "
                                           "found for incoming pod") == (
        "0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: "
        "1 No preemption victims found for incoming pod.")


def test_default_normalize_score() -> None:
    assert default_normalize([0, 0, 0], reverse=True) == [100, 100, 100]
    assert default_normalize([0, 0], reverse=False) == [0, 0]
    assert default_normalize([1, 2, 0], reverse=True) == [50, 0, 100]
    assert default_normalize([30, 60, 90], reverse=False) == [33, 66, 100]


def test_classroom_first_pod_scores_by_hand(classroom) -> None:
    """One nginx pod (no requests) on three empty 2-CPU / 4 GiB nodes, images absent.

    NodeResourcesFit (LeastAllocated, non-zero 100m / 200Mi): cpu (2000-100)*100/2000 = 95,
    memory (4096-200)*100/4096 = 95 -> 95. Balanced: nothing requested -> std 0 -> 100.
    TaintToleration: no PreferNoSchedule taints -> 100 x 3 = 300. PodTopologySpread (system default,
    selected by its ReplicaSet): raw = round(0 * ln(3+2) + (3-1)) = 2 everywhere -> 100 x 2 = 200.
    ImageLocality 0. The log collector's own pod (50m / 64Mi) sits on every node too.
    """
    classroom.ok("kubectl create deployment web --image=nginx:1.27")
    classroom.ok("sim advance 1s")
    pod = [p for p in classroom.k8s.pods("default")][0]["metadata"]["name"]
    d = classroom.k8s.scheduling_breakdown("default", pod)
    assert d is not None and d.total_nodes == 3 and len(d.feasible) == 3
    by = {s.name: s for s in d.scores}
    # the log collector requests 50m/64Mi: non-zero requested = 150m and 264Mi with the new pod
    cpu = (2000 - 150) * 100 // 2000
    mem = (4096 - 264) * 100 // 4096
    assert by["NodeResourcesFit"].raw == [(cpu + mem) // 2] * 3
    fc, fm = 50 / 2000, 64 / 4096
    assert by["NodeResourcesBalancedAllocation"].raw == [int((1 - abs(fc - fm) / 2) * 100)] * 3
    assert by["TaintToleration"].normalized == [100] * 3 and by["TaintToleration"].weight == 3
    assert by["PodTopologySpread"].raw == [2, 2, 2] and by["PodTopologySpread"].normalized == [100] * 3
    assert by["NodeAffinity"].skipped and by["InterPodAffinity"].skipped
    assert by["ImageLocality"].raw == [0, 0, 0]
    assert d.totals == [300 + 200 + (cpu + mem) // 2 + by["NodeResourcesBalancedAllocation"].raw[0]] * 3
    assert sorted(d.tied) == ["node-1", "node-2", "node-3"] and d.winner in d.tied


def test_spread_prefers_emptier_node(classroom) -> None:
    """Second replica: the node holding the first gets PTS raw round(1*ln(5) + 2) = 4 (ln 5 = 1.609),
    the others 2; normalised 100*(4+2-raw)/4 -> 50 and 100."""
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2")
    classroom.ok("sim advance 1s")
    pods = classroom.k8s.pods("default")
    decisions = [classroom.k8s.scheduling_breakdown("default", p["metadata"]["name"]) for p in pods]
    second = max(decisions, key=lambda d: d.time)
    first = min(decisions, key=lambda d: d.time)
    pts = {n: (r, v) for n, r, v in zip(second.feasible, *[[s for s in second.scores
                                                              if s.name == "PodTopologySpread"][0].__dict__[k]
                                                             for k in ("raw", "normalized")])}
    assert round(1 * math.log(5) + 2) == 4
    assert pts[first.winner] == (4, 50)
    assert all(v == (2, 100) for n, v in pts.items() if n != first.winner)
    assert second.winner != first.winner


def test_image_locality_taints_and_node_affinity_by_hand(classroom) -> None:
    classroom.ok("kubectl apply -f tests/fixtures/manifests/node-with-images.yaml")
    classroom.ok("kubectl taint nodes node-1 flaky=yes:PreferNoSchedule")
    classroom.ok("kubectl label node node-2 disk=ssd")
    classroom.ok("kubectl apply -f -", stdin="""apiVersion: v1
kind: Pod
metadata: {name: g}
spec:
  tolerations: [{key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}]
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 10
        preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}
  containers: [{name: g, image: nginx:1.27}]
""")
    classroom.ok("sim advance 2s")
    d = classroom.k8s.scheduling_breakdown("default", "g")
    by = {s.name: dict(zip(d.feasible, zip(s.raw, s.normalized))) for s in d.scores if not s.skipped}
    # ImageLocality on node-gpu: int(186812300 * 1/4) = 46703075 bytes, clamped to [23 MiB, 1000 MiB]:
    # 100 * (46703075 - 24117248) // (1048576000 - 24117248) = 2
    assert by["ImageLocality"]["node-gpu"] == (2, 2) and by["ImageLocality"]["node-1"] == (0, 0)
    # TaintToleration: one untolerated PreferNoSchedule taint on node-1 -> raw 1 -> 100 - 100*1/1 = 0
    assert by["TaintToleration"]["node-1"] == (1, 0) and by["TaintToleration"]["node-3"] == (0, 100)
    # NodeAffinity: preferred weight 10 matches node-2 only -> normalised 100 there, 0 elsewhere
    assert by["NodeAffinity"]["node-2"] == (10, 100) and by["NodeAffinity"]["node-gpu"] == (0, 0)
    assert d.winner == "node-2"  # 300 + 200 beats node-gpu's 300 + 2 + a better fit


def test_most_allocated_packs(classroom) -> None:
    classroom.ok("sim scheduler --strategy MostAllocated")
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=1")
    classroom.ok("sim advance 1s")
    d = classroom.k8s.scheduling_breakdown("default", classroom.k8s.pods("default")[0]["metadata"]["name"])
    fit = [s for s in d.scores if s.name == "NodeResourcesFit"][0]
    # MostAllocated: min(req, alloc) * 100 / alloc with non-zero requests 150m / 264Mi (incl. log collector)
    assert fit.raw == [(150 * 100 // 2000 + 264 * 100 // 4096) // 2] * 3
    assert d.strategy == "MostAllocated"


def test_fast_path_window_names_follow_the_node_order_across_the_wrap_and_removals() -> None:
    """On a roomy cluster the filters pass a window of k nodes from next_start; the decision names
    exactly those nodes, in order, wrapping past the end, also after a node has left."""
    from app.sim.core import Simulation
    from app.sim.docker.engine import DockerEngine
    from app.sim.k8s import presets
    from app.sim.k8s.cluster import Cluster

    sim = Simulation(3)
    c = Cluster(sim, DockerEngine(sim))
    presets.large(c, 150)
    sim.run_until(sim.now)
    algo, cache = c.scheduler.algorithm, c.scheduler.cache
    algo.next_start = 120
    c.remove_node("node-008")
    sim.run_until(sim.now)
    c.api.create("pods", {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
                          "spec": c.admit_pod_spec({"containers": [{"name": "a", "image": "busybox:1.36"}]}),
                          "status": {"phase": "Pending"}}, "kubectl")
    sim.run_until(sim.now + 1)
    d = c.scheduling_breakdown("default", "p")
    order = [n.name for n in cache.order]
    k = num_feasible_nodes_to_find(len(order))
    assert len(order) == 149 and k == 100
    assert d.feasible == (order[120:] + order)[:k] == d.evaluated
    assert cache.names == order and "node-008" not in order and d.winner in d.feasible
