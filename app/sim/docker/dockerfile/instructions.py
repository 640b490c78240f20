"""Typed, validated instructions and the stage structure of a Dockerfile.

``parse_dockerfile(text)`` returns a :class:`Dockerfile`: the meta ARGs before the first FROM and
the stages, each a FROM plus its instructions. Argument errors use BuildKit's wording and line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .parser import DockerfileError, Heredoc, RawInstruction, parse_text
from .words import levenshtein, split_raw_words

#: flag name -> takes a value (True) or is a switch (False), per instruction
_FLAGS: dict[str, dict[str, bool]] = {
    "FROM": {"platform": True},
    "RUN": {"mount": True, "network": True, "security": True},
    "COPY": {"from": True, "chown": True, "chmod": True, "link": False, "parents": False, "exclude": True},
    "ADD": {"chown": True, "chmod": True, "link": False, "checksum": True, "keep-git-dir": False, "exclude": True},
    "HEALTHCHECK": {"interval": True, "timeout": True, "start-period": True, "start-interval": True, "retries": True},
}
_STAGE_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Instr:
    keyword: str
    line: int
    end_line: int
    text: str
    flags: tuple[tuple[str, str | None], ...] = ()
    words: tuple[str, ...] = ()  # raw (unexpanded) words: COPY/ADD sources + dest, EXPOSE, VOLUME, USER...
    pairs: tuple[tuple[str, str | None], ...] = ()  # ENV, LABEL, ARG: (name, raw value or None)
    argv: tuple[str, ...] | None = None  # exec (JSON) form
    shell: str = ""  # shell form text
    heredocs: tuple[Heredoc, ...] = ()
    image: str = ""  # FROM
    stage_name: str | None = None  # FROM ... AS name
    trigger: "Instr | None" = None  # ONBUILD
    none: bool = False  # HEALTHCHECK NONE

    def flag(self, name: str) -> str | None:
        for k, v in self.flags:
            if k == name:
                return v if v is not None else "true"
        return None

    def flag_all(self, name: str) -> list[str]:
        return [v or "" for k, v in self.flags if k == name]


@dataclass(frozen=True, slots=True)
class Stage:
    index: int
    name: str | None
    base: Instr  # the FROM
    instructions: tuple[Instr, ...]

    @property
    def label(self) -> str:
        """How BuildKit's progress names the stage: its AS name, else ``stage-N``."""
        return self.name or f"stage-{self.index}"


@dataclass(frozen=True, slots=True)
class Dockerfile:
    meta_args: tuple[Instr, ...]
    stages: tuple[Stage, ...]
    escape: str = "\\"
    directives: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = field(default=())
    lines: tuple[str, ...] = ()

    def stage_index(self, ref: str) -> int | None:
        """A stage by name (case-insensitive) or number, as ``COPY --from`` and ``--target`` name it."""
        for st in self.stages:
            if st.name and st.name.lower() == ref.lower():
                return st.index
        if ref.isdigit() and int(ref) < len(self.stages):
            return int(ref)
        return None


def _err(reason: str, ins: RawInstruction, path: str) -> DockerfileError:
    return DockerfileError(reason, ins.line, path, ins.end_line)


def _check_flags(raw: RawInstruction, path: str) -> None:
    allowed = _FLAGS.get(raw.keyword, {})
    seen: set[str] = set()
    for name, value in raw.flags:  # BuildKit's BFlags.Parse, messages included
        if name not in allowed:
            raise _err(f"unknown flag: --{name}{_flag_hint(name, allowed)}", raw, path)
        if name in seen and name not in _REPEATABLE:
            raise _err(f"duplicate flag specified: --{name}", raw, path)
        seen.add(name)
        if allowed[name] and value is None or not allowed[name] and value == "":
            raise _err(f"missing a value on flag: --{name}", raw, path)
        if not allowed[name] and value is not None and value.lower() not in ("true", "false"):
            raise _err(f"expecting boolean value for flag --{name}, not: {value}", raw, path)


_REPEATABLE = ("mount", "exclude")  # BuildKit's "strings" flags may be given more than once


def _flag_hint(name: str, allowed: dict[str, bool]) -> str:
    """`` (did you mean from?)``: the flag name closest by edit distance, if fewer than 3 edits away."""
    best, match = 3, ""
    for option in sorted(allowed):
        dist = levenshtein(name, option)
        if dist < best:
            best, match = dist, option
    return f" (did you mean {match}?)" if match else ""


def _pairs(raw: RawInstruction, escape: str, path: str, what: str) -> tuple[tuple[str, str | None], ...]:
    words = split_raw_words(raw.rest, escape)
    if not words:
        raise _err(f"{what} requires at least one argument", raw, path)
    if what == "ARG":  # ARG name[=default] [name[=default] ...]
        return tuple((w.split("=", 1)[0], w.split("=", 1)[1]) if "=" in w else (w, None) for w in words)
    if "=" not in words[0]:
        if len(words) < 2:
            raise _err(f"{what} must have two arguments", raw, path)
        key, value = raw.rest.strip().split(None, 1)  # legacy form: the first token, then the rest of the line
        return ((key, value),)
    out = []
    for w in words:
        if "=" not in w:
            raise _err(f"Syntax error - can't find = in \"{w}\". Must be of the form: name=value", raw, path)
        k, v = w.split("=", 1)
        if not k:
            raise _err(f"{what} names can not be blank", raw, path)
        out.append((k, v))
    return tuple(out)


def build_instr(raw: RawInstruction, escape: str, path: str) -> Instr:
    """Validate one raw instruction and give it its typed payload."""
    _check_flags(raw, path)
    kw = raw.keyword
    base = dict(keyword=kw, line=raw.line, end_line=raw.end_line, text=raw.text, flags=raw.flags, heredocs=raw.heredocs)
    rest = raw.rest.strip()
    # How BuildKit's line parsers cut the arguments: FROM, EXPOSE and the shell forms of COPY, ADD and
    # VOLUME split at whitespace with no regard to quotes; USER, WORKDIR, STOPSIGNAL and MAINTAINER
    # take the rest of the line as one argument; RUN/CMD/ENTRYPOINT/SHELL/ONBUILD keep their text whole.
    words = rest.split() if kw in ("FROM", "EXPOSE", "COPY", "ADD", "VOLUME", "HEALTHCHECK") else []
    if kw == "FROM":
        if len(words) not in (1, 3) or (len(words) == 3 and words[1].lower() != "as"):
            raise _err("FROM requires either one or three arguments", raw, path)
        name = words[2] if len(words) == 3 else None
        if name is not None and not _STAGE_NAME.match(name):
            raise _err(f"invalid name for build stage: \"{name}\", name can't start with a number or contain symbols", raw, path)
        return Instr(**base, image=words[0], stage_name=name.lower() if name else None)
    if kw in ("RUN", "CMD", "ENTRYPOINT"):
        if raw.json_args is None and not rest and not raw.heredocs:
            raise _err(f"{kw} requires at least one argument", raw, path)
        return Instr(**base, argv=raw.json_args, shell="" if raw.json_args is not None else rest)
    if kw == "SHELL":
        if raw.json_args is None:
            raise _err("SHELL requires the arguments to be in JSON form", raw, path)
        if not raw.json_args:
            raise _err("SHELL requires at least one argument", raw, path)
        return Instr(**base, argv=raw.json_args)
    if kw in ("COPY", "ADD"):
        args = list(raw.json_args) if raw.json_args is not None else words
        if len(args) < 2:
            raise _err(f"{kw} requires at least two arguments, but only one was provided. Destination could not be "
                       "determined", raw, path)
        return Instr(**base, words=tuple(args))
    if kw in ("ENV", "LABEL"):
        return Instr(**base, pairs=_pairs(raw, escape, path, kw))
    if kw == "ARG":
        pairs = _pairs(raw, escape, path, "ARG")
        for name, _ in pairs:
            if not name:
                raise _err("ARG names can not be blank", raw, path)
        return Instr(**base, pairs=pairs)
    if kw in ("EXPOSE", "VOLUME"):
        args = list(raw.json_args) if (kw == "VOLUME" and raw.json_args is not None) else words
        if not args:
            raise _err(f"{kw} requires at least one argument", raw, path)
        if kw == "VOLUME" and any(not a.strip() for a in args):
            raise _err("VOLUME specified can not be an empty string", raw, path)
        return Instr(**base, words=tuple(args))
    if kw in ("USER", "WORKDIR", "STOPSIGNAL", "MAINTAINER"):
        if not rest:  # the whole rest is one argument: `WORKDIR C:\Program Files\app` is one path
            raise _err(f"{kw} requires exactly one argument", raw, path)
        return Instr(**base, words=(rest,))
    if kw == "HEALTHCHECK":
        if not words:
            raise _err("HEALTHCHECK requires at least one argument", raw, path)
        if words[0].upper() == "NONE":
            if len(words) > 1:
                raise _err("HEALTHCHECK NONE takes no arguments", raw, path)
            return Instr(**base, none=True)
        if words[0].upper() != "CMD":
            raise _err(f"Unknown type \"{words[0].upper()}\" in HEALTHCHECK (try CMD)", raw, path)
        cmd_text = rest[len(words[0]):].strip()
        if not cmd_text:
            raise _err("Missing command after HEALTHCHECK CMD", raw, path)
        from .parser import _json_form
        json_args = _json_form(cmd_text, raw.line, path)
        for name in ("interval", "timeout", "start-period", "start-interval"):
            v = raw_flag(raw, name)
            if v is None or v == "":
                continue
            seconds = go_duration(v)
            if seconds is None:
                raise _err(f"time: invalid duration \"{v}\"", raw, path)
            if seconds != 0 and seconds < 0.001:  # Docker's minimum is 1ms; 0 means "the default"
                raise _err(f"Interval \"{name}\" cannot be less than 1ms", raw, path)
        v = raw_flag(raw, "retries")
        if v:
            if not re.fullmatch(r"[+-]?\d+", v):
                raise _err(f"strconv.ParseInt: parsing \"{v}\": invalid syntax", raw, path)
            if int(v) < 0:  # 0 is allowed: it means "the default" (3)
                raise _err(f"--retries cannot be negative ({int(v)})", raw, path)
        return Instr(**base, argv=json_args, shell="" if json_args is not None else cmd_text)
    if kw == "ONBUILD":
        if not rest:
            raise _err("ONBUILD requires at least one argument", raw, path)
        inner = parse_text(rest, path, trigger_escape=escape).instructions
        if len(inner) != 1:
            raise _err("ONBUILD requires exactly one instruction", raw, path)
        trig = inner[0]
        if trig.keyword in ("ONBUILD",):
            raise _err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", raw, path)
        if trig.keyword in ("FROM", "MAINTAINER"):
            raise _err(f"{trig.keyword} isn't allowed as an ONBUILD trigger", raw, path)
        shifted = RawInstruction(trig.keyword, raw.line, raw.end_line, trig.text, trig.flags, trig.rest,
                                 trig.json_args if not raw.heredocs else None, raw.heredocs)
        # the stored trigger, as BuildKit stores it: the line, then each heredoc body and its terminator
        expression = rest + "".join(f"\n{h.content}{h.name}" for h in raw.heredocs)
        return Instr(**base, trigger=build_instr(shifted, escape, path), shell=expression)
    raise _err(f"unknown instruction: {kw}", raw, path)  # unreachable: the parser checked keywords


_DURATION_PART = re.compile(r"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def go_duration(text: str) -> float | None:
    """Seconds in a Go duration (``1m30s``, ``1.5h``, ``-2s``, ``0``), or None if Go would reject it."""
    sign, body = 1.0, text
    if body[:1] in "+-" and body:
        sign, body = (-1.0 if body[0] == "-" else 1.0), body[1:]
    if body == "0":
        return 0.0
    if not body:
        return None
    total, pos = 0.0, 0
    while pos < len(body):
        m = _DURATION_PART.match(body, pos)
        if not m:
            return None
        total += float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
        pos = m.end()
    return sign * total


def raw_flag(raw: RawInstruction, name: str) -> str | None:
    for k, v in raw.flags:
        if k == name:
            return v
    return None


def parse_dockerfile(text: str, path: str = "Dockerfile") -> Dockerfile:
    """Parse and validate a whole Dockerfile; raises DockerfileError (an InputError) with the line."""
    parsed = parse_text(text, path)
    if not parsed.instructions:
        if not text:
            raise DockerfileError("the Dockerfile cannot be empty", None, path, bare=True)
        raise DockerfileError("file with no instructions", None, path, bare=True)
    meta: list[Instr] = []
    stages: list[Stage] = []
    current: list[Instr] = []
    base: Instr | None = None
    names: set[str] = set()
    for raw in parsed.instructions:
        ins = build_instr(raw, parsed.escape, path)
        if ins.keyword == "FROM":
            if base is not None:
                stages.append(Stage(len(stages), base.stage_name, base, tuple(current)))
            if ins.stage_name:
                if ins.stage_name in names:
                    raise DockerfileError(f"duplicate stage name \"{ins.stage_name}\"", ins.line, path, ins.end_line,
                                          bare=True)
                names.add(ins.stage_name)
            base, current = ins, []
        elif base is None:
            if ins.keyword != "ARG":
                raise DockerfileError("no build stage in current context", ins.line, path, ins.end_line, bare=True)
            meta.append(ins)
        else:
            current.append(ins)
    if base is None:
        raise DockerfileError("dockerfile contains no stages to build", None, path, bare=True)
    stages.append(Stage(len(stages), base.stage_name, base, tuple(current)))
    lines = tuple(text.replace("\r\n", "\n").split("\n"))
    return Dockerfile(tuple(meta), tuple(stages), parsed.escape, parsed.directives, parsed.warnings, lines)
