"""Heuristics of the metadata stage, as immutable data. Each group says why it exists.

Tuned on ../shared/devdata (score.py metadata table); after a change re-run
`PYTHONPATH=. .venv/bin/python ../shared/eval/score.py ../shared/devdata
-e parsers.evaluation:extract_for_eval --tokenizer auto`.
"""

from __future__ import annotations

import re

# --- JSON-LD -------------------------------------------------------------------------------

# Types whose fields describe the article itself. WebPage comes last: it is a fallback that
# often wraps the article with the site's own name as "author".
ARTICLE_TYPES: tuple[str, ...] = (
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "article",
    "blogposting",
    "socialmediaposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "posting",
    "review",
    "recipe",
    "howto",
    "webpage",
    "itempage",
)

# The surname after a first name that opens a person's JSON-LD description: one capitalised
# word ending in a space, a comma, a dash or the end ("Nils Muster ist ...", "Ann Lee - ...").
SURNAME_AFTER_NAME_RE = re.compile(r" ([A-ZÀ-ÖØ-Þ][^\W\d_]+(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?)(?=[ ,]|$)")

# Sources whose author may equal the outlet's name, when no source names anyone else: the
# visible byline, and JSON-LD, where the author is a field of its own. Meta "author" tags
# are left out: many CMSs fill them with the site name on every page.
OUTLET_AUTHOR_SOURCES: tuple[str, ...] = ("json-ld", "byline")
# Sources that a CMS may fill with one name for every page (the site's owner or operator):
# their author yields to a visible byline that names a person, when the page shows the
# author's name nowhere. JSON-LD is left out: it is written per article.
UNSHOWN_AUTHOR_SOURCES: tuple[str, ...] = ("meta",)

# --- meta tags -----------------------------------------------------------------------------
# Each tuple is ordered by trust; names are matched casefolded against name, property and
# itemprop attributes.

META_TITLE = (
    "og:title",
    "twitter:title",
    "citation_title",
    "dc.title",
    "dcterms.title",
    "parsely-title",
    "sailthru.title",
    "headline",
    "title",
)
META_AUTHOR = (
    "author",
    "article:author",
    "citation_author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "twitter:creator",
    "og:article:author",
    "article:author_name",
    "authors",
    "creator",
)
# Labels of the "twitter:labelN"/"twitter:dataN" pairs that name the author (casefolded).
META_AUTHOR_LABELS: frozenset[str] = frozenset(
    {
        "written by",
        "author",
        "verfasst von",
        "geschrieben von",
        "autor",
        "escrito por",
        "écrit par",
        "scritto da",
        "geschreven door",
        "autor wpisu",
        "napisane przez",
    }
)
MAX_TWITTER_LABELS = 4
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "citation_publication_date",
    "citation_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "publication_date",
    "date",
    "datepublished",
    "article.published",
    "og:published_time",
    "og:pubdate",
    "original-publish-date",
    "release_date",
    "created",
    "article_date_original",
    "displaydate",
    "dc.date.created",
    "firstpublishedtime",
    "publishtime",
    "publishedtime",
    "pdate",
    "weibo: article:create_at",
)
META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "og:article:modified_time",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "datemodified",
    "modified",
    "updated",
    "article.updated",
    "lastmodifiedtime",
)
META_SECTION = (
    "article:section",
    "og:article:section",
    "parsely-section",
    "section",
    "category",
    "sailthru.section",
    "cxenseparse:recs:category",
    "catalogs",
)
META_TAGS = (
    "article:tag",
    "og:article:tag",
    "parsely-tags",
    "sailthru.tags",
    "news_keywords",
    "keywords",
)
META_DESCRIPTION = (
    "og:description",
    "description",
    "twitter:description",
    "dc.description",
    "dcterms.description",
)
META_SITE_NAME = (
    "og:site_name",
    "application-name",
    "twitter:site",
    "publisher",
    "citation_journal_title",
    "dc.publisher",
    "sitename",
    "site_name",
)
META_LANGUAGE = (
    "content-language",
    "og:locale",
    "language",
    "dc.language",
    "dcterms.language",
    "lang",
)
# Chinese portals state the syndication source in meta tags.
META_SOURCE = ("contentsource", "source", "mediaid", "og:article:source")

# --- dates --------------------------------------------------------------------------------

# Sources that declare a date in markup rather than show it. Their value yields to a visible
# date (byline and headline text agreeing) unless it carries a local offset. Measured on
# trafilatura-eval: 18 pages gained, 2 lost; with offset-carrying values too, 3 more gained but
# 2 more lost, so those stay.
DECLARED_DATE_SOURCES: frozenset[str] = frozenset({"json-ld", "opengraph", "meta", "microdata"})
# An ISO value with a non-zero offset: "+02:00", "-05:00" (not "Z", not "+00:00").
LOCAL_OFFSET_RE = re.compile(r"T[\d:]+[+-](?!00:00)\d\d:\d\d$")
# Sources that read the same visible line (the byline reader and the text by the headline
# usually both find the dateline under the h1): when the sources vote on the published day,
# such a group is one witness. Every other source is a witness of its own. Measured on
# trafilatura-eval: the vote gained 6 pages and lost 1 (a page showing its update date);
# counting byline and text as two witnesses gained 1 more but overturned local-offset dates
# on one line's word. Re-run the date accuracy of trafilatura-eval, de and zh after changes.
DATE_WITNESS_GROUPS: tuple[frozenset[str], ...] = (frozenset({"byline", "text"}),)
# Sources that never vote: dates in scripts are a last resort, not evidence.
NON_WITNESS_DATE_SOURCES: frozenset[str] = frozenset({"site-rule", "script"})
# Keys of the JSON state that script-rendered pages (shop systems, React and Vue apps) keep in
# inline scripts, most telling first: publication keys, then creation keys. Read only when no
# other source dates the page; on trafilatura-eval they date 2 pages that had no date at all.
SCRIPT_DATE_KEYS: tuple[str, ...] = (
    "datePublished",
    "published_at",
    "publishedAt",
    "publishDate",
    "publish_date",
    "first_published_at",
    "createdAt",
    "created_at",
    "dateCreated",
)

# --- visible bylines -----------------------------------------------------------------------

# class/id tokens of elements that hold a byline or dateline. Matched as substrings of the
# casefolded class and id, because sites glue them ("articleAuthor", "post-date", "pubtime").
BYLINE_TOKENS: tuple[str, ...] = (
    "byline",
    "author",
    "autor",
    "writer",
    "reporter",
    "creator",
    "editor",
    "source",
    "origin",
    "verfasser",
    "auteur",  # French themes: "auteurs"
    "contributor",
)
DATE_TOKENS: tuple[str, ...] = (
    "date",
    "time",
    "pubtime",
    "publish",
    "posted",
    "datum",
    "dateline",
    "timestamp",
    "calendar",  # an icon ("fa-calendar", "glyphicon-calendar") before the date in its tail
)
# Words that open a visible dateline: "Veröffentlicht am 16.08.2019", "Erschienen am: ...",
# "Published on May 2, 2024", "Publié le ...". Update words are left out: those lines give the
# modified date. The line must also hold a date to count.
DATE_LEAD_WORDS: tuple[str, ...] = (
    "veröffentlicht",
    "erschienen",
    "publiziert",
    "published",
    "posted on",
    "publié",
    "publicado",
    "pubblicato",
)
DATE_LEAD_RE = re.compile(
    r"^\s*(?:veröffentlicht|erschienen|publiziert|published|posted|publié|publicado|pubblicato)"
    r"(?:\s+(?:am|on|le|el|il))?\s*:?\s+\S",
    re.IGNORECASE,
)
INFO_TOKENS: tuple[str, ...] = (
    "info",
    "meta",
    "artinfo",
    "article-info",
    "source",
    "tips",
    "attr",
    "intro",
)
# Class/id tokens of a picture's credit box ("attribution", "caption", "credit"): its lines
# credit the picture, not the article.
PICTURE_CREDIT_TOKENS: tuple[str, ...] = ("attribution", "caption", "credit")
# Tokens that look like bylines but are page chrome: login boxes, comments, footers.
BYLINE_NEGATIVE_TOKENS: tuple[str, ...] = (
    "comment",
    "zitat",  # a quotation's speaker ("zitat-author", "quote-author")
    "quote",
    "footer",
    "copyright",
    "login",
    "avatar",
    "related",
    "sidebar",
    "recommend",
    "widget",
    "share",
    "newsletter",
    "nav",
    "menu",
    "bio",
    "profile-card",
    "author-box",
    "authorbox",
    "about-author",
    "update",
    "modified",
)
# The negative tokens (and tags) that mark the page's margins rather than other people's
# text: an author box, an article footer, a meta sidebar. Many themes put the only byline
# there ("<aside class='meta'>Von: Ann Lee</aside>", "<div class='authorbox'>von Ann Lee"),
# so a line found there names the authors when no line outside the margins does.
BYLINE_MARGIN_TOKENS: tuple[str, ...] = (
    "share",
    "footer",
    "sidebar",
    "nav",
    "bio",
    "profile-card",
    "author-box",
    "authorbox",
    "about-author",
)
# A share bar that also names the byline ("author_share", "byline-share") is the article's
# byline bar: its lines count as content, dates included.
BYLINE_BAR_TOKENS: tuple[str, ...] = ("author", "byline")
# A <footer> outside an <article> is the site's footer: chrome, not a margin.
BYLINE_MARGIN_TAGS: frozenset[str] = frozenset({"aside", "nav"})
# Class words that contain a negative token but describe the layout or the article itself:
# "has-sidebar", "with-navigation", "sidebar-included" (page wrappers), "elementor-widget"
# (page-builder blocks, byline included), "widget Blog" (the posts of a Blogger blog),
# "post-footer"/"entry-footer" (the article's own footer, where blog themes put "Posted by
# ..."). They are blanked before the negative tokens are sought.
NOT_CHROME_MARKS_RE = re.compile(
    r"(?<![\w-])(?:(?:has|with|no|for)[-_][\w-]*"
    r"|[\w-]*sidebar-(?:included|left|right|position|postition|parent)[\w-]*"
    r"|elementor-widget[\w-]*|widget(?=\s+blog\b)"
    r"|(?:post|entry|article|story)[-_]+footer[\w-]*|footer--article)"
)
# A byline is a short line; longer texts are paragraphs mentioning an author.
MAX_BYLINE_CHARS = 160

# Words that open a byline line, for the scan over every text node of a page: "By Ann Lee",
# "Von: Max Muster", "Posted by admin", "Text von ...", "Autor: ...". Kept short: every text that
# matches is read as a byline candidate. Colon forms only where the bare word starts sentences.
BYLINE_LEAD_WORDS: tuple[str, ...] = (
    "by",
    "von",
    "written by",
    "posted by",
    "text von",
    "text:",
    "autor:",
    "autorin:",
    "autoren:",
    "author:",
    "auteur:",
    "ein artikel von",
    "geschrieben von",
    "erstellt von",
    "eingestellt von",
    "gespeichert von",
    "verfasst von",
    "por",  # Spanish, Portuguese: "Por Agencia EFE"
)
# A screen-reader separator may come first: "<span>| By </span><span>Ann Lee</span>", and
# dashes before a signature: "---- by Ann Lee", "— by Ann Lee".
# Written `\s*(?:[|·•]\s*)?`, not `\s*[|·•]?\s*`: two adjacent `\s*` backtrack quadratically over
# the whitespace-only text nodes between tags (a 700-space indent cost 50 ms per match).
BYLINE_LEAD_RE = re.compile(
    r"^\s*(?:[|·•]\s*|[-–—]+\s*)?(?:by|von|por|(?:written|posted)\s+by|text\s+von|"
    r"ein\s+artikel\s+von|"
    r"(?:geschrieben|erstellt|eingestellt|gespeichert|verfasst)\s+von|"
    r"(?:text|autor(?:in|en)?|author|auteur)\s*:|autoren(?=\s))"
    r"(?:\s|:|$)",
    re.IGNORECASE,
)
# Author labels that stand alone, with the name in the next element or text: "<h4>Autor</h4>
# <p>Ann Lee</p>", "<dt>Author:</dt><dd>...", "<span>| By </span><span>Ann Lee</span>", forum
# software's "Thread starter". Casefolded, without the colon and a leading separator.
AUTHOR_LABEL_WORDS: frozenset[str] = frozenset(
    {
        "by",
        "von",
        "autor",
        "autorin",
        "autoren",
        "author",
        "authors",
        "auteur",
        "auteurs",
        "auteur(s)",
        "verfasser",
        "verfasst von",
        "written by",
        "thread starter",
        "themenstarter",
    }
)
# English and German byline lead words, cut from the front of a byline value; they may repeat
# ("Post author By Ann Lee": a screen-reader label before the visible "By").
BY_PREFIX_RE = re.compile(
    r"^\s*(?:(?:(?:written|posted|reported|story|text|words|photos?|interview)\s+(?:by|von)|by|von|vom|"
    r"(?:post\s+)?author|pressemitteilung\s+von|"
    r"(?:text|interview|autor(?:in|en)?|author|authors|auteur|autore|verfasser)\s*:|"
    r"text\s*(?:und|&)\s*fotos?\s*:?|autor(?:in|en)?|(?:veröffentlicht|erstellt|geschrieben|"
    r"publiziert|verfasst|gepostet|eingestellt|gespeichert)\s+von|(?:ein\s+)?(?:beitrag|artikel)\s+von:?|"
    r"por|escrito\s+por|par|publié\s+par|a\s+cura\s+di|door|przez)(?:\s*:\s*|\s+|$))+",
    re.IGNORECASE,
)
# Weekdays and "as of" words that start the date part of a byline: "Tomas Spahn Fr, 12.3.",
# "Sara Zinnecker Stand: 1.2.2022", "Isabella am Samstag". Everything from them on is cut.
DATE_WORDS_RE = re.compile(
    r"\s*[,|·•]?\s*\b(?:am\s+|on\s+|le\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|stand|updated|aktualisiert|veröffentlicht|"
    r"published|posted|erschienen)\b\.?(?:\s*[,:.]|\s|$).*$"
    # Abbreviated weekdays only before a date or at the end: "Fr, 12.03.", not "Mo Farah".
    r"|\s*[,|·•]?\s*\b(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*(?:\d.*)?$",
    re.IGNORECASE,
)

# A byline part before its date that holds no name: "Posted on", "Veröffentlicht am", "" ->
# the name is after the date ("Posted on May 2, 2024 by Ann Lee").
# After the date of a dateline near the headline: a time, then a separator or "von"/"by", then
# the name: " | 13:10 Uhr | Uta Muster", " - Reiner Muster", " 13:30 von Olga".
DATELINE_NAME_RE = re.compile(
    r"[,.]?(?:\s*(?:\||,|um|at)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?)?"
    r"\s*(?:[|·•–—-]\s*(?P<lead>(?:von|by)\s+)?|(?P<lead2>(?:von|by)\s+))"
    r"(?P<name>[^\d|·•]{3,60})$",
    re.IGNORECASE,
)
DATE_LEAD_ONLY_RE = re.compile(
    r"^\W*(?:(?:posted|published|updated|veröffentlicht|erschienen|aktualisiert|publiziert|"
    r"erstellt|gepostet|eingestellt|publié|publicado)"
    r"\b\W*)?(?:on|am|le|el|il)?\W*$",
    re.IGNORECASE,
)

# Chinese byline labels and the role each one names. Order matters: longer labels first, so
# 责任编辑 is not read as 编辑 and 本文来源 not as 来源.
CJK_ROLE_LABELS: tuple[tuple[str, str], ...] = (
    ("本文来源", "source"),
    ("文章来源", "source"),
    ("新闻来源", "source"),
    ("稿件来源", "source"),
    ("信息来源", "source"),
    ("来源", "source"),
    ("稿源", "source"),
    ("出处", "source"),
    ("责任编辑", "editor"),
    ("责编", "editor"),
    ("编辑", "editor"),
    ("主编", "editor"),
    ("审核", "editor"),
    ("校对", "editor"),
    ("作者", "author"),
    ("记者", "author"),
    ("撰稿", "author"),
    ("撰文", "author"),
    ("通讯员", "author"),
    ("文/", "author"),
    ("摄影", "photo"),
    ("图/", "photo"),
    ("发布时间", "date"),
    ("发布日期", "date"),
    ("发表时间", "date"),
    ("更新时间", "date"),
    ("时间", "date"),
    ("日期", "date"),
)
CJK_LABEL_RE = re.compile(
    r"(?P<label>" + "|".join(re.escape(label) for label, _ in CJK_ROLE_LABELS) + r")\s*[:：]?\s*"
)
# The same roles in English and German bylines, where a colon is required: "Source: Xinhua",
# "Editor: Li Yan", "Quelle: dpa". English pages of Chinese state media use these.
LATIN_ROLE_LABELS: dict[str, str] = {
    "source": "source",
    "sources": "source",
    "quelle": "source",
    "editor": "editor",
    "editors": "editor",
    "editor-in-charge": "editor",
    "responsible editor": "editor",
    "author": "author",
    "authors": "author",
    "auteur": "author",
    "text & fotos": "author",
    "text und fotos": "author",
    "text und bild": "author",
    "text & bild": "author",
    "redaktion": "author",  # "Redaktion: Ann Lee" credits the article's editor-writer
    "autore": "author",
    "autor": "author",
    "autorin": "author",
    "reporter": "author",
    "writer": "author",
    "written by": "author",
    "published": "date",
    "published on": "date",
    "posted": "date",
    "posted on": "date",
    "date": "date",
    "datum": "date",
    "veröffentlicht": "date",
    "veröffentlicht am": "date",
    "updated": "modified",
    "last updated": "modified",
    "aktualisiert": "modified",
    "aktualisiert am": "modified",
    "photo": "photo",
    "photos": "photo",
    "foto": "photo",
    "fotos": "photo",
}
LATIN_LABEL_RE = re.compile(
    r"(?<![\w-])(?P<label>"
    + "|".join(re.escape(k) for k in sorted(LATIN_ROLE_LABELS, key=len, reverse=True))
    + r")\s*[:：]\s*",
    re.IGNORECASE,
)
CJK_ROLE_BY_LABEL: dict[str, str] = dict(CJK_ROLE_LABELS)
# A source label left in a source value: "来源：人民网", "Source: Xinhua".
SOURCE_LABEL_RE = re.compile(
    r"^\s*(?:本文来源|文章来源|新闻来源|来源|稿源|source)\s*[:：]\s*", re.I
)
# Brackets that wrap a byline: "（记者 张三）", "【来源：新华网】".
CJK_BRACKETS_RE = re.compile(r"[（(【\[]\s*|\s*[)）】\]]")

# --- author names --------------------------------------------------------------------------

# Job titles and generic words that follow or replace a name in a byline. Casefolded.
AUTHOR_ROLE_WORDS: frozenset[str] = frozenset(
    {
        "staff writer",
        "staff reporter",
        "reporter",
        "correspondent",
        "senior writer",
        "writer",
        "editor",
        "contributor",
        "contributing writer",
        "columnist",
        "staff",
        "redakteur",
        "redakteurin",
        "autor",
        "autorin",
        "author",
        "journalist",
        "journalistin",
        "freelancer",
        "freier autor",
        "freie autorin",
        "guest author",
        "gastautor",
        "gastautorin",
        "photographer",
        "fotograf",
        "fotografin",
        "senior editor",
        "managing editor",
        "editor-in-chief",
        "admin",
        "administrator",
        "wordpressadmin",
        "webmaster",
        "publisher",  # a CMS's placeholder in the author tag
        "posted",
        "updated",
        "published",
        "share",
        "follow",
        "more",
        "mehr",
        "view all posts",
        "all posts",
        "anonymous",
        "unknown",
        "no author",
        "agencies",
        "agenturen",
        "sponsored",
        "sponsored content",
        "sponsored post",
        "gesponsert",
        "gesponserte inhalte",
        "anzeige",
        "werbung",
        "advertorial",
        "guest",
        "chief correspondent",
        "special correspondent",
        "bureau chief",
        "intern",
        "news desk",
        "web desk",
        "phd",
        "md",
        "dr",
        "prof",
        "veröffentlicht",
        "publiziert",
        "erstellt",
        "text",
        "fotos",
        "foto",
        "photo",
        "photos",
        "interview",
        "kategorien",
        "categories",
        "tags",
        "home",
        "startseite",
        "chefredakteur",
        "chefredakteurin",
        "philosophe",
        "journaliste",
        "auteur",
    }
)
# Trailing qualifiers after a name: "Jane Doe, Staff Writer", "Max Muster (Redakteur)".
AUTHOR_TAIL_RE = re.compile(
    r"(?:\s*(?:[,|/–—-]\s*|\()|\s+)\s*(?:senior\s+|chief\s+|staff\s+|special\s+|"
    r"contributing\s+|freie[rn]?\s+)?"
    r"(?:writer|reporter|correspondent|editor|contributor|columnist|(?:chef)?redakteur(?:in)?|"
    r"autor(?:in)?|journalist(?:in|e)?|photographer|fotograf(?:in)?|intern|philosophe|"
    r"ph\.?d|m\.?d|staff|follow|shares?)s?\b.*$"
    # "Brendan Carlin For The Mail On Sunday": the outlet after "for"; "Zhang Wei in Beijing":
    # the dateline place after "in" (state media, wire copy).
    r"|(?-i:\s+(?:for|For|FOR)\s+(?:the\s+|The\s+)?[A-Z].*$)"
    r"|(?-i:\s+in\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?\s*$)"
    # "Text von Ann Lee Illustration von Max Muster": the credits of other contributors.
    r"|\s+(?:illustrations?|fotos?|photos?|bilder?|grafiken?)\s*(?:von|by|:)\s.*$"
    # "Ann Lee Alle Artikel", "Ann Lee View all posts": the author box's link to the archive.
    r"|\s+(?:alle|weitere|mehr|all|more|view\s+all|see\s+all|tous\s+les|todos\s+los)\s+"
    r"(?:artikel|beiträge|posts|articles|stories|news|nachrichten|articulos|artículos)\b.*$",
    re.IGNORECASE,
)
# "Ann Lee - Example Browsing team", "Ann Lee (Pressesprecher des Vereins)": a trailing
# affiliation after a dash (it holds a lower-case word) or in brackets. Cut only after a full
# name: in "Example-MAG – Das Magazin für ..." the head is an outlet.
AFFILIATION_TAIL_RE = re.compile(r"\s+[-–—]\s+(?=[^,;]*\b[a-zäöüß])[^,;]*$|\s*\([^()]*\)\s*$")
# A capitalised role word right after a one-word name, without a comma, is part of the name:
# "Jörg Staff" (the surname Staff), "Rasender Reporter" (a pen name), "HLNF Staff Report" (a
# desk's signature). "Ann Lee, Reporter", "Ann Staff Writer" and "Ann Lee Reporter" lose it.
ROLE_AS_NAME_TAIL_RE = re.compile(
    r" (?:Staff(?! (?:Writer|Reporter|Editor|Photographer)s?\b)|Reporter|Writer|Editor|"
    r"Redakteur|Autor|Journalist|Correspondent|Columnist)"
)
# A trailing social handle after a name: "Williams Perdomo @wperdomod".
HANDLE_TAIL_RE = re.compile(r"\s+@\w+\s*$")
# A visible byline that names more people than the chosen source adds them (co-authors
# that JSON-LD leaves out), up to this many names in all.
MAX_COAUTHORS = 4
# A further person in a byline with a picture role in brackets is its photographer or
# illustrator: "Ann Lee (reporting) and Jo Roe (photography)", "Ann Lee, Jo Roe (Fotos)".
PICTURE_ROLE_PART_RE = re.compile(
    r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*[^,&()（）]{2,60}?\s*[(（]\s*"
    r"(?:photo(?:graphy|graphs|s)?|pictures|images|video|camera|illustrations?|graphics?|"
    r"fotos?|fotografie|bilder|grafik(?:en)?|illustration(?:en)?|kamera)\s*[)）]",
    re.IGNORECASE,
)
# A role glued before the name: "FOCUS-Online-Experte Robin Tschöpe", "Gastautorin Ann Lee".
ROLE_LEAD_RE = re.compile(
    r"^[\w-]*(?:experte|expertin|redakteur|redakteurin|korrespondent|korrespondentin|"
    r"gastautor|gastautorin|kolumnist|kolumnistin|reporter|reporterin|"
    r"rechtsanwalt|rechtsanwältin|fachanwalt|fachanwältin)\s+(?=\w)",
    re.IGNORECASE,
)
# An opening bracket the line cut off: "Sam Lee (Sponsored Post" -> "Sam Lee".
UNCLOSED_BRACKET_RE = re.compile(r"\s*[(\[][^)\]]*$")
# Wire agencies (casefolded letters only): credited beside a reporter ("Ann Lee, dpa"), they
# are the source, not an author; alone they sign the article and stay.
NEWS_AGENCIES: frozenset[str] = frozenset(
    {
        "dpa",
        "afp",
        "ap",
        "apa",
        "reuters",
        "kna",
        "epd",
        "sid",
        "sda",
        "ddp",
        "dts",
        "spx",
        "ots",
        "ansa",
        "efe",
        "jiji",
        "kyodo",
        "xinhua",
        "bloomberg",
        "upi",
        "pti",
        "ians",
        "tass",
        "anp",
        "belga",
        "pap",
        "ctk",
    }
)
# A wire dateline that opens an article: a place, the agency in brackets, a dash ("Hamburg
# (dpa/lno) – ..."). When nobody else is named, the agency signs the article; sought in the
# first texts after the headline only.
AGENCY_DATELINE_RE = re.compile(
    r"^\s*[A-ZÀ-Þ][\w.'’ -]{1,40}?\s*\((?P<agency>[\w/ .-]{2,30})\)\s*[-–—]\s"
)
AGENCY_DATELINE_REACH = 12
# Separators that glue an outlet name to an author name: "unocero - Ann Lee", "Ann Lee | Site".
OUTLET_GLUE_RE = re.compile(r"\s*[-–—|/,:]\s*")
OUTLET_GLUE_END_RE = re.compile(r"\s*[-–—|/,:]\s*$")
# The newsroom of an outlet glued to its name ("Example.de-Redaktion", "Daily Planet |
# Newsroom") is the outlet itself: it yields to a person another source names, as the
# outlet does. Name keys (letters only, casefolded) of what is left after the outlet.
OUTLET_NEWSROOM_KEYS: frozenset[str] = frozenset(
    {
        "redaktion",
        "dieredaktion",
        "onlineredaktion",
        "team",
        "dasteam",
        "newsroom",
        "editorialteam",
        "editorialstaff",
        "staff",
        "redaction",
        "redazione",
        "redaccion",
    }
)
# An outlet name no person's name looks like: an inner capital or a domain dot.
BRAND_TOKEN_RE = re.compile(r"[a-z][A-Z]|\w\.\w")
# Organisations are not persons: legal forms and the German words for foundation, association,
# ministry... also inside compounds ("Hanns-Seidel-Stiftung"). "Redaktion" (the editorial team)
# stays: bylines sign with it, and readers take it as the author.
ORGANISATION_RE = re.compile(
    r"(?<!\w)(?:e\.\s?V\.?|GmbH|AG|SE|Ltd|Inc|LLC|PLC|KG|gGmbH)(?!\w)"
    r"|(?i:stiftung|verband|verein|ministerium|institut|foundation|university|"
    r"universität|association)(?!\w)"
)
# A newspaper's name ends with one of these words, no person's name does ("BBC News",
# "China Daily"; not "Post", "Sun", "Mirror" or "Press": surnames too). After the names in
# a byline it ends them: "By Nada Tawfik, BBC News, New York" (the outlet, then its bureau).
# (Alone, "By Example Times" signs a page that names nobody else, as any outlet does.)
_NEWSPAPER_WORDS = r"(?:Times|Daily|News|Herald|Tribune|Gazette|Chronicle|Telegraph|Journal)"
NEWSPAPER_NAME_RE = re.compile(r"(?<=\w )" + _NEWSPAPER_WORDS + r"\s*$")
# An outlet of initials glued after a name, where two spans of a byline meet ("By Rayhan
# Demytrie" + "BBC News, Ust-Kamenogorsk"): the name ends before the initials.
GLUED_OUTLET_RE = re.compile(r"(?<=[a-z]) +[A-Z]{2,5} +" + _NEWSPAPER_WORDS + r"\s*$")
# Lower-case words that belong to a name: "Ludwig van Beethoven", "Pedro de la Cruz".
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "von",
        "van",
        "vom",
        "zu",
        "zum",
        "zur",
        "de",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "dei",
        "des",
        "du",
        "la",
        "le",
        "lo",
        "ter",
        "ten",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "st.",
        "v.",
    }
)
# Particles that are articles elsewhere: only after "van"/"von" ("Mies van der Rohe").
NAME_PARTICLES_AFTER: frozenset[str] = frozenset({"der", "den"})
# Elided and hyphenated particles: "d'Alembert", "al-Hassan".
PARTICLE_PREFIX_RE = re.compile(r"^(?:[dl]['’]|(?:al|el|ad|as)-)\w", re.IGNORECASE)
# A user name: one word of letters with a few digits ("freeman1984", "Bo2man", "c1ph4"), at
# least three letters so that "Q2" or "A1" do not pass.
USER_NAME_RE = re.compile(r"^(?=(?:\d*[^\W\d_]){3})[^\W_]+\d*[^\W_]*$")
# Separators between several names in one byline.
AUTHOR_SPLIT_RE = re.compile(
    r"\s*(?:,|;|、|，|/|\|| and | und | & | et | y | i | e | ve | en | og | och |\bwith\b)\s*",
    re.IGNORECASE,
)
# Things that are not names.
URL_OR_EMAIL_RE = re.compile(r"(?:https?://|www\.|@|\.(?:com|de|org|net|cn)\b)", re.IGNORECASE)
URL_ONLY_RE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
HAS_DIGIT_RE = re.compile(r"\d")
# A name typed as a person (JSON-LD Person) may have lower-case words ("Ann lee"): up to
# three words of letters, hyphens and apostrophes.
MAX_TYPED_PERSON_WORDS = 3
NAME_WORD_RE = re.compile(r"^[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?$")
# Names longer than this many words are sentences, not names.
MAX_NAME_WORDS = 5
# Chinese personal names are 2-4 ideographs (compound surnames included); an ethnic-minority
# name with a middle dot ("阿卜杜·热合曼") may be longer.
CJK_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,8}[·•][\u4e00-\u9fff]{1,8}$")
CJK_CHAR_RE = re.compile(r"[\u3400-\u9fff]")
# Separators between the names of a Chinese byline; spaces separate names only between CJK
# characters ("张三 李四"), not inside a Latin name.
CJK_NAME_SPLIT_RE = re.compile(r"[,，、;；/|]+")
# "赵 培", "赵\u3000培": one two-character name spaced out to line up with three-character ones.
CJK_SPACED_NAME_RE = re.compile(
    r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]{1,2}([\u4e00-\u9fff])(?![\u4e00-\u9fff])"
)
# The parts of one piece: a run of CJK characters, or a run of Latin words ("记者 John Smith").
CJK_NAME_PART_RE = re.compile(r"[\u3400-\u9fff·•]+|[^\s\u3400-\u9fff]+(?:\s+[^\s\u3400-\u9fff]+)*")
# Chinese surnames, for telling a name ("陈智") from a word that follows a label ("整合",
# "最新文章", "法国"): the common single-character surnames (ambiguous ones such as 和, 全,
# 国 left out), and the compound ones, which a four-character name needs.
CJK_SURNAMES: frozenset[str] = frozenset(
    "安王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢齐易乔伍庞颜倪庄聂"
    "章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁荣巫寇桑郎甄丛仲"
    "虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥班储原栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝区郜阚花权强帅屠豆朴盖练廉禹井祖漆巴丰卿狄宣晋云扈晁芮阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜逯隆茹诸战慕亢嵇湛宾戎勾茅揭尉冶斯束檀衣阴昝奉衡尧蓬"
    "洪萧荀钮郦竺庹邴蔚訾郗凤危"
)
# Characters of transliterated names ("安东尼", "玛丽亚", "才扬"): a name made only of them
# needs no surname.
CJK_TRANSLITERATION: frozenset[str] = frozenset(
    "阿艾安奥巴贝比波布达戴德蒂迪丁杜多恩菲费弗格哈赫亨霍基吉加杰捷卡凯科克肯库拉莱兰劳勒雷玛"
    "里利莉丽林卢鲁路伦罗洛马迈曼梅门米密莫姆穆娜纳内尼诺帕佩皮普齐乔切琼萨塞桑森莎舍斯松苏"
    "索塔泰汤特提图托瓦威维温沃乌西希谢休雅亚扬伊英尤约泽詹兹"
    # Tibetan names in Chinese (才扬, 扎西, 次仁, 旦增, 卓玛, 格桑, 多吉)
    "才扎次旦央卓达贡旺嘎益丹曲顿措让仁珠增宗吉杰"
)
CJK_COMPOUND_SURNAMES: frozenset[str] = frozenset(
    {
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "轩辕",
        "呼延",
        "南宫",
        "独孤",
        "西门",
        "钟离",
        "闻人",
    }
)
# Not names: words that follow a role label in menus (作者须知 author guidelines, 作者简介),
# and roles in brackets after a name (张三(实习生)).
CJK_NOT_NAMES: frozenset[str] = frozenset(
    {
        "须知",
        "指南",
        "简介",
        "投稿",
        "中心",
        "专栏",
        "登录",
        "注册",
        "服务",
        "信息",
        "列表",
        "首页",
        "实习生",
        "通讯员",
        "摄影",
        "摄影师",
        "编辑",
        "记者",
        "特约",
    }
)

# --- titles --------------------------------------------------------------------------------

# Separators between a headline and the site name in <title>/og:title. Spaces around the
# Latin ones are required ("Covid-19" is not a split); CJK sites glue "_" and "-".
# A hyphen glued between CJK text and a CJK site name separates too ("…的城！-新华网").
TITLE_SEPARATOR_RE = re.compile(
    r"\s+[|–—·•»:/\\-]{1,2}\s+|\s*[_｜|]\s*|\s+::\s+|-{2,}"
    r"|(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])-(?=[\u4e00-\u9fff])"
)
# A site name glued by a hyphen to the end of a <title> that is the headline otherwise
# ("Headline-Xinhua"): a capitalised name.
GLUED_SITE_AFFIX_RE = re.compile(r"^-(?P<name>[A-Z][\w.&' ]{1,40})$")
# Paths of a site's home page, for logo headings ("<h1><a href='/'>Site</a></h1>").
HOME_PATHS: frozenset[str] = frozenset({"", "index.html", "index.htm", "index.php", "home"})
LANGUAGE_HOME_RE = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2})?$", re.IGNORECASE)
# Parts of an h1 that are not the headline: a kicker ("Klimaschutz:" over the headline), a
# screen-reader separator, a date. Class substrings, casefolded.
H1_KICKER_TOKENS: tuple[str, ...] = (
    "kicker",
    "toptitle",
    "topline",
    "dachzeile",
    "overline",
    "roofline",
    "supertitle",
    "subheadline",
    "eyebrow",
    "rubric",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "date",
    "spitzmarke",
    "category",
    "flag",
)
# Children of an h1 that hold the headline itself, when the h1 also holds a kicker.
H1_HEADLINE_TOKENS: tuple[str, ...] = ("title", "headline", "heading")
# Approximate-match threshold (token F1) for "the h1 is this title": tuned on trafilatura-eval,
# where 0.6 accepts h1s that differ from og:title by a kicker word or a suffix.
TITLE_MATCH_F1 = 0.6

# --- closing signatures --------------------------------------------------------------------
# "<p><b><i>Ann Lee</i></b></p>" as the last text of the article's container, after prose:
# the author signs under the text. Read only when no source names anyone. Emphasis is
# required: a bare last line is as often a place, a link label or a sign-off.
SIGNATURE_EMPHASIS_TAGS: frozenset[str] = frozenset({"strong", "b", "em", "i"})
# A Chinese article signed in brackets at the end of its last paragraph, right after a
# sentence end: "…举行。（张巨峰）", "…发展。（记者 胡晓蓉）", "…城！（评论员 罗博 萧海川）",
# "…。”（张三）". A closing quote counts only after a Chinese sentence mark: English prose
# ends '… win.” (Reuters)'.
# Text after it in its container is at most a label or an editor line ("图集", "责任编辑：张三").
SIGNATURE_AFTER_MAX_CHARS = 30
CJK_SENTENCE_ENDS = "。！？」』"
CJK_BRACKET_SIGNATURE_RE = re.compile(
    rf"(?:[{CJK_SENTENCE_ENDS}]|(?<=[。！？])”)\s*[（(]\s*(?P<names>[^（）()]{{2,30}}?)\s*[)）]$"
)
MAX_SIGNATURE_CHARS = 60
MIN_PROSE_CHARS = 150
SENTENCE_ENDS = '.!?"“”»)'
NOT_NAME_ENDS = "!?:"

# --- one-word authors made whole ----------------------------------------------------------
# A byline of a first name, initials or a user name ("Ann", "AL", "ann.lee") is completed from
# the page: by a heading that offers more of the same person's articles ("Mehr von Ann Lee",
# "More from Ann Lee"), when the heading's name opens with that first name; or by a person's
# name shown anywhere on the page that the user name, or the slug of the author page the byline
# links to ("/author/annlee/"), spells letter for letter, middle initials left out
# ("Ann Q. Lee" for "ann.lee").
MORE_FROM_HEADING_RE = re.compile(
    r"^\s*(?i:mehr|more|weitere\s+(?:artikel|beiträge|texte)|alle\s+(?:artikel|beiträge)"
    r"|more\s+(?:articles|posts|stories)|plus)\s+(?i:von|from|by|de)\s+(?P<name>.+?)\s*$"
)
MORE_FROM_HEADING_TAGS: tuple[str, ...] = ("h2", "h3", "h4", "h5", "h6")
# Capitalised words in a row, with initials ("Ann Q. Lee"): where a shown name may be.
SHOWN_NAME_RE = re.compile(
    r"(?<![\w.])[A-ZÀ-ÖØ-Þ](?:[^\W\d_]+(?:['’-][^\W\d_]+)*|\.)"
    r"(?:\s+[A-ZÀ-ÖØ-Þ](?:[^\W\d_]+(?:['’-][^\W\d_]+)*|\.))+"
)
# Words of a shown name (a middle initial is one of them).
SHOWN_NAME_WORDS = (2, 3)
# The letters a user name or slug must hold to be spelled out by a shown name: "al" or
# "jo" match too much.
MIN_SPELLED_KEY = 6

# --- copyright notices ---------------------------------------------------------------------
# Read only when no source names anyone: a person holding the notice signs the page (a
# personal site's owner). See parsers.metadata.signatures.
# A text that opens with the mark; a notice goes on with more marks ("© Copyright 2020"),
# years ("2006-2008", "2012-", "since 2010"), "by", then the holder up to the end of the text.
COPYRIGHT_MARK_RE = re.compile(r"^(?:[|•·/-]\s*)?(?:©|\([cC]\)|(?i:copyright\b))")
COPYRIGHT_NOTICE_RE = re.compile(
    r"^(?:[|•·/-]\s*)?(?:(?:©|\([cC]\)|(?i:copyright\b))\s*){1,3}"
    r"(?:(?i:since|seit|depuis)\s+)?(?:\d{4}(?:\s*[-–—]\s*(?:\d{4})?)?\s*,?\s*)?"
    r"(?:(?i:by|von|par|por)\s+)?(?P<holder>[^\d\s].*)$"
)
# A copyright holder signs a page as its author only when it is one person: two or three
# capitalised words ("© 2021 Ann Lee" on a personal site). An organisation holding it is the
# publisher, not the author. Articles open the name of a thing ("The Big Bone", "Un Equipo
# Adelante"); a holder with one of the organisation words, or a compound ending in one
# ("Landeshauptstadt", "Internetredaktion"), is an organisation ("© 2024 Axios Media",
# "© Kanton Bern", "© Example S.A.").
COPYRIGHT_PERSON_MAX_WORDS = 3
GRAMMATICAL_ARTICLES = frozenset(
    {"the", "a", "an", "der", "die", "das", "le", "la", "les", "el", "un", "una"}
)
COPYRIGHT_ORGANISATION_WORDS = frozenset(
    {
        "media",
        "medien",
        "group",
        "gruppe",
        "news",
        "nachrichten",
        "press",
        "presse",
        "verlag",
        "publishing",
        "publications",
        "magazine",
        "magazin",
        "zeitung",
        "times",
        "post",
        "daily",
        "journal",
        "tv",
        "radio",
        "rundfunk",
        "world",
        "forum",
        "globe",
        "sports",
        "sport",
        "entertainment",
        "productions",
        "studio",
        "studios",
        "team",
        "redaktion",
        "internetredaktion",
        "agentur",
        "agency",
        "company",
        "corporation",
        "network",
        "online",
        "digital",
        "solutions",
        "services",
        "shop",
        "store",
        "club",
        "amt",
        "stadt",
        "kanton",
        "landkreis",
        "gemeinde",
        "bundes",
        "nationen",
        "nations",
        "schule",
        "school",
        "college",
        "kirche",
        "church",
        "bistum",
        "erzbistum",
        "partei",
        "bund",
        "bundesamt",
        "handballbund",
        "riservata",
        "reserved",
        "rights",
        "copyright",
        "images",
        "photos",
        "foto",
        "fotos",
        "photo",
        "stock",
        "deutschland",
        "schweiz",
        "österreich",
        "international",
        "europe",
        "european",
        "coffee",
        "energy",
        "energie",
        "sa",
        "spa",
        "srl",
        "sl",
        "bv",
        "nv",
        "oy",
        "plc",
        "sarl",
        "sas",
    }
)
# Path segments of a site's author pages ("/author/ann-lee/", "/autoren/ann-lee",
# "/profile/annlee"): a link there, whose text is a person's name, names the author
# (`signatures.read_author_links`) on a page that names nobody else.
# fmt: off
AUTHOR_PATH_SEGMENTS: frozenset[str] = frozenset({
    "author", "authors", "autor", "autoren", "autorin", "auteur", "auteurs", "autore",
    "autores", "profile", "profiles", "staff", "writer", "writers",
    "reporter", "reporters", "journalist", "journalisten", "journalists", "redakteur",
    "redaktion", "contributor", "contributors", "by",
})
# fmt: on
# Where the holder ends: a sentence stop (not the dot of "e. V."), a separator, a year,
# "All rights reserved".
COPYRIGHT_HOLDER_END_RE = re.compile(
    r"(?<=\w\w\w)\.(?:\s|$)|\s*[|•·;,]\s*|\s[-–—/]\s|\s*\d{4}"
    r"|\s+(?i:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+los\s+derechos|powered\s+by|"
    r"design(?:ed)?\s+by|impressum|datenschutz|imprint|privacy)\b"
)

# --- breadcrumbs ---------------------------------------------------------------------------
# Steps of a breadcrumb trail that are never a section (casefolded): the home page's names, a
# "you are here" label, and the search and pager links some trails hold.
NOT_SECTION_STEPS: frozenset[str] = frozenset(
    {
        *("home", "homepage", "home page", "start", "startseite", "accueil", "inicio", "portada"),
        *("首页", "主页", "网站首页", "当前位置", "您的位置", "your location"),
        *("search", "suche", "next", "previous", "back", "more"),
        *("nächstes", "vorheriges", "zurück", "weiter", "mehr"),
    }
)
