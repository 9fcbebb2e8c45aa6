"""Names a page signs with outside any byline: a name under the last paragraph, a name in
brackets after it (Chinese news), links to an author's page, the holder of its copyright
notice; and the whole names that complete a one-word byline ("Mehr von Ann Lee" headings, a
user name spelled out in the text).

Read only when no source names anyone (see `parsers.metadata._fill_authors`): "<p><b>Ann
Lee</b></p>" closing the text signs it; a personal site's "© 2020 Ann Lee" names the person
who writes it (`personal_holder`), while an organisation's "© 2022 Example" names the
publisher, no author.
"""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from parsers.metadata import rules
from parsers.metadata.names import name_key, split_names
from parsers.rules import captions
from parsers.textutil import text_owner

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "textarea"})
# A mark alone in an inline element ("<span>©</span> 2020 Ann Lee") reads on in its parent.
_INLINE_TAGS = frozenset({"span", "small", "strong", "b", "em", "i", "font"})


def read_author_links(doc: lxml.html.HtmlElement) -> list[str]:
    """The person that the page's links to author pages ("/author/ann-lee/") name, when
    they all name the same one: an author box or a post's meta line. Links that name
    several people are a list of teasers or a team page, and name nobody."""
    names: dict[str, str] = {}
    for link in _author_links(doc):
        slug = _author_slug(str(link.get("href")))
        if not slug:
            continue
        text = " ".join(link.text_content().split())
        if text.isupper():
            text = text.title()
        # The page's address names the person too ("/author/ann-lee", "/autor/martin"):
        # "Alle Beiträge" or "Mehr lesen" linking there is no name.
        words = [name_key(w) for w in text.split() if len(w) >= 3]
        if text and personal_holder(text) and any(w and w in slug for w in words):
            names.setdefault(name_key(text), text)
    return list(names.values()) if len(names) == 1 else []


# Links whose path may name an author page ("/author/…"), built from the segment list; the
# exact test is `_author_slug`.
_LINKS = etree.XPath("//body//a[@href]")
_AUTHOR_PATH_RE = re.compile(
    "/(?:" + "|".join(re.escape(seg) for seg in sorted(rules.AUTHOR_PATH_SEGMENTS)) + ")/"
)


def is_author_page(href: str) -> bool:
    """Does the address hold an author page's path segment ("/author/", "/autoren/")?"""
    return _AUTHOR_PATH_RE.search(href) is not None


def _author_links(doc: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Links to an author's page ("/author/ann-lee/"). One regex per link: an XPath of one
    contains() per path segment took 17 ms on a page of 2,000 links."""
    return [a for a in _LINKS(doc) if is_author_page(a.get("href"))]


def _author_slug(href: str) -> str:
    """The author's own segment of an author page's address, as a name key ("/author/
    ann-lee/" -> "annlee"); "" when the address is no author page (or a page number)."""
    segments = [s for s in urlsplit(href).path.split("/") if s]
    for seg, nxt in pairwise(segments):
        if seg.casefold() in rules.AUTHOR_PATH_SEGMENTS and not nxt.isdigit() and nxt != "page":
            return name_key(nxt)
    return ""


def read_copyright_holder(doc: lxml.html.HtmlElement, page_text: str | None = None) -> str | None:
    """The holder named by the page's last visible copyright notice that names one: the
    site's footer (earlier notices are often picture credits). `page_text` (the page's
    `tree.shown_text`, when the caller has it) spares the search on a page without a mark."""
    body = doc.find("body")
    if body is None:
        return None
    if page_text is not None and not any(mark in page_text for mark in _MARKS):
        return None
    for text in reversed(_notice_texts(body)):
        holder = copyright_holder(text)
        if holder:
            return holder
    return None


def _notice_texts(body: lxml.html.HtmlElement) -> list[str]:
    """Visible texts that open with a copyright mark, in document order."""
    texts: list[str] = []
    for node in _MARKED_TEXTS(body):
        el = text_owner(node)
        if el is None or not _opens_with_mark(node):
            continue
        if node.is_tail:
            if not credits_a_picture(el):
                texts.append(_rest_of_line(el, str(node)))
        # A link ("<a href='/copyright'>Copyright Bildmaterial</a>") leads to a notice.
        elif el.tag not in _SKIP_TAGS and el.tag != "a" and not credits_a_picture(el):
            line = el.getparent() if el.tag in _INLINE_TAGS else el
            texts.append(_rest_of_line(line if line is not None else el, str(node)))
    return texts


# Text nodes that may open with a mark (the exact test is `_opens_with_mark`): found by
# libxml2, since a Python pass over every element of the page cost 3 ms on a large page.
_MARKS = ("©", "(c)", "(C)", "opyright", "OPYRIGHT")
_MARKED_TEXTS = etree.XPath(
    ".//text()[" + " or ".join(f"contains(., '{mark}')" for mark in _MARKS) + "]"
)


def credits_a_picture(el: lxml.html.HtmlElement) -> bool:
    """A notice in a figure, or in a box whose background is a picture, credits the picture
    ("<figcaption>© Ann Lee</figcaption>")."""
    for depth, above in enumerate(el.iterancestors()):
        if depth >= _PICTURE_CREDIT_DEPTH:
            return False
        if above.tag in ("figure", "figcaption") or "background-image" in (
            above.get("style") or ""
        ):
            return True
    return False


# How far above a notice a figure or a picture box makes it a picture credit.
_PICTURE_CREDIT_DEPTH = 3


def _opens_with_mark(text: str | None) -> bool:
    if not text:
        return False
    text = text.lstrip()
    # The first-letter test spares a regex call on nearly every text of the page.
    return text[:1] in _MARK_INITIALS and rules.COPYRIGHT_MARK_RE.match(text) is not None


_MARK_INITIALS = frozenset("©(cC|•·/-")


def _rest_of_line(el: lxml.html.HtmlElement, own: str) -> str:
    """A notice and the rest of its short line: "<span>©</span> 2020 <a>Ann Lee</a>"."""
    own = " ".join(own.split())
    line = " ".join(el.text_content().split())
    at = line.find(own)
    return line[at:] if at >= 0 and len(line) <= rules.MAX_BYLINE_CHARS else own


def personal_holder(holder: str) -> bool:
    """Is a copyright holder one person ("Ann Lee", "C. Muster"), not an organisation or a
    picture agency ("Example Media", "Kanton Bern", "Getty Images")?"""
    if holder.isupper():  # "© ANN LEE": a notice set in capitals
        holder = holder.title()
    words = holder.replace(".", ". ").split()
    if not 2 <= len(words) <= rules.COPYRIGHT_PERSON_MAX_WORDS:
        return False
    if rules.ORGANISATION_RE.search(holder) or captions.PICTURE_AGENCY_ONLY.match(holder):
        return False
    if words[0].casefold() in rules.GRAMMATICAL_ARTICLES:  # "The Big Bone", "Un Equipo Adelante"
        return False
    return all(_name_word(word) for word in words)


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised, no inner capitals ("KulturKaufhaus"), not
    in capitals ("LAVAZZA"), and not an organisation word nor a compound ending in one
    ("Landeshauptstadt", "Internetredaktion")."""
    if not (word[:1].isupper() and rules.NAME_WORD_RE.match(word)):
        return False
    letters = word.rstrip(".")
    if len(letters) > 1 and not all(p[1:].islower() for p in letters.split("-")):
        return False  # "HR", "KulturKaufhaus"; "Pierre-Yves" is two capitalised parts
    folded = word.casefold().strip(".")
    return not any(
        folded == org or (len(org) >= 4 and folded.endswith(org))
        for org in rules.COPYRIGHT_ORGANISATION_WORDS
    )


def copyright_holder(text: str) -> str | None:
    """ "© 2019 Ann Lee. All rights reserved." -> "Ann Lee"; None when the text does not open
    with the mark, or names no capitalised holder."""
    match = rules.COPYRIGHT_NOTICE_RE.match(text)
    if match is None or not match.group("holder")[:1].isupper():
        return None
    holder = rules.COPYRIGHT_HOLDER_END_RE.split(match.group("holder"), maxsplit=1)[0]
    holder = holder.strip(" ,.-–—:")
    return holder or None


def read_closing_signature(doc: lxml.html.HtmlElement) -> list[str]:
    """A signature under the article: a block whose whole text is one emphasised name
    ("<p><b><i>Ann Lee</i></b></p>"), the last text of its container, after a paragraph of
    prose. Headings, links and labels are no signature: the emphasis must wrap a name only."""
    for block in doc.iter("p", "div"):
        text = _emphasised_text(block)
        if text and _closes_prose(block):
            names = split_names(text, strict=True)
            if names:
                return [text]
    return []


# Blocks of text only (no block inside) whose text closes with a bracket.
_BRACKET_CLOSED_BLOCKS = etree.XPath(
    "//*[self::p or self::div][not(.//p or .//div)][contains(., '）') or contains(., ')')]"
)


def read_bracketed_signature(doc: lxml.html.HtmlElement, page_text: str | None = None) -> list[str]:
    """The names a Chinese article is signed with in brackets after its last sentence
    ("…举行。（张巨峰）", "…（记者 胡晓蓉）"): the last such paragraph, when no paragraph of its
    container follows it (labels such as "图集" or "责任编辑：张三" may). A bracket of anything
    but names ("（完）", "（新华社）") signs nothing. `page_text` (the page's `tree.shown_text`,
    when the caller has it) spares the search on a page without a Chinese sentence end."""
    if page_text is not None and not any(end in page_text for end in rules.CJK_SENTENCE_ENDS):
        return []
    for block in reversed(_BRACKET_CLOSED_BLOCKS(doc)):
        text = " ".join(block.text_content().split())
        match = rules.CJK_BRACKET_SIGNATURE_RE.search(text)
        if match is None or any(_long_text(after) for after in block.itersiblings()):
            continue
        return split_names(match.group("names"))
    return []


def _emphasised_text(block: lxml.html.HtmlElement) -> str:
    """The text of a block that is one emphasis element and nothing else (no link)."""
    children = [c for c in block if isinstance(c.tag, str)]
    if (block.text or "").strip() or len(children) != 1:
        return ""
    inner = children[0]
    if inner.tag not in rules.SIGNATURE_EMPHASIS_TAGS or (inner.tail or "").strip():
        return ""
    if any(el.tag == "a" for el in inner.iter()):
        return ""
    text = " ".join(inner.text_content().split())
    # "Guten Appetit!", "Mehr dazu:": a sign-off or a label, not a name.
    if len(text) > rules.MAX_SIGNATURE_CHARS or text[-1:] in rules.NOT_NAME_ENDS:
        return ""
    return text


def _closes_prose(block: lxml.html.HtmlElement) -> bool:
    """Is the block the last text of its container, right after a paragraph of prose?"""
    if any(_has_text(after) for after in block.itersiblings()):
        return False
    before = next((b for b in block.itersiblings(preceding=True) if _has_text(b)), None)
    if before is None:
        return False
    prose = " ".join(before.text_content().split())
    return len(prose) >= rules.MIN_PROSE_CHARS and prose[-1:] in rules.SENTENCE_ENDS


def _long_text(el: lxml.html.HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    return len("".join(el.text_content().split())) > rules.SIGNATURE_AFTER_MAX_CHARS


def _has_text(el: lxml.html.HtmlElement) -> bool:
    return isinstance(el.tag, str) and bool(el.text_content().strip())


def read_more_from_names(doc: lxml.html.HtmlElement) -> list[str]:
    """Persons named by headings that offer more of their articles ("Mehr von Ann Lee",
    "MORE FROM ANN LEE"), in document order."""
    names: list[str] = []
    for heading in doc.iter(*rules.MORE_FROM_HEADING_TAGS):
        text = " ".join(heading.text_content().split())
        match = rules.MORE_FROM_HEADING_RE.match(text) if len(text) <= 80 else None
        if match is None:
            continue
        name = match.group("name").strip(" .:!")
        if name.isupper():
            name = name.title()
        if personal_holder(name):
            names.append(name)
    return names


def read_spelled_name(doc: lxml.html.HtmlElement, keys: set[str]) -> str | None:
    """The first person's name in the page's visible text whose letters, with or without its
    middle initials, are one of `keys` (name keys of a user name or an author page's slug):
    "ann.lee" and "/author/annlee/" are spelled "Ann Lee" or "Ann Q. Lee" on the page."""
    keys = {k for k in keys if len(k) >= rules.MIN_SPELLED_KEY}
    body = doc.find("body")
    if not keys or body is None:
        return None
    # The texts joined by a bar, which no name runs across ("Ann" | "Lee" are two texts).
    text = " | ".join(_VISIBLE_TEXTS(body))
    low, high = rules.SHOWN_NAME_WORDS
    for match in rules.SHOWN_NAME_RE.finditer(text):
        words = match.group(0).split()
        # A spelled key opens with its name's first word: most words open none.
        opens = [any(k.startswith(name_key(w)) for k in keys) for w in words]
        for size in range(low, high + 1):
            for at in range(len(words) - size + 1):
                window = words[at : at + size]
                if not opens[at] or window[0].endswith(".") or window[-1].endswith("."):
                    continue  # "Q. Lee", "Ann Q.": no whole name
                inner = [w for w in window[1:-1] if not _is_initial(w)]
                spelled = {
                    name_key("".join(window)),
                    name_key("".join([window[0], *inner, window[-1]])),
                }
                name = " ".join(window)
                if spelled & keys and personal_holder(name):
                    return name
    return None


def shows_name(doc: lxml.html.HtmlElement, names: list[str]) -> bool:
    """Does the page's visible text show one of `names` (whitespace and case aside)? A text
    node holding the name as it is written answers most pages without the whole text."""
    body = doc.find("body")
    if body is None:
        return False
    if any(_SHOWS_EXACTLY(body, name=name) for name in names):
        return True
    shown = " ".join(" ".join(_VISIBLE_TEXTS(body)).split()).casefold()
    return any(" ".join(name.split()).casefold() in shown for name in names)


_SHOWS_EXACTLY = etree.XPath(
    "boolean(.//text()[contains(., $name)][not(parent::script or parent::style"
    " or parent::noscript or parent::template or parent::textarea)])"
)


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


_VISIBLE_TEXTS = etree.XPath(
    ".//text()[normalize-space()][not(parent::script or parent::style or parent::noscript"
    " or parent::template or parent::textarea)]"
)


def author_link_slugs(doc: lxml.html.HtmlElement, name: str) -> set[str]:
    """Slugs of the author pages that links reading `name` lead to ("DT" ->
    "/author/donaldtownsend/" -> "donaldtownsend")."""
    key = name_key(name)
    slugs: set[str] = set()
    for link in _author_links(doc):
        if name_key(link.text_content()) == key:
            slug = _author_slug(str(link.get("href")))
            if slug:
                slugs.add(slug)
    return slugs
