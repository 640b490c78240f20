"""Technical mode of the house scene: the same moment as Dockerfile lines, a layer table with digests
and sizes, the image ID and tags, the registry's repositories and ``docker ps -a``.

The same highlight ids as the picture mode are registered on the matching rows and panels
(``dockerfile``, ``house``, ``layer:N``, ``magic``, ``backpack``, ``warehouse``, ``land``,
``container``), so a lesson step points at the same thing in both views.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from app.ui.scenes.a_house_draw import STATUS_GLYPH, draw_plan, status_words
from app.ui.scenes.a_house_model import HouseModel, format_bytes
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, text_item

if TYPE_CHECKING:
    from app.ui.scenes.house import HouseScene



def _panel(scene: "HouseScene", item_id: str, rect: QRectF, title: str) -> tuple[Box, float]:
    box = Box(item_id, rect.width(), rect.height(), scene.color("panel"), scene.color("node_border"), 2.5, 12)
    box.setPos(rect.topLeft())
    t = text_item(title, scene.font_px(24, bold=True), scene.color("text"), width=rect.width() - 28, parent=box)
    t.setPos(14, 10)
    box.clicked.connect(scene.explain_id)
    scene.addItem(box)
    scene.register(item_id, box)
    return box, 18 + t.boundingRect().height()


def _more(scene: "HouseScene", parent: Box, y: float, hidden: int, width: float) -> float:
    """The line that says how many rows did not fit (the panel lists them all on click)."""
    t = text_item(scene.t(f"……另有 {hidden} 行（点击查看）", f"… {hidden} more (click)"), scene.font_px(16),
                  scene.color("muted"), width=width, parent=parent)
    t.setPos(14, y)
    return y + t.boundingRect().height()


def _lines(scene: "HouseScene", parent: Box, y: float, lines: list[str], width: float) -> float:
    """Wrapped lines; those that do not fit are hidden and counted in a last line."""
    mono = scene.font_px(16, mono=True)
    more_h = QFontMetricsF(scene.font_px(16)).height() * 2
    items = []
    for line in lines:
        t = text_item(line, mono, scene.color("text"), width=width, parent=parent)
        items.append(t)
    hidden = 0
    for i, t in enumerate(items):
        h = t.boundingRect().height()
        room = parent.height - 10 - (0 if i == len(items) - 1 else more_h)
        if hidden or y + h > room:
            t.setVisible(False)
            hidden += 1
            continue
        t.setPos(14, y)
        y += h
    return _more(scene, parent, y, hidden, width) if hidden else y


def draw_technical(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    L = scene.layout
    draw_plan(scene, model)
    floors, used = _draw_layers(scene, model)
    IMAGE, REGISTRY, PS = L.image, L.registry, L.ps  # noqa: N806 (the panels' rects)
    if L.tall:  # the layer table as tall as its rows; the other panels share what is left under it
        y2 = L.layers.top() + used + 20
        bottom = L.plan.bottom()
        half = (L.layers.width() - 16) / 2
        h2 = bottom - y2
        IMAGE = QRectF(L.layers.left(), y2, half, h2)  # noqa: N806
        REGISTRY = QRectF(L.layers.left() + half + 16, y2, half, h2 * 0.4)  # noqa: N806
        PS = QRectF(L.layers.left() + half + 16, y2 + h2 * 0.4 + 16, half, h2 * 0.6 - 16)  # noqa: N806
    box, y = _panel(scene, "magic", IMAGE, scene.t("镜像（魔法复制的结果）", "The image (what the magic copied)"))
    lines = ([f"ID {model.image_id[:19]}…", f"tags {', '.join(model.tags)} · {len(model.floors)} layers"]
             if model.built else [scene.t("还没有镜像", "no image yet")])
    lines.append("")
    lines.append(scene.t("docker images（背包）：", "docker images (the backpack):"))
    lines += [f"  {tag:<28} {image_id[7:19]}" for tag, image_id in model.backpack]
    _lines(scene, box, y, lines, IMAGE.width() - 28)
    scene.register("backpack", box)
    reg, y = _panel(scene, "warehouse", REGISTRY, scene.t("docker.io 上推送的仓库", "Repositories pushed to docker.io"))
    rows = [scene.t(f"{w.repository}:{','.join(w.tags)}  {w.layers} 层", f"{w.repository}:{','.join(w.tags)}  {w.layers} layers")
            for w in model.warehouse] or [scene.t("（没有）", "(none)")]
    _lines(scene, reg, y, rows, REGISTRY.width() - 28)
    ps, y = _panel(scene, "land", PS, "docker ps -a")
    rows = [f"{'NAME':<14} {'IMAGE':<16} STATUS"] + [f"{c.name:<14} {c.image:<16} {c.state}" for c in model.land]
    _lines(scene, ps, y, rows, PS.width() - 28)
    scene.register("container", ps)
    return floors


def _draw_layers(scene: "HouseScene", model: HouseModel) -> tuple[dict[str, Box], float]:
    """The layer table (top layer first); rows that do not fit are counted in a last line. Returns
    the rows by id and the panel's height (shrunk to its rows on a squarish stage)."""
    L = scene.layout
    LAYERS = L.layers if not L.tall else QRectF(L.layers.left(), L.layers.top(), L.layers.width(),  # noqa: N806
                                                (L.plan.bottom() - L.layers.top()) * 0.62)
    panel, y = _panel(scene, "house", LAYERS, scene.t("镜像的层（自下而上，manifest 顺序）", "Image layers (bottom up, manifest order)"))
    mono = scene.font_px(16, mono=True)
    out: dict[str, Box] = {}
    more_h = QFontMetricsF(scene.font_px(16)).height() * 2
    hidden = 0
    for i, f in enumerate(reversed(model.floors)):  # top floor first, like the house
        text = f"#{f.number:<2} {f.digest[7:19]}  {format_bytes(f.size):>7}  {status_words(scene, f.origin):<4} {f.instruction}"
        t = text_item(text, mono, scene.color("text"), width=LAYERS.width() - 70)  # wrapped, never cut
        line_h = t.boundingRect().height() + 6
        row = Box(f"layer:{f.number}", LAYERS.width() - 24, line_h, scene.color("panel_alt"), scene.status_color(f.origin),
                  2, 6, dashed=f.origin == "cached", parent=panel)
        t.setParentItem(row)
        g = GlyphItem(glyph_path(STATUS_GLYPH[f.origin], 14), scene.status_color(f.origin), scene.color("text"), 1.2,
                      parent=row)
        g.setPos(14, QFontMetricsF(mono).height() / 2 + 3)
        t.setPos(30, 3)
        row.setPos(12, y)
        row.setToolTip(scene.floor_tooltip(f))
        row.clicked.connect(scene.explain_floor)
        scene.register(row.item_id, row)
        out[row.item_id] = row
        room = LAYERS.height() - 10 - (0 if i == len(model.floors) - 1 else more_h)
        if hidden or y + line_h > room:
            row.setVisible(False)
            hidden += 1
        else:
            y += line_h + 4
    if hidden:
        y = _more(scene, panel, y, hidden, LAYERS.width() - 28)
    if not model.floors:
        t = text_item(scene.t("还没有构建", "nothing built yet"), mono, scene.color("muted"), parent=panel)
        t.setPos(14, y)
        y += t.boundingRect().height()
    if L.tall:
        panel.set_size(LAYERS.width(), min(LAYERS.height(), y + 12))
    return out, panel.height
