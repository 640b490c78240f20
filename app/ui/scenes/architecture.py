"""Scene 5, the cluster's architecture: the control plane above, worker nodes below (laid out by
``app.sim.topology`` with networkx), every component clickable for its role, the article's analogy
and what has changed since. Requests travel as messages: the actor -> API server -> etcd, then the
watch notification to whoever watches (scheduler, controller manager, a kubelet), exactly as the
engine's ``ObjectStored`` and kubelet events happen.
"""
from __future__ import annotations

import html
from collections import deque
from typing import Any, Sequence

from PySide6.QtCore import QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from app.sim.topology import CONTROL_PLANE, NODE_PARTS, architecture_layout, node_part_id

from . import register_scene
from .b_arch_items import ComponentBox, FrameItem, LinkLayer, MessageItem, PanelItem
from .b_arch_text import ACTOR_NAMES, INFO
from .b_model import ViewCache, cluster_view
from .base import SCENE_RECT, SceneBase

DIAGRAM_W = 1260.0
#: at most this many worker nodes are drawn; the rest are summed up in the last slot
MAX_NODES = 3
#: hops waiting on the conveyor at most (a burst of 3,000 pods keeps only the newest; all are logged)
MAX_QUEUE = 40
LOG_LINES = 9

VERB_HTTP = {"ADDED": "POST", "MODIFIED": "PUT", "DELETED": "DELETE"}
ROLE = {"kubectl": "accent", "scheduler": "control_plane", "controller-manager": "control_plane",
        "apiserver": "control_plane", "etcd": "control_plane"}
NAMES = {"apiserver": ("API Server", "API server"), "etcd": ("etcd", "etcd"), "scheduler": ("调度器", "scheduler"),
         "controller-manager": ("控制器管理器", "controller manager"), "kubectl": ("kubectl", "kubectl"),
         "kubelet": ("kubelet", "kubelet"), "container-runtime": ("运行时", "runtime"), "pod": ("Pod", "pod"),
         "kube-proxy": ("kube-proxy", "kube-proxy")}


@register_scene
class ArchitectureScene(SceneBase):
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
        self.hops_animated = 0
        self._bound_later: set[tuple[str, str]] = set()
        self._cache = ViewCache()
        self._hop_queue: deque[tuple] = deque()
        self._current_hop: MessageItem | None = None

    # -- building -----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.clear_items()
        self.boxes.clear()
        self.frames.clear()
        world = self.controller.world
        self._cache = ViewCache()
        cv = cluster_view(world, self._cache)
        names = cv.node_names()
        self.shown_nodes = names[:MAX_NODES] if len(names) <= MAX_NODES else names[:MAX_NODES - 1]
        slots = self.shown_nodes + (["+more"] if len(names) > len(self.shown_nodes) else [])
        self._slots = slots or ["+none"]
        pos = architecture_layout(slots or ["+none"], DIAGRAM_W, SCENE_RECT.height())
        self._build_control_plane(pos)
        for slot in slots or ["+none"]:
            self._build_node(slot, pos, names)
        self.links = LinkLayer(self, SCENE_RECT)
        self.addItem(self.links)
        self._build_links()
        self.card = PanelItem(self, QRectF(DIAGRAM_W + 14, 16, SCENE_RECT.width() - DIAGRAM_W - 30, 500), "info")
        self.addItem(self.card)
        self.log = PanelItem(self, QRectF(DIAGRAM_W + 14, 528, SCENE_RECT.width() - DIAGRAM_W - 30, 356), "log")
        self.addItem(self.log)
        self.log_lines = [self._hop_text(*h) for h in self.hops_in_log(world)][-LOG_LINES:]
        self._sync(cv)
        self._show_card()
        self.apply_highlight()

    def _build_control_plane(self, pos: dict) -> None:
        xs = [pos[c][0] for c in CONTROL_PLANE if c != "kubectl"]
        ys = [pos[c][1] for c in CONTROL_PLANE if c != "kubectl"]
        bw, bh = 236.0, 100.0
        head = max(50.0, min(self.min_text_px * 1.5, 74.0))  # room for the frame's label (presenter: larger)
        frame_rect = QRectF(min(xs) - bw / 2 - 22, min(ys) - bh / 2 - head, max(xs) - min(xs) + bw + 44,
                            max(ys) - min(ys) + bh + head + 22)
        frame = FrameItem(self, frame_rect, self.t("控制平面(原文:master)", "Control plane (the article's master)"),
                          "control_plane")
        self.addItem(frame)
        self.register("control-plane", frame)
        self.frames["control-plane"] = frame
        for comp in CONTROL_PLANE:
            x, y = pos[comp]
            box = ComponentBox(self, QRectF(x - bw / 2, y - bh / 2, bw, bh), comp, ROLE[comp])
            self.addItem(box)
            self.register(comp, box)
            self.boxes[comp] = box

    def _build_node(self, slot: str, pos: dict, names: list[str]) -> None:
        cx, cy = pos[f"node@{slot}"]
        width = min(DIAGRAM_W / max(1, len(self._slots)) - 24, 520.0)
        rect = QRectF(cx - width / 2, cy - 210, width, 420)
        if slot in ("+more", "+none"):
            more = len(names) - len(self.shown_nodes)
            label = (self.t(f"还有 {more} 个节点", f"{more} more nodes") if slot == "+more"
                     else self.t("还没有节点", "No nodes yet"))
            status = (self.t("结构相同", "same parts") if slot == "+more"
                      else self.t("试试 sim preset classroom", "try: sim preset classroom"))
            frame = FrameItem(self, rect, label, "worker", status, dashed=slot == "+none")
            self.addItem(frame)
            self.frames[slot] = frame
            return
        frame = FrameItem(self, rect, self.t(f"工作节点 {slot}", f"Worker node {slot}"), "worker")
        self.addItem(frame)
        self.register(f"node@{slot}", frame)
        self.frames[slot] = frame
        if slot == self.shown_nodes[0]:
            self.register("node", frame)
        pw, ph = width * 0.46, 100.0
        for part in NODE_PARTS:
            x, y = pos[node_part_id(slot, part)]
            y = cy - 150 + (NODE_PARTS.index(part) // 2) * 122 + ph / 2
            box = ComponentBox(self, QRectF(x - pw / 2, y - ph / 2, pw, ph), part, "worker",
                               addon=part in ("log-collector", "cluster-dns"))
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
    def _sync(self, cv: Any = None) -> None:
        world = self.controller.world
        cv = cv or cluster_view(world, self._cache)
        store = getattr(getattr(getattr(world, "k8s", None), "api", None), "store", None)
        t = self.t
        pending = len(cv.pending)
        bound = sum(1 for p in cv.pods.values() if p.node)
        self.boxes["etcd"].set_status(t(f"修订号 {store.revision if store else 0}",
                                        f"revision {store.revision if store else 0}"))
        self.boxes["apiserver"].set_status(t(f"{len(cv.pods)} 个 Pod · {len(cv.nodes)} 个节点",
                                             f"{len(cv.pods)} pods · {len(cv.nodes)} nodes"))
        self.boxes["scheduler"].set_status(t(f"待调度 {pending} · 已绑定 {bound}", f"pending {pending} · bound {bound}"))
        deps = len(list(store.items("deployments"))) if store else 0
        rss = len(list(store.items("replicasets"))) if store else 0
        self.boxes["controller-manager"].set_status(t(f"Deployment {deps} · ReplicaSet {rss}",
                                                      f"{deps} Deployments · {rss} ReplicaSets"))
        self.boxes["kubectl"].set_status(t("你在控制台输入的命令", "what you type in the console"))
        for node in self.shown_nodes:
            nv = cv.nodes.get(node)
            if nv is None:
                continue
            states = tuple(cv.pods[k].state for k in nv.pods)
            ok = nv.status == "Ready"
            self.frames[node].set_status(t(f"状态 {nv.status}", f"status {nv.status}") if ok else
                                         t(f"✕ {nv.status}(没有心跳)", f"✕ {nv.status} (no heartbeat)"), not ok)
            running = sum(1 for s in states if s in ("Running", "Ready"))
            self.boxes[node_part_id(node, "kubelet")].set_status(t(f"管理 {len(states)} 个 Pod", f"manages {len(states)} pods"))
            self.boxes[node_part_id(node, "container-runtime")].set_status(
                t(f"{running} 个容器在运行", f"{running} containers running"))
            self.boxes[node_part_id(node, "kube-proxy")].set_status(
                t(f"{len(cv.services)} 个 Service 的规则", f"rules for {len(cv.services)} Services"))
            self.boxes[node_part_id(node, "cluster-dns")].set_status("*.svc.cluster.local")
            self.boxes[node_part_id(node, "log-collector")].set_status(t("收集容器日志", "gathers container logs"))
            self.boxes[node_part_id(node, "pod")].set_status(t("没有 Pod", "no pods"), states)
        self.log.set_content(t("消息(经 API Server,最新在上)", "Messages via the API server (newest first)"),
                             [("", line) for line in reversed(self.log_lines[-LOG_LINES:])] or
                             [("", t("还没有消息:试试 kubectl apply -f …", "No messages yet: try kubectl apply -f ..."))])

    def _show_card(self) -> None:
        info = INFO.get(self.selected_id, INFO["apiserver"])
        t = self.t
        self.card.set_content(t(*info.title), [
            (t("一句话", "In a word"), t(*info.tag)),
            (t("职责", "Role"), t(*info.role)),
            (t("原文的比喻", "The article's analogy"), t(*info.analogy)),
            (t("如今", "What changed since"), t(*info.now)),
        ])
        for key, box in self.boxes.items():
            box.set_selected(key.split("@")[0] == self.selected_id)

    # -- following the engine --------------------------------------------------------------------------
    def on_events(self, events: Sequence[Any]) -> None:
        world = self.controller.world
        cv = cluster_view(world, self._cache)
        names = cv.node_names()
        expect = names[:MAX_NODES] if len(names) <= MAX_NODES else names[:MAX_NODES - 1]
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
