"""Each layout, finder and the glossary in the built fixture site (HTML inspected)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURE_CONTENT
from kb.content import addresses
from kb.content.page_types import COMMON_HEADINGS, FOLDERS, TYPES


def read(site: Path, path: str) -> str:
    """A built page without its print-only link addresses (tested in test_trainers)."""
    return re.sub(r' data-print-url="[^"]*"', "", (site / path).read_text(encoding="utf-8"))


def test_case_study_setting_card_and_recommendations(recorded_site) -> None:
    site, data = recorded_site
    kb = data["case-studies/fixture-cluster.md"]["kb"]
    assert kb["setting"]["region"] == "Not given in the source"  # 'anonymised' is a placeholder, said plainly
    assert [r["slug"] for r in kb["illustrates"]] == ["fixture-keep-groups-small"]
    ids = [c["id"] for c in kb["contents"]]
    assert ids[0] == "kb-setting" and ids.index("kb-illustrates") < ids.index("kb-evidence-note") < ids.index(
        "kb-related"
    )
    html = read(site, "case-studies/fixture-cluster/index.html")
    assert "<div><dt>Where</dt><dd>Not given in the source: a large city</dd></div>" in html
    assert "<div><dt>Schools</dt><dd>3</dd></div>" in html
    assert '<h2 id="kb-illustrates">Recommendations this case illustrates</h2>' in html
    assert html.index('id="kb-illustrates"') < html.index('id="kb-evidence-note"')  # the evidence note comes last
    assert "<strong>Interviews.</strong> Interviews with five leaders; no outcome data." in html


def test_recommendation_headline_badge_and_case_studies(recorded_site) -> None:
    site, data = recorded_site
    kb = data["recommendations/fixture-keep-groups-small.md"]["kb"]
    assert kb["statement"] == "Keep peer review groups to about three schools."
    assert kb["headline"] == "For senior leaders, at the prepare stage: emerging evidence, from 1 source."
    assert {k: kb["evidence"][k] for k in ("level", "step", "steps", "url")} == {
        "level": "emerging",
        "step": 2,
        "steps": 4,
        "url": "../../how-we-rate-evidence/",
    }
    assert [c["id"] for c in kb["contents"]][:5] == [
        "how-to-do-it",
        "roadblocks-and-ways-round-them",
        "when-it-may-not-apply",
        "kb-case-studies",
        "why-the-evidence",
    ]
    html = read(site, "recommendations/fixture-keep-groups-small/index.html")
    assert '<p class="kb-statement">Keep peer review groups to about three schools.</p>' in html
    assert (
        '<a class="kb-badge kb-badge--emerging" href="../../how-we-rate-evidence/" title="How we rate evidence">'
        in html
    )
    assert '<span class="kb-badge__label">Emerging evidence</span> <span class="kb-badge__rank">2 of 4</span>' in html
    assert "<strong>Evidence basis:</strong> survey of 10 leaders in one town" in html
    assert html.index('<h2 id="kb-case-studies">') < html.index('<h2 id="why-the-evidence">')


def test_programme_cycle_roles_scale_evaluations_and_cases(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "programmes/fixture-programme/index.html")
    assert (
        '<ol class="kb-steps">' in html
        and "<li><strong>Self-review.</strong> Each school reviews itself.</li><li><strong>Review day.</strong> Peers visit.</li>"
        in html
    )
    assert (
        '<dt><a href="../../concepts/fixture-champion/">Fixture champion</a></dt><dd>A teacher who leads one improvement focus across a group of schools.</dd>'
        in html
    )
    assert "<tr><td>2019</td><td>12 schools</td><td>the provider</td></tr>" in html
    assert '<h2 id="kb-evaluations">Evaluations</h2>' in html
    section = html.split('<h2 id="kb-case-studies">Case studies of this programme</h2>')[1].split("</section>")[0]
    assert section.count("<li>") == 3


def test_source_citation_method_and_pages_that_cite_it(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "sources/fixture-study/index.html")
    assert (
        '<p class="kb-reference" id="kb-reference-text">Fixture, A. (2020). A study of peer review in test schools. EdD thesis, Test University.</p>'
        in html
    )
    assert "<div><dt>Sample</dt><dd>survey of 10 leaders; 5 interviews</dd></div>" in html
    assert '<h2 id="kb-limitations">Limitations</h2><ul><li>Small sample.</li></ul>' in html
    linking = html.split("<summary>Pages that link here (")[1].split("</details>")[0]
    assert '<a href="../../case-studies/fixture-cluster/">A fixture cluster of three primaries</a>' in linking


def test_concept_definition_and_where_it_is_used(recorded_site) -> None:
    site, data = recorded_site
    kb = data["concepts/fixture-champion.md"]["kb"]
    linking = {link["slug"] for group in kb["related"]["linking_here"]["groups"] for link in group["links"]}
    assert linking == {"fixture-cluster", "fixture-primary-trust", "fixture-secondary-trust", "fixture-programme"}
    html = read(site, "concepts/fixture-champion/index.html")
    assert "<p>A teacher who leads one improvement focus across a group of schools.</p>" in html
    assert (
        '<div><dt>Acronym</dt><dd data-pagefind-weight="10"><abbr title="Fixture champion">FC</abbr></dd></div>' in html
    )
    assert "<summary>Pages that link here (4)</summary>" in html


def test_glossary_links_first_use_in_built_page(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "case-studies/fixture-cluster/index.html")
    assert html.count('class="kb-term"') == 1
    assert (
        '<a aria-describedby="kb-tip-fixture-champion" class="kb-term" href="../../concepts/fixture-champion/">fixture champion</a>'
        in html
    )


def test_framework_matrix_has_headers_and_scope(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "frameworks/fixture-maturity/index.html")
    assert (
        '<th scope="col">Strand</th>' in html and '<th scope="col">Beginning</th><th scope="col">Embedding</th>' in html
    )
    assert '<th scope="row">Openness</th>' in html and "<td>Little sharing.</td><td>Data shared openly.</td>" in html
    assert '<th scope="colgroup" colspan="3">Trust</th>' in html


def test_finder_cards_filters_and_counts(recorded_site) -> None:
    site, data = recorded_site
    finder = data["case-studies/index.md"]["finder"]
    assert len(finder["cards"]) == 3 and not finder["show_filters"]  # ten pages or fewer: no filters, all on one screen
    card = next(c for c in finder["cards"] if c["slug"] == "fixture-cluster")
    assert card["facts"] == [
        {"label": "Phase", "value": "Primary"},
        {"label": "Partnership type", "value": "Peer review cluster"},
        {"label": "Kind of evidence", "value": "Interviews"},
    ]
    html = read(site, "case-studies/index.html")
    assert html.count('<li class="kb-card kb-card--case-study"') == 3
    assert '<dl class="kb-card__facts"><div><dt>Phase</dt><dd>Primary</dd></div>' in html
    assert (
        '<p class="kb-finder__count" id="kb-finder-count" role="status" aria-live="polite" aria-atomic="true">3 case studies</p>'
        in html
    )
    assert "assets/javascripts/finder.js" in html


def test_a_finder_of_more_than_ten_pages_has_filters_without_placeholder_values(tmp_path: Path) -> None:
    import kb
    from kb.views import finders

    content = tmp_path / "content"
    import shutil

    shutil.copytree(FIXTURE_CONTENT, content)
    case = (content / "case-studies" / "fixture-cluster.md").read_text()
    for n in range(10):
        (content / "case-studies" / f"fixture-copy-{n}.md").write_text(
            case.replace("title: A fixture cluster", f"title: Copy {n} of a fixture cluster")
        )
    data = finders.finder(kb.check(content), "case-study")
    facets = {f["name"]: f for f in data["facets"]}
    assert [o["value"] for o in facets["phase"]["options"]] == ["primary", "secondary"] and facets["phase"]["open"]
    assert "anonymised" not in [o["value"] for o in facets["region"]["options"]] and not facets["region"]["open"]
    assert [s["value"] for s in data["sorts"]] == ["title"]


def test_every_type_has_a_finder_in_the_navigation(built_fixture_site: Path) -> None:
    home = read(built_fixture_site, "index.html")
    for folder in FOLDERS.values():
        assert (built_fixture_site / folder / "index.html").exists()
        assert f'href="{folder}/"' in home, folder


def test_glossary_is_a_to_z(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "concepts/index.html")
    assert '<nav class="kb-az" aria-label="Glossary letters"><a href="#letter-F">F</a> </nav>' in html
    assert '<h2 class="kb-glossary__letter" id="letter-F">F</h2><dl class="kb-glossary__list">' in html
    assert '<dt><a href="fixture-champion/">Fixture champion</a> (FC)</dt>' in html


def test_finder_scripts_load_only_on_finders(built_fixture_site: Path) -> None:
    assert "finder.js" not in read(built_fixture_site, "case-studies/fixture-cluster/index.html")


def test_every_page_has_help_improve_this_page(built_fixture_site: Path) -> None:
    pages = [
        p
        for p in built_fixture_site.rglob("index.html")
        if "Redirecting..." not in p.read_text() and p.parent.name != "admin"
    ]
    content = list(FIXTURE_CONTENT.rglob("*.md"))
    assert len(pages) == len(content) + len(
        addresses.generated_pages()
    )  # every page of the fixture, and every generated one
    for page in pages:
        html = read(built_fixture_site, str(page.relative_to(built_fixture_site)))
        assert '<h2 id="kb-help-title">Help improve this page</h2>' in html, page
        if page.parent.name != "share-your-practice":  # every other page links to it
            assert re.search(r'href="(\.\./)*share-your-practice/">Share your practice</a>', html), page


def test_edit_link_points_to_the_pages_markdown(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "recommendations/fixture-keep-groups-small/index.html")
    assert (
        '<a href="https://github.com/school-partnerships/knowledge-base/edit/main/content/recommendations/fixture-keep-groups-small.md">Suggest a change to this page on GitHub</a>'
        in html
    )


def test_help_block_opens_the_page_in_the_browser_editor(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "recommendations/fixture-keep-groups-small/index.html")
    assert (
        '<a href="../../admin/#/collections/recommendations/entries/fixture-keep-groups-small">Edit this page in the browser</a>'
        in html
    )
    assert '<a href="../admin/">Write a page in the browser</a>' in read(built_fixture_site, "case-studies/index.html")


def test_pack_steps_with_summary_timing_activity_and_questions(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "packs/fixture-workshop/index.html")
    assert "<div><dt>Time</dt><dd>1 hour 30 minutes (3 steps)</dd></div>" in html
    steps = html.split('<ol class="kb-steps kb-pack-steps">')[1].split("</ol>")[0]
    assert steps.count('<li class="kb-pack-step">') == 3
    assert (
        '<a href="../../case-studies/fixture-cluster/">A fixture cluster of three primaries</a> <span class="kb-pack-step__meta">Case study, 20 minutes</span>'
        in steps
    )
    assert '<p class="kb-pack-step__summary">Three primary schools reviewed each other.</p>' in steps
    assert "<li>What helped?</li><li>What got in the way?</li>" in steps
    assert "<title>QR code for https://school-partnerships.example.org/fixture-keep-groups-small/</title>" in steps


def test_packs_have_their_own_finder_and_backlinks(built_fixture_site: Path) -> None:
    finder = read(built_fixture_site, "packs/index.html")
    assert (
        '<h2 class="kb-card__title"><a href="fixture-workshop/">A fixture workshop on small groups</a></h2>' in finder
    )
    case = read(built_fixture_site, "case-studies/fixture-cluster/index.html")
    linking = case.split("<summary>Pages that link here (")[1].split("</details>")[0]
    assert '<h4 class="kb-related__kind">Workshop packs</h4>' in linking


def test_guide_lists_its_topics_recommendations_by_stage_and_its_cases_and_frameworks(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "guides/fixture-peer-review-guide/index.html")
    assert '<h3 id="stage-prepare">Prepare: getting ready to start well.</h3>' in html
    stage = html.split('<h3 id="stage-prepare">')[1].split("</ul>")[0]
    assert (
        '<a href="../../recommendations/fixture-keep-groups-small/">Keep fixture groups small</a> <a class="kb-badge kb-badge--emerging"'
        in stage
    )
    cases = html.split('<h2 id="kb-guide-case-studies">Case studies</h2>')[1].split("</section>")[0]
    assert cases.count("<li>") == 2  # the two case studies themed peer review
    assert "All 2 case studies" not in html  # no link to the finder when the guide lists them all
    assert (
        html.count('<section aria-labelledby="kb-by-stage" data-pagefind-ignore>') == 1
    )  # its lists are other pages, which search finds themselves


def test_a_guide_lists_a_few_cases_then_links_to_all_in_the_filtered_finder(monkeypatch) -> None:
    import kb
    from conftest import FIXTURE_CONTENT
    from kb.links import graph
    from kb.views import page_view as views
    from kb.views import type_views

    monkeypatch.setattr(type_views, "GUIDE_LIST_LIMIT", 1)
    knowledge_base = kb.check(FIXTURE_CONTENT)
    guide = knowledge_base.by_slug["fixture-peer-review-guide"]
    view = views.page_view(knowledge_base, graph.build(knowledge_base), guide, views.Site("https://example.org/"))
    assert len(view["case_studies"]["links"]) == 1
    assert (
        view["case_studies"] | {"total": 2, "all_url": "../../case-studies/?theme=peer-review"} == view["case_studies"]
    )


def test_evidence_map_rows_columns_and_stance_cells(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "evidence-map/index.html")
    assert (
        '<th scope="col"><a href="../sources/fixture-study/" title="Fixture (2020): a study of peer review">Fixture (2020)</a></th>'
        in html
    )
    row = html.split('data-theme="peer-review" data-audience="senior-leaders">')[1].split("</tr>")[0]
    assert (
        '<th scope="row"><a href="../recommendations/fixture-keep-groups-small/">Keep fixture groups small</a></th>'
        in row
    )
    assert '<span class="kb-badge__label">Emerging evidence</span>' in row
    assert (
        '<td class="kb-stance kb-stance--supports" data-source="Fixture (2020)"><details class="kb-map-cell"><summary>'
        '<span class="kb-map-cell__symbol" aria-hidden="true">✓</span><span class="kb-map-cell__word">Supports</span></summary>'
        '<p>§4.2, p. 20. <a href="../recommendations/fixture-keep-groups-small/#kb-citations">On the page</a></p></details></td>'
        in row
    )
    assert '<input type="checkbox" name="theme" value="peer-review" data-label="Peer review">' in html


def test_programme_comparison_from_front_matter(built_fixture_site: Path) -> None:
    html = read(built_fixture_site, "compare-programmes/index.html")
    row = html.split('<th scope="row"><a href="../programmes/fixture-programme/">Fixture peer review programme</a>')[
        1
    ].split("</tr>")[0]
    assert '<td data-label="Cycle"><ol><li>Self-review</li><li>Review day</li></ol></td>' in row
    assert '<td data-label="Roles">Fixture champion</td>' in row
    assert "<li>12 schools (2019; the provider)</li>" in row
    assert '<td data-label="Time it asks of schools">Not stated in the sources</td>' in row
    assert row.index('data-label="Time it asks of schools"') < row.index('data-label="Cycle"')  # time first
    assert '<h2 id="kb-compare-current">Programmes and partnerships in the sources</h2>' in html


NOT_IN_CONTENTS = {"kb-help-title", "kb-record-title", "kb-filed", "kb-cite"}
"""Headings outside "On this page": the help box, the print-only record, the facet list and "Cite this page"."""


def test_on_this_page_lists_every_section_in_page_order(recorded_site) -> None:
    site, data = recorded_site
    for src_uri, context in data.items():
        if "kb" not in context:
            continue
        html = read(site, src_uri[: -len(".md")] + "/index.html")
        page_ids = [i for i in re.findall(r'<h2 id="([^"]+)"', html) if i not in NOT_IN_CONTENTS]
        assert [c["id"] for c in context["kb"]["contents"]] == page_ids, src_uri
        declared = set(TYPES[context["kb"]["type"]].layout_headings) | set(COMMON_HEADINGS)
        layout = [c["title"] for c in context["kb"]["contents"] if c["id"].startswith("kb-")]
        assert set(layout) <= declared, (src_uri, set(layout) - declared)  # the check knows every heading a layout adds


def test_no_page_repeats_a_heading(built_fixture_site: Path) -> None:
    for page in built_fixture_site.rglob("index.html"):
        headings = re.findall(r"<(h[23])[^>]*>(.*?)</\1>", page.read_text(), re.S)
        texts = [(level, re.sub("<[^>]+>", "", text).strip()) for level, text in headings]
        assert len(texts) == len(set(texts)), page


def test_pages_that_link_here_are_listed_up_to_a_limit_then_searched(monkeypatch) -> None:
    """A popular term is mentioned by hundreds of pages: each kind lists a few, says how many more, and search finds them."""
    import jinja2

    import kb
    from kb.links import graph
    from kb.views import page_view as views

    monkeypatch.setattr(views, "LINKING_HERE_LIMIT", 1)
    knowledge_base = kb.check(FIXTURE_CONTENT)
    concept = knowledge_base.by_slug["fixture-champion"]
    view = views.page_view(knowledge_base, graph.build(knowledge_base), concept, views.Site("https://example.org/"))
    linking = view["related"]["linking_here"]
    cases = next(group for group in linking["groups"] if group["type"] == "case-study")
    assert len(cases["links"]) == 1 and cases["more"] >= 1
    assert linking["count"] == sum(len(g["links"]) + g["more"] for g in linking["groups"])
    assert linking["search_url"] == "../../search/?q=FC"  # the term's acronym, as readers search for it
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(FIXTURE_CONTENT).parents[2] / "theme_overrides"))
    html = env.get_template("partials/kb/related.html").render(kb=view)
    assert f"And {cases['more']} more case studies." in html
    assert '<a href="../../search/?q=FC">Search for every page that mentions it</a>' in html


def test_a_guide_lists_a_stages_strongest_recommendations_then_links_to_the_filtered_finder(monkeypatch) -> None:
    import kb
    from kb.links import graph
    from kb.views import page_view as views
    from kb.views import type_views

    knowledge_base = kb.check(FIXTURE_CONTENT)
    guide = knowledge_base.by_slug["fixture-peer-review-guide"]
    site = views.Site("https://example.org/")
    every = views.page_view(knowledge_base, graph.build(knowledge_base), guide, site)["stages"]
    assert every and not any(stage["more"] for stage in every)
    monkeypatch.setattr(type_views, "STAGE_LIST_LIMIT", 0)
    capped = views.page_view(knowledge_base, graph.build(knowledge_base), guide, site)["stages"]
    first = capped[0]
    assert first["recommendations"] == [] and first["more"] and first["all_count"] >= 1
    assert first["all_url"] == f"../../recommendations/?theme=peer-review&stage={first['id']}"
