"""The colour profile: every colour the UI and the scenes use, in a normal and a projector variant.

One object holds all colours (PhET's pattern): widgets, the stage and every scene read their colours
from the active :class:`ColorProfile`, so switching profile recolours everything at once.

* ``NORMAL`` is a calm dark theme for screens.
* ``PROJECTOR`` is light (projectors cannot show black: black is the absence of light) with dark
  text: every text role reaches 7:1 against the backgrounds it is drawn on, every glyph role 3:1
  against the canvas (checked by ``tests/ui/test_theme.py``).

To add a role: add a field here and give it a value in both profiles (the test checks the rules).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

from PySide6.QtGui import QColor, QFont, QPalette

#: Roles that carry text and must reach 7:1 against ``canvas``, ``panel`` and ``panel_alt``.
TEXT_ROLES = ("text", "muted")
#: Roles drawn as shapes (glyphs, lines) on the canvas: at least 3:1 against ``canvas`` in projector mode.
GLYPH_ROLES = ("accent", "ok", "warning", "error", "node_border", "pod_running", "pod_pending",
               "pod_failed", "layer_built", "layer_cached", "control_plane", "worker", "registry",
               "link", "message", "highlight")
#: Background roles (panels, fills) on which text is drawn in ``text``.
BACKGROUND_ROLES = ("canvas", "panel", "panel_alt", "node", "selection")

#: The font family used everywhere; Noto Sans CJK renders Chinese as Chinese (fonts-noto-cjk).
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans", "DejaVu Sans"]
MONO_FAMILIES = ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"]


@dataclass(frozen=True)
class ColorProfile:
    """Named colour roles as ``#rrggbb`` strings. Use :meth:`color` to get a ``QColor``."""

    name: str
    canvas: str          # the stage background
    panel: str           # side panels, docks, bars
    panel_alt: str       # alternate panel rows, input fields
    border: str          # panel and widget borders
    text: str            # body text everywhere
    muted: str           # secondary text (still readable: 7:1 in projector mode)
    accent: str          # links, the current step, focus
    accent_text: str     # text drawn on an accent-coloured button
    ok: str              # success, expectation met
    warning: str         # attention
    error: str           # errors, failed checks
    selection: str       # selected list rows
    selection_text: str  # text on selected rows
    highlight: str       # the glow around highlighted scene items
    node: str            # fill of a node / machine box
    node_border: str     # outline of a node box
    pod_running: str
    pod_pending: str
    pod_failed: str
    layer_built: str     # an image layer built just now
    layer_cached: str    # an image layer taken from the build cache
    control_plane: str
    worker: str
    registry: str
    link: str            # lines between things
    message: str         # a message travelling along a link
    blank_black: str = "#000000"   # the B key (blank stage)
    blank_white: str = "#ffffff"   # the W key

    @property
    def is_projector(self) -> bool:
        return self.name == "projector"

    def color(self, role: str, alpha: int | None = None) -> QColor:
        """The role's colour as a ``QColor`` (optionally with an alpha 0-255)."""
        value = getattr(self, role)
        c = QColor(value)
        if alpha is not None:
            c.setAlpha(alpha)
        return c

    def roles(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}

    def palette(self) -> QPalette:
        """A Qt palette built from the profile, so plain widgets follow it too."""
        p = QPalette()
        pairs = {
            QPalette.ColorRole.Window: self.panel,
            QPalette.ColorRole.WindowText: self.text,
            QPalette.ColorRole.Base: self.panel_alt,
            QPalette.ColorRole.AlternateBase: self.panel,
            QPalette.ColorRole.Text: self.text,
            QPalette.ColorRole.Button: self.panel_alt,
            QPalette.ColorRole.ButtonText: self.text,
            QPalette.ColorRole.Highlight: self.selection,
            QPalette.ColorRole.HighlightedText: self.selection_text,
            QPalette.ColorRole.ToolTipBase: self.panel_alt,
            QPalette.ColorRole.ToolTipText: self.text,
            QPalette.ColorRole.PlaceholderText: self.muted,
            QPalette.ColorRole.Link: self.accent,
            QPalette.ColorRole.BrightText: self.text,
        }
        for role, value in pairs.items():
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                p.setColor(group, role, QColor(value))
            p.setColor(QPalette.ColorGroup.Disabled, role, QColor(self.muted if "Text" in role.name else value))
        return p


NORMAL = ColorProfile(
    name="normal",
    canvas="#18202b", panel="#1f2935", panel_alt="#283442", border="#3a4a5d",
    text="#eef2f7", muted="#a9b6c6", accent="#5aaeff", accent_text="#0b1420",
    ok="#4cc38a", warning="#f2b53a", error="#ff7070",
    selection="#2f5c8f", selection_text="#ffffff", highlight="#ffd24d",
    node="#243141", node_border="#6f86a3",
    pod_running="#4cc38a", pod_pending="#f2b53a", pod_failed="#ff7070",
    layer_built="#6aa9ff", layer_cached="#95a3b6",
    control_plane="#b892ff", worker="#5aaeff", registry="#ffa45c",
    link="#7e90a6", message="#ffd24d",
)

PROJECTOR = ColorProfile(
    name="projector",
    canvas="#ffffff", panel="#f1f4f9", panel_alt="#ffffff", border="#5a6576",
    text="#000000", muted="#2e3644", accent="#0a4aa0", accent_text="#ffffff",
    ok="#075a2b", warning="#6e4200", error="#a0001a",
    selection="#dde9ff", selection_text="#000000", highlight="#c25e00",
    node="#f4f7fb", node_border="#3b4656",
    pod_running="#0b7a3e", pod_pending="#8f5a00", pod_failed="#c0132b",
    layer_built="#1554b8", layer_cached="#566173",
    control_plane="#5b2fa8", worker="#0a4aa0", registry="#a34700",
    link="#4a5566", message="#b34a00",
)

PROFILES = {p.name: p for p in (NORMAL, PROJECTOR)}


def profile_for(presenter: bool) -> ColorProfile:
    return PROJECTOR if presenter else NORMAL


def relative_luminance(color: str | QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 black .. 1 white)."""
    c = QColor(color)

    def channel(v: int) -> float:
        s = v / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio between two colours, 1.0 (same) to 21.0 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def ui_font(pixel_size: int, bold: bool = False, mono: bool = False) -> QFont:
    """The app's font at a pixel size (pixel sizes keep presenter rules exact)."""
    font = QFont()
    font.setFamilies(MONO_FAMILIES if mono else FONT_FAMILIES)
    font.setPixelSize(max(1, int(pixel_size)))
    font.setBold(bold)
    return font


def with_overrides(profile: ColorProfile, **roles: str) -> ColorProfile:
    """A copy with some roles changed (tests, experiments)."""
    return replace(profile, **roles)
