"""Config-only instructions (ENV, LABEL, EXPOSE, VOLUME, USER, CMD, ENTRYPOINT, STOPSIGNAL, HEALTHCHECK,
SHELL, ONBUILD, MAINTAINER): they change the image config and history, never a layer or the cache."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .buildstate import StageState, go_list
from .buildsteps import _x, _xw
from .dockerfile import Instr

if TYPE_CHECKING:
    from .builder import _Ctx

_PORT = re.compile(r"^\d{1,5}(-\d{1,5})?(/(tcp|udp|sctp))?$")


def _cmdline(state: StageState, ins: Instr) -> tuple[str, ...]:
    return ins.argv if ins.argv is not None else tuple(state.shell) + (ins.shell,)


def metadata_step(ctx: "_Ctx", state: StageState, ins: Instr) -> None:
    """Config-only instructions: they change the image config and history, never a layer."""
    from .builder import fail
    kw = ins.keyword
    shown = ins.text
    if kw in ("ENV", "LABEL"):
        values = [(_x(ctx, k, state, ins) if kw == "LABEL" else k,
                   _x(ctx, v or "", state, ins) if v is not None else "") for k, v in ins.pairs]
        target: dict[str, Any] = state.env if kw == "ENV" else state.labels
        for k, v in values:
            target[k] = v
        shown = f"{kw} " + " ".join(f"{k}={v}" for k, v in values)
    elif kw == "EXPOSE":
        ports = _xw(ctx, " ".join(ins.words), state, ins)
        for p in ports:
            if not _PORT.match(p):
                raise fail(ctx.df.lines, ins.line, f"failed to process \"{p}\": invalid port: {p}", end=ins.end_line)
            p = p if "/" in p else p + "/tcp"
            if p not in state.exposed:
                state.exposed.append(p)
        shown = "EXPOSE map[" + " ".join(f"{p}:{{}}" for p in state.exposed) + "]"
    elif kw == "VOLUME":
        for v in (_xw(ctx, " ".join(ins.words), state, ins) if ins.argv is None else list(ins.words)):
            if v not in state.volumes:
                state.volumes.append(v)
        shown = "VOLUME " + go_list(state.volumes).replace('"', "")
    elif kw == "USER":
        state.user = _x(ctx, ins.words[0], state, ins)
        shown = f"USER {state.user}"
    elif kw == "CMD":
        state.cmd, state.cmd_set = _cmdline(state, ins), True
        shown = f"CMD {go_list(state.cmd)}"
    elif kw == "ENTRYPOINT":
        state.entrypoint = _cmdline(state, ins) if (ins.argv is None or ins.argv) else None
        if not state.cmd_set:
            state.cmd = None  # a new ENTRYPOINT resets a CMD inherited from the base image
        shown = f"ENTRYPOINT {go_list(state.entrypoint or ())}"
    elif kw == "STOPSIGNAL":
        state.stop_signal = _x(ctx, ins.words[0], state, ins)
    elif kw == "HEALTHCHECK":
        if ins.none:
            state.healthcheck = ("NONE",)
        elif ins.argv is not None:
            state.healthcheck = ("CMD", *ins.argv)
        else:
            state.healthcheck = ("CMD-SHELL", ins.shell)
    elif kw == "SHELL":
        state.shell = tuple(ins.argv or ())
        shown = f"SHELL {go_list(state.shell)}"
    elif kw == "ONBUILD":
        state.onbuild.append(ins.shell)
    elif kw == "MAINTAINER":
        state.labels.setdefault("maintainer", ins.words[0])
    state.note(shown, True)
