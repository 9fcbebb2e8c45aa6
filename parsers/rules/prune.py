"""What the prune stage removes before the content selector runs.

Order matters: tags and hidden nodes first (never text a reader sees), then ARIA roles and
consent-platform containers (unambiguous), then class/id tokens (need guards, see
`PROTECT`). Every rule maps to the `Removed.kind` it reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# Tags that never hold article text. Their text (scripts, styles) is not visible, so
# they are dropped without a `Removed` record.
SILENT_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "link",
        "meta",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "head",
        "title",
        "input",
        "select",
        "textarea",
        "option",
        "datalist",
        "dialog",
        # ruby annotations: the reading printed over the characters, not text of its own
        "rt",
        "rp",
    }
)

# A <noscript> with this much text is walked like any container: it is the page itself
# (an unclosed <noscript> at the top of <body> swallows everything after it in lxml, as
# on a devdata page), not a "please enable JavaScript" note or a tracking pixel.
NOSCRIPT_PAGE_CHARS = 1000

# Tags that are chrome by their HTML5 meaning, with the kind they report. `header` is not
# here: inside <article> it holds the headline and standfirst, kept or dropped later.
CHROME_TAGS: Mapping[str, str] = MappingProxyType(
    {"nav": "nav", "footer": "footer", "aside": "sidebar", "menu": "nav", "button": "nav"}
)

# ARIA landmark roles of chrome.
ROLE_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "navigation": "nav",
        "menu": "nav",
        "menubar": "nav",
        "search": "nav",
        "contentinfo": "footer",
        "complementary": "sidebar",
        "banner": "header",
        "alertdialog": "consent",
    }
)

# Class tokens of boxes that stylesheets hide until a script opens them: Bootstrap's
# `modal` dialog (display: none until `.show`/`.in`); author prompts, share pickers and
# sign-up forms sit in them, after the article and inside its container. Removed
# whatever their length (not guarded by HIDDEN_MAX_CHARS: a modal is never a collapsed tab).
# Popup plugins likewise.
HIDDEN_CLASSES = frozenset(
    {
        "modal",
        # popup plugins: Popup Maker (WordPress), Magnific Popup -- a closed overlay,
        # often a whole other page of text. Not the bare words "popup" and "lightbox":
        # links around images and whole pages carry them on devdata.
        "pum-overlay",
        "popmake",
        "mfp-hide",
    }
)
# AMP `layout` values of elements never displayed until an action opens them (lightbox
# galleries of a whole site section's captions, "learn more" sheets), removed likewise.
HIDDEN_LAYOUTS = frozenset({"nodisplay"})

# Hidden by inline style: readers never see it (BOILERPLATE.md: "hidden nodes").
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

# Consent platforms and WordPress plugins (BOILERPLATE.md, "Cookie and consent notices"):
# server-rendered plugins, then the JavaScript platforms whose containers appear in
# rendered or saved pages. Checked by id/class set lookups during the prune walk (one
# CSS union over the tree cost more than the rest of the stage).
CONSENT_IDS = frozenset(
    {
        "cookie-notice",
        "cookie-law-info-bar",
        "BorlabsCookieBox",
        "onetrust-consent-sdk",
        "onetrust-banner-sdk",
        "CybotCookiebotDialog",
        "usercentrics-root",
        "didomi-host",
        "qc-cmp2-container",
        "truste-consent-track",
        "cmpbox",
        "iubenda-cs-banner",
        "gdpr-consent",
        "cookie-banner",
        "cookieConsent",
    }
)
CONSENT_ID_PREFIXES = ("sp_message_container_",)  # Sourcepoint
CONSENT_CLASSES = frozenset(
    {
        "cky-consent-container",
        "cmplz-cookiebanner",
        "cc-window",
        "klaro",
        "cookie-banner",
        "cookie-consent",
        "cookie-notice",
    }
)

# Class/id tokens of chrome, most specific first; the first match names the kind.
# Matched on the lower-cased "class id" string. Anchored with [-_ ] or ^/$ where a bare
# substring would hit prose containers ("ad" in "header", "nav" in "canvas").
TOKEN_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"cookie|consent|gdpr|cmp-?banner"), "consent"),
    (re.compile(r"comment|disqus|replies|discuss|评论|pinglun"), "comments"),
    # video player controls (Video.js, JW Player, MediaElement, Plyr) and embedded
    # galleries and slideshows of other stories' pictures
    (re.compile(r"(^|\s)(video-js|vjs-[\w-]+|jw-[\w-]+|mejs-[\w-]+|plyr[\w-]*)(\s|$)"), "media"),
    (re.compile(r"(^|[-_ ])(gallery|slideshow|carousel)([-_ ]|$)"), "gallery"),
    (re.compile(r"share|social|sharing|sns|bdsharebuttonbox|jiathis|fenxiang"), "share"),
    (
        re.compile(
            r"breadcrumb|crumbs|(^|[-_ ])(nav|navbar|menu|topbar|subnav)([-_ ]|$)|"
            r"navigation|mainmenu|daohang|(^|\s)(position|location)(\s|$)"
        ),
        "nav",
    ),
    (
        re.compile(
            r"related|recommend|most-?read|most-?popular|popular|trending|"
            r"read-?more|more-?stories|tuijian|xiangguan|hot-?news|ranking|"
            r"(^|[-_ ])(hot|rank)([-_ ]|$)"
        ),
        "related",
    ),
    (re.compile(r"newsletter|subscribe|signup|sign-up|abonn"), "newsletter"),
    # the box about the author under the article: picture, bio, links to their profiles
    (
        re.compile(
            r"author-?box|author-?bio|about-?(?:the-?)?author|author-?description|"
            r"author-?card|bio-?box|autoren-?box|autor-?box"
        ),
        "author_bio",
    ),
    (
        re.compile(
            r"(^|[-_ ])(ads?|advert\w*|adv|adsbygoogle|sponsor\w*|promo\w*|"
            r"banner-?ad|dfp|taboola|outbrain|plista)([-_ ]|$)|google_ads|ad-?slot|"
            r"adwrap|ad-?container|guanggao"
        ),
        "ads",
    ),
    (
        re.compile(
            r"(^|[-_ ])(prev|next|pager|pagination|paging)([-_ ]|$)|prev-?next|"
            r"post-?navigation"
        ),
        "nav",
    ),
    (
        re.compile(
            r"(^|[-_ ])(footer|foot|site-?footer|copyright|bottom)([-_ ]|$)|"
            r"footer"
        ),
        "footer",
    ),
    (re.compile(r"sidebar|side-?bar|(^|[-_ ])(aside|side|rail|right|sidebox)([-_ ]|$)"), "sidebar"),
    (
        re.compile(r"(^|[-_ ])(masthead|site-?header|top-?bar|header|toolbar|tools?)([-_ ]|$)"),
        "header",
    ),
    (
        re.compile(
            r"(^|[-_ ])(tags?|keywords|tag-?list|categories|cat-links|print|skip-?link|sr-only|"
            r"visually-?hidden|screen-?reader-?text|hidden|hide)([-_ ]|$)"
        ),
        "chrome",
    ),
)

# CSS-framework utility classes say how a box looks, not what it is: "margin-bottom",
# "pull-right", "hidden-xs" (hidden on phones only), "text-right", "col-md-8". They are
# left out before TOKEN_KINDS is matched; devdata pages wrap whole articles in
# "... margin-bottom" and "mosaic-position-leftmost" boxes.
_BREAKPOINT = r"(?:-(?:xs|sm|md|lg|xl|xxl))?"
UTILITY_CLASS = re.compile(
    rf"^(?:(?:margin|padding|border|rounded|text|float|pull|push|align|justify){_BREAKPOINT}"
    r"-(?:top|bottom|left|right|start|end|center)|"
    rf"(?:[mp][trblxyse]?|col|offset|order|gap|w|h){_BREAKPOINT}-(?:\d+|auto)|"
    rf"(?:d|hidden|visible){_BREAKPOINT}-(?:xs|sm|md|lg|xl|xxl|print|none|block|inline|flex)|"
    r"position-(?:absolute|relative|fixed|sticky|static)|[\w-]+-position-[\w-]+)$"
)

# Token kinds removed however long the box is: player controls and galleries are never
# prose, and a gallery's fifty captions are long (see TOKEN_MAX_CHARS).
UNGUARDED_TOKEN_KINDS = frozenset({"comments", "media", "gallery"})

# Token kinds that the retry passes keep applying (`parsers.content`): a box named
# "cookie"/"gdpr" or "comments" is that, whatever it wraps, and being long text it
# would win the retry over a short article (a cookie-settings modal did on devdata/de).
SURE_TOKEN_KINDS = frozenset({"consent"})

# A token-matched node is kept when its name also says "body": "article-body-comments-
# off", "main-content-with-sidebar". Readability's "maybe candidate" guard.
PROTECT = re.compile(
    r"article-?body|articlebody|post-?body|entry-?content|post-?content|article-?content|"
    r"story-?body|main-?content|(^|[-_ ])(content|article|main|text|body)([-_ ]|$)|正文"
)

# Token rules do not apply to these: the page skeleton and the markup of text itself.
TOKEN_EXEMPT_TAGS = frozenset(
    {
        "html",
        "body",
        "article",
        "main",
        "p",
        "a",
        "span",
        "strong",
        "em",
        "b",
        "i",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "img",
        "figure",
        "figcaption",
        "picture",
        "source",
        "blockquote",
        "pre",
        "code",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "br",
    }
)

# A token-matched node that holds this much text is more likely the article wrapped in
# an unlucky class name ("main-right", "con_left") than chrome; it is kept and left to
# the scorer. Set from devdata pages whose body sits in a "right"/"side" column.
TOKEN_MAX_CHARS = 2500
TOKEN_MAX_LINK_DENSITY = 0.4
# Hidden nodes with this much link-poor text are collapsed tabs or "read more" sections
# that the truth of devdata/de counts as content (bummfilm-style pages); shorter hidden
# nodes (closed dialogs, menus, consent boxes) are removed.
HIDDEN_MAX_CHARS = 600

# Consent text heuristic (BOILERPLATE.md: the smallest block holding a consent phrase,
# grown while it stays under about 1,500 characters, cleaned 27 of 31 German banner pages).
# SEED phrases start a search; every phrase counts towards the "several phrases" proof.
CONSENT_SEED = re.compile(
    r"we use cookies|this (?:web)?site uses cookies|uses cookies|by continuing to (?:browse|use)|"
    r"accept (?:all )?cookies|use of cookies|cookie (?:policy|settings|preferences|consent|notice)|"
    r"wir (?:verwenden|nutzen|setzen) cookies|(?:diese|unsere) (?:web)?(?:seite|site) "
    r"(?:verwendet|nutzt) cookies|cookie-?(?:einstellungen|richtlinie|hinweis)|"
    r"datenschutzeinstellungen|einsatz von cookies|使用\s?cookie|cookie\s?政策|接受所有",
    re.I,
)
# Words one of which every CONSENT_SEED match holds, for a cheap test first ("ookie" and
# "OOKIE" cover cookie, Cookie and COOKIE).
CONSENT_SEED_HINTS = ("ookie", "OOKIE", "Datenschutzeinstellungen", "接受所有")
CONSENT_PHRASES = re.compile(
    CONSENT_SEED.pattern + r"|i agree|accept|agree|alle akzeptieren|akzeptieren|zustimmen|"
    r"einverstanden|ablehnen|reject|decline|privacy (?:policy|statement)|datenschutz|"
    r"settings|einstellungen|同意|隐私政策",
    re.I,
)
# The grown block stays under this many characters (BOILERPLATE.md: "about 1,500").
CONSENT_MAX_CHARS = 1500
# Without a button or link inside, a block needs this many distinct phrases.
CONSENT_MIN_PHRASES = 3
# A phrase in a paragraph that has this many prose paragraphs (>= PROSE_CHARS) beside it
# is an article about cookies, not a banner.
CONSENT_PROSE_SIBLINGS = 2
CONSENT_PROSE_CHARS = 150
