"""The corridor network (nodes and edges with their sources), demand scenarios, saved route queries, and the edits
through which an investment project changes the network."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sco.corridors.network import CONFIDENCE, EDIT_KINDS, MODES, NODE_KINDS


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class NetworkRevision(models.Model):
    """One row. Every write to the network bumps ``number``; each process keeps its compiled graph for the number
    it built it from and rebuilds when the stored number moves (so several processes stay coherent)."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("network revision")

    def __str__(self) -> str:
        return f"revision {self.number}"


class Node(models.Model):
    code = models.CharField(_("id"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120, blank=True)
    country = models.CharField(_("country (ISO 3166-1 alpha-2)"), max_length=2, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=_choices(NODE_KINDS))
    lon = models.FloatField(_("longitude"))
    lat = models.FloatField(_("latitude"))
    gauge = models.PositiveIntegerField(_("track gauge (mm)"), default=0)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("node")
        verbose_name_plural = _("nodes")

    def __str__(self) -> str:
        return self.code


class Edge(models.Model):
    code = models.CharField(_("id"), max_length=100, unique=True)
    source = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="out_edges", verbose_name=_("from"))
    target = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="in_edges", verbose_name=_("to"))
    mode = models.CharField(_("mode"), max_length=10, choices=_choices(MODES))
    km = models.FloatField(_("length (km)"))
    time_h_mean = models.FloatField(_("time, mean (h)"))
    time_h_p95 = models.FloatField(_("time, 95th percentile (h)"))
    cost_usd_per_teu = models.FloatField(_("cost (US$ per TEU)"))
    cost_usd_per_t = models.FloatField(_("cost (US$ per tonne)"))
    capacity_t_per_year = models.FloatField(_("capacity (t a year)"), null=True, blank=True)
    co2_g_per_tkm = models.FloatField(_("CO2 (g per tonne-km)"))
    two_way = models.BooleanField(_("both directions"), default=True)
    planned = models.BooleanField(_("planned (only with a project)"), default=False)
    corridors = models.CharField(_("corridors"), max_length=40, blank=True)
    source_text = models.TextField(_("source"))
    confidence = models.CharField(_("confidence"), max_length=10, choices=_choices(CONFIDENCE))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("edge")
        verbose_name_plural = _("edges")
        constraints = [
            models.CheckConstraint(condition=models.Q(km__gte=0), name="corridors_edge_km_gte_0"),
            models.CheckConstraint(
                condition=models.Q(capacity_t_per_year__isnull=True) | models.Q(capacity_t_per_year__gte=0),
                name="corridors_edge_capacity_gte_0",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def countries(self) -> set[str]:
        return {self.source.country, self.target.country}


class Scenario(models.Model):
    """Demand between hubs for a year. Private to its author until shared."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    year = models.PositiveIntegerField(_("year"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    demands = models.JSONField(_("demands"), default=list)
    source = models.TextField(_("source"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=_choices(CONFIDENCE), default="estimate")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="corridor_scenarios"
    )
    shared = models.BooleanField(_("shared"), default=False)
    # When true, demand beyond what the network can carry is reported as not carried (at a penalty per tonne)
    # instead of making the scenario infeasible.
    allow_unserved = models.BooleanField(_("show demand the network cannot carry"), default=False)
    # What the scenario changes in the network, compared with the network as it is (the baseline): edits of its
    # own ({"edge", "kind", "value"}, as a project's) and the edits of the projects it takes in.
    edits = models.JSONField(_("edits of the network"), default=list, blank=True)
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="corridor_scenarios", verbose_name=_("projects taken in")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "key"]
        verbose_name = _("demand scenario")
        verbose_name_plural = _("demand scenarios")

    def __str__(self) -> str:
        return self.key


class RouteQuery(models.Model):
    """A route asked for, with the parameters it was asked with and what the model answered."""

    origin = models.CharField(_("from"), max_length=40)
    destination = models.CharField(_("to"), max_length=40)
    corridor = models.CharField(_("corridor"), max_length=4, blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    result = models.JSONField(_("result"), default=dict)
    revision = models.PositiveBigIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="corridor_route_queries"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("route query")

    def __str__(self) -> str:
        return f"{self.origin} -> {self.destination} {self.corridor}".strip()


class ProjectEdit(models.Model):
    """How an investment project changes one edge (see network.Edit)."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="corridor_edits")
    edge = models.ForeignKey(Edge, on_delete=models.PROTECT, related_name="project_edits")
    kind = models.CharField(_("kind"), max_length=30, choices=_choices(EDIT_KINDS))
    value = models.FloatField(_("value"), default=0)
    note = models.TextField(_("source or reasoning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("project edit")
        constraints = [
            models.UniqueConstraint(fields=["project", "edge", "kind"], name="corridors_projectedit_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.edge_id}: {self.kind} {self.value}"
