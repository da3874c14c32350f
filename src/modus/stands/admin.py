from django.contrib import admin

from modus.stands.models import Hall, Stand


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "width", "height")
    list_filter = ("event",)


# Leads are not here: a stand's leads are its staff's alone (common.permissions).
@admin.register(Stand)
class StandAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "event", "hall", "exhibitor")
    list_filter = ("event",)
    search_fields = ("number", "name")
    raw_id_fields = ("exhibitor", "staff", "meeting_point", "hall")
