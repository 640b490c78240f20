"""Will this pod schedule, and what exactly will the FailedScheduling message say?

Random nodes, some load, sometimes a taint or a node selector, and one pod. The right answer is the
engine's own outcome: "it is scheduled", or the exact message of its ``FailedScheduling`` event
("0/3 nodes are available: ..."). Wrong choices are the engine's message with one detail changed
(a count, a resource, the preemption note), so reading it closely is what the question trains.
"""
from __future__ import annotations

import random
import re
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, events_of
from .k8s_setup import apply_docs, describe_setup, node_lines, pod_yaml

SCHEDULED = "scheduled"


def variants(message: str, rng: random.Random) -> list[str]:
    """Plausible wrong messages: the engine's with one detail changed."""
    out = []
    swapped = message.replace("cpu", "\0").replace("memory", "cpu").replace("\0", "memory")
    out.append(swapped)
    counts = [m for m in re.finditer(r"(?<=[:,] )(\d+) ", message)]
    for m in counts:
        n = int(m.group(1))
        for delta in (1, -1):
            if n + delta > 0:
                out.append(message[: m.start(1)] + str(n + delta) + message[m.end(1):])
    if " preemption: " in message:
        out.append(message.split(" preemption: ")[0])
    m = re.match(r"0/(\d+) nodes", message)
    if m:
        out.append(message.replace(f"0/{m.group(1)} nodes", f"1/{m.group(1)} nodes", 1))
    rng.shuffle(out)
    return [v for v in dict.fromkeys(out) if v != message]


class FailedScheduling(Generator):
    kind = "failed-scheduling"
    topic = "scheduler"
    domain = "Kubernetes Fundamentals"
    scene_id = "cluster"
    title = Text("Pod 能否调度、报什么错", "will it schedule, and the exact message")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        count = {"easy": 3, "medium": 3, "hard": 4}[difficulty]
        lines, sizes = node_lines(rng, count, [("2", "4Gi"), ("4", "8Gi"), ("4", "4Gi"), ("2", "8Gi")])
        fillers = [pod_yaml(f"busy-{i + 1}", rng.choice([500, 1000, 1500]), rng.choice([512, 1024, 3072]),
                            image="busybox:1.36", node=node)
                   for i, node in enumerate(sorted(sizes)) if rng.random() < 0.6]
        if fillers:
            lines += [apply_docs(fillers, "fillers.yaml"), "sim advance 20s"]
        selector = None
        if difficulty != "easy" and rng.random() < 0.5:
            tainted = rng.choice(sorted(sizes))
            lines.append(f"kubectl taint nodes {tainted} dedicated=gpu:NoSchedule")
        if difficulty == "hard" and rng.random() < 0.5:
            labelled = rng.choice(sorted(sizes))
            lines.append(f"kubectl label nodes {labelled} disk=ssd")
            selector = {"disk": "ssd"}
        cpu = rng.choice([1500, 2500, 3500, 5000])
        mem = rng.choice([1024, 3072, 6144, 12288])
        lines += [apply_docs([pod_yaml("job", cpu, mem, node_selector=selector)], "job.yaml"), "sim advance 10s"]
        return lines

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        failed = [e for e in events_of(world, "FailedScheduling") if e.pod == "job"]
        placed = [e for e in events_of(world, "PodScheduled") if e.pod == "job"]
        d = world.k8s.scheduling_breakdown("default", "job")
        table = d.render() if d is not None else ""
        if placed:
            value, message = SCHEDULED, ""
        else:
            value = message = failed[-1].message if failed else "(no event)"
        nodes = len(world.k8s.nodes())
        return Outcome(frozenset({value}), Text("调度器的判断（引擎原文）：\n" + table, "The scheduler's verdict (engine output):\n" + table),
                       {"message": message, "nodes": nodes, "node": placed[-1].node if placed else ""})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        setup = describe_setup(lines)
        prompt = Text(f"集群是这样的（最后创建 Pod job）：\n{setup.zh}\njob 能被调度吗？如果不能，FailedScheduling 事件的消息是哪一条？",
                      f"The cluster (pod job is created last):\n{setup.en}\n"
                      "Does job get scheduled? If not, which is the exact FailedScheduling message?")
        explain = Text("消息的格式是“0/节点总数 nodes are available: ”加上按字母排序的“个数 原因”，每个节点只报它在第一个"
                       "失败的过滤插件里的原因（资源不足的节点会把不够的资源都列出来）；最后附上抢占（preemption）的结论。",
                       "The message is \"0/<all nodes> nodes are available: \" followed by \"<count> <reason>\" "
                       "entries sorted as strings; each node reports only the first filter plugin that rejected "
                       "it (a node short of resources lists every resource that is short), then the preemption "
                       "verdict.")
        message = outcome.facts["message"]
        n = outcome.facts["nodes"]
        pool = variants(message, rng) if message else [
            f"0/{n} nodes are available: {n} Insufficient cpu. preemption: 0/{n} nodes are available: "
            f"{n} No preemption victims found for incoming pod.",
            f"0/{n} nodes are available: {n} Insufficient memory. preemption: 0/{n} nodes are available: "
            f"{n} No preemption victims found for incoming pod.",
            f"0/{n} nodes are available: {n} node(s) had untolerated taint {{dedicated: gpu}}. preemption: "
            f"0/{n} nodes are available: {n} Preemption is not helpful for scheduling."]
        choices = [(SCHEDULED, Text("能调度：不会有 FailedScheduling 事件", "it is scheduled: no FailedScheduling event"))]
        if message:
            choices.append((message, Text.same(message)))
        for v in pool[: 4 - len(choices) + 1]:
            choices.append((v, Text.same(v)))
        rng.shuffle(choices)
        return Draft(prompt, explain, choices)


GENERATORS = (FailedScheduling(),)
