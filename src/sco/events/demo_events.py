"""The SCO events the demo data holds: public facts only, each with its sources. No Django import.

Dates are the venue's local dates. Where a source gives no clock time, ``precision`` is ``day`` and no time is
stored or shown; where it gives only a month, ``precision`` is ``month``. Nothing here is invented: what the sources
do not say (a room, an hour, a venue) is left empty and shown as unknown. Titles in Russian and Chinese are our
translations of the English titles, not quotations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SEED_CHAIRMANSHIP = (
    "M. A. Noor, 'Kazakhstan's SCO Chairmanship: Achievements and Future Directions' (2024), seed article 000"
)


@dataclass(frozen=True)
class DemoEvent:
    key: str
    chairmanship: str  # ISO 3166 alpha-2 code of the chair state + start year, e.g. "KZ-2023"
    category: str
    title_en: str
    title_ru: str
    title_zh: str
    first_day: date
    last_day: date
    precision: str  # "day": dates known, hours not; "month": only the month is known
    city: str
    country: str  # ISO 3166 alpha-2
    zone: str
    venue: str  # "" when no source names it
    organiser_state: str  # ISO 3166 alpha-2
    organiser_body: str  # the code of a body as the members part holds it; "" when unknown
    format: str
    public: bool
    sources: tuple[str, ...]
    note: str = ""


EVENTS: tuple[DemoEvent, ...] = (
    DemoEvent(
        key="kz-2023-energy-forum",
        chairmanship="KZ-2023",
        category="forum",
        title_en="SCO Energy Forum",
        title_ru="Энергетический форум ШОС",
        title_zh="上海合作组织能源论坛",
        first_day=date(2023, 10, 3),
        last_day=date(2023, 10, 4),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="",
        format="in_person",
        public=True,
        sources=(
            "https://tass.com/economy/1683435",
            "https://en.inform.kz/news/draft-strategy-of-sco-member-states-energy-cooperation-development-approved-276778/",
        ),
        note="Held within Kazakhstan Energy Week 2023 and the XV KAZENERGY Eurasian Forum (TASS, 2 October 2023).",
    ),
    DemoEvent(
        key="kz-2023-tourism-year-forum",
        chairmanship="KZ-2023",
        category="forum",
        title_en="SCO Year of Tourism 2023 Forum",
        title_ru="Форум «Год туризма ШОС 2023»",
        title_zh="上海合作组织2023旅游年论坛",
        first_day=date(2023, 11, 23),
        last_day=date(2023, 11, 26),
        precision="day",
        city="Urumqi",
        country="CN",
        zone="Asia/Shanghai",
        venue="",
        organiser_state="CN",
        organiser_body="secretariat",
        format="in_person",
        public=True,
        sources=("https://astanatimes.com/2023/11/china-to-host-sco-year-of-tourism-2023-forum-next-week/",),
        note="Announced by the SCO Secretary-General on 11 November 2023; Urumqi keeps Beijing time officially.",
    ),
    DemoEvent(
        key="kz-2024-digital-forum",
        chairmanship="KZ-2023",
        category="ministerial_meeting",
        title_en="SCO Digital Forum: meeting of heads of ministries responsible for ICT",
        title_ru="Цифровой форум ШОС: совещание руководителей министерств, отвечающих за развитие ИКТ",
        title_zh="上海合作组织数字论坛：成员国信息通信技术主管部门领导人会议",
        first_day=date(2024, 2, 1),
        last_day=date(2024, 2, 1),
        precision="day",
        city="Almaty",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="",
        format="in_person",
        public=True,
        sources=(
            "https://astanahub.com/en/article/digital-almaty-2024-tsifrovoi-forum-shos-vpervye-prokhodit-v-kazakhstane",
            "https://astanatimes.com/2024/02/kazakhstan-hosts-first-sco-digital-forum-announces-new-initiatives/",
        ),
        note="Held within the Digital Almaty 2024 forum.",
    ),
    DemoEvent(
        key="kz-2024-golden-horde",
        chairmanship="KZ-2023",
        category="scientific_conference",
        title_en="International conference “The Golden Horde and its Heritage”",
        title_ru="Международная конференция «Золотая Орда и её наследие»",
        title_zh="“金帐汗国及其遗产”国际学术会议",
        first_day=date(2024, 4, 1),
        last_day=date(2024, 4, 30),
        precision="month",
        city="Turkistan",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="",
        format="in_person",
        public=True,
        sources=(
            "https://kstu.kz/report-conferences-golden-horde-heritage/?lang=en",
            "https://astanatimes.com/2023/11/kazakhstan-outlines-sco-priorities-and-initiatives-for-foreign-media/",
        ),
        note="The sources give April 2024 and Turkistan but not the day; organised by the Zhoshy (Jochi) Institute.",
    ),
    DemoEvent(
        key="kz-2024-defence-ministers",
        chairmanship="KZ-2023",
        category="ministerial_meeting",
        title_en="Meeting of SCO Defence Ministers",
        title_ru="Совещание министров обороны государств — членов ШОС",
        title_zh="上海合作组织成员国国防部长会议",
        first_day=date(2024, 4, 26),
        last_day=date(2024, 4, 26),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="ministers-defence",
        format="in_person",
        public=False,
        sources=(
            "https://en.inform.kz/news/sco-defence-ministers-to-convene-in-kazakh-capital-dcca8a/",
            "https://en.trend.az/casia/kazakhstan/3888362.html",
        ),
    ),
    DemoEvent(
        key="kz-2024-cfm",
        chairmanship="KZ-2023",
        category="council_meeting",
        title_en="Meeting of the SCO Council of Foreign Ministers",
        title_ru="Заседание Совета министров иностранных дел ШОС",
        title_zh="上海合作组织成员国外交部长理事会会议",
        first_day=date(2024, 5, 21),
        last_day=date(2024, 5, 21),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="cmfa",
        format="in_person",
        public=False,
        sources=(
            "https://en.inform.kz/news/sco-ministerial-meeting-kicks-off-in-astana-79b608/",
            "https://en.inform.kz/news/sco-sec-gen-sums-up-ministerial-meeting-results-in-astana-121386/",
        ),
        note="22 decisions adopted, per the SCO Secretary-General (Kazinform, 21 May 2024).",
    ),
    DemoEvent(
        key="kz-2024-silk-way-festival",
        chairmanship="KZ-2023",
        category="festival",
        title_en="First SCO Silk Way International Music Festival",
        title_ru="Первый международный музыкальный фестиваль ШОС «Шёлковый путь»",
        title_zh="上海合作组织首届丝绸之路国际音乐节",
        first_day=date(2024, 5, 22),
        last_day=date(2024, 5, 25),
        precision="day",
        city="Almaty",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="",
        format="in_person",
        public=True,
        sources=(
            "https://astanatimes.com/2024/05/almaty-to-host-silk-way-music-festival-next-week/",
            "https://en.inform.kz/news/almaty-to-host-silk-road-music-festival-in-may-6959df/",
        ),
        note="Almaty was the SCO tourist and cultural capital for 2023-2024.",
    ),
    DemoEvent(
        key="kz-2024-youth-council",
        chairmanship="KZ-2023",
        category="working_group_meeting",
        title_en="Meeting of the SCO Youth Council",
        title_ru="Заседание Молодёжного совета ШОС",
        title_zh="上海合作组织青年委员会会议",
        first_day=date(2024, 6, 20),
        last_day=date(2024, 6, 20),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="",
        format="in_person",
        public=True,
        sources=("https://silkwaytv.kz/en/astana-to-host-series-of-meetings-within-sco_42915",),
        note="Announced by the Kazakh Ministry of Foreign Affairs; topic: youth leadership in ecology.",
    ),
    DemoEvent(
        key="kz-2024-energy-ministers",
        chairmanship="KZ-2023",
        category="ministerial_meeting",
        title_en="Fourth Meeting of SCO Energy Ministers",
        title_ru="Четвёртое совещание министров энергетики государств — членов ШОС",
        title_zh="第四次上海合作组织成员国能源部长会议",
        first_day=date(2024, 6, 21),
        last_day=date(2024, 6, 21),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="ministers-energy",
        format="in_person",
        public=False,
        sources=("https://rus.sectsco.org/20240623/1401452.html", "https://en.trend.az/casia/kazakhstan/3914747.html"),
        note="Approved the Strategy for the Development of Energy Cooperation of the SCO Member States until 2030.",
    ),
    DemoEvent(
        key="kz-2024-national-coordinators",
        chairmanship="KZ-2023",
        category="council_meeting",
        title_en="Meeting of the SCO Council of National Coordinators",
        title_ru="Заседание Совета национальных координаторов ШОС",
        title_zh="上海合作组织成员国国家协调员理事会会议",
        first_day=date(2024, 6, 29),
        last_day=date(2024, 7, 2),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="",
        organiser_state="KZ",
        organiser_body="cnc",
        format="in_person",
        public=False,
        sources=("https://eng.sectsco.org/20240702/1417413.html",),
    ),
    DemoEvent(
        key="kz-2024-summit",
        chairmanship="KZ-2023",
        category="summit",
        title_en="24th Meeting of the SCO Council of Heads of State",
        title_ru="24-е заседание Совета глав государств — членов ШОС",
        title_zh="上海合作组织成员国元首理事会第二十四次会议",
        first_day=date(2024, 7, 3),
        last_day=date(2024, 7, 4),
        precision="day",
        city="Astana",
        country="KZ",
        zone="Asia/Almaty",
        venue="Palace of Independence",
        organiser_state="KZ",
        organiser_body="chs",
        format="in_person",
        public=True,
        sources=(
            "https://astanatimes.com/2024/07/sco-summit-kicks-off-in-astana/",
            "https://silkwaytv.kz/en/meeting-of-sco-council-of-heads-of-state-kicks-off-in-astana_43537",
        ),
        note="Theme: “Strengthening Multilateral Dialogue – Striving for Lasting Peace and Prosperity” (as "
        + SEED_CHAIRMANSHIP
        + " gives it). The Council itself met on 4 July with an SCO Plus meeting; the Astana Declaration was "
        "adopted, 25 strategic documents were signed and Belarus admitted as the tenth member.",
    ),
    DemoEvent(
        key="cn-2025-culture-ministers",
        chairmanship="CN-2024",
        category="ministerial_meeting",
        title_en="22nd Meeting of SCO Culture Ministers and meeting of heads of tourism administrations",
        title_ru="22-е совещание министров культуры и совещание руководителей туристических администраций ШОС",
        title_zh="上海合作组织成员国第二十二次文化部长会议暨旅游部门领导人会议",
        first_day=date(2025, 7, 7),
        last_day=date(2025, 7, 7),
        precision="day",
        city="Qingdao",
        country="CN",
        zone="Asia/Shanghai",
        venue="",
        organiser_state="CN",
        organiser_body="",
        format="in_person",
        public=False,
        sources=("http://german.people.com.cn/n3/2025/0709/c209054-20337765.html",),
        note="The source (9 July 2025) says “on Monday”, which is 7 July 2025. Cholpon-Ata was nominated SCO "
        "tourist and cultural capital for 2025-2026.",
    ),
    DemoEvent(
        key="cn-2025-summit",
        chairmanship="CN-2024",
        category="summit",
        title_en="25th Meeting of the SCO Council of Heads of State",
        title_ru="25-е заседание Совета глав государств — членов ШОС",
        title_zh="上海合作组织成员国元首理事会第二十五次会议",
        first_day=date(2025, 8, 31),
        last_day=date(2025, 9, 1),
        precision="day",
        city="Tianjin",
        country="CN",
        zone="Asia/Shanghai",
        venue="Meijiang Conference Center",
        organiser_state="CN",
        organiser_body="chs",
        format="in_person",
        public=True,
        sources=(
            "https://qazinform.com/news/2025-sco-summit-kicks-off-in-tianjin-af5392",
            "https://www.newscentralasia.net/2025/09/01/sco-summit-concludes-in-china-with-adoption-of-tianjin-declaration-and-24-documents/",
        ),
        note="Reception on 31 August at the Meijiang Conference Center; the Council met on 1 September and adopted "
        "the Tianjin Declaration and the SCO Development Strategy until 2035.",
    ),
)
