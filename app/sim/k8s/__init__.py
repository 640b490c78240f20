"""The Kubernetes half of the engine: API server + store, scheduler, controllers, node agents, kubectl."""
