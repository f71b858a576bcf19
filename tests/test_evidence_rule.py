"""The evidence rule: the highest level a recommendation's sources allow."""

from __future__ import annotations

from types import SimpleNamespace as S

import pytest

from kb.checks.evidence import allowed, independent_groups

SOURCES = {
    "city-study": S(comparison_group=False, large_sample=False, linked_to=[]),
    "trust-study": S(comparison_group=False, large_sample=False, linked_to=[]),
    "evaluation": S(comparison_group=True, large_sample=True, linked_to=["provider-brief"]),
    "provider-brief": S(comparison_group=False, large_sample=False, linked_to=[]),
}


def rec(*citations: tuple[str, str]) -> S:
    return S(sources=[S(source=s, stance=stance) for s, stance in citations])


@pytest.mark.parametrize(
    ("citations", "level"),
    [
        ([("city-study", "supports")], "emerging"),
        ([("city-study", "supports"), ("trust-study", "supports")], "moderate"),
        ([("evaluation", "supports")], "moderate"),
        ([("evaluation", "supports"), ("city-study", "supports")], "strong"),
        ([("evaluation", "supports"), ("provider-brief", "supports")], "moderate"),  # linked: one group
        ([("evaluation", "supports"), ("city-study", "supports"), ("trust-study", "contradicts")], "moderate"),
        ([("city-study", "qualifies")], "practice-based"),
        ([], "practice-based"),
    ],
)
def test_allowed_level(citations, level: str) -> None:
    assert allowed(rec(*citations), SOURCES).level == level


def test_reason_states_the_counts() -> None:
    judgement = allowed(
        rec(("evaluation", "supports"), ("provider-brief", "supports"), ("trust-study", "contradicts")), SOURCES
    )
    assert (
        judgement.reason
        == "1 independent supporting source, 1 with a comparison group or a large sample, and a source contradicts it"
    )


def test_links_group_sources_in_either_direction() -> None:
    assert sorted(map(sorted, independent_groups(["provider-brief", "city-study", "evaluation"], SOURCES))) == [
        ["city-study"],
        ["evaluation", "provider-brief"],
    ]
