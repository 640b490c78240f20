"""Run the benchmarks: ``python -m tests.bench [NAME ...]`` (all of them when no name is given).

Each benchmark measures its own baseline in the same run and reports ratios to it, because this
machine is shared and absolute times move with its load. Names: docker, k8s, scene, startup, jump,
quiz. Each also runs alone as ``python -m tests.bench.<module>`` with its own options.
"""
from __future__ import annotations

import importlib
import os
import sys
import time

BENCHES = {
    "docker": "docker_bench",
    "k8s": "k8s_bench",
    "scene": "scene_bench",
    "startup": "startup_bench",
    "jump": "shell_jump_bench",
    "quiz": "quiz_generators_bench",
}


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = argv or list(BENCHES)
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from: {', '.join(BENCHES)}", file=sys.stderr)
        return 2
    status = 0
    for name in names:
        print(f"\n=== {name} ({BENCHES[name]}) ===", flush=True)
        module = importlib.import_module(f"tests.bench.{BENCHES[name]}")
        started = time.perf_counter()
        entry = module.main
        code = entry([]) if name in ("k8s", "quiz") else entry()  # these two take their own argv
        print(f"=== {name}: exit {code}, {time.perf_counter() - started:.1f} s wall ===", flush=True)
        status = status or int(code or 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
