"""clean_text on seed-like text: header, byline and footer boilerplate lines go."""

from __future__ import annotations

from parsers.clean import clean_text

TEXT = """Site Logo

A Bridge Opens Over the River | News

By JANE ROE|May 2,2024

The new bridge opened on Monday, linking the two halves of the city for the first time.

A view of the bridge at night. (Photo/City Press Office)

Officials said traffic would be light during the first week while tests continue.

Building a Better City

Internet illegal and undesirable information can be reported by calling: +86-10-1234567

京ICP备12345678号-1 互联网新闻信息服务许可证号:11120220001

I Agree
Our Privacy Statement & Cookie Policy

By continuing to browse our site you agree to our use of cookies.

For any inquiries, please email info@example.org

About UsContact Us

Leaving a message
"""


def test_clean_text_keeps_only_the_article() -> None:
    result = clean_text(TEXT)
    assert result.text.split("\n\n") == [
        "The new bridge opened on Monday, linking the two halves of the city for the first time.",
        "A view of the bridge at night. (Photo/City Press Office)",
        "Officials said traffic would be light during the first week while tests continue.",
    ]
    kinds = [r.kind for r in result.removed]
    assert kinds[:3] == ["header", "header", "byline"]
    assert {"icp_filing", "news_licence", "hotline", "consent", "contact", "footer"} <= set(kinds)


def test_clean_text_without_header_keeps_first_line() -> None:
    assert clean_text("One paragraph of text.\n\nAnother one.").text == (
        "One paragraph of text.\n\nAnother one."
    )


STATE_MEDIA = """Home | China | World | Business | Opinion
Economy grows in first quarter
By ANN LEE | example.com.cn | Updated: 2024-04-16 10:35
The economy grew 5.3 percent in the first quarter, the statistics bureau said on Tuesday.
Retail sales rose 4.7 percent, while investment increased 4.5 percent, the bureau said.
Related Stories
Exports rebound in March
Top
BACK TO THE TOP
English
Copyright 1995 - 2024. All rights reserved. The content (including but not limited to text, \
photo, multimedia information, etc) published in this site belongs to Example Daily \
Information Co (EDIC). Without written authorization from EDIC, such content shall not be \
republished or used in any form.
Note: Browsers with 1024*768 or higher resolution are suggested for this site.
License for publishing multimedia online 0108263
京ICP备13028878号-6
Follow Us
"""


def test_clean_text_of_a_state_media_page_keeps_only_the_article() -> None:
    """The chrome after the body (nav words, a long copyright notice, browser notes) goes."""
    result = clean_text(STATE_MEDIA)
    assert result.text.split("\n\n") == [
        "The economy grew 5.3 percent in the first quarter, the statistics bureau said on Tuesday.",
        "Retail sales rose 4.7 percent, while investment increased 4.5 percent, the bureau said.",
    ]
    kinds = {r.kind for r in result.removed}
    assert {"copyright", "multimedia_licence", "icp_filing", "widget", "footer"} <= kinds
