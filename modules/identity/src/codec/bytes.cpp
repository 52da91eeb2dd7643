#include "precinct/identity/bytes.hpp"

#include <cstdlib>

namespace precinct::identity {

namespace {
int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string ToHex(ByteView bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (std::uint8_t b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0x0F]);
    }
    return out;
}

Result<Bytes> FromHex(std::string_view hex) {
    Bytes out;
    out.reserve(hex.size() / 2);
    int high = -1;
    for (char c : hex) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':') {
            if (high >= 0) return Fail(ErrorCode::kInvalidArgument, "hex: a separator splits a byte");
            continue;
        }
        int v = HexValue(c);
        if (v < 0) return Fail(ErrorCode::kInvalidArgument, "hex: not a hex digit");
        if (high < 0) {
            high = v;
        } else {
            out.push_back(static_cast<std::uint8_t>((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0) return Fail(ErrorCode::kInvalidArgument, "hex: odd number of digits");
    return out;
}

Bytes HexLiteral(std::string_view hex) {
    auto bytes = FromHex(hex);
    if (!bytes) std::abort();
    return *bytes;
}

Bytes Concat(std::initializer_list<ByteView> parts) {
    std::size_t total = 0;
    for (auto p : parts) total += p.size();
    Bytes out;
    out.reserve(total);
    for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

bool ConstantTimeEqual(ByteView a, ByteView b) {
    if (a.size() != b.size()) return false;
    std::uint8_t diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
    return diff == 0;
}

}  // namespace precinct::identity
