"""Scene "vm-vs-container": the two stacks side by side, the host's real containers, and density charts.

Left: a VM stack (hardware, hypervisor, three guest OSes with their apps) beside a container stack
(hardware, host OS, container runtime, and one box per container the engine runs on the current
Docker host: ``docker run`` in the console makes one appear). Right: "start N of each" on one host,
N set by a slider (1 to 5,000) or preset chips; :mod:`app.sim.vm_model` runs the boots on an engine
Simulation (seeded by the world's seed) and three pyqtgraph charts show when they are ready, the
disk they take and how many fit. Changing N sweeps a playhead over the ready curves (speed follows
the transport; with animations off the final curves are drawn at once).

The scene follows its view's shape (``a_stage_shape``): on a wide stage it is 1600 x 900; a taller
one makes the scene taller at the same width (the presenter text size is unchanged). A wide stage gets
the stacks left and controls and charts right; a tall one (4:3 and squarer) gets the stacks and the
controls side by side above and the charts across the bottom, each chart larger.
"""
from __future__ import annotations

import html
from typing import Any, Sequence

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsLineItem, QGraphicsProxyWidget, QSlider

from app.sim import vm_model
from app.ui.scenes import register_scene
from app.ui.scenes.a_art import mix
from app.ui.scenes.a_items import Box, text_item
from app.ui.scenes.a_vm_charts import DensityCharts
from app.ui.scenes.a_items import GlyphItem, glyph_path
from app.ui.scenes.a_vm_charts import KIND_ROLES
from app.ui.scenes.a_vm_stacks import (CT_COLS, StackLayout, containers_on_host, draw_container, draw_empty_hint,
                                       draw_stacks)
from app.ui.scenes.a_stage_shape import MIN_H, TALL_H, WIDTH, ReadableFloor
from app.ui.scenes.base import SceneBase

PRESETS = (1, 10, 100, 1000, 5000)
SLIDER_STEPS = 1000
RIGHT_X, RIGHT_W = 860.0, 710.0
CONTAINER_EVENTS = {"ContainerCreated", "ContainerStarted", "ContainerStopped", "ContainerRemoved", "WorldReset"}


def n_from_slider(pos: int) -> int:
    """Slider positions map to N on a log scale: 0 -> 1, SLIDER_STEPS -> MAX_INSTANCES."""
    return max(1, round(vm_model.MAX_INSTANCES ** (pos / SLIDER_STEPS)))


def slider_from_n(n: int) -> int:
    import math

    return round(SLIDER_STEPS * math.log(max(n, 1)) / math.log(vm_model.MAX_INSTANCES))


@register_scene
class VmContainersScene(ReadableFloor, SceneBase):
    scene_id = "vm-vs-container"
    title = {"zh": "虚拟机与容器", "en": "Virtual machines vs containers"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.n = 100
        self.app_row = QRectF()
        self.result: vm_model.LabResult | None = None
        self.charts: DensityCharts | None = None
        self.slider: QSlider | None = None
        self.container_items: dict[str, Box] = {}
        self.layout = StackLayout()
        self.running_containers = 0
        self._summary_items: dict[str, Any] = {}
        self._overflow_item: Any = None
        self.stack_bottom = MIN_H - 20

    # -- colours -------------------------------------------------------------------------------
    def tint(self, role: str) -> Any:
        """A fill: the role blended into the canvas (text on it stays readable)."""
        return mix(self.profile.canvas, getattr(self.profile, role), 0.32)

    # -- drawing -------------------------------------------------------------------------------
    def rebuild(self) -> None:
        height = self.follow_view_shape()
        self.stack_bottom = round(height * 0.56) if height >= TALL_H else height - 20
        self.container_items.clear()
        self.charts = None
        self.slider = None
        self._overflow_item = None
        self._summary_items = {}
        self._draw_title_and_stacks()
        if self.tall:  # the charts take what the stacks leave: give the stacks what they need first
            vm_top = self.item_for("vm").sceneBoundingRect().top()  # type: ignore[union-attr]
            vm_short = self.layout.grid_top_limit + 8 - vm_top  # the VMs must clear the headers
            want = min(self.stack_bottom + vm_short, height - 260)
            if want > self.stack_bottom:
                self.stack_bottom = want
                self._draw_title_and_stacks()
        self._sync_containers(animate=False)
        self.result = vm_model.run_lab(self.n, seed=int(self.controller.world.sim.seed))
        charts_top = self._draw_controls()
        self._draw_charts(charts_top)
        self.set_n(self.n, animate=False, force=True)
        self.apply_highlight()

    def _draw_title_and_stacks(self) -> None:
        self.clear_items()
        head = self.add_text(self.t("虚拟机与容器", "Virtual machines vs containers"), 40, 24, px=40, bold=True)
        self.register("title", head)
        self.layout = draw_stacks(self)

    def _draw_controls(self) -> float:
        """The N chips, the slider and the two-line outcome; returns where the charts may start."""
        y = 100.0
        label = text_item(self.t("在一台主机上各启动 N 个：", "Start N of each on one host:"),
                          self.font_px(26, bold=True), self.color("text"))
        label.setPos(RIGHT_X, y)
        self.addItem(label)
        y += label.boundingRect().height() + 8
        x = RIGHT_X
        for n in PRESETS:
            chip = Box(f"n:{n}", 10, 10, self.color("panel_alt"), self.color("accent"), 2.5, 10)
            t = text_item(f"{n:,}", self.font_px(24, bold=True), self.color("text"), parent=chip)
            chip.set_size(t.boundingRect().width() + 28, t.boundingRect().height() + 12)
            t.setPos(14, 6)
            chip.setPos(x, y)
            chip.clicked.connect(self._preset_clicked)
            self.addItem(chip)
            self.register(chip.item_id, chip)
            x += chip.width + 12
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, SLIDER_STEPS)
        slider.setPageStep(SLIDER_STEPS // 10)
        slider.setPalette(self.profile.palette())
        slider.setAccessibleName(self.t("实例数量 N", "Number of instances N"))
        proxy = QGraphicsProxyWidget()
        proxy.setWidget(slider)
        chip_h = self.item_for(f"n:{PRESETS[0]}").height  # type: ignore[union-attr]
        proxy.setGeometry(QRectF(x + 8, y, max(RIGHT_X + RIGHT_W - x - 8, 120.0), chip_h))
        self.addItem(proxy)
        self.register("slider", proxy)
        slider.valueChanged.connect(self._slider_moved)
        self.slider = slider
        y += chip_h + 12
        lines = self.lab_lines()
        two = QFontMetricsF(self.font_px(23)).lineSpacing() * 2
        for kind in ("vm", "container"):
            glyph = GlyphItem(glyph_path("square" if kind == "vm" else "circle", 22),
                              self.color(KIND_ROLES[kind]), self.color("text"), 2)
            row = text_item(lines.get(kind, ""), self.font_px(23), self.color("text"), width=RIGHT_W - 80)
            row.setPos(RIGHT_X + 80, y)
            mid = y + QFontMetricsF(self.font_px(23)).height() / 2
            glyph.setPos(RIGHT_X + 12, mid)
            sample = QGraphicsLineItem(RIGHT_X + 30, mid, RIGHT_X + 70, mid)  # the chart's line style
            pen = QPen(self.color(KIND_ROLES[kind]), 5)
            if kind == "container":
                pen.setStyle(Qt.PenStyle.DashLine)
            sample.setPen(pen)
            self.addItem(sample)
            self.register(f"legend:{kind}", sample)
            self.addItem(glyph)
            self.addItem(row)
            self._summary_items[kind] = row
            self.register(f"summary:{kind}", row)
            y += max(row.boundingRect().height(), two) + 6  # room for two lines whatever N says
        return y + 10

    def _draw_charts(self, top: float) -> None:
        from app.ui.scenes.a_vm_charts import chart_titles

        titles = chart_titles(self.lang)
        half = RIGHT_W / 2 - 12
        heads = [text_item(t, self.font_px(23, bold=True), self.color("text"), width=w)
                 for t, w in zip(titles, (RIGHT_W, half, half))]
        t1 = heads[0].boundingRect().height() + 2
        t2 = max(heads[1].boundingRect().height(), heads[2].boundingRect().height()) + 2
        bottom = self.sceneRect().height() - 20
        if self.tall:
            # the ready curves (the chart the lesson talks about) in the right column under the
            # controls; disk and "how many fit" side by side across the bottom
            band_w = (WIDTH - 80 - 24) / 2
            heads[0].setTextWidth(RIGHT_W)
            heads[1].setTextWidth(band_w)
            heads[2].setTextWidth(band_w)
            t1 = heads[0].boundingRect().height() + 2
            t2 = max(heads[1].boundingRect().height(), heads[2].boundingRect().height()) + 2
            y_band = self.stack_bottom + 24 + t2
            rects = [QRectF(RIGHT_X, top + t1, RIGHT_W, max(self.stack_bottom - top - t1, 110.0)),
                     QRectF(40, y_band, band_w, max(bottom - y_band, 110.0)),
                     QRectF(40 + band_w + 24, y_band, band_w, max(bottom - y_band, 110.0))]
        else:
            space = bottom - top - t1 - t2 - 16
            h1 = max(space * 0.55, 110.0)
            h2 = max(space - h1, 110.0)
            y2 = top + t1 + h1 + 16 + t2
            rects = [QRectF(RIGHT_X, top + t1, RIGHT_W, h1),
                     QRectF(RIGHT_X, y2, half, h2),
                     QRectF(RIGHT_X + RIGHT_W / 2 + 12, y2, half, h2)]
        charts = DensityCharts(self, rects, self.profile, self.lang, self.font_px(18), max(self.min_text_px, 20))
        for rect, head in zip(rects, heads):
            head.setPos(rect.left(), rect.top() - head.boundingRect().height() - 2)
            self.addItem(head)
        for i, item in enumerate(charts.items):
            self.register(f"chart:{i + 1}", item)
        self.charts = charts

    # -- N and the lab --------------------------------------------------------------------------
    def set_n(self, n: int, animate: bool = True, force: bool = False) -> None:
        """Start ``n`` of each on the simulated host and draw the outcome (then sweep the playhead)."""
        n = max(1, min(int(n), vm_model.MAX_INSTANCES))
        if n == self.n and not force and self.result is not None:
            return
        self.n = n
        self.finish_animations()
        self.result = vm_model.run_lab(n, seed=int(self.controller.world.sim.seed))
        if self.slider is not None and n_from_slider(self.slider.value()) != n:
            self.slider.blockSignals(True)
            self.slider.setValue(slider_from_n(n))
            self.slider.blockSignals(False)
        for p in PRESETS:
            chip = self.item_for(f"n:{p}")
            if isinstance(chip, Box):
                chip.set_style(self.color("selection") if p == n else self.color("panel_alt"), self.color("accent"),
                               5.0 if p == n else 2.5)
        for kind, line in self.lab_lines().items():
            if kind in self._summary_items:
                self._summary_items[kind].setPlainText(line)
        if self.charts is None:
            return
        self.charts.show(self.result)  # state first
        if animate and self.animations_enabled:
            end = max(self.result.vm.all_ready_at, self.result.container.all_ready_at, 1.0)
            sweep = QVariantAnimation(self)
            sweep.setStartValue(0.0)
            sweep.setEndValue(float(end))
            sweep.setDuration(self.anim_ms(2200))
            sweep.setEasingCurve(QEasingCurve.Type.InOutSine)
            sweep.valueChanged.connect(self._sweep_to)
            self.track(sweep)

    def _sweep_to(self, value: float) -> None:
        if self.charts is not None and self.result is not None:
            self.charts.show(self.result, upto=float(value))

    def _slider_moved(self, pos: int) -> None:
        self.set_n(n_from_slider(pos))

    def _preset_clicked(self, item_id: str) -> None:
        self.set_n(int(item_id.split(":", 1)[1]))

    def lab_lines(self) -> dict[str, str]:
        """One line per kind: how many run, when all are ready, the disk they use (and who was refused)."""
        r = self.result
        if r is None:
            return {}
        fs, ft = vm_model.format_size, vm_model.format_seconds
        out = {}
        for kind, kr in (("vm", r.vm), ("container", r.container)):
            if self.lang == "zh":
                name = "虚拟机" if kind == "vm" else "容器"
                unit = "台" if kind == "vm" else "个"
                refused = f"，{kr.refused:,} {unit}装不下（{_zh_res(kr.capacity.limited_by)}）" if kr.refused else ""
                out[kind] = f"{name}：{kr.started:,} {unit}运行{refused}；{ft(kr.all_ready_at)} 全部就绪；磁盘 {fs(kr.disk_mib)}"
            else:
                name = "VMs" if kind == "vm" else "Containers"
                refused = f", {kr.refused:,} refused ({kr.capacity.limited_by})" if kr.refused else ""
                out[kind] = f"{name}: {kr.started:,} run{refused}; all ready in {ft(kr.all_ready_at)}; disk {fs(kr.disk_mib)}"
        return out

    def lab_summary(self) -> str:
        lines = self.lab_lines()
        return f"N = {self.n:,}. " + " ".join(lines.values()) if lines else ""

    # -- the engine's containers ------------------------------------------------------------------
    def _sync_containers(self, animate: bool) -> None:
        """Mirror the current host's containers: remove gone ones, add new ones, restyle changed ones."""
        views = containers_on_host(self.controller.world)
        for item in list(self.container_items.values()):
            self.removeItem(item)
        old = set(self.container_items)
        self.container_items.clear()
        for item_id in [i for i in self.item_ids() if i.startswith("ct:")]:
            self._items.pop(item_id, None)
        if self._overflow_item is not None:
            self.removeItem(self._overflow_item)
            self._overflow_item = None
        slots = CT_COLS * self.layout.rows
        # When they do not all fit, the last slot says how many older ones are not drawn.
        visible = views if len(views) <= slots else views[-(slots - 1):]
        if not views:
            hint = draw_empty_hint(self, self.layout)
            self.container_items["ct:none"] = hint
            self.register("ct:none", hint)
            group_rect = hint.sceneBoundingRect()
        else:
            group_rect = QRectF()
            for i, c in enumerate(visible):
                box = draw_container(self, self.layout, i, c)
                self.container_items[box.item_id] = box
                group_rect = group_rect.united(box.sceneBoundingRect())
                if animate and self.animations_enabled and box.item_id not in old:
                    self._pop_in(box)
            hidden = len(views) - len(visible)
            if hidden:
                self._overflow_item = self._draw_overflow(len(visible), hidden)
                group_rect = group_rect.united(self._overflow_item.sceneBoundingRect())
        running = sum(1 for c in views if c.state == "running")
        self._set_container_group(group_rect, running, len(views))

    def _draw_overflow(self, slot: int, hidden: int) -> Box:
        from app.ui.scenes.a_vm_stacks import container_slot

        box = Box("ct:more", self.layout.ct_w, self.layout.ct_h, self.color("panel"), self.color("accent"), 2, 10,
                  dashed=True)
        box.setPos(*container_slot(self.layout, slot))
        t = text_item(f"+{hidden}", self.font_px(24, bold=True), self.color("text"), parent=box)
        t.setPos((box.width - t.boundingRect().width()) / 2, (box.height - t.boundingRect().height()) / 2)
        box.setToolTip(self.t(f"另有 {hidden} 个更早的容器", f"{hidden} older containers"))
        box.clicked.connect(self._explain_overflow)
        self.addItem(box)
        self.register("ct:more", box)
        return box

    def _explain_overflow(self, _item_id: str) -> None:
        views = containers_on_host(self.controller.world)
        names = ", ".join(c.name for c in views)
        self.explain(self.t(f"这台主机上的 {len(views)} 个容器", f"The {len(views)} containers on this host"),
                     f"<p>{html.escape(names)}</p>")

    def _set_container_group(self, rect: QRectF, running: int, total: int) -> None:
        old = self.item_for("container")
        if old is not None and old.scene() is self:
            self.removeItem(old)
        g = Box("container", rect.width(), rect.height(), None, None, 0, 8)
        g.setPos(rect.topLeft())
        g.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        g.setZValue(-1)
        g.setToolTip(self.t(f"运行中 {running} 个，共 {total} 个", f"{running} running of {total}"))
        self.addItem(g)
        self.register("container", g)
        app = self.item_for("app")
        if app is not None and app.scene() is self:
            self.removeItem(app)
        row = self.app_row.united(QRectF(rect.left(), self.app_row.top(), rect.width(), self.app_row.height()))
        a = Box("app", row.width(), row.height(), None, None, 0, 8)
        a.setPos(row.topLeft())
        a.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        a.setZValue(-1)
        self.addItem(a)
        self.register("app", a)
        self.running_containers = running

    def _pop_in(self, box: Box) -> None:
        box.setOpacity(0.0)
        anim = QPropertyAnimation(box, b"opacity", self)
        anim.setStartValue(0.0)
        anim.setEndValue(1.0)
        anim.setDuration(self.anim_ms(350))
        self.track(anim)

    def on_events(self, events: Sequence[Any]) -> None:
        if any(type(e).__name__ in CONTAINER_EVENTS for e in events):
            self._sync_containers(animate=True)
            self.apply_highlight()

    # -- details ----------------------------------------------------------------------------------
    def explain_part(self, item_id: str) -> None:
        key = item_id.replace("part:", "").rstrip("-0123456789")  # "part:guest-2" -> "guest"
        key = "hardware" if key.startswith("hardware") else key
        texts = PART_TEXT.get(key)
        if texts is None:
            return
        i = 0 if self.lang == "zh" else 1
        self.explain(texts[i][0], f"<p>{html.escape(texts[i][1])}</p>")

    def explain_container(self, item_id: str) -> None:
        name = item_id.split(":", 1)[1]
        for c in containers_on_host(self.controller.world):
            if c.name == name:
                rows = [(self.t("名字", "Name"), c.name), (self.t("镜像", "Image"), c.image),
                        (self.t("命令", "Command"), c.command), (self.t("状态", "State"), c.state),
                        ("ID", c.id[:12])]
                body = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows)
                note = self.t("容器就是宿主机上一个被隔离的进程：没有自己的内核，也不用开机。",
                              "A container is an isolated process on the host: no kernel of its own, nothing to boot.")
                self.explain(self.t(f"容器 {c.name}", f"Container {c.name}"),
                             f"<table>{body}</table><p>{html.escape(note)}</p>")
                return

    def summary(self) -> str:
        return self.lab_summary()


def _zh_res(resource: str) -> str:
    return {"memory": "内存", "disk": "磁盘"}.get(resource, resource)


#: What each part of the stacks is, in both languages: (title, text).
PART_TEXT: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "hardware": (("硬件", "CPU、内存、磁盘和网卡：两边是同一台主机，比较才公平。"),
                 ("Hardware", "CPU, memory, disk and network: both sides are the same host, so the comparison is fair.")),
    "hypervisor": (("Hypervisor", "把一台物理机的硬件切分给多台虚拟机，并为每台模拟出一整套“子电脑”硬件。"),
                   ("Hypervisor", "Splits one machine's hardware between VMs and emulates a whole \"child computer\" for each.")),
    "guest": (("客户机操作系统", "每台虚拟机都要开机、运行自己的一整套操作系统和内核：这就是它又大又慢的原因。"),
              ("Guest OS", "Every VM boots and runs a whole operating system with its own kernel: that is why VMs are big and slow to start.")),
    "vm-app": (("应用", "真正要运行的程序。在虚拟机里，它上面压着整整一套客户机操作系统。"),
               ("App", "The program you actually want to run. In a VM it sits on a whole guest operating system.")),
    "host-os": (("宿主机操作系统", "所有容器共用这一个内核；容器只是被命名空间和控制组隔离开的进程。"),
                ("Host OS", "All containers share this one kernel; a container is a process fenced in by namespaces and cgroups.")),
    "runtime": (("容器运行时", "Docker 这样的引擎负责拉取镜像、创建并启动容器。Kubernetes 节点上今天通常是 containerd 或 CRI-O。"),
                ("Container runtime", "An engine such as Docker pulls images and creates and starts containers. Kubernetes nodes today usually run containerd or CRI-O.")),
}
