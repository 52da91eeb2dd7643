// Tests for routing (ward boundary, named ward, nearest, city level, fallback), the station and ward-map loaders,
// and likely-duplicate hints.
#include "routing.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <numbers>
#include <set>

#include "core/config.hpp"

namespace precinct::reports {
namespace {

using namespace std::chrono_literals;

// The data shipped in the source tree: data/reports/ (the build defines PRECINCT_SOURCE_DATA_DIR as data/).
#ifdef PRECINCT_SOURCE_DATA_DIR
const std::filesystem::path kDataDir = std::filesystem::path(PRECINCT_SOURCE_DATA_DIR) / "reports";
#else
const std::filesystem::path kDataDir = std::filesystem::path(__FILE__).parent_path() / "../../../data/reports";
#endif

constexpr double kMetersPerDegLat = kEarthRadiusM * std::numbers::pi / 180.0;

Category Cat(std::string code, std::string name_vi, std::string name_en, UnitKind kind) {
    Category c;
    c.code = std::move(code);
    c.name_vi = std::move(name_vi);
    c.name_en = std::move(name_en);
    c.group = "test";
    c.handled_by = kind;
    return c;
}

const Category kNoise = Cat("noise", "Tiếng ồn", "Noise", UnitKind::kWardPolice);
const Category kParking = Cat("illegal_parking", "Đỗ xe sai quy định", "Illegal parking", UnitKind::kTrafficPolice);
const Category kFire = Cat("fire_hazard", "Nguy cơ cháy nổ", "Fire hazard", UnitKind::kFirePolice);
const Category kFraud = Cat("online_fraud", "Lừa đảo trực tuyến", "Online fraud", UnitKind::kCyberPolice);

const StationList& RealStations() {
    static const StationList list = [] {
        auto loaded = LoadStationsFile(kDataDir / "stations.toml");
        EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message);
        return loaded.value_or(StationList{});
    }();
    return list;
}

// A closed square ring [lon, lat] in GeoJSON order.
Json Square(double lat0, double lon0, double lat1, double lon1) {
    return Json::array({Json::array({lon0, lat0}), Json::array({lon1, lat0}), Json::array({lon1, lat1}),
                        Json::array({lon0, lat1}), Json::array({lon0, lat0})});
}

Json Feature(const std::string& ward, Json geometry, std::optional<std::string> name = std::nullopt) {
    Json properties = {{"ward", ward}, {"population", 12345}};
    if (name) properties["name"] = *name;
    return {{"type", "Feature"}, {"properties", properties}, {"geometry", std::move(geometry)}};
}

Json PolygonGeometry(Json rings) { return {{"type", "Polygon"}, {"coordinates", std::move(rings)}}; }

// Hoàn Kiếm: a square east of 105.845 (with a hole in its north-east corner); Cửa Nam: the square west of it;
// Ba Đình: two separate squares (a MultiPolygon).
Json TestWards() {
    Json hoan_kiem = PolygonGeometry(
        Json::array({Square(21.020, 105.845, 21.035, 105.860), Square(21.032, 105.857, 21.034, 105.859)}));
    Json cua_nam = PolygonGeometry(Json::array({Square(21.020, 105.835, 21.030, 105.845)}));
    Json ba_dinh = {{"type", "MultiPolygon"},
                    {"coordinates", Json::array({Json::array({Square(21.036, 105.830, 21.045, 105.842)}),
                                                 Json::array({Square(21.050, 105.830, 21.052, 105.832)})})}};
    return {{"type", "FeatureCollection"},
            {"name", "test wards"},
            {"features", Json::array({Feature("hoan_kiem", hoan_kiem, "Hoàn Kiếm"), Feature("cua_nam", cua_nam),
                                      Feature("ba_dinh", ba_dinh, "Ba Đình")})}};
}

const WardMap& TestWardMap() {
    static const WardMap map = [] {
        auto built = WardMap::FromGeoJson(TestWards());
        EXPECT_TRUE(built.has_value()) << (built ? "" : built.error().message);
        return built.value_or(WardMap{});
    }();
    return map;
}

// ---- the real station list ----

TEST(RealStations, LoadsAndIsMarkedDemo) {
    const StationList& list = RealStations();
    EXPECT_GE(list.stations().size(), 15u);
    EXPECT_EQ(list.max_distance_m(), 30000);
    ASSERT_NE(list.Fallback(), nullptr);
    EXPECT_EQ(list.Fallback()->level, StationLevel::kCity);
    std::set<UnitKind> kinds;
    for (const auto& s : list.stations()) {
        EXPECT_NE(s.name_vi.find("(demo)"), std::string::npos) << s.id;
        EXPECT_NE(s.name_en.find("(demo)"), std::string::npos) << s.id;
        // Central Hà Nội.
        EXPECT_GT(s.position.lat, 20.95) << s.id;
        EXPECT_LT(s.position.lat, 21.10) << s.id;
        EXPECT_GT(s.position.lon, 105.75) << s.id;
        EXPECT_LT(s.position.lon, 105.90) << s.id;
        kinds.insert(s.kind);
    }
    EXPECT_EQ(kinds.size(), kAllUnitKinds.size());
}

// ---- routing ----

TEST(Route, NearestStationOfTheKindWithBilingualReason) {
    // 1.2 km due north of the Tây Hồ station; nothing else is closer.
    const GeoPoint tay_ho{21.0700, 105.8200};
    const GeoPoint p{tay_ho.lat + 1200 / kMetersPerDegLat, tay_ho.lon};
    auto d = Route(kNoise, p, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(d.has_value()) << d.error().message;
    EXPECT_EQ(d->station.id, "ca-tay-ho");
    EXPECT_EQ(d->basis, RouteBasis::kNearest);
    ASSERT_TRUE(d->distance_m.has_value());
    EXPECT_NEAR(*d->distance_m, 1200, 1);
    EXPECT_EQ(d->reason_vi, "gần nhất: Công an phường Tây Hồ (demo), cách 1,2 km");
    EXPECT_EQ(d->reason_en, "nearest: Tay Ho Ward Police (demo), 1.2 km away");
    EXPECT_EQ(d->ward, "tay_ho");
}

TEST(Route, KindDecidesWhichStations) {
    const GeoPoint near_lake{21.0285, 105.8520};
    auto noise = Route(kNoise, near_lake, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(noise.has_value());
    EXPECT_EQ(noise->station.id, "ca-hoan-kiem");
    EXPECT_EQ(noise->reason_vi.rfind("gần nhất: Công an phường Hoàn Kiếm (demo), cách ", 0), 0u) << noise->reason_vi;

    auto parking = Route(kParking, near_lake, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(parking.has_value());
    EXPECT_EQ(parking->station.kind, UnitKind::kTrafficPolice);
    EXPECT_EQ(parking->station.id, "csgt-doi-1");

    auto fire = Route(kFire, GeoPoint{21.0350, 105.7950}, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(fire.has_value());
    EXPECT_EQ(fire->station.id, "pccc-cau-giay");
}

TEST(Route, KindWithOnlyACityLevelUnit) {
    auto d = Route(kFraud, GeoPoint{21.0285, 105.8520}, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->station.id, "an-ninh-mang-ha-noi");
    EXPECT_EQ(d->basis, RouteBasis::kCityLevel);
    EXPECT_NE(d->reason_vi.find("đơn vị cấp thành phố"), std::string::npos) << d->reason_vi;
    EXPECT_NE(d->reason_vi.find("không có đơn vị cơ sở"), std::string::npos) << d->reason_vi;
    EXPECT_NE(d->reason_en.find("no local"), std::string::npos) << d->reason_en;
    // Without a point too.
    auto no_point = Route(kFraud, std::nullopt, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(no_point.has_value());
    EXPECT_EQ(no_point->station.id, "an-ninh-mang-ha-noi");
    EXPECT_FALSE(no_point->distance_m.has_value());
}

TEST(Route, NoLocationGoesToTheCityLevel) {
    auto d = Route(kNoise, std::nullopt, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->basis, RouteBasis::kCityLevel);
    EXPECT_EQ(d->station.id, "truc-ban-ha-noi");
    EXPECT_NE(d->reason_vi.find("không có vị trí"), std::string::npos) << d->reason_vi;
    EXPECT_NE(d->reason_en.find("no location"), std::string::npos) << d->reason_en;
}

TEST(Route, NamedWard) {
    auto d = Route(kNoise, std::nullopt, std::string(" ba_dinh "), RealStations(), nullptr);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->basis, RouteBasis::kWardGiven);
    EXPECT_EQ(d->station.id, "ca-ba-dinh");
    EXPECT_EQ(d->ward, "ba_dinh");
    EXPECT_NE(d->reason_vi.find("theo phường người báo nêu (ba_dinh)"), std::string::npos) << d->reason_vi;

    // An unknown ward without a point: city level, saying why.
    auto unknown = Route(kNoise, std::nullopt, std::string("atlantis"), RealStations(), nullptr);
    ASSERT_TRUE(unknown.has_value());
    EXPECT_EQ(unknown->basis, RouteBasis::kCityLevel);
    EXPECT_NE(unknown->reason_en.find("'atlantis'"), std::string::npos) << unknown->reason_en;

    // With a point but no boundary map, the named ward still comes before the nearest station.
    auto with_point = Route(kNoise, GeoPoint{21.0285, 105.8520}, std::string("ba_dinh"), RealStations(), nullptr);
    ASSERT_TRUE(with_point.has_value());
    EXPECT_EQ(with_point->station.id, "ca-ba-dinh");
    EXPECT_TRUE(with_point->distance_m.has_value());
}

TEST(Route, FarAwayPointIsOutOfRange) {
    auto d = Route(kNoise, GeoPoint{10.7769, 106.7009}, std::nullopt, RealStations(), nullptr);  // Hồ Chí Minh City
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->basis, RouteBasis::kCityLevel);
    EXPECT_NE(d->reason_vi.find("quá 30,0 km"), std::string::npos) << d->reason_vi;
    EXPECT_NE(d->reason_en.find("beyond 30.0 km"), std::string::npos) << d->reason_en;
}

TEST(Route, WardBoundaryWinsOverNearestAndNamedWard) {
    // Inside the Hoàn Kiếm square, 190 m from the Cửa Nam station and 1 km from the Hoàn Kiếm one.
    const GeoPoint p{21.0250, 105.8455};
    auto nearest = Route(kNoise, p, std::nullopt, RealStations(), nullptr);
    ASSERT_TRUE(nearest.has_value());
    EXPECT_EQ(nearest->station.id, "ca-cua-nam");

    auto by_boundary = Route(kNoise, p, std::nullopt, RealStations(), &TestWardMap());
    ASSERT_TRUE(by_boundary.has_value());
    EXPECT_EQ(by_boundary->basis, RouteBasis::kWardBoundary);
    EXPECT_EQ(by_boundary->station.id, "ca-hoan-kiem");
    EXPECT_EQ(by_boundary->ward, "hoan_kiem");
    EXPECT_EQ(by_boundary->reason_vi.rfind("thuộc địa bàn phường Hoàn Kiếm (theo ranh giới): Công an phường Hoàn "
                                           "Kiếm (demo), cách ",
                                           0),
              0u)
        << by_boundary->reason_vi;

    auto named_elsewhere = Route(kNoise, p, std::string("ba_dinh"), RealStations(), &TestWardMap());
    ASSERT_TRUE(named_elsewhere.has_value());
    EXPECT_EQ(named_elsewhere->station.id, "ca-hoan-kiem");

    // Outside every ward: the named ward, then the nearest.
    const GeoPoint outside{21.0700, 105.8200};
    auto named = Route(kNoise, outside, std::string("ba_dinh"), RealStations(), &TestWardMap());
    ASSERT_TRUE(named.has_value());
    EXPECT_EQ(named->basis, RouteBasis::kWardGiven);
    EXPECT_NE(named->reason_vi.find("(Ba Đình)"), std::string::npos) << "ward name from the map";
    auto plain = Route(kNoise, outside, std::nullopt, RealStations(), &TestWardMap());
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->basis, RouteBasis::kNearest);

    // A ward with no station of the kind (traffic teams serve no ward): nearest of the kind.
    auto parking = Route(kParking, p, std::nullopt, RealStations(), &TestWardMap());
    ASSERT_TRUE(parking.has_value());
    EXPECT_EQ(parking->basis, RouteBasis::kNearest);
    EXPECT_EQ(parking->station.kind, UnitKind::kTrafficPolice);
}

TEST(Route, FallbackAndNotFound) {
    Station local{"ca-a",
                  "Công an phường A (demo)",
                  "Ward A Police (demo)",
                  UnitKind::kWardPolice,
                  StationLevel::kLocal,
                  GeoPoint{21.03, 105.85},
                  "a"};
    Station duty{"duty",
                 "Trực ban (demo)",
                 "Duty office (demo)",
                 UnitKind::kInspection,
                 StationLevel::kCity,
                 GeoPoint{21.02, 105.84},
                 ""};
    auto list = StationList::Create({local, duty}, "duty");
    ASSERT_TRUE(list.has_value()) << list.error().message;
    auto d = Route(kFire, GeoPoint{21.03, 105.85}, std::nullopt, *list, nullptr);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->basis, RouteBasis::kFallback);
    EXPECT_EQ(d->station.id, "duty");
    EXPECT_NE(d->reason_vi.find("đơn vị tiếp nhận chung"), std::string::npos) << d->reason_vi;
    EXPECT_NE(d->reason_en.find("Fire and rescue police"), std::string::npos) << d->reason_en;

    auto no_fallback = StationList::Create({local, duty});
    ASSERT_TRUE(no_fallback.has_value());
    auto none = Route(kFire, GeoPoint{21.03, 105.85}, std::nullopt, *no_fallback, nullptr);
    ASSERT_FALSE(none.has_value());
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(none.error().field, "category");
}

TEST(Route, InvalidPointIsRefused) {
    for (GeoPoint p : {GeoPoint{91, 105}, GeoPoint{21, 181}, GeoPoint{std::nan(""), 105}}) {
        auto d = Route(kNoise, p, std::nullopt, RealStations(), nullptr);
        ASSERT_FALSE(d.has_value());
        EXPECT_EQ(d.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(d.error().field, "point");
    }
}

TEST(Route, BasisCodes) {
    EXPECT_EQ(RouteBasisCode(RouteBasis::kWardBoundary), "ward_boundary");
    EXPECT_EQ(RouteBasisCode(RouteBasis::kWardGiven), "ward_given");
    EXPECT_EQ(RouteBasisCode(RouteBasis::kNearest), "nearest");
    EXPECT_EQ(RouteBasisCode(RouteBasis::kCityLevel), "city_level");
    EXPECT_EQ(RouteBasisCode(RouteBasis::kFallback), "fallback");
    EXPECT_EQ(StationLevelCode(StationLevel::kCity), "city");
}

// ---- ward map ----

TEST(WardMap, PointInPolygonWithHolesAndMultiPolygons) {
    const WardMap& map = TestWardMap();
    ASSERT_EQ(map.areas().size(), 3u);
    auto ward_at = [&](double lat, double lon) {
        const WardArea* a = map.WardAt(GeoPoint{lat, lon});
        return a ? a->ward : std::string("-");
    };
    EXPECT_EQ(ward_at(21.025, 105.850), "hoan_kiem");
    EXPECT_EQ(ward_at(21.025, 105.840), "cua_nam");
    EXPECT_EQ(ward_at(21.033, 105.858), "-") << "inside the hole";
    EXPECT_EQ(ward_at(21.033, 105.856), "hoan_kiem") << "next to the hole";
    EXPECT_EQ(ward_at(21.040, 105.835), "ba_dinh");
    EXPECT_EQ(ward_at(21.051, 105.831), "ba_dinh") << "second part of the MultiPolygon";
    EXPECT_EQ(ward_at(21.048, 105.831), "-") << "between the parts";
    EXPECT_EQ(ward_at(21.000, 105.850), "-");
    EXPECT_EQ(ward_at(21.032, 105.843), "-") << "north of Cửa Nam, west of Hoàn Kiếm";
    EXPECT_EQ(map.WardAt(GeoPoint{std::nan(""), 105.85}), nullptr);
    ASSERT_NE(map.Find("hoan_kiem"), nullptr);
    EXPECT_EQ(map.Find("hoan_kiem")->name, "Hoàn Kiếm");
    EXPECT_EQ(map.Find("cua_nam")->name, "");
}

TEST(WardMap, ConcavePolygon) {
    // An L shape: the notch in its north-east is outside.
    Json ring = Json::array({Json::array({105.80, 21.00}), Json::array({105.82, 21.00}), Json::array({105.82, 21.01}),
                             Json::array({105.81, 21.01}), Json::array({105.81, 21.02}), Json::array({105.80, 21.02}),
                             Json::array({105.80, 21.00})});
    Json fc = {{"type", "FeatureCollection"},
               {"features", Json::array({Feature("l", PolygonGeometry(Json::array({ring})))})}};
    auto map = WardMap::FromGeoJson(fc);
    ASSERT_TRUE(map.has_value()) << map.error().message;
    EXPECT_NE(map->WardAt(GeoPoint{21.005, 105.815}), nullptr);
    EXPECT_NE(map->WardAt(GeoPoint{21.015, 105.805}), nullptr);
    EXPECT_EQ(map->WardAt(GeoPoint{21.015, 105.815}), nullptr);
}

TEST(WardMap, StrictChecksNameTheMember) {
    struct Case {
        std::string name;
        std::function<void(Json&)> edit;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"not a collection", [](Json& j) { j["type"] = "Feature"; }, "type"},
        {"no features", [](Json& j) { j["features"] = Json::array(); }, "features"},
        {"feature type", [](Json& j) { j["features"][1]["type"] = "Polygon"; }, "features[1].type"},
        {"no properties", [](Json& j) { j["features"][1].erase("properties"); }, "features[1].properties"},
        {"no ward", [](Json& j) { j["features"][1]["properties"].erase("ward"); }, "features[1].properties.ward"},
        {"empty ward", [](Json& j) { j["features"][1]["properties"]["ward"] = " "; }, "features[1].properties.ward"},
        {"numeric ward", [](Json& j) { j["features"][1]["properties"]["ward"] = 7; }, "features[1].properties.ward"},
        {"repeated ward", [](Json& j) { j["features"][2]["properties"]["ward"] = "hoan_kiem"; },
         "features[2].properties.ward"},
        {"name not a string", [](Json& j) { j["features"][0]["properties"]["name"] = 1; },
         "features[0].properties.name"},
        {"no geometry", [](Json& j) { j["features"][1].erase("geometry"); }, "features[1].geometry"},
        {"null geometry", [](Json& j) { j["features"][1]["geometry"] = nullptr; }, "features[1].geometry"},
        {"point geometry",
         [](Json& j) {
             j["features"][1]["geometry"] = {{"type", "Point"}, {"coordinates", Json::array({105.8, 21.0})}};
         },
         "features[1].geometry.type"},
        {"no coordinates", [](Json& j) { j["features"][1]["geometry"].erase("coordinates"); },
         "features[1].geometry.coordinates"},
        {"empty polygon", [](Json& j) { j["features"][1]["geometry"]["coordinates"] = Json::array(); },
         "features[1].geometry.coordinates"},
        {"short ring",
         [](Json& j) {
             auto& ring = j["features"][1]["geometry"]["coordinates"][0];
             ring.erase(1);
             ring.erase(1);
         },
         "features[1].geometry.coordinates[0]"},
        {"open ring",
         [](Json& j) {
             j["features"][1]["geometry"]["coordinates"][0][4] = Json::array({105.9, 21.0});
         },
         "features[1].geometry.coordinates[0]"},
        {"lat and lon swapped",
         [](Json& j) {
             j["features"][1]["geometry"]["coordinates"][0][1] = Json::array({21.02, 105.845});
         },
         "features[1].geometry.coordinates[0][1]"},
        {"position with text",
         [](Json& j) {
             j["features"][0]["geometry"]["coordinates"][1][2] = Json::array({"105.8", 21.0});
         },
         "features[0].geometry.coordinates[1][2]"},
        {"multipolygon part",
         [](Json& j) { j["features"][2]["geometry"]["coordinates"][1][0][3] = Json::array({105.8}); },
         "features[2].geometry.coordinates[1][0][3]"},
    };
    for (const auto& c : cases) {
        Json j = TestWards();
        c.edit(j);
        auto map = WardMap::FromGeoJson(j);
        ASSERT_FALSE(map.has_value()) << c.name;
        EXPECT_EQ(map.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(map.error().field, c.field) << c.name << ": " << map.error().message;
    }
    EXPECT_FALSE(WardMap::FromGeoJson(Json::array()).has_value());
    // Altitude is allowed and ignored.
    Json j = TestWards();
    j["features"][1]["geometry"]["coordinates"][0][1] = Json::array({105.845, 21.020, 12.5});
    EXPECT_TRUE(WardMap::FromGeoJson(j).has_value());
}

TEST(LoadWardMap, ReadsAFileAndReportsProblems) {
    const auto dir = std::filesystem::temp_directory_path();
    const auto good = dir / "precinct_reports_wards_test.geojson";
    const auto bad = dir / "precinct_reports_wards_bad_test.geojson";
    {
        std::ofstream(good) << TestWards().dump();
        std::ofstream(bad) << "{\"type\": \"FeatureCollection\", \"features\": [";
    }
    auto map = LoadWardMap(good);
    auto broken = LoadWardMap(bad);
    std::filesystem::remove(good);
    std::filesystem::remove(bad);
    ASSERT_TRUE(map.has_value()) << map.error().message;
    EXPECT_EQ(map->areas().size(), 3u);
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(broken.error().message.find("not valid JSON"), std::string::npos);
    auto missing = LoadWardMap(dir / "precinct_reports_no_such_file.geojson");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// ---- station loading ----

Json StationJson() {
    return Json::parse(R"({
        "fallback": "duty",
        "stations": [
            {"id": "ca-a", "name_vi": "Công an phường A", "name_en": "Ward A Police", "kind": "ward_police",
             "lat": 21.03, "lon": 105.85, "ward": "a"},
            {"id": "ca-b", "name_vi": "Công an phường B", "name_en": "Ward B Police", "kind": "ward_police",
             "level": "local", "lat": 21.04, "lon": 105.84, "ward": "b"},
            {"id": "duty", "name_vi": "Trực ban", "name_en": "Duty office", "kind": "ward_police", "level": "city",
             "lat": 21.02, "lon": 105.84}
        ]})");
}

TEST(LoadStations, AcceptsTheDocumentedShape) {
    auto list = LoadStations(StationJson());
    ASSERT_TRUE(list.has_value()) << list.error().message;
    EXPECT_EQ(list->stations().size(), 3u);
    EXPECT_EQ(list->Fallback()->id, "duty");
    EXPECT_EQ(list->Find("ca-b")->ward, "b");
    EXPECT_EQ(list->Find("ca-a")->level, StationLevel::kLocal);
    EXPECT_EQ(list->Find("nope"), nullptr);
    EXPECT_EQ(list->max_distance_m(), 30000);
    EXPECT_EQ(list->fallback_id(), "duty");
}

TEST(StationListCreate, ChecksWhatTheLoaderChecks) {
    const Station a{"ca-a",
                    "Công an phường A",
                    "Ward A Police",
                    UnitKind::kWardPolice,
                    StationLevel::kLocal,
                    GeoPoint{21.03, 105.85},
                    "a"};
    Station b = a;
    b.id = "ca-b";
    b.ward = "b";
    EXPECT_TRUE(StationList::Create({a, b}).has_value());
    EXPECT_TRUE(StationList::Create({}).has_value()) << "an empty list is allowed when built in code";

    auto field_of = [](std::vector<Station> list, std::string fallback = {}, double max_m = kDefaultMaxDistanceM) {
        auto created = StationList::Create(std::move(list), std::move(fallback), max_m);
        return created ? std::string("ok") : created.error().field;
    };
    Station bad = b;
    bad.id = "";
    EXPECT_EQ(field_of({a, bad}), "stations[1].id");
    bad = b;
    bad.name_vi = " ";
    EXPECT_EQ(field_of({a, bad}), "stations[1].name_vi");
    bad = b;
    bad.position = GeoPoint{91, 105};
    EXPECT_EQ(field_of({a, bad}), "stations[1].lat");
    bad = b;
    bad.position = GeoPoint{21, 200};
    EXPECT_EQ(field_of({a, bad}), "stations[1].lon");
    bad = b;
    bad.ward = "a ";
    EXPECT_EQ(field_of({a, bad}), "stations[1].ward");
    bad = b;
    bad.ward = "a";
    EXPECT_EQ(field_of({a, bad}), "stations[1].ward");
    bad.level = StationLevel::kCity;
    EXPECT_EQ(field_of({a, bad}), "ok") << "a city-level station may name a ward";
    EXPECT_EQ(field_of({a, a}), "stations[1].id");
    EXPECT_EQ(field_of({a, b}, "ca-a"), "fallback");
    EXPECT_EQ(field_of({a, b}, "nope"), "fallback");
    EXPECT_EQ(field_of({a, b}, {}, 0), "max_distance_km");
    EXPECT_EQ(field_of({a, b}, {}, std::nan("")), "max_distance_km");
}

TEST(LoadStations, StrictErrorsNameTheKey) {
    struct Case {
        std::string name;
        std::function<void(Json&)> edit;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"unknown top-level key", [](Json& j) { j["city"] = "Hà Nội"; }, "city"},
        {"unknown station key", [](Json& j) { j["stations"][1]["phone"] = "113"; }, "stations[1].phone"},
        {"repeated id", [](Json& j) { j["stations"][1]["id"] = "ca-a"; }, "stations[1].id"},
        {"bad id", [](Json& j) { j["stations"][1]["id"] = "CA B"; }, "stations[1].id"},
        {"bad kind", [](Json& j) { j["stations"][0]["kind"] = "army"; }, "stations[0].kind"},
        {"bad level", [](Json& j) { j["stations"][0]["level"] = "district"; }, "stations[0].level"},
        {"lat out of range", [](Json& j) { j["stations"][2]["lat"] = 105.84; }, "stations[2].lat"},
        {"lon missing", [](Json& j) { j["stations"][2].erase("lon"); }, "stations[2].lon"},
        {"empty name", [](Json& j) { j["stations"][0]["name_en"] = ""; }, "stations[0].name_en"},
        {"empty ward", [](Json& j) { j["stations"][0]["ward"] = ""; }, "stations[0].ward"},
        {"padded ward", [](Json& j) { j["stations"][0]["ward"] = " a"; }, "stations[0].ward"},
        {"two stations for one ward", [](Json& j) { j["stations"][1]["ward"] = "a"; }, "stations[1].ward"},
        {"unknown fallback", [](Json& j) { j["fallback"] = "nope"; }, "fallback"},
        {"local fallback", [](Json& j) { j["fallback"] = "ca-a"; }, "fallback"},
        {"zero max distance", [](Json& j) { j["max_distance_km"] = 0; }, "max_distance_km"},
        {"no stations", [](Json& j) { j["stations"] = Json::array(); }, "stations"},
        {"stations missing", [](Json& j) { j.erase("stations"); }, "stations"},
        {"station not a table", [](Json& j) { j["stations"][0] = 1; }, "stations[0]"},
    };
    for (const auto& c : cases) {
        Json j = StationJson();
        c.edit(j);
        auto list = LoadStations(j);
        ASSERT_FALSE(list.has_value()) << c.name;
        EXPECT_EQ(list.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(list.error().field, c.field) << c.name << ": " << list.error().message;
    }
    // The same ward may have stations of different kinds.
    Json j = StationJson();
    j["stations"][1]["ward"] = "a";
    j["stations"][1]["kind"] = "fire_police";
    EXPECT_TRUE(LoadStations(j).has_value());
}

// ---- duplicates ----

TimePoint At(const char* rfc3339) { return ParseTime(rfc3339).value_or(TimePoint{}); }

GeoPoint North(GeoPoint p, double meters) { return GeoPoint{p.lat + meters / kMetersPerDegLat, p.lon}; }

TEST(FindDuplicates, SameCategoryNearbyAndRecentBestFirst) {
    const GeoPoint here{21.0285, 105.8520};
    const TimePoint now = At("2026-03-06T20:00:00+07:00");
    const std::vector<OpenReport> open = {
        {"r-far", "noise", North(here, 80), now - 1h, ReportStatus::kReceived},            // beyond 50 m
        {"r-old", "noise", North(here, 10), now - 73h, ReportStatus::kReceived},           // beyond 72 h
        {"r-other", "gambling", here, now - 1h, ReportStatus::kReceived},                  // other category
        {"r-closed", "noise", here, now - 1h, ReportStatus::kResolved},                    // closed in Open311 terms
        {"r-rejected", "noise", here, now - 1h, ReportStatus::kRejected},                  // closed
        {"r-nopoint", "noise", std::nullopt, now - 1h, ReportStatus::kReceived},           // no point
        {"r-30m", "noise", North(here, 30), now - 2h - 15min, ReportStatus::kInProgress},  // a match
        {"r-close", "noise", North(here, 5), now - 10min, ReportStatus::kAccepted},        // the best match
        {"r-later", "noise", North(here, 20), now + 3h, ReportStatus::kForwarded},         // filed after: a match
    };
    const auto hints = FindDuplicates(kNoise, here, now, open);
    ASSERT_EQ(hints.size(), 3u);
    EXPECT_EQ(hints[0].report_id, "r-close");
    EXPECT_EQ(hints[1].report_id, "r-later");
    EXPECT_EQ(hints[2].report_id, "r-30m");
    EXPECT_GT(hints[0].score, hints[1].score);
    EXPECT_GT(hints[1].score, hints[2].score);
    EXPECT_LE(hints[0].score, 1.0);
    EXPECT_GT(hints[2].score, 0.0);

    EXPECT_NEAR(hints[2].distance_m, 30, 0.01);
    EXPECT_EQ(hints[2].time_apart, std::chrono::seconds(2 * 3600 + 15 * 60));
    EXPECT_EQ(hints[2].reason_vi, "cùng loại «Tiếng ồn», cách 30 m, trước đó 2 giờ 15 phút");
    EXPECT_EQ(hints[2].reason_en, "same category 'Noise', 30 m away, 2 h 15 min earlier");
    EXPECT_EQ(hints[1].reason_en, "same category 'Noise', 20 m away, 3 h later");
    EXPECT_EQ(hints[0].reason_vi, "cùng loại «Tiếng ồn», cách 5 m, trước đó 10 phút");
}

TEST(FindDuplicates, ScoreFormulaAndEdges) {
    const GeoPoint here{21.0285, 105.8520};
    const TimePoint now = At("2026-03-06T20:00:00+07:00");
    // Same place, same moment: score 1.
    auto same = FindDuplicates(kNoise, here, now, {{"a", "noise", here, now, ReportStatus::kReceived}});
    ASSERT_EQ(same.size(), 1u);
    EXPECT_DOUBLE_EQ(same[0].score, 1.0);
    EXPECT_EQ(same[0].reason_en, "same category 'Noise', 0 m away, at about the same time");
    // Half the radius, half the window: 0.5.
    auto half =
        FindDuplicates(kNoise, here, now, {{"b", "noise", North(here, 25), now - 36h, ReportStatus::kReceived}});
    ASSERT_EQ(half.size(), 1u);
    EXPECT_NEAR(half[0].score, 0.5, 1e-6);
    EXPECT_EQ(half[0].reason_vi, "cùng loại «Tiếng ồn», cách 25 m, trước đó 1 ngày 12 giờ");
    // Exactly at the window's edge is still in.
    EXPECT_EQ(FindDuplicates(kNoise, here, now, {{"c", "noise", here, now - 72h, ReportStatus::kReceived}}).size(), 1u);
    // Custom radius and window.
    const std::vector<OpenReport> one = {{"d", "noise", North(here, 120), now - 100h, ReportStatus::kReceived}};
    EXPECT_TRUE(FindDuplicates(kNoise, here, now, one).empty());
    EXPECT_EQ(FindDuplicates(kNoise, here, now, one, 150, std::chrono::hours(120)).size(), 1u);
    // Ties: same score, then distance, then id.
    auto ties = FindDuplicates(
        kNoise, here, now,
        {{"z", "noise", here, now, ReportStatus::kReceived}, {"y", "noise", here, now, ReportStatus::kReceived}});
    ASSERT_EQ(ties.size(), 2u);
    EXPECT_EQ(ties[0].report_id, "y");
    // Bad inputs give nothing.
    EXPECT_TRUE(FindDuplicates(kNoise, here, now, one, 0).empty());
    EXPECT_TRUE(FindDuplicates(kNoise, here, now, one, std::nan(""), std::chrono::hours(200)).empty());
    EXPECT_TRUE(FindDuplicates(kNoise, here, now, one, 500, std::chrono::hours(0)).empty());
    EXPECT_TRUE(FindDuplicates(kNoise, GeoPoint{95, 0}, now, one, 500, std::chrono::hours(200)).empty());
    EXPECT_TRUE(FindDuplicates(kNoise, here, now, {}).empty());
}

TEST(Geo, DistanceAndFormatting) {
    const GeoPoint a{21.0285, 105.8520};
    EXPECT_DOUBLE_EQ(DistanceMeters(a, a), 0);
    EXPECT_NEAR(DistanceMeters(a, North(a, 1000)), 1000, 1e-6);
    // Hoàn Kiếm Lake to Nội Bài airport, about 21 km.
    EXPECT_NEAR(DistanceMeters(a, GeoPoint{21.2187, 105.8042}), 21600, 400);
    EXPECT_EQ(FormatDistance(0, true), "0 m");
    EXPECT_EQ(FormatDistance(849.6, false), "850 m");
    EXPECT_EQ(FormatDistance(999.4, false), "999 m");
    EXPECT_EQ(FormatDistance(999.6, false), "1.0 km");
    EXPECT_EQ(FormatDistance(1234, true), "1,2 km");
    EXPECT_EQ(FormatDistance(1234, false), "1.2 km");
    EXPECT_EQ(FormatDistance(-1, false), "?");
    EXPECT_TRUE(ValidPoint(GeoPoint{-90, 180}));
    EXPECT_FALSE(ValidPoint(GeoPoint{0, -180.0001}));
}

}  // namespace
}  // namespace precinct::reports
