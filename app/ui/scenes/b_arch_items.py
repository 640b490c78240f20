"""Items of the architecture scene: component boxes, enclosing frames, links, travelling messages,
the info card and the message log.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .b_arch_text import INFO
from .b_common import brush, draw_pod_glyph, draw_text, elide, fit_font, pen, wrap_text

ALIGN_L = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_C = Qt.AlignmentFlag.AlignCenter
ALIGN_TL = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
#: shape per kind of component, so kinds differ by outline too, not only by colour
SHAPES = {"kubectl": "terminal", "etcd": "cylinder", "pod": "pods"}


#: font sizes (scene units, before the presenter minimum) of a box's title, analogy line and status
TITLE_PX, TAG_PX, STATUS_PX = 24.0, 18.0, 16.0
PAD_X, PAD_Y = 12.0, 6.0


class ComponentBox(QGraphicsItem):
    """One component: a box in its group's colour, title, analogy line and a live status line.

    Every text is wrapped to the box, never cut: the scene sizes the boxes from :meth:`needed_height`
    (title and analogy always; the status when there is room), so presenter sizes stay whole."""

    def __init__(self, scene: Any, rect: QRectF, kind: str, role: str, addon: bool = False) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.kind = kind
        self.role = role
        self.addon = addon
        self.status = ""
        self.pods: tuple[str, ...] = ()
        self.selected = False
        self._pods_y = 0.0
        self.setZValue(10)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def set_status(self, status: str, pods: tuple[str, ...] = ()) -> None:
        if (status, pods) != (self.status, self.pods):
            self.status, self.pods = status, pods
            self.update()

    def set_selected(self, on: bool) -> None:
        if on != self.selected:
            self.selected = on
            self.update()

    def center(self) -> QPointF:
        return self.sceneBoundingRect().center()

    # -- text layout (shared by sizing, painting and the tests) ---------------------------------------
    def _top_inset(self, height: float) -> float:
        return height * 0.16 * 1.4 - 4 if SHAPES.get(self.kind) == "cylinder" else 0.0

    def _title_x(self) -> float:
        return 46.0 if SHAPES.get(self.kind) == "terminal" else PAD_X

    def title_lines(self, width: float | None = None) -> tuple[list[str], Any]:
        s = self._scene
        w = (self._rect.width() if width is None else width) - 4
        title = s.t(*INFO[self.kind].title)
        room = w - self._title_x() - PAD_X
        font = fit_font(s, title, TITLE_PX, room, bold=True)
        if QFontMetricsF(font).horizontalAdvance(title) > room or font.pixelSize() < TITLE_PX * 0.8:
            font = s.font_px(TITLE_PX, bold=True)  # a little smaller fits; much smaller reads worse than two lines
        return wrap_text(title, font, room), font

    def tag_lines(self, width: float | None = None) -> tuple[list[str], Any]:
        s = self._scene
        w = (self._rect.width() if width is None else width) - 4
        font = s.font_px(TAG_PX)
        return wrap_text(s.t(*INFO[self.kind].tag), font, w - 2 * PAD_X), font

    def status_lines(self, width: float | None = None, status: str | None = None) -> tuple[list[str], Any]:
        w = (self._rect.width() if width is None else width) - 4
        font = self._scene.font_px(STATUS_PX)
        return wrap_text(self.status if status is None else status, font, w - 2 * PAD_X), font

    def pods_row_height(self) -> float:
        return max(18.0, self._scene.min_text_px * 0.7) + 6

    def needed_height(self, width: float, status: str | None = "", with_status: bool = True) -> float:
        """Height that shows the title and the analogy whole (and the status, or the pod row)."""
        def pitch(f: Any) -> float:
            return QFontMetricsF(f).height()
        tl, tf = self.title_lines(width)
        gl, gf = self.tag_lines(width)
        h = 2 * PAD_Y + 4 + len(tl) * pitch(tf) + len(gl) * pitch(gf)
        if self.kind == "pod":  # the pod chips always have their row
            h += self.pods_row_height()
        elif with_status:
            sl, sf = self.status_lines(width, status)
            h += max(1, len(sl)) * pitch(sf)
        return h + self._top_inset(h)

    def drawn_lines(self) -> list[tuple[str, Any, str, QRectF]]:
        """What :meth:`paint` draws: (text, font, colour role, rect) per line, in box coordinates."""
        r = self._rect.adjusted(2, 2, -2, -2)
        y = r.y() + PAD_Y + self._top_inset(r.height())
        out: list[tuple[str, Any, str, QRectF]] = []
        tl, tf = self.title_lines()
        x0 = r.x() + self._title_x()
        for text in tl:
            fh = QFontMetricsF(tf).height()
            out.append((text, tf, "text", QRectF(x0, y, r.right() - x0 - PAD_X, fh)))
            y += fh
            x0 = r.x() + PAD_X  # a second title line starts under the prompt glyph
        gl, gf = self.tag_lines()
        for text in gl:
            fh = QFontMetricsF(gf).height()
            out.append((text, gf, self.role, QRectF(r.x() + PAD_X, y, r.width() - 2 * PAD_X, fh)))
            y += fh
        if not self.pods:
            sl, sf = self.status_lines()
            fh = QFontMetricsF(sf).height()
            if sl and y + len(sl) * fh <= r.bottom() + 2:  # the live status whole, or not at all
                for text in sl:
                    out.append((text, sf, "muted", QRectF(r.x() + PAD_X, y, r.width() - 2 * PAD_X, fh)))
                    y += fh
        self._pods_y = y
        return out

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        r = self._rect.adjusted(2, 2, -2, -2)
        color = profile.color(self.role)
        painter.setBrush(brush(profile.color("panel")))
        style = Qt.PenStyle.DashLine if self.addon else Qt.PenStyle.SolidLine
        painter.setPen(pen(profile.color("highlight") if self.selected else color, 4.0 if self.selected else 2.5, style))
        shape = SHAPES.get(self.kind)
        if shape == "cylinder":
            e = r.height() * 0.16
            painter.drawRoundedRect(r.adjusted(0, e / 2, 0, 0), 6, 6)
            painter.drawEllipse(QRectF(r.x(), r.y(), r.width(), e * 1.4))
        else:
            painter.drawRoundedRect(r, 10, 10)
        if shape == "terminal":  # a prompt glyph
            draw_text(painter, QRectF(r.x() + 8, r.y() + 6, 40, 30), ">_", s.font_px(20, mono=True, bold=True), color)
        for text, font, role, rect in self.drawn_lines():
            painter.setFont(font)
            painter.setPen(QPen(profile.color(role)))
            painter.drawText(rect, int(ALIGN_L), text)
        if self.pods and self._pods_y + 14 <= r.bottom():
            self._paint_pods(painter, QRectF(r.x() + PAD_X, self._pods_y + 2, r.width() - 2 * PAD_X,
                                             min(self.pods_row_height(), r.bottom() - self._pods_y - 4)))

    def _paint_pods(self, painter: QPainter, area: QRectF) -> None:
        h = min(area.height() * 0.8, max(18.0, self._scene.min_text_px * 0.6))
        w = h * 2
        shown = self.pods[: max(1, int((area.width() - h * 2.4) // (w + 4)))]  # room left for "×N"
        for i, state in enumerate(shown):
            draw_pod_glyph(painter, QRectF(area.x() + i * (w + 4), area.y(), w, h), state, self._scene.profile,
                           canvas_role="panel")
        font = self._scene.font_px(h * 0.9, bold=True)
        fh = QFontMetricsF(font).height()
        text = f"×{len(self.pods)}"
        painter.setFont(font)
        painter.setPen(QPen(self._scene.profile.color("text")))
        painter.drawText(QRectF(area.x() + len(shown) * (w + 4) + 4, area.y() + h / 2 - fh / 2,
                                QFontMetricsF(font).horizontalAdvance(text) + 4, fh), int(ALIGN_L), text)


class FrameItem(QGraphicsItem):
    """The enclosing box of the control plane or of one worker node, with its label (a summary slot,
    such as "3 more nodes", is narrow: its label and note wrap inside it)."""

    def __init__(self, scene: Any, rect: QRectF, label: str, role: str, status: str = "", dashed: bool = False,
                 summary: bool = False) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.label, self.role, self.status, self.dashed, self.summary = label, role, status, dashed, summary
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def set_status(self, status: str, dashed: bool) -> None:
        if (status, dashed) != (self.status, self.dashed):
            self.status, self.dashed = status, dashed
            self.update()

    def header_texts(self) -> list[tuple[str, Any, str, QRectF]]:
        """(text, font, colour role, rect) of the label and status as drawn."""
        s = self._scene
        lh = min(52.0, max(30.0, s.min_text_px * 1.4))
        font = s.font_px(22, bold=True)
        sfont = s.font_px(17, bold=self.dashed)
        srole = "error" if self.dashed else "muted"
        width = self._rect.width() - 32
        if self.summary:  # wrapped in the body
            out, y = [], 10.0
            for text, f, role in ((self.label, font, self.role), (self.status, sfont, srole)):
                for line in (ln for para in text.split("\n") for ln in wrap_text(para, f, width)):
                    h = QFontMetricsF(f).height()
                    out.append((line, f, role, QRectF(16, y, width, h)))
                    y += h
            return out
        label = self.label
        label_w = QFontMetricsF(font).horizontalAdvance(label) + 8
        status_w = QFontMetricsF(sfont).horizontalAdvance(self.status) if self.status else 0.0
        if status_w and label_w + 12 + status_w > width and label.count(" ") >= 1:
            label = label.split(" ")[-1]  # "Worker node node-2" -> "node-2": the frame says it is a node
            label_w = QFontMetricsF(font).horizontalAdvance(label) + 8
        label_w = min(label_w, width)
        out = [(label, font, self.role, QRectF(16, 6, label_w, lh))]
        if self.status:
            x = 16 + label_w + 12
            out.append((elide(self.status, sfont, self._rect.width() - x - 16), sfont, srole,
                        QRectF(x, 6, self._rect.width() - x - 16, lh)))
        return out

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        profile = self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(brush(profile.color("node")))
        painter.setPen(pen(profile.color("error" if self.dashed else self.role), 3.0,
                           Qt.PenStyle.DashLine if self.dashed else Qt.PenStyle.SolidLine))
        painter.drawRoundedRect(self._rect.adjusted(2, 2, -2, -2), 16, 16)
        for i, (text, font, role, rect) in enumerate(self.header_texts()):
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if (i and not self.summary) else ALIGN_L
            painter.setFont(font)
            painter.setPen(QPen(profile.color(role)))
            painter.drawText(rect, int(align), text)


class LinkLayer(QGraphicsItem):
    """All links in one item: who talks to whom (arrows into the API server)."""

    def __init__(self, scene: Any, rect: QRectF) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(rect)
        self.links: list[tuple[QPointF, QPointF, bool]] = []  # (from, to, watch also flows back)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        profile = self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(profile.color("link"), 2.2))
        painter.setBrush(brush(profile.color("link")))
        for a, b, _ in self.links:
            painter.drawLine(QLineF(a, b))
            _arrow(painter, a, b, 12)


def _arrow(painter: QPainter, a: QPointF, b: QPointF, size: float) -> None:
    line = QLineF(b, a)
    if line.length() < 1:
        return
    unit = line.unitVector()
    d = QPointF(unit.dx(), unit.dy()) * size
    n = QPointF(-d.y(), d.x()) * 0.5
    painter.drawPolygon([b, b + d + n, b + d - n])


class MessageItem(QGraphicsItem):
    """A message on its way: a filled envelope-like pill with its text (the request or watch event)."""

    def __init__(self, scene: Any, text: str, watch: bool) -> None:
        super().__init__()
        self._scene = scene
        self.text = text
        self.watch = watch
        self.setZValue(60)
        self.setVisible(False)

    def boundingRect(self) -> QRectF:
        return QRectF(-14, -16, 520, 32)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen(profile.color("canvas"), 2))
        painter.setBrush(brush(profile.color("message")))
        if self.watch:  # watch notifications are diamonds, requests are circles
            painter.drawPolygon([QPointF(0, -11), QPointF(11, 0), QPointF(0, 11), QPointF(-11, 0)])
        else:
            painter.drawEllipse(QPointF(0, 0), 10, 10)
        font = s.font_px(16, bold=True)
        painter.setFont(font)
        rect = QRectF(16, -13, 490, 26)
        painter.setPen(pen(profile.color("message"), 1.5))
        painter.setBrush(brush(profile.color("panel")))
        br = painter.boundingRect(rect, int(ALIGN_L), self.text)
        painter.drawRoundedRect(br.adjusted(-4, -1, 4, 1), 4, 4)
        draw_text(painter, rect, self.text, font, profile.color("text"), elided=False)


class PanelItem(QGraphicsItem):
    """A titled text panel (the component card, the message log): rich lines, drawn crisp."""

    def __init__(self, scene: Any, rect: QRectF, item_id: str) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.item_id = item_id
        self.title = ""
        self.blocks: list[tuple[str, str]] = []  # (heading, paragraph)
        #: presenter sizes: "Role: ..." on one run (heading in bold) instead of a line of its own
        self.inline_headings = False
        self.setZValue(8)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def set_content(self, title: str, blocks: list[tuple[str, str]]) -> None:
        if (title, blocks) != (self.title, self.blocks):
            self.title, self.blocks = title, list(blocks)
            self.update()

    def set_rect(self, rect: QRectF) -> None:
        if rect != QRectF(self.pos(), self._rect.size()):
            self.prepareGeometryChange()
            self.setPos(rect.topLeft())
            self._rect = QRectF(0, 0, rect.width(), rect.height())
            self.update()

    def _rich(self, text: str, font: Any, prefix: int, width: float) -> QTextLayout:
        """A paragraph whose first ``prefix`` characters (its heading) are bold and muted."""
        layout = QTextLayout(text, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        head = QTextLayout.FormatRange()
        head.start, head.length = 0, prefix
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QBrush(self._scene.profile.color("muted")))
        head.format = fmt
        layout.setFormats([head])
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout

    def _flow(self) -> list[tuple[int, str, Any, str, QRectF, int]]:
        """Every paragraph laid out by its real wrapped height: (block index, text, font, role, rect,
        bold prefix length); block -1 is the title. A heading and its paragraph form one block."""
        s = self._scene
        width = self._rect.width() - 28
        flags = int(ALIGN_TL | Qt.TextFlag.TextWordWrap)
        out = []
        y = 8.0
        parts = [(-1, self.title, s.font_px(21, bold=True), "accent", 0)]
        sep = ":" if s.lang == "zh" else ": "
        for i, (heading, para) in enumerate(self.blocks):
            if heading and self.inline_headings:
                parts.append((i, heading + sep + para, s.font_px(16), "text", len(heading) + len(sep)))
                continue
            if heading:
                parts.append((i, heading, s.font_px(15, bold=True), "muted", 0))
            parts.append((i, para, s.font_px(16), "text", 0))
        for i, text, font, role, prefix in parts:
            if prefix:
                h = self._rich(text, font, prefix, width).boundingRect().height()
            else:
                h = QFontMetricsF(font).boundingRect(QRectF(14, y, width, 4000), flags, text).height()
            out.append((i, text, font, role, QRectF(14, y, width, h), prefix))
            y += h + (2 if role == "muted" else 8)
        return out

    def needed_height(self) -> float:
        flow = self._flow()
        return (flow[-1][4].bottom() + 8) if flow else 40.0

    def shown_blocks(self) -> list[int]:
        """Indexes of the blocks drawn whole (a block that does not fit is left out with its heading,
        and so is everything after it: never a heading over nothing)."""
        limit = self._rect.height() - 6
        shown, cut = [], False
        flow = self._flow()
        for i in sorted({f[0] for f in flow if f[0] >= 0}):
            bottom = max(f[4].bottom() for f in flow if f[0] == i)
            cut = cut or bottom > limit
            if not cut:
                shown.append(i)
        return shown

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        s, profile = self._scene, self._scene.profile
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(brush(profile.color("panel")))
        painter.setPen(pen(profile.color("border"), 1.5))
        painter.drawRoundedRect(self._rect.adjusted(1, 1, -1, -1), 10, 10)
        flags = int(ALIGN_TL | Qt.TextFlag.TextWordWrap)
        shown = set(self.shown_blocks())
        for i, text, font, role, rect, prefix in self._flow():
            if i >= 0 and i not in shown:
                continue
            if prefix:
                painter.setPen(pen(profile.color(role)))
                self._rich(text, font, prefix, rect.width()).draw(painter, rect.topLeft())
                continue
            painter.setFont(font)
            painter.setPen(pen(profile.color(role)))
            painter.drawText(rect, flags, text)
