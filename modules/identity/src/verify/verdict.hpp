#pragma once
// The verdict rule of verify.hpp as a pure function of the checks' outcomes, with its reasoning in words.
#include <string>
#include <vector>

#include "precinct/identity/chip_data.hpp"
#include "precinct/identity/verify.hpp"

namespace precinct::identity {

struct VerdictInputs {
    bool readable = true;           // EF.SOD and DG1 present and well formed
    std::string unreadable_reason;  // when not readable
    bool signature_ok = false;      // SOD signature over its content, by the embedded document signer
    bool hashes_ok = false;         // every present data group's hash matches, none present but unlisted
    std::vector<std::string> hash_failures;  // "DG13", "DG15 (not listed in EF.SOD)"
    bool chain_ok = false;          // document signer chains to a trusted CSCA
    bool have_trust_anchors = false;
    bool certificates_valid = false;  // DS and CSCA within their validity periods now
    bool document_expired = false;    // MRZ date of expiry in the past
    std::string expiry_detail;
    SessionRecord session;
};

struct VerdictOutcome {
    Verdict verdict = Verdict::kUnreadable;
    std::string sentence_vi;
    std::string sentence_en;
    std::vector<std::string> reasoning;
};

VerdictOutcome DecideVerdict(const VerdictInputs& in);

}  // namespace precinct::identity
