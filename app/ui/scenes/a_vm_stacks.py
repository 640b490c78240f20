"""The two stacks of the vm-vs-container scene: hardware, hypervisor, guest OSes and apps on the left;
hardware, host OS, container runtime and the host's real containers on the right.

The container side mirrors the engine: one box per container on the current Docker host (running
ones with a filled dot, stopped ones with a cross and a dashed outline), in rows of four growing
upward from the runtime, so more containers visibly pile up on the same host.

Layout flows from the bottom up and every block is as tall as its text needs, so the stacks hold
together at presenter text sizes too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from app.sim import vm_model
from app.ui.scenes.a_items import Box, GlyphItem, glyph_path, text_item

if TYPE_CHECKING:
    from app.ui.scenes.vm_containers import VmContainersScene

VM_X, CT_X, STACK_W = 40.0, 440.0, 370.0
GAP = 8.0
CT_COLS = 4
CT_GAP = 10.0


@dataclass
class ContainerView:
    """What the scene shows of one engine container (a plain copy, never the engine object)."""

    id: str
    name: str
    image: str
    command: str
    state: str


@dataclass
class StackLayout:
    """Where the container grid sits (filled by :func:`draw_stacks`)."""

    grid_bottom: float = 0.0   # bottom edge of the first row
    grid_top_limit: float = 0.0  # rows may not rise above this
    ct_w: float = 84.0
    ct_h: float = 76.0

    @property
    def rows(self) -> int:
        return max(1, int((self.grid_bottom - self.grid_top_limit) // (self.ct_h + CT_GAP)))


def containers_on_host(world: Any) -> list[ContainerView]:
    """The current Docker host's containers, oldest first."""
    docker = getattr(world, "docker", None)
    if docker is None:
        return []
    host = docker.hosts.get(docker.current_host)
    if host is None:
        return []
    out = [ContainerView(c.id, c.name, c.image, " ".join(c.command), c.state) for c in host.containers.values()]
    return sorted(out, key=lambda c: (host.containers[c.id].created_at, c.name))


def _text_height(scene: "VmContainersScene", label: str, width: float, px: float) -> float:
    probe = text_item(label, scene.font_px(px, bold=True), scene.color("text"), width=width)
    return probe.boundingRect().height()


def _bar(scene: "VmContainersScene", item_id: str, x: float, y: float, w: float, h: float, role: str,
         label: str) -> Box:
    box = Box(item_id, w, h, scene.tint(role), scene.color("text"), 2.5, 8)
    box.setPos(x, y)
    t = text_item(label, scene.font_px(25, bold=True), scene.color("text"), width=w - 12, center=True, parent=box)
    t.setPos(6, (h - t.boundingRect().height()) / 2)
    box.clicked.connect(scene.explain_part)
    scene.addItem(box)
    return box


def _group(scene: "VmContainersScene", item_id: str, rect: QRectF) -> Box:
    """An invisible box that stands for several parts (one highlight id, one halo)."""
    g = Box(item_id, rect.width(), rect.height(), None, None, 0, 8)
    g.setPos(rect.topLeft())
    g.setZValue(-1)
    g.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(g)
    return g


def _headers(scene: "VmContainersScene") -> float:
    """Column titles and per-instance costs; returns the lowest y they use."""
    t = scene.t
    low = 0.0
    vm_disk, ct_disk = (vm_model.format_size(vm_model.VM.per_instance_disk_mib),
                        vm_model.format_size(vm_model.CONTAINER.shared_disk_mib))
    short = {VM_X: t(f"整套系统 · {vm_disk} · 约 {vm_model.VM.boot_seconds:.0f} 秒",
                     f"Whole OS · {vm_disk} · ~{vm_model.VM.boot_seconds:.0f} s"),
             CT_X: t(f"只有应用 · 共用 {ct_disk} · 约 {vm_model.CONTAINER.boot_seconds:.1f} 秒",
                     f"App only · shared {ct_disk} · ~{vm_model.CONTAINER.boot_seconds:.1f} s")}
    for x, head, cost in (
        (VM_X, t("虚拟机", "Virtual machines"),
         t(f"每台：整套操作系统，{vm_model.format_size(vm_model.VM.per_instance_disk_mib)} 磁盘，"
           f"约 {vm_model.VM.boot_seconds:.0f} 秒开机",
           f"Each: a whole OS, {vm_model.format_size(vm_model.VM.per_instance_disk_mib)} of disk, "
           f"about {vm_model.VM.boot_seconds:.0f} s to boot")),
        (CT_X, t("容器", "Containers"),
         t(f"每个：只有应用，共用一份 {vm_model.format_size(vm_model.CONTAINER.shared_disk_mib)} 镜像，"
           f"约 {vm_model.CONTAINER.boot_seconds:.1f} 秒启动",
           f"Each: just the app, sharing one {vm_model.format_size(vm_model.CONTAINER.shared_disk_mib)} image, "
           f"about {vm_model.CONTAINER.boot_seconds:.1f} s to start")),
    ):
        h = text_item(head, scene.font_px(32, bold=True), scene.color("text"))
        h.setPos(x, 100)
        scene.addItem(h)
        c = text_item(cost, scene.font_px(22), scene.color("muted"), width=STACK_W)
        if c.boundingRect().height() > QFontMetricsF(c.font()).lineSpacing() * 2.5:  # big type: the summary
            c = text_item(short[x], scene.font_px(22), scene.color("muted"), width=STACK_W)
        c.setPos(x, 104 + h.boundingRect().height())
        scene.addItem(c)
        low = max(low, c.y() + c.boundingRect().height())
    return low


def draw_stacks(scene: "VmContainersScene") -> StackLayout:
    t = scene.t
    header_bottom = _headers(scene)
    hw_label = t("硬件（同一台主机）", "Hardware (one host)")
    hb = max(64.0, _text_height(scene, hw_label, STACK_W - 12, 25) + 16)
    hw_y = scene.stack_bottom - hb
    a = _bar(scene, "part:hardware-vm", VM_X, hw_y, STACK_W, hb, "node_border", hw_label)
    b = _bar(scene, "part:hardware-ct", CT_X, hw_y, STACK_W, hb, "node_border", hw_label)
    scene.register("hardware", _group(scene, "hardware", a.sceneBoundingRect().united(b.sceneBoundingRect())))
    hyp = t("Hypervisor（KVM、VMware…）", "Hypervisor (KVM, VMware…)")
    host_os = t("宿主机操作系统（共用内核）", "Host OS (one shared kernel)")
    h2 = max(64.0, max(_text_height(scene, s, STACK_W - 12, 25) for s in (hyp, host_os)) + 16)
    y2 = hw_y - GAP - h2
    scene.register("hypervisor", _bar(scene, "hypervisor", VM_X, y2, STACK_W, h2, "control_plane", hyp))
    scene.register("host-os", _bar(scene, "host-os", CT_X, y2, STACK_W, h2, "worker", host_os))
    rt = t("容器运行时（Docker）", "Container runtime (Docker)")
    h3 = max(64.0, _text_height(scene, rt, STACK_W - 12, 25) + 16)
    y3 = y2 - GAP - h3
    scene.register("runtime", _bar(scene, "runtime", CT_X, y3, STACK_W, h3, "registry", rt))
    _draw_vms(scene, y2 - GAP, header_bottom + 28)
    name_font = scene.font_px(17, bold=True)
    ct_h = max(72.0, QFontMetricsF(name_font).height() + 44)
    ct_w = (STACK_W - (CT_COLS - 1) * CT_GAP) / CT_COLS
    return StackLayout(grid_bottom=y3 - GAP, grid_top_limit=header_bottom + 16, ct_w=ct_w, ct_h=ct_h)


def _draw_vms(scene: "VmContainersScene", bottom: float, top_limit: float) -> float:
    """Three VMs (guest OS + app in a dashed frame) standing on ``bottom`` and reaching up to
    ``top_limit`` (the room left goes mostly to the guest OS: the weight every VM carries);
    returns the apps' top."""
    t = scene.t
    w = (STACK_W - 2 * 14) / 3
    guest_label = t("客户机\n系统", "Guest\nOS")  # broken on purpose: narrow blocks, big type
    fm = QFontMetricsF(scene.font_px(25, bold=True))
    if max(fm.horizontalAdvance(word) for word in guest_label.split()) > w - 14:
        guest_label = t("系统", "OS")  # presenter type on a narrow stage: never a word cut in two
    hg = max(90.0, _text_height(scene, guest_label, w - 12, 25) + 16)
    ha = max(64.0, _text_height(scene, t("应用 1", "App 1"), w - 12, 25) + 16)
    label_h = text_item("VM", scene.font_px(20, bold=True), scene.color("text")).boundingRect().height()
    extra = max(0.0, (bottom - 6 - hg - GAP - ha - 4 - label_h - 6) - top_limit)
    hg, ha = hg + extra * 0.8, ha + extra * 0.2
    guest_y = bottom - 6 - hg
    app_y = guest_y - GAP - ha
    guests, apps, frames = [], [], []
    for i in range(3):
        x = VM_X + i * (w + 14)
        label = text_item(t(f"虚拟机 {i + 1}", f"VM {i + 1}"), scene.font_px(20, bold=True), scene.color("text"))
        if label.boundingRect().width() > w + 4:  # presenter sizes: the short name (used in Chinese too)
            label = text_item(f"VM {i + 1}", scene.font_px(20, bold=True), scene.color("text"))
        label.setPos(x + 2, app_y - 4 - label.boundingRect().height())
        top = label.y() - 6
        frame = Box(f"part:vm-{i + 1}", w + 8, bottom - top, None, scene.color("control_plane"), 3, 10, dashed=True)
        frame.setPos(x - 4, top)
        frame.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        scene.addItem(frame)
        scene.addItem(label)
        frames.append(frame)
        apps.append(_bar(scene, f"part:vm-app-{i + 1}", x, app_y, w, ha, "ok", t(f"应用 {i + 1}", f"App {i + 1}")))
        guests.append(_bar(scene, f"part:guest-{i + 1}", x, guest_y, w, hg, "warning", guest_label))
    scene.register("guest-os", _group(scene, "guest-os", _union(guests)))
    scene.register("vm", _group(scene, "vm", _union(frames)))
    scene.app_row = _union(apps)
    return app_y


def _union(items: list[Any]) -> QRectF:
    rect = QRectF()
    for it in items:
        rect = rect.united(it.sceneBoundingRect())
    return rect


def container_slot(layout: StackLayout, index: int) -> tuple[float, float]:
    """Top-left of the ``index``-th container box: rows of four, growing upward from the runtime."""
    row, col = divmod(index, CT_COLS)
    return CT_X + col * (layout.ct_w + CT_GAP), layout.grid_bottom - layout.ct_h - row * (layout.ct_h + CT_GAP)


def draw_container(scene: "VmContainersScene", layout: StackLayout, index: int, c: ContainerView) -> Box:
    running = c.state == "running"
    w, h = layout.ct_w, layout.ct_h
    box = Box(f"ct:{c.name}", w, h, scene.tint("ok") if running else scene.color("panel"),
              scene.color("accent"), 3, 10, dashed=not running)
    box.setPos(*container_slot(layout, index))
    font = scene.font_px(17, bold=True)
    name = QFontMetricsF(font).elidedText(c.name, Qt.TextElideMode.ElideLeft, w - 8)
    label = text_item(name, font, scene.color("text"), parent=box)
    label.setPos((w - label.boundingRect().width()) / 2, h - label.boundingRect().height() - 4)
    mark = GlyphItem(glyph_path("circle" if running else "cross", 20),
                     scene.color("ok") if running else scene.color("error"), scene.color("text"), 1.5, parent=box)
    mark.setPos(w / 2, 20)
    box.setToolTip(f"{c.name} · {c.image} · {c.state}")
    box.clicked.connect(scene.explain_container)
    scene.addItem(box)
    scene.register(box.item_id, box)
    return box


def draw_empty_hint(scene: "VmContainersScene", layout: StackLayout) -> Box:
    hint = scene.t("还没有容器：试试 docker run", "No containers yet: try docker run")
    t = text_item(hint, scene.font_px(20), scene.color("muted"), width=STACK_W - 20, center=True)
    if t.boundingRect().height() > layout.ct_h - 8:  # big type: the short hint (the narration says the rest)
        t = text_item(scene.t("还没有容器", "No containers yet"), scene.font_px(20), scene.color("muted"),
                      width=STACK_W - 20, center=True)
    h = max(layout.ct_h, t.boundingRect().height() + 8)  # grows upward from the first slot, never over text
    box = Box("ct:none", STACK_W, h, None, scene.color("muted"), 2, 10, dashed=True)
    x, y = container_slot(layout, 0)
    box.setPos(x, y + layout.ct_h - h)
    t.setParentItem(box)
    t.setPos(10, (h - t.boundingRect().height()) / 2)
    box.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    scene.addItem(box)
    return box
