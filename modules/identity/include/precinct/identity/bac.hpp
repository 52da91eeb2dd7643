#pragma once
// Basic Access Control keys (ICAO Doc 9303 Part 11 section 4.3 and 9.7): the key seed from the MRZ's document
// number, date of birth and date of expiry with their check digits, and the 3DES keys K_enc and K_mac derived
// from it (section 9.7.1, with DES parity bits adjusted).
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

struct BacKeys {
    std::string mrz_information;  // document number (padded to 9 with '<') + cd + birth + cd + expiry + cd
    Bytes k_seed;                 // first 16 bytes of SHA-1(mrz_information)
    Bytes k_enc;
    Bytes k_mac;
};

// kInvalidArgument when the number is empty, longer than 22 characters or holds characters outside A-Z 0-9 '<',
// or a date is not six digits. Lower-case letters are upper-cased.
Result<BacKeys> DeriveBacKeys(std::string_view document_number, std::string_view date_of_birth,
                              std::string_view date_of_expiry);

// Doc 9303 Part 11 section 9.7.1: the 16-byte 3DES key SHA-1(seed || counter (4 bytes, big-endian))[0..16) with
// odd parity per byte; counter 1 for K_enc, 2 for K_mac.
Bytes Derive3DesKey(ByteView seed, std::uint32_t counter);
// Sets the lowest bit of each byte so every byte has odd parity (DES).
void AdjustDesParity(Bytes& key);
// SHA-1 of `data`.
Bytes Sha1(ByteView data);

}  // namespace precinct::identity
