"""`modelgen docs --site`: a static docs site (MkDocs + Material) from the Markdown pages.

The pages are the ones `docs` writes, rendered again in memory; next to them
the site gets a page per operation tag (the navigation), the change report
when asked for, the theme's search fed with an index made from the models,
and mermaid's script served from the site. The build runs in a temporary
folder; only the finished site is moved into place. Every link of the built
site is then checked.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import ConfigError
from ..diagnostics import Diagnostic, warning
from ..ir import Document
from ..pipeline import Request, effective_package
from ..produce import Result, prepare
from ..render import doc_files, environment
from ..render.markdown import Md, anchor, index_view
from .links import LinkReport, Scan, check_site
from .search import search_index

# In a site folder modelgen built (and may replace). Not `.modelgen-…`: a run that
# writes the output removes such files as its own temporaries (`atomic`).
MARKER = ".modelgen.site"
OLD_MARKERS = (".modelgen-site",)  # the name earlier versions wrote
MERMAID = "assets/modelgen/mermaid.min.js"
CSS = "assets/modelgen/site.css"


@dataclass(frozen=True)
class SiteResult:
    site: Path
    pages: int
    links: LinkReport
    warnings: list[Diagnostic]

    def line(self) -> str:
        return (
            f"site: {self.pages} pages, {self.links.links} links checked "
            f"({len(self.links.broken)} broken) in {self.site}"
        )


def site_dir(request: Request, given: str = "") -> Path:
    return Path(given) if given else Path(request.output) / "site"


def build_site(
    request: Request,
    target: Path,
    changes_from: str = "",
    produced: Result | None = None,
) -> SiteResult:
    """Build the site for `request`'s spec into `target` (replaced if modelgen made it).

    `produced`: what `generate` just made for `request`; its models and pages are
    used instead of reading the spec again."""
    from .assets import mermaid_js

    _check_target(target)
    document, pages = _pages(request, produced)
    tags = tag_pages(document, request.link_base)
    pages.update({path: text for path, _, text in tags})
    changes = _changes(request, changes_from)
    if changes:
        pages["changes.md"] = changes
    target.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=".modelgen-site-", dir=target.parent))
    try:
        with tempfile.TemporaryDirectory(prefix="modelgen-site-") as empty:
            config = (
                environment()
                .get_template("site/mkdocs.yml.jinja")
                .render(
                    title=document.title or "Models",
                    docs_dir=empty,
                    site_dir=str(built),
                    changes=bool(changes),
                    mermaid=MERMAID,
                    css=CSS,
                    tags=[{"title": title, "path": path} for path, title, _ in tags],
                )
            )
            notes, scans = _mkdocs_build(config, pages, mermaid_js())
        extra = [("", "Models", "All models")] + [
            (path[:-3] + "/", title, title) for path, title, _ in tags
        ]
        (built / "search").mkdir(exist_ok=True)
        (built / "search" / "search_index.json").write_text(
            search_index(document, extra), encoding="utf-8"
        )
        report = check_site(built, scans)
        (built / MARKER).write_text("built by modelgen docs --site\n", encoding="utf-8")
        _swap(built, target)
    finally:
        if built.exists():
            shutil.rmtree(built)
    warnings = notes + [
        warning(f"docs/{page}", "", f"broken link to {href!r}")
        for page, href in report.broken
    ]
    return SiteResult(target, report.pages, report, warnings)


def _pages(
    request: Request, produced: Result | None
) -> tuple[Document, dict[str, str]]:
    """The models and the Markdown pages (by path under docs/) of `request`."""
    if (
        produced is not None
        and produced.document is not None
        and request.docs
        and produced.in_part < 0  # a partial run's files are only what it rendered
    ):
        files = produced.files
        document = produced.document
    else:
        document, _ = prepare(request)
        files = doc_files(
            document,
            effective_package(request),
            request.link_base,
            request.model_target(),
        )
    prefix = "docs/"
    return document, {
        f.path[len(prefix) :]: f.text for f in files if f.path.startswith(prefix)
    }


def _check_target(target: Path) -> None:
    if target.is_file() or (
        target.is_dir()
        and any(target.iterdir())
        and not any((target / m).is_file() for m in (MARKER, *OLD_MARKERS))
    ):
        raise ConfigError(
            f"{target}: exists and was not built by modelgen; choose another site folder"
        )


def tag_pages(document: Document, link_base: str = "") -> list[tuple[str, str, str]]:
    """(path, title, Markdown) of a page per operation tag, and one for untagged models."""
    view = index_view(document, link_base)
    summaries = {item["name"]: item["summary"] for item in view["models"]}
    template = environment().get_template("site/tag.md.jinja")
    groups: list[tuple[str, list[str]]] = [
        (g["tag"], g["models"]) for g in view["groups"]
    ]
    untagged = sorted(
        (str(m.name) for m in document.models if not m.tags), key=str.lower
    )
    if untagged and groups:
        groups.append(("", untagged))
    pages, used = [], set()
    for tag, names in groups:
        slug = base = anchor(tag) or ("untagged" if not tag else "tag")
        count = 1
        while slug in used:
            count += 1
            slug = f"{base}-{count}"
        used.add(slug)
        title = tag or "Other models"
        items = [{"name": n, "summary": summaries[n]} for n in names]
        text = template.render(title=title, tag=tag, models=items)
        pages.append((f"tags/{slug}.md", title, text))
    return pages


def _changes(request: Request, changes_from: str) -> str:
    """The "Changes" page: from `changes_from` when given, else the report of the
    output's last regeneration (see `lastchange`), else none ("")."""
    from ..lastchange import last_report

    if changes_from:
        return changes_page(changes_from, request.spec)
    kept = last_report(request.output)
    return changes_markdown(*kept) if kept else ""


def changes_page(old_spec: str, new_spec: str) -> str:
    from ..changes.command import Options, run

    report, _, _ = run(Options(old_spec, new_spec, "markdown"))
    return changes_markdown(os.path.basename(old_spec), report)


def changes_markdown(old_name: str, report: str) -> str:
    return (
        environment()
        .get_template("site/changes.md.jinja")
        .render(old=old_name, report=Md(report))
    )


def _swap(built: Path, target: Path) -> None:
    """Put the new site in place; the old one is removed afterwards."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(built, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _Pages:
    """An MkDocs plugin: the pages and assets from memory instead of a docs folder."""

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        page.meta["search"] = {"exclude": True}  # the index is written from the models
        return markdown

    def __init__(self, pages: dict[str, str], mermaid: Path) -> None:
        self.pages = pages
        self.mermaid = mermaid

    def on_files(self, files: Any, config: Any) -> Any:
        from mkdocs.structure.files import File

        for rel, text in self.pages.items():
            files.append(File.generated(config, rel, content=text))
        files.append(File.generated(config, MERMAID, abs_src_path=str(self.mermaid)))
        env = environment()
        files.append(
            File.generated(
                config, CSS, content=env.get_template("site/site.css.jinja").render()
            )
        )
        prelude = env.get_template("site/search-worker.js.jinja").render()
        for theme_file in list(files):
            uri = theme_file.src_uri
            if uri.startswith("assets/javascripts/workers/search.") and uri.endswith(
                ".js"
            ):
                content = (
                    prelude + "\n" + Path(theme_file.abs_src_path).read_text("utf-8")
                )
                files.remove(theme_file)
                files.append(File.generated(config, uri, content=content))
        return files


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _mkdocs_build(
    config: str, pages: dict[str, str], mermaid: Path
) -> tuple[list[Diagnostic], dict[str, Scan]]:
    """Run MkDocs on the pages; its own warnings come back as diagnostics, with
    the pages it built scanned for the link check."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    from .mkbuild import build

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        loaded = load_config(io.StringIO(config))
        loaded.plugins["modelgen/pages"] = _Pages(pages, mermaid)  # type: ignore[assignment]
        messages, scans = build(loaded)
    finally:
        logger.removeHandler(handler)
    messages = [r.getMessage() for r in handler.records] + messages
    return [warning("mkdocs.yml", "", m) for m in messages], scans


__all__: list[Any] = ["build_site", "site_dir", "SiteResult", "tag_pages"]
