"""The coordinator's class progress table, on screen and as CSV/XLSX."""
