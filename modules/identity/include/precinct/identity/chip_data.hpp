#pragma once
// What a chip gave up: its elementary files, and what the chip proved about itself while it was present.
// Produced by a reader session (live card, software card) or loaded from a dump folder; consumed by Verify().
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// The elementary files read from the chip, each exactly as stored (tag and length included).
struct ChipFiles {
    std::optional<Bytes> com;          // EF.COM
    std::optional<Bytes> card_access;  // EF.CardAccess (outside the LDS application; PACE parameters)
    std::optional<Bytes> sod;          // EF.SOD
    std::map<int, Bytes> groups;       // DG number (1-16) -> file
};

// One live proof a chip can give that it holds a private key that was never readable (so copied files cannot
// produce it): chip authentication (DG14 key, ECDH, re-keyed secure messaging) or active authentication (DG15
// key, signature over a fresh challenge).
struct ChipProof {
    bool supported = false;  // the chip's files announce it (DG14 ChipAuthenticationInfo / DG15 present)
    bool performed = false;  // the reader ran it against the live chip
    bool passed = false;
    std::string protocol;    // "CA-ECDH-AES-CBC-CMAC-128", "AA-ECDSA-SHA256", "AA-RSA-ISO9796-2-SHA1"
    std::string detail;      // what happened, in English, for the report
};

// How a reader session went. For a dump folder, `live` is false and no proof was performed.
struct SessionRecord {
    bool live = false;
    std::string reader;          // transport name
    std::string access_control;  // "PACE-ECDH-GM-AES-CBC-CMAC-128", "BAC", "none" (dump)
    std::vector<std::string> steps;  // what the session did, in order ("PACE refused (SW 6982); falling back to BAC")
    ChipProof chip_authentication;
    ChipProof active_authentication;
};

struct ChipRead {
    ChipFiles files;
    SessionRecord session;
};

}  // namespace precinct::identity
