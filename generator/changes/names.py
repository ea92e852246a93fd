"""Part of `changes`: the generated Python names a change touches.

The spec is built into the IR exactly as `generate` builds it, so the names
are the ones user code imports. Each model and field records the pointer it
came from; a change is named after the nearest enclosing field
(`RealtimeSession.turn_detection`) or model.
"""

from __future__ import annotations

from ..build import build_document
from .schema import Side


class Names:
    """Pointer → `Model` or `Model.attribute`, built on first use."""

    def __init__(self, side: Side, operation_models: bool) -> None:
        self.side = side
        self.operation_models = operation_models
        self._table: dict[str, str] | None = None

    def table(self) -> dict[str, str]:
        if self._table is None:
            self._table = {}
            try:
                document, _ = build_document(self.side.files, self.operation_models)
            except Exception:  # naming is a courtesy; the comparison stands without it
                return self._table
            for model in document.models:
                self._table.setdefault(self._key(model.source), model.name)
            for model in document.models:
                for field in model.fields:
                    self._table[self._key(field.pointer)] = f"{model.name}.{field.attr}"
        return self._table

    def _key(self, source: str) -> str:
        file, _, pointer = source.rpartition("#")
        return pointer if file == self.side.files.root_display else source

    def lookup(self, where: str) -> str:
        if not where:
            return ""
        table = self.table()
        place = where
        while place and not place.endswith("#"):
            if place in table:
                return table[place]
            place = place.rpartition("/")[0]
        return ""
