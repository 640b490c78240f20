"""Kubelet, controllers, networking and the other kubectl commands."""
from __future__ import annotations

import copy

from app.sim.k8s.replicaset import rank_for_deletion
from app.sim.world import World

from .conftest import Console


def test_crash_loop_back_off_waits(classroom: Console) -> None:
    classroom.ok("kubectl run app --image=nginx:1.27")
    classroom.ok("sim run-until pod/app=Ready")
    classroom.ok("sim crash app --always")
    classroom.ok("sim advance 200s")
    crashes = [e for e in classroom.events("ContainerCrashed") if e.pod == "app"]
    # restart waits: 0 (immediate), 10, 20, 40, 80 ... capped at 300
    assert [e.backoff for e in crashes[:5]] == [0.0, 10.0, 20.0, 40.0, 80.0]
    starts = [e.time for e in classroom.events("ContainerStarted") if e.pod == "app"]
    gaps = [round(b - a, 3) for a, b in zip(starts[1:], starts[2:])]
    assert gaps[:3] == [2.0 + 10.0, 2.0 + 20.0, 2.0 + 40.0]  # runs 2 s, then waits
    out = classroom.ok("kubectl get pod app")
    assert "CrashLoopBackOff" in out or "Running" in out
    pod = classroom.k8s.api.get("pods", "default", "app")
    cs = pod["status"]["containerStatuses"][0]
    assert cs["restartCount"] >= 4 and cs["lastState"]["terminated"]["exitCode"] == 1
    desc = classroom.ok("kubectl describe pod app")
    assert "Back-off restarting failed container app in pod app_default" in desc
    assert "Last State:" in desc and "Exit Code:" in desc


def test_image_pull_failure_and_backoff(classroom: Console) -> None:
    classroom.ok("sim pull-fail nginx:1.27")
    classroom.ok("kubectl run app --image=nginx:1.27")
    classroom.ok("sim advance 2s")
    assert "ErrImagePull" in classroom.ok("kubectl get pod app")
    classroom.ok("sim advance 5s")
    assert "ImagePullBackOff" in classroom.ok("kubectl get pod app")
    desc = classroom.ok("kubectl describe pod app")
    assert 'Failed to pull image "nginx:1.27"' in desc and 'Back-off pulling image "nginx:1.27"' in desc
    classroom.ok("sim pull-fail nginx:1.27 --off")
    classroom.ok("sim run-until pod/app=Running --timeout 2m")
    reasons = [e.reason for e in classroom.events("KubeletImagePullFailed")]
    assert reasons[:2] == ["ErrImagePull", "ImagePullBackOff"]
    # an image that does not exist: containerd's words
    classroom.ok("kubectl run nope --image=nginx:0.0.404")
    classroom.ok("sim advance 5s")
    assert "not found" in classroom.ok("kubectl describe pod nope")


def test_image_already_present_not_pulled_again(classroom: Console) -> None:
    classroom.ok("kubectl run a --image=nginx:1.27 --restart=Never")
    classroom.ok("sim run-until pod/a=Running")
    node = classroom.k8s.api.get("pods", "default", "a")["spec"]["nodeName"]
    classroom.ok(f"kubectl apply -f -", stdin=f"""apiVersion: v1
kind: Pod
metadata: {{name: b}}
spec:
  nodeSelector: {{kubernetes.io/hostname: {node}}}
  containers: [{{name: b, image: nginx:1.27}}]
""")
    classroom.ok("sim run-until pod/b=Running")
    b = [e for e in classroom.events("KubeletImagePulled") if e.pod == "b"]
    assert len(b) == 1 and b[0].already_present
    assert 'Container image "nginx:1.27" already present on machine' in classroom.ok("kubectl describe pod b")
    # the scheduler saw the image: ImageLocality for that node is above 0 afterwards
    d = classroom.k8s.scheduling_breakdown("default", "b")
    assert d.feasible == [node]


def test_service_endpoints_dns_and_proxy(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80")
    classroom.ok("kubectl expose deployment web --port=80 --type=NodePort")
    classroom.ok("sim run-until all-running")
    svc = classroom.ok("kubectl get svc web")
    assert "NodePort" in svc and "80:30000/TCP" in svc
    assert {e.node for e in classroom.events("ProxyRulesSynced")} == {"node-1", "node-2", "node-3"}
    eps = classroom.ok("kubectl get endpointslices")
    assert "web-" in eps and "IPv4" in eps
    ip = classroom.k8s.api.get("services", "default", "web")["spec"]["clusterIP"]
    assert classroom.ok("sim dns web.default.svc.cluster.local") == f"Name:\tweb.default.svc.cluster.local\nAddress: {ip}"
    assert "NXDOMAIN" in classroom.ok("sim dns nothing.default.svc.cluster.local")
    hits = {classroom.ok("sim curl web --from node-1").split(" -> ")[2].split()[0] for _ in range(3)}
    assert len(hits) == 3  # round-robin over three ready endpoints
    classroom.ok("kubectl scale deployment web --replicas=1")
    classroom.ok("sim advance 5s")
    last = [e for e in classroom.events("EndpointsChanged") if e.service == "web"][-1]
    assert last.ready == 1
    assert "Endpoints:" in classroom.ok("kubectl describe svc web")


def test_daemonset_one_per_node_and_new_nodes(classroom: Console) -> None:
    out = classroom.ok("kubectl get ds -n kube-system")
    assert out.splitlines()[1].split()[:6] == ["log-collector", "3", "3", "0", "3", "0"] or "log-collector" in out
    classroom.ok("sim advance 10s")
    pods = classroom.k8s.pods("kube-system")
    assert sorted(p["spec"]["nodeName"] for p in pods) == ["node-1", "node-2", "node-3"]
    classroom.ok("sim node add node-4")
    classroom.ok("sim advance 10s")
    assert len(classroom.k8s.pods("kube-system")) == 4
    assert classroom.ok("kubectl get ds log-collector -n kube-system").splitlines()[1].split()[1:4] == ["4", "4", "4"]


def test_preemption_of_lower_priority(classroom: Console) -> None:
    classroom.ok("kubectl apply -f -", stdin="""apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: filler}
spec:
  replicas: 3
  selector: {matchLabels: {app: filler}}
  template:
    metadata: {labels: {app: filler}}
    spec:
      containers: [{name: f, image: nginx:1.27, resources: {requests: {cpu: 1500m}}}]
""")
    classroom.ok("sim run-until all-running")
    classroom.ok("kubectl apply -f -", stdin="""apiVersion: v1
kind: Pod
metadata: {name: vip}
spec:
  priorityClassName: high
  containers: [{name: v, image: nginx:1.27, resources: {requests: {cpu: "1"}}}]
""")
    classroom.ok("sim run-until pod/vip=Running --timeout 2m")
    pre = classroom.events("PodPreempted")
    assert len(pre) == 1 and pre[0].preemptor == "vip"
    assert classroom.k8s.api.get("pods", "default", "vip")["spec"]["priority"] == 1000
    failed = [e for e in classroom.events("FailedScheduling") if e.pod == "vip"]
    assert failed[0].message == "0/3 nodes are available: 3 Insufficient cpu."


def test_cordon_drain_taint_label(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=3")
    classroom.ok("sim run-until all-running")
    out = classroom.ok("kubectl drain node-1 --ignore-daemonsets")
    assert out.splitlines()[0] == "node/node-1 cordoned" and out.endswith("node/node-1 drained")
    assert "Warning: ignoring DaemonSet-managed Pods: kube-system/log-collector-" in out
    assert "Ready,SchedulingDisabled" in classroom.ok("kubectl get node node-1")
    classroom.ok("sim advance 10s")
    assert all(p["spec"]["nodeName"] != "node-1" for p in classroom.k8s.pods("default"))
    assert classroom.ok("kubectl uncordon node-1") == "node/node-1 uncordoned"
    assert classroom.ok("kubectl taint nodes node-2 gpu=yes:NoSchedule") == "node/node-2 tainted"
    classroom.fail("kubectl taint nodes node-2 gpu=no:NoSchedule")
    assert classroom.ok("kubectl taint nodes node-2 gpu:NoSchedule-") == "node/node-2 untainted"
    assert classroom.ok("kubectl label node node-3 disk=ssd") == "node/node-3 labeled"
    assert "already has a value" in classroom.fail("kubectl label node node-3 disk=hdd")
    assert classroom.ok("kubectl get nodes -l disk=ssd -o name") == "node/node-3"


def test_scale_down_ranking_prefers_doubled_nodes() -> None:
    def pod(name, node, phase="Running", ready=True, created="2026-01-01T00:00:00Z"):
        conds = [{"type": "Ready", "status": "True" if ready else "False", "lastTransitionTime": created}]
        return {"metadata": {"name": name, "uid": name, "creationTimestamp": created},
                "spec": {"nodeName": node}, "status": {"phase": phase, "conditions": conds}}
    pods = [pod("a", "n1"), pod("b", "n1"), pod("c", "n2"), pod("d", None, "Pending", False),
            pod("e", "n3", "Pending", False)]
    order = [p["metadata"]["name"] for p in rank_for_deletion(pods, 100.0)]
    assert order[:2] == ["d", "e"]            # unassigned, then Pending
    assert set(order[2:4]) == {"a", "b"}      # two on n1: doubled-up node first
    assert order[4] == "c"


def test_get_formats_events_logs_top(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=2")
    classroom.ok("sim run-until all-running")
    assert classroom.ok("kubectl get nodes").splitlines()[0].split() == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]
    assert "INTERNAL-IP" in classroom.ok("kubectl get nodes -o wide")
    assert classroom.ok("kubectl get rs").splitlines()[0].split() == ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]
    allns = classroom.ok("kubectl get pods -A")
    assert allns.splitlines()[0].startswith("NAMESPACE") and "kube-system" in allns
    ev = classroom.ok("kubectl get events")
    assert ev.splitlines()[0].split()[:4] == ["LAST", "SEEN", "TYPE", "REASON"] and "ScalingReplicaSet" in ev
    name = classroom.k8s.pods("default")[0]["metadata"]["name"]
    assert "Configuration complete; ready for start up" in classroom.ok(f"kubectl logs {name}")
    assert classroom.ok("kubectl top nodes").splitlines()[0].split() == ["NAME", "CPU(cores)", "CPU(%)",
                                                                         "MEMORY(bytes)", "MEMORY(%)"]
    assert classroom.ok("kubectl get ns").count("Active") == 4
    assert "No resources found in kube-public namespace." == classroom.ok("kubectl get pods -n kube-public")
    assert classroom.ok("kubectl get deploy web -o json").startswith("{")
    assert "deployment.apps/web" in classroom.ok("kubectl get all")
    assert classroom.ok("kubectl delete deployment web") == 'deployment.apps "web" deleted'
    classroom.ok("sim advance 10s")
    assert classroom.k8s.pods("default") == []


def test_deterministic_and_snapshot_safe() -> None:
    def story(seed: int) -> World:
        w = World(seed)
        for line in ("sim preset classroom", "kubectl create deployment web --image=nginx:1.27 --replicas=4",
                     "sim advance 30s", "sim node stop node-1", "sim advance 400s"):
            assert w.run(line).ok, line
        return w
    a, b = story(3), story(3)
    assert a.sim.digest() == b.sim.digest()
    clone = copy.deepcopy(a)
    assert clone.run("kubectl scale deployment web --replicas=6").ok
    clone.sim.advance(30)
    assert len(clone.k8s.pods("default")) > len([p for p in a.k8s.pods("default")]) - 2
    assert a.k8s.api.get("deployments", "default", "web")["spec"]["replicas"] == 4


def test_cut_off_node_keeps_running_and_stale_proxy_rules(classroom: Console) -> None:
    classroom.ok("kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80")
    classroom.ok("kubectl expose deployment web --port=80")
    classroom.ok("sim run-until all-running")
    classroom.ok("sim node cut node-3")
    classroom.ok("sim run-until node/node-3=Unknown")
    # the partitioned kubelet keeps its containers; the control plane marks its pod not ready
    assert classroom.k8s.kubelets["node-3"].pods
    classroom.ok("sim advance 5s")
    last = [e for e in classroom.events("EndpointsChanged") if e.service == "web"][-1]
    assert last.ready == 2
    # node-3's kube-proxy still has the old rules (three endpoints); node-1's has two
    from_3 = {classroom.ok("sim curl web --from node-3").split(" -> ")[2].split()[0] for _ in range(3)}
    from_1 = {classroom.ok("sim curl web --from node-1").split(" -> ")[2].split()[0] for _ in range(4)}
    assert len(from_3) == 3 and len(from_1) == 2
    classroom.ok("sim node back node-3")
    classroom.ok("sim advance 15s")
    assert "NotReady" not in classroom.ok("kubectl get nodes")


def test_explain_unschedulable_and_session_replay(tmp_path) -> None:
    from app.sim.session import Mark, Session
    from .conftest import FIXTURES
    manifest = tmp_path / "big.yaml"
    manifest.write_text("apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n"
                        "  - {name: a, image: nginx:1.27, resources: {requests: {memory: 64Gi}}}\n")
    s = Session(seed=5)
    s.snapshots_enabled = False  # restoring must replay every line from the start
    for line in ("sim preset classroom", f"kubectl apply -f {manifest}", "sim advance 2s"):
        assert s.execute(line).ok, line
    out = s.world.run("sim explain pod big").output
    assert "NodeResourcesFit: Insufficient memory" in out and "0/3 nodes are available: 3 Insufficient memory." in out
    end, digest = s.world.sim.now, s.world.sim.digest()
    manifest.unlink()  # the session recorded what the command read
    s.restore(Mark(0.0, 1))  # after the preset, before the apply
    assert s.world.k8s.api.get("pods", "default", "big") is None
    s.jump_to_time(end)
    assert s.world.sim.digest() == digest
    assert s.world.k8s.api.get("pods", "default", "big") is not None


def test_log_collector_keeps_lines_after_the_pod(classroom: Console) -> None:
    classroom.ok("kubectl run web --image=nginx:1.27")
    classroom.ok("sim run-until pod/web=Running")
    classroom.ok("sim advance 15s")
    shipped = [e for e in classroom.events("LogsCollected") if e.pod == "web"]
    assert shipped and shipped[0].lines >= 2
    assert "Configuration complete; ready for start up" in classroom.ok("sim logs web")
    classroom.ok("kubectl delete pod web")
    assert "NotFound" in classroom.fail("kubectl logs web")
    assert "default/web/web: " in classroom.ok("sim logs web")


def test_probe_faults(classroom: Console) -> None:
    classroom.ok("kubectl apply -f -", stdin="""apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5, failureThreshold: 3}
    readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
""")
    classroom.ok("sim run-until pod/p=Ready")
    out = classroom.ok("sim probe-fail p --readiness")
    assert "after 15s" in out
    classroom.ok("sim advance 16s")
    assert classroom.ok("kubectl get pod p").splitlines()[1].split()[1] == "0/1"
    assert "Readiness probe failed: HTTP probe failed with statuscode: 500" in classroom.ok("kubectl describe pod p")
    classroom.ok("sim probe-fail p --readiness --off")
    classroom.ok("sim advance 6s")
    assert classroom.ok("kubectl get pod p").splitlines()[1].split()[1] == "1/1"
    classroom.ok("sim probe-fail p --liveness")
    classroom.ok("sim advance 16s")
    crashed = [e for e in classroom.events("ContainerCrashed") if e.pod == "p"]
    assert crashed and crashed[0].exit_code == 137
    desc = classroom.ok("kubectl describe pod p")
    assert "Container web failed liveness probe, will be restarted" in desc
    assert classroom.k8s.api.get("pods", "default", "p")["status"]["containerStatuses"][0]["restartCount"] >= 1
    classroom.ok("kubectl run plain --image=nginx:1.27")
    classroom.ok("sim run-until pod/plain=Running")
    assert "has no livenessProbe" in classroom.fail("sim probe-fail plain --liveness")
    assert "NotFound" in classroom.fail("sim probe-fail nope --liveness")


def test_get_watch_prints_each_change(classroom: Console) -> None:
    classroom.ok("kubectl run w --image=nginx:1.27")
    out = classroom.ok("kubectl get pod w -w --request-timeout=20s").splitlines()
    assert out[0].split()[:3] == ["NAME", "READY", "STATUS"]
    statuses = [line.split()[2] for line in out[1:]]
    assert statuses[0] == "Pending" and statuses[-1] == "Running" and "ContainerCreating" in statuses
    assert classroom.sim.now >= 20.0
    assert "table form" in classroom.fail("kubectl get pods -w -o yaml")


def test_image_service_answers_as_the_docker_engine_does(classroom: Console) -> None:
    from app.sim.k8s import imagesvc

    docker = classroom.world.docker
    classroom.ok("kubectl run p --image=nginx:1.27")
    classroom.ok("sim run-until pod/p=Running")
    node = classroom.k8s.api.get("pods", "default", "p")["spec"]["nodeName"]
    other = next(n for n in ("node-1", "node-2", "node-3") if n != node)
    for ref in ("nginx:1.27", "docker.io/library/nginx:1.27", "nginx:1.26", "NGINX::bad", ""):
        for host in (node, other, "nowhere"):
            assert imagesvc.has_image(docker, host, ref) == docker.has_image(host, ref), (ref, host)
    assert imagesvc.has_image(docker, node, "nginx:1.27") and not imagesvc.has_image(docker, other, "nginx:1.27")
    # the cached pull time is the engine's own figure for the same image, layers present and bandwidth
    a = imagesvc.plan_pull(docker, other, "nginx:1.27", 12.5e6)
    b = imagesvc.plan_pull(docker, other, "nginx:1.27", 12.5e6)
    assert a.duration == b.duration == docker.plan_pull(other, "nginx:1.27").duration(12.5e6)
    assert imagesvc.plan_pull(docker, node, "nginx:1.27", 12.5e6).layers_fetched == 0
    assert imagesvc.image_id(docker, node, "nginx:1.27").startswith("docker.io/library/nginx@sha256:")
