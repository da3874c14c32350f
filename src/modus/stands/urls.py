from django.urls import path

from modus.stands import views

app_name = "stands"
urlpatterns = [
    path("", views.floor_plan, name="plan"),
    path("search/", views.stand_search, name="search"),
    path("scanned-me/", views.scanned_me, name="scanned-me"),
    path("scanned-me/<int:lead_id>/", views.withhold, name="withhold"),
    path("<int:stand_id>/", views.stand_page, name="stand"),
    path("<int:stand_id>/edit/", views.stand_edit, name="edit"),
    path("<int:stand_id>/staff/", views.stand_staff, name="staff"),
    path("<int:stand_id>/scan/", views.scan, name="scan"),
    path("<int:stand_id>/leads/", views.lead_list, name="leads"),
    path("<int:stand_id>/leads.csv", views.lead_export, name="leads-csv"),
    path("<int:stand_id>/leads.xlsx", views.lead_export, {"kind": "xlsx"}, name="leads-xlsx"),
    path("<int:stand_id>/leads/<int:lead_id>/", views.lead_page, name="lead"),
    path("manage/", views.manage, name="manage"),
    path("manage/halls/", views.add_hall, name="add-hall"),
    path("manage/stands/", views.add_stand, name="add-stand"),
    path("manage/stands/exhibitors/", views.exhibitor_suggestions, name="exhibitors"),
    path("manage/stands/staff/", views.staffing_suggestions, name="staffing"),
    path("manage/halls/<int:hall_id>/", views.hall_page, name="hall"),
    path("manage/halls/<int:hall_id>/edit/", views.hall_edit, name="hall-edit"),
]
