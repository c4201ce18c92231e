"""Signing in with VNeID (OpenID Connect) in a real browser, against the scratch
provider the suite starts on loopback (tests/oidc_test_provider): an identity no
account carries is turned away with a message; one whose verified personal
identification number is a learner's signs that learner in; a learner signed in with
the password from their slip links their own identity, and signs in with it next
time. Refusals of forged answers: tests/people/test_oidc_refusals.py."""

import re

import pytest
from playwright.sync_api import expect

from tests.oidc_test_provider.fixtures import PASSWORD as PROVIDER_PASSWORD
from tests.oidc_test_provider.fixtures import allow_redirect_to

from .conftest import assert_accessible
from .signing import header, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"
VNEID_BUTTON = "Đăng nhập bằng VNeID"


def _at_provider(page, username):
    """The provider's own sign-in page (its labels are Vietnamese too)."""
    expect(page).to_have_url(re.compile(r"/login/"))
    page.get_by_label("Tài khoản").fill(username)
    page.get_by_label("Mật khẩu").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _vneid_from_sign_in_page(page, live_server):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_role("link", name=VNEID_BUTTON).click()


def test_sign_in_and_link_with_vneid(
    page, live_server, home_page, oidc_settings, oidc_provider
):
    from people.models import AuditEntry, ExternalIdentity, User

    allow_redirect_to(oidc_provider, live_server.url)
    an = User.objects.create_user(
        username="hocsinh-an",
        password=PASSWORD,
        full_name="Nguyễn Văn An",
        citizen_id="001204277361",
    )
    binh = User.objects.create_user(
        username="hocsinh-binh", password=PASSWORD, full_name="Trần Thị Bình"
    )

    # 1. Nobody on the portal carries Chi's number: a message, no account.
    _vneid_from_sign_in_page(page, live_server)
    _at_provider(page, "chi")
    expect(page).to_have_url(live_server.url + "/tai-khoan/dang-nhap/")
    expect(page.locator(".messages")).to_contain_text(
        "Chưa có tài khoản nào trên Cổng được liên kết với danh tính VNeID này"
    )
    expect(header(page).get_by_role("link", name="Đăng nhập")).to_be_visible()
    assert_accessible(page)
    assert User.objects.count() == 2

    # 2. An's verified number is on his account: signed in, and linked from now on.
    page.context.clear_cookies()
    _vneid_from_sign_in_page(page, live_server)
    _at_provider(page, "an")
    expect(page).to_have_url(live_server.url + "/")
    expect(header(page).get_by_role("link", name="An", exact=True)).to_be_visible()
    link = ExternalIdentity.objects.get(user=an)
    assert (link.issuer, link.subject, link.method) == (
        oidc_provider.issuer,
        oidc_provider.subjects["an"],
        ExternalIdentity.Method.PERSONAL_ID,
    )
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.IDENTITY_LINK, target_user=an
    ).exists()

    # 3. Bình has no number on file: she signs in with her slip's password and
    # links her identity on her account page...
    page.context.clear_cookies()
    sign_in(page, live_server, "hocsinh-binh", PASSWORD)
    page.goto(live_server.url + "/tai-khoan/doi-mat-khau/")
    page.get_by_role("button", name="Liên kết VNeID").click()
    _at_provider(page, "binh")
    expect(page).to_have_url(live_server.url + "/tai-khoan/doi-mat-khau/")
    expect(page.locator(".messages")).to_contain_text(
        "đã được liên kết với danh tính VNeID của Trần Thị Bình"
    )
    expect(page.get_by_role("button", name="Liên kết VNeID")).to_have_count(0)
    assert_accessible(page)
    assert ExternalIdentity.objects.get(user=binh).method == "learner"

    # ...and next time VNeID signs her in (the provider remembers her).
    header(page).get_by_role("button", name="Đăng xuất").click()
    _vneid_from_sign_in_page(page, live_server)
    expect(page).to_have_url(live_server.url + "/")
    expect(header(page).get_by_role("link", name="Bình", exact=True)).to_be_visible()
