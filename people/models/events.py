"""Merges and splits of units (the 2025 two-tier reorganisation and any later one)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class UnitEvent(models.Model):
    """On ``date`` the ``predecessors`` ended and the ``successors`` took over.

    A merge joins one or more units into one successor; a split divides one unit
    among several successors. people/unit_events.py records them (validity dates and
    ``succeeded_by`` follow); reports/tree.py says where their figures count.
    """

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge")
        SPLIT = "split", _("Split")

    kind = models.CharField(_("event kind"), max_length=10, choices=Kind)
    date = models.DateField(
        _("effective date"),
        help_text=_(
            "The first day of the successors; the old units end the day before."
        ),
    )
    decision = models.CharField(
        _("decision"),
        max_length=255,
        blank=True,
        help_text=_(
            "The resolution or decision that ordered it, e.g. 1683/NQ-UBTVQH15."
        ),
    )
    predecessors = models.ManyToManyField(
        Organisation, verbose_name=_("old units"), related_name="ended_by"
    )
    successors = models.ManyToManyField(
        Organisation, verbose_name=_("successor units"), related_name="started_by"
    )

    class Meta:
        verbose_name = _("merge or split")
        verbose_name_plural = _("merges and splits")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
