"""Clients of the REST API for other systems (reports/api/) and their access log."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def token_hash(token):
    """SHA-256 of the whole token: tokens carry 256 random bits, so a fast hash
    is enough (nothing to guess a password from) and the lookup is one index."""
    return hashlib.sha256(str(token).encode()).hexdigest()


class ApiClientQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    """Another system (the province's data warehouse, the national platform) reading
    one organisation's subtree with a bearer token.

    Only the hash of the token is kept; the token itself is shown once when the
    client is made (``manage.py api_clients create``). Full personal IDs in
    completions need ``authorised_for_personal_data``, which only a department
    administrator or superuser sets (the command asks who authorises).
    """

    class Scope(models.TextChoices):
        AGGREGATES = "aggregates", _("Aggregate counts (open data)")
        COMPLETIONS = "completions", _("Completions and certificates")
        IMPORT = "import", _("Import completions from another platform")

    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=150)
    prefix = models.CharField(_("token prefix"), max_length=PREFIX_LENGTH, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    authorised_for_personal_data = models.BooleanField(
        _("may read full personal IDs"), default=False
    )
    authorised_by = models.ForeignKey(
        "people.User",
        verbose_name=_("authorised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @classmethod
    def issue(cls, **fields):
        """(client, token): the token is returned once and never stored."""
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        token = f"{prefix}.{secrets.token_urlsafe(32)}"
        client = cls.objects.create(
            prefix=prefix, token_hash=token_hash(token), **fields
        )
        return client, token

    def has_scope(self, scope):
        return scope in self.scopes


class ApiAccess(models.Model):
    """One request of a client: who asked what, how many rows went out, the answer."""

    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="accesses"
    )
    endpoint = models.CharField(max_length=100)
    params = models.JSONField(default=dict)
    rows = models.PositiveIntegerField(default=0)
    status = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now, db_index=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("API access")
        verbose_name_plural = _("API accesses")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.client_id} {self.endpoint} {self.status}"
