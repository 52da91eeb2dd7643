// Tests for language, facet and intent detection.
#include "understanding.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace precinct::assistant {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

class UnderstandingTest : public ::testing::Test {
protected:
    Understanding U(std::string_view s) { return understander_.Understand(s); }
    text::Lexicon lexicon_;
    text::Analyzer analyzer_{lexicon_};
    Understander understander_{analyzer_};
};

TEST_F(UnderstandingTest, TellsVietnameseFromEnglish) {
    EXPECT_EQ(U("Làm hộ chiếu mất bao lâu?").lang, Lang::kVi);
    EXPECT_EQ(U("lam ho chieu mat bao lau").lang, Lang::kVi);
    EXPECT_EQ(U("lam cccd o dau").lang, Lang::kVi);
    EXPECT_EQ(U("How much does a passport cost?").lang, Lang::kEn);
    EXPECT_EQ(U("where do I register my motorbike").lang, Lang::kEn);
}

TEST_F(UnderstandingTest, DetectsFacetsWithAndWithoutAccents) {
    EXPECT_THAT(U("Lệ phí làm hộ chiếu bao nhiêu?").facets, ElementsAre(Facet::kFee));
    EXPECT_THAT(U("le phi lam ho chieu").facets, ElementsAre(Facet::kFee));
    EXPECT_THAT(U("mất bao lâu thì có căn cước").facets, Contains(Facet::kTime));
    EXPECT_THAT(U("bao nhiêu ngày thì có").facets, ElementsAre(Facet::kTime));
    EXPECT_THAT(U("cần giấy tờ gì").facets, ElementsAre(Facet::kDocuments));
    EXPECT_THAT(U("nộp ở đâu").facets, ElementsAre(Facet::kWhere));
    EXPECT_THAT(U("làm online được không?").facets, Contains(Facet::kOnline));
    EXPECT_THAT(U("ai được cấp").facets, ElementsAre(Facet::kEligibility));
    EXPECT_THAT(U("căn cứ pháp lý là văn bản nào").facets, Contains(Facet::kLegal));
    EXPECT_THAT(U("how long does it take").facets, ElementsAre(Facet::kTime));
    EXPECT_THAT(U("what documents do I need").facets, Contains(Facet::kDocuments));
    EXPECT_TRUE(U("đăng ký tạm trú").facets.empty());
}

TEST_F(UnderstandingTest, CountsTopicWordsSoFollowUpsAreRecognized) {
    EXPECT_EQ(U("còn phí thì sao?").content_words, 0u);
    EXPECT_EQ(U("làm online được không?").content_words, 0u);
    EXPECT_GT(U("phí làm hộ chiếu").content_words, 0u);
}

TEST_F(UnderstandingTest, RecognizesEmergenciesHappeningNow) {
    auto fire = U("Cháy nhà ở số 5 Hàng Bông, cứu với!");
    ASSERT_TRUE(fire.emergency);
    EXPECT_EQ(fire.emergency->line, "114");
    EXPECT_EQ(fire.emergency->category, "FIRE");
    auto fight = U("co nguoi dang danh nhau o cong truong");
    ASSERT_TRUE(fight.emergency);
    EXPECT_EQ(fight.emergency->line, "113");
    ASSERT_TRUE(U("help, someone is breaking in to my house").emergency);
    auto medical = U("bà tôi đang bất tỉnh, khó thở");
    ASSERT_TRUE(medical.emergency);
    EXPECT_EQ(medical.emergency->line, "115");
}

TEST_F(UnderstandingTest, ProceduralAndPastEventsAreNotEmergencies) {
    EXPECT_FALSE(U("Thủ tục thẩm định thiết kế phòng cháy chữa cháy?").emergency);
    EXPECT_FALSE(U("báo cháy giả bị phạt bao nhiêu").emergency);
    EXPECT_FALSE(U("hôm qua tôi bị cướp điện thoại, trình báo ở đâu").emergency);
    EXPECT_FALSE(U("nhà hàng xóm có nguy cơ cháy nổ").emergency);
}

TEST_F(UnderstandingTest, RecognizesIntents) {
    EXPECT_TRUE(U("xin chào").greeting);
    EXPECT_TRUE(U("cảm ơn nhé").thanks);
    EXPECT_TRUE(U("tôi muốn gặp cán bộ").wants_human);
    EXPECT_TRUE(U("Tôi muốn trình báo mất ví").wants_report);
    EXPECT_TRUE(U("tôi bị lừa mất 5 triệu").wants_report);
    EXPECT_TRUE(U("có").yes);
    EXPECT_TRUE(U("Yes").yes);
    EXPECT_TRUE(U("không").no);
    EXPECT_FALSE(U("có phí không").yes);
    EXPECT_TRUE(U("hủy").cancel);
    EXPECT_TRUE(U("tôi muốn ẩn danh").anonymous);
    EXPECT_TRUE(U("trình báo ở đâu?").question);
}

TEST(IsVietnameseSyllable, AcceptsSyllablesAndRefusesEnglishWords) {
    for (const char* s : {"nguoi", "quy", "gi", "truong", "khong", "nghieng", "a", "oanh", "dang"}) {
        EXPECT_TRUE(IsVietnameseSyllable(s)) << s;
    }
    for (const char* s : {"passport", "fee", "how", "register", "what", "lost", "stolen", "bus"}) {
        EXPECT_FALSE(IsVietnameseSyllable(s)) << s;
    }
}

TEST(FindPhoneNumber, FindsVietnameseNumbersInEveryUsualForm) {
    EXPECT_EQ(FindPhoneNumber("số của tôi 0912 345 678 nhé"), "0912345678");
    EXPECT_EQ(FindPhoneNumber("+84 912.345.678"), "0912345678");
    EXPECT_EQ(FindPhoneNumber("84912345678"), "0912345678");
    EXPECT_EQ(FindPhoneNumber("0912-345-678"), "0912345678");
    EXPECT_EQ(FindPhoneNumber("mất 5 triệu lúc 10 giờ"), "");
    EXPECT_EQ(FindPhoneNumber("12345"), "");
}

}  // namespace
}  // namespace precinct::assistant
