#include "recommend.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace precinct::dispatch {
namespace {

struct Scored {
    Neighbor neighbor;
    const UnitSnapshot* unit = nullptr;
    TravelEstimate estimate;
};

bool EtaLess(const Scored& a, const Scored& b) {
    if (a.estimate.seconds != b.estimate.seconds) return a.estimate.seconds < b.estimate.seconds;
    return a.neighbor.id < b.neighbor.id;
}

Recommendation Explain(const Scored& s, Capabilities required) {
    Recommendation r;
    r.unit_id = s.neighbor.id;
    r.call_sign = s.unit->call_sign;
    r.eta_s = s.estimate.seconds;
    r.distance_m = s.neighbor.distance_m;
    if (required.empty()) {
        r.reasons_vi.push_back("Không yêu cầu năng lực riêng");
        r.reasons_en.push_back("No specific capability required");
    } else {
        r.reasons_vi.push_back("Đủ năng lực yêu cầu: " + JoinCapabilityLabelsVi(required));
        r.reasons_en.push_back("Has the required capabilities: " + JoinCapabilityLabelsEn(required));
    }
    r.reasons_vi.push_back("Cách hiện trường " + FormatDistance(s.neighbor.distance_m, true) + " đường chim bay");
    r.reasons_en.push_back(FormatDistance(s.neighbor.distance_m, false) + " from the scene in a straight line");
    r.reasons_vi.push_back("Thời gian đến dự kiến: " + s.estimate.explain_vi);
    r.reasons_en.push_back("ETA: " + s.estimate.explain_en);
    return r;
}

}  // namespace

std::vector<Recommendation> Recommend(GeoPoint incident_point, Capabilities required, TimePoint now,
                                      const UnitIndex& index,
                                      const std::function<const UnitSnapshot*(std::int64_t)>& lookup,
                                      const TravelRouter& router, std::size_t limit) {
    if (limit == 0 || !lookup || !ValidPoint(incident_point) || index.empty()) return {};
    const UnitIndex::Filter eligible = [&](std::int64_t id) {
        const UnitSnapshot* unit = lookup(id);
        return unit != nullptr && IsAssignable(unit->status) && unit->position.has_value() &&
               unit->caps.HasAll(required);
    };

    const std::size_t total = index.size();
    std::size_t pool = limit > total / 4 ? total : std::max<std::size_t>(4 * limit, 20);
    std::vector<Scored> scored;  // in index order (distance, id); a larger pool extends the smaller one
    while (true) {
        const std::vector<Neighbor> nearest = index.NearestNeighbors(incident_point, pool, eligible);
        for (std::size_t i = scored.size(); i < nearest.size(); ++i) {
            Scored s;
            s.neighbor = nearest[i];
            s.unit = lookup(nearest[i].id);  // just accepted by `eligible`, so not null unless `lookup` is unstable
            if (s.unit != nullptr) s.estimate = router.Estimate(nearest[i].position, incident_point, s.unit->kind, now);
            if (s.unit == nullptr || std::isnan(s.estimate.seconds)) {
                s.estimate.seconds = std::numeric_limits<double>::infinity();
            }
            scored.push_back(std::move(s));
        }
        if (nearest.size() < pool || pool >= total) break;  // every eligible unit has been seen
        if (scored.size() < limit) {
            pool = std::min(total, pool * 2);
            continue;
        }
        // Could a unit farther than the pool's farthest still beat the limit-th ETA?
        std::vector<double> etas;
        etas.reserve(scored.size());
        for (const Scored& s : scored) etas.push_back(s.estimate.seconds);
        std::nth_element(etas.begin(), etas.begin() + static_cast<std::ptrdiff_t>(limit - 1), etas.end());
        const double limit_th = etas[limit - 1];
        const std::optional<double> bound = router.MinSeconds(nearest.back().distance_m, now);
        if (!bound || *bound >= limit_th) break;
        pool = std::min(total, pool * 2);
    }

    const std::size_t keep = std::min(limit, scored.size());
    std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), EtaLess);
    std::vector<Recommendation> out;
    out.reserve(keep);
    for (std::size_t i = 0; i < keep; ++i) {
        if (scored[i].unit != nullptr) out.push_back(Explain(scored[i], required));
    }
    return out;
}

}  // namespace precinct::dispatch
