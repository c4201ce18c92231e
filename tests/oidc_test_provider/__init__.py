"""A scratch OpenID Connect provider for the sign-in tests: django-oidc-provider in a
project of its own (settings, SQLite file in a temporary folder), started as a
separate process on loopback. ``server.py`` starts it and fills it."""
