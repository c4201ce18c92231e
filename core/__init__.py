"""The plumbing under every app, below `people` in the layers: handing a task to the
broker without waiting on it (with a circuit breaker) and reading JSON request bodies.
It imports no app of the project and no `config` module: apps never import `config`.
"""
