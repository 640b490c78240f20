"""1,000 seeds per question generator: the stored answer is accepted by the engine, a perturbed one
rejected. Run with ``python -m tests.bench.quiz_generators_bench [SEEDS]``; prints seconds per kind."""
from __future__ import annotations

import random
import sys
import time

from app.quiz.generators import GENERATORS, IMPORT_ERRORS
from app.quiz.generators.base import replay
from app.quiz.model import DIFFICULTIES


def check_kind(kind: str, seeds: int) -> list[str]:
    g = GENERATORS[kind]
    rng = random.Random(kind)
    failures = []
    for seed in range(seeds):
        q = g.generate(seed, DIFFICULTIES[seed % 3])
        world, outputs = replay(q.scenario.seed, q.scenario.lines)
        outcome = g.observe(world, list(q.scenario.lines), outputs)
        if not all(g.accepts_with(outcome, q, r) for r in q.right_answers()):
            failures.append(f"{q.id}: stored answer rejected")
        if g.accepts_with(outcome, q, g.wrong_answer(q, rng)):
            failures.append(f"{q.id}: perturbed answer accepted")
    return failures


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    seeds = int(args[0]) if args else 1000
    bad = [f"{name}: {err}" for name, err in IMPORT_ERRORS.items()]
    total = time.perf_counter()
    for kind in GENERATORS:
        start = time.perf_counter()
        failures = check_kind(kind, seeds)
        bad += failures
        print(f"{kind:22s} {seeds} seeds  {time.perf_counter() - start:6.2f} s  {len(failures)} failures")
    print(f"all kinds: {time.perf_counter() - total:.2f} s")
    for line in bad[:20]:
        print("FAIL", line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
