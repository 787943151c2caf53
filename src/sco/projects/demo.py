"""Demo projects from the public facts in demo_facts.py. Their record on the platform is illustrative and says so.
Running it twice changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TextIO

from django.db import transaction

from sco.core.models import User
from sco.members.models import State
from sco.projects import cache
from sco.projects import demo_facts as facts
from sco.projects.models import (
    Appraisal,
    Comment,
    CommentKind,
    Goal,
    Participation,
    ParticipationRole,
    Project,
    ProjectVersion,
    SponsorKind,
    Visibility,
)
from sco.projects.services.common import SCREENING_CHECKLIST

SEED_CHAIRMANSHIP = (
    'Muhammad Asif Noor, "Kazakhstan\'s SCO Chairmanship: Achievements and Future Directions" '
    "(seed article 000 of this project)"
)
SEED_ROLE = 'Naveed Miraj, "Kazakhstan\'s Crucial Role in SCO", 22 June 2024 (seed article 003 of this project)'

# code, titles (en, ru, zh), source
GOALS: tuple[tuple[str, tuple[str, str, str], str], ...] = (
    (
        "energy-cooperation",
        (
            "Energy cooperation development strategy",
            "Стратегия развития энергетического сотрудничества",
            "能源合作发展战略",
        ),
        SEED_CHAIRMANSHIP,
    ),
    (
        "economic-cooperation",
        (
            "Comprehensive economic cooperation plan",
            "Комплексный план экономического сотрудничества",
            "经济合作综合计划",
        ),
        SEED_CHAIRMANSHIP,
    ),
    (
        "connectivity",
        (
            "Connectivity and transit corridors across Eurasia",
            "Взаимосвязанность и транзитные коридоры в Евразии",
            "欧亚互联互通与过境走廊",
        ),
        SEED_ROLE,
    ),
)

GOALS_FOR = {
    "dostyk-moyynty": ["connectivity", "economic-cooperation"],
    "china-kyrgyzstan-uzbekistan-railway": ["connectivity"],
    "kambarata-1": ["energy-cooperation"],
}

# Illustrative cash flows in millions of the project's currency, invented to show the appraisal page; they are
# stored in currency units (times MILLION), so the indicators read in the currency. Not the projects' figures:
# the notes say so on the page.
MILLION = 1_000_000
ILLUSTRATIVE_ROWS: dict[str, list[tuple[int, int, int, int, int]]] = {
    "china-kyrgyzstan-uzbekistan-railway": [
        (2025, 900, 0, 0, 0),
        (2026, 1200, 0, 0, 0),
        (2027, 1300, 0, 0, 0),
        (2028, 900, 0, 0, 0),
        (2029, 400, 60, 150, 520),
        *[(y, 0, 90, 260, 700) for y in range(2030, 2050)],
    ],
    "kambarata-1": [
        (2026, 500, 0, 0, 0),
        (2027, 800, 0, 0, 0),
        (2028, 900, 0, 0, 0),
        (2029, 900, 20, 90, 160),
        (2030, 700, 30, 180, 320),
        (2031, 400, 40, 300, 520),
        *[(y, 0, 45, 330, 560) for y in range(2032, 2060)],
    ],
    # In millions of tenge. Capital costs: the sourced National Fund funding (KZT 542.9 billion over 2022-2025, of
    # which KZT 164 billion in 2024); its split over 2022, 2023 and 2025 and every later year are invented.
    "dostyk-moyynty": [
        (2022, 40000, 0, 0, 0),
        (2023, 160000, 0, 0, 0),
        (2024, 164000, 0, 0, 0),
        (2025, 178900, 0, 0, 0),
        *[(y, 0, 9000, 60000, 90000) for y in range(2026, 2056)],
    ],
}
ILLUSTRATIVE_APPRAISAL_NOTE = (
    "Illustrative figures invented for the demonstration; they are not the project's published appraisal."
)


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def load_projects() -> int:
    for code, titles, source in GOALS:
        Goal.objects.update_or_create(
            code=code, defaults={"title_en": titles[0], "title_ru": titles[1], "title_zh": titles[2], "source": source}
        )
    states = {s.code: s for s in State.objects.all()}
    made = 0
    for demo in facts.DEMO_PROJECTS:
        if Project.objects.filter(title_en=demo.title_en, is_illustrative=True).exists():
            continue
        sponsor = _user(f"hod-{demo.sponsor_state.lower()}")
        sources = "\n".join(f"{f.text} — {f.source}" for f in demo.facts)
        project = Project.objects.create(
            title_en=demo.title_en,
            title_ru=demo.title_ru,
            title_zh=demo.title_zh,
            summary_en=demo.summary_en,
            summary_ru=demo.summary_ru,
            summary_zh=demo.summary_zh,
            sector=demo.sector,
            project_type=demo.project_type,
            sponsor_kind=SponsorKind.STATE_AGENCY
            if "Ministry" in demo.sponsor_name or "Temir" in demo.sponsor_name
            else SponsorKind.COMPANY,
            sponsor_name=demo.sponsor_name,
            sponsor_state=states[demo.sponsor_state],
            location=demo.location,
            total_cost=demo.total_cost,
            cost_is_estimate=demo.cost_is_estimate,
            currency=demo.currency,
            start_date=demo.start,
            end_date=demo.end,
            status=demo.platform_status,
            visibility=Visibility.PUBLIC,
            created_by=sponsor,
            is_illustrative=True,
            sources=f"{facts.ILLUSTRATIVE_NOTE}\n{sources}",
            screening=dict.fromkeys(SCREENING_CHECKLIST, True),
            version_count=1,
        )
        project.goals.set(Goal.objects.filter(code__in=GOALS_FOR.get(demo.key, [])))
        submitted = _at(demo.submitted_on)
        for code in demo.participating_states:
            role = ParticipationRole.HOST if code in demo.host_states else ParticipationRole.PARTICIPANT
            Participation.objects.create(project=project, state=states[code], role=role, joined_at=submitted)
        for code in demo.host_states:
            if code not in demo.participating_states:
                Participation.objects.create(
                    project=project, state=states[code], role=ParticipationRole.HOST, joined_at=submitted
                )
        from sco.projects.services import snapshot

        ProjectVersion.objects.create(project=project, number=1, data=snapshot(project), created_by=sponsor)
        ProjectVersion.objects.filter(project=project).update(created_at=submitted)
        rows = ILLUSTRATIVE_ROWS.get(demo.key) or []
        if rows:
            Appraisal.objects.create(
                project=project,
                currency=demo.currency,
                financial_rate="0.0400",
                social_rate="0.0900",
                rows=[
                    {
                        "year": str(y),
                        "capex": str(c * MILLION),
                        "opex": str(o * MILLION),
                        "revenues": str(r * MILLION),
                        "economic_benefits": str(b * MILLION),
                    }
                    for y, c, o, r, b in rows
                ],
                notes=ILLUSTRATIVE_APPRAISAL_NOTE,
                updated_by=sponsor,
            )
            Appraisal.objects.filter(project=project).update(updated_at=_at(demo.appraised_on))
        _illustrative_discussion(project, sponsor, at=submitted)
        _illustrative_decision(project, demo)
        Project.objects.filter(pk=project.pk).update(created_at=submitted, updated_at=_at(demo.status_since))
        cache.touch(project.pk)
        made += 1
    return made


def _at(day: date) -> datetime:
    """Noon UTC on a sourced date: the demo's records are dated by their sources, never by the day of loading."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def _illustrative_decision(project: Project, demo: facts.DemoProject) -> None:
    """An adopted procedure among the states that were members when it opened (illustrative positions)."""
    from sco.decisions.contract import illustrative_procedure as demo_decision
    from sco.members.selectors import members_on

    if demo.decision_scenario != "adopted_with_views" or demo.decision_window is None:
        return
    opened, closed = (_at(d) for d in demo.decision_window)
    note = "(Illustrative example, not a real position.) "
    positions = {s.code: ("support", "") for s in members_on(opened.date())}
    if "IN" in positions:
        positions["IN"] = (
            "statement",
            note + "Supports connectivity projects that respect sovereignty and territorial integrity; records "
            "this view.",
        )
    if "PK" in positions:
        positions["PK"] = ("no_objection", "")
    decision = demo_decision(
        subject=project,
        title_en=f"Approval of the investment project “{project.title_en}” (illustrative)",
        title_ru=f"Одобрение инвестиционного проекта «{project.title_ru}» (пример)",
        title_zh=f"批准投资项目“{project.title_zh}”（示例）",
        opened_at=opened,
        deadline=closed,
        positions=positions,
        close=True,
        closed_at=closed,
    )
    Project.objects.filter(pk=project.pk).update(decision_ref=decision.pk)


def _illustrative_discussion(project: Project, sponsor: User | None, *, at: datetime) -> None:
    secretariat = _user("secretariat")
    other = _user("hod-in") or secretariat
    if sponsor is None or other is None:
        return
    question = Comment.objects.create(
        project=project,
        author=other,
        on_behalf_of=State.objects.filter(code="IN").first(),
        kind=CommentKind.QUESTION,
        language="en",
        body="(Illustrative) Which financing sources are already committed, and which are sought?",
        answered_at=at + timedelta(days=2),  # the sponsor's answer below
    )
    answer = Comment.objects.create(
        project=project,
        parent=question,
        author=sponsor,
        on_behalf_of=project.sponsor_state,
        kind=CommentKind.ANSWER,
        language="ru",
        body="(Пример) Источники, о которых сообщалось публично, перечислены в разделе «Источники» этой записи; "
        "остальные ещё ищутся.",
    )
    remark = Comment.objects.create(
        project=project,
        author=_user("hod-cn") or sponsor,
        on_behalf_of=State.objects.filter(code="CN").first(),
        kind=CommentKind.COMMENT,
        language="zh-hans",
        body="（示例）我们支持该项目，并建议加强过境便利化合作。",
    )
    for comment, days in ((question, 1), (answer, 2), (remark, 3)):
        Comment.objects.filter(pk=comment.pk).update(created_at=at + timedelta(days=days))


def load(*, stdout: TextIO) -> None:
    made = load_projects()
    stdout.write(f"projects: {made} demo projects added ({Project.objects.count()} in all)\n")


__all__: list[Any] = ["load"]
