"""All pods of the cluster scene in one item: numpy positions, one batched draw call per style.

Why one item and not one per pod: at 3,000 pods a Python ``paint`` / ``boundingRect`` per item and
per frame costs tens of milliseconds; here a frame is a few vectorised numpy operations and about
a dozen C++ draw calls (``QPainter.drawRects`` / ``drawLines`` on arrays shared with numpy through
pyqtgraph's ``PrimitiveArray``). Names are drawn only when a chip is big enough on screen to read.

State first: :meth:`set_pod` puts a pod at its final place at once; :meth:`fly` (called by the
scene's animation) only interpolates the drawn position from where it was towards that place.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.ui.theme import ui_font

from .a_stage_shape import READABLE_PX as READABLE_LABEL_PX
from .b_common import NO_PEN, POD_STYLES, brush, pen



def _primitive_array() -> Any:
    """pyqtgraph's numpy-backed QRectF / QLineF arrays (one C++ call draws them all), imported on
    first paint so that start-up does not pay for pyqtgraph; None falls back to Python lists."""
    try:
        from pyqtgraph.Qt.internals import PrimitiveArray
    except Exception:  # pragma: no cover - older pyqtgraph
        return None
    return PrimitiveArray

STATES = tuple(POD_STYLES)
STATE_CODE = {s: i for i, s in enumerate(STATES)}


class _Batch:
    """Rectangles or lines for one draw call; numpy view into a C array when available."""

    def __init__(self, klass: type) -> None:
        self.klass = klass
        self.arr: Any = False  # made on first draw

    def _array(self) -> Any:
        if self.arr is False:
            pa = _primitive_array()
            self.arr = pa(self.klass, 4) if pa is not None else None
        return self.arr

    def draw(self, painter: QPainter, data: np.ndarray) -> None:
        if len(data) == 0:
            return
        if self._array() is None:
            items = [self.klass(*map(float, row)) for row in data]
            (painter.drawRects if self.klass is QRectF else painter.drawLines)(items)
            return
        self.arr.resize(len(data))
        self.arr.ndarray()[:] = data
        if self.klass is QRectF:
            painter.drawRects(*self.arr.drawargs())
        else:
            painter.drawLines(*self.arr.drawargs())


class PodLayer(QGraphicsItem):
    def __init__(self, scene: Any, rect: QRectF) -> None:
        super().__init__()
        self._scene = scene
        self._rect = QRectF(rect)
        self.setZValue(20)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.keys: list[str] = []
        self.index: dict[str, int] = {}
        self.labels: list[str] = []
        cap = 64
        self.cur = np.zeros((cap, 4))      # drawn x, y, w, h
        self.dst = np.zeros((cap, 4))      # final x, y, w, h (the engine's state)
        self.src = np.zeros((cap, 4))      # where the current flight started
        self.flight = np.zeros(cap, dtype=np.int64)  # id of the flight moving it (0: none)
        self.state = np.zeros(cap, dtype=np.int16)
        #: during a rolling update: the pod belongs to an older ReplicaSet (drawn with a dashed ring)
        self.old = np.zeros(cap, dtype=bool)
        self.tags: list[str] = []  # "r1", "r2" ... while its Deployment runs pods of two revisions
        self.selected: str | None = None
        self._rects = [_Batch(QRectF) for _ in range(3)]
        self._lines = _Batch(QLineF)
        self._flights = 0

    # -- Qt --------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: Any = None) -> None:
        n = len(self.keys)
        if n == 0:
            return
        profile = self._scene.profile
        cur = self.cur[:n]
        fill_bg = brush(profile.color("node"))
        exposed = option.exposedRect
        scale = painter.worldTransform().m22()
        for code, name in enumerate(STATES):
            idx = np.nonzero(self.state[:n] == code)[0]
            if len(idx) == 0:
                continue
            role, shape = POD_STYLES[name]
            color = profile.color(role)
            r = cur[idx]
            hmin = float(r[:, 3].min())
            painter.setPen(pen(color, max(0.8, hmin * 0.12)))
            painter.setBrush(fill_bg if shape in ("hollow", "half", "strike") else brush(color))
            self._rects[0].draw(painter, r)
            if shape == "half":
                half = r.copy()
                half[:, 2] *= 0.5
                painter.setPen(NO_PEN)
                painter.setBrush(brush(color))
                self._rects[1].draw(painter, half)
            elif shape == "ring":
                inner = r.copy()
                inner[:, 0] += r[:, 2] * 0.3
                inner[:, 1] += r[:, 3] * 0.3
                inner[:, 2:] *= 0.4
                painter.setPen(NO_PEN)
                painter.setBrush(fill_bg)
                self._rects[1].draw(painter, inner)
            elif shape in ("cross", "strike"):
                x0, y0 = r[:, 0], r[:, 1]
                x1, y1 = x0 + r[:, 2], y0 + r[:, 3]
                if shape == "strike":
                    lines = np.stack([x0, y1, x1, y0], axis=1)
                    painter.setPen(pen(color, max(0.8, hmin * 0.12)))
                else:
                    dx, dy = r[:, 2] * 0.3, r[:, 3] * 0.25
                    lines = np.concatenate([np.stack([x0 + dx, y0 + dy, x1 - dx, y1 - dy], axis=1),
                                            np.stack([x0 + dx, y1 - dy, x1 - dx, y0 + dy], axis=1)])
                    painter.setPen(pen(profile.color("node"), max(0.8, hmin * 0.14)))
                self._lines.draw(painter, lines)
        self._paint_revisions(painter, cur)
        self._paint_labels(painter, cur, exposed, scale)
        if self.selected in self.index:
            x, y, w, h = self.cur[self.index[self.selected]]
            painter.setBrush(brush(profile.color("canvas", 0)))
            painter.setPen(pen(profile.color("highlight"), max(1.5, h * 0.18)))
            painter.drawRoundedRect(QRectF(x - h * 0.25, y - h * 0.25, w + h * 0.5, h * 1.5), h * 0.3, h * 0.3)

    def _paint_revisions(self, painter: QPainter, cur: np.ndarray) -> None:
        """Old-revision pods wear a dashed ring (a shape, not a colour, visible at any zoom); where the
        names are drawn, a pod of a Deployment in mid-rollout also shows its revision ("r1 6mgjc")."""
        n = len(cur)
        old = np.nonzero(self.old[:n])[0]
        profile = self._scene.profile
        if len(old):
            r = cur[old].copy()
            grow = r[:, 3] * 0.22
            r[:, 0] -= grow
            r[:, 1] -= grow
            r[:, 2] += 2 * grow
            r[:, 3] += 2 * grow
            painter.setBrush(brush(profile.color("canvas", 0)))
            painter.setPen(pen(profile.color("text"), max(0.8, float(cur[old, 3].min()) * 0.1), Qt.PenStyle.DashLine))
            self._rects[2].draw(painter, r)

    def _paint_labels(self, painter: QPainter, cur: np.ndarray, exposed: QRectF, scale: float) -> None:
        """Pod names, only where a chip is at least 14 px high on screen (close zoom)."""
        if len(cur) == 0 or float(cur[:, 3].max()) * scale < 14:
            return
        vis = np.nonzero((cur[:, 0] + cur[:, 2] >= exposed.left()) & (cur[:, 0] <= exposed.right())
                         & (cur[:, 1] + cur[:, 3] >= exposed.top()) & (cur[:, 1] <= exposed.bottom())
                         & (cur[:, 3] * scale >= 14))[0]
        if len(vis) > 400:
            return
        profile = self._scene.profile
        painter.setPen(pen(profile.color("text")))
        floor = READABLE_LABEL_PX / scale if scale > 0 else 0.0  # never under 11 px on screen
        for i in vis:
            x, y, w, h = cur[i]
            px = max(6.0, h * 0.5, floor)  # secondary labels: sized to the chip, but readable
            painter.setFont(ui_font(int(math.ceil(px))))
            tag = self.tags[i]
            painter.drawText(QRectF(x - w * 0.3, y + h + 1, w * 1.6, max(h * 0.7, px * 1.4)),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                             f"{tag} {self.labels[i]}" if tag else self.labels[i])

    # -- state -------------------------------------------------------------------------------------
    def _grow(self) -> None:
        cap = len(self.cur) * 2
        for name in ("cur", "dst", "src"):
            a = np.zeros((cap, 4))
            a[: len(getattr(self, name))] = getattr(self, name)
            setattr(self, name, a)
        for name, dt in (("flight", np.int64), ("state", np.int16), ("old", bool)):
            a = np.zeros(cap, dtype=dt)
            a[: len(getattr(self, name))] = getattr(self, name)
            setattr(self, name, a)

    def set_pod(self, key: str, label: str, state: str, rect: QRectF, tag: str = "",
                old: bool = False) -> tuple[float, float, float, float] | None:
        """Put a pod in its final state and place (with its revision tag and whether that revision is
        an old one); returns where it was drawn before (None if new)."""
        target = (rect.x(), rect.y(), rect.width(), rect.height())
        i = self.index.get(key)
        if i is None:
            i = len(self.keys)
            if i >= len(self.cur):
                self._grow()
            self.keys.append(key)
            self.labels.append(label)
            self.tags.append(tag)
            self.index[key] = i
            self.cur[i] = self.src[i] = self.dst[i] = target
            before = None
        else:
            before = tuple(self.cur[i])
            self.dst[i] = target
            self.cur[i] = target
            self.flight[i] = 0
        self.state[i] = STATE_CODE.get(state, STATE_CODE["Failed"])
        self.old[i] = old
        self.tags[i] = tag
        self.update()
        return before  # type: ignore[return-value]

    def remove(self, key: str) -> None:
        i = self.index.pop(key, None)
        if i is None:
            return
        last = len(self.keys) - 1
        if i != last:  # move the last pod into the hole
            k = self.keys[last]
            self.keys[i], self.labels[i], self.tags[i] = k, self.labels[last], self.tags[last]
            self.index[k] = i
            for a in (self.cur, self.dst, self.src, self.flight, self.state, self.old):
                a[i] = a[last]
        self.keys.pop()
        self.labels.pop()
        self.tags.pop()
        if self.selected == key:
            self.selected = None
        self.update()

    def clear(self) -> None:
        self.keys.clear()
        self.labels.clear()
        self.tags.clear()
        self.index.clear()
        self.update()

    # -- animation -------------------------------------------------------------------------------
    def start_flight(self, moves: Iterable[tuple[str, tuple[float, float, float, float]]]) -> int:
        """Draw the given pods back at their old places; :meth:`fly` takes them home. Returns an id."""
        self._flights += 1
        fid = self._flights
        for key, before in moves:
            i = self.index.get(key)
            if i is None:
                continue
            self.src[i] = before
            self.cur[i] = before
            self.flight[i] = fid
        self.update()
        return fid

    def fly(self, fid: int, u: float) -> None:
        """Progress 0..1 of flight ``fid`` (smoothstep eased)."""
        n = len(self.keys)
        idx = np.nonzero(self.flight[:n] == fid)[0]
        if len(idx) == 0:
            return
        u = min(1.0, max(0.0, float(u)))
        e = u * u * (3.0 - 2.0 * u)
        self.cur[idx] = self.src[idx] + (self.dst[idx] - self.src[idx]) * e
        if u >= 1.0:
            self.flight[idx] = 0
        self.update()

    def flying(self) -> int:
        return int(np.count_nonzero(self.flight[: len(self.keys)]))

    # -- queries ---------------------------------------------------------------------------------
    def rect_of(self, key: str, final: bool = True) -> QRectF | None:
        i = self.index.get(key)
        if i is None:
            return None
        x, y, w, h = (self.dst if final else self.cur)[i]
        return QRectF(float(x), float(y), float(w), float(h))

    def revision_of(self, key: str) -> tuple[str, bool] | None:
        """(tag, old) as drawn: the revision tag ("" outside a rollout) and the dashed-ring flag."""
        i = self.index.get(key)
        return None if i is None else (self.tags[i], bool(self.old[i]))

    def state_of(self, key: str) -> str | None:
        i = self.index.get(key)
        return None if i is None else STATES[int(self.state[i])]

    def pod_at(self, pos: QPointF, slop: float = 2.0) -> str | None:
        n = len(self.keys)
        if n == 0:
            return None
        c = self.cur[:n]
        hit = np.nonzero((c[:, 0] - slop <= pos.x()) & (pos.x() <= c[:, 0] + c[:, 2] + slop)
                         & (c[:, 1] - slop <= pos.y()) & (pos.y() <= c[:, 1] + c[:, 3] + slop))[0]
        return self.keys[int(hit[-1])] if len(hit) else None
