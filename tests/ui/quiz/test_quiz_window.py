"""The quiz window, driven by the keyboard alone (pytest-qt), with a fixture bank and a fake clock."""
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.quiz.bank import load_banks
from app.quiz.catalog import Catalog
from app.quiz.export import read_csv
from app.quiz.records import QuizRecords
from app.ui.quiz.window import QuizWindow

FIX = Path(__file__).resolve().parents[2] / "quiz" / "fixtures" / "good" / "quiz"

RIGHT_KEYS = {  # keys a learner presses to give the right answer, per question id
    "s-single": [Qt.Key.Key_2],
    "s-multiple": [Qt.Key.Key_1, Qt.Key.Key_3],
    "s-truefalse": [Qt.Key.Key_F],
    "s-hotspot": None,  # arrow keys until the scheduler is chosen
    "s-order": None,  # Ctrl+arrows
    "s-match": None,  # Tab + arrows
}


class Clock:
    def __init__(self):
        self.t = 1_750_000_000.0

    def __call__(self):
        return self.t


class MainStub:
    lang = "en"
    presenter = False

    def __init__(self):
        self.calls = []

    def show_lesson_step(self, lesson, step):
        self.calls.append(("lesson", lesson, step))

    def show_scenario(self, seed, lines, scene_id):
        self.calls.append(("scenario", seed, tuple(lines), scene_id))


@pytest.fixture
def window(qtbot, tmp_path):
    banks, _ = load_banks(FIX)
    clock = Clock()
    main = MainStub()
    win = QuizWindow(None, records_path=tmp_path / "rec.json", catalog=Catalog(banks), clock=clock, lang="en")
    win.main_window = main
    qtbot.addWidget(win)
    win.start.generated.setChecked(False)  # bank questions only: the fixture bank has six, one per type
    win.show()
    qtbot.waitExposed(win)
    win.fake_clock, win.main = clock, main
    return win


def key(qtbot, win, k, mod=Qt.KeyboardModifier.NoModifier):
    target = win.focusWidget() or win
    qtbot.keyClick(target, k, mod)


def answer_right(qtbot, win):
    page = win.question
    q = page.session.current
    w = page.answer_widget
    if q.type == "hotspot":
        for _ in range(len(w.view.ids)):
            if w.response() == q.answer:
                break
            key(qtbot, win, Qt.Key.Key_Right)
    elif q.type == "order":
        for _ in range(10):  # a keyboard bubble sort: Ctrl+Up moves the current item up
            rows = list(w.response())
            if rows == sorted(rows):
                break
            i = next(i for i in range(1, len(rows)) if rows[i] < rows[i - 1])
            while w.list.currentRow() != i:
                key(qtbot, win, Qt.Key.Key_Down if w.list.currentRow() < i else Qt.Key.Key_Up)
            key(qtbot, win, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    elif q.type == "match":
        for row, combo in enumerate(w.combos):
            assert win.focusWidget() is combo
            target = w.right_order.index(row) + 1
            while combo.currentIndex() < target:
                key(qtbot, win, Qt.Key.Key_Down)
            key(qtbot, win, Qt.Key.Key_Tab)
    else:
        for k in RIGHT_KEYS[q.id]:
            key(qtbot, win, k)
    assert page.answer_widget.response() is not None


def test_practice_quiz_end_to_end_with_keyboard_only(qtbot, window, tmp_path):
    win = window
    assert win.stack.currentWidget() is win.start
    for ch in "Ann Lee":
        qtbot.keyClick(win.start.name_edit, ch)
    key(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.question
    page = win.question
    wrong_once = False
    seen = 0
    while not page.session.finished:
        q = page.session.current
        win.fake_clock.t += 5
        if not wrong_once and q.type == "single":
            key(qtbot, win, Qt.Key.Key_1)  # wrong on purpose: it must come back later
            wrong_once = True
        else:
            answer_right(qtbot, win)
        key(qtbot, win, Qt.Key.Key_Return)  # submit
        assert page.feedback.isVisible(), (q.type, page.answer_widget.response(), win.focusWidget())
        assert page.body.toPlainText().strip()
        if q.id == "s-single" and page.last.will_repeat:
            assert not page.last.grade.correct
            assert "API server" in page.body.toPlainText()
            key(qtbot, win, Qt.Key.Key_S)  # Show me opens the lesson step
            assert win.main.calls[-1] == ("lesson", "sample", "intro")
        key(qtbot, win, Qt.Key.Key_Return)  # next (or results)
        seen += 1
        assert seen < 20
    assert seen == 7  # six questions plus the one that came back
    assert win.stack.currentWidget() is win.results
    assert "5 / 6" in win.results.total.text()
    rec = QuizRecords.open(tmp_path / "rec.json")
    assert rec.learner == "Ann Lee"
    assert len(rec.attempts) == 1 and len(rec.attempts[0].answers) == 6
    assert "s-single" in rec.cards  # the wrong one is now a review card
    assert win.results.topic_table.rowCount() == 2
    out = tmp_path / "out.csv"
    assert win.results.export_csv(str(out))
    rows = read_csv(out)
    assert len(rows) == 6 and rows[0]["student"] == "Ann Lee"
    assert {r["correct"] for r in rows} == {"yes", "no"}
    # Show me from the results: the wrong answer's lesson step
    win.results.wrong.setFocus()
    key(qtbot, win, Qt.Key.Key_S)
    assert win.main.calls[-1] == ("lesson", "sample", "intro")
    # language switches live on the results page
    win.set_language("zh")
    assert "结果" in win.results.heading.text()


def test_exam_runs_out_of_time_and_shows_results(qtbot, window):
    win = window
    win.start.name_edit.setText("Bo")
    win.start.mode_buttons["exam"].setChecked(True)
    win.start.minutes.setValue(1)
    win.start.request_start()
    page = win.question
    assert page.session.mode == "exam" and "1:00" in page.timer_label.text()
    key(qtbot, win, Qt.Key.Key_Return)  # an exam takes an empty answer without complaint
    assert not page.feedback.isVisible()
    win.fake_clock.t += 61
    page._tick()
    assert win.stack.currentWidget() is win.results
    assert "0 / 6" in win.results.total.text()


def test_review_mode_rates_cards(qtbot, window):
    win = window
    win.records.set_learner("Cy")
    from app.quiz.records import AnswerRecord, Attempt
    a = Attempt(id="old", mode="practice", started=win.fake_clock.t - 100)
    a.answers.append(AnswerRecord("s-truefalse", "scheduler", "Kubernetes Fundamentals", "truefalse", True, "true",
                                  False, 0.0, 1.0, win.fake_clock.t - 90))
    win.records.add_attempt(a)
    win.show_start()
    assert "1" in win.start.mode_buttons["review"].text()
    win.start.mode_buttons["review"].setChecked(True)
    win.start.request_start()
    key(qtbot, win, Qt.Key.Key_F)
    key(qtbot, win, Qt.Key.Key_Return)
    assert win.question.rate_buttons[4].isEnabled()
    key(qtbot, win, Qt.Key.Key_4)  # Easy
    card = QuizRecords.open(win.records.path).cards["s-truefalse"]
    assert card.state == "review" and card.interval == 4
    key(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.results


def test_presenter_mode_driven_by_clicker_keys(qtbot, window):
    win = window
    win.start.request_presenter()
    d = win.display
    assert win.stack.currentWidget() is d and d.questions
    assert d.countdown.text() == "20 s" and not d.revealed
    qtbot.keyClick(d, Qt.Key.Key_PageDown)
    assert d.revealed and d.answer.text().startswith("Answer")
    qtbot.keyClick(d, Qt.Key.Key_PageUp)
    assert not d.revealed
    win.fake_clock.t += 21
    d._tick()
    assert d.revealed  # the countdown reveals the answer by itself
    qtbot.keyClick(d, Qt.Key.Key_Space)
    assert d.index == 1 and not d.revealed
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.start


def test_generated_question_feedback_and_show_me_replays_the_scenario(qtbot, window):
    win = window
    win.start.name_edit.setText("Dee")
    win.start.generated.setChecked(True)
    win.start.topic.setCurrentIndex(win.start.topic.findData("scheduler"))
    win.start.length.setValue(2)
    win.start.request_start()
    page = win.question
    generated = [q for q in page.session.questions if q.scenario is not None]
    assert generated, "a scheduler topic quiz includes engine-made questions"
    while page.session.current.scenario is None:
        answer_right(qtbot, win)
        key(qtbot, win, Qt.Key.Key_Return)
        key(qtbot, win, Qt.Key.Key_Return)
    q = page.session.current
    key(qtbot, win, Qt.Key.Key_1 + q.answer)  # the engine's answer, by its number key
    key(qtbot, win, Qt.Key.Key_Return)
    assert page.last.grade.correct
    text = page.body.toPlainText()
    assert "engine" in text and ("Score" in text or "nodes are available" in text or "Selected node" in text)
    key(qtbot, win, Qt.Key.Key_S)
    assert win.main.calls[-1] == ("scenario", q.scenario.seed, q.scenario.lines, "cluster")
