"""During this rolling update, how many pods does the Deployment want at most, and how few are
ready at the least?

A Deployment with random replicas, maxSurge and maxUnavailable (percentages or counts) gets a new
image. The engine's Deployment controller scales the new and old ReplicaSets step by step; the
answer is read from its events: the largest sum of the ReplicaSets' desired replicas
(``ReplicaSetScaled``) and the smallest number of the Deployment's pods that were Ready
(``PodReadyChanged``, a pod leaving when its controller deletes it).
"""
from __future__ import annotations

import random
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, events_of
from .k8s_setup import apply_docs, deployment_yaml, describe_setup, node_lines

PAIR = Text("最多 {hi} 个 Pod，最少 {lo} 个就绪", "at most {hi} pods, at least {lo} ready")


class RollingUpdate(Generator):
    kind = "rolling-update"
    topic = "rolling-update"
    domain = "Cloud Native Application Delivery"
    scene_id = "cluster"
    title = Text("滚动更新中的 Pod 数上下限", "pod counts during a rolling update")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        lines, _ = node_lines(rng, 3, [("8", "16Gi")])
        replicas = {"easy": rng.choice([4, 8]), "medium": rng.choice([3, 5, 6, 10]),
                    "hard": rng.choice([3, 5, 7, 9, 10])}[difficulty]
        if difficulty == "easy":
            surge, unavailable = "25%", "25%"
        elif difficulty == "medium":
            surge, unavailable = rng.choice([("25%", "25%"), ("1", "0"), ("0", "1"), ("50%", "0")])
        else:
            surge, unavailable = rng.choice([("30%", "30%"), ("2", "1"), ("40%", "10%"), ("1", "35%"), ("0", "50%")])
        doc = deployment_yaml("web", replicas, max_surge=surge, max_unavailable=unavailable)
        return lines + [apply_docs([doc], "web.yaml"), "sim advance 1m",
                        "kubectl set image deployment/web web=nginx:1.27", "sim advance 10m"]

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        scaled = [e for e in events_of(world, "ReplicaSetScaled") if e.deployment == "web"]
        first_rs = scaled[0].replicaset if scaled else ""
        start = next((e.time for e in scaled if e.replicaset != first_rs), None)  # the new ReplicaSet appears
        desired: dict[str, int] = {}
        ready: set[str] = set()
        hi, lo, trace = 0, 10 ** 6, []
        for e in world.sim.log:
            kind = type(e).__name__
            if kind == "ReplicaSetScaled" and e.deployment == "web":
                desired[e.replicaset] = e.new_replicas
            elif kind == "PodReadyChanged" and e.pod.startswith("web-"):
                (ready.add if e.ready else ready.discard)(e.pod)
            elif kind in ("ControllerDeletedPod", "PodDeleted") and e.pod.startswith("web-"):
                ready.discard(e.pod)  # a pod being deleted no longer counts as available
            else:
                continue
            if start is not None and e.time >= start:
                hi, lo = max(hi, sum(desired.values())), min(lo, len(ready))
                if kind == "ReplicaSetScaled":
                    trace.append(f"{e.time:8.3f}s {e.replicaset}: {e.old_replicas} -> {e.new_replicas}   "
                                 f"(desired in all: {sum(desired.values())}, ready now: {len(ready)})")
        if start is None:
            hi = lo = 0
        text = "\n".join(trace[:30])
        return Outcome(frozenset({f"{hi}/{lo}"}), Text("引擎里两个 ReplicaSet 的伸缩记录：\n" + text,
                                                       "The engine's ReplicaSet scaling record:\n" + text),
                       {"hi": hi, "lo": lo})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        hi, lo = outcome.facts["hi"], outcome.facts["lo"]
        if hi == 0:
            return Draft(Text.same(""), Text.same(""), [])
        manifest = describe_setup([lines[-4]])
        prompt = Text(f"这个 Deployment 已经运行好了：\n{manifest.zh}\n现在执行 kubectl set image deployment/web web=nginx:1.27。"
                      "更新过程中，两个 ReplicaSet 期望的 Pod 总数最多是多少？就绪的 Pod 最少剩几个？",
                      f"This Deployment is up and running:\n{manifest.en}\nNow you run kubectl set image "
                      "deployment/web web=nginx:1.27. During the update, what is the largest number of pods the two "
                      "ReplicaSets want in all, and the smallest number of pods that stay Ready?")
        explain = Text("maxSurge 按副本数的百分比向上取整，决定最多能多开几个；maxUnavailable 向下取整，决定最多能少几个就绪"
                       "（两者都为 0 时，maxUnavailable 按 1 算）。控制器一边扩新的 ReplicaSet、一边缩旧的，始终守住这两条线。",
                       "maxSurge (a percentage of replicas rounded up) is how many extra pods may exist; "
                       "maxUnavailable (rounded down) is how many may be not ready (if both come to 0, "
                       "maxUnavailable counts as 1). The controller scales the new ReplicaSet up and the old one down "
                       "without crossing either line.")
        options = {(hi, lo), (hi + 1, lo), (hi, lo - 1), (hi - 1, lo), (hi, lo + 1), (hi + 1, lo - 1)}
        options = {o for o in options if o[0] >= 0 and o[1] >= 0}
        others = sorted(options - {(hi, lo)})
        rng.shuffle(others)
        values = [(hi, lo)] + others[:3]
        rng.shuffle(values)
        return Draft(prompt, explain, [(f"{h}/{l}", PAIR.format(hi=h, lo=l)) for h, l in values])


GENERATORS = (RollingUpdate(),)
