"""Public facts behind the financing demo: institutions, their dated statuses and capital shares, each with its
source. Where no source was found for a date or a fact, the record says so instead of guessing."""

from __future__ import annotations

# Sources (read with the platform's search tools; dates are the publications' own).
SRC_SEED_MIRAJ = "Naveed Miraj, 'Kazakhstan's Crucial Role in SCO', 22 June 2024 (seed article)"
SRC_SEED_NOOR = "Muhammad Asif Noor, 'Kazakhstan's SCO Chairmanship: Achievements and Future Directions' (seed article)"
SRC_TIANJIN_BANK = "https://www.azernews.az/business/246801.html (citing TASS, 1 September 2025)"
SRC_AIFC_OFFICE = "https://tass.com/economy/2010419; https://www.trend.az/business/4085775.html (September 2025)"
SRC_FUND = "https://www.inform.kz/en/kazakh-president-proposes-to-create-sco-investment-fund_a4086361/amp (July 2023)"
SRC_IBC = "http://en.sco-russia2015.ru/cooperation/20140905/1013179625.html"
SRC_EDB_AGREEMENT = (
    "Agreement on the Establishment of the Eurasian Development Bank, signed in Astana on 12 January 2006 "
    "(ratified by Kazakhstan, Law No. 137 of 12 April 2006): https://zakonpravo.kz/en/zakony/"
    "zakon-o-ratifikatsii-soglasheniya-ob-uchrezhdenii-evraziyskogo-banka-razvitiya"
)
SRC_EDB_OPEN = (
    "http://foreignpolicyblogs.com/2007/03/13/the-newest-central-asian-development-bank/ ('opened in June of 2006')"
)
SRC_EDB_SHARES = (
    "https://eabr.org/en/press/news/the-edb-council-approves-a-redistribution-of-its-charter-capital-among-the-member-"
    "states/ (EDB Council decision of 30 December 2022)"
)
SRC_AIIB_FORCE = "http://piglix.com/piglix/Asian_Infrastructure_Investment_Bank (Articles in force 25 December 2015)"
SRC_AIIB_OPEN = "https://macauhub.com.mo/2015/12/30/new-asian-investment-bank-to-start-operating-in-january-2016/"
SRC_ADB = "https://en.m.wikipedia.org/wiki/Asian_Development_Bank (established 19 December 1966)"
SRC_EBRD = (
    "https://www.ebrd.com/news/2016/ebrd-celebrates-25-years-of-investing-for-change.html (inaugurated 15 April 1991)"
)
SRC_SRF = (
    "http://english.scio.gov.cn/featured/chinakeywords/2019-07/11/content_74977476.htm (established 29 December 2014)"
)
SRC_AIFC = "https://www.gov.kz/memleket/entities/mfa-brussels/press/article/details/25522 (AIFC started on 5 July 2018)"
SRC_AIX = "https://www.euractiv.com/section/central-europe/news/silk-road-financial-hub-inaugurated-in-kazakhstan/ (5 July 2018)"
# National development institutions of member states that co-finance projects (read on 30 November 2026; each with
# the act or report found for it; others named in the issue, e.g. national funds of other members, were not added
# because no dated source was found for them in these searches).
SRC_DBK = (
    "Law of the Republic of Kazakhstan No. 178 'On the Development Bank of Kazakhstan' of 25 April 2001, Article 1 "
    "(a national development institution; as amended): https://adilet.zan.kz/eng/docs/Z010000178_"
)
SRC_BAITEREK = (
    "https://en.inform.kz/amp/bank-of-china-to-allocate-kzt-5-bln-to-kazakhstan-39-s-baiterek-holding_a2813250/ "
    "(Kazinform, 1 September 2015: 'established by the Presidential Decree as of May 22, 2013')"
)
SRC_CDB = (
    "https://en.cdf.org.cn/cdf2017en/jgjs/3829.htm (China Development Forum: CDB 'founded in 1994 as a policy "
    "financial institution under the direct leadership of the State Council')"
)
SRC_CHEXIM = (
    "http://www.chinadaily.com.cn/cndy/2017-06/20/content_29808368.htm (China Daily, 20 June 2017: the Export-Import "
    "Bank of China 'set up in 1994, is one of the country's three policy banks')"
)
SRC_VEB = (
    "Federal Law 'On Bank for Development' (passed by the State Duma 20 April 2007, approved by the Federation "
    "Council 4 May 2007, published in Rossiyskaya Gazeta 24 May 2007): http://veb.ru/en/ifi/normpr/law/"
)
SRC_UFRD = (
    "https://en.ufrd.uz/about-us (Decree of the President of Uzbekistan No. PF-3751 of 11 May 2006; the Fund 'may "
    "also participate in the organization of joint financing of projects with international financial "
    "institutions'); Resolution No. PP-350 of 16 May 2006: https://cis-legislation.com/document.fwx?rgn=21979"
)

# code, kind, state, (en, ru, zh), source of the institution's identity, party type, IATI org type, website
INSTITUTIONS: list[tuple[str, str, str | None, tuple[str, str, str], str, str, str, str]] = [
    (
        "eurasian-development-bank",
        "development_bank",
        "KZ",
        ("Eurasian Development Bank", "Евразийский банк развития", "欧亚开发银行"),
        SRC_EDB_AGREEMENT,
        "multilateral",
        "40",
        "https://eabr.org/en/",
    ),
    (
        "aiib",
        "development_bank",
        "CN",
        ("Asian Infrastructure Investment Bank", "Азиатский банк инфраструктурных инвестиций", "亚洲基础设施投资银行"),
        SRC_AIIB_FORCE,
        "multilateral",
        "40",
        "https://www.aiib.org/",
    ),
    (
        "adb",
        "development_bank",
        None,
        ("Asian Development Bank", "Азиатский банк развития", "亚洲开发银行"),
        SRC_ADB,
        "multilateral",
        "40",
        "https://www.adb.org/",
    ),
    (
        "ebrd",
        "development_bank",
        None,
        (
            "European Bank for Reconstruction and Development",
            "Европейский банк реконструкции и развития",
            "欧洲复兴开发银行",
        ),
        SRC_EBRD,
        "multilateral",
        "40",
        "https://www.ebrd.com/",
    ),
    (
        "silk-road-fund",
        "fund",
        "CN",
        ("Silk Road Fund", "Фонд Шёлкового пути", "丝路基金"),
        SRC_SRF,
        "bilateral",
        "10",
        "",
    ),
    (
        "aifc",
        "financial_centre",
        "KZ",
        (
            "Astana International Financial Centre (AIFC)",
            "Международный финансовый центр «Астана» (МФЦА)",
            "阿斯塔纳国际金融中心",
        ),
        SRC_AIFC,
        "institutional",
        "10",
        "https://aifc.kz/",
    ),
    (
        "aix",
        "financial_centre",
        "KZ",
        ("Astana International Exchange (AIX)", "Международная биржа «Астана» (AIX)", "阿斯塔纳国际交易所"),
        SRC_AIX,
        "commercial",
        "70",
        "https://www.aix.kz/",
    ),
    (
        "development-bank-of-kazakhstan",
        "development_bank",
        "KZ",
        ("Development Bank of Kazakhstan", "Банк развития Казахстана", "哈萨克斯坦开发银行"),
        SRC_DBK,
        "bilateral",
        "10",
        "",
    ),
    (
        "baiterek",
        "national_fund",
        "KZ",
        (
            "Baiterek National Managing Holding",
            "Национальный управляющий холдинг «Байтерек»",
            "拜捷列克国家管理控股公司",
        ),
        SRC_BAITEREK,
        "bilateral",
        "10",
        "",
    ),
    (
        "china-development-bank",
        "development_bank",
        "CN",
        ("China Development Bank", "Государственный банк развития Китая", "国家开发银行"),
        SRC_CDB,
        "bilateral",
        "10",
        "",
    ),
    (
        "china-exim",
        "development_bank",
        "CN",
        ("Export-Import Bank of China", "Экспортно-импортный банк Китая", "中国进出口银行"),
        SRC_CHEXIM,
        "bilateral",
        "10",
        "",
    ),
    (
        "veb",
        "development_bank",
        "RU",
        ("Vnesheconombank (VEB)", "Внешэкономбанк (ВЭБ)", "俄罗斯对外经济银行"),
        SRC_VEB,
        "bilateral",
        "10",
        "",
    ),
    (
        "ufrd",
        "national_fund",
        "UZ",
        (
            "Fund for Reconstruction and Development of Uzbekistan",
            "Фонд реконструкции и развития Республики Узбекистан",
            "乌兹别克斯坦复兴与发展基金",
        ),
        SRC_UFRD,
        "bilateral",
        "10",
        "",
    ),
]

# IATI organisation identifiers, only where the institution's own published IATI data shows one. Looked up on
# 29 November 2026 with the platform's search tools (IATI Registry, org-id.guide, published IATI files): the Asian
# Development Bank publishes its activities under XM-DAC-46004 (its DAC channel code, registration agency XM-DAC).
# For the Eurasian Development Bank, the AIIB, the EBRD, the Silk Road Fund, the AIFC, the AIX and the SCO
# mechanisms no identifier was found in those searches: they carry none (open data names them without a ``ref``).
IATI_ORG_REFS: dict[str, tuple[str, str]] = {
    "adb": (
        "XM-DAC-46004",
        "ADB's IATI activity files, https://www.adb.org/iati/ (activities identified XM-DAC-46004-...)",
    ),
}

# Profiles of the institutions members already holds (no new identity facts, only how they appear in open data).
EXISTING_PROFILES: list[tuple[str, str, str]] = [
    ("sco-development-bank", "multilateral", "40"),
    ("sco-investment-fund", "multilateral", "40"),
    ("aifc-mechanisms", "institutional", "10"),
    ("sco-interbank", "multilateral", "40"),
]

# code, status, date, (note en, ru, zh), source ("" = no source found: the page says so)
STATUSES: list[tuple[str, str, str, tuple[str, str, str], str]] = [
    (
        "sco-development-bank",
        "proposed",
        "2024-06-22",
        (
            "Proposed (Kazakhstan among its advocates); the seed article of this date records the proposal. Summits "
            "had discussed a bank since 2012 without practical steps (TASS, 2015).",
            "Предложен (Казахстан среди сторонников); предложение отмечено в статье этой даты. Саммиты обсуждали банк "
            "с 2012 года без практических шагов (ТАСС, 2015).",
            "已提出（哈萨克斯坦为倡导者之一）；本日期的文章记载了该提议。自2012年起历届峰会均有讨论，但无实际进展（塔斯社，2015年）。",
        ),
        SRC_SEED_MIRAJ + "; http://tass.com/economy/807813",
    ),
    (
        "sco-development-bank",
        "under_consultation",
        "2025-09-01",
        (
            "At the Tianjin summit the members decided to activate consultations on establishing the bank.",
            "На саммите в Тяньцзине члены решили активизировать консультации о создании банка.",
            "天津峰会上，成员国决定启动关于成立开发银行的磋商。",
        ),
        SRC_TIANJIN_BANK,
    ),
    (
        "sco-investment-fund",
        "proposed",
        "2023-07-04",
        (
            "Proposed by the President of Kazakhstan at the SCO summit of July 2023.",
            "Предложен Президентом Казахстана на саммите ШОС в июле 2023 года.",
            "由哈萨克斯坦总统在2023年7月上合组织峰会上提出。",
        ),
        SRC_FUND,
    ),
    (
        "aifc-mechanisms",
        "proposed",
        "2024-07-04",
        (
            "Financial support mechanisms based on the AIFC proposed during Kazakhstan's chairmanship (2023-2024); "
            "the source gives no exact date, shown here at the chairmanship's end.",
            "Механизмы финансовой поддержки на базе МФЦА предложены в период председательства Казахстана (2023-2024); "
            "точная дата в источнике не указана, показано на конец председательства.",
            "哈萨克斯坦担任主席国期间（2023-2024年）提出基于阿斯塔纳国际金融中心的金融支持机制；来源未给出确切日期，此处按主席国任期结束日显示。",
        ),
        SRC_SEED_NOOR,
    ),
    (
        "aifc-mechanisms",
        "proposed",
        "2025-09-01",
        (
            "Kazakhstan proposed an SCO Office for the Support of Promising Investment Projects at the AIFC.",
            "Казахстан предложил создать при МФЦА Офис ШОС по поддержке перспективных инвестиционных проектов.",
            "哈萨克斯坦提议在阿斯塔纳国际金融中心设立上合组织有前景投资项目支持办公室。",
        ),
        SRC_AIFC_OFFICE,
    ),
    (
        "sco-interbank",
        "operational",
        "2005-12-31",
        (
            "Set up in 2005 by the Heads of Government; the source gives the year only, shown here at its end.",
            "Создано в 2005 году главами правительств; источник указывает только год, показано на его конец.",
            "2005年由政府首脑设立；来源只给出年份，此处按年末显示。",
        ),
        SRC_IBC,
    ),
    (
        "eurasian-development-bank",
        "decided",
        "2006-01-12",
        (
            "Establishment agreement signed in Astana.",
            "Соглашение об учреждении подписано в Астане.",
            "成立协定在阿斯塔纳签署。",
        ),
        SRC_EDB_AGREEMENT,
    ),
    (
        "eurasian-development-bank",
        "operational",
        "2006-06-01",
        ("The bank opened in June 2006.", "Банк открылся в июне 2006 года.", "该行于2006年6月开业。"),
        SRC_EDB_OPEN,
    ),
    (
        "aiib",
        "decided",
        "2015-12-25",
        ("Articles of Agreement in force.", "Статьи соглашения вступили в силу.", "协定生效。"),
        SRC_AIIB_FORCE,
    ),
    (
        "aiib",
        "operational",
        "2016-01-16",
        (
            "Operations began in January 2016 (opening on 16 January 2016).",
            "Работа начата в январе 2016 года (открытие 16 января 2016 года).",
            "2016年1月开业（2016年1月16日开业仪式）。",
        ),
        SRC_AIIB_OPEN,
    ),
    ("adb", "operational", "1966-12-19", ("Established.", "Учреждён.", "成立。"), SRC_ADB),
    ("ebrd", "operational", "1991-04-15", ("Formally inaugurated.", "Официально открыт.", "正式成立。"), SRC_EBRD),
    (
        "silk-road-fund",
        "operational",
        "2014-12-29",
        ("Established in Beijing.", "Учреждён в Пекине.", "在北京成立。"),
        SRC_SRF,
    ),
    (
        "aifc",
        "operational",
        "2018-07-05",
        ("The AIFC started operating.", "МФЦА начал работу.", "阿斯塔纳国际金融中心开始运作。"),
        SRC_AIFC,
    ),
    (
        "aix",
        "operational",
        "2018-07-05",
        ("The exchange was inaugurated with the AIFC.", "Биржа открыта вместе с МФЦА.", "交易所与金融中心同日启用。"),
        SRC_AIX,
    ),
    (
        "development-bank-of-kazakhstan",
        "decided",
        "2001-04-25",
        (
            "The Law on the Development Bank of Kazakhstan is adopted; the bank is a national development institution.",
            "Принят Закон о Банке развития Казахстана; банк является национальным институтом развития.",
            "《哈萨克斯坦开发银行法》通过；该行为国家发展机构。",
        ),
        SRC_DBK,
    ),
    (
        "baiterek",
        "decided",
        "2013-05-22",
        (
            "Established by a decree of the President of Kazakhstan.",
            "Учреждён указом Президента Казахстана.",
            "根据哈萨克斯坦总统令成立。",
        ),
        SRC_BAITEREK,
    ),
    (
        "china-development-bank",
        "operational",
        "1994-12-31",
        (
            "Founded in 1994 as a policy bank under the State Council; the source gives the year only, shown here at "
            "its end.",
            "Основан в 1994 году как политический банк при Госсовете; источник указывает только год, показано на его "
            "конец.",
            "1994年作为国务院直属政策性银行成立；来源只给出年份，此处按年末显示。",
        ),
        SRC_CDB,
    ),
    (
        "china-exim",
        "operational",
        "1994-12-31",
        (
            "Set up in 1994, one of China's three policy banks; the source gives the year only, shown here at its end.",
            "Создан в 1994 году, один из трёх политических банков Китая; источник указывает только год, показано на "
            "его конец.",
            "1994年成立，为中国三家政策性银行之一；来源只给出年份，此处按年末显示。",
        ),
        SRC_CHEXIM,
    ),
    (
        "veb",
        "decided",
        "2007-05-24",
        (
            "The Federal Law on the Bank for Development (the state corporation Vnesheconombank) is published.",
            "Опубликован Федеральный закон «О банке развития» (государственная корпорация «Внешэкономбанк»).",
            "《开发银行法》（国家公司“对外经济银行”）公布。",
        ),
        SRC_VEB,
    ),
    (
        "ufrd",
        "decided",
        "2006-05-11",
        (
            "Established by Decree No. PF-3751 of the President of Uzbekistan; it may co-finance projects with "
            "international financial institutions.",
            "Учреждён Указом Президента Узбекистана № УП-3751; может участвовать в совместном финансировании проектов "
            "с международными финансовыми институтами.",
            "根据乌兹别克斯坦总统第PF-3751号令成立；可与国际金融机构联合为项目融资。",
        ),
        SRC_UFRD,
    ),
]

# institution, holder, SCO state code or None, share (%), as of, source
SHAREHOLDINGS: list[tuple[str, str, str | None, str, str, str]] = [
    ("eurasian-development-bank", "Russia", "RU", "44.7878", "2022-12-30", SRC_EDB_SHARES),
    ("eurasian-development-bank", "Kazakhstan", "KZ", "37.2865", "2022-12-30", SRC_EDB_SHARES),
    ("eurasian-development-bank", "Belarus", "BY", "5.2121", "2022-12-30", SRC_EDB_SHARES),
    ("eurasian-development-bank", "Tajikistan", "TJ", "4.2555", "2022-12-30", SRC_EDB_SHARES),
    ("eurasian-development-bank", "Armenia", None, "4.2291", "2022-12-30", SRC_EDB_SHARES),
    ("eurasian-development-bank", "Kyrgyzstan", "KG", "4.2291", "2022-12-30", SRC_EDB_SHARES),
]

ILLUSTRATIVE = (
    "Illustrative example: the platform's own demonstration figures, not a published financing plan. No public report "
    "of this project's co-financing was found in the sources read."
)
