"""A deterministic synthetic knowledge base in the real schema, at any size.

Every page type, realistic front matter and facets, cross-references between
pages, and bodies of about 800 words. The same size and seed always give the
same files.

    python bench/generate.py 500 /tmp/kb-500
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from kb.content.page_types import TYPES  # noqa: E402

SHARES = {
    "source": 0.02,
    "programme": 0.03,
    "concept": 0.10,
    "framework": 0.04,
    "recommendation": 0.28,
    "case-study": 0.43,
    "pack": 0.04,
    "guide": 0.03,
    "resource": 0.03,
}
FOLDERS = {name: TYPES[name].folder for name in SHARES}
WORDS = [
    "school",
    "partnership",
    "leaders",
    "review",
    "trust",
    "teachers",
    "pupils",
    "practice",
    "evidence",
    "cluster",
    "trust",
    "heads",
    "governors",
    "improvement",
    "support",
    "challenge",
    "visit",
    "feedback",
    "report",
    "focus",
    "enquiry",
    "coaching",
    "mentoring",
    "planning",
    "assessment",
    "moderation",
    "curriculum",
    "reading",
    "writing",
    "mathematics",
    "science",
    "staff",
    "time",
    "budget",
    "workshop",
    "training",
    "meeting",
    "agenda",
    "termly",
    "weekly",
    "review",
    "round",
    "host",
    "partner",
    "schools",
    "primary",
    "secondary",
    "middle",
    "senior",
    "deputy",
    "classroom",
    "lesson",
    "observation",
    "learning",
    "walk",
    "data",
    "progress",
    "outcome",
    "impact",
    "change",
    "culture",
    "openness",
    "honesty",
    "rigour",
    "reciprocity",
    "capacity",
    "sustainability",
    "network",
    "family",
    "group",
    "area",
]
PHASES = ["primary", "secondary", "special", "all-through", "early-years"]
THEMES = [
    "peer-review",
    "self-evaluation",
    "school-to-school-support",
    "joint-practice-development",
    "leadership",
    "coaching",
    "trust-and-culture",
    "evaluation",
    "curriculum",
]
AUDIENCES = [
    "teachers",
    "middle-leaders",
    "senior-leaders",
    "partnership-leads",
    "trust-leaders",
    "governors",
    "trainers",
]
REGIONS = [
    "north-east",
    "north-west",
    "yorkshire-and-the-humber",
    "east-midlands",
    "west-midlands",
    "east-of-england",
    "london",
    "south-east",
    "south-west",
    "anonymised",
]
STAGES = ["explore", "prepare", "deliver", "sustain"]


def counts(total: int) -> dict[str, int]:
    """Pages of each type for a knowledge base of `total` pages (at least one of each)."""
    found = {t: max(1, int(total * share)) for t, share in SHARES.items()}
    found["case-study"] += total - sum(found.values())
    return found


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, n: int = 12) -> str:
        return self.words(n).capitalize() + "."

    def paragraphs(self, total_words: int, per: int = 80) -> str:
        out = []
        while total_words > 0:
            size = min(per, total_words)
            out.append(" ".join(self.sentence(12) for _ in range(max(1, size // 12))))
            total_words -= size
        return "\n\n".join(out)

    def some(self, items: list[str], low: int = 1, high: int = 3) -> list[str]:
        return sorted(self.rng.sample(items, self.rng.randint(low, min(high, len(items)))), key=items.index)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def generate(total: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write a knowledge base of `total` pages to `out` (replacing it); returns the counts."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "vocabulary.yml", out / "content" / "vocabulary.yml")
    w = Writer(seed)
    n = counts(total)
    slugs = {t: [f"{t}-{i:05d}" for i in range(n[t])] for t in SHARES}
    for folder in FOLDERS.values():
        (out / "content" / folder).mkdir()

    def write(type_name: str, slug: str, text: str) -> None:
        (out / "content" / FOLDERS[type_name] / f"{slug}.md").write_text(text, encoding="utf-8")

    def cite() -> str:
        return f'  - {{source: {w.rng.choice(slugs["source"])}, locator: "§{w.rng.randint(1, 6)}.{w.rng.randint(1, 9)}, p. {w.rng.randint(10, 300)}"}}\n'

    for slug in slugs["source"]:
        write(
            "source",
            slug,
            f"""---
type: source
title: "Study {slug}: {w.words(5)}"
summary: "{w.sentence(20)}"
authors: ["Author, {slug[-2:]}."]
year: {w.rng.randint(2005, 2025)}
citation_title: "{w.sentence(8)}"
institution: University of Somewhere
document_type: edd-thesis
method: {{design: case study, sample: "{w.rng.randint(5, 40)} interviews", period: 2015 to 2017, setting: one anonymised city}}
evidence_type: [interviews, survey]
strengths: ["{w.sentence()}"]
limitations: ["{w.sentence()}"]
theme: {flow(w.some(THEMES))}
---

{w.paragraphs(800)}
""",
        )
    for slug in slugs["concept"]:
        term = f"term {slug[-5:]}"
        write(
            "concept",
            slug,
            f"""---
type: concept
title: "{term.capitalize()}"
summary: "{w.sentence(15)}"
term: "{term}"
definition: "{w.sentence(14)}"
theme: {flow(w.some(THEMES))}
sources:
{cite()}---

{w.paragraphs(300)}
""",
        )
    for slug in slugs["programme"]:
        write(
            "programme",
            slug,
            f"""---
type: programme
title: "Programme {slug[-5:]}: {w.words(3)}"
summary: "{w.sentence(20)}"
provider: A partnership
years: 2014 to 2018
phase: {flow(w.some(PHASES))}
scale:
  - {{date: "2016", scale: "{w.rng.randint(10, 900)} schools", reported_by: the provider}}
cycle:
  - {{name: Self-review, description: "{w.sentence()}"}}
  - {{name: Review visit, description: "{w.sentence()}"}}
  - {{name: Follow-up, description: "{w.sentence()}"}}
roles: {flow(w.some(slugs["concept"], 1, 2))}
evaluations: {flow(w.some(slugs["source"], 1, 1))}
sources:
{cite()}---

{w.paragraphs(800)}
""",
        )
    recs = slugs["recommendation"]
    cases = slugs["case-study"]
    for slug in recs:
        write(
            "recommendation",
            slug,
            f"""---
type: recommendation
title: "Recommendation {slug[-5:]}: {w.words(4)}"
summary: "{w.sentence(25)}"
statement: "{w.sentence(10)}"
audience: {flow(w.some(AUDIENCES))}
stage: {flow(w.some(STAGES, 1, 2))}
phase: {flow(w.some(PHASES))}
theme: {flow(w.some(THEMES))}
evidence_level: emerging
evidence_basis: "{w.sentence(10)}"
case_studies: {flow(w.some(cases, 1, 3))}
sources:
  - {{source: {w.rng.choice(slugs["source"])}, stance: supports, data: "{w.words(6)}", locator: "§{w.rng.randint(1, 6)}, p. {w.rng.randint(10, 300)}"}}
---

## What to do

{w.paragraphs(150)} The {w.rng.choice(slugs["concept"]).replace("concept-", "term ")} matters here.

## How to do it

1. {w.sentence()}
2. {w.sentence()}
3. {w.sentence()}

{w.paragraphs(150)}

## Roadblocks and ways round them

- {w.sentence()}
- {w.sentence()}

{w.paragraphs(100)}

## When it may not apply

- {w.sentence()}

{w.paragraphs(100)}

## Why (the evidence)

{w.paragraphs(250)}
""",
        )
    for slug in cases:
        write(
            "case-study",
            slug,
            f"""---
type: case-study
title: "Case {slug[-5:]}: {w.words(5)}"
summary: "{w.sentence(25)}"
setting:
  phase: {flow(w.some(PHASES, 1, 2))}
  region: {w.rng.choice(REGIONS)}
  community: {w.rng.choice(["urban", "rural", "town", "coastal", "mixed"])}
  schools_involved: {w.rng.randint(2, 12)}
  context: "{w.sentence(20)}"
partnership_type: {w.rng.choice(["peer-review-cluster", "multi-academy-trust", "teaching-school-alliance", "informal-network"])}
programmes: {flow(w.some(slugs["programme"], 1, 1))}
period: 2016 to 2018
anonymised: true
theme: {flow(w.some(THEMES))}
audience: {flow(w.some(AUDIENCES))}
stage: {flow(w.some(STAGES, 1, 2))}
evidence_type: [interviews]
evidence_note: "{w.sentence(20)}"
illustrates: {flow(w.some(recs, 1, 2))}
sources:
{cite()}---

## Context

{w.paragraphs(150)} See [a related case](../case-studies/{w.rng.choice(cases)}.md) and the {w.rng.choice(slugs["concept"]).replace("concept-", "term ")}.

## What they did

1. {w.sentence()}
2. {w.sentence()}
3. {w.sentence()}

## What changed

{w.paragraphs(200)}

## What got in the way

- {w.sentence()}

{w.paragraphs(100)}

## What helped

- {w.sentence()}

{w.paragraphs(100)}

## Lessons

- {w.sentence()}

{w.paragraphs(100)}

## Questions for discussion

1. {w.words(10).capitalize()}?
""",
        )
    levels = ["beginning", "developing", "embedding", "leading"]
    for slug in slugs["framework"]:
        write(
            "framework",
            slug,
            f"""---
type: framework
title: "Framework {slug[-5:]}: {w.words(3)}"
summary: "{w.sentence(20)}"
originator: Someone
year: 2012
purpose: "{w.sentence()}"
use_note: A discussion tool, not an audit.
theme: {flow(w.some(THEMES))}
scale:
  origin: source
  levels:
{"".join(f'    - {{id: {lv}, label: {lv.capitalize()}, meaning: "{w.sentence(6)}"}}{chr(10)}' for lv in levels)}dimensions:
{_dimensions(w, recs, levels)}sources:
{cite()}---

{w.paragraphs(500)}
""",
        )
    pages = recs + cases
    for slug in slugs["pack"]:
        steps = "".join(
            f'  - {{page: {w.rng.choice(pages)}, minutes: {w.rng.choice([10, 15, 20])}, activity: "{w.sentence(8)}"}}\n'
            for _ in range(5)
        )
        write(
            "pack",
            slug,
            f"""---
type: pack
title: "Workshop {slug[-5:]}: {w.words(3)}"
summary: "{w.sentence(20)}"
audience: [trainers]
purpose: "{w.sentence()}"
steps:
{steps}---

{w.paragraphs(300)}
""",
        )
    for slug in slugs["guide"]:
        write(
            "guide",
            slug,
            f"""---
type: guide
title: "Guide {slug[-5:]}: {w.words(3)}"
summary: "{w.sentence(20)}"
topic: {w.rng.choice(THEMES)}
audience: [senior-leaders]
---

{w.paragraphs(500)}
""",
        )
    for slug in slugs["resource"]:
        write(
            "resource",
            slug,
            f"""---
type: resource
title: "Resource {slug[-5:]}: {w.words(3)}"
summary: "{w.sentence(20)}"
resource_kind: {w.rng.choice(["timetable", "checklist", "agenda", "report-outline", "agreement"])}
stage: {flow(w.some(STAGES, 1, 2))}
audience: {flow(w.some(AUDIENCES))}
theme: {flow(w.some(THEMES))}
recommendations: {flow(w.some(recs, 1, 3))}
case_studies: {flow(w.some(cases, 1, 2))}
sources:
{cite()}---

## What it is for

{w.paragraphs(80)}

## When to use it

{w.paragraphs(60)}

## The resource

| Day | What happens | Who leads |
|---|---|---|
| 1 | {w.sentence(6)} | {w.words(2)} |
| 2 | {w.sentence(6)} | {w.words(2)} |

## How it was used

{w.paragraphs(80)}

## What to adapt

- {w.sentence()}
- {w.sentence()}
""",
        )
    (out / "content" / "index.md").write_text(
        "---\ntitle: Home\n---\n\n# Synthetic knowledge base\n\nFor the benchmark.\n", encoding="utf-8"
    )
    for extra in ("how-we-rate-evidence.md", "accessibility.md"):
        shutil.copy(ROOT / "content" / extra, out / "content" / extra)
    return n


def _dimensions(w: Writer, recs: list[str], levels: list[str]) -> str:
    out = []
    for d in range(3):
        out.append(f'  - id: dim-{d}\n    name: "{w.words(2).capitalize()}"\n    strands:\n')
        for s in range(4):
            cells = ", ".join(f"{lv}: {w.words(6)}" for lv in levels)
            out.append(
                f'      - id: strand-{d}-{s}\n        name: "{w.words(3).capitalize()}"\n        levels: {{{cells}}}\n        recommendations: {flow(w.some(recs, 1, 2))}\n'
            )
    return "".join(out)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.pages, args.out, args.seed))
