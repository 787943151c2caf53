"""Every string a person reads is translated: no catalog may hold an empty or fuzzy entry."""

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2]
CATALOGS = sorted(SRC.rglob("locale/*/LC_MESSAGES/django.po"))


def _entries(path: Path):
    """(msgid, [msgstr...], fuzzy) per entry, parsed simply: our catalogs are written by makemessages."""
    entry: dict = {"msgid": "", "msgstr": [], "fuzzy": False}
    current = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None:
                yield entry
            entry, current = {"msgid": "", "msgstr": [], "fuzzy": False}, None
        elif line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            current = "msgid"
            entry["msgid"] = line[6:].strip('"')
        elif line.startswith("msgid_plural"):
            current = "plural"
        elif line.startswith("msgstr"):
            current = "msgstr"
            entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
        elif line.startswith('"') and current == "msgid":
            entry["msgid"] += line.strip('"')
        elif line.startswith('"') and current == "msgstr":
            entry["msgstr"][-1] += line.strip('"')


def test_there_are_catalogs_for_russian_and_chinese():
    languages = {p.parts[-3] for p in CATALOGS}
    assert {"ru", "zh_Hans"} <= languages


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
def test_every_entry_is_translated_and_none_is_fuzzy(catalog):
    untranslated, fuzzy = [], []
    for entry in _entries(catalog):
        if not entry["msgid"]:
            continue  # the header
        if any(not s for s in entry["msgstr"]):
            untranslated.append(entry["msgid"])
        if entry["fuzzy"]:
            fuzzy.append(entry["msgid"])
    assert not untranslated, f"untranslated in {catalog}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {catalog}: {fuzzy[:10]}"


@pytest.mark.parametrize(
    ("language", "home", "states"), [("ru", "Главная", "Государства-члены"), ("zh-hans", "首页", "成员国")]
)
def test_pages_speak_the_chosen_language(client, organisation, language, home, states):
    client.cookies["django_language"] = language
    html = client.get("/").content.decode()
    assert home in html and states in html
