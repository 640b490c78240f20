"""The Dockerfile language: ``parse_dockerfile(text) -> Dockerfile`` (see instructions.py)."""
from .instructions import Dockerfile, Instr, Stage, parse_dockerfile
from .parser import DockerfileError

__all__ = ["Dockerfile", "DockerfileError", "Instr", "Stage", "parse_dockerfile"]
