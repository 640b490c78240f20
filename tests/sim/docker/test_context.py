"""The build context: .dockerignore rules and COPY source matching."""
from __future__ import annotations

import pytest

from app.sim.docker.context import SourceNotFound, filter_context, match_sources

FILES = {p: b"x" for p in ["Dockerfile", ".dockerignore", "app.py", "README.md", "docs/guide.md", "docs/keep.md",
                           "src/main.py", "src/util/helpers.py", "src/__pycache__/main.cpython-312.pyc",
                           "node_modules/left-pad/index.js", ".git/HEAD", "build/out.bin", "a/b/c/deep.tmp"]}


def test_dockerignore_rules() -> None:
    rules = b"# comment\n.git\n/node_modules\n**/__pycache__\n*.md\n!docs/keep.md\ndocs/\nbuild\n**/*.tmp\n"
    kept, dropped = filter_context({**FILES, ".dockerignore": rules})
    assert sorted(kept) == [".dockerignore", "Dockerfile", "app.py", "src/main.py", "src/util/helpers.py"]
    assert "docs/keep.md" in dropped  # "docs/" after the exception excludes it again: the last match wins


def test_exception_after_directory_rule() -> None:
    kept, _ = filter_context({**FILES, ".dockerignore": b"docs\n!docs/keep.md\n"})
    assert "docs/keep.md" in kept and "docs/guide.md" not in kept


def test_match_sources() -> None:
    assert match_sources(FILES, "app.py") == [("app.py", "app.py")]
    assert ("src/util/helpers.py", "util/helpers.py") in match_sources(FILES, "src")
    assert ("src/util/helpers.py", "util/helpers.py") in match_sources(FILES, "./src/")
    assert [r for _, r in match_sources(FILES, "*.py")] == ["app.py"]
    assert len(match_sources(FILES, ".")) == len(FILES)
    for bad in ("nope.txt", "../etc/passwd", "src/*.txt"):
        with pytest.raises(SourceNotFound):
            match_sources(FILES, bad)
