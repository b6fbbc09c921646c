"""Default wording of the decision emails. Staff edit it in admin; a data
migration and the demo loader create these rows if they are missing."""

DECISION_TEMPLATES = {
    "invited": {
        "subject": "Your application to {force} ({reference})",
        "body": (
            "Dear {name},\n\n"
            "Thank you for applying to join {groups}. We would like to meet you for an informal chat "
            "about the group and what being a member involves. Someone from the {unit} will "
            "contact you soon to agree a time that suits you.\n\n"
            "You can check your application at any time: {status_link}\n\n"
            "If you have any questions, call {phone}.\n\n"
            "{force} {unit}"
        ),
    },
    "accepted": {
        "subject": "Your application to {force} ({reference})",
        "body": (
            "Dear {name},\n\n"
            "We are pleased to tell you that you have been accepted as a member of {groups}. "
            "We will send you the dates of the next meeting and what to expect before it.\n\n"
            "You can check your application at any time: {status_link}\n\n"
            "If you have any questions, call {phone}.\n\n"
            "{force} {unit}"
        ),
    },
    "not_accepted": {
        "subject": "Your application to {force} ({reference})",
        "body": (
            "Dear {name},\n\n"
            "Thank you for applying to join {groups}. We are not able to offer you a place this time. "
            "This is often because a group already has members who speak for the same communities. "
            "You are welcome to apply again in future, and we would still like to hear your views.\n\n"
            "If you would like to talk about this, call {phone}.\n\n"
            "{force} {unit}"
        ),
    },
}

# The communities and subjects offered on the form; staff can add more in admin.
COMMUNITIES = [
    ("Race and ethnicity", "race", ""),
    ("Faith and belief", "faith", ""),
    ("Disability", "disability", "Including people with physical or mental health conditions, and carers"),
    ("Gypsy, Roma and Traveller communities", "gypsy-roma-traveller", ""),
    ("LGBT+ people", "lgbt", "Lesbian, gay, bisexual and trans people, and others"),
    ("Young people", "young-people", ""),
    ("Older people", "older-people", ""),
    ("Vulnerable people", "vulnerable-people", "For example people who are homeless or have been victims of abuse"),
    ("Migrants, refugees and asylum seekers", "migrants-refugees", ""),
    ("Rural communities", "rural", ""),
]
