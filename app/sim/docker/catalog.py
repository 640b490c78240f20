"""The embedded Docker Hub's catalog of well-known official images.

Layer counts, sizes and runtime configs follow the real images (linux/amd64, late 2024) closely
enough to teach with; the blobs themselves are not shipped, so each layer's digest is a real sha256
over a deterministic label (``docker.io/library/<name>@<tag>#<n>``). Images built on another image
share that image's layers, exactly as on Docker Hub, so pulls and pushes skip them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .oci import History, Image, Layer, RunConfig, make_image, make_layer

PATH_DEFAULT = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
KB, MB = 1000, 1000 * 1000


@dataclass(frozen=True)
class Spec:
    key: str  # canonical "name:tag"
    aliases: tuple[str, ...]  # further tags of the same image
    parent: str | None
    layers: tuple[tuple[str, int, float], ...]  # (created_by, unpacked bytes, compression ratio)
    config: dict
    days_old: int
    logs: tuple[str, ...] = ()  # what the main process prints when the container starts


def _cfg(**kw: object) -> dict:
    return kw


def _s(key: str, aliases: str, parent: str | None, layers: list[tuple[str, float, float]], days: int,
       logs: tuple[str, ...] = (), **config: object) -> Spec:
    return Spec(key, tuple(aliases.split()), parent,
                tuple((cmd, int(mb * MB), ratio) for cmd, mb, ratio in layers), config, days, logs)


_NGINX_LOGS = (
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
    "[notice] 1#1: using the \"epoll\" event method",
    "[notice] 1#1: start worker processes",
)
_NGINX_CFG = dict(entrypoint=("/docker-entrypoint.sh",), cmd=("nginx", "-g", "daemon off;"),
                  exposed_ports=("80/tcp",), stop_signal="SIGQUIT",
                  env=(PATH_DEFAULT, "NGINX_VERSION=1.27.2", "NJS_VERSION=0.8.7"))
_NGINX_TAIL = [("COPY docker-entrypoint.sh / # buildkit", 0.0016, 0.4), ("COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit", 0.0021, 0.45),
               ("COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit", 0.0004, 0.9),
               ("COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit", 0.0033, 0.35),
               ("COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit", 0.0047, 0.3)]
_REDIS_CFG = dict(entrypoint=("docker-entrypoint.sh",), cmd=("redis-server",), exposed_ports=("6379/tcp",),
                  working_dir="/data", volumes=("/data",), env=(PATH_DEFAULT, "REDIS_VERSION=7.4.1"))
_REDIS_LOGS = ("1:C # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", "1:M * Running mode=standalone, port=6379.",
               "1:M * Server initialized", "1:M * Ready to accept connections tcp")
_PG_LOGS = ("PostgreSQL init process complete; ready for start up.",
            "LOG:  listening on IPv4 address \"0.0.0.0\", port 5432",
            "LOG:  database system is ready to accept connections")
_MYSQL_LOGS = ("[Entrypoint]: MySQL Server - start", "[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. port: 3306")


def _python(ver: str, full: str, base: str, variant: str, tags: str, days: int) -> Spec:
    apt = {"": ("RUN apt-get update && apt-get install -y --no-install-recommends libbluetooth-dev tk-dev uuid-dev", 18.2, 0.34),
           "slim": ("RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates netbase tzdata", 9.4, 0.37),
           "alpine": ("RUN apk add --no-cache ca-certificates tzdata", 1.2, 0.38)}[variant]
    build = {"": 72.0, "slim": 41.0, "alpine": 44.0}[variant]
    return _s(f"python:{tags.split()[0]}", " ".join(tags.split()[1:]), base,
              [apt, (f"RUN set -eux; wget -O python.tar.xz \"https://www.python.org/ftp/python/{full}/Python-{full}.tar.xz\"; ./configure; make -j; make install", build, 0.33),
               ("RUN set -eux; for src in idle3 pip3 pydoc3 python3 python3-config; do ln -svT \"$src\" \"/usr/local/bin/${src%3}\"; done", 0.004, 0.06)],
              days, cmd=("python3",), env=(PATH_DEFAULT, "LANG=C.UTF-8", f"PYTHON_VERSION={full}"))


def _node(major: str, full: str, base: str, variant: str, tags: str, days: int) -> Spec:
    size = {"": 190.0, "slim": 170.0, "alpine": 128.0}[variant]
    return _s(f"node:{tags.split()[0]}", " ".join(tags.split()[1:]), base,
              [("RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node", 0.008, 0.4),
               (f"RUN ARCH=x64 && curl -fsSLO https://nodejs.org/dist/v{full}/node-v{full}-linux-$ARCH.tar.xz && tar -xJf node-v{full}-linux-$ARCH.tar.xz -C /usr/local", size, 0.27),
               ("RUN set -ex && curl -fsSLO https://yarnpkg.com/downloads/1.22.22/yarn-v1.22.22.tar.gz && tar -xzf yarn-v1.22.22.tar.gz -C /opt/", 5.3, 0.24),
               ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.0004, 0.95)],
              days, entrypoint=("docker-entrypoint.sh",), cmd=("node",),
              env=(PATH_DEFAULT, f"NODE_VERSION={full}", "YARN_VERSION=1.22.22"))


def _golang(ver: str, base: str, variant: str, tags: str, days: int) -> Spec:
    first = ("RUN apt-get update && apt-get install -y --no-install-recommends g++ gcc libc6-dev make pkg-config", 300.0, 0.31) \
        if variant == "" else ("RUN apk add --no-cache ca-certificates", 0.6, 0.5)
    return _s(f"golang:{tags.split()[0]}", " ".join(tags.split()[1:]), base,
              [first, (f"COPY /target/ / # buildkit (go{ver}.linux-amd64.tar.gz)", 260.0, 0.28),
               ("RUN mkdir -p \"$GOPATH/src\" \"$GOPATH/bin\" && chmod -R 1777 \"$GOPATH\"", 0.0001, 1.0)],
              days, cmd=("bash",) if variant == "" else ("/bin/sh",), working_dir="/go",
              env=("PATH=/go/bin:/usr/local/go/bin:" + PATH_DEFAULT[5:], f"GOLANG_VERSION={ver}", "GOTOOLCHAIN=local", "GOPATH=/go"))


def _temurin(major: str, base: str, kind: str, tags: str, days: int) -> Spec:
    size = 320.0 if kind == "jdk" else 150.0
    return _s(f"eclipse-temurin:{tags.split()[0]}", " ".join(tags.split()[1:]), base,
              [("RUN apt-get update && apt-get install -y --no-install-recommends tzdata curl wget ca-certificates fontconfig locales", 46.0, 0.37),
               (f"RUN set -eux; curl -LfsSo /tmp/openjdk.tar.gz \"https://github.com/adoptium/temurin{major}-binaries/releases/download/...\"", size, 0.49),
               ("RUN set -eux; echo \"Verifying install ...\"; java -Xshare:dump", 0.3, 0.5),
               ("COPY entrypoint.sh /__cacert_entrypoint.sh # buildkit", 0.005, 0.4)],
              days, entrypoint=("/__cacert_entrypoint.sh",), cmd=("jshell",) if kind == "jdk" else None,
              env=("JAVA_HOME=/opt/java/openjdk", "PATH=/opt/java/openjdk/bin:" + PATH_DEFAULT[5:], "LANG=en_US.UTF-8"))


SPECS: tuple[Spec, ...] = (
    _s("alpine:3.20", "3.20.3 3 latest", None, [("ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit", 7.8, 0.46)], 60, cmd=("/bin/sh",)),
    _s("alpine:3.19", "3.19.4", None, [("ADD alpine-minirootfs-3.19.4-x86_64.tar.gz / # buildkit", 7.4, 0.46)], 60, cmd=("/bin/sh",)),
    _s("alpine:3.18", "3.18.9", None, [("ADD alpine-minirootfs-3.18.9-x86_64.tar.gz / # buildkit", 7.3, 0.46)], 60, cmd=("/bin/sh",)),
    _s("busybox:1.36", "1.36.1 latest stable", None, [("ADD busybox.tar.xz / # buildkit", 4.26, 0.5)], 420, cmd=("sh",)),
    # the init container of the DaemonSet page's example (basic-daemonset.yaml)
    _s("busybox:1.37", "1.37.0", None, [("ADD busybox.tar.xz / # buildkit", 4.27, 0.5)], 60, cmd=("sh",)),
    _s("hello-world:latest", "linux", None, [("COPY hello / # buildkit", 0.013, 0.19)], 560,
       ("Hello from Docker!", "This message shows that your installation appears to be working correctly."), cmd=("/hello",)),
    _s("debian:bookworm", "12 12.7 latest stable", None, [("ADD rootfs.tar.xz / # buildkit", 117.0, 0.42)], 30, cmd=("bash",)),
    _s("debian:bookworm-slim", "12-slim 12.7-slim stable-slim", None, [("ADD rootfs.tar.xz / # buildkit", 74.8, 0.377)], 30, cmd=("bash",)),
    _s("debian:bullseye", "11 11.11 oldstable", None, [("ADD rootfs.tar.xz / # buildkit", 124.0, 0.43)], 30, cmd=("bash",)),
    _s("debian:bullseye-slim", "11-slim oldstable-slim", None, [("ADD rootfs.tar.xz / # buildkit", 80.6, 0.39)], 30, cmd=("bash",)),
    _s("debian:stretch-slim", "9-slim", None, [("ADD file:stretch-slim-rootfs.tar.xz in / ", 55.3, 0.41)], 1800, cmd=("bash",)),
    _s("debian:buster-slim", "10-slim 10.13-slim", None, [("ADD file:buster-slim-rootfs.tar.xz in / ", 69.2, 0.392)], 150,
       cmd=("bash",)),
    _s("ubuntu:24.04", "noble latest", None, [("ADD file:ubuntu-noble-oci-amd64-root.tar.gz in / ", 78.1, 0.38)], 40, cmd=("/bin/bash",)),
    _s("ubuntu:22.04", "jammy", None, [("ADD file:ubuntu-jammy-oci-amd64-root.tar.gz in / ", 77.9, 0.38)], 40, cmd=("/bin/bash",)),
    _s("ubuntu:20.04", "focal", None, [("ADD file:ubuntu-focal-oci-amd64-root.tar.gz in / ", 72.8, 0.38)], 40, cmd=("/bin/bash",)),
    _s("oraclelinux:9-slim", "9-slim-fips", None, [("ADD oraclelinux-9-slim-amd64-rootfs.tar.xz / # buildkit", 114.0, 0.4)], 50, cmd=("/bin/bash",)),
    _s("buildpack-deps:bookworm-curl", "12-curl stable-curl", "debian:bookworm",
       [("RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget", 54.0, 0.44)], 30, cmd=("bash",)),
    _s("buildpack-deps:bookworm-scm", "12-scm stable-scm", "buildpack-deps:bookworm-curl",
       [("RUN apt-get update && apt-get install -y --no-install-recommends git mercurial openssh-client subversion procps", 190.0, 0.34)], 30, cmd=("bash",)),
    _s("buildpack-deps:bookworm", "12 stable latest", "buildpack-deps:bookworm-scm",
       [("RUN apt-get update && apt-get install -y --no-install-recommends autoconf automake bzip2 dpkg-dev file g++ gcc make ...", 580.0, 0.36)], 30, cmd=("bash",)),
    _python("3.12", "3.12.7", "buildpack-deps:bookworm", "", "3.12 3.12.7 3.12-bookworm 3 latest", 12),
    _python("3.12", "3.12.7", "debian:bookworm-slim", "slim", "3.12-slim 3.12.7-slim 3.12-slim-bookworm 3-slim slim", 12),
    _python("3.12", "3.12.7", "alpine:3.20", "alpine", "3.12-alpine 3.12.7-alpine 3.12-alpine3.20 3-alpine alpine", 12),
    _python("3.11", "3.11.10", "buildpack-deps:bookworm", "", "3.11 3.11.10 3.11-bookworm", 12),
    _python("3.11", "3.11.10", "debian:bookworm-slim", "slim", "3.11-slim 3.11.10-slim 3.11-slim-bookworm", 12),
    _python("3.11", "3.11.10", "alpine:3.20", "alpine", "3.11-alpine 3.11.10-alpine", 12),
    _node("20", "20.18.0", "buildpack-deps:bookworm", "", "20 20.18 20.18.0 iron lts 20-bookworm", 20),
    _node("20", "20.18.0", "debian:bookworm-slim", "slim", "20-slim 20.18-slim lts-slim iron-slim", 20),
    _node("20", "20.18.0", "alpine:3.20", "alpine", "20-alpine 20.18-alpine lts-alpine iron-alpine", 20),
    _node("22", "22.11.0", "buildpack-deps:bookworm", "", "22 22.11 22.11.0 jod latest current", 20),
    _node("22", "22.11.0", "debian:bookworm-slim", "slim", "22-slim 22.11-slim slim current-slim", 20),
    _node("22", "22.11.0", "alpine:3.20", "alpine", "22-alpine 22.11-alpine alpine current-alpine", 20),
    _golang("1.23.2", "buildpack-deps:bookworm-scm", "", "1.23 1.23.2 1.23-bookworm 1 latest", 25),
    _golang("1.23.2", "alpine:3.20", "alpine", "1.23-alpine 1.23.2-alpine 1-alpine alpine", 25),
    _golang("1.22.8", "buildpack-deps:bookworm-scm", "", "1.22 1.22.8 1.22-bookworm", 25),
    _golang("1.22.8", "alpine:3.20", "alpine", "1.22-alpine 1.22.8-alpine", 25),
    _s("nginx:1.27", "1.27.2 mainline 1 latest 1.27-bookworm", "debian:bookworm-slim",
       [("RUN set -x && groupadd --system --gid 101 nginx && apt-get update && apt-get install --no-install-recommends -y nginx=1.27.2-1~bookworm", 112.0, 0.365), *_NGINX_TAIL], 33,
       _NGINX_LOGS, **_NGINX_CFG),
    _s("nginx:1.26", "1.26.2 stable 1.26-bookworm", "debian:bookworm-slim",
       [("RUN set -x && groupadd --system --gid 101 nginx && apt-get update && apt-get install --no-install-recommends -y nginx=1.26.2-1~bookworm", 111.0, 0.365), *_NGINX_TAIL], 33, _NGINX_LOGS, **_NGINX_CFG),
    _s("nginx:1.25", "1.25.5 1.25-bookworm", "debian:bookworm-slim",
       [("RUN set -x && groupadd --system --gid 101 nginx && apt-get update && apt-get install --no-install-recommends -y nginx=1.25.5-1~bookworm", 110.0, 0.365), *_NGINX_TAIL], 190,
       _NGINX_LOGS, **_NGINX_CFG),
    # the image of the Kubernetes documentation's Deployment example (2018, Debian stretch, 3 layers)
    _s("nginx:1.14.2", "1.14", "debian:stretch-slim",
       [("RUN set -x && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 nginx=1.14.2-1~stretch", 53.6, 0.41),
        ("RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log", 0.0002, 1.0)],
       2200, ("nginx: [notice] start worker processes",), cmd=("nginx", "-g", "daemon off;"), exposed_ports=("80/tcp",),
       stop_signal="SIGTERM", env=(PATH_DEFAULT, "NGINX_VERSION=1.14.2-1~stretch", "NJS_VERSION=1.14.2.0.2.6-1~stretch")),
    # the image the Deployment page rolls out to (2020, Debian buster, 3 layers, 127 MB; nginx logs nothing
    # at start: its error_log level is warn)
    _s("nginx:1.16.1", "1.16", "debian:buster-slim",
       [("RUN set -x && addgroup --system --gid 101 nginx && adduser --system --disabled-login --ingroup nginx --no-create-home nginx && apt-get update && apt-get install --no-install-recommends --no-install-suggests -y nginx=1.16.1-1~buster njs gettext-base", 57.8, 0.386),
        ("RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log", 0.0002, 1.0)],
       1680, (), cmd=("nginx", "-g", "daemon off;"), exposed_ports=("80/tcp",), stop_signal="SIGTERM",
       env=(PATH_DEFAULT, "NGINX_VERSION=1.16.1", "NJS_VERSION=0.3.8", "PKG_RELEASE=1~buster")),
    _s("nginx:alpine", "1.27-alpine 1.27.2-alpine mainline-alpine alpine3.20", "alpine:3.20",
       [("RUN set -x && addgroup -g 101 -S nginx && apk add --no-cache nginx=1.27.2-r1", 5.9, 0.3), *_NGINX_TAIL,
        ("RUN set -x && apk add --no-cache nginx-module-njs=1.27.2.0.8.7-r1", 34.0, 0.36)], 33, _NGINX_LOGS, **_NGINX_CFG),
    _s("httpd:2.4", "2.4.62 2 latest 2.4-bookworm", "debian:bookworm-slim",
       [("RUN mkdir -p \"$HTTPD_PREFIX\" && chown www-data:www-data \"$HTTPD_PREFIX\"", 0.0001, 1.0),
        ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates libaprutil1-ldap libldap-common", 3.1, 0.38),
        ("RUN set -eux; curl -fL -o httpd.tar.bz2 https://dlcdn.apache.org/httpd/httpd-2.4.62.tar.bz2; ./configure; make -j; make install", 71.0, 0.34),
        ("COPY httpd-foreground /usr/local/bin/ # buildkit", 0.0004, 0.7)], 45,
       ("AH00558: httpd: Could not reliably determine the server's fully qualified domain name", "AH00094: Command line: 'httpd -D FOREGROUND'"),
       cmd=("httpd-foreground",), exposed_ports=("80/tcp",), stop_signal="SIGWINCH", working_dir="/usr/local/apache2",
       env=("PATH=/usr/local/apache2/bin:" + PATH_DEFAULT[5:], "HTTPD_PREFIX=/usr/local/apache2", "HTTPD_VERSION=2.4.62")),
    _s("redis:7.4", "7.4.1 7 latest 7.4-bookworm", "debian:bookworm-slim",
       [("RUN set -eux; groupadd -r -g 999 redis; useradd -r -g redis -u 999 redis", 0.0041, 0.3),
        ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends tzdata; gosu --version", 4.1, 0.36),
        ("RUN set -eux; wget -O redis.tar.gz \"$REDIS_DOWNLOAD_URL\"; make -C /usr/src/redis -j; make -C /usr/src/redis install", 48.0, 0.34),
        ("RUN mkdir /data && chown redis:redis /data", 0.0001, 1.0), ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.0058, 0.3)],
       21, _REDIS_LOGS, **_REDIS_CFG),
    _s("redis:7.4-alpine", "7.4.1-alpine 7-alpine alpine", "alpine:3.20",
       [("RUN set -eux; addgroup -S -g 1000 redis; adduser -S -G redis -u 999 redis", 0.005, 0.3),
        ("RUN set -eux; apk add --no-cache setpriv tzdata", 1.6, 0.4),
        ("RUN set -eux; apk add --no-cache --virtual .build-deps gcc make; make -C /usr/src/redis -j; make install", 29.0, 0.34),
        ("RUN mkdir /data && chown redis:redis /data", 0.0001, 1.0), ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.0058, 0.3)],
       21, _REDIS_LOGS, **_REDIS_CFG),
    *(_s(f"postgres:{v}", f"{v}.{m} {extra} {v}-bookworm", "debian:bookworm-slim",
         [("RUN set -eux; groupadd -r postgres --gid=999; useradd -r -g postgres --uid=999 postgres", 0.0044, 0.3),
          ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends gnupg less", 4.4, 0.4),
          ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates wget; gosu --version", 4.5, 0.4),
          ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends locales; localedef -i en_US -f UTF-8 en_US.UTF-8", 25.0, 0.3),
          ("RUN set -eux; apt-get update; apt-get install -y --no-install-recommends libnss-wrapper xz-utils zstd", 3.1, 0.3),
          ("RUN mkdir /docker-entrypoint-initdb.d", 0.0001, 1.0),
          ("RUN set -ex; key='B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8'; gpg --batch --export \"$key\" > /etc/apt/keyrings/postgres.gpg", 0.0026, 0.9),
          (f"RUN set -ex; apt-get update; apt-get install -y --no-install-recommends postgresql-common \"postgresql-{v}=$PG_VERSION\"", 300.0, 0.33),
          ("RUN set -eux; sed -ri \"s!^#?(listen_addresses)\\s*=\\s*\\S+.*!\\1 = '*'!\" /usr/share/postgresql/postgresql.conf.sample", 0.0096, 0.2),
          ("RUN mkdir -p /var/run/postgresql && chmod 3777 /var/run/postgresql", 0.0001, 1.0),
          ("RUN mkdir -p \"$PGDATA\" && chmod 1777 \"$PGDATA\"", 0.0001, 1.0),
          ("COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit", 0.0245, 0.27)], 14, _PG_LOGS,
         entrypoint=("docker-entrypoint.sh",), cmd=("postgres",), exposed_ports=("5432/tcp",), stop_signal="SIGINT",
         volumes=("/var/lib/postgresql/data",),
         env=(f"PATH=/usr/lib/postgresql/{v}/bin:" + PATH_DEFAULT[5:], "LANG=en_US.utf8", f"PG_MAJOR={v}", "PGDATA=/var/lib/postgresql/data"))
      for v, m, extra in (("17", "0", "latest"), ("16", "4", ""))),
    *(_s(f"mysql:{v}", f"{v}.{m} {extra} {v}-oraclelinux9", "oraclelinux:9-slim",
         [("RUN set -eux; groupadd --system --gid 999 mysql; useradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql mysql", 0.0025, 0.4),
          ("RUN set -eux; curl -fL -o /usr/local/bin/gosu https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64", 2.3, 0.45),
          ("RUN set -eux; ln -s /usr/local/bin/gosu /usr/bin/gosu", 0.0001, 1.0),
          ("RUN set -eux; microdnf install -y bzip2 gzip openssl xz zstd findutils; microdnf clean all", 20.0, 0.4),
          ("RUN set -eux; key='BCA43417C3B485DD128EC6D4B7B3B788A8D3785C'; gpg --batch --export --armor \"$key\" > /etc/pki/rpm-gpg/RPM-GPG-KEY-mysql", 0.0032, 0.9),
          (f"RUN set -eux; microdnf install -y \"mysql-community-server-minimal-{v}.{m}\"; microdnf clean all", 330.0, 0.33),
          ("RUN set -eux; microdnf install -y \"mysql-shell-$MYSQL_SHELL_VERSION\"; microdnf clean all", 140.0, 0.33),
          ("RUN mkdir /docker-entrypoint-initdb.d", 0.0001, 1.0),
          ("COPY docker-entrypoint.sh /usr/local/bin/ # buildkit", 0.0152, 0.32)], 18, _MYSQL_LOGS,
         entrypoint=("docker-entrypoint.sh",), cmd=("mysqld",), exposed_ports=("3306/tcp", "33060/tcp"),
         volumes=("/var/lib/mysql",), env=(PATH_DEFAULT, f"MYSQL_MAJOR={v}"))
      for v, m, extra in (("8.4", "3", "lts 8 latest"), ("8.0", "40", ""))),
    _temurin("21", "ubuntu:24.04", "jdk", "21 21-jdk 21-jdk-noble latest", 35),
    _temurin("21", "ubuntu:24.04", "jre", "21-jre 21-jre-noble", 35),
    _temurin("17", "ubuntu:22.04", "jdk", "17 17-jdk 17-jdk-jammy", 35),
    _temurin("17", "ubuntu:22.04", "jre", "17-jre 17-jre-jammy", 35),
    _s("registry:2", "2.8 2.8.3 latest", "alpine:3.18",
       [("RUN set -eux; apk add --no-cache ca-certificates", 0.7, 0.5), ("RUN set -eux; wget -O registry.tar.gz https://github.com/distribution/distribution/releases/download/v2.8.3/registry_2.8.3_linux_amd64.tar.gz", 20.0, 0.3),
        ("COPY ./config-example.yml /etc/docker/registry/config.yml # buildkit", 0.0003, 0.9), ("COPY docker-entrypoint.sh /entrypoint.sh # buildkit", 0.0002, 0.9)],
       300, ("level=info msg=\"listening on [::]:5000\"",), entrypoint=("/entrypoint.sh",), cmd=("/etc/docker/registry/config.yml",),
       exposed_ports=("5000/tcp",), volumes=("/var/lib/registry",)),
)


def _index() -> dict[str, Spec]:
    out: dict[str, Spec] = {}
    for spec in SPECS:
        name = spec.key.split(":")[0]
        for tag in (spec.key.split(":")[1], *spec.aliases):
            out.setdefault(f"{name}:{tag}", spec)
    return out


INDEX: dict[str, Spec] = _index()


def repositories() -> list[str]:
    return sorted({key.split(":")[0] for key in INDEX})


def tags_of(name: str) -> list[str]:
    return sorted(key.split(":", 1)[1] for key in INDEX if key.split(":")[0] == name)


def lookup(name: str, tag: str) -> Spec | None:
    """``name`` without ``library/``; None when the catalog does not know it."""
    return INDEX.get(f"{name}:{tag}")


@lru_cache(maxsize=None)
def build(key: str) -> Image:
    """The image of a catalog entry (pure function of the table, cached)."""
    spec = INDEX[key]
    created_at = -spec.days_old * 86400.0
    if spec.parent:
        parent = build(spec.parent)
        layers: list[Layer] = list(parent.layers)
        history = list(parent.history)
    else:
        layers, history = [], []
    from .oci import rfc3339
    stamp = rfc3339(created_at)
    for i, (created_by, unpacked, ratio) in enumerate(spec.layers):
        layers.append(make_layer(f"docker.io/library/{spec.key}#{i}".encode(), unpacked, ratio))
        history.append(History(stamp, created_by, False))
    cfg = dict(spec.config)
    for key_name in ("cmd", "entrypoint", "env", "exposed_ports", "volumes"):
        if key_name in cfg and isinstance(cfg[key_name], list):
            cfg[key_name] = tuple(cfg[key_name])
    config = RunConfig(**cfg)
    if config.cmd is not None:
        history.append(History(stamp, f"CMD {list(config.cmd)}".replace("'", '"'), True))
    return make_image(tuple(layers), config, tuple(history), created_at)


def logs_for(image: Image) -> tuple[str, ...]:
    for spec in SPECS:
        if build(spec.key).id == image.id:
            return spec.logs
    return ()
