from django.contrib import admin

from modus.events.models import Event, Participant


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "city", "is_public"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "role", "registered_at"]
    list_filter = ["event", "role"]
    search_fields = ["person__first_name", "person__last_name", "person__user__email"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "event"]
