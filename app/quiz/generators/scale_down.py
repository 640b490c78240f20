"""Which pod does a scale-down remove?

Three nodes run a Deployment; one node is cordoned while the Deployment grows, so the new pods
double up on the others; later the Deployment shrinks by one. The ReplicaSet controller deletes
the pod that ranks first (unscheduled, then pending, not ready, then pods on the most crowded node,
then the most recently ready, ...). The right answer is the pod the engine's controller deleted
(``ControllerDeletedPod``). Draws where two pods could not be told apart by those rules (only a
random id would decide) are thrown away, so the question is always fair.
"""
from __future__ import annotations

import random
from collections import Counter
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, events_of
from .k8s_setup import apply_docs, deployment_yaml, describe_setup, node_lines


LOOK = "kubectl get pods -o wide"


class ScaleDown(Generator):
    kind = "scale-down"
    topic = "scaling"
    domain = "Kubernetes Fundamentals"
    scene_id = "cluster"
    title = Text("缩容时删掉哪个 Pod", "which pod a scale-down removes")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        nodes = 3 if difficulty == "easy" else 4
        lines, _ = node_lines(rng, nodes, [("4", "8Gi")])
        wait = rng.choice(["10m", "20m", "40m"])
        if difficulty == "hard":
            # big pods: two fit on a node, so one replica too many stays Pending (unassigned goes first)
            big = deployment_yaml("web", nodes, cpu_m=1500, mem_mi=512)
            return lines + [apply_docs([big], "web.yaml"), f"sim advance {wait}",
                            f"kubectl scale deployment web --replicas={2 * nodes + 1}", "sim advance 2m", LOOK,
                            f"kubectl scale deployment web --replicas={2 * nodes}", "sim advance 30s"]
        cordoned = rng.sample([f"node-{i}" for i in range(1, nodes + 1)], nodes - 2)
        lines += [apply_docs([deployment_yaml("web", nodes)], "web.yaml"), f"sim advance {wait}"]
        lines += [f"kubectl cordon {n}" for n in cordoned]
        lines += [f"kubectl scale deployment web --replicas={nodes + 1}", "sim advance 2m"]
        lines += [f"kubectl uncordon {n}" for n in cordoned]
        return lines + [LOOK, f"kubectl scale deployment web --replicas={nodes}", "sim advance 30s"]

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        deleted = [e.pod for e in events_of(world, "ControllerDeletedPod") if e.owner.startswith("web")]
        # what the learner sees just before the scale-down: the engine's own `kubectl get pods -o wide`
        rows = [r.split() for r in outputs[lines.index(LOOK)].splitlines()[1:] if r.strip()]
        pods = {r[0]: {"ready": r[1], "status": r[2], "restarts": r[3], "age": r[4], "node": r[6]} for r in rows}
        per_node = Counter(p["node"] for p in pods.values() if p["node"] != "<none>")
        table = "\n".join(f"{n:24s} {p['ready']:5s} {p['status']:8s} {p['restarts']:>8s}  {p['age']:>4s}  {p['node']}"
                          for n, p in sorted(pods.items()))
        head = f"{'NAME':24s} {'READY':5s} {'STATUS':8s} {'RESTARTS':>8s}  {'AGE':>4s}  NODE\n"
        note = f"\ndeleted by the ReplicaSet controller: {', '.join(deleted) or 'none'}"
        # what a learner can see of a pod: two pods alike in all of it could only be told apart by chance
        keys = {n: (p["node"] == "<none>", p["status"], p["ready"], per_node.get(p["node"], 0), p["age"], p["restarts"])
                for n, p in pods.items()}
        text = head + table + note
        return Outcome(frozenset(deleted[-1:]), Text("缩容前的 Pod（引擎输出）：\n" + text,
                                                     "The pods before the scale-down (engine output):\n" + text),
                       {"pods": sorted(pods), "table": head + table, "keys": keys})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        f = outcome.facts
        if not outcome.right:
            return Draft(Text.same(""), Text.same(""), [])
        victim = next(iter(outcome.right))
        twins = [p for p in f["pods"] if p != victim and f["keys"][p] == f["keys"][victim]]
        if twins:
            return Draft(Text.same(""), Text.same(""), [])  # only a random id would decide: draw again
        steps = "\n".join(l if not l.startswith("kubectl apply") else "kubectl apply -f web.yaml  # " + describe_setup([l]).en
                           for l in lines[:-3] if not l.startswith("sim node add"))
        nodes = describe_setup([l for l in lines if l.startswith("sim node add")])
        prompt = Text(f"{nodes.zh}\n执行：\n{steps}\n最后一次缩容之前，kubectl get pods -o wide 显示：\n{f['table']}\n缩容（减少 1 个副本）会删掉哪个 Pod？",
                      f"{nodes.en}\nYou run:\n{steps}\nJust before the last scale-down, kubectl get pods -o wide shows:\n{f['table']}\n"
                      "Which pod does the scale-down (one replica fewer) delete?")
        explain = Text("ReplicaSet 缩容时按顺序挑：没调度的、Pending 的、没就绪的先删；然后删所在节点上同类 Pod 最多的；"
                       "再然后删就绪时间最短的（按对数分桶比较）、重启次数多的、最新创建的。",
                       "A ReplicaSet scaling down picks, in order: unscheduled, then pending, then not-ready pods; "
                       "then pods on the node crowded with the most of its pods; then the one Ready for the "
                       "shortest time (compared in log2 buckets), the one with most restarts, the newest.")
        names = list(f["pods"])
        rng.shuffle(names)
        others = [n for n in names if n != victim][:4]
        values = [victim] + others
        rng.shuffle(values)
        return Draft(prompt, explain, [(v, Text.same(v)) for v in values])


GENERATORS = (ScaleDown(),)
