#include "precinct/identity/active_auth.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

#include "test_vectors.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

using test_vectors::LoadVector;

const Bytes kChallenge = HexLiteral("781723860C06C226");

// One RSA key for the whole binary: RSA generation is slow.
const AaPrivateKey& Rsa1024() {
    static const AaPrivateKey* key = new AaPrivateKey(*TestPki::MakeAaKey(AaKeyKind::kRsa1024));
    return *key;
}

// s^e mod n of an RSA signature, computed here with OpenSSL directly (independent of the code under test).
Bytes RawPublic(ByteView spki, ByteView signature) {
    const unsigned char* p = spki.data();
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())),
                                                            EVP_PKEY_free);
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key.get(), nullptr),
                                                                    EVP_PKEY_CTX_free);
    Bytes out(signature.size());
    std::size_t n = out.size();
    if (EVP_PKEY_verify_recover_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1 ||
        EVP_PKEY_verify_recover(ctx.get(), out.data(), &n, signature.data(), signature.size()) != 1) {
        return {};
    }
    out.resize(n);
    return out;
}

TEST(ActiveAuth, RsaSignaturesFollowIso9796Part2AndVerify) {
    const AaPrivateKey& key = Rsa1024();
    const Bytes spki = key.SubjectPublicKeyInfoDer();
    struct Case {
        AaHash hash;
        const char* protocol;
        std::size_t hash_bytes;
        Bytes trailer;
    } cases[] = {
        {AaHash::kSha1, "AA-RSA-ISO9796-2-SHA1", 20, {0xBC}},
        {AaHash::kSha224, "AA-RSA-ISO9796-2-SHA224", 28, {0x38, 0xCC}},
        {AaHash::kSha256, "AA-RSA-ISO9796-2-SHA256", 32, {0x34, 0xCC}},
        {AaHash::kSha384, "AA-RSA-ISO9796-2-SHA384", 48, {0x36, 0xCC}},
        {AaHash::kSha512, "AA-RSA-ISO9796-2-SHA512", 64, {0x35, 0xCC}},
    };
    for (const auto& c : cases) {
        auto signature = SignActiveAuthentication(key, kChallenge, c.hash);
        ASSERT_TRUE(signature) << c.protocol << ": " << signature.error().message;
        ASSERT_EQ(signature->size(), 128u) << c.protocol;
        // The recovered block: 6A || M1 || H(M1 || challenge) || trailer.
        const Bytes f = RawPublic(spki, *signature);
        ASSERT_EQ(f.size(), 128u) << c.protocol;
        EXPECT_EQ(f.front(), 0x6A) << c.protocol;
        EXPECT_EQ(Bytes(f.end() - static_cast<long>(c.trailer.size()), f.end()), c.trailer) << c.protocol;
        const std::size_t m1_len = 128 - 1 - c.hash_bytes - c.trailer.size();
        const Bytes m1(f.begin() + 1, f.begin() + 1 + static_cast<long>(m1_len));
        const Bytes listed(f.begin() + 1 + static_cast<long>(m1_len),
                           f.begin() + 1 + static_cast<long>(m1_len + c.hash_bytes));
        EXPECT_EQ(listed, *HashDataGroup(AaHashName(c.hash), Concat({m1, kChallenge}))) << c.protocol;

        auto outcome = VerifyActiveAuthentication(spki, kChallenge, *signature);
        ASSERT_TRUE(outcome) << outcome.error().message;
        EXPECT_TRUE(outcome->verified) << outcome->detail;
        EXPECT_EQ(outcome->protocol, c.protocol);
        EXPECT_EQ(outcome->key.key_type, "RSA");
        EXPECT_EQ(outcome->key.bits, 1024);
        EXPECT_EQ(outcome->detail, "ISO/IEC 9796-2 signature (" + std::string(AaHashName(c.hash)) +
                                       ") by the DG15 RSA-1024 key over the challenge verifies");
    }
}

TEST(ActiveAuth, RsaSignatureGivenAsModulusMinusSVerifies) {
    const AaPrivateKey& key = Rsa1024();
    const Bytes spki = key.SubjectPublicKeyInfoDer();
    auto signature = SignActiveAuthentication(key, kChallenge, AaHash::kSha1);
    ASSERT_TRUE(signature);
    const unsigned char* p = spki.data();
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())),
                                                             EVP_PKEY_free);
    BIGNUM* n = nullptr;
    ASSERT_EQ(EVP_PKEY_get_bn_param(pkey.get(), OSSL_PKEY_PARAM_RSA_N, &n), 1);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> modulus(n, BN_free);
    std::unique_ptr<BIGNUM, decltype(&BN_free)> s(BN_bin2bn(signature->data(), 128, nullptr), BN_free);
    ASSERT_EQ(BN_sub(s.get(), modulus.get(), s.get()), 1);
    Bytes alternative(128);
    ASSERT_EQ(BN_bn2binpad(s.get(), alternative.data(), 128), 128);
    auto outcome = VerifyActiveAuthentication(spki, kChallenge, alternative);
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->verified) << outcome->detail;
}

TEST(ActiveAuth, EcdsaPlainSignaturesVerifyWithTheHashOfTheOid) {
    struct Case {
        const char* curve;
        AaHash hash;
        const char* oid;
        std::size_t signature_bytes;
        const char* protocol;
    } cases[] = {
        {"prime256v1", AaHash::kSha1, "1.2.840.10045.4.1", 64, "AA-ECDSA-SHA1"},
        {"prime256v1", AaHash::kSha224, "1.2.840.10045.4.3.1", 64, "AA-ECDSA-SHA224"},
        {"prime256v1", AaHash::kSha256, "1.2.840.10045.4.3.2", 64, "AA-ECDSA-SHA256"},
        {"prime256v1", AaHash::kSha384, "1.2.840.10045.4.3.3", 64, "AA-ECDSA-SHA384"},
        {"prime256v1", AaHash::kSha512, "1.2.840.10045.4.3.4", 64, "AA-ECDSA-SHA512"},
        {"prime256v1", AaHash::kSha256, "0.4.0.127.0.7.1.1.4.1.3", 64, "AA-ECDSA-SHA256"},  // BSI ecdsa-plain-SHA256
        {"secp384r1", AaHash::kSha384, "1.2.840.10045.4.3.3", 96, "AA-ECDSA-SHA384"},
        {"brainpoolP256r1", AaHash::kSha256, "1.2.840.10045.4.3.2", 64, "AA-ECDSA-SHA256"},
    };
    for (const auto& c : cases) {
        auto key = AaPrivateKey::GenerateEc(c.curve);
        ASSERT_TRUE(key) << c.curve << ": " << key.error().message;
        EXPECT_FALSE(key->is_rsa());
        auto signature = SignActiveAuthentication(*key, kChallenge, c.hash);
        ASSERT_TRUE(signature) << c.protocol << ": " << signature.error().message;
        EXPECT_EQ(signature->size(), c.signature_bytes) << c.curve;
        EXPECT_EQ(AaHashFromEcdsaOid(c.oid), std::optional<AaHash>(c.hash)) << c.oid;
        auto outcome = VerifyActiveAuthentication(key->SubjectPublicKeyInfoDer(), kChallenge, *signature, c.oid);
        ASSERT_TRUE(outcome) << outcome.error().message;
        EXPECT_TRUE(outcome->verified) << c.curve << " " << c.oid << ": " << outcome->detail;
        EXPECT_EQ(outcome->protocol, c.protocol);
        EXPECT_EQ(outcome->key.key_type, "EC");
        EXPECT_EQ(outcome->key.curve, c.curve);
    }
}

TEST(ActiveAuth, WrongChallengeOrTamperedSignatureDoesNotVerify) {
    auto ec = TestPki::MakeAaKey(AaKeyKind::kEcP256);
    ASSERT_TRUE(ec);
    const std::string ecdsa_sha256 = "1.2.840.10045.4.3.2";
    struct Key {
        const AaPrivateKey* key;
        AaHash hash;
        std::optional<std::string> oid;
        const char* name;
    } keys[] = {{&Rsa1024(), AaHash::kSha256, std::nullopt, "RSA"}, {&*ec, AaHash::kSha256, ecdsa_sha256, "EC"}};
    for (const auto& k : keys) {
        const Bytes spki = k.key->SubjectPublicKeyInfoDer();
        auto signature = SignActiveAuthentication(*k.key, kChallenge, k.hash);
        ASSERT_TRUE(signature) << k.name;
        Bytes other_challenge = kChallenge;
        other_challenge[7] ^= 0x01;
        Bytes flipped_first = *signature;
        flipped_first[0] ^= 0x01;
        Bytes flipped_last = *signature;
        flipped_last.back() ^= 0x80;
        Bytes short_by_one(signature->begin(), signature->end() - 1);
        struct Case {
            const char* name;
            Bytes challenge;
            Bytes signature;
        } cases[] = {
            {"other challenge", other_challenge, *signature},
            {"first byte flipped", kChallenge, flipped_first},
            {"last byte flipped", kChallenge, flipped_last},
            {"one byte short", kChallenge, short_by_one},
            {"empty", kChallenge, {}},
        };
        for (const auto& c : cases) {
            auto outcome = VerifyActiveAuthentication(spki, c.challenge, c.signature, k.oid);
            ASSERT_TRUE(outcome) << k.name << " " << c.name << ": " << outcome.error().message;
            EXPECT_FALSE(outcome->verified) << k.name << " " << c.name;
            EXPECT_FALSE(outcome->detail.empty());
        }
    }
    auto rsa_short = VerifyActiveAuthentication(Rsa1024().SubjectPublicKeyInfoDer(), kChallenge, Bytes(127, 0x01));
    ASSERT_TRUE(rsa_short);
    EXPECT_EQ(rsa_short->detail, "signature has 127 bytes, the RSA-1024 key needs 128");
    auto ec_short =
        VerifyActiveAuthentication(ec->SubjectPublicKeyInfoDer(), kChallenge, Bytes(63, 0x01), ecdsa_sha256);
    ASSERT_TRUE(ec_short);
    EXPECT_EQ(ec_short->detail, "signature has 63 bytes, a plain ECDSA signature on this 256-bit curve has 64");
}

TEST(ActiveAuth, RefusesChecksThatCannotBeMade) {
    auto ec = TestPki::MakeAaKey(AaKeyKind::kEcP256);
    ASSERT_TRUE(ec);
    const Bytes ec_spki = ec->SubjectPublicKeyInfoDer();
    Bytes trailing = ec_spki;
    trailing.push_back(0x00);
    const Bytes signature(64, 0x01);
    struct Case {
        const char* name;
        Bytes spki;
        Bytes challenge;
        std::optional<std::string> oid;
        const char* message;
    } cases[] = {
        {"7-byte challenge", ec_spki, Bytes(7, 0x00), "1.2.840.10045.4.3.2",
         "active authentication: the challenge has 7 bytes, expected 8"},
        {"EC without the DG14 algorithm", ec_spki, kChallenge, std::nullopt,
         "active authentication: an EC key needs the signature algorithm of DG14's ActiveAuthenticationInfo"},
        {"unknown algorithm", ec_spki, kChallenge, "1.2.840.113549.1.1.11",
         "active authentication: unknown ECDSA signature algorithm 1.2.840.113549.1.1.11"},
        {"empty key",
         {},
         kChallenge,
         std::nullopt,
         "active authentication: the public key is empty or larger than 16 KiB"},
        {"trailing byte", trailing, kChallenge, "1.2.840.10045.4.3.2",
         "active authentication: bytes after the SubjectPublicKeyInfo"},
    };
    for (const auto& c : cases) {
        auto outcome = VerifyActiveAuthentication(c.spki, c.challenge, signature, c.oid);
        ASSERT_FALSE(outcome) << c.name;
        EXPECT_EQ(outcome.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(outcome.error().message, c.message) << c.name;
    }
    auto garbage = DescribeAaPublicKey(HexLiteral("3003020101"));
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().message.rfind("active authentication: the SubjectPublicKeyInfo does not decode", 0), 0u);
    auto sign_short = SignActiveAuthentication(*ec, Bytes(9, 0x00), AaHash::kSha256);
    ASSERT_FALSE(sign_short);
    EXPECT_EQ(sign_short.error().message, "active authentication: the challenge has 9 bytes, expected 8");
    auto odd = AaPrivateKey::GenerateRsa(1000);
    ASSERT_FALSE(odd);
    EXPECT_EQ(odd.error().message, "active authentication: RSA key size 1000 is not a multiple of 8 in 1024-4096");
}

TEST(ActiveAuth, DerEncodedEcdsaSignatureIsAcceptedAndSaidSo) {
    auto ec = TestPki::MakeAaKey(AaKeyKind::kEcP256);
    ASSERT_TRUE(ec);
    auto plain = SignActiveAuthentication(*ec, kChallenge, AaHash::kSha256);
    ASSERT_TRUE(plain);
    auto der_int = [](ByteView half) {
        Bytes v(half.begin(), half.end());
        while (v.size() > 1 && v[0] == 0 && (v[1] & 0x80) == 0) v.erase(v.begin());
        if (v[0] & 0x80) v.insert(v.begin(), 0x00);
        return EncodeTlv(kDerInteger, v);
    };
    const ByteView sig(*plain);
    const Bytes der = EncodeTlv(kDerSequence, Concat({der_int(sig.first(32)), der_int(sig.subspan(32))}));
    auto outcome = VerifyActiveAuthentication(ec->SubjectPublicKeyInfoDer(), kChallenge, der, "1.2.840.10045.4.3.2");
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->verified) << outcome->detail;
    EXPECT_EQ(outcome->detail,
              "ECDSA (SHA-256) signature by the DG15 prime256v1 key over the challenge verifies (DER-encoded, where "
              "Doc 9303 asks for plain r || s)");
}

TEST(ActiveAuth, Pkcs8RoundTripKeepsTheKey) {
    auto ec = TestPki::MakeAaKey(AaKeyKind::kEcP256);
    ASSERT_TRUE(ec);
    for (const AaPrivateKey* key : {&Rsa1024(), static_cast<const AaPrivateKey*>(&*ec)}) {
        auto back = AaPrivateKey::FromPkcs8Der(key->Pkcs8Der());
        ASSERT_TRUE(back) << back.error().message;
        EXPECT_EQ(back->SubjectPublicKeyInfoDer(), key->SubjectPublicKeyInfoDer());
        EXPECT_EQ(back->is_rsa(), key->is_rsa());
        auto signature = SignActiveAuthentication(*back, kChallenge, AaHash::kSha256);
        ASSERT_TRUE(signature);
        auto outcome = VerifyActiveAuthentication(key->SubjectPublicKeyInfoDer(), kChallenge, *signature,
                                                  std::string("1.2.840.10045.4.3.2"));
        ASSERT_TRUE(outcome);
        EXPECT_TRUE(outcome->verified) << outcome->detail;
    }
    auto bad = AaPrivateKey::FromPkcs8Der(HexLiteral("3003020100"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

TEST(ActiveAuth, DescribesTheDg15KeysOfTheSpecimens) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    struct Case {
        const char* file;
        const char* key_type;
        int bits;
    } cases[] = {
        {"bsi-tr03105-5/Datagroup15.bin", "RSA", 1024},
        {"etsi-tr103200/Datagroup15.bin", "RSA", 1024},
        {"negative/dg15-etsi-exponent-altered.bin", "RSA", 1024},  // well formed; only its hash is wrong
    };
    for (const auto& c : cases) {
        const Bytes dg15 = LoadVector(c.file);
        auto spki = ReadSingleTlv(dg15, 0x6F, "DG15");
        ASSERT_TRUE(spki) << c.file << ": " << spki.error().message;
        auto info = DescribeAaPublicKey(spki->value);
        ASSERT_TRUE(info) << c.file << ": " << info.error().message;
        EXPECT_EQ(info->key_type, c.key_type) << c.file;
        EXPECT_EQ(info->bits, c.bits) << c.file;
        EXPECT_EQ(info->curve, "") << c.file;
    }
    auto wrong_tag = ReadSingleTlv(LoadVector("negative/dg15-wrong-outer-tag-0x70.bin"), 0x6F, "DG15");
    ASSERT_FALSE(wrong_tag);
    EXPECT_EQ(wrong_tag.error().message, "DG15: outer tag is 70, expected 6F");
}

TEST(ActiveAuth, NamesHashesAndTheirEcdsaOids) {
    EXPECT_EQ(AaHashName(AaHash::kSha384), "SHA-384");
    EXPECT_EQ(EcdsaOidForHash(AaHash::kSha1), "1.2.840.10045.4.1");
    EXPECT_EQ(EcdsaOidForHash(AaHash::kSha512), "1.2.840.10045.4.3.4");
    EXPECT_EQ(AaHashFromEcdsaOid("0.4.0.127.0.7.1.1.4.1.5"), std::optional<AaHash>(AaHash::kSha512));
    EXPECT_EQ(AaHashFromEcdsaOid("1.2.3"), std::nullopt);
}

}  // namespace
}  // namespace precinct::identity
