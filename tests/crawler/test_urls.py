from __future__ import annotations

import pytest

from crawler.urls import clean_url


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://x.org/a?utm_source=tw&utm_medium=s&id=3#top", "https://x.org/a?id=3"),
        ("https://x.org/a?fbclid=abc", "https://x.org/a"),
        ("https://x.org/a?gclid=1&page=2&UTM_Campaign=x", "https://x.org/a?page=2"),
        ("https://x.org/a?q=&b=1", "https://x.org/a?q=&b=1"),
        ("https://x.org/a", "https://x.org/a"),
    ],
)
def test_clean_url(url: str, clean: str) -> None:
    assert clean_url(url) == clean
    assert clean_url(clean) == clean  # idempotent
