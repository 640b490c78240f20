"""Any object's YAML (as ``kubectl get -o yaml`` prints it) and its events (as ``kubectl describe``)."""
from __future__ import annotations

from typing import Any

import yaml
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.ui.theme import ui_font

RESOURCE = {"Pod": "pods", "Node": "nodes", "Service": "services", "Deployment": "deployments",
            "ReplicaSet": "replicasets", "DaemonSet": "daemonsets"}


def object_yaml(obj: dict) -> str:
    return yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, default_flow_style=False)


class ObjectInspector(QWidget):
    def __init__(self, parent: QWidget | None = None, lang: str = "zh") -> None:
        super().__init__(parent)
        self.lang = lang
        self.title = QLabel()
        self.yaml = QPlainTextEdit()
        self.yaml.setReadOnly(True)
        self.yaml.setFont(ui_font(13, mono=True))
        self.events = QTableWidget(0, 5)
        self.events.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.events.verticalHeader().setVisible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.yaml, 3)
        lay.addWidget(self.events, 2)
        self._target: tuple[str, str, str] | None = None
        self._world: Any = None
        self._headers()

    def _t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def _headers(self) -> None:
        self.events.setHorizontalHeaderLabels([self._t("类型", "Type"), self._t("原因", "Reason"),
                                               self._t("次数", "Count"), self._t("来源", "From"),
                                               self._t("消息", "Message")])

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._headers()
        if self._target and self._world is not None:
            self.show_object(self._world, *self._target)

    def show_object(self, world: Any, kind: str, namespace: str, name: str) -> bool:
        """Show one object read from the engine's store; False (and a message) if it is gone."""
        from app.ui.scenes.b_model import api_of
        self._world, self._target = world, (kind, namespace, name)
        api = api_of(world)
        obj = api.store.get(RESOURCE.get(kind, kind.lower() + "s"), namespace, name) if api else None
        label = f"{kind} {namespace + '/' if namespace else ''}{name}"
        if obj is None:
            self.title.setText(self._t(f"{label}:已不存在", f"{label}: no longer exists"))
            self.yaml.setPlainText("")
            self.events.setRowCount(0)
            return False
        self.title.setText(label)
        self.yaml.setPlainText(object_yaml(obj))
        records = api.recorder.for_object(kind, namespace, name) if hasattr(api, "recorder") else []
        self.events.setRowCount(len(records))
        for r, rec in enumerate(records):
            for c, val in enumerate((rec.type, rec.reason, str(rec.count), rec.source, rec.message)):
                self.events.setItem(r, c, QTableWidgetItem(val))
        self.events.resizeColumnsToContents()
        return True
