"""Parser behaviour checked against BuildKit's own parser (frontend/dockerfile/parser and
instructions): each Dockerfile here is a small one of ours that reproduces a construct found in
Docker Hub's official images or in BuildKit's and Moby's parser test files."""
from __future__ import annotations

import pytest

from app.sim.docker.dockerfile import DockerfileError, parse_dockerfile


def instrs(text: str):
    return parse_dockerfile(text).stages[0].instructions


def error_of(text: str) -> DockerfileError:
    with pytest.raises(DockerfileError) as info:
        parse_dockerfile(text)
    return info.value


def test_copy_add_from_expose_split_at_whitespace_ignoring_quotes() -> None:
    # BuildKit's parseMaybeJSONToList: no quote handling, so a stray quote does not swallow the destination
    add, copy, expose = instrs('FROM a\nADD \\conf\\\\" /.znc\nCOPY "my file" /dst/\nEXPOSE 80/tcp  443\n')
    assert add.words == ('\\conf\\\\"', "/.znc")
    assert copy.words == ('"my', 'file"', "/dst/")
    assert expose.words == ("80/tcp", "443")


def test_user_workdir_stopsignal_take_the_whole_rest() -> None:
    text = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\Program Files\\app\nUSER Container User\nSTOPSIGNAL SIGQUIT\n"
    workdir, user, stop = instrs(text)
    assert workdir.words == ("C:\\Program Files\\app",)
    assert user.words == ("Container User",)
    assert stop.words == ("SIGQUIT",)
    assert "WORKDIR requires exactly one argument" in str(error_of("FROM a\nWORKDIR\n"))


def test_unknown_directive_ends_the_directives() -> None:
    df = parse_dockerfile("# foo=bar\n# escape=`\nFROM a\nRUN echo \\\n  x\n")
    assert df.escape == "\\" and df.directives == ()
    assert df.stages[0].instructions[0].shell == "echo   x"
    spaced = parse_dockerfile("#escape = `\n\nFROM image\nENV GOPATH `\n\\go")  # no newline at the end
    assert spaced.escape == "`" and spaced.stages[0].instructions[0].pairs == (("GOPATH", "\\go"),)


def test_heredocs_are_whole_words_only() -> None:
    shift, quoted, fd, real = instrs('FROM a\nRUN echo $((1<<4))\nRUN echo "a <<b" x<<y\nRUN 3<<EOF cat\nhi\nEOF\n'
                                     'RUN cat <<"END" | sh\necho $HOME\nEND\n')
    assert shift.heredocs == () and shift.shell == "echo $((1<<4))"
    assert quoted.heredocs == ()
    assert [h.name for h in fd.heredocs] == ["EOF"] and fd.heredocs[0].content == "hi\n"
    assert real.heredocs[0].name == "END" and not real.heredocs[0].expand
    assert real.heredocs[0].content == "echo $HOME\n"


def test_json_array_of_non_strings_is_an_error() -> None:
    err = error_of('FROM a\nCMD ["echo", 1]\n')
    assert err.line == 2 and "arrays must be comprised of strings only" in str(err)
    (cmd,) = instrs("FROM a\nCMD [NaN]\n")  # not JSON to Go: the shell form
    assert cmd.argv is None and cmd.shell == "[NaN]"
    (empty,) = instrs("FROM a\nCMD []\n")
    assert empty.argv == ()


def test_healthcheck_numbers_as_buildkit_reads_them() -> None:
    (ok,) = instrs("FROM a\nHEALTHCHECK --interval=1m30s --timeout=0 --start-period=1.5s --retries=0 CMD true\n")
    assert ok.flag("retries") == "0" and ok.shell == "true"
    assert 'Interval "interval" cannot be less than 1ms' in str(error_of("FROM a\nHEALTHCHECK --interval=500us CMD x\n"))
    assert 'time: invalid duration "5"' in str(error_of("FROM a\nHEALTHCHECK --timeout=5 CMD x\n"))
    assert 'strconv.ParseInt: parsing "x"' in str(error_of("FROM a\nHEALTHCHECK --retries=x CMD x\n"))
    assert 'Unknown type "RUN" in HEALTHCHECK' in str(error_of("FROM a\nHEALTHCHECK run x\n"))


def test_volume_rejects_an_empty_path() -> None:
    err = error_of('FROM a\nVOLUME ["/data", ""]\n')
    assert err.line == 2 and "VOLUME specified can not be an empty string" in str(err)


@pytest.mark.parametrize("word, hint", [
    ("RUNN", " (did you mean RUN?)"), ("runn", " (did you mean run?)"), ("Runn", " (did you mean run?)"),
    ("COPPY", " (did you mean COPY?)"), ("XYZZY", ""),
])
def test_unknown_instruction_hint_uses_edit_distance(word: str, hint: str) -> None:
    err = error_of(f"FROM a\n{word} x\n")
    assert str(err) == f"dockerfile parse error on line 2: unknown instruction: {word}{hint}"


def test_copy_without_destination_reads_like_buildkit() -> None:
    assert str(error_of("FROM a\nCOPY x\n")).endswith("Destination could not be determined")


def test_comment_inside_continuation_joins_the_next_line() -> None:
    # Moby's continueIndent case: the comment is dropped and the continuation goes on to the next line
    (run,) = instrs("FROM a\nRUN echo hello \\\n# a comment\nRUN echo more\n")
    assert run.shell == "echo hello RUN echo more"


def test_empty_continuation_lines_warn_once_per_instruction() -> None:
    df = parse_dockerfile("FROM a\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n")
    assert df.warnings == ("NoEmptyContinuation: Empty continuation line (line 6)",)
    assert df.stages[0].instructions[0].shell == "apk add     gnupg     curl"


def test_a_path_ending_in_a_backslash_continues_the_line() -> None:
    # As in BuildKit (and in the mongo nanoserver Dockerfile): `C:\\dir\\` ends with the escape
    # character, so the next non-empty, non-comment line joins the COPY
    (copy,) = instrs("FROM a\nCOPY --from=b \\\n\tC:\\\\x.dll \\\n\tC:\\\\dir\\\\\n\n# note\nENV V 1\n")
    assert copy.words == ("C:\\\\x.dll", "C:\\\\dir\\ENV", "V", "1")


def test_flags_read_as_buildkit_extracts_them() -> None:
    copy, run, add = instrs('FROM a\nCOPY --chown="www-data:www-data" --link=TRUE a b\nRUN -- --not-a-flag\n'
                            "ADD --chmod='0755' s d\n")
    assert copy.flags == (("chown", "www-data:www-data"), ("link", "TRUE")) and copy.words == ("a", "b")
    assert run.flags == () and run.shell == "--not-a-flag"
    assert add.flag("chmod") == "0755"
    # the newest BuildKit (instructions/bflag.go) names the flag with its dashes
    assert "missing a value on flag: --link" in str(error_of("FROM a\nCOPY --link= a b\n"))
    assert "expecting boolean value for flag --link, not: yes" in str(error_of("FROM a\nCOPY --link=yes a b\n"))
    assert "unknown flag: --Mount (did you mean mount?)" in str(error_of("FROM a\nRUN --Mount=type=cache x\n"))
    assert "unknown flag: --bogus" in str(error_of("FROM a\nRUN --bogus x\n"))
    assert "duplicate flag specified: --from" in str(error_of("FROM a\nCOPY --from=a --from=b x y\n"))
    (run,) = instrs("FROM a\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b make\n")
    assert [v for k, v in run.flags] == ["type=cache,target=/a", "type=cache,target=/b"]


def test_onbuild_wraps_a_heredoc_and_keeps_the_escape() -> None:
    onbuild, after = instrs("FROM a\nONBUILD RUN <<EOF\necho one\nEOF\nUSER app\n")
    assert onbuild.trigger.keyword == "RUN" and onbuild.trigger.heredocs[0].content == "echo one\n"
    assert onbuild.heredocs[0].name == "EOF" and after.keyword == "USER"
    (win,) = parse_dockerfile("# escape=`\nFROM a\nONBUILD COPY C:\\src\\ C:\\dst\\\n").stages[0].instructions
    assert win.trigger.words == ("C:\\src\\", "C:\\dst\\")


def test_empty_file_and_a_file_of_arguments_only() -> None:
    assert str(error_of("")) == "the Dockerfile cannot be empty"
    assert str(error_of("# just a comment\n\n")) == "file with no instructions"
    assert str(error_of("ARG A=1\n")) == "dockerfile contains no stages to build"
    located = error_of("FROM a\nRUN <<EOF\necho\n")
    assert str(located) == "unterminated heredoc" and (located.line, located.end_line) == (2, 3)


def test_official_image_idioms() -> None:
    # shapes seen in Docker Hub's official images, written here from scratch
    text = ("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
            "ENV `\n    # a comment between pairs\n    A=1 `\n    # another\n    B=two\n"
            'COPY ["C:\\\\Program Files\\\\Go","C:\\\\Program Files\\\\Go"]\n'
            "VOLUME C:\\\\data\\\\db C:\\\\data\\\\configdb\n"
            "RUN `\n    && echo first `\n    `\n    && echo second\n")
    env, copy, volume, run = parse_dockerfile(text).stages[0].instructions
    assert env.pairs == (("A", "1"), ("B", "two"))
    assert copy.words == ("C:\\Program Files\\Go", "C:\\Program Files\\Go")  # JSON: one path with a space
    assert volume.words == ("C:\\\\data\\\\db", "C:\\\\data\\\\configdb")
    assert run.shell.split() == ["&&", "echo", "first", "&&", "echo", "second"]
    linux = parse_dockerfile("FROM debian\nRUN \\\n\tfind / -name x \\\n\t\t| xargs echo\n"
                             "LABEL maintainer \"someone@example.com\"\nCMD []\n").stages[0].instructions
    assert linux[0].shell.startswith("find / -name x") and linux[1].pairs == (("maintainer", '"someone@example.com"'),)
    assert linux[2].argv == ()
