import pytest

from app.sim.args import Flag, parse, parse_duration
from app.sim.errors import CommandError

FLAGS = [Flag(("-t", "--tag"), repeat=True), Flag(("-f", "--file")), Flag(("-q", "--quiet"), takes_value=False)]


def test_forms_of_flags():
    p = parse(["-t", "a", "--tag=b", "-tc", "-q", "ctx", "--file", "Dockerfile.dev"], FLAGS)
    assert p.list("tag") == ["a", "b", "c"]
    assert p.flag("quiet") and p.str("file") == "Dockerfile.dev"
    assert p.positional == ["ctx"]


def test_double_dash_and_bool_values():
    p = parse(["--quiet=false", "--", "-x"], FLAGS)
    assert p.flag("quiet") is False and p.positional == ["-x"]


def test_errors_in_cli_words():
    with pytest.raises(CommandError, match="unknown flag: --nope"):
        parse(["--nope"], FLAGS)
    with pytest.raises(CommandError, match="error: flag needs an argument: --file"):
        parse(["--file"], FLAGS, program="kubectl")


@pytest.mark.parametrize("text,seconds", [("30s", 30), ("5m", 300), ("1h30m", 5400), ("250ms", 0.25), ("12", 12)])
def test_durations(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "5x", "m5", "1h 2m", "--"])
def test_bad_durations(text):
    with pytest.raises(CommandError):
        parse_duration(text)
