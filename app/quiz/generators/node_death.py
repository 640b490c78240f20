"""What happens to the pods on a node that dies, and when?

A Deployment runs on three nodes; one machine loses power. The node lifecycle controller notices
the missing heartbeats after its grace period, taints the node, and the pods' NoExecute tolerations
(300 s by default, or what the manifest says) run out before they are evicted and the ReplicaSet
makes replacements elsewhere. A bare pod has no controller, so nothing replaces it. The right answer
is read from the engine's events: when the first replacement was created after the power cut.
"""
from __future__ import annotations

import random
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, events_of
from .k8s_setup import apply_docs, deployment_yaml, describe_setup, node_lines, pod_yaml

NEVER = "never"
WATCH = ("NodeFault", "NodeConditionChanged", "TaintAdded", "PodEvicted", "PodDeleted", "ControllerCreatedPod",
         "PodScheduled")


def _when(seconds: int) -> Text:
    m, s = divmod(seconds, 60)
    zh = (f"{m} 分 {s} 秒" if s else f"{m} 分钟") if m else f"{s} 秒"
    en = (f"{m} min {s} s" if s else f"{m} min") if m else f"{s} s"
    return Text(f"约 {zh}后，在别的节点上重建", f"about {en} later, re-created on other nodes")


class NodeDeath(Generator):
    kind = "node-death"
    topic = "self-healing"
    domain = "Container Orchestration"
    scene_id = "cluster"
    title = Text("节点断电后 Pod 的命运", "pods on a node that dies")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        lines, _ = node_lines(rng, 3, [("4", "8Gi")])
        replicas = rng.choice([3, 4, 5, 6])
        seconds = None if difficulty == "easy" else rng.choice([None, 30, 60, 120])
        docs = [deployment_yaml("web", replicas, toleration_seconds=seconds)]
        bare = difficulty == "hard" and rng.random() < 0.4
        victim = rng.choice(["node-1", "node-2", "node-3"])
        if bare:
            docs.append(pod_yaml("lonely", 100, 64, node=victim))
        lines += [apply_docs(docs, "app.yaml"), "sim advance 1m", f"# ask about: {'lonely' if bare else 'web'}",
                  f"sim node stop {victim}", "sim advance 12m"]
        return lines

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        victim = next(l.split()[-1] for l in lines if l.startswith("sim node stop"))
        about = next(l.split()[-1] for l in lines if l.startswith("# ask about"))
        stop = next(e for e in events_of(world, "NodeFault") if e.node == victim and e.fault == "stopped")
        lost = {e.pod for e in events_of(world, "PodScheduled") if e.node == victim and e.time < stop.time}
        lost = {p for p in lost if (p == "lonely") == (about == "lonely")}
        created = [e for e in events_of(world, "ControllerCreatedPod") if e.time > stop.time]
        if about == "lonely" or not created:
            value = NEVER
        else:
            value = str(int(round(created[0].time - stop.time)))
        unknown = [e for e in events_of(world, "NodeConditionChanged") if e.node == victim and e.time > stop.time]
        grace = int(round(unknown[0].time - stop.time)) if unknown else 50
        trace = [e.describe() for e in world.sim.log if e.time >= stop.time and type(e).__name__ in WATCH
                 and (getattr(e, "node", "") == victim or type(e).__name__ == "ControllerCreatedPod"
                      or getattr(e, "pod", "") in lost)][:24]
        text = "\n".join(trace)
        return Outcome(frozenset({value}), Text("引擎的事件时间线（节点断电之后）：\n" + text,
                                                "The engine's event timeline after the power cut:\n" + text),
                       {"lost": sorted(lost), "grace": grace, "victim": victim, "about": about,
                        "stopped_at": stop.time})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        f = outcome.facts
        if not f["lost"]:
            return Draft(Text.same(""), Text.same(""), [])  # no pod ran there: draw again
        setup = describe_setup([line for line in lines if not line.startswith("sim node stop")])
        pods = "、".join(f["lost"])
        prompt = Text(f"集群是这样的：\n{setup.zh}\n一分钟后 {f['victim']} 突然断电，它上面运行着 {pods}。"
                      "这些 Pod 什么时候会在别的节点上重建？",
                      f"The cluster:\n{setup.en}\nA minute later {f['victim']} loses power; it runs "
                      f"{', '.join(f['lost'])}. When are these pods re-created on other nodes?")
        explain = Text("节点生命周期控制器在宽限期（约 50 秒）内收不到心跳，就把节点标成 Unknown 并加上 NoExecute 污点；"
                       "Pod 默认容忍这个污点 300 秒（manifest 里可以改），到期才被驱逐，ReplicaSet 随即在别处补上。"
                       "没有控制器的裸 Pod 没人补。",
                       "The node lifecycle controller marks the node Unknown after its grace period without "
                       "heartbeats (about 50 s) and taints it NoExecute; pods tolerate that taint for 300 s by "
                       "default (the manifest can change it), then they are evicted and the ReplicaSet replaces "
                       "them elsewhere. A bare pod has no controller, so nothing replaces it.")
        candidates = {0, f["grace"], 300, f["grace"] + 300, f["grace"] + 30, f["grace"] + 60, f["grace"] + 120}
        right = next(iter(outcome.right))
        numbers = sorted(c for c in candidates if str(c) != right)
        rng.shuffle(numbers)
        values = [right] + [str(n) for n in numbers[:3]] + ([NEVER] if right != NEVER else [str(numbers[3])])
        rng.shuffle(values)

        def label(v: str) -> Text:
            if v == NEVER:
                return Text("不会重建：它们一直挂着，直到节点回来", "never: they stay until the node comes back")
            if v == "0":
                return Text("立刻在别的节点上重建", "at once, on other nodes")
            return _when(int(v))

        return Draft(prompt, explain, [(v, label(v)) for v in values])


GENERATORS = (NodeDeath(),)
