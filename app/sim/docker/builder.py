"""Planning a build: which stages run, each step's cache key, hit or miss and why, its layer and timing.

``plan_build`` changes nothing (so a failing build leaves the engine untouched); buildexec.py then
plays the plan on the simulated clock. Cache rules (docs.docker.com/build/cache/invalidation):
* a step hits when the host's build cache holds its key; the key covers the parent step's key and
  the instruction, and for RUN also the environment and ARGs in scope, workdir, user and shell (not
  what the command would download); for COPY/ADD a checksum of the source files' contents and modes
  (never their mtimes); ``COPY --link`` does not depend on the parent;
* ENV, CMD, LABEL, EXPOSE, ... change only the config (no layer, no cache entry); a RUN after a
  changed ENV misses because its environment is part of its key;
* once a step misses, every later step of the stage misses too (their parent key is new).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from .buildmeta import metadata_step
from .buildsteps import StepPlan, copy_step, run_step, workdir_step
from .buildstate import StageState, h
from .context import filter_context
from .dockerfile import Dockerfile, DockerfileError, Instr, parse_dockerfile
from .dockerfile.lint import file_checks, json_args_checks
from .dockerfile.substitution import SubstitutionError, expand, go_quote
from .errors import ImageNotFound
from .oci import Image, make_image, make_layer
from .reference import DEFAULT_REGISTRY, parse_ref
from .transfer import ROUND_TRIP

if TYPE_CHECKING:
    from .engine import DockerEngine, PullPlan
    from .host import Host

PREDEFINED_ARGS = {"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
                   "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": ""}
PROXY_ARGS = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy",
              "ALL_PROXY", "all_proxy"}
SYNTHETIC_SIZE = 80_000_000
#: Public registries whose images a build may use as labelled synthetic stand-ins (they are not simulated).
PUBLIC_REGISTRIES = frozenset({DEFAULT_REGISTRY, "gcr.io", "mcr.microsoft.com", "ghcr.io", "quay.io", "registry.k8s.io",
                               "public.ecr.aws", "cgr.dev", "docker.elastic.co"})
CONTEXT_RATE = 100_000_000  # bytes/s to send the build context to the builder


class BuildError(InputError):
    """A build that cannot run: printed as BuildKit prints it (with the Dockerfile excerpt)."""


@dataclass
class BuildOptions:
    files: dict[str, bytes]  # the whole context as read (before .dockerignore)
    dockerfile: str  # its text
    dockerfile_name: str = "Dockerfile"
    tags: tuple[str, ...] = ()
    target: str | None = None
    build_args: dict[str, str] = field(default_factory=dict)
    no_cache: bool = False
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class StagePlan:
    index: int
    label: str
    base_text: str  # as shown on the FROM line
    base_pull: "PullPlan | None"  # the base must be pulled first
    base_stage: int | None
    synthetic_base: Image | None
    steps: list[StepPlan]
    state: StageState
    start: float = 0.0
    end: float = 0.0


@dataclass
class BuildPlan:
    dockerfile: Dockerfile
    stages: list[StagePlan]
    image: Image
    tags: tuple[str, ...]
    context_files: int
    context_bytes: int
    dockerfile_bytes: int
    ignore_bytes: int
    warnings: list[str]
    start: float
    end: float
    multi: bool
    target: str

    @property
    def steps(self) -> list[StepPlan]:
        return [s for st in self.stages for s in st.steps]


def fail(df_lines: tuple[str, ...], line: int | None, message: str, name: str = "Dockerfile",
         end: int | None = None) -> BuildError:
    """BuildKit's error screen (errdefs Source.Print): the failing lines marked ``>>>``, with two
    lines of context either side of a one-line instruction and one of a longer one, then ERROR."""
    out = []
    if line and df_lines and line <= len(df_lines):
        last = min(max(end or line, line), len(df_lines))
        pad, padded, lo, hi = (4 if last == line else 2), 0, line, last
        while padded < pad:  # BuildKit's own padding loop, kept as it is
            if lo > 1:
                lo -= 1
                padded += 1
            if hi != len(df_lines):
                hi += 1
                padded += 1
            padded += 1
        out += [f"{name}:{line}", "-" * 20]
        for n in range(lo, hi + 1):
            mark = ">>>" if line <= n <= last else "   "
            out.append(f" {n:>3} | {mark} {df_lines[n - 1]}".rstrip())
        out.append("-" * 20)
    out.append(f"ERROR: failed to solve: {message}")
    return BuildError("\n".join(out), name, line)


def plan_build(engine: "DockerEngine", host: "Host", opts: BuildOptions) -> BuildPlan:
    lines = tuple(opts.dockerfile.replace("\r\n", "\n").split("\n"))
    try:
        df = parse_dockerfile(opts.dockerfile, opts.dockerfile_name)
    except DockerfileError as exc:
        err = fail(lines, exc.line, str(exc), opts.dockerfile_name, exc.end_line)
        err.dockerfile_bytes = len(opts.dockerfile.encode())  # BuildKit had loaded the file: its progress shows that
        raise err from None
    context, _ignored = filter_context(opts.files)
    meta: dict[str, str] = dict(PREDEFINED_ARGS)
    used_args: set[str] = set()
    for ins in df.meta_args:
        for name, default in ins.pairs:
            if name in opts.build_args:
                meta[name] = opts.build_args[name]
                used_args.add(name)
            elif default is not None:
                meta[name] = _expand(default, meta, df, ins)
    target = len(df.stages) - 1
    if opts.target:
        idx = df.stage_index(opts.target)
        if idx is None:
            raise fail((), None, f'target stage "{opts.target}" could not be found')
        target = idx
    needed = _needed_stages(df, target, meta)
    t = engine.sim.now
    t_ctx = t + 0.05 + ROUND_TRIP * 2 + sum(len(v) for v in context.values()) / CONTEXT_RATE
    ctx = _Ctx(engine, host, opts, df, context, meta, used_args, t_ctx)
    for i in sorted(needed):
        ctx.plan_stage(i)
    unused = sorted(k for k in opts.build_args if k not in used_args and k not in PROXY_ARGS)
    # BuildKit's build checks: the parser's, then the file's, then those of the stages this build runs
    warnings = [*df.warnings, *file_checks(df), *json_args_checks(df, sorted(needed))]
    if unused:
        # BuildKit ignores unused build args silently (the legacy builder warned); the simulator says so
        warnings.append(f"(simulated: --build-arg {' '.join(unused)} matched no ARG and had no effect; "
                        "BuildKit prints no warning for this)")
    for ref in dict.fromkeys(ctx.synthetic_sources):
        warnings.append(f"{ref} is not in the simulator's catalog: COPY --from read modelled files from a synthetic "
                        "stand-in image")
    final = ctx.stages[target]
    image = _final_image(final.state, opts.labels)
    end = max(st.end for st in ctx.stages.values())
    return BuildPlan(df, [ctx.stages[i] for i in sorted(needed)], image, opts.tags, len(context),
                     sum(len(v) for v in context.values()), len(opts.dockerfile.encode()),
                     len(opts.files.get(".dockerignore", b"")), warnings, t, end + 0.1, len(df.stages) > 1,
                     final.label)


def _expand(text: str, env: dict[str, str], df: Dockerfile, ins: Instr) -> str:
    try:
        return expand(text, env, df.escape)
    except SubstitutionError as exc:
        raise fail(df.lines, ins.line, f"failed to process {go_quote(text)}: {exc}",
                   end=ins.end_line) from None


def _needed_stages(df: Dockerfile, target: int, meta: dict[str, str]) -> set[int]:
    """The target and every stage it depends on through FROM <stage> or COPY --from / RUN --mount from."""
    needed, todo = set(), [target]
    while todo:
        i = todo.pop()
        if i in needed:
            continue
        needed.add(i)
        st = df.stages[i]
        refs = [expand(st.base.image, meta, df.escape) if "$" in st.base.image else st.base.image]
        for ins in st.instructions:
            if ins.keyword in ("COPY", "ADD") and ins.flag("from"):
                refs.append(ins.flag("from") or "")
            for mount in ins.flag_all("mount"):
                for part in mount.split(","):
                    if part.startswith("from="):
                        refs.append(part[5:])
        for ref in refs:
            j = df.stage_index(ref)
            if j is not None and j < i:
                todo.append(j)
    return needed


def _final_image(state: StageState, labels: dict[str, str]) -> Image:
    if labels:
        state.labels.update(labels)
    return make_image(tuple(state.layers), state.run_config(), tuple(state.history), state.last_created,
                      synthetic=state.synthetic)


class _Ctx:
    """Planning context shared by the stages of one build."""

    def __init__(self, engine: "DockerEngine", host: "Host", opts: BuildOptions, df: Dockerfile,
                 context: dict[str, bytes], meta: dict[str, str], used_args: set[str], t_ctx: float) -> None:
        self.engine, self.host, self.opts, self.df = engine, host, opts, df
        self.context, self.meta, self.used_args, self.t_ctx = context, meta, used_args, t_ctx
        self.stages: dict[int, StagePlan] = {}
        self.synthetic_sources: list[str] = []  # COPY --from images replaced by synthetic stand-ins

    def plan_stage(self, i: int) -> None:
        df = self.df
        stage = df.stages[i]
        multi = len(df.stages) > 1
        label = stage.label
        base_text = _expand(stage.base.image, self.meta, df, stage.base)
        j = df.stage_index(base_text)
        base_pull = synthetic = None
        base_stage = None
        if j is not None and j < i and j in self.stages:
            state = self.stages[j].state.fork(label)
            start = self.stages[j].end
            base_stage = j
            shown = base_text
        elif base_text.lower() == "scratch":
            state = StageState.from_image(label, None, h("scratch"))
            start = self.t_ctx
            shown = "scratch"
        else:
            image, base_pull, synthetic, shown = self.resolve_base(base_text, stage.base)
            state = StageState.from_image(label, image, h("from", image.manifest_digest))
            start = self.t_ctx + (base_pull.duration(self.host.bandwidth) if base_pull else 0.0)
        total = 1 + sum(1 for ins in stage.instructions if ins.keyword in ("RUN", "COPY", "ADD", "WORKDIR"))
        triggers = [t for t in state.onbuild]
        state.onbuild = []
        instructions = list(stage.instructions)
        if triggers:
            from .dockerfile.instructions import build_instr
            from .dockerfile.parser import parse_text
            extra = []
            for trig in triggers:
                for raw in parse_text(trig).instructions:
                    extra.append(build_instr(raw, df.escape, self.opts.dockerfile_name))
            total += sum(1 for ins in extra if ins.keyword in ("RUN", "COPY", "ADD", "WORKDIR"))
            instructions = extra + instructions
        prefix = f"{label} " if multi else ""
        from_step = StepPlan(stage=label, index=1, total=total, text=f"FROM {shown}", kind="FROM", key=state.key,
                             cached=base_pull is None and synthetic is None,
                             reason="base-present" if base_pull is None and synthetic is None else "base-pulled",
                             detail="the base image is on this host" if base_pull is None and synthetic is None
                             else "the base image is pulled first", layer=None, size=sum(x.unpacked for x in state.layers),
                             seconds=0.0, line=stage.base.line, prefix=prefix, start=start, end=start)
        steps = [from_step]
        n = 1
        clock = start
        first_miss: str | None = None  # reason of the first miss in this stage
        for ins in instructions:
            kw = ins.keyword
            if kw in ("RUN", "COPY", "ADD", "WORKDIR"):
                n += 1
                if kw == "RUN":
                    step = run_step(self, state, ins, first_miss)
                elif kw == "WORKDIR":
                    step = workdir_step(self, state, ins, first_miss)
                else:
                    step = copy_step(self, state, ins, first_miss, i)
                step.stage, step.index, step.total, step.prefix = label, n, total, prefix
                dep_end = self.stages[step.from_stage].end if step.from_stage is not None else 0.0
                step.start = max(clock, dep_end)
                step.end = step.start + (0.0 if step.cached else step.seconds)
                clock = step.end
                if step.layer is not None or kw == "WORKDIR":
                    created = step.cache_created if step.cached else step.end
                    if step.layer is not None:
                        state.layers.append(step.layer)
                    state.last_created = created
                    state.note(step.history, step.layer is None, created)
                if not step.cached and first_miss is None:
                    first_miss = step.reason
                state.key = step.key
                steps.append(step)
            elif kw == "ARG":
                self.arg(state, ins)
            else:
                metadata_step(self, state, ins)
        self.stages[i] = StagePlan(i, label, shown, base_pull, base_stage, synthetic, steps, state, start, clock)

    def arg(self, state: StageState, ins: Instr) -> None:
        shown = []
        for name, default in ins.pairs:
            if name in self.opts.build_args:
                value: str | None = self.opts.build_args[name]
                self.used_args.add(name)
            elif default is not None:
                value = _expand(default, state.scope(), self.df, ins)
            else:
                value = self.meta.get(name)
            if value is not None:
                state.args[name] = value
                shown.append(f"{name}={value}")
            else:
                shown.append(name)
        state.note("ARG " + " ".join(shown), True)

    def resolve_base(self, text: str, ins: Instr) -> tuple[Image, "PullPlan | None", Image | None, str]:
        try:
            ref = parse_ref(text)
        except Exception as exc:
            raise fail(self.df.lines, ins.line, f"failed to parse stage name \"{text}\": {exc}",
                       end=ins.end_line) from None
        local = self.host.lookup_ref(ref)
        if local is not None:
            return local, None, None, f"{ref.full}"
        try:
            plan = self.engine.plan_pull(self.host.name, text)
        except ImageNotFound as exc:
            if ref.registry not in PUBLIC_REGISTRIES or (exc.reason == "host" and ref.registry in self.engine.registries):
                # BuildKit wraps the resolver's error with the name as the FROM line gives it
                raise fail(self.df.lines, ins.line, f"{text}: failed to resolve source metadata for {ref.full}: "
                           f"{exc.cri_message.split(': ', 2)[-1]}", end=ins.end_line) from None
            image = synthetic_image(ref.full)
            return image, None, image, f"{ref.full} (synthetic stand-in: not in the simulator's catalog)"
        # every layer already in the content store (an earlier build fetched them): nothing to pull
        return plan.image, plan if plan.layers_to_fetch else None, None, f"{ref.full}@{plan.manifest_digest}"


def synthetic_image(ref: str) -> Image:
    """A clearly labelled stand-in for a Docker Hub image the catalog does not know: one 80 MB layer."""
    from .oci import History, RunConfig
    layer = make_layer(f"synthetic:{ref}".encode(), SYNTHETIC_SIZE, 0.4)
    cfg = RunConfig(labels=(("org.container-classroom.synthetic", ref),))
    hist = (History("2025-01-01T00:00:00Z", f"(synthetic stand-in for {ref})", False),)
    return make_image((layer,), cfg, hist, -30 * 86400.0, synthetic=True)
