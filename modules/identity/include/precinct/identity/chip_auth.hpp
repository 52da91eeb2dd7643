#pragma once
// Chip authentication with ECDH (ICAO Doc 9303 Part 11 section 6.2, BSI TR-03110), both sides. The terminal
// makes an ephemeral key pair on the domain of the chip's static public key (the SubjectPublicKeyInfo of DG14's
// ChipAuthenticationPublicKeyInfo, named curve or explicit parameters), sends its public point under the current
// secure messaging, and both sides derive K = x(SK * PK_other), KS_enc = KDF(K, 1), KS_mac = KDF(K, 2) and
// restart secure messaging with the protocol's cipher and SSC zero:
//
//   id-CA-ECDH-3DES-CBC-CBC (CA v1):       MSE:Set KAT 00 22 41 A6 {91 PK_IFD, [84 key id]}
//   id-CA-ECDH-AES-CBC-CMAC-128/192/256:   MSE:Set AT 00 22 41 A4 {80 OID, [84 key id]}
//                                          GENERAL AUTHENTICATE 00 86 00 00 {7C {80 PK_IFD}} Le 00 -> 7C 00
//
// Each command is sent and answered under the OLD keys; the new keys apply from the next command on.
//
// The proof is implicit: nothing in these answers shows that the chip holds the private key. Only a chip that
// does can compute K, so chip authentication has succeeded only once a later response (for instance READ BINARY
// of a data group) verifies under the new keys. A reader must not report success before that, and must treat a
// failure after re-keying as a failed chip authentication (a cloned chip): a response whose MAC does not verify
// (kUnauthenticated from SecureMessaging::UnwrapResponse), or the plain 6987/6988 with which a chip refuses a
// command it could not verify.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/crypto.hpp"
#include "precinct/identity/secure_messaging.hpp"

struct evp_pkey_st;

namespace precinct::identity {

inline constexpr std::string_view kCaEcdh3DesOid = "0.4.0.127.0.7.2.2.3.2.1";
inline constexpr std::string_view kCaEcdhAes128Oid = "0.4.0.127.0.7.2.2.3.2.2";
inline constexpr std::string_view kCaEcdhAes192Oid = "0.4.0.127.0.7.2.2.3.2.3";
inline constexpr std::string_view kCaEcdhAes256Oid = "0.4.0.127.0.7.2.2.3.2.4";

struct ChipAuthProtocol {
    std::string_view oid;
    std::string_view name;  // "id-CA-ECDH-AES-CBC-CMAC-128"
    KdfKeyType key_type;    // of the new session keys
    bool set_kat = false;   // true for 3DES: MSE:Set KAT alone; false: MSE:Set AT + GENERAL AUTHENTICATE
};

// The protocol of a ChipAuthenticationInfo OID. kUnavailable for the DH variants (0.4.0.127.0.7.2.2.3.1.x),
// kInvalidArgument for anything else.
Result<ChipAuthProtocol> ChipAuthProtocolFromOid(std::string_view oid);

// An EC key pair held by OpenSSL (EVP_PKEY): the chip's static chip-authentication key, or any key a test needs.
// Copies share the key; usable from several threads.
class EcKeyPair {
public:
    // A fresh key on a named curve ("prime256v1", "brainpoolP256r1", "secp384r1", ...). kInvalidArgument for an
    // unknown curve.
    static Result<EcKeyPair> Generate(std::string_view curve = "prime256v1");
    // From an unencrypted PKCS#8 PrivateKeyInfo (DER) of an EC key; kInvalidArgument otherwise.
    static Result<EcKeyPair> FromPkcs8Der(ByteView der);
    // The private key as a big-endian scalar on `curve` (tests with fixed keys).
    static Result<EcKeyPair> FromPrivateScalar(std::string_view curve, ByteView scalar);

    // The SubjectPublicKeyInfo (DER), as DG14's ChipAuthenticationPublicKeyInfo carries it: with the curve's
    // name, or with its explicit parameters (as many issued chips do) when `explicit_parameters`.
    Bytes SubjectPublicKeyInfoDer(bool explicit_parameters = false) const;
    // Unencrypted PKCS#8 PrivateKeyInfo (DER). Test material only.
    Bytes Pkcs8Der() const;
    // The public point, uncompressed (04 || X || Y).
    Bytes PublicPoint() const;
    // The OpenSSL key, owned by this object (and its copies).
    evp_pkey_st* get() const { return key_.get(); }

private:
    explicit EcKeyPair(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
    std::shared_ptr<evp_pkey_st> key_;
};

// ---- terminal side ----

// What the terminal sends and what it switches to.
struct ChipAuthTerminalRun {
    ChipAuthProtocol protocol;
    std::vector<CommandApdu> commands;  // in order, each under the current secure messaging, each must answer 9000
    Bytes terminal_public_key;          // PK_IFD, uncompressed
    Bytes shared_secret;                // K
    SecureMessaging secure_messaging;   // the new session, SSC zero: use it after the last answer
};

// Makes the ephemeral key and the commands. `chip_public_key_spki` is the chip's SubjectPublicKeyInfo (DER,
// exactly, no trailing bytes); `key_id` goes in 84 when the chip has several keys. kInvalidArgument for a key
// that does not decode or is not EC, kUnavailable/kInvalidArgument for the OID as ChipAuthProtocolFromOid.
Result<ChipAuthTerminalRun> StartChipAuthentication(std::string_view ca_oid, ByteView chip_public_key_spki,
                                                    std::optional<int> key_id = std::nullopt);
// The GENERAL AUTHENTICATE response data must be exactly 7C 00; kInvalidArgument otherwise.
Status CheckChipAuthenticationResponse(ByteView response_data);

// ---- chip side ----

// MSE:Set KAT data (3DES): 91 PK_IFD [84 key id].
struct CaSetKat {
    Bytes terminal_public_key;
    std::optional<int> key_id;
};
Result<CaSetKat> ParseCaMseSetKat(ByteView data);
// MSE:Set AT data for chip authentication: 80 OID [84 key id].
struct CaSetAt {
    std::string protocol_oid;  // dotted
    std::optional<int> key_id;
};
Result<CaSetAt> ParseCaMseSetAt(ByteView data);
// The terminal's public point from GENERAL AUTHENTICATE data 7C {80 PK_IFD}.
Result<Bytes> ParseCaGeneralAuthenticate(ByteView data);
// The GENERAL AUTHENTICATE response data: 7C 00.
Bytes CaGeneralAuthenticateResponse();

// The chip's new session from its static key and the terminal's public point (uncompressed or compressed, on
// the static key's curve): kInvalidArgument for a point not on the curve, kUnavailable/kInvalidArgument for the
// OID. The chip answers the command that carried the point under the old keys, then switches.
Result<SecureMessaging> ChipAuthenticationChipSession(std::string_view ca_oid, const EcKeyPair& chip_key,
                                                      ByteView terminal_public_key);

}  // namespace precinct::identity
