"""SM-2 with Anki's classic defaults: learning steps, graduation, intervals, lapses, leeches, limits."""
import pytest

from app.quiz import sm2
from app.quiz.sm2 import AGAIN, DAY, EASY, GOOD, HARD, Card

T0 = 1_700_000_000.0


def test_learning_steps_then_graduation():
    c = Card("q", due=T0)
    c = sm2.answer(c, GOOD, T0)
    assert (c.state, c.step, c.due) == ("learning", 1, T0 + 600)
    c = sm2.answer(c, GOOD, T0 + 600)
    assert (c.state, c.interval) == ("review", 1) and c.due == T0 + 600 + DAY
    assert sm2.answer(Card("q"), EASY, T0).interval == 4
    assert sm2.answer(Card("q"), AGAIN, T0).due == T0 + 60
    assert sm2.answer(Card("q"), HARD, T0).due == T0 + 330  # mean of 1 and 10 minutes


def test_review_intervals_grow_by_ease():
    c = Card("q", state="review", interval=1, due=T0)
    good = sm2.answer(c, GOOD, T0)
    assert good.interval == 3 and good.ease == 2.5  # max(1*2.5, hard 2 + 1)
    assert sm2.answer(good, GOOD, good.due).interval == 7  # 3 * 2.5 = 7.5 -> 7
    hard = sm2.answer(Card("q", state="review", interval=10, due=T0), HARD, T0)
    assert (hard.interval, hard.ease) == (12, 2.35)
    easy = sm2.answer(Card("q", state="review", interval=10, due=T0), EASY, T0)
    assert (easy.interval, easy.ease) == (32, 2.65)  # 10 * 2.5 * 1.3 = 32.5
    late = sm2.answer(Card("q", state="review", interval=10, due=T0), GOOD, T0 + 4 * DAY)
    assert late.interval == 30  # (10 + 4 // 2) * 2.5


def test_lapse_relearning_and_minimum_ease_and_leech():
    c = Card("q", state="review", interval=20, due=T0)
    c = sm2.answer(c, AGAIN, T0)
    assert (c.state, c.ease, c.lapses, c.interval, c.due) == ("relearning", 2.3, 1, 1, T0 + 600)
    c = sm2.answer(c, GOOD, T0 + 600)
    assert (c.state, c.interval) == ("review", 1)
    for n in range(7):
        c = sm2.answer(replace_state(c), AGAIN, T0)
    assert c.lapses == 8 and c.leech and c.ease == 1.3


def replace_state(c):
    from dataclasses import replace
    return replace(c, state="review")


def test_due_order_and_daily_limits():
    cards = [Card(f"n{i}", due=T0) for i in range(30)]
    cards += [Card("r", state="review", interval=3, due=T0 - DAY), Card("l", state="learning", due=T0 - 5),
              Card("later", state="review", interval=3, due=T0 + 2 * DAY)]
    due = sm2.due_cards(cards, T0)
    assert [c.question_id for c in due[:2]] == ["l", "r"]
    assert len(due) == 2 + 20 and "later" not in {c.question_id for c in due}
    assert len(sm2.due_cards(cards, T0, new_done_today=15)) == 2 + 5


def test_bad_rating_is_refused():
    with pytest.raises(ValueError):
        sm2.answer(Card("q"), 5, T0)
    assert sm2.rating_for(False) == AGAIN and sm2.rating_for(True) == GOOD and sm2.rating_for(True, EASY) == EASY
