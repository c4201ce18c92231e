"""The plumbing under every app, below `people` in the layers: handing a task to the
broker without waiting on it (with a circuit breaker), reading JSON request bodies and
reading uploaded files safely (`uploads`), and writing numbers the one way every page
shows them (`figures`, with its template library).
It imports no app of the project and no `config` module: apps never import `config`.
"""
