"""The same details as the panels, as HTML for the shell's details dock (``details_requested``).

The dock shows rich text, so a click on the cluster scene always explains itself there, even where no
widget is hosted: the scheduler's breakdown as a table, the object's events, and its YAML.
"""
from __future__ import annotations

import html
from typing import Any

from .inspector import RESOURCE, object_yaml

#: rows of the breakdown shown in the dock (the winner and the best others; the widget shows all)
MAX_ROWS = 12
MAX_YAML_LINES = 80


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def breakdown_html(decision: Any, lang: str) -> str:
    if decision is not None and hasattr(decision, "as_dict"):
        decision = decision.as_dict()
    e = html.escape
    if not decision:
        return f"<p>{e(_t(lang, '调度器还没有为它做过决定(例如由 DaemonSet 直接指定节点)。', 'The scheduler has made no decision for it (for example a DaemonSet pod placed directly).'))}</p>"
    nodes = list(decision.get("nodes") or [])
    winner = decision.get("winner")
    nodes.sort(key=lambda n: (n["node"] != winner, -(n.get("total") or -1), n["node"]))
    plugins: list[tuple[str, int]] = []
    for n in nodes:
        for name, s in (n.get("scores") or {}).items():
            if (name, s["weight"]) not in plugins:
                plugins.append((name, s["weight"]))
    head = "".join(f"<th>{e(h)}</th>" for h in
                   [_t(lang, "节点", "Node"), _t(lang, "过滤", "Filter")] + [f"{p} ×{w}" for p, w in plugins]
                   + [_t(lang, "总分", "Total")])
    rows = []
    for n in nodes[:MAX_ROWS]:
        cells = [("★ " if n["node"] == winner else "") + n["node"]]
        if n.get("feasible"):
            cells.append("✓")
        else:
            failed = [f"{p}: {v}" for p, v in (n.get("filters") or {}).items() if v not in ("passed", "not run")]
            cells.append("✕ " + "; ".join(failed))
        for p, _ in plugins:
            s = (n.get("scores") or {}).get(p)
            cells.append("" if s is None else (_t(lang, "跳过", "skipped") if s.get("skipped")
                                               else f"{s['raw']}→{s['normalized']}→{s['weighted']}"))
        cells.append("" if n.get("total") is None else str(n["total"]))
        style = " style='font-weight:bold'" if n["node"] == winner else ""
        rows.append(f"<tr{style}>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
    more = len(nodes) - MAX_ROWS
    tail = f"<p>{e(_t(lang, f'……还有 {more} 个节点', f'... {more} more nodes'))}</p>" if more > 0 else ""
    verdict = (_t(lang, f"选中节点:{winner}", f"Selected node: {winner}") if winner
               else _t(lang, "没有节点可用:", "No node fits: ") + str(decision.get("message", "")))
    tied = decision.get("tied") or []
    if len(tied) > 1:
        verdict += _t(lang, f"(在 {', '.join(tied)} 中随机选出)", f" (tie: picked at random among {', '.join(tied)})")
    return (f"<h4>{e(_t(lang, '调度器的决定', 'How the scheduler chose'))}</h4>"
            f"<p>{e(_t(lang, '每格:原始分→归一化→乘权重', 'Each cell: raw → normalised → weighted'))}</p>"
            f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{''.join(rows)}</table>{tail}"
            f"<p><b>{e(verdict)}</b></p>")


def object_html(world: Any, kind: str, namespace: str, name: str, lang: str) -> str:
    """The object's events (as kubectl describe lists them) and its YAML (trimmed)."""
    from app.ui.scenes.b_model import api_of
    e = html.escape
    api = api_of(world)
    obj = api.store.get(RESOURCE.get(kind, kind.lower() + "s"), namespace, name) if api else None
    if obj is None:
        return f"<p>{e(_t(lang, '这个对象已经不存在了。', 'This object no longer exists.'))}</p>"
    out = [f"<h4>{e(_t(lang, '事件', 'Events'))}</h4>"]
    records = api.recorder.for_object(kind, namespace, name) if hasattr(api, "recorder") else []
    if records:
        out.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>Type</th><th>Reason</th>"
                   "<th>Count</th><th>From</th><th>Message</th></tr>")
        for r in records[-15:]:
            out.append("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in
                                        (r.type, r.reason, r.count, r.source, r.message)) + "</tr>")
        out.append("</table>")
    else:
        out.append(f"<p>{e(_t(lang, '(没有事件)', '(none)'))}</p>")
    lines = object_yaml(obj).splitlines()
    if len(lines) > MAX_YAML_LINES:
        lines = lines[:MAX_YAML_LINES] + ["..."]
    out.append(f"<h4>YAML</h4><pre>{e(chr(10).join(lines))}</pre>")
    return "".join(out)
