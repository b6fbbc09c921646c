"""Discreet by design: what a person sees of an email before opening it (the
subject and the sender's name) never names the programme, an advisory group, a
network or an equality group. Every subject template the site has is rendered,
with the names a template could be given wherever it could put them."""

import re
from email.utils import parseaddr
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from force import demo as force_demo
from force.selectors import force_profile
from iag import demo as iag_demo
from iag.models import AdvisoryGroup, DecisionTemplate
from networks import demo as networks_demo
from networks.models import Network
from outbox.services import _message, notification_queue
from positive_action import demo as positive_action_demo
from positive_action.models import Group

NAMES_ALWAYS = ["Positive Action", "Independent Advisory", "Advisory Group", "IAG", "Network"]


@pytest.fixture
def demo(db):
    force_demo.load(force="essex")
    for module in (iag_demo, networks_demo, positive_action_demo):
        module.load(force="essex")


def forbidden_names() -> list[str]:
    names = [
        *NAMES_ALWAYS,
        *AdvisoryGroup.objects.values_list("name", flat=True),
        *Network.objects.values_list("name", flat=True),
        *Group.objects.values_list("name", flat=True),
    ]
    assert len(names) > 20  # the demo data is there
    return names


def named(text: str, names: list[str]) -> list[str]:
    return [name for name in names if re.search(rf"\b{re.escape(name)}\b", text, flags=re.IGNORECASE)]


def subject_templates() -> dict[str, str]:
    """Every `<name>_subject.txt` the template loaders can find: {template name: source}."""
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    project = Path(settings.BASE_DIR).resolve()
    roots += [
        Path(config.path) / "templates"
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(project) and ".venv" not in Path(config.path).parts
    ]
    found = {}
    for root in roots:
        for path in root.rglob("*_subject.txt"):
            found[str(path.relative_to(root))] = path.read_text()
    return found


def sample_context(force, names: list[str]) -> dict:
    """A value for every variable a subject template uses, carrying group, network
    and programme names where a real email could."""
    group_names = " and ".join(AdvisoryGroup.objects.values_list("name", flat=True)[:2])
    a_network = Network.objects.first()
    return {
        "force": force,
        "site_url": settings.SITE_URL,
        "reference": "REF-1234",
        "groups": group_names,
        "other_groups": group_names,
        "network": a_network,
        "signup": SimpleNamespace(reference="PAP-1234", name="Alex Smith"),
        "buddy": SimpleNamespace(name="Sam Buddy"),
        "evening": SimpleNamespace(title="Positive Action Programme preparation evening", starts_at=None),
        "booking": SimpleNamespace(reference="BK-1234", name="Alex Smith"),
        "subject": "Spring news",  # a newsletter's own subject, written by staff
        "is_test": False,
        "name": "Alex Smith",
        # advisory group members' emails
        "meeting": SimpleNamespace(
            group=AdvisoryGroup.objects.first(), kind=SimpleNamespace(name="Quarterly meeting"), starts_at=None
        ),
        "membership": SimpleNamespace(group=AdvisoryGroup.objects.first()),
        "group": group_names,
    }


def variables(source: str) -> set[str]:
    used = set(re.findall(r"{{\s*(\w+)", source))
    used |= set(re.findall(r"{%\s*(?:if|elif)\s+(?:not\s+)?(\w+)", source))
    return used


def test_no_subject_template_names_a_programme_group_or_network(demo):
    names = forbidden_names()
    force = force_profile()
    assert not named(force.name, names)
    context = sample_context(force, names)
    templates = subject_templates()
    assert len(templates) >= 20
    assert "form_drafts/email/resume_subject.txt" in templates and "iag/email/acknowledgement_subject.txt" in templates
    problems = {}
    for template, source in sorted(templates.items()):
        unknown = variables(source) - set(context)
        assert not unknown, f"{template} uses {unknown}: give them a sample value above"
        subject = " ".join(render_to_string(template, context).split())
        if named(subject, names):
            problems[template] = subject
    assert problems == {}


def test_decision_email_subjects_are_neutral_and_cannot_name_the_groups(demo):
    names = forbidden_names()
    values = {"name": "Jo", "reference": "REF-1", "groups": "Basildon IAG", "force": force_profile().name}
    templates = list(DecisionTemplate.objects.all())
    assert templates
    for template in templates:
        subject, _body = template.render(values)
        assert named(subject, names) == [], template.status
    template.subject = "About {groups}"
    with pytest.raises(ValidationError, match="Keep"):
        template.clean()


def test_every_email_comes_from_a_neutral_sender(demo):
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    assert address and named(name, forbidden_names()) == []
    notification = notification_queue(
        recipient="jo@example.org",
        template="iag/email/acknowledgement",
        context={"name": "Jo", "reference": "REF-1", "groups": "Basildon IAG", "status_path": "/", "answers": []},
        kind="iag.acknowledgement",
    )
    message = _message(notification).message()
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    assert not {"Sender", "Reply-To"} & set(message.keys())


def test_the_emails_page_says_each_subject_and_the_sender(client, demo):
    html = client.get("/emails-we-send/").content.decode()
    assert parseaddr(settings.DEFAULT_FROM_EMAIL)[1] in html
    assert f"Your application to {force_profile().name}: ABC-1234" in html
    assert "Your saved answers" in html and named(html.split("<main", 1)[1], ["IAG"]) == []
