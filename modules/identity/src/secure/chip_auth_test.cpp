#include "precinct/identity/chip_auth.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

TEST(ChipAuth, KnowsTheEcdhProtocolsAndNamesTheOthers) {
    struct Case {
        std::string_view oid;
        KdfKeyType key_type;
        bool set_kat;
    };
    const std::vector<Case> cases = {
        {kCaEcdh3DesOid, KdfKeyType::kTripleDes, true},
        {kCaEcdhAes128Oid, KdfKeyType::kAes128, false},
        {kCaEcdhAes192Oid, KdfKeyType::kAes192, false},
        {kCaEcdhAes256Oid, KdfKeyType::kAes256, false},
    };
    for (const Case& c : cases) {
        auto p = ChipAuthProtocolFromOid(c.oid);
        ASSERT_TRUE(p) << c.oid;
        EXPECT_EQ(p->key_type, c.key_type);
        EXPECT_EQ(p->set_kat, c.set_kat);
    }
    EXPECT_EQ(ChipAuthProtocolFromOid("0.4.0.127.0.7.2.2.3.1.2").error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(ChipAuthProtocolFromOid(kCaEcdhAes128Oid.substr(0, 20)).error().code, ErrorCode::kInvalidArgument);
}

TEST(ChipAuth, KeyFromAScalarHasTheExpectedPublicPoint) {
    // The chip's mapping key of Doc 9303 Part 11 Appendix G.1 and its public point (the step-2 response).
    auto key = EcKeyPair::FromPrivateScalar(
        "brainpoolP256r1", HexLiteral("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560"));
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(ToHex(key->PublicPoint()),
              "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A"
              "0C709A49DC63719363CCD13C54");
    auto again = EcKeyPair::FromPkcs8Der(key->Pkcs8Der());
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->PublicPoint(), key->PublicPoint());
    EXPECT_FALSE(EcKeyPair::FromPrivateScalar("brainpoolP256r1", Bytes(32, 0)));
    EXPECT_FALSE(EcKeyPair::Generate("noSuchCurve"));
    EXPECT_FALSE(EcKeyPair::FromPkcs8Der(HexLiteral("3000")));
}

struct RunCase {
    std::string_view oid;
    std::string curve;
    bool explicit_parameters;
    std::optional<int> key_id;
};

TEST(ChipAuth, TerminalAndChipDeriveTheSameSessionOnNamedAndExplicitCurves) {
    const std::vector<RunCase> cases = {
        {kCaEcdhAes128Oid, "prime256v1", false, std::nullopt},  // the software card's key
        {kCaEcdhAes128Oid, "brainpoolP256r1", true, 1},         // explicit parameters, as issued chips write them
        {kCaEcdhAes192Oid, "secp384r1", true, std::nullopt},    // AES-192
        {kCaEcdhAes256Oid, "brainpoolP512r1", false, 7},        // AES-256 on the largest brainpool curve
        {kCaEcdh3DesOid, "prime256v1", true, std::nullopt},     // CA v1: MSE:Set KAT
        {kCaEcdh3DesOid, "brainpoolP224r1", false, 2},          // CA v1 with a key id
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.oid) + " " + c.curve + (c.explicit_parameters ? " explicit" : " named"));
        auto chip_key = EcKeyPair::Generate(c.curve);
        ASSERT_TRUE(chip_key);
        const Bytes spki = chip_key->SubjectPublicKeyInfoDer(c.explicit_parameters);
        ASSERT_FALSE(spki.empty());
        auto run = StartChipAuthentication(c.oid, spki, c.key_id);
        ASSERT_TRUE(run) << run.error().message;
        EXPECT_EQ(run->terminal_public_key.size(), chip_key->PublicPoint().size());
        EXPECT_EQ(run->terminal_public_key[0], 0x04);
        EXPECT_EQ(run->secure_messaging.ssc(), Bytes(BlockSize(run->secure_messaging.cipher()), 0));
        EXPECT_EQ(run->secure_messaging.ks_enc(),
                  DeriveKey(run->shared_secret, KdfPurpose::kEnc, run->protocol.key_type));

        Bytes terminal_point;
        if (run->protocol.set_kat) {
            ASSERT_EQ(run->commands.size(), 1u);
            const CommandApdu& kat = run->commands[0];
            EXPECT_EQ(ToHex(Bytes{kat.cla, kat.ins, kat.p1, kat.p2}), "002241A6");
            EXPECT_FALSE(kat.le);
            auto parsed = ParseCaMseSetKat(kat.data);
            ASSERT_TRUE(parsed) << parsed.error().message;
            EXPECT_EQ(parsed->key_id, c.key_id);
            terminal_point = parsed->terminal_public_key;
        } else {
            ASSERT_EQ(run->commands.size(), 2u);
            const CommandApdu& at = run->commands[0];
            EXPECT_EQ(ToHex(Bytes{at.cla, at.ins, at.p1, at.p2}), "002241A4");
            auto parsed = ParseCaMseSetAt(at.data);
            ASSERT_TRUE(parsed) << parsed.error().message;
            EXPECT_EQ(parsed->protocol_oid, c.oid);
            EXPECT_EQ(parsed->key_id, c.key_id);
            const CommandApdu& ga = run->commands[1];
            EXPECT_EQ(ToHex(Bytes{ga.cla, ga.ins, ga.p1, ga.p2}), "00860000");
            EXPECT_EQ(ga.le, 256u);
            auto point = ParseCaGeneralAuthenticate(ga.data);
            ASSERT_TRUE(point) << point.error().message;
            terminal_point = *point;
        }
        EXPECT_EQ(terminal_point, run->terminal_public_key);
        auto chip_sm = ChipAuthenticationChipSession(c.oid, *chip_key, terminal_point);
        ASSERT_TRUE(chip_sm) << chip_sm.error().message;
        EXPECT_EQ(chip_sm->cipher(), run->secure_messaging.cipher());
        EXPECT_EQ(chip_sm->ks_enc(), run->secure_messaging.ks_enc());
        EXPECT_EQ(chip_sm->ks_mac(), run->secure_messaging.ks_mac());
    }
}

TEST(ChipAuth, CommandsHaveTheDocumentedLayout) {
    auto chip_key = EcKeyPair::Generate("prime256v1");
    ASSERT_TRUE(chip_key);
    auto aes = StartChipAuthentication(kCaEcdhAes128Oid, chip_key->SubjectPublicKeyInfoDer(), 1);
    ASSERT_TRUE(aes);
    EXPECT_EQ(ToHex(EncodeCommand(aes->commands[0])), "002241A40F800A04007F00070202030202840101");
    EXPECT_EQ(ToHex(EncodeCommand(aes->commands[1])),
              "0086000045" + ToHex(EncodeTlv(0x7C, EncodeTlv(0x80, aes->terminal_public_key))) + "00");
    auto tdes = StartChipAuthentication(kCaEcdh3DesOid, chip_key->SubjectPublicKeyInfoDer(), std::nullopt);
    ASSERT_TRUE(tdes);
    EXPECT_EQ(ToHex(EncodeCommand(tdes->commands[0])),
              "002241A643" + ToHex(EncodeTlv(0x91, tdes->terminal_public_key)));
}

TEST(ChipAuth, AnotherChipKeyGivesKeysThatDoNotVerify) {
    // The implicit proof: a clone without the private key of DG14 cannot answer under the new keys.
    auto genuine = EcKeyPair::Generate("brainpoolP256r1");
    auto clone = EcKeyPair::Generate("brainpoolP256r1");
    ASSERT_TRUE(genuine && clone);
    auto run = StartChipAuthentication(kCaEcdhAes128Oid, genuine->SubjectPublicKeyInfoDer(true));
    ASSERT_TRUE(run);
    auto clone_sm = ChipAuthenticationChipSession(kCaEcdhAes128Oid, *clone, run->terminal_public_key);
    ASSERT_TRUE(clone_sm);
    SecureMessaging terminal = run->secure_messaging;
    auto wrapped = terminal.WrapCommand(*ParseCommand(HexLiteral("00B0000004")));
    ASSERT_TRUE(wrapped);
    auto at_clone = clone_sm->UnwrapCommand(*wrapped);
    ASSERT_FALSE(at_clone);
    EXPECT_EQ(at_clone.error().code, ErrorCode::kUnauthenticated);
    auto answer = clone_sm->WrapResponse(ResponseApdu{HexLiteral("60145F01"), 0x9000});
    ASSERT_TRUE(answer);
    auto opened = terminal.UnwrapResponse(*answer);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, ErrorCode::kUnauthenticated);
}

TEST(ChipAuth, TerminalRefusesKeysItCannotUse) {
    auto key = EcKeyPair::Generate("prime256v1");
    ASSERT_TRUE(key);
    const Bytes spki = key->SubjectPublicKeyInfoDer();
    auto trailing = StartChipAuthentication(kCaEcdhAes128Oid, Concat({spki, Bytes{0x00}}));
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.error().message,
              "chip authentication: the chip's public key is not one DER SubjectPublicKeyInfo");
    EXPECT_FALSE(StartChipAuthentication(kCaEcdhAes128Oid, HexLiteral("3003020100")));
    EXPECT_FALSE(StartChipAuthentication(kCaEcdhAes128Oid, {}));
    // The last byte of the point changed: no longer on the curve.
    Bytes off_curve = spki;
    off_curve.back() ^= 0x01;
    auto bad_point = StartChipAuthentication(kCaEcdhAes128Oid, off_curve);
    ASSERT_FALSE(bad_point);
    EXPECT_EQ(bad_point.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(StartChipAuthentication("0.4.0.127.0.7.2.2.3.1.1", spki).error().code, ErrorCode::kUnavailable);
    // An RSA key.
    EVP_PKEY* rsa = EVP_RSA_gen(1024);
    ASSERT_NE(rsa, nullptr);
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(rsa, &der);
    ASSERT_GT(len, 0);
    const Bytes rsa_spki(der, der + len);
    OPENSSL_free(der);
    EVP_PKEY_free(rsa);
    auto not_ec = StartChipAuthentication(kCaEcdhAes128Oid, rsa_spki);
    ASSERT_FALSE(not_ec);
    EXPECT_EQ(not_ec.error().message,
              "chip authentication: the chip's public key is not an EC key (DH is not supported)");
}

TEST(ChipAuth, ChipRefusesPointsOffItsCurve) {
    auto key = EcKeyPair::Generate("prime256v1");
    auto other = EcKeyPair::Generate("secp384r1");
    ASSERT_TRUE(key && other);
    Bytes off_curve = key->PublicPoint();
    off_curve.back() ^= 0x01;
    const std::vector<Bytes> bad = {off_curve, other->PublicPoint(), HexLiteral("00"), HexLiteral("04"), {}};
    for (const Bytes& point : bad) {
        SCOPED_TRACE(ToHex(point));
        auto sm = ChipAuthenticationChipSession(kCaEcdhAes128Oid, *key, point);
        ASSERT_FALSE(sm);
        EXPECT_EQ(sm.error().code, ErrorCode::kInvalidArgument);
    }
    // A compressed point of the right curve is accepted.
    const Bytes point = key->PublicPoint();
    Bytes compressed(point.begin(), point.begin() + 33);
    compressed[0] = static_cast<std::uint8_t>(0x02 | (point.back() & 1));
    auto accepted = ChipAuthenticationChipSession(kCaEcdhAes128Oid, *key, compressed);
    EXPECT_TRUE(accepted) << accepted.error().message;
}

struct ParseCase {
    std::string name;
    std::string data;
    std::string message;
};

TEST(ChipAuth, ChipParsesItsCommandsAndNamesWhatIsWrong) {
    const std::vector<ParseCase> kat = {
        {"no key", "840101", "MSE:Set KAT: the ephemeral public key (91) is missing"},
        {"key twice", "910104910104", "MSE:Set KAT: unexpected or repeated data object 91"},
        {"bad key id", "9101048400", "MSE:Set KAT: key id (84) is not a small integer"},
        {"truncated", "9105040102", ""},
    };
    for (const auto& c : kat) {
        SCOPED_TRACE(c.name);
        auto r = ParseCaMseSetKat(HexLiteral(c.data));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        if (!c.message.empty()) {
            EXPECT_EQ(r.error().message, c.message);
        }
    }
    const std::vector<ParseCase> at = {
        {"no protocol", "840101", "MSE:Set AT (chip authentication): the protocol (80) is missing"},
        {"unknown tag", "800A04007F00070202030202830101",
         "MSE:Set AT (chip authentication): unexpected or repeated data object 83"},
    };
    for (const auto& c : at) {
        SCOPED_TRACE(c.name);
        auto r = ParseCaMseSetAt(HexLiteral(c.data));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().message, c.message);
    }
    const std::vector<ParseCase> ga = {
        {"empty 7C", "7C00",
         "GENERAL AUTHENTICATE (chip authentication): 7C must hold exactly the ephemeral public key (80)"},
        {"two objects", "7C06800104810104",
         "GENERAL AUTHENTICATE (chip authentication): 7C must hold exactly the ephemeral public key (80)"},
        {"not 7C", "7D03800104", "GENERAL AUTHENTICATE (chip authentication): outer tag is 7D, expected 7C"},
    };
    for (const auto& c : ga) {
        SCOPED_TRACE(c.name);
        auto r = ParseCaGeneralAuthenticate(HexLiteral(c.data));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().message, c.message);
    }
    auto ok = ParseCaMseSetAt(HexLiteral("800A04007F00070202030202840102"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->protocol_oid, kCaEcdhAes128Oid);
    EXPECT_EQ(ok->key_id, 2);
    EXPECT_EQ(ToHex(CaGeneralAuthenticateResponse()), "7C00");
    EXPECT_TRUE(CheckChipAuthenticationResponse(HexLiteral("7C00")));
    EXPECT_FALSE(CheckChipAuthenticationResponse(HexLiteral("7C020000")));
}

}  // namespace
}  // namespace precinct::identity
