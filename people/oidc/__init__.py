"""Sign-in through an OpenID Connect provider (VNeID or the province's single
sign-on), on mozilla-django-oidc: ``provider`` reads the configuration, ``linking``
decides which account an identity opens, ``backend`` verifies what the provider
sent, ``views`` start and finish the flow."""
