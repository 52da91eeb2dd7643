// Conversations over the shipped knowledge base with fake side effects.
#include "dialog.hpp"

#include <gtest/gtest.h>

#include "engine.hpp"

namespace precinct::assistant {
namespace {

class FakeActions final : public Actions {
public:
    Result<reports::CitizenReceipt> FileReport(const reports::CitizenReport& r) override {
        filed.push_back(r);
        if (fail) return Fail(ErrorCode::kUnavailable, "down");
        reports::CitizenReceipt receipt;
        receipt.code = "AB12-CD34-EF";
        receipt.lookup_by_phone = !r.phone.empty();
        receipt.category_name_vi = "Trình báo mất tài sản";
        return receipt;
    }
    Result<std::optional<std::int64_t>> RaiseEmergency(const Emergency& e, const std::string& d,
                                                       const std::string&) override {
        raised.push_back({e.line, d});
        return std::optional<std::int64_t>(42);
    }
    Status AddEmergencyNote(std::int64_t id, const std::string& text) override {
        notes.push_back({id, text});
        return Ok();
    }
    std::string NewSecret() override { return "123456"; }

    std::vector<reports::CitizenReport> filed;
    std::vector<std::pair<std::string, std::string>> raised;
    std::vector<std::pair<std::int64_t, std::string>> notes;
    bool fail = false;
};

std::vector<reports::IntakeCategory> Categories() {
    return {{"lost_property", "Trình báo mất tài sản", "Lost property", "mất ví, mất điện thoại, mất tài sản, lost wallet",
             false},
            {"online_fraud", "Lừa đảo trực tuyến", "Online fraud", "lừa đảo, bị lừa, chuyển khoản, scam", true},
            {"noise", "Tiếng ồn", "Noise", "karaoke, tiếng ồn, noise", true}};
}

class DialogTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto e = Engine::Create(DefaultEngineFiles(), Categories());
        ASSERT_TRUE(e) << e.error().message;
        engine_ = std::move(*e).release();
    }
    static void TearDownTestSuite() { delete engine_; }
    Turn Say(std::string_view text, std::optional<Lang> hint = std::nullopt) {
        return engine_->dialog().Respond(state_, text, hint, actions_, "c:1");
    }
    static Engine* engine_;
    ConversationState state_;
    FakeActions actions_;
};
Engine* DialogTest::engine_ = nullptr;

TEST_F(DialogTest, AnswersAndFollowsUpOnTheSameProcedure) {
    Turn t = Say("Đăng ký tạm trú ở đâu?");
    ASSERT_EQ(t.kind, "answer");
    ASSERT_NE(t.entry, nullptr);
    EXPECT_EQ(t.entry->id, "residence.temporary");
    EXPECT_FALSE(t.citations.empty());
    EXPECT_EQ(t.reply.find("Nơi nộp"), t.reply.find("Nơi nộp và cách nộp:"));

    t = Say("còn phí thì sao?");
    ASSERT_EQ(t.kind, "answer");
    EXPECT_EQ(t.entry->id, "residence.temporary");
    ASSERT_EQ(t.facets.size(), 1u);
    EXPECT_EQ(t.facets[0], Facet::kFee);
    EXPECT_EQ(t.reply.find("Lệ phí:"), t.reply.find('\n') + 1) << t.reply;  // the fee right after the title

    t = Say("làm online được không?");
    ASSERT_EQ(t.kind, "answer");
    EXPECT_EQ(t.entry->id, "residence.temporary");
    EXPECT_NE(t.reply.find("Làm trực tuyến:"), std::string::npos);
}

TEST_F(DialogTest, RepliesInTheCitizensLanguage) {
    Turn t = Say("How much is the fee for a passport?");
    ASSERT_EQ(t.kind, "answer");
    EXPECT_EQ(state_.lang, Lang::kEn);
    EXPECT_NE(t.reply.find("Fee:"), std::string::npos) << t.reply;
    EXPECT_NE(t.reply.find("Legal basis:"), std::string::npos);
    t = Say("phí làm hộ chiếu", Lang::kVi);
    EXPECT_NE(t.reply.find("Lệ phí:"), std::string::npos);
}

TEST_F(DialogTest, HandsOverWhenItDoesNotKnowOrIsAsked) {
    Turn t = Say("qwerty zxcvb");
    EXPECT_EQ(t.kind, "handoff");
    EXPECT_TRUE(t.handoff);
    EXPECT_TRUE(t.unanswered);
    EXPECT_EQ(state_.handoff, HandoffState::kWaiting);

    ConversationState other;
    t = engine_->dialog().Respond(other, "Tôi muốn gặp cán bộ", std::nullopt, actions_, "c:2");
    EXPECT_EQ(t.kind, "handoff");
    EXPECT_EQ(t.handoff_reason, "asked_for_human");
}

TEST_F(DialogTest, AsksBackThenHandsOverWhenStillUnsure) {
    // Force the middle band: everything below the answer threshold, nothing below the handoff threshold.
    auto e = Engine::Create(DefaultEngineFiles(), {}, Thresholds{0.999, 0.0001});
    ASSERT_TRUE(e);
    ConversationState s;
    Turn t = (*e)->dialog().Respond(s, "hộ chiếu", std::nullopt, actions_, "x");
    ASSERT_EQ(t.kind, "clarify");
    ASSERT_FALSE(s.choices.empty());
    EXPECT_GE(t.suggestions.size(), 2u);
    // Picking a candidate by number answers it.
    const std::string first = s.choices[0];
    t = (*e)->dialog().Respond(s, "1", std::nullopt, actions_, "x");
    ASSERT_EQ(t.kind, "answer");
    EXPECT_EQ(t.entry->id, first);
    // Unsure twice in a row: an officer.
    ConversationState s2;
    EXPECT_EQ((*e)->dialog().Respond(s2, "căn cước", std::nullopt, actions_, "x").kind, "clarify");
    t = (*e)->dialog().Respond(s2, "biển số", std::nullopt, actions_, "x");
    EXPECT_EQ(t.kind, "handoff");
}

TEST_F(DialogTest, TakesAReportStepByStepAndFilesIt) {
    Turn t = Say("Tôi muốn trình báo mất ví ở chợ");
    ASSERT_EQ(t.kind, "report");
    EXPECT_EQ(t.report["stage"], "where");
    EXPECT_EQ(t.report["category"]["code"], "lost_property");
    t = Say("chợ Đồng Xuân, phường Hoàn Kiếm");
    EXPECT_EQ(t.report["stage"], "when");
    t = Say("sáng nay khoảng 9 giờ");
    EXPECT_EQ(t.report["stage"], "contact");
    t = Say("số của tôi 0912 345 678");
    EXPECT_EQ(t.report["stage"], "confirm");
    EXPECT_NE(t.reply.find("0912345678"), std::string::npos);
    EXPECT_TRUE(actions_.filed.empty());
    t = Say("có");
    EXPECT_EQ(t.report["stage"], "filed");
    EXPECT_EQ(t.report["tracking_code"], "AB12-CD34-EF");
    ASSERT_EQ(actions_.filed.size(), 1u);
    const auto& r = actions_.filed[0];
    EXPECT_EQ(r.category, "lost_property");
    EXPECT_EQ(r.address, "chợ Đồng Xuân, phường Hoàn Kiếm");
    EXPECT_EQ(r.phone, "0912345678");
    EXPECT_NE(r.description.find("Thời gian: sáng nay khoảng 9 giờ"), std::string::npos);
    EXPECT_EQ(r.channel, "assistant");
    EXPECT_FALSE(state_.report);
}

TEST_F(DialogTest, AReportWithoutPhoneGetsASecretAndCanBeCancelled) {
    Say("tôi bị lừa mất 5 triệu qua mạng");
    Say("trên Facebook, ở nhà tôi quận Cầu Giấy");
    Say("hôm qua");
    Turn t = Say("không có số điện thoại");
    EXPECT_EQ(t.report["stage"], "confirm");
    t = Say("có");
    EXPECT_EQ(t.report["secret"], "123456");
    EXPECT_EQ(actions_.filed.at(0).secret, "123456");
    EXPECT_EQ(actions_.filed.at(0).category, "online_fraud");

    ConversationState s;
    engine_->dialog().Respond(s, "tôi muốn trình báo mất điện thoại", std::nullopt, actions_, "c:3");
    t = engine_->dialog().Respond(s, "hủy", std::nullopt, actions_, "c:3");
    EXPECT_EQ(t.report["stage"], "cancelled");
    EXPECT_EQ(actions_.filed.size(), 1u);
}

TEST_F(DialogTest, AFailedFilingKeepsTheDraftAndHandsOver) {
    actions_.fail = true;
    Say("Tôi muốn trình báo mất ví ở chợ");
    Say("chợ Đồng Xuân");
    Say("hôm nay");
    Say("0912345678");
    Turn t = Say("có");
    EXPECT_EQ(t.kind, "handoff");
    EXPECT_TRUE(state_.report.has_value());
}

TEST_F(DialogTest, AnEmergencyGoesTo114AndTheDispatchCentre) {
    Turn t = Say("Cháy nhà ở số 5 Hàng Bông, cứu với!");
    ASSERT_EQ(t.kind, "emergency");
    EXPECT_EQ(t.emergency["line"], "114");
    EXPECT_EQ(t.emergency["incident_raised"], true);
    EXPECT_NE(t.reply.find("114"), std::string::npos);
    ASSERT_EQ(actions_.raised.size(), 1u);
    EXPECT_EQ(actions_.raised[0].first, "114");
    t = Say("ngõ 12, gần chợ");
    EXPECT_EQ(t.kind, "emergency");
    ASSERT_EQ(actions_.notes.size(), 1u);
    EXPECT_EQ(actions_.notes[0].first, 42);
    EXPECT_NE(actions_.notes[0].second.find("ngõ 12"), std::string::npos);
}

TEST_F(DialogTest, GreetsAndThanks) {
    EXPECT_EQ(Say("xin chào").kind, "greeting");
    EXPECT_EQ(Say("cảm ơn").kind, "smalltalk");
}

TEST(ConversationState, SurvivesJson) {
    ConversationState s;
    s.lang = Lang::kEn;
    s.topic = "passport.issue";
    s.topic_confidence = 0.8;
    s.choices = {"a.b", "c.d"};
    s.report = ReportDraft{ReportStage::kWhen, "noise", "karaoke", "ngõ 5", "", "", false};
    s.emergency_incident = 7;
    s.emergency_line = "113";
    s.handoff = HandoffState::kWaiting;
    const ConversationState r = ConversationState::FromJson(Json::parse(s.ToJson().dump()));
    EXPECT_EQ(r.lang, Lang::kEn);
    EXPECT_EQ(r.topic, "passport.issue");
    EXPECT_EQ(r.choices, s.choices);
    ASSERT_TRUE(r.report);
    EXPECT_EQ(r.report->stage, ReportStage::kWhen);
    EXPECT_EQ(r.report->where, "ngõ 5");
    EXPECT_EQ(r.emergency_incident, 7);
    EXPECT_EQ(r.handoff, HandoffState::kWaiting);
    EXPECT_EQ(ConversationState::FromJson(Json("garbage")).topic, "");
}

}  // namespace
}  // namespace precinct::assistant
