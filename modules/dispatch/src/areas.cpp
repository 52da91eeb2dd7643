#include "areas.hpp"

namespace precinct::dispatch {

const std::vector<Area>& Areas() {
    // Reference points are rough centres of each former district, good to a few hundred metres.
    static const std::vector<Area> kAreas = {
        {"hoan_kiem", "Hoàn Kiếm", "Hoan Kiem", {21.0288, 105.8525}},
        {"ba_dinh", "Ba Đình", "Ba Dinh", {21.0350, 105.8180}},
        {"dong_da", "Đống Đa", "Dong Da", {21.0150, 105.8270}},
        {"hai_ba_trung", "Hai Bà Trưng", "Hai Ba Trung", {21.0060, 105.8570}},
        {"tay_ho", "Tây Hồ", "Tay Ho", {21.0700, 105.8200}},
        {"cau_giay", "Cầu Giấy", "Cau Giay", {21.0330, 105.7900}},
        {"thanh_xuan", "Thanh Xuân", "Thanh Xuan", {20.9940, 105.8110}},
        {"hoang_mai", "Hoàng Mai", "Hoang Mai", {20.9750, 105.8630}},
        {"long_bien", "Long Biên", "Long Bien", {21.0400, 105.8930}},
        {"nam_tu_liem", "Nam Từ Liêm", "Nam Tu Liem", {21.0140, 105.7620}},
        {"bac_tu_liem", "Bắc Từ Liêm", "Bac Tu Liem", {21.0710, 105.7650}},
        {"ha_dong", "Hà Đông", "Ha Dong", {20.9640, 105.7700}},
    };
    return kAreas;
}

std::optional<Area> AreaOf(const GeoPoint& p) {
    constexpr double kMaxDistanceM = 8000;
    const Area* best = nullptr;
    double best_d = kMaxDistanceM;
    for (const auto& a : Areas()) {
        const double d = DistanceMeters(p, a.center);
        if (d <= best_d) {
            best_d = d;
            best = &a;
        }
    }
    if (!best) return std::nullopt;
    return *best;
}

std::optional<Area> AreaByCode(std::string_view code) {
    for (const auto& a : Areas()) {
        if (a.code == code) return a;
    }
    return std::nullopt;
}

}  // namespace precinct::dispatch
