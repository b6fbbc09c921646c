"""The kinds of meeting and advice themes every site starts with (staff add
more in admin). Loaded by migration 0002 (a copy) and by the demo."""

# name, slug, a scrutiny session
MEETING_KINDS = [
    ("Quarterly meeting", "quarterly-meeting", False),
    ("Stop and search scrutiny", "stop-and-search-scrutiny", True),
    ("Body-worn video review", "body-worn-video-review", True),
    ("Custody visit", "custody-visit", True),
    ("Complaints and conduct review", "complaints-and-conduct-review", True),
]
THEMES = [
    ("Stop and search", "stop-and-search"),
    ("Use of force", "use-of-force"),
    ("Custody", "custody"),
    ("Community tension", "community-tension"),
    ("Complaints and conduct", "complaints-and-conduct"),
    ("Policy and procedure", "policy-and-procedure"),
    ("Communication with communities", "communication"),
]
