"""The three pyqtgraph charts of the vm-vs-container scene, drawn from a :class:`LabResult`.

1. *Ready over time*: how many instances answer at each simulated second after "start N of each"
   (log count axis, so 82 VMs and 4,000 containers both read).
2. *Disk used*: disk for 1..5000 instances of each kind (log-log), a marker at the chosen N.
3. *How many fit*: the host's capacity for each kind, with a line at N.

VMs are drawn with solid lines, containers with dashed lines (the legend beside the N chips shows
both line styles with their names): the kinds never differ by colour alone. No scatter symbols: those
are pixmaps in pyqtgraph and would blur when the stage is zoomed. pyqtgraph is
imported only when the scene is first shown, so it costs nothing at start-up.

pyqtgraph items need pyqtgraph's own view and scene, so each chart lives in a hidden
``pg.PlotWidget`` and a :class:`ChartItem` in our scene paints that widget's scene into itself: the
chart is vector-drawn by our view (crisp at any zoom, exported to SVG as shapes).
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGraphicsObject, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from app.sim import vm_model
from app.ui.theme import ColorProfile

KIND_ROLES = {"vm": "control_plane", "container": "accent"}


def _kind_pen(pg: Any, profile: ColorProfile, kind: str, width: float = 4.0) -> Any:
    pen = pg.mkPen(QColor(getattr(profile, KIND_ROLES[kind])), width=width)
    if kind == "container":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class ChartItem(QGraphicsObject):
    """Shows a hidden pyqtgraph PlotWidget's scene inside our scene, at ``rect``'s size."""

    def __init__(self, widget: Any, width: float, height: float) -> None:
        super().__init__()
        self.widget = widget
        self._w, self._h = width, height
        widget.resize(int(width), int(height))
        widget.setSceneRect(QRectF(0, 0, width, height))
        widget.plotItem.setGeometry(QRectF(0, 0, width, height))
        widget.scene().changed.connect(self._pg_changed)

    @property
    def plot(self) -> Any:
        return self.widget.plotItem

    def _pg_changed(self, *_: Any) -> None:
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return QRectF(0, 0, self._w, self._h)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, self._w, self._h)
        self.widget.scene().render(painter, rect, rect)


def chart_titles(lang: str) -> list[str]:
    """The charts' titles; they carry the axes' units, so the axes need only their tick labels."""
    titles = [("已就绪的实例数（对数）随时间（秒）", "Instances ready (log) over time (s)"),
              ("磁盘 GiB 随 N（对数）", "Disk GiB vs N (log)"),
              ("最多装得下（对数）", "Most that fit (log)")]
    return [zh if lang == "zh" else en for zh, en in titles]


class DensityCharts:
    """Owns three PlotItems placed in a QGraphicsScene; ``show(result, upto)`` redraws them."""

    def __init__(self, scene: QGraphicsScene, rects: list[QRectF], profile: ColorProfile, lang: str,
                 tick_font: QFont, label_px: int) -> None:
        import pyqtgraph as pg

        self.pg = pg
        self.profile = profile
        self.lang = lang
        self.plots: list[Any] = []
        self.curves: dict[str, Any] = {}
        self.markers: dict[str, Any] = {}
        self.titles: list[str] = []
        titles = chart_titles(lang)
        self.items: list[ChartItem] = []
        for i, rect in enumerate(rects):
            pw = pg.PlotWidget(background=QColor(profile.canvas))
            item = ChartItem(pw, rect.width(), rect.height())
            item.setPos(rect.topLeft())
            plot = pw.plotItem
            plot.setMouseEnabled(False, False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            plot.vb.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            plot.getViewBox().setBackgroundColor(QColor(profile.panel))
            tick_px = tick_font.pixelSize()
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(pg.mkPen(QColor(profile.text), width=2))
                axis.setTextPen(pg.mkPen(QColor(profile.text)))
                axis.setTickFont(tick_font)
                # Let big (presenter) labels through: pyqtgraph drops a tick level that fills
                # more than 80% of the axis by default.
                axis.setStyle(tickTextOffset=6, textFillLimits=[(0, 0.95), (2, 0.7), (4, 0.5)], maxTextLevel=0)
                axis.logTickValues = _decade_ticks  # labels on powers of ten only (no "2 3 4 ... 9" pile)
            plot.getAxis("left").setWidth(int(tick_px * 2.6 + 10))
            plot.getAxis("bottom").setHeight(int(tick_px * 1.5 + 12))
            scene.addItem(item)
            self.items.append(item)
            self.plots.append(plot)
            self.titles.append(titles[i])
        self._setup_ready_plot()
        self._setup_disk_plot()
        self._setup_fit_plot()
        for plot in self.plots:  # apply axis sizes now: the hidden widget gets no layout events
            plot.layout.activate()

    # -- set-up ---------------------------------------------------------------------------------
    def _setup_ready_plot(self) -> None:
        pg, plot = self.pg, self.plots[0]
        plot.setLogMode(x=False, y=True)
        for kind in ("vm", "container"):
            self.curves[f"ready:{kind}"] = plot.plot([], [], pen=_kind_pen(pg, self.profile, kind, 5.0))

    def _setup_disk_plot(self) -> None:
        pg, plot = self.pg, self.plots[1]
        plot.setLogMode(x=True, y=True)
        ns = sorted({max(1, round(10 ** (k / 10))) for k in range(0, 38)} | {vm_model.MAX_INSTANCES})
        for kind, profile in (("vm", vm_model.VM), ("container", vm_model.CONTAINER)):
            cap = vm_model.capacity(profile).fit
            xs = [n for n in ns if n <= cap]
            ys = [vm_model.disk_used_mib(profile, n) / 1024 for n in xs]
            self.curves[f"disk:{kind}"] = plot.plot(xs, ys, pen=_kind_pen(pg, self.profile, kind, 5.0))
        # A plain two-point line marks N (pyqtgraph's InfiniteLine recurses in its bounding rect here).
        self.markers["disk:n"] = plot.plot([], [], pen=pg.mkPen(QColor(self.profile.muted), width=2,
                                                                style=Qt.PenStyle.DotLine))

    def _setup_fit_plot(self) -> None:
        pg, plot = self.pg, self.plots[2]
        plot.setLogMode(x=False, y=True)
        caps = [vm_model.capacity(vm_model.VM).fit, vm_model.capacity(vm_model.CONTAINER).fit]
        for i, (kind, cap) in enumerate(zip(("vm", "container"), caps)):
            bar = pg.BarGraphItem(x=[i], height=[math.log10(cap)], width=0.6, y0=[0],
                                  brush=QColor(getattr(self.profile, KIND_ROLES[kind])),
                                  pen=pg.mkPen(QColor(self.profile.text), width=2))
            plot.addItem(bar)
            self.curves[f"fit:{kind}"] = bar
        # The glyph in the tick label matches the series' symbol (square VM, circle container).
        plot.getAxis("bottom").setTicks([[(0, f"■ {caps[0]:,}"), (1, f"● {caps[1]:,}")]])
        plot.setXRange(-0.6, 1.6, padding=0)
        plot.setYRange(0, math.log10(vm_model.MAX_INSTANCES * 1.6), padding=0)
        self.markers["fit:n"] = plot.plot([], [], pen=pg.mkPen(QColor(self.profile.muted), width=2,
                                                               style=Qt.PenStyle.DotLine))

    # -- drawing ----------------------------------------------------------------------------------
    def show(self, result: vm_model.LabResult, upto: float | None = None) -> None:
        """Draw ``result``; ``upto`` (seconds) cuts the ready curves there (the playhead)."""
        end = max(result.vm.all_ready_at, result.container.all_ready_at, 1.0)
        t_max = end if upto is None else min(upto, end)
        for kind, kr in (("vm", result.vm), ("container", result.container)):
            xs, ys = _ready_points(kr, t_max)
            self.curves[f"ready:{kind}"].setData(xs, ys)
        self.plots[0].setXRange(0, end, padding=0.02)
        self.plots[0].setYRange(0, math.log10(max(result.n, 2) * 1.5), padding=0)
        n = max(result.n, 1)
        self.markers["disk:n"].setData([n, n], [vm_model.disk_used_mib(vm_model.CONTAINER, 1) / 1024 / 2,
                                                vm_model.disk_used_mib(vm_model.VM, vm_model.MAX_INSTANCES) / 1024])
        self.markers["fit:n"].setData([-0.6, 1.6], [n, n])

    def ready_points(self, kind: str) -> tuple[list[float], list[float]]:
        curve = self.curves[f"ready:{kind}"]
        xs, ys = curve.xData, curve.yData  # the data as given (getData returns log-transformed values)
        return ([] if xs is None else list(xs)), ([] if ys is None else list(ys))


def _decade_ticks(min_val: float, max_val: float, size: float, std_ticks: Any) -> list[tuple[Any, list[float]]]:
    """Log-axis ticks: every power of ten as a labelled major tick, 2..9 as unlabelled minor ticks."""
    lo, hi = math.floor(min_val), math.ceil(max_val)
    major = [float(v) for v in range(lo, hi + 1) if min_val - 1e-9 <= v <= max_val + 1e-9]
    minor = [v + math.log10(k) for v in range(lo, hi) for k in range(2, 10) if min_val < v + math.log10(k) < max_val]
    return [(1.0, major), (None, minor)]


def _ready_points(kr: vm_model.KindResult, t_max: float) -> tuple[list[float], list[int]]:
    """A step curve of ready counts up to ``t_max``, one point per readiness (thinned to ~80)."""
    times = [t for t in kr.ready_times if t <= t_max]
    if not times:
        return [], []
    stride = max(1, len(times) // 80)
    xs, ys = [], []
    for i in range(0, len(times), stride):
        xs.append(times[i])
        ys.append(i + 1)
    if xs[-1] != times[-1]:
        xs.append(times[-1])
        ys.append(len(times))
    return xs, ys
