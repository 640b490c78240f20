"""Scene "house": Build, Ship, Run told as the article's analogy, drawn from the real engine.

The house on the construction site is the image of the latest ``docker build`` on the current Docker
host: one floor per layer (``layer:N``, N = 1 at the bottom, in manifest order), the base image's
layers as a stone foundation, then the storeys the Dockerfile built. During a build, rebuilt floors
rise one after another and floors taken from the cache light up instead; the roof goes on when the
image is complete, the magic copies it into the backpack (the host's images), the warehouse shows
repositories pushed to the public registry (villa, siheyuan, hut ...), and every container is the
house conjured again on new land. A toggle at the top right switches to the technical view of the
same moment (Dockerfile lines, layer digests and sizes, image ID, repositories, ``docker ps``).

State first: every batch of events redraws from the world's state; the animation then plays toward
that state (rise, flash, roof, copy, conjure). With animations off only the state is drawn.
"""
from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import (QEasingCurve, QParallelAnimationGroup, QPointF, QPropertyAnimation,
                            QSequentialAnimationGroup)
from PySide6.QtGui import QFontMetricsF

from app.ui.scenes import register_scene
from app.ui.scenes.a_house_draw import (draw_house, draw_land, draw_magic_and_pack, draw_notes, draw_plan,
                                        draw_warehouse, status_words)
from app.ui.scenes.a_house_layout import HouseLayout, tall_layout, wide_layout
from app.ui.scenes.a_house_model import Floor, HouseModel, format_bytes, read_house
from app.ui.scenes.a_house_tech import draw_technical
from app.ui.scenes.a_items import Box, text_item
from app.ui.scenes.a_stage_shape import ReadableOnStage
from app.ui.scenes.base import SceneBase

DOCKER_KINDS = {"BuildStarted", "BuildStepFinished", "BuildFinished", "ImageTagged", "ImageUntagged", "ImageRemoved",
                "ManifestPushed", "ImagePulled", "ContainerCreated", "ContainerStarted", "ContainerStopped",
                "ContainerRemoved", "HostAdded", "WorldReset", "LayerPulled"}


def _kind(event: Any) -> str:
    # the class name, independent of any event field (BuildStepFinished once had a ``kind`` field)
    return type(event).__name__


@register_scene
class HouseScene(ReadableOnStage, SceneBase):
    scene_id = "house"
    title = {"zh": "构建、分发、运行：房子", "en": "Build, Ship, Run: the house"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.technical = False
        self.model = HouseModel(host="")
        self.floor_items: dict[str, Box] = {}
        self.land_items: dict[str, Box] = {}
        self.layout: HouseLayout = wide_layout()

    # -- colours -------------------------------------------------------------------------------
    def status_color(self, status: str) -> Any:
        role = {"built": "layer_built", "cached": "layer_cached", "base": "node_border", "note": "warning"}[status]
        return self.color(role)

    # -- drawing -------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.floor_items, self.land_items = {}, {}
        self.clear_items()
        self.follow_view_shape()
        self.model = read_house(self.controller.world)
        toggle = self._draw_toggle()
        r = self.sceneRect()
        head = self.add_text(self.t("构建、分发、运行：房子与魔法", "Build, Ship, Run: the house and the magic"),
                             24, 20, px=34, bold=True, width=toggle.x() - 48)
        self.register("title", head)
        if self.tall:
            top = max(head.sceneBoundingRect().bottom(), toggle.sceneBoundingRect().bottom()) + 14
            line_h = QFontMetricsF(self.font_px(22, bold=True)).height()
            floor_h = max(40.0, QFontMetricsF(self.font_px(17, bold=True)).height() + 8)
            chip_h = QFontMetricsF(self.font_px(17, bold=True)).height() + 10
            house_h = max((len(self.model.floors) + 1.5) * floor_h + 3 * line_h + 90,  # house, label, sign
                          112 + 2 * line_h + 40 + max(150.0, min(5, len(self.model.backpack)) * chip_h) + 60)
            self.layout = tall_layout(r.width(), r.height(), top, line_h, house_h)
        else:
            self.layout = wide_layout(r.height())
        if self.technical:
            self.floor_items = draw_technical(self, self.model)
        else:
            draw_plan(self, self.model)
            self.floor_items = draw_house(self, self.model)
            draw_notes(self, self.model)
            draw_magic_and_pack(self, self.model)
            draw_warehouse(self, self.model)
            self.land_items = draw_land(self, self.model)
        self.apply_highlight()

    def _draw_toggle(self) -> Box:
        label = self.t("图画视图", "Picture view") if self.technical else self.t("技术视图", "Technical view")
        box = Box("view-toggle", 10, 10, self.color("panel_alt"), self.color("accent"), 3, 10)
        t = text_item(("◧ " if self.technical else "▤ ") + label, self.font_px(22, bold=True), self.color("text"),
                      parent=box)
        box.set_size(t.boundingRect().width() + 28, t.boundingRect().height() + 12)
        t.setPos(14, 6)
        box.setPos(self.sceneRect().width() - 24 - box.width, 22)
        box.clicked.connect(self.toggle_view)
        self.addItem(box)
        self.register("view-toggle", box)
        return box

    def toggle_view(self, *_: Any) -> None:
        """Switch between the picture and the technical view of the same moment."""
        self.technical = not self.technical
        self.rebuild()

    # -- following the engine ------------------------------------------------------------------------
    def on_events(self, events: Sequence[Any]) -> None:
        relevant = [e for e in events if _kind(e) in DOCKER_KINDS]
        if not relevant:
            return
        before = self.model
        self.rebuild()  # state first
        if self.technical or not self.animations_enabled:
            return
        self._animate(relevant, before)

    def _animate(self, events: list[Any], before: HouseModel) -> None:
        seq = QSequentialAnimationGroup(self)
        digest_to_id = {f.digest: f"layer:{f.number}" for f in self.model.floors}
        old_digests = {f.digest for f in before.floors} if before.image_id == self.model.image_id else set()
        rose: set[str] = set()
        for e in events:
            k = _kind(e)
            if k == "BuildStepFinished" and e.layer in digest_to_id:
                item = self.floor_items.get(digest_to_id[e.layer])
                if item is None:
                    continue
                if e.cached:
                    seq.addAnimation(self._flash(item))
                elif e.layer not in old_digests:
                    seq.addAnimation(self._rise(item))
                    rose.add(e.layer)
            elif k == "LayerPulled" and e.digest in digest_to_id and e.digest not in rose and \
                    e.digest not in old_digests and e.host == self.model.host:
                item = self.floor_items.get(digest_to_id[e.digest])
                if item is not None:
                    seq.addAnimation(self._rise(item))
                    rose.add(e.digest)
            elif k == "BuildFinished":
                roof = self.item_for("roof")
                if isinstance(roof, Box):
                    seq.addAnimation(self._drop(roof))
                magic = self.item_for("magic")
                if isinstance(magic, Box):
                    seq.addAnimation(self._pulse(magic))
                copy = self._copy_to_backpack()
                if copy is not None:
                    seq.addAnimation(copy)
        conjure = QParallelAnimationGroup()
        for e in events:
            if _kind(e) in ("ContainerCreated", "ContainerStarted"):
                item = self.land_items.get(f"container:{e.name}")
                if item is not None and not any(c.name == e.name and c.state == "running" for c in before.land):
                    conjure.addAnimation(self._appear(item))
        if conjure.animationCount():
            seq.addAnimation(conjure)
        if seq.animationCount():
            self.track(seq)

    # -- animation recipes (all end in the state already drawn) ----------------------------------------
    def _rise(self, item: Box) -> QParallelAnimationGroup:
        end = item.pos()
        item.setOpacity(0.0)
        group = QParallelAnimationGroup()
        fade = QPropertyAnimation(item, b"opacity")
        fade.setStartValue(0.0)
        fade.setEndValue(1.0)
        fade.setDuration(self.anim_ms(320))
        move = QPropertyAnimation(item, b"pos")
        move.setStartValue(end + QPointF(0, -60))
        move.setEndValue(end)
        move.setDuration(self.anim_ms(320))
        move.setEasingCurve(QEasingCurve.Type.OutBounce)
        group.addAnimation(fade)
        group.addAnimation(move)
        return group

    def _flash(self, item: Box) -> QPropertyAnimation:
        """A cache hit: the floor lights up (a glow that fades), nothing is rebuilt."""
        glow = Box(f"glow:{item.item_id}", item.width + 12, item.height + 8, self.color("highlight", 110),
                   self.color("highlight"), 4, 8)
        glow.setPos(item.scenePos() + QPointF(-6, -4))
        glow.setZValue(50)
        glow.setOpacity(0.0)
        glow.setAcceptedMouseButtons(glow.acceptedMouseButtons().NoButton)
        self.addItem(glow)
        anim = QPropertyAnimation(glow, b"opacity")
        anim.setKeyValueAt(0.0, 0.0)
        anim.setKeyValueAt(0.3, 1.0)
        anim.setKeyValueAt(1.0, 0.0)
        anim.setDuration(self.anim_ms(700))
        return anim

    def _drop(self, item: Box) -> QParallelAnimationGroup:
        group = self._rise(item)
        return group

    def _copy_to_backpack(self) -> QParallelAnimationGroup | None:
        """The magic copy: a small image of the house flies into the backpack and vanishes into it."""
        house, pack = self.item_for("house"), self.item_for("backpack")
        if not isinstance(house, Box) or not isinstance(pack, Box) or not self.model.built:
            return None
        ghost = Box("ghost:copy", 80, 90, None, None, 0, 4)
        from app.ui.scenes.a_house_draw import _mini_house

        _mini_house(self, ghost, 40, 88, 80)
        ghost.setZValue(60)
        ghost.setOpacity(0.0)  # its final state: gone into the backpack
        ghost.setAcceptedMouseButtons(ghost.acceptedMouseButtons().NoButton)
        self.addItem(ghost)
        start = house.sceneBoundingRect().center() - QPointF(40, 45)
        end = pack.sceneBoundingRect().center() - QPointF(40, 45)
        group = QParallelAnimationGroup()
        move = QPropertyAnimation(ghost, b"pos")
        move.setStartValue(start)
        move.setEndValue(end)
        move.setDuration(self.anim_ms(700))
        move.setEasingCurve(QEasingCurve.Type.InOutCubic)
        fade = QPropertyAnimation(ghost, b"opacity")
        fade.setKeyValueAt(0.0, 1.0)
        fade.setKeyValueAt(0.8, 1.0)
        fade.setKeyValueAt(1.0, 0.0)
        fade.setDuration(self.anim_ms(700))
        group.addAnimation(move)
        group.addAnimation(fade)
        return group

    def _pulse(self, item: Box) -> QPropertyAnimation:
        item.setTransformOriginPoint(item.boundingRect().center())
        anim = QPropertyAnimation(item, b"scale")
        anim.setKeyValueAt(0.0, 1.0)
        anim.setKeyValueAt(0.5, 1.25)
        anim.setKeyValueAt(1.0, 1.0)
        anim.setDuration(self.anim_ms(600))
        return anim

    def _appear(self, item: Box) -> QParallelAnimationGroup:
        item.setTransformOriginPoint(item.boundingRect().center())
        item.setOpacity(0.0)
        group = QParallelAnimationGroup()
        fade = QPropertyAnimation(item, b"opacity")
        fade.setStartValue(0.0)
        fade.setEndValue(1.0)
        fade.setDuration(self.anim_ms(500))
        grow = QPropertyAnimation(item, b"scale")
        grow.setStartValue(0.4)
        grow.setEndValue(1.0)
        grow.setDuration(self.anim_ms(500))
        grow.setEasingCurve(QEasingCurve.Type.OutBack)
        group.addAnimation(fade)
        group.addAnimation(grow)
        return group

    # -- details (hover shows the tooltip; click shows the same and more) ------------------------------
    def floor(self, number: int) -> Floor | None:
        return next((f for f in self.model.floors if f.number == number), None)

    def floor_tooltip(self, f: Floor) -> str:
        return f"#{f.number} · {status_words(self, f.origin)} · {format_bytes(f.size)}\n{f.instruction}\n{f.digest}"

    def explain_floor(self, item_id: str) -> None:
        f = self.floor(int(item_id.split(":", 1)[1]))
        if f is None:
            return
        if f.origin == "base":
            how = self.t(f"来自基础镜像 {self.model.base}（地基）", f"from the base image {self.model.base} (the foundation)")
        elif f.origin == "cached":
            how = self.t(f"第 {f.step} 步，取自构建缓存：{f.detail}", f"step {f.step}, taken from the build cache: {f.detail}")
        else:
            how = self.t(f"第 {f.step} 步，这次重新构建：{f.detail}", f"step {f.step}, rebuilt this time: {f.detail}")
        rows = [(self.t("指令", "Instruction"), f.instruction), (self.t("摘要", "Digest"), f.digest),
                (self.t("大小", "Size"), f"{format_bytes(f.size)} ({f.size:,} B)"), (self.t("来历", "Origin"), how)]
        body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        self.explain(self.t(f"第 {f.number} 层（共 {len(self.model.floors)} 层）",
                            f"Layer {f.number} of {len(self.model.floors)}"), f"<table>{body}</table>")

    def explain_plan_line(self, item_id: str) -> None:
        i = int(item_id.split(":", 1)[1]) - 1
        line = self.model.dockerfile[i]
        text = {"built": self.t("这一步这次重新执行，盖出新的一层。", "This step ran again and built a new layer."),
                "cached": self.t("这一步和上次完全一样，直接用了缓存里的层。", "This step matched the cache: its layer was reused."),
                "base": self.t("地基：从这个基础镜像开始盖。", "The foundation: building starts from this base image."),
                "note": self.t("只改配置，不盖楼：写在镜像配置里的说明。", "Changes only the configuration, no floor: a note in the image config.")}
        self.explain(line.text, f"<p><code>{html.escape(line.text)}</code></p><p>{html.escape(text[line.status])}</p>")

    def explain_id(self, item_id: str) -> None:
        texts = {
            "dockerfile": ("Dockerfile", self.t("图纸：从哪块地基开始，每一步做什么。每个 RUN、COPY、ADD 盖一层楼。",
                                                 "The plan: which foundation to start from and what each step does. Every RUN, COPY and ADD adds a floor.")),
            "magic": (self.t("魔法", "The magic"), self.t("构建完成时，房子被原样复制成一个只读的镜像：层加上运行配置。",
                                                         "When the build finishes, the house is copied exactly into a read-only image: layers plus run-time settings.")),
            "backpack": (self.t("背包", "The backpack"), self.t("本机存放的镜像（docker images）。同一个镜像可以变出很多栋房子。",
                                                             "The images stored on this machine (docker images). One image can conjure many houses.")),
            "warehouse": (self.t("公共仓库", "The public warehouse"), self.t("镜像仓库服务（这里是 Docker Hub）：别人推送的房子都放在这里，谁都能拉走。",
                                                                       "The registry (here Docker Hub): houses other people pushed, which anyone can pull.")),
            "notes": (self.t("门上的说明", "Notes on the door"), self.t("ENV、EXPOSE、CMD 只写进镜像配置，不新增文件层：",
                                                                   "ENV, EXPOSE and CMD only go into the image configuration; they add no layer:")
                      + " " + "; ".join(line.text for line in self.model.dockerfile if line.status == "note")),
            "roof": (self.t("屋顶", "The roof"), self.t("镜像完成：所有层和配置都齐了，有了镜像 ID。",
                                                       "The image is complete: all layers and the configuration, with an image ID.")),
            "house": (self.t("镜像的层", "Image layers"), self.t("每一层是一组只读的文件变化，按顺序叠起来。",
                                                              "Each layer is a read-only set of file changes, stacked in order.")),
            "land": (self.t("容器", "Containers"), self.t("docker ps -a：用镜像变出来的房子。", "docker ps -a: the houses conjured from images.")),
        }
        if item_id in texts:
            title, body = texts[item_id]
            extra = ""
            if item_id in ("magic", "roof") and self.model.built:
                extra = f"<p><code>{html.escape(self.model.image_id)}</code></p>"
            self.explain(title, f"<p>{html.escape(body)}</p>{extra}")

    def explain_image(self, item_id: str) -> None:
        tag = item_id.split(":", 1)[1]
        image_id = dict(self.model.backpack).get(tag, "")
        self.explain(tag, f"<p>{html.escape(self.t('镜像 ID', 'Image ID'))}: <code>{html.escape(image_id)}</code></p>")

    def explain_repo(self, item_id: str) -> None:
        repo = item_id.split(":", 1)[1]
        item = next((w for w in self.model.warehouse if w.repository == repo), None)
        if item is not None:
            self.explain(repo, html.escape(self.t(f"标签：{', '.join(item.tags)}；{item.layers} 层",
                                                  f"tags: {', '.join(item.tags)}; {item.layers} layers")))

    def explain_container(self, item_id: str) -> None:
        name = item_id.split(":", 1)[1]
        c = next((c for c in self.model.land if c.name == name), None)
        if c is not None:
            self.explain(self.t(f"容器 {c.name}", f"Container {c.name}"), html.escape(
                self.t(f"由镜像 {c.image} 变出来的房子，状态：{c.state}。它在镜像的只读层上加了一层薄薄的可写层。",
                       f"A house conjured from the image {c.image}, state: {c.state}. It adds a thin writable layer on the image's read-only layers.")))

    def summary(self) -> str:
        m = self.model
        if not m.built:
            return self.t("还没有构建镜像", "No image built yet")
        cached = sum(1 for f in m.floors if f.origin == "cached")
        built = sum(1 for f in m.floors if f.origin == "built")
        return self.t(f"{', '.join(m.tags)}：{len(m.floors)} 层（新建 {built}，缓存 {cached}），{len(m.land)} 个容器",
                      f"{', '.join(m.tags)}: {len(m.floors)} layers ({built} built, {cached} cached), {len(m.land)} containers")
