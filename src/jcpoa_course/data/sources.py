"""The documents the course cites besides the report: the report's own footnotes and public records.

A source names its original: who issued it (a government body, a court of record such as the
Federal Register, a news organisation of record, a research institute), its title, its date and,
where it has one, its official number (E.O. 13846, FR Doc. 2018-17068, SC/14277, OFAC FAQ 597...).
The link goes to the issuer's own page or to a publication of record; where only a copy could be
found, ``link_is_copy`` says so and the entry still names the original. Hosts no syllabus would
cite (feed mirrors, document-sharing sites, aggregators, partisan sites) are refused at load time
by the deny-list in ``denied-hosts.txt``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationInfo, field_validator, model_validator

SourceKind = Literal["primary-document", "news-of-record", "analysis", "report-footnote"]

KIND_LABELS: dict[str, str] = {
    "report-footnote": "The report's own footnotes",
    "primary-document": "Primary documents",
    "news-of-record": "News of record",
    "analysis": "Analysis",
}


def read_host_list(path: Path) -> frozenset[str]:
    """Hosts listed one per line (``#`` starts a comment), lower-cased and without ``www.``."""
    hosts = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        host = line.split("#", 1)[0].strip().lower().removeprefix("www.")
        if host:
            hosts.add(host)
    return frozenset(hosts)


def host_of(url: object) -> str:
    """The host of a URL, lower-cased and without ``www.``."""
    host = getattr(url, "host", None) or ""
    return host.lower().removeprefix("www.")


def host_listed(host: str, hosts: frozenset[str]) -> bool:
    """True when ``host`` or one of its parent domains is in ``hosts`` (``a.rssing.com`` matches ``rssing.com``)."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in hosts for i in range(len(parts) - 1))


class SourceDocument(BaseModel):
    """A document a fact rests on, identified well enough to find the original without the link."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: SourceKind
    issuer: str = Field(min_length=2, description="The issuing body or the publisher of record.")
    author: str | None = Field(default=None, description="Named author(s), when the document has them.")
    title: str
    date: str = Field(pattern=r"^\d{4}(-\d{2}){0,2}$", description="The document's date (YYYY, YYYY-MM or YYYY-MM-DD).")
    number: str | None = Field(default=None, description="Official number: E.O., FR Doc., UN symbol, press release...")
    url: HttpUrl | None = None
    link_is_copy: bool = Field(default=False, description="The link is a copy, not the issuer's own page.")
    unlinked: str | None = Field(default=None, description="Why no acceptable link exists (then `url` is empty).")
    note: str | None = Field(default=None, description="What the source does not state, or a mismatch found.")
    cited_on_pages: tuple[int, ...] = Field(default=(), description="For footnotes: where the report cites it.")
    fact_sheet_id: str | None = Field(default=None, description="Id in the project's checked fact sheet.")
    confidence: Literal["high", "medium"] | None = Field(
        default=None, description="How well the source confirms the fact; 'low' facts are never used."
    )

    @field_validator("url")
    @classmethod
    def _not_a_denied_host(cls, url: HttpUrl | None, info: ValidationInfo) -> HttpUrl | None:
        denied = (info.context or {}).get("denied_hosts", frozenset())
        if url is not None and host_listed(host_of(url), denied):
            raise ValueError(
                f"host '{host_of(url)}' is on the deny-list (data/denied-hosts.txt): "
                "link the issuer's own page or a publication of record"
            )
        return url

    @model_validator(mode="after")
    def _linked_or_explained(self) -> SourceDocument:
        if self.url is None and not self.unlinked:
            raise ValueError("a source needs a 'url', or 'unlinked' saying why no acceptable copy exists")
        return self

    @property
    def is_public_record(self) -> bool:
        """A document the course cites for later facts (anything but the report's own footnotes)."""
        return self.kind != "report-footnote"

    @property
    def host(self) -> str:
        return host_of(self.url) if self.url is not None else ""
