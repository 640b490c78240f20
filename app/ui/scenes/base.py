"""SceneBase: what every stage picture (timeline, house, registry, cluster ...) has in common.

The contract (the main window relies on it; scene modules implement it):

* A scene mirrors the engine, it never decides. It draws from ``self.controller.world`` in
  :meth:`rebuild` and follows :meth:`on_events` (a batch of engine events): apply each event's final
  state first (idempotent setters on items found through the ``id -> item`` map), then animate
  toward it. With animations off (tests, reduced motion) only the state is set.
* The window calls ``rebuild()`` when the scene is shown and after ``controller.restored`` (step
  back, timeline jump, new session); ``on_events(events)`` with ``controller.events_ready`` while
  the scene is the visible one. Scenes do not connect to the controller themselves.
* Register every item that has an id (a highlight id from lessons/README.md, ``pod:web-1`` ...)
  with :meth:`register`; ``item_for(id)`` finds it (tests, highlights, hotspot questions).
* Colours only from ``self.profile`` (``self.color("pod_running")``); every text size through
  :meth:`font_px`, which enforces the presenter minimum the window computes from the view scale.
* Draw in scene units inside :data:`SCENE_RECT` (1600 x 900); the view fits it to the stage.
* Clicking something emits ``details_requested(title, html)``: the window shows it in the details dock.
  The html is the scene's own text (escape anything from the engine with ``html.escape``).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Sequence

from PySide6.QtCore import QAbstractAnimation, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPathItem, QGraphicsScene,
                               QGraphicsSimpleTextItem, QGraphicsTextItem)

from app.ui.theme import ColorProfile, ui_font

if TYPE_CHECKING:
    from app.lessons.schema import Lesson, Step
    from app.ui.controller import SimController

#: The logical drawing area of every scene (16:9). The view scales it to fit the stage.
SCENE_RECT = QRectF(0, 0, 1600, 900)
#: z value of highlight halos: above the picture, below tooltips/labels drawn at z >= 100.
HALO_Z = 90


class SceneBase(QGraphicsScene):
    #: The id lessons use in ``scene = "..."`` (set by each subclass).
    scene_id: ClassVar[str] = ""
    #: The scene's name for menus and the stage header.
    title: ClassVar[dict[str, str]] = {"zh": "场景", "en": "Scene"}

    details_requested = Signal(str, str)

    def __init__(self, controller: "SimController", profile: ColorProfile, lang: str = "zh",
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.profile = profile
        self.lang = lang
        self.animations_enabled = True
        self.speed = 1.0
        self.paused = False
        self.highlighted: frozenset[str] = frozenset()
        self.min_text_px = 0
        self.step: "Step | None" = None
        self.lesson: "Lesson | None" = None
        self._items: dict[str, QGraphicsItem] = {}
        self._halos: list[QGraphicsItem] = []
        self._animations: set[QAbstractAnimation] = set()
        self.setSceneRect(SCENE_RECT)
        self.setBackgroundBrush(QBrush(profile.color("canvas")))

    # -- to override -------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Clear and draw everything from ``self.controller.world`` (and the step, if useful)."""
        self.clear_items()
        self.apply_highlight()

    def on_events(self, events: Sequence[Any]) -> None:
        """Follow a batch of engine events. The default redraws; real scenes animate."""
        self.rebuild()

    def summary(self) -> str:
        """One plain sentence describing what is shown (accessibility, tests)."""
        return ""

    # -- settings the window pushes -----------------------------------------------------------
    def set_profile(self, profile: ColorProfile) -> None:
        self.profile = profile
        self.setBackgroundBrush(QBrush(profile.color("canvas")))
        self.rebuild()

    def set_language(self, lang: str) -> None:
        if lang != self.lang:
            self.lang = lang
            self.rebuild()

    def set_step(self, step: "Step | None", lesson: "Lesson | None" = None) -> None:
        """The lesson step being shown (None in the sandbox). Call ``rebuild`` after."""
        self.step, self.lesson = step, lesson

    def set_highlight(self, ids: Iterable[str]) -> None:
        self.highlighted = frozenset(ids)
        self.apply_highlight()

    def set_min_text_px(self, px: int) -> None:
        """Smallest font size in scene units (presenter rule: 1/40 of the window height on screen)."""
        if px != self.min_text_px:
            self.min_text_px = px
            self.rebuild()

    def set_animations_enabled(self, enabled: bool) -> None:
        self.animations_enabled = enabled
        if not enabled:
            self.finish_animations()

    def set_speed(self, speed: float) -> None:
        self.speed = max(0.01, speed)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        for anim in list(self._animations):
            if paused and anim.state() == QAbstractAnimation.State.Running:
                anim.pause()
            elif not paused and anim.state() == QAbstractAnimation.State.Paused:
                anim.resume()

    # -- helpers for subclasses -----------------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def color(self, role: str, alpha: int | None = None) -> Any:
        return self.profile.color(role, alpha)

    def font_px(self, px: float, bold: bool = False, mono: bool = False) -> QFont:
        return ui_font(max(int(math.ceil(px)), self.min_text_px), bold=bold, mono=mono)

    def register(self, item_id: str, item: QGraphicsItem) -> QGraphicsItem:
        self._items[item_id] = item
        item.setData(0, item_id)
        return item

    def item_for(self, item_id: str) -> QGraphicsItem | None:
        return self._items.get(item_id)

    def item_ids(self) -> list[str]:
        return list(self._items)

    def clear_items(self) -> None:
        self.finish_animations()
        self.clear()
        self._items.clear()
        self._halos.clear()

    def add_text(self, text: str, x: float, y: float, px: float = 22, role: str = "text",
                 bold: bool = False, width: float | None = None, mono: bool = False) -> QGraphicsItem:
        """A label at (x, y); with ``width`` it wraps (QGraphicsTextItem, plain text only)."""
        if width is None:
            item: QGraphicsItem = QGraphicsSimpleTextItem(text)
            item.setFont(self.font_px(px, bold, mono))
            item.setBrush(QBrush(self.color(role)))
        else:
            item = QGraphicsTextItem()
            item.setPlainText(text)
            item.setFont(self.font_px(px, bold, mono))
            item.setDefaultTextColor(self.color(role))
            item.setTextWidth(width)
        item.setPos(x, y)
        self.addItem(item)
        return item

    def apply_highlight(self) -> None:
        """Draw a thick rounded halo (and a dashed second ring: not colour alone) around each id."""
        for halo in self._halos:
            if halo.scene() is self:
                self.removeItem(halo)
        self._halos.clear()
        for item_id in sorted(self.highlighted):
            item = self.item_for(item_id)
            if item is None or item.scene() is not self:
                continue
            rect = item.sceneBoundingRect().adjusted(-10, -10, 10, 10)
            for width, style, grow in ((6, Qt.PenStyle.SolidLine, 0), (2, Qt.PenStyle.DashLine, 8)):
                path = QPainterPath()
                r = rect.adjusted(-grow, -grow, grow, grow)
                path.addRoundedRect(r, 14, 14)
                halo = QGraphicsPathItem(path)
                halo.setPen(QPen(self.color("highlight"), width, style))
                halo.setZValue(HALO_Z)
                halo.setData(0, f"halo:{item_id}")
                self.addItem(halo)
                self._halos.append(halo)

    def halo_ids(self) -> list[str]:
        return sorted({str(h.data(0))[5:] for h in self._halos})

    def anim_ms(self, base_ms: float) -> int:
        """An animation duration scaled by speed; 0 when animations are off."""
        if not self.animations_enabled:
            return 0
        return max(1, int(base_ms / self.speed))

    def track(self, anim: QAbstractAnimation) -> QAbstractAnimation:
        """Start an animation the scene owns: paused with the transport, finished on rebuild."""
        if not self.animations_enabled or anim.totalDuration() == 0:
            anim.setCurrentTime(max(0, anim.totalDuration()))
            return anim
        self._animations.add(anim)
        anim.finished.connect(lambda a=anim: self._animations.discard(a))
        anim.start()
        if self.paused:
            anim.pause()
        return anim

    def finish_animations(self) -> None:
        """Jump every running animation to its end state (the model already holds it)."""
        for anim in list(self._animations):
            anim.setCurrentTime(anim.totalDuration())
            anim.stop()
        self._animations.clear()

    @property
    def animating(self) -> bool:
        return bool(self._animations)

    def explain(self, title: str, html: str) -> None:
        self.details_requested.emit(title, html)
