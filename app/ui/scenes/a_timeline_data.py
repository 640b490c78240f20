"""The origins timeline as data: each point's date, lane, title and story in Chinese and English.

Facts follow design.md section 1 and the seed article, with what has changed since said plainly.
``lane`` decides the glyph (containers: circle, Kubernetes: helm wheel, community: square), so the
lanes differ by shape as well as colour.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Milestone:
    id: str          # the highlight id (lessons/README.md)
    date: tuple[str, str]   # (zh, en) as shown on the card
    lane: str        # "containers" | "kubernetes" | "community"
    title: tuple[str, str]
    story: tuple[str, str]  # two or three sentences, shown in the scene and the details dock
    since: tuple[str, str] = ("", "")  # optional "what is true today" note (details dock)


MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        "borg", ("2003–2004 年", "2003–2004"), "kubernetes", ("谷歌的 Borg", "Google's Borg"),
        ("大约 2003–2004 年，谷歌开始用内部的集群管理系统 Borg 运行自己的服务：把成千上万个任务装进共享的机器。"
         "十年的 Borg 经验后来塑造了 Kubernetes。",
         "Around 2003–2004 Google began running its services on Borg, an internal cluster manager that packs "
         "thousands of jobs onto shared machines. A decade of Borg experience later shaped Kubernetes."),
        ("Borg 的设计在 2015 年的论文《Large-scale cluster management at Google with Borg》中公开。",
         "Borg's design was published in 2015 (\"Large-scale cluster management at Google with Borg\")."),
    ),
    Milestone(
        "lxc", ("2008 年", "2008"), "containers", ("LXC：Linux 容器", "LXC: Linux containers"),
        ("2008 年，Linux 内核加入了控制组（cgroups，2.6.24 版）。它与命名空间一起，让 LXC 工具可以造出容器："
         "共享同一个内核、彼此隔离的进程沙盒。",
         "In 2008 the Linux kernel gained control groups (cgroups, version 2.6.24). Together with namespaces "
         "they let the LXC tools build containers: isolated process sandboxes sharing one kernel."),
    ),
    Milestone(
        "dotcloud", ("2010 年", "2010"), "containers", ("dotCloud", "dotCloud"),
        ("dotCloud 是旧金山的一家 PaaS 创业公司（2010 年入选 Y Combinator），用基于 LXC 的容器运行客户的应用，"
         "并为此写了自己的容器管理工具。",
         "dotCloud, a PaaS start-up in San Francisco (Y Combinator, 2010), ran its customers' apps in "
         "LXC-based containers and wrote its own tools to manage them."),
    ),
    Milestone(
        "docker-2013", ("2013 年 3 月", "March 2013"), "containers", ("Docker 开源", "Docker open-sourced"),
        ("2013 年 3 月，dotCloud 把这套工具简化成 Docker 并开源（在 PyCon 上首次亮相）。镜像、分层和简单的命令行"
         "让容器一下子好用起来；公司后来改名为 Docker 公司。",
         "In March 2013 dotCloud simplified those tools into Docker and open-sourced it (first shown at "
         "PyCon). Images, layers and a simple CLI made containers easy; the company later renamed itself Docker, Inc."),
        ("Docker 2014 年起不再依赖 LXC，改用自己的 libcontainer（后来成为 runc）。",
         "From 2014 Docker no longer needed LXC: it used its own libcontainer (later runc)."),
    ),
    Milestone(
        "k8s-2014", ("2014 年 6 月", "June 2014"), "kubernetes", ("Kubernetes 开源", "Kubernetes open-sourced"),
        ("2014 年 6 月，谷歌开源了借鉴 Borg 的 Kubernetes（希腊语“舵手”；K8s = K + 8 个字母 + s）。"
         "7 月，微软、红帽、IBM、Docker、CoreOS、Mesosphere 和 SaltStack 加入。",
         "In June 2014 Google open-sourced Kubernetes, drawing on Borg (Greek for helmsman; K8s = K + 8 "
         "letters + s). In July Microsoft, Red Hat, IBM, Docker, CoreOS, Mesosphere and SaltStack joined."),
    ),
    Milestone(
        "k8s-1.0", ("2015 年 7 月", "July 2015"), "kubernetes", ("Kubernetes v1.0", "Kubernetes v1.0"),
        ("2015 年 7 月，Kubernetes 发布 v1.0：它的 API 被宣布足够稳定，可以用于生产环境。",
         "In July 2015 Kubernetes v1.0 was released: its API was declared stable enough for production."),
    ),
    Milestone(
        "cncf", ("2015 年 7 月", "July 2015"), "community", ("CNCF 成立", "CNCF founded"),
        ("同月，Linux 基金会成立云原生计算基金会（CNCF），谷歌把 Kubernetes 捐出作为它的第一个项目。"
         "6 月成立的开放容器倡议（OCI）负责统一镜像与运行时的格式。",
         "The same month the Linux Foundation formed the Cloud Native Computing Foundation (CNCF), with "
         "Kubernetes donated by Google as its first project. The Open Container Initiative (OCI, June 2015) "
         "standardises image and runtime formats."),
    ),
    Milestone(
        "dockershim-removal", ("2022 年 5 月", "May 2022"), "kubernetes",
        ("v1.24 移除 dockershim", "v1.24 removes dockershim"),
        ("Kubernetes v1.24 移除了内置的 Docker Engine 适配层 dockershim。节点改用 containerd 或 CRI-O，"
         "通过容器运行时接口（CRI）工作；用 Docker 构建的镜像照样能运行。",
         "Kubernetes v1.24 removed dockershim, its built-in adapter for Docker Engine. Nodes run containerd "
         "or CRI-O through the Container Runtime Interface (CRI); images built with Docker still run unchanged."),
    ),
    Milestone(
        "today", ("今天", "Today"), "kubernetes", ("今天：v1.3x", "Today: v1.3x"),
        ("如今 Kubernetes 每年发布约三个版本（v1.3x）。“master”改称控制平面，CoreDNS 取代了 kube-dns，"
         "镜像遵循 OCI 规范；文章画出的整体结构依然成立。",
         "Kubernetes now ships about three releases a year (v1.3x). \"Master\" is called the control plane, "
         "CoreDNS replaced kube-dns and images follow the OCI spec; the article's overall picture still holds."),
        ("原文写于 2019 年初，当时的最新版本是 v1.13。",
         "The article dates from early 2019, when v1.13 was current."),
    ),
)

LANES: dict[str, dict[str, str]] = {
    "containers": {"zh": "容器", "en": "Containers", "glyph": "circle", "role": "accent"},
    "kubernetes": {"zh": "Kubernetes", "en": "Kubernetes", "glyph": "helm", "role": "control_plane"},
    "community": {"zh": "社区与标准", "en": "Community & standards", "glyph": "square", "role": "ok"},
}


def milestone(item_id: str) -> Milestone:
    for m in MILESTONES:
        if m.id == item_id:
            return m
    raise KeyError(item_id)
