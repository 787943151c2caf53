"""Reference data the trade monitor needs before any import: datasets, country code tables, published figures.

Every row says where it comes from. The published figures are what each speaker said, as reported by the source
named beside it; they disagree with one another and with the data, which is why they are kept beside it.
"""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"

DATASETS = [
    (
        "imf-dots",
        "IMF Direction of Trade Statistics (DOTS), the ten SCO members",
        "International Monetary Fund, Direction of Trade Statistics (https://data.imf.org/), downloaded about "
        "February 2022; see data/SOURCE.md",
        "IMF Copyright and Usage (https://www.imf.org/external/terms.htm): attribution to IMF DOTS",
        "exports FOB, imports CIF, US dollars; 'e' = IMF estimate",
    ),
    (
        "un-comtrade",
        "UN Comtrade",
        "United Nations, UN Comtrade database (https://comtradeplus.un.org/), files imported by users",
        "UN Comtrade terms of use",
        "exports FOB, imports CIF, US dollars (primaryValue)",
    ),
    (
        "cepii-baci",
        "CEPII BACI",
        "CEPII, BACI: international trade database at the product level (http://www.cepii.fr/CEPII/en/bdd_modele/"
        "bdd_modele_item.asp?id=37), files imported by users",
        "Etalab Open Licence 2.0",
        "FOB-reconciled exporter-importer flows, US dollars (file in thousands)",
    ),
]

SEED_NOOR = "M. A. Noor, 'Kazakhstan's SCO Chairmanship: Achievements and Future Directions' (2024), one of the seeds"

# reporter, year, period, scope, value (USD bn), growth (%), previous (USD bn), speaker, date, source, url
FIGURES = [
    (
        "KAZ", 2023, "", "Kazakhstan's trade with the other SCO member states", None, "6.5", None,
        "Op-ed in the seeds (published after the Astana summit of 4 July 2024)", None, SEED_NOOR, "",
    ),
    (
        "KAZ", 2023, "", "Kazakhstan's trade with the SCO countries", None, "6.5", None,
        "President K.-J. Tokayev, Council of Heads of State, Astana", "2024-07-04",
        "Trend News Agency, 4 July 2024", "https://en.trend.az/casia/kazakhstan/3919708.html",
    ),
    (
        "KAZ", 2023, "", "Kazakhstan's trade turnover with the SCO countries", "66.0", "6.8", "61.8",
        "Ministry of Trade and Integration of Kazakhstan (SCO trade facilitation working group, Astana)",
        "2024-04-30", "QazTrade / oq.gov.kz, 2 May 2024; Kazinform, 30 April 2024",
        "https://oq.gov.kz/en/qazalemnews/563",
    ),
    (
        "KAZ", 2023, "", "Kazakhstan's trade turnover with the SCO countries", "66.7", "6", None,
        "Prime Minister O. Bektenov, Council of Heads of Government, Islamabad", "2024-10-16",
        "Kazakhstan Today (kt.kz), October 2024",
        "https://www.kt.kz/eng/politics/olzhas_bektenov_takes_part_in_sco_heads_of_state_council_1377970082.html",
    ),
    (
        "KAZ", 2024, "", "Kazakhstan's trade turnover with the SCO countries ('nearly $70 billion')", "70", None, None,
        "President K.-J. Tokayev, Council of Heads of State, Tianjin", "2025-09-01",
        "Trend News Agency, 1 September 2025", "https://www.trend.az/business/4085775.html",
    ),
    (
        "KAZ", 2021, "January-April", "Kazakhstan's trade turnover with the SCO states", "14.2", "11", "12.8",
        "Minister of Trade and Integration B. Sultanov, SCO Economic Forum", "2021-06-23",
        "Trend News Agency, 23 June 2021", "https://en.trend.az/casia/kazakhstan/3444550.html",
    ),
]  # fmt: skip


def load(apps, schema_editor):
    Dataset = apps.get_model("trade", "Dataset")
    CodeMapping = apps.get_model("trade", "CodeMapping")
    PublishedFigure = apps.get_model("trade", "PublishedFigure")
    for code, name, source, licence, valuation in DATASETS:
        Dataset.objects.update_or_create(
            code=code, defaults={"name": name, "source": source, "licence": licence, "valuation": valuation}
        )
    with (DATA / "country_codes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            CodeMapping.objects.update_or_create(
                scheme=row["scheme"],
                code=int(row["code"]),
                defaults={"iso3": row["iso3"], "name": row["name"], "source": row["source"]},
            )
    # The World, as the IMF names it in DOTS; the m49 table has no row for it.
    CodeMapping.objects.update_or_create(
        scheme="m49", code=1, defaults={"iso3": "WLD", "name": "World", "source": "UNSD M49 (001 World)"}
    )
    for reporter, year, period, scope, value, growth, previous, speaker, said_on, source, url in FIGURES:
        PublishedFigure.objects.update_or_create(
            reporter=reporter,
            year=year,
            speaker=speaker,
            said_on=dt.date.fromisoformat(said_on) if said_on else None,
            defaults={
                "period": period,
                "scope": scope,
                "value_usd_bn": Decimal(value) if value else None,
                "growth_pct": Decimal(growth) if growth else None,
                "previous_usd_bn": Decimal(previous) if previous else None,
                "source": source,
                "url": url,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("trade", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
