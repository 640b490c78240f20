"""How many layers does this ``docker push`` upload?

Blobs go first and each is checked at the registry: a layer the repository already has is skipped
("Layer already exists"), one another repository of the same registry has is mounted across
("Mounted from …"), only the rest are uploaded. The engine's count is ``ManifestPushed.uploaded_layers``.
"""
from __future__ import annotations

import random
from typing import Any

from app.quiz.model import Text

from .base import Draft, Generator, Outcome, count_choices, events_of
from .shared_pulls import FAMILIES

REG = "localhost:5000"


class PushLayers(Generator):
    kind = "push-layers"
    topic = "registry"
    domain = "Cloud Native Application Delivery"
    scene_id = "registry"
    title = Text("推送要上传几层", "layers a push uploads")

    def scenario(self, rng: random.Random, difficulty: str) -> list[str]:
        fam = FAMILIES[rng.choice(["debian:bookworm-slim", "alpine:3.20", "buildpack-deps"])]
        a, b = rng.sample(fam, 2)
        lines = [f"sim registry add {REG}", f"docker pull {a}"]
        repo_a = a.split(":")[0].replace("-", "")
        if difficulty == "easy":
            return lines + [f"docker tag {a} {REG}/{repo_a}:1", f"docker push {REG}/{repo_a}:1"]
        lines += [f"docker pull {b}", f"docker tag {a} {REG}/{repo_a}:1", f"docker push {REG}/{repo_a}:1"]
        repo_b = b.split(":")[0].replace("-", "")
        if repo_b == repo_a:
            repo_b += "2"
        if difficulty == "medium":
            same_repo = rng.random() < 0.5  # "already exists" in the same repository, else a cross-repo mount
            target = f"{REG}/{repo_a}:2" if same_repo else f"{REG}/{repo_b}:1"
        else:
            # hard: the same image again under a new tag (nothing to upload) or a third image
            pick = rng.random()
            target = f"{REG}/{repo_a}:latest" if pick < 0.3 else f"{REG}/{repo_b}:1"
            if pick < 0.3:
                return lines + [f"docker tag {a} {target}", f"docker push {target}"]
        return lines + [f"docker tag {b} {target}", f"docker push {target}"]

    def observe(self, world: Any, lines: list[str], outputs: list[str]) -> Outcome:
        pushes = events_of(world, "ManifestPushed")
        last = pushes[-1]
        total = last.uploaded_layers + last.existing_layers + last.mounted_layers
        summary_en = (f"{last.repository}:{last.tag}: {last.uploaded_layers} uploaded, {last.existing_layers} already "
                      f"there, {last.mounted_layers} mounted from another repository")
        summary_zh = (f"{last.repository}:{last.tag}：上传 {last.uploaded_layers} 层，已存在 {last.existing_layers} 层，"
                      f"从别的仓库挂载 {last.mounted_layers} 层")
        tail = outputs[-1]  # the push's own progress lines: Pushed / Layer already exists / Mounted from
        return Outcome(frozenset({str(last.uploaded_layers)}), Text(summary_zh + "\n" + tail, summary_en + "\n" + tail),
                       {"uploaded": last.uploaded_layers, "total": total})

    def draft(self, rng: random.Random, difficulty: str, lines: list[str], outcome: Outcome) -> Draft:
        shown = [l for l in lines if not l.startswith("sim ")]
        steps = "\n".join(shown)
        prompt = Text(f"本地仓库 {REG} 一开始是空的。执行：\n{steps}\n最后一次 docker push 真正上传了多少层？",
                      f"The registry {REG} starts empty. You run:\n{steps}\nHow many layers does the last docker push "
                      "actually upload?")
        explain = Text("推送先逐层问仓库：这个仓库已有的层“Layer already exists”，同一仓库服务里别的仓库有的层"
                       "“Mounted from …”（跨仓库挂载），都不用上传；只有剩下的层才真正上传。",
                       "A push asks the registry about each layer first: layers the repository already has (\"Layer "
                       "already exists\") and layers another repository there has (\"Mounted from …\") are not "
                       "uploaded; only the rest are.")
        choices = count_choices(rng, outcome.facts["uploaded"], [outcome.facts["total"]], Text("{n} 层", "{n} layers"))
        return Draft(prompt, explain, choices)


GENERATORS = (PushLayers(),)
