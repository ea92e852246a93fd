"""MkDocs' build (`mkdocs.commands.build.build`), with the pages shared by processes.

Rendering a page (Markdown to HTML, then the theme) is independent of every
other page once the files and the navigation are known, and it is most of
the time of a big site. So the parent does what MkDocs does up to that
point and builds the theme's own pages (404, sitemap), then forked workers
render the pages, a few at a time, the longest first (without `fork`, or
for a small site, the parent renders them all). Each worker converts its pages with one Markdown
converter, reset between pages, where MkDocs builds a new one per page.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
from typing import Any

from .htmlcache import PageCache, site_key
from .links import Scan, scan
from .skeleton import Skeleton

Share = tuple[list[str], dict[str, Scan]]  # a worker's warnings and scanned pages

SERIAL_BELOW = 300  # pages; below this a worker costs more than it saves
SHARE = 32  # pages a worker takes at a time: a busier core's worker takes fewer
_JOB: dict[str, Any] = {}  # the build, set before the workers fork
_WORKER: dict[str, Any] = {}  # a process's own converter and skeleton


def build(
    config: Any, skeleton: bool = True, cache: bool = True
) -> tuple[list[str], dict[str, Scan]]:
    """Build the site of `config`: the warnings the workers logged, and what the
    link check needs of each page they built (`links.scan`), by path.

    `skeleton=False`: every page through the theme's template (see `skeleton`);
    `cache=False`: every page converted (else see `htmlcache`)."""
    from mkdocs import utils
    from mkdocs.commands import build as mk
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    pages_count = len(config.plugins["modelgen/pages"].pages)
    workers = min(os.cpu_count() or 1, 4)
    if pages_count < SERIAL_BELOW or "fork" not in _methods():
        workers = 1
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    doc_files = list(files.documentation_pages())
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
    env = config.plugins.on_env(env, config=config, files=files)
    # jinja2's own cache is an LRU list scanned on every lookup, and the theme
    # looks a partial up for each include (a few per page): a plain dict instead.
    env.cache = dict(env.cache or {})
    files.copy_static_files()
    for template in config.theme.static_templates:
        mk._build_theme_template(template, env, files, config, nav)
    _JOB.update(config=config, files=files, doc_files=doc_files, nav=nav, env=env)
    _JOB.update(skeleton=skeleton)
    if cache:
        _JOB.update(cache=site_key([f.src_uri for f in files]))
    texts = config.plugins["modelgen/pages"].pages
    order = sorted(
        range(len(doc_files)), key=lambda i: -len(texts.get(doc_files[i].src_uri, ""))
    )  # the longest first: the shares left at the end are short
    try:
        if workers > 1:
            chunks = [order[i : i + SHARE] for i in range(0, len(order), SHARE)]
            shares = _shared(workers, chunks)
        else:
            shares = [_work(order)]
    finally:
        _JOB.clear()
        _WORKER.clear()
    notes = [n for share in shares for n in share[0]]
    scans = {page: found for share in shares for page, found in share[1].items()}
    config.plugins.on_post_build(config=config)
    return notes, scans


def _shared(workers: int, chunks: list[list[int]]) -> list[Share]:
    """Forked workers render the chunks of pages, each taking the next one when done."""
    gc.freeze()  # the parent's objects stay shared (no copy on the workers' collections)
    pool = multiprocessing.get_context("fork").Pool(workers, _quiet_signals)
    try:
        return pool.map(_work, chunks, chunksize=1)
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.close()
        pool.join()
        gc.unfreeze()


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


def _quiet_signals() -> None:
    """In a worker: Ctrl-C is the parent's to handle; SIGTERM (the pool's stop) just ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Notes(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _work(indices: list[int]) -> Share:
    """Render these pages (indices into the job's pages): the warnings logged
    meanwhile, and the pages scanned for the link check."""
    import markdown

    job = _JOB
    config, files = job["config"], job["files"]
    if not _WORKER:  # this process's first share: one converter for all its pages
        _WORKER["converter"] = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )
        _WORKER["skeleton"] = Skeleton(job["env"]) if job["skeleton"] else None
        _WORKER["cache"] = PageCache(job["cache"]) if job.get("cache") else None
    converter, skeleton = _WORKER["converter"], _WORKER["skeleton"]
    logger = logging.getLogger("mkdocs")
    kept = list(logger.handlers)  # in a worker, the parent's collector is out of reach
    for handler in kept:
        logger.removeHandler(handler)
    notes = _Notes()
    logger.addHandler(notes)
    scans = {}
    try:
        for file in (job["doc_files"][i] for i in indices):
            _populate(file.page, config, files, converter, _WORKER["cache"])
            written = _build(file.page, config, job, skeleton)
            scans[file.dest_uri] = scan(written)
    finally:
        logger.removeHandler(notes)
        for handler in kept:
            logger.addHandler(handler)
    return notes.messages, scans


def _populate(
    page: Any, config: Any, files: Any, converter: Any, cached: PageCache | None
) -> None:
    """MkDocs' `_populate_page`, with one Markdown converter for every page of a
    worker, and the HTML from the cache when it has the page."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        if cached is None or not cached.get(page):
            tokens = _render(page, config, files, converter.reset())
            if cached is not None:
                cached.put(page, tokens)
        page.content = config.plugins.on_page_content(
            page.content, page=page, config=config, files=files
        )
    finally:
        config._current_page = None


def _build(page: Any, config: Any, job: dict[str, Any], skeleton: Any) -> str:
    """MkDocs' `_build_page`: the theme's template (from the skeleton where it fits);
    returns the page written."""
    from mkdocs import utils
    from mkdocs.commands.build import get_context

    config._current_page = page
    page.active = True
    try:
        context = get_context(job["nav"], job["doc_files"], config, page)
        template = job["env"].get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(
            context, page=page, config=config, nav=job["nav"]
        )
        if skeleton is None:
            output = template.render(context)
        else:
            output = skeleton.render(template, context, page)
        output = config.plugins.on_post_page(output, page=page, config=config)
        if output.strip():
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            utils.write_file(data, page.file.abs_dest_path)
        return str(output)
    finally:
        page.active = False
        config._current_page = None


def _render(page: Any, config: Any, files: Any, converter: Any) -> list[Any]:
    """`Page.render` on a reset converter (building one per page is a quarter of
    the time); returns the table of contents as the converter gives it."""
    from mkdocs.structure import pages as mkpages
    from mkdocs.structure.toc import get_toc

    raw_html = mkpages._RawHTMLPreprocessor()
    raw_html._register(converter)
    anchors = mkpages._ExtractAnchorsTreeprocessor(page.file, files, config)
    anchors._register(converter)
    relative = mkpages._RelativePathTreeprocessor(page.file, files, config)
    relative._register(converter)
    title = mkpages._ExtractTitleTreeprocessor()
    title._register(converter)
    page.content = converter.convert(page.markdown)
    tokens = getattr(converter, "toc_tokens", [])
    page.toc = get_toc(tokens)
    page._title_from_render = title.title
    page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
    return list(tokens)
