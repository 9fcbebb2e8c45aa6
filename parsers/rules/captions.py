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
    # "新华社记者 张三 摄"
    re.compile(r"[（(]?\s*(?P<credit>[\u4e00-\u9fff·\s]{2,20}摄)\s*[）)]?\s*$"),
)
