"""Grading every question type, partial credit, malformed responses, and sessions with a fake clock."""
from pathlib import Path

import pytest

from app.quiz.bank import load_banks
from app.quiz.grading import describe, describe_answer, grade
from app.quiz.model import Question, Text
from app.quiz.results import history, summarize
from app.quiz.session import QuizSession

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def qs():
    banks, _ = load_banks(FIX / "good" / "quiz")
    return {q.type: q for q in banks[0].questions}


class Clock:
    def __init__(self, t=1_000_000.0):
        self.t = t

    def __call__(self):
        return self.t


def test_each_type_right_and_wrong(qs):
    cases = {
        "single": (1, 0), "multiple": ([2, 0], [0]), "truefalse": (False, True),
        "order": ([0, 1, 2], [1, 0, 2]), "match": ((0, 1, 2), (1, 0, 2)), "hotspot": ("scheduler", "etcd"),
    }
    for qtype, (right, wrong) in cases.items():
        assert grade(qs[qtype], right).correct, qtype
        g = grade(qs[qtype], wrong)
        assert not g.correct and g.score < 1.0, qtype


def test_partial_credit_and_malformed(qs):
    assert grade(qs["multiple"], [0]).score == 0.5
    assert grade(qs["multiple"], [0, 1, 2]).score == 0.5  # one wrong pick cancels one right
    assert grade(qs["order"], [0, 2, 1]).score == pytest.approx(1 / 3, abs=0.001)
    assert grade(qs["match"], (0, 2, 1)).score == pytest.approx(1 / 3, abs=0.001)
    for bad in (None, "x", [1, "y"], object()):
        assert grade(qs["single"], bad).correct is False
    assert grade(qs["order"], [0, 1]).score == 0.0


def test_engine_accepted_alternatives_count_as_right():
    q = Question(id="gen-x", type="single", topic="t", difficulty="easy", domain="Kubernetes Fundamentals",
                 prompt=Text.same("p"), explain=Text.same("e"), answer=0, accepted=(2,),
                 choices=(Text.same("a"), Text.same("b"), Text.same("c")))
    assert grade(q, 0).correct and grade(q, 2).correct and not grade(q, 1).correct
    assert describe_answer(q, "en") == "A: a | C: c"


def test_describe_in_both_languages(qs):
    assert describe(qs["single"], 1, "zh") == "B: API 服务器"
    assert describe(qs["single"], 1, "en") == "B: the API server"
    assert describe(qs["truefalse"], False, "zh") == "错"
    assert describe(qs["order"], (2, 0, 1), "en").startswith("the kubelet starts")
    assert describe(qs["single"], None, "en") == "—"


def test_practice_requeues_wrong_answers_and_times_with_injected_clock(qs):
    clock = Clock()
    order = [qs["single"], qs["truefalse"], qs["hotspot"], qs["order"]]
    s = QuizSession(order, "practice", clock, lang="en", requeue_gap=2)
    clock.t += 7
    fb = s.answer(0)  # wrong
    assert fb.revealed and not fb.grade.correct and fb.will_repeat
    assert [q.id for q in s._queue][:3] == ["s-truefalse", "s-hotspot", "s-single"]
    clock.t += 3
    s.answer(False)
    s.answer("scheduler")
    assert s.current.id == "s-single"
    assert s.answer(1).grade.correct  # the second try is right, but the first answer is what counts
    s.answer([0, 1, 2])
    assert s.finished
    a = s.attempt
    assert [r.question_id for r in a.answers] == ["s-single", "s-truefalse", "s-hotspot", "s-order"]
    assert a.answers[0].correct is False and a.answers[0].time_taken == 7.0 and a.answers[1].time_taken == 3.0
    assert a.answers[0].answer_text == "A: etcd"
    summary = summarize(a)
    assert summary.total.possible == 4 and summary.total.correct == 3
    assert summary.by_topic["scheduler"].correct == 3
    assert list(summary.by_domain) == ["Kubernetes Fundamentals"]
    assert [w.question_id for w in summary.wrong] == ["s-single"]


def test_practice_gives_up_requeueing_after_max_repeats(qs):
    s = QuizSession([qs["single"]], "practice", Clock(), max_repeats=2)
    for _ in range(3):
        s.answer(0)
    assert s.finished and len(s.feedback) == 3


def test_exam_hides_feedback_and_stops_at_time_limit(qs):
    clock = Clock()
    s = QuizSession([qs["single"], qs["truefalse"], qs["match"]], "exam", clock, time_limit=60)
    fb = s.answer(0)
    assert not fb.revealed and not fb.will_repeat
    clock.t += 59
    assert s.time_left() == pytest.approx(1.0) and not s.expired
    clock.t += 2
    assert s.expired
    with pytest.raises(TimeoutError):
        s.answer(False)
    assert s.finished
    a = s.attempt
    assert len(a.answers) == 3 and a.answers[1].answer is None and a.answers[1].score == 0
    assert a.finished == clock.t
    assert history([a])[0].questions == 3


def test_session_rejects_bad_setup(qs):
    with pytest.raises(ValueError):
        QuizSession([], "practice", Clock())
    with pytest.raises(ValueError):
        QuizSession([qs["single"]], "party", Clock())
