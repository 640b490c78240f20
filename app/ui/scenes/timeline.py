"""Scene "timeline": the origins of Docker and Kubernetes, from Borg and LXC to today.

Nine milestones sit on one line in order (evenly spaced: the order matters more than the scale),
cards alternating above and below; on a squarish stage (a_stage_shape) the line runs down the middle
and the cards alternate left and right, packed so that same-side neighbours never touch (the date
joins the title's line when the type is large). Each lane has its own glyph (circle, helm wheel, square) and a
legend, so colour is never the only cue. Clicking a card (or its glyph) shows its story in the panel
at the bottom and in the details dock; a lesson step that highlights one milestone shows its story too.
The first time the scene is shown, the line draws itself and the cards rise in order.
"""
from __future__ import annotations

import html
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QEasingCurve, QParallelAnimationGroup, QPointF, QPropertyAnimation, QSequentialAnimationGroup
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsLineItem

from app.ui.scenes import register_scene
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, label_text, text_item
from app.ui.scenes.a_stage_shape import ReadableOnStage
from app.ui.scenes.a_timeline_data import LANES, MILESTONES, Milestone, milestone
from app.ui.scenes.base import SceneBase

AXIS_Y = 390.0  # the wide (16:9) layout: a horizontal line, cards above and below
CARD_W = 290.0
CARD_W_MAX = 300.0  # two spacings minus a gap: wider cards would touch their same-side neighbour
GAP = 44.0  # between the axis and a card
FIRST_X, LAST_X = 175.0, 1425.0


def _point_x(index: int) -> float:
    return FIRST_X + index * (LAST_X - FIRST_X) / (len(MILESTONES) - 1)


@register_scene
class TimelineScene(ReadableOnStage, SceneBase):
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
        self.follow_view_shape()
        r = self.sceneRect()
        head = self.add_text(self.t("起源：从 dotCloud 到 Kubernetes", "Origins: from dotCloud to Kubernetes"),
                             60, 30, px=42, bold=True, width=r.width() - 120)
        self.register("title", head)
        legend_bottom = self._draw_legend(head)
        if self.tall:
            self._draw_vertical(legend_bottom + 30)
        else:
            axis = QGraphicsLineItem(40, AXIS_Y, r.width() - 40, AXIS_Y)
            axis.setPen(QPen(self.color("link"), 5))
            self.addItem(axis)
            self.register("axis", axis)
            bottom = AXIS_Y
            card_w = self._wide_card_w()
            for i, m in enumerate(MILESTONES):
                bottom = max(bottom, self._draw_milestone(i, m, card_w))
            self._draw_story_panel(max(bottom + 40, 640.0), r.height() - 24)
        if self.selected is None and self._highlighted_milestone() is not None:
            self._show_story(self._highlighted_milestone())  # type: ignore[arg-type]
        elif self.selected is not None:
            self._show_story(milestone(self.selected))
        self._restyle_cards()
        self.apply_highlight()
        if not self._intro_played:
            self._intro_played = True
            self._play_intro()

    def _draw_legend(self, head: Any) -> float:
        """Lane glyphs and names: top right beside the title, or on their own row(s) under it
        (wrapping) when they would touch it. Returns the lowest y used by the title and legend."""
        width = self.sceneRect().width()
        labels = [text_item(LANES[k][self.lang], self.font_px(26), self.color("text")) for k in LANES]
        widths = [lab.boundingRect().width() + 40 for lab in labels]
        title = head.sceneBoundingRect()
        text_w = head.document().idealWidth() if hasattr(head, "document") else title.width()
        beside = width - 60 - sum(w + 30 for w in widths) >= title.left() + text_w + 40 and \
            title.height() < labels[0].boundingRect().height() * 2.2
        x, y = (width - 60 - sum(w + 30 for w in widths) + 30, title.top() + 14) if beside else (60.0, title.bottom() + 6)
        bottom = title.bottom()
        for key, label, w in zip(LANES, labels, widths):
            if x + w > width - 40:  # wrap to the next row
                x, y = 60.0, y + label.boundingRect().height() + 8
            lane = LANES[key]
            g = GlyphItem(glyph_path(lane["glyph"], 26), self.color(lane["role"]), self.color("text"))
            g.setPos(x + 13, y + label.boundingRect().height() / 2)
            self.addItem(g)
            self.register(f"legend:{key}", g)
            label.setPos(x + 36, y)
            self.addItem(label)
            bottom = max(bottom, y + label.boundingRect().height())
            x += w + 30
        return bottom

    def _wide_card_w(self) -> float:
        """Cards as wide as the longest single word of a title needs (so "Kubernetes" never breaks),
        at most CARD_W_MAX."""
        font = self.font_px(31, bold=True)
        fm = QFontMetricsF(font)
        i = 0 if self.lang == "zh" else 1
        widest = max(fm.horizontalAdvance(w) for m in MILESTONES for w in m.title[i].split())
        return min(CARD_W_MAX, max(CARD_W, widest + 40))

    def _card(self, m: Milestone, width: float, compact: bool = False) -> Box:
        lang_i = 0 if self.lang == "zh" else 1
        card = Box(m.id, width, 10, self.color("node"), self.color("node_border"), 2.5, 12)
        if compact:  # one wrapped text: "date · title"
            title = text_item(f"{m.date[lang_i]} · {m.title[lang_i]}", self.font_px(31, bold=True),
                              self.color("text"), width=width - 32, parent=card)
            title.setPos(16, 8)
            card.set_size(width, 16 + title.boundingRect().height())
        else:
            date = text_item(m.date[lang_i], self.font_px(26, bold=True), self.color("muted"), parent=card)
            date.setPos(16, 12)
            title = text_item(m.title[lang_i], self.font_px(31, bold=True), self.color("text"),
                              width=width - 32, parent=card)
            title.setPos(16, 16 + date.boundingRect().height())
            card.set_size(width, 28 + date.boundingRect().height() + title.boundingRect().height())
        card.setToolTip(m.story[lang_i])
        card.clicked.connect(self.select)
        self.addItem(card)
        self.register(m.id, card)
        self._cards[m.id] = card
        return card

    def _glyph(self, m: Milestone, x: float, y: float) -> None:
        lane = LANES[m.lane]
        glyph = GlyphItem(glyph_path(lane["glyph"], 36), self.color(lane["role"]), self.color("text"), 2.5)
        glyph.setPos(x, y)
        glyph.setZValue(2)
        self.addItem(glyph)
        self.register(f"glyph:{m.id}", glyph)

    def _draw_milestone(self, index: int, m: Milestone, card_w: float = CARD_W) -> float:
        """Draw one card, its connector and glyph (wide layout); returns the lowest y it uses."""
        x = _point_x(index)
        above = index % 2 == 0
        card = self._card(m, card_w)
        h = card.height
        left = min(max(x - card_w / 2, 20.0), self.sceneRect().width() - 20 - card_w)
        top = AXIS_Y - GAP - h if above else AXIS_Y + GAP
        card.setPos(left, top)
        y_card = top + h if above else top
        link = QGraphicsLineItem(x, AXIS_Y, x, y_card)
        link.setPen(QPen(self.color("link"), 3))
        self.addItem(link)
        self._glyph(m, x, AXIS_Y)
        return top + h

    def _draw_vertical(self, top: float) -> None:
        """A squarish stage: the line runs down the middle, cards alternate left and right of it,
        the story panel (as tall as the longest story needs) sits at the bottom."""
        r = self.sceneRect()
        axis_x = r.width() / 2
        card_w = axis_x - 60 - GAP
        story_top = r.height() - 24 - self._story_height(r.width() - 120)
        cards: list[Box] = []
        for compact in (False, True):  # compact: the date on the title's line (big type, short stage)
            for card in cards:
                self.removeItem(card)
                self._items.pop(card.item_id, None)
            cards = [self._card(m, card_w, compact) for m in MILESTONES]
            ys = self._pack([c.height for c in cards], top, story_top - 24)
            if ys is not None:
                break
        if ys is None:  # even compact cards need more room: evenly spaced (neighbours may touch)
            first, last = top + cards[0].height / 2, story_top - 24 - cards[-1].height / 2
            ys = [first + i * (last - first) / (len(cards) - 1) for i in range(len(cards))]
        axis = QGraphicsLineItem(axis_x, top, axis_x, ys[-1] + 20)
        axis.setPen(QPen(self.color("link"), 5))
        self.addItem(axis)
        self.register("axis", axis)
        for i, (m, card, y) in enumerate(zip(MILESTONES, cards, ys)):
            left = i % 2 == 0
            card.setPos(40 if left else axis_x + GAP, y - card.height / 2)
            x_card = 40 + card_w if left else axis_x + GAP
            link = QGraphicsLineItem(axis_x, y, x_card, y)
            link.setPen(QPen(self.color("link"), 3))
            self.addItem(link)
            self._glyph(m, axis_x, y)
        self._draw_story_panel(story_top, r.height() - 24)

    @staticmethod
    def _pack(heights: list[float], top: float, bottom: float, gap: float = 12.0,
              min_step: float = 44.0) -> list[float] | None:
        """Centres for cards alternating sides between ``top`` and ``bottom``: each point at least
        ``min_step`` below the previous, each card clear of the one two before it (same side). The
        spare room is shared out evenly between the steps; None when the cards do not fit."""
        ys: list[float] = []
        for i, h in enumerate(heights):
            y = top + h / 2
            if i >= 1:
                y = max(y, ys[-1] + min_step)
            if i >= 2:
                y = max(y, ys[i - 2] + (heights[i - 2] + h) / 2 + gap)
            ys.append(y)
        ends = [y + h / 2 for y, h in zip(ys, heights)]
        if max(ends) > bottom:
            return None
        extra = min([(bottom - e) / i for i, e in enumerate(ends) if i] or [0.0])
        return [y + i * extra for i, y in enumerate(ys)]

    def _story_height(self, width: float) -> float:
        """The height of the story panel that holds the longest story of the current language."""
        i = 0 if self.lang == "zh" else 1
        title_h = QFontMetricsF(self.font_px(31, bold=True)).height()
        probe = text_item("", self.font_px(28), self.color("text"), width=width - 48)
        tallest = 0.0
        for m in MILESTONES:
            probe.setPlainText(m.story[i])
            tallest = max(tallest, probe.boundingRect().height())
        return 24 + title_h + 8 + tallest + 20

    def _draw_story_panel(self, top: float, bottom: float) -> None:
        height = bottom - top
        width = self.sceneRect().width() - 120
        box = Box("story", width, max(height, 120.0), self.color("panel"),
                  self.color("border"), 2, 14)
        box.setPos(60, top)
        self.addItem(box)
        self.register("story", box)
        self._story_box = box
        self._story_title = text_item("", self.font_px(31, bold=True), self.color("text"), width=box.width - 48,
                                      parent=box)
        self._story_title.setPos(24, 16)
        self._story_body = text_item(self.t("点击任意一个时间点，看看它背后的故事。",
                                            "Click any point on the line to read its story."),
                                     self.font_px(28), self.color("text"), width=box.width - 48, parent=box)
        self._story_body.setPos(24, 18)

    def _show_story(self, m: Milestone) -> None:
        lang_i = 0 if self.lang == "zh" else 1
        if self._story_title is None or self._story_body is None:
            return
        self._story_title.setPlainText(f"{m.date[lang_i]} · {m.title[lang_i]}")
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
