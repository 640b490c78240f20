"""Timing of layer transfers at a simulated bandwidth.

Model (documented simplification): a host's link carries ``bandwidth`` bytes per second, shared
equally by the transfers in flight; Docker runs at most 3 downloads and 5 uploads at once (the
daemon's default ``max-concurrent-downloads``/``max-concurrent-uploads``). A pulled layer is
extracted after its download ends, one at a time and in stack order, at :data:`EXTRACT_RATE`
unpacked bytes per second. Every registry round trip costs :data:`ROUND_TRIP` seconds.
"""
from __future__ import annotations

#: 100 Mbit/s: a classroom network link, in bytes per second.
DEFAULT_BANDWIDTH = 12_500_000
#: Upload links are often slower; the simulator uses 40 Mbit/s.
DEFAULT_UPLOAD_BANDWIDTH = 5_000_000
EXTRACT_RATE = 150_000_000
ROUND_TRIP = 0.05
MAX_DOWNLOADS = 3
MAX_UPLOADS = 5


def shared_schedule(sizes: list[int], bandwidth: float, concurrency: int) -> list[tuple[float, float]]:
    """(start, end) of each transfer, started in order as slots free up, sharing the bandwidth."""
    if bandwidth <= 0:
        raise ValueError("bandwidth must be positive")
    n = len(sizes)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * n
    remaining: dict[int, float] = {}
    starts: dict[int, float] = {}
    waiting = list(range(n))
    t = 0.0
    while waiting or remaining:
        while waiting and len(remaining) < concurrency:
            i = waiting.pop(0)
            starts[i] = t
            remaining[i] = float(max(sizes[i], 0))
        rate = bandwidth / len(remaining)
        first = min(remaining, key=lambda k: (remaining[k], k))
        dt = remaining[first] / rate
        t += dt
        done = []
        for k in remaining:
            remaining[k] -= rate * dt
            if remaining[k] <= 1e-6:
                done.append(k)
        for k in done:
            del remaining[k]
            out[k] = (starts[k], t)
    return out


def pull_timeline(sizes: list[int], unpacked: list[int], fetch: list[bool],
                  bandwidth: float) -> tuple[list[tuple[float, float]], list[float], float]:
    """Download windows and extraction end times per layer (absent ones only) plus the total.

    Times count from the start of the pull; two round trips (manifest, config) come first.
    Layers with ``fetch`` False have window (0, 0) and extraction end 0.
    """
    head = 2 * ROUND_TRIP
    idx = [i for i, f in enumerate(fetch) if f]
    sched = shared_schedule([sizes[i] for i in idx], bandwidth, MAX_DOWNLOADS)
    windows = [(0.0, 0.0)] * len(sizes)
    extracted = [0.0] * len(sizes)
    for i, (s, e) in zip(idx, sched):
        windows[i] = (head + s + ROUND_TRIP, head + e + ROUND_TRIP)
    clock = head
    for i in idx:  # extraction is serial and in stack order
        clock = max(clock, windows[i][1]) + unpacked[i] / EXTRACT_RATE
        extracted[i] = clock
    return windows, extracted, clock
