"""The details dock content for the cluster scenes: breakdown, YAML + events, and the chart."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.theme import NORMAL, ColorProfile

from .breakdown import BreakdownTable
from .inspector import ObjectInspector
from .utilisation import UtilisationChart
from .decisions import scheduling_decision

__all__ = ["ClusterDetails", "scheduling_decision"]


class ClusterDetails(QWidget):
    """Connect: ``scene.object_selected -> show_object(controller.world, ...)``,
    ``controller.events_ready -> on_events(controller.world, events)``,
    ``controller.restored -> on_restored(controller.world)``."""

    def __init__(self, parent: QWidget | None = None, lang: str = "zh", profile: ColorProfile = NORMAL) -> None:
        super().__init__(parent)
        self.lang = lang
        self.tabs = QTabWidget()
        self.breakdown = BreakdownTable(lang=lang, profile=profile)
        self.inspector = ObjectInspector(lang=lang)
        self.chart = UtilisationChart(lang=lang, profile=profile)
        for w in (self.breakdown, self.inspector, self.chart):
            self.tabs.addTab(w, "")
        QVBoxLayout(self).addWidget(self.tabs)
        self._labels()

    def _labels(self) -> None:
        zh = self.lang == "zh"
        for i, (a, b) in enumerate((("调度细节", "Scheduling"), ("YAML 与事件", "YAML & events"),
                                    ("利用率", "Utilisation"))):
            self.tabs.setTabText(i, a if zh else b)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._labels()
        for w in (self.breakdown, self.inspector, self.chart):
            w.set_language(lang)

    def set_profile(self, profile: ColorProfile) -> None:
        self.breakdown.set_profile(profile)
        self.chart.set_profile(profile)

    def show_object(self, world: Any, kind: str, namespace: str, name: str) -> None:
        self.inspector.show_object(world, kind, namespace, name)
        if kind == "Pod":
            self.breakdown.show_decision(scheduling_decision(world, namespace, name))
            self.tabs.setCurrentWidget(self.breakdown)
        else:
            self.tabs.setCurrentWidget(self.inspector)

    def on_events(self, world: Any, events: list) -> None:
        self.chart.on_events(world, events)

    def on_restored(self, world: Any) -> None:
        self.chart.on_restored(world)
