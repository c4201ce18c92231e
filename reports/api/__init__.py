"""The REST API for other systems, /api/v1/ (docs/api.md): units, courses,
completions, certificates and aggregate counts for one organisation's subtree."""
