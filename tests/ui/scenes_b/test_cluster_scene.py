import copy

from app.sim.k8s import events as ev
from app.ui.scenes.b_common import POD_STYLES
from app.ui.scenes.cluster import ClusterScene
from app.ui.theme import PROJECTOR, contrast_ratio

from .fake_cluster import FakeWorld, node_obj, pod_obj


def pod_inside(scene, pod_key, node):
    rect = scene.pods.rect_of(pod_key)
    return scene.cards[node].sceneBoundingRect().contains(rect)


def test_nodes_and_pods_drawn_where_the_engine_put_them(make_scene):
    world = FakeWorld(nodes=3, pods=7)
    world.put("pods", pod_obj("lonely", None, phase="Pending", ready=False))
    scene, _ = make_scene(ClusterScene, world)
    assert sorted(scene.cards) == ["node-1", "node-2", "node-3"]
    assert scene.item_for("node:node-2") is scene.cards["node-2"]
    for key, pv in scene.view.pods.items():
        if pv.node:
            assert pod_inside(scene, key, pv.node), key
    assert scene.pods.state_of("default/lonely") == "Pending"
    assert scene.queue_box.body_rect().contains(scene.pods.rect_of("default/lonely"))
    assert "Pending queue (1)" == scene.queue_box.title
    assert scene.summary() == "3 nodes, 8 pods (7 ready, 1 pending)"
    # cards carry their numbers: 3 pods x 250m on node-1 of 4 CPUs
    assert scene.cards["node-1"].view.cpu_req_m == 750 and scene.cards["node-1"].view.cpu_alloc_m == 4000


def test_scheduling_moves_the_pod_from_the_queue_to_its_node(make_scene):
    world = FakeWorld(nodes=2, pods=2)
    scene, _ = make_scene(ClusterScene, world)
    seq = world.sim.event_count
    world.put("pods", pod_obj("new", None, phase="Pending", ready=False), actor="controller")
    scene.on_events(world.drain_events(seq))
    assert scene.pods.state_of("default/new") == "Pending"
    seq = world.sim.event_count
    world.schedule("new", "node-2")
    scene.on_events(world.drain_events(seq))
    assert pod_inside(scene, "default/new", "node-2")
    assert scene.pods.flying() == 0  # animations off: state only
    assert scene.queue_box.title == "Pending queue (0)"


def test_animation_flies_from_the_old_place_and_ends_at_the_engine_state(make_scene):
    world = FakeWorld(nodes=2, pods=0)
    world.put("pods", pod_obj("p", None, phase="Pending", ready=False))
    scene, _ = make_scene(ClusterScene, world)
    before = scene.pods.rect_of("default/p", final=False)
    scene.set_animations_enabled(True)
    seq = world.sim.event_count
    world.schedule("p", "node-1")
    scene.on_events(world.drain_events(seq))
    assert scene.pods.flying() == 1
    assert scene.pods.rect_of("default/p", final=False) == before  # drawn where it was
    assert pod_inside(scene, "default/p", "node-1")                 # the state is already final
    scene.finish_animations()
    assert scene.pods.flying() == 0
    assert scene.pods.rect_of("default/p", final=False) == scene.pods.rect_of("default/p")


def test_dead_node_shows_status_and_eviction_time(make_scene):
    world = FakeWorld(nodes=2, pods=2)
    scene, _ = make_scene(ClusterScene, world)
    seq = world.sim.event_count
    dead = node_obj("node-2", ready="Unknown")
    dead["spec"]["taints"] = [{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute",
                               "timeAdded": "2026-01-01T00:01:00Z"}]
    world.put("nodes", dead, actor="controller")
    world.sim.emit(ev.NodeConditionChanged, node="node-2", status="Unknown", reason="NodeStatusUnknown")
    scene.on_events(world.drain_events(seq))
    card = scene.cards["node-2"]
    assert card.view.status == "Unknown"
    assert "unreachable:NoExecute" in card.note and "300 s" in card.note


def test_rebuild_after_restore_is_exact(make_scene):
    world = FakeWorld(nodes=3, pods=5)
    scene, _ = make_scene(ClusterScene, world)
    saved = copy.deepcopy(world)
    rects = {k: scene.pods.rect_of(k) for k in scene.pods.keys}
    seq = world.sim.event_count
    world.put("pods", pod_obj("extra", "node-1"))
    scene.on_events(world.drain_events(seq))
    assert "default/extra" in scene.pods.index
    scene.controller.world = saved       # what a step back does: the world object is replaced
    scene.rebuild()
    assert {k: scene.pods.rect_of(k) for k in scene.pods.keys} == rects


def test_services_route_to_ready_pods_and_selection(make_scene, qtbot):
    world = FakeWorld(nodes=2, pods=4)
    world.put("services", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"},
                           "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.10"}})
    world.put("endpointslices", {"metadata": {"name": "web-x", "namespace": "default",
                                              "labels": {"kubernetes.io/service-name": "web"}},
                                 "endpoints": [{"targetRef": {"namespace": "default", "name": "web-7d9f5-00001"},
                                                "conditions": {"ready": True}}]})
    scene, _ = make_scene(ClusterScene, world)
    assert scene.routes.routes == {"default/web": ["default/web-7d9f5-00001"]}
    assert scene.item_for("service:web") is not None
    with qtbot.waitSignal(scene.object_selected) as sig:
        scene.select("Pod", "default", "web-7d9f5-00001")
    assert sig.args == ["Pod", "default", "web-7d9f5-00001"]
    proxy = scene.item_for("pod:web-7d9f5-00001")
    assert proxy.sceneBoundingRect() == scene.pods.rect_of("default/web-7d9f5-00001")
    scene.set_highlight(["pod:web-7d9f5-00001", "pending-queue"])
    assert scene.halo_ids() == ["pending-queue", "pod:web-7d9f5-00001"]


def test_projector_pod_glyphs_contrast_and_shapes():
    for state, (role, _) in POD_STYLES.items():
        for bg in ("canvas", "node"):
            assert contrast_ratio(getattr(PROJECTOR, role), getattr(PROJECTOR, bg)) >= 3.0, (state, bg)
    # colour is never alone: states that share a colour differ by shape
    seen = {}
    for state, (role, shape) in POD_STYLES.items():
        if state in ("Scheduled",):
            continue
        assert (role, shape) not in seen or seen[(role, shape)] == state
        seen[(role, shape)] = state


def test_image_pull_shows_on_the_node_and_travels_from_the_registry(make_scene):
    from app.ui.scenes.b_routes import ParcelItem
    world = FakeWorld(nodes=2, pods=1)
    scene, _ = make_scene(ClusterScene, world)
    seq = world.sim.event_count
    world.sim.emit(ev.KubeletImagePulling, node="node-1", pod="web-7d9f5-00000", namespace="default", image="nginx:1.25")
    scene.set_animations_enabled(True)
    scene.on_events(world.drain_events(seq))
    assert scene.cards["node-1"].pulling == ("nginx:1.25",)
    parcels = [i for i in scene.items() if isinstance(i, ParcelItem)]
    assert len(parcels) == 1 and parcels[0].image == "nginx:1.25"
    scene.finish_animations()
    assert not [i for i in scene.items() if isinstance(i, ParcelItem)]
    seq = world.sim.event_count
    world.sim.emit(ev.KubeletImagePulled, node="node-1", pod="web-7d9f5-00000", namespace="default", image="nginx:1.25",
                   already_present=False, layers_fetched=3, layers_present=4, bytes_fetched=10, duration=2.5)
    scene.on_events(world.drain_events(seq))
    assert scene.cards["node-1"].pulling == ()
    assert scene.registry_box.lines == ("node-1 ← nginx:1.25 (3 layers, 2.5s)",)
    scene.finish_animations()
    # a rebuild (step back, language switch) reads the same from the engine's log
    scene.set_language("zh")
    assert scene.registry_box.lines == ("node-1 ← nginx:1.25 (3 层, 2.5s)",)


def test_pause_freezes_and_speed_shortens_flights(make_scene):
    world = FakeWorld(nodes=2, pods=0)
    world.put("pods", pod_obj("p", None, phase="Pending", ready=False))
    scene, _ = make_scene(ClusterScene, world)
    scene.set_animations_enabled(True)
    scene.set_speed(4.0)
    scene.set_paused(True)
    seq = world.sim.event_count
    world.schedule("p", "node-1")
    scene.on_events(world.drain_events(seq))
    (anim,) = list(scene._animations)
    assert anim.duration() == 225  # 900 ms at 4x
    assert anim.state() == anim.State.Paused
    scene.set_paused(False)
    assert anim.state() == anim.State.Running


def test_real_mouse_clicks_select_pods_and_components(make_scene, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QGraphicsView

    from app.ui.scenes.architecture import ArchitectureScene

    for cls in (ClusterScene, ArchitectureScene):
        scene, world = make_scene(cls, FakeWorld(nodes=3, pods=6))
        view = QGraphicsView(scene)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.resize(1280, 720)
        view.show()
        view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if cls is ClusterScene:
            target = scene.pods.rect_of("default/web-7d9f5-00004").center()
            signal, expected = scene.object_selected, ["Pod", "default", "web-7d9f5-00004"]
        else:
            target = scene.item_for("etcd").sceneBoundingRect().center()
            signal, expected = scene.component_clicked, ["etcd"]
        with qtbot.waitSignal(signal) as sig:
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             view.mapFromScene(target))
        assert sig.args == expected
        view.close()
        view.setScene(None)
