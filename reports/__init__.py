"""Reports: completion statistics, charts and exports."""
