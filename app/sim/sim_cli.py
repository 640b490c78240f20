"""``sim`` commands that belong to the core: seed, time, advance, reset, events."""
from __future__ import annotations

from typing import Any

from .args import Flag, parse, parse_duration
from .console import Console, Invocation
from .errors import CommandError


def format_time(seconds: float) -> str:
    """Simulated time as ``1h02m03.5s`` (always with seconds)."""
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    text = f"{s:.1f}s".replace(".0s", "s")
    if h:
        return f"{int(h)}h{int(m):02d}m{text}"
    if m:
        return f"{int(m)}m{text}"
    return text


def _seed(world: Any, inv: Invocation, args: list[str]) -> str:
    if not args:
        return f"seed {world.sim.seed}"
    try:
        seed = int(args[0])
    except ValueError:
        raise CommandError(f'sim seed: "{args[0]}" is not a whole number') from None
    world.reset(seed)
    return f"world reset with seed {seed}"


def _time(world: Any, inv: Invocation, args: list[str]) -> str:
    return f"simulated time {format_time(world.sim.now)} ({world.sim.now:.3f}s)"


def _advance(world: Any, inv: Invocation, args: list[str]) -> str:
    if len(args) != 1:
        raise CommandError("usage: sim advance DURATION   (e.g. 30s, 5m, 1h)")
    seconds = parse_duration(args[0])
    if seconds < 0 or seconds > 30 * 86400:
        raise CommandError(f"sim advance: {args[0]} is out of range (0 to 30 days)")
    world.sim.advance(seconds)
    return f"advanced to {format_time(world.sim.now)}"


def _reset(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--seed",))], program="sim")
    if p.positional:
        raise CommandError("usage: sim reset [--seed N]")
    seed_text = p.str("seed")
    try:
        seed = None if seed_text is None else int(seed_text)
    except ValueError:
        raise CommandError(f'sim reset: "{seed_text}" is not a whole number') from None
    world.reset(seed)
    return f"world reset with seed {world.sim.seed}"


def _events(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("--last", "-n"), default="20"), Flag(("--kind",))], program="sim")
    try:
        last = int(str(p.get("last")))
    except ValueError:
        raise CommandError("sim events: --last takes a whole number") from None
    events = world.sim.log
    kind = p.str("kind")
    if kind:
        events = [e for e in events if e.kind == kind]
    events = events[-last:] if last > 0 else []
    if not world.sim.log:
        return "no events yet"
    return "\n".join(e.describe() for e in events)


def register(console: Console) -> None:
    console.register_sim("seed", _seed, "sim seed [N]", "show the seed, or reset the world with seed N")
    console.register_sim("time", _time, "sim time", "show the simulated clock")
    console.register_sim("advance", _advance, "sim advance DURATION", "let simulated time pass (30s, 5m, 1h)")
    console.register_sim("reset", _reset, "sim reset [--seed N]", "empty the world (same or new seed)")
    console.register_sim("events", _events, "sim events [--last N] [--kind KIND]", "list recent engine events")
