from django.contrib import admin

from modus.stands.models import Hall, Lead, Stand


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "width", "height")
    list_filter = ("event",)


@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "event", "hall", "exhibitor")
    list_filter = ("event",)
    search_fields = ("number", "name")
    raw_id_fields = ("exhibitor", "staff", "meeting_point", "hall")


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("stand", "visitor", "last_scanned_at", "scans", "follow_up")
    raw_id_fields = ("stand", "visitor", "scanned_by")
