"""The origins timeline: every milestone drawn in order, stories on click and on highlight, both
languages, projector contrast and presenter text sizes."""
from __future__ import annotations

from typing import Any

from app.ui.scenes import scene_class
from app.ui.scenes.a_items import label_text
from app.ui.scenes.a_timeline_data import MILESTONES
from app.ui.scenes.timeline import AXIS_Y, TimelineScene
from tests.ui.scenes_a import harness

IDS = ["dotcloud", "lxc", "docker-2013", "borg", "k8s-2014", "k8s-1.0", "cncf", "dockershim-removal", "today"]


def test_registered_and_every_highlight_id_has_an_item(scene_for: Any) -> None:
    assert scene_class("timeline") is TimelineScene
    scene = scene_for(TimelineScene)
    for item_id in IDS:
        assert scene.item_for(item_id) is not None, item_id


def test_cards_in_order_alternating_around_the_axis(scene_for: Any) -> None:
    scene = scene_for(TimelineScene)
    glyph_x = [scene.item_for(f"glyph:{m.id}").scenePos().x() for m in MILESTONES]
    assert glyph_x == sorted(glyph_x) and len(set(glyph_x)) == len(glyph_x)
    for i, m in enumerate(MILESTONES):
        card = scene.item_for(m.id).sceneBoundingRect()
        assert (card.bottom() < AXIS_Y) if i % 2 == 0 else (card.top() > AXIS_Y)
    # cards on the same side never overlap
    for a, b in zip(MILESTONES, MILESTONES[2:]):
        assert not scene.item_for(a.id).sceneBoundingRect().intersects(scene.item_for(b.id).sceneBoundingRect())


def test_click_shows_the_story_in_the_panel_and_the_details(qtbot: Any, scene_for: Any) -> None:
    scene = scene_for(TimelineScene, lang="en")
    view = harness.view_for(scene, 1280, 720)
    card = scene.item_for("k8s-2014")
    with qtbot.waitSignal(scene.details_requested) as blocker:
        harness.click_item(view, card)
    title, body = blocker.args
    assert "Kubernetes" in title and "helmsman" in body
    assert scene.selected == "k8s-2014"
    assert "helmsman" in scene.story_text()
    assert card.border_width > scene.item_for("lxc").border_width  # selected: thicker, not only a colour
    view.setScene(None)


def test_single_highlight_tells_its_story_and_gets_a_halo(scene_for: Any) -> None:
    scene = scene_for(TimelineScene, lang="zh")
    scene.set_highlight(["docker-2013"])
    assert scene.halo_ids() == ["docker-2013"]
    assert "2013 年 3 月" in scene.story_text()


def test_language_switch_relabels_and_keeps_selection(scene_for: Any) -> None:
    scene = scene_for(TimelineScene, lang="zh")
    scene.select("cncf")
    texts = {label_text(i) for i in scene.item_for("cncf").childItems()}
    assert "CNCF 成立" in texts
    scene.set_language("en")
    texts = {label_text(i) for i in scene.item_for("cncf").childItems()}
    assert "CNCF founded" in texts and scene.selected == "cncf"
    assert "Cloud Native Computing Foundation" in scene.story_text()


def test_projector_contrast_and_presenter_text_size(scene_for: Any) -> None:
    scene = scene_for(TimelineScene, presenter=True, lang="en")
    scene.select("today")
    assert harness.contrast_problems(scene) == []
    scene.set_min_text_px(34)
    assert harness.small_texts(scene, 34) == []
    # still nothing overlaps on one side of the axis at the big size
    for a, b in zip(MILESTONES, MILESTONES[2:]):
        assert not scene.item_for(a.id).sceneBoundingRect().intersects(scene.item_for(b.id).sceneBoundingRect())


def test_several_highlights_tell_the_latest_story(scene_for: Any) -> None:
    scene = scene_for(TimelineScene, lang="en")
    scene.set_highlight(["dotcloud", "lxc"])
    assert scene.halo_ids() == ["dotcloud", "lxc"]
    assert "dotCloud, a PaaS start-up" in scene.story_text()
