"""Shared by the lesson tests: the fixture lessons and a world with only the engine core."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def load_core_world() -> type:
    """The core-only engine world the fixture lessons run on (tests/lessons/fixtures/core_world.py)."""
    from tests.lessons.fixtures.core_world import CoreWorld

    return CoreWorld


@pytest.fixture
def core_world() -> type:
    return load_core_world()


@pytest.fixture
def good_dir() -> Path:
    return FIXTURES / "good"
