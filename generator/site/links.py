"""Every link of the built site checked: in-site links lead to a page and anchor.

Pages are read with a regular expression (the theme writes plain,
double-quoted attributes), which is fast enough for thousands of pages.
Links to other sites are checked for a well-formed address only (the build
has no network). Each problem is a warning naming the source page and target.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_EXTERNAL_SCHEMES = ("http", "https", "mailto")


@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    external: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page, target)

    @property
    def links(self) -> int:
        return self.internal + self.external


def source_of(page: str) -> str:
    """The Markdown page an HTML page was built from (`Foo/index.html` → `Foo.md`)."""
    if page == "index.html":
        return "README.md"
    if page.endswith("/index.html"):
        return page[: -len("/index.html")] + ".md"
    return page


Scan = tuple[set[str], list[str]]  # a page's ids, and the links it has (each once)


def scan(text: str) -> Scan:
    """What the link check needs of one built page."""
    hrefs = dict.fromkeys(html.unescape(h) for h in _HREF.findall(text))
    return set(_ID.findall(text)), list(hrefs)


def check_site(site: Path, scanned: dict[str, Scan] | None = None) -> LinkReport:
    """Check every link of the site; `scanned`: pages already scanned, by path."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    dirs = {d.rsplit("/", 1)[0] for d in files if "/" in d}
    scans = dict(scanned or {})
    for page in files - set(scans):
        if page.endswith(".html"):
            scans[page] = scan((site / page).read_text(encoding="utf-8"))
    ids = {page: found[0] for page, found in scans.items()}
    report = LinkReport(pages=sum(1 for p in scans if p != "404.html"))
    for page in sorted(scans):
        if page == "404.html":
            continue  # the theme's page for any address: its links are absolute
        for href in scans[page][1]:
            if not _check(page, href, files, dirs, ids, report):
                report.broken.append((source_of(page), href))
    return report


def _check(
    page: str,
    href: str,
    files: set[str],
    dirs: set[str],
    ids: dict[str, set[str]],
    report: LinkReport,
) -> bool:
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        report.external += 1
        return parts.scheme in _EXTERNAL_SCHEMES and bool(parts.netloc or parts.path)
    report.internal += 1
    if parts.path.startswith("/"):
        return False  # a site-relative link: it depends on where the site is served
    target = page
    if parts.path:
        target = posixpath.normpath(
            posixpath.join(posixpath.dirname(page), unquote(parts.path))
        )
        if target == ".." or target.startswith("../"):
            return False
        if target == "." or target in dirs:
            target = "index.html" if target == "." else f"{target}/index.html"
        if target not in files:
            return False
    anchor = unquote(parts.fragment)
    return not anchor or anchor in ids.get(target, ())
