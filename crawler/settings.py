"""Scrapy settings for Archivist crawls (`scrapy.cfg` points here).

Plain data, grouped; each Archivist setting has its default here and only here.
`crawler.run` overrides the per-run ones (output folder, crawl id, site profile).
"""

from __future__ import annotations

import os

from parsers import PARSER_VERSION

# Scrapy's cookie middleware builds a tldextract instance at import time, which would try
# to download the public suffix list (and log long tracebacks on offline machines). An
# empty URL list makes it use the snapshot bundled with tldextract. Set the variable
# yourself to a URL list to use a live list.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

BOT_NAME = "archivist"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- Politeness -------------------------------------------------------------
# An honest user agent that says who we are; site owners can block us by name.
USER_AGENT = f"Archivist/{PARSER_VERSION} (+https://github.com/archivist-crawler/archivist)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
# One request in flight per site on average: gentle enough for small news servers.
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.0

# --- Limits -------------------------------------------------------------------
# (README "Limits and safety" lists these; crawler.errors names them in error messages.)
DOWNLOAD_TIMEOUT = 30  # seconds for a whole response, headers and body
# Bytes of a body as received, and again after decompression (a gzip or brotli bomb).
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
# A body cut short of its Content-Length is an error (and retried), never half an
# article: the WARC capture cannot mark a partial body as truncated.
DOWNLOAD_FAIL_ON_DATALOSS = True
DNS_TIMEOUT = 60
RETRY_ENABLED = True
RETRY_TIMES = 2
# Retry-After on a 429 or 503 (crawler.middlewares.retry_after): the retry, and every
# other request to the host, waits as long as the server asks, up to RETRY_AFTER_MAX
# seconds; a longer wait is not made and the request is given up (http_429, http_503).
RETRY_AFTER_ENABLED = True
RETRY_AFTER_MAX = 600.0
# Redirects in a row before a chain is given up (enforced by
# crawler.middlewares.redirects, since the spider follows redirects itself).
REDIRECT_MAX_TIMES = 20
DEPTH_LIMIT = 3  # overridden by the site profile's depth_limit

# --- Components ---------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # The SSRF guard: after the offsite filter (50), before robots.txt (100), so that a
    # refused host is not even asked for its robots.txt.
    "crawler.middlewares.ssrf.AddressGuardMiddleware": 60,
    # The spider follows redirects itself; this holds chains to REDIRECT_MAX_TIMES.
    "crawler.middlewares.redirects.RedirectLimitMiddleware": 70,
    # Just after the retry middleware (550), so it sees a 429/503 first: a Retry-After
    # holds the request's downloader slot, and requests wait here while it is held.
    "crawler.middlewares.retry_after.RetryAfterMiddleware": 560,
    # Between the retry (550) and decompression (590) middlewares: a Content-Encoded
    # body whose stream was cut off never reaches the spider as half an article.
    "crawler.middlewares.limits.BodyLimitsMiddleware": 595,
    # Cluster workers only (each switches itself off without ARCHIVIST_REDIS_URL):
    # closest to the engine, it sees failures that no middleware turned into a retry...
    "crawler.distributed.middlewares.InFlightDownloaderMiddleware": 10,
    # ...and closest to the downloader, only requests really sent take a cluster lease.
    "crawler.distributed.limiter.ClusterLimiterMiddleware": 990,
}
SPIDER_MIDDLEWARES = {
    # Cluster workers only: closest to the engine, it sees every callback's output end.
    "crawler.distributed.middlewares.InFlightSpiderMiddleware": 10,
    # Counts the hops of redirect chains for RedirectLimitMiddleware.
    "crawler.middlewares.redirects.RedirectCountMiddleware": 800,
}
EXTENSIONS = {
    # WARC capture on response_downloaded (before the middlewares decode the body).
    "pipelines.warc.WarcCaptureExtension": 100,
    # crawl.json, progress lines and the closing summary.
    "crawler.report.CrawlReportExtension": 200,
    # Cluster workers only (ARCHIVIST_REDIS_URL set; otherwise they switch themselves
    # off): the job's heartbeat, requeue and end (before anything that needs it), and
    # a capture archived by a dead worker is not archived again (before the WARC capture).
    "crawler.distributed.worker.ClusterWorker": 50,
    "crawler.distributed.capture.ClusterCaptureExtension": 90,
    # Scrapy's telnet console opens a port for every crawl; we have no use for it.
    "scrapy.extensions.telnet.TelnetConsole": None,
}
ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    # Before dedup: an unchanged payload (a revisit record) is not a new article.
    "pipelines.unchanged.UnchangedPayloadPipeline": 150,
    "pipelines.dedup.DedupPipeline": 200,
    # new / updated / unchanged against the state store; unchanged articles stop here.
    "pipelines.versions.VersionPipeline": 250,
    # Cluster workers only: one line per article for the whole cluster (claimed in Redis).
    "crawler.distributed.articles.ClusterArticlePipeline": 290,
    "pipelines.jsonl.JsonLinesPipeline": 300,
    # after the line is written: remember the version in the state store.
    "pipelines.versions.StateCommitPipeline": 400,
}

# --- Archivist ----------------------------------------------------------------
ARCHIVIST_OUTPUT_DIR = "out"  # crawls land in OUTPUT_DIR/<site>/<crawl-id>/
ARCHIVIST_SITE = ""  # site profile name or path (set by `archivist crawl` or `-a site=`)
ARCHIVIST_CRAWL_ID = ""  # set per run; a UTC timestamp by default
ARCHIVIST_STATE_DB = ""  # the site's state store; set per run to OUTPUT_DIR/<site>/state.sqlite
# Processes that extract articles beside the crawl (crawler.extraction): -1 = one per
# core on a multi-core machine, 0 = in the crawl's own process.
ARCHIVIST_EXTRACT_WORKERS = -1
ARCHIVIST_WARC_ENABLED = True
ARCHIVIST_WARC_PREFIX = "archivist"
ARCHIVIST_WARC_MAX_SIZE = 1_000_000_000  # rotate WARC files at 1 GB
# Repeated payloads become revisit records (archive.revisits), within and across crawls.
ARCHIVIST_WARC_DEDUP = True
ARCHIVIST_WARC_DEDUP_MIN_SIZE = 1024  # bytes; smaller bodies are stored again
# Credentials in request headers (Authorization, Cookie, Proxy-Authorization) are left
# out of WARC request records; True keeps them (warcinfo says which policy was used).
ARCHIVIST_WARC_KEEP_SECRETS = False
# Also write each article's JSON as a WARC metadata record (WARC-Refers-To its response).
ARCHIVIST_WARC_ARTICLE_RECORDS = False
# CDXJ index per finished WARC file, merged into <crawl>/index.cdxj; set per run.
ARCHIVIST_INDEX_DIR = ""
# --- Scale-out (crawler.distributed) -------------------------------------------
# redis://[:PASSWORD@]HOST:PORT/DB or rediss:// (TLS): makes the crawl a worker of the
# site's current cluster job. The Redis server must be private and password-protected.
ARCHIVIST_REDIS_URL = ""
ARCHIVIST_WORKER = ""  # this worker's name; `archivist crawl --redis` uses hostname-pid
# A worker whose heartbeat (from a thread, every 0.2 s) stops this long is dead, and its
# in-flight requests are put back: long enough to ride out a loaded machine.
ARCHIVIST_INFLIGHT_TIMEOUT = 60.0
ARCHIVIST_JOB_TTL = 7 * 24 * 3600  # seconds a finished job's keys stay, for inspection
# Seconds between progress lines in the log (0 turns them off).
ARCHIVIST_PROGRESS_INTERVAL = 10.0

# --- Safety -------------------------------------------------------------------
# The SSRF guard (crawler.middlewares.ssrf) refuses loopback, private, link-local
# (cloud metadata) and multicast addresses, after DNS resolution and on every redirect.
# Networks listed here are allowed anyway (CIDR or single addresses; on the command line
# `-s ARCHIVIST_ALLOW_NETWORKS=127.0.0.1/32,10.1.0.0/16`). A site profile can add its own
# with `allow_networks`; ARCHIVIST_SITE_ALLOW_NETWORKS is that list, set per run.
ARCHIVIST_ALLOW_NETWORKS: list[str] = []
ARCHIVIST_SITE_ALLOW_NETWORKS: list[str] = []

# --- Housekeeping -------------------------------------------------------------
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
