from django.contrib import admin

from modus.matchmaking.models import (
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    RequestRule,
    Slot,
    Table,
)


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0


@admin.register(MatchmakingSession)
class MatchmakingSessionAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "starts_at", "slot_minutes", "slot_count"]
    list_filter = ["event"]
    inlines = [SlotInline]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "recipient", "status", "mutual", "created_at", "expires_at"]
    list_filter = ["event", "status", "mutual"]
    search_fields = ["requester__person__last_name", "recipient__person__last_name"]
    raw_id_fields = ["requester", "recipient"]
    list_select_related = ["requester__person", "recipient__person"]


class SeatInline(admin.TabularInline):
    model = MeetingSeat
    raw_id_fields = ["participant"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["pk", "event", "slot", "table", "status", "mutual"]
    list_filter = ["event", "status"]
    raw_id_fields = ["request", "slot", "table", "cancelled_by"]
    inlines = [SeatInline]


admin.site.register(MatchmakingSettings)
admin.site.register(RequestRule)
admin.site.register(Table)
