"""Every main page, rendered in Russian and in Chinese on the demo data, shows no English taken from the catalogs'
source strings (nor a state's English name): what the interface says is translated.

Records' own content (a source's title, a comment written in English, a note held only in English) is not the
interface and is not checked: a text counts only when it is a catalog's source string, whole (for one or two
words) or as a phrase of three words or more. Proper nouns and codes (a msgid whose translation is itself, such as
PDF or OC4IDS) are skipped."""

import re

import pytest
from django.test import Client
from lxml import html as lxml_html

from sco.core.tests.main_pages import main_pages
from sco.core.tests.test_i18n import CATALOGS, _entries

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{[^}]*\}")
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea"}


def _source_strings() -> tuple[set[str], set[str]]:
    """(whole strings of one or two words, phrases of three words or more), lower-cased."""
    whole, phrases = set(), set()
    for catalog in CATALOGS:
        for entry in _entries(catalog):
            msgid = entry["msgid"].replace("\\n", " ").replace('\\"', '"')
            if not msgid or not re.search("[A-Za-z]{2}", msgid) or all(s == msgid for s in entry["msgstr"]):
                continue  # the header, codes, numbers and proper nouns that stay as they are
            for piece in PLACEHOLDER.split(msgid):
                piece = " ".join(piece.split()).strip(" .,:;*()–—-“”\"'")
                words = re.findall(r"[A-Za-z][A-Za-z'-]*", piece)
                if len(words) >= 3 and not all(w[0].isupper() for w in words):  # not a name in Title Case
                    phrases.add(piece.lower())
                elif words and piece == msgid.strip(" .,:;*()–—-“”\"'") and len(piece) >= 3:
                    whole.add(piece.lower())
    return whole, phrases


def _texts(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in SKIPPED_TAGS:
            continue
        if any(a.tag in SKIPPED_TAGS for a in el.iterancestors()) or el.get("lang") == "en":
            continue
        for piece in (el.text, el.tail if el.getparent() is not None and el.getparent().tag not in SKIPPED_TAGS
                      else None, el.get("aria-label"), el.get("placeholder"), el.get("title")):  # fmt: skip
            if piece and piece.strip():
                found.append(" ".join(piece.split()))
    return found


def _english_in(page: str, whole: set[str], phrases: set[str], state_names: set[str], people: set[str]) -> set[str]:
    bad = set()
    for text in _texts(page):
        for name in people:
            text = text.replace(name, " ")  # a person's name is theirs, in whatever script they gave it
        text = " ".join(text.split())
        if not text:
            continue
        key = text.strip(" .,:;*()–—-“”\"'·").lower()
        if key in whole or text in state_names:
            bad.add(text)
            continue
        lowered = " ".join(text.lower().split())
        bad.update(p for p in phrases if p in lowered)
    return bad


# The corridors pages: the map with two routes and a scenario's flows and bottlenecks, the network's table, the
# scenarios, one scenario run, the form for a new one and an edge's form (the project page with its corridor panel is
# among the main pages: the demo links the Dostyk - Moyynty project to its edges).
CORRIDOR_PAGES = [
    "/corridors/?origin=CN_XIAN&destination=DE_DUISBURG&corridor=MC&corridor=NR&scenario=2030",
    "/corridors/edges/",
    "/corridors/scenarios/",
    "/corridors/scenarios/2030/",
    "/corridors/scenarios/new/",
    "/corridors/edges/KZ_DOSTYK>KZ_MOYYNTY/edit/",
]


@pytest.mark.parametrize("language", ["ru", "zh-hans"])
def test_every_main_page_speaks_the_chosen_language(language, secretariat, settings):
    import io

    from django.core.management import call_command

    from sco.members.models import State

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo", stdout=io.StringIO())
    whole, phrases = _source_strings()
    from sco.core.models import User

    state_names = {s.name_en for s in State.objects.all() if s.name_en not in (s.name_ru, s.name_zh)}
    people = {name for u in User.objects.all() for name in (u.display_name, u.username) if len(name) > 3}
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(secretariat)
    found = {}
    for path in [*main_pages(), *CORRIDOR_PAGES]:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        bad = _english_in(response.content.decode(), whole, phrases, state_names, people)
        if bad:
            found[path] = sorted(bad)
    assert found == {}, found
