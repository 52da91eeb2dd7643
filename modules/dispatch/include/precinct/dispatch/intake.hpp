#pragma once
// Raising an incident from a channel other than a call-taker's form (the assistant's chat): offered in the
// ServiceDirectory by the dispatch module. The incident goes through the same intake as a 113/114 call —
// priority rules, duplicates, escalation — with the channel recorded.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace precinct::dispatch {

struct ChannelCall {
    std::string line;         // "113" or "114"
    std::string channel;      // "chat", "camera"
    std::string category;     // dispatch category code: CRIME-VIOLENT, FIRE, RESCUE, ...
    std::string description;
    std::string address;      // as the citizen wrote it; may be empty
    std::string caller;       // E.164 when known, else empty
    std::string client_ref;   // makes a retry idempotent (the conversation id and message number)
    // Where it happens, when known (a fixed camera's position): the incident is placed there and the nearest
    // units that could go are returned.
    std::optional<double> latitude{};
    std::optional<double> longitude{};
    std::size_t recommend = 0;  // how many nearest available units to return (0: none)
};

struct NearUnit {
    std::int64_t unit_id = 0;
    std::string call_sign{};
    double eta_s = 0;
    double distance_m = 0;
};

struct ChannelIncident {
    std::int64_t call_id = 0;
    std::optional<std::int64_t> incident_id{};  // absent when the call was linked to an existing incident
    std::vector<NearUnit> nearest{};  // by ETA; empty unless asked for and the incident has a position
};

class ChannelIntake {
public:
    virtual ~ChannelIntake() = default;
    virtual Result<ChannelIncident> Raise(const ChannelCall& call) = 0;
    // Adds what the citizen said later (for example the address) to the incident's timeline.
    virtual Status AddNote(std::int64_t incident_id, const std::string& text) = 0;
};

}  // namespace precinct::dispatch
