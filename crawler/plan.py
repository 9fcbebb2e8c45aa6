"""A crawl's plan: which site, which profile, where the output goes, which settings.

Made once before Scrapy starts (by the CLI, to fail early with a clean message) and
again, with the same crawl id, by the spider (so `scrapy crawl article -a site=...`
behaves the same).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.layout import CrawlLayout, new_crawl_id, site_state_db
from archive.state import StateStore
from crawler.profiles import ProfileError, SiteProfile, load_profile, profile_for_url

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    profile: SiteProfile
    crawl_id: str
    layout: CrawlLayout

    def settings(self) -> dict[str, Any]:
        """The per-run Scrapy settings this plan implies."""
        return {
            "ARCHIVIST_CRAWL_ID": self.crawl_id,
            "ARCHIVIST_CRAWL_DIR": str(self.layout.root),
            "ARCHIVIST_WARC_DIR": str(self.layout.warc_dir),
            "ARCHIVIST_INDEX_DIR": str(self.layout.index_dir),
            "ARCHIVIST_STATE_DB": str(self.layout.state_db),
            "ARCHIVIST_SITE": self.profile.name,
            # The SSRF guard's exemptions that the site profile asks for.
            "ARCHIVIST_SITE_ALLOW_NETWORKS": list(self.profile.allow_networks),
            # Link hops are counted by the spider itself, so that sitemap and feed
            # discovery does not use up Scrapy's DEPTH_LIMIT.
            "DEPTH_LIMIT": 0,
        }


def resolve_profile(site: str | None, base_url: str | None = None) -> SiteProfile:
    if not site:
        raise ProfileError("no site given: pass a site profile name, a .toml path or a URL")
    if site.startswith(("http://", "https://")):
        return profile_for_url(site)
    return load_profile(site, base_url=base_url)


def prepare_crawl(
    site: str | None,
    *,
    output_dir: Path,
    base_url: str | None = None,
    crawl_id: str | None = None,
) -> CrawlPlan:
    """Load and check the profile, then create the output folders.

    Without a crawl id, a run of this site that started and never finished (it crashed
    or was killed) is resumed under its own id; otherwise a new id is made.
    """
    profile = resolve_profile(site, base_url)
    crawl_id = crawl_id or unfinished_run(output_dir, profile.name) or new_crawl_id()
    layout = CrawlLayout.create(output_dir, profile.name, crawl_id)
    return CrawlPlan(profile=profile, crawl_id=crawl_id, layout=layout)


def site_name(site: str) -> str:
    """The name a site's folders go by, for commands that need no URL of the profile
    (site-relative URLs are resolved against a placeholder that is never fetched)."""
    return resolve_profile(site, base_url=_NAME_ONLY_BASE).name


# RFC 6761 reserves .invalid: nothing is ever fetched from here.
_NAME_ONLY_BASE = "http://site.invalid"


def unfinished_run(output_dir: Path, site: str) -> str | None:
    state_db = site_state_db(output_dir, site)
    if not state_db.exists():
        return None
    with StateStore(state_db) as store:
        crawl_id = store.unfinished_run()
    if crawl_id:
        logger.info("Resuming crawl %s of site %s, which did not finish", crawl_id, site)
    return crawl_id
