"""Imperative creation: ``kubectl create deployment``, ``kubectl run``, ``kubectl expose``.

Each builds the object kubectl would send, then goes through the same admission and store path as
``kubectl apply``.
"""
from __future__ import annotations

from typing import Any

from ..args import Flag, parse
from ..console import Invocation
from ..errors import CommandError
from . import admission
from .kubectl import cluster_of, namespace_of, split_targets
from .kubectl_apply import submit


def create_deployment(world: Any, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--image",), repeat=True), Flag(("-r", "--replicas"), default="1"),
                     Flag(("--port",))], program="kubectl")
    if len(p.positional) != 1:
        raise CommandError("error: exactly one NAME is required, got " + str(len(p.positional)))
    images = p.list("image")
    if not images:
        raise CommandError("error: required flag(s) \"image\" not set")
    try:
        replicas = int(str(p.get("replicas")))
    except ValueError:
        raise CommandError(f'error: invalid argument "{p.get("replicas")}" for "-r, --replicas" flag: strconv.ParseInt: '
                           f'parsing "{p.get("replicas")}": invalid syntax') from None
    name = p.positional[0]
    containers = []
    for img in images:
        base = img.split("@")[0].rsplit("/", 1)[-1].split(":")[0]
        c = {"name": base, "image": img, "resources": {}}
        if p.str("port"):
            try:
                c["ports"] = [{"containerPort": int(str(p.str("port")))}]
            except ValueError:
                raise CommandError(f'error: invalid argument "{p.str("port")}" for "--port" flag') from None
        containers.append(c)
    obj = {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": name, "namespace": namespace_of(p), "labels": {"app": name}},
           "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                    "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}}}
    c = cluster_of(world)
    admission.validate("Deployment", obj)
    submit(c, "deployments", admission.apply_defaults("Deployment", obj), "create")
    c.sim.run_until(c.sim.now)
    return f"deployment.apps/{name} created"


def cmd_run(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--image",)), Flag(("--port",)), Flag(("--restart",), default="Always"),
                     Flag(("-l", "--labels"))], program="kubectl")
    if len(p.positional) != 1:
        raise CommandError("error: NAME is required for run")
    if not p.str("image"):
        raise CommandError("error: required flag(s) \"image\" not set")
    name = p.positional[0]
    labels = {"run": name}
    if p.str("labels"):
        labels = dict(kv.split("=", 1) for kv in str(p.str("labels")).split(",") if "=" in kv)
    cont = {"name": name, "image": p.str("image")}
    if p.str("port"):
        try:
            cont["ports"] = [{"containerPort": int(str(p.str("port")))}]
        except ValueError:
            raise CommandError(f'error: invalid argument "{p.str("port")}" for "--port" flag') from None
    obj = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": namespace_of(p), "labels": labels},
           "spec": {"containers": [cont], "restartPolicy": p.str("restart")}}
    c = cluster_of(world)
    admission.validate("Pod", obj)
    obj = admission.apply_defaults("Pod", obj)
    submit(c, "pods", obj, "create")
    c.sim.run_until(c.sim.now)
    return f"pod/{name} created"


def cmd_expose(world: Any, inv: Invocation, args: list[str]) -> str:
    p = parse(args, [Flag(("-n", "--namespace")), Flag(("--port",)), Flag(("--target-port",)), Flag(("--type",), default="ClusterIP"),
                     Flag(("--name",)), Flag(("--protocol",), default="TCP")], program="kubectl")
    resource, names = split_targets(p.positional)
    if resource not in ("deployments", "pods", "replicasets", "services") or len(names) != 1:
        raise CommandError("error: expose takes one deployment, pod, replicaset or service")
    c = cluster_of(world)
    src = c.api.must_get(resource, namespace_of(p), names[0])
    if resource == "pods":
        sel = src["metadata"].get("labels") or {}
    elif resource == "services":
        sel = src["spec"].get("selector") or {}
    else:
        sel = (src["spec"].get("selector") or {}).get("matchLabels") or {}
    port = p.str("port")
    if not port:
        ports = [pt for ct in (src["spec"].get("template", {}).get("spec") or src["spec"]).get("containers", [])
                 for pt in ct.get("ports") or []]
        if not ports:
            raise CommandError(f"error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help "
                               "and examples")
        port = str(ports[0]["containerPort"])
    try:
        port_n = int(port)
        target = int(p.str("target_port") or port)
    except ValueError:
        raise CommandError(f'error: invalid port "{port}"') from None
    name = p.str("name") or names[0]
    obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": namespace_of(p),
                                                                "labels": src["metadata"].get("labels") or {}},
           "spec": {"type": p.str("type"), "selector": sel,
                    "ports": [{"port": port_n, "targetPort": target, "protocol": p.str("protocol")}]}}
    admission.validate("Service", obj)
    submit(c, "services", admission.apply_defaults("Service", obj), "create")
    c.sim.run_until(c.sim.now)
    return f"service/{name} exposed"
