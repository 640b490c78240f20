"""Small helpers on API objects: timestamps, generated names, uids, owner references, AGE."""
from __future__ import annotations

import datetime as _dt
import operator
from typing import Any

#: Simulated second 0 is this instant (timestamps in objects are RFC 3339 like the real ones).
EPOCH = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
_NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789"  # apimachinery's alphanums: no vowels, no 0/1/3
_ts_cache: dict[int, str] = {}


def timestamp(t: float) -> str:
    """RFC 3339 with whole seconds, as metadata timestamps are stored."""
    s = int(t)
    out = _ts_cache.get(s)
    if out is None:
        out = (EPOCH + _dt.timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if len(_ts_cache) < 100_000:
            _ts_cache[s] = out
    return out


_parsed: dict[str, float] = {}


def parse_timestamp(text: str | None) -> float:
    if not text:
        return 0.0
    hit = _parsed.get(text)
    if hit is not None:
        return hit
    dt = _dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=_dt.timezone.utc)
    out = (dt - EPOCH).total_seconds()
    if len(_parsed) < 100_000:
        _parsed[text] = out
    return out


def random_suffix(rng: Any, n: int = 5) -> str:
    return "".join(_NAME_CHARS[rng.randrange(len(_NAME_CHARS))] for _ in range(n))


def new_uid(rng: Any) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-8{h[17:20]}-{h[20:32]}"


def safe_encode(text: str) -> str:
    """``rand.SafeEncodeString``: map each character onto the vowel-free alphabet."""
    return "".join(_NAME_CHARS[ord(c) % len(_NAME_CHARS)] for c in text)


def fnv32a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def owner_ref(kind: str, api_version: str, obj: dict, controller: bool = True) -> dict:
    return {"apiVersion": api_version, "kind": kind, "name": obj["metadata"]["name"],
            "uid": obj["metadata"]["uid"], "controller": controller, "blockOwnerDeletion": True}


def controller_of(obj: dict) -> dict | None:
    for ref in obj["metadata"].get("ownerReferences") or ():
        if ref.get("controller"):
            return ref
    return None


def human_duration(seconds: float) -> str:
    """kubectl's ``duration.HumanDuration`` (the AGE column)."""
    s = int(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 120:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        return f"{minutes}m" if s % 60 == 0 else f"{minutes}m{s % 60}s"
    if minutes < 180:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 8:
        return f"{hours}h" if minutes % 60 == 0 else f"{hours}h{minutes % 60}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        return f"{hours // 24}d" if hours % 24 == 0 else f"{hours // 24}d{hours % 24}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    years, days = hours // 24 // 365, (hours // 24) % 365
    if hours < 24 * 365 * 8:
        return f"{years}y" if days == 0 else f"{years}y{days}d"
    return f"{years}y"


def condition(obj: dict, type_: str) -> dict | None:
    for c in (obj.get("status") or {}).get("conditions") or ():
        if c.get("type") == type_:
            return c
    return None


_conditions: dict[tuple, dict] = {}


def _intern(cond: dict) -> dict:
    """Equal condition dicts are shared (they are never mutated): thousands of pods that became Ready
    in the same second hold one dict, which keeps 150,000 pods small."""
    key = tuple(sorted(cond.items()))
    hit = _conditions.get(key)
    if hit is None:
        if len(_conditions) > 50_000:
            _conditions.clear()
        hit = _conditions[key] = cond
    return hit


def set_condition(conditions: list[dict] | None, type_: str, status: str, now: float,
                  reason: str = "", message: str = "", heartbeat: bool = False) -> list[dict]:
    """A new conditions list with ``type_`` set; lastTransitionTime changes only on a change."""
    out: list[dict] = []
    found = False
    ts = timestamp(now)
    for c in conditions or ():
        if c.get("type") == type_:
            found = True
            nc = dict(c, status=status)
            if c.get("status") != status:
                nc["lastTransitionTime"] = ts
            if heartbeat:
                nc["lastHeartbeatTime"] = ts
            if reason:
                nc["reason"] = reason
            else:
                nc.pop("reason", None)
            if message:
                nc["message"] = message
            else:
                nc.pop("message", None)
            out.append(_intern(nc))
        else:
            out.append(c)
    if not found:
        nc = {"type": type_, "status": status, "lastTransitionTime": ts}
        if heartbeat:
            nc["lastHeartbeatTime"] = ts
        if reason:
            nc["reason"] = reason
        if message:
            nc["message"] = message
        out.append(_intern(nc))
    return out


#: (input condition ids, updates, second, order id) -> (inputs kept alive, result). Condition dicts
#: are interned, so pods reporting the same state in the same second ask the same question.
_multi: dict[tuple, tuple[tuple, list[dict]]] = {}


def set_conditions(conditions: list[dict] | None, updates: list[tuple[str, str, str, str]], now: float,
                   order: dict[str, int] | None = None) -> list[dict]:
    """Several ``set_condition`` calls in one pass: updates are (type, status, reason, message)."""
    given = tuple(conditions or ())
    key = (tuple(map(id, given)), tuple(updates), int(now), id(order))
    hit = _multi.get(key)
    if hit is not None and hit[0][1] is order and all(map(operator.is_, hit[0][0], given)):
        return list(hit[1])
    out = _set_conditions(conditions, updates, now, order)
    if len(_multi) > 20_000:
        _multi.clear()
    _multi[key] = ((given, order), out)  # holding the inputs keeps their ids from being reused
    return list(out)


def _set_conditions(conditions: list[dict] | None, updates: list[tuple[str, str, str, str]], now: float,
                    order: dict[str, int] | None) -> list[dict]:
    by_type = {c.get("type"): c for c in conditions or ()}
    ts = timestamp(now)
    for type_, status, reason, message in updates:
        c = by_type.get(type_)
        if c is not None and c.get("status") == status and c.get("reason", "") == reason \
                and c.get("message", "") == message:
            continue
        nc = {"type": type_, "status": status,
              "lastTransitionTime": c.get("lastTransitionTime", ts) if c is not None and c.get("status") == status
              else ts}
        if c is not None and "lastHeartbeatTime" in c:
            nc["lastHeartbeatTime"] = c["lastHeartbeatTime"]
        if reason:
            nc["reason"] = reason
        if message:
            nc["message"] = message
        by_type[type_] = _intern(nc)
    out = list(by_type.values())
    if order is not None:
        out.sort(key=lambda c: order.get(c.get("type"), 9))
    return out
