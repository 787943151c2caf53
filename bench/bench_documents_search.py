"""Search speed of the documents registry on synthetic data (labelled synthetic; no real documents).

    uv run python bench/bench_documents_search.py            # 3,000 versions: finishes in about a minute
    uv run python bench/bench_documents_search.py --full     # 100,000 versions across the three languages

Measures on SQLite and, when it answers, on PostgreSQL. For each it builds a fresh database of its own
(var/bench_documents.sqlite3; sco_bench_documents), fills it with synthetic documents (each with an English,
a Russian and a Chinese text, one version each; a quarter are restricted drafts), then times one-word and
two-word searches in each language as an anonymous viewer and prints p50/p95 and the number of SQL queries
per search page.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from common import ensure_database  # noqa: E402  after the path is set

EN = ["energy", "cooperation", "security", "transport", "corridor", "investment", "trade", "ecology", "culture",
      "tourism", "information", "terrorism", "narcotics", "strategy", "programme", "development", "members",
      "states", "agreement", "finance", "digital", "health", "water", "climate", "youth"]  # fmt: skip
RU_STEMS = [("стратеги", ["я", "и", "ю", "ей"]), ("сотрудничеств", ["о", "а", "у", "ом"]),
            ("энергетик", ["а", "и", "у", "ой"]), ("безопасност", ["ь", "и", "ью"]),
            ("транспорт", ["", "а", "у", "ом"]), ("инвестици", ["я", "и", "ю", "ями"]),
            ("торговл", ["я", "и", "ю", "ей"]), ("экологи", ["я", "и", "ю", "ей"]),
            ("культур", ["а", "ы", "у", "ой"]), ("программ", ["а", "ы", "у", "ой"]),
            ("развити", ["е", "я", "ю", "ем"]), ("государств", ["о", "а", "ам", "ами"]),
            ("соглашени", ["е", "я", "ю", "ем"]), ("терроризм", ["", "а", "у", "ом"]),
            ("наркотик", ["", "ов", "ам", "ами"]), ("коридор", ["", "а", "у", "ом"])]  # fmt: skip
ZH = ["合作", "能源", "安全", "交通", "走廊", "投资", "贸易", "生态", "文化", "旅游", "信息", "反恐", "禁毒",
      "战略", "纲要", "发展", "成员", "国家", "协定", "金融", "数字", "卫生", "水资源", "气候", "青年"]  # fmt: skip
QUERIES = {
    "en": ["energy", "corridor investment"],
    "ru": ["стратегии", "сотрудничество энергетики"],
    "zh": ["合作", "能源 安全"],
}


def _ru_word(rng: random.Random) -> str:
    stem, endings = rng.choice(RU_STEMS)
    return stem + rng.choice(endings)


def _paragraphs(rng: random.Random, lang: str, n: int = 3, words: int = 18) -> list[str]:
    out = []
    for _ in range(n):
        if lang == "en":
            out.append(" ".join(rng.choice(EN) for _ in range(words)) + ".")
        elif lang == "ru":
            out.append(" ".join(_ru_word(rng) for _ in range(words)) + ".")
        else:
            out.append("".join(rng.choice(ZH) for _ in range(words)) + "。")
    return out


def build(versions: int, seed: int = 2024) -> None:
    from sco.core import search
    from sco.core.models import SearchEntry
    from sco.documents.models import Document, DocumentArea, DocumentText, Paragraph, TextVersion
    from sco.documents.services.index import SEARCH_KIND
    from sco.members.models import Body

    rng = random.Random(seed)
    body, _ = Body.objects.get_or_create(
        code="chs", defaults={"kind": "council", "name_en": "Council of Heads of State"}
    )
    n_docs = max(1, versions // 3)
    kinds = ["declaration", "strategy", "programme", "decision", "agreement", "action_plan"]
    areas = ["security", "economy", "energy", "ecology", "transport", "culture"]
    started = time.perf_counter()
    batch = 500
    for start in range(0, n_docs, batch):
        docs = [
            Document(
                kind=rng.choice(kinds),
                title_en=f"[synthetic] {' '.join(rng.choice(EN) for _ in range(5))}",
                title_ru=f"[синтетический] {' '.join(_ru_word(rng) for _ in range(5))}",
                title_zh="［合成］" + "".join(rng.choice(ZH) for _ in range(5)),
                body=body,
                status=rng.choice(["adopted", "adopted", "adopted", "draft"]),
                restricted=False,
                adopted_on=None,
            )
            for _ in range(min(batch, n_docs - start))
        ]
        for d in docs:
            d.restricted = d.status == "draft"
            if d.status == "adopted":
                d.adopted_on = datetime.date(rng.randint(2002, 2025), rng.randint(1, 12), 1)
        Document.objects.bulk_create(docs)
        DocumentArea.objects.bulk_create([DocumentArea(document=d, area=rng.choice(areas)) for d in docs])
        texts = [
            DocumentText(document=d, language=lang, authentic=lang != "en") for d in docs for lang in ("en", "ru", "zh")
        ]
        DocumentText.objects.bulk_create(texts)
        contents = {t: _paragraphs(rng, t.language) for t in texts}
        versions_ = [TextVersion(text=t, number=1, content="\n\n".join(contents[t]), note="synthetic") for t in texts]
        TextVersion.objects.bulk_create(versions_)
        for t, v in zip(texts, versions_, strict=True):
            t.current_version = v
        DocumentText.objects.bulk_update(texts, ["current_version"])
        Paragraph.objects.bulk_create(
            [Paragraph(version=v, number=i + 1, position=i, text=p) for t, v in zip(texts, versions_, strict=True)
             for i, p in enumerate(contents[t])], batch_size=5000,
        )  # fmt: skip
        # the platform's full-text index (core.search), as the documents' services fill it
        by_doc: dict[int, list[str]] = {}
        for t in texts:
            by_doc.setdefault(t.document_id, []).append("\n\n".join(contents[t]))
        search.index_many(
            SEARCH_KIND, ((d.pk, (d.title_en, d.title_ru, d.title_zh), by_doc.get(d.pk, [])) for d in docs)
        )
        print(f"  built {min(start + batch, n_docs)}/{n_docs} documents", end="\r", flush=True)
    entries = SearchEntry.objects.filter(kind=SEARCH_KIND).count()
    print(f"\nbuilt {n_docs} documents, {n_docs * 3} versions, {entries} index entries "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip


def measure(runs: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sco.documents.search import document_search

    viewer = AnonymousUser()
    print(f"{'language':8} {'query':28} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for lang, queries in QUERIES.items():
        for q in queries:
            times = []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as ctx:
                    t0 = time.perf_counter()
                    page = document_search(viewer=viewer, query=q)
                    times.append((time.perf_counter() - t0) * 1000)
            per_query = [f"{float(q['time']) * 1000:.0f}" for q in ctx.captured_queries]
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            print(
                f"{lang:8} {q:28} {page.count:>7} {statistics.median(times):>8.1f} {p95:>8.1f} {len(ctx):>8}"
                f"   (last run, ms per query: {' '.join(per_query)})"
            )


def worker(args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sco.settings")
    django.setup()
    from django.db import connection

    versions = 100_000 if args.full else args.versions
    print(f"database: {connection.vendor}; synthetic data: {versions} versions")
    if not args.reuse:
        build(versions)
    with connection.cursor() as cursor:
        # as autovacuum would: statistics, and on PostgreSQL the visibility map that index-only scans need
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    measure(args.runs)
    if args.profile:
        import cProfile
        import pstats

        from django.contrib.auth.models import AnonymousUser

        from sco.documents.search import document_search

        with cProfile.Profile() as prof:
            for _ in range(10):
                document_search(viewer=AnonymousUser(), query="стратегии")
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="100,000 versions (takes long to build)")
    parser.add_argument("--versions", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--profile", action="store_true", help="print where one query's time goes")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="measure on one database")
    parser.add_argument("--reuse", action="store_true", help="measure the data built by the previous run")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    from common import databases

    for label, url in databases():
        if args.only and label != args.only:
            continue
        url = (
            f"sqlite:///{ROOT / 'var' / 'bench_documents.sqlite3'}"
            if label == "sqlite"
            else url.rsplit("/", 1)[0] + "/sco_bench_documents"
        )
        print(f"== {label} ==", flush=True)
        if not args.reuse:
            ensure_database(url, fresh=True, demo=False)
        argv = ["--versions", str(args.versions), "--runs", str(args.runs)]
        argv += ["--reuse"] if args.reuse else []
        argv += ["--full"] if args.full else []
        argv += ["--profile"] if args.profile else []
        subprocess.run(
            [sys.executable, __file__, "--worker", *argv], check=True, env={**os.environ, "DATABASE_URL": url}
        )


if __name__ == "__main__":
    main()
