#include "core/crypto.hpp"

#include <gtest/gtest.h>

namespace precinct {
namespace {

TEST(Crypto, Sha256KnownVectors) {
    EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, Base64UrlHasNoPaddingOrUnsafeCharacters) {
    EXPECT_EQ(Base64UrlEncode({0xfb, 0xff}), "-_8");
    EXPECT_EQ(Base64UrlEncode({'f', 'o', 'o', 'b'}), "Zm9vYg");
}

TEST(Crypto, Base64RoundTripsWithPaddingAndRefusesOtherText) {
    EXPECT_EQ(Base64Encode({'f', 'o', 'o', 'b'}), "Zm9vYg==");
    EXPECT_EQ(Base64Encode({0xfb, 0xff}), "+/8=");
    EXPECT_EQ(Base64Encode({}), "");
    EXPECT_EQ(Base64Decode("Zm9vYg=="), (std::vector<std::uint8_t>{'f', 'o', 'o', 'b'}));
    EXPECT_EQ(Base64Decode("Zm9v\r\nYmFy"), (std::vector<std::uint8_t>{'f', 'o', 'o', 'b', 'a', 'r'}));
    EXPECT_EQ(Base64Decode("+/8="), (std::vector<std::uint8_t>{0xfb, 0xff}));
    EXPECT_EQ(Base64Decode(""), std::vector<std::uint8_t>{});
    EXPECT_FALSE(Base64Decode("***"));
    EXPECT_FALSE(Base64Decode("Zm9vY"));
    EXPECT_FALSE(Base64Decode("Zm9*Yg=="));
}

TEST(Crypto, RandomIdsDiffer) {
    EXPECT_NE(NewRequestId(), NewRequestId());
    EXPECT_EQ(NewRequestId().size(), 32u);
}

TEST(Crypto, ConstantTimeEquals) {
    EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
    EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
    EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
}

TEST(Crypto, HmacSha256MatchesRfc4231) {
    // RFC 4231 test case 2.
    EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

}  // namespace
}  // namespace precinct
