"""BuildKit's build checks (Dockerfile frontend 1.8+, on by default since Docker 27), the ones that
follow from the text alone. They only warn: ``docker build`` prints them after the progress as
`` - RuleName: message (line N)``; the wording is BuildKit's (frontend/dockerfile/linter/ruleset.go).

Simplified on purpose: only these five rules, and JSONArgsRecommended looks for a SHELL
instruction in the stage and the stages it builds on, not into a base image's config.
"""
from __future__ import annotations

from .instructions import Dockerfile, Instr
from .words import split_raw_words


def _warn(rule: str, message: str, line: int) -> str:
    return f"{rule}: {message} (line {line})"


def _written(df: Dockerfile, ins: Instr) -> list[str]:
    """The instruction's first line as the file writes it, split at whitespace."""
    return df.lines[ins.line - 1].split() if 0 < ins.line <= len(df.lines) else []


def file_checks(df: Dockerfile) -> list[str]:
    """StageNameCasing, FromAsCasing, MaintainerDeprecated and LegacyKeyValueFormat, in file order."""
    found: list[tuple[int, str]] = []
    for st in df.stages:
        words = [w for w in st.base.text.split() if not w.startswith("--")]
        written = _written(df, st.base)
        if len(words) == 4 and written:
            from_kw, as_kw, name = written[0], words[2], words[3]
            if name != name.lower():
                found.append((st.base.line, _warn("StageNameCasing", f"Stage name '{name}' should be lowercase",
                                                  st.base.line)))
            if (from_kw.isupper() and not as_kw.isupper()) or (from_kw.islower() and not as_kw.islower()):
                found.append((st.base.line, _warn("FromAsCasing", f"'{as_kw}' and '{from_kw}' keywords' casing "
                                                  "do not match", st.base.line)))
        for ins in st.instructions:
            if ins.keyword == "MAINTAINER":
                found.append((ins.line, _warn("MaintainerDeprecated",
                                              "Maintainer instruction is deprecated in favor of using label", ins.line)))
            elif ins.keyword in ("ENV", "LABEL"):
                rest = ins.text[len(ins.keyword):].strip()
                first = split_raw_words(rest, df.escape)[:1]
                if first and "=" not in first[0]:
                    found.append((ins.line, _warn("LegacyKeyValueFormat", f'"{ins.keyword} key=value" should be used '
                                                  f'instead of legacy "{ins.keyword} key value" format', ins.line)))
    return [w for _, w in sorted(found, key=lambda x: x[0])]


def json_args_checks(df: Dockerfile, stage_indexes: list[int]) -> list[str]:
    """JSONArgsRecommended for shell-form CMD and ENTRYPOINT in the stages the build runs, unless a
    SHELL instruction (in the stage or a stage it is built on) made the shell explicit."""
    out: list[str] = []
    for i in sorted(stage_indexes):
        shell_set = _inherits_shell(df, i)
        for ins in df.stages[i].instructions:
            if ins.keyword == "SHELL":
                shell_set = True
            elif ins.keyword in ("CMD", "ENTRYPOINT") and ins.argv is None and not shell_set:
                out.append(_warn("JSONArgsRecommended", f"JSON arguments recommended for {ins.keyword} to prevent "
                                 "unintended behavior related to OS signals", ins.line))
    return out


def _inherits_shell(df: Dockerfile, index: int, depth: int = 0) -> bool:
    base = df.stage_index(df.stages[index].base.image)
    if base is None or base >= index or depth > len(df.stages):
        return False
    return any(i.keyword == "SHELL" for i in df.stages[base].instructions) or _inherits_shell(df, base, depth + 1)
