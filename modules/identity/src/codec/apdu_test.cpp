#include "precinct/identity/apdu.hpp"

#include <gtest/gtest.h>

namespace precinct::identity {
namespace {

TEST(Apdu, EncodesAndParsesAllFourCases) {
    struct Case {
        CommandApdu command;
        const char* hex;
    } cases[] = {
        {{0x00, 0x84, 0x00, 0x00, {}, 8u, false}, "0084000008"},                               // GET CHALLENGE
        {{0x00, 0xA4, 0x02, 0x0C, HexLiteral("011C"), std::nullopt, false}, "00A4020C02011C"},  // SELECT EF.CardAccess
        {{0x00, 0xA4, 0x04, 0x0C, HexLiteral("A0000002471001"), std::nullopt, false}, "00A4040C07A0000002471001"},
        {{0x00, 0xB0, 0x00, 0x00, {}, 65536u, true}, "00B00000000000"},  // READ BINARY, extended Le 0
        {{0x00, 0xB0, 0x01, 0x02, {}, 256u, false}, "00B0010200"},
        {{0x00, 0x22, 0xC1, 0xA4, HexLiteral("AABB"), 4u, true}, "0022C1A4000002AABB0004"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(ToHex(EncodeCommand(c.command)), c.hex);
        auto back = ParseCommand(HexLiteral(c.hex));
        ASSERT_TRUE(back) << c.hex;
        EXPECT_EQ(*back, c.command) << c.hex;
    }
}

TEST(Apdu, RefusesLengthsThatDoNotAddUp) {
    for (const char* hex : {"00A4", "00A4020C05011C", "00A4020C00000501"}) {
        EXPECT_FALSE(ParseCommand(HexLiteral(hex))) << hex;
    }
    EXPECT_FALSE(ParseResponse(HexLiteral("90")));
}

TEST(Apdu, StatusWordsBecomeTypedErrors) {
    auto r = ParseResponse(HexLiteral("6A82"));
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->Is(StatusWord::kFileNotFound));
    auto data = DataOrError(*r, "SELECT DG11");
    ASSERT_FALSE(data);
    EXPECT_EQ(data.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(data.error().message, "SELECT DG11: file not found (SW 6A82)");
    EXPECT_EQ(StatusWordOf(data.error()), 0x6A82);
    EXPECT_EQ(CardStatusError(0x6982, "x").code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(CardStatusError(0x6D00, "x").code, ErrorCode::kUnavailable);
    EXPECT_FALSE(StatusWordOf(Error{ErrorCode::kInternal, "m", "name", 0}));
    auto ok = ParseResponse(HexLiteral("01029000"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ToHex(*DataOrError(*ok, "READ")), "0102");
}

}  // namespace
}  // namespace precinct::identity
