"""The scheduler's breakdown for one pod as a readable table (kube-scheduler-simulator style).

Input is the engine's decision (``Decision`` or its ``as_dict()``): per node the filter verdicts
(first failing plugin and its reasons), per feasible node each score plugin's raw, normalised and
weighted score, the total, and the winner (with the tie note when the seeded generator picked).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.ui.theme import NORMAL, ColorProfile, ui_font


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


class BreakdownTable(QWidget):
    """Rows: nodes (winner first, then by total); columns: filter result, each score plugin, total."""

    def __init__(self, parent: QWidget | None = None, lang: str = "zh", profile: ColorProfile = NORMAL) -> None:
        super().__init__(parent)
        self.lang, self.profile = lang, profile
        self.decision: dict | None = None
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.footer = QLabel()
        self.footer.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.footer)
        self.show_decision(None)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.show_decision(self.decision)

    def set_profile(self, profile: ColorProfile) -> None:
        self.profile = profile
        self.show_decision(self.decision)

    def show_decision(self, decision: Any) -> None:
        """Show a ``Decision`` (or its dict); None shows a hint instead."""
        if decision is not None and hasattr(decision, "as_dict"):
            decision = decision.as_dict()
        self.decision = decision
        t = lambda zh, en: _t(self.lang, zh, en)  # noqa: E731
        self.table.clear()
        if not decision:
            self.header.setText(t("选中一个 Pod,这里显示调度器为它做的决定。",
                                  "Select a pod to see how the scheduler chose its node."))
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.footer.setText("")
            return
        nodes = list(decision.get("nodes") or [])
        plugins: list[tuple[str, int]] = []
        for n in nodes:
            for name, s in (n.get("scores") or {}).items():
                if (name, s["weight"]) not in plugins:
                    plugins.append((name, s["weight"]))
        winner = decision.get("winner")
        nodes.sort(key=lambda n: (n["node"] != winner, -(n.get("total") or -1), n["node"]))
        cols = [t("节点", "Node"), t("过滤", "Filter")] + [f"{p} ×{w}" for p, w in plugins] + [t("总分", "Total")]
        self.table.setColumnCount(len(cols))
        self.table.setHorizontalHeaderLabels(cols)
        self.table.setRowCount(len(nodes))
        bold = ui_font(13, bold=True)
        for r, n in enumerate(nodes):
            is_winner = n["node"] == winner
            self._cell(r, 0, ("★ " if is_winner else "") + n["node"], bold if is_winner else None)
            if n.get("feasible"):
                self._cell(r, 1, "✓ " + t("通过", "passed"))
            else:
                failed = [(p, v) for p, v in (n.get("filters") or {}).items() if v not in ("passed", "not run")]
                text = "✕ " + ("; ".join(f"{p}: {v}" for p, v in failed) or t("未通过", "failed"))
                self._cell(r, 1, text, color=self.profile.error)
            for c, (p, _) in enumerate(plugins, start=2):
                s = (n.get("scores") or {}).get(p)
                if s is None:
                    self._cell(r, c, "")
                elif s.get("skipped"):
                    self._cell(r, c, t("跳过 → 0", "skipped → 0"))
                else:
                    self._cell(r, c, f"{s['raw']} → {s['normalized']} → {s['weighted']}")
            total = n.get("total")
            self._cell(r, len(cols) - 1, "" if total is None else str(total), bold if is_winner else None)
        self.table.resizeColumnsToContents()
        evaluated = len(nodes)
        feasible = sum(1 for n in nodes if n.get("feasible"))
        self.header.setText(t(
            f"Pod {decision['namespace']}/{decision['pod']} · 第 {decision.get('attempt', 1)} 次尝试 · "
            f"检查了 {evaluated}/{decision.get('total_nodes', evaluated)} 个节点,{feasible} 个可行 · 策略 {decision.get('strategy', '')}",
            f"Pod {decision['namespace']}/{decision['pod']} · attempt {decision.get('attempt', 1)} · "
            f"{evaluated}/{decision.get('total_nodes', evaluated)} nodes checked, {feasible} feasible · strategy {decision.get('strategy', '')}"))
        lines = [t("每格:原始分 → 归一化(0-100)→ 乘权重", "Each cell: raw → normalised (0-100) → weighted")]
        if feasible == 1 and winner:
            lines.append(t("只有一个可行节点:不打分直接选中。", "Only one feasible node: chosen without scoring."))
        tied = decision.get("tied") or []
        if len(tied) > 1:
            lines.append(t(f"平分:在 {{{', '.join(tied)}}} 中随机选(种子固定)",
                           f"Tie: picked at random among {{{', '.join(tied)}}} (seeded generator)"))
        if winner:
            lines.append(t(f"选中节点:{winner}", f"Selected node: {winner}"))
        elif decision.get("message"):
            lines.append(t("没有节点可用:", "No node fits: ") + str(decision["message"]))
        if decision.get("note"):
            lines.append(str(decision["note"]))
        self.footer.setText("\n".join(lines))

    def _cell(self, r: int, c: int, text: str, font: QFont | None = None, color: str | None = None) -> None:
        item = QTableWidgetItem(text)
        if font is not None:
            item.setFont(font)
        if color is not None:
            item.setForeground(QBrush(QColor(color)))
        self.table.setItem(r, c, item)

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item is not None else ""
