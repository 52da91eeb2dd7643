#pragma once
// Tracking codes: what a citizen gets back after filing a report, to look it up later, e.g. `7Q2M-4XKD-9RJ`.
//
// Alphabet: Crockford base32 (0-9 A-Z without I L O U), so codes survive being read aloud, handwritten or typed on
// a phone; on input, case is ignored, spaces and hyphens are dropped and the confusables O→0, I→1, L→1 are mapped.
// A code is 10 random symbols from OpenSSL RAND_bytes plus 1 check symbol, shown as 4-4-3 groups.
//
// Entropy: 10 symbols × 5 bits = 50 bits (the check symbol adds none): 2^50 ≈ 1.13e15 codes. One guess hits one of
// N live codes with probability N / 2^50; with N = 1,000,000 that is about 1 in 1.1e9, and an attacker needs about
// ln 2 · 2^50 / N ≈ 7.8e8 guesses for an even chance of hitting any code at all — about 90 days at 100 guesses a
// second, so lookups by code must be rate-limited (and a code should unlock no more than the report's status).
//
// Check symbol: the Damm algorithm over the totally anti-symmetric quasigroup of order 32 given by
// x ∗ y = a·x ⊕ y in GF(2^5) = GF(2)[x]/(x^5 + x^2 + 1), with a = x (the element 2). The interim starts at 0 and
// each symbol s makes it interim ∗ s; the check symbol c brings it to 0, so c = a·interim (characteristic 2). This
// catches every single-symbol substitution (∗ is a quasigroup: y ↦ r ∗ y and r ↦ r ∗ y are bijections because
// a ≠ 0) and every transposition of adjacent distinct symbols, the check symbol included ((r∗x)∗y = (r∗y)∗x gives
// (a ⊕ 1)·(x ⊕ y) = 0, so x = y because a ≠ 1). See tracking_code_test.cpp for the exhaustive proof by test.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace precinct::reports {

inline constexpr std::string_view kTrackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kTrackingRandomSymbols = 10;
inline constexpr std::size_t kTrackingCodeLength = kTrackingRandomSymbols + 1;  // normalized: no hyphens

// A new code in normalized form (11 symbols, no hyphens): 10 random symbols from RAND_bytes and the check symbol.
std::string NewTrackingCode();

// `XXXX-XXXX-XXX` for display. Expects a normalized code; any other text is returned unchanged.
std::string FormatTrackingCode(std::string_view normalized);

// Whether `normalized` is 11 symbols of the alphabet (upper case, no hyphens) whose check symbol is right.
bool CheckSymbolValid(std::string_view normalized);

// What a citizen typed → the normalized code: upper-cased, spaces/tabs/hyphens removed, O→0 and I/L→1, then
// checked. Fails with kInvalidArgument, field "code", on a wrong length, a character outside the alphabet or a
// wrong check symbol — always with the same message, so a failure says nothing about which.
Result<std::string> NormalizeTrackingCode(std::string_view input);

namespace detail {
// The check-symbol arithmetic, exposed for tests: multiplication in GF(2^5) and the quasigroup x ∗ y = a·x ⊕ y,
// on symbol values 0..31.
std::uint8_t GfMul(std::uint8_t x, std::uint8_t y);
std::uint8_t Quasigroup(std::uint8_t x, std::uint8_t y);
// The symbol value of an alphabet character, or -1.
int SymbolValue(char c);
}  // namespace detail

}  // namespace precinct::reports
