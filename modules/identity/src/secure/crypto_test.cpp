#include "precinct/identity/crypto.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace precinct::identity {
namespace {

// NIST SP 800-38A appendix F and RFC 4493 inputs.
const Bytes kAes128Key = HexLiteral("2B7E151628AED2A6ABF7158809CF4F3C");
const Bytes kNistIv = HexLiteral("000102030405060708090A0B0C0D0E0F");
const Bytes kNistBlock = HexLiteral("6BC1BEE22E409F96E93D7E117393172A");

struct AesCbcCase {
    std::string key;
    std::string cipher_text;
};

TEST(Crypto, AesCbcMatchesNistVectorsForEveryKeyLength) {
    const std::vector<AesCbcCase> cases = {
        {"2B7E151628AED2A6ABF7158809CF4F3C", "7649ABAC8119B246CEE98E9B12E9197D"},
        {"8E73B0F7DA0E6452C810F32B809079E562F8EAD2522C6B7B", "4F021DB243BC633D7178183A9FA071E8"},
        {"603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4", "F58C4C04D6E5F1BA779EABFB5F7BFBD6"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.key);
        auto encrypted = AesCbcEncrypt(HexLiteral(c.key), kNistIv, kNistBlock);
        ASSERT_TRUE(encrypted) << encrypted.error().message;
        EXPECT_EQ(ToHex(*encrypted), c.cipher_text);
        auto decrypted = AesCbcDecrypt(HexLiteral(c.key), kNistIv, *encrypted);
        ASSERT_TRUE(decrypted);
        EXPECT_EQ(*decrypted, kNistBlock);
    }
}

TEST(Crypto, AesEcbEncryptsOneBlock) {
    auto block = AesEcbEncryptBlock(kAes128Key, kNistBlock);
    ASSERT_TRUE(block);
    EXPECT_EQ(ToHex(*block), "3AD77BB40D7A3660A89ECAF32466EF97");
}

TEST(Crypto, AesCmacMatchesRfc4493) {
    auto empty = AesCmac(kAes128Key, {});
    ASSERT_TRUE(empty);
    EXPECT_EQ(ToHex(*empty), "BB1D6929E95937287FA37D129B756746");
    auto one_block = AesCmac(kAes128Key, kNistBlock);
    ASSERT_TRUE(one_block);
    EXPECT_EQ(ToHex(*one_block), "070A16B46B4D4144F79BDD9DD04A287C");
    auto truncated = Mac8(SmCipher::kAes, kAes128Key, kNistBlock);
    ASSERT_TRUE(truncated);
    EXPECT_EQ(ToHex(*truncated), "070A16B46B4D4144");
}

TEST(Crypto, TripleDesAndRetailMacMatchTheBacWorkedExample) {
    // Doc 9303 Part 11 Appendix D.3: E_IFD = 3DES-CBC(K_enc, S), M_IFD = MAC(K_mac, pad(E_IFD)).
    const Bytes k_enc = HexLiteral("AB94FDECF2674FDFB9B391F85D7F76F2");
    const Bytes k_mac = HexLiteral("7962D9ECE03D1ACD4C76089DCE131543");
    const Bytes s = HexLiteral("781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B");
    const Bytes zero_iv(8, 0);
    auto e = TripleDesCbcEncrypt(k_enc, zero_iv, s);
    ASSERT_TRUE(e);
    EXPECT_EQ(ToHex(*e), "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2");
    auto back = CbcDecrypt(SmCipher::kTripleDes, k_enc, zero_iv, *e);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, s);
    auto m = RetailMac(k_mac, PadIso9797Method2(*e, 8));
    ASSERT_TRUE(m);
    EXPECT_EQ(ToHex(*m), "5F1448EEA8AD90A7");
    // A single block (the last-block step alone).
    auto short_mac = Mac8(SmCipher::kTripleDes, HexLiteral("F1CB1F1FB5ADF208806B89DC579DC1F8"),
                          HexLiteral("887022120C06C2289902900080000000"));
    ASSERT_TRUE(short_mac);
    EXPECT_EQ(ToHex(*short_mac), "FA855A5D4C50A8ED");
}

struct PadCase {
    std::string data;
    std::size_t block;
    std::string padded;
};

TEST(Crypto, PadsWithIso9797Method2AndUnpadsBack) {
    const std::vector<PadCase> cases = {
        {"", 8, "8000000000000000"},
        {"011E", 8, "011E800000000000"},
        {"00112233445566", 8, "0011223344556680"},
        {"0011223344556677", 8, "00112233445566778000000000000000"},
        {"0CA4020C", 16, "0CA4020C800000000000000000000000"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.data);
        const Bytes padded = PadIso9797Method2(HexLiteral(c.data), c.block);
        EXPECT_EQ(ToHex(padded), c.padded);
        auto unpadded = UnpadIso9797Method2(padded, c.block);
        ASSERT_TRUE(unpadded);
        EXPECT_EQ(ToHex(*unpadded), c.data);
    }
}

TEST(Crypto, RefusesBadPadding) {
    const std::vector<std::string> bad = {
        "",                                  // nothing
        "01020304050607",                    // not a whole block
        "0102030405060700",                  // no 80 marker
        "0102030405060781",                  // wrong marker
        "80000000000000000000000000000000",  // the marker sits in an earlier block
    };
    for (const auto& hex : bad) {
        SCOPED_TRACE(hex);
        auto r = UnpadIso9797Method2(HexLiteral(hex), 8);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    }
}

TEST(Crypto, RefusesWrongKeyIvAndDataLengths) {
    const Bytes block8(8, 0);
    const Bytes block16(16, 0);
    EXPECT_FALSE(TripleDesCbcEncrypt(Bytes(15, 1), block8, block8));
    EXPECT_FALSE(TripleDesCbcEncrypt(Bytes(16, 1), block16, block8));
    EXPECT_FALSE(TripleDesCbcDecrypt(Bytes(16, 1), block8, Bytes(7, 0)));
    EXPECT_FALSE(AesCbcEncrypt(Bytes(20, 1), block16, block16));
    EXPECT_FALSE(AesCbcEncrypt(Bytes(16, 1), block8, block16));
    EXPECT_FALSE(AesCbcDecrypt(Bytes(16, 1), block16, Bytes(17, 0)));
    EXPECT_FALSE(AesEcbEncryptBlock(Bytes(16, 1), block8));
    EXPECT_FALSE(RetailMac(Bytes(8, 1), block8));
    EXPECT_FALSE(RetailMac(Bytes(16, 1), Bytes(9, 0)));
    EXPECT_FALSE(RetailMac(Bytes(16, 1), {}));
    auto cmac = AesCmac(Bytes(17, 1), block16);
    ASSERT_FALSE(cmac);
    EXPECT_EQ(cmac.error().message, "AES-CMAC: key of 17 bytes (16, 24 or 32)");
}

struct DigestCase {
    std::string name;
    std::string digest_of_abc;
};

TEST(Crypto, DigestsByName) {
    const std::vector<DigestCase> cases = {
        {"SHA-1", "A9993E364706816ABA3E25717850C26C9CD0D89D"},
        {"sha224", "23097D223405D8228642A477BDA255B32AADBCE4BDA0B3F7E36C9DA7"},
        {"SHA256", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"},
        {"SHA-384", "CB00753F45A35E8BB5A03D699AC65007272C32AB0EDED1631A8B605A43FF5BED8086072BA1E7CC2358BAECA134C825A7"},
        {"Sha-512",
         "DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A"
         "2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto digest = Digest(c.name, ToBytes("abc"));
        ASSERT_TRUE(digest) << digest.error().message;
        EXPECT_EQ(ToHex(*digest), c.digest_of_abc);
    }
    EXPECT_EQ(ToHex(Sha1(ToBytes("abc"))), cases[0].digest_of_abc);
    auto unknown = Digest("MD5", ToBytes("abc"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kInvalidArgument);
}

TEST(Crypto, AdjustsDesParity) {
    Bytes key = HexLiteral("AB94FCEDF2664EDFB9B291F85D7F77F2");
    AdjustDesParity(key);
    EXPECT_EQ(ToHex(key), "AB94FDECF2674FDFB9B391F85D7F76F2");
    Bytes edges = HexLiteral("00FF0180FE");
    AdjustDesParity(edges);
    EXPECT_EQ(ToHex(edges), "01FE0180FE");
}

struct KdfCase {
    KdfKeyType type;
    KdfPurpose purpose;
    std::string key;
};

TEST(Crypto, DerivesKeysOfEveryTypeFromTheSharedSecret) {
    // K of the PACE worked example (Doc 9303 Part 11 Appendix G.1); AES-192/256 values computed independently.
    const Bytes k = HexLiteral("28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925");
    const std::vector<KdfCase> cases = {
        {KdfKeyType::kAes128, KdfPurpose::kEnc, "F5F0E35C0D7161EE6724EE513A0D9A7F"},
        {KdfKeyType::kAes128, KdfPurpose::kMac, "FE251C7858B356B24514B3BD5F4297D1"},
        {KdfKeyType::kAes192, KdfPurpose::kEnc, "8419651A9932A555FE20D96406746A82F750F4CCB3D6BE78"},
        {KdfKeyType::kAes192, KdfPurpose::kMac, "AA35FDB8D201BC2FD2BD98550C6FE549568C5E769BE67F04"},
        {KdfKeyType::kAes256, KdfPurpose::kEnc, "8419651A9932A555FE20D96406746A82F750F4CCB3D6BE786D4630BCC681BF0E"},
        {KdfKeyType::kAes256, KdfPurpose::kMac, "AA35FDB8D201BC2FD2BD98550C6FE549568C5E769BE67F04733673B7C910A59F"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.key);
        EXPECT_EQ(ToHex(DeriveKey(k, c.purpose, c.type)), c.key);
    }
    // 3DES: the BAC worked example's K_enc and K_mac from K_seed.
    const Bytes seed = HexLiteral("239AB9CB282DAF66231DC5A4DF6BFBAE");
    EXPECT_EQ(ToHex(DeriveKey(seed, KdfPurpose::kEnc, KdfKeyType::kTripleDes)), "AB94FDECF2674FDFB9B391F85D7F76F2");
    EXPECT_EQ(ToHex(Derive3DesKey(seed, 2)), "7962D9ECE03D1ACD4C76089DCE131543");
    // K_pi (counter 3) of the PACE MRZ password in the CCCD spec notes, section 6.
    EXPECT_EQ(ToHex(DeriveKey(HexLiteral("7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD"), KdfPurpose::kPassword,
                              KdfKeyType::kAes128)),
              "89DED1B26624EC1E634C1989302849DD");
}

TEST(Crypto, RandomBytesHaveTheAskedLengthAndDiffer) {
    auto a = RandomBytes(16);
    auto b = RandomBytes(16);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->size(), 16u);
    EXPECT_NE(*a, *b);
    auto none = RandomBytes(0);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace precinct::identity
