import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A subject residents can ask Dispatch to cover (data, not code)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=200, blank=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, moment):
        return self.filter(confirmed_at__isnull=True, confirmation_sent_at__lt=moment)

    def wanting(self, *, district_ids: list[int], topic_ids: list[int]):
        """Confirmed subscribers who chose one of these districts and one of these
        topics. An empty list means the issue goes to every district (or topic)."""
        queryset = self.confirmed()
        if district_ids:
            queryset = queryset.filter(
                pk__in=Subscriber.districts.through.objects.filter(district_id__in=district_ids).values("subscriber_id")
            )
        if topic_ids:
            queryset = queryset.filter(
                pk__in=Subscriber.topics.through.objects.filter(topic_id__in=topic_ids).values("subscriber_id")
            )
        return queryset


class Subscriber(models.Model):
    """One address signed up to Dispatch. Nothing is sent to it but the
    confirmation email until `confirmed_at` is set (double opt-in)."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    districts = models.ManyToManyField(
        "force.District", related_name="dispatch_subscribers", verbose_name=_("districts")
    )
    topics = models.ManyToManyField(Topic, related_name="subscribers", verbose_name=_("topics"))
    # Opaque and random: the only thing a link in an email carries (signed).
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    preferences_updated_at = models.DateTimeField(_("preferences updated"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        # The admin list, newest first (admin adds the key to make the order total).
        indexes = [models.Index(fields=["-created_at", "-id"], name="dispatch_subscriber_newest_idx")]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Issue(models.Model):
    """One issue of Dispatch, written in admin and sent to every confirmed
    subscriber who wants its districts and topics."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(
        _("body"), help_text=_("Markdown: blank lines between paragraphs, # for headings, - for lists, [text](link).")
    )
    districts = models.ManyToManyField(
        "force.District",
        blank=True,
        related_name="dispatch_issues",
        verbose_name=_("districts"),
        help_text=_("Leave empty to send to subscribers in every district."),
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="issues",
        verbose_name=_("topics"),
        help_text=_("Leave empty to send to subscribers of every topic."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    send_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued_at = models.DateTimeField(_("every email queued"), null=True, blank=True)
    recipients_queued = models.PositiveIntegerField(_("emails queued"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        permissions = [("send_issue", _("Can send an issue to subscribers"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(send_started_at__isnull=False),
                name="dispatch_issue_sending_has_started_at",
            ),
        ]

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """One subscriber's copy of one issue. The unique pair is what makes a
    re-run of the fan-out (a worker died, a message came back) create nothing twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    notification = models.OneToOneField(
        "outbox.Notification", null=True, on_delete=models.SET_NULL, related_name="dispatch_delivery"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="dispatch_delivery_once_per_subscriber"),
        ]

    def __str__(self):
        return f"{self.issue} to subscriber {self.subscriber_id}"
