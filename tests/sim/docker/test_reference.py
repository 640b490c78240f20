"""Image name normalisation as distribution/reference does it."""
from __future__ import annotations

import pytest

from app.sim.docker.reference import parse_ref
from app.sim.errors import CommandError

D = "sha256:" + "a" * 64


@pytest.mark.parametrize("text, full, familiar", [
    ("nginx", "docker.io/library/nginx:latest", "nginx:latest"),
    ("nginx:1.27", "docker.io/library/nginx:1.27", "nginx:1.27"),
    ("bitnami/redis", "docker.io/bitnami/redis:latest", "bitnami/redis:latest"),
    ("docker.io/library/nginx", "docker.io/library/nginx:latest", "nginx:latest"),
    ("index.docker.io/library/nginx:1", "docker.io/library/nginx:1", "nginx:1"),
    ("localhost/app", "localhost/app:latest", "localhost/app:latest"),
    ("localhost:5000/team/app:v2", "localhost:5000/team/app:v2", "localhost:5000/team/app:v2"),
    ("registry.school.edu/web:1", "registry.school.edu/web:1", "registry.school.edu/web:1"),
    ("ghcr.io/org/tool", "ghcr.io/org/tool:latest", "ghcr.io/org/tool:latest"),
    (f"nginx@{D}", f"docker.io/library/nginx@{D}", f"nginx@{D}"),
    (f"nginx:1.27@{D}", f"docker.io/library/nginx:1.27@{D}", "nginx:1.27"),
])
def test_normalisation(text: str, full: str, familiar: str) -> None:
    ref = parse_ref(text)
    assert ref.full == full
    assert ref.familiar == familiar


@pytest.mark.parametrize("text, words", [
    ("Nginx", "must be lowercase"),
    ("nginx:", "invalid reference format"),
    ("nginx:bad tag", "invalid reference format"),
    ("nginx@sha256:123", "invalid reference format"),
    ("a//b", "invalid reference format"),
    ("-nginx", "invalid reference format"),
    ("", "invalid reference format"),
])
def test_invalid(text: str, words: str) -> None:
    with pytest.raises(CommandError) as info:
        parse_ref(text)
    assert words in str(info.value)
