import datetime as dt

import pytest
from django.test import Client

from sco.documents import demo, services
from sco.members.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_documents(organisation):
    demo.load()


def test_the_registry_page_lists_the_demo_documents_with_sources(client: Client, demo_documents):
    r = client.get("/documents/")
    assert r.status_code == 200
    assert f"{len(demo.demo_data.DOCUMENTS)} documents" in r.content.decode()


def test_the_search_page_finds_a_russian_title_in_another_form(client: Client, demo_documents):
    r = client.get("/documents/", {"q": "антинаркотической стратегии"})
    html = r.content.decode()
    assert "<mark>" in html and "2024–2029" in html


def test_the_search_fragment_for_htmx(client: Client, demo_documents):
    r = client.get("/documents/", {"q": "宣言"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "<html" not in r.content.decode()
    assert "<mark>宣言</mark>" in r.content.decode()


def test_a_document_page_says_the_text_is_not_held_and_names_its_sources(client: Client, demo_documents):
    from sco.documents.models import Document

    d = Document.objects.get(key="astana-declaration-2024")
    html = client.get(f"/documents/{d.pk}/").content.decode()
    assert 'id="text-not-held"' in html and "kremlin.ru" in html


def test_pages_render_in_russian_and_chinese(client: Client, demo_documents):
    for lang, word in (("ru", "Стратегические документы"), ("zh-hans", "战略文件")):
        client.cookies["django_language"] = lang
        assert word in client.get("/documents/").content.decode()


def test_the_dashboard_draws_charts(client: Client, demo_documents):
    html = client.get("/documents/dashboard/").content.decode()
    assert "<svg" in html and "illustrative" in html.lower()


def test_a_restricted_draft_page_is_not_found_for_the_public(client: Client, draft):
    assert client.get(f"/documents/{draft.pk}/").status_code == 404
    assert client.get(f"/documents/{draft.pk}/text/ru/").status_code == 404


def test_text_page_and_diff_page_render(client: Client, draft, secretariat):
    services.text_version_add(actor=secretariat, document=draft, language="en", content="Changed text.")
    client.force_login(secretariat)
    assert "¶4" in client.get(f"/documents/{draft.pk}/text/en/").content.decode()
    html = client.get(f"/documents/{draft.pk}/text/en/diff/?old=1&new=2").content.decode()
    assert "<del>" in html or "<ins>" in html


def test_a_report_form_with_errors_answers_422(client: Client, agreement, secretariat, head_of_delegation):
    kz = State.objects.get(code="KZ")
    c = services.commitment_create(
        actor=secretariat,
        document=agreement,
        text_en="Share data",
        area="ecology",
        states=[kz],
        due_on=dt.date(2025, 1, 1),
    )
    client.force_login(head_of_delegation("KZ"))
    r = client.post(
        f"/documents/commitments/{c.pk}/report/",
        {"state": "KZ", "period": "bad", "status": "completed", "progress": 50},
    )
    assert r.status_code == 422
    assert not c.reports.exists()


def test_the_secretariat_relates_an_action_plan_to_its_strategy(client: Client, demo_documents, secretariat):
    from sco.documents.models import Document, DocumentRelation

    plan = Document.objects.get(key="economic-strategy-2030-action-plan")
    strategy = Document.objects.get(key="energy-cooperation-strategy-2030")
    client.force_login(secretariat)
    r = client.post(f"/documents/{plan.pk}/relate/", {"kind": "implements", "target": strategy.pk})
    assert r.status_code == 302
    assert DocumentRelation.objects.filter(source=plan, target=strategy, kind="implements").exists()
    assert strategy.title in client.get(f"/documents/{plan.pk}/").content.decode()


def test_a_document_without_text_links_its_record_as_pdf_and_akoma_ntoso_in_each_language(client, demo_documents):
    from sco.documents.models import Document

    d = Document.objects.get(key="astana-declaration-2024")
    html = client.get(f"/documents/{d.pk}/").content.decode()
    assert "{&#x27;bidi&#x27;" not in html and "{'bidi'" not in html
    for lang in ("en", "ru", "zh"):
        assert f'href="/api/v1/documents/{d.pk}/pdf/{lang}"' in html
        assert f'href="/api/v1/documents/{d.pk}/akn/{lang}"' in html
        pdf = client.get(f"/api/v1/documents/{d.pk}/pdf/{lang}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        akn = client.get(f"/api/v1/documents/{d.pk}/akn/{lang}")
        assert akn.status_code == 200 and b"[text not held]" in akn.content
        assert d.title_en.encode() in akn.content or getattr(d, f"title_{lang}").encode() in akn.content
    assert client.get(f"/api/v1/documents/{d.pk}/akn/fr").status_code == 404


def test_the_registry_holds_every_document_of_the_astana_summit_the_sources_list(demo_documents):
    from sco.documents.models import Document

    astana = Document.objects.filter(summit__number=24)
    titles = " | ".join(astana.values_list("title_en", flat=True))
    for words in ("road map", "report of the Secretary-General", "Regional Anti-Terrorist Structure on its",
                  "Decision on the Secretary-General", "Director of the Executive Committee"):  # fmt: skip
        assert words in titles
    assert all(d.source_list for d in astana)


def test_the_illustrative_draft_has_texts_in_three_languages_and_says_what_it_is(
    client: Client, organisation, secretariat
):
    from sco.documents.models import Document, TextVersion

    demo.load()
    demo.load()
    d = Document.objects.get(key=demo.demo_data.ILLUSTRATIVE_KEY)
    texts = {t.language: t for t in d.texts.all()}
    assert set(texts) == {"en", "ru", "zh"} and TextVersion.objects.filter(text__document=d).count() == 3
    assert texts["ru"].authentic and texts["zh"].authentic and not texts["en"].authentic
    assert all(t.startswith(("(Illustrative)", "(Пример)", "（示例）")) for t in (d.title_en, d.title_ru, d.title_zh))
    assert d.status == "under_negotiation" and d.restricted
    client.force_login(secretariat)
    html = client.get("/documents/", {"q": "timetables"}).content.decode()
    assert f"/documents/{d.pk}/" in html
    akn = client.get(f"/api/v1/documents/{d.pk}/akn/ru").content.decode()
    assert "тридцати дней" in akn
    assert client.get(f"/documents/{d.pk}/").status_code == 200
    client.logout()
    assert client.get(f"/documents/{d.pk}/").status_code == 404  # a draft is for the delegations


def test_record_is_a_noun_on_the_card_and_a_verb_on_the_buttons_in_russian(client: Client, demo_documents, secretariat):
    from sco.documents.models import Document

    d = Document.objects.get(key="astana-declaration-2024")
    client.force_login(secretariat)
    client.cookies["django_language"] = "ru"
    html = client.get(f"/documents/{d.pk}/").content.decode()
    assert "<h2>Сведения</h2>" in html and ">Записать</button>" in html
