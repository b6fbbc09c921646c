"""A factory_boy factory for every model of the project's apps, in one place.

Each builds the minimum a valid row needs (every constraint holds); pass what a
test is about. Related rows are made by their own factories (SubFactory), and
many-to-many choices are passed as lists: `SubscriberFactory(topics=[topic])`.
"""

import json
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from dispatch import models as dispatch
from force.models import District, EqualityObjective, ForceProfile, UnitResponsibility
from form_drafts.models import FormDraft
from iag import models as iag
from iag_work import models as iag_work
from networks import models as networks
from outbox.models import Notification
from performance import models as performance
from personal_data.models import PrivacyRequest
from positive_action import models as pa
from positive_action.models.signups import SignupEvent
from private_links import link_key_new
from protected_forms.models import FormSubmission
from site_pages.models import Feedback


def _many(field: str):
    """A post-generation hook that sets a many-to-many field from a list."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            getattr(obj, field).set(extracted)

    return factory.PostGeneration(hook)


def _later(hours: int):
    return factory.LazyFunction(lambda: timezone.now() + timedelta(hours=hours))


# ---------------------------------------------------------------- people


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("a-long-pass-phrase")


class StaffFactory(UserFactory):
    is_staff = True


# ---------------------------------------------------------------- force, outbox, site pages, protected forms


class ForceProfileFactory(DjangoModelFactory):
    class Meta:
        model = ForceProfile

    name = "Essex Police"
    short_name = "Essex"
    area_name = "Essex"


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"District {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    display_order = factory.Sequence(int)


class EqualityObjectiveFactory(DjangoModelFactory):
    class Meta:
        model = EqualityObjective

    text = factory.Sequence(lambda n: f"Objective {n}: reflect the communities we serve")
    display_order = factory.Sequence(int)


class UnitResponsibilityFactory(DjangoModelFactory):
    class Meta:
        model = UnitResponsibility

    text = factory.Sequence(lambda n: f"Responsibility {n}: advise on equality impact")
    display_order = factory.Sequence(int)


class FeedbackFactory(DjangoModelFactory):
    class Meta:
        model = Feedback

    satisfaction = "satisfied"
    comments = "Clear enough."
    page = "/"


class FormSubmissionFactory(DjangoModelFactory):
    class Meta:
        model = FormSubmission

    token = factory.Sequence(lambda n: f"token-{n:08d}")
    form_name = "feedback"


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.Sequence(lambda n: f"person{n}@example.org")
    subject = "A notice"
    body_text = "Some words."
    kind = "test"


# ---------------------------------------------------------------- iag


class AdvisoryGroupFactory(DjangoModelFactory):
    class Meta:
        model = iag.AdvisoryGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Group {n} IAG")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = "district"
    district = factory.SubFactory(DistrictFactory)
    covers = "The district"

    class Params:
        thematic = factory.Trait(kind="thematic", district=None)


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = iag.Community
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Community {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ApplicationFactory(DjangoModelFactory):
    """An application as a model row; use iag.services.application_submit to go
    through the public journey (choices, monitoring, emails, status link)."""

    class Meta:
        model = iag.Application
        skip_postgeneration_save = True

    status_key = factory.LazyFunction(link_key_new)  # as if sent: it has a private status link
    full_name = "Alex Example"
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    postcode = "CM1 1AA"
    can_attend = "yes"
    heard_about = "website"
    consent_at = factory.LazyFunction(timezone.now)
    groups = _many("groups")
    communities = _many("communities")


class ApplicationChoiceFactory(DjangoModelFactory):
    class Meta:
        model = iag.ApplicationChoice

    application = factory.SubFactory(ApplicationFactory)
    group = factory.SubFactory(AdvisoryGroupFactory)


class ApplicationEventFactory(DjangoModelFactory):
    class Meta:
        model = iag.ApplicationEvent

    application = factory.SubFactory(ApplicationFactory)
    action = "viewed"


class DecisionTemplateFactory(DjangoModelFactory):
    class Meta:
        model = iag.DecisionTemplate
        django_get_or_create = ("status",)

    status = "accepted"
    subject = "Your application"
    body = "Dear {name}, thank you."


class EqualityMonitoringFactory(DjangoModelFactory):
    class Meta:
        model = iag.EqualityMonitoring

    application = factory.SubFactory(ApplicationFactory)
    ethnicity = "prefer_not_to_say"


# ---------------------------------------------------------------- networks


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = networks.Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = networks.Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    summary = "A network for colleagues."
    description = "It meets every month."
    category = factory.SubFactory(CategoryFactory)
    contact_email = factory.LazyAttribute(lambda o: f"{o.slug}@networks.example.org")
    is_published = True


class NetworkMessageFactory(DjangoModelFactory):
    class Meta:
        model = networks.NetworkMessage

    network = factory.SubFactory(NetworkFactory, accepts_messages=True)
    consented_at = factory.LazyFunction(timezone.now)


# ---------------------------------------------------------------- positive_action


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = pa.Role
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Role {n}")
    plural = factory.LazyAttribute(lambda o: f"{o.name}s")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class CharacteristicFactory(DjangoModelFactory):
    class Meta:
        model = pa.Characteristic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Characteristic {n}")


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = pa.Group

    characteristic = factory.SubFactory(CharacteristicFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    description = factory.LazyAttribute(lambda o: f"People who are {o.name}")


class WorkforceFigureFactory(DjangoModelFactory):
    class Meta:
        model = pa.WorkforceFigure

    group = factory.SubFactory(GroupFactory)
    role = factory.SubFactory(RoleFactory)
    period = "March 2025"
    workforce_percent = Decimal("5.0")
    population_percent = Decimal("10.0")
    source = "Workforce data, illustrative"


class SignupFactory(DjangoModelFactory):
    class Meta:
        model = pa.Signup

    candidate_reference = factory.Sequence(lambda n: f"CAN{n:06d}")
    name = "Sam Candidate"
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    phone = "07700 900000"
    role = factory.SubFactory(RoleFactory, open_to_applicants=True)
    stage = "shortlisted"
    wants_buddy = False
    consented_at = factory.LazyFunction(timezone.now)


class SignupEqualityAnswersFactory(DjangoModelFactory):
    class Meta:
        model = pa.SignupEqualityAnswers

    signup = factory.SubFactory(SignupFactory)
    group_ids = factory.LazyFunction(lambda: json.dumps([]))


class SignupEventFactory(DjangoModelFactory):
    class Meta:
        model = SignupEvent

    signup = factory.SubFactory(SignupFactory)
    action = "viewed"


class BuddyFactory(DjangoModelFactory):
    class Meta:
        model = pa.Buddy

    name = "Jo Buddy"
    kind = "officer"
    role_title = "Police constable"
    email = factory.Sequence(lambda n: f"buddy{n}@example.org")
    trained_on = date(2024, 1, 15)
    capacity = 2


class BuddyAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = pa.BuddyAssignment

    signup = factory.SubFactory(SignupFactory, wants_buddy=True)
    buddy = factory.SubFactory(BuddyFactory, assigned=1)


class PreparationEveningFactory(DjangoModelFactory):
    class Meta:
        model = pa.PreparationEvening

    starts_at = _later(24 * 10)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    venue = "Headquarters"
    covers = "What the assessment involves."
    capacity = 10


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = pa.Booking

    evening = factory.SubFactory(PreparationEveningFactory, booked=1)
    name = "Sam Candidate"
    email = factory.Sequence(lambda n: f"booker{n}@example.org")
    candidate_reference = factory.Sequence(lambda n: f"BOO{n:06d}")
    status = "confirmed"


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = pa.Venue

    name = factory.Sequence(lambda n: f"Training room {n}")
    address = "1 Example Street"


class BookingReminderFactory(DjangoModelFactory):
    class Meta:
        model = pa.BookingReminder

    booking = factory.SubFactory(BookingFactory)
    days_before = 7


class EveningEventFactory(DjangoModelFactory):
    class Meta:
        model = pa.EveningEvent

    evening = factory.SubFactory(PreparationEveningFactory)
    action = pa.EveningEvent.Action.CAPACITY
    detail = "Places changed from 10 to 12"


class BuddyContactFactory(DjangoModelFactory):
    class Meta:
        model = pa.BuddyContact

    assignment = factory.SubFactory(BuddyAssignmentFactory)
    contacted_on = factory.LazyFunction(lambda: timezone.localdate())
    way = pa.BuddyContact.Way.PHONE


class RepresentationStatementFactory(DjangoModelFactory):
    class Meta:
        model = pa.RepresentationStatement

    text = "Women are under-represented in senior roles."
    source = "The force's website"


# ---------------------------------------------------------------- advisory groups at work


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.Membership
        skip_postgeneration_save = True

    group = factory.SubFactory(AdvisoryGroupFactory)
    name = "Chris Member"
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    term_ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=730))
    communities = _many("communities")


class MeetingKindFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.MeetingKind
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Meeting kind {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.Meeting

    group = factory.SubFactory(AdvisoryGroupFactory)
    kind = factory.SubFactory(MeetingKindFactory, name="Quarterly meeting", slug="quarterly-meeting")
    starts_at = _later(24 * 14)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Basildon police station"


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.Invitation

    meeting = factory.SubFactory(MeetingFactory)
    membership = factory.SubFactory(MembershipFactory, group=factory.SelfAttribute("..meeting.group"))


class ScrutinyRecordFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.ScrutinyRecord

    meeting = factory.SubFactory(
        MeetingFactory,
        kind=factory.SubFactory(
            MeetingKindFactory, name="Stop and search scrutiny", slug="stop-and-search-scrutiny", is_scrutiny=True
        ),
    )
    reviewed = "20 stop and search records from one month"
    appropriate = 15
    needs_improvement = 4
    inappropriate = 1


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class AdvicePointFactory(DjangoModelFactory):
    class Meta:
        model = iag_work.AdvicePoint

    group = factory.SubFactory(AdvisoryGroupFactory)
    theme = factory.SubFactory(ThemeFactory, name="Stop and search", slug="stop-and-search")
    advice = "Explain the grounds for a search more clearly."
    published = True


# ---------------------------------------------------------------- performance


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = performance.Report
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"report-{n}")
    force = "essex"
    title = "Workforce deep dive"
    priority = "A workforce that reflects Essex"
    date_label = "March 2025"
    period = "April 2024 to March 2025"


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = performance.Section

    report = factory.SubFactory(ReportFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    slug = factory.Sequence(lambda n: f"section-{n}")
    title = "Recruitment"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = performance.Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    name = "HR records"


class TableFactory(DjangoModelFactory):
    class Meta:
        model = performance.Table

    section = factory.SubFactory(SectionFactory)
    report = factory.SelfAttribute("section.report")
    slug = factory.Sequence(lambda n: f"table-{n}")
    caption = "Officers by ethnicity"
    row_header = "Ethnicity"
    summary = "Most officers are white."


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = performance.Measure

    section = factory.SubFactory(SectionFactory)
    report = factory.SelfAttribute("section.report")
    key = factory.Sequence(lambda n: f"measure-{n}")
    label = "Officers"
    value = Decimal("3000")
    unit = "people"
    period = "March 2025"
    source = factory.SubFactory(SourceFactory)


class MeasureRevisionFactory(DjangoModelFactory):
    class Meta:
        model = performance.MeasureRevision

    measure = factory.SubFactory(MeasureFactory)
    via = "admin"
    field = "value"
    old_value = "2900"
    new_value = "3000"


class ComparisonFactory(DjangoModelFactory):
    class Meta:
        model = performance.Comparison

    earlier = factory.SubFactory(MeasureFactory, period="March 2024")
    later = factory.SubFactory(MeasureFactory, section=factory.SelfAttribute("..earlier.section"))
    report = factory.SelfAttribute("earlier.report")
    key = factory.Sequence(lambda n: f"comparison-{n}")


# ---------------------------------------------------------------- dispatch


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = dispatch.Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class SubscriberFactory(DjangoModelFactory):
    """A confirmed subscriber; `confirmed_at=None` for one who has not confirmed."""

    class Meta:
        model = dispatch.Subscriber
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    confirmed_at = factory.LazyFunction(timezone.now)
    districts = _many("districts")
    topics = _many("topics")


class IssueFactory(DjangoModelFactory):
    class Meta:
        model = dispatch.Issue
        skip_postgeneration_save = True

    subject = "Summer safety"
    body = "Lock up **sheds** and bikes."
    districts = _many("districts")
    topics = _many("topics")


class DeliveryFactory(DjangoModelFactory):
    class Meta:
        model = dispatch.Delivery

    issue = factory.SubFactory(IssueFactory, state="sending", send_started_at=factory.LazyFunction(timezone.now))
    subscriber = factory.SubFactory(SubscriberFactory)
    notification = factory.SubFactory(NotificationFactory, kind="dispatch.issue")


# ---------------------------------------------------------------- privacy


class PrivacyRequestFactory(DjangoModelFactory):
    class Meta:
        model = PrivacyRequest

    kind = "access"
    email_hash = factory.Sequence(lambda n: f"{n:064x}")


# ---------------------------------------------------------------- form drafts, equality snapshots


class FormDraftFactory(DjangoModelFactory):
    class Meta:
        model = FormDraft

    form_name = "iag_apply"
    payload = factory.LazyFunction(lambda: json.dumps({"full_name": "Alex Example"}))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=8))


class MonitoringSnapshotFactory(DjangoModelFactory):
    class Meta:
        model = iag.MonitoringSnapshot

    period = factory.Sequence(lambda n: f"{2020 + n // 12}-{n % 12 + 1:02d}")
    applications = 20
    tables = factory.LazyFunction(lambda: [{"title": "Ethnic group", "rows": [["White British", "[c]", "10"]]}])
    group_counted_at = factory.LazyFunction(lambda: {"1": 20})
