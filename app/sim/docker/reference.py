"""Image references and their normalisation, as distribution/reference does it.

``nginx`` -> ``docker.io/library/nginx:latest``; ``bitnami/redis`` -> ``docker.io/bitnami/redis:latest``;
a first component that is ``localhost`` or contains ``.`` or ``:`` is a registry host
(``registry.school.edu:5000/web:1``); ``index.docker.io`` becomes ``docker.io``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CommandError

DEFAULT_REGISTRY = "docker.io"
OFFICIAL_PREFIX = "library/"
DEFAULT_TAG = "latest"

_COMPONENT = re.compile(r"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?$")


class ReferenceError_(CommandError):
    """``invalid reference format`` in Docker's words."""


@dataclass(frozen=True, slots=True)
class ImageRef:
    registry: str  # docker.io, localhost:5000, registry.school.edu
    repository: str  # library/nginx, alice/web
    tag: str | None  # None when only a digest was given
    digest: str | None = None

    @property
    def name(self) -> str:
        """Fully qualified repository: ``docker.io/library/nginx``."""
        return f"{self.registry}/{self.repository}"

    @property
    def full(self) -> str:
        """``docker.io/library/nginx:latest`` (or ``...@sha256:...`` for a digest reference)."""
        if self.digest and not self.tag:
            return f"{self.name}@{self.digest}"
        text = f"{self.name}:{self.tag}"
        return f"{text}@{self.digest}" if self.digest else text

    @property
    def familiar_name(self) -> str:
        """The repository as ``docker images`` shows it: ``nginx``, ``alice/web``, ``localhost:5000/web``."""
        if self.registry == DEFAULT_REGISTRY:
            repo = self.repository
            return repo[len(OFFICIAL_PREFIX):] if repo.startswith(OFFICIAL_PREFIX) else repo
        return self.name

    @property
    def familiar(self) -> str:
        """``nginx:latest``: what the CLI prints back to the user."""
        if self.digest and not self.tag:
            return f"{self.familiar_name}@{self.digest}"
        return f"{self.familiar_name}:{self.tag}"

    def with_tag(self, tag: str) -> "ImageRef":
        return ImageRef(self.registry, self.repository, tag, None)


def _invalid(text: str, why: str = "") -> ReferenceError_:
    if why:
        return ReferenceError_(f"invalid reference format: {why}")
    return ReferenceError_(f'Error parsing reference: "{text}" is not a valid repository/tag: invalid reference format')


def parse_ref(text: str, *, default_tag: bool = True) -> ImageRef:
    """Normalise a user-typed image reference; raise CommandError with Docker's wording if invalid."""
    raw = text.strip()
    if not raw or len(raw) > 255 or any(c.isspace() for c in raw):
        raise _invalid(text)
    rest, digest = raw, None
    if "@" in raw:
        rest, _, digest = raw.partition("@")
        if not _DIGEST.match(digest):
            raise _invalid(text)
    tag = None
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        rest, tag = rest[:colon], rest[colon + 1:]
        if not _TAG.match(tag):
            raise _invalid(text)
    parts = rest.split("/")
    if len(parts) > 1 and (parts[0] == "localhost" or "." in parts[0] or ":" in parts[0]
                           or parts[0] != parts[0].lower()):
        registry, path = parts[0], parts[1:]
        if not _HOST.match(registry):
            raise _invalid(text)
    else:
        registry, path = DEFAULT_REGISTRY, parts
    if registry == "index.docker.io":
        registry = DEFAULT_REGISTRY
    if not path or not all(path):
        raise _invalid(text)
    for comp in path:
        if comp != comp.lower() and _COMPONENT.match(comp.lower()):
            raise _invalid(text, f"repository name ({'/'.join(path)}) must be lowercase")
        if not _COMPONENT.match(comp):
            raise _invalid(text)
    repository = "/".join(path)
    if registry == DEFAULT_REGISTRY and len(path) == 1:
        repository = OFFICIAL_PREFIX + repository
    if tag is None and digest is None and default_tag:
        tag = DEFAULT_TAG
    return ImageRef(registry, repository, tag, digest)


def is_short_id_candidate(text: str) -> bool:
    """True when ``text`` could be an image or container ID prefix (hex, maybe ``sha256:``)."""
    t = text[7:] if text.startswith("sha256:") else text
    return 1 <= len(t) <= 64 and all(c in "0123456789abcdef" for c in t)
