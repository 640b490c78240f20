"""Docker-side errors, worded as the Docker CLI (``str``) and containerd/CRI (``cri_message``) print them."""
from __future__ import annotations

from ..errors import CommandError, SimError


class DockerError(CommandError):
    """A daemon error: ``Error response from daemon: ...``."""


class ImageNotFound(SimError):
    """A pull could not resolve the reference (no repository, no tag, or no such registry host)."""

    def __init__(self, docker_message: str, cri_message: str, reason: str) -> None:
        super().__init__(docker_message)
        self.cri_message = cri_message
        #: "repository" (does not exist / access denied), "tag" (manifest unknown) or "host" (no such host)
        self.reason = reason


class RegistryUnreachable(ImageNotFound):
    """The registry host is not known to the simulation (``sim registry add HOST`` creates one)."""


class NoSuchImage(DockerError):
    """A local image reference or ID the host does not have."""


class NoSuchContainer(DockerError):
    pass
