"""Certificates: records, PDF rendering, background issue and public verification."""
