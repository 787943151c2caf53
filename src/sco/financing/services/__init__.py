"""Every write of the financing part: one transaction, the permission question first, one audit entry.

Writes to a plan's tranches, ledger and votes lock the plan row first (``select_for_update``: on PostgreSQL two
financiers recording on the same project queue there; on SQLite the database lock does it), so the balance a rule
reads is the balance the entry joins. The modules: ``plan`` (tranches), ``entries`` (the ledger and its chain),
``votes`` (board votes), ``imports`` (CSV files of rates and ledger rows), ``common`` (what they share).
"""

from sco.financing.services.common import FINANCEABLE
from sco.financing.services.entries import entry_digest, entry_record, entry_reverse, verify_chain
from sco.financing.services.imports import LEDGER_COLUMNS, ledger_import, rates_import
from sco.financing.services.plan import TrancheData, tranche_add
from sco.financing.services.votes import ballot_cast, board_vote_close, board_vote_open, vote_outcome

__all__ = [
    "FINANCEABLE",
    "LEDGER_COLUMNS",
    "TrancheData",
    "ballot_cast",
    "board_vote_close",
    "board_vote_open",
    "entry_digest",
    "entry_record",
    "entry_reverse",
    "ledger_import",
    "rates_import",
    "tranche_add",
    "verify_chain",
    "vote_outcome",
]
