from .feedback import Feedback
from .force import District, ForceProfile
from .notifications import Notification
from .submissions import FormSubmission

__all__ = ["District", "Feedback", "ForceProfile", "FormSubmission", "Notification"]
