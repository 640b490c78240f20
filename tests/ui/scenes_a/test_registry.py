"""The registry scene from real pushes and pulls: one row per layer with the engine's outcome, skipped
layers visibly skipped, shared layers counted on hosts, step back, animation at the simulated pace."""
from __future__ import annotations

from typing import Any

from app.ui.scenes import scene_class
from app.ui.scenes.a_items import label_text
from app.ui.scenes.registry_scene import RegistryScene
from tests.ui.scenes_a import harness

SETUP = ("docker login -u alice -p classroom", "docker build -t alice/villa:1 contexts/villa",
         "docker build -t alice/hut:1 contexts/hut")


def _texts(item: Any) -> str:
    out = []
    for child in item.childItems():
        out.append(label_text(child))
        out.append(_texts(child))
    return " ".join(t for t in out if t)


def _setup(controller: Any) -> None:
    for line in SETUP:
        controller.execute(line)


def test_push_rows_follow_the_engine_outcomes(controller: Any, scene_for: Any) -> None:
    assert scene_class("registry") is RegistryScene
    _setup(controller)
    scene = scene_for(RegistryScene, lang="en")
    assert scene.item_for("layer:1") is None  # nothing pushed yet
    result = controller.execute("docker push alice/villa:1")
    tr = scene.model.transfer
    assert tr.kind == "push" and tr.ref == "alice/villa:1" and len(tr.layers) == 9
    assert [m.outcome for m in tr.layers].count("uploaded") == 1
    # the engine's own words, layer by layer
    for m in tr.layers:
        row = scene.item_for(f"layer:{m.number}")
        assert row is not None
        short = m.digest[7:19]
        assert short in _texts(row)
        printed = next(line for line in result.output.splitlines() if line.startswith(short))
        if m.outcome == "uploaded":
            assert "Pushed" in printed and "Pushed" in _texts(row) and scene.bars[row.item_id].progress == 1.0
        else:
            assert "Mounted from" in printed and "Mounted from" in _texts(row)
            assert scene.bars[row.item_id].dashed and scene.bars[row.item_id].progress == 0.0
    for item_id in ("registry", "repository", "manifest", "host:laptop"):
        assert scene.item_for(item_id) is not None, item_id


def test_push_again_skips_every_layer_then_step_back(controller: Any, scene_for: Any) -> None:
    _setup(controller)
    controller.execute("docker push alice/villa:1")
    scene = scene_for(RegistryScene, lang="zh")
    controller.execute("docker push alice/villa:1")
    tr = scene.model.transfer
    assert {m.outcome for m in tr.layers} == {"exists"} and tr.bytes_moved == 0
    assert all("已存在，跳过" in _texts(scene.item_for(f"layer:{m.number}")) for m in tr.layers)
    assert "跳过 9 层" in scene.summary()
    controller.step_back()
    assert {m.outcome for m in scene.model.transfer.layers} == {"uploaded", "mounted"}


def test_pull_reuses_shared_layers_on_a_host(controller: Any, scene_for: Any) -> None:
    _setup(controller)
    controller.execute("docker push alice/villa:1")
    scene = scene_for(RegistryScene, lang="en")
    controller.execute("docker -H friend pull nginx:1.27-alpine")
    controller.execute("docker -H friend pull alice/villa:1")
    tr = scene.model.transfer
    assert tr.kind == "pull" and tr.host == "friend"
    assert [m.outcome for m in tr.layers] == ["exists"] * 8 + ["downloaded"]
    assert "Already exists" in _texts(scene.item_for("layer:1"))
    friend = scene.item_for("host:friend")
    assert friend is not None
    shared = next(h for h in scene.model.hosts if h.name == "friend").layers
    assert sum(1 for _, _, users in shared if users == 2) == 8  # the nginx foundation, stored once
    square = scene.item_for(f"hostlayer:friend:{tr.layers[0].digest[7:19]}")
    assert "2" in _texts(square)


def test_bars_fill_at_the_simulated_pace_and_pause(controller: Any, scene_for: Any) -> None:
    _setup(controller)
    scene = scene_for(RegistryScene, lang="en")
    scene.set_animations_enabled(True)
    scene.set_speed(1.0)
    controller.execute("docker -H friend pull nginx:1.27-alpine")
    assert scene.animating
    big = max(scene.model.transfer.layers, key=lambda m: m.seconds)
    bar = scene.bars[f"layer:{big.number}"]
    assert bar.progress == 0.0  # it will fill; the final state is already known
    group = next(iter(scene._animations))
    assert group.totalDuration() >= int(big.seconds * 1000)  # at least the engine's transfer time at 1x
    scene.set_paused(True)
    scene.finish_animations()
    assert bar.progress == 1.0


def test_projector_contrast_and_text_size(controller: Any, scene_for: Any) -> None:
    _setup(controller)
    controller.execute("docker push alice/villa:1")
    scene = scene_for(RegistryScene, presenter=True, lang="en")
    assert harness.contrast_problems(scene) == []
    scene.set_min_text_px(30)
    assert harness.small_texts(scene, 30) == []
    assert scene.item_for("layer:9") is not None  # the top layer stays visible at the big size
