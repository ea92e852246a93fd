"""Each page's HTML in the modelgen cache: a rebuild converts only the pages that changed.

Converting the Markdown is most of a site build, and after an edit of the
spec few pages change. An entry is what MkDocs' `Page.render` leaves on a
page (the HTML, the table of contents, the title, the anchors), stored
under the sha256 of everything the conversion reads: the page's path and
Markdown, the path of every file of the site (a link to a page that is not
there stays as written), modelgen's code and templates (the Markdown
settings are in `mkdocs.yml.jinja`), and the versions of the libraries.
Entries are checked when read (`cache.load`); a bad one is converted again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .. import cache
from ..distversion import installed_version
from ..fastpath import code_digest
from ..rendered import templates_digest

LIBRARIES = ("markdown", "mkdocs", "mkdocs-material", "pymdown-extensions")


def site_key(paths: list[str]) -> str:
    """The part of every page's key that the whole site shares."""
    versions = [f"{name} {installed_version(name)}" for name in LIBRARIES]
    parts = [code_digest(), templates_digest(), *versions, *sorted(paths)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class PageCache:
    def __init__(self, site: str) -> None:
        self.site = site
        self.root = cache.cache_dir() / "site-html"

    def _key(self, page: Any) -> str:
        text = f"{self.site}\0{page.file.src_uri}\0{page.markdown}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, page: Any) -> bool:
        """Set what rendering `page` would set, from the cache; False on a miss."""
        from mkdocs.structure.toc import get_toc

        key = self._key(page)
        payload = cache.load(self.root / key[:2] / key, key)
        if payload is None:
            return False
        data = json.loads(payload)
        page.content = data["content"]
        page.toc = get_toc(data["toc"])
        page._title_from_render = data["title"]
        page.present_anchor_ids = set(data["anchors"])
        return True

    def put(self, page: Any, toc_tokens: list[Any]) -> None:
        key = self._key(page)
        data = {
            "content": page.content,
            "toc": toc_tokens,
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids),
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        cache.store(self.root / key[:2] / key, key, payload.encode("utf-8"))
