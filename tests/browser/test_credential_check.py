"""The demo student downloads the credential next to the PDF and checks it on the
verification page, on a 360 px phone: valid, then tampered, then revoked."""

import json

import pytest
from playwright.sync_api import expect

from certificates import issuing
from certificates.models import Certificate
from courses.competence_frameworks import load
from courses.models import CompetenceTag, CoursePage, Enrolment
from people.models import User
from tests.certificates.conftest import complete

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"


@pytest.fixture
def frameworks(home_page):
    load(CompetenceTag)  # a transactional flush removed what the migration loaded


@pytest.fixture
def certificate(frameworks, demo_content):
    student = User.objects.get(username="hocsinh")
    course = CoursePage.objects.get(slug="cong-dan-so-an-toan")
    complete(Enrolment.objects.create(user=student, course=course))
    certificate = Certificate.objects.get(enrolment__user=student)
    assert certificate.status == Certificate.Status.ISSUED and certificate.credential
    return certificate


def test_credential_download_and_check_on_a_phone(
    page, live_server, certificate, tmp_path
):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.locator("input[name=username]").fill("hocsinh")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/")
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    link = page.locator("[data-credential-download]")
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".json"

    page.goto(live_server.url + "/chung-nhan/xac-minh/")
    page.locator("input[type=file]").set_input_files(str(saved))
    page.get_by_role("button", name="Kiểm tra chứng chỉ số").click()
    verdict = page.locator("[data-credential-verdict]")
    expect(verdict).to_have_attribute("data-credential-verdict", "valid")
    expect(verdict).to_contain_text("Chứng chỉ số hợp lệ")
    expect(verdict.locator("[data-issuer]")).to_have_text(certificate.issuing_body)
    expect(verdict.locator("[data-hours]")).to_contain_text("1 giờ")
    # The demo course's competence tags, as signed into the credential.
    expect(verdict.locator("[data-competences] li")).to_have_count(3)
    expect(verdict.locator("[data-competences]")).to_contain_text(
        "02/2025/TT-BGDĐT 4 An toàn"
    )
    assert_accessible(page)

    forged = json.loads(saved.read_text())
    head, body, _signature = forged["id"].split(",", 1)[1].split(".")
    other = Certificate.objects.exclude(pk=certificate.pk).first()
    signature = other.credential if other else certificate.credential[:-4] + "AAAA"
    forged["id"] = f"data:application/vc+jwt,{head}.{body}.{signature.split('.')[-1]}"
    page.locator("textarea").fill(json.dumps(forged))
    page.get_by_role("button", name="Kiểm tra chứng chỉ số").click()
    expect(verdict).to_have_attribute("data-credential-verdict", "tampered")
    expect(verdict).to_contain_text("Không hợp lệ")
    assert_accessible(page)

    issuing.revoke(certificate, "Cấp nhầm")
    page.locator("input[type=file]").set_input_files(str(saved))
    page.get_by_role("button", name="Kiểm tra chứng chỉ số").click()
    expect(verdict).to_have_attribute("data-credential-verdict", "revoked")
    expect(verdict).to_contain_text("đã bị thu hồi")
