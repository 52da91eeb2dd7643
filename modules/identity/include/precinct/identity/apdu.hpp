#pragma once
// ISO/IEC 7816-4 APDUs, status words and the transport a card (real reader or software card) is reached by.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// Instruction bytes of the commands the eMRTD protocols use (Doc 9303 Part 10 and 11).
inline constexpr std::uint8_t kInsSelect = 0xA4;
inline constexpr std::uint8_t kInsReadBinary = 0xB0;
inline constexpr std::uint8_t kInsReadBinaryOdd = 0xB1;  // offset in a data object: files beyond 32 KiB
inline constexpr std::uint8_t kInsInternalAuthenticate = 0x88;
inline constexpr std::uint8_t kInsGetResponse = 0xC0;

// A command APDU. `le` absent means no response data is expected; `le == 0` with extended encoding means
// 65536 bytes, with short encoding 256 bytes (as ISO 7816-4 writes them).
struct CommandApdu {
    std::uint8_t cla = 0x00;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    Bytes data;
    std::optional<std::uint32_t> le;
    bool extended = false;  // encode Lc/Le in three/two bytes (forced when data or le does not fit short form)

    bool operator==(const CommandApdu&) const = default;
};

// Serializes; extended form when asked or needed. Data longer than 65535 bytes is a programmer error.
Bytes EncodeCommand(const CommandApdu& command);
// Parses the four ISO 7816-3 cases, short and extended. kInvalidArgument when the lengths do not add up.
Result<CommandApdu> ParseCommand(ByteView bytes);

// Status words this module names. Anything else is reported by its hex value.
enum class StatusWord : std::uint16_t {
    kSuccess = 0x9000,
    kEndOfFileReached = 0x6282,  // fewer bytes than Le were read
    kVerificationFailed = 0x6300,
    kWrongLength = 0x6700,
    kSmNotSupported = 0x6882,
    kSecurityStatusNotSatisfied = 0x6982,
    kAuthenticationBlocked = 0x6983,
    kConditionsNotSatisfied = 0x6985,
    kSmDataObjectsIncorrect = 0x6988,
    kWrongData = 0x6A80,
    kFunctionNotSupported = 0x6A81,
    kFileNotFound = 0x6A82,
    kIncorrectP1P2 = 0x6A86,
    kReferencedDataNotFound = 0x6A88,
    kWrongP1P2 = 0x6B00,  // e.g. an offset beyond the end of the file
    kInsNotSupported = 0x6D00,
    kClassNotSupported = 0x6E00,
};

struct ResponseApdu {
    Bytes data;
    std::uint16_t sw = 0x9000;

    bool ok() const { return sw == 0x9000 || (sw & 0xFF00) == 0x6100; }
    bool Is(StatusWord s) const { return sw == static_cast<std::uint16_t>(s); }
};

// Parses data || SW1 SW2; kInvalidArgument when fewer than two bytes.
Result<ResponseApdu> ParseResponse(ByteView bytes);
Bytes EncodeResponse(const ResponseApdu& response);

// The meaning of a status word in English ("file not found").
std::string_view StatusWordMeaning(std::uint16_t sw);

// A status word other than success as an Error: message "<what>: <meaning> (SW 6A82)", field "sw:6A82" so a
// caller can tell the cause without parsing text (see StatusWordOf). Codes: 6982/6983/63xx -> kUnauthenticated,
// 6A82/6A88 -> kNotFound, 6D00/6E00/6A81/6882 -> kUnavailable (not supported by this card), others ->
// kInvalidArgument.
Error CardStatusError(std::uint16_t sw, std::string_view what);
// The status word carried by an Error made by CardStatusError, or nullopt for other errors.
std::optional<std::uint16_t> StatusWordOf(const Error& error);
// `response.data` when the status is success, else CardStatusError(response.sw, what).
Result<Bytes> DataOrError(const ResponseApdu& response, std::string_view what);

// How commands reach a card: a PC/SC reader, a software card, a recorded session. One command at a time; not
// thread-safe. Errors are transport failures (card removed, reader gone) — a card's refusal is a ResponseApdu
// with its status word, not an error.
class CardTransport {
public:
    virtual ~CardTransport() = default;
    virtual Result<ResponseApdu> Transmit(const CommandApdu& command) = 0;
    // The reader's or card's name for reports ("software card (genuine)", "ACS ACR39U 00 00").
    virtual std::string Name() const = 0;
};

}  // namespace precinct::identity
