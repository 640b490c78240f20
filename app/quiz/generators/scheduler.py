"""Which node will the scheduler pick, and why did the others lose?

Random nodes (sizes, load, a taint, an image already present) and one pod. The right answer is the
node the engine's scheduler bound the pod to; when several nodes tied on the top score the scheduler
picks among them at random, so every tied node is accepted. The reasoning shown is the engine's
per-plugin table (``Decision.render``: filters, raw, normalised and weighted scores).
"""
from __future__ import annotations

import random
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome
from .k8s_setup import apply_docs, describe_setup, node_lines, pod_yaml

PENDING = "pending"


class SchedulerPick(Generator):
    kind = "scheduler-pick"
    topic = "scheduler"
    domain = "Kubernetes Fundamentals"
    scene_id = "cluster"
    title = Text("调度器选哪个节点", "which node the scheduler picks")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        count = {"easy": 3, "medium": 4, "hard": 5}[difficulty]
        lines, sizes = node_lines(rng, count)
        fillers = []
        for i, node in enumerate(sorted(sizes)):
            if rng.random() < (0.4 if difficulty == "easy" else 0.7):
                fillers.append(pod_yaml(f"busy-{i + 1}", rng.choice([250, 500, 1000, 1500]),
                                        rng.choice([256, 512, 1024, 2048]), image="busybox:1.36", node=node))
        if fillers:
            lines += [apply_docs(fillers, "fillers.yaml"), "sim advance 20s"]
        if difficulty == "hard":
            tainted = rng.choice(sorted(sizes))
            lines.append(f"kubectl taint nodes {tainted} dedicated=batch:{rng.choice(['NoSchedule', 'PreferNoSchedule'])}")
            if rng.random() < 0.5:  # a pod there already pulled nginx:1.27: ImageLocality favours that node
                warm = pod_yaml("warm", 100, 64, image="nginx:1.27", node=rng.choice(sorted(sizes)))
                lines += [apply_docs([warm], "warm.yaml"), "sim advance 20s"]
        cpu = rng.choice([250, 500, 1000, 2000]) if difficulty != "easy" else rng.choice([500, 1000])
        mem = rng.choice([256, 512, 1024, 4096])
        lines += [apply_docs([pod_yaml("web", cpu, mem)], "web.yaml"), "sim advance 10s"]
        return lines

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        d = world.k8s.scheduling_breakdown("default", "web")
        nodes = [n["metadata"]["name"] for n in world.k8s.nodes()]
        if d is None or not d.winner:
            right = frozenset({PENDING})
        else:
            right = frozenset(d.tied) if len(d.tied) > 1 else frozenset({d.winner})
        table = d.render() if d is not None else "no scheduling decision was recorded"
        return Outcome(right, Text("调度器的逐插件打分表（引擎原文）：\n" + table,
                                   "The scheduler's per-plugin table (engine output):\n" + table), {"nodes": nodes})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        setup = describe_setup(lines)
        prompt = Text(f"集群是这样的（最后创建 Pod web）：\n{setup.zh}\n调度器会把 web 放到哪个节点上？",
                      f"The cluster (pod web is created last):\n{setup.en}\nWhich node will the scheduler put web on?")
        explain = Text("调度器先过滤（资源够不够、污点能否容忍……），再给剩下的节点按插件打分并加权求和，总分最高者胜出；"
                       "同分时随机选一个。看引擎的打分表：每个插件的原始分、归一化分和权重。",
                       "The scheduler filters nodes first (enough free resources, tolerated taints, ...), then "
                       "scores the rest plugin by plugin and sums the weighted scores; the highest total wins and "
                       "ties are broken at random. The engine's table shows each plugin's raw, normalised and "
                       "weighted score.")
        choices = [(n, Text.same(n)) for n in outcome.facts["nodes"]]
        choices.append((PENDING, Text("哪个都不行：web 一直 Pending", "none: web stays Pending")))
        return Draft(prompt, explain, choices)


GENERATORS = (SchedulerPick(),)
