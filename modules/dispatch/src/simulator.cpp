#include "simulator.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "areas.hpp"

namespace precinct::dispatch {
namespace {

struct Template {
    std::string_view line;
    Category category;
    std::string_view type;
    std::string_view description;
    int weight;
};

// Descriptions as a call-taker types them: short, Vietnamese mostly, some English (foreign residents, tourists).
constexpr Template kTemplates[] = {
    {"113", Category::kCrimeProperty, "cướp giật",
     "Vừa bị cướp giật điện thoại, hai thanh niên đi xe máy chạy về hướng chợ", 12},
    {"113", Category::kCrimeProperty, "trộm cắp", "Phát hiện nhà bị trộm đột nhập đêm qua, mất xe máy", 8},
    {"113", Category::kCrimeViolent, "đánh nhau có hung khí", "Nhóm thanh niên đang đánh nhau, có người cầm dao", 6},
    {"113", Category::kCrimeViolent, "bạo lực gia đình", "Hàng xóm đang đánh vợ, nghe tiếng trẻ em khóc", 4},
    {"113", Category::kPublicOrder, "gây rối", "Có người say rượu gây rối trước quán, đập phá bàn ghế", 8},
    {"113", Category::kPublicOrder, "tiếng ồn", "Hát karaoke quá to sau 23 giờ, đã nhắc nhưng không dừng", 6},
    {"113", Category::kPublicOrder, "đua xe trái phép", "Nhóm thanh niên đang đua xe, lạng lách trên đường", 3},
    {"113", Category::kTraffic, "va chạm giao thông", "Va chạm giữa ô tô và xe máy, một người bị thương chảy máu", 9},
    {"113", Category::kTraffic, "va chạm giao thông",
     "Two cars collided at the junction, no one injured, traffic blocked", 3},
    {"113", Category::kCyberFraud, "lừa đảo qua điện thoại",
     "Mẹ tôi đang bị người giả danh công an yêu cầu chuyển tiền", 4},
    {"113", Category::kInfo, "mất giấy tờ", "Tôi bị mất ví có căn cước, muốn hỏi thủ tục trình báo", 4},
    {"113", Category::kCrimeProperty, "theft",
     "My bag was stolen at the café a few minutes ago, the man ran towards the lake", 2},
    {"114", Category::kFire, "cháy nhà", "Cháy nhà dân 3 tầng, có người mắc kẹt trên tầng 3", 4},
    {"114", Category::kFire, "cháy", "Khói bốc lên từ kho hàng, chưa thấy người bị kẹt", 4},
    {"114", Category::kFire, "rò rỉ khí gas", "Ngửi thấy mùi gas nồng nặc trong chung cư, tầng 5", 2},
    {"114", Category::kRescue, "kẹt thang máy", "Thang máy chung cư dừng giữa tầng, hai người bị kẹt bên trong", 3},
    {"114", Category::kRescue, "đuối nước", "Có người đuối nước ở hồ, đã chìm khoảng 2 phút", 1},
    {"114", Category::kFire, "fire", "Fire in a restaurant kitchen, people are outside, smoke everywhere", 1},
    {"115", Category::kMedical, "cấp cứu", "Ông cụ bất tỉnh tại nhà, không rõ nguyên nhân", 2},
    {"111", Category::kChildProtection, "bạo hành trẻ em", "Nghi ngờ cháu bé hàng xóm bị bạo hành", 1},
};

constexpr std::string_view kStreets[] = {
    "Phố Huế",     "Hàng Bài",      "Tràng Tiền", "Láng Hạ",       "Nguyễn Chí Thanh",
    "Kim Mã",      "Xuân Thủy",     "Cầu Giấy",   "Trường Chinh",  "Giải Phóng",
    "Nguyễn Trãi", "Lạc Long Quân", "Âu Cơ",      "Nguyễn Văn Cừ", "Tam Trinh",
};

double Uniform(std::mt19937_64& rng, double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
}

}  // namespace

ScenarioGenerator::ScenarioGenerator(std::uint64_t seed) : rng_(seed) {}

GeoPoint ScenarioGenerator::RandomPoint() {
    const auto& areas = Areas();
    const auto& a = areas[std::uniform_int_distribution<std::size_t>(0, areas.size() - 1)(rng_)];
    // Within about 1.5 km of the area's reference point.
    return GeoPoint{a.center.lat + Uniform(rng_, -0.013, 0.013), a.center.lon + Uniform(rng_, -0.014, 0.014)};
}

ScenarioCall ScenarioGenerator::Next(TimePoint now) {
    (void)now;
    ++serial_;
    // About one call in eight is another caller reporting an event already reported.
    if (!recent_.empty() && std::uniform_int_distribution<int>(0, 7)(rng_) == 0) {
        ScenarioCall again = recent_[std::uniform_int_distribution<std::size_t>(0, recent_.size() - 1)(rng_)];
        again.caller = fmt::format("+8490000{:04}", serial_ % 10000);
        again.point.lat += Uniform(rng_, -0.0008, 0.0008);
        again.point.lon += Uniform(rng_, -0.0008, 0.0008);
        again.description = "Gọi lại / repeat: " + again.description;
        return again;
    }
    int total = 0;
    for (const auto& t : kTemplates) total += t.weight;
    int pick = std::uniform_int_distribution<int>(0, total - 1)(rng_);
    const Template* chosen = &kTemplates[0];
    for (const auto& t : kTemplates) {
        if (pick < t.weight) {
            chosen = &t;
            break;
        }
        pick -= t.weight;
    }
    ScenarioCall c;
    c.line = chosen->line;
    c.caller = fmt::format("+8490000{:04}", serial_ % 10000);  // synthetic numbers of one invented block
    c.description = chosen->description;
    c.category = chosen->category;
    c.type = chosen->type;
    c.point = RandomPoint();
    c.accuracy_m = Uniform(rng_, 5, 60);
    c.as_aml = std::uniform_int_distribution<int>(0, 2)(rng_) == 0;
    c.address = fmt::format("{} {}", std::uniform_int_distribution<int>(1, 300)(rng_),
                            kStreets[std::uniform_int_distribution<std::size_t>(0, std::size(kStreets) - 1)(rng_)]);
    recent_.push_back(c);
    if (recent_.size() > 20) recent_.erase(recent_.begin());
    return c;
}

std::string ScenarioGenerator::MakeAml(const GeoPoint& p, double radius_m, TimePoint at, std::uint64_t serial) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::string body = fmt::format(
        "A\"ML=1;lt={:+.5f};lg={:+.5f};rd={:.0f};top={:04}{:02}{:02}{:02}{:02}{:02};lc=68;pm=G;si=45204999{:07};"
        "ei=35693803{:07};mcc=452;mnc=04;ml=",
        p.lat, p.lon, radius_m, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
        serial % 10000000, serial % 10000000);
    // `ml` counts the whole message including its own digits.
    for (std::size_t digits = 2; digits <= 4; ++digits) {
        const std::size_t total = body.size() + digits;
        if (std::to_string(total).size() == digits) return body + std::to_string(total);
    }
    return body + "0";
}

Json ScenarioGenerator::Body(const ScenarioCall& c, TimePoint now, const std::string& client_ref) {
    Json location;
    if (c.as_aml) {
        location = Json{{"aml", MakeAml(c.point, c.accuracy_m, now, std::hash<std::string>{}(client_ref))}};
    } else {
        location =
            Json{{"lat", c.point.lat}, {"lon", c.point.lon}, {"accuracy_m", c.accuracy_m}, {"address", c.address}};
    }
    Json body{{"line", c.line},
              {"caller", c.caller},
              {"description", c.description},
              {"category", CategoryCode(c.category)},
              {"type", c.type},
              {"location", std::move(location)}};
    if (!client_ref.empty()) body["client_ref"] = client_ref;
    return body;
}

Status SeedDemoUnits(DispatchService& svc) {
    if (svc.UnitCount() > 0) return Ok();
    const Actor seed{"demo-seed", "", "local", ""};
    struct Station {
        std::string_view name;
        std::string_view code;
        GeoPoint at;
        bool fire;
    };
    // Invented station names at area reference points; the demo fleet is illustrative, not the city's.
    std::vector<Station> stations;
    for (const auto& a : Areas()) {
        stations.push_back({a.name_vi, a.code, a.center, false});
    }
    const Station fire_stations[] = {
        {"Đội PCCC Trung tâm (demo)", "pc_trung_tam", {21.0245, 105.8412}, true},
        {"Đội PCCC Cầu Giấy (demo)", "pc_cau_giay", {21.0310, 105.7985}, true},
        {"Đội PCCC Hoàng Mai (demo)", "pc_hoang_mai", {20.9820, 105.8550}, true},
        {"Đội PCCC Long Biên (demo)", "pc_long_bien", {21.0450, 105.8800}, true},
    };
    int n = 0;
    for (const auto& s : stations) {
        for (int i = 0; i < 3; ++i) {
            NewUnit u;
            u.kind = i == 2 ? UnitKind::kMotorbike : UnitKind::kPatrolCar;
            u.call_sign = fmt::format("{}-{}{:02}", "CSCĐ", i == 2 ? "MT" : "TT", ++n);
            u.station = fmt::format("Công an khu vực {} (demo)", s.name);
            u.position = GeoPoint{s.at.lat + 0.002 * (i - 1), s.at.lon + 0.002 * (i - 1)};
            if (auto r = svc.CreateUnit(u, seed); !r) return Fail(r.error());
        }
    }
    int f = 0;
    for (const auto& s : fire_stations) {
        for (auto kind : {UnitKind::kFireEngine, UnitKind::kFireEngine, UnitKind::kLadder, UnitKind::kRescue}) {
            NewUnit u;
            u.kind = kind;
            u.call_sign = fmt::format("PCCC-{}{:02}",
                                      kind == UnitKind::kLadder   ? "XT"
                                      : kind == UnitKind::kRescue ? "CH"
                                                                  : "CC",
                                      ++f);
            u.station = std::string(s.name);
            u.position = s.at;
            if (auto r = svc.CreateUnit(u, seed); !r) return Fail(r.error());
        }
    }
    spdlog::info("dispatch demo: {} units created", svc.UnitCount());
    return Ok();
}

namespace {

// The centre as the demo sees it: the service itself, acting as the "simulator" account.
class ServiceCentre final : public Centre {
public:
    explicit ServiceCentre(DispatchService& svc) : svc_(svc) {}
    Result<std::vector<IncidentView>> OpenIncidents() override {
        auto list = svc_.ListIncidents(IncidentFilter{"open", 500});
        if (!list) return Fail(list.error());
        std::vector<IncidentView> out;
        for (const auto& i : *list) {
            out.push_back({i.id, i.status, i.created_at, i.location ? i.location->point : std::nullopt});
        }
        return out;
    }
    Result<std::vector<UnitView>> Units() override {
        std::vector<UnitView> out;
        for (const auto& u : svc_.ListUnits(std::nullopt))
            out.push_back({u.id, u.status, u.position, u.fixed_at, u.incident_id});
        return out;
    }
    Status SetStatus(std::int64_t unit_id, UnitStatus to) override {
        auto r = svc_.SetUnitStatus(unit_id, to, actor_);
        if (!r) return Fail(r.error());
        return Ok();
    }
    Status Move(const PositionFix& fix) override {
        auto r = svc_.AcceptFix(fix);
        if (!r) return Fail(r.error());
        return Ok();
    }
    Status AssignBest(std::int64_t incident_id) override {
        auto recs = svc_.Recommendations(incident_id, 1);
        if (!recs) return Fail(recs.error());
        if (recs->ranked.empty()) return Ok();
        auto r = svc_.Assign(incident_id, recs->ranked.front().unit.id, actor_);
        if (!r) return Fail(r.error());
        return Ok();
    }
    Status Close(std::int64_t incident_id) override {
        auto r = svc_.Close(incident_id, "resolved", "demo", actor_);
        if (!r) return Fail(r.error());
        return Ok();
    }

private:
    DispatchService& svc_;
    const Actor actor_{"simulator", "dispatcher", "local", ""};
};

}  // namespace

void StepFleet(Centre& centre, TimePoint now, double step_s) {
    auto incidents = centre.OpenIncidents();
    auto units = centre.Units();
    if (!incidents || !units) return;
    std::map<std::int64_t, Centre::IncidentView> by_id;
    for (const auto& i : *incidents) by_id[i.id] = i;
    const double metres_per_step = 30.0 / 3.6 * step_s;  // about 30 km/h
    for (const auto& u : *units) {
        if (u.status == UnitStatus::kClearing) {
            (void)centre.SetStatus(u.id, UnitStatus::kAvailable);
            continue;
        }
        if (!u.position || !u.incident_id) continue;
        auto it = by_id.find(*u.incident_id);
        if (it == by_id.end() || !it->second.point) continue;
        const GeoPoint target = *it->second.point;
        const double d = DistanceMeters(*u.position, target);
        if (u.status == UnitStatus::kDispatched) {
            (void)centre.SetStatus(u.id, UnitStatus::kEnRoute);
        } else if (u.status == UnitStatus::kEnRoute) {
            if (d < 80) {
                (void)centre.SetStatus(u.id, UnitStatus::kOnScene);
            } else {
                // Straight towards the scene.
                const double step = std::min(1.0, metres_per_step / d);
                PositionFix fix;
                fix.unit_id = u.id;
                fix.point = GeoPoint{u.position->lat + (target.lat - u.position->lat) * step,
                                     u.position->lon + (target.lon - u.position->lon) * step};
                fix.accuracy_m = 8;
                fix.fixed_at = now;
                fix.speed_kmh = 30;
                (void)centre.Move(fix);
            }
        } else if (u.status == UnitStatus::kOnScene && u.fixed_at && now - *u.fixed_at > std::chrono::minutes(3)) {
            (void)centre.SetStatus(u.id, UnitStatus::kClearing);
        }
    }
    for (const auto& [id, inc] : by_id) {
        if (inc.status == IncidentStatus::kNew && now - inc.created_at > std::chrono::seconds(60)) {
            (void)centre.AssignBest(id);
        } else if (inc.status == IncidentStatus::kCleared) {
            (void)centre.Close(id);
        }
    }
}

DemoDriver::DemoDriver(DispatchService& svc, double calls_per_minute)
    : svc_(svc), per_second_(calls_per_minute / 60.0), gen_(20261123), centre_(std::make_unique<ServiceCentre>(svc)) {}

DemoDriver::~DemoDriver() = default;

void DemoDriver::Tick() {
    ++ticks_;
    const auto now = svc_.clock().Now();
    const Actor sim{"simulator", "call_taker", "local", ""};
    if (std::uniform_real_distribution<double>(0, 1)(rng_) < per_second_) {
        auto sc = gen_.Next(now);
        NewCall call;
        call.line = sc.line;
        call.caller = sc.caller;
        call.description = sc.description;
        call.category = sc.category;
        call.type = sc.type;
        Location loc;
        loc.point = sc.point;
        loc.accuracy_m = sc.accuracy_m;
        loc.source = "caller";
        loc.address = sc.address;
        if (auto area = AreaOf(sc.point)) loc.area = area->code;
        call.location = loc;
        auto out = svc_.Intake(call, sim);
        if (!out) {
            spdlog::warn("dispatch demo: call refused: {}", out.error().message);
        } else if (out->call.state == CallState::kPendingLink && !out->duplicates.empty()) {
            (void)svc_.Link(out->call.id, true, out->duplicates.front().first.incident_id, sim);
        }
    }
    if (ticks_ % 5 == 0) StepFleet(*centre_, now, 5);
}

}  // namespace precinct::dispatch
