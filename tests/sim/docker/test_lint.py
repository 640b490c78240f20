"""BuildKit's build checks that follow from the Dockerfile text, worded as its linter words them."""
from __future__ import annotations

from pathlib import Path

from app.sim.docker.dockerfile import parse_dockerfile
from app.sim.docker.dockerfile.lint import file_checks, json_args_checks


def test_file_checks() -> None:
    df = parse_dockerfile("FROM alpine as Build\nMAINTAINER me\nENV A 1\nLABEL a=b\nENV B=2\n"
                          "from alpine AS x\nFROM alpine AS ok\nlabel k v\n")
    assert file_checks(df) == [
        "StageNameCasing: Stage name 'Build' should be lowercase (line 1)",
        "FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)",
        "MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (line 2)",
        'LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 3)',
        "FromAsCasing: 'AS' and 'from' keywords' casing do not match (line 6)",
        'LegacyKeyValueFormat: "LABEL key=value" should be used instead of legacy "LABEL key value" format (line 8)',
    ]


def test_json_args_only_in_built_stages_and_not_after_shell() -> None:
    df = parse_dockerfile('FROM a AS base\nSHELL ["bash", "-c"]\nCMD run\nFROM base AS child\nENTRYPOINT go\n'
                          'FROM a AS other\nCMD sh-form\nFROM a\nCMD ["exec"]\nENTRYPOINT shell form\n')
    assert json_args_checks(df, [0, 1, 3]) == [
        "JSONArgsRecommended: JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to "
        "OS signals (line 10)"]
    assert len(json_args_checks(df, [2])) == 1


def test_build_prints_the_checks(world, tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine\nENV PATH /opt/bin:$PATH\nCMD echo hi\n")
    out = world.ok(f"docker build {tmp_path}").splitlines()
    at = out.index(" 2 warnings found (use docker --debug to expand):")
    assert out[at + 1].startswith(" - LegacyKeyValueFormat: ") and out[at + 1].endswith("(line 2)")
    assert out[at + 2].startswith(" - JSONArgsRecommended: ") and out[at + 2].endswith("(line 3)")
