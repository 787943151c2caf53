"""Every write of the info-security exchange: CERTs, collections and grants (`registry`), keys (`keys`), object
versions (`objects`) and what the analysts' pages write (`analysts`).

Each service runs in one transaction, asks its permission question first, and writes one audit entry.
"""

from sco.infosec.services.analysts import report_submit, sighting_record
from sco.infosec.services.keys import KEY_DAYS, MAX_KEY_DAYS, cert_admin_set, key_create, key_revoke
from sco.infosec.services.objects import (
    AUDIENCE_PROPERTY,
    MAX_OBJECTS,
    object_delete,
    objects_add,
)
from sco.infosec.services.reads import page_read, sensitive_reads_fold, sensitive_reads_log
from sco.infosec.services.registry import (
    cert_identity_for,
    cert_register,
    collection_create,
    grant_set,
    identity_object,
)

__all__ = [
    "AUDIENCE_PROPERTY",
    "KEY_DAYS",
    "MAX_KEY_DAYS",
    "MAX_OBJECTS",
    "cert_admin_set",
    "cert_identity_for",
    "cert_register",
    "collection_create",
    "grant_set",
    "identity_object",
    "key_create",
    "key_revoke",
    "object_delete",
    "objects_add",
    "page_read",
    "report_submit",
    "sensitive_reads_fold",
    "sensitive_reads_log",
    "sighting_record",
]
