#include "precinct/identity/tlv.hpp"

#include <gtest/gtest.h>

namespace precinct::identity {
namespace {

TEST(Tlv, ReadsShortAndLongFormLengths) {
    Bytes dg1 = HexLiteral("615B5F1F58");  // header of a TD3 DG1: 61 5B 5F1F 58 + 88 bytes
    dg1.resize(dg1.size() + 0x58, '<');
    auto tlv = ReadSingleTlv(dg1, 0x61, "DG1");
    ASSERT_TRUE(tlv) << tlv.error().message;
    EXPECT_TRUE(tlv->constructed);
    auto inner = ReadAllTlv(tlv->value);
    ASSERT_TRUE(inner);
    ASSERT_EQ(inner->size(), 1u);
    EXPECT_EQ((*inner)[0].tag, 0x5F1Fu);
    EXPECT_EQ((*inner)[0].value.size(), 0x58u);

    Bytes long_form = HexLiteral("04820003AABBCC");
    auto l = ReadSingleTlv(long_form, 0x04, "x");
    ASSERT_TRUE(l);
    EXPECT_EQ(ToHex(l->value), "AABBCC");
}

TEST(Tlv, RefusesMalformedInput) {
    struct Case {
        const char* hex;
        const char* says;
    } cases[] = {
        {"", "no bytes left"},
        {"04", "has no length"},
        {"0405AABB", "runs past the end"},
        {"0480AABB0000", "indefinite"},
        {"0485FFFFFFFFFF", "not supported"},
        {"0484FFFFFFFF", "exceeds the limit"},
        {"5F", "tag runs past"},
        {"5F8181 01 00", "longer than three bytes"},
        {"0401AA00", "trailing"},
        {"0501AA", "outer tag is 05"},
    };
    for (const auto& c : cases) {
        auto r = ReadSingleTlv(HexLiteral(c.hex), 0x04, "obj");
        ASSERT_FALSE(r) << c.hex;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << c.hex << ": " << r.error().message;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
}

TEST(Tlv, EncodesWhatItReads) {
    for (std::size_t n : {0u, 1u, 127u, 128u, 255u, 256u, 70000u}) {
        Bytes value(n, 0x42);
        Bytes enc = EncodeTlv(0x7F49, value);
        auto back = ReadSingleTlv(enc, 0x7F49, "x");
        ASSERT_TRUE(back) << n;
        EXPECT_EQ(back->value.size(), n);
    }
    EXPECT_EQ(ToHex(EncodeLength(0x80)), "8180");
    EXPECT_EQ(ToHex(EncodeLength(0x1234)), "821234");
}

TEST(Tlv, OidsRoundTrip) {
    // id-icao-mrtd-security-ldsSecurityObject, id-PACE-ECDH-GM-AES-CBC-CMAC-128, a large arc.
    for (const char* oid : {"2.23.136.1.1.1", "0.4.0.127.0.7.2.2.4.2.2", "1.2.840.113549.1.1.10", "2.999.1"}) {
        auto enc = EncodeOid(oid);
        ASSERT_TRUE(enc) << oid;
        auto dec = DecodeOid(*enc);
        ASSERT_TRUE(dec) << oid;
        EXPECT_EQ(*dec, oid);
    }
    EXPECT_EQ(ToHex(*EncodeOid("2.23.136.1.1.1")), "678108010101");
    EXPECT_FALSE(DecodeOid(HexLiteral("2B80")));
    EXPECT_FALSE(DecodeOid(HexLiteral("2B8001")));
    EXPECT_FALSE(EncodeOid("1..2"));
    EXPECT_FALSE(EncodeOid("3.1"));
}

TEST(Tlv, IntegersRoundTrip) {
    for (std::int64_t v : {0LL, 1LL, 127LL, 128LL, 255LL, 256LL, -1LL, -128LL, -129LL, 1LL << 40}) {
        EXPECT_EQ(*DecodeInteger(EncodeInteger(v)), v) << v;
    }
    EXPECT_EQ(ToHex(EncodeInteger(128)), "0080");
    EXPECT_FALSE(DecodeInteger({}));
}

TEST(Hex, ParsesWithSeparatorsAndRefusesBadDigits) {
    EXPECT_EQ(ToHex(*FromHex("0a 1B:ff")), "0A1BFF");
    EXPECT_FALSE(FromHex("ABC"));
    EXPECT_FALSE(FromHex("GG"));
    EXPECT_FALSE(FromHex("A B"));
}

}  // namespace
}  // namespace precinct::identity
