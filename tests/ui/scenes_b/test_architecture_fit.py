"""The architecture scene's texts fit at every size: box titles and analogy lines are wrapped, never
cut; the component card always says what changed since the article (or shows no heading for it)."""
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from app.ui.scenes.architecture import ArchitectureScene
from app.ui.scenes.b_arch_items import ComponentBox
from app.ui.scenes.b_arch_text import INFO
from app.ui.theme import NORMAL, PROJECTOR

from .fake_cluster import FakeWorld

#: presenter minimum at 1024x768 (1/40 of the height at the fitted scale 0.64, rounded up) and at 1920x1080
SIZES = [(NORMAL, 0), (PROJECTOR, 31), (PROJECTOR, 23)]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("profile,min_px", SIZES)
def test_box_titles_and_analogies_are_whole(make_scene, lang, profile, min_px):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=3, pods=6), profile=profile, lang=lang)
    scene.set_min_text_px(min_px)
    plane = scene.item_for("control-plane").sceneBoundingRect()
    for key, frame in scene.frames.items():
        if key != "control-plane":
            assert frame.sceneBoundingRect().top() > plane.bottom(), key  # no frame over another
            assert frame.sceneBoundingRect().right() < scene.card.sceneBoundingRect().left()
    assert scene.item_for("kubectl").sceneBoundingRect().left() >= -4
    boxes = [i for i in scene.items() if isinstance(i, ComponentBox)]
    assert len(boxes) >= 5 + 6
    for box in boxes:
        lines = box.drawn_lines()
        info = INFO[box.kind]
        drawn = _squash("".join(text for text, *_ in lines))
        assert _squash(scene.t(*info.title)) in drawn, (box.kind, drawn)
        assert _squash(scene.t(*info.tag)) in drawn, (box.kind, drawn)
        assert "…" not in drawn
        inside = box.boundingRect().adjusted(4, 4, -4, -4)
        for text, font, _, rect in lines:
            assert QFontMetricsF(font).horizontalAdvance(text) <= rect.width() + 1, (box.kind, text)
            assert inside.adjusted(-1, -1, 1, 3).contains(rect), (box.kind, text, rect, inside)
            assert font.pixelSize() >= min_px


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_card_says_what_changed_at_projector_size(make_scene, lang):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=3, pods=6), profile=PROJECTOR, lang=lang)
    scene.set_min_text_px(31)
    heading = scene.t("如今", "What changed since")
    for comp, info in INFO.items():
        now = scene.t(*info.now)
        assert now and not now.startswith(("没变", "Unchanged")), comp
        scene.select_component(comp)
        headings = [h for h, _ in scene.card.blocks]
        assert heading in headings
        shown = scene.card.shown_blocks()
        assert shown == list(range(len(scene.card.blocks))), (comp, shown)  # every block whole, none cut
        assert scene.card.sceneBoundingRect().bottom() < scene.log.sceneBoundingRect().top()


def test_a_block_that_does_not_fit_leaves_out_its_heading_too(make_scene):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=1, pods=0), lang="en")
    scene.select_component("container-runtime")
    card = scene.card
    full = card.needed_height()
    card.set_rect(QRectF(card.pos().x(), card.pos().y(), card.boundingRect().width() - 4, full - 40))
    shown = card.shown_blocks()
    assert shown == list(range(len(card.blocks) - 1))  # the last block (heading and text) is left out


def test_presenter_draws_one_node_large_and_lists_the_others(make_scene):
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=3, pods=6), profile=PROJECTOR, lang="en")
    scene.set_min_text_px(30)
    assert scene.shown_nodes == ["node-1"] and "+more" in scene.frames
    summary = " ".join(t for t, *_ in scene.frames["+more"].header_texts())
    assert "2 more nodes" in summary and "node-2" in summary and "node-3" in summary
    node = scene.item_for("node").sceneBoundingRect()
    plane = scene.item_for("control-plane").sceneBoundingRect()
    assert node.top() > plane.bottom() and node.bottom() <= 900 and plane.top() >= 0
    assert node.width() > 700  # the one node drawn large
    scene.set_min_text_px(0)
    assert scene.shown_nodes == ["node-1", "node-2", "node-3"]


def _in_view(scene, w, h, presenter_px=0):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGraphicsView
    view = QGraphicsView(scene)
    view.resize(w, h)
    view.show()
    scene.rebuild()
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    scene.set_min_text_px(presenter_px)
    return view


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("presenter_px", [0, 31, 46])
def test_a_squarish_stage_gets_a_taller_picture_with_nothing_overlapping(make_scene, lang, presenter_px):
    """Beside the narration the stage is close to square: the scene grows taller at the same width,
    the card and log move under (or beside) the diagram, and no two panels or frames overlap."""
    scene, _ = make_scene(ArchitectureScene, FakeWorld(nodes=3, pods=6), profile=PROJECTOR, lang=lang)
    view = _in_view(scene, 1000, 950, presenter_px)
    rect = scene.sceneRect()
    assert rect.width() == 1600 and rect.height() == 1500 and scene.tall
    panels = [scene.card] + ([scene.log] if scene.log.isVisible() else [])
    frames = [f for f in scene.frames.values()]
    solid = [p.sceneBoundingRect().adjusted(3, 3, -3, -3) for p in panels + frames]
    for i, a in enumerate(solid):
        assert rect.adjusted(-6, -6, 6, 6).contains(a)
        for b in solid[i + 1:]:
            assert not a.intersects(b), (a, b)
    assert scene.card.shown_blocks(), "the card shows at least its first block"
    if presenter_px <= 31:
        assert scene.card.shown_blocks() == list(range(len(scene.card.blocks)))
    view.resize(1600, 900)  # a wide stage again: back to the card column on the right
    assert scene.sceneRect().height() == 900 and not scene.tall
    assert scene.card.sceneBoundingRect().left() > scene.item_for("control-plane").sceneBoundingRect().right()
    view.close()
    view.setScene(None)
