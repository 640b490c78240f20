"""Virtual machines versus containers on one host: boot time, disk size and how many fit.

The "vm-vs-container" scene asks this model to start N virtual machines and N containers on the same
simulated host. Boots run on an engine :class:`~app.sim.core.Simulation` (its clock, queue and seeded
RNG), so the same N and seed give the same curves every time, and nothing reads the wall clock.

The figures are teaching values chosen *inside* ranges that published measurements report; the
comments next to each figure say where the range comes from. Sources:

[D]  Docker Inc., "What is a container?", https://www.docker.com/resources/what-container/ :
     container images are typically tens of MB; a VM carries a full guest OS, "tens of GBs", and can
     be slow to boot.
[F]  W. Felter, A. Ferreira, R. Rajamony, J. Rubio, "An Updated Performance Comparison of Virtual
     Machines and Linux Containers", IBM Research Report RC25482 (2014), ISPASS 2015: containers add
     negligible CPU and memory overhead; KVM adds overhead mostly on I/O.
[M]  F. Manco et al., "My VM is Lighter (and Safer) than your Container", SOSP 2017: Docker starts a
     container in hundreds of milliseconds while a stock Debian guest on Xen needs seconds, and a host
     runs thousands of containers; their trimmed "LightVM" boots in milliseconds.
[A]  A. Agache et al., "Firecracker: Lightweight Virtualization for Serverless Applications",
     NSDI 2020: a minimal microVM boots in about 125 ms with under 5 MiB of memory overhead, which shows
     that the cost of a classic VM is mostly its full guest OS and emulated PC, not isolation itself.
[K]  Kubernetes kubelet configuration, ``maxPods`` defaults to 110 per node: orchestrators cap density
     far below what memory allows (noted in the scene, not modelled here).

Deliberate simplifications (said on screen too): each VM gets a full copy of its disk (no linked
clones or thin provisioning); every container of the N runs the same image, whose layers are stored
once and shared, plus a small writable layer each; memory is reserved up front, without overcommit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .core import Event, Simulation

MIB_PER_GIB = 1024


@dataclass(frozen=True)
class HostSpec:
    """The one physical machine both stacks run on."""

    cores: int = 32
    memory_gib: float = 128.0
    disk_gib: float = 2000.0
    #: Memory the host OS (and hypervisor or container runtime) keeps for itself.
    reserved_memory_gib: float = 4.0


@dataclass(frozen=True)
class Profile:
    """What one instance of a kind costs and how it boots."""

    kind: str  # "vm" | "container"
    #: Seconds from "start" to "the app answers". VM: guest BIOS/firmware, kernel, init, app
    #: ([D]: "slow to boot"; [M]: seconds for a stock guest). Container: namespaces, cgroups,
    #: mount the layers, exec the process ([M]: hundreds of ms).
    boot_seconds: float
    #: Relative spread of boot times (each boot is boot_seconds * (1 +/- jitter)).
    jitter: float
    #: How many boots the host runs at once before they queue (disk and CPU contention).
    parallel_boots: int
    #: Disk stored once however many instances run (a container image's shared layers).
    shared_disk_mib: float
    #: Disk every instance adds (a VM's full virtual disk; a container's writable layer).
    per_instance_disk_mib: float
    #: Memory reserved per instance (guest OS + app for a VM; just the app's processes for a
    #: container, [F]: no guest kernel to pay for).
    memory_mib: float


#: A small Linux server VM: a guest OS with a 10 GiB virtual disk ([D]: "tens of GBs" with apps) and
#: 1.5 GiB of memory for guest kernel, system services and the app; about 30 s to boot ([M]).
VM = Profile(kind="vm", boot_seconds=30.0, jitter=0.2, parallel_boots=8,
             shared_disk_mib=0.0, per_instance_disk_mib=10 * MIB_PER_GIB, memory_mib=1536.0)

#: The same app in a container: an 80 MiB image stored once ([D]: "tens of MBs"), a 1 MiB writable
#: layer each, 30 MiB of memory for the app's own processes, ready in about 0.5 s ([M]).
CONTAINER = Profile(kind="container", boot_seconds=0.5, jitter=0.3, parallel_boots=16,
                    shared_disk_mib=80.0, per_instance_disk_mib=1.0, memory_mib=30.0)

PROFILES = {p.kind: p for p in (VM, CONTAINER)}
DEFAULT_HOST = HostSpec()
#: The scene's slider goes this far ("thousands per host").
MAX_INSTANCES = 5000


@dataclass(frozen=True)
class Capacity:
    """How many instances of a kind fit on the host, and which resource runs out first."""

    fit: int
    limited_by: str  # "memory" | "disk"


def capacity(profile: Profile, host: HostSpec = DEFAULT_HOST) -> Capacity:
    """The largest N whose memory and disk both fit on ``host``."""
    memory = (host.memory_gib - host.reserved_memory_gib) * MIB_PER_GIB
    disk = host.disk_gib * MIB_PER_GIB - profile.shared_disk_mib
    by_memory = math.floor(memory / profile.memory_mib)
    by_disk = math.floor(disk / profile.per_instance_disk_mib)
    if by_memory <= by_disk:
        return Capacity(max(0, by_memory), "memory")
    return Capacity(max(0, by_disk), "disk")


def disk_used_mib(profile: Profile, n: int) -> float:
    """Disk that ``n`` running instances occupy (shared part counted once)."""
    if n <= 0:
        return 0.0
    return profile.shared_disk_mib + n * profile.per_instance_disk_mib


def memory_used_mib(profile: Profile, n: int) -> float:
    return max(0, n) * profile.memory_mib


# -- events (emitted on the lab's own Simulation; domain "sim") -----------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class InstanceBooted(Event):
    """Instance ``index`` of ``kind`` answered after ``seconds`` of booting."""

    kind: str
    index: int
    seconds: float


@dataclass(frozen=True, kw_only=True, slots=True)
class InstanceRefused(Event):
    """The host had no room for instance ``index``: ``reason`` is the exhausted resource."""

    kind: str
    index: int
    reason: str


@dataclass
class _Boots:
    """Bookkeeping for one kind while its instances boot."""

    profile: Profile
    waiting: list[int] = field(default_factory=list)
    running: int = 0
    ready_times: list[float] = field(default_factory=list)


class Lab:
    """Starts instances on a Simulation: at most ``parallel_boots`` boot at once, the rest queue."""

    def __init__(self, sim: Simulation, host: HostSpec = DEFAULT_HOST) -> None:
        self.sim = sim
        self.host = host
        self._boots: dict[str, _Boots] = {}

    def start(self, profile: Profile, n: int) -> None:
        """Ask for ``n`` instances now; those beyond capacity are refused at once."""
        if n < 0:
            raise ValueError(f"cannot start {n} instances")
        cap = capacity(profile, self.host)
        boots = self._boots.setdefault(profile.kind, _Boots(profile))
        for index in range(n):
            if index >= cap.fit:
                self.sim.emit(InstanceRefused, kind=profile.kind, index=index, reason=cap.limited_by)
            else:
                boots.waiting.append(index)
        self._fill(profile.kind)

    def _fill(self, kind: str) -> None:
        boots = self._boots[kind]
        p = boots.profile
        while boots.waiting and boots.running < p.parallel_boots:
            index = boots.waiting.pop(0)
            spread = 1.0 + p.jitter * (2.0 * self.sim.rng.random() - 1.0)
            seconds = round(p.boot_seconds * spread, 3)
            boots.running += 1
            self.sim.schedule(seconds, self._booted, kind, index, seconds)

    def _booted(self, kind: str, index: int, seconds: float) -> None:
        boots = self._boots[kind]
        boots.running -= 1
        boots.ready_times.append(self.sim.now)
        self.sim.emit(InstanceBooted, kind=kind, index=index, seconds=seconds)
        self._fill(kind)

    def ready_times(self, kind: str) -> tuple[float, ...]:
        boots = self._boots.get(kind)
        return tuple(boots.ready_times) if boots else ()


@dataclass(frozen=True)
class KindResult:
    """What happened to one kind in a lab run."""

    kind: str
    requested: int
    started: int
    refused: int
    capacity: Capacity
    ready_times: tuple[float, ...]  # simulated seconds at which each instance answered, ascending
    disk_mib: float
    memory_mib: float

    @property
    def all_ready_at(self) -> float:
        """Seconds until every started instance answered (0 when none started)."""
        return self.ready_times[-1] if self.ready_times else 0.0

    def ready_by(self, t: float) -> int:
        """How many instances answered at or before ``t``."""
        return sum(1 for r in self.ready_times if r <= t)


@dataclass(frozen=True)
class LabResult:
    n: int
    seed: int
    host: HostSpec
    vm: KindResult
    container: KindResult
    events: tuple[Event, ...]


def run_lab(n: int, seed: int = 0, host: HostSpec = DEFAULT_HOST) -> LabResult:
    """Start ``n`` VMs and ``n`` containers on a fresh host and run until every boot settled.

    Deterministic: the same ``n``, ``seed`` and ``host`` give the same result and event log.
    """
    if not 0 <= n <= MAX_INSTANCES:
        raise ValueError(f"n must be between 0 and {MAX_INSTANCES}, not {n}")
    sim = Simulation(seed)
    lab = Lab(sim, host)
    lab.start(VM, n)
    lab.start(CONTAINER, n)
    while sim.step():
        pass
    return LabResult(n=n, seed=seed, host=host, vm=_result(lab, VM, n), container=_result(lab, CONTAINER, n),
                     events=tuple(sim.log))


def _result(lab: Lab, profile: Profile, n: int) -> KindResult:
    cap = capacity(profile, lab.host)
    started = min(n, cap.fit)
    return KindResult(kind=profile.kind, requested=n, started=started, refused=n - started, capacity=cap,
                      ready_times=lab.ready_times(profile.kind), disk_mib=disk_used_mib(profile, started),
                      memory_mib=memory_used_mib(profile, started))


def ready_curve(result: KindResult, points: int = 60) -> tuple[list[float], list[int]]:
    """(times, ready counts) as a step curve from 0 to ``all_ready_at``, for charts."""
    end = result.all_ready_at
    if end <= 0:
        return [0.0], [0]
    times = [end * i / (points - 1) for i in range(points)]
    return times, [result.ready_by(t) for t in times]


def format_size(mib: float) -> str:
    """Human size for labels: 950 MiB, 12.5 GiB, 1.2 TiB."""
    if mib >= 1024 * 1024:
        return f"{mib / 1024 / 1024:.1f} TiB"
    if mib >= 1024:
        return f"{mib / 1024:.1f} GiB"
    return f"{mib:.0f} MiB"


def format_seconds(seconds: float) -> str:
    """Human duration: 0.48 s, 31 s, 3 min 10 s."""
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 120:
        return f"{seconds:.0f} s"
    m, s = divmod(int(round(seconds)), 60)
    return f"{m} min {s:02d} s"
