"""What lessons may name: scene ids and each scene's highlight ids (lessons/README.md has the table).

Pure data, so the validator (no Qt) can check references. A pattern ``layer:N`` takes a number,
``host:NAME`` any name of letters, digits, dots and dashes.
"""
from __future__ import annotations

import re

SCENES: dict[str, tuple[str, ...]] = {
    "timeline": ("dotcloud", "lxc", "docker-2013", "borg", "k8s-2014", "k8s-1.0", "cncf",
                 "dockershim-removal", "today"),
    "vm-vs-container": ("hardware", "hypervisor", "guest-os", "host-os", "runtime", "app", "vm", "container"),
    "house": ("house", "layer:N", "magic", "backpack", "warehouse", "land", "dockerfile", "container"),
    "registry": ("registry", "repository", "host:NAME", "layer:N", "manifest"),
    "architecture": ("control-plane", "apiserver", "scheduler", "controller-manager", "etcd", "node",
                     "kubelet", "kube-proxy", "container-runtime", "log-collector", "cluster-dns", "pod",
                     "kubectl"),
    "cluster": ("node:NAME", "pod:NAME", "service:NAME", "deployment:NAME", "pending-queue", "registry"),
}

_NAME = r"[A-Za-z0-9][A-Za-z0-9._/\-]*"


def _pattern(spec: str) -> re.Pattern[str]:
    if spec.endswith(":N"):
        return re.compile(re.escape(spec[:-1]) + r"[0-9]+")
    if spec.endswith(":NAME"):
        return re.compile(re.escape(spec[:-4]) + _NAME)
    return re.compile(re.escape(spec))


_PATTERNS = {scene: [_pattern(s) for s in specs] for scene, specs in SCENES.items()}


def is_known_scene(scene: str) -> bool:
    return scene in SCENES


def is_known_highlight(scene: str, item_id: str) -> bool:
    return any(p.fullmatch(item_id) for p in _PATTERNS.get(scene, ()))
