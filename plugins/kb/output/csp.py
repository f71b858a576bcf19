"""Content-Security-Policy for the built site: scripts only from files we ship, never inline.

No page carries an inline script (the theme's start-up scripts are served as
files, see `theme_overrides/partials/javascripts/`), so the policy needs no
hashes and anything that slips into a page as an inline script or an event
handler is refused by the browser, whatever it is.
"""

from __future__ import annotations

import re

META_NAME = "Content-Security-Policy"
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; frame-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'none'"
)
"""Everything from our own origin; Pagefind runs as WebAssembly; no plugins, frames from elsewhere or forms."""
REDIRECT_SCRIPT_RE = re.compile(r"<script>[^<]*</script>")


def with_meta(html: str) -> str:
    """`html` with the policy as the first element of its head (once)."""
    if f'http-equiv="{META_NAME}"' in html:
        return html
    return html.replace("<head>", f'<head>\n<meta http-equiv="{META_NAME}" content="{POLICY}">', 1)


def redirect_page(html: str, script_url: str) -> str:
    """A redirect page (mkdocs-redirects) with its one inline script replaced by our file at `script_url`."""
    return REDIRECT_SCRIPT_RE.sub(f'<script src="{script_url}"></script>', html, count=1)


def headers_file(own: dict[str, str] | None = None) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) that sends the policy for every address.

    `own` gives paths (such as the editor's) their own policy instead: `! Name` detaches the site-wide one.
    """
    text = f"/*\n  {META_NAME}: {POLICY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"
    for path, own_policy in (own or {}).items():
        text += f"{path}\n  ! {META_NAME}\n  {META_NAME}: {own_policy}\n"
    return text
