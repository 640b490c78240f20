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

LAYERS = QRectF(372, 96, 700, 520)
IMAGE = QRectF(372, 640, 700, 236)
REGISTRY = QRectF(1092, 96, 486, 300)
PS = QRectF(1092, 416, 486, 460)


def _panel(scene: "HouseScene", item_id: str, rect: QRectF, title: str) -> tuple[Box, float]:
    box = Box(item_id, rect.width(), rect.height(), scene.color("panel"), scene.color("node_border"), 2.5, 12)
    box.setPos(rect.topLeft())
    t = text_item(title, scene.font_px(24, bold=True), scene.color("text"), parent=box)
    t.setPos(14, 10)
    box.clicked.connect(scene.explain_id)
    scene.addItem(box)
    scene.register(item_id, box)
    return box, 18 + t.boundingRect().height()


def _lines(scene: "HouseScene", parent: Box, y: float, lines: list[str], width: float) -> float:
    mono = scene.font_px(16, mono=True)
    for line in lines:
        t = text_item(line, mono, scene.color("text"), width=width, parent=parent)
        t.setPos(14, y)
        y += t.boundingRect().height()
        if y > parent.height - 10:
            t.setVisible(False)
    return y


def draw_technical(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    draw_plan(scene, model)
    floors = _draw_layers(scene, model)
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


def _draw_layers(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    panel, y = _panel(scene, "house", LAYERS, scene.t("镜像的层（自下而上，manifest 顺序）", "Image layers (bottom up, manifest order)"))
    mono = scene.font_px(16, mono=True)
    out: dict[str, Box] = {}
    line_h = QFontMetricsF(mono).height() + 6
    for f in reversed(model.floors):  # top floor first, like the house
        row = Box(f"layer:{f.number}", LAYERS.width() - 24, line_h, scene.color("panel_alt"), scene.status_color(f.origin),
                  2, 6, dashed=f.origin == "cached", parent=panel)
        g = GlyphItem(glyph_path(STATUS_GLYPH[f.origin], 14), scene.status_color(f.origin), scene.color("text"), 1.2,
                      parent=row)
        g.setPos(14, line_h / 2)
        text = f"#{f.number:<2} {f.digest[7:19]}  {format_bytes(f.size):>7}  {status_words(scene, f.origin):<4} {f.instruction}"
        name = QFontMetricsF(mono).elidedText(text, Qt.TextElideMode.ElideRight, LAYERS.width() - 70)
        t = text_item(name, mono, scene.color("text"), parent=row)
        t.setPos(30, 3)
        row.setPos(12, y)
        row.setToolTip(scene.floor_tooltip(f))
        row.clicked.connect(scene.explain_floor)
        scene.register(row.item_id, row)
        out[row.item_id] = row
        y += line_h + 4
        if y > LAYERS.height() - 10:
            row.setVisible(False)
    if not model.floors:
        t = text_item(scene.t("还没有构建", "nothing built yet"), mono, scene.color("muted"), parent=panel)
        t.setPos(14, y)
    return out
