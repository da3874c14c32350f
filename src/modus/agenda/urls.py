from django.urls import path

from modus.agenda import views

app_name = "agenda"
urlpatterns = [
    path("agenda/", views.agenda_page, name="page"),
    path("agenda.pdf", views.agenda_pdf, name="pdf"),
    path("agenda/calendar-address/", views.new_calendar_address, name="new-calendar-address"),
]
