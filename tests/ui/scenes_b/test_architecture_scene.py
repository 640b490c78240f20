from app.ui.scenes.architecture import ArchitectureScene
from app.ui.scenes.b_arch_items import MessageItem
from app.ui.theme import PROJECTOR, contrast_ratio

from .fake_cluster import FakeWorld, pod_obj

IDS = ["control-plane", "apiserver", "scheduler", "controller-manager", "etcd", "node", "kubelet", "kube-proxy",
       "container-runtime", "log-collector", "cluster-dns", "pod", "kubectl"]


def test_every_highlight_id_is_drawn_and_laid_out(make_scene):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=3, pods=4))
    for i in IDS:
        assert scene.item_for(i) is not None, i
    api = scene.item_for("apiserver").sceneBoundingRect()
    assert scene.item_for("control-plane").sceneBoundingRect().contains(api)
    assert scene.item_for("node").sceneBoundingRect().contains(scene.item_for("kubelet").sceneBoundingRect())
    assert scene.item_for("kubectl").sceneBoundingRect().right() < api.left()
    assert scene.shown_nodes == ["node-1", "node-2", "node-3"]
    scene.set_highlight(["scheduler", "apiserver"])
    assert scene.halo_ids() == ["apiserver", "scheduler"]
    assert scene.card.title == "Scheduler"  # the step's first highlighted component gets the card


def test_many_nodes_are_summed_up(make_scene):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=7, pods=0))
    assert scene.shown_nodes == ["node-1", "node-2"] and "+more" in scene.frames
    assert scene.frames["+more"].label == "5 more nodes"
    # a message to a summed-up node names it in words, not by the box's internal id
    line = scene._hop_text("apiserver", "+more", "watch MODIFIED pods/web", True, 3.0)
    assert "another node" in line and "+more" not in line


def test_click_shows_role_analogy_and_what_changed(make_scene, qtbot):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(), lang="zh")
    with qtbot.waitSignal(scene.component_clicked) as sig:
        scene.select_component("container-runtime")
    assert sig.args == ["container-runtime"]
    text = " ".join(p for _, p in scene.card.blocks)
    assert "dockershim" in text and "containerd" in text
    scene.set_language("en")
    scene.select_component("scheduler")
    assert scene.card.title == "Scheduler"
    assert any("dispatch room" in p for _, p in scene.card.blocks)


def test_request_path_follows_the_engine_events(make_scene):
    world = FakeWorld(nodes=2, pods=0)
    scene, _ = make_scene(ArchitectureScene, world)
    seq = world.sim.event_count
    world.put("pods", pod_obj("web-1", None, phase="Pending", ready=False), actor="kubectl")
    world.schedule("web-1", "node-2")
    scene.on_events(world.drain_events(seq))
    log = scene.log_lines
    assert any("kubectl → API server: POST pods/web-1" in line for line in log)
    assert any("API server → etcd" in line for line in log)
    assert any("API server ⇢ scheduler: watch ADDED pods/web-1" in line for line in log)
    assert any("scheduler → API server: POST pods/web-1/binding" in line for line in log)
    assert any("API server ⇢ kubelet@node-2" in line for line in log)
    assert not [i for i in scene.items() if isinstance(i, MessageItem)]  # animations off: no messages left
    # with animations on, the same events become travelling messages, finished on demand
    scene.set_animations_enabled(True)
    seq = world.sim.event_count
    world.put("pods", pod_obj("web-2", None, phase="Pending", ready=False))
    scene.on_events(world.drain_events(seq))
    assert scene.animating
    msgs = [i for i in scene.items() if isinstance(i, MessageItem)]
    assert [m.text for m in msgs] == ["POST pods/web-2"]  # one message at a time, in the engine's order
    assert [h[2] for h in scene._hop_queue] == ["ADDED pods/web-2 · rev %d" % world.store.revision,
                                                "watch ADDED pods/web-2"]
    scene.finish_animations()
    assert not [i for i in scene.items() if isinstance(i, MessageItem)]


def test_projector_roles_of_the_diagram():
    for role in ("control_plane", "worker", "accent", "link", "message", "error", "highlight"):
        assert contrast_ratio(getattr(PROJECTOR, role), PROJECTOR.canvas) >= 3.0, role
