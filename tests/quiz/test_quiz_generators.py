"""Generated questions: eight kinds or more, reproducible, and graded by the engine itself.

For every kind and many seeds (all three difficulties), the stored answer is one the engine accepts
when the scenario is replayed in a fresh world, and a perturbed answer is one it rejects. The suite
runs SEEDS seeds per kind; ``python -m tests.bench.quiz_generators_bench`` runs 1,000.
"""
import io
import random

import pytest

from app.quiz.demo import main as demo_main
from app.quiz.generators import GENERATORS, IMPORT_ERRORS, from_id
from app.quiz.generators.base import replay
from app.quiz.grading import grade
from app.quiz.model import DIFFICULTIES, LANGS

SEEDS = 100  # per kind; 1,000 take minutes, so they run in the benchmark (see the module docstring)


def test_at_least_eight_kinds_and_all_import():
    assert IMPORT_ERRORS == {}
    assert len(GENERATORS) >= 8


@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_same_seed_same_question_and_rebuilt_from_id(kind):
    g = GENERATORS[kind]
    a, b = g.generate(11, "hard"), g.generate(11, "hard")
    assert a == b
    assert from_id(a.id) == a
    assert g.generate(12, "hard").scenario.lines != a.scenario.lines or g.generate(12, "hard").prompt != a.prompt


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(GENERATORS))
def test_engine_accepts_stored_answer_and_rejects_a_perturbed_one(kind):
    g = GENERATORS[kind]
    rng = random.Random(kind)
    for seed in range(SEEDS):
        q = g.generate(seed, DIFFICULTIES[seed % 3])
        world, outputs = replay(q.scenario.seed, q.scenario.lines)
        outcome = g.observe(world, list(q.scenario.lines), outputs)
        for right in q.right_answers():
            assert g.accepts_with(outcome, q, right), (q.id, right)
            assert grade(q, right).correct
        wrong = g.wrong_answer(q, rng)
        assert not g.accepts_with(outcome, q, wrong), (q.id, wrong)
        assert not grade(q, wrong).correct
        for lang in LANGS:
            assert q.prompt.get(lang) and q.explain.get(lang) and q.scenario.reasoning.get(lang)
            assert all(c.get(lang) for c in q.choices)


def test_engine_accepts_replays_in_a_fresh_world():
    g = next(iter(GENERATORS.values()))
    q = g.generate(3, "medium")
    assert g.engine_accepts(q, q.answer)
    assert not g.engine_accepts(q, g.wrong_answer(q))
    assert not g.engine_accepts(q, None) and not g.engine_accepts(q, "junk")


def test_demo_prints_every_kind():
    out = io.StringIO()
    assert demo_main(5, out) == 0
    text = out.getvalue()
    for kind in GENERATORS:
        assert f"== {kind} " in text
    assert text.count("engine's answer:") == len(GENERATORS)
