#include "units.hpp"

#include <bit>
#include <utility>

namespace precinct::dispatch {
namespace {

struct CapabilityInfo {
    Capability capability;
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array<CapabilityInfo, kAllCapabilities.size()> kCapabilityInfo = {{
    {Capability::kPolice, "police", "cảnh sát", "police"},
    {Capability::kTraffic, "traffic", "giao thông", "traffic"},
    {Capability::kFireSuppression, "fire_suppression", "chữa cháy", "fire suppression"},
    {Capability::kLadder, "ladder", "thang cứu hộ", "ladder"},
    {Capability::kRescue, "rescue", "cứu nạn, cứu hộ", "rescue"},
    {Capability::kHazmat, "hazmat", "hóa chất độc hại", "hazardous materials"},
    {Capability::kWaterRescue, "water_rescue", "cứu nạn dưới nước", "water rescue"},
    {Capability::kFirstAid, "first_aid", "sơ cứu", "first aid"},
}};

const CapabilityInfo& InfoOf(Capability c) {
    for (const auto& info : kCapabilityInfo) {
        if (info.capability == c) return info;
    }
    return kCapabilityInfo.front();
}

std::string JoinLabels(Capabilities caps, bool vietnamese) {
    std::string out;
    for (Capability c : caps.List()) {
        if (!out.empty()) out += ", ";
        out += vietnamese ? InfoOf(c).vi : InfoOf(c).en;
    }
    return out;
}

}  // namespace

// ---- status state machine ----

bool CanTransition(UnitStatus from, UnitStatus to) {
    using S = UnitStatus;
    if (from == to) return false;
    switch (from) {
        case S::kAvailable: return to == S::kDispatched || to == S::kOutOfService;
        case S::kDispatched: return to == S::kEnRoute || to == S::kAvailable;
        case S::kEnRoute: return to == S::kOnScene || to == S::kAvailable;
        case S::kOnScene: return to == S::kClearing;
        case S::kClearing: return to == S::kAvailable || to == S::kOutOfService;
        case S::kOutOfService: return to == S::kAvailable;
    }
    return false;
}

Status CheckTransition(UnitStatus from, UnitStatus to) {
    if (CanTransition(from, to)) return Ok();
    std::string message = "unit status cannot change from '" + std::string(UnitStatusCode(from)) + "' to '" +
                          std::string(UnitStatusCode(to)) + "'";
    if (from == to) {
        message += ": it is already '" + std::string(UnitStatusCode(to)) + "'";
    } else if (to == UnitStatus::kOutOfService && IsCommitted(from)) {
        message += ": the unit is committed to an incident; cancel or clear the assignment first";
    }
    return Fail(ErrorCode::kConflict, std::move(message), "status");
}

std::vector<UnitStatus> AllowedTransitions(UnitStatus from) {
    std::vector<UnitStatus> out;
    for (UnitStatus to : {UnitStatus::kAvailable, UnitStatus::kDispatched, UnitStatus::kEnRoute, UnitStatus::kOnScene,
                          UnitStatus::kClearing, UnitStatus::kOutOfService}) {
        if (CanTransition(from, to)) out.push_back(to);
    }
    return out;
}

bool IsCommitted(UnitStatus status) {
    return status == UnitStatus::kDispatched || status == UnitStatus::kEnRoute || status == UnitStatus::kOnScene;
}

// ---- capabilities ----

std::string_view CapabilityCode(Capability c) { return InfoOf(c).code; }
std::string_view CapabilityLabelVi(Capability c) { return InfoOf(c).vi; }
std::string_view CapabilityLabelEn(Capability c) { return InfoOf(c).en; }

std::optional<Capability> ParseCapability(std::string_view code) {
    for (const auto& info : kCapabilityInfo) {
        if (info.code == code) return info.capability;
    }
    return std::nullopt;
}

std::size_t Capabilities::size() const { return static_cast<std::size_t>(std::popcount(bits_)); }

std::vector<Capability> Capabilities::List() const {
    std::vector<Capability> out;
    for (Capability c : kAllCapabilities) {
        if (Has(c)) out.push_back(c);
    }
    return out;
}

std::vector<std::string> FormatCapabilities(Capabilities caps) {
    std::vector<std::string> out;
    for (Capability c : caps.List()) out.emplace_back(CapabilityCode(c));
    return out;
}

Result<Capabilities> ParseCapabilities(const std::vector<std::string>& codes) {
    Capabilities caps;
    for (const std::string& code : codes) {
        auto c = ParseCapability(code);
        if (!c) {
            std::string message =
                code.empty() ? std::string("empty capability name") : "unknown capability '" + code + "'";
            message += "; expected one of: ";
            for (std::size_t i = 0; i < kCapabilityInfo.size(); ++i) {
                if (i > 0) message += ", ";
                message += kCapabilityInfo[i].code;
            }
            return Fail(ErrorCode::kInvalidArgument, std::move(message), "capabilities");
        }
        caps.Add(*c);
    }
    return caps;
}

std::string JoinCapabilityLabelsVi(Capabilities caps) { return JoinLabels(caps, true); }
std::string JoinCapabilityLabelsEn(Capabilities caps) { return JoinLabels(caps, false); }

Capabilities DefaultCapabilities(UnitKind kind) {
    using C = Capability;
    switch (kind) {
        case UnitKind::kPatrolCar: return {C::kPolice, C::kTraffic, C::kFirstAid};
        case UnitKind::kMotorbike: return {C::kPolice, C::kTraffic};
        case UnitKind::kFireEngine: return {C::kFireSuppression, C::kRescue, C::kFirstAid};
        case UnitKind::kLadder: return {C::kFireSuppression, C::kLadder, C::kRescue};
        case UnitKind::kRescue: return {C::kRescue, C::kWaterRescue, C::kHazmat, C::kFirstAid};
    }
    return {};
}

Capabilities RequiredCapabilities(Category category) {
    using C = Capability;
    switch (category) {
        case Category::kCrimeViolent:
        case Category::kCrimeProperty:
        case Category::kPublicOrder:
        case Category::kChildProtection:
        case Category::kCyberFraud:
        case Category::kInfo: return {C::kPolice};
        case Category::kTraffic: return {C::kTraffic};
        case Category::kFire: return {C::kFireSuppression};
        case Category::kRescue:
        case Category::kDisaster: return {C::kRescue};
        case Category::kMedical: return {C::kFirstAid};
    }
    return {};
}

// ---- lead agencies ----

Line LeadLine(Category category) {
    switch (category) {
        case Category::kCrimeViolent:
        case Category::kCrimeProperty:
        case Category::kPublicOrder:
        case Category::kTraffic:
        case Category::kCyberFraud:
        case Category::kInfo: return Line::k113;
        case Category::kFire:
        case Category::kRescue: return Line::k114;
        case Category::kMedical: return Line::k115;
        case Category::kDisaster: return Line::k112;
        case Category::kChildProtection: return Line::k111;
    }
    return Line::k113;
}

std::vector<Line> SupportingLines(Category category) {
    switch (category) {
        case Category::kCrimeViolent: return {Line::k115};
        case Category::kTraffic: return {Line::k114, Line::k115};
        case Category::kFire: return {Line::k113, Line::k115};
        case Category::kRescue: return {Line::k112};
        case Category::kDisaster: return {Line::k113, Line::k114, Line::k115};
        case Category::kChildProtection: return {Line::k113};
        case Category::kCrimeProperty:
        case Category::kPublicOrder:
        case Category::kMedical:
        case Category::kCyberFraud:
        case Category::kInfo: return {};
    }
    return {};
}

}  // namespace precinct::dispatch
