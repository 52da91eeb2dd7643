#pragma once
// The CSCA certificates (Country Signing Certification Authorities) a verifier trusts, and the CRLs they
// published. Passive authentication chains a document signer certificate to one of these.
//
// Thread-safety: the const members (and PassiveAuthenticate on a const TrustStore) may run concurrently; the
// Add* members must not run concurrently with anything else on the same store. Movable (a moved-from store is empty),
// not copyable.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// What a CSCA master list (ICAO Doc 9303 Part 12 section 9) held and how its signature fared.
struct MasterListInfo {
    int version = 0;                       // CscaMasterList version (0)
    std::size_t certificates_in_list = 0;  // entries of certList
    std::size_t added = 0;                 // CSCA certificates new to the store
    std::size_t duplicates = 0;            // already in the store (or repeated in the list)
    std::size_t skipped = 0;               // entries that are not CA certificates or do not decode
    bool signature_verified = false;       // the CMS signature verifies with the signer certificate embedded in it
    std::string signature_detail;
    std::string signer_subject;          // the master list signer's certificate subject (RFC 2253), if embedded
    bool signer_chain_verified = false;  // that certificate chains to a CSCA of the list or the store (no time check)
    std::string signer_chain_detail;
};

struct MasterListOptions {
    // Refuse a master list whose CMS signature does not verify (the default). The signer's own chain is only
    // reported, never required: it cannot always be built.
    bool require_valid_signature = true;
};

class TrustStore {
public:
    // The largest certificate, CRL or master list file accepted.
    static constexpr std::size_t kMaxFileBytes = 8u << 20;
    // The most CSCA certificates and CRLs one store holds.
    static constexpr std::size_t kMaxCertificates = 20000;
    static constexpr std::size_t kMaxCrls = 5000;

    TrustStore();
    ~TrustStore();
    TrustStore(TrustStore&&) noexcept;
    TrustStore& operator=(TrustStore&&) noexcept;
    TrustStore(const TrustStore&) = delete;
    TrustStore& operator=(const TrustStore&) = delete;

    // Adds a CSCA certificate: DER, or PEM holding one or more certificates. Refused (kInvalidArgument): bytes
    // that are not a certificate, trailing bytes after the DER, a certificate that is not a CA (basicConstraints
    // cA unset); kTooLarge above kMaxFileBytes or past kMaxCertificates. A certificate already present is
    // accepted and not counted twice.
    Status AddCertificate(ByteView der_or_pem);
    // Adds a CSCA master list (CMS SignedData, eContentType 2.23.136.1.1.2, content CscaMasterList). Entries that
    // are not CA certificates are skipped and counted.
    Result<MasterListInfo> AddMasterList(ByteView mls, const MasterListOptions& options = {});
    // Adds a CRL (DER or PEM). Its signature is checked when a document signer of its issuer is verified.
    Status AddCrl(ByteView der_or_pem);
    // Loads every file of `dir` (not recursive) by extension, case-insensitive: .cer .crt .der .pem
    // (certificates), .mls (master lists), .crl (CRLs); other files are ignored. Files that fail do not stop the
    // others; the error then names each failed file and why.
    Status AddDirectory(const std::filesystem::path& dir);

    // Distinct CSCA certificates held.
    std::size_t size() const;
    std::size_t crl_count() const;
    // The CSCA certificates, DER, in the order added.
    std::vector<Bytes> CertificatesDer() const;
    // The subjects (RFC 2253) of the CSCA certificates, in the order added.
    std::vector<std::string> Subjects() const;

    struct Impl;
    // For the pki part's own sources (passive authentication); not part of the API.
    const Impl& impl() const;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace precinct::identity
