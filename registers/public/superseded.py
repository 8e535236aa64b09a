"""A numbered version's page once a newer version exists: the stored page with a banner.

Stored outputs are frozen bytes and stay so; the banner is put into the response when it is
served, so the stored page reads "no longer in force" from the moment a newer one is published.
The banner names no newer number, so the answer stays the same and may be cached for good.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

MAIN = '<main id="notice" class="seloste-notice">'


def with_banner(body: str, *, slug: str, lang: str, number: int) -> str:
    """``body`` with the superseded banner at the start of the notice, in the page's language."""
    with translation.override(lang):
        banner = render_to_string(
            "notices/superseded.html",
            {
                "number": number,
                "url": reverse("notice_page", kwargs={"slug": slug, "lang": lang}),
            },
        )
    if MAIN in body:
        return body.replace(MAIN, MAIN + banner, 1)
    return body.replace("<body>", "<body>" + banner, 1)
