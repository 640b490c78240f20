"""Scene "registry": push and pull, layer by layer, from the engine's own events.

Left, the latest ``docker push`` or ``docker pull``: one row per layer of the image (``layer:N``, N = 1
at the base), each with its digest, size and what happened to it: a progress bar for bytes that
travelled (``Pushed``, ``Pull complete``), a dashed, empty bar with a skip glyph for layers that did
not (``Layer already exists``, ``Mounted from ...``, ``Already exists``). Middle, the registry's
repositories with the blobs linked into each and the manifest a tag points at. Right, every Docker
host's content store: one square per layer, with how many local images share it. On a squarish stage
(a_stage_shape) the transfer spans the width on top, its layer rows in columns, and the registry and
the hosts sit side by side under it; text wraps and is never cut, and what does not fit is counted
("… 3 more layers") and listed in full on click.

Bars fill at the simulated speed (the engine's transfer times divided by the transport speed), with a
short minimum so that tiny layers are still seen; skipped layers are marked in order at the moment
the engine decided to skip them. With animations off, everything is drawn finished.
"""
from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import QParallelAnimationGroup, QPropertyAnimation, QRectF, QSequentialAnimationGroup, Qt
from PySide6.QtGui import QFontMetricsF

from app.ui.scenes import register_scene
from app.ui.scenes.a_art import mix, svg_item
from app.ui.scenes.a_house_model import format_bytes
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, text_item
from app.ui.scenes.a_registry_model import LayerMove, RegistryModel, Transfer, read_registry
from app.ui.scenes.a_stage_shape import ReadableOnStage
from app.ui.scenes.base import SceneBase

#: the three columns of a wide (16:9) stage, as fractions of the width inside the margins
WIDE_COLUMNS = (0.345, 0.32, 0.335)
COL_GAP = 20.0
EVENTS = {"PushStarted", "LayerUploadStarted", "LayerPushed", "ManifestPushed", "PullStarted", "LayerDownloadStarted",
          "LayerPulled", "ImagePulled", "ImageRemoved", "ImageTagged", "HostAdded", "RegistryAdded", "WorldReset"}
GLYPH = {"uploaded": "arrow", "downloaded": "arrow", "exists": "skip", "mounted": "diamond", "pending": "circle"}
MIN_BAR_MS = 350  # a bar that would flash by faster than this is stretched to it (said in the docstring)


def plural(n: int, one: str, many: str | None = None) -> str:
    """English noun for a count (Chinese needs no plural)."""
    return one if n == 1 else (many or one + "s")


def _kind(e: Any) -> str:
    return type(e).__name__


@register_scene
class RegistryScene(ReadableOnStage, SceneBase):
    scene_id = "registry"
    title = {"zh": "仓库：按层推送与拉取", "en": "The registry: push and pull, layer by layer"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model: RegistryModel | None = None
        self.rows: dict[str, Box] = {}
        self.bars: dict[str, Box] = {}

    # -- words ----------------------------------------------------------------------------------
    def outcome_words(self, m: LayerMove) -> str:
        """What Docker prints for the layer (zh: the same meaning, short enough for a row)."""
        if m.outcome == "uploaded":
            return self.t("已上传", "Pushed")
        if m.outcome == "downloaded":
            return self.t("已下载", "Pull complete")
        if m.outcome == "mounted":
            return self.t(f"从 {m.mounted_from} 挂载", f"Mounted from {m.mounted_from}")
        if m.outcome == "exists":
            if self.model is not None and self.model.transfer is not None and self.model.transfer.kind == "push":
                return self.t("已存在，跳过", "Layer already exists")
            return self.t("本机已有，跳过", "Already exists")
        return self.t("等待中", "Waiting")

    # -- drawing ---------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Draw; on a tall stage where that leaves much of the height empty, draw once more with the
        type grown to use it (kept only if everything still fits and no layer row was lost)."""
        self.text_grow = 1.0
        self._build()
        height = self.sceneRect().height()
        used = self.itemsBoundingRect().bottom()
        if not self.tall or used <= 0 or used > 0.7 * height:
            return
        whole = self.item_for("transfer:more") is None and self.item_for("hosts:more") is None
        first = min(2.0, 0.9 * height / used)
        for grow in (first, (1 + first) / 2, 1.0):
            self.text_grow = grow
            self._build()
            if grow == 1.0 or (self.itemsBoundingRect().bottom() <= height and not (
                    whole and (self.item_for("transfer:more") is not None or self.item_for("hosts:more") is not None))):
                return

    def _build(self) -> None:
        self.rows, self.bars = {}, {}
        self.clear_items()
        self.follow_view_shape()
        self.model = read_registry(self.controller.world)
        r = self.sceneRect()
        inner = r.width() - 48
        head = self.add_text(self.t("仓库：按层推送与拉取", "The registry: push and pull, layer by layer"),
                             24, 20, px=34, bold=True, width=inner)
        self.register("title", head)
        top = 20 + head.boundingRect().height() + 10
        bottom = r.height() - 20
        if self.tall:
            # a squarish stage: the transfer across the width, the registry and the hosts side by side under it
            used = self._draw_transfer(self.model.transfer, QRectF(24, top, inner, bottom - top - self._lower_min()))
            low = top + used + COL_GAP
            half = (inner - COL_GAP) / 2
            self._draw_registry(self.model, QRectF(24, low, half, bottom - low), fill=False)
            self._draw_hosts(self.model, QRectF(24 + half + COL_GAP, low, half, bottom - low))
        else:
            widths = [f * (inner - 2 * COL_GAP) for f in WIDE_COLUMNS]
            x = [24.0, 24 + widths[0] + COL_GAP, 24 + widths[0] + widths[1] + 2 * COL_GAP]
            self._draw_transfer(self.model.transfer, QRectF(x[0], top, widths[0], bottom - top), fill=True)
            self._draw_registry(self.model, QRectF(x[1], top, widths[1], bottom - top))
            self._draw_hosts(self.model, QRectF(x[2], top, widths[2], bottom - top))
        self.apply_highlight()

    def _lower_min(self) -> float:
        """The height the registry panel needs for its heading and one repository card (with a
        manifest line that may wrap): the transfer panel above leaves at least this much."""
        def line(px: float, bold: bool = False, mono: bool = False) -> float:
            return QFontMetricsF(self.font_px(px, bold, mono)).height()
        return 36 + max(62.0, line(24, True)) + 10 + line(21, True) + 36 + 2 * line(17, mono=True) + 40

    def _panel(self, item_id: str, rect: QRectF, title: str) -> tuple[Box, float]:
        box = Box(item_id, rect.width(), rect.height(), self.color("panel"), self.color("node_border"), 2.5, 12)
        box.setPos(rect.topLeft())
        t = text_item(title, self.font_px(24, bold=True), self.color("text"), width=rect.width() - 28, parent=box)
        t.setPos(14, 10)
        self.addItem(box)
        return box, 16 + t.boundingRect().height()

    def _draw_transfer(self, tr: Transfer | None, rect: QRectF, fill: bool = False) -> float:
        """The latest push or pull inside ``rect``; the panel shrinks to its content unless ``fill``.
        Returns the panel's height."""
        pad = 14.0
        if tr is None:
            box, y = self._panel("transfer", rect, self.t("最近一次推送或拉取", "The latest push or pull"))
            hint = text_item(self.t("还没有推送或拉取。试试：docker push 或 docker pull",
                                    "No push or pull yet. Try docker push or docker pull."),
                             self.font_px(20), self.color("muted"), width=rect.width() - 2 * pad, parent=box)
            hint.setPos(pad, y)
            if not fill:
                box.set_size(rect.width(), y + hint.boundingRect().height() + pad)
            return box.height
        verb = "docker push" if tr.kind == "push" else "docker pull"
        where = f"{tr.host} → {tr.registry}" if tr.kind == "push" else f"{tr.registry} → {tr.host}"
        box, y = self._panel("transfer", rect, f"{verb} {tr.ref}")
        sub = text_item(where, self.font_px(20, bold=True), self.color("muted"), width=rect.width() - 2 * pad, parent=box)
        sub.setPos(pad, y)
        y += sub.boundingRect().height() + 2
        summary = text_item(self._counts(tr), self.font_px(19), self.color("text"), width=rect.width() - 2 * pad,
                            parent=box)
        summary.setPos(pad, y)
        self.register("transfer:summary", summary)
        y += summary.boundingRect().height() + 20  # room for a row's highlight halo under the summary
        y = self._layer_rows(box, tr, y, rect)
        if not fill:
            box.set_size(rect.width(), y + 4)
        box.clicked.connect(self._explain_transfer)
        self.register("manifest:transfer", box)
        return box.height

    def _layer_rows(self, box: Box, tr: Transfer, y: float, rect: QRectF) -> float:
        """Every layer as a row, in as many columns as the width allows (top layer first, as Docker
        prints a push). When even that does not fit the height, the rows that fit and a wrapped line
        saying how many more (all of them are listed on click). Returns the y under the rows."""
        mono, small = self.font_px(17, mono=True), self.font_px(17)
        widest = max((f"#{m.number} {m.digest[7:19]} {format_bytes(m.size)}" for m in tr.layers), key=len, default="")
        row_min = QFontMetricsF(mono).horizontalAdvance(widest) + 60
        inner = rect.width() - 24
        cols = max(1, min(len(tr.layers), 3, int((inner + 10) // (row_min + 10))))
        col_w = (inner - 10 * (cols - 1)) / cols
        shown = list(reversed(tr.layers))
        heights = [self._row_height(col_w, mono, small, m) + 6 for m in shown]
        room = rect.height() - y - 10
        more_h = QFontMetricsF(small).height() * 2 + 8

        def tallest(per: int) -> float:  # the tallest column when each holds ``per`` rows
            return max((sum(heights[c * per:(c + 1) * per]) for c in range(cols)), default=0.0)

        per_col = -(-len(shown) // cols) if shown else 0
        if tallest(per_col) > room:  # not all fit: as many as do, and a line for the rest
            while per_col > 1 and tallest(per_col) > room - more_h:
                per_col -= 1
        hidden = shown[per_col * cols:]
        bottom = y
        for c in range(cols):
            cy = y
            for m in shown[c * per_col:(c + 1) * per_col]:
                row = self._layer_row(box, m, 12 + c * (col_w + 10), cy, col_w, mono, small)
                cy += row.height + 6
            bottom = max(bottom, cy)
        if hidden:
            more = text_item(self.t(f"……另有 {len(hidden)} 层（点击面板查看全部）",
                                    f"… {len(hidden)} more {plural(len(hidden), 'layer')} (click the panel for all)"),
                             small, self.color("muted"), width=inner, parent=box)
            more.setPos(14, bottom)
            self.register("transfer:more", more)
            bottom += more.boundingRect().height() + 4
        return bottom + 6

    def _row_height(self, w: float, mono: Any, small: Any, m: LayerMove) -> float:
        return self._layer_row(None, m, 0, 0, w, mono, small).height

    def _counts(self, tr: Transfer) -> str:
        c = {k: sum(1 for m in tr.layers if m.outcome == k) for k in ("uploaded", "downloaded", "exists", "mounted")}
        moved = c["uploaded"] + c["downloaded"]
        if self.lang == "zh":
            parts = [f"传输 {moved} 层"] + ([f"挂载 {c['mounted']} 层"] if c["mounted"] else []) + \
                    ([f"跳过 {c['exists']} 层"] if c["exists"] else [])
            return "，".join(parts) + f"；共 {format_bytes(tr.bytes_moved)}，用时 {tr.duration:.2f} 秒（模拟）"
        parts = [f"{moved} moved"] + ([f"{c['mounted']} mounted"] if c["mounted"] else []) + \
                ([f"{c['exists']} skipped"] if c["exists"] else [])
        return ", ".join(parts) + f"; {format_bytes(tr.bytes_moved)} in {tr.duration:.2f} s (simulated)"

    def _layer_row(self, panel: Box | None, m: LayerMove, x: float, y: float, w: float, mono: Any, small: Any) -> Box:
        """One layer: glyph, number, short digest (12 hex digits) and size; under them the bar and
        what happened, wrapped to the row's width (nothing is cut). With no panel: only measured."""
        row = Box(f"layer:{m.number}", w, 10, self.color("panel_alt"), self.color("node_border"), 1.5, 8)
        g = max(20.0, QFontMetricsF(mono).height() * 0.7)
        text_x = 14 + g + 6
        t = text_item(f"#{m.number} {m.digest[7:19]} {format_bytes(m.size)}", mono, self.color("text"),
                      width=w - text_x - 8, parent=row)
        t.setPos(text_x, 4)
        bar_y = 8 + t.boundingRect().height()
        bar_h = QFontMetricsF(small).height() - 4
        bar_x = 14.0  # under the glyph: the words beside the bar get the rest of the row
        bar_w = min(100.0, max(40.0, (w - bar_x - 8) * 0.25))
        bar = Box(f"bar:{m.number}", bar_w, bar_h, self.color("layer_built") if m.moved else None,
                  self.color("text"), 1.5, 4, dashed=not m.moved, parent=row)
        bar.setPos(bar_x, bar_y + 2)
        bar.progress = 1.0 if m.moved else 0.0
        words_w = w - bar_x - bar_w - 18
        words = self.outcome_words(m)
        if words_w < QFontMetricsF(small).horizontalAdvance(words[:6]):  # too narrow beside the bar: under it
            o = text_item(words, small, self.color("text"), width=w - bar_x - 8, parent=row)
            o.setPos(bar_x, bar_y + bar_h + 6)
        else:
            o = text_item(words, small, self.color("text"), width=words_w, parent=row)
            o.setPos(bar_x + bar_w + 10, bar_y)
        row.set_size(w, o.pos().y() + o.boundingRect().height() + 6)
        glyph = GlyphItem(glyph_path(GLYPH.get(m.outcome, "circle"), g),
                          self.color("layer_built") if m.moved else self.color("layer_cached"),
                          self.color("text"), 1.2, parent=row)
        glyph.setPos(8 + g / 2, 4 + QFontMetricsF(mono).height() / 2)
        if panel is None:
            return row
        row.setParentItem(panel)
        row.setPos(x, y)
        row.setToolTip(f"{m.digest}\n{format_bytes(m.size)} · {words}")
        row.clicked.connect(self.explain_layer)
        self.register(row.item_id, row)
        self.rows[row.item_id] = row
        self.bars[row.item_id] = bar
        row.glyph = glyph  # type: ignore[attr-defined]
        return row

    def _draw_registry(self, model: RegistryModel, rect: QRectF, fill: bool = True) -> None:
        box, y = self._panel("registry", rect, "")
        art = svg_item("warehouse", self.profile, 90)
        art.setParentItem(box)
        art.setPos(14, 12)
        name = text_item(model.registry + (self.t("（Docker Hub）", " (Docker Hub)") if model.registry == "docker.io" else ""),
                         self.font_px(24, bold=True), self.color("text"), width=rect.width() - 130, parent=box)
        name.setPos(116, 14)
        y = max(12 + 62, 20 + name.boundingRect().height()) + 10
        box.clicked.connect(self._explain_registry)
        self.register("registry", box)
        active = model.transfer.repository if model.transfer is not None else (model.repos[0].name if model.repos else "")
        if not model.repos:
            t = text_item(self.t("还没有人推送过镜像（官方镜像目录不在这里列出）",
                                 "No pushed repositories yet (the official catalog is not listed)"),
                          self.font_px(19), self.color("muted"), width=rect.width() - 28, parent=box)
            t.setPos(14, y)
            y += t.boundingRect().height() + 10
        repos = sorted(model.repos, key=lambda r: (r.name != active, r.name))
        shown = 0
        for repo in repos:  # the active repository first; the others while they fit, then counted
            end = self._repo_card(box, repo, y, repo.name == active, model, rect.width())
            if shown and end > rect.height() - 6:
                self._drop(f"repo:{repo.name}")
                break
            y, shown = end + 8, shown + 1
        if len(repos) > shown:
            more = text_item(self.t(f"……另有 {len(repos) - shown} 个仓库（点击查看）",
                                    f"… {len(repos) - shown} more {plural(len(repos) - shown, 'repository', 'repositories')} (click)"),
                             self.font_px(17), self.color("muted"), width=rect.width() - 28, parent=box)
            more.setPos(14, y)
            y += more.boundingRect().height() + 6
        if active and active not in {r.name for r in model.repos} and model.transfer is not None:
            # pulled from the official catalog: the repository exists without pushes
            t = text_item(self.t(f"{active}：官方镜像目录", f"{active}: official image catalog"), self.font_px(19),
                          self.color("text"), width=rect.width() - 28, parent=box)
            t.setPos(14, y)
            self.register("repository", t)
            y += t.boundingRect().height() + 10
        if not fill:  # a squarish stage: the panel as tall as its content
            box.set_size(rect.width(), min(rect.height(), y + 6))

    def _repo_card(self, panel: Box, repo: Any, y: float, active: bool, model: RegistryModel, panel_w: float) -> float:
        w = panel_w - 24
        card = Box(f"repo:{repo.name}", w, 10, self.color("panel_alt"),
                   self.color("registry") if active else self.color("node_border"), 3 if active else 1.5, 10, parent=panel)
        card.setPos(12, y)
        t = text_item(repo.name, self.font_px(21, bold=True), self.color("text"), parent=card)
        t.setPos(12, 6)
        cy = 10 + t.boundingRect().height()
        size = 22.0
        per_row = max(1, int((w - 24) // (size + 6)))
        cy += 2
        moved = {m.digest for m in model.transfer.layers if m.moved} if model.transfer and active else set()
        for i, digest in enumerate(repo.blobs):
            r, c = divmod(i, per_row)
            sq = Box(f"blob:{digest[7:19]}", size, size, self.color("registry"), self.color("text"), 1.5, 3, parent=card)
            sq.setPos(12 + c * (size + 6), cy + r * (size + 6))
            sq.setToolTip(digest)
            sq.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            if digest in moved:
                self.register(f"blob:{digest[7:19]}", sq)
        rows = (len(repo.blobs) + per_row - 1) // per_row
        cy += rows * (size + 6) + 8
        for tag, digest in repo.tags:
            m = Box(f"manifest:{repo.name}:{tag}", w - 24, 10, self.color("panel"), self.color("text"), 1.5, 6,
                    dashed=False, parent=card)
            mt = text_item(f"{tag} → manifest {digest[7:19]}… · {repo.layer_count} "
                           + self.t("层", "layers"), self.font_px(17, mono=True), self.color("text"),
                           width=w - 44, parent=m)
            mt.setPos(8, 3)
            m.set_size(w - 24, mt.boundingRect().height() + 6)
            m.setPos(12, cy)
            m.setToolTip(digest)
            m.clicked.connect(self._explain_manifest)
            if active and model.transfer is not None and digest == model.transfer.manifest_digest:
                self.register("manifest", m)
            cy += m.height + 4
        card.set_size(w, cy + 6)
        card.clicked.connect(self._explain_repo)
        if active:
            self.register("repository", card)
        self.register(card.item_id, card)
        return y + card.height

    def _draw_hosts(self, model: RegistryModel, rect: QRectF) -> None:
        """A card per Docker host, the one of the latest push or pull first. A card that would leave
        the panel is drawn compact (its image names counted, listed on click); hosts that still do not
        fit are named in a last line."""
        first = model.transfer.host if model.transfer is not None else ""
        hosts = sorted(model.hosts[:4], key=lambda h: (h.name != first, not h.current))
        more_h = QFontMetricsF(self.font_px(17)).height() * 2 + 6
        y, shown = rect.top(), 0
        for i, host in enumerate(hosts):
            limit = rect.bottom() - (more_h if i < len(hosts) - 1 else 0)
            if i and y > limit - 60:
                break
            end = self._host_card(host, y, rect)
            if end > limit:
                self._drop(f"host:{host.name}")
                end = self._host_card(host, y, rect, compact=True)
                if end > limit and i > 0:
                    self._drop(f"host:{host.name}")
                    break
            y, shown = end + 12, shown + 1
        rest = [h.name for h in hosts[shown:]] + [h.name for h in model.hosts[4:]]
        if rest:
            t = text_item(self.t(f"……另有 {len(rest)} 台主机：{'、'.join(rest)}", f"… {len(rest)} more {plural(len(rest), 'host')}: {', '.join(rest)}"),
                          self.font_px(17), self.color("muted"), width=rect.width() - 12)
            t.setPos(rect.left() + 6, y)
            self.addItem(t)
            self.register("hosts:more", t)

    def _drop(self, item_id: str) -> None:
        """Remove a drawn card and the ids registered on it."""
        card = self.item_for(item_id)
        if card is None:
            return
        for key in [k for k, v in self._items.items() if v is card or card.isAncestorOf(v)]:
            del self._items[key]
        self.removeItem(card)

    def _host_card(self, host: Any, y: float, rect: QRectF, compact: bool = False) -> float:
        w = rect.width()
        card = Box(f"host:{host.name}", w, 10, self.color("panel"),
                   self.color("accent") if host.current else self.color("node_border"), 3 if host.current else 2, 12)
        card.setPos(rect.left(), y)
        mark = "★ " if host.current else ""
        t = text_item(f"{mark}{host.name} · {format_bytes(host.store_bytes)}", self.font_px(22, bold=True),
                      self.color("text"), width=w - 24, parent=card)
        t.setPos(12, 8)
        cy = 12 + t.boundingRect().height()
        if host.tags:
            words = ", ".join(host.tags) if not compact else self.t(f"{len(host.tags)} 个镜像（点击查看）",
                                                                    f"{len(host.tags)} images (click for names)")
            tags = text_item(words, self.font_px(17), self.color("text"), width=w - 24, parent=card)
            tags.setPos(12, cy)
            cy += tags.boundingRect().height() + 4
        small = self.font_px(13, bold=True)
        size = max(26.0, QFontMetricsF(small).height() + 4)  # the count must fit at presenter sizes
        per_row = max(1, int((w - 24) // (size + 6)))
        for i, (digest, unpacked, users) in enumerate(host.layers):
            r, c = divmod(i, per_row)
            sq = Box(f"hostlayer:{host.name}:{digest[7:19]}", size, size,
                     mix(self.profile.canvas, self.profile.layer_built, 0.35), self.color("text"),
                     1.5, 3, parent=card)
            sq.setPos(12 + c * (size + 6), cy + r * (size + 6))
            sq.setToolTip(f"{digest}\n{format_bytes(unpacked)} · {users} " + self.t("个镜像共用", "images share it"))
            sq.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            if users > 1:  # shared layers carry their count (stored once, used by several images)
                n = text_item(f"{users}", small, self.color("text"), parent=sq)
                n.setPos((size - n.boundingRect().width()) / 2, (size - n.boundingRect().height()) / 2)
            self.register(sq.item_id, sq)
        rows = (len(host.layers) + per_row - 1) // per_row
        cy += rows * (size + 6) + 4
        if any(u > 1 for _, _, u in host.layers) and not compact:
            note = text_item(self.t("数字 = 共用这一层的镜像数（只存一份）", "number = images sharing the layer (stored once)"),
                             self.font_px(16), self.color("muted"), width=w - 24, parent=card)
            note.setPos(12, cy)
            cy += note.boundingRect().height()
        card.set_size(w, cy + 8)
        card.clicked.connect(self._explain_host)
        self.addItem(card)
        self.register(card.item_id, card)
        return y + card.height

    # -- following the engine ----------------------------------------------------------------------
    def on_events(self, events: Sequence[Any]) -> None:
        relevant = [e for e in events if _kind(e) in EVENTS]
        if not relevant:
            return
        self.rebuild()  # state first: every bar drawn at its final state
        tr = self.model.transfer if self.model is not None else None
        if tr is None or not self.animations_enabled or not any(_kind(e) in ("PushStarted", "PullStarted") for e in relevant):
            return
        group = QParallelAnimationGroup(self)
        order = sorted(tr.layers, key=lambda m: (m.start, -m.number))
        for i, m in enumerate(order):
            row = self.rows.get(f"layer:{m.number}")
            if row is None:
                continue
            start_ms = int(m.start * 1000 / self.speed) + self.anim_ms(120) * i
            seq = QSequentialAnimationGroup()
            seq.addPause(start_ms)
            if m.moved:
                bar = self.bars[row.item_id]
                bar.progress = 0.0
                fill = QPropertyAnimation(bar, b"progress")
                fill.setStartValue(0.0)
                fill.setEndValue(1.0)
                fill.setDuration(max(self.anim_ms(MIN_BAR_MS), int(m.seconds * 1000 / self.speed)))
                seq.addAnimation(fill)
            else:
                glyph = row.glyph  # type: ignore[attr-defined]
                pulse = QPropertyAnimation(glyph, b"scale")
                pulse.setKeyValueAt(0.0, 1.0)
                pulse.setKeyValueAt(0.5, 1.8)
                pulse.setKeyValueAt(1.0, 1.0)
                pulse.setDuration(self.anim_ms(MIN_BAR_MS))
                seq.addAnimation(pulse)
            group.addAnimation(seq)
        if group.animationCount():
            self.track(group)

    # -- details ------------------------------------------------------------------------------------
    def explain_layer(self, item_id: str) -> None:
        tr = self.model.transfer if self.model else None
        if tr is None:
            return
        n = int(item_id.split(":", 1)[1])
        m = next(x for x in tr.layers if x.number == n)
        why = {
            "uploaded": self.t("仓库里没有这一层（HEAD 返回 404），所以真的上传了它的字节。",
                               "The registry lacked this blob (HEAD answered 404), so its bytes were uploaded."),
            "exists": self.t("对方已经有这个摘要的层，一个字节也不用传。", "The other side already had a layer with this digest: no byte moved."),
            "mounted": self.t(f"仓库在 {m.mounted_from} 里已有这一层，直接挂载到新仓库（跨仓库挂载），不用上传。",
                              f"The registry already stored it under {m.mounted_from} and linked it (cross-repository mount): no upload."),
            "downloaded": self.t("本机内容库里没有这一层，于是下载并解压。", "The host's content store lacked it, so it was downloaded and extracted."),
        }.get(m.outcome, "")
        rows = [(self.t("摘要", "Digest"), m.digest), (self.t("压缩后大小", "Compressed size"), f"{format_bytes(m.size)} ({m.size:,} B)"),
                (self.t("结果", "Outcome"), self.outcome_words(m)), (self.t("耗时（模拟）", "Time (simulated)"), f"{m.seconds:.3f} s")]
        body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        self.explain(self.t(f"第 {m.number} 层", f"Layer {m.number}"), f"<table>{body}</table><p>{html.escape(why)}</p>")

    def _explain_transfer(self, _id: str) -> None:
        tr = self.model.transfer if self.model else None
        if tr is None:
            return
        lines = "".join(f"<li>#{m.number} <code>{m.digest[7:19]}</code> {html.escape(self.outcome_words(m))}</li>"
                        for m in reversed(tr.layers))
        self.explain(tr.ref, f"<p>{html.escape(self._counts(tr))}</p><ul>{lines}</ul>")

    def _explain_registry(self, _id: str) -> None:
        self.explain(self.t("镜像仓库服务", "The registry"), html.escape(self.t(
            "仓库管理员：按名字和标签收存、发放镜像；层按摘要只存一份，多个仓库可以链接同一层。",
            "The warehouse keeper: stores and hands out images by name and tag; layers are stored once by digest "
            "and several repositories can link the same layer.")) + "".join(
            f"<p><b>{html.escape(r.name)}</b>: {html.escape(', '.join(t for t, _ in r.tags))}</p>"
            for r in (self.model.repos if self.model else [])))

    def _explain_repo(self, item_id: str) -> None:
        name = item_id.split(":", 1)[1]
        repo = next((r for r in self.model.repos if r.name == name), None) if self.model else None
        if repo is not None:
            tags = ", ".join(f"{t} → {d[:19]}" for t, d in repo.tags)
            self.explain(name, html.escape(self.t(f"标签：{tags}；链接了 {len(repo.blobs)} 个层",
                                                  f"tags: {tags}; {len(repo.blobs)} layers linked")))

    def _explain_manifest(self, item_id: str) -> None:
        self.explain(self.t("清单（manifest）", "The manifest"), html.escape(self.t(
            "清单列出镜像的配置和每一层的摘要；标签指向清单的摘要。内容一变，摘要就变。",
            "The manifest lists the image's config and every layer's digest; a tag points at the manifest's "
            "digest. Change the content and the digest changes.")) + f"<p><code>{html.escape(item_id)}</code></p>")

    def _explain_host(self, item_id: str) -> None:
        name = item_id.split(":", 1)[1]
        host = next((h for h in self.model.hosts if h.name == name), None) if self.model else None
        if host is not None:
            shared = sum(1 for _, _, u in host.layers if u > 1)
            self.explain(name, html.escape(self.t(
                f"内容库里有 {len(host.layers)} 个层（{shared} 个被多个镜像共用，只存一份），共 {format_bytes(host.store_bytes)}。",
                f"{len(host.layers)} layers in the content store ({shared} shared by several images, stored once), "
                f"{format_bytes(host.store_bytes)} in all.")) + (
                f"<p>{html.escape(self.t('镜像：', 'Images: '))}{html.escape(', '.join(host.tags))}</p>" if host.tags else ""))

    def summary(self) -> str:
        tr = self.model.transfer if self.model else None
        return f"{tr.kind} {tr.ref}: {self._counts(tr)}" if tr else ""
