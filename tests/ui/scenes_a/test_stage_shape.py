"""Timeline, house and registry on the real stage: they follow the view's shape, keep every item
inside the scene rect, show names and Dockerfile lines whole (wrapped, never shortened with "…"),
show every layer of a push, and keep text readable on screen in the window at 1024x768."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QGraphicsTextItem

from app.ui.scenes.a_items import label_text
from app.ui.scenes.a_stage_shape import READABLE_PX, TALL_H
from app.ui.scenes.house import HouseScene
from app.ui.scenes.registry_scene import RegistryScene
from app.ui.scenes.timeline import TimelineScene
from tests.ui.scenes_a import harness

SCENES = (TimelineScene, HouseScene, RegistryScene)
#: the stage's viewport in the window at 1024x768 (normal, presenter) and 1920x1080 (about)
STAGES = ((530, 690, False), (713, 678, True), (1230, 1000, False), (1230, 1000, True))


def _texts(scene: Any) -> list[Any]:
    return [i for i in scene.items() if isinstance(i, (QGraphicsSimpleTextItem, QGraphicsTextItem))
            and i.isVisible() and label_text(i).strip()]


def _outside(scene: Any) -> list[str]:
    """Visible items (halos aside) not inside the scene rect (a pixel of slack for pen widths)."""
    rect = scene.sceneRect().adjusted(-2, -2, 2, 2)
    out = []
    for item in scene.items():
        name = str(item.data(0) or "")
        if not item.isVisible() or item.opacity() == 0 or name.startswith("halo:"):
            continue
        box = item.sceneBoundingRect()
        if box.isEmpty():  # an empty label (the copy arrow's) draws nothing
            continue
        if not rect.contains(box):
            out.append(f"{name or type(item).__name__} {label_text(item)[:30]!r} {item.sceneBoundingRect()}")
    return out


def _house_world(controller: Any) -> None:
    """Several images, repositories and containers; the last transfer a push that mounts layers
    from library/python (its rows wrap at big sizes)."""
    for line in ("docker login -u alice -p classroom", "docker build -t alice/villa:1 contexts/villa",
                 "docker push alice/villa:1", "docker build -t web:1 contexts/web",
                 "docker run -d --name a-container-with-a-rather-long-name web:1", "docker run -d --name v1 alice/villa:1",
                 "docker run -d --name v2 alice/villa:1", "docker pull nginx:1.27-alpine",
                 "docker build -t alice/web:1 contexts/web", "docker push alice/web:1"):
        controller.execute(line)
    controller.finish()


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.scene_id)
def test_the_scene_rect_follows_the_view_and_a_resize(qtbot: Any, controller: Any, cls: type) -> None:
    scene = harness.make_scene(cls, controller)
    assert scene.sceneRect().height() == 900  # no view: 16:9
    view = harness.view_for(scene, 530, 690)
    assert scene.sceneRect().width() == 1600 and scene.sceneRect().height() >= TALL_H and scene.tall
    assert scene.text_floor >= READABLE_PX * 1600 / 530 - 1  # 11 px on screen at this scale
    view.resize(1600, 900)
    QApplication.processEvents()
    assert scene.sceneRect().height() == 900 and not scene.tall  # rebuilt for the new shape
    view.setScene(None)


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.scene_id)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_stays_inside_the_scene_rect(qtbot: Any, controller: Any, cls: type, lang: str) -> None:
    _house_world(controller)
    problems = []
    for w, h, presenter in STAGES + ((1600, 900, False), (1600, 900, True)):
        scene = harness.make_scene(cls, controller, presenter, lang)
        view = harness.view_for(scene, w, h, presenter)
        problems += [f"{w}x{h}{' presenter' if presenter else ''}: {p}" for p in _outside(scene)]
        view.setScene(None)
        scene.clear_items()
    assert problems == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_house_shows_lines_names_and_tags_whole_at_presenter_size(qtbot: Any, controller: Any, lang: str) -> None:
    _house_world(controller)
    for w, h, presenter in STAGES:
        scene = harness.make_scene(HouseScene, controller, presenter, lang)
        view = harness.view_for(scene, w, h, presenter)
        texts = [label_text(t) for t in _texts(scene)]
        assert not [t for t in texts if "…" in t and "……" not in t and "more" not in t], texts
        name = "a-container-with-a-rather-long-name"
        plot = scene.item_for(f"container:{name}")
        assert plot is not None and plot.isVisible()
        tag = next(c for c in plot.childItems() if getattr(c, "item_id", "") == f"tag:{name}")
        assert "".join(label_text(c) for c in tag.childItems()).replace("\n", "") == name
        for i, line in enumerate(scene.model.dockerfile, start=1):
            row = scene.item_for(f"plan:{i}")
            shown = "".join(label_text(c) for c in row.childItems())
            assert line.text in shown.replace("\u2028", " ").replace("\n", " ") or not row.isVisible()
        hidden = [i for i in range(1, len(scene.model.dockerfile) + 1) if not scene.item_for(f"plan:{i}").isVisible()]
        assert not hidden or scene.item_for("plan:more") is not None  # hidden lines are counted, not dropped
        for tag_name, _ in scene.model.backpack[:1]:
            chip = scene.item_for(f"image:{tag_name}")
            assert chip is not None and label_text(chip.childItems()[0]).replace("\n", "") == tag_name
        view.setScene(None)
        scene.clear_items()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_registry_shows_every_layer_of_a_pull_uncut_at_presenter_size(qtbot: Any, controller: Any, lang: str) -> None:
    controller.execute("docker pull nginx:1.27-alpine")
    controller.finish()
    for w, h, presenter in STAGES:
        scene = harness.make_scene(RegistryScene, controller, presenter, lang)
        view = harness.view_for(scene, w, h, presenter)
        tr = scene.model.transfer
        assert tr is not None and len(tr.layers) == 8
        for m in tr.layers:  # every layer drawn, its digest (12 hex digits) and size whole, inside its row
            row = scene.item_for(f"layer:{m.number}")
            assert row is not None and row.isVisible(), (w, h, m.number)
            words = [label_text(c) for c in row.childItems() if label_text(c)]
            assert any(m.digest[7:19] in t for t in words), words
            assert scene.outcome_words(m) in [t.replace("\n", "") for t in words]
            for child in row.childItems():
                assert row.boundingRect().contains(child.mapRectToParent(child.boundingRect())), (label_text(child), w)
        assert scene.item_for("transfer:more") is None
        view.setScene(None)
        scene.clear_items()


def test_timeline_keeps_words_whole_at_the_largest_type(qtbot: Any, controller: Any) -> None:
    """A title word (Kubernetes) is never broken across lines in its card, in the vertical and the
    wide layout, at presenter sizes."""
    from PySide6.QtGui import QFontMetricsF

    for w, h, presenter in STAGES + ((1600, 900, True),):
        scene = harness.make_scene(TimelineScene, controller, presenter, "zh")
        view = harness.view_for(scene, w, h, presenter)
        for card in scene._cards.values():
            for child in card.childItems():
                if isinstance(child, QGraphicsTextItem):
                    fm = QFontMetricsF(child.font())
                    widest = max(fm.horizontalAdvance(word) for word in label_text(child).split())
                    assert widest <= child.textWidth(), (label_text(child), w)
        for a, b in zip(list(scene._cards.values()), list(scene._cards.values())[2:]):
            assert not a.sceneBoundingRect().intersects(b.sceneBoundingRect()), (a.item_id, b.item_id, w)
        view.setScene(None)
        scene.clear_items()


# -- in the real window -----------------------------------------------------------------------------

def _window(qtbot: Any, home: Path, lesson: str, step: int, lang: str, presenter: bool) -> Any:
    from app.lessons.loader import load_all
    from app.lessons.progress import ProgressStore
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences

    window = MainWindow(load_all(), Preferences(home), ProgressStore(home / "p.json"),
                        StartOptions(lesson=lesson, step=step, lang=lang, presenter=presenter, animations=False))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    window.finish_layout()
    QApplication.processEvents()
    return window


@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lesson,step,scene_id,lang", [
    ("the-warehouse", 3, "registry", "zh"), ("the-warehouse", 4, "registry", "en"), ("build-ship-run", 4, "registry", "en"),
    ("house-magic-backpack", 8, "house", "zh"), ("house-magic-backpack", 9, "house", "en"),
    ("origins", 3, "timeline", "zh"), ("kubernetes-history", 5, "timeline", "en")])
def test_text_is_readable_on_screen_in_the_window_at_1024x768(qtbot: Any, tmp_path: Path, monkeypatch: Any,
                                                              lesson: str, step: int, scene_id: str, lang: str,
                                                              presenter: bool) -> None:
    monkeypatch.setenv("CONTAINER_CLASSROOM_HOME", str(tmp_path))
    window = _window(qtbot, tmp_path, lesson, step, lang, presenter)
    scene = window.scene
    assert scene.scene_id == scene_id
    vp = window.stage.viewport()
    scale = window.stage.transform().m11()
    assert scene.tall  # the stage is squarish: the scene laid out for it, no 16:9 bands
    assert abs(scene.sceneRect().height() * scale - vp.height()) < 0.1 * vp.height() or \
        abs(scene.sceneRect().width() * scale - vp.width()) < 2
    smallest = min(t.font().pixelSize() * scale for t in _texts(scene))
    floor = window.typography.base * 0.95 if presenter else READABLE_PX - 0.5
    assert smallest >= floor, (smallest, floor)
    assert _outside(scene) == []
    window.close()


def test_registry_grows_its_type_to_use_a_tall_stage_but_never_loses_a_layer(qtbot: Any, controller: Any) -> None:
    controller.execute("docker pull nginx:1.27-alpine")
    controller.finish()
    scene = harness.make_scene(RegistryScene, controller, False, "en")
    view = harness.view_for(scene, 1230, 1000)
    assert scene.text_grow > 1.0  # a short list on a tall stage: bigger type
    assert scene.item_for("transfer:more") is None and _outside(scene) == []
    assert scene.itemsBoundingRect().bottom() > 0.6 * scene.sceneRect().height()
    view.setScene(None)
    scene.clear_items()


# -- cluster, architecture, VM vs containers: the readable floor on their presenter-aware layouts ----

@pytest.mark.parametrize("name", ["cluster", "architecture", "vm_containers"])
def test_readable_floor_raises_min_text_px_only_in_a_small_view(qtbot: Any, controller: Any, name: str) -> None:
    """Without a view nothing changes (0: handouts, exports); in a 530-px stage the scene lays out
    for 11 px text; the window's presenter minimum still wins when larger, and a reset restores the
    floor; a large stage lowers it again."""
    from app.ui.scenes.architecture import ArchitectureScene
    from app.ui.scenes.cluster import ClusterScene
    from app.ui.scenes.vm_containers import VmContainersScene

    cls = {"cluster": ClusterScene, "architecture": ArchitectureScene, "vm_containers": VmContainersScene}[name]
    controller.execute("sim preset classroom")
    controller.finish()
    scene = harness.make_scene(cls, controller, False, "en")
    assert scene.min_text_px == 0 and scene.text_floor == 0
    view = harness.view_for(scene, 530, 690)
    floor = scene.min_text_px
    assert floor >= READABLE_PX * 1600 / 530 - 1 and scene.tall
    assert _outside(scene) == []
    scene.set_min_text_px(floor + 20)  # the window's presenter minimum, larger
    assert scene.min_text_px == floor + 20
    scene.set_min_text_px(0)  # presenter off
    assert scene.min_text_px == floor
    view.resize(1600, 1000)
    QApplication.processEvents()
    assert scene.min_text_px == math.ceil(READABLE_PX / min(1600 / 1600, 1000 / scene.sceneRect().height()))
    assert _outside(scene) == []
    view.setScene(None)
    scene.clear_items()
