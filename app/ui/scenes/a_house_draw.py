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

STATUS_GLYPH = {"built": "tick", "cached": "skip", "base": "square", "note": "diamond"}


def status_words(scene: "HouseScene", status: str) -> str:
    return {"built": scene.t("新建", "built"), "cached": scene.t("缓存", "cached"),
            "base": scene.t("地基", "base"), "note": scene.t("说明", "note")}[status]


def draw_plan(scene: "HouseScene", model: HouseModel) -> Box:
    """The Dockerfile as a paper plan: one row per instruction with its step and status."""
    L = scene.layout
    card = Box("dockerfile", L.plan.width(), 100, scene.color("panel"), scene.color("node_border"), 2.5, 12)
    card.setPos(L.plan.topLeft())
    title = text_item(scene.t("图纸：Dockerfile", "The plan: Dockerfile"), scene.font_px(26, bold=True),
                      scene.color("text"), parent=card)
    title.setPos(16, 12)
    y = 20 + title.boundingRect().height()
    if not model.dockerfile:
        hint = text_item(scene.t("还没有构建。试试：docker build -t web:1 contexts/web",
                                 "Nothing built yet. Try: docker build -t web:1 contexts/web"),
                         scene.font_px(20), scene.color("muted"), width=L.plan.width() - 32, parent=card)
        hint.setPos(16, y)
        y += hint.boundingRect().height() + 12
    mono = scene.font_px(17, mono=True)
    hidden = 0
    more_h = QFontMetricsF(scene.font_px(17)).height() * 2 + 8
    for i, line in enumerate(model.dockerfile):
        row = Box(f"plan:{i + 1}", L.plan.width() - 24, 10, None, None, 0, 6, parent=card)
        glyph = GlyphItem(glyph_path(STATUS_GLYPH[line.status], 16), scene.status_color(line.status),
                          scene.color("text"), 1.2, parent=row)
        step = f"{line.step}. " if line.step else ""
        t = text_item(step + line.text, mono, scene.color("text"), width=L.plan.width() - 64, parent=row)  # wrapped, whole
        t.setPos(30, 2)
        row.set_size(L.plan.width() - 24, t.boundingRect().height() + 4)
        glyph.setPos(14, 4 + QFontMetricsF(mono).height() / 2)
        row.setPos(12, y)
        row.setToolTip(f"{line.text}\n{status_words(scene, line.status)}")
        row.clicked.connect(scene.explain_plan_line)
        last = i == len(model.dockerfile) - 1
        if hidden or y + row.height > L.plan.height() - 10 - (0 if last else more_h):
            row.setVisible(False)  # no room: said in the line under the rows (all of them on click)
            hidden += 1
        else:
            y += row.height + 4
        scene.register(f"plan:{i + 1}", row)
    if hidden:
        more = text_item(scene.t(f"……另有 {hidden} 行（点击图纸查看全部）", f"… {hidden} more {'line' if hidden == 1 else 'lines'} (click the plan)"),
                         scene.font_px(17), scene.color("muted"), width=L.plan.width() - 32, parent=card)
        more.setPos(16, y)
        scene.register("plan:more", more)
        y += more.boundingRect().height() + 4
    legend = text_item(" ".join(f"{sym} {status_words(scene, s)}" for s, sym in
                                (("built", "✓"), ("cached", "↻"), ("base", "■"), ("note", "◆"))),
                       scene.font_px(17), scene.color("muted"), width=L.plan.width() - 32, parent=card)
    legend.setPos(16, y + 6)
    if y + 14 + legend.boundingRect().height() > L.plan.height():
        legend.setVisible(False)  # no room (presenter sizes): the glyphs are explained on click
        card.set_size(L.plan.width(), y + 8)
    else:
        card.set_size(L.plan.width(), y + 14 + legend.boundingRect().height())
    card.clicked.connect(scene.explain_id)
    scene.addItem(card)
    scene.register("dockerfile", card)
    if scene.technical:
        return card
    _arrow(scene, QPointF(L.plan.right() - 30, L.plan.top() + 40), QPointF(L.site_x + 60, L.plan.top() + 110), "Build",
           "arrow:build")
    return card


def floor_height(scene: "HouseScene", floors: int) -> float:
    L = scene.layout
    text_h = QFontMetricsF(scene.font_px(17, bold=True)).height()
    room = L.ground_y - L.site_top
    return max(min(60.0 if not L.tall else 80.0, room / max(floors + 1.5, 1)), text_h + 8)


def draw_house(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    """Floors bottom-up (base floors in stone, then the door storey, then plain storeys), the roof
    once the image exists; returns ``{layer:N: floor}``."""
    L = scene.layout
    cx = L.site_x + L.site_w / 2
    land = svg_item("land", scene.profile, L.site_w)
    land.setPos(L.site_x, L.ground_y - 16)
    scene.addItem(land)
    floors: dict[str, Box] = {}
    fh = floor_height(scene, len(model.floors))
    y = L.ground_y
    first_built = next((f.number for f in model.floors if f.origin != "base"), 0)
    for f in model.floors:
        y -= fh
        art = "floor_base" if f.origin == "base" else ("floor_door" if f.number == first_built else "floor_plain")
        box = _floor(scene, f, art, cx - L.house_w / 2, y, fh)
        floors[f"layer:{f.number}"] = box
    group = Box("house", L.house_w + 40, L.ground_y - y + 10, None, None, 0, 8)
    if model.built:
        roof_h = fh * 1.5
        roof = Box("roof", L.house_w * 1.12, roof_h, None, None, 0, 0)
        r_art = svg_item("roof", scene.profile, L.house_w * 1.12, roof_h)
        r_art.setParentItem(roof)
        roof.setPos(cx - L.house_w * 0.56, y - roof_h + 2)
        roof.clicked.connect(scene.explain_id)
        scene.addItem(roof)
        scene.register("roof", roof)
        y -= roof_h
        group.set_size(L.house_w * 1.12 + 20, L.ground_y - y + 10)
        label = text_item(" ".join(model.tags), scene.font_px(22, bold=True), scene.color("text"))
        label.setPos(cx - label.boundingRect().width() / 2, y - label.boundingRect().height() - 6)
        scene.addItem(label)
        scene.register("house:label", label)
        y = label.y()
    else:
        empty = text_item(scene.t("空地：还没有房子", "Empty land: no house yet"), scene.font_px(22),
                          scene.color("muted"), width=L.site_w, center=True)
        empty.setPos(L.site_x, L.ground_y - 120)
        scene.addItem(empty)
        y = L.ground_y - 130
    group.setPos(cx - group.width / 2, y - 4)
    group.set_size(group.width, L.ground_y + 20 - y)
    group.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    group.setZValue(-1)
    scene.addItem(group)
    scene.register("house", group)
    return floors


def _floor(scene: "HouseScene", f: Floor, art: str, x: float, y: float, h: float) -> Box:
    L = scene.layout
    box = Box(f"layer:{f.number}", L.house_w, h, None, None, 0, 2)
    pic = svg_item(art, scene.profile, L.house_w, h)
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
    plaque.setPos((L.house_w - plaque.width) / 2, (h - plaque.height) / 2)
    plaque.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    box.setPos(x, y)
    box.setToolTip(scene.floor_tooltip(f))
    box.clicked.connect(scene.explain_floor)
    scene.addItem(box)
    scene.register(box.item_id, box)
    return box


def draw_notes(scene: "HouseScene", model: HouseModel) -> None:
    """ENV, EXPOSE, CMD ...: a sign "on the door" under the house; they add no floor (click for the lines)."""
    L = scene.layout
    notes = [line.text for line in model.dockerfile if line.status == "note"]
    if not notes:
        return
    box = Box("notes", L.site_w, 10, scene.color("panel_alt"), scene.color("node_border"), 2, 8)
    font = scene.font_px(18, bold=True)
    words = "◆ " + scene.t("门上的说明：", "Door notes: ") + " · ".join(n.split()[0] for n in notes)
    t = text_item(words, font, scene.color("text"), width=L.site_w - 20, parent=box)  # wrapped, never cut
    t.setPos(10, 4)
    box.set_size(L.site_w, t.boundingRect().height() + 8)
    # under the ground line; lifted onto the ground's edge when it would leave the stage (big type, 16:9)
    box.setPos(L.site_x, min(L.ground_y + 46, scene.sceneRect().height() - 6 - box.height))
    box.setToolTip("\n".join(notes))
    box.clicked.connect(scene.explain_id)
    scene.addItem(box)
    scene.register("notes", box)


def _arrow(scene: "HouseScene", a: QPointF, b: QPointF, label: str, item_id: str, side: int = 0) -> None:
    """A dashed curve from a to b with an arrow head; the label above its middle (``side`` 1 or -1:
    right or left of the middle, for arrows that run downwards)."""
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
    tw, th = t.boundingRect().width(), t.boundingRect().height()
    if side:
        t.setPos(mid.x() + 14 if side > 0 else mid.x() - tw - 14, (a.y() + b.y()) / 2 - th / 2)
    else:
        t.setPos(mid.x() - tw / 2, mid.y() - th + 4)
    scene.addItem(t)
    scene.register(item_id, t)


def draw_magic_and_pack(scene: "HouseScene", model: HouseModel) -> None:
    L = scene.layout
    magic = Box("magic", 130, 112, None, None, 0, 8)
    art = svg_item("magic", scene.profile, 130)
    art.setParentItem(magic)
    magic.setPos(L.magic)
    magic.clicked.connect(scene.explain_id)
    scene.addItem(magic)
    scene.register("magic", magic)
    cap = text_item(scene.t("魔法：复制成镜像", "Magic: copy into an image"), scene.font_px(18, bold=True),
                    scene.color("text"), width=L.caption_w, center=True)
    cap.setPos(L.magic.x() + 65 - L.caption_w / 2, L.magic.y() + 116)
    scene.addItem(cap)
    pack = Box("backpack", 120, 144, None, None, 0, 8)
    pack_art = svg_item("backpack", scene.profile, 120)
    pack_art.setParentItem(pack)
    pack.setPos(L.pack)
    pack.clicked.connect(scene.explain_id)
    scene.addItem(pack)
    scene.register("backpack", pack)
    y = L.pack.y() + 150 if not L.tall else L.pack.y()
    chips_x = L.pack.x() + 130 if L.tall else None  # tall: the chips to the right of the backpack
    chips = list(model.backpack)
    font = scene.font_px(17, bold=True)
    chip_w = max(170.0, L.caption_w - 20) if not L.tall else max(120.0, L.caption_w - 150)
    line_h = QFontMetricsF(font).height()
    shown = 0
    for i, (tag, image_id) in enumerate(chips[:5]):
        if y + 2 * (line_h + 10) > L.pack_bottom and i < len(chips) - 1:
            break  # the rest are counted in the line below
        chip = Box(f"image:{tag}", 10, 10, scene.color("panel_alt"), scene.color("accent"), 2, 8)
        wrap = QFontMetricsF(font).horizontalAdvance(tag) > chip_w  # a long tag wraps (whole), never cut
        t = text_item(tag, font, scene.color("text"), width=chip_w if wrap else None, parent=chip)
        t.setPos(8, 3)
        chip.set_size(t.boundingRect().width() + 16, t.boundingRect().height() + 6)
        chip.setPos(chips_x if chips_x is not None else L.pack.x() + 60 - chip.width / 2, y)
        chip.setToolTip(f"{tag}\n{image_id}")
        chip.clicked.connect(scene.explain_image)
        scene.addItem(chip)
        scene.register(chip.item_id, chip)
        y += chip.height + 4
        shown += 1
    if len(chips) > shown:
        more = text_item(scene.t(f"还有 {len(chips) - shown} 个", f"+{len(chips) - shown} more"), font, scene.color("muted"))
        more.setPos(chips_x if chips_x is not None else L.pack.x() + 60 - more.boundingRect().width() / 2, y)
        scene.addItem(more)
        y += more.boundingRect().height()
    if L.tall:  # the backpack sits beside the house: Ship down to the warehouse, Run down to the land
        roof = scene.item_for("roof")
        if model.built and roof is not None:  # from the roof to the magic: the copy of the finished house
            r = roof.sceneBoundingRect()
            _arrow(scene, QPointF(r.right() + 6, r.center().y()), QPointF(L.magic.x() + 10, L.magic.y() + 80), "",
                   "arrow:copy")
        low = max(y, L.pack.y() + 150)
        _arrow(scene, QPointF(L.pack.x() + 90, low + 4), QPointF(L.pack.x() + 110, L.warehouse.top() - 6),
               "Ship", "arrow:ship", side=1)
        _arrow(scene, QPointF(L.pack.x() + 10, low + 4), QPointF(L.land.right() - 30, L.land.top() - 6),
               "Run", "arrow:run", side=1)
        return
    if model.built:
        _arrow(scene, QPointF(L.site_x + L.site_w - 30, 330), QPointF(L.magic.x() + 4, L.magic.y() + 70), "", "arrow:copy")
    _arrow(scene, QPointF(L.pack.x() + 124, L.pack.y() + 30), QPointF(L.warehouse.left() + 6, L.warehouse.bottom() - 20),
           "Ship", "arrow:ship")
    _arrow(scene, QPointF(L.pack.x() + 124, L.pack.y() + 130), QPointF(L.land.left() - 14, L.pack.y() + 170), "Run", "arrow:run")


def draw_warehouse(scene: "HouseScene", model: HouseModel) -> None:
    L = scene.layout
    head = text_item(scene.t("公共仓库（Docker Hub）", "Public warehouse (Docker Hub)"), scene.font_px(22, bold=True),
                     scene.color("text"), width=L.warehouse_head_w, center=True)
    head.setPos(L.warehouse.center().x() - L.warehouse_head_w / 2, L.warehouse.top() - 4)
    scene.addItem(head)
    top = L.warehouse.top() + head.boundingRect().height()
    # the picture as large as the layout allows, smaller when the heading wrapped and two lines of
    # list must still fit above the bottom
    room = L.warehouse_bottom - top - 8 - 2 * QFontMetricsF(scene.font_px(18)).height()
    ww = min(L.warehouse.width(), max(40.0, room) * L.warehouse.width() / L.warehouse.height())
    wh_h = ww * L.warehouse.height() / L.warehouse.width()
    wh = Box("warehouse", ww, wh_h, None, None, 0, 8)
    art = svg_item("warehouse", scene.profile, ww)
    art.setParentItem(wh)
    sx = ww / 320.0
    wh.setPos(L.warehouse.center().x() - ww / 2, top)
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
    y = top + wh_h + 8
    font = scene.font_px(18)
    list_w = L.warehouse_head_w - 40
    list_x = L.warehouse.center().x() - list_w / 2
    if not model.warehouse:
        t = text_item(scene.t("还没有推送的房子", "No pushed houses yet"),
                      font, scene.color("muted"), width=list_w)
        t.setPos(list_x, y)
        scene.addItem(t)
        return
    limit = L.warehouse_bottom  # keep clear of the Run arrow's label (wide) or the stage's edge
    for i, item in enumerate(model.warehouse[:6]):
        t = text_item(f"{item.repository}:{','.join(item.tags)}", font, scene.color("text"), width=list_w)
        if y + 2 * t.boundingRect().height() > limit and i < len(model.warehouse[:6]) - 1:
            t.setPlainText(scene.t(f"……共 {len(model.warehouse)} 个仓库", f"… {len(model.warehouse)} repositories"))
            t.setPos(list_x, y)
            scene.addItem(t)
            break
        t.setPos(list_x, y)
        scene.addItem(t)
        y += t.boundingRect().height()


def draw_land(scene: "HouseScene", model: HouseModel) -> dict[str, Box]:
    """One plot of land per container (newest last, up to four, in ``land_cols`` columns), a house
    conjured on each; returns id -> item."""
    L = scene.layout
    out: dict[str, Box] = {}
    head = text_item(scene.t("新的土地：容器", "New land: containers"), scene.font_px(22, bold=True),
                     scene.color("text"), width=L.land.width(), center=True)
    head.setPos(L.land.left(), L.land.top() + 6)
    scene.addItem(head)
    top = L.land.top() + 14 + head.boundingRect().height()
    land_items = list(model.land)[-4:]
    name_font = QFontMetricsF(scene.font_px(16, bold=True))
    widest = max((name_font.horizontalAdvance(c.name) for c in land_items), default=0.0)
    cols = L.land_cols
    if L.tall:  # as many plots side by side as hold their names on one line (bigger houses)
        cols = next((n for n in range(min(4, max(1, len(land_items))), 0, -1)
                     if widest + 36 <= (L.land.width() - 10 * (n - 1)) / n), 1)
    elif cols > 1 and widest + 48 > (L.land.width() - 10) / cols:  # names would wrap: one plot per row
        cols = 1
    rows = 4 // cols if not L.tall else max(1, -(-len(land_items) // cols))  # tall: the plots share the band
    plot_w = (L.land.width() - 10 * (cols - 1)) / cols
    plot_h = (L.land.bottom() - 10 - top) / rows
    if L.tall:  # a cell no taller than its house needs (one container does not fill the whole band)
        plot_h = min(plot_h, plot_w * 0.75 + 60 + name_font.height())
    group = QRectF()
    if not land_items:
        hint = text_item(scene.t("还没有容器：docker run 会在这里变出房子", "No containers yet: docker run conjures a house here"),
                         scene.font_px(17), scene.color("muted"), width=L.land.width(), center=True)
        hint.setPos(L.land.left(), top + 10)
        scene.addItem(hint)
        aspect = svg_item("land", scene.profile, 100.0).sceneBoundingRect().height() / 100.0
        room = L.land.bottom() - 12 - hint.sceneBoundingRect().bottom()
        plot_w = min(L.land.width() * 0.6, max(60.0, room / aspect))
        plot = svg_item("land", scene.profile, plot_w)
        plot.setPos(L.land.center().x() - plot_w / 2,  # under the hint, on the stage
                    min(max(top + plot_h - 56, hint.sceneBoundingRect().bottom() + 6),
                        L.land.bottom() - 8 - plot.sceneBoundingRect().height()))
        scene.addItem(plot)
        group = hint.sceneBoundingRect().united(plot.sceneBoundingRect())
    for i, c in enumerate(land_items):
        r, col = divmod(i, cols)
        box = _conjured(scene, c, L.land.left() + col * (plot_w + 10), top + r * plot_h, plot_w, plot_h)
        out[f"container:{c.name}"] = box
        group = group.united(box.sceneBoundingRect())
    land_h = L.land.height() if not L.tall else min(L.land.height(), group.bottom() + 10 - L.land.top())
    land = Box("land", L.land.width() + 16, land_h, None, None, 0, 8)  # the heading inside: a halo
    land.setPos(L.land.left() - 8, L.land.top())                               # goes round it, not through it
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


def _conjured(scene: "HouseScene", c: LandItem, x: float, y: float, w: float, h: float) -> Box:
    box = Box(f"container:{c.name}", w, h - 6, None, None, 0, 8)
    running = c.state == "running"
    font = scene.font_px(16, bold=True)
    tag = Box(f"tag:{c.name}", 10, 10, scene.color("panel_alt"), scene.color("accent"), 1.5, 6, dashed=not running,
              parent=box)
    wrap = QFontMetricsF(font).horizontalAdvance(c.name) > w - 40  # a long name wraps (whole), never cut
    t = text_item(c.name, font, scene.color("text"), width=w - 40 if wrap else None, parent=tag)
    tag.set_size(t.boundingRect().width() + 30, t.boundingRect().height() + 4)
    t.setPos(24, 2)
    g = GlyphItem(glyph_path("circle" if running else "cross", 13), scene.color("ok") if running else scene.color("error"),
                  scene.color("text"), 1.2, parent=tag)
    g.setPos(12, tag.height / 2)
    # bottom up: the name tag, the ground strip above it, the house standing on the strip
    tag.setPos((w - tag.width) / 2, h - 6 - tag.height)
    tag.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    plot_w = w * 0.9
    plot_h = svg_item("land", scene.profile, plot_w).sceneBoundingRect().height()
    if plot_h > h * 0.25:  # a wide, short cell: the strip keeps its shape
        plot_w, plot_h = plot_w * h * 0.25 / plot_h, h * 0.25
    plot = svg_item("land", scene.profile, plot_w)
    plot.setParentItem(box)
    strip_y = tag.y() - 2 - plot_h
    plot.setPos((w - plot_w) / 2, strip_y)
    ground = strip_y + plot_h * 0.27
    art_h = max(24.0, min(ground - 6, w * 184 / 240))
    if c.kind in ("villa", "siheyuan", "hut"):
        pic = svg_item(c.kind, scene.profile, art_h * 240 / 184, art_h)
        pic.setParentItem(box)
        pic.setPos((w - art_h * 240 / 184) / 2, ground - art_h)
    else:
        _mini_house(scene, box, w / 2, ground + 8, art_h)
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
