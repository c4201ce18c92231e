"""Rate-limit windows counted in the database."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """A rate-limit window counted in the database while the cache is down
    (people/ratelimit.py): a limit must hold when Redis does not."""

    key = models.CharField(max_length=64, unique=True)  # a hash: no personal data
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key[:12]}… {self.count}"
