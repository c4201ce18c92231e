"""Demo course texts, as plain data: courses → lessons (StreamField body) → quiz.

Everything here is written for this portal. Lesson bodies use only the blocks that need
no media or network: ``text``, ``callout`` and ``steps`` (see ``courses/blocks.py``).
Rich text keeps to the features each block's editor allows, so an editor can open and
save every page in the Wagtail admin without losing markup.

The small helpers below only build the dicts Wagtail stores for each block
(``{"type": ..., "value": ...}``); the loader assigns them to the StreamFields.
"""


def text(html):
    return {"type": "text", "value": html}


def tip(html):
    return {"type": "callout", "value": {"kind": "tip", "text": html}}


def warning(html):
    return {"type": "callout", "value": {"kind": "warning", "text": html}}


def note(html):
    return {"type": "callout", "value": {"kind": "note", "text": html}}


def steps(title, items):
    return {
        "type": "steps",
        "value": {"title": title, "steps": [f"<p>{item}</p>" for item in items]},
    }


def _choices(choices):
    return [{"text": label, "correct": correct} for label, correct in choices]


def single(question, explanation, choices):
    """One correct choice; ``choices`` is a list of (text, correct) pairs."""
    return {
        "type": "single_choice",
        "value": {
            "question": question,
            "explanation": explanation,
            "choices": _choices(choices),
        },
    }


def multiple(question, explanation, choices):
    """At least one correct choice; ``choices`` is a list of (text, correct) pairs."""
    return {
        "type": "multiple_choice",
        "value": {
            "question": question,
            "explanation": explanation,
            "choices": _choices(choices),
        },
    }


def true_false(question, explanation, answer):
    return {
        "type": "true_false",
        "value": {"question": question, "explanation": explanation, "answer": answer},
    }


QUIZ_INTRO = (
    "Bài kiểm tra gồm câu hỏi một đáp án, nhiều đáp án và đúng/sai. "
    "Bạn cần đạt từ 70% số điểm trở lên để hoàn thành khóa học."
)

HOME_PAGE = {
    "title": "Trang chủ",
    "headline": "Học kỹ năng số cùng tỉnh Thái Nguyên",
    "intro": (
        "Các khóa học ngắn, học được trên điện thoại, dành cho đoàn viên thanh niên "
        "trong trường học, cán bộ Bộ phận một cửa và mọi người dân. Học xong các bài, "
        "làm bài kiểm tra đạt yêu cầu là bạn nhận được chứng nhận điện tử — góp phần "
        "xây dựng chính quyền số, kinh tế số và xã hội số."
    ),
}

COURSE_INDEX = {
    "title": "Khóa học",
    "slug": "khoa-hoc",
    "intro": (
        "Chọn khóa học phù hợp với bạn. Mỗi khóa gồm vài bài học ngắn và một bài "
        "kiểm tra cuối khóa."
    ),
}


# ---------------------------------------------------------------------------
# (a) Đoàn viên thanh niên: Công dân số an toàn
# ---------------------------------------------------------------------------

CONG_DAN_SO_AN_TOAN = {
    "slug": "cong-dan-so-an-toan",
    "title": "Công dân số an toàn",
    "summary": (
        "Dùng tài khoản định danh điện tử VNeID đúng cách, nhận diện các thủ đoạn "
        "lừa đảo trên mạng, đặt mật khẩu mạnh, bật xác thực hai bước và thanh toán "
        "không dùng tiền mặt an toàn."
    ),
    "audiences": ["doan-vien"],
    "duration_minutes": 60,
    "lessons": [
        {
            "slug": "vneid-va-dinh-danh-dien-tu",
            "title": "VNeID và tài khoản định danh điện tử",
            "intro": (
                "Tài khoản định danh điện tử là “chìa khóa” để chứng minh bạn là ai "
                "khi làm việc trên môi trường số."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>VNeID là ứng dụng định danh và xác thực điện tử do Bộ Công "
                    "an xây dựng. Khi đã có tài khoản định danh điện tử, bạn có thể "
                    "dùng ứng dụng để xuất trình thông tin thẻ căn cước, đăng nhập "
                    "Cổng Dịch vụ công quốc gia và nhiều hệ thống dịch vụ công khác, "
                    "đồng thời tích hợp một số giấy tờ như giấy phép lái xe, thẻ bảo "
                    "hiểm y tế để không phải mang theo bản giấy.</p>"
                    "<h3>Hai mức tài khoản</h3>"
                    "<ul>"
                    "<li><b>Mức 1</b>: tự đăng ký trên ứng dụng VNeID bằng thẻ căn "
                    "cước gắn chip và xác thực khuôn mặt; dùng được một số tiện ích "
                    "cơ bản.</li>"
                    "<li><b>Mức 2</b>: đăng ký trực tiếp tại cơ quan công an (thường "
                    "làm cùng lúc với thủ tục cấp thẻ căn cước), có xác thực ảnh chân "
                    "dung và vân tay; dùng được đầy đủ tiện ích và có giá trị như xuất "
                    "trình thẻ căn cước trong nhiều giao dịch.</li>"
                    "</ul>"
                    "<p>Số định danh cá nhân gồm 12 chữ số, in trên thẻ căn cước. "
                    "Đây là thông tin quan trọng: chỉ cung cấp khi làm thủ tục với cơ "
                    "quan, tổ chức có nhu cầu chính đáng.</p>"
                ),
                steps(
                    "Kích hoạt tài khoản sau khi đã đăng ký",
                    [
                        "Tải ứng dụng <b>VNeID</b> từ kho ứng dụng chính thức (App "
                        "Store hoặc Google Play), không tải qua đường link người "
                        "khác gửi.",
                        "Nhập số định danh cá nhân và số điện thoại bạn đã đăng ký "
                        "với cơ quan công an.",
                        "Nhập mã kích hoạt gửi về điện thoại. Mã chỉ nhập vào ứng "
                        "dụng, không đọc cho bất kỳ ai.",
                        "Đặt mật khẩu đăng nhập và mã bảo vệ (passcode); ghi nhớ, "
                        "không dùng ngày sinh.",
                        "Kiểm tra lại thông tin cá nhân hiển thị; nếu có sai sót, "
                        "liên hệ công an nơi cư trú để được điều chỉnh.",
                    ],
                ),
                warning(
                    "<p>Cơ quan công an <b>không</b> gọi điện, nhắn tin yêu cầu bạn "
                    "cài ứng dụng qua đường link, “cập nhật”, “kích hoạt hộ” hay "
                    "“nâng cấp mức 2” cho tài khoản định danh điện tử. Không bao giờ "
                    "cung cấp mật khẩu, mã bảo vệ hay mã xác thực của VNeID cho người "
                    "khác, kể cả người tự xưng là cán bộ.</p>"
                ),
                note(
                    "<p>Khi đổi điện thoại hoặc nghi tài khoản bị người khác sử dụng, "
                    "hãy đổi mật khẩu ngay và liên hệ cơ quan công an nơi cư trú để "
                    "được hỗ trợ.</p>"
                ),
            ],
        },
        {
            "slug": "nhan-dien-lua-dao-truc-tuyen",
            "title": "Nhận diện lừa đảo trực tuyến",
            "intro": (
                "Kịch bản lừa đảo thay đổi liên tục, nhưng phần lớn có chung vài dấu "
                "hiệu mà ai cũng có thể nhận ra."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Kẻ lừa đảo hiếm khi phá được hệ thống của ngân hàng hay cơ "
                    "quan nhà nước. Chúng thường lừa chính người dùng tự tay chuyển "
                    "tiền, tự đọc mã xác thực hoặc tự cài phần mềm độc hại.</p>"
                    "<h3>Những kịch bản thường gặp</h3>"
                    "<ul>"
                    "<li>Giả danh công an, tòa án, cơ quan thuế, điện lực… gọi điện "
                    "báo bạn “liên quan đến vụ án”, “nợ tiền”, rồi yêu cầu chuyển tiền "
                    "để “xác minh” hoặc cài ứng dụng theo đường link.</li>"
                    "<li>Tin nhắn giả mạo ngân hàng, ví điện tử, nhà mạng: báo tài "
                    "khoản bị khóa, điểm thưởng sắp hết hạn, kèm đường link tới trang "
                    "web giống hệt trang thật.</li>"
                    "<li>Tuyển “cộng tác viên việc nhẹ lương cao”, làm nhiệm vụ "
                    "thả tim, đặt đơn hàng ảo: lúc đầu được trả ít tiền để tạo lòng "
                    "tin, sau đó phải nạp số tiền ngày càng lớn.</li>"
                    "<li>Tài khoản mạng xã hội của người quen bị chiếm, nhắn tin vay "
                    "tiền gấp hoặc nhờ chuyển khoản hộ.</li>"
                    "<li>Báo trúng thưởng, nhận quà, “hỗ trợ lấy lại tiền đã bị lừa” "
                    "nhưng đòi nộp phí trước.</li>"
                    "</ul>"
                ),
                warning(
                    "<p><b>Dấu hiệu chung:</b> tạo cảm giác gấp gáp hoặc sợ hãi, yêu "
                    "cầu giữ bí mật, đòi chuyển tiền, đòi mã OTP hoặc bắt cài ứng "
                    "dụng từ đường link lạ. Gặp một trong các dấu hiệu này, hãy dừng "
                    "lại và kiểm tra.</p>"
                ),
                steps(
                    "Khi nghi ngờ bị lừa đảo",
                    [
                        "Dừng lại: không bấm link, không cài ứng dụng, không đọc mã "
                        "OTP, không chuyển tiền.",
                        "Tự kiểm chứng qua kênh chính thức: gọi số tổng đài in trên "
                        "thẻ ngân hàng, hoặc gọi cho người thân bằng số điện thoại "
                        "bạn đã biết từ trước.",
                        "Nếu lỡ chuyển tiền hoặc lộ thông tin: gọi ngay tổng đài "
                        "ngân hàng đề nghị khóa tài khoản, tạm dừng giao dịch; đổi "
                        "mật khẩu các tài khoản liên quan.",
                        "Trình báo cơ quan công an nơi gần nhất, mang theo ảnh chụp "
                        "tin nhắn, số điện thoại, số tài khoản đã nhận tiền.",
                        "Cảnh báo người thân, bạn bè để họ không bị lừa theo cùng "
                        "cách.",
                    ],
                ),
                tip(
                    "<p>Cuộc gọi video ngắn, hình mờ, tiếng không khớp khẩu hình vẫn "
                    "có thể là giả mạo bằng công nghệ. Gia đình nên thống nhất một "
                    "câu hỏi riêng để xác minh khi có ai nhân danh người thân nhờ "
                    "chuyển tiền.</p>"
                ),
            ],
        },
        {
            "slug": "mat-khau-manh-va-xac-thuc-hai-buoc",
            "title": "Mật khẩu mạnh và xác thực hai bước",
            "intro": (
                "Hai thói quen đơn giản giúp tài khoản của bạn khó bị chiếm hơn "
                "rất nhiều."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Mật khẩu là lớp bảo vệ đầu tiên của tài khoản. Mật khẩu yếu "
                    "hoặc dùng lại ở nhiều nơi là nguyên nhân phổ biến khiến tài khoản "
                    "bị chiếm: khi một trang web bị lộ dữ liệu, kẻ xấu sẽ thử đúng mật "
                    "khẩu đó trên email, mạng xã hội và ứng dụng ngân hàng của bạn.</p>"
                    "<h3>Thế nào là mật khẩu mạnh?</h3>"
                    "<ul>"
                    "<li><b>Dài</b>: nên từ 12 ký tự trở lên. Một cụm từ dễ nhớ với "
                    "bạn nhưng khó đoán với người khác, ví dụ ghép vài từ không liên "
                    "quan, thường mạnh hơn một từ ngắn thêm ký tự đặc biệt.</li>"
                    "<li><b>Riêng</b>: mỗi tài khoản quan trọng một mật khẩu "
                    "khác nhau.</li>"
                    "<li><b>Khó đoán</b>: không dùng ngày sinh, số điện thoại, tên "
                    "người thân hay dãy “123456”.</li>"
                    "<li><b>Bí mật</b>: không chia sẻ, không dán lên màn hình máy "
                    "tính.</li>"
                    "</ul>"
                    "<p>Trình quản lý mật khẩu có sẵn trong điện thoại hoặc trình "
                    "duyệt có thể tự tạo và ghi nhớ mật khẩu riêng cho từng trang; "
                    "khi đó bạn chỉ cần nhớ thật kỹ một mật khẩu chính.</p>"
                    "<h3>Xác thực hai bước là gì?</h3>"
                    "<p>Khi đăng nhập, ngoài mật khẩu hệ thống còn yêu cầu thêm một "
                    "yếu tố nữa: mã gửi qua tin nhắn, mã từ ứng dụng xác thực, hoặc "
                    "xác nhận trên thiết bị đã đăng ký. Kể cả khi mật khẩu bị lộ, "
                    "kẻ xấu vẫn không đăng nhập được nếu không có yếu tố thứ hai.</p>"
                ),
                steps(
                    "Bật xác thực hai bước cho email và mạng xã hội",
                    [
                        "Mở phần <b>Cài đặt</b> → <b>Bảo mật</b> (hoặc “Mật khẩu và "
                        "bảo mật”) của tài khoản.",
                        "Chọn <b>Xác thực hai bước</b> (hoặc “Xác minh 2 bước”) và "
                        "làm theo hướng dẫn.",
                        "Ưu tiên ứng dụng xác thực hoặc xác nhận trên thiết bị; tin "
                        "nhắn SMS vẫn tốt hơn là không bật.",
                        "Lưu các mã dự phòng ở nơi an toàn để dùng khi mất điện thoại.",
                        "Xem danh sách thiết bị đang đăng nhập và đăng xuất những "
                        "thiết bị bạn không nhận ra.",
                    ],
                ),
                warning(
                    "<p>Mã xác thực (OTP) chỉ dành cho bạn. Không ngân hàng, nhà mạng "
                    "hay cơ quan nhà nước nào yêu cầu bạn đọc mã OTP qua điện thoại "
                    "hay tin nhắn.</p>"
                ),
            ],
        },
        {
            "slug": "thanh-toan-khong-dung-tien-mat-an-toan",
            "title": "Thanh toán không dùng tiền mặt an toàn",
            "intro": (
                "Chuyển khoản, quét mã QR, ví điện tử: nhanh và tiện, nếu bạn giữ "
                "vài thói quen an toàn."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Thanh toán không dùng tiền mặt giúp trả tiền nhanh, có lịch "
                    "sử giao dịch rõ ràng và giảm rủi ro khi mang theo nhiều tiền "
                    "mặt. Đi cùng sự tiện lợi là một số thói quen cần tập.</p>"
                    "<h3>Chuẩn bị điện thoại và tài khoản</h3>"
                    "<ul>"
                    "<li>Chỉ cài ứng dụng ngân hàng, ví điện tử từ kho ứng dụng chính "
                    "thức.</li>"
                    "<li>Bật khóa màn hình và xác thực bằng vân tay hoặc khuôn mặt "
                    "cho ứng dụng ngân hàng.</li>"
                    "<li>Đặt hạn mức giao dịch vừa với nhu cầu hằng ngày.</li>"
                    "<li>Bật thông báo biến động số dư để sớm phát hiện giao dịch "
                    "lạ.</li>"
                    "</ul>"
                    "<p>Nếu nhận được một khoản tiền “chuyển nhầm” rồi có người gọi "
                    "đòi lại, đừng tự chuyển trả theo yêu cầu của họ; hãy báo ngân "
                    "hàng của bạn để xử lý theo quy trình tra soát.</p>"
                ),
                steps(
                    "Thanh toán bằng mã QR",
                    [
                        "Mở ứng dụng ngân hàng, chọn chức năng quét mã QR.",
                        "Sau khi quét, đọc kỹ <b>tên người nhận</b> hoặc tên cửa hàng "
                        "hiện trên màn hình; nếu không khớp, dừng lại.",
                        "Kiểm tra số tiền và nội dung chuyển khoản.",
                        "Xác nhận bằng mật khẩu, vân tay hoặc khuôn mặt.",
                        "Giữ biên lai giao dịch cho đến khi người bán xác nhận đã "
                        "nhận tiền.",
                    ],
                ),
                warning(
                    "<p>Kẻ gian có thể dán mã QR giả đè lên mã thật ở cửa hàng, hoặc "
                    "gửi mã QR kèm lời mời “quét để nhận tiền”. Quét mã QR là để "
                    "<b>trả</b> tiền: bạn không bao giờ phải quét mã hay nhập mật "
                    "khẩu để <b>nhận</b> tiền.</p>"
                ),
                note(
                    "<p>Giao dịch chuyển tiền giá trị lớn hiện phải xác thực bằng "
                    "sinh trắc học (khuôn mặt) đối chiếu với dữ liệu trên thẻ căn "
                    "cước gắn chip. Ai đó nhờ bạn quét khuôn mặt “hộ” để mở tài khoản "
                    "hay nhận tiền là dấu hiệu lừa đảo.</p>"
                ),
            ],
        },
    ],
    "quiz": {
        "slug": "bai-kiem-tra",
        "title": "Bài kiểm tra: Công dân số an toàn",
        "intro": QUIZ_INTRO,
        "questions": [
            single(
                "Tài khoản định danh điện tử mức 2 được đăng ký ở đâu?",
                "Mức 2 được đăng ký trực tiếp tại cơ quan công an, có xác thực ảnh "
                "chân dung và vân tay.",
                [
                    ("Qua đường link do người lạ gửi qua tin nhắn", False),
                    (
                        "Tại cơ quan công an, có xác thực ảnh chân dung và vân tay",
                        True,
                    ),
                    ("Tại bất kỳ cửa hàng điện thoại nào", False),
                    ("Qua một nhóm trên mạng xã hội", False),
                ],
            ),
            true_false(
                "Cán bộ công an có thể gọi điện đề nghị bạn đọc mã OTP để “nâng cấp” "
                "tài khoản VNeID.",
                "Sai. Cơ quan công an không bao giờ yêu cầu đọc mã OTP, mật khẩu hay "
                "cài ứng dụng qua điện thoại.",
                False,
            ),
            multiple(
                "Những dấu hiệu nào thường gặp trong cuộc gọi, tin nhắn lừa đảo?",
                "Gây sợ hãi, đòi giữ bí mật và bắt cài ứng dụng từ link lạ đều là dấu "
                "hiệu lừa đảo. Người thật sự muốn giúp sẽ khuyên bạn tự kiểm tra qua "
                "kênh chính thức.",
                [
                    ("Tạo cảm giác gấp gáp hoặc sợ hãi", True),
                    ("Yêu cầu giữ bí mật, không kể với gia đình", True),
                    (
                        "Khuyên bạn tự gọi lại số tổng đài chính thức để kiểm tra",
                        False,
                    ),
                    ("Đề nghị cài ứng dụng qua một đường link", True),
                ],
            ),
            single(
                "Cách đặt mật khẩu nào an toàn nhất?",
                "Mật khẩu dài và riêng cho từng tài khoản quan trọng; ngày sinh dễ "
                "đoán, còn dùng chung thì lộ một nơi là mất tất cả.",
                [
                    ("Ngày sinh của bạn thêm ký tự @ ở cuối", False),
                    ("Một mật khẩu mạnh dùng chung cho mọi tài khoản", False),
                    ("“123456” cho dễ nhớ", False),
                    ("Một cụm từ dài, khác nhau cho từng tài khoản quan trọng", True),
                ],
            ),
            true_false(
                "Khi đã bật xác thực hai bước, kẻ xấu biết mật khẩu của bạn vẫn chưa "
                "đăng nhập được nếu không có yếu tố xác thực thứ hai.",
                "Đúng. Đó chính là lợi ích của xác thực hai bước.",
                True,
            ),
            single(
                "Sau khi quét mã QR để trả tiền, việc quan trọng nhất trước khi xác "
                "nhận là gì?",
                "Mã QR giả thường dẫn tiền về tài khoản của kẻ gian: luôn đọc tên "
                "người nhận và số tiền trước khi xác nhận.",
                [
                    ("Chụp ảnh mã QR gửi cho bạn bè", False),
                    ("Kiểm tra tên người nhận và số tiền", True),
                    ("Tắt thông báo biến động số dư", False),
                    ("Chuyển thử một khoản nhỏ vào tài khoản khác", False),
                ],
            ),
            multiple(
                "Bạn lỡ chuyển tiền cho kẻ lừa đảo. Nên làm gì?",
                "Báo ngân hàng ngay để tạm dừng giao dịch và trình báo công an với "
                "đầy đủ bằng chứng. “Dịch vụ lấy lại tiền” trên mạng thường là một "
                "vụ lừa đảo nữa.",
                [
                    ("Gọi ngay tổng đài ngân hàng đề nghị hỗ trợ, tạm khóa", True),
                    ("Trình báo cơ quan công an, mang theo bằng chứng", True),
                    ("Trả phí cho “dịch vụ lấy lại tiền” tìm thấy trên mạng", False),
                    ("Xóa hết tin nhắn cho đỡ lo", False),
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# (b) Đoàn viên thanh niên: tình nguyện viên hỗ trợ dịch vụ công trực tuyến
# ---------------------------------------------------------------------------

TINH_NGUYEN_VIEN_DVC = {
    "slug": "tinh-nguyen-vien-ho-tro-dich-vu-cong",
    "title": "Tình nguyện viên hỗ trợ người dân dùng dịch vụ công trực tuyến",
    "summary": (
        "Hiểu Cổng Dịch vụ công quốc gia, biết cách hướng dẫn người cao tuổi từng "
        "bước làm thủ tục trực tuyến và giữ an toàn dữ liệu cá nhân của người dân "
        "khi hỗ trợ."
    ),
    "audiences": ["doan-vien"],
    "duration_minutes": 75,
    "lessons": [
        {
            "slug": "cong-dich-vu-cong-quoc-gia",
            "title": "Cổng Dịch vụ công quốc gia là gì?",
            "intro": (
                "Một địa chỉ để tìm hiểu, nộp hồ sơ, thanh toán và theo dõi thủ tục "
                "hành chính."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Cổng Dịch vụ công quốc gia (địa chỉ <b>dichvucong.gov.vn</b>) "
                    "là đầu mối tập trung để người dân và doanh nghiệp tìm hiểu, nộp "
                    "hồ sơ, thanh toán và theo dõi việc giải quyết thủ tục hành chính "
                    "của các bộ, ngành và địa phương. Mỗi tỉnh còn có hệ thống thông "
                    "tin giải quyết thủ tục hành chính riêng, kết nối với Cổng quốc "
                    "gia.</p>"
                    "<h3>Người dân làm được gì trên Cổng?</h3>"
                    "<ul>"
                    "<li>Tra cứu thủ tục: cần giấy tờ gì, nộp ở đâu, mất bao lâu, "
                    "phí và lệ phí bao nhiêu.</li>"
                    "<li>Nộp hồ sơ trực tuyến và theo dõi tiến độ bằng mã hồ sơ.</li>"
                    "<li>Thanh toán phí, lệ phí trực tuyến.</li>"
                    "<li>Nhận kết quả điện tử, lưu giấy tờ vào kho dữ liệu cá nhân "
                    "để dùng lại.</li>"
                    "<li>Gửi phản ánh, kiến nghị và đánh giá chất lượng phục vụ.</li>"
                    "</ul>"
                    "<p>Hai mức dịch vụ thường gặp: <b>dịch vụ công trực tuyến toàn "
                    "trình</b> — mọi bước từ nộp hồ sơ đến nhận kết quả đều làm trên "
                    "mạng; và <b>dịch vụ công trực tuyến một phần</b> — một số bước, "
                    "ví dụ nộp bản gốc hay nhận kết quả, vẫn phải đến trực tiếp.</p>"
                ),
                note(
                    "<p>Người dân đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản "
                    "định danh điện tử <b>VNeID</b>. Trước khi hỗ trợ, hãy hỏi người "
                    "dân đã có và đã kích hoạt tài khoản VNeID chưa.</p>"
                ),
                tip(
                    "<p>Luôn kiểm tra địa chỉ trang có đuôi <b>.gov.vn</b>. Có những "
                    "trang giả mạo đặt tên gần giống để lừa người dân nhập thông "
                    "tin.</p>"
                ),
            ],
        },
        {
            "slug": "chuan-bi-truoc-buoi-ho-tro",
            "title": "Chuẩn bị trước buổi hỗ trợ",
            "intro": "Chuẩn bị kỹ giúp buổi hỗ trợ nhanh và người dân đỡ phải đi lại.",
            "duration_minutes": 10,
            "body": [
                text(
                    "<p>Một buổi hỗ trợ suôn sẻ phụ thuộc nhiều vào khâu chuẩn bị. "
                    "Đội tình nguyện nên hỏi trước Bộ phận một cửa địa phương những "
                    "thủ tục người dân hay cần, rồi đọc kỹ hướng dẫn của các thủ tục "
                    "đó trên Cổng Dịch vụ công.</p>"
                    "<h3>Nhắc người dân mang theo</h3>"
                    "<ul>"
                    "<li>Điện thoại của chính họ, đã cài VNeID và nhớ mật khẩu, mã "
                    "bảo vệ.</li>"
                    "<li>Thẻ căn cước và giấy tờ gốc liên quan đến thủ tục.</li>"
                    "<li>Số điện thoại đang dùng để nhận tin nhắn thông báo.</li>"
                    "<li>Thẻ hoặc ứng dụng ngân hàng nếu thủ tục có phí, lệ phí.</li>"
                    "</ul>"
                    "<h3>Tình nguyện viên chuẩn bị</h3>"
                    "<ul>"
                    "<li>Danh sách giấy tờ cần có của từng thủ tục thường gặp.</li>"
                    "<li>Chỗ ngồi đủ sáng, yên tĩnh; ổ cắm, sạc dự phòng; kết nối "
                    "Internet ổn định.</li>"
                    "<li>Số điện thoại của Bộ phận một cửa để hỏi khi gặp vướng "
                    "mắc.</li>"
                    "<li>Phiếu ghi chép để người dân tự ghi mã hồ sơ và các bước đã "
                    "làm.</li>"
                    "</ul>"
                ),
                note(
                    "<p>Tình nguyện viên <b>hướng dẫn</b>, không làm thay và không "
                    "quyết định thay người dân. Câu hỏi về điều kiện, kết quả giải "
                    "quyết hồ sơ cần để cán bộ có thẩm quyền trả lời.</p>"
                ),
            ],
        },
        {
            "slug": "huong-dan-nguoi-cao-tuoi-tung-buoc",
            "title": "Hướng dẫn người cao tuổi từng bước",
            "intro": (
                "Mục tiêu không chỉ là nộp xong một hồ sơ, mà là giúp người dân tự "
                "tin tự làm lần sau."
            ),
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Người cao tuổi có thể thao tác chậm, khó nhìn chữ nhỏ hoặc "
                    "lo “bấm nhầm là hỏng”. Sự kiên nhẫn của bạn quan trọng không kém "
                    "hiểu biết về thủ tục.</p>"
                    "<ul>"
                    "<li>Ngồi bên cạnh, nói chậm, rõ; dùng từ quen thuộc thay cho "
                    "thuật ngữ, ví dụ “mã số gửi về điện thoại” thay vì “OTP”.</li>"
                    "<li>Để người dân tự cầm máy và tự bấm, bạn chỉ chỉ dẫn. Chỉ thao "
                    "tác hộ khi họ đề nghị và đang nhìn theo.</li>"
                    "<li>Tăng cỡ chữ, độ sáng màn hình nếu cần.</li>"
                    "<li>Mỗi lần chỉ một việc; sau mỗi bước hỏi lại “Bác thấy trên "
                    "màn hình có chữ gì?”.</li>"
                    "<li>Khen khi làm đúng, bình tĩnh khi làm sai; không giành lấy "
                    "điện thoại.</li>"
                    "</ul>"
                ),
                steps(
                    "Các bước nộp một hồ sơ trực tuyến",
                    [
                        "Mở trình duyệt, vào <b>dichvucong.gov.vn</b> (hoặc cổng dịch "
                        "vụ công của tỉnh), chọn Đăng nhập và đăng nhập bằng tài "
                        "khoản VNeID; xác nhận trên ứng dụng VNeID nếu được yêu cầu.",
                        "Gõ tên thủ tục vào ô tìm kiếm, chọn đúng thủ tục và đúng cơ "
                        "quan giải quyết (xã, phường nơi người dân cư trú).",
                        "Cùng người dân đọc phần thành phần hồ sơ, thời hạn giải "
                        "quyết, phí và lệ phí.",
                        "Điền tờ khai. Với nhiều thủ tục, thông tin cá nhân được điền "
                        "sẵn từ cơ sở dữ liệu dân cư; người dân tự kiểm tra và bổ "
                        "sung phần còn thiếu.",
                        "Đính kèm giấy tờ: chụp thẳng, đủ sáng, rõ chữ, đủ trang; "
                        "hoặc chọn giấy tờ đã có trong kho dữ liệu cá nhân.",
                        "Kiểm tra lại toàn bộ rồi bấm Nộp hồ sơ. Người dân ghi mã hồ "
                        "sơ vào phiếu.",
                        "Hướng dẫn cách tra cứu tiến độ bằng mã hồ sơ và để ý tin "
                        "nhắn, thư điện tử thông báo.",
                    ],
                ),
                tip(
                    "<p>Trước khi kết thúc, hãy để người dân tự làm lại bước tra cứu "
                    "hồ sơ một lần. Làm được khi có người bên cạnh, họ sẽ tự tin hơn "
                    "khi ở nhà.</p>"
                ),
            ],
        },
        {
            "slug": "bao-ve-du-lieu-ca-nhan-cua-nguoi-dan",
            "title": "Bảo vệ dữ liệu cá nhân của người dân",
            "intro": (
                "Người dân tin tưởng cho bạn xem giấy tờ của họ. Hãy giữ trọn niềm "
                "tin đó."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Khi hỗ trợ, bạn sẽ thấy số định danh cá nhân, địa chỉ, số "
                    "điện thoại, có khi cả thông tin sức khỏe hay tài chính của người "
                    "khác. Đây là dữ liệu cá nhân được pháp luật bảo vệ. Lộ lọt có "
                    "thể khiến người dân bị lừa đảo hoặc bị mạo danh.</p>"
                    "<h3>Nguyên tắc “ba không”</h3>"
                    "<ul>"
                    "<li><b>Không giữ</b>: không ghi lại, không chụp ảnh giấy tờ, mật "
                    "khẩu, mã xác thực của người dân vào điện thoại hay sổ tay của "
                    "bạn.</li>"
                    "<li><b>Không chia sẻ</b>: không gửi ảnh giấy tờ hay màn hình có "
                    "thông tin cá nhân lên nhóm chat, mạng xã hội, kể cả để hỏi cách "
                    "làm. Khi cần hỏi, che thông tin cá nhân trước.</li>"
                    "<li><b>Không dùng vào việc khác</b>: thông tin của người dân chỉ "
                    "dùng cho đúng thủ tục họ nhờ.</li>"
                    "</ul>"
                ),
                steps(
                    "Trước khi người dân ra về (nếu dùng máy tính chung)",
                    [
                        "Đăng xuất khỏi Cổng Dịch vụ công và mọi tài khoản đã đăng "
                        "nhập.",
                        "Xóa các tệp đã tải về hoặc đã quét trên máy, kể cả trong "
                        "Thùng rác.",
                        "Đóng trình duyệt; không để trình duyệt lưu mật khẩu.",
                        "Kiểm tra không còn giấy tờ gốc của người dân trên bàn hay "
                        "trong máy quét.",
                    ],
                ),
                warning(
                    "<p>Nếu lỡ làm lộ thông tin (gửi nhầm ảnh, để quên giấy tờ), hãy "
                    "báo ngay cho người dân và người phụ trách điểm hỗ trợ để cùng "
                    "khắc phục. Giấu sự cố chỉ làm thiệt hại lớn hơn.</p>"
                ),
            ],
        },
    ],
    "quiz": {
        "slug": "bai-kiem-tra",
        "title": "Bài kiểm tra: Tình nguyện viên dịch vụ công trực tuyến",
        "intro": QUIZ_INTRO,
        "questions": [
            single(
                "Người dân đăng nhập Cổng Dịch vụ công quốc gia bằng gì?",
                "Cổng Dịch vụ công quốc gia dùng tài khoản định danh điện tử VNeID "
                "của chính người dân.",
                [
                    ("Tài khoản mạng xã hội", False),
                    ("Tài khoản của tình nguyện viên", False),
                    ("Tài khoản định danh điện tử VNeID", True),
                    ("Không cần đăng nhập để nộp hồ sơ", False),
                ],
            ),
            single(
                "“Dịch vụ công trực tuyến toàn trình” nghĩa là gì?",
                "Toàn trình: mọi bước, từ nộp hồ sơ đến nhận kết quả, đều thực hiện "
                "trên môi trường mạng.",
                [
                    (
                        "Mọi bước từ nộp hồ sơ đến nhận kết quả đều làm trên mạng",
                        True,
                    ),
                    ("Chỉ tra cứu trên mạng, còn lại đến trực tiếp", False),
                    ("Dịch vụ chắc chắn không mất phí", False),
                    ("Dịch vụ chỉ dành cho doanh nghiệp", False),
                ],
            ),
            true_false(
                "Để nhanh hơn, tình nguyện viên nên cầm điện thoại và tự bấm hết các "
                "bước cho người cao tuổi.",
                "Sai. Người dân tự thao tác, tình nguyện viên hướng dẫn; như vậy họ "
                "mới tự làm được lần sau.",
                False,
            ),
            multiple(
                "Những việc nào tình nguyện viên nên làm khi hướng dẫn người cao tuổi?",
                "Nói chậm, từng bước một và để người dân tự ghi mã hồ sơ. Không bao "
                "giờ giữ mật khẩu của người dân.",
                [
                    ("Nói chậm, dùng từ ngữ quen thuộc", True),
                    ("Ghi lại mật khẩu VNeID của người dân để lần sau làm hộ", False),
                    ("Mỗi lần chỉ hướng dẫn một bước", True),
                    ("Nhắc người dân ghi lại mã hồ sơ", True),
                ],
            ),
            true_false(
                "Có thể gửi ảnh thẻ căn cước của người dân lên nhóm chat của đội tình "
                "nguyện để hỏi cách làm, miễn là nhóm chỉ có tình nguyện viên.",
                "Sai. Không chia sẻ giấy tờ có thông tin cá nhân; nếu cần hỏi, che "
                "thông tin cá nhân trước.",
                False,
            ),
            multiple(
                "Trước khi người dân rời điểm hỗ trợ dùng máy tính chung, cần làm gì?",
                "Đăng xuất, xóa tệp và trả đủ giấy tờ. Không để trình duyệt lưu mật "
                "khẩu của người dân.",
                [
                    ("Đăng xuất mọi tài khoản", True),
                    ("Xóa các tệp đã tải về, đã quét", True),
                    ("Cho trình duyệt lưu mật khẩu để lần sau nhanh hơn", False),
                    ("Trả lại đầy đủ giấy tờ gốc", True),
                ],
            ),
            single(
                "Người dân hỏi hồ sơ của mình có chắc được duyệt không. Tình nguyện "
                "viên nên trả lời thế nào?",
                "Việc xét duyệt thuộc thẩm quyền của cơ quan giải quyết; tình nguyện "
                "viên hướng dẫn người dân hỏi đúng nơi.",
                [
                    ("Khẳng định chắc chắn được duyệt để người dân yên tâm", False),
                    ("Tự sửa tờ khai cho “dễ được duyệt”", False),
                    ("Khuyên người dân thôi không nộp nữa", False),
                    (
                        "Hướng dẫn người dân hỏi cán bộ có thẩm quyền ở Bộ phận một "
                        "cửa",
                        True,
                    ),
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# (c) Cán bộ một cửa: tiếp nhận và số hóa hồ sơ
# ---------------------------------------------------------------------------

TIEP_NHAN_SO_HOA = {
    "slug": "tiep-nhan-va-so-hoa-ho-so",
    "title": "Tiếp nhận và số hóa hồ sơ",
    "summary": (
        "Quy trình tiếp nhận hồ sơ tại Bộ phận một cửa, chuẩn quét và số hóa giấy "
        "tờ, sử dụng chữ ký số và lưu trữ kết quả điện tử để người dân không phải "
        "nộp lại giấy tờ đã có."
    ),
    "audiences": ["can-bo-mot-cua"],
    "duration_minutes": 90,
    "lessons": [
        {
            "slug": "tiep-nhan-ho-so",
            "title": "Tiếp nhận hồ sơ tại Bộ phận một cửa",
            "intro": (
                "Cách tiếp nhận hồ sơ quyết định phần lớn cảm nhận của người dân về "
                "dịch vụ công."
            ),
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Bộ phận một cửa là nơi người dân gặp chính quyền thường xuyên "
                    "nhất. Tiếp nhận đúng và đủ ngay từ đầu giúp người dân không phải "
                    "đi lại nhiều lần và giúp bộ phận chuyên môn giải quyết đúng "
                    "hạn.</p>"
                    "<h3>Khi tiếp nhận, cán bộ cần</h3>"
                    "<ul>"
                    "<li>Xác định đúng thủ tục người dân cần làm, dựa trên danh mục "
                    "thủ tục và thành phần hồ sơ đã được công bố công khai.</li>"
                    "<li>Kiểm tra tính đầy đủ, hợp lệ của hồ sơ. Với thông tin đã có "
                    "trong cơ sở dữ liệu (ví dụ thông tin dân cư, giấy tờ đã được số "
                    "hóa), khai thác dữ liệu thay vì yêu cầu người dân nộp thêm bản "
                    "sao.</li>"
                    "<li>Nếu hồ sơ chưa đầy đủ: hướng dẫn <b>một lần, đầy đủ</b> bằng "
                    "văn bản những gì cần bổ sung.</li>"
                    "<li>Nếu hồ sơ đầy đủ: cập nhật vào hệ thống, cấp giấy tiếp nhận "
                    "và hẹn trả kết quả có mã hồ sơ.</li>"
                    "</ul>"
                ),
                steps(
                    "Tiếp nhận một hồ sơ nộp trực tiếp",
                    [
                        "Chào hỏi, mời người dân ngồi, hỏi rõ nhu cầu.",
                        "Đối chiếu giấy tờ với danh mục thành phần hồ sơ của thủ tục.",
                        "Số hóa giấy tờ ngay tại quầy (xem bài sau) và trả lại bản "
                        "gốc khi không cần giữ.",
                        "Nhập hồ sơ vào hệ thống thông tin giải quyết thủ tục hành "
                        "chính; hệ thống cấp mã hồ sơ.",
                        "In hoặc gửi điện tử giấy tiếp nhận và hẹn trả kết quả; "
                        "hướng dẫn người dân tra cứu tiến độ bằng mã hồ sơ.",
                        "Chuyển hồ sơ điện tử đến bộ phận chuyên môn giải quyết.",
                    ],
                ),
                tip(
                    "<p>Hồ sơ nộp trực tuyến cũng được kiểm tra như hồ sơ giấy. Khi "
                    "cần bổ sung, gửi yêu cầu qua hệ thống, nêu rõ từng giấy tờ còn "
                    "thiếu và lý do, để người dân bổ sung ngay trên hồ sơ đó.</p>"
                ),
            ],
        },
        {
            "slug": "chuan-quet-va-so-hoa-giay-to",
            "title": "Chuẩn quét và số hóa giấy tờ",
            "intro": "Một bản số hóa tốt dùng được nhiều lần; một bản mờ phải làm lại.",
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Số hóa là chuyển giấy tờ bản giấy thành bản điện tử để xử "
                    "lý, lưu trữ và dùng lại. Bản số hóa đạt yêu cầu phải đọc rõ mọi "
                    "chữ, con dấu, chữ ký; đúng và đủ trang; và được gắn đúng hồ sơ, "
                    "đúng người.</p>"
                    "<h3>Thông số quét thường dùng</h3>"
                    "<ul>"
                    "<li><b>Định dạng</b>: PDF; mỗi giấy tờ một tệp, các trang của "
                    "cùng giấy tờ gộp trong một tệp.</li>"
                    "<li><b>Độ phân giải</b>: khoảng 200–300 dpi thường đủ rõ cho văn "
                    "bản; cao hơn nữa làm tệp nặng, khó gửi mà không rõ hơn "
                    "bao nhiêu.</li>"
                    "<li><b>Màu</b>: quét màu với giấy tờ có con dấu đỏ, ảnh chân "
                    "dung; thang xám cho văn bản thuần chữ nếu hướng dẫn của địa "
                    "phương cho phép.</li>"
                    "<li>Quét cả hai mặt nếu mặt sau có nội dung; giữ đúng thứ tự "
                    "trang.</li>"
                    "<li>Đặt tên tệp theo quy ước chung của đơn vị, ví dụ gồm mã hồ "
                    "sơ và tên giấy tờ.</li>"
                    "</ul>"
                    "<p>Luôn làm theo hướng dẫn kỹ thuật của tỉnh và của hệ thống "
                    "đang dùng khi có khác biệt với các thông số gợi ý ở trên.</p>"
                ),
                steps(
                    "Số hóa tại quầy",
                    [
                        "Kiểm tra bản gốc: rõ ràng, không rách, không tẩy xóa.",
                        "Quét, rồi mở tệp kiểm tra: đủ trang, không nghiêng, không "
                        "mất mép, chữ và dấu đọc được.",
                        "Đối chiếu bản quét với bản gốc; quét lại nếu chưa đạt.",
                        "Ký số xác nhận bản điện tử theo quy định (xem bài chữ ký số).",
                        "Đính kèm vào đúng hồ sơ trên hệ thống và cập nhật vào kho dữ "
                        "liệu điện tử của người dân khi thủ tục cho phép.",
                        "Trả lại bản gốc cho người dân.",
                    ],
                ),
                warning(
                    "<p>Không lưu bản quét trên máy tính cá nhân, USB hay gửi qua "
                    "ứng dụng chat. Bản số hóa chỉ được lưu trên hệ thống của cơ "
                    "quan.</p>"
                ),
                tip(
                    "<p>Lau mặt kính máy quét và kiểm tra cài đặt mặc định mỗi đầu "
                    "ngày: một vết bẩn có thể làm hỏng hàng loạt bản quét.</p>"
                ),
            ],
        },
        {
            "slug": "chu-ky-so",
            "title": "Chữ ký số trong giải quyết thủ tục hành chính",
            "intro": (
                "Chữ ký số cho biết ai đã ký, ký lúc nào và văn bản có bị sửa sau "
                "khi ký hay không."
            ),
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Chữ ký số là dạng chữ ký điện tử dùng cặp khóa mật mã gắn "
                    "với chứng thư chữ ký số của người ký. Văn bản được ký số hợp lệ "
                    "cho biết <b>ai đã ký</b>, <b>ký lúc nào</b>, và <b>nội dung không "
                    "bị sửa</b> kể từ khi ký: chỉ cần sửa một ký tự, phần mềm sẽ báo "
                    "chữ ký không còn hợp lệ.</p>"
                    "<ul>"
                    "<li>Cán bộ, công chức dùng chữ ký số chuyên dùng công vụ do cơ "
                    "quan có thẩm quyền cấp, trên thiết bị ký số (USB token) hoặc "
                    "bằng hình thức ký số từ xa trên điện thoại.</li>"
                    "<li>Cơ quan dùng chữ ký số của cơ quan để phát hành văn bản và "
                    "kết quả giải quyết thủ tục hành chính.</li>"
                    "<li>Người dân có thể dùng chữ ký số cá nhân để ký tờ khai khi "
                    "nộp hồ sơ trực tuyến.</li>"
                    "</ul>"
                ),
                steps(
                    "Ký số một tệp PDF",
                    [
                        "Cắm thiết bị ký số hoặc mở ứng dụng ký số từ xa.",
                        "Mở tệp bằng phần mềm ký số cơ quan cung cấp; đọc lại nội "
                        "dung lần cuối.",
                        "Chọn vị trí đặt chữ ký và chọn đúng chứng thư của mình.",
                        "Nhập mã PIN hoặc xác nhận trên điện thoại.",
                        "Mở tệp đã ký, kiểm tra chữ ký hiển thị trạng thái hợp lệ.",
                    ],
                ),
                warning(
                    "<p>Thiết bị ký số và mã PIN giống như con dấu và chữ ký tay của "
                    "bạn: không cho mượn, không nhờ người khác ký hộ, không dán mã "
                    "PIN lên máy. Khi mất thiết bị hoặc nghi lộ mã PIN, báo ngay cho "
                    "người phụ trách để tạm dừng hoặc thu hồi chứng thư.</p>"
                ),
                note(
                    "<p>Khi nhận văn bản điện tử có chữ ký số, hãy kiểm tra: chữ ký "
                    "hợp lệ, chứng thư còn hiệu lực tại thời điểm ký, và người ký "
                    "đúng là người có thẩm quyền.</p>"
                ),
            ],
        },
        {
            "slug": "luu-tru-va-tai-su-dung-ket-qua",
            "title": "Lưu trữ và tái sử dụng kết quả",
            "intro": (
                "Giấy tờ nhà nước đã cấp hoặc đã số hóa thì người dân không phải nộp "
                "lại."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Kết quả giải quyết thủ tục hành chính (giấy chứng nhận, giấy "
                    "phép, văn bản trả lời…) cần được lưu bản điện tử gắn với hồ sơ. "
                    "Mục đích kép: cơ quan tra cứu được khi cần, và người dân dùng "
                    "lại được cho các thủ tục sau.</p>"
                    "<h3>Nguyên tắc lưu trữ</h3>"
                    "<ul>"
                    "<li>Lưu trên hệ thống thông tin giải quyết thủ tục hành chính, "
                    "gắn đúng mã hồ sơ và đúng người.</li>"
                    "<li>Kết quả điện tử được ký số trước khi trả.</li>"
                    "<li>Đồng bộ kết quả vào kho quản lý dữ liệu điện tử của tổ "
                    "chức, cá nhân trên Cổng Dịch vụ công quốc gia.</li>"
                    "<li>Phân quyền truy cập: chỉ người cần xử lý mới được xem; thao "
                    "tác được ghi nhật ký.</li>"
                    "<li>Thời hạn lưu trữ và việc nộp lưu thực hiện theo quy định về "
                    "lưu trữ và hướng dẫn của cơ quan chuyên môn.</li>"
                    "</ul>"
                ),
                steps(
                    "Trả kết quả cho một hồ sơ",
                    [
                        "Nhận kết quả đã ký số từ bộ phận chuyên môn trên hệ thống.",
                        "Kiểm tra thông tin trên kết quả khớp với hồ sơ: họ tên, "
                        "ngày sinh, số định danh cá nhân.",
                        "Cập nhật trạng thái hồ sơ; hệ thống thông báo cho người dân.",
                        "Trả kết quả theo hình thức người dân đã chọn: trực tuyến, "
                        "tại quầy hoặc qua dịch vụ bưu chính.",
                        "Bảo đảm bản điện tử của kết quả đã có trong hồ sơ và trong "
                        "kho dữ liệu của người dân.",
                    ],
                ),
                tip(
                    "<p>Trước khi yêu cầu người dân nộp một giấy tờ, hãy tra xem giấy "
                    "tờ đó đã có trong kho dữ liệu hoặc cơ sở dữ liệu chuyên ngành "
                    "chưa. Mỗi lần dùng lại là một lần người dân đỡ phải đi sao "
                    "chụp, chứng thực.</p>"
                ),
            ],
        },
    ],
    "quiz": {
        "slug": "bai-kiem-tra",
        "title": "Bài kiểm tra: Tiếp nhận và số hóa hồ sơ",
        "intro": QUIZ_INTRO,
        "questions": [
            single(
                "Khi hồ sơ chưa đầy đủ, cán bộ tiếp nhận phải làm gì?",
                "Hướng dẫn một lần, đầy đủ, bằng văn bản để người dân không phải đi "
                "lại nhiều lần.",
                [
                    ("Nhận tạm, khi nào xử lý thì gọi bổ sung từng thứ", False),
                    ("Hướng dẫn một lần, đầy đủ những gì cần bổ sung", True),
                    ("Từ chối mà không cần giải thích", False),
                    ("Yêu cầu người dân tự tìm hiểu trên mạng", False),
                ],
            ),
            multiple(
                "Một bản số hóa đạt yêu cầu phải:",
                "Rõ, đủ, đúng hồ sơ. Độ phân giải quá cao chỉ làm tệp nặng mà không "
                "rõ hơn đáng kể.",
                [
                    ("Đọc rõ chữ, con dấu, chữ ký", True),
                    ("Đủ trang, đúng thứ tự", True),
                    ("Có độ phân giải càng cao càng tốt, bất kể dung lượng", False),
                    ("Gắn đúng hồ sơ, đúng người", True),
                ],
            ),
            true_false(
                "Có thể chép bản quét hồ sơ của người dân vào USB cá nhân để mang về "
                "nhà xử lý cho kịp.",
                "Sai. Bản số hóa chỉ được lưu trên hệ thống của cơ quan.",
                False,
            ),
            single(
                "Chữ ký số hợp lệ trên một tệp PDF cho biết điều gì?",
                "Chữ ký số xác nhận người ký, thời điểm ký và nội dung không bị sửa "
                "sau khi ký; nó không chứng minh nội dung đúng hay sai.",
                [
                    ("Tệp đã được gửi tới người dân", False),
                    ("Tệp chắc chắn không chứa virus", False),
                    ("Nội dung tệp đúng pháp luật", False),
                    ("Ai đã ký, ký lúc nào và nội dung không bị sửa sau khi ký", True),
                ],
            ),
            true_false(
                "Cán bộ có thể đưa thiết bị ký số và mã PIN cho đồng nghiệp ký hộ "
                "khi mình vắng mặt.",
                "Sai. Thiết bị ký số và mã PIN là của riêng người được cấp; không "
                "cho mượn, không ký hộ.",
                False,
            ),
            multiple(
                "Kết quả giải quyết thủ tục có thể được trả theo những hình thức "
                "nào (tùy thủ tục và lựa chọn của người dân)?",
                "Trực tuyến, tại quầy hoặc qua dịch vụ bưu chính. Không gửi kết quả "
                "qua tài khoản mạng xã hội cá nhân.",
                [
                    ("Trực tuyến qua Cổng Dịch vụ công", True),
                    ("Tại Bộ phận một cửa", True),
                    ("Qua dịch vụ bưu chính", True),
                    ("Qua tin nhắn mạng xã hội của cán bộ", False),
                ],
            ),
            single(
                "Vì sao cần đồng bộ kết quả vào kho dữ liệu điện tử của người dân?",
                "Để người dân dùng lại kết quả cho các thủ tục sau mà không phải nộp "
                "lại giấy tờ.",
                [
                    ("Để cán bộ không phải ký số", False),
                    ("Để người dân dùng lại, không phải nộp lại giấy tờ", True),
                    ("Để xóa bản lưu trên hệ thống của cơ quan", False),
                    ("Để thu thêm phí lưu trữ", False),
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# (d) Cán bộ một cửa: hướng dẫn nộp hồ sơ và thanh toán trực tuyến
# ---------------------------------------------------------------------------

NOP_HO_SO_THANH_TOAN = {
    "slug": "huong-dan-nop-ho-so-va-thanh-toan-truc-tuyen",
    "title": "Hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến",
    "summary": (
        "Giúp người dân tự nộp hồ sơ trực tuyến, nộp phí, lệ phí qua nền tảng thanh "
        "toán của Cổng Dịch vụ công quốc gia, xử lý khi thanh toán không thành công "
        "và nhận kết quả trực tuyến."
    ),
    "audiences": ["can-bo-mot-cua"],
    "duration_minutes": 90,
    "lessons": [
        {
            "slug": "nop-ho-so-truc-tuyen",
            "title": "Nộp hồ sơ trực tuyến",
            "intro": (
                "Mỗi người dân được hướng dẫn thành công hôm nay là một người tự làm "
                "được ở nhà lần sau."
            ),
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Nhiều người dân đến Bộ phận một cửa vì chưa biết thủ tục của "
                    "mình có thể làm trực tuyến. Hướng dẫn họ tự nộp một lần giúp họ "
                    "đỡ đi lại về sau, còn quầy tiếp nhận bớt đông.</p>"
                    "<p>Bộ phận một cửa có thể bố trí khu vực hỗ trợ với máy tính, "
                    "máy quét và cán bộ hoặc tình nguyện viên hướng dẫn. Nguyên tắc: "
                    "người dân tự thực hiện trên tài khoản của mình, cán bộ hướng "
                    "dẫn.</p>"
                ),
                steps(
                    "Hướng dẫn người dân nộp hồ sơ",
                    [
                        "Đăng nhập Cổng Dịch vụ công quốc gia hoặc cổng dịch vụ công "
                        "của tỉnh bằng tài khoản VNeID của người dân.",
                        "Tìm đúng thủ tục và cơ quan giải quyết; đọc thành phần hồ "
                        "sơ, phí, lệ phí, thời hạn giải quyết.",
                        "Điền tờ khai điện tử; kiểm tra các thông tin được điền sẵn "
                        "từ cơ sở dữ liệu dân cư.",
                        "Tải lên giấy tờ: ưu tiên dùng lại giấy tờ đã có trong kho "
                        "dữ liệu cá nhân; nếu phải chụp thì chụp thẳng, đủ sáng, rõ "
                        "chữ.",
                        "Chọn hình thức nhận kết quả: trực tuyến, tại quầy hoặc qua "
                        "bưu chính.",
                        "Nộp hồ sơ và ghi lại mã hồ sơ; nếu thủ tục có phí, lệ phí "
                        "thì chuyển sang bước thanh toán.",
                    ],
                ),
                tip(
                    "<p>Lỗi hay gặp: chọn nhầm cơ quan giải quyết (nhầm xã, phường), "
                    "ảnh giấy tờ mờ hoặc thiếu trang, số điện thoại liên hệ không còn "
                    "dùng. Nhắc người dân kiểm tra ba điểm này trước khi bấm nộp.</p>"
                ),
                note(
                    "<p>Sau khi nộp, người dân theo dõi trạng thái bằng mã hồ sơ và "
                    "chú ý tin nhắn, thư điện tử. Nếu được yêu cầu bổ sung, người dân "
                    "bổ sung ngay trên hồ sơ đó, không nộp hồ sơ mới.</p>"
                ),
            ],
        },
        {
            "slug": "thanh-toan-phi-le-phi-truc-tuyen",
            "title": "Thanh toán phí, lệ phí trực tuyến",
            "intro": (
                "Nộp phí ngay sau khi nộp hồ sơ, không cần đến quầy hay ra ngân hàng."
            ),
            "duration_minutes": 20,
            "body": [
                text(
                    "<p>Cổng Dịch vụ công quốc gia có nền tảng thanh toán trực tuyến "
                    "kết nối với nhiều ngân hàng và trung gian thanh toán. Người dân "
                    "nộp phí, lệ phí của thủ tục ngay trong hồ sơ vừa nộp.</p>"
                    "<h3>Các cách thanh toán thường có</h3>"
                    "<ul>"
                    "<li>Chọn ngân hàng hoặc ví điện tử trong danh sách, đăng nhập và "
                    "xác nhận giao dịch.</li>"
                    "<li>Quét mã QR hiện trên màn hình bằng ứng dụng ngân hàng trên "
                    "điện thoại.</li>"
                    "<li>Thẻ ngân hàng, tùy ngân hàng và trung gian thanh toán hỗ "
                    "trợ.</li>"
                    "</ul>"
                    "<p>Số tiền, nội dung và đơn vị thụ hưởng được hệ thống tạo sẵn "
                    "theo hồ sơ; người dân không phải tự nhập nên hạn chế được nhầm "
                    "lẫn.</p>"
                ),
                steps(
                    "Thanh toán bằng mã QR",
                    [
                        "Trong hồ sơ vừa nộp, chọn <b>Thanh toán</b>.",
                        "Chọn hình thức quét mã QR; mã hiện trên màn hình.",
                        "Mở ứng dụng ngân hàng trên điện thoại và quét mã.",
                        "Kiểm tra đơn vị thụ hưởng, số tiền, nội dung khớp với hồ sơ "
                        "rồi xác nhận.",
                        "Quay lại Cổng, chờ trạng thái chuyển sang đã thanh toán và "
                        "lưu biên lai điện tử.",
                    ],
                ),
                warning(
                    "<p>Chỉ thanh toán trên trang thanh toán mở ra từ hồ sơ trên "
                    "Cổng. Cán bộ không bao giờ yêu cầu người dân chuyển phí, lệ phí "
                    "vào tài khoản cá nhân và không nhận tiền hộ.</p>"
                ),
                note(
                    "<p>Sau khi thanh toán thành công, người dân nhận biên lai điện "
                    "tử và có thể xem lại, tải về trong hồ sơ bất cứ lúc nào.</p>"
                ),
            ],
        },
        {
            "slug": "xu-ly-khi-thanh-toan-khong-thanh-cong",
            "title": "Xử lý khi thanh toán không thành công",
            "intro": (
                "Điều quan trọng nhất: không thanh toán lại ngay khi chưa rõ tiền đã "
                "bị trừ hay chưa."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Thỉnh thoảng giao dịch gặp sự cố: mạng chập chờn, hết thời "
                    "gian chờ, tài khoản đã bị trừ tiền nhưng hồ sơ vẫn báo chưa "
                    "thanh toán. Thanh toán lại vội vàng có thể khiến người dân bị "
                    "trừ tiền hai lần.</p>"
                    "<h3>Phân biệt ba tình huống</h3>"
                    "<ul>"
                    "<li><b>Chưa bị trừ tiền, hồ sơ báo chưa thanh toán</b>: giao "
                    "dịch chưa thực hiện; có thể thanh toán lại.</li>"
                    "<li><b>Đã bị trừ tiền, hồ sơ báo đã thanh toán</b>: giao dịch "
                    "thành công; lưu biên lai.</li>"
                    "<li><b>Đã bị trừ tiền nhưng hồ sơ vẫn báo chưa thanh toán</b>: "
                    "giao dịch đang chờ đối soát giữa ngân hàng và nền tảng thanh "
                    "toán; cần chờ và kiểm tra lại.</li>"
                    "</ul>"
                ),
                steps(
                    "Khi đã bị trừ tiền nhưng hồ sơ chưa cập nhật",
                    [
                        "Trấn an người dân: hệ thống sẽ đối soát giao dịch.",
                        "Chụp màn hình giao dịch trong ứng dụng ngân hàng; ghi mã "
                        "giao dịch, thời gian, số tiền và mã hồ sơ.",
                        "Chờ một thời gian rồi tải lại trang hồ sơ để kiểm tra trạng "
                        "thái.",
                        "Nếu vẫn chưa cập nhật, liên hệ bộ phận hỗ trợ của Cổng Dịch "
                        "vụ công hoặc tổng đài ngân hàng, cung cấp các thông tin đã "
                        "ghi.",
                        "Nếu bị trừ tiền hai lần, đề nghị ngân hàng tra soát để hoàn "
                        "lại khoản thừa.",
                        "Ghi sự việc vào sổ theo dõi của Bộ phận một cửa và theo dõi "
                        "đến khi xử lý xong.",
                    ],
                ),
                tip(
                    "<p>Những lý do thường gặp khác: vượt hạn mức giao dịch trong "
                    "ngày, thẻ chưa đăng ký thanh toán trực tuyến, hết thời gian nhập "
                    "mã xác thực. Gợi ý người dân kiểm tra trong ứng dụng ngân hàng "
                    "trước khi thử lại.</p>"
                ),
            ],
        },
        {
            "slug": "nhan-ket-qua-truc-tuyen",
            "title": "Nhận kết quả trực tuyến",
            "intro": (
                "Kết quả điện tử được ký số, lưu vào kho dữ liệu cá nhân và dùng lại "
                "được."
            ),
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Khi hồ sơ được giải quyết xong, người dân nhận thông báo qua "
                    "tin nhắn, thư điện tử hoặc trên tài khoản Cổng Dịch vụ công. Tùy "
                    "thủ tục và lựa chọn lúc nộp, kết quả có thể là bản điện tử, bản "
                    "giấy nhận tại quầy, hoặc gửi qua dịch vụ bưu chính.</p>"
                    "<ul>"
                    "<li><b>Kết quả điện tử</b> là tệp có chữ ký số của cơ quan giải "
                    "quyết; người dân tải về từ hồ sơ, và kết quả được lưu vào kho "
                    "quản lý dữ liệu điện tử cá nhân trên Cổng.</li>"
                    "<li>Kết quả điện tử có thể dùng cho thủ tục khác mà không cần "
                    "bản sao chứng thực, khi thủ tục đó chấp nhận.</li>"
                    "<li>Người dân nên tải về, lưu ở nơi an toàn và biết cách tìm lại "
                    "trong kho dữ liệu khi cần.</li>"
                    "</ul>"
                ),
                steps(
                    "Hướng dẫn người dân tải kết quả",
                    [
                        "Đăng nhập Cổng bằng tài khoản VNeID.",
                        "Vào mục quản lý hồ sơ đã nộp, tìm hồ sơ theo mã.",
                        "Mở hồ sơ đã có kết quả, chọn tải kết quả.",
                        "Mở tệp, kiểm tra thông tin cá nhân và trạng thái chữ ký số.",
                        "Chỉ cho người dân vị trí của kết quả trong kho dữ liệu cá "
                        "nhân để dùng lại lần sau.",
                    ],
                ),
                note(
                    "<p>Cuối cùng, mời người dân đánh giá mức độ hài lòng trên Cổng. "
                    "Ý kiến của người dân giúp cơ quan phục vụ tốt hơn.</p>"
                ),
            ],
        },
    ],
    "quiz": {
        "slug": "bai-kiem-tra",
        "title": "Bài kiểm tra: Nộp hồ sơ và thanh toán trực tuyến",
        "intro": QUIZ_INTRO,
        "questions": [
            single(
                "Khi hướng dẫn người dân nộp hồ sơ trực tuyến, ai thao tác trên tài "
                "khoản?",
                "Người dân tự thao tác trên tài khoản VNeID của chính họ; cán bộ chỉ "
                "hướng dẫn.",
                [
                    ("Cán bộ dùng tài khoản của mình nộp hộ", False),
                    (
                        "Người dân, trên tài khoản VNeID của chính họ, có cán bộ "
                        "hướng dẫn",
                        True,
                    ),
                    ("Tình nguyện viên dùng tài khoản của người thân", False),
                    ("Bất kỳ ai biết mật khẩu", False),
                ],
            ),
            true_false(
                "Khi nộp phí qua nền tảng thanh toán của Cổng, số tiền và đơn vị thụ "
                "hưởng được tạo sẵn theo hồ sơ.",
                "Đúng. Người dân không phải tự nhập, nên hạn chế được nhầm lẫn.",
                True,
            ),
            multiple(
                "Những cách thanh toán thường có trên nền tảng thanh toán của Cổng:",
                "Ngân hàng, ví điện tử, mã QR và thẻ. Phí, lệ phí không bao giờ nộp "
                "vào tài khoản cá nhân của cán bộ.",
                [
                    ("Chọn ngân hàng hoặc ví điện tử trong danh sách", True),
                    ("Quét mã QR bằng ứng dụng ngân hàng", True),
                    ("Chuyển khoản vào tài khoản cá nhân của cán bộ một cửa", False),
                    ("Thẻ ngân hàng được hỗ trợ", True),
                ],
            ),
            single(
                "Tài khoản người dân đã bị trừ tiền nhưng hồ sơ vẫn báo chưa thanh "
                "toán. Việc đầu tiên nên làm là gì?",
                "Không thanh toán lại; lưu thông tin giao dịch và chờ đối soát, rồi "
                "liên hệ hỗ trợ nếu vẫn chưa cập nhật.",
                [
                    ("Thanh toán lại ngay", False),
                    ("Hủy hồ sơ và nộp hồ sơ mới", False),
                    (
                        "Không thanh toán lại; lưu thông tin giao dịch và chờ đối soát",
                        True,
                    ),
                    ("Nộp tiền mặt cho cán bộ", False),
                ],
            ),
            true_false(
                "Nếu bị trừ tiền hai lần cho cùng một hồ sơ, khoản thừa sẽ mất.",
                "Sai. Người dân đề nghị ngân hàng tra soát để được hoàn lại khoản "
                "thừa.",
                False,
            ),
            single(
                "Kết quả điện tử của thủ tục hành chính được lưu ở đâu để người dân "
                "dùng lại?",
                "Kết quả được lưu vào kho quản lý dữ liệu điện tử cá nhân trên Cổng "
                "Dịch vụ công quốc gia.",
                [
                    (
                        "Kho quản lý dữ liệu điện tử cá nhân trên Cổng Dịch vụ công "
                        "quốc gia",
                        True,
                    ),
                    ("Nhóm chat của khu dân cư", False),
                    ("Máy tính cá nhân của cán bộ một cửa", False),
                    ("Không được lưu ở đâu", False),
                ],
            ),
            multiple(
                "Trước khi bấm nộp hồ sơ, nên nhắc người dân kiểm tra những gì?",
                "Đúng cơ quan giải quyết, ảnh giấy tờ rõ và đủ, số điện thoại còn "
                "dùng: ba lỗi thường gặp nhất.",
                [
                    ("Đúng cơ quan giải quyết (đúng xã, phường)", True),
                    ("Ảnh giấy tờ rõ, đủ trang", True),
                    ("Số điện thoại liên hệ còn dùng", True),
                    ("Đã chụp màn hình tờ khai đăng lên mạng xã hội", False),
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# (e) Mọi người dân: kỹ năng số cơ bản
# ---------------------------------------------------------------------------

KY_NANG_SO_CO_BAN = {
    "slug": "ky-nang-so-co-ban",
    "title": "Kỹ năng số cơ bản cho mọi người",
    "summary": (
        "Dùng điện thoại thông minh an toàn, tìm và kiểm chứng thông tin trên mạng, "
        "ứng xử văn minh trên mạng xã hội: những kỹ năng số đầu tiên cho mọi người "
        "dân."
    ),
    "audiences": ["moi-nguoi"],
    "duration_minutes": 45,
    "lessons": [
        {
            "slug": "dung-dien-thoai-thong-minh-an-toan",
            "title": "Dùng điện thoại thông minh an toàn",
            "intro": "Vài thói quen nhỏ bảo vệ tiền, giấy tờ và tin nhắn của bạn.",
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Điện thoại thông minh chứa tài khoản ngân hàng, ảnh giấy tờ, "
                    "tin nhắn riêng tư của bạn. Vài thói quen đơn giản giúp giữ an "
                    "toàn cho tất cả.</p>"
                    "<ul>"
                    "<li>Đặt khóa màn hình bằng mã số, vân tay hoặc khuôn mặt.</li>"
                    "<li>Cập nhật hệ điều hành và ứng dụng khi có bản mới: bản cập "
                    "nhật thường vá các lỗ hổng bảo mật.</li>"
                    "<li>Chỉ cài ứng dụng từ kho chính thức (App Store, Google Play); "
                    "không cài tệp ứng dụng gửi qua tin nhắn hay mạng xã hội.</li>"
                    "<li>Xem kỹ quyền ứng dụng xin: một ứng dụng đèn pin không cần "
                    "đọc danh bạ hay tin nhắn.</li>"
                    "<li>Khi giao dịch ngân hàng, ưu tiên dùng dữ liệu di động thay "
                    "cho Wi-Fi công cộng.</li>"
                    "</ul>"
                ),
                steps(
                    "Khi mất điện thoại",
                    [
                        "Dùng máy khác đăng nhập tài khoản Google hoặc Apple để định "
                        "vị, khóa hoặc xóa dữ liệu từ xa.",
                        "Gọi nhà mạng khóa SIM để kẻ gian không nhận được mã xác thực.",
                        "Gọi tổng đài ngân hàng tạm khóa dịch vụ ngân hàng điện tử.",
                        "Đổi mật khẩu email và mạng xã hội.",
                        "Trình báo cơ quan công an nếu bị mất cắp.",
                    ],
                ),
                tip(
                    "<p>Bật sao lưu tự động để không mất ảnh, danh bạ khi điện thoại "
                    "hỏng hoặc bị mất.</p>"
                ),
            ],
        },
        {
            "slug": "tim-kiem-va-kiem-chung-thong-tin",
            "title": "Tìm kiếm và kiểm chứng thông tin",
            "intro": "Tin giả lan nhanh vì đánh vào cảm xúc. Hãy dừng lại vài giây.",
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Mạng xã hội lan truyền tin tức rất nhanh, cả tin thật lẫn tin "
                    "giả. Tin giả thường gây sợ hãi, phẫn nộ hoặc hứa hẹn lợi ích "
                    "lớn, để người đọc chia sẻ ngay mà không kiểm tra.</p>"
                    "<h3>Năm câu hỏi trước khi tin và chia sẻ</h3>"
                    "<ol>"
                    "<li>Ai đưa tin: cơ quan báo chí, cơ quan nhà nước, hay một tài "
                    "khoản ẩn danh?</li>"
                    "<li>Tin đăng khi nào? Tin cũ hay bị đăng lại như tin mới.</li>"
                    "<li>Có nguồn chính thức nào đưa cùng tin đó không?</li>"
                    "<li>Hình ảnh có đúng bối cảnh? Ảnh cũ, ảnh ở nơi khác, ảnh đã "
                    "chỉnh sửa rất phổ biến.</li>"
                    "<li>Tin có đang thúc giục bạn chia sẻ, chuyển tiền hay bấm link "
                    "ngay?</li>"
                    "</ol>"
                ),
                tip(
                    "<p>Với thông tin về thủ tục hành chính, chính sách, hãy tra trên "
                    "trang có đuôi <b>.gov.vn</b> của cơ quan nhà nước hoặc hỏi Bộ "
                    "phận một cửa nơi bạn ở.</p>"
                ),
                warning(
                    "<p>Chia sẻ tin sai sự thật có thể gây hoang mang cho cộng đồng "
                    "và bị xử lý theo quy định. Khi chưa chắc chắn, đừng chia sẻ.</p>"
                ),
            ],
        },
        {
            "slug": "ung-xu-van-minh-tren-mang-xa-hoi",
            "title": "Ứng xử văn minh trên mạng xã hội",
            "intro": "Cư xử trên mạng như khi nói chuyện trực tiếp với nhau.",
            "duration_minutes": 15,
            "body": [
                text(
                    "<p>Những gì đăng lên mạng có thể tồn tại rất lâu và lan ra ngoài "
                    "nhóm bạn bè của bạn.</p>"
                    "<ul>"
                    "<li><b>Tôn trọng người khác</b>: không xúc phạm, không bêu "
                    "riếu, không đăng ảnh người khác khi chưa được đồng ý.</li>"
                    "<li><b>Bảo vệ bản thân</b>: hạn chế công khai số điện thoại, địa "
                    "chỉ nhà, lịch đi lại.</li>"
                    "<li><b>Bảo vệ trẻ em</b>: không đăng ảnh kèm tên trường, lớp, "
                    "nơi ở của trẻ.</li>"
                    "<li><b>Gặp nội dung độc hại</b>: dùng chức năng báo cáo của nền "
                    "tảng thay vì chia sẻ lại để phê phán.</li>"
                    "</ul>"
                ),
                steps(
                    "Rà soát quyền riêng tư tài khoản mạng xã hội",
                    [
                        "Mở <b>Cài đặt</b> → <b>Quyền riêng tư</b>.",
                        "Đặt đối tượng mặc định được xem bài đăng là Bạn bè.",
                        "Ẩn số điện thoại, ngày sinh, địa chỉ khỏi trang cá nhân.",
                        "Xem lại các ứng dụng, trò chơi đã liên kết với tài khoản và "
                        "gỡ những gì không dùng.",
                    ],
                ),
            ],
        },
    ],
    "quiz": {
        "slug": "bai-kiem-tra",
        "title": "Bài kiểm tra: Kỹ năng số cơ bản",
        "intro": QUIZ_INTRO,
        "questions": [
            true_false(
                "Bản cập nhật hệ điều hành thường vá các lỗ hổng bảo mật, nên cập "
                "nhật khi có bản mới.",
                "Đúng. Cập nhật thường xuyên là một trong những cách bảo vệ điện "
                "thoại hiệu quả nhất.",
                True,
            ),
            single(
                "Nguồn nào đáng tin cậy nhất khi tìm hiểu một thủ tục hành chính?",
                "Trang .gov.vn của cơ quan nhà nước hoặc Bộ phận một cửa là nguồn "
                "chính thức.",
                [
                    ("Một bài đăng được chia sẻ nhiều trên mạng xã hội", False),
                    ("Tin nhắn từ một số điện thoại lạ", False),
                    ("Trang .gov.vn của cơ quan nhà nước hoặc Bộ phận một cửa", True),
                    ("Bình luận dưới một video", False),
                ],
            ),
            multiple(
                "Khi mất điện thoại, nên làm gì?",
                "Khóa SIM, tạm khóa ngân hàng điện tử và đổi mật khẩu càng sớm càng "
                "tốt; chờ đợi chỉ cho kẻ gian thêm thời gian.",
                [
                    ("Gọi nhà mạng khóa SIM", True),
                    ("Tạm khóa dịch vụ ngân hàng điện tử", True),
                    ("Chờ vài tuần xem có ai trả lại không rồi mới xử lý", False),
                    ("Đổi mật khẩu email, mạng xã hội", True),
                ],
            ),
            true_false(
                "Chia sẻ lại một tin giật gân để hỏi mọi người thật hay giả là cách "
                "kiểm chứng an toàn.",
                "Sai. Chia sẻ lại làm tin lan rộng hơn; hãy kiểm tra nguồn chính "
                "thức trước.",
                False,
            ),
            single(
                "Một ứng dụng đèn pin xin quyền đọc danh bạ và tin nhắn. Bạn nên làm "
                "gì?",
                "Ứng dụng đèn pin không cần các quyền này; hãy từ chối và cân nhắc gỡ "
                "ứng dụng.",
                [
                    ("Từ chối cấp quyền và cân nhắc gỡ ứng dụng", True),
                    ("Đồng ý để ứng dụng chạy được", False),
                    ("Gửi ứng dụng cho bạn bè cài thử", False),
                    ("Tắt khóa màn hình cho tiện", False),
                ],
            ),
        ],
    },
}


COURSES = [
    CONG_DAN_SO_AN_TOAN,
    TINH_NGUYEN_VIEN_DVC,
    TIEP_NHAN_SO_HOA,
    NOP_HO_SO_THANH_TOAN,
    KY_NANG_SO_CO_BAN,
]
