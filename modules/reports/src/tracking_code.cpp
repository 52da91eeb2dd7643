// Tracking codes: random Crockford base32 symbols with a Damm check symbol over GF(32). See tracking_code.hpp.
#include "tracking_code.hpp"

#include <array>
#include <vector>

#include "core/crypto.hpp"

namespace precinct::reports {
namespace {

// x^5 + x^2 + 1, irreducible (indeed primitive) over GF(2).
constexpr unsigned kFieldPolynomial = 0b100101;
// The constant a of x ∗ y = a·x ⊕ y; any element other than 0 and 1 gives a totally anti-symmetric quasigroup.
constexpr std::uint8_t kMultiplier = 2;
// Longest input looked at: a code with a space or hyphen between every symbol and some slack around it.
constexpr std::size_t kMaxInputLength = 64;
constexpr std::string_view kInvalidMessage = "not a valid tracking code";

constexpr std::uint8_t Multiply(std::uint8_t x, std::uint8_t y) {
    unsigned product = 0;
    unsigned shifted = x & 0x1Fu;
    for (unsigned bits = y & 0x1Fu; bits != 0; bits >>= 1) {
        if (bits & 1u) product ^= shifted;
        shifted <<= 1;
        if (shifted & 0x20u) shifted ^= kFieldPolynomial;
    }
    return static_cast<std::uint8_t>(product);
}

constexpr std::array<std::int8_t, 256> MakeSymbolValues() {
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < kTrackingAlphabet.size(); ++i) {
        values[static_cast<unsigned char>(kTrackingAlphabet[i])] = static_cast<std::int8_t>(i);
    }
    return values;
}

constexpr std::array<std::int8_t, 256> kSymbolValues = MakeSymbolValues();

// Damm interim over the symbols of `code` (all already known to be in the alphabet).
std::uint8_t Interim(std::string_view code) {
    std::uint8_t interim = 0;
    for (const char c : code) {
        interim = Multiply(kMultiplier, interim) ^ static_cast<std::uint8_t>(detail::SymbolValue(c));
    }
    return interim;
}

}  // namespace

namespace detail {

std::uint8_t GfMul(std::uint8_t x, std::uint8_t y) { return Multiply(x, y); }

std::uint8_t Quasigroup(std::uint8_t x, std::uint8_t y) {
    return Multiply(kMultiplier, x) ^ static_cast<std::uint8_t>(y & 0x1Fu);
}

int SymbolValue(char c) { return kSymbolValues[static_cast<unsigned char>(c)]; }

}  // namespace detail

std::string NewTrackingCode() {
    // 256 is a multiple of 32, so the low 5 bits of a uniform byte are a uniform symbol.
    const std::vector<std::uint8_t> random = RandomBytes(kTrackingRandomSymbols);
    std::string code;
    code.reserve(kTrackingCodeLength);
    for (const std::uint8_t byte : random) code.push_back(kTrackingAlphabet[byte & 0x1Fu]);
    code.push_back(kTrackingAlphabet[Multiply(kMultiplier, Interim(code))]);
    return code;
}

std::string FormatTrackingCode(std::string_view normalized) {
    if (normalized.size() != kTrackingCodeLength) return std::string(normalized);
    std::string out;
    out.reserve(kTrackingCodeLength + 2);
    out.append(normalized.substr(0, 4));
    out.push_back('-');
    out.append(normalized.substr(4, 4));
    out.push_back('-');
    out.append(normalized.substr(8));
    return out;
}

bool CheckSymbolValid(std::string_view normalized) {
    if (normalized.size() != kTrackingCodeLength) return false;
    for (const char c : normalized) {
        if (detail::SymbolValue(c) < 0) return false;
    }
    return Interim(normalized) == 0;
}

Result<std::string> NormalizeTrackingCode(std::string_view input) {
    const auto invalid = [] { return Fail(ErrorCode::kInvalidArgument, std::string(kInvalidMessage), "code"); };
    if (input.size() > kMaxInputLength) return invalid();
    std::string code;
    code.reserve(kTrackingCodeLength);
    for (char c : input) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        code.push_back(c);
    }
    if (!CheckSymbolValid(code)) return invalid();
    return code;
}

}  // namespace precinct::reports
