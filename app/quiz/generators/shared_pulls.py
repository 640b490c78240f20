"""How many layers are downloaded when several images that share base layers are pulled?

The host's content store keeps layers by digest, so a layer another image already brought is not
fetched again ("Already exists"). The engine's count is the sum of ``ImagePulled.downloaded_layers``.
"""
from __future__ import annotations

import random
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, count_choices, events_of

FAMILIES = {
    "debian:bookworm-slim": ["nginx:1.27", "nginx:1.26", "httpd:2.4", "redis:7.4", "python:3.12-slim",
                             "python:3.11-slim", "node:20-slim", "node:22-slim"],
    "alpine:3.20": ["python:3.12-alpine", "node:20-alpine", "nginx:alpine", "redis:7.4-alpine", "golang:1.23-alpine"],
    "buildpack-deps": ["python:3.12", "node:20", "golang:1.23", "python:3.11", "node:22"],
    "ubuntu:24.04": ["eclipse-temurin:21", "eclipse-temurin:21-jre"],
}
ALIASES = {"nginx:1.27": "nginx:latest", "redis:7.4": "redis:7", "python:3.12-slim": "python:3.12.7-slim",
           "node:20-alpine": "node:lts-alpine"}


class SharedPulls(Generator):
    kind = "shared-pulls"
    topic = "images"
    domain = "Kubernetes Fundamentals"
    scene_id = "registry"
    title = Text("共享基础层的拉取", "pulls that share a base")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        if difficulty == "easy":
            images = rng.sample(FAMILIES["debian:bookworm-slim"], 2)
        elif difficulty == "medium":
            fam = rng.choice(["debian:bookworm-slim", "alpine:3.20"])
            images = rng.sample(FAMILIES[fam], 2) + [rng.choice(FAMILIES["buildpack-deps"])]
            rng.shuffle(images)
        else:
            images = rng.sample(FAMILIES["buildpack-deps"], 2) + rng.sample(FAMILIES["debian:bookworm-slim"], 1)
            twin = [i for i in images if i in ALIASES]
            if twin and rng.random() < 0.6:
                images.append(ALIASES[twin[0]])  # another tag of an image already pulled
            rng.shuffle(images)
        return [f"docker pull {ref}" for ref in images]

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        pulled = events_of(world, "ImagePulled")
        total = sum(e.downloaded_layers for e in pulled)
        naive = sum(e.downloaded_layers + e.existing_layers for e in pulled)
        rows = [f"docker pull {e.ref.split('/')[-1]}: {e.downloaded_layers} downloaded, {e.existing_layers} already there"
                for e in pulled]
        rows_zh = [f"docker pull {e.ref.split('/')[-1]}：下载 {e.downloaded_layers} 层，已有 {e.existing_layers} 层"
                   for e in pulled]
        return Outcome(frozenset({str(total)}), Text("\n".join(rows_zh + [f"合计下载 {total} 层"]),
                                                       "\n".join(rows + [f"total downloaded: {total} layers"])),
                       {"total": total, "naive": naive})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        images = "、".join(l.split()[-1] for l in lines)
        images_en = ", ".join(l.split()[-1] for l in lines)
        prompt = Text(f"一台空的主机依次拉取 {images}。一共要下载多少个层？",
                      f"An empty host pulls {images_en}, in that order. How many layers are downloaded in all?")
        explain = Text("主机按摘要（digest）保存层：别的镜像已经带来的层显示“Already exists”，不再下载。"
                       "同一个镜像的另一个标签一层也不用下载。",
                       "A host stores layers by digest: a layer another image already brought shows \"Already "
                       "exists\" and is not fetched again. Another tag of the same image downloads nothing.")
        choices = count_choices(rng, outcome.facts["total"], [outcome.facts["naive"]], Text("{n} 层", "{n} layers"))
        return Draft(prompt, explain, choices)


GENERATORS = (SharedPulls(),)
