"""Authentic texts in step: an amendment names the language versions it changes, the page shows which authentic
texts lag, and adoption is refused while they do."""

import datetime as dt

import pytest
from django.utils import timezone

from sco.core.audit import history
from sco.documents import adoption, errors, selectors, services
from sco.documents.concordance import AppliedAmendment, owed
from sco.documents.models import Status
from sco.documents.tests.conftest import DRAFT_ZH
from sco.members.models import State

pytestmark = pytest.mark.django_db

SIXTY = "Настоящая стратегия действует до 2030 года и продлевается на шестьдесят дней."


def _amend_russian(draft, secretariat, hod, *, languages=None):
    services.document_circulate(actor=secretariat, document=draft)
    ru = draft.texts.get(language="ru")
    proposal = services.proposal_submit(
        actor=hod,
        version=ru.current_version,
        paragraph_number=3,
        kind="amendment",
        state=State.objects.get(code="RU"),
        proposed_text=SIXTY,
        languages=languages,
    )
    services.proposal_decide(actor=secretariat, proposal=proposal, outcome="accepted")
    services.version_from_proposals(actor=secretariat, text=ru)
    return proposal


def test_an_amendment_names_by_default_its_own_and_every_authentic_language_version(
    draft, secretariat, head_of_delegation
):
    proposal = _amend_russian(draft, secretariat, head_of_delegation("RU"))
    assert proposal.languages == ["ru", "zh"]  # English is a working translation in the fixture


def test_an_amendment_to_the_russian_text_puts_the_chinese_authentic_text_out_of_step_and_blocks_adoption(
    draft, secretariat, head_of_delegation
):
    proposal = _amend_russian(draft, secretariat, head_of_delegation("RU"))
    behind = selectors.texts_out_of_step(document=draft)
    assert list(behind) == ["zh"] and [a.id for a in behind["zh"]] == [proposal.pk]
    start = timezone.now()
    with pytest.raises(errors.AuthenticTextsOutOfStep) as refused:
        adoption.document_put_to_adoption(
            actor=secretariat, document=draft, rule="silence", deadline=start + dt.timedelta(days=7), now=start
        )
    assert refused.value.status == 409 and "Chinese" in str(refused.value.message)
    with pytest.raises(errors.AuthenticTextsOutOfStep):
        services.document_record_adoption(
            actor=secretariat, document=draft, adopted_on=dt.date(2025, 9, 1), procedure="consensus"
        )
    draft.refresh_from_db()
    assert draft.status == Status.UNDER_NEGOTIATION and draft.decision_id is None


def test_a_chinese_version_that_carries_the_amendment_brings_the_texts_back_in_step(
    draft, secretariat, head_of_delegation
):
    proposal = _amend_russian(draft, secretariat, head_of_delegation("RU"))
    amended_zh = DRAFT_ZH.replace("本战略有效期至2030年。", "本战略有效期至2030年，并延长六十天。")
    version = services.text_version_add(
        actor=secretariat, document=draft, language="zh", content=amended_zh, carries=[proposal.pk]
    )
    assert list(version.carries.all()) == [proposal]
    assert selectors.texts_out_of_step(document=draft) == {}
    assert any(e.after.get("carries") == [proposal.pk] for e in history(draft))
    start = timezone.now()
    decision = adoption.document_put_to_adoption(
        actor=secretariat, document=draft, rule="silence", deadline=start + dt.timedelta(days=7), now=start
    )
    assert decision.pk


def test_a_version_cannot_claim_to_carry_an_amendment_it_does_not_owe(draft, secretariat, head_of_delegation):
    proposal = _amend_russian(draft, secretariat, head_of_delegation("RU"))
    with pytest.raises(errors.CarriesInvalid):
        # English is not authentic here and the amendment did not name it
        services.text_version_add(actor=secretariat, document=draft, language="en", content="x", carries=[proposal.pk])
    assert draft.texts.get(language="en").versions.count() == 1


def test_an_amendment_that_names_only_its_own_language_leaves_the_other_texts_in_step(
    draft, secretariat, head_of_delegation
):
    _amend_russian(draft, secretariat, head_of_delegation("RU"), languages=["ru"])
    assert selectors.texts_out_of_step(document=draft) == {}


def test_an_unknown_language_is_refused(draft, secretariat, head_of_delegation):
    services.document_circulate(actor=secretariat, document=draft)
    ru = draft.texts.get(language="ru")
    with pytest.raises(errors.ProposalInvalid) as refused:
        services.proposal_submit(
            actor=head_of_delegation("RU"), version=ru.current_version, paragraph_number=1, kind="amendment",
            state=State.objects.get(code="RU"), proposed_text="Другой текст.", languages=["fr"],
        )  # fmt: skip
    assert "languages" in refused.value.field_errors


def test_the_document_page_and_the_api_show_which_authentic_text_lags(
    client, api, draft, secretariat, head_of_delegation
):
    proposal = _amend_russian(draft, secretariat, head_of_delegation("RU"))
    client.force_login(secretariat)
    html = client.get(f"/documents/{draft.pk}/").content.decode()
    assert 'id="out-of-step"' in html and 'data-language="zh"' in html and 'data-language="ru"' not in html
    texts = api.as_user(secretariat).get_json(f"/api/v1/documents/{draft.pk}/texts").json()
    assert {t["language"]: t["owes"] for t in texts} == {"en": [], "ru": [], "zh": [proposal.pk]}
    deadline = (timezone.localtime() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/documents/{draft.pk}/adoption/", {"rule": "silence", "deadline": deadline}, follow=True)
    assert "not in step" in r.content.decode() and "Chinese" in r.content.decode()
    draft.refresh_from_db()
    assert draft.decision_id is None


def test_owed_amendments_skip_working_translations_and_carried_ones():
    a = AppliedAmendment(id=1, language="ru", languages=frozenset({"ru", "en", "zh"}), paragraph_number=3)
    assert owed([a], carried={}, authentic={"ru", "zh"}) == {"zh": [a]}
    assert owed([a], carried={"zh": {1}}, authentic={"ru", "zh", "en"}) == {"en": [a]}
    assert owed([a], carried={}, authentic={"ru"}) == {}
