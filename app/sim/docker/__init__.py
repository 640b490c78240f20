"""The Docker half of the engine: Dockerfile parser, builder, OCI images, registries, hosts, containers,
and the ``docker`` console program. Entry points: :class:`engine.DockerEngine` and :func:`cli.register`."""
