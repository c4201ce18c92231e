"""Language choice: Vietnamese unless the visitor picked English with the switcher.

Django's LocaleMiddleware would follow the browser's Accept-Language header, so a phone
set to English would get English pages. The portal is Vietnamese first: only an explicit
choice (the language cookie set by ``set_language``) changes the language.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme


class VietnameseFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


def switch_language(request, language):
    """Remember the chosen language in a cookie and go back where the visitor was.

    A plain link rather than Django's POST-only ``set_language``: choosing a language
    changes nothing of value, and a form would put a CSRF cookie on every anonymous
    page, making pages uncacheable and heavier on slow networks.
    """
    supported = {code for code, _name in settings.LANGUAGES}
    if language not in supported:
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
