"""The evidence rule: the highest evidence level the sources of a recommendation allow.

- strong: supporting sources from at least two independent groups, at least one
  with a comparison group or a large sample, and no source contradicts it;
- moderate: supporting sources from two or more independent groups, or one
  supporting source with a comparison group or a large sample;
- emerging: at least one supporting source;
- practice-based: no research source supports it (practitioners' accounts only).

Sources are independent unless one lists the other in `linked_to` (the same
programme's provider and its evaluation, say). A recommendation may be rated
lower than the rule allows, never higher.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.content.models import Recommendation

LEVELS = ("practice-based", "emerging", "moderate", "strong")
"""From the least to the most evidence."""


@dataclass(frozen=True)
class Judgement:
    level: str
    reason: str


def independent_groups(slugs: list[str], sources: dict) -> list[set[str]]:
    """Group source slugs that are linked to one another (in either direction)."""
    groups: list[set[str]] = []
    for slug in dict.fromkeys(slugs):
        linked = {slug, *getattr(sources.get(slug), "linked_to", [])}
        linked |= {other for other in slugs if slug in getattr(sources.get(other), "linked_to", [])}
        touching = [g for g in groups if g & linked]
        merged = set().union(linked & set(slugs) | {slug}, *touching)
        groups = [g for g in groups if g not in touching] + [merged]
    return groups


def allowed(recommendation: Recommendation, sources: dict) -> Judgement:
    """The highest level the rule allows, with the reason in plain words."""
    supporting = [c.source for c in recommendation.sources if c.stance == "supports"]
    contradicted = any(c.stance == "contradicts" for c in recommendation.sources)
    groups = len(independent_groups(supporting, sources))
    robust = [
        s
        for s in supporting
        if getattr(sources.get(s), "comparison_group", False) or getattr(sources.get(s), "large_sample", False)
    ]
    facts = f"{groups} independent supporting {'source' if groups == 1 else 'sources'}, {len(robust)} with a comparison group or a large sample"
    if contradicted:
        facts += ", and a source contradicts it"
    if groups >= 2 and robust and not contradicted:
        return Judgement("strong", facts)
    if groups >= 2 or robust:
        return Judgement("moderate", facts)
    if groups:
        return Judgement("emerging", facts)
    return Judgement("practice-based", facts)
