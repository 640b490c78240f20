"""Shared by the lesson tests: the fixture lessons and a world with only the engine core."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def load_core_world() -> type:
    """The fixture world module, loaded once under one name (its events must be importable)."""
    name = "shell_core_world"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, FIXTURES / "core_world.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name].CoreWorld


@pytest.fixture
def core_world() -> type:
    return load_core_world()


@pytest.fixture
def good_dir() -> Path:
    return FIXTURES / "good"
