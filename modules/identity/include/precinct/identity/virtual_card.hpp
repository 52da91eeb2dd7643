#pragma once
// A software card inserted into a real PC/SC stack: the card connects, as a virtual smart card, to the vpcd reader
// driver (Debian package vsmartcard-vpcd), which pcscd then lists as the reader "Virtual PCD 00 00". Every layer
// a physical reader goes through — pcsc-lite, the driver, T=1 framing of APDUs — is then exercised with a chip
// whose answers are known. For tests and demos of reader software; nothing it produces may be trusted.
//
// The vpcd protocol (TCP; vpcd listens, the card connects; port 35963 for the first slot): every message is a
// two-byte big-endian length and a payload. A one-byte payload from vpcd is a control: 00 power off, 01 power on,
// 02 reset (no answer), 04 "send the ATR" (answered with the ATR); any longer payload is a command APDU, answered
// with the response APDU.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/software_card.hpp"

namespace precinct::identity {

// The ATR the virtual card gives: PC/SC part 3 for a contactless ISO/IEC 14443-4 card without historical bytes
// (T=1), as readers report an eMRTD chip.
Bytes VirtualCardAtr();

struct VirtualCardOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 35963;
    // How long to keep trying to reach vpcd (pcscd may still be starting), in seconds.
    int connect_timeout_s = 30;
};

// Makes a fresh card at each power-on or reset (a card taken out and put back), so that each reader session
// starts from the power-on state, as with a physical card.
using CardMaker = std::function<Result<std::unique_ptr<SoftwareCard>>()>;

// Connects to vpcd and answers it until vpcd closes the connection (pcscd stopped: Ok) or `stop` becomes true.
// kUnavailable when vpcd cannot be reached within the timeout; kInvalidArgument when vpcd sends what the protocol
// does not allow (an empty or unknown control, an APDU that does not parse is answered 6700 instead).
Status ServeVirtualCard(const CardMaker& make_card, const VirtualCardOptions& options, const std::atomic<bool>& stop);

}  // namespace precinct::identity
