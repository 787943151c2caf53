"""Public facts the demo data is built from, each with its source.

Dates of status are those of the Council of Heads of State meeting that granted them. `end` is the first day a
status no longer held. Nothing here is an estimate; what we could not source is left out and said so on the page.
"""

SRC_SCO = "SCO Secretariat, 'About SCO' (https://eng.sectsco.org/) and the Declaration on the Establishment of the SCO, Shanghai, 15 June 2001"
SRC_WIKI = "Wikipedia, 'Shanghai Cooperation Organisation' (https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation), membership and summit tables"
SRC_SEED_NOOR = "M. A. Noor, 'Kazakhstan's SCO Chairmanship: Achievements and Future Directions' (2024)"
SRC_SEED_MIRAJ = "N. Miraj, 'Kazakhstan's Crucial Role in SCO' (22 June 2024)"
SRC_ASTANA = (
    "Astana Declaration of the Council of Heads of State of the SCO, 4 July 2024 (https://eng.sectsco.org/); "
    + SRC_SEED_NOOR
)
SRC_DELHI = "New Delhi Declaration of the Council of Heads of State of the SCO, 4 July 2023 (https://eng.sectsco.org/)"
SRC_TIANJIN = (
    "Tianjin Declaration of the Council of Heads of State of the SCO, 1 September 2025 (https://eng.sectsco.org/)"
)

FOUNDED = "2001-06-15"

# code, iso3, (en, ru, zh), (capital en, ru, zh), [(status, start, end, source)]
STATES = [
    ("CN", "CHN", ("China", "Китай", "中国"), ("Beijing", "Пекин", "北京"), [("member", FOUNDED, None, SRC_SCO)]),
    ("RU", "RUS", ("Russia", "Россия", "俄罗斯"), ("Moscow", "Москва", "莫斯科"), [("member", FOUNDED, None, SRC_SCO)]),
    (
        "KZ",
        "KAZ",
        ("Kazakhstan", "Казахстан", "哈萨克斯坦"),
        ("Astana", "Астана", "阿斯塔纳"),
        [("member", FOUNDED, None, SRC_SCO)],
    ),
    (
        "KG",
        "KGZ",
        ("Kyrgyzstan", "Кыргызстан", "吉尔吉斯斯坦"),
        ("Bishkek", "Бишкек", "比什凯克"),
        [("member", FOUNDED, None, SRC_SCO)],
    ),
    (
        "TJ",
        "TJK",
        ("Tajikistan", "Таджикистан", "塔吉克斯坦"),
        ("Dushanbe", "Душанбе", "杜尚别"),
        [("member", FOUNDED, None, SRC_SCO)],
    ),
    (
        "UZ",
        "UZB",
        ("Uzbekistan", "Узбекистан", "乌兹别克斯坦"),
        ("Tashkent", "Ташкент", "塔什干"),
        [("member", FOUNDED, None, SRC_SCO)],
    ),
    (
        "IN",
        "IND",
        ("India", "Индия", "印度"),
        ("New Delhi", "Нью-Дели", "新德里"),
        [
            ("observer", "2005-07-05", "2017-06-09", SRC_WIKI),
            ("member", "2017-06-09", None, SRC_SCO + "; Astana summit, 9 June 2017"),
        ],
    ),
    (
        "PK",
        "PAK",
        ("Pakistan", "Пакистан", "巴基斯坦"),
        ("Islamabad", "Исламабад", "伊斯兰堡"),
        [
            ("observer", "2005-07-05", "2017-06-09", SRC_WIKI),
            ("member", "2017-06-09", None, SRC_SCO + "; Astana summit, 9 June 2017"),
        ],
    ),
    (
        "IR",
        "IRN",
        ("Iran", "Иран", "伊朗"),
        ("Tehran", "Тегеран", "德黑兰"),
        [("observer", "2005-07-05", "2023-07-04", SRC_WIKI), ("member", "2023-07-04", None, SRC_DELHI)],
    ),
    (
        "BY",
        "BLR",
        ("Belarus", "Беларусь", "白俄罗斯"),
        ("Minsk", "Минск", "明斯克"),
        [
            ("dialogue_partner", "2009-06-16", "2015-07-10", SRC_WIKI),
            ("observer", "2015-07-10", "2024-07-04", SRC_WIKI),
            ("member", "2024-07-04", None, SRC_ASTANA),
        ],
    ),
    (
        "MN",
        "MNG",
        ("Mongolia", "Монголия", "蒙古国"),
        ("Ulaanbaatar", "Улан-Батор", "乌兰巴托"),
        [("observer", "2004-06-17", None, SRC_WIKI + "; Tashkent summit, 17 June 2004")],
    ),
    (
        "AF",
        "AFG",
        ("Afghanistan", "Афганистан", "阿富汗"),
        ("Kabul", "Кабул", "喀布尔"),
        [("observer", "2012-06-07", None, SRC_WIKI + "; Beijing summit, 7 June 2012")],
    ),
    (
        "LK",
        "LKA",
        ("Sri Lanka", "Шри-Ланка", "斯里兰卡"),
        ("Sri Jayawardenepura Kotte", "Шри-Джаяварденепура-Котте", "斯里贾亚瓦德纳普拉科特"),
        [("dialogue_partner", "2009-06-16", None, SRC_WIKI + "; Yekaterinburg summit, 16 June 2009")],
    ),
    (
        "TR",
        "TUR",
        ("Türkiye", "Турция", "土耳其"),
        ("Ankara", "Анкара", "安卡拉"),
        [("dialogue_partner", "2012-06-07", None, SRC_WIKI + "; Beijing summit, 7 June 2012")],
    ),
    (
        "AZ",
        "AZE",
        ("Azerbaijan", "Азербайджан", "阿塞拜疆"),
        ("Baku", "Баку", "巴库"),
        [("dialogue_partner", "2015-07-10", None, SRC_WIKI + "; Ufa summit, 10 July 2015")],
    ),
    (
        "AM",
        "ARM",
        ("Armenia", "Армения", "亚美尼亚"),
        ("Yerevan", "Ереван", "埃里温"),
        [("dialogue_partner", "2015-07-10", None, SRC_WIKI + "; Ufa summit, 10 July 2015")],
    ),
    (
        "KH",
        "KHM",
        ("Cambodia", "Камбоджа", "柬埔寨"),
        ("Phnom Penh", "Пномпень", "金边"),
        [("dialogue_partner", "2015-07-10", None, SRC_WIKI + "; Ufa summit, 10 July 2015")],
    ),
    (
        "NP",
        "NPL",
        ("Nepal", "Непал", "尼泊尔"),
        ("Kathmandu", "Катманду", "加德满都"),
        [("dialogue_partner", "2015-07-10", None, SRC_WIKI + "; Ufa summit, 10 July 2015")],
    ),
]

# Dialogue partners admitted since 2021 are not listed: the dates their memoranda took effect are still to be sourced.
PARTNERS_NOT_YET_RECORDED = (
    "Egypt, Qatar, Saudi Arabia, Kuwait, the United Arab Emirates, Maldives, Myanmar, Bahrain, Laos"
)

# code, kind, abbreviation, (en, ru, zh), seat, order
BODIES = [
    ("chs", "council", "CHS", ("Council of Heads of State", "Совет глав государств", "元首理事会"), "", 1),
    ("chg", "council", "CHG", ("Council of Heads of Government", "Совет глав правительств", "政府首脑理事会"), "", 2),
    (
        "cmfa",
        "council",
        "CMFA",
        ("Council of Ministers of Foreign Affairs", "Совет министров иностранных дел", "外交部长理事会"),
        "",
        3,
    ),
    (
        "cnc",
        "council",
        "CNC",
        ("Council of National Coordinators", "Совет национальных координаторов", "国家协调员理事会"),
        "",
        4,
    ),
    (
        "swg-investment",
        "working_group",
        "SWG-IP",
        (
            "Special Working Group on Investment Promotion",
            "Специальная рабочая группа по содействию инвестициям",
            "投资促进特别工作组",
        ),
        "",
        10,
    ),
    (
        "ministers-economy",
        "meeting",
        "",
        (
            "Meeting of Ministers for Foreign Economic and Foreign Trade Activities",
            "Совещание министров, отвечающих за внешнеэкономическую и внешнеторговую деятельность",
            "经贸部长会议",
        ),
        "",
        20,
    ),
    (
        "ministers-transport",
        "meeting",
        "",
        ("Meeting of Ministers of Transport", "Совещание министров транспорта", "交通部长会议"),
        "",
        21,
    ),
    (
        "ministers-energy",
        "meeting",
        "",
        ("Meeting of Energy Ministers", "Совещание министров энергетики", "能源部长会议"),
        "",
        22,
    ),
    (
        "ministers-defence",
        "meeting",
        "",
        ("Meeting of Defence Ministers", "Совещание министров обороны", "国防部长会议"),
        "",
        23,
    ),
    (
        "security-councils",
        "meeting",
        "",
        (
            "Meeting of Secretaries of Security Councils",
            "Совещание секретарей советов безопасности",
            "安全会议秘书会议",
        ),
        "",
        24,
    ),
    ("secretariat", "permanent", "", ("Secretariat", "Секретариат", "秘书处"), "Beijing", 30),
    (
        "rats",
        "permanent",
        "RATS",
        ("Regional Anti-Terrorist Structure", "Региональная антитеррористическая структура", "地区反恐怖机构"),
        "Tashkent",
        31,
    ),
    (
        "business-council",
        "structure",
        "",
        ("SCO Business Council", "Деловой совет ШОС", "上合组织实业家委员会"),
        "",
        40,
    ),
    (
        "interbank-consortium",
        "structure",
        "",
        ("SCO Interbank Consortium", "Межбанковское объединение ШОС", "上合组织银行联合体"),
        "",
        41,
    ),
]
BODIES_SOURCE = "Charter of the Shanghai Cooperation Organisation, 7 June 2002, art. 4 (bodies); SCO Secretariat, 'About SCO' (https://eng.sectsco.org/)"
SWG_SOURCE = SRC_SEED_NOOR + ": 'the revival of the Special Working Group on Investment Promotion'"

# Each chairmanship runs from the summit that hands it over to the next summit.
# state, start, end, source
CHAIRMANSHIPS = [
    ("KG", "2018-06-10", "2019-06-14", SRC_WIKI),
    ("RU", "2019-06-14", "2020-11-10", SRC_WIKI),
    ("TJ", "2020-11-10", "2021-09-17", SRC_WIKI),
    ("UZ", "2021-09-17", "2022-09-16", SRC_WIKI),
    ("IN", "2022-09-16", "2023-07-04", SRC_WIKI),
    ("KZ", "2023-07-04", "2024-07-04", SRC_SEED_NOOR + "; " + SRC_DELHI),
    ("CN", "2024-07-04", "2025-09-01", SRC_SEED_NOOR + ": 'handed over to China for the period 2024-2025'"),
    ("KG", "2025-09-01", None, SRC_TIANJIN + ". The end of this chairmanship (the 26th summit) is not recorded here."),
]

# number, city (en, ru, zh), host, start, end, online, source, outcome (en, ru, zh)
SUMMITS = [
    (19, ("Bishkek", "Бишкек", "比什凯克"), "KG", "2019-06-13", "2019-06-14", False, SRC_WIKI, ("", "", "")),
    (
        20,
        ("Moscow", "Москва", "莫斯科"),
        "RU",
        "2020-11-10",
        "2020-11-10",
        True,
        SRC_WIKI + " (held by video conference)",
        ("", "", ""),
    ),
    (21, ("Dushanbe", "Душанбе", "杜尚别"), "TJ", "2021-09-16", "2021-09-17", False, SRC_WIKI, ("", "", "")),
    (22, ("Samarkand", "Самарканд", "撒马尔罕"), "UZ", "2022-09-15", "2022-09-16", False, SRC_WIKI, ("", "", "")),
    (
        23,
        ("New Delhi", "Нью-Дели", "新德里"),
        "IN",
        "2023-07-04",
        "2023-07-04",
        True,
        SRC_DELHI + " (held by video conference)",
        (
            "Iran admitted as a member state; New Delhi Declaration adopted.",
            "Иран принят в государства-члены; принята Нью-Делийская декларация.",
            "伊朗成为成员国；通过《新德里宣言》。",
        ),
    ),
    (
        24,
        ("Astana", "Астана", "阿斯塔纳"),
        "KZ",
        "2024-07-03",
        "2024-07-04",
        False,
        SRC_ASTANA,
        (
            "Astana Declaration adopted; 25 strategic documents signed; Belarus admitted as the tenth member state; "
            "chairmanship handed over to China.",
            "Принята Астанинская декларация; подписано 25 стратегических документов; Беларусь принята десятым "
            "государством-членом; председательство передано Китаю.",
            "通过《阿斯塔纳宣言》；签署25份战略文件；白俄罗斯成为第十个成员国；主席国移交中国。",
        ),
    ),
    (
        25,
        ("Tianjin", "Тяньцзинь", "天津"),
        "CN",
        "2025-08-31",
        "2025-09-01",
        False,
        SRC_TIANJIN,
        (
            "Tianjin Declaration adopted; chairmanship handed over to Kyrgyzstan.",
            "Принята Тяньцзиньская декларация; председательство передано Кыргызстану.",
            "通过《天津宣言》；主席国移交吉尔吉斯斯坦。",
        ),
    ),
]

# code, kind, state, (en, ru, zh), (status note en, ru, zh), source
INSTITUTIONS = [
    (
        "sco-development-bank",
        "development_bank",
        None,
        ("SCO Development Bank", "Банк развития ШОС", "上合组织开发银行"),
        (
            "Proposed; Kazakhstan among its advocates. Shown here as a proposal, not as an operating lender.",
            "Предложен; Казахстан среди его сторонников. Показан здесь как предложение, а не как действующий банк.",
            "已提出设立；哈萨克斯坦是倡导者之一。此处作为提议显示，而非已运营的银行。",
        ),
        SRC_SEED_MIRAJ,
    ),
    (
        "sco-investment-fund",
        "fund",
        None,
        ("SCO Investment Fund", "Инвестиционный фонд ШОС", "上合组织投资基金"),
        (
            "Proposed by Kazakhstan. Shown here as a proposal.",
            "Предложен Казахстаном. Показан здесь как предложение.",
            "由哈萨克斯坦提出。此处作为提议显示。",
        ),
        SRC_SEED_MIRAJ,
    ),
    (
        "aifc-mechanisms",
        "financial_centre",
        "KZ",
        (
            "AIFC-based financial support mechanisms",
            "Механизмы финансовой поддержки на базе МФЦА",
            "基于阿斯塔纳国际金融中心的金融支持机制",
        ),
        (
            "Proposed during Kazakhstan's chairmanship.",
            "Предложены в период председательства Казахстана.",
            "在哈萨克斯坦担任主席国期间提出。",
        ),
        SRC_SEED_NOOR,
    ),
    (
        "sco-interbank",
        "interbank",
        None,
        ("SCO Interbank Consortium", "Межбанковское объединение ШОС", "上合组织银行联合体"),
        ("", "", ""),
        BODIES_SOURCE,
    ),
    (
        "kz-cert",
        "cert",
        "KZ",
        (
            "KZ-CERT (Kazakhstan's national computer emergency response team)",
            "KZ-CERT (национальная служба реагирования на компьютерные инциденты Казахстана)",
            "KZ-CERT（哈萨克斯坦国家计算机应急响应组）",
        ),
        ("", "", ""),
        "KZ-CERT (https://kz-cert.kz/)",
    ),
]
