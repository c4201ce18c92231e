"""Search: site search over courses and lessons."""
