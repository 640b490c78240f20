"""Helpers shared by the architecture and cluster scenes: pens and brushes, text, phase glyphs."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextOption


def brush(color: QColor | str) -> QBrush:
    return QBrush(QColor(color))


def pen(color: QColor | str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    p = QPen(QColor(color))
    p.setWidthF(width)
    p.setStyle(style)
    p.setCosmetic(False)
    return p


NO_PEN = QPen(Qt.PenStyle.NoPen)
NO_BRUSH = QBrush(Qt.BrushStyle.NoBrush)


def elide(text: str, font: QFont, width: float) -> str:
    return QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def wrap_text(text: str, font: QFont, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (at word boundaries, or anywhere in a word
    that is longer than a line, as Chinese text breaks between any two characters)."""
    if not text:
        return []
    protected = text.replace("-", "\u2011")  # never break "CRI-O" or "kube-proxy" at the hyphen
    layout = QTextLayout(protected, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())  # same offsets
    layout.endLayout()
    return [ln for ln in lines if ln]


def first_fitting(versions: "list[str] | tuple[str, ...]", font: QFont, width: float) -> str:
    """The first of ``versions`` (fullest first) that fits ``width`` at ``font``; else the last
    (which draw_text then cuts with "…"): a summary instead of a cut line."""
    fm = QFontMetricsF(font)
    for text in versions:
        if fm.horizontalAdvance(text) <= width:
            return text
    return versions[-1]


def fit_font(scene, text: str, px: float, width: float, bold: bool = False) -> QFont:
    """The scene's font at ``px``, shrunk (down to 70 %) so that ``text`` fits in ``width``."""
    font = scene.font_px(px, bold=bold)
    w = QFontMetricsF(font).horizontalAdvance(text)
    if w > width > 0:
        font = scene.font_px(max(px * 0.7, px * width / w), bold=bold)
    return font


def draw_text(painter: QPainter, rect: QRectF, text: str, font: QFont, color: QColor,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
              elided: bool = True) -> bool:
    """Draw one line; skipped (False) when the font is far taller than the line (presenter sizes
    on a tiny card: better no text than text over text)."""
    if QFontMetricsF(font).height() > rect.height() * 1.6:
        return False
    painter.setFont(font)
    painter.setPen(QPen(color))
    painter.drawText(rect, int(align), elide(text, font, rect.width()) if elided else text)
    return True


def line_height(scene, px: float, factor: float = 1.3) -> float:
    """Height of a text line at ``px`` after the presenter minimum is applied."""
    return max(px, scene.min_text_px) * factor


# -- pod phases: a colour role AND a shape, so projector users never depend on colour alone -------
#: display state -> (colour role, shape). Shapes: hollow, half, solid, ring, cross, strike.
POD_STYLES: dict[str, tuple[str, str]] = {
    "Pending": ("pod_pending", "hollow"),            # waiting in the scheduler's queue
    "Scheduled": ("pod_pending", "half"),            # bound, kubelet preparing (pull, create)
    "ContainerCreating": ("pod_pending", "half"),
    "Running": ("pod_running", "ring"),              # running, not ready yet
    "Ready": ("pod_running", "solid"),
    "Failed": ("pod_failed", "cross"),               # ErrImagePull, CrashLoopBackOff, Error...
    "Terminating": ("muted", "strike"),
}

POD_LEGEND = (
    ("Pending", "等待调度", "Pending"),
    ("ContainerCreating", "拉取镜像/创建中", "Pulling / creating"),
    ("Running", "运行中(未就绪)", "Running, not ready"),
    ("Ready", "就绪", "Ready"),
    ("Failed", "失败/重启退避", "Failed / back-off"),
    ("Terminating", "终止中", "Terminating"),
)


def pod_style(state: str) -> tuple[str, str]:
    return POD_STYLES.get(state, POD_STYLES["Failed"])


def draw_pod_glyph(painter: QPainter, rect: QRectF, state: str, profile, canvas_role: str = "node") -> None:
    """One pod chip in its state's colour and shape (used by the legend and at close zoom)."""
    role, shape = pod_style(state)
    color = profile.color(role)
    painter.setPen(pen(color, max(1.0, rect.height() * 0.12)))
    inner = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    if shape in ("solid", "cross", "ring"):
        painter.setBrush(brush(color))
    else:
        painter.setBrush(brush(profile.color(canvas_role)))
    painter.drawRoundedRect(inner, rect.height() * 0.2, rect.height() * 0.2)
    if shape == "half":
        painter.setBrush(brush(color))
        painter.drawRect(QRectF(inner.left(), inner.top(), inner.width() / 2, inner.height()))
    elif shape == "ring":
        painter.setBrush(brush(profile.color(canvas_role)))
        painter.setPen(NO_PEN)
        painter.drawRect(inner.adjusted(inner.width() * 0.3, inner.height() * 0.3,
                                        -inner.width() * 0.3, -inner.height() * 0.3))
    elif shape == "cross":
        painter.setPen(pen(profile.color(canvas_role), max(1.0, rect.height() * 0.14)))
        painter.drawLine(inner.topLeft() + _d(inner, 0.25), inner.bottomRight() - _d(inner, 0.25))
        painter.drawLine(inner.bottomLeft() + _d(inner, 0.25, -1), inner.topRight() - _d(inner, 0.25, -1))
    elif shape == "strike":
        painter.drawLine(inner.bottomLeft(), inner.topRight())


def _d(r: QRectF, f: float, sy: int = 1):
    from PySide6.QtCore import QPointF
    return QPointF(r.width() * f, sy * r.height() * f)
