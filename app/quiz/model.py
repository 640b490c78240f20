"""The question model shared by bank questions and generated ones.

A :class:`Question` is plain, frozen data. Its right answer is stored in the same shape a learner's
response has (see :mod:`app.quiz.grading`), so grading is a comparison, never a re-derivation.
Generated questions additionally carry their scenario (seed and console lines) so that the stage can
replay it, and the set of answers the engine accepts (ties in the scheduler make several right).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LANGS = ("zh", "en")
TYPES = ("single", "multiple", "truefalse", "order", "match", "hotspot")
DIFFICULTIES = ("easy", "medium", "hard")
DOMAINS = (
    "Kubernetes Fundamentals",
    "Container Orchestration",
    "Cloud Native Application Delivery",
    "Cloud Native Architecture",
)
#: How the KCNA domains read in Chinese (the English names are the curriculum's own).
DOMAIN_ZH = {
    "Kubernetes Fundamentals": "Kubernetes 基础",
    "Container Orchestration": "容器编排",
    "Cloud Native Application Delivery": "云原生应用交付",
    "Cloud Native Architecture": "云原生架构",
}
#: Highlight ids a hotspot question may name, per scene (lessons/README.md, "Scenes").
HOTSPOT_IDS = {
    "architecture": ("control-plane", "apiserver", "scheduler", "controller-manager", "etcd", "node",
                     "kubelet", "kube-proxy", "container-runtime", "log-collector", "cluster-dns", "pod",
                     "kubectl"),
    "vm-vs-container": ("hardware", "hypervisor", "guest-os", "host-os", "runtime", "app", "vm", "container"),
}


@dataclass(frozen=True, slots=True)
class Text:
    """One user-visible string in both languages (Chinese is the source language)."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def same(cls, text: str) -> "Text":
        """A string that reads the same in both languages (a node name, a number, a command)."""
        return cls(text, text)

    def format(self, **values: Any) -> "Text":
        return Text(self.zh.format(**values), self.en.format(**values))


@dataclass(frozen=True, slots=True)
class Pair:
    left: Text
    right: Text


@dataclass(frozen=True, slots=True)
class Scenario:
    """What a generated question was made from: enough to replay it on the stage."""

    kind: str
    seed: int
    lines: tuple[str, ...]
    scene_id: str
    #: The engine's own reasoning, shown after answering (e.g. the per-plugin score table).
    reasoning: Text = Text("", "")
    #: What each choice stands for in the engine's terms (a node name, a count, a message).
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    """One question of any of the six types.

    ``answer`` has the shape of a response: single -> int, multiple -> frozenset[int],
    truefalse -> bool, order -> tuple of item indexes in the right order (always 0..n-1, since bank
    items are written in order), match -> tuple where position i holds the right-hand index for left
    item i (always 0..n-1), hotspot -> highlight id. ``accepted`` lists every other response the
    engine also takes as right (scheduler ties); it is empty for bank questions.
    """

    id: str
    type: str
    topic: str
    difficulty: str
    domain: str
    prompt: Text
    explain: Text
    answer: Any
    lesson: str = ""
    show_me: str = ""
    choices: tuple[Text, ...] = ()
    items: tuple[Text, ...] = ()
    pairs: tuple[Pair, ...] = ()
    scene: str = ""
    scenario: Scenario | None = None
    accepted: tuple[Any, ...] = field(default=())
    #: Where it came from: "path:line" for bank questions, "generator KIND" for generated ones.
    origin: str = ""

    @property
    def generated(self) -> bool:
        return self.scenario is not None

    @property
    def show_me_target(self) -> tuple[str, str] | None:
        """``(lesson_id, step_id)`` of the bank question's "show me" link, if any."""
        if not self.show_me or "#" not in self.show_me:
            return None
        lesson, step = self.show_me.split("#", 1)
        return lesson, step

    def right_answers(self) -> tuple[Any, ...]:
        return (self.answer, *self.accepted)


def domain_label(domain: str, lang: str) -> str:
    return DOMAIN_ZH.get(domain, domain) if lang == "zh" else domain


DIFFICULTY_LABEL = {"easy": Text("简单", "easy"), "medium": Text("中等", "medium"), "hard": Text("困难", "hard")}
TYPE_LABEL = {
    "single": Text("单选", "single choice"),
    "multiple": Text("多选", "multiple choice"),
    "truefalse": Text("判断", "true or false"),
    "order": Text("排序", "ordering"),
    "match": Text("配对", "matching"),
    "hotspot": Text("点选图中部件", "click on the picture"),
}

#: How each hotspot id reads on the picture and in feedback.
HOTSPOT_LABEL = {
    "control-plane": Text("控制平面", "control plane"), "node": Text("节点", "node"),
    "kubectl": Text("kubectl", "kubectl"), "apiserver": Text("API 服务器", "API server"),
    "scheduler": Text("调度器", "scheduler"), "controller-manager": Text("控制器管理器", "controller manager"),
    "etcd": Text("etcd", "etcd"), "kubelet": Text("kubelet", "kubelet"), "kube-proxy": Text("kube-proxy", "kube-proxy"),
    "container-runtime": Text("容器运行时", "container runtime"), "pod": Text("Pod", "pod"),
    "log-collector": Text("日志收集", "log collector"), "cluster-dns": Text("集群 DNS", "cluster DNS"),
    "vm": Text("虚拟机", "virtual machine"), "guest-os": Text("客户机操作系统", "guest OS"), "app": Text("应用", "app"),
    "hypervisor": Text("虚拟机管理程序", "hypervisor"), "hardware": Text("硬件", "hardware"),
    "container": Text("容器", "container"), "runtime": Text("容器运行时", "container runtime"),
    "host-os": Text("宿主机操作系统", "host OS"),
}
