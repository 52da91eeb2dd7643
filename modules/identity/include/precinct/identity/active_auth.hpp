#pragma once
// Active authentication (ICAO Doc 9303 Part 11 section 6.1): the chip signs a challenge from the terminal with
// the private key whose public half is in DG15, proving the chip is not a copy.
//   RSA:   INTERNAL AUTHENTICATE returns an ISO/IEC 9796-2 digital signature scheme 1 signature (partial message
//          recovery): the recovered block is 0x6A || M1 || H(M1 || challenge) || trailer, the trailer being 0xBC
//          (SHA-1) or <hash identifier> 0xCC (0x38 SHA-224, 0x34 SHA-256, 0x36 SHA-384, 0x35 SHA-512).
//   ECDSA: a plain signature r || s (BSI TR-03111), each the byte length of the curve order, over the challenge
//          hashed with the algorithm DG14's ActiveAuthenticationInfo names (ecdsa-with-SHA1/224/256/384/512).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "precinct/identity/bytes.hpp"

struct evp_pkey_st;

namespace precinct::identity {

// The challenge length of INTERNAL AUTHENTICATE for active authentication (RND.IFD).
inline constexpr std::size_t kAaChallengeBytes = 8;

enum class AaHash { kSha1, kSha224, kSha256, kSha384, kSha512 };

// "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512".
std::string_view AaHashName(AaHash hash);
// The ecdsa-with-SHA* OID for `hash` ("1.2.840.10045.4.3.2" for SHA-256; SHA-1 is "1.2.840.10045.4.1").
std::string_view EcdsaOidForHash(AaHash hash);
// The hash of an ecdsa-with-SHA* OID (the ActiveAuthenticationInfo signatureAlgorithm); nullopt if unknown.
std::optional<AaHash> AaHashFromEcdsaOid(std::string_view oid);

struct AaPublicKeyInfo {
    std::string key_type;  // "RSA" or "EC"
    int bits = 0;          // RSA modulus bits, EC order bits
    std::string curve;     // EC group name ("prime256v1", "brainpoolP256r1"); empty for RSA or explicit parameters
};

// Describes a SubjectPublicKeyInfo (the contents of DG15, without its 0x6F wrapper). kInvalidArgument when it
// does not decode, has trailing bytes, or is neither RSA nor EC.
Result<AaPublicKeyInfo> DescribeAaPublicKey(ByteView spki_der);

struct ActiveAuthOutcome {
    bool verified = false;
    std::string protocol;  // "AA-RSA-ISO9796-2-SHA1", "AA-ECDSA-SHA256"
    std::string detail;    // why it verified or not, in English
    AaPublicKeyInfo key;
};

// Verifies the response to INTERNAL AUTHENTICATE. `dg15_spki_der` is the SubjectPublicKeyInfo of DG15;
// `ecdsa_hash_oid` the signatureAlgorithm of DG14's ActiveAuthenticationInfo (required for EC keys, ignored for
// RSA). Fails (kInvalidArgument) only when the check cannot be made: a key that does not decode or is not RSA/EC,
// a challenge that is not 8 bytes, an EC key without a known ecdsa-with-SHA* OID. A signature that is wrong in
// any way, including its length, gives verified == false with the reason. Thread-safe.
Result<ActiveAuthOutcome> VerifyActiveAuthentication(ByteView dg15_spki_der, ByteView challenge8, ByteView signature,
                                                     std::optional<std::string> ecdsa_hash_oid = std::nullopt);

// A chip's active authentication private key (RSA or EC). Copies share the key; usable from several threads.
class AaPrivateKey {
public:
    // RSA with public exponent 65537; `bits` a multiple of 8 in 1024-4096.
    static Result<AaPrivateKey> GenerateRsa(int bits);
    // EC on a named curve ("prime256v1", "secp384r1", "brainpoolP256r1", ...).
    static Result<AaPrivateKey> GenerateEc(std::string_view curve = "prime256v1");
    // From an unencrypted PKCS#8 PrivateKeyInfo (DER).
    static Result<AaPrivateKey> FromPkcs8Der(ByteView der);

    bool is_rsa() const;
    // The SubjectPublicKeyInfo (DER), the content of DG15 (DG15 = EncodeTlv(0x6F, spki)).
    Bytes SubjectPublicKeyInfoDer() const;
    // Unencrypted PKCS#8 PrivateKeyInfo (DER). Test material only.
    Bytes Pkcs8Der() const;

private:
    explicit AaPrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
    friend Result<Bytes> SignActiveAuthentication(const AaPrivateKey& key, ByteView challenge, AaHash hash);

    std::shared_ptr<evp_pkey_st> key_;
};

// The chip side: exactly the data of the INTERNAL AUTHENTICATE response. RSA: ISO/IEC 9796-2 scheme 1 with a
// fresh random M1 (trailer 0xBC for SHA-1, else <id> 0xCC); EC: plain r || s. `challenge` must be 8 bytes.
// Thread-safe.
Result<Bytes> SignActiveAuthentication(const AaPrivateKey& key, ByteView challenge, AaHash hash);

}  // namespace precinct::identity
