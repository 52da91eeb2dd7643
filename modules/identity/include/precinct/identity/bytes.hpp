#pragma once
// Byte strings of the chip world: APDUs, data groups, keys. Hex as printed in ICAO Doc 9303 (upper case).
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::identity {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// Upper-case hex without separators ("0A1B").
std::string ToHex(ByteView bytes);
// Parses hex digits; spaces, tabs, newlines and ':' between byte pairs are ignored. kInvalidArgument on an odd
// count or a non-hex character.
Result<Bytes> FromHex(std::string_view hex);
// Hex of a trusted literal (tests, constants); aborts on bad input, never use it on input from outside.
Bytes HexLiteral(std::string_view hex);

inline Bytes ToBytes(std::string_view text) { return Bytes(text.begin(), text.end()); }
inline std::string ToString(ByteView bytes) { return std::string(bytes.begin(), bytes.end()); }

// The concatenation of the given pieces.
Bytes Concat(std::initializer_list<ByteView> parts);

// Compares in time independent of where the two differ (MACs, tokens).
bool ConstantTimeEqual(ByteView a, ByteView b);

}  // namespace precinct::identity
