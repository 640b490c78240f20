"""Our own illustrations: valid SVG, drawn only with the art palette, recoloured from the profile."""
from __future__ import annotations

import re
from typing import Any

import pytest

from app.ui.scenes import a_art
from app.ui.theme import NORMAL, PROJECTOR, contrast_ratio

NAMES = ["backpack", "floor_base", "floor_door", "floor_plain", "hut", "land", "magic", "roof", "siheyuan",
         "villa", "warehouse"]


def test_the_promised_illustrations_exist() -> None:
    assert set(NAMES) <= set(a_art.art_names())


@pytest.mark.parametrize("name", NAMES)
def test_only_palette_colours_and_valid_in_both_profiles(qtbot: Any, name: str) -> None:
    text = (a_art.ASSETS / f"{name}.svg").read_text(encoding="utf-8")
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", text)}
    assert used <= set(a_art.ART_COLORS), used - set(a_art.ART_COLORS)
    assert "<image" not in text and "http" not in text.replace("http://www.w3.org/2000/svg", "")
    for profile in (NORMAL, PROJECTOR):
        recoloured = a_art.recolor(text, profile)
        allowed = {c.name() for c in a_art.art_palette(profile).values()}
        assert {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", recoloured)} <= allowed
        assert a_art.renderer(name, profile).isValid()


def test_outlines_carry_the_shapes_on_the_projector() -> None:
    outline = a_art.art_palette(PROJECTOR)["outline"]
    assert contrast_ratio(outline, PROJECTOR.canvas) >= 7.0
