"""The issuer's public keys at the site root, where did:web and JWKS clients look."""

from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path(".well-known/did.json", views.did_document, name="did"),
]
