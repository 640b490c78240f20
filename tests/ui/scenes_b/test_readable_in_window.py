"""The cluster, architecture and VM scenes in the real window at 1024x768: every text they draw is
at least 11 px on screen in normal mode (the window's presenter minimum in presenter mode, pod names
aside), and nothing is cut with "…" (long lines wrap or are summarised)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.scenes.a_stage_shape import READABLE_PX

from .screen_text import drawn_text

#: "…" that is content, not a cut: the Chinese ellipsis, "/registry/…", "VMware…", and the VM
#: scene's container badges, which show the tail of a container's name ("…-3") by design
CONTENT_ELLIPSIS = re.compile(r"……|/…|VMware…|^…-?\d*$")


def _window(qtbot: Any, home: Path, lesson: str, step: int, lang: str, presenter: bool, size: tuple[int, int]) -> Any:
    from app.lessons.loader import load_all
    from app.lessons.progress import ProgressStore
    from app.ui.main_window import MainWindow, StartOptions
    from app.ui.settings import Preferences

    window = MainWindow(load_all(), Preferences(home), ProgressStore(home / "p.json"),
                        StartOptions(lesson=lesson, step=step, lang=lang, presenter=presenter, animations=False))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.finish_layout()
    QApplication.processEvents()
    return window


CASES = [("self-healing", 5, "cluster", "en"), ("self-healing", 5, "cluster", "zh"),
         ("why-orchestration", 8, "cluster", "en"), ("services", 3, "cluster", "zh"),
         ("control-plane", 3, "architecture", "en"), ("the-node", 4, "architecture", "zh"),
         ("vm-vs-container", 8, "vm-vs-container", "en"), ("vm-vs-container", 3, "vm-vs-container", "zh")]


@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("lesson,step,scene_id,lang", CASES)
def test_text_is_readable_and_whole_in_the_window_at_1024x768(qtbot: Any, tmp_path: Path, monkeypatch: Any,
                                                              lesson: str, step: int, scene_id: str, lang: str,
                                                              presenter: bool) -> None:
    monkeypatch.setenv("CONTAINER_CLASSROOM_HOME", str(tmp_path))
    window = _window(qtbot, tmp_path, lesson, step, lang, presenter, (1024, 768))
    assert window.scene.scene_id == scene_id
    texts = drawn_text(window.stage)
    assert len(texts) > 20  # the recorder saw the scene's painted text
    small = sorted({(round(px, 1), t) for px, t in texts if px < READABLE_PX - 0.5})
    assert small == [], small[:5]
    if presenter:  # the scene's own text (font_px) keeps the presenter minimum; pod names are chips' captions
        floor = window.typography.base * 0.95
        pods = set(window.scene.pods.labels) if getattr(window.scene, "pods", None) else set()
        under = sorted({(round(px, 1), t) for px, t in texts if px < floor and t.split()[-1] not in pods})
        assert under == [], (floor, under[:5])
    cut = sorted({t for _, t in texts if "…" in t and not CONTENT_ELLIPSIS.search(t)})
    assert cut == [], cut[:5]
    window.close()


def test_the_lead_s_node_footer_reads_whole_at_1280x800(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """The eviction note of a node that lost its heartbeat: the time first, never cut."""
    monkeypatch.setenv("CONTAINER_CLASSROOM_HOME", str(tmp_path))
    window = _window(qtbot, tmp_path, "self-healing", 5, "en", False, (1280, 800))
    texts = [t for px, t in drawn_text(window.stage) if px >= READABLE_PX - 0.5]
    notes = [t for t in texts if t.startswith("evicts at ")]
    assert notes and not any("…" in t for t in notes), notes
    window.close()


def test_a_100_node_cluster_in_a_small_stage_still_lays_out(make_scene) -> None:
    """The big grid (equal cards, chips shrunk) under the readable floor: every card in the grid,
    every pod on its card, the left column's boxes inside the scene."""
    from tests.ui.scenes_a.harness import view_for

    from app.ui.scenes.cluster import ClusterScene

    from .fake_cluster import FakeWorld

    scene, _ = make_scene(ClusterScene, FakeWorld(nodes=100, pods=3000))
    view = view_for(scene, 530, 690)
    assert scene.min_text_px >= READABLE_PX * 1600 / 530 - 1 and scene._capacity == 0  # the big grid
    grid = scene.grid.adjusted(-3, -3, 3, 3)
    assert all(grid.contains(c.sceneBoundingRect()) for c in scene.cards.values())
    assert len(scene.pods.keys) == 3000
    for box in (scene.registry_box, scene.queue_box, scene.deploy_box, scene.legend):
        assert scene.sceneRect().contains(box.sceneBoundingRect())
    view.setScene(None)
