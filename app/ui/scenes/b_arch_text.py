"""What the architecture scene says about each component: its role, the article's analogy, and
what has changed since the article was written (early 2019, Kubernetes v1.13). Chinese first.

Facts checked against design.md §1 and the Kubernetes docs: the "master" is now called the control
plane; dockershim was removed in v1.24 (the kubelet talks CRI to containerd or CRI-O); CoreDNS is
the default cluster DNS since v1.13 (replacing kube-dns); log collection (Fluentd, Fluent Bit) is an
add-on, usually a DaemonSet, not a core component. Later changes named on the cards (server-side
apply GA v1.22, API Priority and Fairness GA v1.29, PodSecurityPolicy removed v1.25, node Leases GA
v1.17, taint-based eviction GA v1.18, kube-proxy nftables GA v1.33, sidecar containers GA v1.33,
ephemeral containers GA v1.25) are from the Kubernetes release notes.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Info:
    title: tuple[str, str]
    tag: tuple[str, str]        # one short line under the title (the analogy where there is one)
    role: tuple[str, str]
    analogy: tuple[str, str]
    now: tuple[str, str]


INFO: dict[str, Info] = {
    "kubectl": Info(
        ("kubectl 命令行", "kubectl"), ("来办事的客户", "the customer"),
        ("把你的请求(apply、get、scale……)通过 HTTPS 交给 API Server;它从不直接找节点。",
         "Sends your requests (apply, get, scale...) to the API server over HTTPS; it never talks to nodes."),
        ("走进营业厅办事的客户。", "A customer walking up to the service counter."),
        ("多了服务端应用(v1.22 正式)和内置的 Kustomize(apply -k,v1.14 起);请求仍只经过 API Server。",
         "Server-side apply (GA v1.22) and built-in Kustomize (apply -k, v1.14); requests still go only through the API server.")),
    "control-plane": Info(
        ("控制平面", "Control plane"), ("原文称 master", "the article's \"master\""),
        ("管理整个集群的组件:API Server、调度器、控制器管理器和 etcd。",
         "The components that run the cluster: API server, scheduler, controller manager and etcd."),
        ("集群的管理层。", "The management office of the cluster."),
        ("原文叫 master;现在 Kubernetes 统一称为控制平面(control plane)。",
         "The article says master; Kubernetes now calls it the control plane.")),
    "apiserver": Info(
        ("API Server", "API server"), ("营业厅", "the service counter"),
        ("集群唯一的入口:校验请求、补默认值、写入 etcd,并把变化通过 watch 推给所有组件。",
         "The one entrance: validates requests, fills in defaults, stores them in etcd and streams every change to watchers."),
        ("营业厅:客户和各部门都只在这里办事。", "The service counter: customers and every department deal only here."),
        ("API 优先级与公平性(v1.29 正式)防止一个客户挤占柜台;Pod 安全准入取代了 PodSecurityPolicy(v1.25)。",
         "API Priority and Fairness (GA v1.29) shares it fairly; Pod Security Admission replaced PodSecurityPolicy (v1.25).")),
    "scheduler": Info(
        ("调度器", "Scheduler"), ("调度室", "the dispatch room"),
        ("盯着还没有节点的 Pod:先过滤掉放不下的节点,再给其余节点打分,把 Pod 绑定到得分最高的节点。",
         "Watches pods with no node: filters out nodes that cannot run them, scores the rest, binds each pod to the best."),
        ("调度室:决定每件活派给哪个工人。", "The dispatch room: decides which worker gets each job."),
        ("如今是插件化的调度框架:过滤插件 + 带权重的打分插件。",
         "Now a plugin framework: filter plugins, then score plugins with weights.")),
    "controller-manager": Info(
        ("控制器管理器", "Controller manager"), ("大总管", "the steward"),
        ("运行一组控制循环(ReplicaSet、Deployment、节点生命周期、EndpointSlice……),不断把实际状态拉向期望状态。",
         "Runs control loops (ReplicaSet, Deployment, node lifecycle...) that pull the actual state towards the desired one."),
        ("大总管:看账本,少了补、多了减、坏了换。", "The steward: checks the ledger, adds what is missing, removes extras, replaces what broke."),
        ("失联节点如今被打上 unreachable 污点,Pod 在 300 秒容忍到期后被驱逐(基于污点的驱逐,v1.18 正式)。",
         "A lost node is now tainted unreachable; its pods go when the 300 s toleration runs out (taint-based eviction, GA v1.18).")),
    "etcd": Info(
        ("etcd", "etcd"), ("账本", "the ledger"),
        ("一致的键值存储,保存所有对象(/registry/…);每次写入都让修订号加一。只有 API Server 直接读写它。",
         "A consistent key-value store holding every object (/registry/...); each write bumps the revision. Only the API server talks to it."),
        ("账本:所有事情都记在这里。", "The ledger: everything is written down here."),
        ("v1.13 起只支持 etcd v3 存储;托管的 Kubernetes 服务替你运维它。",
         "etcd v3 storage only since v1.13; managed Kubernetes services run it for you.")),
    "node": Info(
        ("工作节点", "Worker node"), ("干活的机器", "a machine that does the work"),
        ("运行 Pod 的机器(物理机或虚拟机),上面有 kubelet、kube-proxy 和容器运行时。",
         "A machine (physical or virtual) that runs pods, with a kubelet, kube-proxy and a container runtime."),
        ("工人所在的车间。", "The workshop where the workers are."),
        ("心跳改成小小的 Lease 对象(v1.17 正式);master 节点如今叫控制平面节点。",
         "Heartbeats are small Lease objects (GA v1.17); master nodes are now called control-plane nodes.")),
    "kubelet": Info(
        ("kubelet", "kubelet"), ("节点管家", "the node's foreman"),
        ("盯着绑定到本节点的 Pod:让运行时拉镜像、启动容器,监控它们,上报状态和心跳。",
         "Watches pods bound to its node: has the runtime pull images and start containers, watches them, reports status and heartbeats."),
        ("车间主任:接单、开工、汇报。", "The foreman: takes the order, starts the work, reports back."),
        ("只通过 CRI 与运行时对话(v1.24 起没有 dockershim);心跳写成 Lease 对象。",
         "Talks to the runtime only through the CRI (no dockershim since v1.24); heartbeats are Lease objects.")),
    "container-runtime": Info(
        ("容器运行时", "Container runtime"), ("containerd / CRI-O", "containerd / CRI-O"),
        ("真正拉取镜像、创建和运行容器的程序。", "The program that pulls images and creates and runs containers."),
        ("原文:Docker 负责创建容器。", "The article: Docker creates the containers."),
        ("v1.24 移除了 dockershim:kubelet 通过 CRI 使用 containerd 或 CRI-O;Docker 构建的镜像(OCI)照样能跑。",
         "v1.24 removed dockershim: the kubelet uses containerd or CRI-O through the CRI; images built with Docker (OCI) still run.")),
    "kube-proxy": Info(
        ("kube-proxy", "kube-proxy"), ("服务转发", "Service forwarding"),
        ("按 Service 和就绪端点在节点上写转发规则(iptables/IPVS),让虚拟 IP 的流量到达就绪的 Pod。",
         "Programs forwarding rules (iptables/IPVS) from Services and their ready endpoints, so a virtual IP reaches ready pods."),
        ("前台转接:把来电转给有空的人。", "The switchboard: forwards each call to someone available."),
        ("iptables、IPVS 之外多了 nftables 模式(v1.33 正式);Cilium 等网络插件可用 eBPF 取代它。",
         "An nftables mode (GA v1.33) beside iptables and IPVS; some plugins (Cilium) replace it with eBPF.")),
    "log-collector": Info(
        ("日志收集", "Log collector"), ("DaemonSet 插件", "add-on (DaemonSet)"),
        ("收集本节点容器的日志,送去存储和查询。", "Collects the node's container logs for storage and search."),
        ("原文:Fluentd 负责日志的收集、存储与查询。", "The article: Fluentd collects, stores and queries logs."),
        ("如今是可选插件(Fluentd、Fluent Bit 等),通常以 DaemonSet 运行,不是核心组件。",
         "Now an optional add-on (Fluentd, Fluent Bit...), usually run as a DaemonSet, not a core component.")),
    "cluster-dns": Info(
        ("集群 DNS", "Cluster DNS"), ("CoreDNS 插件", "CoreDNS add-on"),
        ("把 <服务>.<命名空间>.svc.cluster.local 解析成 Service 的 ClusterIP。",
         "Resolves <service>.<namespace>.svc.cluster.local to the Service's ClusterIP."),
        ("原文:kube-dns(可选)。", "The article: kube-dns (optional)."),
        ("从 v1.13 起默认的是 CoreDNS,取代了 kube-dns。", "CoreDNS has replaced kube-dns as the default since v1.13.")),
    "pod": Info(
        ("Pod", "Pod"), ("最小的调度单位", "the smallest unit"),
        ("一个或几个共享网络和存储的容器,一起被调度到同一个节点。",
         "One or more containers sharing network and storage, scheduled together onto one node."),
        ("一间房:里面可以住几个人。", "A room: several people may live in it."),
        ("多了原生边车容器(v1.33 正式)和排障用的临时容器(v1.25 正式);Pod 仍是调度的最小单位。",
         "Native sidecar containers (GA v1.33) and ephemeral debug containers (GA v1.25); still the smallest unit scheduled.")),
}

ACTOR_NAMES = {"kubectl": ("kubectl", "kubectl"), "scheduler": ("调度器", "scheduler"),
               "controller": ("控制器管理器", "controller manager"), "kubelet": ("kubelet", "kubelet"),
               "sim": ("模拟器", "simulator")}
