#include "training.hpp"

#include <fmt/format.h>

#include <cmath>

#include "duplicates.hpp"
#include "geo.hpp"

namespace precinct::dispatch {
namespace {

Json Item(std::string_view aspect, bool ok, Json expected, Json given, std::string vi, std::string en) {
    return Json{{"aspect", aspect},
                {"ok", ok},
                {"expected", std::move(expected)},
                {"given", std::move(given)},
                {"note_vi", std::move(vi)},
                {"note_en", std::move(en)}};
}

}  // namespace

TrainingScenario MakeTrainingScenario(std::uint64_t id, TimePoint now) {
    TrainingScenario s;
    s.id = id;
    ScenarioGenerator gen(id);
    s.call = gen.Next(now);  // the first call of a generator is never a repeat
    s.script_vi = fmt::format("\"{}. Địa chỉ: {}, Hà Nội.\"", s.call.description, s.call.address);
    s.script_en =
        fmt::format("(The caller, in Vietnamese:) \"{}. Address: {}, Hà Nội.\"", s.call.description, s.call.address);
    if (s.call.as_aml) s.aml = ScenarioGenerator::MakeAml(s.call.point, s.call.accuracy_m, now, id);
    s.expected_priority = AssessPriority(s.call.category, s.call.description);
    return s;
}

Json TrainingScenarioJson(const TrainingScenario& s) {
    return Json{{"id", std::to_string(s.id)},
                {"line", s.call.line},
                {"caller", s.call.caller},
                {"script_vi", s.script_vi},
                {"script_en", s.script_en},
                {"aml", s.aml.empty() ? Json(nullptr) : Json(s.aml)},
                {"note_vi", "Bài tập huấn luyện: cuộc gọi giả lập, không tạo sự vụ thật."},
                {"note_en", "Training exercise: a simulated call; no real incident is created."}};
}

TrainingCheck CheckTrainingCall(const TrainingScenario& s, const NewCall& entered) {
    TrainingCheck out;
    int points = 0;
    // Line: 25 points. The number dialled is what the caller's phone shows; taking another line is a mistake.
    const bool line_ok = entered.line == s.call.line;
    points += line_ok ? 25 : 0;
    out.items.push_back(Item("line", line_ok, s.call.line, entered.line,
                             line_ok ? "Đúng đầu số." : fmt::format("Cuộc gọi đến đầu số {}.", s.call.line),
                             line_ok ? "Right line." : fmt::format("The call came in on {}.", s.call.line)));
    // Category: 35 points; a related category (FIRE for RESCUE, etc.) earns part.
    const double affinity = CategoryAffinity(s.call.category, entered.category);
    const bool cat_ok = entered.category == s.call.category;
    points += static_cast<int>(std::lround(35 * affinity));
    out.items.push_back(Item(
        "category", cat_ok, CategoryCode(s.call.category), CategoryCode(entered.category),
        cat_ok ? "Đúng loại sự việc."
               : fmt::format("Loại đúng là {} ({}).", CategoryCode(s.call.category), CategoryLabelVi(s.call.category)),
        cat_ok ? "Right category."
               : fmt::format("The category is {} ({}).", CategoryCode(s.call.category),
                             CategoryLabelEn(s.call.category))));
    // Priority the entry leads to: 20 points when it matches what the scenario's facts warrant.
    const auto got = AssessPriority(entered.category, entered.description);
    const bool prio_ok = got.priority == s.expected_priority.priority;
    points += prio_ok ? 20 : 0;
    out.items.push_back(Item(
        "priority", prio_ok, PriorityCode(s.expected_priority.priority), PriorityCode(got.priority),
        prio_ok ? fmt::format("Mức ưu tiên {} ({}).", PriorityCode(got.priority), got.reason_vi)
                : fmt::format("Nội dung nhập dẫn đến {}, tình huống cần {}: {}. Ghi rõ các chi tiết quyết định.",
                              PriorityCode(got.priority), PriorityCode(s.expected_priority.priority),
                              s.expected_priority.reason_vi),
        prio_ok
            ? fmt::format("Priority {} ({}).", PriorityCode(got.priority), got.reason_en)
            : fmt::format("Your description leads to {}, the situation needs {}: {}. Write down the decisive details.",
                          PriorityCode(got.priority), PriorityCode(s.expected_priority.priority),
                          s.expected_priority.reason_en)));
    // Location: 20 points within 100 m, 10 within 500 m; an address alone earns 10 when no position was sent.
    Json given_loc = nullptr;
    int loc_points = 0;
    std::string loc_vi, loc_en;
    if (entered.location && entered.location->point) {
        const double d = DistanceMeters(*entered.location->point, s.call.point);
        given_loc = Json{{"lat", entered.location->point->lat}, {"lon", entered.location->point->lon}};
        loc_points = d <= 100 ? 20 : d <= 500 ? 10 : 0;
        loc_vi = fmt::format("Vị trí nhập cách vị trí thật {}.", FormatDistance(d, true));
        loc_en = fmt::format("The position entered is {} from the real one.", FormatDistance(d, false));
    } else if (entered.location && !entered.location->address.empty()) {
        given_loc = Json{{"address", entered.location->address}};
        loc_points = s.aml.empty() ? 20 : 10;
        loc_vi =
            s.aml.empty() ? "Đã ghi địa chỉ." : "Có tin nhắn AML với tọa độ: nên dán tin nhắn để có vị trí chính xác.";
        loc_en = s.aml.empty() ? "Address taken."
                               : "An AML message with coordinates came in: paste it for a precise position.";
    } else {
        loc_vi = "Chưa có vị trí: luôn hỏi địa chỉ hoặc dùng tin nhắn AML.";
        loc_en = "No location: always ask for the address or use the AML message.";
    }
    points += loc_points;
    out.items.push_back(Item("location", loc_points >= 20,
                             Json{{"lat", s.call.point.lat}, {"lon", s.call.point.lon}, {"address", s.call.address}},
                             std::move(given_loc), loc_vi, loc_en));
    out.score = points;
    out.expected = Json{{"line", s.call.line},
                        {"category", CategoryCode(s.call.category)},
                        {"priority", PriorityCode(s.expected_priority.priority)},
                        {"priority_rule", s.expected_priority.rule},
                        {"lat", s.call.point.lat},
                        {"lon", s.call.point.lon},
                        {"address", s.call.address}};
    return out;
}

Json TrainingCheckJson(const TrainingCheck& c) {
    return Json{{"score", c.score}, {"items", c.items}, {"expected", c.expected}};
}

}  // namespace precinct::dispatch
