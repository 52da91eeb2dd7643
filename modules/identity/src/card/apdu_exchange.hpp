#pragma once
// The transport-level rules of ISO/IEC 7816-3/-4 that a reader must apply between one command and its one
// response: SW 61xx (more data: fetch it with GET RESPONSE) and SW 6Cxx (wrong Le: repeat the command with Le =
// xx). Kept apart from PC/SC so it can be tested without a reader.
#include <cstddef>
#include <functional>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"

namespace precinct::identity {

// Sends the encoded command bytes and returns the card's raw answer (data || SW1 SW2).
using RawTransmit = std::function<Result<Bytes>(ByteView command)>;

// The most response bytes gathered over GET RESPONSE for one command, and the most GET RESPONSE rounds.
inline constexpr std::size_t kMaxExchangeResponseBytes = 70000;
inline constexpr int kMaxGetResponseRounds = 300;

// Transmits `command` through `raw`, following 6Cxx once and 61xx until the card answers something else.
// Errors: those of `raw`; kInvalidArgument for an answer shorter than two bytes; kTooLarge when the card keeps
// announcing data past the limits above.
Result<ResponseApdu> ExchangeApdu(const CommandApdu& command, const RawTransmit& raw);

}  // namespace precinct::identity
