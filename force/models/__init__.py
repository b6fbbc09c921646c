from .force import District, ForceProfile, UnitResponsibility
from .objectives import EqualityObjective

__all__ = ["District", "EqualityObjective", "ForceProfile", "UnitResponsibility"]
