"""Reading a build context directory the way the Docker client sends it: ``.dockerignore`` first, so
ignored trees (``node_modules``, ``.git``) are never read. Every file goes through the invocation, so a
session records it and replays the build later without the directory."""
from __future__ import annotations

import os

from ..console import MAX_INPUT_BYTES, Invocation
from ..errors import CommandError
from .context import is_ignored, parse_dockerignore

ALWAYS_SENT = ("Dockerfile", "dockerfile", ".dockerignore")


def read_context(inv: Invocation, path: str) -> dict[str, bytes]:
    """{relative posix path: bytes} of the files the builder receives (plus the Dockerfile)."""
    if inv.replay:
        return inv.read_tree(path)
    root = inv.resolve(path)
    if not os.path.isdir(root):
        raise CommandError(f'ERROR: unable to prepare context: path "{path}" not found')
    rules = []
    ignore_file = os.path.join(root, ".dockerignore")
    if os.path.isfile(ignore_file):
        rules = parse_dockerignore(inv.read_file(ignore_file).decode("utf-8", "replace"))
    negations = any(rule.negate for rule in rules)
    out: dict[str, bytes] = {}
    total = 0
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        # an ignored directory is skipped whole unless an exception (!pattern) might re-include something
        dirnames[:] = sorted(d for d in dirnames if negations or not is_ignored(rel_dir + d, rules))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = rel_dir + name
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            if rel not in ALWAYS_SENT and is_ignored(rel, rules):
                continue
            total += os.path.getsize(full)
            if total > MAX_INPUT_BYTES * 4:
                raise CommandError(f"ERROR: build context {path} is larger than the simulator accepts "
                                   f"({MAX_INPUT_BYTES * 4 // 2**20} MiB); add large files to .dockerignore")
            out[rel] = inv.read_file(full)
    inv.inputs[root.rstrip("/") + "/"] = b""  # marks the directory as read (even when empty)
    return dict(sorted(out.items()))
