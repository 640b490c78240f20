"""kubectl output helpers: tables, YAML quoting, JSONPath, AGE."""
from __future__ import annotations

import pytest

from app.sim.errors import SimError
from app.sim.k8s.meta import human_duration
from app.sim.k8s.output import jsonpath, table, to_yaml

DATA = {"items": [
    {"metadata": {"name": "a", "labels": {"app.kubernetes.io/name": "web"}},
     "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"},
                                                   {"type": "PodScheduled", "status": "True"}]}},
    {"metadata": {"name": "b"}, "status": {"phase": "Pending", "conditions": [{"type": "Ready", "status": "False"}]}},
]}


def test_jsonpath_forms() -> None:
    assert jsonpath("{.items[*].metadata.name}", DATA) == "a b"
    assert jsonpath("{.items[1].status.phase}", DATA) == "Pending"
    assert jsonpath("{.items[-1].metadata.name}", DATA) == "b"
    assert jsonpath('{range .items[*]}{.metadata.name}={.status.phase}{"\\n"}{end}', DATA) == "a=Running\nb=Pending\n"
    assert jsonpath("{.items[0].status.conditions[?(@.type=='Ready')].status}", DATA) == "True"
    assert jsonpath('{.items[*].status.conditions[?(@.type=="Ready")].status}', DATA) == "True False"
    assert jsonpath("{.items[0].metadata.labels.app\\.kubernetes\\.io/name}", DATA) == "web"
    assert jsonpath("{.items[0].metadata.labels['app.kubernetes.io/name']}", DATA) == "web"
    assert jsonpath("'{.items[0].metadata.name}'", DATA) == "a"
    assert jsonpath("{.items[0].nothing}", DATA) == ""
    assert jsonpath("{.items[0].metadata}", DATA).startswith('{"labels"')
    with pytest.raises(SimError, match="array index out of bounds"):
        jsonpath("{.items[5].metadata.name}", DATA)
    with pytest.raises(SimError):
        jsonpath("{range .items[*]}{.metadata.name}", DATA)
    with pytest.raises(SimError):
        jsonpath("{.items[0]#}", DATA)


def test_table_and_yaml() -> None:
    assert table(["NAME", "READY"], [["web-1", "1/1"], ["w", "0/1"]]) == "NAME    READY\nweb-1   1/1\nw       0/1"
    y = to_yaml({"status": "True", "rv": "42", "when": "2026-01-01T00:00:00Z", "image": "nginx:1.27", "n": 3})
    assert y == 'image: nginx:1.27\nn: 3\nrv: "42"\nstatus: "True"\nwhen: "2026-01-01T00:00:00Z"'


def test_age_like_kubectl() -> None:
    assert [human_duration(s) for s in (0, 59, 119, 120, 150, 600, 3600, 3 * 3600 + 60, 8 * 3600, 49 * 3600,
                                        8 * 86400, 800 * 86400)] == \
        ["0s", "59s", "119s", "2m", "2m30s", "10m", "60m", "3h1m", "8h", "2d1h", "8d", "2y70d"]
