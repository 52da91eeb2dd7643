// Conversations stored in SQLite: turns, handoff to officers, officers' replies, unanswered questions, retention.
#include "service.hpp"

#include <gtest/gtest.h>

#include "storage/test_support.hpp"

namespace precinct::assistant {
namespace {

constexpr std::int64_t kMondayMs = 1795402800000;  // 2026-11-23 10:00 in Hà Nội

class FakeReports final : public reports::CitizenIntake {
public:
    std::vector<reports::IntakeCategory> Categories() const override {
        return {{"lost_property", "Trình báo mất tài sản", "Lost property", "mất ví, mất điện thoại", false}};
    }
    Result<reports::CitizenReceipt> File(const reports::CitizenReport& r) override {
        filed.push_back(r);
        reports::CitizenReceipt c;
        c.code = "ZZ99-ZZ99-ZZ";
        c.lookup_by_phone = true;
        return c;
    }
    std::vector<reports::CitizenReport> filed;
};

class FakeDispatch final : public dispatch::ChannelIntake {
public:
    Result<dispatch::ChannelIncident> Raise(const dispatch::ChannelCall& c) override {
        calls.push_back(c);
        return dispatch::ChannelIncident{1, 9};
    }
    Status AddNote(std::int64_t, const std::string&) override { return Ok(); }
    std::vector<dispatch::ChannelCall> calls;
};

class ServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "a.db"}));
        bus_ = CreateInMemoryBus(clock_);
        audit_ = std::make_unique<auth::AuditLog>(*db_, clock_, bus_.get());
        ASSERT_TRUE(audit_->Migrate());
        ASSERT_TRUE(AssistantService::Migrate(*db_));
        auto e = Engine::Create(DefaultEngineFiles(), reports_.Categories());
        ASSERT_TRUE(e) << e.error().message;
        engine_ = std::move(*e);
        svc_ = std::make_unique<AssistantService>(*db_, *bus_, clock_, *audit_, *engine_, ServiceSettings{});
        svc_->Connect(&reports_, &dispatch_);
        sub_ = bus_->Subscribe({}, [this](const Event& ev) {
            if (ev.topic == kTopic) events_.push_back(ev.data);
        });
    }
    auth::Actor Officer(const std::string& name = "clerk1") {
        auth::Actor a;
        a.username = name;
        a.role = "clerk";
        return a;
    }

    precinct::testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(kMondayMs)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<auth::AuditLog> audit_;
    std::unique_ptr<Engine> engine_;
    std::unique_ptr<AssistantService> svc_;
    FakeReports reports_;
    FakeDispatch dispatch_;
    std::vector<Json> events_;
    std::unique_ptr<Subscription> sub_;
};

TEST_F(ServiceTest, StoresEachTurnAndContinuesTheConversation) {
    auto first = svc_->Message("", "Đăng ký tạm trú ở đâu?", std::nullopt);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->conversation_id.size(), 32u);
    EXPECT_EQ(first->seq, 2);
    EXPECT_EQ(first->turn.kind, "answer");
    auto second = svc_->Message(first->conversation_id, "còn phí thì sao?", std::nullopt);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->seq, 4);
    EXPECT_EQ(second->turn.entry->id, "residence.temporary");
    auto messages = svc_->Messages(first->conversation_id, 0, 100);
    ASSERT_TRUE(messages);
    ASSERT_EQ(messages->second.size(), 4u);
    EXPECT_EQ(messages->second[0].author, "citizen");
    EXPECT_EQ(messages->second[1].author, "assistant");
    EXPECT_EQ(messages->second[3].kind, "answer");
    EXPECT_EQ(svc_->Messages(first->conversation_id, 3, 100)->second.size(), 1u);
}

TEST_F(ServiceTest, UnknownOrMalformedConversationsAreNotFound) {
    EXPECT_EQ(svc_->Message("0123456789abcdef0123456789abcdef", "xin chào", std::nullopt).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(svc_->Message("../etc", "xin chào", std::nullopt).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(svc_->Messages("nope", 0, 10).error().code, ErrorCode::kNotFound);
}

TEST_F(ServiceTest, HandoffClaimReplyAndClose) {
    auto m = svc_->Message("", "tôi cần gặp cán bộ", std::nullopt);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->turn.kind, "handoff");
    const std::string id = m->conversation_id;
    ASSERT_FALSE(events_.empty());
    EXPECT_EQ(events_.back()["type"], "handoff");
    auto open = svc_->Handoffs("open", 10);
    ASSERT_TRUE(open);
    ASSERT_EQ(open->size(), 1u);
    EXPECT_EQ(open->at(0).handoff, HandoffState::kWaiting);
    EXPECT_EQ(svc_->Handoffs("bogus", 10).error().code, ErrorCode::kInvalidArgument);

    // Replying before claiming is refused; a second officer cannot take a claimed conversation.
    EXPECT_EQ(svc_->OfficerReply(id, "Chào bạn", Officer()).error().code, ErrorCode::kConflict);
    ASSERT_TRUE(svc_->Claim(id, Officer()));
    EXPECT_EQ(svc_->Claim(id, Officer("clerk2")).error().code, ErrorCode::kConflict);
    auto reply = svc_->OfficerReply(id, "Chào bạn, tôi là cán bộ tiếp dân.", Officer());
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->seq, 3);

    // While an officer has it, the assistant stays quiet and the citizen sees the officer's words.
    auto relayed = svc_->Message(id, "Tôi muốn hỏi về hộ chiếu", std::nullopt);
    ASSERT_TRUE(relayed);
    EXPECT_EQ(relayed->turn.kind, "relayed");
    EXPECT_TRUE(relayed->turn.reply.empty());
    auto seen = svc_->Messages(id, 2, 10);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->first.handoff, HandoffState::kActive);
    EXPECT_EQ(seen->second.at(0).author, "officer");

    auto transcript = svc_->Transcript(id, Officer());
    ASSERT_TRUE(transcript);
    EXPECT_EQ(transcript->second.size(), 5u);
    ASSERT_TRUE(svc_->Close(id, Officer()));
    EXPECT_EQ(svc_->Close(id, Officer()).error().code, ErrorCode::kConflict);
    auto after = svc_->Message(id, "phí làm hộ chiếu", std::nullopt);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->turn.kind, "answer");

    // Every officer action and read is in the audit log.
    auto log = audit_->List(0, 100);
    ASSERT_TRUE(log);
    std::vector<std::string> actions;
    for (const auto& r : *log) actions.push_back(r.entry.action);
    for (const char* a : {"assistant.handoff.claim", "assistant.reply", "assistant.conversation.read",
                          "assistant.handoff.close"}) {
        EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
    }
}

TEST_F(ServiceTest, RecordsUnansweredQuestionsGroupedAndResolvable) {
    ASSERT_TRUE(svc_->Message("", "qwerty zxcvb", std::nullopt));
    ASSERT_TRUE(svc_->Message("", "Qwerty  zxcvb!", std::nullopt));
    auto list = svc_->ListUnanswered(10, false);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->at(0).count, 2);
    ASSERT_TRUE(svc_->ResolveUnanswered(list->at(0).id, Officer()));
    EXPECT_TRUE(svc_->ListUnanswered(10, false)->empty());
    EXPECT_EQ(svc_->ListUnanswered(10, true)->size(), 1u);
    EXPECT_EQ(svc_->ResolveUnanswered(999, Officer()).error().code, ErrorCode::kNotFound);
}

TEST_F(ServiceTest, FilesReportsAndRaisesEmergenciesThroughTheOtherModules) {
    auto m = svc_->Message("", "Tôi muốn trình báo mất ví ở chợ", std::nullopt);
    ASSERT_TRUE(m);
    const std::string id = m->conversation_id;
    svc_->Message(id, "chợ Đồng Xuân", std::nullopt);
    svc_->Message(id, "hôm nay", std::nullopt);
    svc_->Message(id, "0912345678", std::nullopt);
    auto filed = svc_->Message(id, "có", std::nullopt);
    ASSERT_TRUE(filed);
    EXPECT_EQ(filed->turn.report["tracking_code"], "ZZ99-ZZ99-ZZ");
    ASSERT_EQ(reports_.filed.size(), 1u);

    auto e = svc_->Message("", "nhà bên cạnh đang cháy lớn, cứu với", std::nullopt);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->turn.kind, "emergency");
    ASSERT_EQ(dispatch_.calls.size(), 1u);
    EXPECT_EQ(dispatch_.calls[0].line, "114");
    EXPECT_EQ(dispatch_.calls[0].channel, "chat");
    EXPECT_EQ(dispatch_.calls[0].client_ref, "chat:" + e->conversation_id + ":1");
}

TEST_F(ServiceTest, LimitsTheLengthOfAConversationAndPurgesOldOnes) {
    ServiceSettings small;
    small.max_messages_per_conversation = 4;
    small.retention = std::chrono::hours(24);
    AssistantService svc(*db_, *bus_, clock_, *audit_, *engine_, small);
    auto m = svc.Message("", "xin chào", std::nullopt);
    ASSERT_TRUE(m);
    ASSERT_TRUE(svc.Message(m->conversation_id, "cảm ơn", std::nullopt));
    EXPECT_EQ(svc.Message(m->conversation_id, "xin chào", std::nullopt).error().code, ErrorCode::kTooLarge);
    clock_.Advance(std::chrono::hours(25));
    auto n = svc.Purge();
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1);
    EXPECT_EQ(svc.Messages(m->conversation_id, 0, 10).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace precinct::assistant
