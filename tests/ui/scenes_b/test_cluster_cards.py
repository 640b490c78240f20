"""Node cards sized to what they hold: few nodes with few pods read large (big type, big chips, no
empty card bottoms), pods keep their places as others arrive, and projector sizes still fit."""
from app.ui.scenes.b_cluster_items import NodeCard
from app.ui.scenes.cluster import ClusterScene
from app.ui.theme import PROJECTOR

from .fake_cluster import FakeWorld, pod_obj


def test_three_small_nodes_read_large_and_cards_end_under_their_pods(make_scene):
    scene, _ = make_scene(ClusterScene, FakeWorld(nodes=3, pods=6))
    units = {c.unit for c in scene.cards.values()}
    assert len(units) == 1 and units.pop() >= 26  # the old cards drew text at 22 at most
    grid = scene.grid
    for name, card in scene.cards.items():
        r = card.sceneBoundingRect()
        assert grid.adjusted(-3, -3, 3, 3).contains(r), name
        # as tall as title, bars, the reserved pod rows and the footer: nothing more
        assert abs(r.height() - 4 - NodeCard.height_for(card.unit, r.width() - 4, scene._capacity)) < 2
        chips = [scene.pods.rect_of(k) for k in scene.view.nodes[name].pods]
        assert all(card.pod_area().contains(c) for c in chips)
        assert min(c.height() for c in chips) >= 40  # big chips (26 before)
    # the grid is not filled with empty card: cards take about what they need
    used = max(c.sceneBoundingRect().bottom() for c in scene.cards.values())
    assert used < grid.bottom() - 100


def test_pods_keep_their_places_when_more_arrive(make_scene):
    world = FakeWorld(nodes=3, pods=6)
    scene, _ = make_scene(ClusterScene, world)
    before = {k: scene.pods.rect_of(k) for k in scene.pods.keys}
    cards = {n: c.sceneBoundingRect() for n, c in scene.cards.items()}
    seq = world.sim.event_count
    late = "2030-01-01T00:01:00Z"  # created after the others (and named to sort before them)
    first = pod_obj("extra-1", None, phase="Pending", ready=False)
    first["metadata"]["creationTimestamp"] = late
    world.put("pods", first)
    world.schedule("extra-1", "node-1")
    second = pod_obj("extra-2", "node-1")
    second["metadata"]["creationTimestamp"] = late
    world.put("pods", second)
    scene.on_events(world.drain_events(seq))
    assert {n: c.sceneBoundingRect() for n, c in scene.cards.items()} == cards
    for key, rect in before.items():
        assert scene.pods.rect_of(key) == rect, key
    assert scene.cards["node-1"].pod_area().contains(scene.pods.rect_of("default/extra-2"))


def test_projector_size_cards_fit_and_grow_their_text(make_scene):
    scene, _ = make_scene(ClusterScene, FakeWorld(nodes=3, pods=9), profile=PROJECTOR)
    scene.set_min_text_px(31)
    grid = scene.grid
    assert grid.left() > 16 + 300  # the left column is wider at presenter sizes
    for name, card in scene.cards.items():
        assert card._unit() >= 31 / 0.85
        assert grid.adjusted(-3, -3, 3, 3).contains(card.sceneBoundingRect()), name
        for key in scene.view.nodes[name].pods:
            assert card.pod_area().contains(scene.pods.rect_of(key))


def test_a_hundred_nodes_keep_the_even_grid(make_scene):
    scene, _ = make_scene(ClusterScene, FakeWorld(nodes=100, pods=3000))
    sizes = {(round(c.sceneBoundingRect().width()), round(c.sceneBoundingRect().height())) for c in scene.cards.values()}
    assert len(sizes) == 1
    for key in list(scene.view.pods)[:50]:
        pv = scene.view.pods[key]
        assert scene.cards[pv.node].sceneBoundingRect().contains(scene.pods.rect_of(key))


def test_a_squarish_stage_gives_the_node_grid_more_height(make_scene):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGraphicsView

    scene, _ = make_scene(ClusterScene, FakeWorld(nodes=3, pods=6))
    wide_unit = next(iter(scene.cards.values())).unit
    view = QGraphicsView(scene)
    view.resize(1000, 1000)
    view.show()
    scene.rebuild()
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    assert scene.sceneRect().height() == 1600 and scene.tall
    assert scene.grid.height() > 1300 and scene.left.height() > 1500
    for name, card in scene.cards.items():
        assert scene.grid.adjusted(-3, -3, 3, 3).contains(card.sceneBoundingRect()), name
    assert next(iter(scene.cards.values())).unit >= wide_unit
    view.close()
    view.setScene(None)
