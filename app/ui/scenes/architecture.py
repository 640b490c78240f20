"""Scene 5, the cluster's architecture: the control plane above, worker nodes below (laid out by
``app.sim.topology`` with networkx), every component clickable for its role, the article's analogy
and what has changed since. Requests travel as messages: the actor -> API server -> etcd, then the
watch notification to whoever watches (scheduler, controller manager, a kubelet), exactly as the
engine's ``ObjectStored`` and kubelet events happen.
"""
from __future__ import annotations

import html
import re
from collections import deque
from typing import Any, Sequence

from PySide6.QtCore import QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from app.sim.topology import CONTROL_PLANE, NODE_PARTS, architecture_layout, node_part_id

from . import register_scene
from .b_arch_items import ComponentBox, FrameItem, LinkLayer, MessageItem, PanelItem
from .b_arch_text import ACTOR_NAMES, INFO
from .b_model import ViewCache, cluster_view
from .a_stage_shape import WIDTH, ReadableFloor
from .base import SceneBase

DIAGRAM_W = 1260.0
#: at presenter sizes the card column gets wider (15 Chinese characters a line instead of 10)
DIAGRAM_W_PRESENTER = 1060.0
#: at most this many worker nodes are drawn; the rest are summed up in the last slot
MAX_NODES = 3
#: hops waiting on the conveyor at most (a burst of 3,000 pods keeps only the newest; all are logged)
MAX_QUEUE = 40
LOG_LINES = 9
#: from this smallest text size (scene units) on, the picture is laid out for a projector
PRESENTER_PX = 22
CP_BOX_W, CP_GAP = 236.0, 28.0
MORE_W, MORE_W_PRESENTER = 210.0, 236.0
TOP, MID_GAP, ROW_GAP = 10.0, 40.0, 10.0
#: tall stages: the card's share of the band below the diagram (the log has the rest)
CARD_SHARE = 0.58
#: the narrowest card beside the node frames
SIDE_CARD_W = 460.0

VERB_HTTP = {"ADDED": "POST", "MODIFIED": "PUT", "DELETED": "DELETE"}
ROLE = {"kubectl": "accent", "scheduler": "control_plane", "controller-manager": "control_plane",
        "apiserver": "control_plane", "etcd": "control_plane"}
NAMES = {"apiserver": ("API Server", "API server"), "etcd": ("etcd", "etcd"), "scheduler": ("调度器", "scheduler"),
         "controller-manager": ("控制器管理器", "controller manager"), "kubectl": ("kubectl", "kubectl"),
         "kubelet": ("kubelet", "kubelet"), "container-runtime": ("运行时", "runtime"), "pod": ("Pod", "pod"),
         "kube-proxy": ("kube-proxy", "kube-proxy")}


@register_scene
class ArchitectureScene(ReadableFloor, SceneBase):
    scene_id = "architecture"
    title = {"zh": "集群架构", "en": "Cluster architecture"}

    #: a component was clicked: its highlight id (``apiserver``, ``kubelet`` ...), for hotspot questions
    component_clicked = Signal(str)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.boxes: dict[str, ComponentBox] = {}
        self.frames: dict[str, FrameItem] = {}
        self.shown_nodes: list[str] = []
        self.selected_id = "apiserver"
        self.log_lines: list[str] = []
        self.diagram_h = 900.0
        self.card_alone = False  # tall stage at presenter sizes: no room for the log beside the card
        self.card_beside = False  # ... or the card right of the node frames
        self.more_with_card = False  # ... with the other nodes' summary under it
        self._cv: Any = None
        self.nodes_right = self.nodes_top = 0.0
        self.single_node_w = 0.0  # width of a lone node frame (0: as wide as the text size suggests)
        self.measured_nodes_top = 0.0
        self.hops_animated = 0
        self._bound_later: set[tuple[str, str]] = set()
        self._cache = ViewCache()
        self._hop_queue: deque[tuple] = deque()
        self._current_hop: MessageItem | None = None

    # -- building -----------------------------------------------------------------------------------
    def _shown(self, names: list[str]) -> list[str]:
        """Worker nodes drawn in full: up to three; with more, two and a summary slot. At presenter
        sizes one node is drawn large (its parts legible from the back row) and the summary slot
        lists the others with their status."""
        if self.min_text_px >= PRESENTER_PX:
            return names[:1]
        return names if len(names) <= MAX_NODES else names[:2]

    @property
    def diagram_w(self) -> float:
        if self.tall:  # the card and the log sit below: the diagram has the whole width
            return WIDTH - 16
        return DIAGRAM_W if self.min_text_px < PRESENTER_PX else DIAGRAM_W_PRESENTER

    def _card_blocks(self, comp: str) -> tuple[str, list[tuple[str, str]]]:
        info = INFO.get(comp, INFO["apiserver"])
        t = self.t
        blocks = [(t("职责", "Role"), t(*info.role)),
                  (t("原文的比喻", "The article's analogy"), t(*info.analogy)),
                  (t("如今", "What changed since"), t(*info.now))]
        if self.min_text_px < PRESENTER_PX:  # at presenter sizes the box itself shows the one-liner
            blocks.insert(0, (t("一句话", "In a word"), t(*info.tag)))
        return t(*info.title), blocks

    def _card_need(self, width: float) -> float:
        """The height the longest card needs at ``width`` (the band below the diagram is sized for
        it, so it does not jump when another component is clicked)."""
        probe = PanelItem(self, QRectF(0, 0, width, 100), "probe")
        probe.inline_headings = self.min_text_px >= PRESENTER_PX
        need = 0.0
        for comp in INFO:
            probe.set_content(*self._card_blocks(comp))
            need = max(need, probe.needed_height())
        return need + 16

    def _plan_tall(self, height: float, slots: list[str], names: list[str], status: dict[str, str]) -> None:
        """Tall stages: the diagram gets the height it needs (with the live status lines if the
        card still fits), the band below it the rest: the card beside the log, or the card alone
        across the width when the band is short (presenter sizes)."""
        self.diagram_h = height
        most, least, band_w = self._layout(slots, names, status, measure=True)
        need = self._card_need((WIDTH - 48) * CARD_SHARE)
        self.card_alone = self.card_beside = False
        if height - least - 12 >= need:  # the band below fits the longest card: stack them
            self.diagram_h = height - need - 12
            return
        for node_w in (0.0, 720.0, 640.0, 580.0):  # a narrower node leaves the card more room
            self.single_node_w = node_w
            most, least, band_w = self._layout(slots, names, status, measure=True)
            side_w = WIDTH - 16 - (8 + band_w) - 24
            if side_w >= SIDE_CARD_W and self._card_need(side_w) <= height - 16 - self.measured_nodes_top:
                # presenter sizes: the card to the right of the node frames, the log under the nodes
                self.card_beside = True
                self.diagram_h = max(least, min(most, height - 140))
                return
        if "+more" in slots:
            # larger still: the summary of the other nodes goes under the card, beside the node
            # (the card shows the blocks that fit whole: on the tallest stage at the largest type
            # that is still more than a card under the diagram would)
            self.single_node_w = 720.0
            most, least, band_w = self._layout([sl for sl in slots if sl != "+more"], names, status, measure=True)
            self.card_beside = self.more_with_card = True
            self.diagram_h = max(least, min(most, height - 140))
            return
        self.single_node_w = 0.0
        most, least, band_w = self._layout(slots, names, status, measure=True)
        self.card_alone = True
        self.diagram_h = max(least, height - self._card_need(WIDTH - 32) - 12)

    def _more_label(self, names: list[str]) -> str:
        more = len(names) - len(self.shown_nodes)
        return self.t(f"还有 {more} 个节点", f"{more} more node{'s' if more != 1 else ''}")

    def _more_status(self, cv: Any) -> str:
        """The summary slot's note: the nodes not drawn, each with its status (a mark besides the word)."""
        hidden = [n for n in cv.node_names() if n not in self.shown_nodes]
        rows = [self.t("结构相同", "same parts")] + [
            f"{n}: {cv.nodes[n].status}" + ("" if cv.nodes[n].status == "Ready" else " ✕") for n in hidden[:12]]
        if len(hidden) > 12:
            rows.append("…")
        return ("  ·  " if self.more_with_card else "\n").join(rows)  # wide under the card: one run

    def _more_need(self, width: float, names: list[str]) -> float:
        probe = FrameItem(self, QRectF(0, 0, width, 100), self._more_label(names), "worker",
                          self._more_status(self._cv), summary=True)
        texts = probe.header_texts()
        return (texts[-1][3].bottom() + 14) if texts else 60.0

    def rebuild(self) -> None:
        height = self.follow_view_shape()
        self.diagram_h, self.card_alone, self.card_beside, self.more_with_card = height, False, False, False
        self.single_node_w = 0.0
        self.clear_items()
        self.boxes.clear()
        self.frames.clear()
        world = self.controller.world
        self._cache = ViewCache()
        cv = cluster_view(world, self._cache)
        names = cv.node_names()
        self.shown_nodes = self._shown(names)
        slots = self.shown_nodes + (["+more"] if len(names) > len(self.shown_nodes) else [])
        self._slots = slots or ["+none"]
        status = self._status_texts(cv)
        self._cv = cv
        if self.tall:
            self._plan_tall(height, self._slots, names, status)
        row = [sl for sl in self._slots if not (self.more_with_card and sl == "+more")]
        self._layout(row, names, status)
        self.links = LinkLayer(self, self.sceneRect())
        self.addItem(self.links)
        self._build_links()
        if self.card_beside:  # card right of the node frames, log under them
            bottom = self.sceneRect().height() - 16
            side = QRectF(self.nodes_right + 24, self.nodes_top, WIDTH - 16 - self.nodes_right - 24, bottom - self.nodes_top)
            if self.more_with_card:  # the other nodes' summary under the card
                more_h = self._more_need(side.width(), names)
                card_h = min(self._card_need(side.width()), side.height() - more_h - 12)
                self._build_node("+more", QRectF(side.x(), side.y() + card_h + 12, side.width(),
                                                 side.height() - card_h - 12), 0.0, [], 0.0, names)
                side.setHeight(card_h)
            self.card = PanelItem(self, side, "info")
            self.log = PanelItem(self, QRectF(16, self.diagram_h + 4, self.nodes_right - 16,
                                              max(bottom - self.diagram_h - 4, 10.0)), "log")
            # shown when one message fits under its title (else the travelling messages say it)
            self.log.setVisible(bottom - self.diagram_h - 4 >= max(120.0, self.min_text_px * 1.45 * 5))
        elif self.tall:  # card and log side by side under the diagram (or the card alone)
            y, h = self.diagram_h + 4, self.sceneRect().height() - self.diagram_h - 20
            cw = WIDTH - 32 if self.card_alone else (WIDTH - 48) * CARD_SHARE
            self.card = PanelItem(self, QRectF(16, y, cw, h), "info")
            self.log = PanelItem(self, QRectF(32 + cw, y, max(WIDTH - 48 - cw, 10.0), h), "log")
            self.log.setVisible(not self.card_alone)
        else:
            x, w = self.diagram_w + 14, WIDTH - self.diagram_w - 30
            self.card = PanelItem(self, QRectF(x, 16, w, 500), "info")
            self.log = PanelItem(self, QRectF(x, 528, w, 356), "log")
        self.addItem(self.card)
        self.addItem(self.log)
        self.log_lines = [self._hop_text(*h) for h in self.hops_in_log(world)][-LOG_LINES:]
        self._sync(cv)
        self._show_card()
        self.apply_highlight()

    def _measure(self, kind: str, role: str, width: float, status: str, with_status: bool) -> float:
        probe = ComponentBox(self, QRectF(0, 0, width, 100), kind, role)
        return probe.needed_height(width, re.sub(r"\d+", "88", status), with_status)  # room for bigger counts

    def _layout(self, slots: list[str], names: list[str], status: dict[str, str],
                measure: bool = False) -> tuple[float, float, float]:
        """Boxes as tall as their wrapped text, frames around them, all within the scene's height.

        x comes from the networkx layout (tiers of the control plane, order of the node slots); the
        heights come from the text at the current size: the live status lines are the first to go
        when a presenter-size picture would not fit otherwise. With ``measure`` nothing is built:
        returns the heights the diagram needs with and without those status lines, and the width of
        the row of node frames."""
        pos = architecture_layout(slots, self.diagram_w, self.diagram_h)
        gap = 24.0
        narrow = (MORE_W if self.min_text_px < PRESENTER_PX else MORE_W_PRESENTER) if "+more" in slots else 0.0
        full = [sl for sl in slots if sl != "+more"]
        cap = 560.0 if len(full) > 1 else (self.single_node_w or max(720.0, self.min_text_px * 20))
        node_w = min((self.diagram_w - narrow - gap * len(slots)) / max(1, len(full)), cap)
        part_w = (node_w - 34) / 2
        # frame labels get their line plus room for a highlighted box's halo below them
        label_h = min(52.0, max(30.0, self.min_text_px * 1.4))
        cp_head = label_h + 26
        node_head = label_h + 22

        def cp_h(with_status: bool) -> float:
            return max(96.0, *(self._measure(c, ROLE[c], self._cp_box_w(), status.get(c, ""), with_status)
                               for c in CONTROL_PLANE))

        def rows_h(with_status: bool) -> list[float]:
            sample = full[0] if full and full[0] not in ("+none",) else ""
            return [max(92.0, *(self._measure(p, "worker", part_w, status.get(node_part_id(sample, p), ""), with_status)
                                for p in NODE_PARTS[r * 2:r * 2 + 2])) for r in range(3)]

        room = self.diagram_h - 2 * TOP - MID_GAP
        full_room = self.diagram_h - 2 * TOP
        box_h, rows = cp_h(True), rows_h(True)

        def total() -> float:
            return cp_head + 2 * box_h + 14 + 18 + node_head + sum(rows) + 2 * ROW_GAP + 12
        band_w = len(full) * node_w + narrow + gap * (len(slots) - 1)
        if measure:
            most = total() + 2 * TOP + MID_GAP
            box_h, rows = cp_h(False), rows_h(False)
            self.measured_nodes_top = TOP + cp_head + 2 * box_h + 14 + 18 + 12
            return most, total() + 2 * TOP + 12, band_w
        if total() > room:  # the control plane's counters go first, then the nodes'
            box_h = cp_h(False)
        if total() > room:
            rows = rows_h(False)
        mid = MID_GAP if total() <= room else 12.0  # last resort: the links get a shorter run
        spare = max(0.0, full_room - mid - total())
        cp_top = TOP + min(spare * 0.25, 30.0)
        node_h = node_head + sum(rows) + 2 * ROW_GAP + 12
        cp_bottom = cp_top + cp_head + 2 * box_h + 14 + 18
        node_top = max(self.diagram_h - TOP - node_h - min(spare * 0.25, 30.0), cp_bottom + mid)
        self._build_control_plane(pos, cp_top, cp_head, box_h)
        x = 8.0 if self.card_beside else (self.diagram_w - band_w) / 2
        self.nodes_right = x + band_w
        self.nodes_top = node_top
        for slot in slots:
            w = narrow if slot == "+more" else node_w
            self._build_node(slot, QRectF(x, node_top, w, node_h), node_head, rows, part_w, names)
            x += w + gap
        return total(), total(), band_w

    def _cp_box_w(self) -> float:
        return min(max(CP_BOX_W, self.min_text_px * 7), (self.diagram_w - 8 - 3 * CP_GAP - 44) / 4)

    def _cp_x(self, pos: dict) -> dict[str, float]:
        """Control-plane columns in the networkx layout's order (client | scheduler and controller
        manager | API server | etcd), spaced so that boxes never touch at any text size."""
        bw = self._cp_box_w()
        tiers = sorted({pos[c][0] for c in CONTROL_PLANE})
        return {c: 8 + bw / 2 + tiers.index(pos[c][0]) * (bw + CP_GAP) for c in CONTROL_PLANE}

    def _build_control_plane(self, pos: dict, top: float, head: float, bh: float) -> None:
        bw = self._cp_box_w()
        cx = self._cp_x(pos)
        pos = {c: (cx[c], pos[c][1]) for c in CONTROL_PLANE}
        xs = [pos[c][0] for c in CONTROL_PLANE if c != "kubectl"]
        frame_rect = QRectF(min(xs) - bw / 2 - 22, top, max(xs) - min(xs) + bw + 44, head + 2 * bh + 14 + 18)
        frame = FrameItem(self, frame_rect, self.t("控制平面(原文:master)", "Control plane (the article's master)"),
                          "control_plane")
        self.addItem(frame)
        self.register("control-plane", frame)
        self.frames["control-plane"] = frame
        row_y = {"scheduler": top + head, "controller-manager": top + head + bh + 14}
        middle = top + head + bh + 7 - bh / 2
        for comp in CONTROL_PLANE:
            x = pos[comp][0]
            box = ComponentBox(self, QRectF(x - bw / 2, row_y.get(comp, middle), bw, bh), comp, ROLE[comp])
            self.addItem(box)
            self.register(comp, box)
            self.boxes[comp] = box

    def _build_node(self, slot: str, rect: QRectF, head: float, rows: list[float], part_w: float,
                    names: list[str]) -> None:
        if slot in ("+more", "+none"):
            label = self._more_label(names) if slot == "+more" else self.t("还没有节点", "No nodes yet")
            status = (self.t("结构相同", "same parts") if slot == "+more"
                      else self.t("试试 sim preset classroom", "try: sim preset classroom"))
            frame = FrameItem(self, rect, label, "worker", status, dashed=slot == "+none", summary=True)
            self.addItem(frame)
            self.frames[slot] = frame
            return
        frame = FrameItem(self, rect, self.t(f"工作节点 {slot}", f"Worker node {slot}"), "worker")
        self.addItem(frame)
        self.register(f"node@{slot}", frame)
        self.frames[slot] = frame
        if slot == self.shown_nodes[0]:
            self.register("node", frame)
        y = rect.top() + head
        for i, part in enumerate(NODE_PARTS):
            r, c = divmod(i, 2)
            box = ComponentBox(self, QRectF(rect.left() + 12 + c * (part_w + 10), y + sum(rows[:r]) + r * ROW_GAP,
                                            part_w, rows[r]), part, "worker", addon=part in ("log-collector", "cluster-dns"))
            self.addItem(box)
            self.register(node_part_id(slot, part), box)
            self.boxes[node_part_id(slot, part)] = box
            if slot == self.shown_nodes[0]:
                self.register(part, box)

    def _build_links(self) -> None:
        api = self.boxes["apiserver"]

        def edge(a: ComponentBox, b: ComponentBox) -> tuple[QPointF, QPointF, bool]:
            return _edge_point(a, b.center()), _edge_point(b, a.center()), True

        links = [edge(self.boxes[c], api) for c in ("kubectl", "scheduler", "controller-manager")]
        links.append(edge(api, self.boxes["etcd"]))
        for node in self.shown_nodes:
            links.append(edge(self.boxes[node_part_id(node, "kubelet")], api))
            links.append(edge(self.boxes[node_part_id(node, "kubelet")], self.boxes[node_part_id(node, "container-runtime")]))
        self.links.links = links

    # -- state ----------------------------------------------------------------------------------------
    def _status_texts(self, cv: Any) -> dict[str, str]:
        """The live status line of every box (box id -> text), from the engine's state."""
        store = getattr(getattr(getattr(self.controller.world, "k8s", None), "api", None), "store", None)
        t = self.t
        pending = len(cv.pending)
        bound = sum(1 for p in cv.pods.values() if p.node)
        rev = store.revision if store else 0
        deps = len(list(store.items("deployments"))) if store else 0
        rss = len(list(store.items("replicasets"))) if store else 0
        out = {"etcd": t(f"修订号 {rev}", f"revision {rev}"),
               "apiserver": t(f"{len(cv.pods)} 个 Pod · {len(cv.nodes)} 个节点", f"{len(cv.pods)} pods · {len(cv.nodes)} nodes"),
               "scheduler": t(f"待调度 {pending} · 已绑定 {bound}", f"pending {pending} · bound {bound}"),
               "controller-manager": t(f"Deployment {deps} · ReplicaSet {rss}", f"{deps} Deployments · {rss} ReplicaSets"),
               "kubectl": t("你在控制台输入的命令", "what you type in the console")}
        for node in self.shown_nodes:
            nv = cv.nodes.get(node)
            states = tuple(cv.pods[k].state for k in nv.pods) if nv is not None else ()
            running = sum(1 for s in states if s in ("Running", "Ready"))
            out[node_part_id(node, "kubelet")] = t(f"管理 {len(states)} 个 Pod", f"manages {len(states)} pods")
            out[node_part_id(node, "container-runtime")] = t(f"{running} 个容器在运行", f"{running} containers running")
            out[node_part_id(node, "kube-proxy")] = t(f"{len(cv.services)} 个 Service 的规则",
                                                      f"rules for {len(cv.services)} Services")
            out[node_part_id(node, "cluster-dns")] = "*.svc.cluster.local"
            out[node_part_id(node, "log-collector")] = t("收集容器日志", "gathers container logs")
            out[node_part_id(node, "pod")] = t("没有 Pod", "no pods")
        return out

    def _sync(self, cv: Any = None) -> None:
        world = self.controller.world
        cv = cv or cluster_view(world, self._cache)
        t = self.t
        for key, text in self._status_texts(cv).items():
            if key in self.boxes:
                self.boxes[key].set_status(text)
        for node in self.shown_nodes:
            nv = cv.nodes.get(node)
            if nv is None:
                continue
            ok = nv.status == "Ready"
            self.frames[node].set_status(t(f"状态 {nv.status}", f"status {nv.status}") if ok else
                                         t(f"✕ {nv.status}(没有心跳)", f"✕ {nv.status} (no heartbeat)"), not ok)
            states = tuple(cv.pods[k].state for k in nv.pods)
            self.boxes[node_part_id(node, "pod")].set_status(t("没有 Pod", "no pods"), states)
        if "+more" in self.frames:  # the nodes not drawn: name and status (a mark besides the word)
            self.frames["+more"].set_status(self._more_status(cv), False)
        title = (t("消息(经 API Server,最新在上)", "Messages via the API server (newest first)")
                 if self.min_text_px < PRESENTER_PX else t("消息(最新在上)", "Messages (newest first)"))
        self.log.set_content(title,
                             [("", line) for line in reversed(self.log_lines[-LOG_LINES:])] or
                             [("", t("还没有消息:试试 kubectl apply -f …", "No messages yet: try kubectl apply -f ..."))])

    def _show_card(self) -> None:
        self.card.inline_headings = self.min_text_px >= PRESENTER_PX  # a line saved per block
        self.card.set_content(*self._card_blocks(self.selected_id))
        for key, box in self.boxes.items():
            box.set_selected(key.split("@")[0] == self.selected_id)
        if self.tall:
            return  # the band below the diagram is sized for the longest card already
        # the card as tall as its text (the log keeps at least a few lines below it)
        x, w = self.card.pos().x(), self.card.boundingRect().width() - 4
        bottom = self.sceneRect().height() - 16
        log_min = max(150.0, self.min_text_px * 4.6)
        card_h = min(max(self.card.needed_height(), 200.0), bottom - 16 - 12 - log_min)
        self.card.set_rect(QRectF(x, 16, w, card_h))
        self.log.set_rect(QRectF(x, 16 + card_h + 12, w, bottom - (16 + card_h + 12)))

    # -- following the engine --------------------------------------------------------------------------
    def on_events(self, events: Sequence[Any]) -> None:
        world = self.controller.world
        cv = cluster_view(world, self._cache)
        names = cv.node_names()
        expect = self._shown(names)
        if any(e.kind == "WorldReset" for e in events) or expect != self.shown_nodes or not self.boxes:
            self.rebuild()
            return
        self._bound_later = {(e.namespace, e.name) for e in events if e.kind == "ObjectStored"
                             and e.resource == "pods" and e.actor == "scheduler"}
        hops = [h for e in events for h in self._hops_for(world, e)]
        self.log_lines = (self.log_lines + [self._hop_text(*h) for h in hops])[-LOG_LINES:]
        self._sync(cv)
        if self.animations_enabled and hops:
            self._animate(hops)
        self.apply_highlight()

    def _component_for(self, world: Any, actor: str, resource: str, namespace: str, name: str) -> str:
        if actor == "scheduler":
            return "scheduler"
        if actor == "controller":
            return "controller-manager"
        if actor == "kubelet":
            node = name if resource in ("nodes", "leases") else self._pod_node(world, namespace, name)
            return self._node_box(node, "kubelet")
        return "kubectl"

    def _node_box(self, node: str, part: str) -> str:
        if node in self.shown_nodes:
            return node_part_id(node, part)
        return "+more" if "+more" in self.frames else ""

    @staticmethod
    def _pod_node(world: Any, namespace: str, name: str) -> str:
        from .b_model import get_object
        obj = get_object(world, "pods", namespace, name) or {}
        return str((obj.get("spec") or {}).get("nodeName") or "")

    def _hops_for(self, world: Any, e: Any) -> list[tuple[str, str, str, bool, float]]:
        """(from, to, text, is_watch, time) for one engine event."""
        if e.domain != "k8s":
            return []
        k = e.kind
        if k == "ObjectStored":
            if e.resource in ("leases", "events"):
                return []
            src = self._component_for(world, e.actor, e.resource, e.namespace, e.name)
            what = f"{e.resource}/{e.name}"
            verb = "POST" if (e.actor == "scheduler" and e.resource == "pods") else VERB_HTTP.get(e.verb, e.verb)
            what = f"{what}/binding" if e.actor == "scheduler" and e.resource == "pods" else what
            hops = [(src, "apiserver", f"{verb} {what}", False, e.time),
                    ("apiserver", "etcd", f"{e.verb} {what} · rev {e.revision}", False, e.time)]
            for dst in self._watchers(world, e):
                hops.append(("apiserver", dst, f"watch {e.verb} {what}", True, e.time))
            return [h for h in hops if h[0] and h[1]]
        if k == "KubeletImagePulling":
            kb, rt = self._node_box(e.node, "kubelet"), self._node_box(e.node, "container-runtime")
            return [(kb, rt, f"CRI PullImage {e.image}", False, e.time)] if kb and rt and kb != rt else []
        if k == "ContainerStarted":
            rt, pod = self._node_box(e.node, "container-runtime"), self._node_box(e.node, "pod")
            return [(rt, pod, f"start {e.pod}/{e.container}", False, e.time)] if rt and pod and rt != pod else []
        return []

    def _watchers(self, world: Any, e: Any) -> list[str]:
        """Who receives this change through a watch (as the engine's components watch)."""
        if e.resource == "pods":
            if e.verb == "DELETED" or e.actor == "kubelet":
                return []
            node = self._pod_node(world, e.namespace, e.name)
            unbound_then = e.verb == "ADDED" and (e.namespace, e.name) in self._bound_later
            if not node or (unbound_then and e.actor != "scheduler"):
                return ["scheduler"]  # an unscheduled pod: the scheduler's watch sees it
            return [self._node_box(node, "kubelet")]  # bound: the node's kubelet sees it
        if e.resource in ("deployments", "replicasets", "daemonsets") and e.actor != "controller":
            return ["controller-manager"]
        if e.resource in ("replicasets",) and e.actor == "controller":
            return ["controller-manager"]  # the ReplicaSet controller watches what the Deployment controller wrote
        if e.resource in ("services", "endpointslices"):
            return [node_part_id(n, "kube-proxy") for n in self.shown_nodes[:1]]
        return []

    def _hop_text(self, src: str, dst: str, text: str, watch: bool, time: float) -> str:
        def name(c: str) -> str:
            if c == "+more":  # a node summarised in the "more nodes" box
                return self.t("另一个节点", "another node")
            base = c.split("@")[0]
            label = self.t(*NAMES.get(base, (base, base)))
            return f"{label}@{c.split('@')[1]}" if "@" in c else label
        arrow = "⇢" if watch else "→"
        return f"{time:7.2f}s  {name(src)} {arrow} {name(dst)}: {text}"

    def hops_in_log(self, world: Any) -> list[tuple]:
        out: list[tuple] = []
        recent = world.sim.log[-400:]
        self._bound_later = {(e.namespace, e.name) for e in recent if e.kind == "ObjectStored"
                             and e.resource == "pods" and e.actor == "scheduler"}
        for e in recent:
            if e.kind in ("ObjectStored", "KubeletImagePulling", "ContainerStarted"):
                out.extend(self._hops_for(world, e))
        return out

    def _animate(self, hops: list[tuple]) -> None:
        """Queue hops on one conveyor: one message travels at a time, in the engine's order."""
        self._hop_queue.extend(hops)
        while len(self._hop_queue) > MAX_QUEUE:  # a burst: the oldest unplayed hops stay in the log only
            self._hop_queue.popleft()
        if self._current_hop is None:
            self._next_hop()

    def _next_hop(self) -> None:
        if self._current_hop is not None and self._current_hop.scene() is self:
            self.removeItem(self._current_hop)
        self._current_hop = None
        while self._hop_queue:
            src, dst, text, watch, _ = self._hop_queue.popleft()
            a, b = self._point(src), self._point(dst)
            if a is None or b is None:
                continue
            msg = MessageItem(self, text, watch)
            msg.setPos(a)
            msg.setVisible(True)
            self.addItem(msg)
            self._current_hop = msg
            anim = QVariantAnimation()
            anim.setStartValue(a)
            anim.setEndValue(b)
            # a backlog plays faster, so the pictures keep up with the engine
            anim.setDuration(self.anim_ms(520 / (1 + len(self._hop_queue) / 8)))
            anim.valueChanged.connect(msg.setPos)
            anim.finished.connect(self._next_hop)
            self.hops_animated += 1
            self.track(anim)
            return

    def _point(self, comp: str) -> QPointF | None:
        if comp in self.boxes:
            return self.boxes[comp].center()
        if comp in self.frames:
            return self.frames[comp].sceneBoundingRect().center()
        return None

    def finish_animations(self) -> None:
        self._hop_queue.clear()
        super().finish_animations()
        for item in [i for i in self.items() if isinstance(i, MessageItem)]:
            self.removeItem(item)
        self._current_hop = None

    # -- clicks ----------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt name)
        for item in self.items(event.scenePos()):
            if isinstance(item, ComponentBox):
                self.select_component(item.kind)
                event.accept()
                return
            if isinstance(item, FrameItem) and item.data(0):
                self.select_component("control-plane" if item.data(0) == "control-plane" else "node")
                event.accept()
                return
        super().mousePressEvent(event)

    def set_highlight(self, ids: Any) -> None:
        """Highlight as usual, and open the card of the first highlighted component (the step's topic)."""
        ordered = sorted(ids) if isinstance(ids, (set, frozenset)) else list(ids)
        first = next((i for i in ordered if i in INFO), None)
        if first is not None and self.boxes and first != self.selected_id:
            self.selected_id = first
            self._show_card()
        super().set_highlight(ordered)

    def select_component(self, comp: str) -> None:
        """Show a component's card (as a click does) and tell listeners its highlight id."""
        if comp not in INFO:
            return
        self.selected_id = comp
        self._show_card()
        info = INFO[comp]
        e, t = html.escape, self.t
        body = (f"<p><b>{e(t('职责', 'Role'))}</b>: {e(t(*info.role))}</p>"
                f"<p><b>{e(t('原文的比喻', 'The article analogy'))}</b>: {e(t(*info.analogy))}</p>"
                f"<p><b>{e(t('如今', 'What changed'))}</b>: {e(t(*info.now))}</p>")
        self.component_clicked.emit(comp)
        self.explain(t(*info.title), body)

    def summary(self) -> str:
        return self.t(f"控制平面与 {len(self.shown_nodes)} 个工作节点", f"Control plane and {len(self.shown_nodes)} worker nodes")


def _edge_point(box: ComponentBox, toward: QPointF) -> QPointF:
    """Where the line from the box's centre towards ``toward`` leaves the box."""
    r = box.sceneBoundingRect().adjusted(4, 4, -4, -4)
    c = r.center()
    d = toward - c
    if abs(d.x()) < 1e-6 and abs(d.y()) < 1e-6:
        return c
    sx = (r.width() / 2) / abs(d.x()) if abs(d.x()) > 1e-6 else float("inf")
    sy = (r.height() / 2) / abs(d.y()) if abs(d.y()) > 1e-6 else float("inf")
    s = min(sx, sy)
    return c + d * s
