from . import advice, meetings, members

__all__ = ["advice", "meetings", "members"]
