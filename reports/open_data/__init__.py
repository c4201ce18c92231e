"""Public open data: completion figures per commune, CSV and JSON."""
