#include "precinct/identity/bac.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "precinct/identity/check_digit.hpp"

namespace precinct::identity {

namespace {

constexpr std::size_t kRndBytes = 8;
constexpr std::size_t kKeyMaterialBytes = 16;
constexpr std::size_t kCryptogramCipherBytes = 32;
const Bytes kZeroIv(8, 0x00);

Status CheckLength(ByteView value, std::size_t expected, std::string_view what) {
    if (value.size() != expected) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("BAC: {} of {} bytes ({} expected)", what, value.size(), expected));
    }
    return Ok();
}

Status CheckSecrets(ByteView rnd, ByteView key, std::string_view rnd_name, std::string_view key_name) {
    if (auto s = CheckLength(rnd, kRndBytes, rnd_name); !s) return s;
    return CheckLength(key, kKeyMaterialBytes, key_name);
}

// E || M for the 32-byte plain text `s`: E = 3DES-CBC(K_enc, IV 0, s), M = RetailMac(K_mac, pad(E)).
Result<Bytes> Cryptogram(const BacKeys& keys, ByteView s) {
    auto e = TripleDesCbcEncrypt(keys.k_enc, kZeroIv, s);
    if (!e) return e;
    auto m = RetailMac(keys.k_mac, PadIso9797Method2(*e, 8));
    if (!m) return m;
    return Concat({*e, *m});
}

// Checks M over E and decrypts E for a 40-byte E || M. `side` names the sender in errors.
Result<Bytes> OpenCryptogram(const BacKeys& keys, ByteView cryptogram, std::string_view side) {
    if (cryptogram.size() != kBacCryptogramBytes) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("BAC: the {} cryptogram has {} bytes ({} expected)", side,
                                                             cryptogram.size(), kBacCryptogramBytes));
    }
    const ByteView e = cryptogram.first(kCryptogramCipherBytes);
    const ByteView m = cryptogram.subspan(kCryptogramCipherBytes);
    auto expected = RetailMac(keys.k_mac, PadIso9797Method2(e, 8));
    if (!expected) return expected;
    if (!ConstantTimeEqual(*expected, m)) {
        return Fail(ErrorCode::kUnauthenticated, fmt::format("BAC: the {} cryptogram's MAC is wrong", side));
    }
    return TripleDesCbcDecrypt(keys.k_enc, kZeroIv, e);
}

Status CheckKeys(const BacKeys& keys) {
    if (keys.k_enc.size() != 16 || keys.k_mac.size() != 16) {
        return Fail(ErrorCode::kInvalidArgument, "BAC: K_enc and K_mac must be 16 bytes");
    }
    return Ok();
}

}  // namespace

Result<std::string> MrzInformation(std::string_view document_number, std::string_view date_of_birth,
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
        return s.size() == 6 && std::ranges::all_of(s, [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!six_digits(date_of_birth)) return Fail(ErrorCode::kInvalidArgument, "date of birth: YYMMDD", "date_of_birth");
    if (!six_digits(date_of_expiry)) {
        return Fail(ErrorCode::kInvalidArgument, "date of expiry: YYMMDD", "date_of_expiry");
    }
    while (number.size() < 9) number.push_back('<');
    auto with_cd = [](std::string_view field) { return std::string(field) + char('0' + *MrzCheckDigit(field)); };
    return with_cd(number) + with_cd(date_of_birth) + with_cd(date_of_expiry);
}

Result<BacKeys> DeriveBacKeys(std::string_view document_number, std::string_view date_of_birth,
                              std::string_view date_of_expiry) {
    auto mrz_information = MrzInformation(document_number, date_of_birth, date_of_expiry);
    if (!mrz_information) return Fail(mrz_information.error());
    BacKeys keys;
    keys.mrz_information = std::move(*mrz_information);
    keys.k_seed = Sha1(ToBytes(keys.mrz_information));
    keys.k_seed.resize(16);
    keys.k_enc = Derive3DesKey(keys.k_seed, 1);
    keys.k_mac = Derive3DesKey(keys.k_seed, 2);
    return keys;
}

Result<BacSessionKeys> DeriveBacSessionKeys(ByteView k_ifd, ByteView k_ic, ByteView rnd_ic, ByteView rnd_ifd) {
    if (auto s = CheckSecrets(rnd_ifd, k_ifd, "RND.IFD", "K.IFD"); !s) return Fail(s.error());
    if (auto s = CheckSecrets(rnd_ic, k_ic, "RND.IC", "K.IC"); !s) return Fail(s.error());
    BacSessionKeys session;
    session.ks_seed.resize(kKeyMaterialBytes);
    for (std::size_t i = 0; i < kKeyMaterialBytes; ++i) {
        session.ks_seed[i] = static_cast<std::uint8_t>(k_ifd[i] ^ k_ic[i]);
    }
    session.ks_enc = Derive3DesKey(session.ks_seed, 1);
    session.ks_mac = Derive3DesKey(session.ks_seed, 2);
    session.ssc = Concat({rnd_ic.subspan(4), rnd_ifd.subspan(4)});
    return session;
}

Result<BacTerminalSecrets> NewBacTerminalSecrets() {
    auto rnd = RandomBytes(kRndBytes);
    if (!rnd) return Fail(rnd.error());
    auto key = RandomBytes(kKeyMaterialBytes);
    if (!key) return Fail(key.error());
    return BacTerminalSecrets{std::move(*rnd), std::move(*key)};
}

Result<Bytes> BacTerminalCryptogram(const BacKeys& keys, ByteView rnd_ic, const BacTerminalSecrets& secrets) {
    if (auto s = CheckKeys(keys); !s) return Fail(s.error());
    if (auto s = CheckLength(rnd_ic, kRndBytes, "RND.IC (the GET CHALLENGE answer)"); !s) return Fail(s.error());
    if (auto s = CheckSecrets(secrets.rnd_ifd, secrets.k_ifd, "RND.IFD", "K.IFD"); !s) return Fail(s.error());
    return Cryptogram(keys, Concat({secrets.rnd_ifd, rnd_ic, secrets.k_ifd}));
}

Result<BacSessionKeys> BacTerminalFinish(const BacKeys& keys, ByteView rnd_ic, const BacTerminalSecrets& secrets,
                                         ByteView response) {
    if (auto s = CheckKeys(keys); !s) return Fail(s.error());
    if (auto s = CheckLength(rnd_ic, kRndBytes, "RND.IC"); !s) return Fail(s.error());
    if (auto s = CheckSecrets(secrets.rnd_ifd, secrets.k_ifd, "RND.IFD", "K.IFD"); !s) return Fail(s.error());
    auto r = OpenCryptogram(keys, response, "chip's");
    if (!r) return Fail(r.error());
    const ByteView plain(*r);
    if (!ConstantTimeEqual(plain.first(kRndBytes), rnd_ic) ||
        !ConstantTimeEqual(plain.subspan(kRndBytes, kRndBytes), secrets.rnd_ifd)) {
        return Fail(ErrorCode::kUnauthenticated, "BAC: the chip's answer does not carry RND.IC || RND.IFD");
    }
    return DeriveBacSessionKeys(secrets.k_ifd, plain.subspan(2 * kRndBytes), rnd_ic, secrets.rnd_ifd);
}

Result<BacChipSecrets> NewBacChipSecrets() {
    auto rnd = RandomBytes(kRndBytes);
    if (!rnd) return Fail(rnd.error());
    auto key = RandomBytes(kKeyMaterialBytes);
    if (!key) return Fail(key.error());
    return BacChipSecrets{std::move(*rnd), std::move(*key)};
}

Result<BacChipAnswer> AnswerBacExternalAuthenticate(const BacKeys& keys, const BacChipSecrets& secrets,
                                                    ByteView command_data) {
    if (auto s = CheckKeys(keys); !s) return Fail(s.error());
    if (auto s = CheckSecrets(secrets.rnd_ic, secrets.k_ic, "RND.IC", "K.IC"); !s) return Fail(s.error());
    auto s = OpenCryptogram(keys, command_data, "terminal's");
    if (!s) return Fail(s.error());
    const ByteView plain(*s);
    const ByteView rnd_ifd = plain.first(kRndBytes);
    if (!ConstantTimeEqual(plain.subspan(kRndBytes, kRndBytes), secrets.rnd_ic)) {
        return Fail(ErrorCode::kUnauthenticated, "BAC: the terminal's cryptogram does not carry the last RND.IC");
    }
    const ByteView k_ifd = plain.subspan(2 * kRndBytes);
    auto response = Cryptogram(keys, Concat({secrets.rnd_ic, rnd_ifd, secrets.k_ic}));
    if (!response) return Fail(response.error());
    auto session = DeriveBacSessionKeys(k_ifd, secrets.k_ic, secrets.rnd_ic, rnd_ifd);
    if (!session) return Fail(session.error());
    return BacChipAnswer{std::move(*response), std::move(*session)};
}

}  // namespace precinct::identity
