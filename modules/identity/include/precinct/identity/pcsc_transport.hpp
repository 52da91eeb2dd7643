#pragma once
// Real card readers through PC/SC (pcsc-lite and its daemon pcscd). The transport speaks T=0 or T=1 as the
// card chooses, fetches response data announced by SW 61xx with GET RESPONSE and repeats a command with the
// Le a card asks for by SW 6Cxx, so callers see one response per command.
//
// Every PC/SC failure is an Error whose message names the cause in English and ends with pcsc-lite's own text:
// kUnavailable for "no PC/SC service: is pcscd running?", "no card reader found", "no card in the reader",
// "the card was removed" and other reader trouble; kNotFound for a named reader that is not connected.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"

namespace precinct::identity {

// The names of the connected readers, in the order PC/SC lists them; empty when the service runs but no reader
// is connected.
Result<std::vector<std::string>> ListPcscReaders();

// Connects to the card in `reader_name`, or, when it is empty, to the first reader that holds a card. The
// transport owns the PC/SC context and card handle and releases both (leaving the card powered) when destroyed.
// Not thread-safe; one session per reader at a time.
Result<std::unique_ptr<CardTransport>> ConnectPcsc(const std::string& reader_name);

// The Error for PC/SC return code `code` (a LONG such as SCARD_E_NO_SERVICE) during `what` ("listing readers"):
// the cause as described above, then `what`, then pcsc_stringify_error's text and the code in hex.
Error PcscError(std::int64_t code, std::string_view what);

}  // namespace precinct::identity
