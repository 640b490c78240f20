"""The state a build stage carries from instruction to instruction (filesystem model, config, keys)."""
from __future__ import annotations

import copy
import hashlib
import posixpath
from dataclasses import dataclass, field

from .oci import History, Image, Layer, RunConfig

DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#: Directories every base image is assumed to have (WORKDIR into one of them adds no layer).
BASE_DIRS = frozenset({"/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc",
                       "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local",
                       "/usr/local/bin", "/usr/local/lib", "/usr/local/sbin", "/usr/sbin", "/usr/share", "/usr/src",
                       "/var", "/var/cache", "/var/lib", "/var/log", "/var/tmp"})
BUILDKIT_COMMENT = "buildkit.dockerfile.v0"


def h(*parts: str) -> str:
    d = hashlib.sha256()
    for p in parts:
        d.update(p.encode("utf-8", "surrogatepass"))
        d.update(b"\0")
    return "sha256:" + d.hexdigest()


@dataclass
class StageState:
    label: str
    key: str  # cache key of the last layer-making step (or of the base)
    layers: list[Layer] = field(default_factory=list)
    history: list[History] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=lambda: {"PATH": DEFAULT_PATH[5:]})
    args: dict[str, str] = field(default_factory=dict)
    cmd: tuple[str, ...] | None = None
    cmd_set: bool = False
    entrypoint: tuple[str, ...] | None = None
    workdir: str = ""
    user: str = ""
    exposed: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    stop_signal: str = ""
    healthcheck: tuple[str, ...] | None = None
    shell: tuple[str, ...] = ("/bin/sh", "-c")
    onbuild: list[str] = field(default_factory=list)
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # abs path -> (content digest, size)
    dirs: set[str] = field(default_factory=lambda: set(BASE_DIRS))
    runs: list[tuple[int, str]] = field(default_factory=list)  # (size, command) of RUN steps, for artifacts
    last_created: float = 0.0
    base_created: float = 0.0
    synthetic: bool = False

    @classmethod
    def from_image(cls, label: str, image: Image | None, key: str) -> "StageState":
        st = cls(label, key)
        if image is None:  # FROM scratch
            return st
        cfg = image.config
        st.layers, st.history = list(image.layers), list(image.history)
        st.env = dict(cfg.env_dict())
        st.cmd, st.entrypoint, st.workdir, st.user = cfg.cmd, cfg.entrypoint, cfg.working_dir, cfg.user
        st.exposed, st.volumes, st.labels = list(cfg.exposed_ports), list(cfg.volumes), dict(cfg.labels)
        st.stop_signal, st.healthcheck = cfg.stop_signal, cfg.healthcheck
        st.shell = cfg.shell or ("/bin/sh", "-c")
        st.onbuild = list(cfg.onbuild)
        st.last_created = st.base_created = image.created_at
        st.synthetic = image.synthetic
        if cfg.working_dir:
            st.add_dir(cfg.working_dir)
        return st

    def fork(self, label: str) -> "StageState":
        """A new stage ``FROM <this stage>`` starts from a copy of its final state."""
        clone = copy.deepcopy(self)
        clone.label = label
        clone.args = {}
        clone.onbuild = []
        return clone

    def add_dir(self, path: str) -> bool:
        """Record ``path`` and its parents; True when something new was created."""
        new = False
        p = posixpath.normpath(path)
        while p not in self.dirs:
            self.dirs.add(p)
            new = True
            p = posixpath.dirname(p)
        return new

    def scope(self) -> dict[str, str]:
        """Variables for substitution: ARGs in scope, overridden by ENV (Docker's precedence)."""
        return {**self.args, **self.env}

    def resolve(self, path: str) -> str:
        base = self.workdir or "/"
        return posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") and path != "/" else "")

    def run_config(self) -> RunConfig:
        return RunConfig(
            env=tuple(f"{k}={v}" for k, v in self.env.items()), cmd=self.cmd, entrypoint=self.entrypoint,
            working_dir=self.workdir, user=self.user, exposed_ports=tuple(self.exposed), volumes=tuple(self.volumes),
            labels=tuple(self.labels.items()), stop_signal=self.stop_signal, healthcheck=self.healthcheck,
            shell=self.shell if self.shell != ("/bin/sh", "-c") else None, onbuild=tuple(self.onbuild))

    def note(self, created_by: str, empty: bool, created: float | None = None) -> None:
        from .oci import rfc3339
        when = self.last_created if created is None else created
        self.history.append(History(rfc3339(when), created_by, empty, BUILDKIT_COMMENT))


def go_list(argv: tuple[str, ...] | list[str]) -> str:
    """How Docker's history prints a string slice: ``["python" "app.py"]``."""
    return "[" + " ".join(f'"{a}"' for a in argv) + "]"
