"""Graphs and fixed layouts for the cluster pictures: pure networkx, no Qt, same input -> same output.

Two pictures use it:

* the architecture diagram (control plane above, worker nodes below): :func:`architecture_graph`
  says who talks to whom (everything goes through the API server, as in a real cluster) and
  :func:`architecture_layout` places every component in scene units;
* the cluster at work: :func:`cluster_layout` puts node cards on a grid sized for the node count.

Layouts are computed with networkx's deterministic layouts (``multipartite_layout``; the spring
layout is only used with a fixed seed), so a scene redrawn after a step back puts everything where
it was. Coordinates are returned as ``{id: (x, y)}`` (centres) in the caller's units.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

import networkx as nx

#: The control-plane components (ids are the highlight ids of the architecture scene).
CONTROL_PLANE = ("kubectl", "scheduler", "controller-manager", "apiserver", "etcd")
#: What runs on every worker node, in the order drawn inside a node box.
NODE_PARTS = ("kubelet", "kube-proxy", "container-runtime", "log-collector", "cluster-dns", "pod")
#: Fixed seed for the one spring layout used (kept so any change is deliberate).
LAYOUT_SEED = 7


@lru_cache(maxsize=65536)
def natural_key(name: str) -> tuple:
    """Sort ``node-2`` before ``node-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def node_part_id(node: str, part: str) -> str:
    """Id of one component drawn inside a worker node, e.g. ``kubelet@node-1``."""
    return f"{part}@{node}"


def architecture_graph(nodes: Iterable[str]) -> nx.DiGraph:
    """Who talks to whom. Edge (a, b): a sends requests to (or watches) b.

    Every component reaches the cluster state only through the API server; only the API server
    talks to etcd. On a node the kubelet drives the container runtime through the CRI.
    """
    g = nx.DiGraph()
    g.add_node("kubectl", tier=0, group="client")
    g.add_node("scheduler", tier=1, group="control-plane")
    g.add_node("controller-manager", tier=1, group="control-plane")
    g.add_node("apiserver", tier=2, group="control-plane")
    g.add_node("etcd", tier=3, group="control-plane")
    g.add_edge("kubectl", "apiserver")
    g.add_edge("scheduler", "apiserver")
    g.add_edge("controller-manager", "apiserver")
    g.add_edge("apiserver", "etcd")
    for node in nodes:
        g.add_node(node, tier=4, group="node")
        for part in NODE_PARTS:
            g.add_node(node_part_id(node, part), tier=5, group="node-part", node=node, part=part)
        g.add_edge(node_part_id(node, "kubelet"), "apiserver")
        g.add_edge(node_part_id(node, "kube-proxy"), "apiserver")
        g.add_edge(node_part_id(node, "kubelet"), node_part_id(node, "container-runtime"))
        g.add_edge(node_part_id(node, "container-runtime"), node_part_id(node, "pod"))
    return g


def _scale(pos: dict, x0: float, y0: float, w: float, h: float) -> dict[str, tuple[float, float]]:
    """Map layout coordinates onto the box (x0, y0, w, h), keeping the order of both axes."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    sx = w / (maxx - minx) if maxx > minx else 0.0
    sy = h / (maxy - miny) if maxy > miny else 0.0
    out = {}
    for k, (x, y) in pos.items():
        out[str(k)] = (round(float(x0 + (x - minx) * sx if sx else x0 + w / 2), 2),
                       round(float(y0 + (y - miny) * sy if sy else y0 + h / 2), 2))
    return out


def architecture_layout(nodes: Iterable[str], width: float = 1600.0, height: float = 900.0,
                        ) -> dict[str, tuple[float, float]]:
    """Centres of every box of the architecture diagram in a ``width`` x ``height`` picture.

    The control plane is laid out by tier (client | scheduler, controller manager | API server |
    etcd) across the upper band; worker nodes share the lower band, each with its parts stacked in
    two columns. The ids ``control-plane`` and ``node@NAME`` are the centres of the enclosing boxes.
    """
    names = list(nodes)  # the caller's order (natural order of names, a summary slot last)
    g = architecture_graph(names)
    cp = g.subgraph(CONTROL_PLANE)
    raw = nx.multipartite_layout(cp, subset_key="tier", align="vertical")
    # multipartite puts the first member of a tier on top: keep the scheduler above.
    top = _scale(raw, width * 0.10, height * 0.14, width * 0.66, height * 0.22)
    if top["scheduler"][1] > top["controller-manager"][1]:  # the dispatch room sits on top
        top["scheduler"], top["controller-manager"] = top["controller-manager"], top["scheduler"]
    pos: dict[str, tuple[float, float]] = dict(top)
    pos["control-plane"] = (round(width * 0.47, 2), round(height * 0.25, 2))
    if not names:
        return pos
    band_y0, band_h = height * 0.47, height * 0.46
    # One row of equal slots, in natural name order (node-2 before node-10).
    slot = width / len(names)
    centres = {n: (slot * (i + 0.5), band_y0 + band_h / 2) for i, n in enumerate(names)}
    box_w = min(width / len(names) - 24, 520.0)
    for node, (cx, cy) in centres.items():
        pos[f"node@{node}"] = (round(cx, 2), round(cy, 2))
        parts = [node_part_id(node, p) for p in NODE_PARTS]
        col_x = (cx - box_w * 0.24, cx + box_w * 0.24)
        for i, pid in enumerate(parts):
            col, rank = i % 2, i // 2
            pos[pid] = (round(col_x[col], 2), round(cy - band_h * 0.24 + rank * band_h * 0.25, 2))
    return pos


def cluster_layout(nodes: Iterable[str], x0: float, y0: float, width: float, height: float,
                   gap: float = 14.0, aspect: float = 1.5) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Node cards on a grid filling the box; returns ({node: (x, y) top-left}, (card_w, card_h)).

    The column count is chosen so the cards come out closest to ``aspect`` (width / height), which
    keeps three nodes large and legible and a hundred nodes in a tidy 12 x 9 grid.
    """
    names = sorted(nodes, key=natural_key)
    n = len(names)
    if n == 0:
        return {}, (0.0, 0.0)
    best = None
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        w = (width - gap * (cols - 1)) / cols
        h = (height - gap * (rows - 1)) / rows
        if w <= 0 or h <= 0:
            continue
        cw, ch = min(w, h * aspect), min(h, w / aspect)
        score = cw * ch
        if best is None or score > best[0] + 1e-9:
            best = (score, cols, cw, ch)
    assert best is not None
    _, cols, cw, ch = best
    grid = nx.grid_2d_graph(math.ceil(n / cols), cols)
    cells = sorted(grid.nodes)[:n]  # (row, col) in reading order
    pos = {name: (round(x0 + c * (cw + gap), 2), round(y0 + r * (ch + gap), 2))
           for name, (r, c) in zip(names, cells)}
    return pos, (round(cw, 2), round(ch, 2))


def spring_positions(edges: Iterable[tuple[str, str]], seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """A seeded spring layout in the unit square (free-form graphs; same edges -> same picture)."""
    g = nx.Graph()
    g.add_edges_from(sorted(edges))
    if g.number_of_nodes() == 0:
        return {}
    raw = nx.spring_layout(g, seed=seed)
    return _scale(raw, 0.0, 0.0, 1.0, 1.0)
