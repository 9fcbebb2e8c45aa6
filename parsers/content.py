"""Stage 4: the article body.

FIRST VERSION (placeholder until the content engine lands): every <p> in the page.
The contract (`Body`, `extract_body`) is final.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from parsers.article import Block, BlockKind, Image, Licence, Removed
from parsers.metadata import Metadata
from parsers.options import ExtractOptions
from parsers.serialize import blocks_to_text


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
    body = Body()
    for p in doc.iter("p"):
        text = " ".join(p.text_content().split())
        if text:
            body.blocks.append(Block(BlockKind.PARAGRAPH, text))
    return body
