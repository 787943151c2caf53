"""A TAXII 2.1 store of STIX 2.1 object versions, shared between the members' national CERTs under TLP 2.0.

Each version is kept as it arrived (its JSON text) beside the columns every read filters or sorts on. Reads page by
(date_added, id) on an index, and TLP is enforced in the queryset (`StixObjectQuerySet.visible_to`), the one place
every read path goes through.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from sco.core.i18n import localized
from sco.infosec.tlp import Tlp
from sco.members.models import Institution, State

# The namespace our identity ids are made in (uuid5), so every instance names a CERT and a person alike.
IDENTITY_NAMESPACE = uuid.UUID("0b6b1f60-6c2e-5d0b-9a55-5c0f0e2b7a01")


@lru_cache(maxsize=4096)
def person_identity_id(username: str) -> str:
    return f"identity--{uuid.uuid5(IDENTITY_NAMESPACE, 'person:' + username)}"


class Cert(models.Model):
    """A national CERT: a platform institution with its STIX identity (identity_class organization)."""

    institution = models.OneToOneField(Institution, on_delete=models.PROTECT, related_name="cert")
    identity_id = models.CharField(_("STIX identity"), max_length=100, unique=True)
    created = models.DateTimeField(_("identity created"))
    # Who manages the CERT's machine keys (set by the Secretariat or the platform's administrator).
    admins = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("admins"))

    class Meta:
        ordering = ["institution__name_en"]
        verbose_name = _("CERT")
        verbose_name_plural = _("CERTs")

    def __str__(self) -> str:
        return self.institution.code

    @property
    def name(self) -> str:
        return self.institution.name


class Collection(models.Model):
    """A TAXII collection. `max_tlp` bounds what may be posted into it (a GREEN feed refuses AMBER)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    alias = models.SlugField(max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    max_tlp = models.PositiveSmallIntegerField(
        _("most restrictive TLP accepted"), choices=[(t.value, t.label) for t in Tlp], default=Tlp.RED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("TAXII collection")
        verbose_name_plural = _("TAXII collections")

    def __str__(self) -> str:
        return self.alias

    @property
    def title(self) -> str:
        return localized(self, "title")


class Grant(models.Model):
    """What one CERT may do in one collection."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="grants")
    cert = models.ForeignKey(Cert, on_delete=models.CASCADE, related_name="grants")
    can_read = models.BooleanField(default=True)
    can_write = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["collection", "cert"], name="infosec_grant_once")]
        verbose_name = _("collection grant")
        verbose_name_plural = _("collection grants")

    def __str__(self) -> str:
        return f"{self.cert} · {self.collection} · {'r' if self.can_read else '-'}{'w' if self.can_write else '-'}"


class ApiKey(models.Model):
    """A CERT's machine key for TAXII: hashed like the platform's API tokens (only the SHA-256 is kept), scoped to
    collections, expiring and revocable. It acts for its CERT and for the analyst who made it (TLP:RED is
    addressed to people)."""

    cert = models.ForeignKey(Cert, on_delete=models.CASCADE, related_name="keys")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    collections = models.ManyToManyField(Collection, related_name="+")
    may_write = models.BooleanField(_("may write"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("CERT API key")
        verbose_name_plural = _("CERT API keys")

    def __str__(self) -> str:
        return f"{self.cert} · {self.name} ({self.prefix}…)"


@dataclass(frozen=True)
class Viewer:
    """Who is reading, as the visibility rule needs it: the CERT (None for someone who acts for no CERT) and the
    person's own STIX identity (for TLP:RED)."""

    cert_id: int | None
    cert_identity: str | None
    person_identity: str | None
    user_id: int | None = None
    collection_ids: frozenset[uuid.UUID] | None = field(default=None)  # a key's scope; None = every granted one


class StixObjectQuerySet(models.QuerySet["StixObject"]):
    def visible_to(self, viewer: Viewer) -> StixObjectQuerySet:
        """TLP 2.0 on the server: CLEAR to every CERT, GREEN to the community (every member CERT), AMBER and
        AMBER+STRICT to the organisations the producer named, RED to the people it named; the producer always
        sees its own. Someone acting for no CERT sees CLEAR only."""
        if viewer.cert_id is None:
            return self.filter(tlp=Tlp.CLEAR)
        audience = Audience.objects.filter(obj=OuterRef("pk"))
        # a first-row subquery, not Exists: see `visibility_sql` (PostgreSQL would hash every audience row first)
        return self.alias(
            amber_ok=Subquery(audience.filter(principal=viewer.cert_identity).values("pk")[:1]),
            red_ok=Subquery(audience.filter(principal=viewer.person_identity or "-").values("pk")[:1]),
        ).filter(
            Q(tlp__lte=Tlp.GREEN)
            | Q(creator_id=viewer.cert_id)
            | Q(tlp__in=[Tlp.AMBER, Tlp.AMBER_STRICT], amber_ok__isnull=False)
            | Q(tlp=Tlp.RED, red_ok__isnull=False)
        )


def visibility_sql(viewer: Viewer, table: str) -> tuple[str, list[object]]:
    """The same rule as `StixObjectQuerySet.visible_to`, as SQL for the hand-written page query (the hot path: the
    ORM spends more CPU compiling the query than PostgreSQL spends answering it). A test holds the two equal."""
    if viewer.cert_id is None:
        return f"{table}.tlp = %s", [int(Tlp.CLEAR)]
    # One probe of the (principal, obj) index per AMBER or RED row on the page. Written as a scalar subquery with
    # LIMIT 1, not EXISTS: inside an OR, PostgreSQL turns EXISTS into a hashed subplan that first reads every
    # audience row of the principal in every collection (1.3 s at 1,000,000 objects), so the page would grow with
    # the store. Only our own table alias and the TLP levels (this module's integer constants, as literals: fewer
    # parameters to send on the hot path) are interpolated; every value from a request or a row goes as a parameter.
    audience = f"SELECT 1 FROM infosec_audience a WHERE a.principal = %s AND a.obj_id = {table}.id LIMIT 1"  # noqa: S608
    green, amber, strict, red = int(Tlp.GREEN), int(Tlp.AMBER), int(Tlp.AMBER_STRICT), int(Tlp.RED)
    sql = (
        f"({table}.tlp <= {green} OR {table}.creator_id = %s"
        f" OR ({table}.tlp IN ({amber}, {strict}) AND ({audience}) IS NOT NULL)"
        f" OR ({table}.tlp = {red} AND ({audience}) IS NOT NULL))"
    )
    params: list[object] = [viewer.cert_id, viewer.cert_identity, viewer.person_identity or "-"]
    return sql, params


class StixObject(models.Model):
    """One version of one STIX object in one collection, as it arrived."""

    id = models.BigAutoField(primary_key=True)
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="stix_objects")
    stix_id = models.CharField(max_length=100)
    type = models.CharField(max_length=50)
    spec_version = models.CharField(max_length=8, default="2.1")
    version = models.DateTimeField(help_text="modified, else created, else the time it was first added (SCOs)")
    date_added = models.DateTimeField()
    is_latest = models.BooleanField(default=True)
    tlp = models.PositiveSmallIntegerField(choices=[(t.value, t.label) for t in Tlp])
    creator = models.ForeignKey(Cert, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by_ref = models.CharField(max_length=100, blank=True)
    revoked = models.BooleanField(default=False)
    payload = models.TextField(help_text="the object's JSON as it arrived")
    signature = models.TextField(blank=True, help_text="detached JWS over the RFC 8785 form of the payload")

    objects = StixObjectQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collection", "stix_id", "version"], name="infosec_one_version"),
        ]
        indexes = [
            # the objects listing: latest versions in date_added order (keyset pagination)
            models.Index(
                fields=["collection", "date_added", "id"], condition=Q(is_latest=True), name="infosec_latest_page"
            ),
            # manifest and versions=all: every version in date_added order
            models.Index(fields=["collection", "date_added", "id"], name="infosec_all_page"),
            models.Index(fields=["stix_id", "version"], name="infosec_stix_id"),
            models.Index(fields=["collection", "type", "date_added", "id"], name="infosec_type_page"),
        ]
        verbose_name = _("STIX object version")
        verbose_name_plural = _("STIX object versions")

    def __str__(self) -> str:
        return f"{self.stix_id} @ {self.version.isoformat()}"

    @property
    def tlp_level(self) -> Tlp:
        return Tlp(self.tlp)


class Audience(models.Model):
    """Who an AMBER, AMBER+STRICT or RED version is addressed to: CERT identities (AMBER) or person identities (RED),
    from the object's `x_sco_audience_refs`."""

    obj = models.ForeignKey(StixObject, on_delete=models.CASCADE, related_name="audience")
    principal = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["principal", "obj"], name="infosec_audience_once")]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self) -> str:
        return self.principal


class SensitiveRead(models.Model):
    """One request's reads of AMBER, AMBER+STRICT and RED versions, appended on the read path by one INSERT that
    takes no lock. `services.sensitive_reads_fold` writes each into the audit chain (one entry per request, with the
    time of the read) within a minute (`tasks.py`): the chain's head lock stays off every TAXII page."""

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    cert = models.ForeignKey(Cert, on_delete=models.PROTECT, null=True, related_name="+")
    key_prefix = models.CharField(max_length=12, blank=True)
    place = models.CharField(max_length=100)
    versions = models.TextField(help_text="the StixObject rows read, as 'id:tlp' separated by commas")
    audit_seq = models.BigIntegerField(null=True, blank=True, help_text="the audit entry that holds this read")

    class Meta:
        indexes = [models.Index(fields=["id"], condition=Q(audit_seq__isnull=True), name="infosec_read_unfolded")]
        verbose_name = _("sensitive read")
        verbose_name_plural = _("sensitive reads")

    def __str__(self) -> str:
        return f"{self.place} @ {self.at.isoformat()}"


class AddStatus(models.Model):
    """The TAXII status resource of one POST (kept at least 24 hours, as the spec asks; we keep it)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="+")
    cert = models.ForeignKey(Cert, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    request_timestamp = models.DateTimeField()
    successes = models.JSONField(default=list)
    failures = models.JSONField(default=list)

    class Meta:
        verbose_name = _("TAXII status")
        verbose_name_plural = _("TAXII statuses")

    def __str__(self) -> str:
        return str(self.id)


class PullSource(models.Model):
    """A collection on another instance this instance pulls from, with where the last pull stopped."""

    name = models.SlugField(max_length=60, unique=True)
    api_root_url = models.URLField(max_length=400)
    remote_collection = models.CharField(max_length=100)
    into = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")
    key_env = models.CharField(
        max_length=100, help_text="name of the environment variable holding the remote key (never the DB)"
    )
    added_after = models.CharField(max_length=40, blank=True)
    next_token = models.TextField(blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=20, blank=True)
    last_message = models.TextField(blank=True)
    pulled = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("federation source")
        verbose_name_plural = _("federation sources")

    def __str__(self) -> str:
        return self.name
