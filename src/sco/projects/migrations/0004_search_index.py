"""Put the projects already stored into the platform's full-text index (core 0002)."""

from django.db import migrations

TITLES = ("title_en", "title_ru", "title_zh")
TEXTS = ("summary_en", "summary_ru", "summary_zh", "sponsor_name")


def index_existing(apps, schema_editor):
    from sco.core.search import terms_text

    Project = apps.get_model("projects", "Project")
    SearchEntry = apps.get_model("core", "SearchEntry")
    rows = Project.objects.order_by("pk").values_list("pk", *TITLES, *TEXTS)
    n = len(TITLES)
    SearchEntry.objects.bulk_create(
        [
            SearchEntry(
                kind="project", object_id=row[0], title_terms=terms_text(*row[1 : n + 1]), terms=terms_text(*row[n + 1 :])
            )
            for row in rows.iterator()
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0003_invitation_to_take_part"), ("core", "0002_search_entry")]
    operations = [migrations.RunPython(index_existing, migrations.RunPython.noop)]
