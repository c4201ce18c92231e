"""The roster import's confirm step asks on what legal basis the school gives its
learners' data (people/consent.py): the labels, and filling them in as a coordinator."""

import re

BASIS_PUBLIC_TASK = re.compile(r"(A task of a state body|Thực hiện nhiệm vụ của)")
BASIS_DOCUMENT = re.compile(r"^(Document or consent form|Văn bản hoặc mẫu đồng ý)")
BASIS_DATE = re.compile(r"^(Date of the document|Ngày của văn bản)")
GUARDIAN_CONSENT = re.compile(r"^(The written consent of a parent|Đơn vị đang lưu giữ)")


def fill_legal_basis(page):
    """The school's plan as the basis, the guardians' consent kept (minors)."""
    page.get_by_label(BASIS_PUBLIC_TASK).check()
    page.get_by_label(BASIS_DOCUMENT).fill("Kế hoạch số 12/KH-THPT")
    page.get_by_label(BASIS_DATE).fill("01/09/2026")
    page.get_by_label(GUARDIAN_CONSENT).check()
