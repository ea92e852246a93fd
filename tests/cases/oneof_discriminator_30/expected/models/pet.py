"""The Pet model."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Discriminator, Tag

from ._base import ApiRoot, TagBy
from .cat import Cat
from .dog import Dog
from .lizard import Lizard


class Pet(
    ApiRoot[
        Annotated[
            Union[
                Annotated[Cat, Tag("Cat")],
                Annotated[Dog, Tag("Dog")],
                Annotated[Lizard, Tag("Lizard")],
            ],
            Discriminator(
                TagBy("pet_type", {"cat": "Cat", "dog": "Dog", "Lizard": "Lizard"}),
                custom_error_type="discriminator_tag",
                custom_error_message="'pet_type' must be one of: cat, dog, Lizard",
            ),
        ]
    ]
):
    """In 3.0 the mapping decides which member a tag value goes to."""
