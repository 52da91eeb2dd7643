#include "precinct/identity/secure_messaging.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::uint32_t kTagCryptogramPadded = 0x87;  // 01 || cryptogram
constexpr std::uint32_t kTagCryptogramTlv = 0x85;     // cryptogram of BER-TLV data (odd INS)
constexpr std::uint32_t kTagLe = 0x97;
constexpr std::uint32_t kTagStatus = 0x99;
constexpr std::uint32_t kTagMac = 0x8E;
constexpr std::uint8_t kPaddingIndicator = 0x01;
constexpr std::size_t kMaxShortData = 255;
constexpr std::size_t kMaxCommandData = 65535;
constexpr std::size_t kMaxResponseData = 65536;

std::string DoName(std::uint32_t tag) { return "DO" + TagName(tag); }

// The data objects of a protected message, each at most once and in the order of `order`.
struct ProtectedObjects {
    std::optional<Tlv> cryptogram;  // DO87 or DO85
    std::optional<Tlv> le;          // DO97 (commands)
    std::optional<Tlv> status;      // DO99 (responses)
    std::optional<Tlv> mac;         // DO8E
};

// Splits `data` into the data objects allowed in `slots` (in that order; 0x87 and 0x85 share the first slot).
// Refuses unknown tags, repeated objects and objects out of order, naming them.
Result<ProtectedObjects> SplitObjects(ByteView data, const std::vector<std::uint32_t>& slots, std::string_view what) {
    auto items = ReadAllTlv(data);
    if (!items) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", what, items.error().message));
    ProtectedObjects objects;
    std::size_t next_slot = 0;
    std::vector<std::uint32_t> seen;
    for (const Tlv& item : *items) {
        const std::uint32_t slot_tag = item.tag == kTagCryptogramTlv ? kTagCryptogramPadded : item.tag;
        for (std::uint32_t s : seen) {
            const std::uint32_t seen_slot = s == kTagCryptogramTlv ? kTagCryptogramPadded : s;
            if (seen_slot == slot_tag) {
                return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {} appears twice", what, DoName(item.tag)));
            }
        }
        std::size_t position = next_slot;
        while (position < slots.size() && slots[position] != slot_tag) ++position;
        if (position == slots.size()) {
            bool known = false;
            for (std::uint32_t s : slots) known = known || s == slot_tag;
            if (!known) {
                return Fail(ErrorCode::kInvalidArgument,
                            fmt::format("{}: unexpected data object {}", what, DoName(item.tag)));
            }
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: {} out of order (after {})", what, DoName(item.tag), DoName(seen.back())));
        }
        next_slot = position + 1;
        seen.push_back(item.tag);
        switch (slot_tag) {
            case kTagCryptogramPadded: objects.cryptogram = item; break;
            case kTagLe: objects.le = item; break;
            case kTagStatus: objects.status = item; break;
            default: objects.mac = item; break;
        }
    }
    if (!objects.mac) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: DO8E (the MAC) is missing", what));
    if (objects.mac->value.size() != kSmMacBytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: DO8E has length {} ({} expected)", what, objects.mac->value.size(), kSmMacBytes));
    }
    return objects;
}

}  // namespace

SecureMessaging::SecureMessaging(SmCipher cipher, Bytes ks_enc, Bytes ks_mac, Bytes ssc)
    : cipher_(cipher), ks_enc_(std::move(ks_enc)), ks_mac_(std::move(ks_mac)), ssc_(std::move(ssc)) {}

Result<SecureMessaging> SecureMessaging::Create(SmCipher cipher, ByteView ks_enc, ByteView ks_mac, ByteView ssc) {
    const std::size_t block = BlockSize(cipher);
    if (cipher == SmCipher::kTripleDes) {
        if (ks_enc.size() != 16 || ks_mac.size() != 16) {
            return Fail(ErrorCode::kInvalidArgument, "secure messaging: 3DES keys must be 16 bytes");
        }
    } else {
        const std::size_t n = ks_enc.size();
        if ((n != 16 && n != 24 && n != 32) || ks_mac.size() != n) {
            return Fail(ErrorCode::kInvalidArgument, "secure messaging: AES keys must both be 16, 24 or 32 bytes");
        }
    }
    if (ssc.size() != block) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("secure messaging: SSC of {} bytes ({} for {})",
                                                             ssc.size(), block, SmCipherName(cipher)));
    }
    return SecureMessaging(cipher, Bytes(ks_enc.begin(), ks_enc.end()), Bytes(ks_mac.begin(), ks_mac.end()),
                           Bytes(ssc.begin(), ssc.end()));
}

Result<SecureMessaging> SecureMessaging::Create(SmCipher cipher, ByteView ks_enc, ByteView ks_mac) {
    return Create(cipher, ks_enc, ks_mac, Bytes(BlockSize(cipher), 0x00));
}

Result<SecureMessaging> SecureMessaging::FromBac(const BacSessionKeys& session) {
    return Create(SmCipher::kTripleDes, session.ks_enc, session.ks_mac, session.ssc);
}

bool SecureMessaging::IsProtected(const CommandApdu& command) {
    return (command.cla & kClaSecureMessaging) == kClaSecureMessaging;
}

void SecureMessaging::IncrementSsc() {
    for (std::size_t i = ssc_.size(); i > 0; --i) {
        if (++ssc_[i - 1] != 0) break;
    }
}

Result<Bytes> SecureMessaging::Mac(ByteView data_unpadded) const {
    return Mac8(cipher_, ks_mac_, PadIso9797Method2(Concat({ssc_, data_unpadded}), BlockSize(cipher_)));
}

Result<Bytes> SecureMessaging::Iv() const {
    if (cipher_ == SmCipher::kTripleDes) return Bytes(8, 0x00);
    return AesEcbEncryptBlock(ks_enc_, ssc_);
}

Result<Bytes> SecureMessaging::Encrypt(ByteView plain) const {
    auto iv = Iv();
    if (!iv) return iv;
    return CbcEncrypt(cipher_, ks_enc_, *iv, PadIso9797Method2(plain, BlockSize(cipher_)));
}

Result<Bytes> SecureMessaging::DecryptObject(const Tlv& object, std::string_view what) const {
    ByteView cryptogram = object.value;
    if (object.tag == kTagCryptogramPadded) {
        if (cryptogram.empty() || cryptogram[0] != kPaddingIndicator) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: DO87 does not start with the padding indicator 01", what));
        }
        cryptogram = cryptogram.subspan(1);
    }
    auto plain = Decrypt(cryptogram);
    if (!plain) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: {}: {}", what, DoName(object.tag), plain.error().message));
    }
    return plain;
}

Result<Bytes> SecureMessaging::Decrypt(ByteView cryptogram) const {
    const std::size_t block = BlockSize(cipher_);
    if (cryptogram.empty() || cryptogram.size() % block != 0) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("cryptogram of {} bytes is not a whole number of {}-byte blocks", cryptogram.size(), block));
    }
    auto iv = Iv();
    if (!iv) return iv;
    auto plain = CbcDecrypt(cipher_, ks_enc_, *iv, cryptogram);
    if (!plain) return plain;
    return UnpadIso9797Method2(*plain, block);
}

Result<CommandApdu> SecureMessaging::WrapCommand(const CommandApdu& command) {
    if ((command.cla & kClaSecureMessaging) != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("secure messaging: CLA {:02X} already announces secure messaging", command.cla));
    }
    if (command.data.size() > kMaxCommandData) {
        return Fail(ErrorCode::kInvalidArgument, "secure messaging: command data longer than 65535 bytes");
    }
    if (command.le && (*command.le == 0 || *command.le > kMaxResponseData)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("secure messaging: Le {} out of range", *command.le));
    }
    IncrementSsc();
    const auto cla = static_cast<std::uint8_t>(command.cla | kClaSecureMessaging);
    const Bytes header{cla, command.ins, command.p1, command.p2};
    Bytes do_cryptogram;
    if (!command.data.empty()) {
        auto cryptogram = Encrypt(command.data);
        if (!cryptogram) return Fail(cryptogram.error());
        if (command.ins % 2 == 1) {
            do_cryptogram = EncodeTlv(kTagCryptogramTlv, *cryptogram);
        } else {
            do_cryptogram = EncodeTlv(kTagCryptogramPadded, Concat({Bytes{kPaddingIndicator}, *cryptogram}));
        }
    }
    Bytes do_le;
    if (command.le) {
        const std::uint32_t le = *command.le;
        if (le <= 256) {
            do_le = EncodeTlv(kTagLe, Bytes{static_cast<std::uint8_t>(le == 256 ? 0 : le)});
        } else {
            const std::uint32_t v = le == kMaxResponseData ? 0 : le;
            do_le = EncodeTlv(kTagLe, Bytes{static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
        }
    }
    auto mac = Mac(Concat({PadIso9797Method2(header, BlockSize(cipher_)), do_cryptogram, do_le}));
    if (!mac) return Fail(mac.error());
    CommandApdu out;
    out.cla = cla;
    out.ins = command.ins;
    out.p1 = command.p1;
    out.p2 = command.p2;
    out.data = Concat({do_cryptogram, do_le, EncodeTlv(kTagMac, *mac)});
    if (out.data.size() > kMaxCommandData) {
        return Fail(ErrorCode::kInvalidArgument, "secure messaging: protected command data exceed 65535 bytes");
    }
    out.extended = command.extended || out.data.size() > kMaxShortData || (command.le && *command.le > 256);
    out.le = out.extended ? kMaxResponseData : 256u;
    return out;
}

Result<ResponseApdu> SecureMessaging::UnwrapResponse(const ResponseApdu& response) {
    IncrementSsc();
    constexpr std::string_view kWhat = "protected response";
    if (response.data.empty()) {
        if (response.ok()) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: status {:04X} without DO99 and DO8E", kWhat, response.sw));
        }
        return response;
    }
    auto objects = SplitObjects(response.data, {kTagCryptogramPadded, kTagStatus, kTagMac}, kWhat);
    if (!objects) return Fail(objects.error());
    if (!objects->status) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: DO99 is missing", kWhat));
    if (objects->status->value.size() != 2) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: DO99 has length {} (2 expected)", kWhat, objects->status->value.size()));
    }
    const ByteView cryptogram_raw = objects->cryptogram ? objects->cryptogram->raw : ByteView{};
    auto mac = Mac(Concat({cryptogram_raw, objects->status->raw}));
    if (!mac) return Fail(mac.error());
    if (!ConstantTimeEqual(*mac, objects->mac->value)) {
        return Fail(ErrorCode::kUnauthenticated, fmt::format("{}: the MAC (DO8E) is wrong", kWhat));
    }
    ResponseApdu out;
    out.sw = static_cast<std::uint16_t>((objects->status->value[0] << 8) | objects->status->value[1]);
    if (objects->cryptogram) {
        auto plain = DecryptObject(*objects->cryptogram, kWhat);
        if (!plain) return Fail(plain.error());
        out.data = std::move(*plain);
    }
    return out;
}

Result<CommandApdu> SecureMessaging::UnwrapCommand(const CommandApdu& command) {
    constexpr std::string_view kWhat = "protected command";
    IncrementSsc();
    if (!IsProtected(command)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: CLA {:02X} does not announce secure messaging", kWhat, command.cla));
    }
    auto objects = SplitObjects(command.data, {kTagCryptogramPadded, kTagLe, kTagMac}, kWhat);
    if (!objects) return Fail(objects.error());
    std::optional<std::uint32_t> le;
    if (objects->le) {
        const ByteView v = objects->le->value;
        if (v.size() == 1) {
            le = v[0] == 0 ? 256u : v[0];
        } else if (v.size() == 2) {
            const std::uint32_t n = (std::uint32_t{v[0]} << 8) | v[1];
            le = n == 0 ? static_cast<std::uint32_t>(kMaxResponseData) : n;
        } else {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: DO97 has length {} (1 or 2 expected)", kWhat, v.size()));
        }
    }
    const Bytes header{command.cla, command.ins, command.p1, command.p2};
    const ByteView cryptogram_raw = objects->cryptogram ? objects->cryptogram->raw : ByteView{};
    const ByteView le_raw = objects->le ? objects->le->raw : ByteView{};
    auto mac = Mac(Concat({PadIso9797Method2(header, BlockSize(cipher_)), cryptogram_raw, le_raw}));
    if (!mac) return Fail(mac.error());
    if (!ConstantTimeEqual(*mac, objects->mac->value)) {
        return Fail(ErrorCode::kUnauthenticated, fmt::format("{}: the MAC (DO8E) is wrong", kWhat));
    }
    CommandApdu out;
    out.cla = static_cast<std::uint8_t>(command.cla & ~kClaSecureMessaging);
    out.ins = command.ins;
    out.p1 = command.p1;
    out.p2 = command.p2;
    out.le = le;
    if (objects->cryptogram) {
        auto plain = DecryptObject(*objects->cryptogram, kWhat);
        if (!plain) return Fail(plain.error());
        out.data = std::move(*plain);
    }
    out.extended = out.data.size() > kMaxShortData || (le && *le > 256);
    return out;
}

Result<ResponseApdu> SecureMessaging::WrapResponse(const ResponseApdu& response) {
    if (response.data.size() > kMaxResponseData) {
        return Fail(ErrorCode::kInvalidArgument, "secure messaging: response data longer than 65536 bytes");
    }
    IncrementSsc();
    Bytes do87;
    if (!response.data.empty()) {
        auto cryptogram = Encrypt(response.data);
        if (!cryptogram) return Fail(cryptogram.error());
        do87 = EncodeTlv(kTagCryptogramPadded, Concat({Bytes{kPaddingIndicator}, *cryptogram}));
    }
    const Bytes do99 = EncodeTlv(
        kTagStatus, Bytes{static_cast<std::uint8_t>(response.sw >> 8), static_cast<std::uint8_t>(response.sw)});
    auto mac = Mac(Concat({do87, do99}));
    if (!mac) return Fail(mac.error());
    ResponseApdu out;
    out.data = Concat({do87, do99, EncodeTlv(kTagMac, *mac)});
    if (out.data.size() > kMaxResponseData) {
        return Fail(ErrorCode::kInvalidArgument, "secure messaging: protected response data exceed 65536 bytes");
    }
    out.sw = response.sw;
    return out;
}

}  // namespace precinct::identity
