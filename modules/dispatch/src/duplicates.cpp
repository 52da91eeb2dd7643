#include "duplicates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "geo.hpp"

namespace precinct::dispatch {
namespace {

bool Related(Category a, Category b) {
    auto pair_is = [&](Category x, Category y) { return (a == x && b == y) || (a == y && b == x); };
    return pair_is(Category::kFire, Category::kRescue) || pair_is(Category::kTraffic, Category::kRescue);
}

// exp(-x^2 / (2 sigma^2)) for x within `limit`, else 0.
double Gaussian(double x, double sigma, double limit) {
    if (std::isnan(x) || x > limit) return 0;
    if (sigma <= 0) return x <= 0 ? 1.0 : 0.0;
    const double z = x / sigma;
    return std::exp(-0.5 * z * z);
}

double UsableAccuracy(double accuracy_m, double cap) {
    if (!std::isfinite(accuracy_m) || accuracy_m < 0) return 0;
    return std::min(accuracy_m, cap);
}

std::optional<GeoPoint> UsablePoint(const std::optional<GeoPoint>& p) {
    if (p && ValidPoint(*p)) return p;
    return std::nullopt;
}

std::string Minutes(double age_s, bool vietnamese) {
    const double minutes = std::round(std::abs(age_s) / 60);
    if (minutes < 1) return vietnamese ? "chưa đến 1 phút" : "under 1 min";
    return std::to_string(static_cast<long long>(minutes)) + (vietnamese ? " phút" : " min");
}

std::string Accuracy(double meters) {
    if (!std::isfinite(meters) || meters < 0) meters = 0;
    return "±" + std::to_string(static_cast<long long>(std::round(meters))) + " m";
}

}  // namespace

double CategoryAffinity(Category a, Category b) {
    if (a == b) return 1.0;
    return Related(a, b) ? kRelatedCategoryFactor : 0.0;
}

std::vector<DuplicateCandidate> FindDuplicates(const NewCallFacts& call, const std::vector<OpenIncident>& open,
                                               const DuplicateParams& params) {
    std::vector<DuplicateCandidate> out;
    if (params.max_candidates == 0) return out;
    const double radius = std::isfinite(params.radius_m) ? std::max(0.0, params.radius_m) : 0.0;
    const double window_s = std::max(0.0, static_cast<double>(params.window.count()));
    const auto call_point = UsablePoint(call.point);
    const double call_accuracy = UsableAccuracy(call.accuracy_m, radius);

    for (const OpenIncident& incident : open) {
        const double affinity = CategoryAffinity(call.category, incident.category);
        if (affinity <= 0) continue;

        // Signed: positive when the incident was opened before the call.
        const double age_signed = std::chrono::duration<double>(call.received_at - incident.created_at).count();
        const double age = std::abs(age_signed);
        const double time_factor = Gaussian(age, window_s / 2, window_s);
        if (time_factor <= 0) continue;

        double place_factor = 0;
        double distance = -1;
        double effective = 0;
        double incident_accuracy = 0;
        bool by_address = false;
        const auto incident_point = UsablePoint(incident.point);
        if (call_point && incident_point) {
            distance = DistanceMeters(*call_point, *incident_point);
            incident_accuracy = UsableAccuracy(incident.accuracy_m, radius);
            effective = std::max(0.0, distance - call_accuracy - incident_accuracy);
            place_factor = Gaussian(effective, radius / 2, radius);
        } else if (!call.address_folded.empty() && call.address_folded == incident.address_folded) {
            place_factor = 1;
            by_address = true;
        }
        if (place_factor <= 0) continue;

        const double score = affinity * place_factor * time_factor;
        if (score <= 0 || score < params.min_score) continue;

        // Explanations only for the candidates kept.
        std::string place_en, place_vi;
        if (by_address) {
            place_en = "same address, no position to compare";
            place_vi = "cùng địa chỉ, không có tọa độ để so sánh";
        } else {
            place_en = FormatDistance(distance, false) + " away";
            place_vi = "cách " + FormatDistance(distance, true);
            if (call_accuracy > 0 || incident_accuracy > 0) {
                place_en += " (accuracy " + Accuracy(call.accuracy_m) + " and " + Accuracy(incident.accuracy_m) +
                            ", effective distance " + FormatDistance(effective, false) + ")";
                place_vi += " (sai số " + Accuracy(call.accuracy_m) + " và " + Accuracy(incident.accuracy_m) +
                            ", khoảng cách hiệu dụng " + FormatDistance(effective, true) + ")";
            }
        }

        std::string category_en =
            "#" + std::to_string(incident.id) + " " + std::string(CategoryCode(incident.category));
        std::string category_vi =
            "#" + std::to_string(incident.id) + " " + std::string(CategoryLabelVi(incident.category));
        if (affinity < 1) {
            category_en += ", related category (×" + FormatDecimal(affinity, 1, false) + ")";
            category_vi += ", loại liên quan (×" + FormatDecimal(affinity, 1, true) + ")";
        } else {
            category_en += ", same category";
            category_vi += ", cùng loại";
        }
        const bool before = age_signed >= 0;
        const std::string when_en = "opened " + Minutes(age, false) + (before ? " before" : " after") + " the call";
        const std::string when_vi = "mở " + std::string(before ? "trước" : "sau") + " cuộc gọi " + Minutes(age, true);

        DuplicateCandidate candidate;
        candidate.incident_id = incident.id;
        candidate.score = score;
        candidate.distance_m = distance;
        candidate.age_s = age;
        candidate.reason_en =
            category_en + "; " + place_en + "; " + when_en + "; score " + FormatDecimal(score, 2, false);
        candidate.reason_vi =
            category_vi + "; " + place_vi + "; " + when_vi + "; điểm " + FormatDecimal(score, 2, true);
        out.push_back(std::move(candidate));
    }

    std::sort(out.begin(), out.end(), [](const DuplicateCandidate& a, const DuplicateCandidate& b) {
        if (a.score != b.score) return a.score > b.score;
        // Address-only matches (distance -1) after located ones of equal score.
        constexpr double kUnknown = std::numeric_limits<double>::infinity();
        const double da = a.distance_m < 0 ? kUnknown : a.distance_m;
        const double db = b.distance_m < 0 ? kUnknown : b.distance_m;
        if (da != db) return da < db;
        if (a.age_s != b.age_s) return a.age_s < b.age_s;
        return a.incident_id < b.incident_id;
    });
    if (out.size() > params.max_candidates) out.resize(params.max_candidates);
    return out;
}

}  // namespace precinct::dispatch
