#pragma once
// Passive authentication (ICAO Doc 9303 Part 11 section 5.1): the EF.SOD signature, the document signer's chain
// to a trusted CSCA, the validity periods, revocation, and every data group's hash against the list in EF.SOD.
// Every check is reported by name, with what was found; nothing stops at the first failure.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precinct/identity/bytes.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/trust_store.hpp"

namespace precinct::identity {

enum class PaCheckKind {
    kSignature,        // "signature": the CMS signature over the LDSSecurityObject, by the embedded DS certificate
    kChain,            // "chain": the DS certificate chains to a CSCA of the trust store
    kValidity,         // "validity": DS and CSCA certificates within their validity periods at `now`
    kRevocation,       // "revocation": the DS certificate is not on a loaded CRL of its CSCA
    kGroupHash,        // "hash.dgN": a present data group's hash equals the one listed
    kGroupNotListed,   // "listed.dgN": a present data group that EF.SOD lists no hash for (a failure)
    kGroupNotPresent,  // "present.dgN": a listed data group that was not supplied (informational, passed)
};

struct PaCheck {
    PaCheckKind kind = PaCheckKind::kSignature;
    std::string name;  // as in PaCheckKind's comments: "signature", "hash.dg1", "listed.dg15"
    bool passed = false;
    bool informational = false;  // never affects PassiveAuthReport::passed
    std::string detail;          // what was found, in English ("DS certificate expired on 2023-01-31T00:00:00Z")
    int group = 0;               // the DG number for the group checks, else 0
};

struct CertificateSummary {
    std::string subject;     // RFC 2253
    std::string issuer;      // RFC 2253
    std::string serial_hex;  // upper case
    std::chrono::system_clock::time_point not_before;
    std::chrono::system_clock::time_point not_after;
    Bytes der;
};

struct PassiveAuthReport {
    // signature && chain && validity && revocation && hashes.
    bool passed = false;
    bool signature_ok = false;
    bool chain_ok = false;
    bool validity_ok = false;         // DS (and, when the chain was built, its CSCA) valid at `now`
    bool revocation_ok = false;       // true when no loaded CRL of the CSCA lists the DS certificate
    bool hashes_ok = false;           // every present group listed and matching (and at least one group present)
    bool have_trust_anchors = false;  // the trust store held at least one CSCA
    std::vector<PaCheck> checks;      // signature, chain, validity, revocation, then groups by number
    std::optional<CertificateSummary> document_signer;
    std::optional<CertificateSummary> csca;  // the trusted CSCA the chain ended in
    std::vector<int> mismatched_groups;      // present, listed, hash differs
    std::vector<int> unlisted_groups;        // present, not listed
    std::vector<int> missing_groups;         // listed, not present

    // The check of that name, or nullptr.
    const PaCheck* Find(std::string_view name) const;
};

// Runs every check. `sod` must come from ParseSod(ef_sod) (if it does not, the signature check fails).
// `present_groups` maps DG numbers to the files as read (tag included). Never fails: problems become failed
// checks. Thread-safe for concurrent calls sharing one TrustStore.
PassiveAuthReport PassiveAuthenticate(const Sod& sod, ByteView ef_sod, const std::map<int, Bytes>& present_groups,
                                      const TrustStore& trust, std::chrono::system_clock::time_point now);

// "2023-01-31T00:00:00Z".
std::string FormatUtc(std::chrono::system_clock::time_point t);
// Summary of a DER certificate; kInvalidArgument when it does not decode.
Result<CertificateSummary> SummarizeCertificate(ByteView der);

}  // namespace precinct::identity
