"""Results: the score, per-topic and per-domain tables with a bar chart, the wrong answers to review,
the history of attempts, and CSV export for the teacher's gradebook."""
from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.quiz.export import export_csv
from app.quiz.grading import describe_answer
from app.quiz.model import Question, domain_label
from app.quiz.records import Attempt, QuizRecords
from app.quiz.results import Summary, Tally, history, summarize
from app.ui.quiz import strings as qs
from app.ui.theme import ColorProfile, ui_font


class ResultsPage(QWidget):
    new_quiz = Signal()
    review_requested = Signal()
    show_me_requested = Signal(object)  # Question

    def __init__(self, lang: str, profile: ColorProfile) -> None:
        super().__init__()
        self.lang = lang
        self.profile = profile
        self.records: QuizRecords | None = None
        self.attempt: Attempt | None = None
        self.find_question: Callable[[str], Question | None] = lambda qid: None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        self.heading = QLabel(objectName="heading")
        self.total = QLabel(objectName="prompt")
        outer.addWidget(self.heading)
        outer.addWidget(self.total)
        row = QHBoxLayout()
        tables = QVBoxLayout()
        self.topic_title, self.domain_title = QLabel(objectName="muted"), QLabel(objectName="muted")
        self.topic_table, self.domain_table = self._table(), self._table()
        for w in (self.topic_title, self.topic_table, self.domain_title, self.domain_table):
            tables.addWidget(w)
        row.addLayout(tables, 1)
        self.chart = pg.PlotWidget()
        self.chart.setMinimumWidth(320)
        self.chart.setMouseEnabled(False, False)
        self.chart.hideButtons()
        row.addWidget(self.chart, 1)
        outer.addLayout(row, 3)
        self.wrong_title = QLabel(objectName="muted")
        self.wrong = QListWidget()
        self.wrong.setWordWrap(True)
        self.wrong.itemDoubleClicked.connect(lambda _item: self.show_me_selected())
        self.history_title = QLabel(objectName="muted")
        self.history = self._table(5)
        for w, stretch in ((self.wrong_title, 0), (self.wrong, 2), (self.history_title, 0), (self.history, 1)):
            outer.addWidget(w, stretch)
        buttons = QHBoxLayout()
        self.export = QPushButton(objectName="primary")
        self.export.clicked.connect(lambda: self.export_csv())
        self.again = QPushButton()
        self.again.clicked.connect(self.new_quiz)
        self.review = QPushButton()
        self.review.clicked.connect(self.review_requested)
        for b in (self.export, self.again, self.review):
            buttons.addWidget(b)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.status = QLabel(objectName="muted")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

    def _table(self, cols: int = 3) -> QTableWidget:
        t = QTableWidget(0, cols)
        t.verticalHeader().hide()
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0 if cols == 3 else 2, QHeaderView.ResizeMode.Stretch)
        t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return t

    def show_attempt(self, attempt: Attempt, records: QuizRecords | None) -> None:
        self.attempt = attempt
        self.records = records
        self.status.setText("")
        self.retranslate()
        self.export.setFocus()

    # -- drawing -------------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.retranslate()

    def set_profile(self, profile: ColorProfile) -> None:
        self.profile = profile
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.lang
        g = lambda key: qs.get(key, lang)  # noqa: E731
        self.heading.setText(g("r.heading"))
        self.topic_title.setText(g("r.by_topic"))
        self.domain_title.setText(g("r.by_domain"))
        self.wrong_title.setText(g("r.wrong"))
        self.history_title.setText(g("r.history"))
        self.export.setText(g("r.export"))
        self.again.setText(g("r.again"))
        self.review.setText(g("r.review_now"))
        head = [g("r.col_area"), g("r.col_right"), g("r.col_pct")]
        self.topic_table.setHorizontalHeaderLabels(head)
        self.domain_table.setHorizontalHeaderLabels(head)
        self.history.setHorizontalHeaderLabels([g("r.col_when"), g("r.col_mode"), g("r.col_what"),
                                                g("r.col_n"), g("r.col_pct")])
        if self.attempt is None:
            return
        s = summarize(self.attempt)
        mins, secs = divmod(int(s.duration), 60)
        self.total.setText(qs.fmt("r.total", lang, score=round(s.total.score, 2), possible=s.total.possible,
                                  pct=round(s.total.percent), time=f"{mins}:{secs:02d}"))
        self._fill(self.topic_table, list(s.by_topic.items()))
        self._fill(self.domain_table, [(domain_label(d, lang), t) for d, t in s.by_domain.items()])
        self._chart(s)
        self._wrong(s)
        self._history()

    def _fill(self, table: QTableWidget, rows: list[tuple[str, Tally]]) -> None:
        table.setRowCount(len(rows))
        row_h = table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + row_h * min(len(rows), 5) + 4)
        for r, (name, t) in enumerate(rows):
            for c, text in enumerate((name, f"{t.correct}/{t.possible}", f"{round(t.percent)}%")):
                table.setItem(r, c, QTableWidgetItem(text))

    def _chart(self, s: Summary) -> None:
        p = self.profile
        self.chart.clear()
        self.chart.setBackground(p.color("canvas"))
        self.chart.setTitle(qs.get("r.chart", self.lang), color=p.text)
        names = list(s.by_topic)
        values = [t.percent for t in s.by_topic.values()]
        colors = [p.color("ok") if v >= 75 else p.color("warning") if v >= 50 else p.color("error") for v in values]
        bars = pg.BarGraphItem(x=list(range(len(names))), height=values, width=0.6, brushes=colors,
                               pen=pg.mkPen(p.color("border")))
        self.chart.addItem(bars)
        self.chart.setYRange(0, 100)
        for axis_name in ("bottom", "left"):
            axis = self.chart.getAxis(axis_name)
            axis.setPen(pg.mkPen(p.color("muted")))
            axis.setTextPen(pg.mkPen(p.color("text")))
            axis.setStyle(tickFont=ui_font(12))
        self.chart.getAxis("bottom").setTicks([list(enumerate(names))])

    def _wrong(self, s: Summary) -> None:
        self.wrong.clear()
        if not s.wrong:
            self.wrong.addItem(qs.get("r.no_wrong", self.lang))
            return
        for a in s.wrong:
            q = self.find_question(a.question_id)
            prompt = q.prompt.get(self.lang).split("\n")[0] if q else a.question_id
            right = describe_answer(q, self.lang) if q else "?"
            why = q.explain.get(self.lang) if q else ""
            item = QListWidgetItem(f"{prompt}\n  ✘ {a.answer_text}\n  ✔ {right}\n  {why}")
            item.setData(Qt.ItemDataRole.UserRole, a.question_id)
            self.wrong.addItem(item)
        self.wrong.setCurrentRow(0)

    def _history(self) -> None:
        rows = history(self.records.attempts) if self.records else []
        self.history.setRowCount(len(rows))
        for r, h in enumerate(rows):
            when = datetime.fromtimestamp(h.started, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
            for c, text in enumerate((when, qs.get(f"mode.{h.mode}", self.lang).split("：")[0].split(":")[0],
                                      h.description or qs.get("start.any", self.lang), str(h.questions),
                                      f"{h.percent:g}%")):
                self.history.setItem(r, c, QTableWidgetItem(text))

    # -- export -------------------------------------------------------------------------------------------
    def export_csv(self, path: str | None = None) -> bool:
        if self.records is None:
            return False
        if path is None:
            default = str(Path.home() / f"quiz-{self.records.learner or 'student'}.csv")
            path, _ = QFileDialog.getSaveFileName(self, qs.get("r.export", self.lang), default,
                                                  qs.get("r.csv_filter", self.lang))
            if not path:
                return False
        try:
            n = export_csv(self.records, Path(path))
        except OSError as exc:
            self.status.setText(qs.fmt("r.export_failed", self.lang, error=html.escape(str(exc))))
            return False
        self.status.setText(qs.fmt("r.exported", self.lang, n=n, path=path))
        return True

    def show_me_selected(self) -> None:
        """Show me for the wrong answer selected in the list (S, or a double click)."""
        item = self.wrong.currentItem()
        qid = item.data(Qt.ItemDataRole.UserRole) if item else None
        q = self.find_question(qid) if qid else None
        if q is not None:
            self.show_me_requested.emit(q)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_E:
            self.export_csv()
        elif key == Qt.Key.Key_N:
            self.new_quiz.emit()
        elif key == Qt.Key.Key_R:
            self.review_requested.emit()
        elif key == Qt.Key.Key_S:
            self.show_me_selected()
        else:
            super().keyPressEvent(event)
