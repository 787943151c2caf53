from __future__ import annotations

from decimal import Decimal

import pytest

from sco.core.errors import NotPermitted
from sco.core.models import AuditEntry
from sco.members.permissions import MayNotActForState
from sco.projects import services
from sco.projects.errors import (
    AttachmentRefused,
    CommentInvalid,
    NotSponsor,
    ProjectInvalid,
    ProjectNotEditable,
    TransitionRefused,
)
from sco.projects.models import Comment, Participation, Project, ProjectVersion
from sco.projects.tests.conftest import ROWS, project_data


def test_a_delegate_drafts_a_project_for_their_own_state_and_it_is_audited(head_of_delegation):
    hod = head_of_delegation("KZ")
    project = services.project_create(actor=hod, data=project_data())
    assert project.status == "draft"
    assert project.title_ru == "Вторые пути на участке железной дороги"
    assert {(p.state.code, p.role) for p in project.participations.all()} == {("KZ", "host")}
    entry = AuditEntry.objects.get(action="project.created")
    assert entry.target_id == str(project.pk) and entry.on_behalf_of == "state:KZ"


def test_a_delegate_cannot_draft_for_another_state_and_nothing_is_stored(head_of_delegation):
    hod = head_of_delegation("KZ")
    with pytest.raises(MayNotActForState):
        services.project_create(actor=hod, data=project_data(sponsor_state="CN"))
    assert Project.objects.count() == 0


def test_bad_input_lists_every_field_error_and_stores_nothing(head_of_delegation):
    hod = head_of_delegation("KZ")
    data = project_data(
        title_en="",
        title_ru="",
        title_zh="",
        sector="space",
        total_cost="-5",
        currency="XXX1",
        end_date="2020-01-01",
        requested_financing="abc",
    )
    with pytest.raises(ProjectInvalid) as caught:
        services.project_create(actor=hod, data=data)
    assert {"title_en", "sector", "total_cost", "currency", "end_date", "requested_financing"} <= set(
        caught.value.field_errors
    )
    assert Project.objects.count() == 0 and AuditEntry.objects.count() == 0


def test_financing_above_the_total_cost_is_refused(head_of_delegation):
    with pytest.raises(ProjectInvalid) as caught:
        services.project_create(
            actor=head_of_delegation("KZ"), data=project_data(total_cost="10", requested_financing="11")
        )
    assert "requested_financing" in caught.value.field_errors


def test_submitting_cuts_an_immutable_version(make_project):
    project = make_project(status="submitted")
    version = ProjectVersion.objects.get(project=project)
    assert version.number == 1 and version.data["title_en"] == project.title_en
    assert version.data["host_states"] == ["KZ"]


def test_an_incomplete_draft_cannot_be_submitted_and_the_refusal_names_what_is_missing(head_of_delegation):
    hod = head_of_delegation("KZ")
    project = services.project_create(actor=hod, data=project_data(total_cost=None, requested_financing=None))
    with pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=hod, project=project, name="submit")
    assert caught.value.status == 409
    assert caught.value.field_errors["failed_checks"] == ["required_fields_complete"]
    assert "withdraw" in caught.value.field_errors["allowed_transitions"]
    project.refresh_from_db()
    assert project.status == "draft" and not ProjectVersion.objects.exists()


def test_a_sponsor_may_not_screen_their_own_project(make_project, head_of_delegation):
    project = make_project(status="submitted")
    with pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=head_of_delegation("KZ"), project=project, name="start_screening")
    assert caught.value.field_errors["allowed_transitions"] == ["withdraw"]


def test_someone_with_no_step_at_all_is_simply_not_permitted(make_project, head_of_delegation):
    project = make_project(status="submitted")
    with pytest.raises(NotPermitted):
        services.project_transition(actor=head_of_delegation("IN"), project=project, name="start_screening")


def test_discussion_cannot_open_before_the_checklist_is_complete(make_project, secretariat):
    project = make_project(status="submitted")
    services.project_transition(actor=secretariat, project=project, name="start_screening")
    with pytest.raises(TransitionRefused) as caught:
        services.project_transition(actor=secretariat, project=project, name="open_discussion")
    assert caught.value.field_errors["failed_checks"] == ["screening_checklist_complete"]


def test_an_open_question_blocks_the_appraisal_until_the_sponsor_answers(make_project, secretariat, head_of_delegation):
    project = make_project(status="under_discussion")
    asker = head_of_delegation("IN")
    question = services.comment_post(actor=asker, project=project, body="Who finances?", language="en", kind="question")
    with pytest.raises(TransitionRefused):
        services.project_transition(actor=secretariat, project=project, name="start_appraisal")
    with pytest.raises(NotSponsor):
        services.comment_post(
            actor=asker, project=project, body="I answer myself", language="en", kind="answer", parent=question
        )
    services.comment_post(
        actor=head_of_delegation("KZ"), project=project, body="Ответ", language="ru", kind="answer", parent=question
    )
    question.refresh_from_db()
    assert question.answered_at is not None
    services.project_transition(actor=secretariat, project=project, name="start_appraisal")


def test_return_for_revision_then_resubmission_makes_version_two(make_project, secretariat, head_of_delegation):
    project = make_project(status="screening")
    with pytest.raises(TransitionRefused):
        services.project_transition(actor=secretariat, project=project, name="return_for_revision")
    services.project_transition(actor=secretariat, project=project, name="return_for_revision", reason="Add an EIA")
    hod = head_of_delegation("KZ")
    services.project_update(actor=hod, project=project, data=project_data(total_cost="1200000000"))
    services.project_transition(actor=hod, project=project, name="resubmit")
    assert list(project.versions.values_list("number", flat=True)) == [1, 2]
    from sco.projects import selectors

    _a, _b, changes = selectors.version_diff(viewer=hod, project=project, a=1, b=2)
    assert [(c.field, c.before, c.after) for c in changes] == [("total_cost", "1000000000.00", "1200000000.00")]


def test_a_submitted_project_cannot_be_edited(make_project, head_of_delegation):
    project = make_project(status="submitted")
    with pytest.raises(ProjectNotEditable):
        services.project_update(actor=head_of_delegation("KZ"), project=project, data=project_data(title_en="X"))


def test_withdrawal_from_any_open_state_and_nothing_after(make_project, head_of_delegation, secretariat):
    project = make_project(status="screening")
    services.project_transition(actor=head_of_delegation("KZ"), project=project, name="withdraw")
    project.refresh_from_db()
    assert project.status == "withdrawn"
    with pytest.raises(TransitionRefused):
        services.project_transition(actor=secretariat, project=project, name="cancel", reason="x")


def test_a_state_that_did_not_take_part_may_join_later(make_project, head_of_delegation):
    project = make_project(status="submitted")
    services.participation_join(
        actor=head_of_delegation("UZ"), project=project, state=project.sponsor_state.__class__.objects.get(code="UZ")
    )
    assert Participation.objects.filter(project=project, state__code="UZ", role="participant").exists()


def test_a_delegate_cannot_join_for_another_state(make_project, head_of_delegation):
    from sco.members.models import State

    project = make_project(status="submitted")
    with pytest.raises(MayNotActForState):
        services.participation_join(actor=head_of_delegation("UZ"), project=project, state=State.objects.get(code="TJ"))


def test_moderation_hides_with_a_reason_and_the_audit_keeps_the_text(make_project, head_of_delegation, secretariat):
    project = make_project(status="submitted")
    comment = services.comment_post(actor=head_of_delegation("IN"), project=project, body="Off topic", language="en")
    with pytest.raises(CommentInvalid):
        services.comment_hide(actor=secretariat, comment=comment, reason="  ")
    with pytest.raises(NotPermitted):
        services.comment_hide(actor=head_of_delegation("KZ"), comment=comment, reason="mine")
    services.comment_hide(actor=secretariat, comment=comment, reason="Not about the project")
    comment.refresh_from_db()
    assert comment.hidden_reason == "Not about the project" and comment.body == "Off topic"
    entry = AuditEntry.objects.get(action="project.comment_hidden")
    assert entry.before["body"] == "Off topic"


def test_comments_in_each_of_the_three_languages_with_mentions(make_project, head_of_delegation):
    from sco.members.models import State

    project = make_project(status="submitted")
    for code, language, text in (("IN", "en", "Support"), ("RU", "ru", "Поддерживаем"), ("CN", "zh-hans", "支持")):
        services.comment_post(
            actor=head_of_delegation(code),
            project=project,
            body=text,
            language=language,
            mentions=[State.objects.get(code="KZ")],
        )
    assert set(Comment.objects.values_list("language", flat=True)) == {"en", "ru", "zh-hans"}
    with pytest.raises(CommentInvalid):
        services.comment_post(actor=head_of_delegation("IN"), project=project, body="x", language="fr")


def test_appraisal_is_saved_and_bad_rows_are_refused(make_project, head_of_delegation):
    project = make_project(status="submitted")
    hod = head_of_delegation("KZ")
    appraisal = services.appraisal_save(
        actor=hod, project=project, financial_rate="0.04", social_rate="0.05", rows=ROWS
    )
    assert appraisal.financial_rate == Decimal("0.04") and len(appraisal.rows) == 16
    from sco.projects.appraisal import appraise

    result = appraise(services.table_for(appraisal))
    assert result.base.eirr.single is not None
    with pytest.raises(services.AppraisalInvalid) as caught:
        services.appraisal_save(
            actor=hod, project=project, financial_rate="4", social_rate="x", rows=[{"year": "2026"}, {"year": "2030"}]
        )
    assert {"financial_rate", "social_rate", "rows"} <= set(caught.value.field_errors)


def test_only_pdf_images_and_office_files_are_accepted_as_attachments(
    make_project, head_of_delegation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    project = make_project(status="submitted")
    hod = head_of_delegation("KZ")
    attachment = services.attachment_add(
        actor=hod,
        project=project,
        content=b"%PDF-1.7 test\n%%EOF\n",
        filename="fs.pdf",
        document_type="feasibilityStudy",
        title="Feasibility study",
    )
    assert attachment.media_type == "application/pdf" and attachment.size == 20
    for content, name in ((b"<html><script>alert(1)</script>", "x.pdf"), (b"<svg onload=x>", "a.svg"), (b"", "e.pdf")):
        with pytest.raises(AttachmentRefused):
            services.attachment_add(
                actor=hod, project=project, content=content, filename=name, document_type="feasibilityStudy", title="x"
            )
    with pytest.raises(AttachmentRefused):
        services.attachment_add(
            actor=hod,
            project=project,
            content=b"%PDF-" + b"0" * (services.ATTACHMENT_MAX_BYTES),
            filename="big.pdf",
            document_type="feasibilityStudy",
            title="x",
        )
    assert project.attachments.count() == 1
