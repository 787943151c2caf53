"""Public facts about SCO documents of Kazakhstan's chairmanship (2023-2024), for the demo registry (pure).

Every entry names its sources. What the sources do not say is left unknown (None) and shown as
unknown: we hold no per-state signature or ratification facts, and no full texts (the texts are
public at the source addresses given, but the registry does not hold copies). English titles follow
the sources; Russian and Chinese titles are the registry's own rendering unless a source says
otherwise (`titles_note`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KREMLIN_2024 = "http://en.kremlin.ru/events/president/news/74464"
KAZINFORM_2024 = (
    "https://en.inform.kz/news/sco-members-sign-key-documents-on-cooperation-including-astana-declaration-b95095/"
)
ASTANATIMES_2024 = "https://astanatimes.com/2024/07/sco-summit-adopts-astana-declaration-reaches-strategic-agreements/"
MEA_DECLARATION = (
    "https://fsi.mea.gov.in/bilateral-documents.htm?dtl/37942/"
    "Astana+Declaration+of+the+Council+of+Heads+of+State+of+the+Shanghai+Cooperation+Organization"
)
SEED_ARTICLE = (
    "Muhammad Asif Noor, 'Kazakhstan's SCO Chairmanship: Achievements and Future Directions' (project seed 000)"
)
SEED_ARTICLE_2 = "Naveed Miraj, 'Kazakhstan's Crucial Role in SCO', 22 June 2024 (project seed 003)"
NEWSBY_2025 = "https://news.by/eng/news/politika/in-tianjin-heads-of-states-approve-sco-development-strategy-until-2035"
QAZINFORM_2025 = "https://qazinform.com/news/sco-summit-from-astana-to-tianjin-08c35c"
ADILET_CHARTER = "http://www.adilet.zan.kz/rus/docs/Z030000465_/compare"
# A list of the 24 documents of the Astana summit (an English rendering of the Kremlin's list), 4 July 2024.
LIST_2024 = "https://karlof1.substack.com/p/sco-summit-declaration-and-list-of (2024-07-04)"
SECTSCO_REPORT_2024 = "https://eng.sectsco.org/20240702/1417413.html (Council of National Coordinators, 2 July 2024)"

ASTANA_SUMMIT = date(2024, 7, 4)
TITLES_NOTE = "Russian and Chinese titles: the registry's rendering, not the official text."


@dataclass(frozen=True)
class DemoDocument:
    key: str
    kind: str
    title_en: str
    title_ru: str
    title_zh: str
    body: str  # code of the adopting body (members part): chs is the Council of Heads of State
    status: str
    adopted_on: date | None
    place: str
    areas: tuple[str, ...]
    sources: tuple[str, ...]
    valid_from_year: int | None = None
    valid_to_year: int | None = None
    summit: str = "astana-2024"
    # Facts the sources give beyond the basics, in English; shown with the document.
    note: str = ""
    titles_note: str = TITLES_NOTE
    relations: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (relation kind, other key)
    entry_into_force_on: date | None = None
    eif_rule: str | None = None  # None: the rule is not known to the registry
    text_held: bool = False


DOCUMENTS: tuple[DemoDocument, ...] = (
    DemoDocument(
        key="astana-declaration-2024",
        kind="declaration",
        title_en="Astana Declaration of the Council of Heads of State of the Shanghai Cooperation Organisation",
        title_ru="Астанинская декларация Совета глав государств – членов Шанхайской организации сотрудничества",
        title_zh="上海合作组织成员国元首理事会阿斯塔纳宣言",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security", "economy", "energy", "ecology", "transport", "culture", "information_security"),
        sources=(MEA_DECLARATION, KREMLIN_2024, SEED_ARTICLE),
        note="Signed by the heads of state at the 24th meeting of the Council of Heads of State, Astana.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="development-strategy-2035-draft-decision",
        kind="decision",
        title_en="Decision of the Council of Heads of State on the draft SCO Development Strategy until 2035",
        title_ru="Решение Совета глав государств – членов ШОС о проекте Стратегии развития ШОС до 2035 года",
        title_zh="上海合作组织成员国元首理事会关于上合组织至2035年发展战略草案的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security", "economy"),
        sources=(KREMLIN_2024, KAZINFORM_2024, QAZINFORM_2025),
        note="At Astana the heads of state approved the draft; the Strategy itself was to be adopted at Tianjin.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="development-strategy-2035",
        kind="strategy",
        title_en="SCO Development Strategy until 2035",
        title_ru="Стратегия развития Шанхайской организации сотрудничества до 2035 года",
        title_zh="上海合作组织至2035年发展战略",
        body="chs",
        status="adopted",
        adopted_on=date(2025, 9, 1),
        place="Tianjin",
        areas=("security", "economy", "culture"),
        sources=(NEWSBY_2025, QAZINFORM_2025, SEED_ARTICLE_2),
        valid_to_year=2035,
        summit="tianjin-2025",
        note=(
            "Approved by the heads of state following the 25th summit in Tianjin (31 August - 1 September 2025);"
            " the date recorded is the summit's last day."
        ),
        relations=(("implements", "development-strategy-2035-draft-decision"),),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="world-unity-initiative-2024",
        kind="initiative",
        title_en="SCO Initiative on World Unity for a Just Peace, Harmony and Development",
        title_ru="Инициатива ШОС «О всемирном единении за справедливый мир, согласие и развитие»",
        title_zh="上海合作组织关于世界公正和平、和谐与发展的团结倡议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(KREMLIN_2024, KAZINFORM_2024, ASTANATIMES_2024, SEED_ARTICLE_2),
        note="Proposed by Kazakhstan; approved by a decision of the Council of Heads of State.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="counter-terrorism-programme-2025-2027",
        kind="programme",
        title_en=(
            "Programme of Cooperation of the SCO Member States in Countering Terrorism, Separatism and Extremism"
            " for 2025-2027"
        ),
        title_ru=(
            "Программа сотрудничества государств – членов ШОС в борьбе с терроризмом, сепаратизмом и экстремизмом"
            " на 2025–2027 годы"
        ),
        title_zh="上海合作组织成员国2025-2027年打击恐怖主义、分裂主义和极端主义合作纲要",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(KREMLIN_2024, KAZINFORM_2024),
        valid_from_year=2025,
        valid_to_year=2027,
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="anti-drug-strategy-2024-2029",
        kind="strategy",
        title_en="SCO Anti-Drug Strategy for 2024-2029",
        title_ru="Антинаркотическая стратегия ШОС на 2024–2029 годы",
        title_zh="上海合作组织2024-2029年禁毒战略",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("counter_narcotics",),
        sources=(KREMLIN_2024, KAZINFORM_2024, SEED_ARTICLE),
        valid_from_year=2024,
        valid_to_year=2029,
        note="Approved together with the Action Programme for its implementation.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="anti-drug-action-programme-2024-2029",
        kind="action_plan",
        title_en="Action Programme for the implementation of the SCO Anti-Drug Strategy for 2024-2029",
        title_ru="Программа действий по реализации Антинаркотической стратегии ШОС на 2024–2029 годы",
        title_zh="落实上海合作组织2024-2029年禁毒战略行动计划",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("counter_narcotics",),
        sources=(KAZINFORM_2024, ASTANATIMES_2024),
        valid_from_year=2024,
        valid_to_year=2029,
        relations=(("implements", "anti-drug-strategy-2024-2029"),),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="energy-cooperation-strategy-2030",
        kind="strategy",
        title_en="Strategy for the Development of Energy Cooperation of the SCO Member States until 2030",
        title_ru="Стратегия развития энергетического сотрудничества государств – членов ШОС до 2030 года",
        title_zh="上海合作组织成员国至2030年能源合作发展战略",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("energy",),
        sources=(KREMLIN_2024, KAZINFORM_2024, SEED_ARTICLE),
        valid_to_year=2030,
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="economic-strategy-2030-action-plan",
        kind="action_plan",
        title_en="Action Plan for the implementation of the SCO Economic Development Strategy until 2030",
        title_ru="План действий по реализации Стратегии экономического развития ШОС до 2030 года",
        title_zh="落实上海合作组织至2030年经济发展战略行动计划",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("economy",),
        sources=(KAZINFORM_2024, ASTANATIMES_2024),
        valid_to_year=2030,
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="information-security-interaction-plan",
        kind="action_plan",
        title_en="Plan of Interaction of the SCO Member States on Ensuring International Information Security",
        title_ru="План взаимодействия государств – членов ШОС по обеспечению международной информационной безопасности",
        title_zh="上海合作组织成员国保障国际信息安全合作计划",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("information_security",),
        sources=(KREMLIN_2024, KAZINFORM_2024, SEED_ARTICLE),
        note="The seed article calls it the approved action plan on international information security.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="improving-sco-activities-decision",
        kind="decision",
        title_en="Decision on the proposals of the Council of Foreign Ministers to improve the activities of the SCO",
        title_ru="Решение о предложениях Совета министров иностранных дел по совершенствованию деятельности ШОС",
        title_zh="关于外交部长理事会完善上海合作组织工作建议的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security", "economy"),
        sources=(KAZINFORM_2024, SEED_ARTICLE_2),
        note="The seed article refers to a 'Concept for Improving the SCO's activities'.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="investors-association-decision",
        kind="decision",
        title_en="Decision on the Association of Investors of the SCO Member States",
        title_ru="Решение об Ассоциации инвесторов государств – членов ШОС",
        title_zh="关于上海合作组织成员国投资者联合会的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("economy",),
        sources=(KREMLIN_2024, KAZINFORM_2024),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="protected-areas-ecotourism-programme",
        kind="programme",
        title_en=(
            "Programme for developing cooperation of the SCO Member States on protected natural areas and eco-tourism"
        ),
        title_ru="Программа развития сотрудничества государств – членов ШОС в области особо охраняемых природных"
        " территорий и экологического туризма",
        title_zh="上海合作组织成员国自然保护区和生态旅游领域合作发展纲要",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("ecology", "culture"),
        sources=(KREMLIN_2024, KAZINFORM_2024),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="qingdao-tourism-capital-2024-2025",
        kind="decision",
        title_en="Decision declaring Qingdao the SCO Tourism and Cultural Capital for 2024-2025",
        title_ru="Решение об объявлении города Циндао туристической и культурной столицей ШОС 2024–2025 годов",
        title_zh="关于宣布青岛市为2024-2025年上海合作组织旅游和文化之都的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("culture",),
        sources=(KREMLIN_2024, KAZINFORM_2024),
        valid_from_year=2024,
        valid_to_year=2025,
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="financial-support-mechanisms-decision",
        kind="decision",
        title_en="Decision on mechanisms of financial support for SCO project activities",
        title_ru="Решение о механизмах финансового обеспечения проектной деятельности ШОС",
        title_zh="关于上海合作组织项目活动融资保障机制的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("economy",),
        sources=(KAZINFORM_2024, ASTANATIMES_2024),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="caricc-memorandum",
        kind="memorandum",
        title_en=(
            "Memorandum of Understanding between the SCO Secretariat and the Central Asian Regional Information and"
            " Coordination Centre for Combating Illicit Trafficking of Narcotic Drugs, Psychotropic Substances and"
            " their Precursors"
        ),
        title_ru="Меморандум о взаимопонимании между Секретариатом ШОС и Центральноазиатским региональным"
        " информационным координационным центром по борьбе с незаконным оборотом наркотиков",
        title_zh="上海合作组织秘书处与中亚禁毒信息协调中心谅解备忘录",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("counter_narcotics",),
        sources=(KREMLIN_2024, KAZINFORM_2024),
        note="At Astana the heads of state decided that the memorandum be signed; its own signature date is not held.",
        eif_rule=None,
    ),
    DemoDocument(
        key="environmental-protection-agreement",
        kind="agreement",
        title_en=(
            "Agreement between the Governments of the SCO Member States on cooperation in environmental protection"
        ),
        title_ru="Соглашение между правительствами государств – членов ШОС о сотрудничестве в области охраны"
        " окружающей среды",
        title_zh="上海合作组织成员国政府间环境保护合作协定",
        body="chs",
        status="signed",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("ecology",),
        sources=(KREMLIN_2024, SEED_ARTICLE),
        note=(
            "An agreement between governments, signed during the Astana meeting of the Council of Heads of State. Which states have signed and notified, and the agreement's own"
            " entry-into-force clause, are not held by the registry."
        ),
        eif_rule=None,
    ),
    DemoDocument(
        key="good-neighbourliness-statement",
        kind="statement",
        title_en=(
            "Statement of the Council of Heads of State on the principles of good-neighbourliness,"
            " trust and partnership"
        ),
        title_ru="Заявление Совета глав государств – членов ШОС о принципах добрососедства, доверия и партнерства",
        title_zh="上海合作组织成员国元首理事会关于睦邻、互信和伙伴关系原则的声明",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(KREMLIN_2024,),
        note="Adopted without signing.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="drinking-water-statement",
        kind="statement",
        title_en="Statement of the Council of Heads of State on safe drinking water and sanitation",
        title_ru="Заявление Совета глав государств – членов ШОС о безопасной питьевой воде и санитарии",
        title_zh="上海合作组织成员国元首理事会关于安全饮用水和卫生设施的声明",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("ecology",),
        sources=(KREMLIN_2024,),
        note="Adopted without signing.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="waste-management-statement",
        kind="statement",
        title_en="Statement of the Council of Heads of State on effective waste management",
        title_ru="Заявление Совета глав государств – членов ШОС об эффективном обращении с отходами",
        title_zh="上海合作组织成员国元首理事会关于有效废物管理的声明",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("ecology",),
        sources=(KREMLIN_2024,),
        note="Adopted without signing.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="belarus-membership-decision",
        kind="decision",
        title_en="Decision on granting the Republic of Belarus the status of an SCO member state",
        title_ru="Решение о предоставлении Республике Беларусь статуса государства – члена ШОС",
        title_zh="关于给予白俄罗斯共和国上海合作组织成员国地位的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(KREMLIN_2024, SEED_ARTICLE),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="dialogue-partners-road-map-decision",
        kind="decision",
        title_en="Decision approving the road map on strengthening interaction between the SCO member states and the "
        "SCO dialogue partners",
        title_ru="Решение об утверждении дорожной карты по укреплению взаимодействия государств – членов ШОС с "
        "партнёрами ШОС по диалогу",
        title_zh="关于批准加强上海合作组织成员国与对话伙伴互动路线图的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security", "economy"),
        sources=(KAZINFORM_2024, LIST_2024),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="secretary-general-report-decision-2024",
        kind="decision",
        title_en="Decision on the report of the Secretary-General on the activities of the SCO over the past year",
        title_ru="Решение о докладе Генерального секретаря о деятельности ШОС за прошедший год",
        title_zh="关于秘书长上海合作组织过去一年工作报告的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security", "economy", "culture"),
        sources=(LIST_2024, SECTSCO_REPORT_2024),
        note="The national coordinators discussed the draft report on the SCO's work in 2023-2024 before the summit.",
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="rats-council-report-decision-2023",
        kind="decision",
        title_en="Decision on the report of the Council of the Regional Anti-Terrorist Structure on its activities in "
        "2023",
        title_ru="Решение о докладе Совета Региональной антитеррористической структуры о её деятельности в 2023 году",
        title_zh="关于地区反恐怖机构理事会2023年工作报告的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(LIST_2024,),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="secretary-general-appointment-decision-2024",
        kind="decision",
        title_en="Decision on the Secretary-General of the SCO",
        title_ru="Решение о Генеральном секретаре ШОС",
        title_zh="关于上海合作组织秘书长的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(LIST_2024,),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="rats-director-decision-2024",
        kind="decision",
        title_en="Decision on the Director of the Executive Committee of the Regional Anti-Terrorist Structure",
        title_ru="Решение о Директоре Исполнительного комитета Региональной антитеррористической структуры",
        title_zh="关于地区反恐怖机构执行委员会主任的决议",
        body="chs",
        status="adopted",
        adopted_on=ASTANA_SUMMIT,
        place="Astana",
        areas=("security",),
        sources=(LIST_2024,),
        eif_rule="on_adoption",
    ),
    DemoDocument(
        key="sco-charter",
        kind="charter",
        title_en="Charter of the Shanghai Cooperation Organisation",
        title_ru="Хартия Шанхайской организации сотрудничества",
        title_zh="上海合作组织宪章",
        body="chs",
        status="in_force",
        adopted_on=date(2002, 6, 7),
        place="Saint Petersburg",
        areas=("security", "economy", "culture"),
        sources=(ADILET_CHARTER, "/work/shared/research/trade-docs-anchors.md (B2, SCO anchors)"),
        summit="",
        note="Entered into force on 19 September 2003. Kazakhstan ratified it by Law No. 465 of 4 July 2003.",
        entry_into_force_on=date(2003, 9, 19),
        eif_rule=None,
    ),
)

# Facts about the whole chairmanship, shown on the registry page with their sources.
CHAIRMANSHIP_FACTS: tuple[tuple[str, str], ...] = (
    ("Some 60 strategic documents were developed during Kazakhstan's chairmanship.", SEED_ARTICLE),
    ("The Astana Declaration was adopted and 25 strategic documents were signed at the Astana summit.", SEED_ARTICLE),
    ("The summit adopted the Astana Declaration, 20 decisions and three statements.", ASTANATIMES_2024),
    ("24 documents were to be adopted at the Astana summit, the Declaration first among them.", LIST_2024),
)

# One document written for the demonstration, with texts in three languages, so that search, amendments,
# versions, adoption and exports can be tried without typing. It is not an SCO document and says so everywhere.
ILLUSTRATIVE_KEY = "illustrative-timetable-regulations"
ILLUSTRATIVE_TITLES = (
    "(Illustrative) Draft regulations on the exchange of transit train timetables",
    "(Пример) Проект положения об обмене расписаниями транзитных поездов",
    "（示例）关于交换过境列车时刻表的规定草案",
)
ILLUSTRATIVE_NOTE = (
    "Illustrative document written for the demonstration of the platform: it is not an SCO document, no state "
    "negotiated it, and its texts in three languages were written for the demo."
)
ILLUSTRATIVE_TEXTS = {
    "en": (
        "This text is an illustrative draft written to demonstrate the platform. It is not an SCO document.",
        "The Member States exchange, through national contact points, the timetables of container trains that "
        "transit their territory.",
        "Each Member State names its national contact point and notifies the SCO Secretariat within thirty days of "
        "the entry into force of these regulations.",
        "The Secretariat keeps the list of contact points and circulates it to the Member States.",
        "These regulations enter into force on the date of their adoption.",
    ),
    "ru": (
        "Настоящий текст — иллюстративный проект, написанный для демонстрации платформы. Он не является документом "
        "ШОС.",
        "Государства-члены обмениваются через национальные контактные пункты расписаниями контейнерных поездов, "
        "следующих транзитом по их территории.",
        "Каждое государство-член назначает национальный контактный пункт и уведомляет Секретариат ШОС в течение "
        "тридцати дней со дня вступления настоящего положения в силу.",
        "Секретариат ведёт список контактных пунктов и рассылает его государствам-членам.",
        "Настоящее положение вступает в силу со дня его принятия.",
    ),
    "zh": (
        "本文本是为演示平台而撰写的示例草案，不是上海合作组织文件。",
        "成员国通过国家联络点交换过境其领土的集装箱列车时刻表。",
        "各成员国指定国家联络点，并在本规定生效之日起三十日内通知上海合作组织秘书处。",
        "秘书处保存联络点名单并分发给各成员国。",
        "本规定自通过之日起生效。",
    ),
}
# Russian and Chinese are the SCO's official languages (Charter, art. 21): those texts are authentic here.
ILLUSTRATIVE_AUTHENTIC = ("ru", "zh")
