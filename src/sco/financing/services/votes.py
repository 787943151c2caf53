"""Board votes: a bank's or a fund's board approves a tranche by the weighted rules of ``decisions.consensus``
(weighted majority of capital shares, double majority, unanimity for reserved matters)."""

from __future__ import annotations

from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sco.core import audit
from sco.core.models import User
from sco.decisions import consensus
from sco.decisions.consensus import Ballot, BoardRule, Quota, VoteStatus
from sco.financing import cache
from sco.financing.errors import AlreadyVoted, FinancingInvalid, NotThisInstitution, VoteClosed
from sco.financing.models import BoardBallot, BoardVote, Shareholding, Tranche
from sco.financing.services.common import locked_plan
from sco.members import permissions as members
from sco.members.models import State


@transaction.atomic
def board_vote_open(
    *,
    actor: User,
    tranche: Tranche,
    rule: str,
    reserved_matter: bool = False,
    share_quota: Quota = consensus.SIMPLE_MAJORITY,
    member_quota: Quota = consensus.SIMPLE_MAJORITY,
) -> BoardVote:
    """A financier of the institution (or the Secretariat) puts a tranche to the institution's board."""
    members.ensure_signed_in(actor)
    if not (members.is_secretariat(actor) or members.may_act_for_institution(actor, tranche.institution)):
        raise NotThisInstitution()
    try:
        board_rule = BoardRule(rule)
    except ValueError:
        raise FinancingInvalid(field_errors={"rule": [_("Choose a voting rule.")]}) from None
    if reserved_matter and board_rule is not BoardRule.UNANIMITY:
        raise FinancingInvalid(field_errors={"rule": [_("A reserved matter is decided by unanimity.")]})
    if not Shareholding.objects.filter(institution=tranche.institution).exists():
        raise FinancingInvalid(field_errors={"rule": [_("The institution has no recorded capital shares.")]})
    locked_plan(tranche.plan.project)
    if BoardVote.objects.filter(tranche=tranche, status=VoteStatus.OPEN).exists():
        raise VoteClosed(_("A board vote on this tranche is already open."))
    vote = BoardVote.objects.create(
        tranche=tranche,
        rule=board_rule.value,
        reserved_matter=reserved_matter,
        share_quota_num=share_quota.fraction.numerator,
        share_quota_den=share_quota.fraction.denominator,
        share_quota_strict=share_quota.strict,
        member_quota_num=member_quota.fraction.numerator,
        member_quota_den=member_quota.fraction.denominator,
        member_quota_strict=member_quota.strict,
        opened_by=actor,
        opened_at=timezone.now(),
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=tranche.institution,
        action="financing.board_vote_opened",
        target=vote,
        after={"tranche": tranche.pk, "rule": board_rule.value, "reserved_matter": reserved_matter},
    )
    return vote


def vote_outcome(vote: BoardVote, *, closed: bool | None = None) -> consensus.WeightedOutcome[int]:
    holdings = list(Shareholding.objects.filter(institution_id=vote.tranche.institution_id))
    ballots = {b.holding_id: Ballot(b.choice) for b in vote.ballots.all()}
    return consensus.weighted_outcome(
        rule=BoardRule(vote.rule),
        weights={h.pk: h.share for h in holdings},
        ballots=ballots,
        closed=vote.closed_at is not None if closed is None else closed,
        share_quota=Quota(Fraction(vote.share_quota_num, vote.share_quota_den), vote.share_quota_strict),
        member_quota=Quota(Fraction(vote.member_quota_num, vote.member_quota_den), vote.member_quota_strict),
    )


def _settle(vote: BoardVote, outcome: consensus.WeightedOutcome[int], *, actor: User) -> None:
    if outcome.status is VoteStatus.OPEN:
        return
    vote.status = outcome.status.value
    vote.closed_at = vote.closed_at or timezone.now()
    vote.save(update_fields=["status", "closed_at"])
    if outcome.status is VoteStatus.ADOPTED:
        Tranche.objects.filter(pk=vote.tranche_id).update(approved_at=vote.closed_at)
    cache.changed()
    audit.record(
        actor=actor,
        action=f"financing.board_vote_{outcome.status.value}",
        target=vote,
        after={"yes_share": str(outcome.yes_share), "yes_members": len(outcome.yes_members)},
    )


@transaction.atomic
def ballot_cast(*, actor: User, vote: BoardVote, state: State, choice: str) -> BoardBallot:
    """A state's delegation casts its capital share's ballot. Final once cast; the vote settles as soon as its
    outcome is certain."""
    members.ensure_may_act_for(actor, state)
    try:
        ballot_choice = Ballot(choice)
    except ValueError:
        raise FinancingInvalid(field_errors={"choice": [_("Choose yes, no or abstain.")]}) from None
    locked_plan(vote.tranche.plan.project)
    vote = BoardVote.objects.select_related("tranche").get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise VoteClosed()
    holding = Shareholding.objects.filter(institution_id=vote.tranche.institution_id, state=state).first()
    if holding is None:
        raise FinancingInvalid(field_errors={"state": [_("This state holds no capital share in the institution.")]})
    if BoardBallot.objects.filter(vote=vote, holding=holding).exists():
        raise AlreadyVoted()
    ballot = BoardBallot.objects.create(
        vote=vote, holding=holding, choice=ballot_choice.value, cast_by=actor, cast_at=timezone.now()
    )
    cache.changed()
    audit.record(
        actor=actor,
        on_behalf_of=state,
        action="financing.ballot_cast",
        target=ballot,
        after={"vote": vote.pk, "choice": ballot_choice.value, "share": str(holding.share)},
    )
    _settle(vote, vote_outcome(vote, closed=False), actor=actor)
    return ballot


@transaction.atomic
def board_vote_close(*, actor: User, vote: BoardVote) -> BoardVote:
    members.ensure_signed_in(actor)
    if not (members.is_secretariat(actor) or members.may_act_for_institution(actor, vote.tranche.institution)):
        raise NotThisInstitution()
    locked_plan(vote.tranche.plan.project)
    vote = BoardVote.objects.select_related("tranche").get(pk=vote.pk)
    if vote.status != VoteStatus.OPEN:
        raise VoteClosed()
    _settle(vote, vote_outcome(vote, closed=True), actor=actor)
    return vote
