"""URL clean-up before a URL is queued: no fragment, no tracking parameters.

Tracking parameters name the campaign that brought a reader, not the page; keeping them
would fetch and store the same article under many URLs. Scrapy's request fingerprint
(w3lib's canonical form: sorted query, normalised escapes) does the rest of the dedup.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track: analytics campaigns and ad-click ids.
TRACKING_PARAMETERS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|mc_cid|mc_eid|igshid|"
    r"_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|cmpid|"
    r"ncid|spm|share_source|from|isappinstalled|scene|clicktime|enterid)$",
    re.IGNORECASE,
)


def clean_url(url: str) -> str:
    parts = urlsplit(url)
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(key)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True), fragment=""))
