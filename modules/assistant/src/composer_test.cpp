// Tests for reply composition: the asked fact first, the legal basis always, unconfirmed facts marked, nothing
// outside the entry.
#include "composer.hpp"

#include <gtest/gtest.h>

namespace precinct::assistant {
namespace {

Entry Passport() {
    Entry e;
    e.id = "passport.issue";
    e.title_vi = "Cấp hộ chiếu phổ thông";
    e.title_en = "Ordinary passport";
    e.summary_vi = "Tóm tắt.";
    e.summary_en = "Summary.";
    e.who_vi = "Công dân Việt Nam.";
    e.who_en = "Vietnamese citizens.";
    e.documents_vi = {"Tờ khai", "2 ảnh"};
    e.documents_en = {"Form", "2 photos"};
    e.steps_vi = {"Nộp", "Nhận"};
    e.steps_en = {"Submit", "Collect"};
    e.where_vi = "Phòng Quản lý xuất nhập cảnh.";
    e.where_en = "Provincial immigration office.";
    e.channels = {"in_person", "national_portal"};
    e.online = Online::kPartial;
    e.time_vi = "8 ngày làm việc.";
    e.time_en = "8 working days.";
    e.fee_vi = "200.000 đồng.";
    e.fee_en = "200,000 VND.";
    e.unconfirmed = {Facet::kTime};
    e.checked = "2026-11-20";
    e.legal = {{"Luật Xuất cảnh, nhập cảnh 49/2019/QH14", "Law on Exit and Entry 49/2019/QH14", "Điều 15", "Art. 15", false},
               {"Thông tư 25/2021/TT-BTC", "Circular 25/2021/TT-BTC", "", "", true}};
    return e;
}

TEST(Composer, GivesTheAskedFactFirstThenTheRestAndTheLaw) {
    const Composed c = ComposeAnswer(Passport(), {Facet::kFee}, Lang::kVi, false);
    const auto fee = c.text.find("Lệ phí: 200.000 đồng.");
    const auto time = c.text.find("Thời hạn giải quyết: 8 ngày làm việc.");
    const auto law = c.text.find("Căn cứ pháp lý: Luật Xuất cảnh, nhập cảnh 49/2019/QH14, Điều 15");
    ASSERT_NE(fee, std::string::npos) << c.text;
    ASSERT_NE(time, std::string::npos) << c.text;
    ASSERT_NE(law, std::string::npos) << c.text;
    EXPECT_LT(fee, time);
    EXPECT_LT(time, law);
    EXPECT_NE(c.text.find("Thông tin kiểm tra lần cuối: 2026-11-20."), std::string::npos);
    ASSERT_EQ(c.citations.size(), 2u);
    EXPECT_EQ(c.citations[0].reference, "Điều 15");
    EXPECT_TRUE(c.citations[1].unconfirmed);
}

TEST(Composer, MarksUnconfirmedFacts) {
    const Composed c = ComposeAnswer(Passport(), {Facet::kTime}, Lang::kVi, true);
    EXPECT_NE(c.text.find("8 ngày làm việc. (⚠ chưa xác minh)"), std::string::npos) << c.text;
    EXPECT_NE(c.text.find("Thông tư 25/2021/TT-BTC (⚠ chưa xác minh)"), std::string::npos) << c.text;
    EXPECT_EQ(c.unconfirmed, (std::vector<std::string>{"time", "legal"}));
    // A follow-up gives only what was asked (and the law): no fee repeated.
    EXPECT_EQ(c.text.find("Lệ phí"), std::string::npos);
}

TEST(Composer, AnswersInEnglishFromTheEnglishFields) {
    const Composed c = ComposeAnswer(Passport(), {Facet::kDocuments, Facet::kOnline}, Lang::kEn, false);
    EXPECT_NE(c.text.find("Documents:\n• Form\n• 2 photos"), std::string::npos) << c.text;
    EXPECT_NE(c.text.find("Partly: you can submit online (the National Public Service Portal"), std::string::npos);
    EXPECT_NE(c.text.find("Legal basis: Law on Exit and Entry 49/2019/QH14, Art. 15"), std::string::npos);
    EXPECT_EQ(c.text.find("Lệ phí"), std::string::npos);
    EXPECT_FALSE(c.suggestions.empty());
}

TEST(Composer, AGeneralQuestionGetsAnOverview) {
    const Composed c = ComposeAnswer(Passport(), {}, Lang::kVi, false);
    for (const char* part : {"Tóm tắt.", "Đối tượng:", "Hồ sơ, giấy tờ:", "Nơi nộp và cách nộp:", "Thời hạn giải quyết:",
                             "Lệ phí:", "Căn cứ pháp lý:"}) {
        EXPECT_NE(c.text.find(part), std::string::npos) << part;
    }
}

TEST(Composer, ACommonQuestionWithoutLawSaysItIsGeneralInformation) {
    Entry e;
    e.faq = true;
    e.title_vi = "Giờ làm việc";
    e.title_en = "Office hours";
    e.answer_vi = "Thứ Hai – thứ Sáu.";
    e.answer_en = "Monday to Friday.";
    const Composed c = ComposeAnswer(e, {Facet::kTime}, Lang::kEn, false);
    EXPECT_EQ(c.text, "Office hours\nMonday to Friday.\n(General information; no legal instrument cited.)");
    EXPECT_TRUE(c.citations.empty());
}

}  // namespace
}  // namespace precinct::assistant
