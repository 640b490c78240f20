"""Frame cost of the cluster scene at 1920x1080 with 100 nodes and 3,000 pods all moving.

Run: ``python -m tests.bench.scene_bench`` (from the project root; offscreen is fine).

What it measures, in one run:
* the cluster scene (``app/ui/scenes/cluster.py``): 100 node cards and 3,000 pods that were all
  pending and have just been bound by the scheduler, so every pod flies from the pending queue to
  its node. A frame = advancing the scene's animations by 16 ms + a synchronous repaint of the
  1920x1080 viewport;
* the baseline: a plain ``QGraphicsView`` with the same number of simple items (3,000
  ``QGraphicsRectItem`` pods + 100 node rectangles), all moved each frame with ``setPos``, repainted
  the same way; once with outlined rectangles (as the pods are drawn) and once filled only.
It reports median and 95th percentile frame cost and the ratio to the baseline
(aims: p95 < 8 ms and within 1.5x of the baseline).

The cluster is written straight into the engine's API server store (``tests/ui/scenes_b/fake_cluster``),
so this benchmark measures drawing, not scheduling.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene, QGraphicsView  # noqa: E402

NODES, PODS, FRAMES, FRAME_MS = 100, 3000, 150, 16


def _view(scene: QGraphicsScene, app: QApplication) -> QGraphicsView:
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    app.processEvents()
    return view


def _frames(view: QGraphicsView, step) -> list[float]:
    costs = []
    for f in range(FRAMES):
        t0 = time.perf_counter()
        step(f)
        view.viewport().repaint()
        costs.append((time.perf_counter() - t0) * 1000.0)
    return costs


def cluster_scene_costs(app: QApplication) -> tuple[list[float], int]:
    from app.ui.scenes.cluster import ClusterScene
    from app.ui.theme import NORMAL
    from tests.ui.scenes_b.fake_cluster import FakeController, FakeWorld, pod_obj

    world = FakeWorld(nodes=NODES, pods=0)
    for j in range(PODS):
        world.store.put("pods", pod_obj(f"web-7d9f5-{j:05d}", None, phase="Pending", ready=False))
    scene = ClusterScene(FakeController(world), NORMAL, "en")
    scene.rebuild()
    view = _view(scene, app)
    seq = world.sim.event_count
    for j in range(PODS):  # the scheduler binds every pending pod: all 3,000 fly at once
        world.schedule(f"web-7d9f5-{j:05d}", f"node-{j % NODES + 1}")
    scene.set_speed(0.1)  # long flights, so every measured frame has all pods moving
    scene.on_events(world.drain_events(seq))
    flying = scene.pods.flying()
    anims = list(scene._animations)
    for a in anims:
        a.pause()  # the benchmark drives the clock itself, frame by frame

    def step(f: int) -> None:
        for a in anims:
            a.setCurrentTime((f + 1) * FRAME_MS)

    costs = _frames(view, step)
    scene.finish_animations()
    return costs, flying


def baseline_costs(app: QApplication, outline: bool = True) -> list[float]:
    scene = QGraphicsScene(0, 0, 1600, 900)
    scene.setBackgroundBrush(QBrush(QColor("#18202b")))
    pen = QPen(QColor("#6f86a3"))
    for i in range(NODES):
        r = QGraphicsRectItem(QRectF(332 + (i % 10) * 125, 132 + (i // 10) * 75, 115, 68))
        r.setBrush(QBrush(QColor("#243141")))
        r.setPen(pen)
        scene.addItem(r)
    items, starts, ends = [], [], []
    for j in range(PODS):
        it = QGraphicsRectItem(QRectF(0, 0, 10, 5))
        it.setBrush(QBrush(QColor("#4cc38a")))
        it.setPen(pen if outline else QPen(Qt.PenStyle.NoPen))
        scene.addItem(it)
        items.append(it)
        starts.append((60.0 + (j % 60) * 4, 200.0 + (j // 60) * 5))
        n = j % NODES
        ends.append((340.0 + (n % 10) * 125 + (j // NODES % 9) * 11, 170.0 + (n // 10) * 75 + (j // NODES // 9) * 7))
    view = _view(scene, app)

    def step(f: int) -> None:
        u = min(1.0, (f + 1) * FRAME_MS / 9000.0)
        e = u * u * (3 - 2 * u)
        for it, (x0, y0), (x1, y1) in zip(items, starts, ends):
            it.setPos(x0 + (x1 - x0) * e, y0 + (y1 - y0) * e)

    return _frames(view, step)


def _stats(costs: list[float]) -> tuple[float, float]:
    s = sorted(costs[5:])  # the first frames build caches
    return statistics.median(s), s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scene_costs, flying = cluster_scene_costs(app)
    base = baseline_costs(app)
    bare = baseline_costs(app, outline=False)
    (sm, sp), (bm, bp), (nm, np_) = _stats(scene_costs), _stats(base), _stats(bare)
    print(f"cluster scene, {NODES} nodes, {PODS} pods ({flying} flying), 1920x1080, {FRAMES} frames")
    print(f"  cluster scene : median {sm:6.2f} ms   p95 {sp:6.2f} ms")
    print(f"  plain baseline: median {bm:6.2f} ms   p95 {bp:6.2f} ms   ({PODS + NODES} QGraphicsRectItems moved by setPos)")
    print(f"  baseline without outlines: median {nm:6.2f} ms   p95 {np_:6.2f} ms")
    print(f"  ratio scene/baseline: median {sm / bm:4.2f}x   p95 {sp / bp:4.2f}x   (aim: p95 < 8 ms and <= 1.5x)")
    print(f"  ratio scene/baseline without outlines: median {sm / nm:4.2f}x   p95 {sp / np_:4.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
