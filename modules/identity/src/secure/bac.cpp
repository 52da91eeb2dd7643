#include "precinct/identity/bac.hpp"

#include <openssl/evp.h>

#include <bit>

#include "precinct/identity/check_digit.hpp"

namespace precinct::identity {

Bytes Sha1(ByteView data) {
    Bytes out(20);
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha1(), nullptr);
    out.resize(len);
    return out;
}

void AdjustDesParity(Bytes& key) {
    for (auto& b : key) {
        const int ones = std::popcount(static_cast<unsigned>(b & 0xFE));
        b = static_cast<std::uint8_t>((b & 0xFE) | (ones % 2 == 0 ? 1 : 0));
    }
}

Bytes Derive3DesKey(ByteView seed, std::uint32_t counter) {
    Bytes input(seed.begin(), seed.end());
    for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<std::uint8_t>(counter >> shift));
    Bytes key = Sha1(input);
    key.resize(16);
    AdjustDesParity(key);
    return key;
}

Result<BacKeys> DeriveBacKeys(std::string_view document_number, std::string_view date_of_birth,
                              std::string_view date_of_expiry) {
    std::string number;
    for (char c : document_number) {
        const char u = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (!((u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '<')) {
            return Fail(ErrorCode::kInvalidArgument, "document number: only letters, digits and '<'",
                        "document_number");
        }
        number.push_back(u);
    }
    if (number.empty() || number.size() > 22) {
        return Fail(ErrorCode::kInvalidArgument, "document number: 1 to 22 characters", "document_number");
    }
    auto six_digits = [](std::string_view s) {
        if (s.size() != 6) return false;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
        }
        return true;
    };
    if (!six_digits(date_of_birth)) return Fail(ErrorCode::kInvalidArgument, "date of birth: YYMMDD", "date_of_birth");
    if (!six_digits(date_of_expiry)) {
        return Fail(ErrorCode::kInvalidArgument, "date of expiry: YYMMDD", "date_of_expiry");
    }
    while (number.size() < 9) number.push_back('<');
    BacKeys keys;
    auto with_cd = [](std::string_view field) { return std::string(field) + char('0' + *MrzCheckDigit(field)); };
    keys.mrz_information = with_cd(number) + with_cd(date_of_birth) + with_cd(date_of_expiry);
    keys.k_seed = Sha1(ToBytes(keys.mrz_information));
    keys.k_seed.resize(16);
    keys.k_enc = Derive3DesKey(keys.k_seed, 1);
    keys.k_mac = Derive3DesKey(keys.k_seed, 2);
    return keys;
}

}  // namespace precinct::identity
