"""Registries: repositories, tags, manifests, and blobs by digest (the distribution API's model).

A blob is stored once per registry (content addressed) and *linked* into each repository that
references it; the existence check of a push (``HEAD /v2/<repo>/blobs/<digest>``) asks about the
link, a cross-repository mount links a blob the registry already stores under another repository.
The default registry, ``docker.io``, also serves the official-image catalog as ``library/*``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import catalog
from .errors import ImageNotFound
from .oci import Image
from .reference import DEFAULT_REGISTRY, OFFICIAL_PREFIX, ImageRef


@dataclass
class Repository:
    tags: dict[str, str] = field(default_factory=dict)  # tag -> manifest digest
    manifests: dict[str, Image] = field(default_factory=dict)  # manifest digest -> image
    blobs: set[str] = field(default_factory=set)  # linked layer and config digests


@lru_cache(maxsize=None)
def _catalog_blobs(name: str) -> frozenset[str]:
    out: set[str] = set()
    for tag in catalog.tags_of(name):
        image = catalog.build(catalog.lookup(name, tag).key)  # type: ignore[union-attr]
        out.update(layer.digest for layer in image.layers)
        out.add(image.id)
    return frozenset(out)


class Registry:
    def __init__(self, host: str, *, requires_login: bool = False, serves_catalog: bool = False) -> None:
        self.host = host
        self.requires_login = requires_login
        self.serves_catalog = serves_catalog
        self.repos: dict[str, Repository] = {}
        self.blobs: dict[str, int] = {}  # digest -> size, stored once
        self.accounts: dict[str, str] = {}  # username -> password (simulated accounts)
        #: (host, container ID) when a ``registry:2`` container serves it; reachable only while it runs
        self.backing: tuple[str, str] | None = None

    # -- reading ------------------------------------------------------------------------------------
    def _catalog_name(self, repository: str) -> str | None:
        if self.serves_catalog and repository.startswith(OFFICIAL_PREFIX):
            name = repository[len(OFFICIAL_PREFIX):]
            if catalog.tags_of(name):
                return name
        return None

    def repository_exists(self, repository: str) -> bool:
        return repository in self.repos or self._catalog_name(repository) is not None

    def resolve(self, ref: ImageRef) -> Image:
        """The image a tag or digest names; raises ImageNotFound in Docker's and containerd's words."""
        repo = self.repos.get(ref.repository)
        if repo is not None:
            digest = ref.digest or repo.tags.get(ref.tag or "")
            if digest and digest in repo.manifests:
                return repo.manifests[digest]
        name = self._catalog_name(ref.repository)
        if name is not None:
            if ref.digest:
                for tag in catalog.tags_of(name):
                    image = catalog.build(catalog.lookup(name, tag).key)  # type: ignore[union-attr]
                    if image.manifest_digest == ref.digest:
                        return image
            elif ref.tag is not None:
                spec = catalog.lookup(name, ref.tag)
                if spec is not None:
                    return catalog.build(spec.key)
        if repo is None and name is None:
            raise ImageNotFound(
                f"Error response from daemon: pull access denied for {ref.familiar_name}, repository does not exist "
                f"or may require 'docker login': denied: requested access to the resource is denied",
                f'failed to pull and unpack image "{ref.full}": failed to resolve reference "{ref.full}": '
                f"pull access denied, repository does not exist or may require authorization: server message: "
                f"insufficient_scope: authorization failed", "repository")
        raise ImageNotFound(
            f"Error response from daemon: manifest for {ref.familiar} not found: manifest unknown: manifest unknown",
            f'failed to pull and unpack image "{ref.full}": failed to resolve reference "{ref.full}": {ref.full}: not found',
            "tag")

    def has_blob(self, repository: str, digest: str) -> bool:
        """``HEAD /v2/<repository>/blobs/<digest>``: is the blob linked into that repository?"""
        repo = self.repos.get(repository)
        if repo is not None and digest in repo.blobs:
            return True
        name = self._catalog_name(repository)
        return name is not None and digest in _catalog_blobs(name)

    def stores_blob(self, digest: str) -> bool:
        return digest in self.blobs

    # -- writing (push) -------------------------------------------------------------------------------
    def _repo(self, repository: str) -> Repository:
        return self.repos.setdefault(repository, Repository())

    def mount(self, repository: str, digest: str, source: str, size: int) -> bool:
        """Cross-repository mount: succeeds when ``source`` has the blob linked (201 Created)."""
        if source == repository or not self.has_blob(source, digest):
            return False
        self._repo(repository).blobs.add(digest)
        self.blobs.setdefault(digest, size)
        return True

    def upload(self, repository: str, digest: str, size: int) -> None:
        self._repo(repository).blobs.add(digest)
        self.blobs.setdefault(digest, size)

    def put_manifest(self, repository: str, tag: str, image: Image) -> None:
        """Refuses (like ``MANIFEST_BLOB_UNKNOWN``) when a referenced blob is not linked."""
        repo = self._repo(repository)
        missing = [layer.digest for layer in image.layers if not self.has_blob(repository, layer.digest)]
        if missing:
            raise ImageNotFound(f"manifest blob unknown: blob unknown to registry: {missing[0]}",
                                f"MANIFEST_BLOB_UNKNOWN {missing[0]}", "tag")
        repo.manifests[image.manifest_digest] = image
        repo.tags[tag] = image.manifest_digest

    # -- listing ----------------------------------------------------------------------------------------
    def list_repositories(self) -> list[str]:
        pushed = sorted(self.repos)
        if self.serves_catalog:
            pushed += [OFFICIAL_PREFIX + n for n in catalog.repositories() if OFFICIAL_PREFIX + n not in self.repos]
        return pushed

    def list_tags(self, repository: str) -> list[str]:
        tags = set(self.repos[repository].tags) if repository in self.repos else set()
        name = self._catalog_name(repository)
        if name is not None:
            tags.update(catalog.tags_of(name))
        return sorted(tags)

    @property
    def is_default(self) -> bool:
        return self.host == DEFAULT_REGISTRY
