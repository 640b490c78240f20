"""The scenes driven by the real engine through the console, as a learner drives them."""
from pathlib import Path

import pytest

from app.ui.controller import SimController
from app.ui.scenes.architecture import ArchitectureScene
from app.ui.scenes.cluster import ClusterScene
from app.ui.theme import NORMAL

ROOT = str(Path(__file__).resolve().parents[3])


@pytest.fixture
def rig(qapp):
    ctl = SimController(seed=1)
    scenes = [ClusterScene(ctl, NORMAL, "en"), ArchitectureScene(ctl, NORMAL, "en")]
    for s in scenes:
        s.set_animations_enabled(False)
        s.rebuild()
        ctl.events_ready.connect(s.on_events)
        ctl.restored.connect(s.rebuild)

    def run(*lines):
        for line in lines:
            result = ctl.execute(line, cwd=ROOT)
            assert result.ok, (line, result.output)

    yield ctl, scenes[0], scenes[1], run
    ctl.pause()


def places(scene):
    return {k: (scene.view.pods[k].node, scene.pods.rect_of(k)) for k in scene.pods.keys}


def test_apply_schedule_and_run(rig):
    ctl, cluster, arch, run = rig
    run("sim preset classroom")
    assert sorted(cluster.cards) == ["node-1", "node-2", "node-3"]
    run("kubectl apply -f lessons/manifests/web-deployment.yaml", "kubectl apply -f lessons/manifests/web-service.yaml",
        "sim run-until all-running")
    web = [k for k in cluster.pods.keys if k.startswith("default/web-")]
    assert len(web) == 3
    for key in web:
        pv = cluster.view.pods[key]
        assert pv.state == "Ready"
        assert cluster.cards[pv.node].sceneBoundingRect().contains(cluster.pods.rect_of(key))
    # the log-collector DaemonSet's pods are drawn too: one per node
    assert sum(1 for k in cluster.pods.keys if k.startswith("kube-system/")) == 3
    assert sorted(cluster.routes.routes["default/web"]) == sorted(web)
    assert cluster.cards["node-1"].view.cpu_req_m >= 250
    # the architecture scene saw the same requests travel through the API server
    log = "\n".join(arch.log_lines)
    assert "API server" in log and "etcd" in log
    path = [arch._hop_text(*h) for h in arch.hops_in_log(ctl.world)]
    first = web[0].split("/")[1]
    node = cluster.view.pods[web[0]].node
    for hop in (f"kubectl → API server: POST deployments/web", f"API server ⇢ controller manager: watch ADDED deployments/web",
                f"controller manager → API server: POST pods/{first}", f"API server ⇢ scheduler: watch ADDED pods/{first}",
                f"scheduler → API server: POST pods/{first}/binding", f"API server ⇢ kubelet@{node}: watch MODIFIED pods/{first}",
                f"kubelet@{node} → runtime@{node}: CRI PullImage nginx:1.26"):
        assert any(hop in line for line in path), hop


def test_node_dies_pods_evicted_after_the_real_timeout_and_step_back(rig):
    ctl, cluster, arch, run = rig
    run("sim preset classroom", "kubectl apply -f lessons/manifests/web-deployment.yaml", "sim run-until all-running")
    before = places(cluster)
    mark = ctl.mark()
    on_two = [k for k, (node, _) in before.items() if node == "node-2" and k.startswith("default/")]
    assert on_two
    run("sim node stop node-2", "sim advance 1m")
    card = cluster.cards["node-2"]
    assert card.view.status == "Unknown"
    assert "unreachable:NoExecute" in card.note and "300 s" in card.note
    assert arch.frames["node-2"].dashed
    run("sim advance 5m")
    ready_web = [k for k, p in cluster.view.pods.items() if k.startswith("default/web-") and p.state == "Ready"]
    assert len(ready_web) == 3 and all(cluster.view.pods[k].node != "node-2" for k in ready_web)
    assert all(cluster.view.pods[k].state in ("Terminating", "Failed") for k in on_two if k in cluster.view.pods)
    ctl.restore(mark)  # step back: both scenes rebuild from the restored world, exactly
    assert places(cluster) == before
    assert cluster.cards["node-2"].view.status == "Ready" and not arch.frames["node-2"].dashed


def test_scale_and_rolling_update(rig):
    ctl, cluster, arch, run = rig
    run("sim preset classroom", "kubectl apply -f lessons/manifests/web-deployment.yaml", "sim run-until all-running",
        "kubectl scale deployment web --replicas=6", "sim run-until all-running")
    assert sum(1 for k in cluster.pods.keys if k.startswith("default/web-")) == 6
    assert cluster.deploy_box.lines[0].startswith("✓ web  6/6 ready")
    run("kubectl set image deployment/web nginx=nginx:1.27", "sim run-until rollout/web")
    hashes = {cluster.view.pods[k].labels.get("pod-template-hash") for k in cluster.view.pods
              if k.startswith("default/web-") and cluster.view.pods[k].state == "Ready"}
    assert len(hashes) == 1
    assert "rev 2" in cluster.deploy_box.lines[0]


def test_pod_breakdown_comes_from_the_scheduler(rig, qtbot):
    ctl, cluster, arch, run = rig
    run("sim preset classroom", "kubectl apply -f lessons/manifests/web-deployment.yaml", "sim run-until all-running")
    key = next(k for k in cluster.pods.keys if k.startswith("default/web-"))
    ns, name = key.split("/")
    widget = cluster.make_details_widget()
    qtbot.addWidget(widget)
    with qtbot.waitSignal(cluster.details_requested) as sig:
        cluster.select("Pod", ns, name)
    node = cluster.view.pods[key].node
    assert f"★ {node}" in sig.args[1] and f"Selected node: {node}" in sig.args[1]
    assert widget.breakdown.cell_text(0, 0) == f"★ {node}"
    assert "NodeResourcesFit" in " ".join(widget.breakdown.table.horizontalHeaderItem(c).text()
                                          for c in range(widget.breakdown.table.columnCount()))


def test_live_play_with_animations_ends_in_the_engine_state(qapp, qtbot):
    ctl = SimController(seed=3)
    cluster, arch = ClusterScene(ctl, NORMAL, "zh"), ArchitectureScene(ctl, NORMAL, "zh")
    for s in (cluster, arch):
        s.rebuild()
        ctl.events_ready.connect(s.on_events)
        ctl.restored.connect(s.rebuild)
    ctl.execute("sim preset classroom", cwd=ROOT)
    ctl.execute("kubectl apply -f lessons/manifests/web-deployment.yaml", cwd=ROOT)
    ctl.set_speed(4.0)
    for s in (cluster, arch):
        s.set_speed(4.0)
    ctl.play(until=ctl.now + 2.0)
    qtbot.waitUntil(lambda: not ctl.playing, timeout=5000)
    assert arch.hops_animated > 0
    for s in (cluster, arch):
        s.set_animations_enabled(False)  # reduced motion: jump to the end state
    assert cluster.pods.flying() == 0 and not cluster.animating and not arch.animating
    for key, pv in cluster.view.pods.items():
        rect = cluster.pods.rect_of(key, final=False)
        assert (cluster.cards[pv.node] if pv.node else cluster.queue_box).sceneBoundingRect().contains(rect)


def test_crash_loop_and_service_requests(rig):
    ctl, cluster, arch, run = rig
    run("sim preset classroom", "kubectl apply -f lessons/manifests/web-deployment.yaml",
        "kubectl apply -f lessons/manifests/web-service.yaml", "sim run-until all-running")
    victim = next(k for k in cluster.pods.keys if k.startswith("default/web-")).split("/")[1]
    run(f"sim crash {victim} --always", "sim advance 30s")
    pv = cluster.view.pods[f"default/{victim}"]
    assert (pv.state, pv.status) == ("Failed", "CrashLoopBackOff")
    assert f"default/{victim}" not in cluster.routes.routes["default/web"]  # not ready: no route
    cluster.set_animations_enabled(True)
    run("sim curl web")
    assert cluster.routes.requests and cluster.routes.requests[0][0] == "default/web"
    assert cluster.routes.requests[0][1] in cluster.routes.routes["default/web"]
    cluster.finish_animations()
    assert not cluster.routes.requests


def test_rolling_update_marks_old_revision_pods_by_shape_and_tag(rig):
    """Mid-rollout, pods of the old ReplicaSet wear the dashed ring (old=True) and both kinds carry
    their revision tag; once the rollout is done no pod is marked."""
    ctl, cluster, arch, run = rig
    run("sim preset classroom", "kubectl apply -f lessons/manifests/web-deployment.yaml", "sim run-until all-running",
        "kubectl set image deployment/web nginx=nginx:1.27", "sim advance 2s")
    web = [k for k in cluster.pods.keys if k.startswith("default/web-")]
    marks = {k: cluster.pods.revision_of(k) for k in web}
    hashes = {k: cluster.view.pods[k].labels.get("pod-template-hash") for k in web}
    assert len(set(hashes.values())) == 2, hashes  # two ReplicaSets' pods side by side
    old = {k for k, (tag, is_old) in marks.items() if is_old}
    new = set(web) - old
    assert old and new
    assert {marks[k][0] for k in old} == {"r1"} and {marks[k][0] for k in new} == {"r2"}
    assert len({hashes[k] for k in old}) == 1 and len({hashes[k] for k in new}) == 1
    run("sim run-until rollout/web", "sim advance 1m")
    marks = {k: cluster.pods.revision_of(k) for k in cluster.pods.keys if k.startswith("default/web-")}
    assert marks and all(m == ("", False) for m in marks.values()), marks
