import datetime as dt

from django.utils import timezone

from sco.decisions.demo import demo_decision
from sco.decisions.models import Decision, PositionChange


def test_a_demo_decision_is_illustrative_records_its_positions_and_is_made_once(
    public_subjects, secretariat, all_heads, swg
):
    opened = timezone.now() - dt.timedelta(days=20)
    kwargs = {
        "subject": swg,
        "title_en": "Illustrative approval (test)",
        "opened_at": opened,
        "deadline": opened + dt.timedelta(days=14),
        "positions": {"KZ": ("support", ""), "IN": ("statement", "We state our views on the route.")},
        "close": True,
        "source": "https://example.org/source",
    }
    decision = demo_decision(**kwargs)
    assert decision.illustrative
    assert decision.status == "lapsed"  # eight states said nothing by the deadline
    assert PositionChange.objects.filter(decision=decision).count() == 2
    assert demo_decision(**kwargs).pk == decision.pk
    assert Decision.objects.count() == 1


def test_a_demo_silence_procedure_left_open_reads_as_open(public_subjects, secretariat, all_heads, swg):
    decision = demo_decision(subject=swg, title_en="Open by silence (test)", rule="silence")
    assert decision.outcome(now=timezone.now()).status.value == "open"
