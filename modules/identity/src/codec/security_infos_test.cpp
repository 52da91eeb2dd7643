#include "precinct/identity/security_infos.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "precinct/identity/tlv.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
const fs::path& kVectors = test_vectors::VectorsDir();

using test_vectors::Load;

TEST(Dg14, ParsesTheBsiAndEtsiSpecimens) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    for (const char* dir : {"bsi-tr03105-5", "etsi-tr103200"}) {
        const Bytes file = Load(kVectors / dir / "Datagroup14.bin");
        auto infos = ParseDg14(file);
        ASSERT_TRUE(infos) << dir << ": " << infos.error().message;
        ASSERT_EQ(infos->chip_authentication_public_keys.size(), 1u) << dir;
        const auto& pk = infos->chip_authentication_public_keys[0];
        EXPECT_EQ(pk.protocol, "0.4.0.127.0.7.2.2.1.2") << dir;
        EXPECT_EQ(ProtocolName(pk.protocol), "PK-ECDH");
        // The key with explicit (brainpoolP224r1) parameters: 30 82 01 13, id-ecPublicKey.
        EXPECT_EQ(pk.subject_public_key_info.size(), 0x117u) << dir;
        EXPECT_EQ(ToHex(ByteView(pk.subject_public_key_info).first(16)), "308201133081D406072A8648CE3D0201") << dir;
        EXPECT_FALSE(pk.key_id) << dir;
        ASSERT_EQ(infos->chip_authentication.size(), 1u) << dir;
        EXPECT_EQ(infos->chip_authentication[0].protocol, "0.4.0.127.0.7.2.2.3.2.1") << dir;
        EXPECT_EQ(infos->chip_authentication[0].version, 1) << dir;
        EXPECT_FALSE(infos->chip_authentication[0].key_id) << dir;
        EXPECT_EQ(ProtocolName(infos->chip_authentication[0].protocol), "CA-ECDH-3DES-CBC-CBC");
        ASSERT_EQ(infos->terminal_authentication.size(), 1u) << dir;
        EXPECT_EQ(infos->terminal_authentication[0].protocol, "0.4.0.127.0.7.2.2.2") << dir;
        EXPECT_EQ(infos->terminal_authentication[0].version, 1) << dir;
        EXPECT_FALSE(infos->terminal_authentication[0].ef_cvca) << dir;
        EXPECT_TRUE(infos->pace.empty() && infos->active_authentication.empty() && infos->other.empty()) << dir;

        // Encoding sorts the SET as DER requires (the 15- and 13-byte infos before the key); it parses the same.
        auto again = EncodeDg14(*infos);
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_EQ(again->size(), file.size());
        EXPECT_EQ(ToHex(ByteView(*again).subspan(8, 4)), "300D0608") << dir;
        auto reparsed = ParseDg14(*again);
        ASSERT_TRUE(reparsed);
        EXPECT_EQ(reparsed->chip_authentication_public_keys[0].subject_public_key_info, pk.subject_public_key_info);
    }
}

TEST(Dg14, RefusesTheChipAuthenticationInfoWithABadVersion) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    auto infos = ParseDg14(Load(kVectors / "negative" / "dg14-etsi-F06-chipauthinfo-bad-version.bin"));
    ASSERT_FALSE(infos);
    EXPECT_EQ(infos.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(infos.error().message,
              "DG14: SecurityInfo 2 (CA-ECDH-3DES-CBC-CBC): ChipAuthenticationInfo version 16; must be 1");
}

TEST(CardAccess, RoundTripsAPaceInfoExactly) {
    // PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, brainpoolP256r1 (13): the EF.CardAccess of many chips.
    const Bytes card_access = HexLiteral("31143012060A04007F0007020204020202010202010D");
    auto infos = ParseCardAccess(card_access);
    ASSERT_TRUE(infos) << infos.error().message;
    ASSERT_EQ(infos->pace.size(), 1u);
    EXPECT_EQ(infos->pace[0].protocol, kOidPaceEcdhGmAes128);
    EXPECT_EQ(infos->pace[0].version, 2);
    EXPECT_EQ(infos->pace[0].parameter_id, 13);
    EXPECT_EQ(ProtocolName(infos->pace[0].protocol), "PACE-ECDH-GM-AES-CBC-CMAC-128");
    EXPECT_EQ(StandardDomainParameterName(*infos->pace[0].parameter_id), "brainpoolP256r1");

    SecurityInfos built;
    built.pace.push_back({std::string(kOidPaceEcdhGmAes128), 2, 13});
    auto encoded = EncodeCardAccess(built);
    ASSERT_TRUE(encoded);
    EXPECT_EQ(*encoded, card_access);
}

TEST(Dg14, RoundTripsChipAndActiveAuthenticationInfos) {
    SecurityInfos in;
    in.chip_authentication.push_back({std::string(kOidCaEcdhAes128), 1, 1});
    in.chip_authentication_public_keys.push_back({std::string(kOidPkEcdh), HexLiteral("3006300406022A03"), 1});
    in.active_authentication.push_back({std::string(kOidActiveAuthentication), 1, "1.2.840.10045.4.3.2"});
    in.pace.push_back({std::string(kOidPaceEcdhGmAes128), 2, 12});
    in.other.push_back({"1.2.3", HexLiteral("300606022A030500")});
    auto dg14 = EncodeDg14(in);
    ASSERT_TRUE(dg14) << dg14.error().message;
    // The ActiveAuthenticationInfo as Doc 9303 writes it.
    EXPECT_NE(ToHex(*dg14).find("3015060667810801010502010106082A8648CE3D040302"), std::string::npos);
    EXPECT_NE(ToHex(*dg14).find("3012060A04007F00070202030202020101020101"), std::string::npos);
    auto out = ParseDg14(*dg14);
    ASSERT_TRUE(out) << out.error().message;
    ASSERT_EQ(out->chip_authentication.size(), 1u);
    EXPECT_EQ(out->chip_authentication[0].key_id, 1);
    ASSERT_EQ(out->chip_authentication_public_keys.size(), 1u);
    EXPECT_EQ(ToHex(out->chip_authentication_public_keys[0].subject_public_key_info), "3006300406022A03");
    EXPECT_EQ(out->chip_authentication_public_keys[0].key_id, 1);
    ASSERT_EQ(out->active_authentication.size(), 1u);
    EXPECT_EQ(out->active_authentication[0].signature_algorithm, "1.2.840.10045.4.3.2");
    ASSERT_EQ(out->pace.size(), 1u);
    EXPECT_EQ(out->pace[0].parameter_id, 12);
    ASSERT_EQ(out->other.size(), 1u);
    EXPECT_EQ(out->other[0].protocol, "1.2.3");
    EXPECT_EQ(ToHex(out->other[0].der), "300606022A030500");
}

TEST(SecurityInfos, KeepsUnknownProtocolsAsStored) {
    auto infos = ParseSecurityInfos(HexLiteral("311E3014060804007F00070202061608687474703A2F2F78300606022A030500"));
    ASSERT_TRUE(infos) << infos.error().message;
    ASSERT_EQ(infos->other.size(), 2u);
    EXPECT_EQ(infos->other[0].protocol, "0.4.0.127.0.7.2.2.6");  // CardInfoLocator
    EXPECT_EQ(ToHex(infos->other[0].der), "3014060804007F00070202061608687474703A2F2F78");
    EXPECT_EQ(infos->other[1].protocol, "1.2.3");
    // An id-PACE OID with a mapping arc that does not exist is not a PACEInfo.
    auto odd = ParseSecurityInfos(HexLiteral("3111300F060A04007F00070202040502020102"));
    ASSERT_TRUE(odd);
    EXPECT_TRUE(odd->pace.empty());
    EXPECT_EQ(odd->other.size(), 1u);
}

TEST(SecurityInfos, RefusesMalformedInfosNamingTheElement) {
    struct Case {
        const char* hex;
        const char* says;
    } cases[] = {
        {"3111300F060A04007F00070202040202020101", "PACEInfo version 1; must be 2"},
        {"31173015060667810801010502010206082A8648CE3D040302", "ActiveAuthenticationInfo version 2; must be 1"},
        {"310D300B0606678108010105020101", "signatureAlgorithm missing"},
        {"3111300F060A04007F00070202030202040101", "ChipAuthenticationInfo version is 04, expected an INTEGER"},
        {"3110300E060904007F000702020102030100", "chipAuthenticationPublicKey is 03, expected a SEQUENCE"},
        {"31173015060A04007F00070202030202020101020101020101", "4 elements; at most 3"},
        {"3103020101", "SecurityInfo 1: is 02, expected a SEQUENCE"},
        {"31083006020101020101", "SecurityInfo 1: does not start with an OID"},
        {"310E300C060A04007F00070202030202", "no required data"},
        {"310F300D060804007F0007020202020103", "TerminalAuthenticationInfo version 3; must be 1 or 2"},
        {"3003020101", "outer tag is 30, expected 31"},
        {"31143012060A04007F0007020204020202010202010D00", "trailing bytes"},
        {"3103300106", "SecurityInfo 1: TLV at offset 0: tag 06 has no length"},
    };
    for (const auto& c : cases) {
        auto infos = ParseSecurityInfos(HexLiteral(c.hex));
        ASSERT_FALSE(infos) << c.hex;
        EXPECT_EQ(infos.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(infos.error().message.find(c.says), std::string::npos) << c.hex << ": " << infos.error().message;
    }
    auto wrong_tag =
        ParseDg14(HexLiteral("6F16"
                             "31143012060A04007F0007020204020202010202010D"));
    ASSERT_FALSE(wrong_tag);
    EXPECT_NE(wrong_tag.error().message.find("outer tag is 6F, expected 6E"), std::string::npos);
    // More elements than the limit.
    Bytes many;
    for (std::size_t i = 0; i <= kMaxSecurityInfos; ++i) {
        const Bytes e = HexLiteral("300606022A030500");
        many.insert(many.end(), e.begin(), e.end());
    }
    auto too_many = ParseSecurityInfos(EncodeTlv(kDerSet, many));
    ASSERT_FALSE(too_many);
    EXPECT_NE(too_many.error().message.find("65 elements; at most 64"), std::string::npos);
}

TEST(SecurityInfos, EncoderRefusesBadOids) {
    SecurityInfos bad;
    bad.pace.push_back({"not.an.oid", 2, std::nullopt});
    EXPECT_FALSE(EncodeCardAccess(bad));
    SecurityInfos bad_aa;
    bad_aa.active_authentication.push_back({std::string(kOidActiveAuthentication), 1, ""});
    EXPECT_FALSE(EncodeDg14(bad_aa));
}

TEST(SecurityInfos, NamesEveryProtocolFamily) {
    struct Case {
        const char* oid;
        const char* name;
    } cases[] = {
        {"0.4.0.127.0.7.2.2.4.1.1", "PACE-DH-GM-3DES-CBC-CBC"},
        {"0.4.0.127.0.7.2.2.4.2.2", "PACE-ECDH-GM-AES-CBC-CMAC-128"},
        {"0.4.0.127.0.7.2.2.4.2.4", "PACE-ECDH-GM-AES-CBC-CMAC-256"},
        {"0.4.0.127.0.7.2.2.4.3.3", "PACE-DH-IM-AES-CBC-CMAC-192"},
        {"0.4.0.127.0.7.2.2.4.4.2", "PACE-ECDH-IM-AES-CBC-CMAC-128"},
        {"0.4.0.127.0.7.2.2.4.6.2", "PACE-ECDH-CAM-AES-CBC-CMAC-128"},
        {"0.4.0.127.0.7.2.2.4.2", "PACE-ECDH-GM"},
        {"0.4.0.127.0.7.2.2.3.1.1", "CA-DH-3DES-CBC-CBC"},
        {"0.4.0.127.0.7.2.2.3.2.2", "CA-ECDH-AES-CBC-CMAC-128"},
        {"0.4.0.127.0.7.2.2.3.2", "CA-ECDH"},
        {"0.4.0.127.0.7.2.2.1.1", "PK-DH"},
        {"0.4.0.127.0.7.2.2.1.2", "PK-ECDH"},
        {"0.4.0.127.0.7.2.2.2", "TA"},
        {"2.23.136.1.1.5", "AA"},
        {"0.4.0.127.0.7.2.2.4.5.2", "0.4.0.127.0.7.2.2.4.5.2"},
        {"1.2.3", "1.2.3"},
    };
    for (const auto& c : cases) EXPECT_EQ(ProtocolName(c.oid), c.name) << c.oid;
    auto suite = DescribeProtocol(kOidPaceEcdhGmAes128);
    ASSERT_TRUE(suite);
    EXPECT_EQ(suite->family, "PACE");
    EXPECT_EQ(suite->key_agreement, "ECDH");
    EXPECT_EQ(suite->mapping, "GM");
    EXPECT_EQ(suite->cipher, "AES-CBC-CMAC");
    EXPECT_EQ(suite->key_bits, 128);
    EXPECT_EQ(DescribeProtocol(kOidCaEcdh3Des)->key_bits, 112);
    EXPECT_FALSE(DescribeProtocol("1.2.3"));
    EXPECT_EQ(StandardDomainParameterName(12), "prime256v1");
    EXPECT_EQ(StandardDomainParameterName(0), "modp1024_160");
    EXPECT_EQ(StandardDomainParameterName(3), "");
}

}  // namespace
}  // namespace precinct::identity
