"""Tuned numbers of the content selector (`parsers.content`, `parsers.select`).

Tuned on ../shared/devdata with ../shared/eval/score.py (--tokenizer auto); re-run the
full score after changing any of them.
"""

from __future__ import annotations

# A text node shorter than this (characters) does not count as a paragraph when scoring
# (Readability's 25). CJK text is denser: a Chinese sentence of 12 characters says as
# much as an English one of 25, so CJK-heavy paragraphs use the smaller bar.
MIN_PARAGRAPH_CHARS = 25
MIN_PARAGRAPH_CHARS_CJK = 12

# Paragraph score: 1 + commas + one point per this many characters, at most MAX points.
CHARS_PER_POINT = 100
CHARS_PER_POINT_CJK = 50
MAX_LENGTH_POINTS = 3.0

# How far up a paragraph's score is spread: the parent gets it all, the grandparent half,
# deeper ancestors 1/(3*level) (Readability).
SCORE_LEVELS = 5

# Siblings of the top candidate join the article when their score reaches this share of
# the top score (Readability's 0.2), or at least SIBLING_MIN_SCORE.
SIBLING_SHARE = 0.2
SIBLING_MIN_SCORE = 10.0

# Candidates scoring at least this share of the best are its rivals; when MIN_RIVALS of
# them sit under one ancestor of the best, that ancestor is the body: it is split over
# several containers (Readability's alternative candidates, same numbers).
PARENT_SHARE = 0.75
MIN_RIVALS = 3
# Then the best moves up to an ancestor that scores higher than the node below it, looking
# up while ancestors score at least PARENT_FLOOR of the best (Readability's 1/3) and
# moving only to one with PARENT_MIN_SHARE of it. Tried on devdata: without the share,
# wceb/readability +0.005 but wceb/cleanportaleval -0.002 (BBC wrappers with teasers).
PARENT_FLOOR = 1 / 3
PARENT_MIN_SHARE = 0.5

# Link density above which a block inside the body is chrome (link lists, tag clouds).
# Balanced / precision / recall.
MAX_LINK_DENSITY = 0.5
MAX_LINK_DENSITY_PRECISION = 0.33
MAX_LINK_DENSITY_RECALL = 0.66

# Conditional cleaning inside the body: containers with less text than this (characters)
# and some chrome signal are dropped.
SHORT_BLOCK_CHARS = 25

# Retry ladder (`parsers.content`): a body shorter than this (characters) is suspect and
# the extraction runs again with fewer prune rules; a retry replaces it when its body is
# RETRY_GAIN times longer and at least RETRY_MIN_GAIN_CHARS long. Readability retries
# below 500 characters; tuned on devdata (see the commit that set them).
RETRY_BELOW_CHARS = 500
RETRY_GAIN = 2.0
RETRY_MIN_GAIN_CHARS = 200
# The JSON-LD articleBody replaces a body of RETRY_BELOW_CHARS or more only when it is this
# many times longer (the page shows a teaser; `parsers.content`). Below RETRY_BELOW_CHARS,
# RETRY_GAIN is enough.
STRUCTURED_BODY_GAIN = 3.0

# Known body containers (`tokens.BODY_CONTAINERS`) against the scored choice: one needs
# this much prose (text outside links, characters) and at most this link density to
# count; it replaces a choice it holds when what it adds around the choice has at most
# KNOWN_BODY_ADDED_DENSITY (prose missed, not related-link lists: on devdata the pages it
# won added text of density <= 0.1, those it lost 0.2-0.5), or one it does not hold when
# it has KNOWN_BODY_GAIN times the choice's prose.
KNOWN_BODY_MIN_CHARS = 200
KNOWN_BODY_MAX_DENSITY = 0.33
KNOWN_BODY_GAIN = 1.5
KNOWN_BODY_ADDED_DENSITY = 0.15

# A body split over boxes of one class (paragraph groups between ad slots, page-builder
# rows of text widgets): candidates with the top's exact class attribute and at least
# SPLIT_SHARE of its score are parts of it, and the top climbs to the nearest ancestor,
# at most SPLIT_LEVELS up, holding them all. Page builders (WPBakery, Elementor) nest each
# text widget four deep in its row; raised from 3 on devdata (trafilatura-eval +0.001,
# wceb/readability +0.002). A body in SPLIT_MANY_PARTS parts or more climbs one level more:
# TYPO3 nests each text element five deep (outer > container > row > textpic > text); two
# devdata pages gained half their article. One far box of the class is not enough there:
# it is as often the next story of a feed.
SPLIT_SHARE = 0.5
SPLIT_LEVELS = 5
SPLIT_MANY_PARTS = 4
# ... and prose boxes of the same first class token ("story-body story-body-2") in the
# same <article>, with this much text, at most this link density and this share of the
# top's score: the later parts of a long read (section breaks, "story-body-1/-2").
SPLIT_PROSE_SHARE = 0.1
SPLIT_PROSE_CHARS = 200
SPLIT_PROSE_DENSITY = 0.2

# A lead box outside the chosen body joins it with this much text (characters: below,
# a kicker or label; above, a teaser block) and at most this link density.
LEAD_MIN_CHARS = 60
LEAD_MAX_CHARS = 1200
LEAD_MAX_DENSITY = 0.2

# The top candidate needs this much text (characters): a box named like content scores
# CLASS_WEIGHT with one short line in it (a programme hint, a date).
TOP_MIN_CHARS = 100

# The standfirst above the body is found by the first this-many characters of the page's
# summary (meta description, whitespace collapsed); shorter summaries are not looked for.
# It joins with the lead box's size and density limits above.
STANDFIRST_KEY_CHARS = 40
