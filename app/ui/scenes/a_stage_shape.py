"""Scenes that follow the shape of the stage they are shown on.

In the window the stage is rarely 16:9: the narration takes about a third of the width, so at
1920x1080 and 1024x768 alike the stage is close to square, and a 1600 x 900 picture fitted into it
leaves bands of empty canvas above and below. A scene with this mixin keeps its rect 1600 wide and
makes it as tall as the view's shape asks (900 to 1600, in steps of 50): the view's scale is set by
the width in both cases, so the presenter text size the window computes from it does not change,
and the scene simply gets more room to lay out in. Without a view (tests, handouts) it is 900 tall.

Use: inherit it before SceneBase, call :meth:`follow_view_shape` first thing in ``rebuild`` and lay
out within ``self.sceneRect()``; :attr:`tall` says the stage is 4:3 or squarer. When the view is
resized the scene is rebuilt for the new shape and the view fitted again (if it was fitted).
"""
from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRectF

WIDTH, MIN_H, MAX_H = 1600.0, 900.0, 1600.0
#: from this height on (a 4:3 or squarer stage) scenes put their panels below instead of beside
TALL_H = 1150.0


class FollowsViewShape:
    _shape_watched: list[Any]

    #: the tallest scene it makes (readable scenes allow more, so narrow stages have no empty bands)
    max_stage_h = MAX_H

    def stage_height(self) -> float:
        """The scene height that matches the first view's shape (1600 wide; 900 with no view)."""
        for view in self.views():  # type: ignore[attr-defined]
            vp = view.viewport()
            if vp.width() > 0 and vp.height() > 0:
                h = WIDTH * vp.height() / vp.width()
                return max(MIN_H, min(self.max_stage_h, round(h / 50) * 50))
        return MIN_H

    @property
    def tall(self) -> bool:
        return self.sceneRect().height() >= TALL_H  # type: ignore[attr-defined]

    def follow_view_shape(self) -> float:
        """Watch the views' sizes and set the scene rect for the current one; returns its height."""
        watched = getattr(self, "_shape_watched", None)
        if watched is None:
            watched = self._shape_watched = []
        for view in self.views():  # type: ignore[attr-defined]
            vp = view.viewport()
            if vp not in watched:
                vp.installEventFilter(self)
                watched.append(vp)
        height = self.stage_height()
        if height != self.sceneRect().height():  # type: ignore[attr-defined]
            self.setSceneRect(QRectF(0, 0, WIDTH, height))  # type: ignore[attr-defined]
            self._refit_views()
        return height

    def _refit_views(self) -> None:
        """Fit the views that were fitted to the old rect to the new one (the stage's ``fit``)."""
        for view in self.views():  # type: ignore[attr-defined]
            if getattr(view, "fitted", False) and hasattr(view, "fit"):
                view.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """A view showing this scene changed size: lay out again for its shape (and fit it again)."""
        if event.type() == QEvent.Type.Resize and any(v.viewport() is obj for v in self.views()):  # type: ignore[attr-defined]
            if self.stage_height() != self.sceneRect().height():  # type: ignore[attr-defined]
                self.rebuild()  # type: ignore[attr-defined]
        return False


#: the smallest text, in screen pixels, that a scene with :class:`ReadableOnStage` draws in normal mode
READABLE_PX = 11.0


class _ReadableBase(FollowsViewShape):
    """What both readable mixins share: a taller scene allowed, and the text floor kept for the view."""

    max_stage_h = 2400.0
    text_floor = 0
    _floor_used: int | None = None

    def readable_px(self) -> int:
        """Scene units that make READABLE_PX screen pixels in the first view (0 without a view)."""
        for view in self.views():  # type: ignore[attr-defined]
            vp = view.viewport()
            if vp.width() > 0 and vp.height() > 0:
                scale = min(vp.width() / WIDTH, vp.height() / self.stage_height())
                return int(math.ceil(READABLE_PX / scale))
        return 0

    def follow_view_shape(self) -> float:
        height = super().follow_view_shape()
        self.text_floor = self._floor_used = self.readable_px()
        return height

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and any(v.viewport() is obj for v in self.views()):  # type: ignore[attr-defined]
            if self.stage_height() != self.sceneRect().height() or self.readable_px() != self._floor_used:  # type: ignore[attr-defined]
                self.rebuild()  # type: ignore[attr-defined]
        return False


class ReadableOnStage(_ReadableBase):
    """A scene that follows the stage's shape and keeps its text readable on a small stage.

    At 1024x768 the stage is about 530 px wide, so a 1600-wide scene is drawn at a third of its size
    and a 22-unit label becomes 7 px on screen. This mixin raises every size given to ``font_px`` to
    :data:`READABLE_PX` on screen (the presenter minimum still applies on top), and lets the scene
    grow taller than :data:`MAX_H` (``max_stage_h``) so that a narrow, tall stage has no empty bands.
    Layouts must therefore work with large text: they measure what they draw.
    """

    #: every size given to font_px is multiplied by this (a scene with little to show may grow its type)
    text_grow = 1.0

    def font_px(self, px: float, bold: bool = False, mono: bool = False) -> Any:
        return super().font_px(max(px * self.text_grow, self.text_floor), bold, mono)  # type: ignore[misc]


class ReadableFloor(_ReadableBase):
    """A scene that follows the stage's shape and lays out for readable text on a small stage.

    For scenes whose layouts already adapt to ``min_text_px`` (the presenter minimum: cluster,
    architecture, VM vs containers): the ``min_text_px`` they see is the larger of the window's
    presenter minimum and the scene units that make :data:`READABLE_PX` screen pixels in the view.
    So in normal mode at 1024x768 they use the roomier layouts made for presenter sizes (wider left
    column, fewer lines, counts instead of lists) instead of drawing 6 px text. Without a view
    (tests, handouts, exports) the floor is 0 and nothing changes.
    """

    _window_min_px = 0

    @property
    def min_text_px(self) -> int:
        return max(self._window_min_px, self.text_floor)

    @min_text_px.setter
    def min_text_px(self, px: int) -> None:  # SceneBase.__init__ sets 0; the window sets presenter px
        self._window_min_px = px

    def set_min_text_px(self, px: int) -> None:
        if px != self._window_min_px:
            self._window_min_px = px
            self.rebuild()  # type: ignore[attr-defined]
