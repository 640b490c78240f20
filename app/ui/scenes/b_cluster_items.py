"""Items of the cluster scene: node cards, the pending queue, the registry, Services, Deployments.

Each item has an idempotent ``set_*`` that stores the final state and repaints only when something
changed. Node cards are cached as device pixmaps: while pods fly over them, repainting a card is a
blit, not Python (see ``b_pod_layer`` for the pods themselves).
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .b_common import NO_PEN, POD_LEGEND, brush, draw_pod_glyph, draw_text, first_fitting, line_height, pen, wrap_text
from .b_model import NodeView, ServiceView

ALIGN_L = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_R = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_C = Qt.AlignmentFlag.AlignCenter
#: continuation rows of a wrapped line in a box start with this
INDENT = "   "
STATUS_GLYPH = {"Ready": "✓", "NotReady": "✕", "Unknown": "?"}
#: legend names when the full ones do not fit (presenter sizes)
SHORT_LEGEND = {"ContainerCreating": ("拉取/创建", "Pulling"), "Running": ("未就绪", "Not ready"),
                "Failed": ("失败", "Failed"), "Terminating": ("终止中", "Stopping"), "old": ("旧版本", "Old rev.")}


def slot_grid(area: QRectF, n: int, max_h: float = 26.0, aspect: float = 2.2,
              label_room: bool = True) -> list[QRectF]:
    """``n`` pod chips in reading order inside ``area``, as large as fit (chip height <= max_h)."""
    if n <= 0 or area.width() <= 0 or area.height() <= 0:
        return []
    best_h, best_cols = 0.0, 1
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        cell_w = area.width() / cols
        cell_h = area.height() / rows
        h = min(cell_w / (aspect * 1.25), cell_h / 1.35, max_h)
        if h >= 14 and label_room:  # big chips get a name line under them
            h = min(h, cell_h / 2.1)
        if h >= best_h - 1e-9:  # ties: more columns (a wide row reads better than a tall column)
            best_h, best_cols = h, cols
    h, cols = best_h, best_cols
    w = h * aspect
    cell_w = area.width() / cols
    rows = math.ceil(n / cols)
    cell_h = min(area.height() / rows, h * (2.1 if h >= 14 and label_room else 1.35))
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        out.append(QRectF(area.x() + c * cell_w + (cell_w - w) / 2, area.y() + r * cell_h + h * 0.15, w, h))
    return out


class CardItem(QGraphicsItem):
    """A rounded box with a title; subclasses paint their body."""

    def __init__(self, scene: Any, rect: QRectF, item_id: str) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(0, 0, rect.width(), rect.height())
        self.setPos(rect.topLeft())
        self.item_id = item_id
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    @property
    def profile(self) -> Any:
        return self._scene.profile

    def frame(self, painter: QPainter, fill: str, border: str, dashed: bool = False, width: float = 1.5) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setBrush(brush(self.profile.color(fill)))
        painter.setPen(pen(self.profile.color(border), width,
                           Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine))
        r = min(10.0, self._rect.height() * 0.08)
        painter.drawRoundedRect(self._rect.adjusted(1, 1, -1, -1), r, r)


class NodeCard(CardItem):
    #: text unit bounds (scene units): tiny cards on a 100-node grid, large ones for a class of three
    MIN_UNIT, MAX_UNIT = 6.0, 34.0
    #: pod chip height per unit of text
    CHIP = 1.6

    def __init__(self, scene: Any, rect: QRectF, name: str, unit: float = 0.0) -> None:
        super().__init__(scene, rect, f"node:{name}")
        self.name = name
        self.unit = unit  # from the scene's layout (0: derive it from the card's size)
        self.view = NodeView(name)
        self.pulling: tuple[str, ...] = ()
        self.note = ""
        self.setZValue(5)

    # geometry
    @staticmethod
    def text_unit(unit: float, min_text_px: float) -> float:
        """The unit the card's text rows use: ``unit``, or more at presenter sizes."""
        return max(unit, min_text_px / 0.85)

    @staticmethod
    def height_for(unit: float, width: float, pods: int, min_text_px: float = 0) -> float:
        """Card height at ``unit``: title, two bars and the footer (presenter text may make these
        taller), ``pods`` chips of height ``unit * CHIP`` in rows as wide as the card allows, each
        with its name line; what :meth:`pod_area` and the scene's ``slot_grid`` lay out."""
        t = NodeCard.text_unit(unit, min_text_px)
        h = unit * NodeCard.CHIP
        cols = max(1, int((width - t) // (h * 2.2 * 1.25)))
        rows = math.ceil(max(pods, 1) / cols)
        return t * (1.5 + 2 * 1.05 + 0.3) + rows * h * 2.1 + t * NodeCard.foot_factor(unit) + unit * 0.3

    @staticmethod
    def foot_factor(unit: float) -> float:
        """Footer height in text units: one line (a long note is summarised to fit, see foot_lines)."""
        return 1.35

    def chip_h(self) -> float:
        return self.unit * self.CHIP if self.unit else 26.0

    def _unit(self) -> float:
        if self.unit:
            return self.text_unit(self.unit, self._scene.min_text_px)
        u = max(6.0, min(self._rect.height() * 0.085, self._rect.width() * 0.06, 22.0))
        # presenter mode: grow the rows with the minimum text size, as far as the card allows
        return min(max(u, self._scene.min_text_px / 0.85), max(u, self._rect.height() / 8.5))

    def pod_area(self) -> QRectF:
        u = self._unit()
        top = u * 1.5 + 2 * u * 1.05 + u * 0.3
        area = QRectF(u * 0.5, top, self._rect.width() - u, self._rect.height() - top - u * self.foot_factor(self.unit))
        return area.translated(self.pos())

    def set_state(self, view: NodeView, pulling: tuple[str, ...], note: str) -> None:
        key = (view.status, view.unschedulable, view.cpu_alloc_m, view.mem_alloc_b, view.cpu_req_m,
               view.mem_req_b, len(view.pods), view.taints, pulling, note)
        if key == getattr(self, "_key", None):
            return
        self._key = key
        self.view, self.pulling, self.note = view, pulling, note
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        v, t, u = self.view, self._scene.t, self._unit()
        healthy = v.status == "Ready"
        self.frame(painter, "node", "node_border" if healthy else "error", dashed=not healthy,
                   width=max(1.0, u * 0.14) * (1 if healthy else 1.6))
        w = self._rect.width()
        head = QRectF(u * 0.5, u * 0.2, w - u, u * 1.3)
        # as kubectl get nodes prints it (Unknown shows as NotReady), with the condition in brackets
        status = {"Ready": t("就绪", "Ready"), "NotReady": t("未就绪", "NotReady"),
                  "Unknown": t("未就绪(失联)", "NotReady (Unknown)")}[v.status] if v.status in STATUS_GLYPH else v.status
        glyph = STATUS_GLYPH.get(v.status, '?')
        cordon = t(" · 已封锁", " · cordoned") if v.unschedulable else ""
        short = {"Unknown": t("未就绪", "NotReady")}.get(v.status, status)
        # fullest first; a narrow card shows a shorter one (the glyph always: never colour alone)
        versions = (f"{glyph} {status}{cordon}", f"{glyph} {short}{cordon}", f"{glyph} {short}", glyph)
        status = versions[0]
        font_b = self._scene.font_px(u * 0.95, bold=True)
        draw_text(painter, head, v.name, font_b, self.profile.color("text"))
        sw = min(w * 0.55, u * 0.8 * len(status) + u)
        status_font = self._scene.font_px(u * 0.8, bold=not healthy)
        draw_text(painter, QRectF(w - u * 0.5 - sw, head.y(), sw, head.height()),
                  first_fitting(versions, status_font, sw), status_font,
                  self.profile.color("ok" if healthy else "error"), ALIGN_R)
        bars = (("CPU", v.cpu_req_m, v.cpu_alloc_m, f"{v.cpu_req_m / 1000:.2g}/{v.cpu_alloc_m / 1000:.3g}"),
                (t("内存", "MEM"), v.mem_req_b, v.mem_alloc_b,
                 f"{v.mem_req_b / 2**30:.2g}/{v.mem_alloc_b / 2**30:.3g}Gi"))
        y = u * 1.6
        for label, used, total, text in bars:
            self._bar(painter, QRectF(u * 0.5, y, w - u, u * 0.95), label, used, total, text)
            y += u * 1.05
        foot = QRectF(u * 0.5, self._rect.height() - u * 1.25, w - u, u * 1.05)
        note = self.note
        if self.pulling:
            n = len(self.pulling)
            note = "\n".join((t("↓ 拉取 ", "↓ pulling ") + ", ".join(self.pulling),
                               t(f"↓ 拉取 {n} 个镜像", f"↓ pulling {n} image{'s' if n > 1 else ''}"), "↓"))
        if note:
            font = self._scene.font_px(u * 0.75)
            for i, line in enumerate(reversed(self.foot_lines(note, font, w - u))):
                draw_text(painter, foot.translated(0, -i * u * 1.05), line, font,
                          self.profile.color("text" if self.pulling else "error"))
        pods = t(f"{len(v.pods)} 个 Pod", f"{len(v.pods)} pods")
        if not note:
            draw_text(painter, foot, pods, self._scene.font_px(u * 0.75), self.profile.color("muted"), ALIGN_R)

    def foot_lines(self, note: str, font: Any, width: float) -> list[str]:
        """The footer note as drawn: ``note`` holds versions from the fullest to the shortest, one a
        line; the first that fits the footer's line is shown (the details dock has the rest), and
        only when none fits (a tiny card on a big grid) is the shortest cut with "…"."""
        versions = [v for v in note.split("\n") if v]
        fm = QFontMetricsF(font)
        for text in versions:
            if fm.horizontalAdvance(text) <= width:
                return [text]
        return versions[-1:]  # draw_text elides it

    def _bar(self, painter: QPainter, r: QRectF, label: str, used: int, total: int, text: str) -> None:
        lw = r.height() * 2.6
        font = self._scene.font_px(r.height() * 0.72)
        draw_text(painter, QRectF(r.x(), r.y(), lw, r.height()), label, font, self.profile.color("muted"))
        track = QRectF(r.x() + lw, r.y() + r.height() * 0.18, r.width() - lw, r.height() * 0.64)
        frac = min(1.0, used / total) if total > 0 else 0.0
        painter.setPen(pen(self.profile.color("node_border"), max(0.6, r.height() * 0.06)))
        painter.setBrush(brush(self.profile.color("panel_alt")))
        painter.drawRect(track)
        painter.setPen(NO_PEN)
        painter.setBrush(brush(self.profile.color("warning" if frac > 0.9 else "accent")))
        painter.drawRect(QRectF(track.x(), track.y(), track.width() * frac, track.height()))
        if track.width() > r.height() * 6:  # the numbers, not only the bar length
            draw_text(painter, track.adjusted(r.height() * 0.2, 0, -r.height() * 0.2, 0),
                      f"{text}  {round(frac * 100)}%", self._scene.font_px(r.height() * 0.6),
                      self.profile.color("text"), ALIGN_R)


class BoxItem(CardItem):
    """A titled panel (pending queue, registry, deployments, legend) with lines of text."""

    def __init__(self, scene: Any, rect: QRectF, item_id: str, border: str = "node_border") -> None:
        super().__init__(scene, rect, item_id)
        self.title = ""
        self.lines: tuple[str, ...] = ()
        self.border = border
        self.short = ""
        self.wrap = False
        self.setZValue(3)

    def set_text(self, title: str, lines: tuple[str, ...] = (), short: str = "") -> None:
        """``short``: the title drawn when the full one does not fit (presenter sizes, a narrow stage)."""
        if (title, lines, short) != (self.title, self.lines, self.short):
            self.title, self.lines, self.short = title, lines, short
            self.update()

    @staticmethod
    def rows_for(scene: Any, lines: tuple[str, ...] | list[str], width: float) -> int:
        """Rows that ``lines`` take wrapped in a box ``width`` wide (the box's layout, for sizing it)."""
        font = scene.font_px(15)
        return sum(max(1, len(wrap_text(line, font, BoxItem._wrap_width(font, width)))) for line in lines)

    @staticmethod
    def _wrap_width(font: Any, width: float) -> float:
        """Width to wrap at in a box ``width`` wide: the text room less the continuation indent."""
        return width - 24 - QFontMetricsF(font).horizontalAdvance(INDENT) - 1

    def _title_h(self) -> float:
        return line_height(self._scene, 18, 1.45)

    def row_h(self) -> float:
        return line_height(self._scene, 15, 1.45)

    def body_rect(self) -> QRectF:
        top = self._title_h() + 8
        return QRectF(10, top, self._rect.width() - 20, self._rect.height() - top - 8).translated(self.pos())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        self.frame(painter, "panel", self.border, width=2.0)
        th, rh = self._title_h(), self.row_h()
        title_font = self._scene.font_px(18, bold=True)
        title = self.title
        if self.short and QFontMetricsF(title_font).horizontalAdvance(title) > self._rect.width() - 24:
            title = self.short
        draw_text(painter, QRectF(12, 6, self._rect.width() - 24, th), title, title_font,
                  self.profile.color(self.border))
        y = th + 8
        font = self._scene.font_px(15)
        for line in self.shown_lines(font):
            if y + rh > self._rect.height():
                break
            draw_text(painter, QRectF(12, y, self._rect.width() - 24, rh), line, font, self.profile.color("text"))
            y += rh

    def rows_per_line(self) -> list[int]:
        """How many drawn rows each line takes (the scene puts click targets over them)."""
        if not self.wrap:
            return [1] * len(self.lines)
        font = self._scene.font_px(15)
        return [max(1, len(wrap_text(line, font, self._wrap_width(font, self._rect.width())))) for line in self.lines]

    def shown_lines(self, font: Any) -> list[str]:
        """The lines as drawn: each wrapped to the box (continuations indented), so a pull line is
        never cut; with ``wrap`` off (rows that match click targets) one row per line."""
        if not self.wrap:
            return list(self.lines)
        out: list[str] = []
        for line in self.lines:
            parts = wrap_text(line, font, self._wrap_width(font, self._rect.width()))
            out += parts[:1] + [INDENT + p for p in parts[1:]]
        return out


class LegendItem(CardItem):
    def __init__(self, scene: Any, rect: QRectF) -> None:
        super().__init__(scene, rect, "legend")
        self.setZValue(3)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        self.frame(painter, "panel", "border", width=1.0)
        t, rh = self._scene.t, LegendItem.row_h(self._scene)
        draw_text(painter, QRectF(10, 4, self._rect.width() - 20, rh), t("图例", "Legend"),
                  self._scene.font_px(15, bold=True), self.profile.color("text"))
        font = self._scene.font_px(14)
        for i, (state, zh, en) in enumerate(POD_LEGEND):
            y = 6 + rh * (i + 1)
            gh = min(rh * 0.62, 22)
            room = self._rect.width() - 30 - gh * 2.1
            if QFontMetricsF(font).horizontalAdvance(t(zh, en)) > room and state in SHORT_LEGEND:
                zh, en = SHORT_LEGEND[state]  # presenter sizes: the short name, never a cut one
            draw_pod_glyph(painter, QRectF(12, y + (rh - gh) / 2, gh * 2.1, gh), state, self.profile, canvas_role="panel")
            draw_text(painter, QRectF(20 + gh * 2.1, y, self._rect.width() - 30 - gh * 2.1, rh), t(zh, en), font,
                      self.profile.color("text"))
        # a rolling update: pods of the older ReplicaSet wear a dashed ring (and "r1" when large)
        y = 6 + rh * (len(POD_LEGEND) + 1)
        gh = min(rh * 0.5, 18)
        chip = QRectF(12 + gh * 0.25, y + (rh - gh) / 2, gh * 2.1, gh)
        draw_pod_glyph(painter, chip, "Ready", self.profile, canvas_role="panel")
        painter.setBrush(brush(self.profile.color("canvas", 0)))
        painter.setPen(pen(self.profile.color("text"), max(1.0, gh * 0.1), Qt.PenStyle.DashLine))
        painter.drawRect(chip.adjusted(-gh * 0.22, -gh * 0.22, gh * 0.22, gh * 0.22))
        label = t("旧版本(滚动更新中)", "old revision (rolling update)")
        if QFontMetricsF(font).horizontalAdvance(label) > self._rect.width() - 30 - gh * 2.6:
            label = t(*SHORT_LEGEND["old"])
        draw_text(painter, QRectF(20 + gh * 2.6, y, self._rect.width() - 30 - gh * 2.6, rh), label, font,
                  self.profile.color("text"))

    @staticmethod
    def row_h(scene: Any) -> float:
        return line_height(scene, 14, 1.55)

    @staticmethod
    def height_for(scene: Any) -> float:
        return LegendItem.row_h(scene) * (len(POD_LEGEND) + 2) + 12


class ServiceItem(CardItem):
    """A Service: name, type and ClusterIP, and how many ready endpoints it routes to."""

    def __init__(self, scene: Any, rect: QRectF, view: ServiceView) -> None:
        super().__init__(scene, rect, f"service:{view.name}")
        self.view = view
        self.setZValue(6)

    def set_view(self, view: ServiceView) -> None:
        if (view.ready, view.not_ready, view.cluster_ip, view.type) != (
                self.view.ready, self.view.not_ready, self.view.cluster_ip, self.view.type):
            self.view = view
            self.update()

    def anchor(self) -> QPointF:
        return self.pos() + QPointF(self._rect.width() / 2, self._rect.height())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        self.frame(painter, "panel", "accent", width=2.0)
        v, t = self.view, self._scene.t
        w, h = self._rect.width(), self._rect.height()
        # a hexagon-ish tag in front of the name: Services are drawn as a distinct shape
        painter.setBrush(brush(self.profile.color("accent")))
        painter.setPen(NO_PEN)
        s = h * 0.22
        cx, cy = h * 0.32, h * 0.32
        painter.drawPolygon([QPointF(cx - s, cy), QPointF(cx - s / 2, cy - s), QPointF(cx + s / 2, cy - s),
                             QPointF(cx + s, cy), QPointF(cx + s / 2, cy + s), QPointF(cx - s / 2, cy + s)])
        draw_text(painter, QRectF(h * 0.62, 2, w - h * 0.7, h * 0.5), f"svc/{v.name}",
                  self._scene.font_px(h * 0.3, bold=True), self.profile.color("text"))
        ready = t(f"→ {len(v.ready)} 就绪", f"→ {len(v.ready)} ready")
        if v.not_ready:
            ready += t(f" · {len(v.not_ready)} 未就绪", f" · {len(v.not_ready)} not ready")
        # fullest first: a narrow card drops the type, then the address (the details dock has both)
        versions = (f"{v.type} {v.cluster_ip} {ready}", f"{v.cluster_ip} {ready}", ready)
        font = self._scene.font_px(h * 0.24)
        draw_text(painter, QRectF(8, h * 0.52, w - 16, h * 0.42), first_fitting(versions, font, w - 16), font,
                  self.profile.color("text"))
