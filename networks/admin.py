from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from networks.models import Category, Network, NetworkMessage
from networks.services import networks_publish, networks_unpublish


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "display_order", "network_count"]
    list_editable = ["display_order"]
    list_filter = ["display_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(network_total=Count("networks"))

    @admin.display(description=_("networks"), ordering="network_total")
    def network_count(self, obj):
        return obj.network_total


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "who_can_join", "is_published", "display_order", "updated_at", "updated_by"]
    list_display_links = ["name"]
    list_editable = ["display_order"]
    list_filter = [
        "is_published",
        "category",
        "open_to_officers",
        "open_to_staff",
        "open_to_volunteers",
        "open_to_allies",
        "accepts_messages",
    ]
    search_fields = ["name", "summary", "description", "board_representative"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    actions = ["publish", "unpublish"]
    list_select_related = ["category", "updated_by"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "category", "summary", "description"]}),
        (_("Who can join"), {"fields": ["open_to_officers", "open_to_staff", "open_to_volunteers", "open_to_allies"]}),
        (
            _("Contact"),
            {"fields": ["contact_email", "show_email", "accepts_messages", "contact_phone", "board_representative"]},
        ),
        (_("Publishing"), {"fields": ["is_published", "display_order"]}),
        (_("Advanced"), {"classes": ["collapse"], "fields": ["founded_year", "logo", "logo_alt"]}),
        (_("Changes"), {"classes": ["collapse"], "fields": readonly_fields}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category", "updated_by", "created_by")

    @admin.display(description=_("who can join"))
    def who_can_join(self, obj):
        return ", ".join(str(audience.label) for audience in obj.audiences)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def _publishing(self, request, queryset, service, verb: str):
        changed = service(networks=queryset, user=request.user)
        for network in changed:
            self.log_change(request, network, [{"changed": {"fields": ["published"]}}])
        self.message_user(
            request, _("%(count)d network(s) %(verb)s.") % {"count": len(changed), "verb": verb}, messages.SUCCESS
        )

    @admin.action(description=_("Publish the selected networks"), permissions=["change"])
    def publish(self, request, queryset):
        self._publishing(request, queryset, networks_publish, _("published"))

    @admin.action(description=_("Unpublish the selected networks"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._publishing(request, queryset, networks_unpublish, _("unpublished"))


@admin.register(NetworkMessage)
class NetworkMessageAdmin(admin.ModelAdmin):
    """Only that a message was passed on; what it said is in the outbox email to the network."""

    list_display = ["reference", "network", "created_at"]
    list_filter = ["network", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["reference", "network__name"]
    readonly_fields = ["reference", "network", "consented_at", "created_at"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("network")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
