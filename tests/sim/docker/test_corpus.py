"""The Dockerfile corpus: at least 50 realistic files (official-image style and application
Dockerfiles, multi-stage, heredocs); every one parses and builds."""
from __future__ import annotations

from app.sim.core import Simulation
from app.sim.docker.builder import BuildOptions
from app.sim.docker.dockerfile import parse_dockerfile
from app.sim.docker.engine import DockerEngine
from tests.bench.docker_bench import corpus, synth_context


def test_corpus_parses_and_builds() -> None:
    files = corpus()
    assert len(files) >= 50
    parsed = {name: parse_dockerfile(text, name) for name, text in files}
    assert sum(len(df.stages) > 1 for df in parsed.values()) >= 15
    assert sum(any(i.heredocs for st in df.stages for i in st.instructions) for df in parsed.values()) >= 3
    assert any(df.escape == "`" for df in parsed.values())
    keywords = {i.keyword for df in parsed.values() for st in df.stages for i in st.instructions}
    keywords |= {i.keyword for df in parsed.values() for i in df.meta_args}
    assert keywords >= {"RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
                        "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}
    engine = DockerEngine(Simulation(0))
    for name, text in files:
        context = synth_context(engine, text)
        result = engine.build("corpus", BuildOptions(context, text, name, tags=(f"corpus/{name.split('.')[0]}:1",)))
        assert result.image_id.startswith("sha256:"), name
        assert result.steps[0].kind == "FROM"
