from app.sim.topology import architecture_graph, architecture_layout, cluster_layout, natural_key, spring_positions


def test_architecture_layout_is_deterministic_and_ordered():
    a = architecture_layout(["node-1", "node-2", "node-10"], 1260, 900)
    assert a == architecture_layout(["node-1", "node-2", "node-10"], 1260, 900)
    # kubectl | scheduler & controller manager | API server | etcd, left to right
    assert a["kubectl"][0] < a["scheduler"][0] < a["apiserver"][0] < a["etcd"][0]
    assert a["scheduler"][1] < a["controller-manager"][1]
    assert a["node@node-1"][0] < a["node@node-2"][0] < a["node@node-10"][0]
    assert all(y > a["apiserver"][1] for k, (x, y) in a.items() if "@" in k)  # nodes below the control plane


def test_everything_talks_through_the_api_server():
    g = architecture_graph(["n1"])
    assert set(g.successors("kubectl")) == {"apiserver"}
    assert set(g.predecessors("etcd")) == {"apiserver"}
    assert "apiserver" in set(g.successors("kubelet@n1"))


def test_cluster_layout_fits_the_box_in_natural_order():
    names = [f"node-{i}" for i in range(1, 101)]
    pos, (w, h) = cluster_layout(reversed(names), 0, 0, 1200, 700)
    assert list(pos) == sorted(names, key=natural_key)
    for x, y in pos.values():
        assert 0 <= x and x + w <= 1200.01 and 0 <= y and y + h <= 700.01
    assert pos["node-1"] == (0.0, 0.0) and pos["node-2"][0] > 0


def test_spring_positions_fixed_seed():
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
    assert spring_positions(edges) == spring_positions(list(reversed(edges)))
