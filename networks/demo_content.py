"""Demo networks for two forces, written for this site from the facts in each force's published pages."""

CATEGORIES = [
    ("Faith and belief", "faith-and-belief"),
    ("Heritage and identity", "heritage-and-identity"),
    ("Wellbeing and support", "wellbeing-and-support"),
    ("Working life", "working-life"),
]

OFFICERS_STAFF = ("officers", "staff")
EVERYONE = ("officers", "staff", "volunteers", "allies")

ESSEX = [
    {
        "name": "Agile Working Support Network",
        "category": "working-life",
        "join": OFFICERS_STAFF,
        "summary": "For colleagues who work remotely, flexibly or from more than one office.",
        "description": (
            "Agile working means different things to different people: working from home, splitting the week "
            "between sites, or a flexible office pattern. This network gives advice to anyone working that way.\n\n"
            "It also helps the force understand what each working pattern needs, so that one person's arrangement "
            "works for them and for the teams around them."
        ),
        "representative": "Network chair",
    },
    {
        "name": "Armed Forces Network",
        "category": "heritage-and-identity",
        "join": OFFICERS_STAFF,
        "summary": "Support for veterans, reservists, cadet leaders and the families who stand behind them.",
        "description": (
            "The network champions the Armed Forces Covenant inside the force. It supports colleagues who are "
            "veterans, reservists or cadet leaders, and colleagues who care for or are related to serving members, "
            "veterans, reservists or cadet leaders.\n\n"
            "Its work reaches beyond the workplace too: it backs veterans and their families in the wider community."
        ),
        "representative": "Network chair",
    },
    {
        "name": "Catholic Police Guild",
        "category": "faith-and-belief",
        "join": ("officers", "staff", "allies"),
        "founded": 1914,
        "summary": "A guild for Catholic officers and staff, with a friends section open to anyone interested.",
        "description": (
            "The guild began in 1914 in the Metropolitan Police, set up to look after the spiritual life of Catholic "
            "police officers. It has grown since then and now reaches forces across England and Wales.\n\n"
            "Police officers and police staff can become members. People who are not Catholic but have an interest "
            "in Catholic matters can join its friends section."
        ),
        "representative": "Guild representative",
    },
    {
        "name": "Christian Police Association",
        "category": "faith-and-belief",
        "join": OFFICERS_STAFF,
        "summary": "A national voice for Christians in policing, offering encouragement and fellowship.",
        "description": (
            "The association speaks nationally for Christians who work in policing. Locally it encourages and "
            "supports Christian officers and staff in their faith and their work."
        ),
        "representative": "Association representative",
    },
    {
        "name": "Disability and Carers Network",
        "category": "wellbeing-and-support",
        "join": OFFICERS_STAFF,
        "summary": "Improving working life for disabled colleagues and for colleagues who are carers.",
        "description": (
            "The network wants disabled colleagues and carers to have a better day-to-day experience at work, and "
            "wants the force to be seen as an employer people choose.\n\n"
            "It supports the force in being a Disability Confident organisation where everyone can do well and be "
            "themselves at work, and it is helping to build a workplace adjustment process that is quick and simple "
            "to use."
        ),
        "representative": "Network chair",
    },
    {
        "name": "Fairplay Advisers",
        "category": "working-life",
        "join": OFFICERS_STAFF,
        "summary": "A first port of call for fairness, equality or inclusion worries at work.",
        "description": (
            "If something at work does not feel fair, and it does not fit any other process, a Fairplay Adviser is "
            "someone to talk to first. Advisers help officers and staff with individual concerns about fairness, "
            "equality, diversity or inclusion."
        ),
        "representative": "Lead Fairplay Adviser",
    },
    {
        "name": "Help Forum",
        "category": "wellbeing-and-support",
        "join": OFFICERS_STAFF,
        "summary": "Support, information and guidance when life at work or at home gets difficult.",
        "description": (
            "The forum is there for officers and staff who are looking for help with a challenge, whether it "
            "started at work or at home. It offers a listening ear, information and pointers to the right support."
        ),
        "representative": "Forum chair",
    },
    {
        "name": "LGBTQ+ Network",
        "category": "heritage-and-identity",
        "join": EVERYONE,
        "summary": "Support for LGBTQ+ colleagues, and a voice on policy and on hate crime.",
        "description": (
            "The network supports lesbian, gay, bisexual, trans and queer colleagues and raises awareness of the "
            "issues they face, at work and in the wider community.\n\n"
            "It helps shape the force's internal policies and advises colleagues on how to respond to hate crime "
            "in the community."
        ),
        "representative": "Network chair",
    },
    {
        "name": "Menopause and Andropause Support Group",
        "category": "wellbeing-and-support",
        "join": EVERYONE,
        "summary": "Help for anyone going through the menopause or andropause, and for those supporting them.",
        "description": (
            "The group aims to help, support and guide officers, staff and volunteers who are going through the "
            "menopause or andropause themselves.\n\n"
            "It is just as much for people supporting someone else through it, such as managers, partners and "
            "friends."
        ),
        "representative": "Group lead",
    },
    {
        "name": "Men's Forum",
        "category": "wellbeing-and-support",
        "join": EVERYONE,
        "summary": "An open forum to talk about, or simply listen to, the issues that affect men.",
        "description": (
            "The forum welcomes everyone, whatever their ethnicity, sexuality or trans status. It is a place to "
            "drop the bravado and talk honestly about the things that affect men, or just come along and listen."
        ),
        "representative": "Forum chair",
    },
    {
        "name": "Multi Ethnic Support Association (MESA)",
        "slug": "mesa",
        "category": "heritage-and-identity",
        "join": OFFICERS_STAFF,
        "summary": "Fair treatment for multi-ethnic colleagues and a good service for every community.",
        "description": (
            "MESA works for fair and equal treatment of multi-ethnic officers and staff, and for a good quality "
            "of service to the county's many communities.\n\n"
            "It celebrates the cultures, religions, beliefs and heritage of its members, supports and represents "
            "them, helps managers understand diversity issues and brings multi-ethnic perspectives into the "
            "force's work.\n\n"
            "It also builds good relations between the force and multi-ethnic organisations and communities."
        ),
        "representative": "MESA chair",
    },
    {
        "name": "Chaplaincy",
        "category": "faith-and-belief",
        "join": ("officers", "staff", "volunteers"),
        "summary": "Pastoral support for everyone who works for the force, of any faith or none.",
        "description": (
            "The chaplains are there for anyone working for the force. You do not need to belong to a faith to "
            "talk to them: people of every faith, and people with no faith at all, are welcome."
        ),
        "representative": "Lead chaplain",
    },
    {
        "name": "TRiM (Trauma Risk Management)",
        "slug": "trim",
        "category": "wellbeing-and-support",
        "join": OFFICERS_STAFF,
        "summary": "Voluntary, confidential peer support after a traumatic incident.",
        "description": (
            "TRiM is a conversation with a trained colleague, not a clinical assessment, and taking part is "
            "entirely your choice.\n\n"
            "The practitioner looks at how you are coping after an event: whether you are processing it in a "
            "normal way or showing signs that extra support could help. It reassures people that their reactions "
            "are natural, and the practitioner can point you to further help if you need it."
        ),
        "representative": "TRiM co-ordinator",
    },
    {
        "name": "Women's Leadership and Development Forum",
        "category": "working-life",
        "join": OFFICERS_STAFF,
        "summary": "Development and support for women officers and staff, including through times of change.",
        "description": (
            "The forum is open to all women officers and staff. It helps members grow in their careers and "
            "confidence, encourages them to be the best they can be, and stands with them through times of change."
        ),
        "representative": "Forum chair",
    },
]

LEICESTERSHIRE = [
    {
        "name": "Association of Muslim Police",
        "category": "faith-and-belief",
        "summary": "A support network for Muslim officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports Muslim colleagues and helps the force "
            "understand the needs of Muslim staff and communities."
        ),
    },
    {
        "name": "Black Support Network",
        "category": "heritage-and-identity",
        "summary": "A support network for Black officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports Black colleagues and brings their "
            "experience to the force's work on equality."
        ),
    },
    {
        "name": "Christian Police Association",
        "category": "faith-and-belief",
        "summary": "A support network for Christians working in policing.",
        "description": (
            "One of the force's internal support networks. It supports and encourages Christian officers and staff."
        ),
    },
    {
        "name": "Disability Support Network",
        "category": "wellbeing-and-support",
        "summary": "A support network for disabled officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports disabled colleagues and helps the force "
            "remove barriers at work."
        ),
    },
    {
        "name": "LGBT Network",
        "category": "heritage-and-identity",
        "summary": "A support network for lesbian, gay, bisexual and trans officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports LGBT colleagues and raises awareness of the "
            "issues they face."
        ),
    },
    {
        "name": "Sikh Police Association",
        "category": "faith-and-belief",
        "summary": "A support network for Sikh officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports Sikh colleagues and helps the force "
            "understand the needs of Sikh staff and communities."
        ),
    },
    {
        "name": "Women's Network",
        "category": "working-life",
        "summary": "A support network for women officers and staff.",
        "description": (
            "One of the force's internal support networks. It supports women colleagues in their working lives "
            "and careers."
        ),
    },
]

FORCES = {"essex": ESSEX, "leicestershire": LEICESTERSHIRE}
