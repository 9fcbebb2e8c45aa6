"""Stage 3: article metadata from the whole, unpruned tree (never modified here).

`extract_metadata` is a fill-if-empty cascade over sources, in order of trust:

  site-rule    CSS selectors of the site profile (options.site_rules), when they match
  json-ld      <script type="application/ld+json"> (parsers.metadata.jsonld)
  opengraph    og:* and article:* meta properties (parsers.metadata.metatags)
  meta         other meta names: author, citation_*, dc.*, parsely-*, publishdate, ...
  microdata    itemprop values (parsers.metadata.microdata)
  byline       visible byline and dateline lines (parsers.metadata.byline)
  time-element <time> elements
  breadcrumb   the section a visible breadcrumb trail names, when no source above names one
               (parsers.metadata.breadcrumbs)
  text         the first date in the short texts by the headline, and a name after it
               ("04.02.2022 | Uta Muster")
  url          a date in the URL path
  script       dates in the JSON state of inline scripts (parsers.metadata.scripts)

Each field takes the first source that gives a usable value, and `field_sources` records it.
The site name falls back to the affix of `<title>` ("Headline - Example Daily", source
"title-element").
Values are cleaned before they count: authors by `names.clean_authors` (an outlet name is not
an author, unless no source names anyone else and JSON-LD types that name as a Person: personal
blogs bear their author's name; or unless nobody at all is named but the outlet, in the visible
byline or the JSON-LD author: "By Example Foundation" signs the article),
dates by `dates.parse_date`. The title is chosen by `title.choose_title`, which
prefers the visible h1 when the declared titles agree with it. 来源 (source) and 责任编辑
(editor) never end up in `authors` next to them: they are separate roles from the byline
parser. A meta author tag whose name the page shows nowhere yields to a visible byline that
names a person (CMSs fill the tag with the site owner on every page). A Chinese article
signed in brackets after its last sentence ("…举行。（张巨峰）") takes that name when no source
names an author (source "signature"). Only a page that names nobody at all (no author, no
editor) is signed by the first of: the wire agency of its opening dateline ("Hamburg (dpa) -
..."), a name in emphasis under its last paragraph, a person holding its copyright ("© 2021
Ann Lee");
`field_sources["authors"]` says which ("dateline", "signature", "copyright").
A one-word author is then made whole from the page: initials or a user name ("DT",
"ann.lee") by the name its letters, or its author page's slug, spell in the visible text; a
first name by a "Mehr von Ann Lee" / "More from Ann Lee" heading.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import lxml.html

from parsers import tree
from parsers.metadata import (
    breadcrumbs,
    byline,
    jsonld,
    metatags,
    microdata,
    rules,
    scripts,
    signatures,
    site_rules,
    title,
    urls,
)
from parsers.metadata.dates import (
    local_day_of,
    other_reading,
    parse_date,
    same_instant_elsewhere,
    swapped_day,
)
from parsers.metadata.found import Found
from parsers.metadata.names import clean_authors, name_key
from parsers.options import ExtractOptions
from parsers.textutil import drop_invisible

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None  # as declared by the page
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    description: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    source: str | None = None
    editor: str | None = None
    field_sources: dict[str, str] = field(default_factory=dict)
    # Visible lines the metadata was read from (bylines, dateline): the body drops them.
    byline_texts: list[str] = field(default_factory=list)
    # The article text from structured data (JSON-LD articleBody), raw; not output as
    # metadata: the body stage falls back to it when the visible page holds little.
    structured_body: str | None = None


Sources = Sequence[tuple[str, Found]]


def extract_metadata(
    doc: lxml.html.HtmlElement, url: str, options: ExtractOptions, text: str | None = None
) -> Metadata:
    """Metadata of one page; see the module docstring for the order of precedence.
    `text` is the page's `tree.shown_text` when the caller has it already."""
    page_text = tree.shown_text(doc) if text is None else text
    sources = _read_sources(doc, url, options, page_text)
    meta = Metadata()
    _fill_site(meta, sources, doc, url)
    _fill_title(meta, sources, doc)
    # Dates near the headline need the title; they rank just above the URL.
    url_at = [name for name, _ in sources].index("url")
    sources.insert(url_at, ("text", byline.read_text_dates(doc, meta.title)))
    _fill_authors(meta, sources, doc, url, page_text)
    meta.published = _first_date(meta, "published", sources, lambda f: f.published)
    _reconcile_published(meta, sources)
    meta.modified = _first_date(meta, "modified", sources, lambda f: f.modified)
    meta.language = _first_text(meta, "language", sources, lambda f: f.language)
    meta.section = _first_text(meta, "section", sources, lambda f: f.section)
    if meta.section is None:  # read only then: it walks the page
        trail = [("breadcrumb", breadcrumbs.read_breadcrumb_section(doc))]
        meta.section = _first_text(meta, "section", trail, lambda f: f.section)
    meta.description = _first_text(meta, "description", sources, lambda f: f.description)
    meta.source = _first_text(meta, "source", sources, lambda f: f.source)
    meta.editor = _first_text(meta, "editor", sources, lambda f: f.editor)
    meta.tags = _first_list(meta, "tags", sources, lambda f: f.tags)
    meta.byline_texts = list(dict.fromkeys(t for _, f in sources for t in f.byline_texts))
    meta.structured_body = next((b for _, f in sources for b in f.bodies), None)
    _drop_invisible(meta)
    return meta


def _drop_invisible(meta: Metadata) -> None:
    """Soft hyphens and zero-width spaces split words for machines only ("Mat\u00adthi\u00adas
    Lauerer" is Matthias Lauerer): the text fields lose them, as the body does."""
    for key in ("title", "section", "description", "site_name", "source", "editor"):
        value = getattr(meta, key)
        if value:
            setattr(meta, key, drop_invisible(value))
    meta.authors = list(dict.fromkeys(drop_invisible(a) for a in meta.authors))
    meta.tags = list(dict.fromkeys(drop_invisible(t) for t in meta.tags))
    meta.byline_texts = [drop_invisible(t) for t in meta.byline_texts]


def _read_sources(
    doc: lxml.html.HtmlElement, url: str, options: ExtractOptions, page_text: str
) -> list[tuple[str, Found]]:
    metas = metatags.read_meta_map(doc)
    other_meta = metatags.read_other_meta(metas)
    declared_lang = doc.get("lang") or doc.get("xml:lang")
    if declared_lang:
        other_meta.language.insert(0, declared_lang.strip())
    other_meta.titles.extend(title.title_element(doc))
    return [
        ("site-rule", site_rules.read_site_rules(doc, options.site_rules)),
        ("json-ld", jsonld.read_jsonld(doc)),
        ("opengraph", metatags.read_opengraph(metas)),
        ("meta", other_meta),
        ("microdata", microdata.read_microdata(doc)),
        ("byline", byline.read_bylines(doc, page_text)),
        ("time-element", byline.read_time_elements(doc)),
        ("url", urls.read_url(url)),
        ("script", scripts.read_script_dates(doc)),
    ]


def _fill_site(meta: Metadata, sources: Sources, doc: lxml.html.HtmlElement, url: str) -> None:
    meta.site_name = _first_text(meta, "site_name", sources, lambda f: f.site_name)
    links = [("meta", href) for href in urls.read_links(doc)]
    declared = links + [(name, u) for name, f in sources for u in f.canonical_url]
    for name, href in declared:
        absolute = urls.absolute_url(href, url)
        if absolute:
            meta.canonical_url = absolute
            meta.field_sources["canonical_url"] = name
            return


def _fill_title(meta: Metadata, sources: Sources, doc: lxml.html.HtmlElement) -> None:
    rule_titles = sources[0][1].titles
    if rule_titles:
        meta.title, meta.field_sources["title"] = rule_titles[0], "site-rule"
        return
    declared = [(t, _title_source(name, t, doc)) for name, f in sources[1:] for t in f.titles]
    site_names = [n for _, f in sources for n in f.site_name]
    choice = title.choose_title(declared, title.h1_texts(doc), site_names)
    if choice is not None:
        meta.title, meta.field_sources["title"] = choice.title, choice.source
    if meta.site_name is None and meta.title:
        for raw in title.title_element(doc):
            affix = title.site_name_affix(raw, meta.title)
            if affix:
                meta.site_name, meta.field_sources["site_name"] = affix, "title-element"
                break


def _title_source(name: str, text: str, doc: lxml.html.HtmlElement) -> str:
    if name == "meta" and text in title.title_element(doc):
        return "title-element"
    return name


def _fill_authors(
    meta: Metadata, sources: Sources, doc: lxml.html.HtmlElement, url: str, page_text: str
) -> None:
    _choose_authors(meta, sources, doc, url, page_text)
    if any(_one_word(a) for a in meta.authors):
        meta.authors = list(dict.fromkeys(_whole_name(a, doc) for a in meta.authors))


def _one_word(name: str) -> bool:
    """A Latin first name, initials or user name ("Ann", "AL", "ann.lee")."""
    return " " not in name and not rules.CJK_CHAR_RE.search(name)


def _whole_name(author: str, doc: lxml.html.HtmlElement) -> str:
    """A one-word author's whole name as the page shows it (see `rules.MORE_FROM_HEADING_RE`):
    for initials or a user name, the name it or its author page's slug spells ("ann.lee",
    "AL" linking to "/author/annlee/" -> "Ann Q. Lee"); for a first name ("Ann"), the name
    of a "More from Ann Lee" heading that opens with it."""
    if not _one_word(author):
        return author
    # A capitalised first name ("Andrea") is the name the author signs with; initials and
    # user names ("DT", "ann.lee", "AnnLee") are the CMS's, and the page spells them out.
    if not _plain_word(author):
        keys = {name_key(author)} | signatures.author_link_slugs(doc, author)
        spelled = signatures.read_spelled_name(doc, keys)
        if spelled:
            return spelled
    key = name_key(author)
    for name in signatures.read_more_from_names(doc):
        if name_key(name.split()[0]) == key:
            return name
    return author


def _plain_word(word: str) -> bool:
    """ "Andrea", "Jean-Luc": a capitalised word of letters, no inner capitals."""
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in word.split("-"))


def _choose_authors(
    meta: Metadata, sources: Sources, doc: lxml.html.HtmlElement, url: str, page_text: str
) -> None:
    outlets = [n for _, f in sources for n in f.site_name + f.source]
    if meta.site_name:  # declared names are in the list already; this adds the <title>'s
        outlets.append(meta.site_name)
    # "example.at" as a meta author names the site by its host.
    host = urls.host_name(meta.canonical_url or url)
    if host:
        outlets.append(host)
    # "LN - Lübecker Nachrichten": each part of a site name names the outlet.
    outlets += [p for n in outlets for p in rules.TITLE_SEPARATOR_RE.split(n) if p and p != n]
    sources = _without_unshown_authors(sources, doc, outlets)
    if _first_authors(meta, sources, outlets):
        return
    # Nobody else named a person: a Person-typed name equal to the site name is the blogger.
    persons = {name_key(n) for _, f in sources for n in f.persons if len(n.split()) >= 2}
    if persons and _first_authors(
        meta, sources, [n for n in outlets if name_key(n) not in persons]
    ):
        return
    # Nobody at all but the outlet: a byline signed by the organisation or the blog itself
    # ("By Wikimedia Foundation", "von zahlenzauberin") names the author the reader sees.
    signed = [(name, f) for name, f in sources if name in rules.OUTLET_AUTHOR_SOURCES]
    if _first_authors(meta, signed, []):
        return
    # "…举行。（张巨峰）": a Chinese article signed in brackets under its last sentence. The
    # editor's name alone there is the editor's mark ("（郭旭）" and "责任编辑：郭旭").
    editors = {name_key(e) for _, f in sources for v in f.editor for e in v.split(", ")}
    bracketed = [
        n for n in signatures.read_bracketed_signature(doc, page_text) if name_key(n) not in editors
    ]
    if _first_authors(meta, [("signature", Found(authors=bracketed))], []):
        return
    if not editors:  # an editor is a person named
        _fill_unsigned_authors(meta, doc, page_text)


def _fill_unsigned_authors(meta: Metadata, doc: lxml.html.HtmlElement, page_text: str) -> None:
    """A page that names nobody at all, not even its outlet as the author: the first that
    signs it of a wire agency in the opening dateline, a name under the last paragraph,
    the one person its links to author pages name ("/author/ann-lee/"), a person holding
    the site's copyright (a personal site's "© 2021 Ann Lee").

    A source credited by "Quelle:"/"来源：" stays the source, and an organisation holding
    the copyright is the publisher: neither is an author."""
    agency = byline.read_agency_dateline(doc, meta.title)
    if agency:
        meta.authors, meta.field_sources["authors"] = agency, "dateline"
        return
    closing = Found(authors=signatures.read_closing_signature(doc))
    if _first_authors(meta, [("signature", closing)], []):
        return
    linked = Found(authors=signatures.read_author_links(doc))
    if _first_authors(meta, [("author-link", linked)], []):
        return
    holder = signatures.read_copyright_holder(doc, page_text)
    # A person's name may also name the site: a personal site is named after its author.
    if holder and signatures.personal_holder(holder):
        _first_authors(meta, [("copyright", Found(authors=[holder]))], [])


def _without_unshown_authors(
    sources: Sources, doc: lxml.html.HtmlElement, outlets: list[str]
) -> Sources:
    """The sources without the authors of a meta tag (`rules.UNSHOWN_AUTHOR_SOURCES`) whose
    names the page shows nowhere, when the visible byline names a person: a CMS fills such a
    tag with the site owner's name on every page, the byline names the article's author."""
    byline = next((f for name, f in sources if name == "byline"), None)
    if byline is None or not any(
        signatures.personal_holder(a) or " " not in a
        for a in clean_authors(byline.authors, exclude=outlets)
    ):
        return sources
    kept: list[tuple[str, Found]] = []
    for name, found in sources:
        authors = clean_authors(found.authors, exclude=outlets)
        unshown = name in rules.UNSHOWN_AUTHOR_SOURCES and authors
        if unshown and not signatures.shows_name(doc, authors):
            found = dataclasses.replace(found, authors=[], later_authors=[])
        kept.append((name, found))
    return kept


def _first_authors(meta: Metadata, sources: Sources, outlets: list[str]) -> bool:
    persons = [n for _, f in sources for n in f.persons]
    for i, (name, found) in enumerate(sources):
        for values in (found.authors, *found.later_authors):
            authors = clean_authors(values, exclude=outlets, persons=persons)
            if authors:
                others = [source for j, source in enumerate(sources) if j != i]
                meta.authors = _with_coauthors(_prettier_names(authors, others), others, outlets)
                meta.field_sources["authors"] = name
                return True
    return False


def _with_coauthors(authors: list[str], others: Sources, outlets: list[str]) -> list[str]:
    """The visible byline's longer list when it names every chosen author first, and then
    more people: JSON-LD and meta tags often give only the post's owner ("Rudolf Fischer")
    where the byline reads "von Rudolf Fischer, Simon Kohler". The others must be people's
    names ("Rob Picheta, CNN" adds no one)."""
    chosen = [name_key(a) for a in authors]
    for name, found in others:
        if name != "byline":
            continue
        shown = clean_authors(found.authors, exclude=outlets)
        keys = [name_key(a) for a in shown]
        if len(chosen) < len(keys) <= rules.MAX_COAUTHORS and keys[: len(chosen)] == chosen:
            more = shown[len(chosen) :]
            if all(signatures.personal_holder(a) for a in more):
                return authors + more
    return authors


def _prettier_names(authors: list[str], others: Sources) -> list[str]:
    """User-name slugs ("arianschlichenmayer") take the spelling a later source shows
    ("Arian Schlichenmayer") when both are the same letters; a first name alone ("Todd")
    takes the full name another source gives ("Todd Bates")."""
    if any(" " in a for a in authors):
        return authors
    names = [n for _, f in others for n in clean_authors(f.authors)]
    spelled = {name_key(n): n for n in names}
    full: dict[str, str] = {}
    for name in names:
        first, _, rest = name.partition(" ")
        if rest:
            full.setdefault(name_key(first), name)
    return [spelled.get(name_key(a)) or full.get(name_key(a)) or a for a in authors]


def _first_date(
    meta: Metadata, key: str, sources: Sources, get: Callable[[Found], list[object]]
) -> str | None:
    for name, found in sources:
        for value in get(found):
            iso = parse_date(value)
            if iso:
                meta.field_sources[key] = name
                return iso
    return None


def _reconcile_published(meta: Metadata, sources: Sources) -> None:
    """Check the cascade's published date against the other sources.

    The steps run in this order, each only while the cascade's choice still stands:
      0. `_prefer_other_reading`: an ambiguous "11/01/2023" takes the reading the page shows;
      1. `_prefer_visible_date`: a zone-less or UTC declared date yields to the day that the
         byline and the headline text both show, or that one of them shows when it is the
         local day next to the UTC time;
      2. `_prefer_local_time`: such a date also yields to the same minute shown on another day;
      3. `_prefer_majority_day`: any choice yields to a day named by more witnesses.
    A site rule is never second-guessed.
    """
    chosen = meta.published
    if chosen is None or meta.field_sources.get("published") == "site-rule":
        return
    steps = (_prefer_other_reading, _prefer_visible_date, _prefer_local_time, _prefer_majority_day)
    for step in steps:
        step(meta, sources, chosen)
        if meta.published != chosen:
            return


def _prefer_visible_date(meta: Metadata, sources: Sources, declared: str) -> None:
    """A declared date without a local offset yields to the date the page shows.

    A UTC or zone-less timestamp is often a CMS's creation time, or lands on the next or the
    previous day of the local date; when the byline and the text by the headline show the same
    other day, that is the article's date as its readers see it. A declared value with a local
    offset ("+02:00") was written for this page's readers and stays.
    """
    if not _is_zoneless_declared(meta, declared):
        return
    named = [(name, _first_parsed(found.published)) for name, found in sources if name in _SHOWN]
    shown = [value for _, value in named]
    days = {d[:10] for d in shown if d}
    first, first_source = next(((v, n) for n, v in named if v), (None, ""))
    if first is None or len(days) != 1 or declared[:10] in days:
        return
    # One witness is enough only for the local day next to a UTC time ("00:25 GMT" on the
    # 4th is the evening of the 3rd in the Americas); any other day needs both.
    if None in shown and not local_day_of(declared, first):
        return
    if swapped_day(declared[:10]) in days:
        return  # "11/01/2021" shown, 2021-11-01 declared: one day, read in two orders
    meta.published, meta.field_sources["published"] = first, first_source


def _prefer_other_reading(meta: Metadata, sources: Sources, chosen: str) -> None:
    """A chosen value written "11/01/2023" (day or month first?) takes the reading that the
    byline, the headline text or a `<time>` element shows."""
    source = meta.field_sources.get("published")
    raws = (v for name, f in sources if name == source for v in f.published if parse_date(v))
    other = other_reading(next(raws, None))
    if other is None:
        return
    for name, found in sources:
        shown = _first_parsed(found.published) if name in _READING_CHECKS else None
        if shown and shown[:10] == other:
            meta.published, meta.field_sources["published"] = shown, name
            return


def _prefer_local_time(meta: Metadata, sources: Sources, declared: str) -> None:
    """A UTC or zone-less declared timestamp yields to the same minute shown on another day.

    "Wed, 04 May 2022 02:41:00 GMT" declared and "03.05.2022 22:41" in the byline are one
    instant; the byline gives the day in the readers' zone, which is the article's date.
    """
    if not _is_zoneless_declared(meta, declared):
        return
    for name, found in sources:
        shown = _first_parsed(found.published) if name in _SHOWN else None
        if shown and same_instant_elsewhere(declared, shown):
            meta.published, meta.field_sources["published"] = shown, name
            return


def _is_zoneless_declared(meta: Metadata, declared: str) -> bool:
    source = meta.field_sources.get("published")
    return source in rules.DECLARED_DATE_SOURCES and not rules.LOCAL_OFFSET_RE.search(declared)


@dataclass(slots=True)
class _Witnesses:
    """The sources that name one day: how many (see `rules.DATE_WITNESS_GROUPS`), and the
    first value and source that named it."""

    count: int
    value: str
    source: str


def _prefer_majority_day(meta: Metadata, sources: Sources, chosen: str) -> None:
    """The chosen date yields to a day that more witnesses name.

    One source can be wrong in many ways (a CMS's page-change date in `<meta name="date">`, a
    teaser's date first in the bylines); two that agree against it rarely are. A value that is
    a declared modification time (to the minute) does not win: pages show their update time
    too, and it does not say when the article was published.
    """
    days = _witness_days(sources)
    best = max(days.values(), key=lambda w: w.count, default=None)
    chosen_day = days.get(chosen[:10])
    if best is None or best.count <= (chosen_day.count if chosen_day else 0):
        return
    if _is_modification_time(best.value, sources):
        return
    meta.published, meta.field_sources["published"] = best.value, best.source


def _witness_days(sources: Sources) -> dict[str, _Witnesses]:
    """Day -> its witnesses: the first published date of each source, in source order."""
    days: dict[str, _Witnesses] = {}
    counted: set[tuple[str, object]] = set()
    for name, found in sources:
        value = None if name in rules.NON_WITNESS_DATE_SOURCES else _first_parsed(found.published)
        if value is None:
            continue
        group = next((g for g in rules.DATE_WITNESS_GROUPS if name in g), name)
        if (value[:10], group) in counted:
            continue
        counted.add((value[:10], group))
        witnesses = days.setdefault(value[:10], _Witnesses(0, value, name))
        witnesses.count += 1
    return days


def _is_modification_time(value: str, sources: Sources) -> bool:
    if "T" not in value:
        return False
    modified = (_first_parsed(found.modified) for _, found in sources)
    return any(m is not None and m[:16] == value[:16] for m in modified)


# Sources that read the visible page: both must show the date for it to override a declared one.
_SHOWN = ("byline", "text")
# Sources whose day settles the reading of an ambiguous "11/01/2023".
_READING_CHECKS = (*_SHOWN, "time-element")


def _first_parsed(values: list[object]) -> str | None:
    return next((iso for v in values if (iso := parse_date(v))), None)


def _first_text(
    meta: Metadata, key: str, sources: Sources, get: Callable[[Found], list[str]]
) -> str | None:
    for name, found in sources:
        for value in get(found):
            text = " ".join(value.split())
            if text:
                meta.field_sources[key] = name
                return text
    return None


def _first_list(
    meta: Metadata, key: str, sources: Sources, get: Callable[[Found], list[str]]
) -> list[str]:
    for name, found in sources:
        values = list(dict.fromkeys(v.strip() for v in get(found) if v.strip()))
        if values:
            meta.field_sources[key] = name
            return values
    return []
