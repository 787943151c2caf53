import io

import pytest
from reportlab.pdfgen import canvas

pytestmark = pytest.mark.django_db


def test_the_public_list_hides_restricted_drafts(api, draft):
    r = api.get_json("/api/v1/documents/")
    assert r.status_code == 200
    assert r.json()["count"] == 0
    assert api.get_json(f"/api/v1/documents/{draft.pk}").status_code == 404


def test_a_delegation_searches_in_chinese_with_highlights(api, draft, head_of_delegation):
    r = api.as_user(head_of_delegation("KZ")).get_json("/api/v1/documents/search?q=合作")
    body = r.json()
    assert body["count"] == 1
    assert {"text": "合作", "match": True} in body["hits"][0]["title"]


def test_create_with_bad_input_answers_problem_json_and_stores_nothing(api, secretariat, organisation):
    r = api.as_user(secretariat).post_json("/api/v1/documents/", {"kind": "poem", "title_en": "", "body": "chs"})
    assert r.status_code == 422
    assert r["Content-Type"].startswith("application/problem+json")
    assert "kind" in r.json()["errors"]
    assert api.get_json("/api/v1/documents/").json()["count"] == 0


def test_upload_a_pdf_and_read_paragraphs_and_diff(api, draft, secretariat):
    api.as_user(secretariat)
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Member States strengthen cooperation in energy and transport.")
    c.save()
    buf.seek(0)
    buf.name = "draft.pdf"
    r = api.post(
        f"/api/v1/documents/{draft.pk}/texts/en/upload", {"file": buf}, HTTP_AUTHORIZATION=f"Bearer {api.token}"
    )
    assert r.status_code == 201, r.content
    assert r.json()["number"] == 2
    d = api.get_json(f"/api/v1/documents/{draft.pk}/texts/en/diff?old=1&new=2").json()
    assert {x["kind"] for x in d} >= {"changed"} or {x["kind"] for x in d} >= {"inserted"}


def test_a_hostile_upload_is_refused_as_problem_json(api, draft, secretariat):
    api.as_user(secretariat)
    f = io.BytesIO(b"PK\x03\x04 not really a zip")
    f.name = "x.docx"
    r = api.post(f"/api/v1/documents/{draft.pk}/texts/en/upload", {"file": f}, HTTP_AUTHORIZATION=f"Bearer {api.token}")
    assert r.status_code == 422
    assert r.json()["code"] == "upload_refused"


def test_akoma_ntoso_and_pdf_exports(api, draft, secretariat):
    api.as_user(secretariat)
    xml = api.get_json(f"/api/v1/documents/{draft.pk}/akn/zh")
    assert xml.status_code == 200 and b"akomaNtoso" in xml.content and "能源".encode() in xml.content
    for lang in ("ru", "zh", "en"):
        pdf = api.get_json(f"/api/v1/documents/{draft.pk}/pdf/{lang}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    zh = PdfReader(io.BytesIO(api.get_json(f"/api/v1/documents/{draft.pk}/pdf/zh").content))
    assert "能源" in zh.pages[0].extract_text()
    ru = PdfReader(io.BytesIO(api.get_json(f"/api/v1/documents/{draft.pk}/pdf/ru").content))
    assert "энергетики" in ru.pages[0].extract_text()


def test_registry_csv_lists_only_visible_documents(api, draft, agreement):
    body = api.get_json("/api/v1/documents/registry.csv").content.decode()
    assert "Agreement on environmental protection" in body
    assert "Energy cooperation strategy" not in body


def test_the_documents_api_is_described_in_openapi(api):
    r = api.get_json("/api/v1/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    assert "/api/v1/documents/search" in paths
    assert "/api/v1/documents/{document_id}/participants" in paths
