"""Node utilisation and pod counts over simulated time (pyqtgraph), sampled from engine state.

The chart samples the cluster (requested CPU and memory over allocatable, pods by state) each
time the engine reports events; after a step back it drops the samples from the undone future.
Lines differ by dash pattern as well as colour (projector rule).
"""
from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.theme import NORMAL, ColorProfile

#: at most this many samples are kept (older ones are thinned out by half)
MAX_SAMPLES = 4000


def _pen(color: str, style: Qt.PenStyle, width: float = 2.0) -> QPen:
    p = QPen(QColor(color))
    p.setWidthF(width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p


class UtilisationChart(QWidget):
    SERIES = (("cpu_mean", "accent", Qt.PenStyle.SolidLine, ("CPU 平均 %", "CPU mean %")),
              ("cpu_max", "accent", Qt.PenStyle.DashLine, ("CPU 最高节点 %", "CPU busiest node %")),
              ("mem_mean", "registry", Qt.PenStyle.SolidLine, ("内存平均 %", "memory mean %")),
              ("ready", "ok", Qt.PenStyle.SolidLine, ("就绪 Pod", "ready pods")),
              ("pending", "warning", Qt.PenStyle.DashLine, ("等待调度 Pod", "pending pods")))

    def __init__(self, parent: QWidget | None = None, lang: str = "zh", profile: ColorProfile = NORMAL) -> None:
        super().__init__(parent)
        self.lang, self.profile = lang, profile
        self.samples: list[tuple[float, dict[str, float]]] = []
        self.layout_ = QVBoxLayout(self)
        self._build()

    def _t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def _build(self) -> None:
        while self.layout_.count():
            w = self.layout_.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        p = self.profile
        self.util_plot = pg.PlotWidget(background=p.panel)
        self.pods_plot = pg.PlotWidget(background=p.panel)
        self.curves: dict[str, Any] = {}
        for plot, title, left in ((self.util_plot, self._t("节点利用率(请求/可分配)", "Node utilisation (requests / allocatable)"), "%"),
                                  (self.pods_plot, self._t("Pod 数量", "Pods"), "")):
            plot.setTitle(title, color=p.text)
            plot.setLabel("bottom", self._t("模拟时间 (秒)", "simulated time (s)"), color=p.text)
            if left:
                plot.setLabel("left", left, color=p.text)
            plot.addLegend(labelTextColor=p.text)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setPen(_pen(p.muted, Qt.PenStyle.SolidLine, 1))
                plot.getAxis(axis).setTextPen(_pen(p.text, Qt.PenStyle.SolidLine, 1))
            self.layout_.addWidget(plot)
        self.util_plot.setYRange(0, 100)
        for key, role, style, names in self.SERIES:
            plot = self.pods_plot if key in ("ready", "pending") else self.util_plot
            self.curves[key] = plot.plot([], [], pen=_pen(getattr(p, role), style), name=self._t(*names))
        self._redraw()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._build()

    def set_profile(self, profile: ColorProfile) -> None:
        self.profile = profile
        self._build()

    # -- data ------------------------------------------------------------------------------------
    def sample(self, world: Any) -> dict[str, float]:
        """Read the cluster now and append one sample (replacing one at the same instant)."""
        from app.ui.scenes.b_model import cluster_view
        cv = cluster_view(world)
        cpu = [n.cpu_req_m / n.cpu_alloc_m * 100 for n in cv.nodes.values() if n.cpu_alloc_m]
        mem = [n.mem_req_b / n.mem_alloc_b * 100 for n in cv.nodes.values() if n.mem_alloc_b]
        values = {"cpu_mean": sum(cpu) / len(cpu) if cpu else 0.0, "cpu_max": max(cpu, default=0.0),
                  "mem_mean": sum(mem) / len(mem) if mem else 0.0,
                  "ready": float(sum(1 for p in cv.pods.values() if p.state == "Ready")),
                  "pending": float(len(cv.pending))}
        now = float(world.sim.now)
        if self.samples and self.samples[-1][0] == now:
            self.samples[-1] = (now, values)
        else:
            self.samples.append((now, values))
        if len(self.samples) > MAX_SAMPLES:
            self.samples = self.samples[::2]
        self._redraw()
        return values

    def on_events(self, world: Any, events: list) -> None:
        if any(getattr(e, "domain", "") == "k8s" or e.kind == "WorldReset" for e in events):
            if any(e.kind == "WorldReset" for e in events):
                self.samples.clear()
            self.sample(world)

    def on_restored(self, world: Any) -> None:
        """After a step back: forget samples from the undone future, then sample the present."""
        now = float(world.sim.now)
        self.samples = [s for s in self.samples if s[0] <= now]
        self.sample(world)

    def series(self, key: str) -> tuple[list[float], list[float]]:
        return [s[0] for s in self.samples], [s[1][key] for s in self.samples]

    def _redraw(self) -> None:
        for key, curve in self.curves.items():
            xs, ys = self.series(key)
            curve.setData(xs, ys, stepMode=None)
