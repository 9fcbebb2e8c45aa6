"""Stage 4b: choose the main content.

Precedence: a site profile's `content` selector, then a schema.org articleBody node
with enough text, then the scored candidate (after Readability's algorithm, with CJK
density adjustments):

1. Every paragraph-like node (p, pre, td, and div/section text without block children)
   scores 1 + commas + length points, spread to five levels of ancestors.
2. A candidate starts from its tag weight and class/id tokens; its score is multiplied
   by (1 - link density). The best one wins; it climbs to a parent that scores nearly as
   well (the body is split over siblings), and siblings that score well join it. A
   lead box of its class in another page row above it joins it too (`_distant_parts`).

Text and link lengths are computed once, bottom-up, so the selector is linear.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml.cssselect import CSSSelector

from parsers.options import ExtractOptions
from parsers.rules import captions as caption_rules
from parsers.rules import thresholds as th
from parsers.rules import tokens
from parsers.textutil import BLOCK_TAGS, class_id, comparable, is_cjk, tag_of

logger = logging.getLogger(__name__)

_SCHEMA_BODY = etree.XPath(tokens.SCHEMA_BODY_XPATH)
_COMMAS = re.compile(r"[,，、;；。]")
_PARAGRAPH_TAGS = frozenset(
    {"p", "pre", "td", "div", "section", "article", "main", "center", "dd", "blockquote", "li"}
)
# The inner parts of a table: a top candidate in a table (a signatory list under an
# open letter) climbs past them to the box that holds the table and the prose around it.
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
# Below this many characters a schema body is a stub (teaser, paywall), not the article.
_MIN_SCHEMA_CHARS = 200


@dataclass(slots=True)
class Stats:
    """Text and link length of every element, and the candidate scores."""

    text: dict[Any, int] = field(default_factory=dict)
    links: dict[Any, int] = field(default_factory=dict)
    inline: dict[Any, int] = field(default_factory=dict)
    scores: dict[Any, float] = field(default_factory=dict)

    def density(self, el: Any) -> float:
        total = self.text.get(el, 0)
        return self.links.get(el, 0) / total if total else 0.0


def select_content(
    doc: Any, options: ExtractOptions, story: Any | None = None, description: str | None = None
) -> tuple[list[Any], Stats]:
    """The elements that hold the article, in document order (possibly empty).

    `story` (from `titled_story`) is the page's own story when the page repeats
    stories one under another; `description` (the page's summary) finds the
    standfirst shown above the body."""
    body = doc.find("body")
    root = body if body is not None else doc
    stats = measure(root)
    for selector in options.site_rules.content:
        found = _css(doc, selector)
        if found:
            return found[:1], stats
    schema = [el for el in _SCHEMA_BODY(root) if stats.text.get(el, 0) >= _MIN_SCHEMA_CHARS]
    if schema:
        # The longest, with the parts of the same article: teasers of other articles carry
        # the same microformat names, and some CMSs cut one body into several sections.
        longest = max(schema, key=stats.text.__getitem__)
        best = _same_article(longest, schema)
        known = _known_body(root, best, stats, holding=False)
        body_parts = [known] if known is not None else best
        return _with_lead_picture(_with_lead(body_parts, stats), body_parts[0]), stats
    _score(root, stats)
    if not stats.scores:
        return [root], stats
    best = _best(stats)
    peers = _split_peers(best, stats)
    top = _climb(best, peers, stats)
    chosen = _distant_parts(best, peers, stats) if top is best else None
    chosen = chosen or _with_siblings(top, stats)
    chosen = _in_story(chosen, stats, story) or chosen
    known = _known_body(root, chosen, stats)
    if known is not None and story is not None and _inside(story, known):
        known = None  # the page's own story, not the feed of stories around it
    body_parts = [known] if known is not None else chosen
    led = _with_standfirst(root, _with_lead(body_parts, stats), stats, description)
    return _with_lead_picture(led, body_parts[0]), stats


def _same_article(longest: Any, schema: list[Any]) -> list[Any]:
    """`longest` and the other schema bodies of its article (the same nearest <article>
    or itemscope owner, none inside another), in document order."""
    owner = _owner(longest)
    if owner is None or len(schema) == 1:
        return [longest]
    parts = [el for el in schema if _owner(el) is owner]
    if any(a in parts for el in parts for a in el.iterancestors()):
        return [longest]
    return parts


def _owner(el: Any) -> Any | None:
    for ancestor in el.iterancestors():
        if ancestor.tag == "article" or ancestor.get("itemscope") is not None:
            return ancestor
    return None


def titled_story(doc: Any, title: str | None) -> Any | None:
    """On a page of stories one under another, each an <article> of one class with its
    own h1/h2 headline (infinite scroll, or a dossier that prints its stories in full),
    the story whose headline is the page's title; None when the page is not built that
    way. Read before pruning, which may take the story headers away."""
    if not title:
        return None
    by_class: dict[str, list[tuple[Any, str]]] = {}
    for el in doc.iter("article"):
        cls, headline = el.get("class"), _headline_key(el)
        if cls and headline:
            by_class.setdefault(cls, []).append((el, headline))
    wanted = comparable(title)
    titled = [
        el
        for stories in by_class.values()
        if len(stories) >= 2
        for el, headline in stories
        if headline == wanted
    ]
    return titled[0] if len(titled) == 1 else None


def _in_story(chosen: list[Any], stats: Stats, story: Any | None) -> list[Any] | None:
    """The content of `story` (see `titled_story`) when the choice is outside it."""
    if story is None or story.getparent() is None or _inside(chosen[0], story):
        return None
    inside = [el for el in story.iter() if el in stats.scores]
    if not inside:
        return None
    return _with_siblings(max(inside, key=stats.scores.__getitem__), stats)


def _inside(el: Any, container: Any) -> bool:
    return el is container or any(a is container for a in el.iterancestors())


def _headline_key(story: Any) -> str | None:
    heading = next(story.iter("h1", "h2"), None)
    return None if heading is None else comparable(heading.text_content())


def _with_standfirst(root: Any, chosen: list[Any], stats: Stats, summary: str | None) -> list[Any]:
    """`chosen` with the standfirst above it: the page's summary (meta description)
    shown as text before the body, in the same page region (not a teaser elsewhere)."""
    key = " ".join((summary or "").split())[: th.STANDFIRST_KEY_CHARS]
    if len(key) < th.STANDFIRST_KEY_CHARS:
        return chosen
    first = chosen[0]
    for el in root.iter():
        if el is first:
            return chosen  # not above the body: it opens the body, or is not shown
        if not isinstance(el.tag, str) or not el.text or key not in " ".join(el.text.split()):
            continue
        box = el if tag_of(el) in BLOCK_TAGS else _block_parent(el)
        if box is None or not th.LEAD_MIN_CHARS <= stats.text.get(box, 0) <= th.LEAD_MAX_CHARS:
            return chosen
        if stats.density(box) > th.LEAD_MAX_DENSITY or not _near(box, first):
            return chosen
        return [box, *chosen]
    return chosen


def _block_parent(el: Any) -> Any | None:
    return next((a for a in el.iterancestors() if tag_of(a) in BLOCK_TAGS), None)


def _near(a: Any, b: Any) -> bool:
    """True when `a` and `b` share an ancestor below <body> (the same page region)."""
    above_b = set(b.iterancestors())
    common = next((x for x in a.iterancestors() if x in above_b), None)
    return common is not None and tag_of(common) not in ("body", "html")


def _with_lead(chosen: list[Any], stats: Stats) -> list[Any]:
    """`chosen` with the standfirst (`tokens.LEAD`) that precedes it in its <article>,
    or, on pages without one, in the box around it."""
    first = chosen[0]
    region = next(first.iterancestors("article"), None)
    if region is None:
        region = first.getparent()
        if region is None or tag_of(region) in ("body", "html"):
            return chosen
    lead = None
    for el in region.iter():
        if el is first:
            break
        if not isinstance(el.tag, str) or (el.get("class") is None and el.get("id") is None):
            continue
        names = class_id(el)
        if tokens.LEAD.search(names) is None or _is_caption(el, names):
            continue
        size = stats.text.get(el, 0)
        if not th.LEAD_MIN_CHARS <= size <= th.LEAD_MAX_CHARS:
            continue
        if stats.density(el) <= th.LEAD_MAX_DENSITY and first not in el.iterdescendants():
            lead = el
    if lead is None or any(lead in c.iterancestors() for c in chosen):
        return chosen
    return [lead, *chosen]


def _is_caption(el: Any, names: str) -> bool:
    """A picture's caption, though named like a lead: "caption lead-asset__caption" (the
    lead asset is the picture at the top of the article, not its standfirst)."""
    if tag_of(el) in ("figure", "figcaption") or caption_rules.CAPTION_CLASS.search(names):
        return True
    return next(el.iterancestors("figure", "figcaption"), None) is not None


def _with_lead_picture(chosen: list[Any], body: Any) -> list[Any]:
    """`chosen` with the picture over the article: the last <figure> with an image before
    `body` (the body's first element, before any standfirst joined it) in the same
    <article>, put in document order, so that the article's images start with it. A
    figure adds no text (its caption is the image's)."""
    region = next(body.iterancestors("article"), None)
    if region is None:
        return chosen
    picture = None
    order: dict[Any, int] = {}
    for index, el in enumerate(region.iter()):
        if el is body:
            break
        order[el] = index
        if el.tag == "figure" and el.find(".//img") is not None:
            picture = el
    if picture is None or any(_inside(picture, c) or _inside(c, picture) for c in chosen):
        return chosen
    # after the standfirsts above it (those outside the article are above it all), before the
    # body and whatever else is chosen
    at = 0
    for c in chosen:
        if c in order and order[c] > order[picture]:
            break
        if c not in order and _inside(c, region):  # the body, or a part after it
            break
        at += 1
    return [*chosen[:at], picture, *chosen[at:]]


_BODY_RANK = {name: rank for rank, name in enumerate(tokens.BODY_CONTAINERS)}


def _names(el: Any) -> list[str]:
    """The element's class tokens, id and itemprop, lower-cased."""
    return (
        f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}".lower().split()
    )


def _prose(el: Any, stats: Stats) -> int:
    return stats.text.get(el, 0) - stats.links.get(el, 0)


def _known_body(root: Any, chosen: list[Any], stats: Stats, holding: bool = True) -> Any | None:
    """A well-known body container (`tokens.BODY_CONTAINERS`) that beats the choice: it
    holds the choice (only when `holding`: not around a schema.org body, which is
    exact), or it holds KNOWN_BODY_GAIN times its prose elsewhere."""
    chosen_prose = sum(_prose(el, stats) for el in chosen)
    inside = set(chosen)
    best: Any = None
    best_key: tuple[int, int] = (len(_BODY_RANK), 0)
    for el in root.iter():
        if el.tag in ("body", "html") or not isinstance(el.tag, str):
            continue
        if el.get("class") is None and el.get("id") is None:
            continue
        ranks = [_BODY_RANK[n] for n in _names(el) if n in _BODY_RANK]
        if not ranks:
            continue
        prose = _prose(el, stats)
        if prose < th.KNOWN_BODY_MIN_CHARS or stats.density(el) > th.KNOWN_BODY_MAX_DENSITY:
            continue
        if el in inside or any(a in inside for a in el.iterancestors()):
            continue  # part of the choice already
        if all(el in c.iterancestors() for c in chosen):
            if not holding or _added_density(el, chosen, stats) > th.KNOWN_BODY_ADDED_DENSITY:
                continue  # around a schema body, or what it adds is link lists
        elif prose < chosen_prose * th.KNOWN_BODY_GAIN:
            continue
        key = (min(ranks), -prose)
        if key < best_key:
            best, best_key = el, key
    return best


def _best(stats: Stats) -> Any:
    """The best-scoring candidate with TOP_MIN_CHARS of text (any, when none has): a
    name bonus alone lifts a near-empty box ("...WithDetails") over the article."""
    sized = [el for el in stats.scores if stats.text.get(el, 0) >= th.TOP_MIN_CHARS]
    return max(sized or stats.scores, key=stats.scores.__getitem__)


def _css(doc: Any, selector: str) -> list[Any]:
    try:
        return list(CSSSelector(selector)(doc))
    except Exception as exc:  # cssselect raises several kinds on a bad selector
        logger.warning("Ignoring the site rule selector %r: %s", selector, exc)
        return []


def measure(root: Any) -> Stats:
    """Bottom-up text, link and inline-text lengths (whitespace at the ends ignored)."""
    stats = Stats()
    text, links, inline = stats.text, stats.links, stats.inline
    for el in reversed(list(root.iter())):
        own = len(el.text.strip()) if el.text and isinstance(el.tag, str) else 0
        total, linked, flat = own, 0, own
        for child in el:
            size = text.get(child, 0)
            tail = len(child.tail.strip()) if child.tail else 0
            total += size + tail
            linked += links.get(child, 0)
            flat += tail + (0 if tag_of(child) in BLOCK_TAGS else size)
        text[el] = total
        links[el] = total if el.tag == "a" else linked
        inline[el] = flat
    return stats


def _score(root: Any, stats: Stats) -> None:
    for el in root.iter(*_PARAGRAPH_TAGS):
        size = stats.inline.get(el, 0)
        if size < th.MIN_PARAGRAPH_CHARS_CJK:
            continue
        text = el.text_content() if size == stats.text.get(el) else _direct_text(el)
        cjk = is_cjk(text)
        if size < (th.MIN_PARAGRAPH_CHARS_CJK if cjk else th.MIN_PARAGRAPH_CHARS):
            continue
        per_point = th.CHARS_PER_POINT_CJK if cjk else th.CHARS_PER_POINT
        points = 1 + len(_COMMAS.findall(text)) + min(size / per_point, th.MAX_LENGTH_POINTS)
        _spread(el, points, stats)
    for el in stats.scores:
        stats.scores[el] *= 1 - stats.density(el)


def _direct_text(el: Any) -> str:
    parts = [el.text or ""]
    parts += [(c.tail or "") for c in el]
    return "".join(parts)


def _spread(el: Any, points: float, stats: Stats) -> None:
    ancestor = el.getparent()
    level = 0
    while ancestor is not None and level < th.SCORE_LEVELS:
        if tag_of(ancestor) == "html":
            break
        if ancestor not in stats.scores:
            stats.scores[ancestor] = initial_score(ancestor)
        divider = 1 if level == 0 else 2 if level == 1 else level * 3
        stats.scores[ancestor] += points / divider
        ancestor = ancestor.getparent()
        level += 1


def initial_score(el: Any) -> float:
    return tokens.TAG_WEIGHT.get(tag_of(el), 0.0) + class_weight(el)


def class_weight(el: Any) -> float:
    names = class_id(el)
    if len(names) < 3:
        return 0.0
    weight = 0.0
    if tokens.POSITIVE.search(names):
        weight += tokens.CLASS_WEIGHT
    if tokens.NEGATIVE.search(names):
        weight -= tokens.CLASS_WEIGHT
    return weight


def _climb(top: Any, peers: list[Any], stats: Stats) -> Any:
    """Move up to the common ancestor of rival candidates, then to better parents.

    `peers` are the top's split peers (`_split_peers`). Rivals are the candidates scoring
    at least PARENT_SHARE of the best: when MIN_RIVALS of them share an ancestor with the
    best, the body is split over several containers and that ancestor is the body
    (Readability's alternative candidates).
    """
    best = stats.scores[top]
    split = _split_parent(top, peers)
    if split is not None:
        return split
    rivals = [el for el, s in stats.scores.items() if s >= best * th.PARENT_SHARE and el is not top]
    if len(rivals) >= th.MIN_RIVALS:
        rival_set = set(rivals)
        for ancestor in top.iterancestors():
            if tag_of(ancestor) in ("body", "html"):
                break
            inside = sum(1 for r in ancestor.iterdescendants() if r in rival_set)
            if inside >= th.MIN_RIVALS:
                return ancestor
    top = _better_parent(top, stats)
    while len(top) == 1 and tag_of(top[0]) in BLOCK_TAGS and not _text_outside(top):
        top = top[0]
    return top


def _added_density(container: Any, chosen: list[Any], stats: Stats) -> float:
    """The link density of the part of `container` outside the `chosen` elements."""
    text = stats.text.get(container, 0) - sum(stats.text.get(el, 0) for el in chosen)
    links = stats.links.get(container, 0) - sum(stats.links.get(el, 0) for el in chosen)
    return links / text if text > 0 else 0.0


def _split_parent(top: Any, peers: list[Any]) -> Any | None:
    """The nearest ancestor holding the top and all its split `peers`: a body cut into
    same-class boxes between ad slots (see SPLIT_LEVELS, SPLIT_MANY_PARTS)."""
    if not peers:
        return None
    levels = th.SPLIT_LEVELS + (len(peers) + 1 >= th.SPLIT_MANY_PARTS)
    for level, ancestor in enumerate(top.iterancestors()):
        if level >= levels or tag_of(ancestor) in ("body", "html"):
            break
        if all(ancestor in p.iterancestors() for p in peers):
            return ancestor
    return None


def _distant_parts(top: Any, peers: list[Any], stats: Stats) -> list[Any] | None:
    """[lead, top] when the body's opening paragraphs sit in a box of the top's exact class
    in another page row, above it (above the lead picture: politico's "story-text"), and
    no ancestor within SPLIT_LEVELS holds both. Only the two boxes, not the rows around
    them, which hold the page's asides. One lead box only, shorter than the top, prose:
    several far boxes of one class are a feed of stories or a thread of posts."""
    if len(peers) != 1:
        return None
    (lead,) = peers
    if (
        lead.get("class") != top.get("class")
        or not th.SPLIT_PROSE_CHARS <= stats.text.get(lead, 0) <= stats.text.get(top, 0)
        or stats.density(lead) > th.SPLIT_PROSE_DENSITY
        or lead in top.iterancestors()
        or top in lead.iterancestors()
    ):
        return None
    for el in top.getroottree().getroot().iter():
        if el is lead:
            return [lead, top]
        if el is top:
            return None  # the box comes after the top: another story, not its lead
    return None


def _split_peers(top: Any, stats: Stats) -> list[Any]:
    """Boxes of the top's first class that look like other parts of its body: the top's
    exact class and SPLIT_SHARE of its score, or prose of SPLIT_PROSE_SHARE in its <article>."""
    best = stats.scores[top]
    first = _first_class(top)
    if not first:
        return []
    cls, owner = top.get("class"), _owner(top)
    return [
        el
        for el, s in stats.scores.items()
        if el is not top
        and _first_class(el) == first
        and (
            (s >= best * th.SPLIT_SHARE and el.get("class") == cls)
            or (
                s >= best * th.SPLIT_PROSE_SHARE
                and _owner(el) is owner
                and stats.text.get(el, 0) >= th.SPLIT_PROSE_CHARS
                and stats.density(el) <= th.SPLIT_PROSE_DENSITY
            )
        )
    ]


def _first_class(el: Any) -> str:
    names = (el.get("class") or "").split()
    return names[0] if names else ""


def _better_parent(top: Any, stats: Stats) -> Any:
    """An ancestor that outscores the one below it, looking up while ancestors score
    at least PARENT_FLOOR of the candidate (Readability), and winning only with
    PARENT_MIN_SHARE of the candidate's score (not in Readability: on portals a page
    wrapper beat the near-empty box under it)."""
    best = last = stats.scores[top]
    for ancestor in top.iterancestors():
        if tag_of(ancestor) in ("body", "html"):
            break
        score = stats.scores.get(ancestor)
        if score is None:
            continue
        if tag_of(ancestor) in _TABLE_PARTS:
            last = score  # rows score low above their cells; the box around may count
            continue
        if score < best * th.PARENT_FLOOR:
            break
        if score > last and score >= best * th.PARENT_MIN_SHARE:
            return ancestor
        last = score
    return top


def _text_outside(el: Any) -> bool:
    return bool((el.text or "").strip() or (el[0].tail or "").strip())


def _with_siblings(top: Any, stats: Stats) -> list[Any]:
    parent = top.getparent()
    if parent is None or tag_of(top) in ("body", "html"):
        return [top]
    top_score = stats.scores.get(top, 0.0)
    threshold = max(th.SIBLING_MIN_SCORE, top_score * th.SIBLING_SHARE)
    chosen = []
    for sibling in parent:
        if sibling is top or _good_sibling(sibling, top, threshold, stats):
            chosen.append(sibling)
    return chosen


def _good_sibling(sibling: Any, top: Any, threshold: float, stats: Stats) -> bool:
    if not tag_of(sibling):
        return False
    bonus = 0.0
    if sibling.get("class") and sibling.get("class") == top.get("class"):
        bonus = stats.scores.get(top, 0.0) * 0.2
    if stats.scores.get(sibling, 0.0) + bonus >= threshold:
        return True
    if tag_of(sibling) != "p":
        return False
    size, density = stats.text.get(sibling, 0), stats.density(sibling)
    if size > 80:
        return density < 0.25
    text = sibling.text_content().strip()
    return size > 0 and density == 0 and text.endswith((".", "。", "!", "?", "！", "？"))
