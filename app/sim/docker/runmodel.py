"""What a RUN step would add and how long it would take: a documented, deterministic model.

The simulator cannot execute commands, so a RUN layer's size and duration are estimated from the
command text, split at ``&&``, ``;`` and newlines. Each part matches one rule below (first match wins);
sizes are unpacked bytes, durations simulated seconds. Package counts come from the command line or,
for ``pip install -r FILE`` and ``npm install``/``npm ci``, from the files in the build context.
A deterministic +/-10% jitter (from the command's hash) keeps different commands from looking
identical. ``rm -rf /var/lib/apt/lists/*`` removes the package lists an ``apt-get update`` added.
"""
from __future__ import annotations

import hashlib
import json
import re

KB, MB = 1000, 1000 * 1000

# (label, pattern, base size, size per package, base seconds, seconds per package, default package count)
_RULES: tuple[tuple[str, str, int, int, float, float, int], ...] = (
    ("apt-get update", r"\bapt-get\s+update\b|\bapt\s+update\b", 42 * MB, 0, 4.0, 0.0, 0),
    ("apt-get install", r"\b(apt-get|apt)\s+(-\S+\s+)*install\b", 2 * MB, 9 * MB, 2.0, 1.6, 3),
    ("apk add", r"\bapk\s+(-\S+\s+)*(add|--update\s+add)\b", 0, 3 * MB, 0.8, 0.5, 2),
    ("dnf/yum install", r"\b(yum|dnf|microdnf)\s+(-\S+\s+)*install\b", 20 * MB, 10 * MB, 6.0, 2.0, 3),
    ("pip install", r"\bpip3?\s+install\b|\bpython3?\s+-m\s+pip\s+install\b", 1 * MB, 7 * MB, 2.0, 1.8, 1),
    ("poetry/pipenv/uv", r"\b(poetry|pipenv|uv)\s+(install|sync|pip\s+install)\b", 2 * MB, 7 * MB, 3.0, 1.8, 15),
    ("npm/yarn install", r"\bnpm\s+(ci|install|i)\b|\byarn(\s+install)?\s*$|\bpnpm\s+install\b", 5 * MB, 3 * MB, 5.0, 0.6, 25),
    ("npm build", r"\bnpm\s+run\s+build\b|\byarn\s+build\b", 6 * MB, 0, 20.0, 0.0, 0),
    ("go mod download", r"\bgo\s+mod\s+download\b", 40 * MB, 0, 12.0, 0.0, 0),
    ("go build", r"\bgo\s+build\b", 18 * MB, 0, 25.0, 0.0, 0),
    ("cargo build", r"\bcargo\s+(build|install)\b", 160 * MB, 0, 90.0, 0.0, 0),
    ("maven/gradle", r"\b(mvn|mvnw|gradle|gradlew)\b", 90 * MB, 0, 45.0, 0.0, 0),
    ("dotnet", r"\bdotnet\s+(restore|publish|build)\b", 70 * MB, 0, 35.0, 0.0, 0),
    ("bundle/gem install", r"\bbundle\s+install\b|\bgem\s+install\b", 30 * MB, 0, 25.0, 0.0, 0),
    ("composer install", r"\bcomposer\s+install\b", 25 * MB, 0, 15.0, 0.0, 0),
    ("compile (make/gcc)", r"\b(make|cmake|gcc|g\+\+|cc)\b", 25 * MB, 0, 30.0, 0.0, 0),
    ("download (curl/wget)", r"\b(curl|wget)\b", 15 * MB, 0, 3.0, 0.0, 0),
    ("git clone", r"\b(git\s+clone)\b", 12 * MB, 0, 4.0, 0.0, 0),
    ("unpack (tar/unzip)", r"\btar\b|\bunzip\b", 20 * MB, 0, 2.0, 0.0, 0),
)
_SMALL = (4 * KB, 0.2)  # mkdir, useradd, ln, chmod, echo, sed... : a few kB and a fraction of a second
_CLEAN_APT = re.compile(r"rm\s+-rf?\s+/var/lib/apt/lists")
_CLEAN_CACHE = re.compile(r"--no-cache-dir|--no-cache\b|rm\s+-rf\s+\S*cache")
_PARTS = re.compile(r"&&|\|\||;|\n")


def _packages(part: str, pattern: str) -> int:
    """Count the package arguments after the install verb (words not starting with '-')."""
    m = re.search(pattern, part)
    if not m:
        return 0
    tail = part[m.end():]
    words = [w for w in re.split(r"\s+", tail) if w and not w.startswith("-") and "=" not in w[:1]]
    words = [w for w in words if not w.startswith(("$", "\\", ">", "|", "<"))]
    return len(words)


def _context_packages(part: str, context: dict[str, bytes]) -> int | None:
    m = re.search(r"-r\s+(\S+)", part)
    if m and "pip" in part:
        for path, data in context.items():
            if path == m.group(1).lstrip("./") or path.endswith("/" + m.group(1).lstrip("./")):
                lines = [x.strip() for x in data.decode("utf-8", "replace").splitlines()]
                return len([x for x in lines if x and not x.startswith(("#", "-"))])
        return 10
    if re.search(r"\bnpm\s+(ci|install|i)\s*$|\bnpm\s+(ci|install)\s+--", part) or re.search(r"\byarn(\s+install)?\s*$", part):
        data = context.get("package.json")
        if data is not None:
            try:
                doc = json.loads(data)
                deps = len(doc.get("dependencies") or {}) + len(doc.get("devDependencies") or {})
                return max(1, deps) * 8  # transitive dependencies: about 8 per direct one
            except (ValueError, AttributeError):
                return None
    return None


def estimate(command: str, context: dict[str, bytes] | None = None) -> tuple[int, float, str]:
    """(unpacked bytes, seconds, a short explanation) for a RUN command."""
    context = context or {}
    size, seconds, notes = 0, 0.0, []
    for part in _PARTS.split(command):
        part = part.strip()
        if not part:
            continue
        for label, pattern, base, per, t0, tper, default in _RULES:
            if re.search(pattern, part):
                n = _context_packages(part, context)
                if n is None:
                    n = _packages(part, pattern) if per else 0
                    n = n or default
                size += base + per * n
                seconds += t0 + tper * n
                notes.append(f"{label} ({n} packages)" if per else label)
                break
        else:
            size += _SMALL[0]
            seconds += _SMALL[1]
    if _CLEAN_APT.search(command):
        size = max(4 * KB, size - 42 * MB)
    if _CLEAN_CACHE.search(command):
        size = int(size * 0.8)
    h = int(hashlib.sha256(command.encode()).hexdigest()[:8], 16)
    jitter = 0.9 + (h % 2001) / 10000.0  # 0.9 .. 1.1
    size, seconds = max(1 * KB, int(size * jitter)), round(max(0.1, seconds * jitter), 1)
    from .format import human_size
    return size, seconds, f"{', '.join(notes) or 'small commands'} -> {human_size(size)}, {seconds:g}s"


def copy_seconds(total_bytes: int) -> float:
    """COPY/ADD: reading and writing the files at about 200 MB/s, plus a fixed step cost."""
    return round(0.05 + total_bytes / 200_000_000, 2)
