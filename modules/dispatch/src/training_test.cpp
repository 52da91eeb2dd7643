#include "training.hpp"

#include <gtest/gtest.h>

#include "json_codec.hpp"

namespace precinct::dispatch {
namespace {

const TimePoint kNow = FromUnixMillis(1795402800000);

NewCall Perfect(const TrainingScenario& s) {
    NewCall c;
    c.line = s.call.line;
    c.caller = s.call.caller;
    c.category = s.call.category;
    c.description = s.call.description;
    Location loc;
    loc.point = s.call.point;
    loc.source = "caller";
    c.location = loc;
    return c;
}

TEST(Training, TheSameIdGivesTheSameScenarioAndTheJsonHidesTheAnswers) {
    auto a = MakeTrainingScenario(42, kNow);
    auto b = MakeTrainingScenario(42, kNow);
    EXPECT_EQ(a.call.description, b.call.description);
    EXPECT_EQ(a.call.category, b.call.category);
    auto j = TrainingScenarioJson(a);
    EXPECT_EQ(j["id"], "42");
    EXPECT_FALSE(j.contains("category"));
    EXPECT_FALSE(j.contains("expected"));
    EXPECT_NE(j["script_vi"].get<std::string>().find(a.call.address), std::string::npos);
}

TEST(Training, APerfectEntryScoresFullAndMistakesAreExplained) {
    for (std::uint64_t id = 1; id <= 30; ++id) {
        auto s = MakeTrainingScenario(id, kNow);
        auto full = CheckTrainingCall(s, Perfect(s));
        EXPECT_EQ(full.score, 100) << id;
        for (const auto& item : full.items) EXPECT_TRUE(item["ok"].get<bool>()) << item.dump();
    }
    auto s = MakeTrainingScenario(7, kNow);
    NewCall wrong = Perfect(s);
    wrong.line = s.call.line == "113" ? "114" : "113";
    wrong.category = s.call.category == Category::kInfo ? Category::kFire : Category::kInfo;
    wrong.description = "không rõ";
    wrong.location->point = GeoPoint{s.call.point.lat + 0.02, s.call.point.lon};  // about 2.2 km off
    auto bad = CheckTrainingCall(s, wrong);
    EXPECT_LT(bad.score, 50);
    int failed = 0;
    for (const auto& item : bad.items) {
        if (!item["ok"].get<bool>()) {
            ++failed;
            EXPECT_FALSE(item["note_vi"].get<std::string>().empty());
            EXPECT_FALSE(item["note_en"].get<std::string>().empty());
        }
    }
    EXPECT_GE(failed, 3);
    EXPECT_EQ(bad.expected["category"], CategoryCode(s.call.category));
}

TEST(Training, AmlScenariosCarryAValidMessage) {
    int with_aml = 0;
    for (std::uint64_t id = 1; id <= 60; ++id) {
        auto s = MakeTrainingScenario(id, kNow);
        if (s.aml.empty()) continue;
        ++with_aml;
        auto parsed = ParseAml(s.aml);
        ASSERT_TRUE(parsed.has_value()) << s.aml << ": " << parsed.error().message;
        EXPECT_FALSE(parsed->length_mismatch) << s.aml;
        EXPECT_NEAR(parsed->Location()->lat, s.call.point.lat, 1e-5);
    }
    EXPECT_GT(with_aml, 5);
}

}  // namespace
}  // namespace precinct::dispatch
