"""One build step at a time: RUN, COPY/ADD, WORKDIR (numbered, cached) and the config-only ones."""
from __future__ import annotations

import fnmatch
import json
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .buildstate import StageState, h
from .context import SourceNotFound, file_digest, match_sources
from .dockerfile import Instr
from .dockerfile.substitution import SubstitutionError, expand, expand_words, go_quote
from .host import CacheEntry
from .oci import Layer, make_layer
from .runmodel import copy_seconds, estimate

if TYPE_CHECKING:
    from .builder import _Ctx

_ARCHIVE = re.compile(r"\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2?)$")


@dataclass
class StepPlan:
    stage: str
    index: int
    total: int
    text: str
    kind: str
    key: str
    cached: bool
    reason: str  # hit | no-cache | cascade | files-changed | env-changed | instruction-changed | new | base-present | base-pulled
    layer: Layer | None
    size: int
    seconds: float
    line: int
    prefix: str = ""
    start: float = 0.0
    end: float = 0.0
    detail: str = ""  # the reason in plain words
    history: str = ""
    cache_created: float = 0.0
    from_stage: int | None = None
    parent_key: str = ""
    files: tuple[tuple[str, str], ...] = ()
    model: str = ""  # how size and time were estimated (RUN)

    @property
    def label(self) -> str:
        return f"[{self.prefix}{self.index}/{self.total}]"


def _x(ctx: "_Ctx", text: str, state: StageState, ins: Instr) -> str:
    from .builder import fail
    try:
        return expand(text, state.scope(), ctx.df.escape)
    except SubstitutionError as exc:
        raise fail(ctx.df.lines, ins.line, f"failed to process {go_quote(text)}: {exc}",
                   end=ins.end_line) from None


def _xw(ctx: "_Ctx", text: str, state: StageState, ins: Instr) -> list[str]:
    from .builder import fail
    try:
        return expand_words(text, state.scope(), ctx.df.escape)
    except SubstitutionError as exc:
        raise fail(ctx.df.lines, ins.line, f"failed to process {go_quote(text)}: {exc}",
                   end=ins.end_line) from None


_DETAIL = {"hit": "cache hit: same parent and same instruction inputs",
           "no-cache": "--no-cache: the cache is not consulted",
           "cascade": "an earlier step of this stage was rebuilt, so every later step is rebuilt too",
           "instruction-changed": "no cache entry for this instruction on this parent "
                                  "(a different instruction was built here before)",
           "env-changed": "the environment or build args it runs with changed",
           "new": "no cache entry yet: first build of this step"}


def decide(ctx: "_Ctx", state: StageState, key: str, text: str, parent_missed: str | None,
           files: tuple[tuple[str, str], ...] = ()) -> tuple[bool, str, str, CacheEntry | None]:
    """(cached, reason code, detail, cache entry) for a step with this key."""
    host = ctx.host
    if ctx.opts.no_cache:
        return False, "no-cache", _DETAIL["no-cache"], None
    entry = host.build_cache.get(key)
    if entry is not None:
        return True, "hit", _DETAIL["hit"], entry
    if parent_missed == "new":  # a first build: nothing of this stage was cached before
        return False, "new", _DETAIL["new"], None
    if parent_missed:
        return False, "cascade", _DETAIL["cascade"], None
    previous = host.cache_slots.get((state.key, text))
    if previous is not None and previous in host.build_cache:
        old = dict(host.build_cache[previous].files)
        if files or old:
            new = dict(files)
            changed = sorted(p for p in new if p in old and old[p] != new[p])
            added = sorted(p for p in new if p not in old)
            removed = sorted(p for p in old if p not in new)
            parts = [f"{what}: {', '.join(_short(ps))}" for what, ps in
                     (("changed", changed), ("added", added), ("removed", removed)) if ps]
            return False, "files-changed", "source files differ: " + ("; ".join(parts) or "metadata"), None
        return False, "env-changed", _DETAIL["env-changed"], None
    if (state.key, "*") in host.cache_slots:
        return False, "instruction-changed", _DETAIL["instruction-changed"], None
    return False, "new", _DETAIL["new"], None


def _short(paths: list[str]) -> list[str]:
    return paths if len(paths) <= 4 else paths[:3] + [f"and {len(paths) - 3} more"]


def run_step(ctx: "_Ctx", state: StageState, ins: Instr, parent_missed: str | None) -> StepPlan:
    if ins.argv is not None:
        command = " ".join(ins.argv)
        created_by = f"RUN {command} # buildkit"
    else:
        command = ins.shell
        for doc in ins.heredocs:
            command += "\n" + doc.content
        created_by = f"RUN {' '.join(state.shell)} {ins.shell} # buildkit"
    mounts = tuple(ins.flag_all("mount"))
    bound = []
    for m in mounts:
        spec = dict(p.split("=", 1) for p in m.split(",") if "=" in p)
        if spec.get("type", "bind") == "bind" and "from" not in spec:
            src = spec.get("source", spec.get("src", "."))
            try:
                bound += [f"{p}:{file_digest(ctx.context[p])}" for p, _ in match_sources(ctx.context, src)]
            except SourceNotFound:
                from .builder import fail
                raise fail(ctx.df.lines, ins.line, f'failed to compute cache key: "{src}": not found',
                           end=ins.end_line) from None
    env = sorted({**state.args, **state.env}.items())
    key = h(state.key, "RUN", json.dumps(ins.argv) if ins.argv is not None else command, json.dumps(env),
            state.workdir, state.user, json.dumps(state.shell), json.dumps(mounts), ins.flag("network") or "", *bound)
    size, seconds, model = estimate(command, ctx.context)
    if any("type=cache" in m for m in mounts):
        size = int(size * 0.5)  # downloads land in the cache mount, not in the layer
    cached, reason, detail, entry = decide(ctx, state, key, ins.text, parent_missed)
    layer = entry.layer if entry and entry.layer else make_layer(("run\0" + key).encode(), size)
    state.runs.append((layer.unpacked, command))
    return StepPlan(state.label, 0, 0, ins.text, "RUN", key, cached, reason, layer, layer.unpacked, seconds, ins.line,
                    detail=detail, history=created_by, cache_created=entry.created_at if entry else 0.0,
                    parent_key=state.key, model=model)


def workdir_step(ctx: "_Ctx", state: StageState, ins: Instr, parent_missed: str | None) -> StepPlan:
    path = _x(ctx, ins.words[0], state, ins)
    full = state.resolve(path).rstrip("/") or "/"
    state.workdir = full
    key = h(state.key, "WORKDIR", full)
    new_dir = state.add_dir(full)
    # a new directory is a tiny layer (mkdir -p); an existing one leaves no layer (sim-semantics.md §4)
    layer = make_layer(("mkdir\0" + full).encode(), 0) if new_dir else None
    cached, reason, detail, entry = decide(ctx, state, key, ins.text, parent_missed)
    return StepPlan(state.label, 0, 0, ins.text, "WORKDIR", key, cached, reason, layer, 0, 0.05, ins.line,
                    detail=detail, history=f"WORKDIR {full}", cache_created=entry.created_at if entry else 0.0,
                    parent_key=state.key)


def _artifact(ctx: "_Ctx", src_state: StageState, path: str) -> tuple[str, int]:
    """A file a RUN step made (the simulator never saw it): digest from the stage's state, size modelled.

    The digest follows the producing stage's cache key, so a rebuilt stage yields new bytes and the
    downstream ``COPY --from`` misses. Real builds can be byte-reproducible (then BuildKit would hit);
    the simulator assumes they are not, and says so here.
    """
    base = posixpath.basename(path.rstrip("/"))
    runs = [r for r in src_state.runs if base and base in r[1]] or src_state.runs
    size = max(1_000_000, min(80_000_000, int(runs[-1][0] * 0.15))) if runs else 2_000
    return h("artifact", src_state.key, path), size


def _from_stage_files(ctx: "_Ctx", src: StageState, source: str) -> list[tuple[str, str, int]]:
    """(relative target, digest, size) for a COPY --from=<stage> source."""
    path = posixpath.normpath("/" + source.lstrip("/"))
    if any(c in path for c in "*?["):
        hits = [(posixpath.basename(p), d, s) for p, (d, s) in sorted(src.files.items()) if fnmatch.fnmatchcase(p, path)]
        if hits:
            return hits
    if path in src.files:
        d, s = src.files[path]
        return [(posixpath.basename(path), d, s)]
    inside = [(p[len(path) + 1:], d, s) for p, (d, s) in sorted(src.files.items()) if p.startswith(path.rstrip("/") + "/")]
    if inside:
        if src.runs:  # RUN steps may have added files the simulator cannot see: one modelled entry
            d, s = _artifact(ctx, src, path)
            inside.append((".simulated-run-output", d, s))
        return inside
    d, s = _artifact(ctx, src, path)
    return [(posixpath.basename(path.rstrip("/")) or "artifact", d, s)]


def copy_step(ctx: "_Ctx", state: StageState, ins: Instr, parent_missed: str | None, stage_index: int) -> StepPlan:
    from .builder import fail
    kw = ins.keyword
    words = list(ins.words)
    dest = _x(ctx, words[-1], state, ins)
    heredocs = {d.name: d for d in ins.heredocs}
    sources: list[str] = []
    for w in words[:-1]:
        if w.startswith("<<") and w.lstrip("<-").strip("'\"") in heredocs:
            sources.append(w)
        else:
            sources += _xw(ctx, w, state, ins)
    chown = _x(ctx, ins.flag("chown") or "", state, ins)
    chmod = _x(ctx, ins.flag("chmod") or "", state, ins)
    if chmod and not re.fullmatch(r"[0-7]{3,4}|[ugoa]*[+-=][rwxXst]+(,[ugoa]*[+-=][rwxXst]+)*", chmod):
        raise fail(ctx.df.lines, ins.line, f'invalid chmod parameter: "{chmod}"', end=ins.end_line)
    link = ins.flag("link") == "true"
    from_ref = ins.flag("from")
    from_stage = None
    src_state: StageState | None = None
    extra_seconds = 0.0
    if from_ref:
        from_ref = _x(ctx, from_ref, state, ins)
        j = ctx.df.stage_index(from_ref)
        if j is not None:
            if j >= stage_index:
                raise fail(ctx.df.lines, ins.line, f"invalid from flag value {from_ref}: refers to current or future "
                           "build stage", end=ins.end_line)
            from_stage, src_state = j, ctx.stages[j].state
        else:
            image, pull, synthetic, _ = ctx.resolve_base(from_ref, ins)
            if synthetic is not None:
                ctx.synthetic_sources.append(from_ref)
            src_state = StageState.from_image(from_ref, image, h("from", image.manifest_digest))
            extra_seconds += pull.duration(ctx.host.bandwidth) if pull else 0.0
    entries: list[tuple[str, str, int]] = []  # (relative target, digest, size)
    dir_like = len(sources) > 1 or dest.endswith("/")
    for src in sources:
        if src.startswith("<<"):
            doc = heredocs[src.lstrip("<-").strip("'\"")]
            body = _x(ctx, doc.content, state, ins) if doc.expand and "$" in doc.content else doc.content
            data = body.encode()
            entries.append((doc.name, file_digest(data), len(data)))
            continue
        if kw == "ADD" and re.match(r"^(https?|git)://|^git@", src):
            name = posixpath.basename(src.split("?")[0].rstrip("/")) or "download"
            entries.append((name, h("url", src, ins.flag("checksum") or ""), 5_000_000))
            extra_seconds += 2.0  # simulated download: the simulator never fetches URLs
            continue
        if src_state is not None:
            found = _from_stage_files(ctx, src_state, src)
            dir_like = dir_like or len(found) > 1 or src.endswith("/")
            entries += found
            continue
        try:
            matched = match_sources(ctx.context, src)
        except SourceNotFound:
            raise fail(ctx.df.lines, ins.line, f"failed to compute cache key: failed to calculate checksum of ref "
                       f'{context_ref(state.key)}: "/{posixpath.normpath(src.lstrip("/"))}": not found',
                       end=ins.end_line) from None
        if len(matched) > 1 or matched[0][0] != posixpath.normpath(src.lstrip("/")):
            dir_like = True
        for path, rel in matched:
            data = ctx.context[path]
            size = len(data)
            if kw == "ADD" and _ARCHIVE.search(path):
                size *= 3  # a local archive is extracted: modelled as three times its packed size
            entries.append((rel, file_digest(data), size))
    target_root = state.resolve(dest)
    files: list[tuple[str, str, int]] = []
    for rel, digest, size in entries:
        if dir_like or target_root.rstrip("/") in state.dirs:
            target = posixpath.normpath(posixpath.join(target_root, rel)) if rel else target_root.rstrip("/")
        else:
            target = target_root.rstrip("/")
        files.append((target, digest, size))
    files.sort()
    listing = "\n".join(f"{p} {d} {s} {chown} {chmod}" for p, d, s in files)
    total = sum(s for _, _, s in files)
    key = h("" if link else state.key, kw, target_root, chown, chmod, listing)
    file_keys = tuple((p, d) for p, d, _ in files)
    cached, reason, detail, entry = decide(ctx, state, key, ins.text, parent_missed, file_keys)
    if link and not cached and reason == "cascade":
        reason, detail = "new", "COPY --link does not depend on earlier steps, but no cache entry exists yet"
    layer = entry.layer if entry and entry.layer else make_layer(("copy\0" + listing).encode(), total, 0.5)
    for p, d, s in files:
        state.files[p] = (d, s)
        state.add_dir(posixpath.dirname(p))
    return StepPlan(state.label, 0, 0, ins.text, kw, key, cached, reason, layer, layer.unpacked,
                    copy_seconds(total) + extra_seconds, ins.line, detail=detail, history=f"{ins.text} # buildkit",
                    cache_created=entry.created_at if entry else 0.0, from_stage=from_stage, parent_key=state.key,
                    files=file_keys)


def context_ref(seed: str) -> str:
    """A stand-in for BuildKit's context reference (``<session uuid>::<shared key>``) in its
    "failed to calculate checksum of ref" error. Real ones are random; this one follows from the
    build state, so the simulation stays deterministic."""
    digest, more = h("context-ref", seed)[-64:], h("context-key", seed)[-64:]
    uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    key = "".join(alphabet[int(more[i:i + 2], 16) % 36] for i in range(0, 50, 2))
    return f"{uuid}::{key}"

