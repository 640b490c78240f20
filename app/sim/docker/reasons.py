"""Why a build step hit or missed the cache, in Chinese too (the scenes and lessons show both languages).

The engine decides in English (``BuildStepFinished.detail``); this turns a (reason code, detail) pair
into its Chinese sentence, keeping file names as they are."""
from __future__ import annotations

_ZH = {
    "hit": "命中缓存：父层相同，指令的输入也相同",
    "no-cache": "--no-cache：这次构建不查缓存",
    "cascade": "前面有一步重建了，所以这一阶段之后的每一步都要重建",
    "instruction-changed": "这个父层上没有这条指令的缓存（以前在这里构建过别的指令）",
    "env-changed": "运行它的环境变量或构建参数变了",
    "new": "还没有缓存：第一次构建这一步",
    "base-present": "基础镜像已经在这台主机上",
    "base-pulled": "先拉取基础镜像",
}
_WORDS = (("changed: ", "改动："), ("added: ", "新增："), ("removed: ", "删除："), ("; ", "；"),
          (", ", "、"), ("and ", "另外 "), (" more", " 个"))


def detail_zh(reason: str, detail: str) -> str:
    """The Chinese counterpart of an English ``detail`` for the given reason code."""
    if reason == "files-changed":
        text = detail.split(": ", 1)[1] if detail.startswith("source files differ: ") else detail
        for en, zh in _WORDS:
            text = text.replace(en, zh)
        return "复制的文件内容变了：" + text
    if reason == "new" and detail.startswith("COPY --link"):
        return "COPY --link 不依赖前面的步骤，但还没有它的缓存"
    return _ZH.get(reason, detail)
