"""The vm-vs-container scene: stacks, the host's real containers from engine events, step back, the
N experiment through the model, projector contrast."""
from __future__ import annotations

from typing import Any

from app.sim import vm_model
from app.ui.scenes import scene_class
from app.ui.scenes.a_items import Box, label_text
from app.ui.scenes.vm_containers import VmContainersScene, n_from_slider, slider_from_n
from tests.ui.scenes_a import harness

IDS = ["hardware", "hypervisor", "guest-os", "host-os", "runtime", "app", "vm", "container"]


def test_every_highlight_id_and_stack_order(scene_for: Any) -> None:
    assert scene_class("vm-vs-container") is VmContainersScene
    scene = scene_for(VmContainersScene)
    for item_id in IDS:
        assert scene.item_for(item_id) is not None, item_id
    y = {i: scene.item_for(i).sceneBoundingRect().center().y() for i in IDS}
    assert y["guest-os"] < y["hypervisor"] < y["hardware"]  # bottom-up: hardware, hypervisor, guest OS
    assert y["runtime"] < y["host-os"] < y["hardware"]
    assert scene.item_for("ct:none") is not None  # no container yet: the hint is drawn


def test_containers_follow_engine_events_and_step_back(controller: Any, scene_for: Any) -> None:
    scene = scene_for(VmContainersScene, lang="en")
    for i in (1, 2, 3):
        controller.execute(f"docker run -d --name box-{i} alpine sleep 3600")
    boxes = [scene.item_for(f"ct:box-{i}") for i in (1, 2, 3)]
    assert all(isinstance(b, Box) for b in boxes) and scene.item_for("ct:none") is None
    assert scene.running_containers == 3
    xs = [b.scenePos().x() for b in boxes]
    assert xs == sorted(xs)  # left to right in creation order
    assert all(b.sceneBoundingRect().bottom() <= scene.item_for("runtime").sceneBoundingRect().top() for b in boxes)
    assert not boxes[0].dashed
    controller.execute("docker stop box-2")
    stopped = scene.item_for("ct:box-2")
    assert stopped.dashed and scene.running_containers == 2  # state by outline and glyph, not colour alone
    controller.step_back()  # undo the stop
    assert not scene.item_for("ct:box-2").dashed
    controller.step_back()  # undo box-3
    assert scene.item_for("ct:box-3") is None and scene.item_for("ct:box-2") is not None


def test_many_containers_overflow_into_a_counter(controller: Any, scene_for: Any) -> None:
    scene = scene_for(VmContainersScene, lang="en")
    for i in range(30):
        controller.execute(f"docker run -d --name c{i} alpine sleep 3600")
    more = scene.item_for("ct:more")
    assert more is not None
    shown = [i for i in scene.item_ids() if i.startswith("ct:c")]
    assert "ct:c29" in shown and "ct:c0" not in shown
    assert label_text(more.childItems()[0]) == f"+{30 - len(shown)}"
    top = scene.item_for("container").sceneBoundingRect().top()
    assert top > 150  # the pile stays below the column headers


def test_n_chips_run_the_model_and_redraw_the_charts(qtbot: Any, scene_for: Any) -> None:
    scene = scene_for(VmContainersScene, lang="en")
    view = harness.view_for(scene, 1600, 900)
    harness.click_item(view, scene.item_for("n:1000"))
    assert scene.n == 1000 and n_from_slider(scene.slider.value()) == 1000
    expected = vm_model.run_lab(1000, seed=controller_seed(scene))
    assert scene.result == expected
    xs, ys = scene.charts.ready_points("container")
    assert ys[-1] == 1000 and abs(xs[-1] - expected.container.all_ready_at) < 1e-9
    _, vm_ys = scene.charts.ready_points("vm")
    assert vm_ys[-1] == vm_model.capacity(vm_model.VM).fit
    assert "refused" in scene.summary() and "1,000" in scene.summary()
    scene.slider.setValue(slider_from_n(10))
    assert scene.n == 10 and "refused" not in scene.summary()
    view.setScene(None)


def controller_seed(scene: Any) -> int:
    return int(scene.controller.world.sim.seed)


def test_languages_and_projector(controller: Any, scene_for: Any) -> None:
    controller.execute("docker run -d --name web alpine sleep 3600")
    zh = scene_for(VmContainersScene, presenter=True, lang="zh")
    assert "虚拟机" in zh.summary()
    assert harness.contrast_problems(zh) == []
    zh.set_min_text_px(31)
    assert harness.small_texts(zh, 31) == []
    assert zh.item_for("ct:web") is not None
    zh.set_language("en")
    assert "VMs" in zh.summary()


def test_both_columns_use_the_height_of_the_stage(scene_for: Any) -> None:
    """The stacks reach from under the headers to the bottom (the guest OSes take the room left),
    like the charts on the right: no empty band, at normal and presenter sizes."""
    from app.ui.scenes.base import SCENE_RECT

    for presenter in (False, True):
        scene = scene_for(VmContainersScene, presenter=presenter)
        if presenter:
            scene.set_min_text_px(31)
        vm = scene.item_for("vm").sceneBoundingRect()
        charts = scene.item_for("chart:1").sceneBoundingRect().united(scene.item_for("chart:3").sceneBoundingRect())
        assert vm.height() > (0.5 if not presenter else 0.4) * SCENE_RECT.height(), vm
        hardware = scene.item_for("hardware").sceneBoundingRect()
        assert hardware.bottom() > 0.9 * SCENE_RECT.height() and charts.bottom() > 0.9 * SCENE_RECT.height()
        everything = scene.itemsBoundingRect()
        assert everything.height() > 0.85 * SCENE_RECT.height()
        guest = scene.item_for("guest-os").sceneBoundingRect()
        assert guest.height() > scene.item_for("hypervisor").sceneBoundingRect().height()


def test_the_scene_follows_the_shape_of_its_view(scene_for: Any, qtbot: Any) -> None:
    """On a squarish stage (the window's, beside the narration) the scene grows taller at the same
    width, so the view's scale (and the presenter text size) stays; the charts go across the bottom.
    Resizing the view lays it out again."""
    scene = scene_for(VmContainersScene)
    view = harness.view_for(scene, 1000, 1000)
    assert scene.sceneRect().width() == 1600 and scene.sceneRect().height() == 1600
    assert scene.tall
    charts = [scene.item_for(f"chart:{i}").sceneBoundingRect() for i in (1, 2, 3)]
    stacks = scene.item_for("hardware").sceneBoundingRect()
    assert charts[1].top() > stacks.bottom() and charts[2].top() > stacks.bottom()  # disk, fit: the bottom band
    assert min(c.height() for c in charts) > 250
    assert scene.itemsBoundingRect().height() > 0.85 * scene.sceneRect().height()
    view.resize(1600, 900)  # a wide stage again: the classic side-by-side layout
    qtbot.waitUntil(lambda: scene.sceneRect().height() == 900)
    assert not scene.tall
    assert scene.item_for("chart:2").sceneBoundingRect().left() > scene.item_for("hardware").sceneBoundingRect().right()
    view.close()
    view.setScene(None)
