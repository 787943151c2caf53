"""The documents services that lock rows and had no direct test; they run on PostgreSQL in CI (issue #11, item 2)."""

import pytest

from sco.core.models import AuditEntry
from sco.documents import services
from sco.documents.models import DocumentText


@pytest.mark.postgres_only
def test_marking_a_text_authentic_is_stored_and_audited(draft, secretariat):
    text = DocumentText.objects.get(document=draft, language="ru")
    services.text_authentic_set(actor=secretariat, text=text, authentic=False)
    assert DocumentText.objects.get(pk=text.pk).authentic is False
    services.text_authentic_set(actor=secretariat, text=text, authentic=True)
    assert DocumentText.objects.get(pk=text.pk).authentic is True
    assert AuditEntry.objects.filter(action="document.text_authentic_set").count() == 2


@pytest.mark.postgres_only
def test_only_the_secretariat_marks_a_text_authentic(draft, head_of_delegation):
    from sco.core.errors import NotPermitted

    text = DocumentText.objects.get(document=draft, language="ru")
    with pytest.raises(NotPermitted):
        services.text_authentic_set(actor=head_of_delegation("KZ"), text=text, authentic=False)
    assert DocumentText.objects.get(pk=text.pk).authentic is True
