// Tests for the category catalogue: the real data file, strict loading errors naming the key, Open311 services.
#include "catalogue.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>

#include "core/config.hpp"

namespace precinct::reports {
namespace {

// The data shipped in the source tree: data/reports/ (the build defines PRECINCT_SOURCE_DATA_DIR as data/).
#ifdef PRECINCT_SOURCE_DATA_DIR
const std::filesystem::path kDataDir = std::filesystem::path(PRECINCT_SOURCE_DATA_DIR) / "reports";
#else
const std::filesystem::path kDataDir = std::filesystem::path(__FILE__).parent_path() / "../../../data/reports";
#endif

const std::filesystem::path kCategoriesFile = kDataDir / "categories.toml";

// The data file as JSON, for tests that break one thing in it.
Json RealJson() {
    auto json = LoadTomlFile(kCategoriesFile);
    EXPECT_TRUE(json.has_value()) << (json ? "" : json.error().message);
    return json.value_or(Json::object());
}

TEST(RealCatalogue, LoadsWithTheExpectedCategories) {
    auto catalogue = LoadCatalogueFile(kCategoriesFile);
    ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
    std::set<std::string> codes;
    for (const auto& c : catalogue->categories()) codes.insert(c.code);
    const std::set<std::string> expected = {
        "noise",          "disturbance",   "gambling",     "illegal_parking", "traffic_hazard",     "fire_hazard",
        "lost_documents", "lost_property", "online_fraud", "drugs_tip",       "crime_denunciation", "complaint",
        "other",
    };
    EXPECT_EQ(codes, expected);

    const std::vector<std::string> groups = catalogue->Groups();
    for (const char* g : {"public-order", "traffic", "fire-safety", "lost-documents", "fraud", "complaints"}) {
        EXPECT_NE(std::find(groups.begin(), groups.end(), g), groups.end()) << g;
    }
    std::set<UnitKind> kinds;
    for (const auto& c : catalogue->categories()) kinds.insert(c.handled_by);
    EXPECT_EQ(kinds.size(), kAllUnitKinds.size()) << "every unit kind handles some category";
}

TEST(RealCatalogue, FiguresFromTheSpecs) {
    auto catalogue = LoadCatalogueFile(kCategoriesFile);
    ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;

    // Crime reports and denunciations: 20 days, CPC Art. 147 (procedures.md §41, fraud.md §4).
    for (const char* code : {"crime_denunciation", "online_fraud", "drugs_tip", "gambling"}) {
        const Category* c = catalogue->Find(code);
        ASSERT_NE(c, nullptr) << code;
        EXPECT_EQ(c->deadline.amount, 20) << code;
        EXPECT_EQ(c->deadline.unit, DeadlineUnit::kDays) << code;
        EXPECT_TRUE(c->deadline.confirmed) << code;
        EXPECT_NE(c->deadline.legal_basis.find("147"), std::string::npos) << code;
        EXPECT_FALSE(c->deadline.extension.empty()) << code;
    }
    EXPECT_TRUE(catalogue->Find("crime_denunciation")->anonymous_allowed);
    EXPECT_TRUE(catalogue->Find("drugs_tip")->anonymous_allowed);
    EXPECT_EQ(catalogue->Find("online_fraud")->handled_by, UnitKind::kCyberPolice);
    EXPECT_EQ(catalogue->Find("illegal_parking")->handled_by, UnitKind::kTrafficPolice);
    EXPECT_EQ(catalogue->Find("fire_hazard")->handled_by, UnitKind::kFirePolice);

    // Complaints: 30 days (45 complex), from general knowledge, so not confirmed.
    const Category* complaint = catalogue->Find("complaint");
    ASSERT_NE(complaint, nullptr);
    EXPECT_EQ(complaint->handled_by, UnitKind::kInspection);
    EXPECT_FALSE(complaint->anonymous_allowed);
    EXPECT_EQ(complaint->deadline.amount, 30);
    EXPECT_FALSE(complaint->deadline.confirmed);
    EXPECT_NE(complaint->deadline.extension.find("45"), std::string::npos);

    for (const auto& c : catalogue->categories()) {
        if (!c.deadline.confirmed) {
            EXPECT_NE(c.deadline.note.find(kUnverifiedNote), std::string::npos) << c.code;
        }
        EXPECT_FALSE(c.keywords.empty()) << c.code;
    }
}

TEST(Catalogue, FindGroupsAndDuplicates) {
    Category a;
    a.code = "noise";
    a.group = "public-order";
    Category b = a;
    b.code = "gambling";
    Category c = a;
    c.code = "parking";
    c.group = "traffic";
    auto catalogue = Catalogue::Create({a, b, c});
    ASSERT_TRUE(catalogue.has_value());
    EXPECT_EQ(catalogue->size(), 3u);
    EXPECT_EQ(catalogue->Find("gambling")->code, "gambling");
    EXPECT_EQ(catalogue->Find("nope"), nullptr);
    EXPECT_EQ(catalogue->Groups(), (std::vector<std::string>{"public-order", "traffic"}));

    auto twice = Catalogue::Create({a, b, a});
    ASSERT_FALSE(twice.has_value());
    EXPECT_EQ(twice.error().field, "categories[2].code");
    EXPECT_NE(twice.error().message.find("categories[0]"), std::string::npos);
}

TEST(LoadCatalogue, StrictErrorsNameTheKey) {
    struct Case {
        std::string name;
        std::function<void(Json&)> edit;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"unknown top-level key", [](Json& j) { j["version"] = 1; }, "version"},
        {"unknown category key", [](Json& j) { j["categories"][2]["priority"] = 1; }, "categories[2].priority"},
        {"unknown deadline key", [](Json& j) { j["categories"][0]["deadline"]["days"] = 3; },
         "categories[0].deadline.days"},
        {"bad deadline unit", [](Json& j) { j["categories"][3]["deadline"]["unit"] = "weeks"; },
         "categories[3].deadline.unit"},
        {"missing deadline unit", [](Json& j) { j["categories"][3]["deadline"].erase("unit"); },
         "categories[3].deadline.unit"},
        {"zero amount", [](Json& j) { j["categories"][1]["deadline"]["amount"] = 0; }, "categories[1].deadline.amount"},
        {"fractional amount", [](Json& j) { j["categories"][1]["deadline"]["amount"] = 1.5; },
         "categories[1].deadline.amount"},
        {"too many working days",
         [](Json& j) {
             j["categories"][1]["deadline"]["unit"] = "working_days";
             j["categories"][1]["deadline"]["amount"] = kMaxWorkingDays + 1;
         },
         "categories[1].deadline.amount"},
        {"empty legal basis", [](Json& j) { j["categories"][4]["deadline"]["legal_basis"] = "  "; },
         "categories[4].deadline.legal_basis"},
        {"unconfirmed without the warning",
         [](Json& j) {
             j["categories"][0]["deadline"]["confirmed"] = false;
             j["categories"][0]["deadline"]["note"] = "maybe";
         },
         "categories[0].deadline.note"},
        {"confirmed not a bool", [](Json& j) { j["categories"][0]["deadline"]["confirmed"] = "yes"; },
         "categories[0].deadline.confirmed"},
        {"deadline not a table", [](Json& j) { j["categories"][5]["deadline"] = 20; }, "categories[5].deadline"},
        {"deadline missing", [](Json& j) { j["categories"][5].erase("deadline"); }, "categories[5].deadline"},
        {"duplicate code", [](Json& j) { j["categories"][6]["code"] = j["categories"][2]["code"]; },
         "categories[6].code"},
        {"upper-case code", [](Json& j) { j["categories"][0]["code"] = "Noise"; }, "categories[0].code"},
        {"code with a space", [](Json& j) { j["categories"][0]["code"] = "lost docs"; }, "categories[0].code"},
        {"empty name", [](Json& j) { j["categories"][3]["name_vi"] = ""; }, "categories[3].name_vi"},
        {"blank name", [](Json& j) { j["categories"][3]["name_en"] = " \t"; }, "categories[3].name_en"},
        {"missing description", [](Json& j) { j["categories"][3].erase("description_en"); },
         "categories[3].description_en"},
        {"bad group", [](Json& j) { j["categories"][2]["group"] = "Public Order"; }, "categories[2].group"},
        {"bad unit kind", [](Json& j) { j["categories"][2]["handled_by"] = "army"; }, "categories[2].handled_by"},
        {"anonymous not a bool", [](Json& j) { j["categories"][2]["anonymous_allowed"] = 1; },
         "categories[2].anonymous_allowed"},
        {"empty keyword", [](Json& j) { j["categories"][2]["keywords"] = "a,,b"; }, "categories[2].keywords"},
        {"trailing comma", [](Json& j) { j["categories"][2]["keywords"] = "a, b,"; }, "categories[2].keywords"},
        {"no keywords", [](Json& j) { j["categories"][2]["keywords"] = " "; }, "categories[2].keywords"},
        {"repeated keyword", [](Json& j) { j["categories"][2]["keywords"] = "noise, loud, noise"; },
         "categories[2].keywords"},
        {"keywords as array", [](Json& j) { j["categories"][2]["keywords"] = Json::array({"a"}); },
         "categories[2].keywords"},
        {"entry not a table", [](Json& j) { j["categories"][7] = "noise"; }, "categories[7]"},
        {"no categories", [](Json& j) { j["categories"] = Json::array(); }, "categories"},
        {"categories missing", [](Json& j) { j.erase("categories"); }, "categories"},
        {"categories not an array", [](Json& j) { j["categories"] = Json::object(); }, "categories"},
    };
    for (const auto& c : cases) {
        Json j = RealJson();
        c.edit(j);
        auto catalogue = LoadCatalogue(j);
        ASSERT_FALSE(catalogue.has_value()) << c.name;
        EXPECT_EQ(catalogue.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(catalogue.error().field, c.field) << c.name << ": " << catalogue.error().message;
        EXPECT_EQ(catalogue.error().message.rfind(c.field + ":", 0), 0u) << c.name << ": " << catalogue.error().message;
    }
    EXPECT_FALSE(LoadCatalogue(Json::array()).has_value());
}

TEST(LoadCatalogue, KeywordsAreTrimmedAndOptionalKeysMayBeAbsent) {
    Json j = RealJson();
    j["categories"][0]["keywords"] = "  tiếng ồn ,noise,  loud music ";
    j["categories"][0]["deadline"].erase("note");
    j["categories"][0]["deadline"]["confirmed"] = true;
    auto catalogue = LoadCatalogue(j);
    ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
    const Category& first = catalogue->categories().front();
    EXPECT_EQ(first.keywords, (std::vector<std::string>{"tiếng ồn", "noise", "loud music"}));
    EXPECT_TRUE(first.deadline.note.empty());
    EXPECT_TRUE(first.deadline.confirmed);
}

TEST(LoadCatalogueFile, ErrorsCarryThePath) {
    auto missing = LoadCatalogueFile(kDataDir / "no-such-file.toml");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

    const auto path = std::filesystem::temp_directory_path() / "precinct_reports_catalogue_test.toml";
    {
        std::ofstream out(path);
        out << "[[categories]]\ncode = \"x\"\n";
    }
    auto bad = LoadCatalogueFile(path);
    std::filesystem::remove(path);
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().field, "categories[0].name_vi");
    EXPECT_EQ(bad.error().message.rfind(path.string(), 0), 0u) << bad.error().message;
}

TEST(UnitKinds, CodesRoundTrip) {
    std::set<std::string_view> codes;
    for (UnitKind k : kAllUnitKinds) {
        EXPECT_EQ(ParseUnitKind(UnitKindCode(k)), k);
        EXPECT_FALSE(UnitKindLabelVi(k).empty());
        EXPECT_FALSE(UnitKindLabelEn(k).empty());
        codes.insert(UnitKindCode(k));
    }
    EXPECT_EQ(codes, (std::set<std::string_view>{"ward_police", "traffic_police", "fire_police", "cyber_police",
                                                 "inspection"}));
    EXPECT_FALSE(ParseUnitKind("police").has_value());
}

TEST(Open311Services, CategoryBecomesAService) {
    auto catalogue = LoadCatalogueFile(kCategoriesFile);
    ASSERT_TRUE(catalogue.has_value()) << catalogue.error().message;
    const Category& fraud = *catalogue->Find("online_fraud");
    const Open311Service vi = ToOpen311Service(fraud, true);
    EXPECT_EQ(vi.service_code, "online_fraud");
    EXPECT_EQ(vi.service_name, "Lừa đảo trực tuyến");
    EXPECT_EQ(vi.description, fraud.description_vi);
    EXPECT_EQ(vi.group, "fraud");
    EXPECT_EQ(vi.type, "realtime");
    EXPECT_FALSE(vi.metadata);
    EXPECT_EQ(vi.keywords.rfind("lừa đảo, lua dao, ", 0), 0u) << vi.keywords;
    const Open311Service en = ToOpen311Service(fraud, false);
    EXPECT_EQ(en.service_name, "Online fraud");
    EXPECT_EQ(en.keywords, vi.keywords);
}

}  // namespace
}  // namespace precinct::reports
