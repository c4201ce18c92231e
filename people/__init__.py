"""People: users, organisations, classes, memberships and roles."""
