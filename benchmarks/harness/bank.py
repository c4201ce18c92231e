"""The question bank the exam benchmarks draw from, known to the benchmark itself.

Every choice text is unique in the bank and reads the same whether it is correct or
not, so the load client can tell the paper it was served (and which of its opaque
choice keys are correct) from the attempt page, and the leak check
(harness.leaks) can notice a response that marks the correct ones. Every
explanation carries a secret token (``LOIGIAI-…``) that must not reach a learner
before the review rule allows.
"""

import json
import random
import textwrap

TOPICS = (
    "mật khẩu",
    "mã OTP",
    "tin nhắn giả mạo",
    "VNeID",
    "dịch vụ công trực tuyến",
    "sao lưu dữ liệu",
    "mạng Wi-Fi công cộng",
    "quyền riêng tư",
)
PHRASES = (
    "kiểm tra lại với người gửi qua số điện thoại đã biết",
    "làm theo hướng dẫn trong tin nhắn",
    "báo cho bộ phận hỗ trợ",
    "bỏ qua và tiếp tục",
    "cập nhật ứng dụng từ kho chính thức",
    "chia sẻ cho người thân giữ hộ",
    "bật xác thực hai lớp",
    "tải tệp đính kèm về máy",
)


def exam_bank(size=80, seed=2026):
    """``size`` questions: one in five takes several correct answers (two of four),
    the others one of four. [{"kind", "text", "explanation", "choices": [{"text",
    "correct"}]}]"""
    rng = random.Random(seed)
    bank = []
    for n in range(size):
        multiple = n % 5 == 4
        correct = set(rng.sample(range(4), 2 if multiple else 1))
        secret = f"LOIGIAI-{rng.getrandbits(40):010x}"
        phrases = rng.sample(PHRASES, 4)
        bank.append(
            {
                "kind": "multiple_choice" if multiple else "single_choice",
                "text": f"Câu {n + 1:02d} về {TOPICS[n % len(TOPICS)]}: nên làm gì?",
                "explanation": f"Vì sao (câu {n + 1}): {secret}",
                "choices": [
                    {
                        "text": f"{n + 1:02d}.{c + 1} {phrases[c]}",
                        "correct": c in correct,
                    }
                    for c in range(4)
                ],
            }
        )
    return bank


def write_bank(path, bank):
    path.write_text(json.dumps(bank, ensure_ascii=False))


def add_questions(bank, items):
    """Store ``items`` (as :func:`exam_bank` makes them) as questions of the
    ``QuestionBank`` ``bank``; needs Django set up (the seeding shell, the tests)."""
    from courses.models import Question

    for item in items:
        Question.objects.create(
            bank=bank,
            kind=item["kind"],
            text=item["text"],
            explanation=item["explanation"],
            choices=[("choice", c) for c in item["choices"]],
        )


# Python for ``manage.py shell`` (the repository is on its PYTHONPATH): defines
# make_bank(path, name) -> QuestionBank. Braces are doubled for str.format by the
# seeds that include it.
MAKE_BANK = (
    textwrap.dedent(
        """\
    def make_bank(path, name):
        import json

        from benchmarks.harness.bank import add_questions
        from courses.models import QuestionBank

        bank = QuestionBank.objects.create(name=name)
        with open(path, encoding="utf-8") as spec:
            add_questions(bank, json.load(spec))
        return bank
    """
    )
    .replace("{", "{{")
    .replace("}", "}}")
)
