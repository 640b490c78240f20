"""Our own SVG illustrations (assets/scenes/*.svg), recoloured from the colour profile.

The SVG files are drawn with a fixed "art palette" (the hex values in :data:`ART_COLORS`) so they can
be opened and edited on their own. Before Qt renders them, every palette colour is replaced by a
colour derived from the active :class:`ColorProfile`: outlines use the profile's text colour (black
on the projector's white canvas, 21:1), fills are the profile's roles blended into the canvas. So the
pictures follow the profile like everything else, and no colour in the scene comes from elsewhere.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtSvgWidgets import QGraphicsSvgItem

from app.ui.theme import ColorProfile

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "scenes"

#: Palette colour in the SVG files -> art role.
ART_COLORS: dict[str, str] = {
    "#2b2b2b": "outline",
    "#f3e3c3": "wall",
    "#b5ada0": "stone",
    "#9a6a3a": "wood",
    "#c0533a": "roof",
    "#8cc7e8": "window",
    "#7bb661": "ground",
    "#8b6b4a": "soil",
    "#9b6dff": "magic",
    "#ffd54a": "sparkle",
    "#3f7fbf": "pack",
    "#2f6aa6": "pack_dark",
    "#b03a2e": "door",
    "#d9b45a": "straw",
    "#6d7480": "tile",
    "#555b66": "dark",
    "#ffffff": "trim",
    "#c98c54": "mud",
}

_HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def mix(a: QColor | str, b: QColor | str, t: float) -> QColor:
    """``a`` moved a fraction ``t`` toward ``b`` (t=0: a, t=1: b), in sRGB."""
    ca, cb = QColor(a), QColor(b)
    return QColor(round(ca.red() + (cb.red() - ca.red()) * t),
                  round(ca.green() + (cb.green() - ca.green()) * t),
                  round(ca.blue() + (cb.blue() - ca.blue()) * t))


def art_palette(profile: ColorProfile) -> dict[str, QColor]:
    """Each art role as a colour built only from ``profile``'s roles."""
    c = profile.canvas
    return {
        "outline": QColor(profile.text),
        "wall": mix(c, profile.warning, 0.28),
        "stone": mix(c, profile.muted, 0.45),
        "wood": mix(c, profile.warning, 0.8),
        "roof": mix(c, profile.registry, 0.8),
        "window": mix(c, profile.accent, 0.45),
        "ground": mix(c, profile.ok, 0.55),
        "soil": mix(c, mix(profile.warning, profile.error, 0.35), 0.6),
        "magic": QColor(profile.control_plane),
        "sparkle": mix(c, profile.highlight, 0.75),
        "pack": mix(c, profile.accent, 0.7),
        "pack_dark": mix(c, profile.accent, 0.9),
        "door": mix(c, profile.error, 0.7),
        "straw": mix(c, profile.warning, 0.5),
        "tile": mix(c, profile.muted, 0.75),
        "dark": mix(c, profile.text, 0.55),
        "trim": mix(c, profile.text, 0.2),
        "mud": mix(c, profile.registry, 0.5),
    }


def recolor(svg_text: str, profile: ColorProfile) -> str:
    """The SVG text with every art-palette colour replaced by the profile's colour for its role."""
    palette = art_palette(profile)

    def swap(m: re.Match[str]) -> str:
        role = ART_COLORS.get(m.group(0).lower())
        if role is None:  # tests make sure this never happens in our files
            return m.group(0)
        return palette[role].name()

    return _HEX.sub(swap, svg_text)


@lru_cache(maxsize=64)
def _renderer(name: str, profile: ColorProfile) -> QSvgRenderer:
    text = (ASSETS / f"{name}.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(recolor(text, profile).encode("utf-8")))
    if not renderer.isValid():
        raise ValueError(f"assets/scenes/{name}.svg is not a valid SVG")
    return renderer


def renderer(name: str, profile: ColorProfile) -> QSvgRenderer:
    """A shared renderer for ``assets/scenes/<name>.svg`` in ``profile``'s colours (cached)."""
    return _renderer(name, profile)


def art_names() -> list[str]:
    return sorted(p.stem for p in ASSETS.glob("*.svg"))


def svg_item(name: str, profile: ColorProfile, width: float, height: float | None = None) -> QGraphicsSvgItem:
    """An illustration scaled to ``width`` (and stretched to ``height`` if given), top-left at 0,0.

    Vector all the way: the view re-renders it at any zoom, so it stays crisp.
    """
    item = QGraphicsSvgItem()
    # No pixmap cache: painted as vectors every time, so it stays crisp at any zoom and exports to
    # SVG as shapes (QGraphicsSvgItem caches in device pixels by default).
    from PySide6.QtWidgets import QGraphicsItem

    item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    r = renderer(name, profile)
    item.setSharedRenderer(r)
    box = r.viewBoxF()
    sx = width / box.width()
    sy = sx if height is None else height / box.height()
    from PySide6.QtGui import QTransform

    item.setTransform(QTransform.fromScale(sx, sy))
    return item
