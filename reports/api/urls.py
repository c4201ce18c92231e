"""/api/v1/: the API's routes (reports/api/endpoints.py), each request logged."""

from .access_log import log_every_route
from .endpoints import api

patterns, _app_name, namespace = api.urls
app_name = namespace  # "api_v1"
urlpatterns = log_every_route(patterns)
