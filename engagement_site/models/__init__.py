from .feedback import Feedback
from .force import District, ForceProfile
from .notifications import Notification
from .objectives import EqualityObjective
from .submissions import FormSubmission

__all__ = ["District", "EqualityObjective", "Feedback", "ForceProfile", "FormSubmission", "Notification"]
