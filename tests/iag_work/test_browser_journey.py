"""In Chromium: an application accepted in admin becomes a membership; the member
is invited to a meeting and replies by private link; staff mark attendance and
publish advice with the force's response, which shows on the group's page and
feed. axe finds nothing on the public and private pages."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data():
    from force import demo as site_demo
    from iag import demo as iag_demo
    from iag_work import demo

    site_demo.load(force="essex")
    iag_demo.load(force="essex")
    demo.load(force="essex")


def sign_in(page, django_user_model):
    from staff_accounts.staff import current_code, staff_totp_device

    user = django_user_model.objects.create_superuser("unit", "unit@example.org", "a-long-pass-phrase")
    page.goto("/admin/")
    page.get_by_label("Username").fill("unit")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_label("Code from your authenticator app").fill(current_code(staff_totp_device(user)))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def link_in(email, name: str) -> str:
    found = re.search(r"https?://\S+(/independent-advisory-groups/" + name + r"/[^/\s]+/)", email.body)
    assert found, email.body
    return found.group(1)


def run_action(page, action: str, pks: list[int]):
    for pk in pks:
        page.check(f"#result_list input.action-select[value='{pk}']")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_from_acceptance_to_advice_on_the_public_page(
    browser, live_server, settings, django_user_model, demo_data, axe
):
    from iag.models import Application
    from iag_work.models import Invitation, Meeting, MeetingKind, Membership

    settings.ALLOWED_HOSTS = ["*"]
    settings.SITE_URL = live_server.url
    staff = browser.new_context(base_url=live_server.url).new_page()
    member = browser.new_context(base_url=live_server.url).new_page()
    for page in (staff, member):
        page.set_default_timeout(10000)
    sign_in(staff, django_user_model)

    # Staff accept an application in admin.
    application = Application.objects.get(reference="IAG-DEMO-0003")
    group = application.groups.get()
    staff.goto(f"/admin/iag/application/{application.pk}/change/")
    staff.select_option("select[name=new_status]", "accepted")
    staff.get_by_role("button", name="Save", exact=True).click()
    membership = Membership.objects.get(application=application)
    assert membership.group == group

    # The membership email carries the private link.
    welcome = next(m for m in mail.outbox if m.to == [application.email] and "/membership/" in m.body)
    member.goto(link_in(welcome, "membership"))
    assert group.name in member.inner_text("main")
    assert axe(member) == []

    # Staff invite the group's members to a custody visit; the member replies yes.
    starts = timezone.now() + timedelta(days=14)
    meeting = Meeting.objects.create(
        group=group,
        kind=MeetingKind.objects.get(slug="custody-visit"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Custody suite",
        capacity=6,
    )
    staff.goto(f"/admin/iag_work/meeting/?kind__id__exact={meeting.kind_id}")
    run_action(staff, "invite", [meeting.pk])
    assert "invitation(s) sent" in staff.inner_text("main")
    invitation_email = next(
        m for m in mail.outbox if m.to == [application.email] and m.subject.startswith("A meeting with")
    )
    member.goto(link_in(invitation_email, "meetings"))
    assert axe(member) == []
    member.get_by_role("button", name="Yes, I will come").click()
    member.wait_for_load_state()
    assert "Coming" in member.inner_text("main")
    invitation = Invitation.objects.get(membership=membership)
    assert invitation.reply == "yes"

    # After the meeting, staff see the reply and mark attendance in bulk.
    staff.goto(f"/admin/iag_work/invitation/?meeting__id__exact={invitation.meeting_id}")
    assert "Coming" in staff.inner_text("#result_list")
    run_action(staff, "mark_attended", [invitation.pk])
    invitation.refresh_from_db()
    assert invitation.attended is True

    # Staff publish advice and the force's response.
    staff.goto("/admin/iag_work/advicepoint/add/")
    staff.select_option("select[name=group]", str(group.pk))
    staff.select_option("select[name=theme]", label="Custody")
    staff.fill("textarea[name=advice]", "Offer a hot drink and a blanket on arrival in custody.")
    staff.select_option("select[name=status]", "done")
    staff.fill("textarea[name=force_response]", "Agreed at the custody management meeting.")
    staff.fill("textarea[name=what_changed]", "Every custody suite now offers both on arrival.")
    staff.check("input[name=published]")
    staff.get_by_role("button", name="Save", exact=True).click()
    staff.wait_for_url(re.compile(r"/advicepoint/$"))

    visitor = member
    visitor.goto(f"/independent-advisory-groups/groups/{group.slug}/")
    main = visitor.inner_text("main")
    assert "Offer a hot drink and a blanket" in main and "Every custody suite now offers both" in main
    assert "example data" in main
    assert axe(visitor) == []
    feed = visitor.request.get(f"/independent-advisory-groups/groups/{group.slug}/feed/").text()
    assert "Offer a hot drink and a blanket" in feed and "Agreed at the custody management meeting" in feed

    # The force-wide list, filtered without JavaScript's help and a later page.
    for path in (
        "you-said-we-did/",
        "you-said-we-did/?status=not_taken_forward&theme=use-of-force",
        "you-said-we-did/?page=2",
    ):
        visitor.goto(f"/independent-advisory-groups/{path}")
        assert axe(visitor) == [], path
    visitor.goto(
        "/independent-advisory-groups/membership/" + link_in(welcome, "membership").split("/")[-2] + "/step-down/"
    )
    assert axe(visitor) == []


def test_the_filters_work_with_javascript_off(browser_page_no_js, demo_data):
    page = browser_page_no_js
    page.goto("/independent-advisory-groups/you-said-we-did/")
    page.select_option("select[name=status]", "not_taken_forward")
    page.get_by_role("button", name="Show advice").click()
    page.wait_for_url(re.compile(r"status=not_taken_forward"))
    statuses = page.locator(".govuk-summary-card__actions").all_inner_texts()
    assert statuses and all("Not taken forward" in status for status in statuses)
