"""Shared building blocks for the Kubernetes scenarios: nodes, filler pods, Deployments as YAML.

Everything is written as the console lines and manifests a person would type: ``sim node add``
for machines, ``kubectl apply -f`` for objects. Manifest files are content-named (see
:func:`~app.quiz.generators.base.write_manifest`).
"""
from __future__ import annotations

import random
from pathlib import Path

import yaml

from app.quiz.model import Text

from .base import write_manifest

NODE_SHAPES = [("2", "4Gi"), ("4", "8Gi"), ("8", "16Gi"), ("4", "16Gi"), ("8", "8Gi"), ("2", "8Gi")]


def node_lines(rng: random.Random, count: int, shapes: list[tuple[str, str]] | None = None) -> tuple[list[str], dict[str, tuple[str, str]]]:
    """``sim node add`` lines for node-1..node-N with random sizes; returns (lines, {name: (cpu, memory)})."""
    sizes = {}
    lines = []
    for i in range(1, count + 1):
        cpu, mem = rng.choice(shapes or NODE_SHAPES)
        sizes[f"node-{i}"] = (cpu, mem)
        lines.append(f"sim node add node-{i} --cpu {cpu} --memory {mem}")
    return lines, sizes


def pod_yaml(name: str, cpu_m: int, mem_mi: int, image: str = "nginx:1.27", node: str | None = None,
             labels: dict[str, str] | None = None, node_selector: dict[str, str] | None = None,
             tolerations: list[dict[str, str]] | None = None) -> str:
    selector = dict(node_selector or {})
    if node:
        selector["kubernetes.io/hostname"] = node
    lines = ["apiVersion: v1", "kind: Pod", "metadata:", f"  name: {name}", "  labels:"]
    for k, v in sorted((labels or {"app": name}).items()):
        lines.append(f"    {k}: {v}")
    lines.append("spec:")
    if selector:
        lines.append("  nodeSelector:")
        lines += [f"    {k}: {v}" for k, v in sorted(selector.items())]
    if tolerations:
        lines.append("  tolerations:")
        for t in tolerations:
            lines.append(f"  - key: {t['key']}")
            lines += [f"    {k}: {v}" for k, v in t.items() if k != "key"]
    lines += ["  containers:", "  - name: main", f"    image: {image}", "    resources:", "      requests:",
              f"        cpu: {cpu_m}m", f"        memory: {mem_mi}Mi"]
    return "\n".join(lines) + "\n"


def apply_docs(docs: list[str], name: str = "scenario.yaml") -> str:
    """One ``kubectl apply -f`` line for several manifests joined as a multi-document YAML file."""
    text = "---\n".join(docs)
    return f"kubectl apply -f {write_manifest(text, name)}"


def deployment_yaml(name: str, replicas: int, image: str = "nginx:1.26", cpu_m: int = 100, mem_mi: int = 64,
                    max_surge: str = "25%", max_unavailable: str = "25%",
                    toleration_seconds: int | None = None) -> str:
    lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {name}", "spec:",
             f"  replicas: {replicas}", "  selector:", "    matchLabels:", f"      app: {name}",
             "  strategy:", "    type: RollingUpdate", "    rollingUpdate:", f"      maxSurge: {max_surge}",
             f"      maxUnavailable: {max_unavailable}", "  template:", "    metadata:", "      labels:",
             f"        app: {name}", "    spec:"]
    if toleration_seconds is not None:
        lines += ["      tolerations:"]
        for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
            lines += [f"      - key: {key}", "        operator: Exists", "        effect: NoExecute",
                      f"        tolerationSeconds: {toleration_seconds}"]
    lines += ["      containers:", "      - name: web", f"        image: {image}", "        resources:",
              "          requests:", f"            cpu: {cpu_m}m", f"            memory: {mem_mi}Mi"]
    return "\n".join(lines) + "\n"


def _requests(container: dict) -> str:
    req = (container.get("resources") or {}).get("requests") or {}
    return ", ".join(f"{k} {v}" for k, v in sorted(req.items())) or "no requests"


def describe_setup(lines: list[str]) -> Text:
    """The scenario as a person would read it: manifests summarised instead of temporary file paths."""
    zh: list[str] = []
    en: list[str] = []
    for line in lines:
        words = line.split()
        if line.startswith("#") or line.startswith("sim advance"):
            continue
        if line.startswith("sim node add"):
            cpu = words[words.index("--cpu") + 1] if "--cpu" in words else "?"
            mem = words[words.index("--memory") + 1] if "--memory" in words else "?"
            zh.append(f"节点 {words[3]}：{cpu} 核 CPU，{mem} 内存")
            en.append(f"node {words[3]}: {cpu} CPU, {mem} memory")
        elif line.startswith("kubectl apply -f"):
            for doc in yaml.safe_load_all(Path(words[-1]).read_text(encoding="utf-8")):
                z, e = _describe_object(doc)
                zh.append(z)
                en.append(e)
        elif line.startswith("docker -H") and " pull " in line:
            zh.append(f"{words[2]} 上已经有镜像 {words[-1]}")
            en.append(f"{words[2]} already has image {words[-1]}")
        else:
            zh.append(line)
            en.append(line)
    return Text("\n".join(zh), "\n".join(en))


def _describe_object(doc: dict) -> tuple[str, str]:
    kind, name = doc.get("kind"), doc["metadata"]["name"]
    if kind == "Pod":
        spec = doc["spec"]
        c = spec["containers"][0]
        where = (spec.get("nodeSelector") or {})
        node = where.get("kubernetes.io/hostname")
        other = {k: v for k, v in where.items() if k != "kubernetes.io/hostname"}
        zh = f"Pod {name}（镜像 {c['image']}，请求 {_requests(c)}）"
        en = f"pod {name} (image {c['image']}, requests {_requests(c)})"
        if node:
            zh, en = zh + f"，固定在 {node} 上", en + f", pinned to {node}"
        if other:
            sel = ", ".join(f"{k}={v}" for k, v in other.items())
            zh, en = zh + f"，nodeSelector {sel}", en + f", nodeSelector {sel}"
        return zh, en
    if kind == "Deployment":
        spec = doc["spec"]
        c = spec["template"]["spec"]["containers"][0]
        ru = (spec.get("strategy") or {}).get("rollingUpdate") or {}
        tol = [t.get("tolerationSeconds") for t in spec["template"]["spec"].get("tolerations") or []]
        zh = (f"Deployment {name}：{spec['replicas']} 个副本，镜像 {c['image']}，每个请求 {_requests(c)}，"
              f"maxSurge {ru.get('maxSurge', '25%')}，maxUnavailable {ru.get('maxUnavailable', '25%')}")
        en = (f"Deployment {name}: {spec['replicas']} replicas of {c['image']}, each requesting {_requests(c)}, "
              f"maxSurge {ru.get('maxSurge', '25%')}, maxUnavailable {ru.get('maxUnavailable', '25%')}")
        if tol:
            zh += f"，容忍节点失联 {tol[0]} 秒"
            en += f", tolerating an unreachable node for {tol[0]} s"
        return zh, en
    return f"{kind} {name}", f"{kind} {name}"
