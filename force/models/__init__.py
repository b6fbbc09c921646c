from .force import District, ForceProfile
from .objectives import EqualityObjective

__all__ = ["District", "EqualityObjective", "ForceProfile"]
