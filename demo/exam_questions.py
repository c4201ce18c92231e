"""The demo exam bank: public services online, VNeID, fees, scams, safety, personal
data, AI. Shapes as in ``courses.py``; ``tagged`` adds competence tag keys
("framework:code"), attached by the loader only where the tag exists."""

from .courses import multiple, single, true_false

# Tag keys, from the learners' digital competence framework (02/2025/TT-BGDĐT) and
# the citizens' basic digital skills framework (757/QĐ-BKHCN).
INFO = "tt02:1.2"  # đánh giá dữ liệu, thông tin
CIVIC = "tt02:2.3"  # tham gia với tư cách công dân qua công nghệ số
IDENTITY = "tt02:2.6"  # quản lý danh tính số
DEVICES = "tt02:4.1"  # bảo vệ thiết bị
PRIVACY = "tt02:4.2"  # bảo vệ dữ liệu cá nhân và quyền riêng tư
AI_USE = "tt02:6.2"  # sử dụng trí tuệ nhân tạo
AI_JUDGE = "tt02:6.3"  # đánh giá, dùng trí tuệ nhân tạo có trách nhiệm
CITIZEN_SERVICES = "qd757:2.3"  # tham gia với tư cách công dân (dịch vụ công)
CITIZEN_SAFETY = "qd757:4"  # nhóm kỹ năng an toàn


def tagged(question, *tags):
    return {**question, "tags": list(tags)}


QUESTIONS = [
    # ------------------------------------------------ Cổng Dịch vụ công quốc gia
    tagged(
        single(
            "Địa chỉ chính thức của Cổng Dịch vụ công quốc gia là gì?",
            "Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn; trang của cơ "
            "quan nhà nước Việt Nam kết thúc bằng .gov.vn.",
            [
                ("dichvucong.gov.vn", True),
                ("dichvucong-gov.vn.com", False),
                ("dichvucongquocgia.net", False),
                ("dvc.vn-gov.org", False),
            ],
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        single(
            "Người dân đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản nào?",
            "Cổng Dịch vụ công quốc gia dùng tài khoản định danh điện tử (VNeID) do "
            "Bộ Công an cấp để xác thực người dân.",
            [
                ("Tài khoản định danh điện tử VNeID", True),
                ("Tài khoản mạng xã hội bất kỳ", False),
                ("Tài khoản do người quen cho mượn", False),
                ("Không cần đăng nhập, chỉ cần số điện thoại", False),
            ],
        ),
        CIVIC,
        IDENTITY,
        CITIZEN_SERVICES,
    ),
    tagged(
        true_false(
            "Dịch vụ công trực tuyến toàn trình cho phép thực hiện toàn bộ thủ tục, "
            "từ nộp hồ sơ đến nhận kết quả, trên môi trường mạng.",
            "Đúng. Với dịch vụ toàn trình, người dân không phải đến cơ quan nhà nước "
            "ở bất kỳ bước nào.",
            True,
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        single(
            "Nộp hồ sơ trực tuyến xong, bạn dùng thông tin nào để tra cứu tình trạng "
            "giải quyết hồ sơ?",
            "Mỗi hồ sơ có một mã hồ sơ; nhập mã này trên Cổng để xem hồ sơ đang ở "
            "bước nào.",
            [
                ("Mã hồ sơ được cấp khi nộp", True),
                ("Mật khẩu tài khoản của bạn", False),
                ("Mã OTP vừa nhận", False),
                ("Số điện thoại của cán bộ tiếp nhận", False),
            ],
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        multiple(
            "Khi tải giấy tờ lên để nộp hồ sơ trực tuyến, cần chú ý những gì?",
            "Bản chụp hoặc bản quét phải rõ, đủ trang, đúng định dạng Cổng chấp nhận "
            "và đúng thành phần hồ sơ của thủ tục; ảnh mờ hay thiếu trang là lý do "
            "hay gặp khiến hồ sơ bị yêu cầu bổ sung.",
            [
                ("Ảnh chụp hoặc bản quét rõ nét, đủ các trang", True),
                ("Đúng định dạng tệp mà Cổng chấp nhận (ví dụ PDF, JPG)", True),
                ("Đúng thành phần hồ sơ mà thủ tục yêu cầu", True),
                ("Gửi kèm cả mật khẩu tài khoản để cán bộ kiểm tra", False),
            ],
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        multiple(
            "Những cách nào có thể dùng để nhận kết quả thủ tục đã nộp trực tuyến?",
            "Tùy thủ tục, kết quả có thể là bản điện tử lưu trong kho dữ liệu của "
            "bạn trên Cổng, gửi qua bưu chính công ích hoặc nhận trực tiếp; không "
            "phải lúc nào cũng phải đến tận nơi.",
            [
                ("Bản điện tử lưu trong kho dữ liệu cá nhân trên Cổng", True),
                ("Qua dịch vụ bưu chính công ích", True),
                ("Nhận trực tiếp tại Bộ phận một cửa", True),
                ("Nhờ người lạ trên mạng nhận hộ", False),
            ],
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    # ------------------------------------------------ VNeID, định danh điện tử
    tagged(
        single(
            "Số định danh cá nhân in trên thẻ căn cước gồm bao nhiêu chữ số?",
            "Số định danh cá nhân gồm 12 chữ số và là duy nhất với mỗi công dân.",
            [("9", False), ("10", False), ("12", True), ("15", False)],
        ),
        IDENTITY,
        CITIZEN_SERVICES,
    ),
    tagged(
        single(
            "Tài khoản định danh điện tử mức 2 được đăng ký ở đâu?",
            "Mức 2 được đăng ký trực tiếp tại cơ quan công an (thường cùng lúc làm "
            "thẻ căn cước), có xác thực ảnh chân dung và vân tay.",
            [
                ("Trực tiếp tại cơ quan công an", True),
                ("Qua một đường link gửi trong tin nhắn", False),
                ("Qua nhóm mạng xã hội hướng dẫn kích hoạt hộ", False),
                ("Tại cửa hàng bán điện thoại", False),
            ],
        ),
        IDENTITY,
    ),
    tagged(
        true_false(
            "Chỉ nên tải ứng dụng VNeID từ kho ứng dụng chính thức (App Store hoặc "
            "Google Play), không cài từ đường link người khác gửi.",
            "Đúng. Ứng dụng giả mạo VNeID gửi qua link là thủ đoạn để chiếm quyền "
            "điều khiển điện thoại và lấy tiền trong tài khoản.",
            True,
        ),
        IDENTITY,
        DEVICES,
    ),
    tagged(
        single(
            "Một người gọi điện xưng là công an, yêu cầu bạn cài ứng dụng qua đường "
            "link để “cập nhật định danh mức 2”. Bạn nên làm gì?",
            "Công an không gọi điện yêu cầu cài ứng dụng qua link. Hãy dừng cuộc "
            "gọi và liên hệ trực tiếp công an nơi cư trú để kiểm tra.",
            [
                ("Dừng cuộc gọi, liên hệ trực tiếp công an nơi cư trú", True),
                ("Cài ngay để không bị khóa tài khoản", False),
                ("Đọc số căn cước để họ kiểm tra giúp", False),
                ("Chuyển cuộc gọi cho người thân làm theo", False),
            ],
        ),
        IDENTITY,
        CITIZEN_SAFETY,
    ),
    tagged(
        true_false(
            "Nên cho người quen mượn tài khoản VNeID của mình để họ nộp hồ sơ hộ "
            "cho nhanh.",
            "Sai. Tài khoản định danh điện tử gắn với danh tính của bạn: mọi thao "
            "tác bằng tài khoản đó được coi là do bạn thực hiện.",
            False,
        ),
        IDENTITY,
        PRIVACY,
    ),
    # ------------------------------------------------ Thanh toán trực tuyến
    tagged(
        multiple(
            "Cách nào an toàn để nộp phí, lệ phí của một hồ sơ trực tuyến?",
            "Thanh toán ngay trong Cổng, qua ngân hàng hoặc ví điện tử mà Cổng kết "
            "nối. Không chuyển khoản vào tài khoản cá nhân do người lạ gửi.",
            [
                ("Thanh toán trong Cổng qua ngân hàng hoặc ví Cổng kết nối", True),
                ("Quét mã QR hiển thị ngay trên trang thanh toán của Cổng", True),
                ("Chuyển khoản vào tài khoản cá nhân người gọi điện cung cấp", False),
                ("Gửi ảnh thẻ ngân hàng hai mặt qua tin nhắn", False),
            ],
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        true_false(
            "Sau khi nộp phí, lệ phí trực tuyến thành công, người nộp nhận được biên "
            "lai điện tử.",
            "Đúng. Biên lai điện tử có giá trị như biên lai giấy; hãy lưu lại để "
            "đối chiếu khi cần.",
            True,
        ),
        CIVIC,
        CITIZEN_SERVICES,
    ),
    tagged(
        single(
            "Tiền đã bị trừ trong tài khoản nhưng Cổng báo thanh toán chưa thành "
            "công. Bạn nên làm gì trước tiên?",
            "Không thanh toán lại ngay: kiểm tra trạng thái giao dịch của hồ sơ, giữ "
            "lại thông tin giao dịch và liên hệ tổng đài hỗ trợ chính thức.",
            [
                ("Kiểm tra trạng thái giao dịch, giữ thông tin, liên hệ hỗ trợ", True),
                ("Thanh toán lại nhiều lần cho chắc", False),
                ("Nhờ người trên mạng xã hội “hoàn tiền nhanh”", False),
                ("Xóa hồ sơ và nộp lại từ đầu ngay", False),
            ],
        ),
        CIVIC,
    ),
    # ------------------------------------------------ Lừa đảo
    tagged(
        true_false(
            "Nhân viên ngân hàng có thể hỏi mã OTP của bạn qua điện thoại để “xác "
            "minh tài khoản”.",
            "Sai. Ngân hàng không bao giờ hỏi mã OTP. Ai hỏi OTP đều là kẻ lừa đảo.",
            False,
        ),
        PRIVACY,
        CITIZEN_SAFETY,
    ),
    tagged(
        multiple(
            "Đâu là dấu hiệu của một tin nhắn lừa đảo?",
            "Lừa đảo thường tạo cảm giác gấp gáp, gửi đường link lạ hoặc rút gọn, "
            "và đòi thông tin bí mật như OTP, mật khẩu.",
            [
                ("Giục làm ngay kẻo “bị khóa tài khoản”", True),
                ("Có đường link lạ hoặc link rút gọn", True),
                ("Yêu cầu cung cấp mã OTP hoặc mật khẩu", True),
                ("Chỉ thông báo lịch họp, không đòi gì", False),
            ],
        ),
        INFO,
        CITIZEN_SAFETY,
    ),
    tagged(
        single(
            "Bạn nhận tin “trúng thưởng xe máy, nộp 2 triệu đồng phí để nhận giải”. "
            "Đây là gì?",
            "Bắt nộp tiền trước để nhận thưởng là thủ đoạn lừa đảo quen thuộc.",
            [
                ("Thủ đoạn lừa đảo", True),
                ("Chương trình khuyến mãi bình thường", False),
                ("Thông báo của cơ quan thuế", False),
                ("Tin nhắn của Cổng Dịch vụ công", False),
            ],
        ),
        CITIZEN_SAFETY,
    ),
    tagged(
        true_false(
            "Việc “làm nhiệm vụ online, nạp tiền trước rồi được hoàn gấp đôi” là "
            "cách kiếm tiền thêm an toàn cho học sinh.",
            "Sai. Đây là thủ đoạn “việc nhẹ lương cao”: ban đầu trả ít để tạo "
            "lòng tin, sau đó giữ toàn bộ tiền đã nạp.",
            False,
        ),
        CITIZEN_SAFETY,
    ),
    tagged(
        single(
            "Người thân gọi video xin chuyển tiền gấp, hình ảnh mờ, cuộc gọi ngắn. "
            "Cách xử lý đúng là gì?",
            "Kẻ gian có thể giả giọng và hình ảnh bằng trí tuệ nhân tạo (deepfake). "
            "Hãy gọi lại vào số quen thuộc của người thân để xác minh.",
            [
                ("Gọi lại số điện thoại quen thuộc của người thân để xác minh", True),
                ("Chuyển ngay vì thấy đúng mặt người thân", False),
                ("Chuyển một nửa số tiền trước", False),
                ("Gửi mã OTP để người thân tự chuyển", False),
            ],
        ),
        AI_JUDGE,
        CITIZEN_SAFETY,
    ),
    tagged(
        single(
            "Sau khi bị lừa, một trang mạng tự xưng “hỗ trợ lấy lại tiền” đòi đặt "
            "cọc trước. Bạn nên làm gì?",
            "Dịch vụ “lấy lại tiền bị lừa” thu phí trước thường là lừa đảo lần hai. "
            "Hãy trình báo cơ quan công an và ngân hàng của bạn.",
            [
                ("Không đặt cọc, trình báo công an và báo ngân hàng", True),
                ("Đặt cọc để lấy lại tiền nhanh hơn", False),
                ("Gửi thông tin tài khoản ngân hàng cho họ kiểm tra", False),
                ("Giới thiệu họ cho người quen cũng bị lừa", False),
            ],
        ),
        CITIZEN_SAFETY,
    ),
    tagged(
        true_false(
            "Trang web có địa chỉ “dichvucong-gov.vn.com” là trang chính thức của "
            "Cổng Dịch vụ công quốc gia.",
            "Sai. Tên miền thật là dichvucong.gov.vn; trang giả thường chèn thêm "
            "dấu gạch, chữ hoặc đuôi lạ như .com.",
            False,
        ),
        INFO,
        CITIZEN_SAFETY,
    ),
    # ------------------------------------------------ An toàn thiết bị, tài khoản
    tagged(
        single(
            "Mật khẩu nào mạnh nhất?",
            "Mật khẩu mạnh dài, trộn chữ hoa, chữ thường, số, ký hiệu và không chứa "
            "thông tin dễ đoán như ngày sinh.",
            [
                ("Que-Huong-Thai-Nguyen#2026", True),
                ("12345678", False),
                ("ngaysinh14092011", False),
                ("matkhau", False),
            ],
        ),
        DEVICES,
        PRIVACY,
    ),
    tagged(
        true_false(
            "Bật xác thực hai bước giúp tài khoản an toàn hơn, kể cả khi mật khẩu bị "
            "lộ.",
            "Đúng. Kẻ gian có mật khẩu vẫn cần thêm bước xác thực thứ hai (mã trên "
            "điện thoại của bạn) mới đăng nhập được.",
            True,
        ),
        DEVICES,
        CITIZEN_SAFETY,
    ),
    tagged(
        multiple(
            "Việc nào giúp bảo vệ điện thoại của bạn?",
            "Khóa màn hình, cập nhật phần mềm và chỉ cài ứng dụng từ kho chính thức "
            "là những lớp bảo vệ cơ bản.",
            [
                ("Đặt khóa màn hình bằng mã PIN, vân tay hoặc khuôn mặt", True),
                ("Cập nhật hệ điều hành và ứng dụng khi có bản mới", True),
                ("Chỉ cài ứng dụng từ kho ứng dụng chính thức", True),
                ("Cài tệp .apk do người lạ gửi qua tin nhắn", False),
            ],
        ),
        DEVICES,
    ),
    tagged(
        single(
            "Đang ở quán cà phê dùng Wi-Fi công cộng miễn phí, bạn cần chuyển khoản "
            "ngân hàng. Nên làm thế nào?",
            "Wi-Fi công cộng có thể bị theo dõi; giao dịch tài chính nên dùng dữ "
            "liệu di động (3G/4G/5G) của chính bạn.",
            [
                ("Tắt Wi-Fi, dùng dữ liệu di động của mình", True),
                ("Dùng Wi-Fi công cộng vì miễn phí", False),
                ("Mượn điện thoại người lạ để chuyển", False),
                ("Lưu mật khẩu ngân hàng vào ghi chú cho nhanh", False),
            ],
        ),
        DEVICES,
        PRIVACY,
    ),
    tagged(
        true_false(
            "Sao lưu định kỳ ảnh và tài liệu quan trọng giúp bạn không mất dữ liệu "
            "khi điện thoại hỏng hoặc bị mất.",
            "Đúng. Bản sao lưu (trên dịch vụ lưu trữ đám mây hoặc thiết bị khác) "
            "giúp khôi phục dữ liệu khi có sự cố.",
            True,
        ),
        DEVICES,
    ),
    # ------------------------------------------------ Dữ liệu cá nhân
    tagged(
        true_false(
            "Đăng ảnh hai mặt thẻ căn cước lên mạng xã hội là vô hại.",
            "Sai. Kẻ gian dùng ảnh giấy tờ để mạo danh, mở tài khoản, vay tiền. Chỉ "
            "cung cấp giấy tờ cho cơ quan, tổ chức có nhu cầu chính đáng.",
            False,
        ),
        PRIVACY,
    ),
    tagged(
        single(
            "Một trang web lạ hứa tặng quà nếu bạn gửi ảnh chụp thẻ căn cước và "
            "ảnh khuôn mặt. Bạn nên làm gì?",
            "Ảnh giấy tờ kèm ảnh khuôn mặt đủ để kẻ gian mạo danh bạn. Đừng gửi cho "
            "nơi không rõ nguồn gốc.",
            [
                ("Không gửi, rời khỏi trang đó", True),
                ("Gửi vì quà có giá trị", False),
                ("Gửi ảnh căn cước của người thân thay mình", False),
                ("Gửi rồi xóa tin nhắn là được", False),
            ],
        ),
        PRIVACY,
    ),
    tagged(
        true_false(
            "Khi điền biểu mẫu trực tuyến, chỉ nên cung cấp những thông tin thật sự "
            "cần cho việc đang làm.",
            "Đúng. Càng ít dữ liệu cá nhân bị thu thập, nguy cơ lộ lọt càng thấp.",
            True,
        ),
        PRIVACY,
    ),
    tagged(
        single(
            "Bạn tình nguyện giúp một bác lớn tuổi nộp hồ sơ trên điện thoại của "
            "bác. Khi cần nhập mật khẩu và mã OTP, bạn nên làm gì?",
            "Mật khẩu và OTP là của bác: hãy để bác tự nhập, bạn chỉ hướng dẫn, "
            "không ghi lại hay giữ thông tin đăng nhập của người khác.",
            [
                ("Mời bác tự nhập, mình chỉ hướng dẫn từng bước", True),
                ("Ghi mật khẩu của bác vào sổ để lần sau dùng", False),
                ("Đăng nhập tài khoản của bác vào điện thoại mình", False),
                ("Chụp màn hình mã OTP gửi nhóm lớp nhờ xem giúp", False),
            ],
        ),
        PRIVACY,
        CIVIC,
    ),
    # ------------------------------------------------ Trí tuệ nhân tạo
    tagged(
        single(
            "Chatbot trí tuệ nhân tạo trả lời về hồ sơ cần có cho một thủ tục. Bạn "
            "nên làm gì với câu trả lời?",
            "AI có thể trả lời sai mà vẫn nghe rất tự tin. Hãy đối chiếu với hướng "
            "dẫn chính thức của thủ tục trên Cổng Dịch vụ công.",
            [
                ("Đối chiếu với hướng dẫn chính thức trên Cổng Dịch vụ công", True),
                ("Tin hoàn toàn vì AI luôn đúng", False),
                ("Chia sẻ ngay cho cả nhóm làm theo", False),
                ("Hỏi lại chatbot đến khi được câu trả lời mình thích", False),
            ],
        ),
        AI_JUDGE,
        INFO,
    ),
    tagged(
        true_false(
            "Có thể dán ảnh thẻ căn cước và mã OTP vào chatbot AI công cộng để nhờ "
            "điền tờ khai cho nhanh.",
            "Sai. Dữ liệu nhập vào dịch vụ AI công cộng có thể được lưu lại; không "
            "đưa giấy tờ tùy thân, mật khẩu, mã OTP vào đó.",
            False,
        ),
        AI_USE,
        PRIVACY,
    ),
    tagged(
        multiple(
            "Em dùng AI để hỗ trợ viết bài báo cáo ở trường. Việc nào là đúng?",
            "Dùng AI có trách nhiệm: nói rõ phần có AI hỗ trợ, tự kiểm tra thông tin "
            "và viết lại bằng hiểu biết của mình.",
            [
                ("Ghi rõ phần nào có AI hỗ trợ", True),
                ("Kiểm tra lại số liệu, thông tin AI đưa ra", True),
                ("Nộp nguyên văn câu trả lời của AI như bài của mình", False),
                ("Viết lại bằng lời và hiểu biết của mình", True),
            ],
        ),
        AI_USE,
        AI_JUDGE,
    ),
    tagged(
        true_false(
            "Mô tả rõ yêu cầu và bối cảnh (em là ai, cần gì, dùng vào việc gì) giúp "
            "chatbot AI trả lời sát hơn.",
            "Đúng. Câu lệnh (prompt) rõ ràng, đủ bối cảnh cho kết quả hữu ích hơn; "
            "nhưng vẫn không đưa dữ liệu cá nhân nhạy cảm vào.",
            True,
        ),
        AI_USE,
    ),
    tagged(
        single(
            "Một đoạn video trên mạng cho thấy lãnh đạo tỉnh thông báo “miễn toàn "
            "bộ lệ phí, chuyển khoản 50.000 đồng để đăng ký”. Bạn nên làm gì?",
            "Video có thể được làm giả bằng AI. Thông báo thật được đăng trên cổng "
            "thông tin điện tử chính thức, và không bao giờ yêu cầu chuyển tiền "
            "vào tài khoản cá nhân.",
            [
                ("Kiểm tra trên cổng thông tin chính thức, không chuyển tiền", True),
                ("Chuyển khoản ngay vì người nói là lãnh đạo", False),
                ("Chia sẻ video để nhiều người cùng biết", False),
                ("Bình luận số tài khoản của mình dưới video", False),
            ],
        ),
        AI_JUDGE,
        INFO,
    ),
]
