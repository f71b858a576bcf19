"""The 'Share your practice' page: the routes to send a case study without Git, and the Word template it offers."""

from __future__ import annotations

import math
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from kb.content.addresses import SHARE_PAGE
from kb.content.knowledge_base import Entry, KnowledgeBase
from kb.content.models import CaseStudy
from kb.content.page_types import FOLDERS
from kb.output import submission, word_template
from kb.views.generated import GeneratedPage
from kb.views.urls import finder_url, page_url, relative

TEMPLATE_FILE = "share-your-practice/case-study-template.docx"
"""Where the build writes the Word template (the folder is the page's reserved address)."""
MARKDOWN = (
    "---\ntitle: Share your practice\n"
    "description: How to send your partnership's case study to the knowledge base, by email or in Word,"
    " with no account, and what happens next.\n---\n"
)


def page(
    kb: KnowledgeBase,
    *,
    site_name: str,
    site_url: str,
    repo_url: str,
    contact_email: str | None,
    directory_urls: bool = True,
) -> tuple[GeneratedPage, dict[str, bytes]]:
    """The page with its template data, and the files it links to (by site path)."""
    base = page_url(SHARE_PAGE, directory_urls)
    docx = word_template.document(
        kb.vocabulary,
        site_name=site_name,
        share_url=urljoin(site_url or "/", page_url(SHARE_PAGE)),
        contact_email=contact_email,
    )
    on_github = urlsplit(repo_url).netloc == "github.com"
    example = _example(kb)
    data: dict[str, Any] = {
        "email": contact_email,
        "mailto": submission.mailto(contact_email) if contact_email else None,
        "email_subject": submission.EMAIL_SUBJECT,
        "template": {"url": relative(TEMPLATE_FILE, base), "size": f"{math.ceil(len(docx) / 1000)} KB"},
        "issue_url": f"{repo_url.rstrip('/')}/issues/new?template={PurePosixPath(submission.ISSUE_FORM).name}"
        if on_github
        else None,
        "contributing_url": f"{repo_url.rstrip('/')}/blob/main/CONTRIBUTING.md" if repo_url else None,
        "editor_url": relative("admin/", base) + f"#/collections/{FOLDERS[submission.SUBMITTED_TYPE]}/new",
        "finder_url": relative(finder_url(submission.SUBMITTED_TYPE, directory_urls), base),
        "example": example
        and {"title": example.title, "url": relative(page_url(example.src_uri, directory_urls), base)},
        "checklist_title": submission.CHECKLIST_TITLE,
        "checklist": [{"lead": lead, "how": how} for lead, how in submission.CHECKLIST],
        "sections": [s.heading for s in submission.sections()],
    }
    return GeneratedPage(SHARE_PAGE, MARKDOWN, "kb/share.html", "share", data, searched=True), {TEMPLATE_FILE: docx}


def _example(kb: KnowledgeBase) -> Entry | None:
    """A case study to show as an example: a practitioner's own account if there is one (what a submission becomes),
    the one that illustrates most recommendations."""
    ranked = []
    for entry in kb.of_type(submission.SUBMITTED_TYPE):
        case = entry.page
        if isinstance(case, CaseStudy):
            own = bool(case.contributed_by) or "practitioner-account" in case.evidence_type
            ranked.append((not own, -len(case.illustrates), entry.title, entry.src_uri))
    return kb.entries[min(ranked)[-1]] if ranked else None
