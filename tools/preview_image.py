"""Draw the site's link-preview image (1200 × 630 PNG) with Debian's chromium: run again after renaming the site.

    .venv/bin/python tools/preview_image.py "School Partnerships Knowledge Base" "What works in ..."

One image serves every page (kb/views/open_data.py): a picture per page would need an imaging library at build time.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import browser  # noqa: E402  (needs the path above)

OUT = ROOT / "theme_overrides" / "assets" / "images" / "site-preview.png"
CARD = """<!doctype html><html lang="en"><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column; justify-content: center;
  box-sizing: border-box; padding: 0 96px; background: #3f51b5; color: #fff; font-family: "DejaVu Sans", sans-serif; }}
h1 {{ font-size: 76px; line-height: 1.1; margin: 0 0 36px; letter-spacing: -1px; }}
p {{ font-size: 34px; line-height: 1.35; margin: 0; max-width: 960px; color: #e8eaf6; }}
hr {{ width: 160px; border: 0; border-top: 10px solid #fff; margin: 0 0 48px; }}
</style><hr><h1>{name}</h1><p>{tagline}</p></html>"""


def main(name: str, tagline: str) -> None:
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD.format(name=html.escape(name), tagline=html.escape(tagline)))
        OUT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUT))
    print(f"Wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
