// Tests for reading document fields from OCR text: realistic headers of decrees, circulars, police decisions,
// official letters, minutes, notices and petitions, in both OCR column orders, with and without OCR noise.
// Every document here is made up; none is copied from a real case file.
#include "fields.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <set>
#include <string>
#include <vector>

#include "text/normalize.hpp"

namespace precinct::digitize {
namespace {

struct FieldsCase {
    std::string name;
    std::string text;
    DocFields want;
};

std::string Upper(std::string_view s) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
        .toUpper()
        .toUTF8String(out);
    return out;
}

void ExpectFields(const std::vector<FieldsCase>& cases) {
    for (const FieldsCase& c : cases) {
        SCOPED_TRACE(c.name);
        const DocFields got = ExtractFields(c.text);
        EXPECT_EQ(got.number, c.want.number);
        EXPECT_EQ(got.type, c.want.type);
        EXPECT_EQ(got.date, c.want.date);
        EXPECT_EQ(got.place, c.want.place);
        EXPECT_EQ(got.issuer, c.want.issuer);
    }
}

TEST(Fields, ReadsCleanHeadersOfEachKind) {
    ExpectFields({
        {"government decree",
         "CHÍNH PHỦ\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Số: 30/2020/NĐ-CP\n"
         "Hà Nội, ngày 05 tháng 3 năm 2020\n"
         "NGHỊ ĐỊNH\n"
         "Về công tác văn thư\n"
         "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n",
         {"30/2020/NĐ-CP", "nghi_dinh", "2020-03-05", "Hà Nội", "CHÍNH PHỦ"}},
        {"circular of the Ministry of Public Security",
         "BỘ CÔNG AN\n"
         "--------\n"
         "Số: 58/2023/TT-BCA\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "---------------\n"
         "Hà Nội, ngày 16 tháng 6 năm 2023\n"
         "THÔNG TƯ\n"
         "QUY ĐỊNH VỀ QUY TRÌNH ĐĂNG KÝ XE\n"
         "Căn cứ Luật Giao thông đường bộ ngày 13 tháng 11 năm 2008;\n",
         {"58/2023/TT-BCA", "thong_tu", "2023-06-16", "Hà Nội", "BỘ CÔNG AN"}},
        {"provincial police decision, two-line issuer block",
         "BỘ CÔNG AN\n"
         "CÔNG AN TỈNH BẮC NINH\n"
         "Số: 1234/QĐ-CAT-PC08\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Bắc Ninh, ngày 12 tháng 9 năm 2023\n"
         "QUYẾT ĐỊNH\n"
         "Xử phạt vi phạm hành chính\n",
         {"1234/QĐ-CAT-PC08", "quyet_dinh", "2023-09-12", "Bắc Ninh", "CÔNG AN TỈNH BẮC NINH"}},
        {"people's committee official letter, issuer name wrapped",
         "ỦY BAN NHÂN DÂN\n"
         "THÀNH PHỐ HÀ NỘI\n"
         "Số: 4567/UBND-KT\n"
         "V/v tăng cường bảo đảm trật tự an toàn giao thông dịp Tết\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Hà Nội, ngày 20 tháng 12 năm 2023\n"
         "Kính gửi:\n"
         "- Công an Thành phố;\n",
         {"4567/UBND-KT", "cong_van", "2023-12-20", "Hà Nội", "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"}},
        {"ward police minutes dated in the body",
         "CÔNG AN QUẬN HOÀN KIẾM\n"
         "CÔNG AN PHƯỜNG HÀNG TRỐNG\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Số: 15/BB-VPHC\n"
         "BIÊN BẢN VI PHẠM HÀNH CHÍNH\n"
         "Căn cứ Điều 58 Luật Xử lý vi phạm hành chính;\n"
         "Hôm nay, hồi 09 giờ 30 phút, ngày 05/3/2024, tại trụ sở Công an phường Hàng Trống,\n",
         {"15/BB-VPHC", "bien_ban", "2024-03-05", "", "CÔNG AN PHƯỜNG HÀNG TRỐNG"}},
        {"district police notice on a leap day",
         "CÔNG AN THÀNH PHỐ HÀ NỘI\n"
         "CÔNG AN QUẬN CẦU GIẤY\n"
         "Số: 88/TB-CAQ\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Cầu Giấy, ngày 29 tháng 02 năm 2024\n"
         "THÔNG BÁO\n"
         "Về việc tiếp nhận hồ sơ đăng ký thường trú\n",
         {"88/TB-CAQ", "thong_bao", "2024-02-29", "Cầu Giấy", "CÔNG AN QUẬN CẦU GIẤY"}},
        {"law: the type named before the number, no date in the header",
         "QUỐC HỘI\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Luật số: 37/2018/QH14\n"
         "LUẬT\n"
         "CÔNG AN NHÂN DÂN\n"
         "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n",
         {"37/2018/QH14", "luat", "", "", "QUỐC HỘI"}},
        {"urgent dispatch: the marking is not the issuer",
         "BỘ CÔNG AN\n"
         "HỎA TỐC\n"
         "Số: 05/CĐ-BCA\n"
         "Hà Nội, ngày 02 tháng 9 năm 2024\n"
         "CÔNG ĐIỆN\n"
         "Về việc bảo đảm an ninh, trật tự trong mùa mưa bão\n",
         {"05/CĐ-BCA", "cong_dien", "2024-09-02", "Hà Nội", "BỘ CÔNG AN"}},
        {"summons of an investigation agency",
         "CÔNG AN HUYỆN GIA LÂM\n"
         "CƠ QUAN CẢNH SÁT ĐIỀU TRA\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Số: 77/GTT\n"
         "Gia Lâm, ngày 15 tháng 4 năm 2024\n"
         "GIẤY TRIỆU TẬP\n",
         {"77/GTT", "giay_trieu_tap", "2024-04-15", "Gia Lâm", "CƠ QUAN CẢNH SÁT ĐIỀU TRA"}},
        {"citizen's petition: motto only, no issuer",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Hà Nội, ngày 10 tháng 5 năm 2024\n"
         "ĐƠN TỐ CÁO\n"
         "Kính gửi: Công an phường Láng Hạ\n",
         {"", "don", "2024-05-10", "Hà Nội", ""}},
        {"department under a ministry, name wrapped over two lines",
         "BỘ CÔNG AN\n"
         "CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH\n"
         "VỀ TRẬT TỰ XÃ HỘI\n"
         "Số: 1500/C06-P4\n"
         "V/v hướng dẫn cấp căn cước\n"
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "Hà Nội, ngày 03 tháng 10 năm 2024\n"
         "Kính gửi: Công an các tỉnh, thành phố trực thuộc trung ương\n",
         {"1500/C06-P4", "cong_van", "2024-10-03", "Hà Nội", "CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI"}},
        {"plan: the right column read first, place with an abbreviation",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\n"
         "TP. Hồ Chí Minh, ngày 01 tháng 7 năm 2024\n"
         "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH\n"
         "Số: 900/KH-CATP\n"
         "KẾ HOẠCH\n"
         "Triển khai đợt cao điểm tấn công trấn áp tội phạm\n",
         {"900/KH-CATP", "ke_hoach", "2024-07-01", "TP. Hồ Chí Minh", "CÔNG AN THÀNH PHỐ HỒ CHÍ MINH"}},
        {"place name with a lower-case unit word",
         "BỘ CÔNG AN\n"
         "Số: 12/BC-BCA\n"
         "Thành phố Hồ Chí Minh, ngày 9 tháng 8 năm 2024\n"
         "BÁO CÁO\n",
         {"12/BC-BCA", "bao_cao", "2024-08-09", "Thành phố Hồ Chí Minh", "BỘ CÔNG AN"}},
    });
}

TEST(Fields, ReadsInterleavedColumns) {
    ExpectFields({
        {"people's committee department letter, one header row per line",
         "UBND THÀNH PHỐ HÀ NỘI        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "SỞ TƯ PHÁP                   Độc lập - Tự do - Hạnh phúc\n"
         "Số: 321/STP-HCTP             Hà Nội, ngày 08 tháng 01 năm 2024\n"
         "V/v hướng dẫn chứng thực bản sao\n"
         "Kính gửi: UBND các quận, huyện, thị xã\n",
         {"321/STP-HCTP", "cong_van", "2024-01-08", "Hà Nội", "SỞ TƯ PHÁP"}},
        {"provincial police decision, single spaces between the columns",
         "BỘ CÔNG AN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "CÔNG AN TỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc\n"
         "Số: 1234/QĐ-CAT Bắc Ninh, ngày 12 tháng 9 năm 2023\n"
         "QUYẾT ĐỊNH\n",
         {"1234/QĐ-CAT", "quyet_dinh", "2023-09-12", "Bắc Ninh", "CÔNG AN TỈNH BẮC NINH"}},
        {"committee name wrapped in the left column",
         "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "QUẬN HOÀN KIẾM     Độc lập - Tự do - Hạnh phúc\n"
         "Số: 17/TTr-UBND    Hoàn Kiếm, ngày 30 tháng 4 năm 2024\n"
         "TỜ TRÌNH\n",
         {"17/TTr-UBND", "to_trinh", "2024-04-30", "Hoàn Kiếm", "ỦY BAN NHÂN DÂN QUẬN HOÀN KIẾM"}},
    });
}

TEST(Fields, ToleratesOcrNoise) {
    ExpectFields({
        {"diacritics lost everywhere",
         "UBND TINH BAC NINH\n"
         "SO TU PHAP\n"
         "CONG HOA XA HOI CHU NGHIA VIET NAM\n"
         "Doc lap - Tu do - Hanh phuc\n"
         "So:  245 / QD - STP\n"
         "Bac Ninh, ngay 5 thang 3 nam 2024\n"
         "QUYET DINH\n",
         {"245/QD-STP", "quyet_dinh", "2024-03-05", "Bac Ninh", "SO TU PHAP"}},
        {"no space after the colon, en dash, Ð for Đ, wrong tone marks",
         "CÔNG AN TỈNH BẮC NINH\n"
         "CỘNG HOÀ XÃ HỘl CHŨ NGHĨA VIỆT NAM\n"
         "Đôc lập – Tự do – Hạnh phúc\n"
         "Sô:123 /QÐ–CAT\n"
         "Bắc Ninh , ngáy 05 thang 3 nằm 2024\n"
         "QUYẾT ÐỊNH\n",
         {"123/QĐ-CAT", "quyet_dinh", "2024-03-05", "Bắc Ninh", "CÔNG AN TỈNH BẮC NINH"}},
        {"no title: the type from the symbol, CRLF line ends, indented lines",
         "  CÔNG AN TỈNH BẮC NINH\r\n"
         "  Số 56/KH-CAT\r\n"
         "\r\n"
         "  Bắc Ninh ngày 7 tháng 11 năm 2024\r\n"
         "Triển khai công tác bảo đảm an ninh trật tự\r\n",
         {"56/KH-CAT", "ke_hoach", "2024-11-07", "Bắc Ninh", "CÔNG AN TỈNH BẮC NINH"}},
        {"number glued to Số, decomposed accents",
         "CO\u0302NG AN QUA\u0323\u0302N BA ĐÌNH\n"
         "So\u0302\u0301102/TB-CAQ\n"
         "Ha\u0300 No\u0323\u0302i, nga\u0300y 1 tha\u0301ng 6 na\u0306m 2024\n"
         "THÔNG BÁO\n",
         {"102/TB-CAQ", "thong_bao", "2024-06-01", "Hà Nội", "CÔNG AN QUẬN BA ĐÌNH"}},
        {"a lower-case slip in the title",
         "BỘ CÔNG AN\n"
         "Số: 9/BCA-V01\n"
         "QUYẾT ĐỊNh\n",
         {"9/BCA-V01", "quyet_dinh", "", "", "BỘ CÔNG AN"}},
    });
}

TEST(Fields, LeavesFieldsEmptyWithoutAHeader) {
    ExpectFields({
        {"empty", "", {}},
        {"only whitespace", " \n\t\r\n", {}},
        {"citizen's report in prose",
         "Người dân phản ánh tình trạng lấn chiếm vỉa hè ngày 5 tháng 3 năm 2024 tại phường Đống Đa.\n"
         "Đề nghị cơ quan chức năng xử lý.",
         {}},
        {"a body that cites other documents",
         "Căn cứ Quyết định số 123/QĐ-UBND ngày 5 tháng 3 năm 2024 của UBND thành phố;\n"
         "Số 45/QĐ-CAT ngày 6 tháng 3 năm 2024 được thay thế.\n",
         {}},
        {"an address that starts with Số",
         "Số 5 đường Láng, Hà Nội, ngày 5 tháng 3 năm 2024\n"
         "Số nhà 12/4 ngõ 3\n",
         {}},
        {"a header line citing another document",
         "Quyết định số 12/QĐ-UBND ngày 5 tháng 3 năm 2024 của UBND tỉnh\n",
         {}},
        {"upper-case heading of a leaflet",
         "TUYÊN TRUYỀN PHÒNG CHỐNG MA TÚY\n"
         "Mỗi người dân hãy là một tuyên truyền viên.\n",
         {}},
    });
}

TEST(Fields, JoinsAWrappedIssuerNameButDropsTheSuperiorBody) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"BỘ CÔNG AN\nCÔNG AN TỈNH BẮC NINH", "CÔNG AN TỈNH BẮC NINH"},
        {"BỘ CÔNG AN\nCA TỈNH BẮC NINH", "CA TỈNH BẮC NINH"},
        {"CÔNG AN TỈNH\nCÀ MAU", "CÔNG AN TỈNH CÀ MAU"},
        {"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"},
        {"UBND TỈNH BẮC NINH\nSỞ TƯ PHÁP", "SỞ TƯ PHÁP"},
        {"TỈNH ỦY BẮC NINH\nBAN TUYÊN GIÁO", "BAN TUYÊN GIÁO"},
        {"CÔNG AN TỈNH BẮC NINH\nPHÒNG CẢNH SÁT\nQUẢN LÝ HÀNH CHÍNH VỀ TTXH",
         "PHÒNG CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TTXH"},
        {"HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI", "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI"},
        {"CÔNG AN TP. HÀ NỘI  \n-------\n", "CÔNG AN TP. HÀ NỘI"},
        // A line in mixed case between two upper-case lines separates them.
        {"CÔNG AN TỈNH BẮC NINH\nMẫu số 02\nTHÀNH PHỐ BẮC NINH", "THÀNH PHỐ BẮC NINH"},
        {"MẬT\nBỘ CÔNG AN", "BỘ CÔNG AN"},
        {"BỘ CÔNG AN\nHÀ NỘI, NGÀY 05 THÁNG 3 NĂM 2024", "BỘ CÔNG AN"},
    };
    for (const auto& [block, want] : cases) {
        EXPECT_EQ(ExtractFields(block + "\nSố: 1/QĐ-X\nQUYẾT ĐỊNH\n").issuer, want) << block;
    }
}

TEST(Fields, RejectsImpossibleDates) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Hà Nội, ngày 31 tháng 02 năm 2024", ""},
        {"Hà Nội, ngày 29 tháng 2 năm 2023", ""},
        {"Hà Nội, ngày 29 tháng 2 năm 2000", "2000-02-29"},
        {"Hà Nội, ngày 29 tháng 2 năm 1900", ""},
        {"Hà Nội, ngày 31 tháng 4 năm 2024", ""},
        {"Hà Nội, ngày 31 tháng 12 năm 2024", "2024-12-31"},
        {"Hà Nội, ngày 0 tháng 1 năm 2024", ""},
        {"Hà Nội, ngày 1 tháng 13 năm 2024", ""},
        {"Hà Nội, ngày    tháng 3 năm 2024", ""},
        {"Hà Nội, ngày 1 tháng 1 năm 24", ""},
        {"Hà Nội, ngày 15/10/2024", "2024-10-15"},
        {"Hà Nội, ngày 15.10.2024", "2024-10-15"},
        {"Hà Nội, ngày 15 10 2024", ""},
    };
    for (const auto& [line, want] : cases) {
        const DocFields f = ExtractFields("BỘ CÔNG AN\nSố: 1/BCA-VP\n" + line + "\n");
        EXPECT_EQ(f.date, want) << line;
        EXPECT_EQ(f.place, want.empty() ? "" : "Hà Nội") << line;
    }
}

TEST(Fields, ReadsNumberAndSymbolFromHeader) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Số: 123/QĐ-UBND", "123/QĐ-UBND"},
        {"Số 123/QĐ-UBND", "123/QĐ-UBND"},
        {"Số:123 /QĐ-UBND", "123/QĐ-UBND"},
        {"Số : 123 / QĐ - UBND .", "123/QĐ-UBND"},
        {"Số: 45/2023/TT-BCA", "45/2023/TT-BCA"},
        {"Số: 01/2024/TTLT-BCA-BQP", "01/2024/TTLT-BCA-BQP"},
        {"Số: 7/QĐ\u2013UBND", "7/QĐ-UBND"},
        {"Số: 7/QĐ\u2212UBND", "7/QĐ-UBND"},
        {"Số: 7/QÐ-UBND", "7/QĐ-UBND"},
        {"Số: 7/Q\u200BĐ-UBND", "7/QĐ-UBND"},
        {"SỐ: 88/CAT-PV01", "88/CAT-PV01"},
        {"Số: 12", ""},
        {"Số: 12/2024", ""},
        {"Số: /QĐ-UBND", ""},
        {"Số: 12QĐ-UBND", ""},
        {"Số tiền: 2.000.000/người", ""},
    };
    for (const auto& [line, want] : cases) {
        const DocFields f = ExtractFields("CÔNG AN TỈNH BẮC NINH\n" + line + "\n");
        EXPECT_EQ(f.number, want) << line;
        EXPECT_TRUE(f.number.empty() || f.number == text::Nfc(f.number)) << line;
    }
}

TEST(Fields, ReadsTheTypeFromEverySymbolAbbreviation) {
    for (const DocTypeInfo& t : DocTypes()) {
        for (const std::string& abbreviation : t.abbreviations) {
            const DocFields f = ExtractFields("CÔNG AN TỈNH BẮC NINH\nSố: 12/" + abbreviation + "-CAT\n");
            EXPECT_EQ(f.type, t.code) << abbreviation;
        }
    }
    // OCR that lost the stroke of Đ or the case still finds the type; the exact spelling wins over the folded one.
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/QD-BCA\n").type, "quyet_dinh");
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/TTR-BCA\n").type, "to_trinh");
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/HD-BCA\n").type, "huong_dan");
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/HĐ-BCA\n").type, "hop_dong");
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/2024/NĐ-CP\n").type, "nghi_dinh");
    EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 3/BCA-V03\n").type, "cong_van");
}

TEST(Fields, ReadsTheTypeFromEveryTitle) {
    for (const DocTypeInfo& t : DocTypes()) {
        const std::string title = Upper(t.name_vi);
        const DocFields f = ExtractFields("CÔNG AN TỈNH BẮC NINH\nSố: 12/CAT-PV01\n" + title + "\nVề việc thử\n");
        EXPECT_EQ(f.type, t.code) << title;
        // The title wins over the symbol's abbreviation.
        EXPECT_EQ(ExtractFields("BỘ CÔNG AN\nSố: 12/QĐ-BCA\n" + title + " SỐ 2\n").type, t.code) << title;
    }
    // A unit is not a petition, and a title in lower case is body text.
    EXPECT_EQ(ExtractFields("ĐƠN VỊ A\nSố: 12/DV-A\n").type, "cong_van");
    EXPECT_EQ(ExtractFields("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuyết định này có hiệu lực\n").type, "");
}

TEST(Fields, ListsDistinctTypesWithCodesAndAbbreviations) {
    std::set<std::string> codes;
    std::set<std::string> abbreviations;
    for (const DocTypeInfo& t : DocTypes()) {
        EXPECT_TRUE(codes.insert(t.code).second) << t.code;
        EXPECT_FALSE(t.name_vi.empty());
        EXPECT_FALSE(t.name_en.empty());
        EXPECT_EQ(t.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string::npos) << t.code;
        for (const std::string& a : t.abbreviations) EXPECT_TRUE(abbreviations.insert(a).second) << a;
        EXPECT_EQ(FindDocType(t.code), &t);
    }
    for (const char* code :
         {"quyet_dinh", "cong_van", "bien_ban", "thong_bao", "nghi_dinh",      "thong_tu", "nghi_quyet",
          "chi_thi",    "ke_hoach", "bao_cao",  "to_trinh",  "huong_dan",      "giay_moi", "cong_dien",
          "quy_dinh",   "quy_che",  "luat",     "lenh",      "giay_trieu_tap", "don"}) {
        EXPECT_NE(FindDocType(code), nullptr) << code;
    }
    EXPECT_EQ(FindDocType("nope"), nullptr);
    EXPECT_EQ(FindDocType(""), nullptr);
    EXPECT_EQ(FindDocType("quyet_dinh")->name_vi, "Quyết định");
}

TEST(Fields, ReturnsNfcForDecomposedInput) {
    const DocFields f = ExtractFields(
        "U\u0309Y BAN NHA\u0302N DA\u0302N\n"
        "THA\u0300NH PHO\u0302\u0301 HA\u0300 NO\u0323\u0302I\n"
        "So\u0302\u0301: 5/QĐ-UBND\n"
        "Ha\u0300 No\u0323\u0302i, nga\u0300y 2 tha\u0301ng 1 na\u0306m 2024\n");
    EXPECT_EQ(f.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI");
    EXPECT_EQ(f.place, "Hà Nội");
    EXPECT_EQ(f.number, "5/QĐ-UBND");
    EXPECT_EQ(f.type, "quyet_dinh");
}

TEST(Fields, IgnoresInvalidBytesAndHugeInput) {
    std::string text = "BỘ CÔNG AN\xFF\nSố: 1/QĐ-BCA\xC3\n";
    text += std::string(200000, 'x');
    const DocFields f = ExtractFields(text);
    EXPECT_EQ(f.number, "1/QĐ-BCA");
    EXPECT_EQ(f.issuer, "BỘ CÔNG AN");
}

}  // namespace
}  // namespace precinct::digitize
