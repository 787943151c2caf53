import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from sco.decisions import services
from sco.decisions.models import Decision, Position
from sco.members.models import Institution

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def decision(open_decision):
    return open_decision()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_page_shows_the_decisions_the_reader_may_see(client, decision, restricted_subjects, open_decision):
    open_decision(subject=Institution.objects.get(code="sco-development-bank"), title="Hidden procedure (test)")
    response = client.get("/decisions/")
    assert response.status_code == 200
    assert decision.title_en in response.content.decode()
    assert "Hidden procedure" not in response.content.decode()


def test_the_decision_page_shows_every_states_row_and_the_form_for_my_state_only(decision, head_of_delegation):
    response = signed_in(head_of_delegation("KZ")).get(f"/decisions/{decision.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-state=") == 10
    assert 'name="state"' in html
    assert '<option value="KZ"' in html
    assert '<option value="CN"' not in html


def test_a_reader_who_acts_for_no_state_sees_no_form(client, decision):
    html = client.get(f"/decisions/{decision.pk}/").content.decode()
    assert 'name="kind"' not in html


def test_recording_through_htmx_updates_the_table_in_place(decision, head_of_delegation):
    client = signed_in(head_of_delegation("KZ"))
    response = client.post(
        f"/decisions/{decision.pk}/positions/",
        {"state": "KZ", "kind": "statement", "text": "We note the route."},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="positions"')
    assert "We note the route." in html
    assert Position.objects.get(decision=decision).kind == "statement"


def test_an_objection_without_reasons_answers_422_with_the_field_error_and_stores_nothing(decision, head_of_delegation):
    client = signed_in(head_of_delegation("KZ"))
    response = client.post(f"/decisions/{decision.pk}/positions/", {"state": "KZ", "kind": "objection"}, **HTMX)
    assert response.status_code == 422
    assert "An objection needs its reasons." in response.content.decode()
    assert not Position.objects.exists()


def test_a_delegate_of_one_state_cannot_record_another_states_position_on_the_page(decision, head_of_delegation):
    client = signed_in(head_of_delegation("KZ"))
    response = client.post(
        f"/decisions/{decision.pk}/positions/", {"state": "CN", "kind": "objection", "text": "x"}, **HTMX
    )
    assert response.status_code == 422
    assert not Position.objects.exists()


def test_a_position_on_a_closed_procedure_is_refused_with_a_message_the_page_swaps(
    decision, head_of_delegation, secretariat
):
    services.decision_close(actor=secretariat, decision=decision)
    client = signed_in(head_of_delegation("KZ"))
    response = client.post(f"/decisions/{decision.pk}/positions/", {"state": "KZ", "kind": "support"}, **HTMX)
    assert response.status_code == 422
    assert not Position.objects.exists()


def test_recording_without_htmx_redirects_back_to_the_page(decision, head_of_delegation):
    client = signed_in(head_of_delegation("KZ"))
    response = client.post(f"/decisions/{decision.pk}/positions/", {"state": "KZ", "kind": "support"})
    assert response.status_code == 302
    assert response["Location"] == f"/decisions/{decision.pk}/"


def test_an_anonymous_post_is_refused(client, decision):
    assert client.post(f"/decisions/{decision.pk}/positions/", {"state": "KZ", "kind": "support"}).status_code == 401
    assert not Position.objects.exists()


def test_the_chair_and_secretariat_controls_show_only_to_them(decision, secretariat, head_of_delegation):
    assert "Close now" in signed_in(secretariat).get(f"/decisions/{decision.pk}/").content.decode()
    assert "Close now" not in signed_in(head_of_delegation("IN")).get(f"/decisions/{decision.pk}/").content.decode()


def test_the_secretariat_extends_and_closes_on_the_page(decision, secretariat):
    client = signed_in(secretariat)
    later = (decision.deadline + dt.timedelta(days=2)).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")
    assert client.post(f"/decisions/{decision.pk}/extend/", {"deadline": later}).status_code == 302
    decision.refresh_from_db()
    assert decision.deadline.strftime("%Y-%m-%dT%H:%M") == later
    assert client.post(f"/decisions/{decision.pk}/close/").status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == "lapsed"


def test_an_extension_to_the_past_shows_the_field_error(decision, secretariat):
    earlier = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = signed_in(secretariat).post(f"/decisions/{decision.pk}/extend/", {"deadline": earlier})
    assert response.status_code == 422
    assert "An extension must move the deadline later." in response.content.decode()


def test_a_delegate_cannot_close_on_the_page(decision, head_of_delegation):
    response = signed_in(head_of_delegation("IN")).post(f"/decisions/{decision.pk}/close/")
    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).status == "open"


def test_a_hidden_decision_page_is_404(restricted_subjects, open_decision, head_of_delegation):
    hidden = open_decision(subject=Institution.objects.get(code="sco-development-bank"))
    assert signed_in(head_of_delegation("KZ")).get(f"/decisions/{hidden.pk}/").status_code == 404


def test_the_page_is_translated_into_russian_and_chinese(decision, client):
    for language, title, word in (
        ("ru", "Утверждение перечня проектов", "Позиции государств"),
        ("zh-hans", "批准项目清单", "各国立场"),
    ):
        html = client.get(f"/decisions/{decision.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert title in html
        assert word in html


def test_the_home_page_lists_the_positions_awaited_from_me(decision, head_of_delegation):
    html = signed_in(head_of_delegation("KZ")).get("/").content.decode()
    assert f"/decisions/{decision.pk}/" in html


def test_the_decision_page_costs_a_fixed_number_of_queries(decision, all_heads, state):
    """Session, user, the decision with its states, positions and subject (each registered subject kind adds its
    visibility filter), the chair and Secretariat controls, the history, the unread count: the same for 1 or 10."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(all_heads["KZ"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/decisions/{decision.pk}/").status_code == 200
        return len(ctx.captured_queries)

    services.position_record(actor=all_heads["KZ"], decision=decision, state=state("KZ"), kind="support")
    count()  # warm the process-wide caches (content types)
    with_one = count()
    for code, user in all_heads.items():
        services.position_record(actor=user, decision=decision, state=state(code), kind="support")
    assert count() == with_one <= 24


@pytest.mark.parametrize("n", [3, 12])
def test_the_list_page_costs_the_same_number_of_queries_for_3_or_12_decisions(
    n, open_decision, client, django_assert_num_queries
):
    for i in range(n):
        open_decision(title=f"Procedure {i}")
    # the count for the paginator, the page of procedures, three prefetches (states, positions, subjects)
    with django_assert_num_queries(5):
        response = client.get("/decisions/")
    assert response.content.decode().count("/decisions/") >= n


def test_a_subject_part_can_show_the_procedures_on_its_record(rf, open_decision, swg, head_of_delegation):
    from sco.decisions.panels import subject_panel

    decision = open_decision(subject=swg)
    request = rf.get("/")
    request.user = head_of_delegation("KZ")
    html = subject_panel(request, swg)
    assert f"/decisions/{decision.pk}/" in html
    assert "Open" in html
