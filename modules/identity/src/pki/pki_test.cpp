#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "precinct/identity/active_auth.hpp"
#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"
#include "openssl_util.hpp"
#include "precinct/identity/trust_store.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;

const fs::path& kVectors = test_vectors::VectorsDir();

using test_vectors::Load;

#define SKIP_WITHOUT_VECTORS() \
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string()

// The SOD of a published specimen, its listed groups, and the present groups that must match.
struct Specimen {
    const char* folder;
    const char* digest;
    std::vector<int> listed;
    std::vector<int> present;
    std::vector<int> unlisted_present;
};

TEST(Sod, ParsesThePublishedSpecimensAndTheirSignaturesVerify) {
    SKIP_WITHOUT_VECTORS();
    const Specimen specimens[] = {
        {"bsi-tr03105-5", "SHA-256", {1, 2, 3, 14, 4}, {1, 14, 15}, {15}},
        {"etsi-tr103200", "SHA-256", {1, 2, 3, 14, 15, 4}, {1, 14, 15}, {}},
    };
    for (const auto& s : specimens) {
        const Bytes ef_sod = Load(kVectors / s.folder / "EF_SOD.bin");
        auto sod = ParseSod(ef_sod);
        ASSERT_TRUE(sod) << s.folder << ": " << sod.error().message;
        EXPECT_EQ(sod->digest_algorithm, s.digest) << s.folder;
        EXPECT_EQ(sod->listed_groups, s.listed) << s.folder;
        std::map<int, Bytes> groups;
        for (int n : s.present) groups[n] = Load(kVectors / s.folder / ("Datagroup" + std::to_string(n) + ".bin"));
        TrustStore empty;
        const auto pa = PassiveAuthenticate(*sod, ef_sod, groups, empty, system_clock::now());
        EXPECT_TRUE(pa.signature_ok) << s.folder;
        EXPECT_FALSE(pa.chain_ok) << s.folder;
        EXPECT_FALSE(pa.have_trust_anchors);
        EXPECT_FALSE(pa.passed);
        EXPECT_TRUE(pa.mismatched_groups.empty()) << s.folder;
        EXPECT_EQ(pa.unlisted_groups, s.unlisted_present) << s.folder;
        for (int n : s.present) {
            const PaCheck* c = pa.Find("hash.dg" + std::to_string(n));
            if (std::find(s.unlisted_present.begin(), s.unlisted_present.end(), n) != s.unlisted_present.end()) {
                ASSERT_NE(pa.Find("listed.dg" + std::to_string(n)), nullptr);
                EXPECT_FALSE(pa.Find("listed.dg" + std::to_string(n))->passed);
                continue;
            }
            ASSERT_NE(c, nullptr) << s.folder << " DG" << n;
            EXPECT_TRUE(c->passed) << s.folder << " DG" << n << ": " << c->detail;
        }
        const PaCheck* chain = pa.Find("chain");
        ASSERT_NE(chain, nullptr);
        EXPECT_NE(chain->detail.find("no trusted CSCA"), std::string::npos) << chain->detail;
        ASSERT_TRUE(pa.document_signer.has_value());
        const Bytes ds_file = Load(
            kVectors / s.folder /
            (std::string(s.folder) == "bsi-tr03105-5" ? "DS_dsc_de_0142fd5cf927.cer" : "DS_dsc_de_0130846f2b3e.cer"));
        EXPECT_EQ(pa.document_signer->der, ds_file) << s.folder << ": embedded signer equals the published DS";
    }
}

// Each negative file and the refusal expected.json describes: a parse error naming the problem, or a parsed SOD
// with the specific failing check.
TEST(Sod, EveryNegativeVectorIsRefusedAsExpected) {
    SKIP_WITHOUT_VECTORS();
    const fs::path neg = kVectors / "negative";
    const fs::path etsi = kVectors / "etsi-tr103200";
    struct ParseRefusal {
        const char* file;
        const char* says;
    } parse_refusals[] = {
        {"sod-root-contenttype-1.2.840.113549.1.8.2.bin", "signedData"},
        {"sod-root-contenttype-signedAndEnvelopedData.bin", "signedData"},
        {"sod-signeddata-version-1.bin", "version"},
        {"sod-signeddata-version-2.bin", "version"},
        {"sod-signeddata-version-4.bin", "version"},
        {"sod-encapcontenttype-id-data.bin", "eContentType"},
        {"sod-encapcontenttype-1.2.840.113549.1.7.5.bin", "eContentType"},
        {"sod-ldssecurityobject-version-2.bin", "LDSSecurityObject version"},
        {"sod-ldssecurityobject-version-minus1.bin", "LDSSecurityObject version"},
        {"sod-trailing-byte.bin", "trailing"},
    };
    for (const auto& r : parse_refusals) {
        auto sod = ParseSod(Load(neg / r.file));
        ASSERT_FALSE(sod) << r.file << " parsed";
        EXPECT_EQ(sod.error().code, ErrorCode::kInvalidArgument) << r.file;
        EXPECT_NE(sod.error().message.find(r.says), std::string::npos) << r.file << ": " << sod.error().message;
    }

    std::map<int, Bytes> etsi_groups;
    for (int n : {1, 14, 15}) etsi_groups[n] = Load(etsi / ("Datagroup" + std::to_string(n) + ".bin"));
    TrustStore empty;
    const auto now = system_clock::now();
    struct SodRefusal {
        const char* file;
        bool signature_ok;
        std::vector<int> mismatched;
    } sod_refusals[] = {
        {"sod-etsi-dg1-hash-altered.bin", false, {1}},
        {"sod-etsi-dg14-hash-altered.bin", false, {14}},
        {"sod-etsi-signature-last-byte-altered.bin", false, {}},
    };
    for (const auto& r : sod_refusals) {
        const Bytes ef_sod = Load(neg / r.file);
        auto sod = ParseSod(ef_sod);
        ASSERT_TRUE(sod) << r.file << ": " << sod.error().message;
        const auto pa = PassiveAuthenticate(*sod, ef_sod, etsi_groups, empty, now);
        EXPECT_EQ(pa.signature_ok, r.signature_ok) << r.file;
        EXPECT_EQ(pa.mismatched_groups, r.mismatched) << r.file;
        EXPECT_FALSE(pa.passed) << r.file;
    }

    // Altered data groups against the genuine ETSI SOD: their hash check fails.
    const Bytes ef_sod = Load(etsi / "EF_SOD.bin");
    auto sod = ParseSod(ef_sod);
    ASSERT_TRUE(sod);
    for (auto [file, group] :
         {std::pair{"dg1-etsi-issuer-altered-D-to-SU.bin", 1}, std::pair{"dg15-etsi-exponent-altered.bin", 15}}) {
        auto groups = etsi_groups;
        groups[group] = Load(neg / file);
        const auto pa = PassiveAuthenticate(*sod, ef_sod, groups, empty, now);
        EXPECT_TRUE(pa.signature_ok) << file;
        EXPECT_EQ(pa.mismatched_groups, std::vector<int>{group}) << file;
        const PaCheck* c = pa.Find("hash.dg" + std::to_string(group));
        ASSERT_NE(c, nullptr) << file;
        EXPECT_FALSE(c->passed) << file;
    }
}

// X.509 times span the years 0000 to 9999; the clock only 1677 to 2262. A "never expires" 9999-12-31 must not
// overflow (the fuzzer found it) but saturate, and ordinary dates convert exactly.
TEST(OpenSslUtil, CertificateTimesOutsideTheClockRangeSaturate) {
    const auto at = [](const char* text) {
        pki::Asn1TimePtr t(ASN1_TIME_new());
        EXPECT_EQ(ASN1_TIME_set_string(t.get(), text), 1) << text;
        return pki::ToTimePoint(t.get());
    };
    EXPECT_EQ(at("99991231235959Z"), system_clock::time_point::max());
    EXPECT_EQ(at("22630101000000Z"), system_clock::time_point::max());
    EXPECT_EQ(at("00010101000000Z"), system_clock::time_point::min());
    EXPECT_EQ(at("20300101000000Z"), system_clock::from_time_t(1893456000));
    EXPECT_EQ(at("491231235959Z"), system_clock::from_time_t(2524607999));
}

TEST(TrustStore, LoadsTheDutchCscaMasterListAndACrl) {
    SKIP_WITHOUT_VECTORS();
    const fs::path nl = kVectors / "nl-pki";
    TrustStore store;
    ASSERT_TRUE(store.AddCertificate(Load(nl / "CSCA_NL_serial6_2021-2034.cer")));
    EXPECT_EQ(store.size(), 1u);
    ASSERT_TRUE(store.AddCertificate(Load(nl / "CSCA_NL_serial6_2021-2034.cer")));
    EXPECT_EQ(store.size(), 1u) << "a certificate already present is not counted twice";
    auto ml = store.AddMasterList(Load(nl / "NL_MASTERLIST_20211207.mls"));
    ASSERT_TRUE(ml) << ml.error().message;
    EXPECT_TRUE(ml->signature_verified) << ml->signature_detail;
    EXPECT_EQ(ml->certificates_in_list, 306u);
    EXPECT_EQ(ml->added, 305u);
    EXPECT_EQ(ml->duplicates, 1u) << "the Dutch CSCA added before is in the list";
    EXPECT_EQ(store.size(), 306u);
    EXPECT_TRUE(store.AddCrl(Load(nl / "COL.crl")));
    EXPECT_EQ(store.crl_count(), 1u);
    EXPECT_FALSE(store.AddCertificate(Load(kVectors / "bsi-tr03105-5" / "EF_COM.bin")));
    // A document signer is not a CA: refused as a trust anchor.
    EXPECT_FALSE(store.AddCertificate(Load(kVectors / "bsi-tr03105-5" / "DS_dsc_de_0142fd5cf927.cer")));
}

TEST(PassiveAuth, TestPkiSodPassesWhenItsCscaIsTrustedAndFailsWhenChangedOrExpired) {
    const auto now = system_clock::now();
    auto pki = TestPki::Create(now);
    ASSERT_TRUE(pki) << pki.error().message;
    std::map<int, Bytes> groups{{1, EncodeTlv(0x61, EncodeTlv(0x5F1F, ToBytes(std::string(90, '<'))))},
                                {13, EncodeTlv(0x6D, ToBytes("citizen data"))}};
    auto ef_sod = pki->BuildSod(groups);
    ASSERT_TRUE(ef_sod) << ef_sod.error().message;
    auto sod = ParseSod(*ef_sod);
    ASSERT_TRUE(sod) << sod.error().message;
    EXPECT_EQ(sod->listed_groups, (std::vector<int>{1, 13}));
    TrustStore trust;
    ASSERT_TRUE(trust.AddCertificate(pki->CscaCertificateDer()));
    auto pa = PassiveAuthenticate(*sod, *ef_sod, groups, trust, now);
    EXPECT_TRUE(pa.passed);
    EXPECT_TRUE(pa.chain_ok);
    ASSERT_TRUE(pa.csca.has_value());
    EXPECT_NE(pa.csca->subject.find("Precinct Test CSCA"), std::string::npos);

    auto changed = groups;
    changed[13] = EncodeTlv(0x6D, ToBytes("citizen dat4"));
    pa = PassiveAuthenticate(*sod, *ef_sod, changed, trust, now);
    EXPECT_FALSE(pa.passed);
    EXPECT_EQ(pa.mismatched_groups, std::vector<int>{13});

    using namespace std::chrono_literals;
    auto expired_ds = pki->IssueDocumentSigner({now - 24h * 800, now - 24h * 30});
    ASSERT_TRUE(expired_ds);
    auto old_sod = pki->BuildSod(*expired_ds, groups, {});
    ASSERT_TRUE(old_sod);
    auto parsed = ParseSod(*old_sod);
    ASSERT_TRUE(parsed);
    pa = PassiveAuthenticate(*parsed, *old_sod, groups, trust, now);
    EXPECT_TRUE(pa.signature_ok);
    EXPECT_FALSE(pa.validity_ok);
    EXPECT_FALSE(pa.passed);
    EXPECT_NE(pa.Find("validity")->detail.find("expired"), std::string::npos) << pa.Find("validity")->detail;
}

TEST(ActiveAuth, SignaturesOfTheChipSideVerifyAndTamperingIsCaught) {
    for (bool rsa : {false, true}) {
        auto key = rsa ? TestPki::MakeAaKey(AaKeyKind::kRsa1024) : TestPki::MakeAaKey(AaKeyKind::kEcP256);
        ASSERT_TRUE(key) << key.error().message;
        const Bytes challenge = HexLiteral("0102030405060708");
        const AaHash hash = rsa ? AaHash::kSha1 : AaHash::kSha256;
        auto signature = SignActiveAuthentication(*key, challenge, hash);
        ASSERT_TRUE(signature) << signature.error().message;
        const std::optional<std::string> oid =
            rsa ? std::nullopt : std::optional<std::string>(std::string(EcdsaOidForHash(hash)));
        auto ok = VerifyActiveAuthentication(key->SubjectPublicKeyInfoDer(), challenge, *signature, oid);
        ASSERT_TRUE(ok) << ok.error().message;
        EXPECT_TRUE(ok->verified) << ok->detail;
        auto wrong =
            VerifyActiveAuthentication(key->SubjectPublicKeyInfoDer(), HexLiteral("0102030405060709"), *signature, oid);
        ASSERT_TRUE(wrong);
        EXPECT_FALSE(wrong->verified);
        Bytes tampered = *signature;
        tampered[tampered.size() / 2] ^= 0x01;
        auto bad = VerifyActiveAuthentication(key->SubjectPublicKeyInfoDer(), challenge, tampered, oid);
        ASSERT_TRUE(bad);
        EXPECT_FALSE(bad->verified);
    }
}

TEST(ActiveAuth, DescribesTheSpecimenDg15Keys) {
    SKIP_WITHOUT_VECTORS();
    for (const char* folder : {"bsi-tr03105-5", "etsi-tr103200"}) {
        const Bytes dg15 = Load(kVectors / folder / "Datagroup15.bin");
        auto tlv = ReadSingleTlv(dg15, 0x6F, "DG15");
        ASSERT_TRUE(tlv) << folder;
        auto info = DescribeAaPublicKey(Bytes(tlv->value.begin(), tlv->value.end()));
        ASSERT_TRUE(info) << folder << ": " << info.error().message;
        EXPECT_EQ(info->key_type, "RSA") << folder;
        EXPECT_EQ(info->bits, 1024) << folder;
    }
}

}  // namespace
}  // namespace precinct::identity
