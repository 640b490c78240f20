"""``docker COMMAND --help``: the usage line and the options this simulator understands."""
from __future__ import annotations

USAGE: dict[str, tuple[str, tuple[str, ...]]] = {
    "build": ("build [OPTIONS] PATH | -", (
        "-t, --tag NAME[:TAG]     name the image (repeatable)",
        "-f, --file FILE          Dockerfile (default PATH/Dockerfile; - reads standard input)",
        "    --target STAGE       build only up to this stage (and the stages it needs)",
        "    --build-arg K=V      set a build-time variable (repeatable)",
        "    --no-cache           do not use the build cache",
        "    --label K=V          add a label to the image",
        "    --progress MODE      auto, tty, plain or quiet",
        "-q, --quiet              print only the image ID")),
    "images": ("images [OPTIONS] [REPOSITORY[:TAG]]", (
        "-a, --all                show all images", "-q, --quiet              only IDs",
        "    --digests            show digests", "    --no-trunc           full IDs",
        "-f, --filter F           dangling=true|false, reference=NAME", "    --format T           Go template")),
    "history": ("history [OPTIONS] IMAGE", ("    --no-trunc           full output", "-q, --quiet              only IDs")),
    "inspect": ("inspect [OPTIONS] NAME|ID [NAME|ID...]", (
        "-f, --format T           {{.Field}}, {{json .Field}}, {{len .Field}}, {{index .Field \"key\"}}",
        "    --type TYPE          image or container")),
    "tag": ("tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", ()),
    "rmi": ("rmi [OPTIONS] IMAGE [IMAGE...]", ("-f, --force              untag/delete even if stopped containers use it",)),
    "pull": ("pull [OPTIONS] NAME[:TAG|@DIGEST]", ("-q, --quiet              only the image name",
                                                   "    --platform P         linux/amd64 only")),
    "push": ("push [OPTIONS] NAME[:TAG]", ("-a, --all-tags           push every tag of the repository",
                                          "-q, --quiet              only the digest line")),
    "login": ("login [OPTIONS] [SERVER]", ("-u, --username USER", "-p, --password PASS",
                                          "    --password-stdin     read the password from standard input")),
    "logout": ("logout [SERVER]", ()),
    "run": ("run [OPTIONS] IMAGE [COMMAND] [ARG...]", (
        "-d, --detach             run in the background and print the container ID",
        "-i, -t, -it              interactive with a terminal (shells keep running)",
        "    --rm                 remove the container when it exits",
        "    --name NAME          container name (default: a random adjective_scientist)",
        "-p, --publish H:C        publish container port C on host port H (repeatable)",
        "-e, --env K=V            environment variable (repeatable)",
        "-w, --workdir DIR        working directory", "    --entrypoint CMD     replace the image's entrypoint",
        "    --pull POLICY        missing (default), always or never")),
    "ps": ("ps [OPTIONS]", ("-a, --all                include stopped containers", "-q, --quiet              only IDs",
                            "-l, --latest             the newest container", "-n, --last N             the N newest",
                            "-f, --filter F           status=, name=, ancestor=", "    --no-trunc           full output",
                            "    --format T           Go template")),
    "stop": ("stop [OPTIONS] CONTAINER [CONTAINER...]", ("-t, --time SECONDS       wait before killing (default 10)",)),
    "kill": ("kill [OPTIONS] CONTAINER [CONTAINER...]", ("-s, --signal SIG         KILL (default), TERM, INT, QUIT, HUP",)),
    "logs": ("logs [OPTIONS] CONTAINER", ("-t, --timestamps         show timestamps", "-n, --tail N             last N lines")),
    "rm": ("rm [OPTIONS] CONTAINER [CONTAINER...]", ("-f, --force              kill a running container first",)),
}


def help_for(name: str, summary: str) -> str:
    usage, options = USAGE.get(name, (f"{name} [OPTIONS]", ()))
    lines = ["", f"Usage:  docker {usage}", "", summary]
    if options:
        lines += ["", "Options:", *[f"  {o}" for o in options]]
    return "\n".join(lines)
