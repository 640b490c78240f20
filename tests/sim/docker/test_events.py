"""Docker events: frozen, plain fields, domain "docker", and no field hides Event.kind."""
from __future__ import annotations

import dataclasses

from app.sim.core import Event
from app.sim.docker import events as ev

PLAIN = (str, int, float, bool, tuple, type(None))


def classes() -> list[type]:
    return [c for c in vars(ev).values() if isinstance(c, type) and issubclass(c, ev.DockerEvent) and c is not ev.DockerEvent]


def test_events_are_frozen_plain_and_named() -> None:
    assert len(classes()) >= 20
    for cls in classes():
        assert cls.domain == "docker"
        names = {f.name for f in dataclasses.fields(cls)}
        assert "kind" not in names, f"{cls.__name__}.kind would hide Event.kind"
        params = cls.__dataclass_params__
        assert params.frozen


def test_emitted_events_have_plain_values(world, tmp_path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nRUN echo hi\nCOPY Dockerfile /\n")
    world.ok(f"docker build -t x {tmp_path}")
    world.ok("docker run -d --name a x")
    world.ok("sim registry add localhost:5000")
    world.ok("docker tag x localhost:5000/x")
    world.ok("docker push localhost:5000/x")
    world.ok("docker -H other pull localhost:5000/x")
    kinds = set()
    for e in world.sim.log:
        assert isinstance(e, Event)
        assert e.kind == type(e).__name__
        kinds.add(e.kind)
        for value in e.payload().values():
            assert isinstance(value, PLAIN), (e.kind, value)
    assert {"BuildStarted", "BuildStepFinished", "BuildFinished", "ContainerCreated", "ContainerStarted",
            "PushStarted", "LayerPushed", "ManifestPushed", "PullStarted", "LayerPulled", "ImagePulled"} <= kinds
