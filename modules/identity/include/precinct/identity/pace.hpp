#pragma once
// PACE v2 (ICAO Doc 9303 Part 11 sections 4.4 and 9, BSI TR-03110) with ECDH generic mapping, both sides:
//
//   terminal (PaceTerminal)                                   chip (PaceChip)
//   MSE:Set AT 00 22 C1 A4 {80 OID, 83 password ref, [84 id]} ->  ParsePaceMseSetAt, PaceChip::Create
//   GA 1: 10 86 00 00 {7C 00}                             ->
//                                                         <-  7C {80 z},  z = E(K_pi, s), IV zero
//   decrypt s; GA 2: 10 86 00 00 {7C {81 PK_map,IFD}}     ->
//                                                         <-  7C {82 PK_map,IC}
//   H = SK_map * PK_map,other (both sides), G' = s*G + H
//   GA 3: 10 86 00 00 {7C {83 PK_IFD}} (PK = SK * G')     ->
//                                                         <-  7C {84 PK_IC}
//   K = x(SK_IFD * PK_IC) = x(SK_IC * PK_IFD); KS_enc = KDF(K, 1), KS_mac = KDF(K, 2)
//   GA 4: 00 86 00 00 {7C {85 T_IFD}}                     ->  checks T_IFD
//                                                         <-  7C {86 T_IC}
//   checks T_IC; both continue with secure messaging, SSC zero.
//
// K_pi = KDF(f(password), 3) where f is SHA-1 of the MRZ information (see MrzInformation in bac.hpp) or the CAN
// itself. Tokens: T = MAC8(KS_mac, 7F49 {06 OID, 86 the OTHER side's ephemeral public point}); AES-CMAC over the
// bare structure, or for 3DES the retail MAC over it padded. Points travel uncompressed (04 || X || Y). GENERAL
// AUTHENTICATE steps 1-3 are chained (CLA 10), step 4 is not (CLA 00); every one carries Le 00.
//
// Supported: id-PACE-ECDH-GM-3DES-CBC-CBC and id-PACE-ECDH-GM-AES-CBC-CMAC-128/192/256 on the standardized
// elliptic-curve domain parameters 8-18. Not supported: DH (ids 0-2), integrated and chip-authentication mapping.
//
// Randomness can be fixed through PaceSecrets so that the worked example of Doc 9303 Part 11 Appendix G.1 is
// reproduced byte for byte; empty fields are drawn from the CSPRNG. Neither class is thread-safe; both are
// movable, not copyable.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/crypto.hpp"
#include "precinct/identity/secure_messaging.hpp"

namespace precinct::identity {

inline constexpr std::string_view kPaceEcdhGm3DesOid = "0.4.0.127.0.7.2.2.4.2.1";
inline constexpr std::string_view kPaceEcdhGmAes128Oid = "0.4.0.127.0.7.2.2.4.2.2";
inline constexpr std::string_view kPaceEcdhGmAes192Oid = "0.4.0.127.0.7.2.2.4.2.3";
inline constexpr std::string_view kPaceEcdhGmAes256Oid = "0.4.0.127.0.7.2.2.4.2.4";

inline constexpr std::uint8_t kInsManageSecurityEnvironment = 0x22;
inline constexpr std::uint8_t kInsGeneralAuthenticate = 0x86;
// CLA bit of command chaining (GENERAL AUTHENTICATE steps before the last).
inline constexpr std::uint8_t kClaChaining = 0x10;

// Password reference of MSE:Set AT (tag 83).
enum class PacePasswordType : std::uint8_t { kMrz = 1, kCan = 2 };
// "MRZ" or "CAN".
std::string_view PacePasswordTypeName(PacePasswordType type);

struct PaceProtocol {
    std::string_view oid;
    std::string_view name;  // "id-PACE-ECDH-GM-AES-CBC-CMAC-128"
    KdfKeyType key_type;    // of K_pi, KS_enc and KS_mac; its cipher is the secure messaging cipher
};

// The supported protocol of `oid` (dotted form). kUnavailable for PACE OIDs this library does not implement
// (DH, integrated or chip-authentication mapping), kInvalidArgument for anything else.
Result<PaceProtocol> PaceProtocolFromOid(std::string_view oid);

// The OpenSSL curve name of a standardized domain parameter id (Doc 9303 Part 11 table of section 9.5.1):
// 8 prime192v1 (NIST P-192), 9 brainpoolP192r1, 10 secp224r1 (NIST P-224), 11 brainpoolP224r1, 12 prime256v1
// (NIST P-256), 13 brainpoolP256r1, 14 brainpoolP320r1, 15 secp384r1 (NIST P-384), 16 brainpoolP384r1,
// 17 brainpoolP512r1, 18 secp521r1 (NIST P-521). kUnavailable for the DH groups 0-2, kInvalidArgument otherwise.
Result<std::string_view> StandardizedDomainCurve(int parameter_id);

// f(password): SHA-1 of the MRZ information for kMrz (24 or more characters from MrzInformation), the CAN bytes
// for kCan (ASCII digits, 1 to 10 of them; cards print 6). kInvalidArgument when the password does not fit.
Result<Bytes> PacePasswordKey(PacePasswordType type, std::string_view password);
// K_pi = KDF(f(password), 3) for the key type of `protocol`.
Result<Bytes> PacePasswordCipherKey(const PaceProtocol& protocol, PacePasswordType type, std::string_view password);

// The data of MSE:Set AT for PACE.
struct PaceMseSetAt {
    std::string protocol_oid;  // dotted
    PacePasswordType password_type = PacePasswordType::kMrz;
    std::optional<int> parameter_id;  // tag 84: the domain parameters' id, when the chip offers several
};
// 00 22 C1 A4 with 80 OID || 83 01 ref || [84 01 id]. kInvalidArgument for a malformed OID or an id outside 0-255.
Result<CommandApdu> PaceMseSetAtCommand(const PaceMseSetAt& mse);
// The chip's reading of MSE:Set AT data. kInvalidArgument naming what is wrong: not TLV, 80 or 83 missing or
// repeated, a password reference other than 01/02, an 84 of more than one byte. Tags it does not use (7F4C, 67,
// 91) are skipped.
Result<PaceMseSetAt> ParsePaceMseSetAt(ByteView data);

// Fixed randomness; empty fields are drawn at random. Scalars are big-endian and must lie in [1, n-1].
struct PaceSecrets {
    Bytes nonce;                  // chip only: s, a whole number of cipher blocks (drawn: one block, 8 or 16)
    Bytes mapping_private_key;    // SK_map
    Bytes ephemeral_private_key;  // SK on the mapped generator
};

// What one side sent, received and computed, for tests and diagnostics. Points uncompressed (04 || X || Y).
struct PaceTrace {
    Bytes k_pi;
    Bytes encrypted_nonce;  // z
    Bytes nonce;            // s
    Bytes terminal_mapping_public_key;
    Bytes chip_mapping_public_key;
    Bytes shared_point_h;
    Bytes mapped_generator;
    Bytes terminal_ephemeral_public_key;
    Bytes chip_ephemeral_public_key;
    Bytes shared_secret;  // K
    Bytes ks_enc;
    Bytes ks_mac;
    Bytes terminal_token;  // T_IFD
    Bytes chip_token;      // T_IC
};

// The outcome of a completed PACE, on either side.
struct PaceOutcome {
    PaceProtocol protocol;
    int parameter_id = 0;
    Bytes ks_enc;
    Bytes ks_mac;
    Bytes chip_ephemeral_public_key;   // PK_IC, from which chip authentication v2/v3 derives ID_IC
    SecureMessaging secure_messaging;  // the protocol's cipher, SSC zero
};

// The terminal's half. Call the steps in order; each returns the next GENERAL AUTHENTICATE command, the
// argument being the previous response's data (the caller checks its status word first). A step out of order,
// or any step after a failure, fails with kConflict.
class PaceTerminal {
public:
    // kInvalidArgument/kUnavailable as PaceProtocolFromOid, StandardizedDomainCurve and PacePasswordKey;
    // kInvalidArgument for a fixed scalar out of range.
    static Result<PaceTerminal> Create(std::string_view protocol_oid, int parameter_id, PacePasswordType type,
                                       std::string_view password, const PaceSecrets& secrets = {});
    PaceTerminal(PaceTerminal&&) noexcept;
    PaceTerminal& operator=(PaceTerminal&&) noexcept;
    PaceTerminal(const PaceTerminal&) = delete;
    PaceTerminal& operator=(const PaceTerminal&) = delete;
    ~PaceTerminal();

    // MSE:Set AT for this protocol and password; 84 with the parameter id when `with_parameter_id`.
    CommandApdu MseSetAtCommand(bool with_parameter_id = true) const;
    // Step 1: 10 86 00 00 02 7C 00 00.
    CommandApdu EncryptedNonceCommand();
    // Step 2 from the step-1 response (7C {80 z}): decrypts s, sends the mapping public key.
    Result<CommandApdu> MapNonceCommand(ByteView step1_response_data);
    // Step 3 from the step-2 response (7C {82 PK_map,IC}): refuses a point not on the curve or equal to the
    // terminal's own (kInvalidArgument), maps the generator, sends the ephemeral public key.
    Result<CommandApdu> KeyAgreementCommand(ByteView step2_response_data);
    // Step 4 from the step-3 response (7C {84 PK_IC}): the same point checks, then K, the session keys and T_IFD.
    Result<CommandApdu> MutualAuthenticationCommand(ByteView step3_response_data);
    // Checks T_IC from the step-4 response (7C {86 T_IC}); kUnauthenticated when it is wrong.
    Result<PaceOutcome> Finish(ByteView step4_response_data);

    const PaceTrace& trace() const;

private:
    struct Impl;
    explicit PaceTerminal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The chip's half, created when MSE:Set AT selected PACE with a password the chip knows.
class PaceChip {
public:
    // The same errors as PaceTerminal::Create.
    static Result<PaceChip> Create(std::string_view protocol_oid, int parameter_id, PacePasswordType type,
                                   std::string_view password, const PaceSecrets& secrets = {});
    PaceChip(PaceChip&&) noexcept;
    PaceChip& operator=(PaceChip&&) noexcept;
    PaceChip(const PaceChip&) = delete;
    PaceChip& operator=(const PaceChip&) = delete;
    ~PaceChip();

    // Answers the next GENERAL AUTHENTICATE (its command data, 7C ...) with the response data (7C ...). Steps
    // 1-4 in order. Errors, with the status word a chip answers: kInvalidArgument for malformed data or a
    // rejected point (6A80), kUnauthenticated for a wrong T_IFD (6300), kConflict for a call after completion or
    // after a failure (6985). Chaining (CLA 10 on steps 1-3) is the caller's to check.
    Result<Bytes> Answer(ByteView command_data);
    // True once step 4 was answered.
    bool completed() const;
    // The keys after completion; kConflict before.
    Result<PaceOutcome> Outcome() const;

    const PaceTrace& trace() const;

private:
    struct Impl;
    explicit PaceChip(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace precinct::identity
