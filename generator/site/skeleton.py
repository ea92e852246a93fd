"""The theme's page template rendered once, then filled in for each model page.

The Material template costs as much as a page's Markdown, and for the model
pages (outside the navigation, all one folder deep, no page settings) it
gives the same HTML except for four things: the page title, the content,
the table of contents and the "skip to content" link. So the template is
rendered once with a marker for each of them, and every such page is the
markers replaced by its own values; the table of contents is the theme's
own partial, rendered per page.

The skeleton proves itself on the first page it would serve: that page is
also rendered the full way, and unless the two are the same text every page
gets the full template (`Skeleton.active` then says so).
"""

from __future__ import annotations

import copy
import re
from typing import Any

import jinja2

_MARK = "\ue000"  # a private-use character: no page or theme text has it
TITLE, CONTENT, TOC, SKIP = (f"{_MARK}{name}{_MARK}" for name in "TCOS")
_FILLS = re.compile(f"{_MARK}[TCOS]{_MARK}")
_PLAIN_TITLE = re.compile(r"[A-Za-z0-9_.-]+")
_PAGE_SETTINGS = {"search"}  # the only front matter a skeleton page may have
TOC_TEMPLATE = "partials/toc.html"


def _fits(page: Any, context: Any) -> bool:
    """A page the skeleton renders as the theme would: a model page, in short."""
    toc = list(page.toc)
    return bool(
        page.parent is None
        and not page.is_homepage
        and page.previous_page is None
        and page.next_page is None
        and page.canonical_url is None
        and set(page.meta) <= _PAGE_SETTINGS
        and isinstance(page.title, str)
        and _PLAIN_TITLE.fullmatch(page.title)
        and page.content
        and "<h1" in page.content
        and _MARK not in page.content
        and toc
        and toc[0].url.startswith("#")
        and context.get("base_url") == ".."
    )


class Skeleton:
    """Renders a page's template, from the skeleton where the page fits it."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.parts: list[str] = []
        self.marks: list[str] = []
        self.lang: Any = None
        self.active = True

    def render(self, template: Any, context: Any, page: Any) -> str:
        if not (self.active and template.name == "main.html" and _fits(page, context)):
            return str(template.render(context))
        if not self.parts:
            return self._first(template, context, page)
        return self._fill(context, page)

    def _first(self, template: Any, context: Any, page: Any) -> str:
        full = str(template.render(context))
        probe = copy.copy(page)
        probe.title, probe.content, probe.toc = TITLE, CONTENT + "<h1", [_Anchor()]
        marked = self.env.overlay(loader=_TocMarker(self.env.loader))
        text = str(marked.get_template("main.html").render(dict(context, page=probe)))
        text = text.replace(CONTENT + "<h1", CONTENT).replace("#" + SKIP, SKIP)
        self.parts, self.marks = _FILLS.split(text), _FILLS.findall(text)
        language = self.env.get_template("partials/language.html")
        self.lang = language.make_module(dict(context))
        if text.count(TOC) != 1 or self._fill(context, page) != full:
            self.active = False
        return full

    def _fill(self, context: Any, page: Any) -> str:
        toc = self.env.get_template(TOC_TEMPLATE).render(dict(context, lang=self.lang))
        values = {
            TITLE: page.title,
            CONTENT: page.content,
            TOC: toc,
            SKIP: list(page.toc)[0].url,
        }
        out = [self.parts[0]]
        for mark, part in zip(self.marks, self.parts[1:]):
            out += [values[mark], part]
        return "".join(out)


class _Anchor:
    """A table-of-contents entry (what the theme reads of one) leading to the marker."""

    url = "#" + SKIP
    title = ""
    level = 1
    children: list[Any] = []


class _TocMarker(jinja2.BaseLoader):
    """The theme's templates, but the table-of-contents partial is a marker."""

    def __init__(self, loader: jinja2.BaseLoader) -> None:
        self.loader = loader

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        if template == TOC_TEMPLATE:
            return TOC, None, lambda: True
        return self.loader.get_source(environment, template)
