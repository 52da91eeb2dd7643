// The store of plate reads, search, the watchlist and alerts, in SQLite with a fake clock and a fake dispatch.
#include "service.hpp"

#include <gtest/gtest.h>

#include "storage/test_support.hpp"

namespace precinct::vision {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kNowMs = 1795402800000;  // 2026-11-23 03:00 UTC

class FakeDispatch final : public dispatch::ChannelIntake {
public:
    Result<dispatch::ChannelIncident> Raise(const dispatch::ChannelCall& c) override {
        calls.push_back(c);
        if (fail) return Fail(ErrorCode::kUnavailable, "dispatch down");
        dispatch::ChannelIncident r{static_cast<std::int64_t>(calls.size()), 40 + static_cast<std::int64_t>(calls.size())};
        r.nearest.push_back(dispatch::NearUnit{7, "CSGT-07", 240, 1800});
        return r;
    }
    Status AddNote(std::int64_t, const std::string&) override { return Ok(); }
    std::vector<dispatch::ChannelCall> calls;
    bool fail = false;
};

class PlateServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "v.db"}));
        bus_ = CreateInMemoryBus(clock_);
        audit_ = std::make_unique<auth::AuditLog>(*db_, clock_, bus_.get());
        ASSERT_TRUE(audit_->Migrate());
        ASSERT_TRUE(PlateService::Migrate(*db_));
        ServiceSettings s;
        s.retention = 48h;
        s.alert_retention = 24h * 365;
        svc_ = std::make_unique<PlateService>(*db_, *bus_, clock_, *audit_, s);
        svc_->Connect(&dispatch_);
        svc_->SetCameras({CameraInfo{"cam-1", "Ngã tư Láng Hạ", 21.0167, 105.8139}, CameraInfo{"cam-2", "Cầu Giấy", {}, {}}});
        sub_ = bus_->Subscribe({std::string(kAlertTopic)}, [this](const Event& ev) { alerts_.push_back(ev.data); });
    }

    IncomingRead Read(const std::string& top, const std::string& bottom = "", const std::string& camera = "cam-1") {
        IncomingRead in;
        in.camera_id = camera;
        in.seen_at = clock_.Now();
        auto p = ReadPlate(top, bottom);
        EXPECT_TRUE(p) << top;
        if (p) in.plate = *p;
        in.raw = top;
        in.confidence = 0.93;
        in.colour = "white";
        in.box = Box{10, 20, 200, 44};
        in.crop_jpeg = {0xFF, 0xD8, 0xFF, 0xD9};
        return in;
    }

    auth::Actor Officer() {
        auth::Actor a;
        a.username = "inv1";
        a.role = "investigator";
        return a;
    }

    NewWatchEntry Watch(const std::string& plate, const std::string& pattern = "") {
        NewWatchEntry w;
        w.plate = plate;
        w.pattern = pattern;
        w.reason = "Xe báo mất / reported stolen";
        w.legal_basis = "Quyết định truy tìm số 12/QĐ";
        w.owner = "Đội CSHS";
        w.expires_at = clock_.Now() + 24h * 7;
        return w;
    }

    precinct::testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(kNowMs)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<auth::AuditLog> audit_;
    std::unique_ptr<PlateService> svc_;
    FakeDispatch dispatch_;
    std::unique_ptr<Subscription> sub_;
    std::vector<Json> alerts_;
};

TEST_F(PlateServiceTest, StoresReadsAndSearchesWithWildcardsCameraTimeAndLookAlikes) {
    ASSERT_TRUE(svc_->Ingest(Read("29A-123.45")));
    clock_.Advance(60s);
    ASSERT_TRUE(svc_->Ingest(Read("29A-678.90", "", "cam-2")));
    clock_.Advance(60s);
    ASSERT_TRUE(svc_->Ingest(Read("51F-888.88")));
    ASSERT_TRUE(svc_->Ingest(Read("29-B1", "555.55")));

    auto all = svc_->Search(ReadQuery{});
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 4u);
    EXPECT_EQ(all->front().plate, "29B155555");  // newest first

    auto hanoi_a = svc_->Search(ReadQuery{.pattern = *ValidatePlatePattern("29A*")});
    ASSERT_TRUE(hanoi_a);
    ASSERT_EQ(hanoi_a->size(), 2u);
    for (const auto& r : *hanoi_a) EXPECT_EQ(r.match, "exact");

    auto on_cam2 = svc_->Search(ReadQuery{.pattern = *ValidatePlatePattern("29A*"), .camera_id = "cam-2"});
    ASSERT_TRUE(on_cam2);
    ASSERT_EQ(on_cam2->size(), 1u);
    EXPECT_EQ(on_cam2->front().display, "29A-678.90");

    auto early = svc_->Search(ReadQuery{.to = FromUnixMillis(kNowMs + 30000)});
    ASSERT_TRUE(early);
    ASSERT_EQ(early->size(), 1u);
    EXPECT_EQ(early->front().plate, "29A12345");

    // A witness remembers "51F-8B8.88": B and 8 look alike; found, marked look-alike; not without tolerance.
    auto witness = svc_->Search(ReadQuery{.pattern = *ValidatePlatePattern("51F-8B8.88")});
    ASSERT_TRUE(witness);
    ASSERT_EQ(witness->size(), 1u);
    EXPECT_EQ(witness->front().match, "look-alike");
    auto strict = svc_->Search(ReadQuery{.pattern = *ValidatePlatePattern("51F-8B8.88"), .look_alike = false});
    ASSERT_TRUE(strict);
    EXPECT_TRUE(strict->empty());

    auto one = svc_->Search(ReadQuery{.pattern = *ValidatePlatePattern("29A-12?.45")});
    ASSERT_TRUE(one);
    ASSERT_EQ(one->size(), 1u);
    auto crop = svc_->Crop(one->front().id);
    ASSERT_TRUE(crop);
    EXPECT_EQ(crop->size(), 4u);
    EXPECT_FALSE(svc_->Crop(9999));
}

TEST_F(PlateServiceTest, AWatchlistedPlateRaisesAnAlertAndAnIncidentNearTheCamera) {
    auto w = svc_->AddWatch(Watch("30K-555.66"), Officer());
    ASSERT_TRUE(w) << w.error().message;
    EXPECT_EQ(w->value, "30K55566");
    ASSERT_TRUE(svc_->Ingest(Read("51F-123.45")));
    EXPECT_TRUE(alerts_.empty());
    auto stored = svc_->Ingest(Read("30K-555.66"));
    ASSERT_TRUE(stored);
    ASSERT_EQ(alerts_.size(), 1u);
    const Json& a = alerts_.front();
    EXPECT_EQ(a["plate"], "30K55566");
    EXPECT_EQ(a["match"], "exact");
    EXPECT_EQ(a["camera"]["name"], "Ngã tư Láng Hạ");
    EXPECT_EQ(a["incident_id"], 41);
    EXPECT_EQ(a["nearest_units"][0]["call_sign"], "CSGT-07");
    EXPECT_TRUE(a["crop_jpeg_base64"].is_string());
    ASSERT_EQ(dispatch_.calls.size(), 1u);
    const auto& call = dispatch_.calls.front();
    EXPECT_EQ(call.channel, "camera");
    EXPECT_EQ(call.category, "CRIME-PROPERTY");
    ASSERT_TRUE(call.latitude);
    EXPECT_DOUBLE_EQ(*call.latitude, 21.0167);
    EXPECT_EQ(call.recommend, 3u);
    EXPECT_NE(call.description.find("30K-555.66"), std::string::npos);
    EXPECT_NE(call.description.find("Quyết định truy tìm số 12/QĐ"), std::string::npos);
    auto alerts = svc_->Alerts(10);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts->size(), 1u);
    EXPECT_EQ(alerts->front().incident_id, 41);
    EXPECT_EQ(alerts->front().read_id, stored->id);
    EXPECT_EQ(alerts->front().nearest.size(), 1u);
}

TEST_F(PlateServiceTest, LookAlikeAndPatternMatchesAlertTooAndSayWhichTheyAre) {
    // A motorbike series' second character may be a letter or a digit, so the grammar cannot correct it: a
    // recognizer that sees 8 for B gives another valid plate, which the look-alike key still matches.
    ASSERT_TRUE(svc_->AddWatch(Watch("29-AB 123.45"), Officer()));
    ASSERT_TRUE(svc_->AddWatch(Watch("", "29-B1*"), Officer()));
    ASSERT_TRUE(svc_->Ingest(Read("29-A8", "123.45")));
    ASSERT_TRUE(svc_->Ingest(Read("29-B1", "777.77")));
    ASSERT_EQ(alerts_.size(), 2u);
    EXPECT_EQ(alerts_[0]["match"], "look-alike");
    EXPECT_EQ(alerts_[1]["match"], "pattern");
}

TEST_F(PlateServiceTest, ExpiredAndRevokedEntriesStopMatching) {
    auto w = Watch("30K-555.66");
    w.expires_at = clock_.Now() + 1h;
    ASSERT_TRUE(svc_->AddWatch(w, Officer()));
    auto revoked = svc_->AddWatch(Watch("51F-123.45"), Officer());
    ASSERT_TRUE(revoked);
    ASSERT_TRUE(svc_->RevokeWatch(revoked->id, "vehicle found", Officer()));
    EXPECT_FALSE(svc_->RevokeWatch(revoked->id, "again", Officer()));
    ASSERT_TRUE(svc_->Ingest(Read("51F-123.45")));
    EXPECT_TRUE(alerts_.empty());
    clock_.Advance(2h);
    ASSERT_TRUE(svc_->Ingest(Read("30K-555.66")));
    EXPECT_TRUE(alerts_.empty());
    auto active = svc_->Watchlist(false);
    ASSERT_TRUE(active);
    EXPECT_TRUE(active->empty());
    auto all = svc_->Watchlist(true);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 2u);
    for (const auto& e : *all) EXPECT_FALSE(e.active);
}

TEST_F(PlateServiceTest, WatchEntriesNeedEveryFieldAndAreAudited) {
    auto bad = [&](NewWatchEntry w, const std::string& field) {
        auto r = svc_->AddWatch(w, Officer());
        ASSERT_FALSE(r) << field;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().field, field);
    };
    auto w = Watch("30K-555.66");
    w.reason.clear();
    bad(w, "reason");
    w = Watch("30K-555.66");
    w.legal_basis.clear();
    bad(w, "legal_basis");
    w = Watch("30K-555.66");
    w.owner.clear();
    bad(w, "owner");
    w = Watch("30K-555.66");
    w.expires_at = clock_.Now() - 1s;
    bad(w, "expires_at");
    w = Watch("30K-555.66");
    w.expires_at = clock_.Now() + 24h * 400;
    bad(w, "expires_at");
    bad(Watch("HELLO"), "plate");
    bad(Watch("42A-123.45"), "plate");  // unassigned locality code
    bad(Watch("30K-555.66", "30K*"), "plate");
    bad(Watch("", "**"), "pattern");
    EXPECT_TRUE(svc_->Watchlist(true)->empty());  // nothing stored by refused requests

    ASSERT_TRUE(svc_->AddWatch(Watch("30K-555.66"), Officer()));
    auto records = audit_->List(0, 10);
    ASSERT_TRUE(records);
    bool found = false;
    for (const auto& r : *records) {
        if (r.entry.action == "plates.watch.add") {
            found = true;
            EXPECT_EQ(r.entry.actor, "inv1");
            EXPECT_NE(r.entry.detail.find("Quyết định truy tìm số 12/QĐ"), std::string::npos);
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(PlateServiceTest, RetentionDeletesOldReadsButKeepsThoseThatRaisedAlerts) {
    ASSERT_TRUE(svc_->AddWatch(Watch("30K-555.66"), Officer()));
    ASSERT_TRUE(svc_->Ingest(Read("51F-123.45")));
    ASSERT_TRUE(svc_->Ingest(Read("30K-555.66")));
    auto none = svc_->Purge();
    ASSERT_TRUE(none);
    EXPECT_EQ(*none, 0);
    clock_.Advance(49h);
    auto purged = svc_->Purge();
    ASSERT_TRUE(purged);
    EXPECT_EQ(*purged, 1);
    auto left = svc_->Search(ReadQuery{});
    ASSERT_TRUE(left);
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ(left->front().plate, "30K55566");
}

TEST_F(PlateServiceTest, AnAlertIsKeptWhenDispatchFails) {
    dispatch_.fail = true;
    ASSERT_TRUE(svc_->AddWatch(Watch("30K-555.66"), Officer()));
    ASSERT_TRUE(svc_->Ingest(Read("30K-555.66", "", "cam-2")));
    ASSERT_EQ(alerts_.size(), 1u);
    EXPECT_TRUE(alerts_[0]["incident_id"].is_null());
    EXPECT_EQ(alerts_[0]["dispatch_error"], "dispatch down");
    auto alerts = svc_->Alerts(5);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts->size(), 1u);
    EXPECT_EQ(alerts->front().dispatch_error, "dispatch down");
    EXPECT_FALSE(dispatch_.calls.front().latitude);  // cam-2 has no position
}

}  // namespace
}  // namespace precinct::vision
