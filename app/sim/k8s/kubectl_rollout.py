"""``kubectl scale``, ``kubectl set image`` and ``kubectl rollout status|history|undo|pause|resume|restart``."""
from __future__ import annotations

import copy
from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from .apiserver import APIError
from .deployment import CHANGE_CAUSE, HASH_LABEL, REVISION
from .kubectl import ref_name
from .kubectl_ops import _one, _store
from .meta import timestamp
from .output import table


def cmd_scale(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--replicas",)), Flag(("--current-replicas",))], program="kubectl")
    if p.str("replicas") is None:
        raise CommandError("error: required flag(s) \"replicas\" not set")
    try:
        n = int(str(p.str("replicas")))
    except ValueError:
        raise CommandError(f'error: invalid argument "{p.str("replicas")}" for "--replicas" flag: strconv.ParseInt: '
                           f'parsing "{p.str("replicas")}": invalid syntax') from None
    c, resource, obj = _one(world, p, ("deployments", "replicasets"), "scale")
    if n < 0:
        raise CommandError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if p.str("current_replicas") is not None and str(obj["spec"].get("replicas")) != p.str("current_replicas"):
        raise CommandError("error: Expected replicas to be " + str(p.str("current_replicas")) + ", was "
                           + str(obj["spec"].get("replicas")))
    new = dict(obj, spec=dict(obj["spec"], replicas=n))
    new["metadata"] = dict(obj["metadata"])
    _store(c, resource, new)
    return f"{ref_name(resource, obj['metadata']['name'])} scaled"


def cmd_set(world: Any, inv: Invocation, args: list[str]) -> str:
    if not args or args[0] != "image":
        raise CommandError("error: the simulator supports \"kubectl set image\"")
    p = parse(args[1:], [Flag(("-n", "--namespace")), Flag(("--record",), takes_value=False)], program="kubectl")
    pairs = [a for a in p.positional if "=" in a]
    p.positional = [a for a in p.positional if "=" not in a]
    if not pairs:
        raise CommandError("error: at least one image update is required")
    c, resource, obj = _one(world, p, ("deployments", "daemonsets", "replicasets", "pods"), "set image")
    new = copy.deepcopy(obj)
    spec = new["spec"] if resource == "pods" else new["spec"]["template"]["spec"]
    for pair in pairs:
        cname, image = pair.split("=", 1)
        if not image:
            raise CommandError(f"error: invalid image for container {cname}")
        hit = [ct for ct in spec.get("containers") or [] if cname in (ct["name"], "*")]
        if not hit:
            raise CommandError(f'error: unable to find container named "{cname}"')
        for ct in hit:
            ct["image"] = image
    if new == obj:
        return f"{ref_name(resource, obj['metadata']['name'])} image updated"
    ann = dict(new["metadata"].get("annotations") or {})
    ann[CHANGE_CAUSE] = "kubectl set image " + " ".join(args[1:])
    if resource == "deployments":
        new["metadata"]["annotations"] = ann
    _store(c, resource, new)
    return f"{ref_name(resource, obj['metadata']['name'])} image updated"


# -- rollout -----------------------------------------------------------------------------------------

def _owned_rs(c: Any, d: dict) -> list[dict]:
    uid = d["metadata"]["uid"]
    out = [rs for rs in c.api.store.items("replicasets", d["metadata"]["namespace"])
           if any(r.get("uid") == uid for r in rs["metadata"].get("ownerReferences") or [])]
    return sorted(out, key=lambda rs: int((rs["metadata"].get("annotations") or {}).get(REVISION, 0)))


def rollout_message(c: Any, d: dict) -> tuple[str, bool]:
    """kubectl's rollout status text for the Deployment now, and whether it is done."""
    name = d["metadata"]["name"]
    spec, st = d["spec"], d.get("status") or {}
    if d["metadata"].get("generation", 1) > st.get("observedGeneration", 0):
        return "Waiting for deployment spec update to be observed...", False
    for cond in st.get("conditions") or []:
        if cond["type"] == "Progressing" and cond.get("reason") == "ProgressDeadlineExceeded":
            raise CommandError(f'error: deployment "{name}" exceeded its progress deadline')
    want = spec.get("replicas", 1)
    updated = st.get("updatedReplicas", 0)
    if updated < want:
        return (f'Waiting for deployment "{name}" rollout to finish: {updated} out of {want} new replicas have been '
                "updated..."), False
    if st.get("replicas", 0) > updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {st.get("replicas", 0) - updated} old replicas are '
                "pending termination..."), False
    if st.get("availableReplicas", 0) < updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {st.get("availableReplicas", 0)} of {updated} '
                "updated replicas are available..."), False
    return f'deployment "{name}" successfully rolled out', True


def cmd_rollout(world: Any, inv: Invocation, args: list[str]) -> str:
    if not args:
        raise CommandError("error: rollout needs a sub-command: status, history, undo, pause, resume, restart")
    sub, rest = args[0], args[1:]
    p = parse(rest, [Flag(("-n", "--namespace")), Flag(("--to-revision",), default="0"), Flag(("--revision",), default="0"),
                     Flag(("--timeout",)), Flag(("-w", "--watch"), takes_value=False, default=True)], program="kubectl")
    if sub not in ("status", "history", "undo", "pause", "resume", "restart"):
        raise CommandError(f'error: unknown command "{sub}" for "kubectl rollout"')
    c, resource, d = _one(world, p, ("deployments",), f"rollout {sub}")
    name = d["metadata"]["name"]
    ref = ref_name(resource, name)
    if sub == "status":
        return _rollout_status(c, d, p)
    if sub == "history":
        rss = _owned_rs(c, d)
        rev = int(str(p.get("revision")))
        if rev:
            rs = next((r for r in rss if int((r["metadata"].get("annotations") or {}).get(REVISION, 0)) == rev), None)
            if rs is None:
                raise CommandError(f"error: unable to find the specified revision {rev}")
            tmpl = rs["spec"]["template"]
            lines = [f"{ref} with revision #{rev}", "Pod Template:", "  Labels:\t" + ",".join(
                f"{k}={v}" for k, v in sorted((tmpl["metadata"].get("labels") or {}).items())), "  Containers:"]
            for ct in tmpl["spec"].get("containers") or []:
                lines += [f"   {ct['name']}:", f"    Image:\t{ct['image']}"]
            return "\n".join(lines)
        rows = [[(r["metadata"].get("annotations") or {}).get(REVISION, "0"),
                 (r["metadata"].get("annotations") or {}).get(CHANGE_CAUSE, "<none>")] for r in rss]
        return f"{ref} \n" + table(["REVISION", "CHANGE-CAUSE"], rows)
    if sub == "undo":
        rss = _owned_rs(c, d)
        to = int(str(p.get("to_revision")))
        if len(rss) < 2 and not to:
            raise CommandError(f'error: no rollout history found for deployment "{name}"')
        if to:
            target = next((r for r in rss if int((r["metadata"].get("annotations") or {}).get(REVISION, 0)) == to), None)
            if target is None:
                raise CommandError(f"error: unable to find specified revision {to} in history")
        else:
            target = rss[-2]
        tmpl = copy.deepcopy(target["spec"]["template"])
        tmpl["metadata"]["labels"] = {k: v for k, v in (tmpl["metadata"].get("labels") or {}).items() if k != HASH_LABEL}
        if tmpl == d["spec"]["template"]:
            return f"{ref} skipped rollback (current template already matches revision " \
                   f"{(target['metadata'].get('annotations') or {}).get(REVISION)})"
        new = dict(d, spec=dict(d["spec"], template=tmpl))
        new["metadata"] = dict(d["metadata"])
        _store(c, resource, new)
        return f"{ref} rolled back"
    if sub in ("pause", "resume"):
        paused = bool(d["spec"].get("paused"))
        if (sub == "pause") == paused:
            raise CommandError(f'error: deployments.apps "{name}" is {"already" if paused else "not"} paused')
        spec = dict(d["spec"])
        if sub == "pause":
            spec["paused"] = True
        else:
            spec.pop("paused", None)
        new = dict(d, spec=spec)
        new["metadata"] = dict(d["metadata"])
        _store(c, resource, new)
        return f"{ref} {'paused' if sub == 'pause' else 'resumed'}"
    tmpl = copy.deepcopy(d["spec"]["template"])
    tmpl["metadata"]["annotations"] = dict(tmpl["metadata"].get("annotations") or {},
                                           **{"kubectl.kubernetes.io/restartedAt": timestamp(c.sim.now)})
    new = dict(d, spec=dict(d["spec"], template=tmpl))
    new["metadata"] = dict(d["metadata"])
    _store(c, resource, new)
    return f"{ref} restarted"


def _rollout_status(c: Any, d: dict, p) -> str:
    from ..args import parse_duration

    limit = parse_duration(p.str("timeout")) if p.str("timeout") else float(d["spec"].get("progressDeadlineSeconds", 600))
    ns, name = d["metadata"]["namespace"], d["metadata"]["name"]
    lines: list[str] = []
    end = c.sim.now + limit
    while True:
        cur = c.api.get("deployments", ns, name)
        if cur is None:
            raise APIError(f'Error from server (NotFound): deployments.apps "{name}" not found', "NotFound")
        msg, done = rollout_message(c, cur)
        if not lines or lines[-1] != msg:
            lines.append(msg)
        if done or not p.flag("watch"):
            return "\n".join(lines)
        t = c.sim.next_time()
        if t is None or t > end:
            c.sim.run_until(end)
            lines.append("error: timed out waiting for the condition")
            return "\n".join(lines)
        c.sim.step()
