"""Runtime support shared by the generated models of Multi-file.

Every model validates strictly (no silent coercion: "5" is not an
integer), keeps unknown properties unless the schema closes the object,
and writes back exactly the properties it read: to_dict omits the ones
that were absent and keeps explicit nulls."""

from __future__ import annotations

from typing import (
    Annotated,
    Any,
    Dict,
    Generic,
    List,
    Mapping,
    Optional,
    Self,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    RootModel,
    Strict,
)
from pydantic_core import to_jsonable_python

__all__ = [
    "ApiModel",
    "ApiRoot",
    "Lax",
    "NotBool",
    "NotNull",
    "Omittable",
    "Presence",
    "TagBy",
    "UniqueItems",
    "also_valid",
]


def _reject_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may not be null")
    return value


def _reject_duplicates(items: List[Any]) -> List[Any]:
    seen = set()
    for item in items:
        key = repr(to_jsonable_python(item, by_alias=True))
        if key in seen:
            raise ValueError("items must be unique")
        seen.add(key)
    return items


def _reject_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("a boolean is not one of the allowed numbers")
    return value


NotNull = AfterValidator(_reject_null)
"""For optional properties that the schema does not let be null."""

NotBool = BeforeValidator(_reject_bool)
"""For numeric enums and constants, which Python's `True == 1` would otherwise satisfy."""

UniqueItems = AfterValidator(_reject_duplicates)
"""For arrays with ``uniqueItems: true``."""

T = TypeVar("T")

Omittable = Annotated[Optional[T], NotNull]
"""A property that may be left out but, when present, may not be null."""

Lax = Annotated[T, Strict(False)]
"""Accepts the JSON form (ISO date strings, enum values) in strict models."""


class TagBy:
    """Chooses the members of a discriminated union that may hold a value.

    `values` maps each known value of the tag property to a choice (a member's
    class name, or several joined by "|"); `other` is the choice for any other
    string, `absent` for a value without the property, `null` for a null tag,
    `other_json` for any other JSON value. None means no member can hold the
    value, which pydantic reports as a validation error naming the tag.
    """

    def __init__(
        self,
        prop: str,
        values: Dict[str, str],
        *,
        absent: Optional[str] = None,
        other: Optional[str] = None,
        null: Optional[str] = None,
        other_json: Optional[str] = None,
    ) -> None:
        self.prop = prop
        self.values = values
        self.absent = absent
        self.other = other
        self.null = null
        self.other_json = other_json
        self.__name__ = f"tag_by_{prop}"
        self._known = set(values.values()) | {
            c for c in (absent, other, null, other_json) if c
        }

    def __call__(self, value: Any) -> Optional[str]:
        if isinstance(
            value, BaseModel
        ):  # a model instance: its class, or the nearest base that is a member
            for cls in value.__class__.__mro__:
                if cls.__name__ in self._known:
                    return cls.__name__
            value = value.model_dump(by_alias=True)
        if not isinstance(value, dict):
            return None
        if self.prop not in value:
            return self.absent
        tag = value[self.prop]
        if isinstance(tag, str):
            return self.values.get(tag, self.other)
        return self.null if tag is None else self.other_json


class Presence:
    """Which properties of an object go together.

    From a schema's `anyOf`/`oneOf` of `required` lists (at least one /
    exactly one of the sets fully present) and `not: {required: [...]}`
    (never all of a set). Checks the JSON object before field validation.
    """

    def __init__(
        self,
        *,
        any_of: Tuple[Tuple[str, ...], ...] = (),
        one_of: Tuple[Tuple[str, ...], ...] = (),
        none_of: Tuple[Tuple[str, ...], ...] = (),
    ) -> None:
        self.any_of = any_of
        self.one_of = one_of
        self.none_of = none_of

    @staticmethod
    def _show(sets: Tuple[Tuple[str, ...], ...]) -> str:
        return " or ".join("+".join(names) for names in sets)

    def check(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        if self.any_of and not any(
            all(n in data for n in names) for names in self.any_of
        ):
            raise ValueError(f"needs at least one of: {self._show(self.any_of)}")
        if (
            self.one_of
            and sum(all(n in data for n in names) for names in self.one_of) != 1
        ):
            raise ValueError(f"needs exactly one of: {self._show(self.one_of)}")
        for names in self.none_of:
            if all(n in data for n in names):
                raise ValueError(f"must not have all of: {'+'.join(names)}")


def also_valid(data: Any, *models: Type[BaseModel]) -> None:
    """For `allOf` of a union and an object: the JSON object must also be valid as each model."""
    if isinstance(data, dict):
        for model in models:
            model.model_validate(data)


class ApiModel(BaseModel):
    """Base class of the object models."""

    model_config = ConfigDict(
        strict=True,
        extra="allow",
        protected_namespaces=(),
    )

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any]) -> Self:
        """Validate a JSON object (as Python data) into a model."""
        return cls.model_validate(obj)

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object (as Python data): wire names, absent stays absent."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Self:
        """Validate JSON text into a model."""
        return cls.model_validate_json(text)

    def to_json(self) -> str:
        """JSON text: wire names, absent stays absent."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)


RootT = TypeVar("RootT")


class ApiRoot(RootModel[RootT], Generic[RootT]):
    """Base class of models whose value is not an object (unions, arrays, maps)."""

    model_config = ConfigDict(strict=True)

    @classmethod
    def from_dict(cls, obj: Any) -> Self:
        """Validate a JSON value (as Python data) into a model."""
        return cls.model_validate(obj)

    def to_dict(self) -> Any:
        """The JSON value (as Python data)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> Self:
        """Validate JSON text into a model."""
        return cls.model_validate_json(text)

    def to_json(self) -> str:
        """JSON text."""
        return self.model_dump_json(by_alias=True, exclude_unset=True)
