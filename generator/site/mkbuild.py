"""MkDocs' build (`mkdocs.commands.build.build`), with the pages shared by processes.

Rendering a page (Markdown to HTML, then the theme) is independent of every
other page once the files and the navigation are known, and it is most of
the time of a big site. So the parent does what MkDocs does up to that
point and builds the theme's own pages (404, sitemap), then forked workers
each render a share of the pages. Without `fork` (or for a
small site) it is MkDocs' own build.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any

SERIAL_BELOW = 300  # pages; below this a worker costs more than it saves
_JOB: dict[str, Any] = {}


def build(config: Any) -> list[str]:
    """Build the site of `config`; returns the warnings the workers logged."""
    from mkdocs import utils
    from mkdocs.commands import build as mk
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    pages_count = len(config.plugins["modelgen/pages"].pages)
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or pages_count < SERIAL_BELOW or "fork" not in _methods():
        mk.build(config)
        return []
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
    files.copy_static_files()
    for template in config.theme.static_templates:
        mk._build_theme_template(template, env, files, config, nav)
    _JOB.update(config=config, files=files, doc_files=doc_files, nav=nav, env=env)
    _JOB.update(workers=workers)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            notes = [n for share in pool.map(_work, range(workers)) for n in share]
    finally:
        _JOB.clear()
    config.plugins.on_post_build(config=config)
    return notes


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()


class _Notes(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _work(index: int) -> list[str]:
    """In a worker: render every `workers`-th page, from `index`."""
    from mkdocs.commands import build as mk

    job = _JOB
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)  # the parent's collector: its list stays there
    notes = _Notes()
    logger.addHandler(notes)
    for file in job["doc_files"][index :: job["workers"]]:
        mk._populate_page(file.page, job["config"], job["files"])
        mk._build_page(
            file.page, job["config"], job["doc_files"], job["nav"], job["env"]
        )
    return notes.messages
