"""Documents' search moves onto the platform's full-text index (core.search): the documents already stored are put
into core's index (titles and reference number as titles, the current version of each text as the rest), and
documents' own table of terms goes."""

from django.db import migrations
from django.db.models import F

KIND = "document"
TITLES = ("title_en", "title_ru", "title_zh", "reference_number")


def index_existing(apps, schema_editor):
    from sco.core.search import terms_text

    Document = apps.get_model("documents", "Document")
    TextVersion = apps.get_model("documents", "TextVersion")
    SearchEntry = apps.get_model("core", "SearchEntry")
    ids = list(Document.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        texts = {}
        current = TextVersion.objects.filter(text__document__in=chunk, text__current_version=F("pk"))
        for document_id, content in current.values_list("text__document_id", "content"):
            texts.setdefault(document_id, []).append(content)
        SearchEntry.objects.filter(kind=KIND, object_id__in=chunk).delete()
        SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    kind=KIND,
                    object_id=row[0],
                    title_terms=terms_text(*row[1:]),
                    terms=terms_text(*texts.get(row[0], [])),
                )
                for row in Document.objects.filter(pk__in=chunk).order_by("pk").values_list("pk", *TITLES)
            ],
            batch_size=2000,
        )


def forget_all(apps, schema_editor):
    apps.get_model("core", "SearchEntry").objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_amendment_languages"), ("core", "0002_search_entry")]
    operations = [
        migrations.RunPython(index_existing, forget_all),
        migrations.DeleteModel(name="SearchTerm"),
    ]
