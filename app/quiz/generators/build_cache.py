"""Which build steps hit the cache after this edit?

The scenario writes two build contexts (before and after the edit) and builds both. BuildKit's
rules decide, as the engine applies them: a step is cached when its parent is and its instruction is
the same; COPY and ADD also compare the content of the files they copy; after the first miss every
later step is rebuilt. The right set is the engine's ``BuildStepFinished(cached=True)`` steps of the
second build. Context folders live under the system's temporary folder, named by their content, and
are written again whenever a question is generated, so replays on the stage find them.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, events_of, write_context

NONE = "none"

GOOD_ORDER = """FROM {base}
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY app.py .
{env}CMD ["python", "app.py"]
"""
BAD_ORDER = """FROM {base}
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
{env}CMD ["python", "app.py"]
"""
APP = 'print("hello from version {v}")\n'
REQS = "flask=={flask}\n"

# edit name -> (zh, en) description shown in the question
EDITS = {
    "app": Text("只修改了 app.py 的内容", "only app.py's content changed"),
    "reqs": Text("修改了 requirements.txt（升级 flask）", "requirements.txt changed (a newer flask)"),
    "readme": Text("只修改了 README.md，而 .dockerignore 排除了它", "only README.md changed, and .dockerignore excludes it"),
    "touch": Text("重新保存了 app.py（内容不变，只有修改时间变了）", "app.py was saved again (same content, only its mtime changed)"),
    "env": Text("在 Dockerfile 里修改了 ENV 的值", "the value of an ENV line in the Dockerfile changed"),
    "pip": Text("在 RUN pip install 那一行加了 --upgrade", "--upgrade was added to the RUN pip install line"),
}


class BuildCache(Generator):
    kind = "build-cache"
    topic = "build"
    domain = "Cloud Native Application Delivery"
    scene_id = "house"
    qtype = "multiple"
    title = Text("改动之后哪些构建步骤命中缓存", "cache hits after an edit")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        base = rng.choice(["python:3.12-slim", "python:3.11-slim", "python:3.12-alpine"])
        layout = GOOD_ORDER if difficulty == "easy" else rng.choice([GOOD_ORDER, BAD_ORDER])
        edits = {"easy": ["app", "reqs"], "medium": ["app", "reqs", "env", "pip"],
                 "hard": ["app", "reqs", "env", "pip", "readme", "touch"]}[difficulty]
        edit = rng.choice(edits)
        flask = rng.choice(["3.0.0", "3.0.3", "2.3.3"])
        env_value = rng.choice(["production", "staging", "classroom"])
        before = self._files(layout, base, flask, env_value, version=1, readme="v1")
        after = dict(before)
        if edit == "app":
            after["app.py"] = APP.format(v=2)
        elif edit == "reqs":
            after["requirements.txt"] = REQS.format(flask="3.1.0")
        elif edit == "readme":
            after["README.md"] = "# notes, version 2\n"
        elif edit == "env":
            after["Dockerfile"] = before["Dockerfile"].replace(env_value, env_value + "-2")
        elif edit == "pip":
            after["Dockerfile"] = before["Dockerfile"].replace("pip install", "pip install --upgrade")
        # "touch": identical files; only the mtime differs (the cache ignores mtimes)
        one, two = write_context(before), write_context(after)  # "touch": the same content, so the same folder
        return [f"# edit: {edit}", f"docker build -t app:1 {one}", f"docker build -t app:2 {two}"]

    def _files(self, layout: str, base: str, flask: str, env_value: str, version: int, readme: str) -> dict[str, str]:
        return {
            "Dockerfile": layout.format(base=base, env=f"ENV APP_ENV={env_value}\n"),
            "app.py": APP.format(v=version),
            "requirements.txt": REQS.format(flask=flask),
            "README.md": f"# notes, version {readme}\n",
            ".dockerignore": "README.md\n",
        }

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        builds = events_of(world, "BuildFinished")
        second = builds[-1].build_id
        steps = [e for e in events_of(world, "BuildStepFinished") if e.build_id == second and e.step_kind != "FROM"]
        cached = {self._value(e) for e in steps if e.cached}
        rows = [f"[{e.index}/{e.total}] {'CACHED ' if e.cached else ''}{e.instruction}  ({e.detail or e.reason})"
                for e in steps]
        right = frozenset(cached) if cached else frozenset({NONE})
        text = "\n".join(rows)
        return Outcome(right, Text(text, text), {"steps": [(self._value(e), e.instruction) for e in steps]})

    @staticmethod
    def _value(e: Any) -> str:
        return f"{e.index}:{e.instruction}"

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        edit = lines[0].split(": ", 1)[1]
        dockerfile = Path(lines[1].split()[-1], "Dockerfile").read_text(encoding="utf-8")
        prompt = Text(f"用下面的 Dockerfile 构建了 app:1。然后{EDITS[edit].zh}，再构建 app:2。"
                      f"第二次构建时，哪些步骤命中了缓存（CACHED）？\n\n{dockerfile}",
                      f"app:1 was built from this Dockerfile. Then {EDITS[edit].en}, and app:2 was built. "
                      f"Which steps of the second build hit the cache (CACHED)?\n\n{dockerfile}")
        explain = Text("一步能用缓存，要求前一步也命中、指令文字完全相同；COPY/ADD 还要比较被复制文件的内容"
                       "（不看修改时间，.dockerignore 排除的文件不算；COPY . . 连 Dockerfile 本身也复制进去）。"
                       "一旦某步没命中，后面的步骤全部重建。",
                       "A step is cached when the step before it was and its instruction text is identical; COPY "
                       "and ADD also compare the content of the copied files (not their mtimes; files excluded by "
                       ".dockerignore do not count; COPY . . copies the Dockerfile itself too). After the first miss "
                       "every later step is rebuilt.")
        choices = [(v, Text.same(instr)) for v, instr in outcome.facts["steps"]]
        choices.append((NONE, Text("都没有命中：每一步都重建", "none: every step is rebuilt")))
        return Draft(prompt, explain, choices)


GENERATORS = (BuildCache(),)
