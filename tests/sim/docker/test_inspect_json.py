"""`docker inspect` writes JSON as Docker's Go encoder does."""
from __future__ import annotations

import json
from pathlib import Path


def test_inspect_keeps_chinese_and_escapes_html_characters(world, tmp_path: Path) -> None:  # noqa: ANN001
    (tmp_path / "Dockerfile").write_text('FROM alpine:3.20\nENV GREETING="你好 <world> & co"\n', encoding="utf-8")
    world.ok(f"docker build -q -t hello:1 {tmp_path}")
    out = world.ok("docker inspect hello:1")
    assert '"GREETING=你好 \\u003cworld\\u003e \\u0026 co"' in out
    assert json.loads(out)[0]["Config"]["Env"][-1] == "GREETING=你好 <world> & co"
