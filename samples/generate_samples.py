#!/usr/bin/env python3
"""Writes the sample articles the run command posts (samples/articles/). Re-run after editing the
table below. Formats: IPTC ninjs 2.x and 1.x (application/ninjs+json), HTML pages (text/html);
the seed page text is copied from shared/samples separately, and the NewsML-G2 item (*.g2.xml) is written by hand. Times are Asia/Ho_Chi_Minh (+07:00)."""
import json, os, html

OUT = os.path.join(os.path.dirname(__file__), "articles")

# (slug, language, medtop code, topic name, headline, lead, body paragraphs, byline)
ARTICLES = [
 ("vi-bong-da-tuyen-futsal", "vi", "15000000", "thể thao",
  "Tuyển futsal Việt Nam thắng đậm trận ra quân giải vô địch Đông Nam Á",
  "Đội tuyển futsal Việt Nam đã có chiến thắng 6-1 trước Myanmar trong trận mở màn tối qua.",
  ["Ngay từ những phút đầu, các cầu thủ Việt Nam chủ động kiểm soát bóng và tạo ra nhiều cơ hội nguy hiểm.",
   "Huấn luyện viên Diego Giustozzi cho biết đội bóng sẽ tiếp tục điều chỉnh chiến thuật trước trận đấu với Thái Lan."],
  "Minh Đức"),
 ("vi-kinh-te-xuat-khau-gao", "vi", "04000000", "kinh tế",
  "Xuất khẩu gạo 11 tháng đạt gần 5 tỷ USD",
  "Kim ngạch xuất khẩu gạo của cả nước trong 11 tháng tăng 23% so với cùng kỳ năm trước.",
  ["Philippines, Indonesia và Malaysia tiếp tục là những thị trường nhập khẩu gạo lớn nhất của Việt Nam.",
   "Các doanh nghiệp dự báo giá gạo xuất khẩu sẽ duy trì ở mức cao đến hết quý I năm sau."],
  "Thu Hà"),
 ("vi-y-te-tiem-chung", "vi", "07000000", "sức khỏe",
  "Tỉnh triển khai chiến dịch tiêm chủng sởi cho trẻ em",
  "Ngành y tế tỉnh bắt đầu chiến dịch tiêm vắc xin sởi cho hơn 50.000 trẻ từ 1 đến 5 tuổi.",
  ["Các trạm y tế xã được bố trí đủ vắc xin và cán bộ y tế để bảo đảm an toàn tiêm chủng.",
   "Bệnh viện tỉnh khuyến cáo phụ huynh đưa trẻ đi tiêm đúng lịch để phòng bệnh."],
  "Lan Anh"),
 ("vi-giao-duc-thi-tot-nghiep", "vi", "05000000", "giáo dục",
  "Học sinh lớp 12 bước vào ôn tập cho kỳ thi tốt nghiệp",
  "Các trường trung học phổ thông trên địa bàn tỉnh đã xây dựng kế hoạch ôn tập cho học sinh lớp 12.",
  ["Sở Giáo dục và Đào tạo yêu cầu giáo viên bám sát cấu trúc đề thi mới.",
   "Nhiều trường tổ chức thi thử để học sinh làm quen với hình thức thi trắc nghiệm."],
  "Hồng Nhung"),
 ("vi-cong-nghe-ai-gemini", "vi", "13000000", "khoa học và công nghệ",
  "Google Maps tích hợp trí tuệ nhân tạo Gemini",
  "Ứng dụng bản đồ của Google vừa bổ sung trợ lý trí tuệ nhân tạo giúp trả lời câu hỏi về địa điểm.",
  ["Người dùng có thể hỏi về nhà hàng, điểm du lịch và nhận gợi ý dựa trên đánh giá của cộng đồng.",
   "Tính năng mới sẽ được triển khai dần trên điện thoại thông minh trong những tuần tới."],
  "Quang Huy"),
 ("vi-thoi-tiet-bao", "vi", "17000000", "thời tiết",
  "Áp thấp nhiệt đới gây mưa lớn ở các tỉnh miền Trung",
  "Trung tâm Dự báo khí tượng thủy văn quốc gia cảnh báo mưa to đến rất to trong hai ngày tới.",
  ["Lượng mưa phổ biến từ 100 đến 200 mm, có nơi trên 300 mm, nguy cơ lũ quét và sạt lở đất.",
   "Các địa phương được yêu cầu theo dõi chặt chẽ diễn biến thời tiết và sẵn sàng sơ tán người dân."],
  "Văn Toàn"),
 ("vi-van-hoa-le-hoi", "vi", "01000000", "văn hóa, nghệ thuật và giải trí",
  "Lễ hội đền Trần thu hút hàng nghìn du khách",
  "Lễ hội truyền thống tại khu di tích đền Trần diễn ra với nhiều hoạt động văn hóa đặc sắc.",
  ["Du khách được thưởng thức hát chèo, múa rối nước và các trò chơi dân gian.",
   "Ban tổ chức đã bố trí lực lượng bảo đảm an ninh trật tự và vệ sinh môi trường."],
  "Phương Thảo"),
 ("vi-phap-luat-lua-dao", "vi", "02000000", "tội phạm, luật pháp và công lý",
  "Công an triệt phá đường dây lừa đảo qua mạng",
  "Cơ quan công an tỉnh vừa bắt giữ 7 đối tượng lừa đảo chiếm đoạt tài sản qua mạng xã hội.",
  ["Các đối tượng giả danh nhân viên ngân hàng để yêu cầu nạn nhân chuyển tiền.",
   "Vụ án đang được điều tra mở rộng, cơ quan chức năng khuyến cáo người dân cảnh giác."],
  "Đức Anh"),
 ("vi-moi-truong-rac-thai", "vi", "06000000", "môi trường",
  "Phân loại rác tại nguồn được triển khai ở 20 xã",
  "Chương trình phân loại rác thải sinh hoạt tại nguồn đã mở rộng ra 20 xã trong tỉnh.",
  ["Người dân được hướng dẫn tách rác hữu cơ để làm phân bón, giảm lượng rác chôn lấp.",
   "Mô hình góp phần bảo vệ môi trường và cải thiện cảnh quan nông thôn."],
  "Hải Yến"),
 ("vi-nong-nghiep-vu-dong", "vi", "04000000", "kinh tế",
  "Nông dân tập trung gieo trồng vụ đông",
  "Toàn tỉnh đã gieo trồng được hơn 20.000 ha cây vụ đông, đạt 80% kế hoạch.",
  ["Các loại cây chủ lực gồm ngô, khoai tây, rau màu và cây dược liệu.",
   "Ngành nông nghiệp khuyến khích liên kết tiêu thụ sản phẩm để nâng cao thu nhập cho nông dân."],
  "Ngọc Mai"),
 ("vi-chinh-tri-quoc-hoi", "vi", "11000000", "chính trị",
  "Quốc hội thảo luận về dự án luật và chủ trương đầu tư",
  "Tiếp tục chương trình kỳ họp thứ tám, Quốc hội thảo luận tại hội trường về các dự án luật quan trọng.",
  ["Các đại biểu Quốc hội đóng góp ý kiến về chủ trương đầu tư Chương trình mục tiêu quốc gia.",
   "Nhiều ý kiến đề nghị tăng cường phân cấp, phân quyền cho địa phương trong tổ chức thực hiện."],
  "Thanh Bình"),
 ("vi-xa-hoi-qua-tang", "vi", "14000000", "xã hội",
  "Trao 62 suất quà cho trẻ em có hoàn cảnh khó khăn",
  "Hội Bảo trợ trẻ em tỉnh đã trao 62 suất quà cho trẻ em có hoàn cảnh đặc biệt khó khăn.",
  ["Mỗi suất quà gồm tiền mặt, sách vở và đồ dùng học tập.",
   "Hoạt động nhằm động viên các em vượt khó, tiếp tục đến trường."],
  "Kim Oanh"),
 ("en-sport-premier-league", "en", "15000000", "sport",
  "Manchester United beat Chelsea to extend winning run",
  "Manchester United won 2-1 against Chelsea at Old Trafford on Saturday, their fourth league win in a row.",
  ["The home side took the lead before half-time and held on after Chelsea equalised from a penalty.",
   "The manager praised the team's defending and said the squad was growing in confidence."],
  "James Carter"),
 ("en-economy-central-bank", "en", "04000000", "economy, business and finance",
  "Central bank holds interest rates as inflation eases",
  "The central bank kept its policy rate unchanged on Thursday, citing slowing inflation and steady growth.",
  ["Economists had expected the decision after consumer prices rose less than forecast last month.",
   "Markets now expect the first rate cut early next year, according to futures pricing."],
  "Sarah Lee"),
 ("en-health-flu-season", "en", "07000000", "health",
  "Hospitals prepare for an early flu season",
  "Health officials urged people to get vaccinated as flu cases rose earlier than usual this autumn.",
  ["Hospitals reported a sharp increase in emergency visits for respiratory illness.",
   "Doctors said vaccination remains the best protection, especially for older people and young children."],
  "Michael Brown"),
 ("en-science-mars-rover", "en", "13000000", "science and technology",
  "Mars rover finds signs of ancient lake sediments",
  "Scientists said data from the rover point to layered sediments left by a lake billions of years ago.",
  ["The finding strengthens the case that the crater once held water that could have supported life.",
   "Samples collected by the rover are expected to be returned to Earth in the next decade."],
  "Emily Chen"),
 ("en-weather-storm", "en", "17000000", "weather",
  "Tropical storm brings heavy rain to central coast",
  "Forecasters warned of flooding and landslides as a tropical storm approached the central coast.",
  ["Rainfall of up to 300 millimetres is expected in some mountainous areas over two days.",
   "Authorities ordered fishing boats to return to port and prepared evacuation plans."],
  "David Nguyen"),
 ("en-politics-election", "en", "11000000", "politics",
  "Parliament debates new law on local government",
  "Lawmakers debated a bill that would give provinces more power over budgets and planning.",
  ["Supporters said decentralisation would speed up public investment and reduce red tape.",
   "Critics called for stronger oversight to prevent misuse of public funds."],
  "Anna White"),
 ("en-education-schools", "en", "05000000", "education",
  "Schools expand English lessons for primary pupils",
  "The education ministry announced that primary schools will offer four English lessons a week from next year.",
  ["Teachers will receive additional training and new textbooks before the change takes effect.",
   "Parents welcomed the plan but asked for smaller class sizes."],
  "Laura King"),
 ("en-crime-fraud", "en", "02000000", "crime, law and justice",
  "Police break up online investment fraud ring",
  "Police arrested twelve suspects accused of running a fake investment platform that defrauded thousands.",
  ["Investigators said the group promised high returns and then blocked withdrawals.",
   "Victims are asked to contact the police to help with the investigation."],
  "Tom Harris"),
]

HTML_ARTICLES = [
 ("vi-html-kien-xuong", "vi", "Các đồng chí lãnh đạo tỉnh kiểm tra sản xuất vụ đông tại Kiến Xương",
  "Đoàn công tác đã kiểm tra tiến độ gieo trồng cây vụ đông và tình hình tiêu thụ nông sản.",
  ["Lãnh đạo tỉnh đề nghị huyện tiếp tục hỗ trợ nông dân về giống và kỹ thuật canh tác.",
   "Huyện Kiến Xương phấn đấu đạt 5.000 ha cây vụ đông trong năm nay."],
  "Văn Hùng", "2026-11-26T09:30:00+07:00"),
 ("en-html-technology", "en", "Messaging app rolls out end-to-end encryption to all users",
  "The company said default end-to-end encryption now covers personal chats and calls.",
  ["Security researchers welcomed the change but noted that some features were still being fixed.",
   "Users do not need to take any action; the update arrives automatically."],
  "Chris Young", "2026-11-26T14:00:00+07:00"),
 ("vi-html-le-dang-y", "vi", "Lễ dâng y Kathina tại Thái Bình",
  "Lễ dâng y Kathina do Quốc vương Thái Lan cúng dường đã được tổ chức trang trọng tại chùa Keo.",
  ["Đông đảo tăng ni, phật tử và nhân dân địa phương tham dự buổi lễ.",
   "Sự kiện góp phần thắt chặt tình hữu nghị giữa nhân dân hai nước."],
  "Minh Thu", "2026-11-26T16:45:00+07:00"),
]

def ninjs2(slug, lang, code, topic, headline, lead, body, byline, version, created, pubstatus="usable"):
    return {
        "uri": f"https://news.example/{lang}/{slug}",
        "version": str(version),
        "versioncreated": created,
        "firstcreated": "2026-11-26T07:00:00+07:00",
        "pubstatus": pubstatus,
        "type": "text",
        "language": lang,
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"role": "main", "contenttype": "text/plain",
                    "value": "\n\n".join([lead] + body)}],
        "descriptions": [{"role": "summary", "value": lead}],
        "bylines": [{"name": byline}],
        "subjects": [{"uri": f"http://cv.iptc.org/newscodes/mediatopic/{code}", "name": topic}],
    }

def ninjs1(slug, lang, code, topic, headline, lead, body, byline, version, created):
    return {
        "uri": f"https://news.example/{lang}/{slug}",
        "version": str(version),
        "versioncreated": created,
        "pubstatus": "usable",
        "type": "text",
        "language": lang,
        "headline": headline,
        "description_text": lead,
        "body_html": "".join(f"<p>{html.escape(p)}</p>" for p in [lead] + body),
        "byline": byline,
        "subject": [{"code": f"medtop:{code}", "name": topic, "scheme": "http://cv.iptc.org/newscodes/mediatopic/"}],
    }

def page(lang, headline, lead, body, byline, published):
    paras = "\n".join(f"    <p>{html.escape(p)}</p>" for p in [lead] + body)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{html.escape(headline)}</title>
  <meta property="article:published_time" content="{published}">
  <script>trackVisit();</script>
</head>
<body>
  <nav><a href="/">Trang chủ</a></nav>
  <article>
    <h1>{html.escape(headline)}</h1>
    <p class="author">{html.escape(byline)}</p>
    <time datetime="{published}">{published}</time>
{paras}
  </article>
  <aside class="related"><h3>Related</h3><ul><li><a href="/tin/1">{html.escape(ARTICLES[0][4])}</a></li></ul></aside>
  <footer>© news.example</footer>
</body>
</html>
"""

def main():
    os.makedirs(OUT, exist_ok=True)
    n = 10
    for i, a in enumerate(ARTICLES):
        created = f"2026-11-26T{8 + i % 10:02d}:{(i * 7) % 60:02d}:00+07:00"
        doc = (ninjs1 if i % 4 == 3 else ninjs2)(*a, 1, created)
        n += 1
        with open(os.path.join(OUT, f"{n:02d}-{a[0]}.ninjs.json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
    for a in HTML_ARTICLES:
        n += 1
        with open(os.path.join(OUT, f"{n:02d}-{a[0]}.html"), "w", encoding="utf-8") as f:
            f.write(page(a[1], a[2], a[3], a[4], a[5], a[6]))
    # an update (version 2 replaces version 1) and a kill (pubstatus canceled), posted last
    upd = ARTICLES[1]
    doc = ninjs2(upd[0], upd[1], upd[2], upd[3], upd[4] + " (cập nhật)", upd[5],
                 upd[6] + ["Bộ Công Thương cho biết sẽ tiếp tục mở rộng thị trường xuất khẩu gạo sang châu Phi."],
                 upd[7], 2, "2026-11-26T18:00:00+07:00")
    with open(os.path.join(OUT, "90-update-" + upd[0] + ".ninjs.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    kill = ARTICLES[7]
    doc = ninjs2(*kill, 2, "2026-11-26T19:00:00+07:00", pubstatus="canceled")
    with open(os.path.join(OUT, "91-kill-" + kill[0] + ".ninjs.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)

if __name__ == "__main__":
    main()
