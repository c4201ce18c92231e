"""Target populations per unit, audience and school year: typed in the admin,
imported from a CSV, or counted from complete rosters; and coverage."""
