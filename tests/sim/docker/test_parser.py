"""The Dockerfile parser: directives, continuations, forms, substitution, and BuildKit's errors."""
from __future__ import annotations

import pytest

from app.sim.docker.dockerfile import DockerfileError, parse_dockerfile
from app.sim.docker.dockerfile.substitution import SubstitutionError, expand, expand_words


def only(text: str):
    return parse_dockerfile(text).stages[0].instructions


def test_directives_escape_and_continuations() -> None:
    df = parse_dockerfile("# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\nRUN echo a `\n  # skipped comment\n  b\n")
    assert df.escape == "`" and ("syntax", "docker/dockerfile:1") in df.directives
    assert df.stages[0].instructions[0].shell == "echo a   b"
    late = parse_dockerfile("FROM alpine\n# escape=`\nRUN echo \\\n x\n")
    assert late.escape == "\\" and late.stages[0].instructions[0].shell == "echo  x"


def test_shell_and_exec_forms() -> None:
    run, cmd, bad_json, ep = only('FROM a\nRUN ["echo", "hi"]\nCMD echo "x y"\nCMD [not json]\nENTRYPOINT ["/e"]\n')
    assert run.argv == ("echo", "hi") and run.shell == ""
    assert cmd.argv is None and cmd.shell == 'echo "x y"'
    assert bad_json.argv is None and bad_json.shell == "[not json]"  # BuildKit falls back to the shell form
    assert ep.argv == ("/e",)


def test_env_label_arg_forms() -> None:
    env_new, env_old, label, arg = only('FROM a\nENV A=1 B="two words" C=x\\ y\nENV PATH /opt/bin:$PATH\n'
                                        'LABEL "org.x"="v" a=b\nARG V=1 W\n')
    assert env_new.pairs == (("A", "1"), ("B", '"two words"'), ("C", "x\\ y"))
    assert env_old.pairs == (("PATH", "/opt/bin:$PATH"),)
    assert label.pairs[1] == ("a", "b")
    assert arg.pairs == (("V", "1"), ("W", None))


def test_from_stages_and_meta_args() -> None:
    df = parse_dockerfile("ARG V=3\nFROM --platform=$BUILDPLATFORM golang:${V} AS Build\nFROM scratch\n")
    assert [a.pairs for a in df.meta_args] == [(("V", "3"),)]
    assert df.stages[0].name == "build" and df.stages[0].base.flag("platform") == "$BUILDPLATFORM"
    assert df.stage_index("BUILD") == 0 and df.stage_index("1") == 1 and df.stages[1].label == "stage-1"


def test_heredocs() -> None:
    run, copy = only("FROM a\nRUN <<EOF\nset -e\necho $X\nEOF\nCOPY <<-'A' <<B /dst/\n\tone\n\tA\ntwo\nB\n")
    assert run.heredocs[0].content == "set -e\necho $X\n" and run.heredocs[0].expand
    assert [d.name for d in copy.heredocs] == ["A", "B"]
    assert copy.heredocs[0].content == "one\n" and not copy.heredocs[0].expand
    assert copy.words == ("<<-'A'", "<<B", "/dst/")


@pytest.mark.parametrize("text, line, reason", [
    ("FROM alpine\n\nRUNN echo", 3, "unknown instruction: RUNN (did you mean RUN?)"),
    ("FROM alpine\ncopy x\n", 2, "COPY requires at least two arguments"),
    ("FROM a b\n", 1, "FROM requires either one or three arguments"),
    ("FROM a AS 1x\n", 1, "invalid name for build stage"),
    ("FROM a AS x\nFROM b AS x\n", 2, 'duplicate stage name "x"'),
    ("FROM a\nENV A\n", 2, "ENV must have two arguments"),
    ("FROM a\nENV =1\n", 2, "ENV names can not be blank"),
    ("FROM a\nLABEL a=1 b\n", 2, "can't find = in \"b\""),
    ("FROM a\nSHELL /bin/bash -c\n", 2, "SHELL requires the arguments to be in JSON form"),
    ("FROM a\nCOPY --frm=x a b\n", 2, "unknown flag: --frm (did you mean from?)"),
    ("FROM a\nCOPY --from a b\n", 2, "missing a value on flag: --from"),
    ("FROM a\nHEALTHCHECK RUN x\n", 2, 'Unknown type "RUN" in HEALTHCHECK'),
    ("FROM a\nHEALTHCHECK --retries=-1 CMD x\n", 2, "--retries cannot be negative (-1)"),
    ("FROM a\nONBUILD ONBUILD RUN x\n", 2, "isn't allowed"),
    ("FROM a\nONBUILD FROM b\n", 2, "FROM isn't allowed as an ONBUILD trigger"),
    ("FROM a\nUSER\n", 2, "USER requires exactly one argument"),
    ("FROM a\nRUN <<EOF\necho\n", 2, "unterminated heredoc"),
    ("RUN x\n", 1, "no build stage in current context"),
    ("# escape=x\nFROM a\n", 1, "invalid escape token"),
    ("\n# only a comment\n", None, "file with no instructions"),
])
def test_errors_name_the_line(text: str, line: int | None, reason: str) -> None:
    with pytest.raises(DockerfileError) as info:
        parse_dockerfile(text)
    assert info.value.line == line
    assert reason in str(info.value)
    if reason.startswith(BARE):  # BuildKit reports these without the prefix (only the error screen locates them)
        assert str(info.value).startswith(reason)
    else:
        assert str(info.value).startswith(f"dockerfile parse error{f' on line {line}' if line else ''}: ")


#: the line parser's own errors and the stage checks, which BuildKit does not prefix with "dockerfile parse error"
BARE = ("duplicate stage name", "unterminated heredoc", "no build stage", "invalid escape token",
        "file with no instructions")


def test_substitution() -> None:
    env = {"A": "x", "E": ""}
    assert expand("${A}-$A-${B:-d}-${E:-d}-${E-d}-${A:+alt}-${B:+alt}", env) == "x-x-d-d--alt-"
    assert expand("'$A' \"$A\" \\$A", env) == "$A x $A"
    assert expand_words('a "b c" ${A}d', env) == ["a", "b c", "xd"]
    with pytest.raises(SubstitutionError):
        expand("${B:?required}", env)
    with pytest.raises(SubstitutionError):
        expand("${A", env)
    with pytest.raises(SubstitutionError):
        expand('"open', env)
