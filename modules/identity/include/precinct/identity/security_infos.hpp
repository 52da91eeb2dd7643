#pragma once
// SecurityInfos (ICAO Doc 9303 Part 11 section 9.2, BSI TR-03110): SET OF SecurityInfo, each
// SEQUENCE { protocol OBJECT IDENTIFIER, requiredData ANY, optionalData ANY OPTIONAL }, as stored in EF.CardAccess
// (a bare SET: PACE) and DG14 (6E { SET }: chip authentication, PACE, active authentication's signature algorithm).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// Protocol OIDs (bsi-de = 0.4.0.127.0.7).
inline constexpr std::string_view kOidPkDh = "0.4.0.127.0.7.2.2.1.1";
inline constexpr std::string_view kOidPkEcdh = "0.4.0.127.0.7.2.2.1.2";
inline constexpr std::string_view kOidTa = "0.4.0.127.0.7.2.2.2";
inline constexpr std::string_view kOidCaDh = "0.4.0.127.0.7.2.2.3.1";
inline constexpr std::string_view kOidCaEcdh = "0.4.0.127.0.7.2.2.3.2";
inline constexpr std::string_view kOidCaEcdh3Des = "0.4.0.127.0.7.2.2.3.2.1";
inline constexpr std::string_view kOidCaEcdhAes128 = "0.4.0.127.0.7.2.2.3.2.2";
inline constexpr std::string_view kOidPaceEcdhGmAes128 = "0.4.0.127.0.7.2.2.4.2.2";
inline constexpr std::string_view kOidPaceEcdhGmAes256 = "0.4.0.127.0.7.2.2.4.2.4";
inline constexpr std::string_view kOidActiveAuthentication =
    "2.23.136.1.1.5";  // id-icao-mrtd-security-aaProtocolObject

// PACEInfo: protocol id-PACE-<mapping>-<cipher> (0.4.0.127.0.7.2.2.4.m.c), version (2), parameterId (the standard
// domain parameters, 13 = brainpoolP256r1; absent when PACEDomainParameterInfo gives them).
struct PaceInfo {
    std::string protocol;
    std::int64_t version = 2;
    std::optional<std::int64_t> parameter_id;
};

// PACEDomainParameterInfo: protocol id-PACE-<mapping> (0.4.0.127.0.7.2.2.4.m), explicit domain parameters.
struct PaceDomainParameterInfo {
    std::string protocol;
    Bytes domain_parameter;  // AlgorithmIdentifier DER, as stored
    std::optional<std::int64_t> parameter_id;
};

// ChipAuthenticationInfo: protocol id-CA-<DH|ECDH>-<cipher> (0.4.0.127.0.7.2.2.3.k.c), version (1), keyId.
struct ChipAuthenticationInfo {
    std::string protocol;
    std::int64_t version = 1;
    std::optional<std::int64_t> key_id;
};

// ChipAuthenticationPublicKeyInfo: protocol id-PK-DH or id-PK-ECDH, the chip's static key, keyId.
struct ChipAuthenticationPublicKeyInfo {
    std::string protocol;
    Bytes subject_public_key_info;  // SubjectPublicKeyInfo DER, as stored (explicit EC parameters are common)
    std::optional<std::int64_t> key_id;
};

// ChipAuthenticationDomainParameterInfo: protocol id-CA-DH or id-CA-ECDH, explicit domain parameters.
struct ChipAuthenticationDomainParameterInfo {
    std::string protocol;
    Bytes domain_parameter;  // AlgorithmIdentifier DER, as stored
    std::optional<std::int64_t> key_id;
};

// TerminalAuthenticationInfo: protocol id-TA, version (1 or 2), the optional efCVCA file id.
struct TerminalAuthenticationInfo {
    std::string protocol;
    std::int64_t version = 1;
    std::optional<Bytes> ef_cvca;  // FileID DER, as stored
};

// ActiveAuthenticationInfo: version (1) and the signature algorithm of ECDSA active authentication
// ("1.2.840.10045.4.3.2" ecdsa-with-SHA256).
struct ActiveAuthenticationInfo {
    std::string protocol = std::string(kOidActiveAuthentication);
    std::int64_t version = 1;
    std::string signature_algorithm;
};

// Any other SecurityInfo (CardInfoLocator, EFDIRInfo, proprietary ones): kept as stored.
struct OtherSecurityInfo {
    std::string protocol;
    Bytes der;  // the whole SEQUENCE
};

struct SecurityInfos {
    std::vector<PaceInfo> pace;
    std::vector<PaceDomainParameterInfo> pace_domain_parameters;
    std::vector<ChipAuthenticationInfo> chip_authentication;
    std::vector<ChipAuthenticationPublicKeyInfo> chip_authentication_public_keys;
    std::vector<ChipAuthenticationDomainParameterInfo> chip_authentication_domain_parameters;
    std::vector<TerminalAuthenticationInfo> terminal_authentication;
    std::vector<ActiveAuthenticationInfo> active_authentication;
    std::vector<OtherSecurityInfo> other;
};

// The most SecurityInfo elements one SET may hold.
inline constexpr std::size_t kMaxSecurityInfos = 64;

// Parses a SET OF SecurityInfo (tag 31, no trailing bytes). kInvalidArgument, naming the element: a SecurityInfo
// that is not a SEQUENCE starting with an OID, or that lacks its required data; for a known protocol, data of the
// wrong type or trailing elements; PACEInfo version other than 2; ChipAuthenticationInfo version other than 1;
// TerminalAuthenticationInfo version other than 1 or 2; ActiveAuthenticationInfo version other than 1; a
// ChipAuthenticationPublicKeyInfo key that is not a SEQUENCE; more than kMaxSecurityInfos elements.
Result<SecurityInfos> ParseSecurityInfos(ByteView der_set);
// EF.CardAccess: the bare SET.
Result<SecurityInfos> ParseCardAccess(ByteView card_access);
// DG14 = 6E { SET }: a wrong outer tag or trailing bytes are refused.
Result<SecurityInfos> ParseDg14(ByteView dg14);

// The DER SET (elements sorted by their encoding, as DER requires). kInvalidArgument for an OID that is not a
// dotted number.
Result<Bytes> EncodeSecurityInfos(const SecurityInfos& infos);
Result<Bytes> EncodeCardAccess(const SecurityInfos& infos);
Result<Bytes> EncodeDg14(const SecurityInfos& infos);

// What a protocol OID of PACE or chip authentication names.
struct ProtocolSuite {
    std::string family;         // "PACE", "CA", "PK", "TA", "AA"
    std::string key_agreement;  // "DH", "ECDH"; empty for TA and AA
    std::string mapping;        // PACE only: "GM", "IM", "CAM"
    std::string cipher;         // "3DES-CBC-CBC", "AES-CBC-CMAC"; empty when the OID names none
    int key_bits = 0;           // 112 for 3DES, 128/192/256 for AES; 0 when the OID names no cipher
};
// nullopt for an OID that is none of PACE, CA, PK, TA or AA.
std::optional<ProtocolSuite> DescribeProtocol(std::string_view oid);
// "PACE-ECDH-GM-AES-CBC-CMAC-128", "CA-ECDH-AES-CBC-CMAC-128", "CA-DH-3DES-CBC-CBC", "PK-ECDH", "TA", "AA",
// "PACE-ECDH-GM" (domain parameters); the OID itself when unknown.
std::string ProtocolName(std::string_view oid);
// The OpenSSL name of a standardized domain parameter id (Doc 9303 Part 11 section 9.5.1): 12 "prime256v1", 13
// "brainpoolP256r1", 0-2 "modp1024_160", "modp2048_224", "modp2048_256"; "" when unknown.
std::string_view StandardDomainParameterName(std::int64_t parameter_id);

}  // namespace precinct::identity
