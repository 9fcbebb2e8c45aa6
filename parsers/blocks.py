"""Stage 4c: the chosen content elements -> ordered `Block`s and `Image`s.

A walk in reading order. Headings, lists, quotes, code, data tables and figures become
blocks of their own; other block elements (p, div, section, td of layout tables) end the
current paragraph; `<br>` is a line break inside a paragraph (the line filter works on
lines), and two of them in a row end it. Images become FIGURE blocks; a short paragraph
right under an image becomes its caption when it is centred, named like a caption, shares
the image's element, or ends with a photo credit -- as CGTN-style and Chinese CMSs write
captions.

A figure block's text (what `text` shows of it) is its caption without the credit for
those guessed captions, and empty for a <figure>'s own <figcaption> unless
`ExtractOptions.captions_in_text`: the markup says it is a caption, which belongs to
the image (`Article.images`, Markdown), not to the prose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from parsers import images
from parsers.article import Block, BlockKind, Image
from parsers.options import ExtractOptions
from parsers.rules import captions as caption_rules
from parsers.textutil import BLOCK_TAGS, LINE_BREAK, collapse, tag_of, text_lines

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A table is laid out (walked as a container) rather than data when a cell holds more
# than this many characters or a nested table.
_LAYOUT_CELL_CHARS = 400


@dataclass(slots=True)
class _Piece:
    block: Block
    caption_hint: bool = False  # centred, caption-named, or in the same element as an image
    figcaption: bool = False  # a <figure> with its caption: text only by captions_in_text


class _Walker:
    def __init__(self, base_url: str, options: ExtractOptions) -> None:
        self.base_url = base_url
        self.options = options
        self.pieces: list[_Piece] = []
        self.buffer: list[str] = []
        self.hints: list[bool] = [False]  # caption hint of each open block element
        self.owner: int | None = None  # id() of the innermost open block element
        self.figure_owner: int | None = None  # id() of the block element of the last image

    def walk(self, el: Any) -> None:
        tag = tag_of(el)
        handler = _HANDLERS.get(tag)
        if handler is not None and handler(self, el):
            return
        if tag == "br":
            self.buffer.append(LINE_BREAK)
        if tag in BLOCK_TAGS:
            self._container(el)
            return
        if el.text:
            self.buffer.append(el.text)
        self._children(el)

    def _container(self, el: Any) -> None:
        self.flush()
        self.hints.append(self.hints[-1] or images.caption_like(el))
        owner, self.owner = self.owner, id(el)
        if el.text:
            self.buffer.append(el.text)
        self._children(el)
        self.flush()
        self.hints.pop()
        self.owner = owner

    def _children(self, el: Any) -> None:
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)

    def flush(self) -> None:
        """The buffered text as paragraphs: a blank line ("<br><br>") between two texts
        ends a paragraph, as on sites that write their articles without <p>."""
        lines = [collapse(line) for line in "".join(self.buffer).split(LINE_BREAK)]
        self.buffer.clear()
        hint = self.hints[-1] or self.figure_owner == self.owner
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line:
                paragraph.append(line)
            elif paragraph:
                self.add(Block(BlockKind.PARAGRAPH, "\n".join(paragraph)), hint)
                paragraph = []

    def add(self, block: Block, hint: bool = False) -> None:
        self.pieces.append(_Piece(block, hint))


def _heading(w: _Walker, el: Any) -> bool:
    w.flush()
    text = collapse(el.text_content())
    if text:
        w.add(Block(BlockKind.HEADING, text, level=_HEADINGS[tag_of(el)]))
    return True


def _list(w: _Walker, el: Any) -> bool:
    items = tuple(t for t in (collapse(li.text_content()) for li in el if tag_of(li) == "li") if t)
    if not items or el.find(".//img") is not None:
        return False  # lists of images, or of no <li>, are walked as containers
    w.flush()
    w.add(Block(BlockKind.LIST, "\n".join(items), items=items))
    return True


def _quote(w: _Walker, el: Any) -> bool:
    w.flush()
    text = "\n".join(text_lines(el))
    if text:
        w.add(Block(BlockKind.QUOTE, text))
    return True


def _code(w: _Walker, el: Any) -> bool:
    w.flush()
    text = el.text_content().strip("\n")
    if text.strip():
        w.add(Block(BlockKind.CODE, text))
    return True


def _table(w: _Walker, el: Any) -> bool:
    if el.find(".//table") is not None:
        return False
    rows = tuple(
        cells
        for cells in (
            tuple(collapse(c.text_content()) for c in tr if tag_of(c) in ("td", "th"))
            for tr in el.iter("tr")
        )
        if any(cells)
    )
    if not rows or any(len(c) > _LAYOUT_CELL_CHARS for r in rows for c in r):
        return False
    if len(rows) == 1 or max(len(r) for r in rows) == 1:
        return False  # one row or one column: layout, read as paragraphs
    w.flush()
    if w.options.include_tables:
        text = "\n".join("\t".join(r) for r in rows)
        w.add(Block(BlockKind.TABLE, text, rows=rows))
    return True


def _image(w: _Walker, el: Any) -> bool:
    if not w.options.include_images:
        return True
    image = images.image_from(el, w.base_url)
    if image is None:
        return True
    w.flush()
    w.add(Block(BlockKind.FIGURE, "", image=image))
    w.figure_owner = w.owner
    return True


def _figure(w: _Walker, el: Any) -> bool:
    imgs = list(el.iter("img"))
    if not imgs:
        return False
    caption = " ".join(" ".join(text_lines(c)) for c in el.iter("figcaption"))
    if not caption:
        caption = " ".join(text_lines(el))
    for img in imgs:
        _image(w, img)
    last = w.pieces[-1] if w.pieces else None
    if caption and last is not None and last.block.image is not None:
        image = images.with_caption(last.block.image, caption)
        last.block = replace(last.block, image=image)
        last.figcaption = True
    w.figure_owner = None
    return True


_HANDLERS = {
    **dict.fromkeys(_HEADINGS, _heading),
    "ul": _list,
    "ol": _list,
    "blockquote": _quote,
    "pre": _code,
    "table": _table,
    "img": _image,
    "figure": _figure,
}


def to_blocks(
    elements: Iterable[Any], base_url: str, options: ExtractOptions
) -> tuple[list[Block], list[Image]]:
    """Blocks of the content elements, in order, and the images among them."""
    walker = _Walker(base_url, options)
    for el in elements:
        walker.walk(el)
        walker.flush()
    pieces = _attach_captions(walker.pieces)
    blocks = [
        p.block if p.figcaption and not options.captions_in_text else _figure_text(p.block)
        for p in pieces
    ]
    found = [b.image for b in blocks if b.image is not None]
    return blocks, found


def _attach_captions(pieces: list[_Piece]) -> list[_Piece]:
    """A caption-like paragraph right under a captionless figure becomes its caption."""
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1].block if out else None
        open_figure = prev is not None and prev.image is not None and prev.image.caption is None
        if open_figure and prev is not None and prev.image is not None and _is_caption(piece):
            out[-1].block = replace(prev, image=images.with_caption(prev.image, piece.block.text))
            continue
        out.append(piece)
    return out


def _is_caption(piece: _Piece) -> bool:
    block = piece.block
    if block.kind is not BlockKind.PARAGRAPH or len(block.text) > caption_rules.CAPTION_MAX_CHARS:
        return False
    return piece.caption_hint or images.has_credit(block.text)


def _figure_text(block: Block) -> Block:
    """A figure's text is its caption, without the credit."""
    if block.image is None or not block.image.caption:
        return block
    return replace(block, text=block.image.caption)
