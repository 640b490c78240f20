"""Picture mode of the house scene: the plan, the house floor by floor, the magic, the backpack, the
warehouse with other people's houses, and the houses conjured on new land.

Every picture is one of our SVG illustrations (assets/scenes), recoloured from the profile; every
part carries a text label or a glyph too, so nothing is told by colour alone. Functions here only
draw a :class:`HouseModel`; the scene decides when and animates.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from app.ui.scenes.a_art import svg_item
from app.ui.scenes.a_house_model import Floor, HouseModel, LandItem, format_bytes
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, text_item

if TYPE_CHECKING:
    from app.ui.scenes.house import HouseScene

GROUND_Y = 800.0
PLAN = QRectF(24, 96, 330, 680)
SITE_X, SITE_W = 392.0, 360.0
HOUSE_W = 270.0
MAGIC = QPointF(790, 240)
PACK = QPointF(806, 470)
WAREHOUSE = QRectF(990, 96, 310, 213)
LAND_X, LAND_W = 1330.0, 250.0
STATUS_GLYPH = {"built": "tick", "cached": "skip", "base": "square", "note": "diamond"}


def status_words(scene: "HouseScene", status: str) -> str:
    return {"built": scene.t("新建", "built"), "cached": scene.t("缓存", "cached"),
            "base": scene.t("地基", "base"), "note": scene.t("说明", "note")}[status]


def draw_plan(scene: "HouseScene", model: HouseModel) -> Box:
    """The Dockerfile as a paper plan: one row per instruction with its step and status."""
    card = Box("dockerfile", PLAN.width(), 100, scene.color("panel"), scene.color("node_border"), 2.5, 12)
    card.setPos(PLAN.topLeft())
    title = text_item(scene.t("图纸：Dockerfile", "The plan: Dockerfile"), scene.font_px(26, bold=True),
                      scene.color("text"), parent=card)
    title.setPos(16, 12)
    y = 20 + title.boundingRect().height()
    if not model.dockerfile:
        hint = text_item(scene.t("还没有构建。试试：docker build -t web:1 contexts/web",
                                 "Nothing built yet. Try: docker build -t web:1 contexts/web"),
                         scene.font_px(20), scene.color("muted"), width=PLAN.width() - 32, parent=card)
        hint.setPos(16, y)
        y += hint.boundingRect().height() + 12
    mono = scene.font_px(17, mono=True)
    for i, line in enumerate(model.dockerfile):
        row = Box(f"plan:{i + 1}", PLAN.width() - 24, 10, None, None, 0, 6, parent=card)
        glyph = GlyphItem(glyph_path(STATUS_GLYPH[line.status], 16), scene.status_color(line.status),
                          scene.color("text"), 1.2, parent=row)
        step = f"{line.step}. " if line.step else ""
        shown = QFontMetricsF(mono).elidedText(step + line.text, Qt.TextElideMode.ElideRight, PLAN.width() - 64)
        t = text_item(shown, mono, scene.color("text"), parent=row)
        t.setPos(30, 2)
        row.set_size(PLAN.width() - 24, t.boundingRect().height() + 4)
        glyph.setPos(14, 4 + QFontMetricsF(mono).height() / 2)
        row.setPos(12, y)
        row.setToolTip(f"{line.text}\n{status_words(scene, line.status)}")
        row.clicked.connect(scene.explain_plan_line)
        if y + row.height > PLAN.height() - 10:
            row.setVisible(False)
        else:
            y += row.height + 4
        scene.register(f"plan:{i + 1}", row)
    legend = text_item(" ".join(f"{sym} {status_words(scene, s)}" for s, sym in
                                (("built", "✓"), ("cached", "↻"), ("base", "■"), ("note", "◆"))),
                       scene.font_px(17), scene.color("muted"), width=PLAN.width() - 32, parent=card)
    legend.setPos(16, y + 6)
    if y + 14 + legend.boundingRect().height() > PLAN.height():
        legend.setVisible(False)  # no room (presenter sizes): the glyphs are explained on click
        card.set_size(PLAN.width(), y + 8)
    else:
        card.set_size(PLAN.width(), y + 14 + legend.boundingRect().height())
    card.clicked.connect(scene.explain_id)
    scene.addItem(card)
    scene.register("dockerfile", card)
    if scene.technical:
        return card
    _arrow(scene, QPointF(PLAN.right() - 30, PLAN.top() + 40), QPointF(SITE_X + 60, PLAN.top() + 110), "Build",
           "arrow:build")
    return card


def floor_height(scene: "HouseScene", floors: int) -> float:
    text_h = QFontMetricsF(scene.font_px(17, bold=True)).height()
    room = GROUND_Y - 150.0
    return max(min(60.0, room / max(floors + 1.5, 1)), text_h + 8)


def draw_house(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    """Floors bottom-up (base floors in stone, then the door storey, then plain storeys), the roof
    once the image exists; returns ``{layer:N: floor}``."""
    cx = SITE_X + SITE_W / 2
    land = svg_item("land", scene.profile, SITE_W)
    land.setPos(SITE_X, GROUND_Y - 16)
    scene.addItem(land)
    floors: dict[str, Box] = {}
    fh = floor_height(scene, len(model.floors))
    y = GROUND_Y
    first_built = next((f.number for f in model.floors if f.origin != "base"), 0)
    for f in model.floors:
        y -= fh
        art = "floor_base" if f.origin == "base" else ("floor_door" if f.number == first_built else "floor_plain")
        box = _floor(scene, f, art, cx - HOUSE_W / 2, y, fh)
        floors[f"layer:{f.number}"] = box
    group = Box("house", HOUSE_W + 40, GROUND_Y - y + 10, None, None, 0, 8)
    if model.built:
        roof_h = fh * 1.5
        roof = Box("roof", HOUSE_W * 1.12, roof_h, None, None, 0, 0)
        r_art = svg_item("roof", scene.profile, HOUSE_W * 1.12, roof_h)
        r_art.setParentItem(roof)
        roof.setPos(cx - HOUSE_W * 0.56, y - roof_h + 2)
        roof.clicked.connect(scene.explain_id)
        scene.addItem(roof)
        scene.register("roof", roof)
        y -= roof_h
        group.set_size(HOUSE_W * 1.12 + 20, GROUND_Y - y + 10)
        label = text_item(" ".join(model.tags), scene.font_px(22, bold=True), scene.color("text"))
        label.setPos(cx - label.boundingRect().width() / 2, y - label.boundingRect().height() - 6)
        scene.addItem(label)
        scene.register("house:label", label)
        y = label.y()
    else:
        empty = text_item(scene.t("空地：还没有房子", "Empty land: no house yet"), scene.font_px(22),
                          scene.color("muted"), width=SITE_W, center=True)
        empty.setPos(SITE_X, GROUND_Y - 120)
        scene.addItem(empty)
        y = GROUND_Y - 130
    group.setPos(cx - group.width / 2, y - 4)
    group.set_size(group.width, GROUND_Y + 20 - y)
    group.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    group.setZValue(-1)
    scene.addItem(group)
    scene.register("house", group)
    return floors


def _floor(scene: "HouseScene", f: Floor, art: str, x: float, y: float, h: float) -> Box:
    box = Box(f"layer:{f.number}", HOUSE_W, h, None, None, 0, 2)
    pic = svg_item(art, scene.profile, HOUSE_W, h)
    pic.setParentItem(box)
    font = scene.font_px(17, bold=True)
    words = f"#{f.number} · {format_bytes(f.size)}"
    plaque = Box(f"plaque:{f.number}", 10, 10, scene.color("panel_alt"), scene.color("text"), 1.5, 6, parent=box)
    t = text_item(words, font, scene.color("text"), parent=plaque)
    plaque.set_size(t.boundingRect().width() + 34, min(h - 4, t.boundingRect().height() + 4))
    t.setPos(28, (plaque.height - t.boundingRect().height()) / 2)
    g = GlyphItem(glyph_path(STATUS_GLYPH[f.origin], 14), scene.status_color(f.origin), scene.color("text"), 1.2,
                  parent=plaque)
    g.setPos(14, plaque.height / 2)
    plaque.setPos((HOUSE_W - plaque.width) / 2, (h - plaque.height) / 2)
    plaque.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    box.setPos(x, y)
    box.setToolTip(scene.floor_tooltip(f))
    box.clicked.connect(scene.explain_floor)
    scene.addItem(box)
    scene.register(box.item_id, box)
    return box


def draw_notes(scene: "HouseScene", model: HouseModel) -> None:
    """ENV, EXPOSE, CMD ...: a sign "on the door" under the house; they add no floor (click for the lines)."""
    notes = [line.text for line in model.dockerfile if line.status == "note"]
    if not notes:
        return
    box = Box("notes", SITE_W, 10, scene.color("panel_alt"), scene.color("node_border"), 2, 8)
    font = scene.font_px(18, bold=True)
    words = "◆ " + scene.t("门上的说明：", "Door notes: ") + " · ".join(n.split()[0] for n in notes)
    t = text_item(QFontMetricsF(font).elidedText(words, Qt.TextElideMode.ElideRight, SITE_W - 20), font,
                  scene.color("text"), parent=box)
    t.setPos(10, 4)
    box.set_size(SITE_W, t.boundingRect().height() + 8)
    box.setPos(SITE_X, GROUND_Y + 46)
    box.setToolTip("\n".join(notes))
    box.clicked.connect(scene.explain_id)
    scene.addItem(box)
    scene.register("notes", box)


def _arrow(scene: "HouseScene", a: QPointF, b: QPointF, label: str, item_id: str) -> None:
    path = QPainterPath(a)
    mid = (a + b) / 2 + QPointF(0, -30)
    path.quadTo(mid, b)
    item = QGraphicsPathItem(path)
    pen = QPen(scene.color("link"), 4)
    pen.setStyle(Qt.PenStyle.DashLine)
    item.setPen(pen)
    item.setZValue(-2)
    scene.addItem(item)
    head = GlyphItem(glyph_path("arrow", 22), scene.color("link"), scene.color("text"), 1.2)
    end_dir = b - mid
    import math

    head.setRotation(math.degrees(math.atan2(end_dir.y(), end_dir.x())))
    head.setPos(b)
    scene.addItem(head)
    t = text_item(label, scene.font_px(22, bold=True), scene.color("text"))
    t.setPos(mid.x() - t.boundingRect().width() / 2, mid.y() - t.boundingRect().height() + 4)
    scene.addItem(t)
    scene.register(item_id, t)


def draw_magic_and_pack(scene: "HouseScene", model: HouseModel) -> None:
    magic = Box("magic", 130, 112, None, None, 0, 8)
    art = svg_item("magic", scene.profile, 130)
    art.setParentItem(magic)
    magic.setPos(MAGIC)
    magic.clicked.connect(scene.explain_id)
    scene.addItem(magic)
    scene.register("magic", magic)
    cap = text_item(scene.t("魔法：复制成镜像", "Magic: copy into an image"), scene.font_px(18, bold=True),
                    scene.color("text"), width=170, center=True)
    cap.setPos(MAGIC.x() - 20, MAGIC.y() + 116)
    scene.addItem(cap)
    pack = Box("backpack", 120, 144, None, None, 0, 8)
    pack_art = svg_item("backpack", scene.profile, 120)
    pack_art.setParentItem(pack)
    pack.setPos(PACK)
    pack.clicked.connect(scene.explain_id)
    scene.addItem(pack)
    scene.register("backpack", pack)
    y = PACK.y() + 150
    chips = list(model.backpack)
    font = scene.font_px(17, bold=True)
    for i, (tag, image_id) in enumerate(chips[:5]):
        chip = Box(f"image:{tag}", 10, 10, scene.color("panel_alt"), scene.color("accent"), 2, 8)
        name = QFontMetricsF(font).elidedText(tag, Qt.TextElideMode.ElideMiddle, 170)
        t = text_item(name, font, scene.color("text"), parent=chip)
        t.setPos(8, 3)
        chip.set_size(t.boundingRect().width() + 16, t.boundingRect().height() + 6)
        chip.setPos(PACK.x() + 60 - chip.width / 2, y)
        chip.setToolTip(f"{tag}\n{image_id}")
        chip.clicked.connect(scene.explain_image)
        scene.addItem(chip)
        scene.register(chip.item_id, chip)
        y += chip.height + 4
    if len(chips) > 5:
        more = text_item(scene.t(f"还有 {len(chips) - 5} 个", f"+{len(chips) - 5} more"), font, scene.color("muted"))
        more.setPos(PACK.x() + 60 - more.boundingRect().width() / 2, y)
        scene.addItem(more)
    if model.built:
        _arrow(scene, QPointF(SITE_X + SITE_W - 30, 330), QPointF(MAGIC.x() + 4, MAGIC.y() + 70), "", "arrow:copy")
    _arrow(scene, QPointF(PACK.x() + 124, PACK.y() + 30), QPointF(WAREHOUSE.left() + 6, WAREHOUSE.bottom() - 20),
           "Ship", "arrow:ship")
    _arrow(scene, QPointF(PACK.x() + 124, PACK.y() + 130), QPointF(LAND_X - 14, PACK.y() + 170), "Run", "arrow:run")


def draw_warehouse(scene: "HouseScene", model: HouseModel) -> None:
    head = text_item(scene.t("公共仓库（Docker Hub）", "Public warehouse (Docker Hub)"), scene.font_px(22, bold=True),
                     scene.color("text"), width=WAREHOUSE.width() + 20, center=True)
    head.setPos(WAREHOUSE.left() - 10, 92)
    scene.addItem(head)
    top = 96 + head.boundingRect().height()
    wh = Box("warehouse", WAREHOUSE.width(), WAREHOUSE.height(), None, None, 0, 8)
    art = svg_item("warehouse", scene.profile, WAREHOUSE.width())
    art.setParentItem(wh)
    sx = WAREHOUSE.width() / 320.0
    wh.setPos(WAREHOUSE.left(), top)
    wh.clicked.connect(scene.explain_id)
    scene.addItem(wh)
    scene.register("warehouse", wh)
    slots = [(36 + 84 * c, 92 + 60 * r) for r in range(2) for c in range(3)]
    for i, item in enumerate(model.warehouse[:6]):
        x, y = slots[i]
        box = Box(f"repo:{item.repository}", 80 * sx, 56 * sx, None, None, 0, 4, parent=wh)
        if item.kind == "house":
            _mini_house(scene, box, 40 * sx, 54 * sx, 50 * sx)
        else:
            mini = svg_item(item.kind, scene.profile, 72 * sx, 52 * sx)
            mini.setParentItem(box)
            mini.setPos(4 * sx, 0)
        box.setPos(x * sx, y * sx)
        box.setToolTip(f"{item.repository}:{', '.join(item.tags)}")
        box.clicked.connect(scene.explain_repo)
        scene.register(box.item_id, box)
    y = top + WAREHOUSE.height() + 8
    font = scene.font_px(18)
    if not model.warehouse:
        t = text_item(scene.t("还没有推送的房子", "No pushed houses yet"),
                      font, scene.color("muted"), width=WAREHOUSE.width() - 40)
        t.setPos(WAREHOUSE.left() + 40, y)
        scene.addItem(t)
        return
    limit = PACK.y() + 70  # keep clear of the Run arrow's label
    for i, item in enumerate(model.warehouse[:6]):
        t = text_item(f"{item.repository}:{','.join(item.tags)}", font, scene.color("text"), width=WAREHOUSE.width() - 40)
        if y + 2 * t.boundingRect().height() > limit and i < len(model.warehouse[:6]) - 1:
            t.setPlainText(scene.t(f"……共 {len(model.warehouse)} 个仓库", f"… {len(model.warehouse)} repositories"))
            t.setPos(WAREHOUSE.left() + 40, y)
            scene.addItem(t)
            break
        t.setPos(WAREHOUSE.left() + 40, y)
        scene.addItem(t)
        y += t.boundingRect().height()


def draw_land(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    """One plot of land per container (newest last), a house conjured on each; returns id -> item."""
    out: dict[str, Box] = {}
    head = text_item(scene.t("新的土地：容器", "New land: containers"), scene.font_px(22, bold=True),
                     scene.color("text"), width=LAND_W, center=True)
    head.setPos(LAND_X, 100)
    scene.addItem(head)
    top = 108 + head.boundingRect().height()
    land_items = list(model.land)[-4:]
    plot_h = (GROUND_Y + 70 - top) / 4
    group = QRectF()
    if not land_items:
        plot = svg_item("land", scene.profile, LAND_W)
        plot.setPos(LAND_X, top + plot_h - 56)
        scene.addItem(plot)
        hint = text_item(scene.t("还没有容器：docker run 会在这里变出房子", "No containers yet: docker run conjures a house here"),
                         scene.font_px(17), scene.color("muted"), width=LAND_W, center=True)
        hint.setPos(LAND_X, top + 10)
        scene.addItem(hint)
        group = QRectF(LAND_X, top, LAND_W, plot_h)
    for i, c in enumerate(land_items):
        y0 = top + i * plot_h
        box = _conjured(scene, c, LAND_X, y0, plot_h)
        out[f"container:{c.name}"] = box
        group = group.united(box.sceneBoundingRect())
    land = Box("land", LAND_W + 16, GROUND_Y + 80 - 94, None, None, 0, 8)  # the heading inside: a halo
    land.setPos(LAND_X - 8, 94)                                              # goes round it, not through it
    land.setZValue(-1)
    land.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(land)
    scene.register("land", land)
    cgroup = Box("container", group.width() + 8, group.height() + 8, None, None, 0, 8)
    cgroup.setPos(group.left() - 4, group.top() - 4)
    cgroup.setZValue(-1)
    cgroup.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(cgroup)
    scene.register("container", cgroup)
    return out


def _conjured(scene: "HouseScene", c: LandItem, x: float, y: float, h: float) -> Box:
    box = Box(f"container:{c.name}", LAND_W, h - 6, None, None, 0, 8)
    plot = svg_item("land", scene.profile, LAND_W * 0.9)
    plot.setParentItem(box)
    plot.setPos(LAND_W * 0.05, h - 6 - 54 * 0.9)
    art_h = h - 6 - 40
    if c.kind in ("villa", "siheyuan", "hut"):
        pic = svg_item(c.kind, scene.profile, art_h * 240 / 184, art_h)
        pic.setParentItem(box)
        pic.setPos((LAND_W - art_h * 240 / 184) / 2, 6)
    else:
        _mini_house(scene, box, LAND_W / 2, art_h + 4, art_h)
    running = c.state == "running"
    font = scene.font_px(16, bold=True)
    name = QFontMetricsF(font).elidedText(c.name, Qt.TextElideMode.ElideMiddle, LAND_W * 0.45)
    tag = Box(f"tag:{c.name}", 10, 10, scene.color("panel_alt"), scene.color("accent"), 1.5, 6, dashed=not running,
              parent=box)
    t = text_item(name, font, scene.color("text"), parent=tag)
    tag.set_size(t.boundingRect().width() + 30, t.boundingRect().height() + 4)
    t.setPos(24, 2)
    g = GlyphItem(glyph_path("circle" if running else "cross", 13), scene.color("ok") if running else scene.color("error"),
                  scene.color("text"), 1.2, parent=tag)
    g.setPos(12, tag.height / 2)
    tag.setPos(LAND_W - tag.width - 4, h - 6 - tag.height - 4)
    tag.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    box.setPos(x, y)
    box.setToolTip(f"{c.name} · {c.image} · {c.state}")
    box.clicked.connect(scene.explain_container)
    scene.addItem(box)
    scene.register(box.item_id, box)
    return box


def _mini_house(scene: "HouseScene", parent: Any, cx: float, bottom: float, height: float) -> None:
    """A small copy of the built house: stone base, door storey, one storey, roof."""
    w = height * 1.1
    fh = height / 4.6
    y = bottom - 8
    for art in ("floor_base", "floor_door", "floor_plain"):
        y -= fh
        it = svg_item(art, scene.profile, w, fh)
        it.setParentItem(parent)
        it.setPos(cx - w / 2, y)
    roof = svg_item("roof", scene.profile, w * 1.12, fh * 1.5)
    roof.setParentItem(parent)
    roof.setPos(cx - w * 0.56, y - fh * 1.5 + 1)
