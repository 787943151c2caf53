from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sco.core.errors import Conflict, InvalidInput, NotFound


class BadTradeFile(InvalidInput):
    code = "trade_bad_file"
    message_template = _("The file was not imported, nothing of it was stored: %(reason)s (line %(line)s).")


class ImportOverlaps(Conflict):
    code = "trade_import_overlaps"
    message_template = _(
        "The file was not imported: it has figures already imported into %(dataset)s from another file (%(key)s)."
    )


class UnknownDataset(InvalidInput):
    code = "trade_unknown_dataset"
    message_template = _("Unknown dataset: %(dataset)s.")


class UnknownCountry(NotFound):
    code = "trade_unknown_country"
    message_template = _("No member state with the code %(code)s.")


class BadMemberSet(InvalidInput):
    code = "trade_bad_member_set"
    message_template = _("Choose at least two member states for a fixed set.")
