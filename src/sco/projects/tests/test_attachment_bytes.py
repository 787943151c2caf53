"""A ZIP is a DOCX attachment only when it holds a DOCX's parts (issue #11, item 7)."""

import pytest

from sco.core.tests.test_filecheck import _zip


@pytest.mark.django_db
def test_a_zip_named_docx_is_refused_as_an_attachment(make_project, head_of_delegation, settings, tmp_path):
    from sco.projects import services
    from sco.projects.errors import AttachmentRefused

    settings.MEDIA_ROOT = tmp_path
    project = make_project(status="submitted")
    hod = head_of_delegation("KZ")
    for content, name in ((_zip("evil.sh"), "plan.docx"), (_zip("[Content_Types].xml", "xl/workbook.xml"), "p.docx")):
        with pytest.raises(AttachmentRefused):
            services.attachment_add(
                actor=hod, project=project, content=content, filename=name, document_type="feasibilityStudy", title=""
            )
    real = services.attachment_add(
        actor=hod,
        project=project,
        content=_zip("[Content_Types].xml", "word/document.xml"),
        filename="plan.docx",
        document_type="feasibilityStudy",
        title="",
    )
    assert real.media_type.endswith("wordprocessingml.document")
