from django.contrib import admin
from django.db import transaction

from modus.common import audit
from modus.events.models import Event, Participant


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Events are created and changed here only: each save and deletion leaves the same audit
    entry as the organisers' actions on the site."""

    list_display = ["name", "start_date", "end_date", "city", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change:
            fields = {"fields": sorted(form.changed_data)}
            audit.record(by=request.user, action="event.changed", obj=obj, data=fields)
        else:
            audit.record(by=request.user, action="event.created", obj=obj)

    def delete_model(self, request, obj) -> None:
        audit.record(by=request.user, action="event.deleted", obj=obj, data=deleted(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        # The admin's form views run in a transaction; its "delete selected" action does not.
        with transaction.atomic():
            events = list(queryset)
            audit.record_many(by=request.user, action="event.deleted", objects=events, data=deleted)
            super().delete_queryset(request, queryset)


def deleted(event: Event) -> dict:
    # The entry outlives the event: it says which one it was.
    return {"name": event.name, "slug": event.slug}


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "role", "registered_at"]
    list_filter = ["event", "role"]
    search_fields = ["person__first_name", "person__last_name", "person__user__email"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "event"]
