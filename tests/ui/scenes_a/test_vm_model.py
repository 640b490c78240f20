"""The VM-vs-container model: deterministic, capacity-bounded, and shaped like the published figures."""
from __future__ import annotations

import pytest

from app.sim import vm_model as m


def test_same_seed_same_story_and_different_seed_differs() -> None:
    a, b, c = m.run_lab(300, seed=7), m.run_lab(300, seed=7), m.run_lab(300, seed=8)
    assert [e.describe() for e in a.events] == [e.describe() for e in b.events]
    assert a.container.ready_times != c.container.ready_times


def test_capacity_limits_vms_but_thousands_of_containers_fit() -> None:
    vm_cap, ct_cap = m.capacity(m.VM), m.capacity(m.CONTAINER)
    assert vm_cap.limited_by == "memory" and 50 <= vm_cap.fit <= 120
    assert ct_cap.fit >= 1000  # "thousands per host"
    r = m.run_lab(1000, seed=1)
    assert r.vm.started == vm_cap.fit and r.vm.refused == 1000 - vm_cap.fit
    assert r.container.started == 1000 and r.container.refused == 0
    refused = [e for e in r.events if isinstance(e, m.InstanceRefused)]
    assert len(refused) == r.vm.refused and {e.reason for e in refused} == {"memory"}


def test_every_started_instance_boots_once_and_in_time_order() -> None:
    r = m.run_lab(200, seed=2)
    booted = [e for e in r.events if isinstance(e, m.InstanceBooted)]
    assert len(booted) == r.vm.started + r.container.started
    assert len({(e.kind, e.index) for e in booted}) == len(booted)
    assert [e.time for e in booted] == sorted(e.time for e in booted)
    assert list(r.container.ready_times) == sorted(r.container.ready_times)


def test_containers_are_smaller_and_faster_than_vms() -> None:
    r = m.run_lab(10, seed=0)
    assert r.container.all_ready_at < 5 < 20 < r.vm.all_ready_at
    assert r.container.disk_mib * 50 < r.vm.disk_mib
    # shared image counted once: ten containers cost one image plus ten thin layers
    assert r.container.disk_mib == m.CONTAINER.shared_disk_mib + 10 * m.CONTAINER.per_instance_disk_mib


def test_parallel_boots_queue_up() -> None:
    r = m.run_lab(m.VM.parallel_boots * 3, seed=4)
    # three waves of VM boots: the last one answers after roughly three boot times
    assert r.vm.all_ready_at > 2 * m.VM.boot_seconds
    assert r.vm.ready_by(m.VM.boot_seconds * (1 + m.VM.jitter)) == m.VM.parallel_boots


@pytest.mark.parametrize("n", [-1, m.MAX_INSTANCES + 1])
def test_out_of_range_n_is_refused(n: int) -> None:
    with pytest.raises(ValueError):
        m.run_lab(n)


def test_formatting() -> None:
    assert m.format_size(950) == "950 MiB" and m.format_size(12.5 * 1024) == "12.5 GiB"
    assert m.format_seconds(0.48) == "0.48 s" and m.format_seconds(190) == "3 min 10 s"
