"""The documented RUN model: deterministic, reads package counts, cleans apt lists."""
from __future__ import annotations

from app.sim.docker.runmodel import estimate


def test_deterministic_and_ordered() -> None:
    assert estimate("apt-get update && apt-get install -y curl") == estimate("apt-get update && apt-get install -y curl")
    small, _, _ = estimate("mkdir -p /app")
    one, t1, _ = estimate("apt-get install -y curl")
    three, t3, why = estimate("apt-get install -y curl git jq")
    assert small < one < three and t1 < t3 and "apt-get install (3 packages)" in why


def test_cleaning_apt_lists_shrinks_the_layer() -> None:
    dirty, _, _ = estimate("apt-get update && apt-get install -y curl")
    clean, _, _ = estimate("apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*")
    assert dirty - clean > 30_000_000


def test_requirements_file_from_the_context() -> None:
    few, _, _ = estimate("pip install -r requirements.txt", {"requirements.txt": b"flask\n"})
    many, _, why = estimate("pip install -r requirements.txt", {"requirements.txt": b"a\nb\nc\n# note\nd\n"})
    assert many > few and "(4 packages)" in why
