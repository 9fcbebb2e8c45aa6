"""Class/id tokens and tag weights that score candidate content containers.

Tokens are matched as substrings of the lower-cased `class` + `id` string, as Readability
does, because real names are compounds ("article-body", "newsContent", "post_text").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# A container named like the article body. 正文/内容 for Chinese CMSs that name classes in
# hanzi or pinyin ("zhengwen", "neirong"); "rich_media" is the WeChat article body.
POSITIVE = re.compile(
    r"article|body|content|entry|hentry|main|post|text|blog|story|detail|正文|内容|"
    r"zhengwen|neirong|rich_media|artic|news_?txt|con_?txt|txtinfo|postbody|markdown"
)

# A container named like chrome. Checked after POSITIVE, so "content-sidebar" is both.
# Author boxes ("author-description", "about-the-author") hold a bio, not the article.
NEGATIVE = re.compile(
    r"comment|combx|contact|foot|footer|footnote|masthead|meta|outbrain|promo|related|"
    r"scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|banner|"
    r"recommend|hot|rank|paging|pager|pagination|breadcrumb|nav|menu|login|subscribe|"
    r"newsletter|popular|most-?read|social|copyright|advert|(^|[\s_-])ads?([\s_-]|$)|"
    r"author-?(bio|desc|box|info)|about-?(the-?)?author|teaser"
)

# Weight added for a positive / negative name (Readability's 25, kept: the scale of a
# paragraph score is 1..~10, so a name outweighs about three paragraphs).
CLASS_WEIGHT = 25.0

# Starting score by tag: containers that usually hold prose start higher, list and form
# parts lower (Readability's values).
TAG_WEIGHT: Mapping[str, float] = MappingProxyType(
    {
        "article": 10.0,
        "main": 8.0,
        "div": 5.0,
        "section": 3.0,
        "pre": 3.0,
        "td": 3.0,
        "blockquote": 3.0,
        "address": -3.0,
        "ol": -3.0,
        "ul": -3.0,
        "dl": -3.0,
        "dd": -3.0,
        "dt": -3.0,
        "li": -3.0,
        "form": -3.0,
        "h1": -5.0,
        "h2": -5.0,
        "h3": -5.0,
        "h4": -5.0,
        "h5": -5.0,
        "h6": -5.0,
        "th": -5.0,
    }
)

# schema.org and microformat names of the body: when present they nearly always are right.
# (Each half tests cheap attribute presence first: libxml2 evaluates every predicate on every
# element, and comparisons cost far more than presence; a third faster than one predicate.)
SCHEMA_BODY_XPATH = (
    "descendant::*[@itemprop or @property or @data-testid][@itemprop='articleBody' "
    "or @itemprop='articlebody' or @property='articleBody' or @data-testid='article-body'] "
    "| descendant::*[contains(@class, 'e-content')]"
    "[contains(concat(' ', @class, ' '), ' e-content ')]"
)

# Class/id/itemprop names that CMSs and themes give the article body, best first
# (WordPress `entry-content`/`post-content`, Newspaper `td-post-content`, Elementor's widget, Drupal
# `field-name-body`, BBC-style `story-body`, German CMSs `artikel`/`beitrag`; not `inhalt`, the
# skip-link target on whole page regions).
# Matched as whole lower-cased tokens, never substrings ("artikel-teaser" is a teaser).
# The scored choice loses to one of them that holds it, or that holds far more prose:
# the score alone picks teasers, single table rows and lightboxes on some pages.
BODY_CONTAINERS: tuple[str, ...] = (
    "articlebody",
    "article-body",
    "article__body",
    "article-body-content",
    "articlebody-content",
    "story-body",
    "entry-content",
    "post-content",
    "td-post-content",
    "elementor-widget-theme-post-content",  # Elementor's post-content widget
    "field-name-body",
    "article-content",
    "article__content",
    "article-text",
    "content-body",
    "post-body",
    "post-entry",
    "single-content",
    "text-content",
    "story-content",
    "artikel",
    "artikel-text",
    "beitrag",
)

# A standfirst (lead, intro, excerpt; German Vorspann, French chapô, Spanish entradilla or
# bajada, Chinese 导语) box: a whole part of a class/id name, so
# "entry-excerpt", "article__lead", "c-intro" count and "leader", "introduction-nav" do
# not. When it precedes the chosen body inside the same <article>, it is prepended.
LEAD = re.compile(
    r"(?:^|[\s_-])(?:lead|intro|standfirst|excerpt|dek|deck|summary|abstract|vorspann|"
    r"chapo|chapeau|entradilla|bajada|daoyu|导语)(?:$|[\s_-])"
)


# A line of links to a site's taxonomy pages (categories, tags, topics) names the article's
# filing, not its text: "Corona & die Folgen, Debatte, Politik" over the headline, "Posted
# in News | Tagged Budget, Roads" under it. Every link's path holds one of these segments,
# and the text beside the links is separators and a short label at most.
TAXONOMY_PATH_RE = re.compile(
    r"/(?:category|categories|cat|tag|tags|topic|topics|thema|themen|schlagwort|schlagworte|"
    r"stichwort|stichworte|rubrik|rubriken|kategorie|kategorien|keyword|keywords|label|"
    r"subject|subjects)/",
    re.I,
)
TAXONOMY_SEPARATORS_RE = re.compile(r"[\s,;|·•/&+-]+")
TAXONOMY_LABEL_MAX_CHARS = 20
TAXONOMY_LINE_MAX_CHARS = 300
