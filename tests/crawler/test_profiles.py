from __future__ import annotations

from pathlib import Path

import pytest

from crawler.profiles import (
    SITES_DIR,
    ProfileError,
    load_profile,
    profile_for_url,
    profile_from_dict,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_profiles_load() -> None:
    names = sorted(p.stem for p in SITES_DIR.glob("*.toml"))
    assert "demo" in names and "ichongqing" in names
    profile = load_profile("ichongqing")
    assert profile.allowed_domains == ("www.ichongqing.info",)
    assert profile.article_urls.permits("https://www.ichongqing.info/2024/04/20/some-story/")
    assert not profile.article_urls.permits("https://www.ichongqing.info/tag/2024/04/20/x")


def test_relative_urls_need_a_base_url() -> None:
    with pytest.raises(ProfileError, match=r"demo\.toml: field 'start_urls'.*--base-url"):
        load_profile("demo")
    profile = load_profile("demo", base_url="http://127.0.0.1:8080")
    assert profile.start_urls == ("http://127.0.0.1:8080/",)
    assert profile.feeds == ("http://127.0.0.1:8080/feed.xml",)
    assert profile.allowed_domains == ("127.0.0.1",)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ('allowed_domains = ["a.example"]\nstart_urls = ["https://a.example/"]', "name", "string"),
        ('name = "Bad Name"\nstart_urls = ["https://a.example/"]', "name", "lower-case"),
        ('name = "a"\nallowed_domains = ["a.example"]', "start_urls", "at least one"),
        ('name = "a"\nstart_urls = "https://a.example/"', "start_urls", "list"),
        ('name = "a"\nstart_urls = ["ftp://a.example/"]', "start_urls", "absolute http"),
        ('name = "a"\nstart_urls = ["https://a.example/"]\ndepth_limit = -1', "depth_limit", ">="),
        (
            'name = "a"\nstart_urls = ["https://a.example/"]\n[article_urls]\nallow = ["("]',
            "article_urls.allow",
            "regular expressions",
        ),
        ('name = "a"\nstart_urls = ["https://a.example/"]\nstart_url = []', "start_url", "known"),
        (
            'name = "a"\nstart_urls = ["https://a.example/"]\n[selectors]\nbody = ["x"]',
            "selectors.body",
            "one of",
        ),
    ],
)
def test_errors_name_file_field_and_expectation(
    tmp_path: Path, text: str, field: str, expected: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    message = str(info.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    assert expected in message


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="not valid TOML"):
        load_profile(str(write(tmp_path, "name = ")))
    with pytest.raises(ProfileError, match="no such site profile"):
        load_profile(str(tmp_path / "absent.toml"))
    with pytest.raises(ProfileError, match=r"bundled profiles: .*demo"):
        load_profile("no-such-site")


def test_selectors_become_site_rules() -> None:
    profile = profile_from_dict(
        {
            "name": "x",
            "start_urls": ["https://x.example/"],
            "allowed_domains": ["x.example"],
            "selectors": {"content": ["div.body"], "remove": ["div.ad"]},
        }
    )
    assert profile.selectors.content == ("div.body",)
    assert profile.selectors.remove == ("div.ad",)


def test_profile_for_url() -> None:
    profile = profile_for_url("https://News.Example.org/world/")
    assert profile.name == "news-example-org"
    assert profile.allowed_domains == ("news.example.org",)
    with pytest.raises(ProfileError):
        profile_for_url("file:///etc/passwd")
