from .contact import NetworkContactView, contact_sent
from .directory import detail, index, logo

__all__ = ["NetworkContactView", "contact_sent", "detail", "index", "logo"]
