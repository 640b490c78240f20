from app.sim.k8s.breakdown import Decision, Failure, PluginScores
from app.ui.panels import BreakdownTable, ClusterDetails, ObjectInspector, UtilisationChart

from .fake_cluster import FakeWorld, pod_obj


def decision():
    d = Decision(pod="web-1", namespace="default", time=3.0, attempt=1, total_nodes=3, to_find=3, start_index=0,
                 strategy="LeastAllocated")
    d.evaluated = ["node-1", "node-2", "node-3"]
    d.failures = {"node-3": Failure("NodeResourcesFit", ("Insufficient cpu",), False)}
    d.feasible = ["node-1", "node-2"]
    d.scores = [PluginScores("NodeResourcesFit", 1, False, [80, 60], [80, 60]),
                PluginScores("TaintToleration", 3, True, [0, 0], [0, 0])]
    d.totals = [80, 60]
    d.winner = "node-1"
    return d


def test_breakdown_table_reads_like_the_simulator(qtbot):
    t = BreakdownTable(lang="en")
    qtbot.addWidget(t)
    t.show_decision(decision())
    assert t.cell_text(0, 0) == "★ node-1"
    assert t.cell_text(0, 2) == "80 → 80 → 80"
    assert t.cell_text(0, 3) == "skipped → 0"
    assert t.cell_text(0, 4) == "80"
    assert t.cell_text(2, 1) == "✕ NodeResourcesFit: Insufficient cpu"
    assert "Selected node: node-1" in t.footer.text()
    t.set_language("zh")
    assert "选中节点:node-1" in t.footer.text()


def test_inspector_shows_yaml_and_gone_objects(qtbot):
    w = FakeWorld(nodes=1, pods=1)
    ins = ObjectInspector(lang="en")
    qtbot.addWidget(ins)
    assert ins.show_object(w, "Pod", "default", "web-7d9f5-00000")
    assert "nodeName: node-1" in ins.yaml.toPlainText()
    assert not ins.show_object(w, "Pod", "default", "nope")
    assert "no longer exists" in ins.title.text()


def test_chart_samples_and_forgets_the_undone_future(qtbot):
    w = FakeWorld(nodes=2, pods=4)
    chart = UtilisationChart(lang="en")
    qtbot.addWidget(chart)
    chart.sample(w)
    w.sim.advance(10)
    w.put("pods", pod_obj("late", None, phase="Pending", ready=False))
    v = chart.sample(w)
    assert v["pending"] == 1 and v["ready"] == 4
    assert chart.series("ready") == ([0.0, 10.0], [4.0, 4.0])
    w.sim.now = 5.0  # a step back to t=5 (the chart only looks at the clock and the store)
    chart.on_restored(w)
    assert chart.series("ready")[0] == [0.0, 5.0]


def test_details_dock_switches_tabs(qtbot):
    w = FakeWorld(nodes=1, pods=1)
    d = ClusterDetails(lang="en")
    qtbot.addWidget(d)
    d.show_object(w, "Node", "", "node-1")
    assert d.tabs.currentWidget() is d.inspector
    d.show_object(w, "Pod", "default", "web-7d9f5-00000")
    assert d.tabs.currentWidget() is d.breakdown


def test_clicking_a_pod_explains_it_in_the_details_dock(make_scene, qtbot):
    from app.ui.scenes.cluster import ClusterScene
    w = FakeWorld(nodes=3, pods=3)
    w.k8s.scheduling_breakdown = lambda ns, pod: decision() if pod == "web-7d9f5-00000" else None
    scene, _ = make_scene(ClusterScene, w)
    with qtbot.waitSignal(scene.details_requested) as sig:
        scene.select("Pod", "default", "web-7d9f5-00000")
    title, body = sig.args
    assert title == "Pod web-7d9f5-00000"
    assert "★ node-1" in body and "80→80→80" in body and "Selected node: node-1" in body
    assert "nodeName: node-1" in body  # the YAML
    widget = scene.make_details_widget()
    qtbot.addWidget(widget)
    scene.select("Pod", "default", "web-7d9f5-00000")
    assert widget.breakdown.cell_text(0, 0) == "★ node-1"
    seq = w.sim.event_count
    w.sim.advance(4)
    w.put("pods", pod_obj("late", None, phase="Pending", ready=False))
    scene.on_events(w.drain_events(seq))
    assert widget.chart.series("pending")[1][-1] == 1.0
