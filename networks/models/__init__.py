from .category import Category
from .message import NetworkMessage
from .network import Audience, Network

__all__ = ["Audience", "Category", "Network", "NetworkMessage"]
