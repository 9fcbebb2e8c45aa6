"""Image captions and photo credits.

Chinese and CGTN-style CMSs put the caption in a short centred paragraph right under the
image instead of a <figcaption>; the credit ends the caption in brackets or after a
"Photo:" label (BOILERPLATE.md: credits belong to the image, not to the body).
"""

from __future__ import annotations

import re

# Attributes that hold the real image URL on lazy-loading pages, best first.
LAZY_SRC_ATTRS = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "data-actualsrc",
    "data-echo",
    "data-lazy",
    "src",
)
LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")

# An <img> named (class or id) as a watermark laid over the photo, the site's logo
# ("article-img__watermark-wpolityce"): no picture of the article. (Not "logo" alone: SPIP
# names an article's own illustration "spip_logo".)
DECORATIVE_IMG_NAMES = re.compile(r"watermark", re.I)

# Placeholders that lazy-loaders put in `src` until the real image loads.
PLACEHOLDER_SRC = re.compile(
    r"^data:|blank\.(gif|png)|spacer\.gif|placeholder|loading\.gif|"
    r"grey\.gif|pixel\.(gif|png)|1x1",
    re.I,
)

# A paragraph under an image is its caption when it is this short (characters) ...
CAPTION_MAX_CHARS = 300
# ... and centred, or named like a caption, or ends with a credit.
CENTRED_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
CAPTION_CLASS = re.compile(
    r"caption|pic-?(?:info|desc|txt|title)|img-?(?:desc|txt|info)|"
    r"photo-?(?:desc|info|txt)|figure-?desc|imgtxt|pictext|tuzhu|"
    r"wp-caption-text|image-?(?:caption|desc)|credit",
    re.I,
)

# Credits that end a caption. Group "credit" is what `Image.credit` keeps: the label and
# name without the brackets ("Photo/Yuxinou", "Foto: dpa", "图/新华社").
_LABEL = (
    r"(?:photos?|images?|pictures?|pic|foto|fotos|bild|bilder|quelle|source|credit|"
    r"photograph|crédito|credito|fuente|kuva|zdjęcie|źródło|"
    r"courtesy|video|graphic|grafik|图|图片|摄影|图源|图片来源|视频)"
)
CREDIT_PATTERNS: tuple[re.Pattern[str], ...] = (
    # "(Photo/Chongqing Academy of Social Sciences)", "（图/新华社）", "(Photo: AFP)"
    re.compile(
        rf"\s*[(（\[]\s*(?P<credit>{_LABEL}\s*[/:：]\s*[^()（）\[\]]{{1,80}}?)\s*[)）\]]\s*$", re.I
    ),
    # "... Foto: dpa", "... Credit: Getty Images", "... 图/新华社", "... Photo by Jane Doe"
    re.compile(
        rf"(?:^|(?<=[.。!?！？)）\s]))\s*(?P<credit>(?:{_LABEL}\s*[/:：]|photo(?:graph)? by|"
        rf"courtesy of)\s*[^.。:：]{{1,60}}?)\s*\.?$",
        re.I,
    ),
    # "... festlegt © Bundesregierung/Jane Doe": a copyright sign starts the credit
    re.compile(r"\s*(?P<credit>©\s*[^©]{1,80}?)\s*$"),
    # "新华社记者 张三 摄"
    re.compile(r"[（(]?\s*(?P<credit>[\u4e00-\u9fff·\s]{2,20}摄)\s*[）)]?\s*$"),
    # "共享充电宝。视觉中国 资料", "... 新华社发", "... 东方IC": a picture agency after the
    # caption's last sentence
    re.compile(
        r"(?<=[。！？.!?])\s*(?P<credit>(?:视觉中国|东方IC|图虫创意|人民视觉|IC ?photo|新华社|"
        r"中新社|澎湃影像)(?:\s*(?:资料图?|供图|发|图))?)\s*$",
        re.I,
    ),
)

# A caption that is nothing but a credit: the credit line of a figure whose caption is
# elsewhere or absent. Its whole text becomes `Image.credit` and nothing of it is body
# text. Short (at most CREDIT_ONLY_MAX_WORDS words) and one of: a credit label first
# ("Foto: dpa", "Photograph by ..."), "Agency/Photographer" ("AFP / Jane Doe"), or a
# picture agency's name alone ("Getty Images", "iStock.com").
CREDIT_ONLY_MAX_WORDS = 7
_AGENCY = (
    r"(?:getty ?images|shutterstock|istock(?:photo)?|adobe ?stock|stock\.adobe|imago|"
    r"picture[ -]alliance|dpa|afp|reuters|ap photo|epa|keystone|clipdealer|unsplash|"
    r"pixabay|pexels|fotolia|depositphotos|123rf|alamy|colourbox|xinhua|新华社|视觉中国)"
)
_NAME = r"[A-ZÀ-ÖØ-Þ][\w.&'-]*"  # a capitalised word of a name
# A picture agency's name alone, optionally after a photographer: "Getty Images", "AFP/X".
PICTURE_AGENCY_ONLY = re.compile(rf"^[(（]?\s*(?:[\w.-]+ ?/ ?)?{_AGENCY}(?:\.com)?\s*[)）]?$", re.I)
CREDIT_ONLY: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^[(（\[]?\s*(?:©|\(c\)|{_LABEL}\s*(?:[/:：]|by|via\b))", re.I),
    re.compile(rf"^[(（]?{_NAME}(?: {_NAME}){{0,3}} ?/ ?{_NAME}(?: {_NAME}){{0,3}}[)）]?$"),
    PICTURE_AGENCY_ONLY,
)
# A bracketed group that ends a caption: its credit when the group is a credit by
# CREDIT_ONLY ("... im Winter (Jane Doe / iStock.com)").
TRAILING_GROUP = re.compile(r"\s*[(（\[]\s*(?P<credit>[^()（）\[\]]{1,80}?)\s*[)）\]]\s*$")
