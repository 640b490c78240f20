"""The house scene driven by real console lines: floors are the image's layers, cache hits are marked,
containers are conjured on land, pushes fill the warehouse, step back restores, the technical view
shows the same ids, animations end in the drawn state."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractAnimation

from app.ui.scenes import scene_class
from app.ui.scenes.a_items import label_text
from app.ui.scenes.house import HouseScene
from tests.ui.scenes_a import harness


def _image(controller: Any, tag: str) -> Any:
    host = controller.world.docker.hosts[controller.world.docker.current_host]
    return host.images[host.tags[f"docker.io/library/{tag}"]]


def test_empty_site_then_floors_rise_from_a_real_build(controller: Any, scene_for: Any) -> None:
    assert scene_class("house") is HouseScene
    scene = scene_for(HouseScene, lang="en")
    assert scene.item_for("layer:1") is None and not scene.model.built
    for item_id in ("dockerfile", "house", "magic", "backpack", "warehouse", "land", "container"):
        assert scene.item_for(item_id) is not None, item_id
    controller.execute("docker build -t web:1 contexts/web")
    image = _image(controller, "web:1")
    floors = [scene.item_for(f"layer:{n}") for n in range(1, len(image.layers) + 1)]
    assert all(floors) and scene.item_for(f"layer:{len(image.layers) + 1}") is None
    ys = [f.scenePos().y() for f in floors]
    assert ys == sorted(ys, reverse=True)  # layer 1 at the bottom
    for n, layer in enumerate(image.layers, start=1):
        f = scene.floor(n)
        assert f.digest == layer.digest and f.size == layer.unpacked
    origins = [scene.floor(n).origin for n in range(1, len(image.layers) + 1)]
    assert origins[:4] == ["base"] * 4 and set(origins[4:]) == {"built"}
    assert scene.item_for("roof") is not None
    plan = [label_text(scene.item_for(f"plan:{i}").childItems()[1]) for i in range(1, 6)]
    assert plan[0].startswith("1. FROM python:3.12-slim") and plan[3].startswith("4. RUN pip")
    assert "web:1" in scene.summary()


def test_a_rebuild_marks_cache_hits_and_rebuilt_floors(controller: Any, scene_for: Any) -> None:
    scene = scene_for(HouseScene, lang="zh")
    controller.execute("docker build -t web:1 contexts/web")
    controller.execute("docker build -t web:2 contexts/web-v2")
    origins = {f.number: f.origin for f in scene.model.floors}
    assert origins[5] == origins[6] == origins[7] == "cached" and origins[8] == "built"
    statuses = [line.status for line in scene.model.dockerfile]
    assert statuses[:5] == ["base", "cached", "cached", "cached", "built"] and "note" in statuses
    assert "缓存 3" in scene.summary()
    # same layers as the engine says, and the cached floors are the very layers of web:1
    assert scene.model.floors[6].digest == _image(controller, "web:1").layers[6].digest


def test_hover_and_click_tell_the_same_layer_details(qtbot: Any, controller: Any, scene_for: Any) -> None:
    scene = scene_for(HouseScene, lang="en")
    controller.execute("docker build -t web:1 contexts/web")
    floor = scene.item_for("layer:7")
    f = scene.floor(7)
    assert f.instruction in floor.toolTip() and f.digest in floor.toolTip()
    view = harness.view_for(scene, 1600, 900)
    floor = scene.item_for("layer:7")  # the scene laid itself out again for the view
    with qtbot.waitSignal(scene.details_requested) as blocker:
        harness.click_item(view, floor)
    title, body = blocker.args
    assert title == "Layer 7 of 8" and f.digest in body and "pip install" in body
    view.setScene(None)


def test_containers_on_land_warehouse_and_step_back(controller: Any, scene_for: Any) -> None:
    scene = scene_for(HouseScene, lang="en")
    controller.execute("docker login -u alice -p classroom")
    controller.execute("docker build -t alice/villa:1 contexts/villa")
    controller.execute("docker push alice/villa:1")
    assert scene.item_for("repo:alice/villa") is not None
    assert scene.model.warehouse[0].kind == "villa"
    controller.execute("docker run -d --name v1 alice/villa:1")
    controller.execute("docker run -d --name v2 alice/villa:1")
    assert scene.item_for("container:v1") is not None and scene.item_for("container:v2") is not None
    assert [c.kind for c in scene.model.land] == ["villa", "villa"]
    assert scene.item_for("image:alice/villa:1") is not None  # in the backpack
    controller.step_back()
    assert scene.item_for("container:v2") is None and scene.item_for("container:v1") is not None


def test_technical_view_shows_the_same_ids(qtbot: Any, controller: Any, scene_for: Any) -> None:
    scene = scene_for(HouseScene, lang="en")
    controller.execute("docker build -t web:1 contexts/web")
    view = harness.view_for(scene, 1600, 900)
    harness.click_item(view, scene.item_for("view-toggle"))
    assert scene.technical
    row = scene.item_for("layer:8")
    text = " ".join(label_text(c) for c in row.childItems())
    assert scene.floor(8).digest[7:19] in text and "COPY app.py" in text
    for item_id in ("dockerfile", "house", "magic", "backpack", "warehouse", "land", "container"):
        assert scene.item_for(item_id) is not None, item_id
    scene.set_highlight(["layer:8"])
    assert scene.halo_ids() == ["layer:8"]
    harness.click_item(view, scene.item_for("view-toggle"))
    assert not scene.technical and scene.item_for("roof") is not None
    view.setScene(None)


def test_animations_play_toward_the_drawn_state_and_pause(controller: Any, scene_for: Any) -> None:
    scene = scene_for(HouseScene, lang="en")
    scene.set_animations_enabled(True)
    controller.execute("docker build -t web:1 contexts/web")
    assert scene.animating
    anims = list(scene._animations)
    scene.set_paused(True)
    assert all(a.state() == QAbstractAnimation.State.Paused for a in anims)
    final = {f"layer:{n}": scene.item_for(f"layer:{n}") for n in range(1, 9)}
    scene.finish_animations()
    assert not scene.animating
    ys = [final[f"layer:{n}"].scenePos().y() for n in range(1, 9)]
    assert ys == sorted(ys, reverse=True) and all(final[k].opacity() == 1.0 for k in final)


def test_projector_contrast_both_views(controller: Any, scene_for: Any) -> None:
    controller.execute("docker build -t web:1 contexts/web")
    controller.execute("docker run -d --name house-1 web:1")
    scene = scene_for(HouseScene, presenter=True, lang="zh")
    assert harness.contrast_problems(scene) == []
    scene.toggle_view()
    assert harness.contrast_problems(scene) == []
    scene.set_min_text_px(30)
    assert harness.small_texts(scene, 30) == []
