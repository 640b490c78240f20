"""Answer widgets, one per question type; every one works with the keyboard alone.

Each widget shows a question's options (shuffled with a seed for order and match questions, so a
learner cannot pass by position) and returns the response in the shape grading expects:
single -> index, multiple -> set of indexes, truefalse -> bool, order -> original indexes in the
learner's order, match -> for each left item the original index of the chosen right item,
hotspot -> a highlight id. Keys a widget does not use (Enter) travel up to the question page.
"""
from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QGridLayout, QLabel,
                               QListWidget, QListWidgetItem, QRadioButton, QVBoxLayout, QWidget)

from app.quiz.grading import LETTERS
from app.quiz.model import Question
from app.ui.quiz import strings as qs
from app.ui.quiz.prompt import md, plain
from app.ui.theme import ColorProfile


class AnswerWidget(QWidget):
    changed = Signal()

    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__()
        self.question = question
        self.lang = lang
        self.profile = profile
        self.seed = seed
        self.locked = False
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(objectName="hint")
        self.hint.setWordWrap(True)
        self.layout_.addWidget(self.hint)

    def response(self) -> Any | None:
        raise NotImplementedError

    def set_response(self, response: Any) -> None:
        raise NotImplementedError

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.hint.setText(qs.get(f"hint.{self.question.type}", lang))
        self.retranslate()

    def retranslate(self) -> None:
        pass

    def lock(self) -> None:
        self.locked = True
        for child in self.findChildren(QWidget):
            if child is not self.hint:
                child.setEnabled(False)

    def focus_first(self) -> None:
        self.focusNextChild()


class _ChoiceLabel(QLabel):
    """The wrapping text of a choice; clicking it clicks its button (long messages must wrap)."""

    def __init__(self, button: QRadioButton | QCheckBox) -> None:
        super().__init__()
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setBuddy(button)

    def mousePressEvent(self, event: Any) -> None:
        if self.button.isEnabled():
            self.button.click()
            self.button.setFocus()


class _ChoiceWidget(AnswerWidget):
    """Single and multiple choice: radio buttons or check boxes, number keys pick."""

    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__(question, lang, profile, seed)
        multi = question.type == "multiple"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multi)
        self.buttons: list[QRadioButton | QCheckBox] = []
        self.labels: list[_ChoiceLabel] = []
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for i in range(len(question.choices)):
            b: QRadioButton | QCheckBox = QCheckBox() if multi else QRadioButton()
            self.group.addButton(b, i)
            b.toggled.connect(self.changed)
            label = _ChoiceLabel(b)
            grid.addWidget(b, i, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, i, 1)
            self.buttons.append(b)
            self.labels.append(label)
        self.layout_.addLayout(grid)
        self.layout_.addStretch(1)
        self.set_language(lang)

    def retranslate(self) -> None:
        for i, (b, label) in enumerate(zip(self.buttons, self.labels)):
            b.setText(f"{i + 1}  {LETTERS[i]}.")
            label.setText(md(self.question.choices[i].get(self.lang)))

    def focus_first(self) -> None:
        (self.group.checkedButton() or self.buttons[0]).setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        n = event.key() - Qt.Key.Key_1
        if not self.locked and 0 <= n < len(self.buttons) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            b = self.buttons[n]
            b.setChecked(not b.isChecked() if self.question.type == "multiple" else True)
            b.setFocus()
            return
        super().keyPressEvent(event)

    def response(self) -> Any | None:
        picked = [i for i, b in enumerate(self.buttons) if b.isChecked()]
        if self.question.type == "multiple":
            return frozenset(picked) if picked else None
        return picked[0] if picked else None

    def set_response(self, response: Any) -> None:
        picked = set(response) if self.question.type == "multiple" else {response}
        for i, b in enumerate(self.buttons):
            b.setChecked(i in picked)


class TrueFalseWidget(AnswerWidget):
    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__(question, lang, profile, seed)
        self.group = QButtonGroup(self)
        self.true_b, self.false_b = QRadioButton(), QRadioButton()
        for b in (self.true_b, self.false_b):
            self.group.addButton(b)
            b.toggled.connect(self.changed)
            self.layout_.addWidget(b)
        self.layout_.addStretch(1)
        self.set_language(lang)

    def retranslate(self) -> None:
        self.true_b.setText("T  " + qs.get("tf.true", self.lang))
        self.false_b.setText("F  " + qs.get("tf.false", self.lang))

    def focus_first(self) -> None:
        self.true_b.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self.locked and key in (Qt.Key.Key_T, Qt.Key.Key_1, Qt.Key.Key_F, Qt.Key.Key_2):
            b = self.true_b if key in (Qt.Key.Key_T, Qt.Key.Key_1) else self.false_b
            b.setChecked(True)
            b.setFocus()
            return
        super().keyPressEvent(event)

    def response(self) -> Any | None:
        if self.true_b.isChecked():
            return True
        if self.false_b.isChecked():
            return False
        return None

    def set_response(self, response: Any) -> None:
        (self.true_b if response else self.false_b).setChecked(True)


class _OrderList(QListWidget):
    moved = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self.currentRow()
            target = row - 1 if event.key() == Qt.Key.Key_Up else row + 1
            if 0 <= row < self.count() and 0 <= target < self.count():
                item = self.takeItem(row)
                self.insertItem(target, item)
                self.setCurrentRow(target)
                self.moved.emit()
            return
        super().keyPressEvent(event)


class OrderWidget(AnswerWidget):
    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__(question, lang, profile, seed)
        self.list = _OrderList()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        order = list(range(len(question.items)))
        rng = random.Random(f"{question.id}:{seed}")
        while order == sorted(order) and len(order) > 1:
            rng.shuffle(order)
        for i in order:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.moved.connect(self.changed)
        self.list.model().rowsMoved.connect(self.changed)
        self.touched = False
        self.changed.connect(self._touch)
        self.layout_.addWidget(self.list)
        self.set_language(lang)

    def _touch(self) -> None:
        self.touched = True

    def retranslate(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(plain(self.question.items[item.data(Qt.ItemDataRole.UserRole)].get(self.lang)))

    def focus_first(self) -> None:
        self.list.setFocus()

    def response(self) -> Any | None:
        # An untouched list is still an answer: the learner may believe the shown order is right.
        return tuple(self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count()))

    def set_response(self, response: Any) -> None:
        items = {self.list.item(r).data(Qt.ItemDataRole.UserRole): self.list.item(r) for r in range(self.list.count())}
        for _ in range(self.list.count()):
            self.list.takeItem(0)
        for i in response:
            self.list.addItem(items[i])


class MatchWidget(AnswerWidget):
    def __init__(self, question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> None:
        super().__init__(question, lang, profile, seed)
        grid = QGridLayout()
        self.layout_.addLayout(grid)
        self.right_order = list(range(len(question.pairs)))
        random.Random(f"{question.id}:{seed}").shuffle(self.right_order)
        self.labels: list[QLabel] = []
        self.combos: list[QComboBox] = []
        for i in range(len(question.pairs)):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)
            combo = QComboBox()
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            self.labels.append(label)
            self.combos.append(combo)
        self.layout_.addStretch(1)
        self.set_language(lang)

    def retranslate(self) -> None:
        for i, (label, combo) in enumerate(zip(self.labels, self.combos)):
            label.setText(f"{i + 1}. {plain(self.question.pairs[i].left.get(self.lang))}  →")
            current = combo.currentIndex()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("—")
            for j in self.right_order:
                combo.addItem(plain(self.question.pairs[j].right.get(self.lang)))
            combo.setCurrentIndex(max(0, current))
            combo.blockSignals(False)

    def focus_first(self) -> None:
        self.combos[0].setFocus()

    def response(self) -> Any | None:
        picks = [c.currentIndex() for c in self.combos]
        if any(p <= 0 for p in picks):
            return None
        return tuple(self.right_order[p - 1] for p in picks)

    def set_response(self, response: Any) -> None:
        for combo, j in zip(self.combos, response):
            combo.setCurrentIndex(self.right_order.index(j) + 1)


def make_answer_widget(question: Question, lang: str, profile: ColorProfile, seed: int = 0) -> AnswerWidget:
    if question.type in ("single", "multiple"):
        return _ChoiceWidget(question, lang, profile, seed)
    if question.type == "truefalse":
        return TrueFalseWidget(question, lang, profile, seed)
    if question.type == "order":
        return OrderWidget(question, lang, profile, seed)
    if question.type == "match":
        return MatchWidget(question, lang, profile, seed)
    from app.ui.quiz.hotspot import HotspotWidget
    return HotspotWidget(question, lang, profile, seed)
