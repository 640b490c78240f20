"""Scene "timeline": the origins of Docker and Kubernetes, from Borg and LXC to today.

Nine milestones sit on one line in order (evenly spaced: the order matters more than the scale),
cards alternating above and below. Each lane has its own glyph (circle, helm wheel, square) and a
legend, so colour is never the only cue. Clicking a card (or its glyph) shows its story in the panel
at the bottom and in the details dock; a lesson step that highlights one milestone shows its story too.
The first time the scene is shown, the line draws itself and the cards rise in order.
"""
from __future__ import annotations

import html
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QEasingCurve, QParallelAnimationGroup, QPointF, QPropertyAnimation, QSequentialAnimationGroup
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsLineItem

from app.ui.scenes import register_scene
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, label_text, text_item
from app.ui.scenes.a_timeline_data import LANES, MILESTONES, Milestone, milestone
from app.ui.scenes.base import SCENE_RECT, SceneBase

AXIS_Y = 390.0
CARD_W = 290.0
GAP = 44.0  # between the axis and a card
FIRST_X, LAST_X = 175.0, 1425.0


def _point_x(index: int) -> float:
    return FIRST_X + index * (LAST_X - FIRST_X) / (len(MILESTONES) - 1)


@register_scene
class TimelineScene(SceneBase):
    scene_id = "timeline"
    title = {"zh": "起源", "en": "Origins"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.selected: str | None = None
        self._intro_played = False
        self._cards: dict[str, Box] = {}
        self._story_title: Any = None
        self._story_body: Any = None
        self._story_box: Box | None = None

    # -- drawing -------------------------------------------------------------------------------
    def rebuild(self) -> None:
        # Drop our references before the items are deleted (PySide keeps wrappers otherwise).
        self._cards.clear()
        self._story_title = self._story_body = self._story_box = None
        self.clear_items()
        p = self.profile
        head = self.add_text(self.t("起源：从 dotCloud 到 Kubernetes", "Origins: from dotCloud to Kubernetes"),
                             60, 40, px=42, bold=True)
        self.register("title", head)
        self._draw_legend(head.sceneBoundingRect().right() + 40, head.sceneBoundingRect().bottom())
        axis = QGraphicsLineItem(40, AXIS_Y, SCENE_RECT.width() - 40, AXIS_Y)
        axis.setPen(QPen(p.color("link"), 5))
        self.addItem(axis)
        self.register("axis", axis)
        bottom = AXIS_Y
        for i, m in enumerate(MILESTONES):
            bottom = max(bottom, self._draw_milestone(i, m))
        self._draw_story_panel(max(bottom + 40, 640.0))
        if self.selected is None and self._highlighted_milestone() is not None:
            self._show_story(self._highlighted_milestone())  # type: ignore[arg-type]
        elif self.selected is not None:
            self._show_story(milestone(self.selected))
        self._restyle_cards()
        self.apply_highlight()
        if not self._intro_played:
            self._intro_played = True
            self._play_intro()

    def _draw_legend(self, title_right: float, title_bottom: float) -> None:
        """Lane glyphs and names, top right; under the title when they would touch it."""
        probe = [text_item(LANES[k][self.lang], self.font_px(26), self.color("text")) for k in LANES]
        needed = sum(p.boundingRect().width() + 70 for p in probe)
        y = 50.0 if SCENE_RECT.width() - 60 - needed >= title_right else title_bottom + 6
        x = SCENE_RECT.width() - 60
        for key in reversed(list(LANES)):
            lane = LANES[key]
            label = text_item(lane[self.lang], self.font_px(26), self.color("text"))
            x -= label.boundingRect().width()
            label.setPos(x, y)
            self.addItem(label)
            g = GlyphItem(glyph_path(lane["glyph"], 26), self.color(lane["role"]), self.color("text"))
            g.setPos(x - 24, y + label.boundingRect().height() / 2)
            self.addItem(g)
            self.register(f"legend:{key}", g)
            x -= 70

    def _draw_milestone(self, index: int, m: Milestone) -> float:
        """Draw one card, its connector and glyph; returns the lowest y it uses."""
        lang_i = 0 if self.lang == "zh" else 1
        x = _point_x(index)
        above = index % 2 == 0
        card = Box(m.id, CARD_W, 10, self.color("node"), self.color("node_border"), 2.5, 12)
        date = text_item(m.date[lang_i], self.font_px(26, bold=True), self.color("muted"), parent=card)
        date.setPos(16, 12)
        title = text_item(m.title[lang_i], self.font_px(31, bold=True), self.color("text"),
                          width=CARD_W - 32, parent=card)
        title.setPos(16, 16 + date.boundingRect().height())
        h = 28 + date.boundingRect().height() + title.boundingRect().height()
        card.set_size(CARD_W, h)
        left = min(max(x - CARD_W / 2, 20.0), SCENE_RECT.width() - 20 - CARD_W)
        top = AXIS_Y - GAP - h if above else AXIS_Y + GAP
        card.setPos(left, top)
        card.setToolTip(m.story[lang_i])
        card.clicked.connect(self.select)
        self.addItem(card)
        self.register(m.id, card)
        self._cards[m.id] = card
        y_card = top + h if above else top
        link = QGraphicsLineItem(x, AXIS_Y, x, y_card)
        link.setPen(QPen(self.color("link"), 3))
        self.addItem(link)
        lane = LANES[m.lane]
        glyph = GlyphItem(glyph_path(lane["glyph"], 36), self.color(lane["role"]), self.color("text"), 2.5)
        glyph.setPos(x, AXIS_Y)
        glyph.setZValue(2)
        self.addItem(glyph)
        self.register(f"glyph:{m.id}", glyph)
        return top + h

    def _draw_story_panel(self, top: float) -> None:
        height = SCENE_RECT.height() - 24 - top
        box = Box("story", SCENE_RECT.width() - 120, max(height, 120.0), self.color("panel"),
                  self.color("border"), 2, 14)
        box.setPos(60, top)
        self.addItem(box)
        self.register("story", box)
        self._story_box = box
        self._story_title = text_item("", self.font_px(31, bold=True), self.color("text"), parent=box)
        self._story_title.setPos(24, 16)
        self._story_body = text_item(self.t("点击任意一个时间点，看看它背后的故事。",
                                            "Click any point on the line to read its story."),
                                     self.font_px(28), self.color("text"), width=box.width - 48, parent=box)
        self._story_body.setPos(24, 18)

    def _show_story(self, m: Milestone) -> None:
        lang_i = 0 if self.lang == "zh" else 1
        if self._story_title is None or self._story_body is None:
            return
        self._story_title.setText(f"{m.date[lang_i]} · {m.title[lang_i]}")
        self._story_body.setPlainText(m.story[lang_i])
        self._story_body.setPos(24, 24 + self._story_title.boundingRect().height())

    def _restyle_cards(self) -> None:
        """Selected card: thick accent border (thickness is the cue, not only the colour)."""
        for item_id, card in self._cards.items():
            if item_id == self.selected:
                card.set_style(self.color("panel_alt"), self.color("accent"), 6.0)
            else:
                card.set_style(self.color("node"), self.color("node_border"), 2.5)

    # -- interaction -----------------------------------------------------------------------------
    def select(self, item_id: str) -> None:
        """Show one milestone's story (in the panel and the details dock)."""
        m = milestone(item_id)
        self.selected = item_id
        self._show_story(m)
        self._restyle_cards()
        self.explain(f"{m.date[0 if self.lang == 'zh' else 1]} · {m.title[0 if self.lang == 'zh' else 1]}",
                     self.details_html(item_id))

    def details_html(self, item_id: str) -> str:
        m = milestone(item_id)
        i = 0 if self.lang == "zh" else 1
        parts = [f"<h3>{html.escape(m.title[i])}</h3>", f"<p><b>{html.escape(m.date[i])}</b></p>",
                 f"<p>{html.escape(m.story[i])}</p>"]
        if m.since[i]:
            parts.append(f"<p><i>{html.escape(self.t('今天：', 'Today: '))}</i>{html.escape(m.since[i])}</p>")
        return "".join(parts)

    def _highlighted_milestone(self) -> Milestone | None:
        """The latest milestone a step points at (its story is the one the narration arrives at)."""
        hits = [m for m in MILESTONES if m.id in self.highlighted]
        return hits[-1] if hits else None

    def set_highlight(self, ids: Iterable[str]) -> None:
        super().set_highlight(ids)
        m = self._highlighted_milestone()
        if self.selected is None and m is not None:
            self._show_story(m)

    def on_events(self, events: Sequence[Any]) -> None:
        """The origins do not depend on the engine: nothing to follow."""

    def story_text(self) -> str:
        return label_text(self._story_body) if self._story_body is not None else ""

    def summary(self) -> str:
        names = ", ".join(m.title[0 if self.lang == "zh" else 1] for m in MILESTONES)
        return self.t(f"时间线：{names}", f"Timeline: {names}")

    # -- animation ------------------------------------------------------------------------------
    def _play_intro(self) -> None:
        if not self.animations_enabled:
            return
        group = QSequentialAnimationGroup(self)
        for i, m in enumerate(MILESTONES):
            card = self._cards[m.id]
            end = card.pos()
            start = end + QPointF(0, 30 if i % 2 == 0 else -30)
            card.setOpacity(0.0)
            both = QParallelAnimationGroup()
            fade = QPropertyAnimation(card, b"opacity")
            fade.setStartValue(0.0)
            fade.setEndValue(1.0)
            fade.setDuration(self.anim_ms(260))
            rise = QPropertyAnimation(card, b"pos")
            rise.setStartValue(start)
            rise.setEndValue(end)
            rise.setDuration(self.anim_ms(260))
            rise.setEasingCurve(QEasingCurve.Type.OutCubic)
            both.addAnimation(fade)
            both.addAnimation(rise)
            group.addAnimation(both)
            group.addPause(self.anim_ms(60))
        self.track(group)
