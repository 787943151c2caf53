"""Public facts behind the demo projects, each with its source.

Pure data (no Django). The demo loader builds projects from these records. What the sources report is
stored as reported; what no source gave is ``None`` (unknown, shown as such). Everything about the
project's life *on this platform* (who submitted it, comments, positions, dates of platform steps) is an
illustrative example: the platform is new and holds no real record; ``ILLUSTRATIVE_NOTE`` says so on
every demo project.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ILLUSTRATIVE_NOTE = (
    "Illustrative example: the project facts come from the public sources listed; its record on this "
    "platform (submission, discussion, appraisal figures, states' positions) is invented for demonstration."
)


@dataclass(frozen=True)
class Fact:
    text: str
    source: str  # URL or publication


@dataclass(frozen=True)
class DemoProject:
    key: str
    title_en: str
    title_ru: str
    title_zh: str
    summary_en: str
    summary_ru: str
    summary_zh: str
    sector: str
    project_type: str
    sponsor_name: str
    sponsor_state: str  # ISO 3166-1 alpha-2
    host_states: tuple[str, ...]
    participating_states: tuple[str, ...]
    location: str
    longitude: float | None
    latitude: float | None
    total_cost: Decimal | None  # None: no public source gave it
    currency: str
    cost_is_estimate: bool
    start: date | None
    end: date | None
    facts: tuple[Fact, ...]
    # What the demo shows on the platform (illustrative): the lifecycle status the sources support, and the dates
    # of its platform steps. Each date is a sourced date (see `dates_note`) or placed just before one, never today.
    platform_status: str
    decision_scenario: str  # "adopted_with_views" | "none"
    submitted_on: date
    appraised_on: date
    decision_window: tuple[date, date] | None  # opened, closed
    status_since: date
    dates_note: str


DOSTYK_MOYYNTY = DemoProject(
    key="dostyk-moyynty",
    title_en="Second track on the Dostyk - Moyynty railway section",
    title_ru="Строительство вторых путей на участке Достык - Мойынты",
    title_zh="多斯特克—莫因特铁路区段第二线建设",
    summary_en=(
        "A second track along the 836 km Dostyk - Moyynty section of the China - Europe transit corridor "
        "through Kazakhstan, raising its capacity from 12 to 60 pairs of trains a day."
    ),
    summary_ru=(
        "Второй путь на участке Достык - Мойынты протяжённостью 836 км транзитного коридора Китай - Европа "
        "через Казахстан; пропускная способность возрастает с 12 до 60 пар поездов в сутки."
    ),
    summary_zh="在中欧过境走廊哈萨克斯坦境内836公里的多斯特克—莫因特区段修建第二线，通过能力由每天12对列车提高到60对。",
    sector="transport.rail",
    project_type="expansion",
    sponsor_name="JSC NC Kazakhstan Temir Zholy",
    sponsor_state="KZ",
    host_states=("KZ",),
    participating_states=("KZ", "CN"),
    location="Dostyk - Aktogay - Balkhash - Moyynty, Kazakhstan",
    longitude=None,
    latitude=None,
    total_cost=None,
    currency="KZT",
    cost_is_estimate=False,
    start=date(2022, 11, 17),
    end=date(2025, 9, 30),
    facts=(
        Fact(
            "The section is 836 km long.",
            "https://railways.kz/en/news/the-construction-of-the-second-track-on-the-dostyk-moiynty-site/",
        ),
        Fact(
            "Construction started on 17 November 2022, due for completion in the 4th quarter of 2025; capacity to rise "
            "from 12 to 60 pairs of trains.",
            "https://el.kz/en/largest-railway-project-started-in-kazakhstan_56100",
        ),
        Fact(
            "The second line was launched by the President of Kazakhstan, about two years ahead of schedule; local "
            "content 85 %.",
            "https://qazinform.com/news/dostyk-moyinty-railway-launch-what-it-means-for-kazakhstan-822243 (2025-09-30)",
        ),
        Fact(
            "Kazakhstan's National Fund is to provide KZT 542.9 billion (USD 1.16 billion) in 2022-2025 for the second "
            "tracks and the electrification of Dostyk - Moyynty, KZT 164 billion of it in 2024 (funding, not the total "
            "cost).",
            "https://sknews.kz/news/amp/nacfond-kazahstana-vydelit-esche-350-mln-dollarov-na-vtorye-puti-gheleznoy-dorogi-dostyk--moyynty",
        ),
        Fact("The total cost was not found in the sources read; it is recorded as unknown.", "-"),
    ),
    # The line opened on 30 September 2025 (Qazinform): completed. Its platform record (illustrative) is placed
    # before the sourced start of construction, among the states that were members then.
    platform_status="completed",
    decision_scenario="adopted_with_views",
    submitted_on=date(2022, 10, 3),
    appraised_on=date(2022, 10, 14),
    decision_window=(date(2022, 10, 17), date(2022, 10, 31)),
    status_since=date(2025, 9, 30),
    dates_note=(
        "Construction started 2022-11-17 (el.kz); the second line was launched 2025-09-30 (Qazinform). The platform "
        "steps before construction (submission, appraisal, decision) are illustrative and placed before that start."
    ),
)

CKU_RAILWAY = DemoProject(
    key="china-kyrgyzstan-uzbekistan-railway",
    title_en="China - Kyrgyzstan - Uzbekistan railway",
    title_ru="Железная дорога Китай - Кыргызстан - Узбекистан",
    title_zh="中吉乌铁路",
    summary_en=(
        "A railway from Kashgar through Torugart, Makmal and Jalal-Abad to Andijan, built by a joint company of "
        "China (51 %), Kyrgyzstan (24.5 %) and Uzbekistan (24.5 %)."
    ),
    summary_ru=(
        "Железная дорога Кашгар - Торугарт - Макмал - Джалал-Абад - Андижан, которую строит совместная компания "
        "Китая (51 %), Кыргызстана (24,5 %) и Узбекистана (24,5 %)."
    ),
    summary_zh="由中国（51%）、吉尔吉斯斯坦（24.5%）和乌兹别克斯坦（24.5%）合资公司建设的喀什—吐尔尕特—马克马尔—贾拉拉巴德—安集延铁路。",
    sector="transport.rail",
    project_type="construction",
    sponsor_name="China-Kyrgyzstan-Uzbekistan Railway Company LLC",
    sponsor_state="KG",
    host_states=("CN", "KG", "UZ"),
    participating_states=("CN", "KG", "UZ"),
    location="Kashgar - Torugart - Makmal - Jalal-Abad - Andijan",
    longitude=None,
    latitude=None,
    total_cost=Decimal("4700000000"),
    currency="USD",
    cost_is_estimate=True,
    start=date(2024, 12, 27),
    end=None,
    facts=(
        Fact(
            "Agreement signed on 6 June 2024; the joint company was established on 26 July 2024; route Kashgar - "
            "Torugart - Makmal - Jalal-Abad - Andijan, 486 km.",
            "https://en.trend.az/casia/kyrgyzstan/3984350.html (2024-12-20)",
        ),
        Fact(
            "Estimated total cost USD 4.7 billion; joint venture shares China 51 %, Kyrgyzstan and Uzbekistan 24.5 % each.",
            "https://daryo.uz/en/2024/12/20/construction-of-china-kyrgyzstan-uzbekistan-railway-set-to-begin-in-december-27-2024",
        ),
        Fact(
            "Construction started on 27 December 2024 near Jalal-Abad.",
            "https://www.newscentralasia.net/2024/12/27/construction-of-china-kyrgyzstan-uzbekistan-railway-starts-in-kyrgyzstan/",
        ),
        Fact(
            "Reported lengths differ: 486 km (Trend, daryo.uz), 523 km (Asia-Plus), 532.53 km (Trend, 2025).",
            "https://en.trend.az/business/4037288.html",
        ),
    ),
    # Construction started on 27 December 2024: in implementation since then.
    platform_status="implementation",
    decision_scenario="adopted_with_views",
    submitted_on=date(2024, 6, 6),
    appraised_on=date(2024, 7, 19),
    decision_window=(date(2024, 7, 26), date(2024, 8, 9)),
    status_since=date(2024, 12, 27),
    dates_note=(
        "Agreement signed 2024-06-06 and joint company established 2024-07-26 (Trend); construction started "
        "2024-12-27 (newscentralasia). The platform record is illustrative: submitted on the agreement's date, "
        "decided from the joint company's date."
    ),
)

KAMBARATA_1 = DemoProject(
    key="kambarata-1",
    title_en="Kambarata-1 hydropower plant",
    title_ru="Камбаратинская ГЭС-1",
    title_zh="坎巴拉塔1号水电站",
    summary_en=(
        "A 1,860 MW hydropower plant on the Naryn River in Kyrgyzstan, about 5.6 billion kWh a year, prepared jointly "
        "by Kyrgyzstan (34 %), Kazakhstan (33 %) and Uzbekistan (33 %)."
    ),
    summary_ru=(
        "ГЭС мощностью 1860 МВт на реке Нарын в Кыргызстане, около 5,6 млрд кВт·ч в год; проект совместно готовят "
        "Кыргызстан (34 %), Казахстан (33 %) и Узбекистан (33 %)."
    ),
    summary_zh="吉尔吉斯斯坦纳伦河上装机1860兆瓦的水电站，年发电约56亿千瓦时，由吉尔吉斯斯坦（34%）、哈萨克斯坦（33%）和乌兹别克斯坦（33%）共同筹备。",
    sector="energy.hydropower",
    project_type="construction",
    sponsor_name="Ministry of Energy of the Kyrgyz Republic",
    sponsor_state="KG",
    host_states=("KG",),
    participating_states=("KG", "KZ", "UZ"),
    location="Naryn River, Kyrgyzstan",
    longitude=None,
    latitude=None,
    total_cost=Decimal("4200000000"),
    currency="USD",
    cost_is_estimate=True,
    start=None,
    end=None,
    facts=(
        Fact(
            "Capacity 1,860 MW, average output 5.6 billion kWh a year; roadmap signed in Bishkek in January 2023; "
            "shares Kyrgyzstan 34 %, Kazakhstan 33 %, Uzbekistan 33 %.",
            "https://www.azernews.az/region/224735.html (2024-04-17)",
        ),
        Fact(
            "Interdepartmental agreement signed in Vienna in June 2024; a donor coordination committee was set up.",
            "https://en.trend.az/casia/kyrgyzstan/3910766.html (2024-06-11)",
        ),
        Fact(
            "Construction cost estimated at USD 4.2 billion (estimate, per Uzbekistan's Energy Minister).",
            "https://24.kg/english/347432_Uzbekistan_announces_cost_of_Kambarata_1_HPP_construction_-_42_billion/ (2025-10-16)",
        ),
        Fact(
            "A World Bank technical assistance supports the feasibility study.",
            "https://astanatimes.com/2025/01/kambarata-1-to-become-central-asias-large-hydropower-plant/",
        ),
    ),
    # The feasibility study is still under way (World Bank technical assistance): in appraisal, not yet decided.
    platform_status="appraisal",
    decision_scenario="none",
    submitted_on=date(2024, 6, 11),
    appraised_on=date(2025, 10, 16),
    decision_window=None,
    status_since=date(2025, 10, 16),
    dates_note=(
        "Interdepartmental agreement reported 2024-06-11 (Trend); the World Bank supports the feasibility study "
        "(Astana Times, January 2025); cost estimate of 2025-10-16 (24.kg). The platform record is illustrative."
    ),
)

DEMO_PROJECTS: tuple[DemoProject, ...] = (DOSTYK_MOYYNTY, CKU_RAILWAY, KAMBARATA_1)
