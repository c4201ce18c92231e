"""The department administrators' populations page, at /nhan-su/dan-so/ beside the
people pages (config/urls.py; linked from their tabs through config/navigation.py)."""

from django.urls import path

from . import site_views

app_name = "populations_site"

urlpatterns = [
    path("", site_views.population_list, name="list"),
    path("<int:unit_id>/", site_views.population_edit, name="edit"),
]
