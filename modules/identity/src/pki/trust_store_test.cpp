#include "precinct/identity/trust_store.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "test_vectors.hpp"
#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
using test_vectors::LoadVector;
using std::chrono::system_clock;

constexpr const char* kNlCsca = "nl-pki/CSCA_NL_serial6_2021-2034.cer";
constexpr const char* kNlMasterList = "nl-pki/NL_MASTERLIST_20211207.mls";
constexpr const char* kNlCscaSubject =
    "C=NL,O=Kingdom of the Netherlands,OU=Kingdom of the Netherlands,CN=CSCA NL,serialNumber=6";

// A fresh folder under the system's temporary directory, removed at the end of the test.
class TempFolder {
public:
    TempFolder() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("precinct-pki-test-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    void Write(const std::string& name, ByteView bytes) const {
        std::ofstream out(path_ / name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }

private:
    fs::path path_;
};

TEST(TrustStore, LoadsTheDutchCscaCertificate) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    TrustStore store;
    ASSERT_TRUE(store.AddCertificate(LoadVector(kNlCsca)));
    EXPECT_EQ(store.size(), 1u);
    EXPECT_EQ(store.Subjects(), std::vector<std::string>{kNlCscaSubject});
    EXPECT_EQ(store.CertificatesDer(), std::vector<Bytes>{LoadVector(kNlCsca)});
    auto summary = SummarizeCertificate(LoadVector(kNlCsca));
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->serial_hex, "07A4");
    EXPECT_EQ(FormatUtc(summary->not_before), "2021-06-21T00:00:00Z");
    EXPECT_EQ(FormatUtc(summary->not_after), "2034-06-30T00:00:00Z");
}

TEST(TrustStore, LoadsTheDutchMasterListAndVerifiesItsSignature) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    TrustStore store;
    auto ml = store.AddMasterList(LoadVector(kNlMasterList));
    ASSERT_TRUE(ml) << ml.error().message;
    EXPECT_EQ(ml->version, 0);
    EXPECT_EQ(ml->certificates_in_list, 306u);
    EXPECT_EQ(ml->added, 306u);
    EXPECT_EQ(ml->duplicates, 0u);
    EXPECT_EQ(ml->skipped, 0u);
    EXPECT_TRUE(ml->signature_verified);
    EXPECT_EQ(ml->signature_detail, "CMS signature verifies with the embedded signer certificate");
    EXPECT_EQ(ml->signer_subject,
              "C=NL,O=Kingdom of the Netherlands,OU=Kingdom of the Netherlands,CN=Masterlist Signer NL,serialNumber=3");
    EXPECT_TRUE(ml->signer_chain_verified);
    EXPECT_EQ(ml->signer_chain_detail,
              std::string("signer certificate chains to ") + kNlCscaSubject + " (validity periods not checked)");
    EXPECT_EQ(store.size(), 306u);
    // The Dutch CSCA is in the list: adding it again changes nothing; loading the list again adds nothing.
    ASSERT_TRUE(store.AddCertificate(LoadVector(kNlCsca)));
    EXPECT_EQ(store.size(), 306u);
    auto again = store.AddMasterList(LoadVector(kNlMasterList));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->added, 0u);
    EXPECT_EQ(again->duplicates, 306u);
}

TEST(TrustStore, RefusesATamperedMasterListUnlessAskedToReportOnly) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    Bytes tampered = LoadVector(kNlMasterList);
    ASSERT_GT(tampered.size(), 200000u);
    tampered[200000] ^= 0x01;  // inside certList, so the signed messageDigest no longer matches
    TrustStore strict;
    auto refused = strict.AddMasterList(tampered);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(refused.error().message.rfind("master list: CMS signature does not verify", 0), 0u)
        << refused.error().message;
    EXPECT_EQ(strict.size(), 0u);

    TrustStore lenient;
    auto loaded = lenient.AddMasterList(tampered, MasterListOptions{.require_valid_signature = false});
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_FALSE(loaded->signature_verified);
    EXPECT_EQ(loaded->certificates_in_list, 306u);
    EXPECT_EQ(loaded->added + loaded->skipped, 306u);
    EXPECT_EQ(lenient.size(), loaded->added);
}

TEST(TrustStore, RefusesWhatIsNotAMasterList) {
    auto pki = TestPki::Create(system_clock::now());
    ASSERT_TRUE(pki);
    auto ef_sod = pki->BuildSod({{1, EncodeTlv(0x61, ToBytes("mrz"))}});
    ASSERT_TRUE(ef_sod);
    auto inner = ReadSingleTlv(*ef_sod, 0x77, "EF.SOD");
    ASSERT_TRUE(inner);
    struct Case {
        const char* name;
        Bytes bytes;
        const char* message;
    } cases[] = {
        {"an EF.SOD's ContentInfo", Bytes(inner->value.begin(), inner->value.end()),
         "master list: eContentType is 2.23.136.1.1.1, expected id-icao-cscaMasterList (2.23.136.1.1.2)"},
        {"empty", {}, "master list: empty CMS"},
        {"a certificate", pki->CscaCertificateDer(), ""},
    };
    for (const auto& c : cases) {
        TrustStore store;
        auto ml = store.AddMasterList(c.bytes);
        ASSERT_FALSE(ml) << c.name;
        EXPECT_EQ(ml.error().code, ErrorCode::kInvalidArgument) << c.name;
        if (*c.message != '\0') {
            EXPECT_EQ(ml.error().message, c.message) << c.name;
        } else {
            EXPECT_EQ(ml.error().message.rfind("master list: OpenSSL cannot decode the CMS ContentInfo", 0), 0u)
                << ml.error().message;
        }
        EXPECT_EQ(store.size(), 0u);
    }
}

TEST(TrustStore, LoadsTheColombianCrlOnce) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    TrustStore store;
    ASSERT_TRUE(store.AddCrl(LoadVector("nl-pki/COL.crl")));
    EXPECT_EQ(store.crl_count(), 1u);
    ASSERT_TRUE(store.AddCrl(LoadVector("nl-pki/COL.crl")));
    EXPECT_EQ(store.crl_count(), 1u) << "the same CRL is held once";
    Bytes trailing = LoadVector("nl-pki/COL.crl");
    trailing.push_back(0x00);
    auto refused = store.AddCrl(trailing);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().message, "bytes after the DER CRL");
    auto garbage = store.AddCrl(HexLiteral("3003020101"));
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().message.rfind("not a DER CRL", 0), 0u) << garbage.error().message;
    EXPECT_EQ(store.crl_count(), 1u);
}

TEST(TrustStore, RefusesWhatIsNotACscaCertificate) {
    auto pki = TestPki::Create(system_clock::now());
    ASSERT_TRUE(pki);
    Bytes trailing = pki->CscaCertificateDer();
    trailing.push_back(0x00);
    struct Case {
        const char* name;
        Bytes bytes;
        ErrorCode code;
        std::string message;
    } cases[] = {
        {"empty", {}, ErrorCode::kInvalidArgument, "not a DER certificate (or bytes after it)"},
        {"garbage", HexLiteral("30030201FF"), ErrorCode::kInvalidArgument, "not a DER certificate (or bytes after it)"},
        {"trailing byte", trailing, ErrorCode::kInvalidArgument, "not a DER certificate (or bytes after it)"},
        {"document signer", pki->document_signer().certificate_der(), ErrorCode::kInvalidArgument,
         "certificate CN=Precinct Test Document Signer,OU=Document Signer,O=Precinct test PKI - not for real "
         "documents,C=VN is not a CA certificate (basicConstraints cA is not set)"},
        {"PEM without a certificate", ToBytes("-----BEGIN NOTHING-----\n-----END NOTHING-----\n"),
         ErrorCode::kInvalidArgument, "no PEM CERTIFICATE block could be read"},
        {"larger than 8 MiB", Bytes(TrustStore::kMaxFileBytes + 1, 0x30), ErrorCode::kTooLarge,
         "certificate: 8388609 bytes, larger than the limit of 8388608"},
    };
    for (const auto& c : cases) {
        TrustStore store;
        auto s = store.AddCertificate(c.bytes);
        ASSERT_FALSE(s) << c.name;
        EXPECT_EQ(s.error().code, c.code) << c.name;
        EXPECT_EQ(s.error().message, c.message) << c.name;
        EXPECT_EQ(store.size(), 0u) << c.name;
    }
}

TEST(TrustStore, AcceptsPemWithSeveralCertificates) {
    const auto now = system_clock::now();
    auto a = TestPki::Create(now);
    TestPkiOptions other;
    other.csca_common_name = "Second Test CSCA";
    auto b = TestPki::Create(now, other);
    ASSERT_TRUE(a && b);
    const std::string pem = a->CscaCertificatePem() + b->CscaCertificatePem();
    EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
    TrustStore store;
    ASSERT_TRUE(store.AddCertificate(ToBytes(pem)));
    EXPECT_EQ(store.size(), 2u);
    EXPECT_EQ(store.CertificatesDer(), (std::vector<Bytes>{a->CscaCertificateDer(), b->CscaCertificateDer()}));
}

TEST(TrustStore, LoadsAFolderAndNamesTheFilesItCouldNotUse) {
    const auto now = system_clock::now();
    auto pki = TestPki::Create(now);
    ASSERT_TRUE(pki);
    TempFolder folder;
    ASSERT_TRUE(pki->WriteTrustFolder(folder.path()));
    auto crl = pki->BuildCrl({}, {now, now + std::chrono::hours(24 * 30)});
    ASSERT_TRUE(crl);
    folder.Write("csca.CRL", *crl);
    folder.Write("notes.txt", ToBytes("ignored"));
    folder.Write("broken.cer", ToBytes("not a certificate"));
    folder.Write("ds.der", pki->document_signer().certificate_der());

    TrustStore store;
    auto s = store.AddDirectory(folder.path());
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().message,
              "trust folder " + folder.path().string() +
                  ": broken.cer: not a DER certificate (or bytes after it); ds.der: certificate CN=Precinct Test "
                  "Document Signer,OU=Document Signer,O=Precinct test PKI - not for real documents,C=VN is not a CA "
                  "certificate (basicConstraints cA is not set)");
    EXPECT_EQ(store.size(), 1u) << "the good files still load";
    EXPECT_EQ(store.crl_count(), 1u);

    // A folder of good files loads without error, and a SOD of that PKI then passes.
    TempFolder good;
    ASSERT_TRUE(pki->WriteTrustFolder(good.path(), "csca.PEM"));
    TrustStore trust;
    ASSERT_TRUE(trust.AddDirectory(good.path()));
    EXPECT_EQ(trust.size(), 1u);
    const std::map<int, Bytes> groups{{1, EncodeTlv(0x61, ToBytes("mrz"))}};
    auto ef_sod = pki->BuildSod(groups);
    ASSERT_TRUE(ef_sod);
    EXPECT_TRUE(PassiveAuthenticate(*ParseSod(*ef_sod), *ef_sod, groups, trust, now).passed);

    auto missing = store.AddDirectory(folder.path() / "absent");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "trust folder " + (folder.path() / "absent").string() + ": not a folder");
}

TEST(TrustStore, MovedFromStoreIsEmptyAndUsable) {
    auto pki = TestPki::Create(system_clock::now());
    ASSERT_TRUE(pki);
    TrustStore a;
    ASSERT_TRUE(a.AddCertificate(pki->CscaCertificateDer()));
    TrustStore b = std::move(a);
    EXPECT_EQ(b.size(), 1u);
    EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): the documented moved-from state
    EXPECT_EQ(a.crl_count(), 0u);
    ASSERT_TRUE(a.AddCertificate(pki->CscaCertificateDer()));
    EXPECT_EQ(a.size(), 1u);
}

}  // namespace
}  // namespace precinct::identity
