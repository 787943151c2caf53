"""Metadata of the trade monitor. The observations themselves live in Parquet files (see store.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    """A body of trade data with one source and one valuation, e.g. IMF DOTS or a UN Comtrade extract."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"))
    licence = models.TextField(_("licence"), blank=True)
    valuation = models.CharField(_("valuation"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Import(models.Model):
    """One imported file. Its rows are one Parquet file named by the file's SHA-256: a re-import finds it here."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(max_length=64)
    layout = models.CharField(_("layout"), max_length=20)
    rows = models.PositiveBigIntegerField(_("rows"))
    skipped = models.PositiveBigIntegerField(_("rows skipped"), default=0)
    year_min = models.PositiveSmallIntegerField(null=True)
    year_max = models.PositiveSmallIntegerField(null=True)
    parquet = models.CharField(max_length=300, help_text="path relative to the store")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["imported_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["dataset", "sha256"], name="trade_import_once")]

    def __str__(self) -> str:
        return f"{self.dataset.code}: {self.file_name}"


class CodeMapping(models.Model):
    """A country number in one scheme (M49, UN Comtrade) and the ISO 3166 alpha-3 code it stands for."""

    scheme = models.CharField(max_length=20)
    code = models.PositiveIntegerField()
    iso3 = models.CharField(max_length=3)
    name = models.CharField(max_length=200)
    source = models.TextField()

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="trade_code_once")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}={self.iso3}"


class PublishedFigure(models.Model):
    """A figure someone published about trade, kept as said, beside what the data gives."""

    reporter = models.CharField(_("about"), max_length=3, help_text="ISO alpha-3")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=60, blank=True, help_text="empty: the whole year")
    scope = models.TextField(_("scope"))
    value_usd_bn = models.DecimalField(_("value, USD bn"), max_digits=10, decimal_places=2, null=True, blank=True)
    growth_pct = models.DecimalField(_("growth, %"), max_digits=6, decimal_places=2, null=True, blank=True)
    previous_usd_bn = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    speaker = models.CharField(_("who said it"), max_length=200)
    said_on = models.DateField(_("when"), null=True, blank=True)
    source = models.TextField(_("source"))
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["reporter", "year", "said_on", "pk"]

    def __str__(self) -> str:
        return f"{self.reporter} {self.year}: {self.speaker}"
