#include "service.hpp"

#include <gtest/gtest.h>

#include "json_codec.hpp"
#include "simulator.hpp"
#include "storage/test_support.hpp"

namespace precinct::dispatch {
namespace {

// 2026-11-23 03:00 UTC (10:00 in Hà Nội, outside rush hour).
constexpr std::int64_t kStartMs = 1795402800000;

class ServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "d.db"}));
        bus_ = CreateInMemoryBus(clock_);
        audit_ = std::make_unique<auth::AuditLog>(*db_, clock_, bus_.get());
        ASSERT_TRUE(audit_->Migrate().has_value());
        ASSERT_TRUE(DispatchService::Migrate(*db_).has_value());
        sub_ = bus_->Subscribe({}, [this](const Event& e) {
            std::lock_guard lock(events_mutex_);
            events_.push_back(e);
        });
        Rebuild();
    }
    void Rebuild() {
        ServiceSettings s;
        s.escalate_after = std::chrono::seconds(90);
        svc_ = std::make_unique<DispatchService>(*db_, *bus_, clock_, *audit_, s,
                                                 std::make_unique<RoadFactorRouter>(RoadFactorSettings{}));
        ASSERT_TRUE(svc_->Load().has_value());
    }
    NewCall FireCall(GeoPoint p, std::string description = "Cháy nhà 3 tầng, có người mắc kẹt") {
        NewCall c;
        c.line = "114";
        c.caller = "+84900001234";
        c.description = std::move(description);
        c.category = Category::kFire;
        Location loc;
        loc.point = p;
        loc.accuracy_m = 20;
        loc.source = "caller";
        c.location = loc;
        return c;
    }
    Unit MakeUnit(const std::string& sign, UnitKind kind, GeoPoint p) {
        NewUnit u;
        u.call_sign = sign;
        u.kind = kind;
        u.position = p;
        auto r = svc_->CreateUnit(u, admin_);
        EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
        return *r;
    }
    int CountEvents(std::string_view type) {
        std::lock_guard lock(events_mutex_);
        return static_cast<int>(std::count_if(events_.begin(), events_.end(), [&](const Event& e) {
            return e.data.is_object() && e.data.value("type", "") == type;
        }));
    }

    testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(kStartMs)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<auth::AuditLog> audit_;
    std::unique_ptr<DispatchService> svc_;
    std::unique_ptr<Subscription> sub_;
    std::mutex events_mutex_;
    std::vector<Event> events_;
    Actor taker_{"calltaker", "call_taker", "127.0.0.1", "r1"};
    Actor dispatcher_{"dispatcher", "dispatcher", "127.0.0.1", "r2"};
    Actor admin_{"admin", "admin", "127.0.0.1", "r3"};
    const GeoPoint hoan_kiem_{21.0288, 105.8525};
};

TEST_F(ServiceTest, IntakeCreatesP1IncidentWithRuleLifecycleAndAudit) {
    auto out = svc_->Intake(FireCall(hoan_kiem_), taker_);
    ASSERT_TRUE(out.has_value()) << out.error().message;
    ASSERT_TRUE(out->incident.has_value());
    EXPECT_EQ(out->call.state, CallState::kIncidentCreated);
    EXPECT_EQ(out->incident->priority.priority, Priority::kP1);
    EXPECT_FALSE(out->incident->priority.rule.empty());
    EXPECT_EQ(out->incident->location->area, "");  // area is set by the decoder, not given here
    auto detail = svc_->GetIncident(out->incident->id, true);
    ASSERT_TRUE(detail.has_value());
    ASSERT_GE(detail->events.size(), 2u);
    EXPECT_EQ(detail->events[0].kind, "received");
    EXPECT_EQ(detail->events[1].kind, "created");
    EXPECT_EQ(detail->call_ids, std::vector<std::int64_t>{out->call.id});
    auto entries = audit_->List(0, 10);
    ASSERT_TRUE(entries.has_value());
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(entries->front().entry.action, "dispatch.call.create");
    EXPECT_EQ(CountEvents("incident.created"), 1);
    EXPECT_EQ(CountEvents("call.created"), 1);
}

TEST_F(ServiceTest, OtherLinesAreRecordedAsTransferred) {
    NewCall c = FireCall(hoan_kiem_, "Ông cụ bất tỉnh");
    c.line = "115";
    c.category = Category::kMedical;
    auto out = svc_->Intake(c, taker_);
    ASSERT_TRUE(out.has_value());
    EXPECT_EQ(out->call.state, CallState::kTransferred);
    EXPECT_EQ(out->call.transferred_to, "115");
    EXPECT_FALSE(out->incident.has_value());
    auto open = svc_->ListIncidents({});
    EXPECT_TRUE(open->empty());
}

TEST_F(ServiceTest, NearbyRepeatCallIsOfferedAsDuplicateAndCanBeConfirmedOrRejected) {
    auto first = svc_->Intake(FireCall(hoan_kiem_), taker_);
    ASSERT_TRUE(first.has_value());
    clock_.Advance(std::chrono::minutes(3));
    auto second = svc_->Intake(FireCall({21.0292, 105.8530}, "Thấy khói lớn ở phố bên cạnh"), taker_);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->call.state, CallState::kPendingLink);
    EXPECT_FALSE(second->incident.has_value());
    ASSERT_FALSE(second->duplicates.empty());
    EXPECT_EQ(second->duplicates.front().first.incident_id, first->incident->id);
    EXPECT_GT(second->duplicates.front().first.score, 0.5);

    // Confirming a different incident than suggested is refused.
    auto wrong = svc_->Link(second->call.id, true, 9999, taker_);
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().field, "incident_id");

    auto linked = svc_->Link(second->call.id, true, first->incident->id, taker_);
    ASSERT_TRUE(linked.has_value()) << linked.error().message;
    EXPECT_EQ(linked->call.state, CallState::kLinked);
    EXPECT_EQ(linked->incident.call_count, 2);
    // Deciding twice is a conflict.
    auto again = svc_->Link(second->call.id, false, std::nullopt, taker_);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);

    // A third call rejected as duplicate becomes its own incident.
    auto third = svc_->Intake(FireCall({21.0290, 105.8527}), taker_);
    ASSERT_EQ(third->call.state, CallState::kPendingLink);
    auto rejected = svc_->Link(third->call.id, false, std::nullopt, taker_);
    ASSERT_TRUE(rejected.has_value());
    EXPECT_NE(rejected->incident.id, first->incident->id);
    EXPECT_EQ(rejected->call.state, CallState::kIncidentCreated);
}

TEST_F(ServiceTest, FarAwayOrOldOrDifferentKindIsNotADuplicate) {
    ASSERT_TRUE(svc_->Intake(FireCall(hoan_kiem_), taker_).has_value());
    auto far = svc_->Intake(FireCall({21.0700, 105.8200}), taker_);  // Tây Hồ, ~6 km
    EXPECT_EQ(far->call.state, CallState::kIncidentCreated);
    NewCall theft = FireCall(hoan_kiem_, "Bị trộm xe máy");
    theft.line = "113";
    theft.category = Category::kCrimeProperty;
    EXPECT_EQ(svc_->Intake(theft, taker_)->call.state, CallState::kIncidentCreated);
    clock_.Advance(std::chrono::hours(2));
    EXPECT_EQ(svc_->Intake(FireCall(hoan_kiem_), taker_)->call.state, CallState::kIncidentCreated);
}

TEST_F(ServiceTest, SameClientRefReturnsTheSameCall) {
    NewCall c = FireCall(hoan_kiem_);
    c.client_ref = "ref-1";
    auto a = svc_->Intake(c, taker_);
    auto b = svc_->Intake(c, taker_);
    ASSERT_TRUE(a.has_value());
    ASSERT_TRUE(b.has_value());
    EXPECT_EQ(a->call.id, b->call.id);
    EXPECT_EQ(svc_->ListCalls(std::nullopt, 10)->size(), 1u);
}

TEST_F(ServiceTest, RecommendAssignAndWalkTheLifecycle) {
    auto near = MakeUnit("PCCC-01", UnitKind::kFireEngine, {21.0300, 105.8500});
    auto far = MakeUnit("PCCC-02", UnitKind::kFireEngine, {21.0700, 105.8200});
    auto police = MakeUnit("CS-01", UnitKind::kPatrolCar, {21.0289, 105.8526});
    auto inc = svc_->Intake(FireCall(hoan_kiem_), taker_)->incident->id;

    auto recs = svc_->Recommendations(inc, 5);
    ASSERT_TRUE(recs.has_value());
    ASSERT_EQ(recs->ranked.size(), 2u);  // the patrol car cannot fight fire
    EXPECT_EQ(recs->ranked[0].unit.id, near.id);
    EXPECT_EQ(recs->ranked[1].unit.id, far.id);
    EXPECT_LT(recs->ranked[0].rec.eta_s, recs->ranked[1].rec.eta_s);
    EXPECT_FALSE(recs->ranked[0].rec.reasons_en.empty());
    (void)police;

    auto assigned = svc_->Assign(inc, near.id, dispatcher_);
    ASSERT_TRUE(assigned.has_value()) << assigned.error().message;
    EXPECT_EQ(assigned->unit.status, UnitStatus::kDispatched);
    EXPECT_EQ(assigned->incident.status, IncidentStatus::kDispatched);
    EXPECT_TRUE(assigned->incident.acknowledged_at.has_value());
    EXPECT_GT(assigned->assignment.eta_s, 0);

    // The same unit again: 409, and nothing changed.
    auto twice = svc_->Assign(inc, near.id, dispatcher_);
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    EXPECT_EQ(svc_->GetIncident(inc, true)->assignments.size(), 1u);

    // dispatched -> on_scene skips en_route: refused.
    EXPECT_EQ(svc_->SetUnitStatus(near.id, UnitStatus::kOnScene, dispatcher_).error().code, ErrorCode::kConflict);
    clock_.Advance(std::chrono::seconds(30));
    ASSERT_TRUE(svc_->SetUnitStatus(near.id, UnitStatus::kEnRoute, dispatcher_).has_value());
    clock_.Advance(std::chrono::minutes(5));
    ASSERT_TRUE(svc_->SetUnitStatus(near.id, UnitStatus::kOnScene, dispatcher_).has_value());
    EXPECT_EQ(svc_->GetIncident(inc, false)->status, IncidentStatus::kOnScene);
    // Closing with a unit still committed is refused.
    EXPECT_EQ(svc_->Close(inc, "resolved", "", dispatcher_).error().code, ErrorCode::kConflict);
    ASSERT_TRUE(svc_->SetUnitStatus(near.id, UnitStatus::kClearing, dispatcher_).has_value());
    EXPECT_EQ(svc_->GetIncident(inc, false)->status, IncidentStatus::kCleared);
    ASSERT_TRUE(svc_->SetUnitStatus(near.id, UnitStatus::kAvailable, dispatcher_).has_value());
    EXPECT_EQ(svc_->GetUnit(near.id)->incident_id, std::nullopt);
    auto bad_code = svc_->Close(inc, "done", "", dispatcher_);
    EXPECT_EQ(bad_code.error().field, "closure_code");
    auto closed = svc_->Close(inc, "resolved", "fire out", dispatcher_);
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->status, IncidentStatus::kClosed);

    auto detail = svc_->GetIncident(inc, true);
    std::vector<std::string> kinds;
    for (const auto& e : detail->events) kinds.push_back(e.kind);
    EXPECT_EQ(kinds, (std::vector<std::string>{"received", "created", "dispatched", "en_route", "on_scene", "cleared",
                                               "closed"}));

    auto stats = svc_->ComputeStats(FromUnixMillis(kStartMs - 1000), clock_.Now() + std::chrono::seconds(1), "line");
    ASSERT_TRUE(stats.has_value());
    ASSERT_EQ(stats->groups.size(), 1u);
    EXPECT_EQ(stats->groups[0].key, "114");
    EXPECT_EQ(stats->groups[0].incidents, 1);
    EXPECT_DOUBLE_EQ(*stats->groups[0].to_dispatch.median, 0.0);
    EXPECT_DOUBLE_EQ(*stats->groups[0].to_arrive.median, 330.0);
}

TEST_F(ServiceTest, UnacknowledgedP1EscalatesOnceAfterTheDeadline) {
    auto inc = svc_->Intake(FireCall(hoan_kiem_), taker_)->incident->id;
    NewCall minor = FireCall({21.07, 105.82}, "Hát karaoke quá to");
    minor.line = "113";
    minor.category = Category::kPublicOrder;
    ASSERT_TRUE(svc_->Intake(minor, taker_).has_value());
    clock_.Advance(std::chrono::seconds(89));
    EXPECT_EQ(*svc_->EscalateOverdue(), 0);
    clock_.Advance(std::chrono::seconds(2));
    EXPECT_EQ(*svc_->EscalateOverdue(), 1);
    EXPECT_EQ(*svc_->EscalateOverdue(), 0);
    EXPECT_TRUE(svc_->GetIncident(inc, false)->escalated_at.has_value());
    EXPECT_EQ(CountEvents("incident.escalated"), 1);

    // An acknowledged P1 never escalates.
    auto other = svc_->Intake(FireCall({21.0700, 105.8200}), taker_)->incident->id;
    ASSERT_TRUE(svc_->Acknowledge(other, dispatcher_).has_value());
    clock_.Advance(std::chrono::minutes(5));
    EXPECT_EQ(*svc_->EscalateOverdue(), 0);
}

TEST_F(ServiceTest, FixesAreDedupedOrderedAndWrittenOnce) {
    auto u = MakeUnit("CS-01", UnitKind::kPatrolCar, hoan_kiem_);
    PositionFix f{u.id, {21.03, 105.85}, 5, clock_.Now() + std::chrono::seconds(1), 30.0, 90.0};
    EXPECT_EQ(*svc_->AcceptFix(f), FixOutcome::kAccepted);
    EXPECT_EQ(*svc_->AcceptFix(f), FixOutcome::kDuplicate);
    PositionFix older = f;
    older.fixed_at -= std::chrono::milliseconds(500);
    EXPECT_EQ(*svc_->AcceptFix(older), FixOutcome::kOlder);
    PositionFix unknown = f;
    unknown.unit_id = 999;
    EXPECT_EQ(svc_->AcceptFix(unknown).error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(svc_->FlushFixes().has_value());
    ASSERT_TRUE(svc_->FlushFixes().has_value());
    auto rows = db_->Query("SELECT COUNT(*) FROM dispatch_unit_positions");
    EXPECT_EQ(rows->front().Int(0), 1);
    svc_->PublishMoved();
    EXPECT_EQ(CountEvents("positions"), 1);
    // The position survives a restart.
    Rebuild();
    auto back = svc_->GetUnit(u.id);
    ASSERT_TRUE(back->position.has_value());
    EXPECT_DOUBLE_EQ(back->position->lat, 21.03);
}

TEST_F(ServiceTest, ClosedIncidentGetsNoRecommendationsAndNoAssignments) {
    auto u = MakeUnit("CS-01", UnitKind::kPatrolCar, hoan_kiem_);
    NewCall info = FireCall(hoan_kiem_, "Hỏi thủ tục mất giấy tờ");
    info.line = "113";
    info.category = Category::kInfo;
    auto inc = svc_->Intake(info, taker_)->incident->id;
    ASSERT_TRUE(svc_->Close(inc, "no_action_needed", "", dispatcher_).has_value());
    EXPECT_EQ(svc_->Recommendations(inc, 3).error().code, ErrorCode::kConflict);
    EXPECT_EQ(svc_->Assign(inc, u.id, dispatcher_).error().code, ErrorCode::kConflict);
    EXPECT_EQ(svc_->Recommendations(12345, 3).error().code, ErrorCode::kNotFound);
}

TEST_F(ServiceTest, DemoSeedAndScenarioCallsGoThroughTheRealIntake) {
    ASSERT_TRUE(SeedDemoUnits(*svc_).has_value());
    const auto seeded = svc_->UnitCount();
    EXPECT_GT(seeded, 40u);
    ASSERT_TRUE(SeedDemoUnits(*svc_).has_value());
    EXPECT_EQ(svc_->UnitCount(), seeded);  // seeding twice adds nothing
    ScenarioGenerator gen(1);
    int ok = 0;
    for (int i = 0; i < 50; ++i) {
        auto sc = gen.Next(clock_.Now());
        auto body = ScenarioGenerator::Body(sc, clock_.Now(), "sim-" + std::to_string(i));
        auto call = DecodeNewCall(body, clock_.Now());
        ASSERT_TRUE(call.has_value()) << call.error().message << " " << body.dump();
        auto out = svc_->Intake(*call, taker_);
        ASSERT_TRUE(out.has_value()) << out.error().message;
        ++ok;
        clock_.Advance(std::chrono::seconds(20));
    }
    EXPECT_EQ(ok, 50);
}

TEST(CallerNumber, AcceptsVietnameseMobileAndFixedAndForeignRefusesJunk) {
    EXPECT_TRUE(CheckCallerNumber("+84912345678").has_value());
    EXPECT_TRUE(CheckCallerNumber("+842438123456").has_value());
    EXPECT_TRUE(CheckCallerNumber("+33612345678").has_value());
    EXPECT_FALSE(CheckCallerNumber("0912345678").has_value());
    EXPECT_FALSE(CheckCallerNumber("+8412345").has_value());
    EXPECT_FALSE(CheckCallerNumber("+84112345678").has_value());
    EXPECT_FALSE(CheckCallerNumber("+84 912 345 678").has_value());
}

TEST(Quantiles, NearestRank) {
    std::vector<double> v{5, 1, 3, 2, 4, 6, 7, 8, 9, 10};
    auto q = ComputeQuantiles(v);
    EXPECT_DOUBLE_EQ(*q.median, 5);
    EXPECT_DOUBLE_EQ(*q.p90, 9);
    std::vector<double> none;
    EXPECT_FALSE(ComputeQuantiles(none).median.has_value());
}

TEST(DecodeNewCall, NamesTheBadAmlField) {
    const auto now = FromUnixMillis(kStartMs);
    Json body{{"line", "113"},
              {"caller", "+84912345678"},
              {"description", "x"},
              {"category", "FIRE"},
              {"location", {{"aml", "A\"ML=1;lt=+95.02851;lg=+105.80481;rd=15"}}}};
    auto r = DecodeNewCall(body, now);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "location.aml.lt");
    body["location"] = Json{{"lat", 21.0}};
    EXPECT_EQ(DecodeNewCall(body, now).error().field, "location.lon");
    body["location"] = Json{{"lat", 21.0}, {"lon", 105.8}, {"altitude", 3}};
    EXPECT_EQ(DecodeNewCall(body, now).error().field, "location.altitude");
    body.erase("location");
    body["category"] = "ALIENS";
    EXPECT_EQ(DecodeNewCall(body, now).error().field, "category");
}

}  // namespace
}  // namespace precinct::dispatch
