"""Completion targets that department viewers set for their area."""
