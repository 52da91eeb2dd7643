#include "service.hpp"

#include <gtest/gtest.h>

#include "storage/test_support.hpp"
#include "tracking_code.hpp"

namespace precinct::reports {
namespace {

// Monday 2026-11-23 10:00 in Hà Nội (03:00 UTC).
constexpr std::int64_t kMondayMs = 1795402800000;
const std::filesystem::path kData = PRECINCT_SOURCE_DATA_DIR;

class RecordingNotifier final : public Notifier {
public:
    Status Notify(const Notification& n) override {
        if (fail) return Fail(ErrorCode::kUnavailable, "gateway down");
        sent.push_back(n);
        return Ok();
    }
    std::string Describe() const override { return "recording"; }
    std::vector<Notification> sent;
    bool fail = false;
};

class ReportsServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "r.db"}));
        bus_ = CreateInMemoryBus(clock_);
        audit_ = std::make_unique<auth::AuditLog>(*db_, clock_, bus_.get());
        ASSERT_TRUE(audit_->Migrate().has_value());
        ASSERT_TRUE(ReportsService::Migrate(*db_).has_value());
        auto catalogue = LoadCatalogueFile(kData / "reports" / "categories.toml");
        ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
        auto holidays = LoadHolidaysFile(kData / "reports" / "holidays.toml");
        ASSERT_TRUE(holidays.has_value()) << holidays.error().message;
        auto stations = LoadStationsFile(kData / "reports" / "stations.toml");
        ASSERT_TRUE(stations.has_value()) << stations.error().message;
        svc_ =
            std::make_unique<ReportsService>(*db_, *bus_, clock_, *audit_, std::move(*catalogue), std::move(*holidays),
                                             std::move(*stations), std::nullopt, ServiceSettings{});
        sub_ = bus_->Subscribe({}, [this](const Event& e) { events_.push_back(e); });
        ASSERT_FALSE(svc_->catalogue().empty());
    }
    std::string FirstCategory(bool anonymous_allowed) {
        for (const auto& c : svc_->catalogue().categories()) {
            if (c.anonymous_allowed == anonymous_allowed) return c.code;
        }
        return svc_->catalogue().categories().front().code;
    }
    NewReport Noise() {
        NewReport r;
        r.category = FirstCategory(false);
        r.description = "Hát karaoke rất to sau 23 giờ (demo)";
        r.point = GeoPoint{21.0288, 105.8525};
        r.phone = "0912 345 678";
        return r;
    }

    testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(kMondayMs)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<auth::AuditLog> audit_;
    std::unique_ptr<ReportsService> svc_;
    std::unique_ptr<Subscription> sub_;
    std::vector<Event> events_;
    Actor citizen_{"citizen", "", "127.0.0.1", "r1"};
    Actor clerk_{"clerk", "clerk", "127.0.0.1", "r2"};
};

TEST_F(ReportsServiceTest, FilingGivesACheckedCodeARouteADeadlineAndAnAuditEntry) {
    auto filed = svc_->File(Noise(), citizen_);
    ASSERT_TRUE(filed.has_value()) << filed.error().message;
    EXPECT_TRUE(CheckSymbolValid(filed->code));
    EXPECT_TRUE(filed->lookup_by_phone);
    EXPECT_FALSE(filed->unit_id.empty());
    EXPECT_GT(filed->due_at, filed->received_at);
    auto r = svc_->Get(filed->id);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->status, ReportStatus::kReceived);
    EXPECT_FALSE(r->unit_reason_vi.empty());
    auto entries = audit_->List(0, 10);
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(entries->front().entry.action, "reports.create");
    EXPECT_EQ(entries->front().entry.detail.find("0912"), std::string::npos);  // no contact in the audit detail
    ASSERT_FALSE(events_.empty());
}

TEST_F(ReportsServiceTest, LookupNeedsTheSecondFactorAndRevealsNothingOnAMiss) {
    auto filed = svc_->File(Noise(), citizen_);
    const std::string code = FormatTrackingCode(filed->code);
    auto ok = svc_->Lookup(code, "5678");
    ASSERT_TRUE(ok.has_value()) << ok.error().message;
    EXPECT_EQ(ok->id, filed->id);
    auto wrong_secret = svc_->Lookup(code, "0000");
    auto typo = code.substr(0, 2) + (code[2] == 'A' ? 'B' : 'A') + code.substr(3);
    auto wrong_code = svc_->Lookup(typo, "5678");
    auto unknown = svc_->Lookup(FormatTrackingCode(NewTrackingCode()), "5678");
    for (const auto* miss : {&wrong_secret, &wrong_code, &unknown}) {
        ASSERT_FALSE(miss->has_value());
        EXPECT_EQ(miss->error().code, ErrorCode::kNotFound);
        EXPECT_EQ(miss->error().message, wrong_secret.error().message);
    }
}

TEST_F(ReportsServiceTest, AnonymousOnlyWhereAllowedAndThenNoContactIsKept) {
    NewReport r = Noise();
    r.anonymous = true;
    r.phone.clear();
    r.secret = "24680";
    auto refused = svc_->File(r, citizen_);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().field, "anonymous");
    r.category = FirstCategory(true);
    auto filed = svc_->File(r, citizen_);
    ASSERT_TRUE(filed.has_value()) << filed.error().message;
    EXPECT_FALSE(filed->lookup_by_phone);
    EXPECT_TRUE(svc_->Lookup(filed->code, "24680").has_value());
    auto stored = svc_->Get(filed->id);
    EXPECT_TRUE(stored->anonymous);
    EXPECT_TRUE(stored->phone.empty());
}

TEST_F(ReportsServiceTest, WorkflowMovesOnlyAlongTheTableAndNotifiesTheCitizen) {
    auto filed = svc_->File(Noise(), citizen_);
    RecordingNotifier notifier;
    EXPECT_EQ(*svc_->SendNotifications(notifier), 1);  // "received"
    auto skipped = svc_->ChangeStatus(filed->id, ReportStatus::kResolved, {}, clerk_);
    ASSERT_FALSE(skipped.has_value());
    EXPECT_EQ(skipped.error().code, ErrorCode::kConflict);
    auto no_reason = svc_->ChangeStatus(filed->id, ReportStatus::kRejected, {}, clerk_);
    EXPECT_EQ(no_reason.error().field, "reason");
    ASSERT_TRUE(svc_->ChangeStatus(filed->id, ReportStatus::kAccepted, {}, clerk_).has_value());
    ASSERT_TRUE(svc_->ChangeStatus(filed->id, ReportStatus::kInProgress, {}, clerk_).has_value());
    ASSERT_TRUE(svc_->Reply(filed->id, "Tổ tuần tra đã đến nhắc nhở (demo)", clerk_).has_value());
    ASSERT_TRUE(svc_->Note(filed->id, "internal: repeat offender", clerk_).has_value());
    clock_.Advance(std::chrono::hours(5));
    ASSERT_TRUE(svc_->ChangeStatus(filed->id, ReportStatus::kResolved, {"Đã xử lý", ""}, clerk_).has_value());

    notifier.fail = true;
    EXPECT_EQ(*svc_->SendNotifications(notifier), 0);  // kept for a retry
    notifier.fail = false;
    clock_.Advance(std::chrono::minutes(2));
    EXPECT_EQ(*svc_->SendNotifications(notifier), 4);  // accepted, in progress, reply, resolved
    EXPECT_EQ(notifier.sent.size(), 5u);

    auto view = svc_->Lookup(filed->code, "5678");
    ASSERT_TRUE(view.has_value());
    bool has_note = false;
    for (const auto& e : view->history) has_note = has_note || (e.kind == "note" && e.is_public);
    EXPECT_FALSE(has_note);

    auto stats = svc_->Stats(FromUnixMillis(kMondayMs - 1000), clock_.Now() + std::chrono::seconds(1));
    ASSERT_TRUE(stats.has_value());
    EXPECT_EQ(stats->total, 1);
    ASSERT_TRUE(stats->median_resolve_h.has_value());
    EXPECT_NEAR(*stats->median_resolve_h, 5.0, 0.01);
    EXPECT_DOUBLE_EQ(stats->share_overdue, 0.0);
}

TEST_F(ReportsServiceTest, ANearbyRecentReportIsSuggestedAsADuplicate) {
    auto first = svc_->File(Noise(), citizen_);
    clock_.Advance(std::chrono::hours(2));
    NewReport again = Noise();
    again.point = GeoPoint{21.02890, 105.85260};  // about 15 m away
    auto second = svc_->File(again, citizen_);
    auto r = svc_->Get(second->id);
    ASSERT_EQ(r->suggestions.size(), 1u);
    EXPECT_EQ(r->suggestions[0].id, first->id);
    EXPECT_FALSE(r->suggestions[0].reason_vi.empty());
    auto dup = svc_->MarkDuplicate(second->id, first->id, clerk_);
    ASSERT_TRUE(dup.has_value()) << dup.error().message;
    EXPECT_EQ(dup->status, ReportStatus::kRejected);
    EXPECT_EQ(dup->duplicate_of, first->id);
}

TEST_F(ReportsServiceTest, OverdueReportsAreFlaggedOnce) {
    auto filed = svc_->File(Noise(), citizen_);
    EXPECT_EQ(*svc_->FlagDeadlines(), 0);
    clock_.Advance(std::chrono::hours(24 * 60));
    EXPECT_EQ(*svc_->FlagDeadlines(), 1);
    EXPECT_EQ(*svc_->FlagDeadlines(), 0);
    int total = 0;
    ReportFilter f;
    f.due = DueState::kOverdue;
    auto overdue = svc_->List(f, &total);
    ASSERT_TRUE(overdue.has_value());
    EXPECT_EQ(total, 1);
    EXPECT_EQ(svc_->DueStateOf(overdue->front()), DueState::kOverdue);
}

TEST_F(ReportsServiceTest, AShortTargetIsDueSoonOnlyInItsLastQuarter) {
    NewReport r = Noise();
    r.category = "noise";   // a 24-hour target
    auto filed = svc_->File(r, citizen_);
    ASSERT_TRUE(filed.has_value()) << filed.error().message;
    ASSERT_EQ(filed->due_at - filed->received_at, std::chrono::hours(24));
    EXPECT_EQ(svc_->DueStateOf(*svc_->Get(filed->id)), DueState::kOnTrack);
    EXPECT_EQ(*svc_->FlagDeadlines(), 0);
    clock_.Advance(std::chrono::hours(19));
    EXPECT_EQ(svc_->DueStateOf(*svc_->Get(filed->id)), DueState::kDueSoon);
    ReportFilter f;
    f.due = DueState::kDueSoon;
    int total = 0;
    ASSERT_TRUE(svc_->List(f, &total).has_value());
    EXPECT_EQ(total, 1);
    EXPECT_EQ(*svc_->FlagDeadlines(), 1);
}

}  // namespace
}  // namespace precinct::reports
