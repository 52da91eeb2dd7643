#pragma once
// The catalogue of report categories (noise, gambling, illegal parking, lost documents, online fraud, complaints,
// ...). It is data, not code: data/reports/categories.toml, read with strict checks. Each category is also an
// Open311 GeoReport v2 service (its code is the service_code); it names the kind of unit that handles it, whether
// anonymous reports are accepted, and its deadline with the legal basis and whether that figure was confirmed.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "deadlines.hpp"

namespace precinct::reports {

// ---- handling units ----

enum class UnitKind {
    kWardPolice,     // commune/ward police (Công an cấp xã)
    kTrafficPolice,  // traffic police teams
    kFirePolice,     // fire prevention, fire fighting and rescue police
    kCyberPolice,    // cyber security and hi-tech crime police
    kInspection,     // police inspectorate (complaints and denunciations about officers)
};
inline constexpr std::array kAllUnitKinds = {UnitKind::kWardPolice, UnitKind::kTrafficPolice, UnitKind::kFirePolice,
                                             UnitKind::kCyberPolice, UnitKind::kInspection};
std::string_view UnitKindCode(UnitKind k);  // "ward_police", "traffic_police", "fire_police", "cyber_police", ...
std::optional<UnitKind> ParseUnitKind(std::string_view code);
std::string_view UnitKindLabelVi(UnitKind k);  // "Công an phường, xã", ...
std::string_view UnitKindLabelEn(UnitKind k);  // "Ward/commune police", ...

// ---- categories ----

struct Category {
    std::string code;  // also the Open311 service_code: lower case ASCII letters, digits, '_' and '-'
    std::string name_vi;
    std::string name_en;
    std::string description_vi;
    std::string description_en;
    std::string group;                  // "public-order", "traffic", "fire-safety", "lost-documents", "fraud", ...
    std::vector<std::string> keywords;  // Vietnamese and English, trimmed, none empty
    bool anonymous_allowed = false;     // denunciations and tip-offs: yes
    UnitKind handled_by = UnitKind::kWardPolice;
    DeadlineRule deadline;
};

class Catalogue {
public:
    Catalogue() = default;
    // Refuses (kInvalidArgument, field "categories[i].code") a repeated code; keeps the given order otherwise.
    static Result<Catalogue> Create(std::vector<Category> categories);

    const std::vector<Category>& categories() const { return categories_; }
    const Category* Find(std::string_view code) const;
    // The groups in order of first appearance.
    std::vector<std::string> Groups() const;
    std::size_t size() const { return categories_.size(); }
    bool empty() const { return categories_.empty(); }

private:
    std::vector<Category> categories_;
};

// Limits on the data.
inline constexpr std::size_t kMaxCategories = 200;
inline constexpr std::size_t kMaxCodeLength = 64;
inline constexpr std::size_t kMaxNameLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 2000;
inline constexpr std::size_t kMaxKeywords = 100;

// Reads the catalogue from TOML read into JSON: a non-empty array `categories` of tables with
//   code, name_vi, name_en, description_vi, description_en, group, keywords (one string, comma-separated),
//   anonymous_allowed (bool), handled_by (a UnitKindCode),
//   deadline = { amount (>= 1, at most kMaxWorkingDays/kMaxDays/kMaxHours by unit), unit ("working_days", "days",
//                "hours"), legal_basis, extension?, confirmed (bool), note? }
// All keys are required except deadline.extension and deadline.note; a deadline that is not confirmed must carry
// kUnverifiedNote in its note. Strict: unknown keys, repeated codes, bad codes, groups or units, empty names or
// keywords are refused with kInvalidArgument naming the key, e.g. "categories[3].deadline.unit".
Result<Catalogue> LoadCatalogue(const Json& toml_as_json);
// Reads a TOML file with core/config.hpp (LoadTomlFile), then LoadCatalogue. Messages start with the path.
Result<Catalogue> LoadCatalogueFile(const std::filesystem::path& path);

// ---- Open311 ----

// A GeoReport v2 service object (GET /services) for one category, in one language.
struct Open311Service {
    std::string service_code;
    std::string service_name;
    std::string description;
    bool metadata = false;          // no service definition (extra attributes) yet
    std::string type = "realtime";  // the service_request_id is returned at once by POST /requests
    std::string keywords;           // comma-separated
    std::string group;
};
// `vietnamese` picks name_vi/description_vi, else the English texts.
Open311Service ToOpen311Service(const Category& category, bool vietnamese);

}  // namespace precinct::reports
