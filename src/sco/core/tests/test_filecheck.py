"""Uploads are judged by their bytes, and the limit is one number that the OpenAPI states (issue #11, item 7)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sco.core import filecheck

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def test_a_real_pdf_and_office_files_are_told_from_look_alikes():
    assert filecheck.is_pdf(PDF)
    assert not filecheck.is_pdf(b"%PDF-1.4 but cut short")
    assert filecheck.office_kind(_zip("[Content_Types].xml", "word/document.xml")) == "docx"
    assert filecheck.office_kind(_zip("[Content_Types].xml", "xl/workbook.xml")) == "xlsx"
    assert filecheck.office_kind(_zip("readme.txt")) is None
    assert filecheck.office_kind(b"PK\x03\x04 not a zip at all") is None


@pytest.mark.parametrize(
    "data",
    [b"<!DOCTYPE html><p>hi", b"  <html>", b"#!/bin/sh\nrm -rf /", b"text then <script>alert(1)</script>", b"<svg/>"],
)
def test_markup_and_scripts_are_not_plain_text(data):
    assert filecheck.is_markup_or_script(data)


def test_plain_text_is_plain_text():
    assert not filecheck.is_markup_or_script("Хартия Шанхайской организации сотрудничества 1 < 2".encode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<!doctype html><html><body>Charter</body></html>", "charter.pdf"),
        (b"#!/bin/sh\necho charter\n", "charter.pdf"),
        (b"<html><body>Charter</body></html>", "charter.txt"),
        (_zip("[Content_Types].xml", "xl/workbook.xml"), "charter.docx"),
        (b"Charter text", "charter.docx"),
    ],
)
def test_a_document_text_that_is_not_what_its_name_says_is_refused(data, name, api, secretariat):
    from sco.documents.models import Document

    api.as_user(secretariat)
    created = api.post_json(
        "/api/v1/documents/", {"kind": "charter", "body": "chs", "title_en": "Charter (test)", "reference_number": "T1"}
    )
    assert created.status_code == 201, created.content
    doc_id = created.json()["id"]
    upload = SimpleUploadedFile(name, data)
    response = api.post(
        f"/api/v1/documents/{doc_id}/texts/en/upload", {"file": upload}, HTTP_AUTHORIZATION=f"Bearer {api.token}"
    )
    assert response.status_code == 422, response.content
    assert not Document.objects.get(pk=doc_id).texts.filter(current_version__isnull=False).exists()


def test_the_upload_limit_is_one_number_and_the_openapi_states_it(settings):
    from sco.api import api
    from sco.core.middleware import body_limit
    from sco.projects.services import ATTACHMENT_MAX_BYTES

    mb = settings.SCO_MAX_UPLOAD_BYTES // 2**20
    assert ATTACHMENT_MAX_BYTES == settings.SCO_MAX_UPLOAD_BYTES
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    summary = schema["paths"]["/api/v1/documents/{document_id}/texts/{lang}/upload"]["post"]["summary"]
    assert f"at most {mb} MB" in summary

    class Multipart:
        META = {"CONTENT_TYPE": "multipart/form-data; boundary=x"}

    assert body_limit(Multipart()) > settings.SCO_MAX_UPLOAD_BYTES  # type: ignore[arg-type]
