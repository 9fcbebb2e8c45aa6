"""Stage 4: the article body.

Sub-stages, in order:
  a. licences  (parsers.linefilter)  licence and filing numbers from the whole page text,
                                      read before pruning since footers are pruned
  b. prune     (parsers.prune)       scripts, hidden nodes, nav, share rows, consent, ...
  c. select    (parsers.select)      the main content elements
  d. refine    (parsers.refine)      chrome-looking containers inside the content
  e. blocks    (parsers.blocks)      ordered blocks, figures with captions and credits
  f. lines     (parsers.linefilter)  boilerplate lines that survived, headline, byline

The tree is changed in place; `extract` does not use it afterwards.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import lxml.html

from parsers import blocks as blocks_stage
from parsers import linefilter, prune, refine, select
from parsers.article import Block, BlockKind, Image, Licence, Removed
from parsers.metadata import Metadata
from parsers.options import ExtractOptions
from parsers.serialize import blocks_to_text

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class Body:
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    licences: list[Licence] = field(default_factory=list)

    @property
    def text(self) -> str:
        return blocks_to_text(self.blocks)


def extract_body(
    doc: lxml.html.HtmlElement, url: str, meta: Metadata, options: ExtractOptions
) -> Body:
    body = Body(licences=linefilter.find_licences(_page_text(doc)))
    body.removed = prune.prune(doc, options)
    elements, stats = select.select_content(doc, options)
    body.removed += refine.refine(elements, stats, options)
    blocks, _ = blocks_stage.to_blocks(elements, url, options)
    ctx = linefilter.LineContext(
        title=meta.title,
        byline_texts=meta.byline_texts,
        extra=tuple(re.compile(p) for p in options.site_rules.boilerplate_lines),
    )
    body.blocks, dropped = linefilter.filter_blocks(blocks, ctx)
    body.removed += dropped
    body.images = [b.image for b in body.blocks if b.kind is BlockKind.FIGURE and b.image]
    logger.debug("%s: %d blocks, %d removed", url, len(body.blocks), len(body.removed))
    return body


def _page_text(doc: lxml.html.HtmlElement) -> str:
    """The page's text with line breaks between blocks, for the licence scan."""
    body = doc.find("body")
    root = body if body is not None else doc
    return "\n".join(str(t) for t in root.itertext())
