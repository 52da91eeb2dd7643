#pragma once
// Units: the status state machine (which status changes are allowed), capabilities (what a unit can do, what a
// category of incident needs) and which line leads on each category. Pure functions, no storage.
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain.hpp"

namespace precinct::dispatch {

// ---- status state machine ----
// Allowed changes (same status to same status is never a transition):
//   available      -> dispatched      only by assigning the unit to an incident (the caller enforces that)
//   dispatched     -> en_route | available (assignment cancelled)
//   en_route       -> on_scene | available (cancelled or diverted)
//   on_scene       -> clearing
//   clearing       -> available
//   available, clearing -> out_of_service   (never while committed: dispatched, en_route, on_scene)
//   out_of_service -> available
bool CanTransition(UnitStatus from, UnitStatus to);
// Ok, or ErrorCode::kConflict (field "status") with a message naming both statuses.
Status CheckTransition(UnitStatus from, UnitStatus to);
// The statuses reachable from `from` in one step, in enum order.
std::vector<UnitStatus> AllowedTransitions(UnitStatus from);
// True for dispatched, en_route and on_scene: the unit is bound to an incident.
bool IsCommitted(UnitStatus status);
// Only available units may be assigned (and so recommended).
inline bool IsAssignable(UnitStatus status) { return status == UnitStatus::kAvailable; }

// ---- capabilities ----
enum class Capability : std::uint8_t {
    kPolice,
    kTraffic,
    kFireSuppression,
    kLadder,
    kRescue,
    kHazmat,
    kWaterRescue,
    kFirstAid,
};
inline constexpr std::array kAllCapabilities = {
    Capability::kPolice, Capability::kTraffic, Capability::kFireSuppression, Capability::kLadder,
    Capability::kRescue, Capability::kHazmat,  Capability::kWaterRescue,     Capability::kFirstAid,
};
std::string_view CapabilityCode(Capability c);  // "police", "traffic", "fire_suppression", ...
std::optional<Capability> ParseCapability(std::string_view code);
std::string_view CapabilityLabelVi(Capability c);  // "cảnh sát", "chữa cháy", ...
std::string_view CapabilityLabelEn(Capability c);  // "police", "fire suppression", ...

// A set of capabilities, stored as a bitset. Cheap to copy and compare.
class Capabilities {
public:
    constexpr Capabilities() = default;
    constexpr Capabilities(std::initializer_list<Capability> list) {
        for (Capability c : list) Add(c);
    }
    static constexpr Capabilities FromBits(std::uint32_t bits) {
        Capabilities caps;
        caps.bits_ = bits & kMask;
        return caps;
    }

    constexpr Capabilities& Add(Capability c) {
        bits_ |= Bit(c);
        return *this;
    }
    constexpr Capabilities& Remove(Capability c) {
        bits_ &= ~Bit(c);
        return *this;
    }
    constexpr bool Has(Capability c) const { return (bits_ & Bit(c)) != 0; }
    // True when every capability in `required` is in this set (an empty `required` is always met).
    constexpr bool HasAll(Capabilities required) const { return (required.bits_ & ~bits_) == 0; }
    // The capabilities of `required` that this set lacks.
    constexpr Capabilities Missing(Capabilities required) const { return FromBits(required.bits_ & ~bits_); }
    constexpr bool empty() const { return bits_ == 0; }
    std::size_t size() const;
    constexpr std::uint32_t bits() const { return bits_; }
    // Members in kAllCapabilities order.
    std::vector<Capability> List() const;

    friend constexpr Capabilities operator|(Capabilities a, Capabilities b) { return FromBits(a.bits_ | b.bits_); }
    friend constexpr Capabilities operator&(Capabilities a, Capabilities b) { return FromBits(a.bits_ & b.bits_); }
    friend constexpr bool operator==(Capabilities a, Capabilities b) = default;

private:
    static constexpr std::uint32_t kMask = (1u << kAllCapabilities.size()) - 1;
    static constexpr std::uint32_t Bit(Capability c) { return 1u << static_cast<unsigned>(c); }
    std::uint32_t bits_ = 0;
};

// Codes in kAllCapabilities order, e.g. {"police", "first_aid"}.
std::vector<std::string> FormatCapabilities(Capabilities caps);
// Unknown or empty names fail with kInvalidArgument, field "capabilities"; repeated names are accepted.
Result<Capabilities> ParseCapabilities(const std::vector<std::string>& codes);
// Labels joined with ", " for explanations: "cảnh sát, sơ cứu" / "police, first aid"; "" when empty.
std::string JoinCapabilityLabelsVi(Capabilities caps);
std::string JoinCapabilityLabelsEn(Capabilities caps);

// What a unit of this kind can do unless its record says otherwise.
//   patrol_car: police, traffic, first_aid     motorbike: police, traffic
//   fire_engine: fire_suppression, rescue, first_aid     ladder: fire_suppression, ladder, rescue
//   rescue: rescue, water_rescue, hazmat, first_aid
Capabilities DefaultCapabilities(UnitKind kind);
// The minimum a responding unit must have for an incident of this category:
//   crime (both), public order, child protection, cyber fraud, info -> police; traffic -> traffic;
//   fire -> fire_suppression; rescue, disaster -> rescue; medical -> first_aid.
Capabilities RequiredCapabilities(Category category);

// ---- lead agencies (emergency spec section 2) ----
// The line whose agency leads on this category: 113 police (crime, public order, traffic, cyber fraud, info),
// 114 fire and rescue (fire, rescue), 115 medical, 111 child protection, 112 disaster.
Line LeadLine(Category category);
// True when the lead agency is this centre (113 or 114).
inline bool LeadAgencyIsHere(Category category) { return HandledHere(LeadLine(category)); }
// Lines that may need notifying besides the lead (some only in some cases, e.g. 115 when someone is injured),
// in Line enum order: FIRE -> {113, 115}, TRAFFIC -> {114, 115}, ...
std::vector<Line> SupportingLines(Category category);

}  // namespace precinct::dispatch
