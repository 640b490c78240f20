"""Scene 6, the cluster at work: nodes with CPU and memory bars, pods travelling from the pending
queue to the node the scheduler chose, image pulls, Services routing to ready pods.

It mirrors the engine: every batch of events is followed by reading the cluster's objects again
(``b_model.cluster_view``) and setting each item to that state; only then are the changes animated
(pods fly from where they were drawn, image parcels travel from the registry, requests run along a
Service's routes). Selecting a pod, node, Service or Deployment emits ``object_selected`` so the
details dock can show the scheduler's breakdown, the YAML and the events (``app.ui.panels``).
"""
from __future__ import annotations

import html
import math
from typing import Any, Sequence

from PySide6.QtCore import QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsSceneMouseEvent

from app.sim.topology import cluster_layout, natural_key

from . import register_scene
from .b_cluster_items import BoxItem, LegendItem, NodeCard, ServiceItem, slot_grid
from app.ui.panels.decisions import scheduling_decision
from app.ui.panels.details_html import breakdown_html, object_html

from .b_common import NO_BRUSH, NO_PEN, line_height
from .b_model import ClusterView, ViewCache, cluster_view, get_object, owner_deployment
from .b_pod_layer import PodLayer
from .b_routes import ParcelItem, RouteLayer
from .a_stage_shape import ReadableFloor
from .base import SCENE_RECT, SceneBase

CARD_GAP = 14.0
LEFT = QRectF(16, 16, 300, 868)
GRID = QRectF(332, 132, 1252, 752)
SERVICES = QRectF(332, 16, 1252, 100)
#: at presenter sizes the left column is wider, so its titles and lines are not cut
PRESENTER_PX, LEFT_W_PRESENTER, LEFT_W_MAX = 22, 380.0, 500.0
#: image parcels in flight at most (the node cards list every pull anyway)
MAX_PARCELS = 12
EVICT_TAINTS = ("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready")


@register_scene
class ClusterScene(ReadableFloor, SceneBase):
    scene_id = "cluster"
    title = {"zh": "集群运行", "en": "Cluster at work"}

    #: (kind, namespace, name) of the object the learner clicked: Pod, Node, Service, Deployment.
    object_selected = Signal(str, str, str)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.view = ClusterView()
        self.cards: dict[str, NodeCard] = {}
        self.services: dict[str, ServiceItem] = {}
        self.pods: PodLayer | None = None
        self.routes: RouteLayer | None = None
        self.selected: tuple[str, str, str] | None = None
        self._proxies: dict[str, QGraphicsRectItem] = {}
        self._pulling: dict[str, dict[str, str]] = {}   # node -> {pod key: image}
        self._recent_pulls: list[str] = []
        self._node_names: list[str] = []
        self._details: list[Any] = []   # details widgets made by make_details_widget (fed below)
        self._parcels = 0
        self._cache = ViewCache()
        self._placed: dict[str, tuple] = {}  # pod key -> (x, y, w, state, tag, old) last given to the layer
        self._capacity = 4  # pod slots per node card

    # -- the three regions: left column, Services strip, node grid ------------------------------------
    @property
    def left(self) -> QRectF:
        extra = self.sceneRect().height() - SCENE_RECT.height()  # a taller stage (a_stage_shape)
        px = self.min_text_px
        # big type (presenter, or a small stage in the window): a wider column, growing with the type
        width = max(LEFT_W_PRESENTER, min(LEFT_W_MAX, px * 10.0)) if px >= PRESENTER_PX else LEFT.width()
        return QRectF(LEFT.x(), LEFT.y(), width, LEFT.height() + extra)

    @property
    def grid(self) -> QRectF:
        x = self.left.right() + 16
        extra = self.sceneRect().height() - SCENE_RECT.height()
        return QRectF(x, GRID.y(), GRID.right() - x, GRID.height() + extra)

    @property
    def services_rect(self) -> QRectF:
        x = self.left.right() + 16
        return QRectF(x, SERVICES.y(), SERVICES.right() - x, SERVICES.height())

    # -- building ---------------------------------------------------------------------------------
    def rebuild(self) -> None:
        self.follow_view_shape()
        self.clear_items()
        self._proxies.clear()
        self.cards.clear()
        self.services.clear()
        world = self.controller.world
        self._cache = ViewCache()  # a new world (step back) never shares objects with the old one
        self._placed: dict[str, tuple] = {}
        self.view = cv = cluster_view(world, self._cache)
        self._pulling = self._pulls_in_progress(world)
        self._recent_pulls = self._recent_pull_lines(world)
        self._node_names = cv.node_names()
        # the left column: heights follow the text size (presenter mode makes text larger)
        row, gap = line_height(self, 15, 1.45), 14.0
        legend_h = LegendItem.height_for(self)
        big = row > 30  # presenter sizes: fewer lines, so the pending queue keeps its room
        # big: as many rows as the lines take wrapped now (a few at most); they are never cut
        width = self.left.width()
        reg_rows = min(3, BoxItem.rows_for(self, self._recent_pulls[:1] or ["-"], width))
        dep_rows = min(4, BoxItem.rows_for(self, self._deployment_lines(world)[0] or ["-"], width))
        reg_h = row * (1 + reg_rows) + 16 if big else 150.0
        dep_h = row * (1 + dep_rows) + 16 if big else 206.0
        queue_h = self.left.height() - legend_h - reg_h - dep_h - 3 * gap
        y = self.left.y()
        self.registry_box = self._box(QRectF(self.left.x(), y, self.left.width(), reg_h), "registry", "registry")
        self.registry_box.wrap = True
        y += reg_h + gap
        self.queue_box = self._box(QRectF(self.left.x(), y, self.left.width(), queue_h), "pending-queue", "warning")
        y += queue_h + gap
        self.deploy_box = self._box(QRectF(self.left.x(), y, self.left.width(), dep_h), "deployments", "accent")
        self.deploy_box.wrap = True
        y += dep_h + gap
        self.legend = LegendItem(self, QRectF(self.left.x(), y, self.left.width(), legend_h))
        self.addItem(self.legend)
        pos, (cw, ch), unit = self._node_grid(cv)
        for name in self._node_names:
            x, y = pos[name]
            card = NodeCard(self, QRectF(x, y, cw, ch), name, unit)
            self.addItem(card)
            self.register(f"node:{name}", card)
            self.cards[name] = card
        if not self._node_names:
            self.add_text(self.t("集群里还没有节点。试试:sim preset classroom",
                                 "No nodes yet. Try: sim preset classroom"), self.grid.x() + 40, self.grid.y() + 40, px=26,
                          role="muted")
        self.pods = PodLayer(self, self.sceneRect())
        self.addItem(self.pods)
        self.routes = RouteLayer(self, self.sceneRect())
        self.addItem(self.routes)
        self._sync(animate=False)
        self.apply_highlight()
        for widget in self._live_details():
            widget.on_restored(world)

    # -- node cards sized to their content ----------------------------------------------------------
    def _node_grid(self, cv: ClusterView) -> tuple[dict[str, tuple[float, float]], tuple[float, float], float]:
        """Card places, card size and the cards' text unit: the largest unit at which every card
        holds its pods (with room for arrivals, so pods do not move as new ones come) in the grid.

        Cards are as tall as that content, not as the grid: three nodes with a few pods each get
        big type and big pods instead of big empty cards. The column count is the one that gives the
        largest unit."""
        names = self._node_names
        most = max((len(cv.nodes[n].pods) for n in names), default=0)
        self._capacity = cap = max(4, most + 2, math.ceil(most * 1.5))
        n = len(names)
        if n == 0:
            return {}, (0.0, 0.0), 0.0
        best: tuple[float, int, float, float, float] | None = None
        for cols in range(1, n + 1):
            rows = math.ceil(n / cols)
            cw = (self.grid.width() - CARD_GAP * (cols - 1)) / cols
            ch_max = (self.grid.height() - CARD_GAP * (rows - 1)) / rows
            if cw <= 0 or ch_max <= 0:
                continue
            unit = _fit_unit(cw, ch_max, cap, self.min_text_px)
            # a card narrower than its title line needs (about 16 text units) cuts the node's status
            text = NodeCard.text_unit(unit, self.min_text_px)
            score = unit * min(1.0, cw / (16 * text)) ** 0.5
            if best is None or score >= best[0] * 0.97:  # near-ties: more columns (compact cards)
                best = (score, cols, cw, ch_max, unit) if best is None or score >= best[0] else \
                    (best[0], cols, cw, ch_max, unit)
        if best is None or NodeCard.height_for(best[4], best[2], cap, self.min_text_px) > best[3] + 1e-6:
            # too many pods to show whole at any readable size (a 100-node cluster): the classic grid
            # of equal cards, chips shrunk to fit, as before
            g = self.grid
            pos, size = cluster_layout(names, g.x(), g.y(), g.width(), g.height(), gap=CARD_GAP)
            self._capacity = 0  # slots for the pods there are (chips as large as they can be)
            return pos, size, 0.0
        _, cols, cw, ch_max, unit = best
        ch = min(ch_max, NodeCard.height_for(unit, cw, cap, self.min_text_px))
        pos = {}
        for i, name in enumerate(sorted(names, key=natural_key)):  # reading order: node-2 before node-10
            r, c = divmod(i, cols)
            pos[name] = (self.grid.x() + c * (cw + CARD_GAP), self.grid.y() + r * (ch + CARD_GAP))
        return pos, (cw, ch), unit

    def _live_details(self) -> list[Any]:
        from shiboken6 import isValid
        self._details = [w for w in self._details if isValid(w)]
        return self._details

    def _box(self, rect: QRectF, item_id: str, border: str) -> BoxItem:
        box = BoxItem(self, rect, item_id, border)
        self.addItem(box)
        self.register(item_id, box)
        return box

    # -- following the engine ----------------------------------------------------------------------
    def on_events(self, events: Sequence[Any]) -> None:
        kinds = {e.kind for e in events}
        if "WorldReset" in kinds or self.pods is None:
            self.rebuild()
            return
        world = self.controller.world
        nodes_now = sorted((o["metadata"]["name"] for o in _store_items(world, "nodes")), key=natural_key)
        if nodes_now != self._node_names:  # the grid changes shape: redraw, then animate nothing
            self.rebuild()
            return
        scheduled = set()
        for e in events:
            if e.domain != "k8s":  # Docker events (a pull on a host) are drawn by the registry scene
                continue
            k = e.kind
            if k == "KubeletImagePulling":
                self._pulling.setdefault(e.node, {})[f"{e.namespace}/{e.pod}"] = e.image
            elif k in ("KubeletImagePulled", "KubeletImagePullFailed"):
                self._pulling.get(e.node, {}).pop(f"{e.namespace}/{e.pod}", None)
                if k == "KubeletImagePulled" and not e.already_present:
                    self._recent_pulls = ([self._pull_line(e)] + self._recent_pulls)[:4]
            elif k in ("PodDeleted",) and getattr(e, "node", ""):
                self._pulling.get(e.node, {}).pop(f"{e.namespace}/{e.pod}", None)
            elif k == "PodScheduled":
                scheduled.add(f"{e.namespace}/{e.pod}")
        self.view = cluster_view(world, self._cache)
        self._sync(animate=self.animations_enabled, scheduled=scheduled)
        for widget in self._live_details():
            widget.on_events(world, list(events))
        if self.animations_enabled:
            for e in events:
                if e.domain != "k8s":
                    continue
                if e.kind == "KubeletImagePulling" and e.node in self.cards:
                    self._animate_parcel(e.image, e.node)
                elif e.kind == "ServiceRequest":
                    self.routes.animate_request(f"{e.namespace}/{e.service}", f"{e.namespace}/{e.pod}")
        self.apply_highlight()

    def _sync(self, animate: bool, scheduled: set[str] | None = None) -> None:
        """Set every item to the state in ``self.view``; fly the pods whose place changed."""
        cv, t = self.view, self.t
        assert self.pods is not None and self.routes is not None
        world = self.controller.world
        for name, card in self.cards.items():
            nv = cv.nodes[name]
            pulling = tuple(sorted(set(self._pulling.get(name, {}).values())))
            card.set_state(nv, pulling, self._node_note(world, name))
        # pods: the queue first, then every node's pods in name order
        places: dict[str, QRectF] = {}
        pending = cv.pending
        for key, rect in zip(pending, slot_grid(self.queue_box.body_rect(), len(pending), max_h=22)):
            places[key] = rect
        for name, card in self.cards.items():
            keys = cv.nodes[name].pods
            # slots for the card's capacity: a pod keeps its place when others arrive
            slots = slot_grid(card.pod_area(), max(len(keys), self._capacity), max_h=card.chip_h())
            # oldest first: a new pod takes the next free slot and nobody moves (and a rebuild after
            # step back puts every pod where live play had it)
            by_age = sorted(keys, key=lambda k: (cv.pods[k].created, natural_key(k)))
            for key, rect in zip(by_age, slots):
                places[key] = rect
        for key in [k for k in self.pods.keys if k not in places]:
            self.pods.remove(key)
            self._placed.pop(key, None)
        queue_entry = self.queue_box.body_rect()
        moves = []
        placed = self._placed
        revisions = cv.revisions
        for key, rect in places.items():
            pv = cv.pods[key]
            rv = revisions.get(key)
            tag, old = (f"r{rv[0]}" if rv[2] else "", rv[1]) if rv else ("", False)
            mark = (rect.x(), rect.y(), rect.width(), pv.state, tag, old)
            if placed.get(key) == mark:
                continue  # nothing changed for this pod
            placed[key] = mark
            before = self.pods.set_pod(key, pv.name.rsplit("-", 1)[-1] if "-" in pv.name else pv.name, pv.state, rect,
                                       tag, old)
            if before is None and scheduled and key in scheduled:
                before = (queue_entry.center().x(), queue_entry.center().y(), rect.width(), rect.height())
            if animate and before is not None and (abs(before[0] - rect.x()) > 0.5 or abs(before[1] - rect.y()) > 0.5):
                moves.append((key, before))
        if moves:
            self._fly(moves)
        self.queue_box.set_text(t(f"等待调度 ({len(pending)})", f"Pending queue ({len(pending)})"),
                                () if pending else (t("(空)", "(empty)"),), t(f"等待 ({len(pending)})", f"Pending ({len(pending)})"))
        self.registry_box.set_text(t("镜像仓库 docker.io", "Registry docker.io"),
                                   tuple(self._recent_pulls) or (t("还没有拉取", "no pulls yet"),), t("镜像仓库", "Registry"))
        self._sync_deployments(world)
        self._sync_services()
        if self.selected and self.selected[0] == "Pod":
            self.pods.selected = f"{self.selected[1]}/{self.selected[2]}"
        for pid, proxy in list(self._proxies.items()):
            self._place_proxy(pid, proxy)

    def _sync_deployments(self, world: Any) -> None:
        lines, self._deploy_rows = self._deployment_lines(world)
        self.deploy_box.set_text(self.t("Deployment", "Deployments"), tuple(lines) or (self.t("(无)", "(none)"),),
                                 self.t("Deploy", "Deploy."))
        body = self.deploy_box.body_rect()
        rh = self.deploy_box.row_h()
        y = body.y()
        for (ns, name), rows in zip(self._deploy_rows, self.deploy_box.rows_per_line()):
            pid = f"deployment:{name}"
            row = QRectF(body.x(), y, body.width(), rh * rows)  # a wrapped line: one target over its rows
            y += rh * rows
            proxy = self._proxies.get(pid) or self._new_proxy(pid)
            proxy.setRect(row)

    def _deployment_lines(self, world: Any) -> tuple[list[str], list[tuple[str, str]]]:
        """One line per Deployment (ready/wanted and revision) and its (namespace, name)."""
        lines, rows = [], []
        revisions: dict[tuple[str, str], int] = {}  # the newest ReplicaSet revision per Deployment
        for rs in _store_items(world, "replicasets"):
            meta = rs["metadata"]
            for ref in meta.get("ownerReferences") or ():
                if ref.get("kind") == "Deployment":
                    key = (meta.get("namespace", "default"), ref.get("name", ""))
                    try:
                        rev = int((meta.get("annotations") or {}).get("deployment.kubernetes.io/revision", 0))
                    except ValueError:
                        rev = 0
                    revisions[key] = max(revisions.get(key, 0), rev)
        for obj in sorted(_store_items(world, "deployments"), key=lambda o: natural_key(o["metadata"]["name"])):
            meta, spec, st = obj["metadata"], obj.get("spec") or {}, obj.get("status") or {}
            want = int(spec.get("replicas", 1))
            ready, updated = int(st.get("readyReplicas", 0) or 0), int(st.get("updatedReplicas", 0) or 0)
            rev = (meta.get("annotations") or {}).get("deployment.kubernetes.io/revision") or \
                revisions.get((meta.get("namespace", "default"), meta["name"]), 1)
            mark = "✓" if ready == want and updated == want else "⟳"
            lines.append(self.t(f"{mark} {meta['name']}  {ready}/{want} 就绪 · 版本{rev}",
                                f"{mark} {meta['name']}  {ready}/{want} ready · rev {rev}"))
            rows.append((meta.get("namespace", "default"), meta["name"]))
        return lines, rows

    def _sync_services(self) -> None:
        cv = self.view
        keys = sorted(cv.services, key=natural_key)
        keys = [k for k in keys if cv.services[k].name != "kubernetes"]
        if [self.services[k].view.key for k in self.services] != keys or not keys:
            for item in self.services.values():
                self.removeItem(item)
            self.services.clear()
            n = max(1, len(keys))
            w = min(320.0 if self.min_text_px < PRESENTER_PX else 470.0, (self.services_rect.width() - 12 * (n - 1)) / n)
            for i, key in enumerate(keys):
                item = ServiceItem(self, QRectF(self.services_rect.x() + i * (w + 12), self.services_rect.y(), w, self.services_rect.height() - 24),
                                   cv.services[key])
                self.addItem(item)
                self.register(f"service:{cv.services[key].name}", item)
                self.services[key] = item
        for key, item in self.services.items():
            item.set_view(cv.services[key])
        assert self.routes is not None
        self.routes.set_routes({k: list(cv.services[k].ready) for k in self.services})

    # -- notes read from the engine ----------------------------------------------------------------
    def _node_note(self, world: Any, name: str) -> str:
        """Why a node is in trouble, with the eviction time the NoExecute taint implies."""
        from app.sim.k8s.meta import parse_timestamp
        obj = get_object(world, "nodes", "", name) or {}
        for taint in (obj.get("spec") or {}).get("taints") or ():
            if taint.get("key") in EVICT_TAINTS and taint.get("effect") == "NoExecute":
                short = taint["key"].split("/")[-1]
                added = taint.get("timeAdded")
                # versions from the fullest to the shortest, one a line: the card shows the first
                # that fits (NodeCard.foot_lines), the time always first
                if added:
                    at = _clock(parse_timestamp(added) + 300)
                    return "\n".join((
                        self.t(f"{at} 驱逐 · 污点 {short}:NoExecute,容忍 300 秒",
                               f"evicts at {at} · taint {short}:NoExecute, 300 s toleration"),
                        self.t(f"{at} 驱逐 · 污点 {short}", f"evicts at {at} · taint {short}"),
                        self.t(f"{at} 驱逐", f"evicts at {at}")))
                return "\n".join((self.t(f"污点 {short}:NoExecute · 300 秒后驱逐", f"taint {short}:NoExecute · evicts after 300 s"),
                                   self.t("300 秒后驱逐", "evicts after 300 s")))
        if self.view.nodes.get(name) and self.view.nodes[name].status != "Ready":
            return self.t("没有心跳", "no heartbeat")
        return ""

    @staticmethod
    def _pulls_in_progress(world: Any) -> dict[str, dict[str, str]]:
        """Pulls started but not finished, read back from the event log (after a rebuild)."""
        out: dict[str, dict[str, str]] = {}
        for e in _recent_log(world, ("KubeletImagePulling", "KubeletImagePulled", "KubeletImagePullFailed", "PodDeleted")):
            key = f"{e.namespace}/{e.pod}"
            if e.kind == "KubeletImagePulling":
                out.setdefault(e.node, {})[key] = e.image
            else:
                out.get(getattr(e, "node", ""), {}).pop(key, None)
        return out

    def _recent_pull_lines(self, world: Any) -> list[str]:
        pulls = [e for e in _recent_log(world, ("KubeletImagePulled",)) if not e.already_present]
        return [self._pull_line(e) for e in reversed(pulls[-4:])]

    def _pull_line(self, e: Any) -> str:
        return self.t(f"{e.node} ← {e.image} ({e.layers_fetched} 层, {e.duration:.1f}s)",
                      f"{e.node} ← {e.image} ({e.layers_fetched} layers, {e.duration:.1f}s)")

    # -- animation ---------------------------------------------------------------------------------
    def _fly(self, moves: list[tuple[str, tuple]]) -> None:
        assert self.pods is not None
        fid = self.pods.start_flight(moves)
        anim = QVariantAnimation()
        anim.setStartValue(0.0)
        anim.setEndValue(1.0)
        anim.setDuration(self.anim_ms(900))
        layer = self.pods
        anim.valueChanged.connect(lambda u, f=fid, L=layer: L.fly(f, u))
        self.track(anim)
        if anim.state() != anim.State.Running:
            layer.fly(fid, 1.0)

    def _animate_parcel(self, image: str, node: str) -> None:
        if self._parcels >= MAX_PARCELS:  # a big rollout pulls on every node: the cards say so anyway
            return
        card = self.cards[node]
        start = self.registry_box.sceneBoundingRect().center()
        end = card.sceneBoundingRect().center()
        parcel = ParcelItem(self, image)
        self.addItem(parcel)
        self._parcels += 1
        anim = QVariantAnimation()
        anim.setStartValue(start)
        anim.setEndValue(end)
        anim.setDuration(self.anim_ms(1100))
        anim.valueChanged.connect(lambda p, it=parcel: it.setPos(p))
        anim.finished.connect(lambda it=parcel: self._parcel_done(it))
        self.track(anim)
        if anim.state() != anim.State.Running and parcel.scene() is self:
            self.removeItem(parcel)

    def _parcel_done(self, parcel: ParcelItem) -> None:
        self._parcels = max(0, self._parcels - 1)
        if parcel.scene() is self:
            self.removeItem(parcel)

    def finish_animations(self) -> None:
        super().finish_animations()
        for item in [i for i in self.items() if isinstance(i, ParcelItem)]:
            self.removeItem(item)
        self._parcels = 0

    # -- selection and ids -------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 (Qt name)
        pos = event.scenePos()
        hit = self.pods.pod_at(pos) if self.pods is not None else None
        if hit:
            ns, name = hit.split("/", 1)
            self.select("Pod", ns, name)
            event.accept()
            return
        for item in self.items(pos):
            iid = item.data(0)
            if isinstance(iid, str):
                if iid.startswith("node:"):
                    self.select("Node", "", iid[5:])
                elif iid.startswith("service:"):
                    key = next((k for k in self.services if self.services[k].view.name == iid[8:]), "default/x")
                    self.select("Service", key.split("/")[0], iid[8:])
                elif iid.startswith("deployment:"):
                    ns = next((n for n, d in self._deploy_rows if d == iid[11:]), "default")
                    self.select("Deployment", ns, iid[11:])
                else:
                    continue
                event.accept()
                return
        super().mousePressEvent(event)

    def select(self, kind: str, namespace: str, name: str) -> None:
        """Select an object (as a click does): mark it and ask the details dock to show it."""
        self.selected = (kind, namespace, name)
        if self.pods is not None:
            self.pods.selected = f"{namespace}/{name}" if kind == "Pod" else None
            self.pods.update()
        self.object_selected.emit(kind, namespace, name)
        world = self.controller.world
        body = self._summary_html(kind, namespace, name)
        if kind == "Pod":
            body += breakdown_html(scheduling_decision(world, namespace, name), self.lang)
        body += object_html(world, kind, namespace, name, self.lang)
        self.explain(f"{kind} {name}", body)

    def make_details_widget(self, parent: Any = None) -> Any:
        """The details-dock widget for this scene (breakdown table, YAML + events, utilisation chart),
        wired to this scene: selections show there, events and step backs feed its chart."""
        from app.ui.panels import ClusterDetails
        widget = ClusterDetails(parent, lang=self.lang, profile=self.profile)
        widget.chart.sample(self.controller.world)
        self.object_selected.connect(lambda k, ns, n, w=widget: w.show_object(self.controller.world, k, ns, n))
        self._details.append(widget)
        return widget

    def _summary_html(self, kind: str, namespace: str, name: str) -> str:
        e = html.escape
        if kind == "Pod":
            pv = self.view.pods.get(f"{namespace}/{name}")
            if pv is None:
                return e(self.t("这个 Pod 已经不在了。", "This pod is gone."))
            dep = owner_deployment(self.controller.world, pv)
            rows = [(self.t("状态", "Status"), pv.status), (self.t("节点", "Node"), pv.node or "-"),
                    ("IP", pv.ip or "-"), (self.t("镜像", "Image"), ", ".join(pv.images)),
                    (self.t("属于", "Owner"), dep or "-")]
        elif kind == "Node":
            nv = self.view.nodes.get(name)
            if nv is None:
                return ""
            rows = [(self.t("状态", "Status"), nv.status), ("Pods", str(len(nv.pods))),
                    ("CPU", f"{nv.cpu_req_m}m / {nv.cpu_alloc_m}m"),
                    (self.t("内存", "Memory"), f"{nv.mem_req_b // 2**20}Mi / {nv.mem_alloc_b // 2**20}Mi"),
                    (self.t("污点", "Taints"), ", ".join(nv.taints) or "-")]
        elif kind == "Service":
            sv = self.view.services.get(f"{namespace}/{name}")
            if sv is None:
                return ""
            rows = [("Type", sv.type), ("ClusterIP", sv.cluster_ip),
                    (self.t("就绪端点", "Ready endpoints"), ", ".join(k.split("/")[1] for k in sv.ready) or "-")]
        else:
            rows = [("Namespace", namespace)]
        body = "".join(f"<tr><td><b>{e(k)}</b></td><td>{e(str(v))}</td></tr>" for k, v in rows)
        return f"<table>{body}</table>"

    def item_for(self, item_id: str) -> QGraphicsItem | None:
        item = super().item_for(item_id)
        if item is None and item_id.startswith("pod:") and self.pods is not None:
            key = self._pod_key(item_id[4:])
            if key is not None:
                item = self._new_proxy(item_id)
        return item

    def item_ids(self) -> list[str]:
        ids = super().item_ids()
        if self.pods is not None:
            ids += [f"pod:{k.split('/', 1)[1]}" for k in self.pods.keys if f"pod:{k.split('/', 1)[1]}" not in ids]
        return ids

    def _pod_key(self, name: str) -> str | None:
        if self.pods is None:
            return None
        if f"default/{name}" in self.pods.index:
            return f"default/{name}"
        return next((k for k in self.pods.keys if k.split("/", 1)[1] == name), None)

    def _new_proxy(self, item_id: str) -> QGraphicsRectItem:
        """An invisible box standing for a pod or a Deployment row, so highlights can find it."""
        proxy = QGraphicsRectItem()
        proxy.setPen(NO_PEN)
        proxy.setBrush(NO_BRUSH)
        proxy.setZValue(-1)
        self.addItem(proxy)
        self.register(item_id, proxy)
        self._proxies[item_id] = proxy
        self._place_proxy(item_id, proxy)
        return proxy

    def _place_proxy(self, item_id: str, proxy: QGraphicsRectItem) -> None:
        if item_id.startswith("pod:") and self.pods is not None:
            key = self._pod_key(item_id[4:])
            rect = self.pods.rect_of(key) if key else None
            proxy.setRect(rect if rect is not None else QRectF())

    def summary(self) -> str:
        cv = self.view
        ready = sum(1 for p in cv.pods.values() if p.state == "Ready")
        return self.t(f"{len(cv.nodes)} 个节点, {len(cv.pods)} 个 Pod({ready} 个就绪, {len(cv.pending)} 个等待调度)",
                      f"{len(cv.nodes)} nodes, {len(cv.pods)} pods ({ready} ready, {len(cv.pending)} pending)")


def _store_items(world: Any, resource: str) -> list[dict]:
    from .b_model import _items
    return list(_items(world, resource))


def _recent_log(world: Any, kinds: tuple[str, ...], depth: int = 4000) -> list[Any]:
    log = world.sim.log
    return [e for e in log[-depth:] if e.kind in kinds and e.domain == "k8s"]


def _clock(t: float) -> str:
    m, s = divmod(int(round(t)), 60)
    return f"{m}:{s:02d}"


def _fit_unit(card_w: float, max_h: float, pods: int, min_text_px: float = 0) -> float:
    """The largest text unit (scene units) at which a card ``card_w`` wide shows its name, bars and
    ``pods`` chips within ``max_h`` (bisection; between MIN_UNIT and MAX_UNIT)."""
    lo, hi = NodeCard.MIN_UNIT, min(NodeCard.MAX_UNIT, card_w / 16)
    if hi <= lo:
        return lo
    for _ in range(24):
        mid = (lo + hi) / 2
        if NodeCard.height_for(mid, card_w, pods, min_text_px) <= max_h:
            lo = mid
        else:
            hi = mid
    return lo
