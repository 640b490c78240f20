"""Playing a build plan on the simulated clock: events at the moments steps finish, the cache and the
image stored at the end, and the final screen BuildKit prints."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import events as ev
from .builder import BuildPlan
from .buildsteps import StepPlan
from .format import build_size
from .host import CacheEntry
from .reasons import detail_zh
from .reference import parse_ref
from .transfer import DEFAULT_BANDWIDTH, EXTRACT_RATE

if TYPE_CHECKING:
    from .engine import DockerEngine
    from .host import Host

WIDTH = 84  # BuildKit pads step lines to the terminal width; the simulator uses a fixed one


@dataclass(frozen=True, slots=True)
class StepResult:
    """One numbered step, as scenes and the ``sim explain-build`` table show it."""

    stage: str
    index: int
    total: int
    instruction: str
    kind: str
    cached: bool
    reason: str
    detail: str
    layer: str | None
    size: int
    seconds: float
    model: str
    detail_zh: str = ""


@dataclass(frozen=True, slots=True)
class BuildResult:
    build_id: int
    host: str
    image_id: str
    tags: tuple[str, ...]
    steps: tuple[StepResult, ...]
    seconds: float
    output: str

    @property
    def cached_steps(self) -> int:
        return sum(1 for s in self.steps if s.cached and s.kind != "FROM")

    @property
    def rebuilt_steps(self) -> int:
        return sum(1 for s in self.steps if not s.cached and s.kind != "FROM")


def execute(engine: "DockerEngine", host: "Host", plan: BuildPlan, quiet: bool = False,
            plain: bool = False) -> BuildResult:
    sim = engine.sim
    engine.build_count += 1
    build_id = engine.build_count
    steps = plan.steps
    sim.emit(ev.BuildStarted, host=host.name, build_id=build_id, context_files=plan.context_files,
             context_bytes=plan.context_bytes, target=plan.target, stages=tuple(st.label for st in plan.stages),
             steps=len(steps))
    # what happens when: base layers land as their pull extracts them, steps finish at their end time
    marks: list[tuple[float, int, Any]] = []
    for st in plan.stages:
        if st.base_pull is not None:
            _, extracted, total = st.base_pull.timeline(host.bandwidth)
            for i, layer in enumerate(st.base_pull.layers):
                if not layer.present:
                    marks.append((st.start - total + extracted[i], len(marks), (st.base_pull, i)))
        marks += [(step.end, len(marks) + n, step) for n, step in enumerate(st.steps)]
    from .distribution import _land_layer
    for t, _, item in sorted(marks, key=lambda m: (m[0], m[1])):
        sim.run_until(max(sim.now, t))
        if isinstance(item, StepPlan):
            _emit_step(sim, host.name, build_id, item)
        elif item[0].layers[item[1]].digest not in host.layers:
            _land_layer(engine, host.name, item[0], item[1], "downloaded")
    for step in steps:
        if step.kind == "FROM":
            continue
        host.build_cache[step.key] = CacheEntry(step.layer, step.cache_created if step.cached else step.end,
                                                step.text, step.files)
        host.cache_slots[(step.parent_key, step.text)] = step.key
        host.cache_slots[(step.parent_key, "*")] = step.key
    sim.run_until(max(sim.now, plan.end))
    image = plan.image
    host.add_image(image, sim.now)
    for tag in plan.tags:
        ref = parse_ref(tag)
        if host.tags.get(ref.full) != image.id:
            host.set_tag(ref, image.id)
            sim.emit(ev.ImageTagged, host=host.name, image_id=image.id, ref=ref.full)
    results = tuple(StepResult(s.stage, s.index, s.total, s.text, s.kind, s.cached, s.reason, s.detail,
                               s.layer.digest if s.layer else None, s.size if s.layer else 0,
                               0.0 if s.cached else round(s.seconds, 3), s.model, detail_zh(s.reason, s.detail))
                    for s in steps)
    seconds = round(plan.end - plan.start, 3)
    sim.emit(ev.BuildFinished, host=host.name, build_id=build_id, image_id=image.id,
             tags=tuple(parse_ref(t).full for t in plan.tags), layers=len(image.layers),
             cached_steps=sum(1 for r in results if r.cached and r.kind != "FROM"),
             rebuilt_steps=sum(1 for r in results if not r.cached and r.kind != "FROM"), seconds=seconds)
    output = image.id if quiet else render(plan, plain, host.bandwidth)
    result = BuildResult(build_id, host.name, image.id, tuple(parse_ref(t).full for t in plan.tags), results,
                         seconds, output)
    engine.last_build = result
    return result


def _emit_step(sim: Any, host: str, build_id: int, s: StepPlan) -> None:
    sim.emit(ev.BuildStepFinished, host=host, build_id=build_id, stage=s.stage, index=s.index, total=s.total,
             instruction=s.text, step_kind=s.kind, cached=s.cached, reason=s.reason, detail=s.detail,
             detail_zh=detail_zh(s.reason, s.detail),
             layer=s.layer.digest if s.layer else None, size=s.size if s.layer else 0,
             seconds=0.0 if s.cached else round(s.seconds, 3))


def _line(text: str, seconds: float, sub: bool = False) -> str:
    head = f" => => {text}" if sub else f" => {text}"
    return f"{head.ljust(WIDTH)} {seconds:5.1f}s"


Vertex = tuple[str, float, bool, list[tuple[str, float]]]  # (name, seconds, cached, [(sub-line, seconds)])


def vertices(plan: BuildPlan, bandwidth: float = DEFAULT_BANDWIDTH) -> list[Vertex]:
    """The progress display's vertices in order, each with its sub-lines and their durations.

    A base image pulled during the build shows, as BuildKit does, one line per layer downloaded
    (its download time at the host's bandwidth) and one per layer extracted.
    """
    out: list[Vertex] = [("[internal] load build definition from Dockerfile", 0.0, False,
                          [(f"transferring dockerfile: {build_size(plan.dockerfile_bytes)}", 0.0)])]
    for st in plan.stages:
        if st.base_stage is None and st.base_text != "scratch":
            out.append((f"[internal] load metadata for {st.base_text.split('@')[0].split(' (')[0]}", 0.1, False, []))
    out.append(("[internal] load .dockerignore", 0.0, False,
                # with no .dockerignore BuildKit still transfers an empty one, which it reports as 2B
                [(f"transferring context: {build_size(plan.ignore_bytes or 2)}", 0.0)]))
    for st in plan.stages:
        if st.base_stage is not None:
            continue
        first = st.steps[0]
        subs = [] if st.base_text == "scratch" or st.synthetic_base else [(f"resolve {st.base_text}", 0.0)]
        total = 0.0
        if st.base_pull:
            windows, _, total = st.base_pull.timeline(bandwidth)
            fetched = [(i, x) for i, x in enumerate(st.base_pull.layers) if not x.present]
            subs += [(f"{x.digest} {build_size(x.size)} / {build_size(x.size)}", windows[i][1] - windows[i][0])
                     for i, x in fetched]
            subs += [(f"extracting {x.digest}", x.unpacked / EXTRACT_RATE) for _, x in fetched]
        out.append((f"{first.label} {first.text}", total, False, subs))
    out.append(("[internal] load build context", 0.0, False,
                [(f"transferring context: {build_size(plan.context_bytes)}", 0.0)]))
    for st in plan.stages:
        for step in st.steps[1:]:
            out.append((f"{step.label} {step.text.split(chr(10))[0]}", 0.0 if step.cached else step.seconds, step.cached, []))
    out.append(("exporting to image", 0.1, False, [("exporting layers", 0.0), (f"writing image {plan.image.id}", 0.0),
                                                   *[(f"naming to {parse_ref(t).full}", 0.0) for t in plan.tags]]))
    return out


_LINT = re.compile(r"^[A-Z][A-Za-z]+: .* \(line \d+\)$")  # a Dockerfile build check, as the parser words it


def _warnings(plan: BuildPlan) -> list[str]:
    """Build checks in BuildKit's summary block (`` 1 warning found ...``), then the other warnings."""
    checks = [w for w in plan.warnings if _LINT.match(w)]
    tail: list[str] = []
    if checks:
        count = "1 warning found" if len(checks) == 1 else f"{len(checks)} warnings found"
        tail += ["", f" {count} (use docker --debug to expand):", *[f" - {w}" for w in checks]]
    tail += [w if w.startswith("(simulated:") else f"WARNING: {w}" for w in plan.warnings if w not in checks]
    for st in plan.stages:
        if st.synthetic_base is not None:
            tail.append(f"WARNING: {st.base_text.split(' (')[0]} is not in the simulator's catalog: the stage was built on "
                        f"a synthetic 80MB stand-in image")
    return tail


def load_definition_progress(dockerfile_bytes: int, plain: bool = False) -> str:
    """The progress of a build that stops at its first vertex (the Dockerfile did not parse)."""
    size = build_size(dockerfile_bytes)
    if plain:
        return (f"#1 [internal] load build definition from Dockerfile\n#1 transferring dockerfile: {size} done\n"
                "#1 DONE 0.0s\n")
    head = "[+] Building 0.0s (1/1) FINISHED".ljust(WIDTH - 10) + " docker:default"
    return "\n".join([head, _line("[internal] load build definition from Dockerfile", 0.0),
                      _line(f"transferring dockerfile: {size}", 0.0, True)])


def render(plan: BuildPlan, plain: bool = False, bandwidth: float = DEFAULT_BANDWIDTH) -> str:
    """The final screen of BuildKit's progress display (tty style), or its plain-text log."""
    vs = vertices(plan, bandwidth)
    if plain:
        lines = []
        for n, (name, seconds, cached, subs) in enumerate(vs, 1):
            lines.append(f"#{n} {name}")
            lines += [f"#{n} {sub} {t:.1f}s done" if t >= 0.05 else f"#{n} {sub} done" for sub, t in subs]
            lines.append(f"#{n} CACHED" if cached else f"#{n} DONE {seconds:.1f}s")
            lines.append("")
        return "\n".join(lines + _warnings(plan)).rstrip()
    total = plan.end - plan.start
    head = f"[+] Building {total:.1f}s ({len(vs)}/{len(vs)}) FINISHED".ljust(WIDTH - 10) + " docker:default"
    lines = [head]
    for name, seconds, cached, subs in vs:
        lines.append(_line(f"{'CACHED ' if cached else ''}{name}", seconds))
        lines += [_line(sub, t, True) for sub, t in subs]
    return "\n".join(lines + _warnings(plan))
