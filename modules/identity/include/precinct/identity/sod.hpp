#pragma once
// EF.SOD, the Document Security Object (ICAO Doc 9303 Part 10 section 4.6.2 and Part 11): a CMS SignedData
// (RFC 5652) wrapped in tag 0x77, whose signed content is an LDSSecurityObject listing one hash per data group.
// ParseSod checks the structure strictly and exposes what passive authentication needs; it verifies nothing
// cryptographically (see passive_auth.hpp).
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// The largest EF.SOD accepted (real ones are 2-8 KiB; a few embedded certificates fit easily).
inline constexpr std::size_t kMaxSodBytes = 128u << 10;

inline constexpr std::string_view kOidSignedData = "1.2.840.113549.1.7.2";
inline constexpr std::string_view kOidLdsSecurityObject = "2.23.136.1.1.1";
inline constexpr std::string_view kOidCscaMasterList = "2.23.136.1.1.2";

// How the document signer signed the SignerInfo.
enum class SodSignatureAlgorithm { kRsaPkcs1v15, kRsaPss, kEcdsa, kUnknown };

// "RSA PKCS#1 v1.5", "RSA-PSS", "ECDSA", "unknown".
std::string_view SodSignatureAlgorithmName(SodSignatureAlgorithm algorithm);

struct Sod {
    int lds_security_object_version = 0;         // 0, or 1 (then the LDS and Unicode versions below are set)
    std::optional<std::string> lds_version;      // LDSVersionInfo ldsVersion, "0108"
    std::optional<std::string> unicode_version;  // LDSVersionInfo unicodeVersion, "040000"

    std::string digest_algorithm;       // of the data-group hashes: "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"
    std::string digest_algorithm_oid;   // dotted, "2.16.840.1.101.3.4.2.1"
    std::map<int, Bytes> group_hashes;  // DG number (1-16) -> hash over the whole DG file, tag included
    std::vector<int> listed_groups;     // the DG numbers in the order EF.SOD lists them

    Bytes lds_security_object;  // the signed eContent (DER LDSSecurityObject), exactly as in EF.SOD

    std::vector<Bytes> certificates;          // DER of every certificate embedded in SignedData, in order
    std::optional<std::size_t> signer_index;  // which of `certificates` the SignerInfo names, when present

    SodSignatureAlgorithm signature_algorithm = SodSignatureAlgorithm::kUnknown;
    std::string signature_algorithm_oid;  // SignerInfo signatureAlgorithm, dotted
    std::string signer_digest_algorithm;  // SignerInfo digestAlgorithm ("SHA-256"), or the dotted OID if unknown
    std::optional<std::chrono::system_clock::time_point> signing_time;  // signed attribute signingTime
};

// Parses EF.SOD as read from the chip (tag 0x77 included). Refused with kInvalidArgument, naming the problem:
// input above kMaxSodBytes, outer tag other than 0x77 or trailing bytes, a ContentInfo type other than
// signedData, a SignedData version other than 3, an eContentType other than id-icao-mrtd-security-
// ldsSecurityObject (id-data is refused as well), an LDSSecurityObject version other than 0 or 1 (or one whose
// LDSVersionInfo presence disagrees with it), an unknown hash algorithm, a DG number outside 1-16 or listed
// twice, a hash whose length does not fit the algorithm, not exactly one SignerInfo, or CMS that OpenSSL cannot
// decode. Thread-safe.
Result<Sod> ParseSod(ByteView ef_sod);

// Digest names as above, for a dotted OID of SHA-1/224/256/384/512; nullopt otherwise.
std::optional<std::string> DigestNameForOid(std::string_view oid);
// The hash of a data-group file (or any bytes) with a digest named as above ("SHA-256"); kInvalidArgument for
// an unknown name.
Result<Bytes> HashDataGroup(std::string_view digest_name, ByteView data);

}  // namespace precinct::identity
