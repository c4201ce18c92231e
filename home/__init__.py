"""Home: the home page and the site-wide settings (branding, certificate issuer)."""
