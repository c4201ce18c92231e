import datetime

import pytest
from django import forms
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


class BirthdayForm(forms.Form):
    born = forms.DateField()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_read_and_written_day_first(language):
    with translation.override(language):
        form = BirthdayForm({"born": "05/03/2010"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["born"] == datetime.date(2010, 3, 5)
        assert formats.date_format(datetime.date(2010, 3, 5)) == "05/03/2010"


def test_home_page_is_vietnamese_even_for_an_english_browser(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Đăng nhập" in response.text
    assert response["Content-Language"] == "vi"


def test_language_switcher_turns_the_site_english_and_back(client, home_page):
    home = client.get("/")
    assert 'href="/ngon-ngu/en/?next=/"' in home.text
    assert "English" in home.text  # each language in its own name
    assert "csrftoken" not in home.cookies  # anonymous pages stay cacheable

    response = client.get("/ngon-ngu/en/", {"next": "/tim-kiem/"}, follow=True)
    assert response.redirect_chain == [("/tim-kiem/", 302)]
    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text
    response = client.get("/ngon-ngu/vi/", {"next": "/"}, follow=True)
    assert '<html lang="vi">' in response.text


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    assert client.get("/ngon-ngu/fr/").status_code == 404
    response = client.get("/ngon-ngu/en/", {"next": "https://evil.example.com/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_unknown_language_cookie_falls_back_to_vietnamese(client, home_page):
    client.cookies["django_language"] = "fr"
    assert '<html lang="vi">' in client.get("/").text
