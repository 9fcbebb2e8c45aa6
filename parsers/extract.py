"""The extraction pipeline: bytes + URL -> Article.

Stages, in this order (each is a module of its own):
  1. decode   (parsers.decode)    bytes -> str, using HTTP charset, BOM, meta charset, detection
  2. parse    (parsers.tree)      str -> lxml tree, tolerant of broken markup
  3. metadata (parsers.metadata)  title, authors, dates, ... from the whole, unpruned tree
  4. body     (parsers.content)   prune, choose the main content, serialize to blocks,
                                  filter boilerplate lines
  5. language (parsers.language)  declared language, checked against the body text

`extract` never raises on bad input: expected outcomes are an `ExtractionStatus`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from parsers import content, decode, language, metadata, tree
from parsers.article import Article, ExtractionStatus, SiteInfo
from parsers.options import DEFAULT_OPTIONS, ExtractOptions

logger = logging.getLogger(__name__)


def extract(
    html: bytes | str,
    url: str,
    *,
    headers: Mapping[str, str] | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Article:
    """Extract the article from one page. Never raises for any input bytes."""
    try:
        return _extract(html, url, headers, options)
    except RecursionError:
        logger.warning("Extraction of %s gave up: the document is nested too deeply", url)
        return Article(url=url, extraction_status=ExtractionStatus.NO_CONTENT)


def _extract(
    html: bytes | str, url: str, headers: Mapping[str, str] | None, options: ExtractOptions
) -> Article:
    page = decode.decode_html(html, headers)
    if not page.text.strip():
        return Article(url=url, encoding=page.encoding, extraction_status=ExtractionStatus.EMPTY)
    if not decode.looks_like_html(page.text, headers):
        return Article(url=url, encoding=page.encoding, extraction_status=ExtractionStatus.NOT_HTML)
    doc = tree.parse_html(page.text)
    if doc is None:
        return Article(url=url, encoding=page.encoding, extraction_status=ExtractionStatus.EMPTY)

    text = tree.body_text(doc)
    meta = metadata.extract_metadata(doc, url, options, tree.shown_text(doc, text))
    body = content.extract_body(doc, url, meta, options, page.text, text)
    article = Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=meta.title,
        authors=list(meta.authors),
        published=meta.published,
        modified=meta.modified,
        section=meta.section,
        tags=list(meta.tags),
        description=meta.description,
        text=body.text,
        blocks=list(body.blocks),
        images=list(body.images),
        source=meta.source,
        editor=meta.editor,
        site=SiteInfo(name=meta.site_name, licences=list(body.licences)),
        field_sources=dict(meta.field_sources),
        boilerplate_removed=list(body.removed),
        encoding=page.encoding,
    )
    if body.text_source:
        article.field_sources["text"] = body.text_source
    article.language, lang_source = language.choose_language(meta.language, body.text)
    if lang_source:
        article.field_sources["language"] = lang_source
    article.extraction_status = _status(article, options)
    return article


def _status(article: Article, options: ExtractOptions) -> ExtractionStatus:
    if not article.text:
        return ExtractionStatus.NO_CONTENT
    if len(article.text) < options.min_text_length:
        return ExtractionStatus.TOO_SHORT
    return ExtractionStatus.OK
