"""Kubernetes engine benchmark: scheduling throughput at 100, 1,000 and 5,000 nodes, and 150,000
replicas on 5,000 nodes to all Running, with peak memory.

Run: ``python -m tests.bench.k8s_bench`` (``--quick`` for a short smoke run, ``--skip-150k`` to
leave the long run out). Every figure is also given as a ratio to baselines measured in the same
run on the same machine:

* throughput / the throughput of a naive scheduler loop (LeastAllocated over the same number of
  scored nodes, nothing else: no API server, no filters, no other plugins, no breakdowns);
* the 150k wall time / the time the naive loop takes for 150k pods;
* peak memory / the resident memory of the same process before the cluster existed.

Upstream reference (sim-semantics §6.1): scheduler_perf requires at least 270 pods/s at 5,000
nodes (SchedulingBasic). The simulated clock is independent: the report shows both.
"""
from __future__ import annotations

import argparse
import gc
import resource
import sys
import time

from app.sim.core import Simulation
from app.sim.docker.engine import DockerEngine
from app.sim.k8s import admission, presets
from app.sim.k8s.algorithm import num_feasible_nodes_to_find
from app.sim.k8s.cluster import Cluster


def rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return rss_mib()


def naive_rate(nodes: int, pods: int) -> float:
    """Pods/s of the simplest Python scheduler: LeastAllocated over the nodes the real one scores."""
    k = num_feasible_nodes_to_find(nodes)
    table = [[4000, 16 * 2**30, 0, 0] for _ in range(nodes)]
    start = 0
    t = time.perf_counter()
    for _ in range(pods):
        best, best_i = -1, 0
        for j in range(k):
            i = (start + j) % nodes
            a, m, r, rm = table[i]
            s = ((a - r - 100) * 100 // a + (m - rm - 200 * 2**20) * 100 // m) // 2
            if s > best:
                best, best_i = s, i
        start = (start + k) % nodes
        table[best_i][2] += 10
        table[best_i][3] += 16 * 2**20
    return pods / (time.perf_counter() - t)


def deployment(name: str, replicas: int) -> dict:
    return admission.apply_defaults("Deployment", {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name, "namespace": "default"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "web", "image": "nginx:1.27",
                                                       "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]}}}})


def build(nodes: int, seed: int = 1) -> Cluster:
    sim = Simulation(seed)
    sim.keep_log = False
    cluster = Cluster(sim, DockerEngine(sim))
    presets.large(cluster, nodes)
    sim.run_until(sim.now)
    return cluster


def throughput(nodes: int, pods: int) -> dict:
    """Pods/s while the scheduler works through one Deployment's pods (the whole engine runs)."""
    c = build(nodes)
    sched = c.scheduler
    spent = [0.0]
    inner = sched.run_cycle

    def timed() -> None:
        t = time.perf_counter()
        inner()
        spent[0] += time.perf_counter() - t

    sched.run_cycle = timed  # type: ignore[method-assign]
    c.api.create("deployments", deployment("bench", pods), "kubectl")
    t = time.perf_counter()
    sim = c.sim
    while sched.scheduled_count < pods and sim.step():
        pass
    wall = time.perf_counter() - t
    return {"nodes": nodes, "pods": pods, "engine_pods_per_s": pods / wall, "scheduler_pods_per_s": pods / spent[0],
            "sim_seconds": sim.now}


def big_run(nodes: int, total: int, per_deployment: int) -> dict:
    gc.collect()
    before = current_rss_mib()
    t0 = time.perf_counter()
    c = build(nodes)
    built = time.perf_counter() - t0
    n = total // per_deployment
    t = time.perf_counter()
    for i in range(n):
        c.api.create("deployments", deployment(f"app-{i:03d}", per_deployment), "kubectl")
    sim = c.sim
    rsc = c.replicaset_controller
    checks = 0
    while True:
        if not sim.step():
            break
        checks += 1
        if checks % 2000 == 0:
            ready = sum(x.ready for x in rsc.counts.values())
            if ready >= total:
                break
    wall = time.perf_counter() - t
    ready = sum(x.ready for x in rsc.counts.values())
    running = sum(1 for p in c.api.store.items("pods") if (p.get("status") or {}).get("phase") == "Running")
    return {"nodes": nodes, "replicas": total, "running": running, "ready": ready, "wall_seconds": wall,
            "build_seconds": built, "sim_seconds": sim.now, "peak_rss_mib": rss_mib(), "rss_before_mib": before,
            "events": sim.event_count, "store_revision": c.api.store.revision}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    ap.add_argument("--skip-150k", action="store_true", help="leave out the 150,000-replica run")
    args = ap.parse_args(argv)
    sizes = [(100, 500), (1000, 1000), (5000, 1000)] if args.quick else [(100, 3000), (1000, 5000), (5000, 10000)]
    print("Kubernetes engine benchmark (pure Python, one process)")
    rows = []
    for nodes, pods in sizes:
        base = naive_rate(nodes, min(pods, 2000))
        r = throughput(nodes, pods)
        rows.append(r)
        print(f"  {nodes:>5} nodes, {pods:>6} pods: engine {r['engine_pods_per_s']:7.0f} pods/s, scheduler cycles "
              f"{r['scheduler_pods_per_s']:7.0f} pods/s; naive-loop baseline {base:7.0f} pods/s; "
              f"ratios {r['engine_pods_per_s'] / base:.2f} / {r['scheduler_pods_per_s'] / base:.2f}; "
              f"upstream floor at 5,000 nodes: 270 pods/s")
        sys.stdout.flush()
    if not args.skip_150k:
        total, per = (15000, 1500) if args.quick else (150000, 5000)
        nodes = 500 if args.quick else 5000
        base_rate = naive_rate(nodes, 5000)
        r = big_run(nodes, total, per)
        base_time = total / base_rate
        print(f"  {total} replicas ({total // per} Deployments) on {nodes} nodes: all Running after "
              f"{r['wall_seconds']:.1f} s wall ({r['sim_seconds']:.0f} s simulated; cluster built in "
              f"{r['build_seconds']:.1f} s); ready {r['ready']}/{total}; naive-loop baseline {base_time:.1f} s "
              f"(ratio {r['wall_seconds'] / base_time:.1f})")
        print(f"  peak memory {r['peak_rss_mib']:.0f} MiB (process before the cluster: {r['rss_before_mib']:.0f} MiB, "
              f"ratio {r['peak_rss_mib'] / max(1.0, r['rss_before_mib']):.1f}); {r['events']} engine events, "
              f"store revision {r['store_revision']}")
        if r["ready"] < total:
            print("  NOT all replicas became ready")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
