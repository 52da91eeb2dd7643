// Secure messaging (ICAO Doc 9303 Part 11 section 9.8) on untrusted bytes, with fixed keys, for 3DES and AES:
// the input as a protected response APDU (terminal side) and as a protected command APDU (chip side); the same
// data objects again with a correct MAC appended, so that decryption and padding checks are reached; and a
// round trip: a command that parses, wrapped by a terminal, must come back unchanged from a chip.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "precinct/identity/apdu.hpp"
#include "precinct/identity/crypto.hpp"
#include "precinct/identity/secure_messaging.hpp"
#include "precinct/identity/tlv.hpp"

namespace {

using precinct::identity::Bytes;
using precinct::identity::ByteView;
using precinct::identity::SecureMessaging;
using precinct::identity::SmCipher;

const Bytes kKsEnc{0x97, 0x9E, 0xC1, 0x3B, 0x1C, 0xBF, 0xE9, 0xDC, 0xD0, 0x1A, 0xB0, 0xFE, 0xD3, 0x07, 0xEA, 0xE5};
const Bytes kKsMac{0xF1, 0xCB, 0x1F, 0x1F, 0xB5, 0xAD, 0xF2, 0x08, 0x80, 0x6B, 0x89, 0xDC, 0x57, 0x9D, 0xC1, 0xF8};

SecureMessaging Fresh(SmCipher cipher) {
    const Bytes ssc(precinct::identity::BlockSize(cipher), 0x00);
    auto sm = SecureMessaging::Create(cipher, kKsEnc, kKsMac, ssc);
    if (!sm) std::abort();
    return *sm;
}

// `objects` followed by DO8E with the MAC a fresh session expects for its first message, SSC 1; a command's
// MAC input starts with its padded header.
Bytes WithValidMac(SmCipher cipher, ByteView header, ByteView objects) {
    Bytes ssc(precinct::identity::BlockSize(cipher), 0x00);
    ssc.back() = 1;
    const std::size_t block = precinct::identity::BlockSize(cipher);
    const Bytes padded_header = header.empty() ? Bytes{} : precinct::identity::PadIso9797Method2(header, block);
    const Bytes input =
        precinct::identity::PadIso9797Method2(precinct::identity::Concat({ssc, padded_header, objects}), block);
    auto mac = precinct::identity::Mac8(cipher, kKsMac, input);
    if (!mac) std::abort();
    return precinct::identity::Concat({objects, precinct::identity::EncodeTlv(0x8E, *mac)});
}

void Run(SmCipher cipher, ByteView bytes) {
    // Terminal side: a protected response.
    if (auto response = precinct::identity::ParseResponse(bytes)) {
        SecureMessaging terminal = Fresh(cipher);
        (void)terminal.UnwrapResponse(*response);
    }
    {
        SecureMessaging terminal = Fresh(cipher);
        (void)terminal.UnwrapResponse(
            precinct::identity::ResponseApdu{WithValidMac(cipher, {}, bytes.first(bytes.size() & 0x7FFF)), 0x9000});
    }
    // Chip side: a protected command, as sent and with a valid MAC.
    if (auto command = precinct::identity::ParseCommand(bytes)) {
        SecureMessaging chip = Fresh(cipher);
        (void)chip.UnwrapCommand(*command);

        precinct::identity::CommandApdu forged = *command;
        forged.cla = static_cast<std::uint8_t>(forged.cla | 0x0C);
        const Bytes header{forged.cla, forged.ins, forged.p1, forged.p2};
        if (forged.data.size() < 0xFF00) {
            forged.data = WithValidMac(cipher, header, forged.data);
            SecureMessaging forged_chip = Fresh(cipher);
            (void)forged_chip.UnwrapCommand(forged);
        }

        // Round trip of the command as plain.
        precinct::identity::CommandApdu plain = *command;
        plain.cla = static_cast<std::uint8_t>(plain.cla & ~0x0C);
        SecureMessaging terminal = Fresh(cipher);
        SecureMessaging mirror = Fresh(cipher);
        auto wrapped = terminal.WrapCommand(plain);
        if (wrapped) {
            auto back = mirror.UnwrapCommand(*wrapped);
            if (!back || back->data != plain.data || back->le != plain.le || back->ins != plain.ins ||
                back->cla != plain.cla) {
                std::abort();
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 70000) return 0;
    const ByteView bytes(data, size);
    Run(SmCipher::kTripleDes, bytes);
    Run(SmCipher::kAes, bytes);
    return 0;
}
