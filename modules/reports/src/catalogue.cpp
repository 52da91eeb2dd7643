// The category catalogue: unit kinds, strict loading of categories.toml and the Open311 service view.
#include "catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "core/config.hpp"
#include "core/settings.hpp"

namespace precinct::reports {
namespace {

struct UnitKindInfo {
    UnitKind kind;
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array<UnitKindInfo, kAllUnitKinds.size()> kUnitKindInfo = {{
    {UnitKind::kWardPolice, "ward_police", "Công an phường, xã", "Ward/commune police"},
    {UnitKind::kTrafficPolice, "traffic_police", "Cảnh sát giao thông", "Traffic police"},
    {UnitKind::kFirePolice, "fire_police", "Cảnh sát PCCC và CNCH", "Fire and rescue police"},
    {UnitKind::kCyberPolice, "cyber_police", "An ninh mạng và phòng, chống tội phạm công nghệ cao",
     "Cyber security and hi-tech crime police"},
    {UnitKind::kInspection, "inspection", "Thanh tra Công an", "Police inspectorate"},
}};

const UnitKindInfo& InfoOf(UnitKind k) {
    for (const auto& info : kUnitKindInfo) {
        if (info.kind == k) return info;
    }
    return kUnitKindInfo.front();
}

std::vector<std::string> UnitKindCodes() {
    std::vector<std::string> out;
    for (const auto& info : kUnitKindInfo) out.emplace_back(info.code);
    return out;
}

std::vector<std::string> DeadlineUnitCodes() {
    return {std::string(DeadlineUnitCode(DeadlineUnit::kWorkingDays)),
            std::string(DeadlineUnitCode(DeadlineUnit::kDays)), std::string(DeadlineUnitCode(DeadlineUnit::kHours))};
}

tl::unexpected<Error> Invalid(const std::string& field, std::string_view message) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", field, message), field);
}

std::string_view Trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

bool IsCode(std::string_view s, bool allow_underscore) {
    if (s.empty() || s.size() > kMaxCodeLength) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || (allow_underscore && c == '_');
        if (!ok) return false;
    }
    return true;
}

// Splits "a, b ,c" into trimmed items; an empty item (",," or a trailing comma) or a repeated one is an error.
Result<std::vector<std::string>> SplitKeywords(std::string_view text, const std::string& field) {
    std::vector<std::string> out;
    if (Trim(text).empty()) return Invalid(field, "must list at least one keyword");
    std::size_t start = 0;
    while (true) {
        const auto comma = text.find(',', start);
        const auto item = Trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (item.empty()) return Invalid(field, "has an empty keyword (two commas in a row or a trailing comma)");
        if (std::find(out.begin(), out.end(), item) != out.end()) {
            return Invalid(field, fmt::format("lists '{}' twice", item));
        }
        out.emplace_back(item);
        if (out.size() > kMaxKeywords)
            return Invalid(field, fmt::format("must have at most {} keywords", kMaxKeywords));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

std::string JoinKeywords(const std::vector<std::string>& keywords) {
    std::string out;
    for (const auto& k : keywords) {
        if (!out.empty()) out += ", ";
        out += k;
    }
    return out;
}

Result<DeadlineRule> ReadDeadline(const Json& json, const std::string& path) {
    if (!json.is_object()) return Invalid(path, "must be a table");
    DeadlineRule rule;
    std::string unit;
    SettingsReader r(json, path);
    r.Require("unit").OneOf("unit", unit, DeadlineUnitCodes());
    r.Require("amount").Int("amount", rule.amount, 1, kMaxDays);
    r.Require("legal_basis").String("legal_basis", rule.legal_basis, kMaxDescriptionLength);
    r.String("extension", rule.extension, kMaxDescriptionLength);
    r.Require("confirmed").Bool("confirmed", rule.confirmed);
    r.String("note", rule.note, kMaxDescriptionLength);
    if (auto status = r.Finish(); !status) return Fail(status.error());
    rule.unit = *ParseDeadlineUnit(unit);
    const int max = rule.unit == DeadlineUnit::kWorkingDays ? kMaxWorkingDays
                    : rule.unit == DeadlineUnit::kHours     ? kMaxHours
                                                            : kMaxDays;
    if (rule.amount > max) {
        return Invalid(r.KeyPath("amount"),
                       fmt::format("must be at most {} {}, got {}", max, DeadlineUnitCode(rule.unit), rule.amount));
    }
    if (Trim(rule.legal_basis).empty()) return Invalid(r.KeyPath("legal_basis"), "must not be empty");
    if (!rule.confirmed && rule.note.find(kUnverifiedNote) == std::string::npos) {
        return Invalid(r.KeyPath("note"),
                       fmt::format("a deadline that is not confirmed must say so: include '{}'", kUnverifiedNote));
    }
    return rule;
}

Result<Category> ReadCategory(const Json& json, const std::string& path) {
    if (!json.is_object()) return Invalid(path, "must be a table");
    Category c;
    std::string keywords;
    std::string handled_by;
    SettingsReader r(json, path);
    r.Require("code").String("code", c.code, kMaxCodeLength);
    r.Require("name_vi").String("name_vi", c.name_vi, kMaxNameLength);
    r.Require("name_en").String("name_en", c.name_en, kMaxNameLength);
    r.Require("description_vi").String("description_vi", c.description_vi, kMaxDescriptionLength);
    r.Require("description_en").String("description_en", c.description_en, kMaxDescriptionLength);
    r.Require("group").String("group", c.group, kMaxCodeLength);
    r.Require("keywords").String("keywords", keywords, kMaxDescriptionLength);
    r.Require("anonymous_allowed").Bool("anonymous_allowed", c.anonymous_allowed);
    r.Require("handled_by").OneOf("handled_by", handled_by, UnitKindCodes());
    r.Require("deadline").Known("deadline");
    if (auto status = r.Finish(); !status) return Fail(status.error());

    if (!IsCode(c.code, true)) {
        return Invalid(r.KeyPath("code"), "must be 1-64 characters of a-z, 0-9, '_' and '-'");
    }
    for (const char* key : {"name_vi", "name_en", "description_vi", "description_en"}) {
        const std::string& value = json.at(key).get_ref<const std::string&>();
        if (Trim(value).empty()) return Invalid(r.KeyPath(key), "must not be empty");
    }
    if (!IsCode(c.group, false)) return Invalid(r.KeyPath("group"), "must be 1-64 characters of a-z, 0-9 and '-'");
    auto split = SplitKeywords(keywords, r.KeyPath("keywords"));
    if (!split) return Fail(split.error());
    c.keywords = std::move(*split);
    c.handled_by = *ParseUnitKind(handled_by);
    auto deadline = ReadDeadline(json.at("deadline"), r.KeyPath("deadline"));
    if (!deadline) return Fail(deadline.error());
    c.deadline = std::move(*deadline);
    return c;
}

}  // namespace

// ---- handling units ----

std::string_view UnitKindCode(UnitKind k) { return InfoOf(k).code; }
std::string_view UnitKindLabelVi(UnitKind k) { return InfoOf(k).vi; }
std::string_view UnitKindLabelEn(UnitKind k) { return InfoOf(k).en; }

std::optional<UnitKind> ParseUnitKind(std::string_view code) {
    for (const auto& info : kUnitKindInfo) {
        if (info.code == code) return info.kind;
    }
    return std::nullopt;
}

// ---- catalogue ----

Result<Catalogue> Catalogue::Create(std::vector<Category> categories) {
    for (std::size_t i = 0; i < categories.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (categories[i].code == categories[j].code) {
                const std::string field = fmt::format("categories[{}].code", i);
                return Invalid(field, fmt::format("'{}' is already used by categories[{}]", categories[i].code, j));
            }
        }
    }
    Catalogue catalogue;
    catalogue.categories_ = std::move(categories);
    return catalogue;
}

const Category* Catalogue::Find(std::string_view code) const {
    for (const auto& c : categories_) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

std::vector<std::string> Catalogue::Groups() const {
    std::vector<std::string> out;
    for (const auto& c : categories_) {
        if (std::find(out.begin(), out.end(), c.group) == out.end()) out.push_back(c.group);
    }
    return out;
}

Result<Catalogue> LoadCatalogue(const Json& toml_as_json) {
    if (!toml_as_json.is_object()) return Fail(ErrorCode::kInvalidArgument, "category data: must be a table");
    SettingsReader top(toml_as_json, "");
    top.Require("categories").Known("categories");
    if (auto status = top.Finish(); !status) return Fail(status.error());
    const Json& list = toml_as_json.at("categories");
    if (!list.is_array() || list.empty()) return Invalid("categories", "must be a non-empty array of tables");
    if (list.size() > kMaxCategories) {
        return Invalid("categories", fmt::format("must have at most {} categories", kMaxCategories));
    }
    std::vector<Category> categories;
    categories.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto category = ReadCategory(list[i], fmt::format("categories[{}]", i));
        if (!category) return Fail(category.error());
        categories.push_back(std::move(*category));
    }
    return Catalogue::Create(std::move(categories));
}

Result<Catalogue> LoadCatalogueFile(const std::filesystem::path& path) {
    auto json = LoadTomlFile(path);
    if (!json) return Fail(json.error());
    auto catalogue = LoadCatalogue(*json);
    if (!catalogue) {
        Error error = catalogue.error();
        error.message = path.string() + ": " + error.message;
        return Fail(std::move(error));
    }
    return catalogue;
}

// ---- Open311 ----

Open311Service ToOpen311Service(const Category& category, bool vietnamese) {
    Open311Service s;
    s.service_code = category.code;
    s.service_name = vietnamese ? category.name_vi : category.name_en;
    s.description = vietnamese ? category.description_vi : category.description_en;
    s.keywords = JoinKeywords(category.keywords);
    s.group = category.group;
    return s;
}

}  // namespace precinct::reports
