#pragma once
// The ICAO Doc 9303 Part 3 check digit: weights 7, 3, 1 over digits, letters (A=10 … Z=35) and the filler '<' (0).
#include <optional>
#include <string_view>

namespace precinct::identity {

// The check digit 0-9 of `field`, or nullopt when it holds a character outside 0-9, A-Z and '<'.
std::optional<int> MrzCheckDigit(std::string_view field);

}  // namespace precinct::identity
