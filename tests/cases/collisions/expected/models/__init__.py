"""Models of Collisions."""

from .thing import Thing
from .thing1 import Thing1
from .thing2 import Thing2
from .holder import Holder
from .holder_some_name import HolderSomeName

__all__ = [
    "Thing",
    "Thing1",
    "Thing2",
    "Holder",
    "HolderSomeName",
]
