import datetime as dt

import pytest

from sco.core.errors import NotAuthenticated, NotPermitted
from sco.core.models import AuditEntry, SearchEntry
from sco.documents import errors, services
from sco.documents.models import Document, Proposal, Status, TextVersion
from sco.members.models import State

pytestmark = pytest.mark.django_db


def test_secretariat_creates_a_restricted_draft_with_an_audit_entry(make_document):
    d = make_document()
    assert d.status == Status.DRAFT and d.restricted
    assert AuditEntry.objects.filter(action="document.created", target_id=str(d.pk)).count() == 1
    assert SearchEntry.objects.filter(kind="document", object_id=d.pk).exists()


def test_a_delegate_may_not_create_a_document_and_nothing_is_stored(head_of_delegation, body):
    with pytest.raises(NotPermitted):
        services.document_create(actor=head_of_delegation("KZ"), kind="strategy", title_en="X", body=body)
    assert not Document.objects.exists()


def test_invalid_fields_are_reported_together_and_nothing_is_stored(secretariat, body):
    with pytest.raises(errors.DocumentInvalid) as info:
        services.document_create(
            actor=secretariat,
            kind="poem",
            title_en=" ",
            body=body,
            areas=["space"],
            valid_from_year=2030,
            valid_to_year=2024,
        )
    assert {"kind", "title_en", "areas", "valid_to_year"} <= set(info.value.field_errors)
    assert not Document.objects.exists()


def test_a_declaration_cannot_take_a_ratification_rule(secretariat, body):
    with pytest.raises(errors.DocumentInvalid) as info:
        services.document_create(
            actor=secretariat, kind="declaration", title_en="D", body=body, eif_rule="on_last_notification"
        )
    assert "eif_rule" in info.value.field_errors


def test_a_new_version_keeps_paragraph_numbers(draft, secretariat):
    text = draft.texts.get(language="en")
    v2 = services.text_version_add(
        actor=secretariat,
        document=draft,
        language="en",
        content="Member States strengthen cooperation in energy.\n\nA new paragraph on culture.\n\n"
        "The Parties develop transport corridors.\n\nThis strategy is valid until 2030.",
    )
    assert v2.number == 2
    assert [p.number for p in v2.paragraphs.order_by("position")] == [1, 4, 2, 3]
    text.refresh_from_db()
    assert text.current_version_id == v2.pk


def test_a_broken_upload_is_refused_with_a_clear_error_and_stores_nothing(draft, secretariat):
    before = TextVersion.objects.count()
    with pytest.raises(errors.UploadRefused) as info:
        services.text_version_add(actor=secretariat, document=draft, language="en", data=b"%PDF-1.4\n\xff\xfe garbage")
    assert "damaged" in info.value.message or "no text" in info.value.message
    assert TextVersion.objects.count() == before


def _circulated(draft, secretariat):
    return services.document_circulate(actor=secretariat, document=draft)


def test_two_delegations_amend_and_the_secretariat_makes_a_new_version(draft, secretariat, head_of_delegation):
    _circulated(draft, secretariat)
    text = draft.texts.get(language="ru")
    v1 = text.current_version
    kz, cn = State.objects.get(code="KZ"), State.objects.get(code="CN")
    a = services.proposal_submit(
        actor=head_of_delegation("KZ"),
        version=v1,
        paragraph_number=1,
        kind="amendment",
        state=kz,
        proposed_text="Государства-члены углубляют сотрудничество в области энергетики.",
    )
    b = services.proposal_submit(
        actor=head_of_delegation("CN"),
        version=v1,
        paragraph_number=2,
        kind="amendment",
        state=cn,
        proposed_text="Стороны развивают транспортные коридоры и логистику.",
    )
    services.proposal_decide(actor=secretariat, proposal=a, outcome="accepted")
    services.proposal_decide(
        actor=secretariat,
        proposal=b,
        outcome="merged",
        merged_text="Стороны развивают транспортные коридоры. Стороны развивают логистику.",
    )
    v2 = services.version_from_proposals(actor=secretariat, text=text)
    paras = {p.number: p.text for p in v2.paragraphs.all()}
    assert paras[1].startswith("Государства-члены углубляют")
    assert paras[2].endswith("логистику.")
    assert set(Proposal.objects.values_list("result_version", flat=True)) == {v2.pk}


def test_a_delegation_may_not_amend_for_another_state(draft, secretariat, head_of_delegation):
    _circulated(draft, secretariat)
    v1 = draft.texts.get(language="ru").current_version
    with pytest.raises(NotPermitted):
        services.proposal_submit(
            actor=head_of_delegation("KZ"),
            version=v1,
            paragraph_number=1,
            kind="comment",
            state=State.objects.get(code="CN"),
            comment="?",
        )
    assert not Proposal.objects.exists()


def test_proposals_on_a_replaced_version_are_refused(draft, secretariat, head_of_delegation):
    _circulated(draft, secretariat)
    v1 = draft.texts.get(language="en").current_version
    services.text_version_add(actor=secretariat, document=draft, language="en", content="Changed.")
    with pytest.raises(errors.StaleVersion):
        services.proposal_submit(
            actor=head_of_delegation("KZ"),
            version=v1,
            paragraph_number=1,
            kind="comment",
            state=State.objects.get(code="KZ"),
            comment="late",
        )


def test_proposals_before_circulation_are_refused(draft, head_of_delegation):
    v1 = draft.texts.get(language="en").current_version
    with pytest.raises(errors.NotNegotiable):
        services.proposal_submit(
            actor=head_of_delegation("KZ"),
            version=v1,
            paragraph_number=1,
            kind="comment",
            state=State.objects.get(code="KZ"),
            comment="early",
        )


def test_two_accepted_amendments_to_one_paragraph_must_be_merged(draft, secretariat, head_of_delegation):
    _circulated(draft, secretariat)
    v1 = draft.texts.get(language="en").current_version
    props = [
        services.proposal_submit(
            actor=head_of_delegation(code),
            version=v1,
            paragraph_number=1,
            kind="amendment",
            state=State.objects.get(code=code),
            proposed_text=f"Text from {code}.",
        )
        for code in ("KZ", "RU")
    ]
    services.proposal_decide(actor=secretariat, proposal=props[0], outcome="accepted")
    with pytest.raises(errors.ProposalInvalid):
        services.proposal_decide(actor=secretariat, proposal=props[1], outcome="accepted")


def test_signatures_and_notifications_compute_entry_into_force(agreement, secretariat, head_of_delegation):
    kz, cn, ru = (State.objects.get(code=c) for c in ("KZ", "CN", "RU"))
    for s in (kz, cn, ru):
        services.participation_record(actor=secretariat, document=agreement, state=s, signed_on=dt.date(2024, 7, 4))
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED and agreement.entry_into_force_on is None
    services.participation_record(
        actor=head_of_delegation("KZ"),
        document=agreement,
        state=kz,
        consent_kind="ratification",
        consent_on=dt.date(2024, 10, 1),
        notified_on=dt.date(2024, 10, 10),
    )
    services.participation_record(
        actor=secretariat,
        document=agreement,
        state=cn,
        consent_kind="approval",
        consent_on=dt.date(2024, 11, 1),
        notified_on=dt.date(2024, 11, 5),
    )
    agreement.refresh_from_db()
    assert agreement.entry_into_force_on == dt.date(2024, 12, 5)
    assert agreement.status == Status.IN_FORCE
    services.participation_record(
        actor=secretariat,
        document=agreement,
        state=ru,
        consent_kind="ratification",
        consent_on=dt.date(2025, 2, 1),
        notified_on=dt.date(2025, 2, 3),
    )
    assert agreement.participations.get(state=ru).in_force_on == dt.date(2025, 3, 5)
    assert agreement.participations.get(state=kz).in_force_on == dt.date(2024, 12, 5)


def test_a_notification_before_signature_is_refused(agreement, secretariat):
    with pytest.raises(errors.ParticipationInvalid):
        services.participation_record(
            actor=secretariat, document=agreement, state=State.objects.get(code="KZ"), notified_on=dt.date(2024, 8, 1)
        )
    assert not agreement.participations.exists()


def test_a_declaration_has_no_signature_step(make_document, secretariat):
    d = make_document(kind="declaration")
    services.document_record_adoption(actor=secretariat, document=d, adopted_on=dt.date(2024, 7, 4), procedure="x")
    with pytest.raises(errors.NoSignatureStep):
        services.participation_record(
            actor=secretariat, document=d, state=State.objects.get(code="KZ"), signed_on=dt.date(2024, 7, 4)
        )
    d.refresh_from_db()
    assert d.entry_into_force_on == dt.date(2024, 7, 4)


def test_a_state_reports_on_its_commitment(agreement, secretariat, head_of_delegation):
    kz = State.objects.get(code="KZ")
    c = services.commitment_create(
        actor=secretariat,
        document=agreement,
        text_en="Exchange data",
        area="ecology",
        states=[kz],
        due_on=dt.date(2025, 1, 1),
    )
    r = services.report_file(
        actor=head_of_delegation("KZ"), commitment=c, state=kz, period="2025-H1", status="completed", progress=100
    )
    assert r.pk
    with pytest.raises(errors.ReportInvalid):
        services.report_file(
            actor=head_of_delegation("KZ"), commitment=c, state=kz, period="2025-H1", status="completed", progress=100
        )


def test_a_state_not_responsible_cannot_report(agreement, secretariat, head_of_delegation):
    kz, cn = State.objects.get(code="KZ"), State.objects.get(code="CN")
    c = services.commitment_create(actor=secretariat, document=agreement, text_en="X", area="ecology", states=[kz])
    with pytest.raises(errors.ReportInvalid):
        services.report_file(
            actor=head_of_delegation("CN"), commitment=c, state=cn, period="2025", status="in_progress", progress=10
        )


def test_anonymous_writes_are_refused(agreement):
    with pytest.raises(NotAuthenticated):
        services.participation_record(actor=None, document=agreement, state=State.objects.get(code="KZ"))
