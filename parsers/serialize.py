"""Blocks -> plain text and Markdown."""

from __future__ import annotations

from collections.abc import Iterable

from parsers.article import Block, BlockKind


def blocks_to_text(blocks: Iterable[Block]) -> str:
    """Plain text: one block per paragraph, paragraphs separated by one blank line.

    Figures contribute their caption only when it is in the body text flow.
    """
    parts: list[str] = []
    for block in blocks:
        if block.kind is BlockKind.LIST:
            parts.append("\n".join(block.items))
        elif block.kind is BlockKind.TABLE:
            parts.append("\n".join("\t".join(row) for row in block.rows))
        elif block.text:
            parts.append(block.text)
    return "\n\n".join(p for p in parts if p)


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            parts.append("#" * max(1, min(block.level or 2, 6)) + " " + block.text)
        elif block.kind is BlockKind.LIST:
            parts.append("\n".join(f"- {item}" for item in block.items))
        elif block.kind is BlockKind.QUOTE:
            parts.append("\n".join(f"> {line}" for line in block.text.splitlines()))
        elif block.kind is BlockKind.CODE:
            parts.append(f"```\n{block.text}\n```")
        elif block.kind is BlockKind.TABLE and block.rows:
            parts.append(_table_markdown(block.rows))
        elif block.kind is BlockKind.FIGURE and block.image is not None:
            alt = (block.image.alt or "").replace("]", "")
            figure = f"![{alt}]({block.image.url})"
            caption = block.text or block.image.caption
            parts.append(f"{figure}\n\n*{caption}*" if caption else figure)
        elif block.text:
            parts.append(block.text)
    return "\n\n".join(parts)


def _table_markdown(rows: tuple[tuple[str, ...], ...]) -> str:
    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(c.replace("|", "\\|") for c in padded[0]) + " |"]
    lines.append("|" + " --- |" * width)
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in padded[1:]]
    return "\n".join(lines)
