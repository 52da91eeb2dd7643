#include "precinct/identity/pcsc_transport.hpp"

#include <gtest/gtest.h>
#include <winscard.h>

#include <deque>
#include <string>
#include <vector>

#include "card/apdu_exchange.hpp"

namespace precinct::identity {
namespace {

struct PcscErrorCase {
    std::int64_t code;
    ErrorCode expected_code;
    std::string expected_start;
};

TEST(PcscError, NamesTheCauseAndKeepsPcscText) {
    const std::vector<PcscErrorCase> cases = {
        {SCARD_E_NO_SERVICE, ErrorCode::kUnavailable, "no PC/SC service: is pcscd running? (listing readers: "},
        {SCARD_E_NO_READERS_AVAILABLE, ErrorCode::kUnavailable, "no card reader found (listing readers: "},
        {SCARD_E_NO_SMARTCARD, ErrorCode::kUnavailable, "no card in the reader (listing readers: "},
        {SCARD_W_REMOVED_CARD, ErrorCode::kUnavailable, "the card was removed (listing readers: "},
        {SCARD_E_UNKNOWN_READER, ErrorCode::kNotFound, "no such reader (listing readers: "},
        {SCARD_E_INVALID_HANDLE, ErrorCode::kUnavailable, "PC/SC failure (listing readers: "},
    };
    for (const auto& c : cases) {
        const Error e = PcscError(c.code, "listing readers");
        EXPECT_EQ(e.code, c.expected_code) << c.expected_start;
        EXPECT_EQ(e.message.rfind(c.expected_start, 0), 0u) << e.message;
        EXPECT_NE(e.message.find(pcsc_stringify_error(static_cast<LONG>(c.code))), std::string::npos) << e.message;
    }
    EXPECT_EQ(PcscError(SCARD_E_NO_SERVICE, "x").message, std::string("no PC/SC service: is pcscd running? (x: ") +
                                                              pcsc_stringify_error(SCARD_E_NO_SERVICE) +
                                                              ", 0x8010001D)");
}

// Without a PC/SC daemon (the build machines) listing gives the no-service error; with one it gives a list.
TEST(Pcsc, ListingReadersWithoutDaemonOrReaderIsAClearResult) {
    auto readers = ListPcscReaders();
    if (readers) {
        for (const auto& name : *readers) EXPECT_FALSE(name.empty());
        return;
    }
    EXPECT_EQ(readers.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(readers.error().message.rfind("no PC/SC service: is pcscd running?", 0), 0u) << readers.error().message;
}

TEST(Pcsc, ConnectingWithoutDaemonOrReaderFailsClearly) {
    auto card = ConnectPcsc("Precinct Test Reader That Does Not Exist 00 00");
    ASSERT_FALSE(card.has_value());
    const std::string& m = card.error().message;
    const bool known = m.rfind("no PC/SC service: is pcscd running?", 0) == 0 ||
                       m.rfind("no card reader found", 0) == 0 || m.rfind("no reader named", 0) == 0;
    EXPECT_TRUE(known) << m;
}

// A scripted card for the exchange rules: answers in order and records what was sent.
struct ScriptedRaw {
    std::deque<Bytes> answers;
    std::vector<std::string> sent;

    RawTransmit Fn() {
        return [this](ByteView bytes) -> Result<Bytes> {
            sent.push_back(ToHex(bytes));
            if (answers.empty()) return Fail(ErrorCode::kUnavailable, "script exhausted");
            Bytes a = answers.front();
            answers.pop_front();
            return a;
        };
    }
};

CommandApdu ReadBinary(std::uint32_t le) {
    CommandApdu c;
    c.ins = 0xB0;
    c.le = le;
    return c;
}

TEST(ExchangeApdu, FollowsGetResponseChainsAndJoinsTheData) {
    ScriptedRaw raw;
    raw.answers = {HexLiteral("01026104"), HexLiteral("030405066102"), HexLiteral("07089000")};
    auto r = ExchangeApdu(ReadBinary(10), raw.Fn());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(ToHex(r->data), "0102030405060708");
    EXPECT_EQ(r->sw, 0x9000);
    EXPECT_EQ(raw.sent, (std::vector<std::string>{"00B000000A", "00C0000004", "00C0000002"}));
}

TEST(ExchangeApdu, RepeatsWithTheLeTheCardAsksFor) {
    ScriptedRaw raw;
    raw.answers = {HexLiteral("6C03"), HexLiteral("AABBCC9000")};
    auto r = ExchangeApdu(ReadBinary(0x10), raw.Fn());
    ASSERT_TRUE(r.has_value()) << r.error().message;
    EXPECT_EQ(ToHex(r->data), "AABBCC");
    EXPECT_EQ(raw.sent, (std::vector<std::string>{"00B0000010", "00B0000003"}));
}

TEST(ExchangeApdu, RefusesAnAnswerWithoutStatusWord) {
    ScriptedRaw raw;
    raw.answers = {HexLiteral("90")};
    auto r = ExchangeApdu(ReadBinary(1), raw.Fn());
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().message, "the card answered 1 byte(s), fewer than a status word");
}

TEST(ExchangeApdu, StopsACardThatNeverEndsItsResponse) {
    int calls = 0;
    RawTransmit endless = [&calls](ByteView) -> Result<Bytes> {
        ++calls;
        return HexLiteral("006101");
    };
    auto r = ExchangeApdu(ReadBinary(1), endless);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kTooLarge);
    EXPECT_EQ(calls, kMaxGetResponseRounds + 1);
}

TEST(ExchangeApdu, PassesTransportErrorsThrough) {
    RawTransmit gone = [](ByteView) -> Result<Bytes> { return Fail(ErrorCode::kUnavailable, "the card was removed"); };
    auto r = ExchangeApdu(ReadBinary(1), gone);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().message, "the card was removed");
}

}  // namespace
}  // namespace precinct::identity
