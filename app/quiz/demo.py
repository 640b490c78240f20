"""``python main.py --quiz-demo SEED``: one generated question of every kind, headless.

For each generator it prints the scenario (the console lines the engine ran), the question in both
languages, the choices, the answer the engine computed and why, so authors and reviewers can read
what the generators make without opening the app.
"""
from __future__ import annotations

import os
import sys
from typing import TextIO

from .grading import LETTERS, describe_answer
from .model import DIFFICULTIES


def render(question, out: TextIO) -> None:  # type: ignore[no-untyped-def]
    sc = question.scenario
    out.write(f"== {sc.kind} · {question.difficulty} · seed {sc.seed} · {question.id}\n")
    out.write("scenario:\n" + "".join(f"  $ {line}\n" for line in sc.lines))
    for lang in ("en", "zh"):
        out.write(f"[{lang}] {question.prompt.get(lang)}\n")
    rights = {i for r in question.right_answers() for i in (r if isinstance(r, frozenset) else {r})}
    for i, c in enumerate(question.choices):
        mark = "*" if i in rights else " "
        out.write(f"  {mark} {LETTERS[i]}. {c.en}" + (f"  /  {c.zh}" if c.zh != c.en else "") + "\n")
    out.write(f"engine's answer: {describe_answer(question, 'en')}\n")
    out.write(f"why: {question.explain.en}\n     {question.explain.zh}\n")
    reasoning = sc.reasoning.en.strip()
    if reasoning:
        out.write("the engine's reasoning:\n" + "".join(f"  | {line}\n" for line in reasoning.splitlines()))
    out.write("\n")


def main(seed: int, out: TextIO | None = None) -> int:
    """Print one question per generator kind for ``seed``; 1 if a generator failed, else 0."""
    try:
        return _print_all(seed, out or sys.stdout)
    except BrokenPipeError:  # piped into head: stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _print_all(seed: int, out: TextIO) -> int:
    from .generators import GENERATORS, IMPORT_ERRORS

    failed = 0
    out.write(f"Generated quiz questions for seed {seed} ({len(GENERATORS)} kinds)\n\n")
    for n, (kind, gen) in enumerate(GENERATORS.items()):
        difficulty = DIFFICULTIES[(seed + n) % 3]
        try:
            render(gen.generate(seed, difficulty), out)
        except OSError:
            raise
        except Exception as exc:  # report every kind, not just the first failure
            failed += 1
            out.write(f"== {kind}: could not generate: {type(exc).__name__}: {exc}\n\n")
    for name, error in IMPORT_ERRORS.items():
        failed += 1
        out.write(f"== {name}: not available: {error}\n")
    return 1 if failed else 0
