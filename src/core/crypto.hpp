#pragma once
// Small wrappers over OpenSSL: hashes, randomness, encodings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace precinct {

// SHA-256 of `data` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);
// The raw 32 bytes of SHA-256 of `data`.
std::vector<std::uint8_t> Sha256(std::string_view data);
// HMAC-SHA-256 of `data` under `key`, as 64 lowercase hex digits.
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Cryptographically secure random bytes (OpenSSL RAND_bytes); aborts only if the RNG is broken.
std::vector<std::uint8_t> RandomBytes(std::size_t count);
std::string HexEncode(const std::vector<std::uint8_t>& bytes);
std::string Base64UrlEncode(const std::vector<std::uint8_t>& bytes);
// Standard base64 (RFC 4648 section 4) with padding.
std::string Base64Encode(const std::vector<std::uint8_t>& bytes);
// The bytes of standard base64 text; line breaks and spaces are ignored. nullopt when it is not base64.
std::optional<std::vector<std::uint8_t>> Base64Decode(std::string_view text);
// A new request id: 16 random bytes as 32 hex digits.
std::string NewRequestId();
// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace precinct
