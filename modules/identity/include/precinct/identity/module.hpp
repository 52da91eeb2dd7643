#pragma once
// Chip ID card verification (CCCD, ICAO Doc 9303) for officers: a card on a PC/SC reader, or a dump of its
// files, becomes a report on whether the data was issued by the state, unaltered, and read from the genuine chip.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "server/module.hpp"

namespace precinct::identity {

struct Settings {
    bool enabled = true;
    // Folder of trusted CSCA certificates (.cer/.crt/.der/.pem) and CSCA master lists (.mls). Empty:
    // <data-dir>/identity/trust (created empty if missing; until it holds a CSCA no card can be genuine).
    std::string trust_dir;
    // Offer the built-in software cards (genuine, cloned, altered, expired) as readers, and trust their throw-away
    // test CSCA. Unset: on with `serve --demo` only. Never in production.
    std::optional<bool> software_cards;
    std::vector<Role> verify_roles{Role::kClerk, Role::kInvestigator, Role::kSupervisor, Role::kDispatcher};
    // Roles that receive the face image from DG2 in the report; the others get the report without it.
    std::vector<Role> face_roles{Role::kClerk, Role::kInvestigator, Role::kSupervisor};
    std::size_t max_dump_bytes = 4u * 1024 * 1024;  // a request's body with a dump (base64 files)
};

// `section` is [modules.identity]; unknown keys and unknown role names are refused.
Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

}  // namespace precinct::identity
