"""Site profiles: one TOML file per source in `sites/`.

A profile says where a site's articles are and how to find them:

    name = "ichongqing"                       # [a-z0-9_-], names the output folder
    allowed_domains = ["www.ichongqing.info"]
    start_urls = ["https://www.ichongqing.info/"]
    sitemaps = []                             # sitemap or sitemap-index URLs
    sitemaps_from_robots = true               # also read robots.txt `Sitemap:` lines
    feeds = []                                # RSS / Atom URLs
    depth_limit = 2                           # link hops from a start URL
    allow_networks = []                       # private/loopback networks the site may use
    filter_lists = []                         # adblock-style lists (EasyList Cookie List)
                                              # for extraction; relative to this file

    [article_urls]                            # which URLs are articles (regexes)
    allow = ['/\\d{4}/\\d{2}/']               # empty: the generic article-URL rules
    deny = ['/tag/']

    [follow_urls]                             # which other pages to follow for links
    allow = []                                # empty: every page on the allowed domains
    deny = ['/search']

    [recheck]                                 # when known URLs are fetched again
    feeds = "30m"                             # (see crawler.recheck for the defaults)
    articles = ["1h", "6h", "1d", "7d"]

    [selectors]                               # optional per-site extraction rules (CSS)
    content = ["div.article-body"]
    remove = ["div.promo"]

URLs may be site-relative ("/news/") when the crawl is given a base URL (`--base-url`);
that is how the bundled demo profile points at a server on a port chosen at run time.

A missing or wrong field is a `ProfileError` naming the file, the field and what was
expected, raised before anything is fetched.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.netguard import parse_networks
from crawler.recheck import RecheckPolicy, parse_duration
from parsers import SiteRules

# Where `archivist crawl NAME` looks for NAME.toml, after the current folder.
SITES_DIR = Path(__file__).resolve().parent.parent / "sites"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_KNOWN_KEYS = frozenset(
    {
        "name",
        "allowed_domains",
        "start_urls",
        "sitemaps",
        "sitemaps_from_robots",
        "feeds",
        "depth_limit",
        "article_urls",
        "follow_urls",
        "selectors",
        "recheck",
        "allow_networks",
        "filter_lists",
    }
)
_SELECTOR_KEYS = frozenset(SiteRules.__dataclass_fields__)


class ProfileError(ValueError):
    """A site profile that cannot be used; the message names the file and the field."""


@dataclass(frozen=True, slots=True)
class UrlRules:
    allow: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()

    def permits(self, url: str, *, default: bool = True) -> bool:
        """Denied if any deny rule matches; else allowed if an allow rule matches;
        with no allow rules, `default`."""
        if any(rule.search(url) for rule in self.deny):
            return False
        if not self.allow:
            return default
        return any(rule.search(url) for rule in self.allow)


@dataclass(frozen=True, slots=True)
class SiteProfile:
    name: str
    allowed_domains: tuple[str, ...]
    start_urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sitemaps_from_robots: bool = True
    feeds: tuple[str, ...] = ()
    depth_limit: int = 2
    article_urls: UrlRules = field(default_factory=UrlRules)
    follow_urls: UrlRules = field(default_factory=UrlRules)
    selectors: SiteRules = field(default_factory=SiteRules)
    recheck: RecheckPolicy = field(default_factory=RecheckPolicy)
    # Networks the SSRF guard lets this site reach (crawler.netguard); by default none.
    allow_networks: tuple[str, ...] = ()
    # Filter list files for extraction (ExtractOptions.filter_lists), absolute paths.
    filter_lists: tuple[str, ...] = ()
    path: Path | None = None


def find_profile(name_or_path: str) -> Path:
    """A path as given, else `sites/NAME.toml`."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise ProfileError(f"{candidate}: no such site profile file")
        return candidate
    bundled = SITES_DIR / f"{name_or_path}.toml"
    if bundled.is_file():
        return bundled
    known = ", ".join(sorted(p.stem for p in SITES_DIR.glob("*.toml"))) or "none"
    raise ProfileError(f"{name_or_path}: no such site profile (bundled profiles: {known})")


def load_profile(name_or_path: str, *, base_url: str | None = None) -> SiteProfile:
    path = find_profile(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the file: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML: {exc}") from exc
    return profile_from_dict(data, path=path, base_url=base_url)


def profile_for_url(url: str) -> SiteProfile:
    """An ad-hoc profile for `archivist crawl URL`: that site, its robots sitemaps, and
    the generic article-URL rules."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProfileError(f"{url}: expected an http(s) URL or a site profile")
    host = parts.hostname
    name = re.sub(r"[^a-z0-9_-]+", "-", host.lower()).strip("-")[:64] or "site"
    return SiteProfile(name=name, allowed_domains=(host,), start_urls=(url,))


def profile_from_dict(
    data: Mapping[str, Any], *, path: Path | None = None, base_url: str | None = None
) -> SiteProfile:
    check = _Checker(path, base_url)
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise check.error(unknown[0], f"a known field ({', '.join(sorted(_KNOWN_KEYS))})")
    name = check.string(data, "name", required=True)
    if not _NAME.match(name):
        raise check.error("name", "lower-case letters, digits, '-' or '_' (at most 64)")
    start_urls = check.urls(data, "start_urls")
    sitemaps = check.urls(data, "sitemaps")
    feeds = check.urls(data, "feeds")
    if not (start_urls or sitemaps or feeds):
        raise check.error("start_urls", "at least one of start_urls, sitemaps or feeds")
    # Without a list, the site is the hosts its own URLs name.
    domains = check.strings(data, "allowed_domains") or tuple(
        urlsplit(url).hostname or "" for url in (*start_urls, *sitemaps, *feeds)
    )
    return SiteProfile(
        name=name,
        allowed_domains=tuple(dict.fromkeys(domains)),
        start_urls=start_urls,
        sitemaps=sitemaps,
        sitemaps_from_robots=check.boolean(data, "sitemaps_from_robots", default=True),
        feeds=feeds,
        depth_limit=check.integer(data, "depth_limit", default=2, minimum=0),
        article_urls=check.url_rules(data, "article_urls"),
        follow_urls=check.url_rules(data, "follow_urls"),
        selectors=check.selectors(data),
        recheck=check.recheck(data),
        allow_networks=check.networks(data, "allow_networks"),
        filter_lists=check.files(data, "filter_lists"),
        path=path,
    )


class _Checker:
    """Reads typed fields and raises ProfileError that names file, field and expectation."""

    def __init__(self, path: Path | None, base_url: str | None) -> None:
        self.where = str(path) if path else "<profile>"
        self.base_url = base_url
        self.folder = path.parent if path else Path()

    def error(self, name: str, expected: str, got: object = None) -> ProfileError:
        seen = f", got {got!r}" if got is not None else ""
        return ProfileError(f"{self.where}: field '{name}': expected {expected}{seen}")

    def string(self, data: Mapping[str, Any], name: str, *, required: bool = False) -> str:
        value = data.get(name)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "a non-empty string", value)
        return value.strip()

    def strings(self, data: Mapping[str, Any], name: str) -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(name, "a list of non-empty strings", value)
        return tuple(value)

    def boolean(self, data: Mapping[str, Any], name: str, *, default: bool) -> bool:
        value = data.get(name, default)
        if not isinstance(value, bool):
            raise self.error(name, "true or false", value)
        return value

    def integer(self, data: Mapping[str, Any], name: str, *, default: int, minimum: int) -> int:
        value = data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(name, f"an integer >= {minimum}", value)
        return value

    def urls(self, data: Mapping[str, Any], name: str) -> tuple[str, ...]:
        return tuple(self._url(name, value) for value in self.strings(data, name))

    def _url(self, name: str, value: str) -> str:
        if value.startswith("/") and self.base_url:
            value = urljoin(self.base_url, value)
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            hint = " (site-relative URLs need --base-url)" if value.startswith("/") else ""
            raise self.error(name, f"absolute http(s) URLs{hint}", value)
        return value

    def files(self, data: Mapping[str, Any], name: str) -> tuple[str, ...]:
        """Readable files, relative to the profile's folder, as absolute paths."""
        paths = tuple((self.folder / value).resolve() for value in self.strings(data, name))
        for path in paths:
            if not path.is_file():
                raise self.error(name, "paths of readable files", str(path))
        return tuple(str(path) for path in paths)

    def networks(self, data: Mapping[str, Any], name: str) -> tuple[str, ...]:
        values = self.strings(data, name)
        try:
            parse_networks(values, source=name)
        except ValueError as exc:
            raise self.error(name, f"IP networks such as 127.0.0.1/32 ({exc})") from exc
        return values

    def url_rules(self, data: Mapping[str, Any], name: str) -> UrlRules:
        table = data.get(name, {})
        if not isinstance(table, dict) or set(table) - {"allow", "deny"}:
            raise self.error(name, "a table with 'allow' and/or 'deny' lists of regexes", table)
        return UrlRules(
            allow=self._regexes(table, name, "allow"), deny=self._regexes(table, name, "deny")
        )

    def _regexes(
        self, table: Mapping[str, Any], name: str, key: str
    ) -> tuple[re.Pattern[str], ...]:
        compiled = []
        for pattern in self.strings(table, key):
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise self.error(
                    f"{name}.{key}", f"valid regular expressions ({exc})", pattern
                ) from exc
        return tuple(compiled)

    def recheck(self, data: Mapping[str, Any]) -> RecheckPolicy:
        table = data.get("recheck", {})
        default = RecheckPolicy()
        if not isinstance(table, dict) or set(table) - set(RecheckPolicy.__dataclass_fields__):
            raise self.error(
                "recheck", "a table with feeds, news_sitemaps, sitemaps and articles", table
            )
        try:
            return RecheckPolicy(
                feeds=parse_duration(table.get("feeds", "30m")),
                news_sitemaps=parse_duration(table.get("news_sitemaps", "30m")),
                sitemaps=parse_duration(table.get("sitemaps", "1d")),
                articles=tuple(parse_duration(d) for d in table["articles"])
                if "articles" in table
                else default.articles,
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise self.error("recheck", f"durations such as 30m, 6h, 1d ({exc})") from exc

    def selectors(self, data: Mapping[str, Any]) -> SiteRules:
        table = data.get("selectors", {})
        if not isinstance(table, dict):
            raise self.error("selectors", "a table of lists of CSS selectors", table)
        unknown = sorted(set(table) - _SELECTOR_KEYS)
        if unknown:
            raise self.error(f"selectors.{unknown[0]}", f"one of {sorted(_SELECTOR_KEYS)}")
        return SiteRules(**{key: self.strings(table, key) for key in table})
