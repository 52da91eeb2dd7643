#pragma once
// Likely-duplicate detection: when a new call comes in, which open incidents is it probably about? Several callers
// often report the same fire or crash; the call-taker sees the best candidates, each with a score and a reason
// that states the distance and the time apart, and decides.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain.hpp"

namespace precinct::dispatch {

struct OpenIncident {
    std::int64_t id = 0;
    Category category = Category::kInfo;
    std::optional<GeoPoint> point;
    double accuracy_m = 0;  // radius of uncertainty of `point`
    TimePoint created_at;
    std::string address_folded;  // address with case and diacritics folded; "" when unknown
};

struct NewCallFacts {
    Category category = Category::kInfo;
    std::optional<GeoPoint> point;
    double accuracy_m = 0;
    TimePoint received_at;
    std::string address_folded;
};

struct DuplicateCandidate {
    std::int64_t incident_id = 0;
    double score = 0;       // (0, 1], higher is more likely the same event
    double distance_m = 0;  // straight-line distance between the points; -1 when matched by address alone
    double age_s = 0;       // |call received - incident created|
    std::string reason_en;
    std::string reason_vi;
};

struct DuplicateParams {
    double radius_m = 500;
    std::chrono::seconds window{1800};
    double min_score = 0.5;
    std::size_t max_candidates = 3;
};

// How far apart two categories are for duplicate purposes: 1 for the same category, kRelatedCategoryFactor for
// FIRE/RESCUE and TRAFFIC/RESCUE (a crash with entrapment, a fire with people trapped is reported either way),
// 0 otherwise.
inline constexpr double kRelatedCategoryFactor = 0.8;
double CategoryAffinity(Category a, Category b);

// Open incidents that the new call probably duplicates, best first (score, then distance, then age, then id), at
// most params.max_candidates, each scoring at least params.min_score.
//
//   score = category affinity x place factor x time factor
//   place factor: with both points, gaussian in the effective distance max(0, d - acc_call - acc_incident), with
//     sigma = radius_m / 2, and 0 beyond radius_m. Each accuracy counts for at most radius_m (so a cell-tower
//     fix of several kilometres cannot make every incident in the district "0 m" away). Invalid or negative
//     accuracies count as 0. When either point is missing (or invalid), both folded addresses are non-empty and
//     equal: 1; otherwise no match.
//   time factor: gaussian in |received - created| with sigma = window / 2, and 0 beyond the window.
std::vector<DuplicateCandidate> FindDuplicates(const NewCallFacts& call, const std::vector<OpenIncident>& open,
                                               const DuplicateParams& params);

}  // namespace precinct::dispatch
