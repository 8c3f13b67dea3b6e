package news.pipeline.benchmark.generate;

import java.util.List;

/**
 * The general vocabulary the generator composes sentences from, one set per language. Topic words
 * come from {@link Topic}; these are the actors, actions, places and connecting phrases every news
 * article is made of. All Vietnamese text is written precomposed (NFC).
 */
final class WordPools {

    private WordPools() {
    }

    private static final java.util.Set<String> WOMEN = java.util.Set.of("Trần Thị Lan", "Phạm Thu Hà", "Vũ Thị Phương Thảo",
            "Bùi Ngọc Mai", "Ngô Kim Oanh", "Hồng Nhung");

    static boolean isWoman(String vietnameseName) {
        return WOMEN.contains(vietnameseName);
    }

    record Language(
            String code,
            List<String> actors,
            List<String> verbs,
            List<String> nouns,
            List<String> places,
            List<String> fillers,
            List<String> openers,
            List<String> people,
            List<String> saidVerbs,
            List<String> units,
            List<String> narrators,
            List<String> sourceLinkTitles) {
    }

    static final Language VI = new Language(
            "vi",
            List.of("UBND tỉnh", "Sở Y tế", "Bộ Công Thương", "Ngân hàng Nhà nước", "Hội Nông dân tỉnh", "Công an tỉnh",
                    "Sở Giáo dục và Đào tạo", "Chính phủ", "Tỉnh ủy", "các doanh nghiệp", "người dân", "chính quyền địa phương",
                    "Ban Chỉ đạo", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Sở Tài nguyên và Môi trường", "Bộ Y tế",
                    "Trung tâm Dự báo khí tượng thủy văn quốc gia", "huyện Kiến Xương", "thành phố Thái Bình",
                    "Hội đồng nhân dân tỉnh", "Mặt trận Tổ quốc", "các cơ quan chức năng", "ngành nông nghiệp"),
            List.of("triển khai", "đẩy mạnh", "tổ chức", "kiểm tra", "thông qua", "hỗ trợ", "đánh giá", "khởi công",
                    "tăng cường", "phát động", "tổng kết", "ban hành", "nâng cao", "mở rộng", "khánh thành", "đề xuất",
                    "hoàn thành", "thúc đẩy", "rà soát", "chỉ đạo", "quan tâm đến", "tập trung vào", "bố trí", "ký kết"),
            List.of("kế hoạch", "chương trình", "dự án", "hội nghị", "chính sách", "nguồn vốn", "cơ sở hạ tầng", "đời sống",
                    "người lao động", "cán bộ", "địa phương", "cộng đồng", "kết quả", "nhiệm vụ", "giải pháp", "chỉ tiêu",
                    "phong trào", "mô hình", "hiệu quả", "tiến độ", "chất lượng", "thủ tục hành chính", "công trình",
                    "văn bản hướng dẫn", "đề án", "kinh phí", "đoàn công tác", "trang thiết bị"),
            List.of("Thái Bình", "Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Nghệ An", "Quảng Ninh",
                    "Huế", "Kiến Xương", "Vũ Thư", "Tiền Hải", "Đông Hưng", "Quỳnh Phụ", "Hưng Hà", "Thái Thụy",
                    "Nam Định", "Ninh Bình", "các tỉnh miền Trung", "đồng bằng sông Hồng"),
            List.of("trong năm nay", "so với cùng kỳ năm trước", "theo kế hoạch", "trên địa bàn tỉnh", "trong thời gian tới",
                    "nhằm nâng cao hiệu quả", "góp phần phát triển kinh tế - xã hội", "theo báo cáo của ngành chức năng",
                    "tính đến hết tháng trước", "trong những năm gần đây", "một cách đồng bộ", "ngay từ đầu năm",
                    "đúng quy định", "bảo đảm an toàn", "với sự tham gia của đông đảo người dân", "ở các xã vùng ven biển"),
            List.of("Đồng thời,", "Bên cạnh đó,", "Tuy nhiên,", "Ngoài ra,", "Cùng với đó,", "Theo đó,", "Trước đó,",
                    "Năm nay,", "Trong khi đó,", "Đáng chú ý,", "Cụ thể,", "Tại buổi làm việc,"),
            List.of("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Đức", "Phạm Thu Hà", "Hoàng Quang Huy", "Vũ Thị Phương Thảo",
                    "Đỗ Văn Toàn", "Bùi Ngọc Mai", "Đặng Thanh Bình", "Ngô Kim Oanh", "Mạnh Cường", "Hồng Nhung"),
            List.of("cho biết", "nhấn mạnh", "khẳng định", "đề nghị", "chia sẻ", "thông tin"),
            List.of("tỷ đồng", "lượt khách", "ha", "người", "hộ", "tấn", "km", "triệu USD"),
            List.of("thoia", "minhduc", "thuha", "lananh", "quanghuy", "vantoan", "phuongthao", "ngocmai"),
            List.of("Tin cùng chuyên mục", "Tin mới nhất", "Đọc thêm"));

    static final Language EN = new Language(
            "en",
            List.of("The provincial government", "The health ministry", "The central bank", "Local authorities",
                    "The trade ministry", "Police", "The education department", "The government", "City officials",
                    "Residents", "Several companies", "The city council", "Forecasters", "Researchers", "Union leaders",
                    "The transport ministry", "Farmers' groups", "Analysts", "Regulators", "The organisers"),
            List.of("announced", "launched", "approved", "reviewed", "expanded", "completed", "proposed", "postponed",
                    "criticised", "welcomed", "funded", "inspected", "introduced", "extended", "confirmed", "delayed",
                    "agreed on", "outlined", "unveiled", "defended"),
            List.of("plan", "programme", "project", "meeting", "policy", "budget", "infrastructure", "living standards",
                    "workers", "officials", "community", "results", "targets", "measures", "scheme", "progress",
                    "quality", "paperwork", "construction", "guidelines", "proposal", "funding", "delegation", "equipment"),
            List.of("Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "the Mekong Delta", "the central coast",
                    "the capital", "the northern provinces", "London", "Singapore", "Bangkok", "the Red River delta"),
            List.of("this year", "compared with a year earlier", "as planned", "across the province", "in the coming months",
                    "to improve efficiency", "according to official figures", "by the end of last month",
                    "in recent years", "ahead of schedule", "under the new rules", "despite the bad weather",
                    "for the first time", "after months of talks"),
            List.of("Meanwhile,", "In addition,", "However,", "Separately,", "Earlier,", "This year,", "At the same time,",
                    "Notably,", "In particular,", "On Monday,", "Last week,", "Since then,"),
            List.of("James Carter", "Sarah Lee", "Michael Brown", "Emily Chen", "David Nguyen", "Anna White", "Laura King",
                    "Tom Harris", "Chris Young", "Rachel Green", "Daniel Park", "Sophie Martin"),
            List.of("said", "told reporters", "stressed", "added", "noted", "warned"),
            List.of("million dollars", "percent", "hectares", "people", "households", "tonnes", "kilometres", "billion dong"),
            List.of("jcarter", "slee", "mbrown", "echen", "dnguyen"),
            List.of("More from this section", "Latest news", "Related"));
}
