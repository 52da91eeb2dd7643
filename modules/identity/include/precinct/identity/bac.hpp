#pragma once
// Basic Access Control (ICAO Doc 9303 Part 11 sections 4.3 and 9.7): the key seed from the MRZ's document number,
// date of birth and date of expiry with their check digits, the 3DES keys K_enc and K_mac derived from it
// (section 9.7.1, with DES parity bits adjusted), and both sides of the mutual authentication:
//
//   terminal                                           chip
//   GET CHALLENGE 00 84 00 00 08            ->
//                                           <-         RND.IC (8 bytes)
//   EXTERNAL AUTHENTICATE 00 82 00 00 28
//     E_IFD || M_IFD (BacTerminalCryptogram) ->        AnswerBacExternalAuthenticate: checks M_IFD, RND.IC
//                                           <-         E_IC || M_IC
//   BacTerminalFinish: checks M_IC, RND.IFD
//   both: KS_seed = K.IFD xor K.IC -> KS_enc, KS_mac; SSC = RND.IC[4..8) || RND.IFD[4..8)
//
// S = RND.IFD || RND.IC || K.IFD, E_IFD = 3DES-CBC(K_enc, IV 0, S), M_IFD = RetailMac(K_mac, pad(E_IFD)); the chip
// answers with R = RND.IC || RND.IFD || K.IC the same way. Randomness is injected (BacTerminalSecrets,
// BacChipSecrets) so that the worked example can be reproduced; New*Secrets draw it from the CSPRNG.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/crypto.hpp"

namespace precinct::identity {

inline constexpr std::uint8_t kInsGetChallenge = 0x84;
inline constexpr std::uint8_t kInsExternalAuthenticate = 0x82;
// Length of E_IFD || M_IFD and of E_IC || M_IC.
inline constexpr std::size_t kBacCryptogramBytes = 40;

struct BacKeys {
    std::string mrz_information;  // document number (padded to 9 with '<') + cd + birth + cd + expiry + cd
    Bytes k_seed;                 // first 16 bytes of SHA-1(mrz_information)
    Bytes k_enc;
    Bytes k_mac;
};

// The MRZ information string: the document number with its check digit, then date of birth and date of expiry
// (YYMMDD) each with its check digit. A number shorter than 9 characters is padded with '<'; a longer one
// (TD1/TD2 long document numbers, up to 22 characters) is used in full, followed by its check digit.
// kInvalidArgument when the number is empty, longer than 22 characters or holds characters outside A-Z 0-9 '<',
// or a date is not six digits. Lower-case letters are upper-cased.
Result<std::string> MrzInformation(std::string_view document_number, std::string_view date_of_birth,
                                   std::string_view date_of_expiry);

// The BAC keys of MrzInformation(...); the same errors.
Result<BacKeys> DeriveBacKeys(std::string_view document_number, std::string_view date_of_birth,
                              std::string_view date_of_expiry);

// The session of a completed BAC: 3DES keys and the initial send sequence counter.
struct BacSessionKeys {
    Bytes ks_seed;  // K.IFD xor K.IC (16 bytes)
    Bytes ks_enc;
    Bytes ks_mac;
    Bytes ssc;  // 8 bytes: RND.IC[4..8) || RND.IFD[4..8)
};

// KS_seed, KS_enc, KS_mac and SSC from both sides' contributions. kInvalidArgument on wrong lengths (RND 8 bytes,
// K 16 bytes).
Result<BacSessionKeys> DeriveBacSessionKeys(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd);

// ---- terminal side ----

// The terminal's random contributions.
struct BacTerminalSecrets {
    Bytes rnd_ifd;  // 8 bytes
    Bytes k_ifd;    // 16 bytes
};
Result<BacTerminalSecrets> NewBacTerminalSecrets();

// The EXTERNAL AUTHENTICATE command data E_IFD || M_IFD (40 bytes) for the chip's challenge `rnd_ic` (8 bytes).
Result<Bytes> BacTerminalCryptogram(const BacKeys& keys, ByteView rnd_ic, const BacTerminalSecrets& secrets);
// Checks the chip's answer E_IC || M_IC: the MAC (kUnauthenticated when wrong), then that R holds RND.IC and
// RND.IFD (kUnauthenticated otherwise); returns the session keys. kInvalidArgument when `response` is not
// 40 bytes.
Result<BacSessionKeys> BacTerminalFinish(const BacKeys& keys, ByteView rnd_ic, const BacTerminalSecrets& secrets,
                                         ByteView response);

// ---- chip side ----

// The chip's random contributions: RND.IC is the answer to GET CHALLENGE.
struct BacChipSecrets {
    Bytes rnd_ic;  // 8 bytes
    Bytes k_ic;    // 16 bytes
};
Result<BacChipSecrets> NewBacChipSecrets();

struct BacChipAnswer {
    Bytes response;  // E_IC || M_IC, the EXTERNAL AUTHENTICATE response data (40 bytes)
    BacSessionKeys session;
};

// Checks the terminal's EXTERNAL AUTHENTICATE data (`command_data`, E_IFD || M_IFD) against the keys of the
// chip's MRZ and its last challenge, and answers. kInvalidArgument when the data is not 40 bytes (a chip answers
// 6700); kUnauthenticated for a wrong MAC or a cryptogram that does not carry RND.IC (a chip answers 6300).
Result<BacChipAnswer> AnswerBacExternalAuthenticate(const BacKeys& keys, const BacChipSecrets& secrets,
                                                    ByteView command_data);

}  // namespace precinct::identity
