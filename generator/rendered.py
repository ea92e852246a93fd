"""What stage 3 makes and stage 5 writes (`RenderedFile`), and the templates the
files come from: their folder and digest. Light to import: the fast path of a
run that has nothing to do needs these, and not the renderer."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class RenderedFile:
    path: str  # relative, "/"-separated
    text: str

    @property
    def is_python(self) -> bool:
        return self.path.endswith(".py")


def template_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("modelgen templates are missing from the installation")


@functools.lru_cache(maxsize=1)
def templates_digest() -> str:
    """sha256 over every template: part of the cache and manifest keys."""
    digest = hashlib.sha256()
    for path in sorted(template_dir().rglob("*.jinja")):
        digest.update(path.relative_to(template_dir()).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
