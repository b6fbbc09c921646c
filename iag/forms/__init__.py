from .apply import STEP_FORMS, CheckAnswersForm, CommunitiesForm, DetailsForm, EqualityForm, GroupsForm, WhyJoinForm

__all__ = [
    "STEP_FORMS",
    "CheckAnswersForm",
    "CommunitiesForm",
    "DetailsForm",
    "EqualityForm",
    "GroupsForm",
    "WhyJoinForm",
]
