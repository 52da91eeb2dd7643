#include "precinct/identity/passive_auth.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "test_vectors.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

using namespace std::chrono_literals;
using test_vectors::LoadVector;
using std::chrono::system_clock;

constexpr auto kDay = 24h;

// The names of the checks that failed, informational ones aside.
std::set<std::string> Failed(const PassiveAuthReport& report) {
    std::set<std::string> names;
    for (const auto& c : report.checks) {
        if (!c.passed && !c.informational) names.insert(c.name);
    }
    return names;
}

std::vector<std::string> Names(const PassiveAuthReport& report) {
    std::vector<std::string> names;
    for (const auto& c : report.checks) names.push_back(c.name);
    return names;
}

std::string Detail(const PassiveAuthReport& report, std::string_view name) {
    const PaCheck* c = report.Find(name);
    return c == nullptr ? "(no such check)" : c->detail;
}

std::map<int, Bytes> EtsiGroups() {
    std::map<int, Bytes> groups;
    for (int n : {1, 14, 15}) groups[n] = LoadVector("etsi-tr103200/Datagroup" + std::to_string(n) + ".bin");
    return groups;
}

std::string FlooredUtc(system_clock::time_point t) { return FormatUtc(std::chrono::floor<std::chrono::seconds>(t)); }

// One test PKI for the whole binary (EC keys, cheap), a card's groups, and its SOD.
struct Card {
    system_clock::time_point now = system_clock::now();
    TestPki pki = *TestPki::Create(now);
    std::map<int, Bytes> groups{{1, EncodeTlv(0x61, EncodeTlv(0x5F1F, ToBytes(std::string(90, '<'))))},
                                {2, EncodeTlv(0x75, Bytes(2000, 0x5A))},
                                {13, EncodeTlv(0x6D, ToBytes("citizen data"))}};
    Bytes ef_sod = *pki.BuildSod(groups);
    Sod sod = *ParseSod(ef_sod);
    TrustStore trust;

    Card() { EXPECT_TRUE(trust.AddCertificate(pki.CscaCertificateDer())); }
};

const Card& TheCard() {
    static const Card* card = new Card;
    return *card;
}

TEST(PassiveAuth, SpecimensVerifyTheirSignatureAndHashesButHaveNoTrustedCsca) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    struct Case {
        const char* folder;
        std::vector<std::string> names;
        std::set<std::string> failed;
        const char* validity;
        const char* ds_subject;
        const char* ds_serial;
        std::vector<int> unlisted;
    } cases[] = {
        {"bsi-tr03105-5",
         {"signature", "chain", "validity", "revocation", "hash.dg1", "present.dg2", "present.dg3", "present.dg4",
          "hash.dg14", "listed.dg15"},
         {"chain", "validity", "listed.dg15"},
         "DS certificate expired on 2014-12-11T21:43:18Z",
         "CN=HJP PB DS,OU=Document Signer,O=HJP Consulting,C=DE",
         "0142FD5CF927",
         {15}},
        {"etsi-tr103200",
         {"signature", "chain", "validity", "revocation", "hash.dg1", "present.dg2", "present.dg3", "present.dg4",
          "hash.dg14", "hash.dg15"},
         {"chain", "validity"},
         "DS certificate expired on 2012-06-06T15:18:56Z",
         "CN=ETSI DS,OU=Document Signer,O=ETSI,C=DE",
         "0130846F2B3E",
         {}},
    };
    const TrustStore empty;
    for (const auto& c : cases) {
        const std::string folder = c.folder;
        const Bytes ef_sod = LoadVector(folder + "/EF_SOD.bin");
        auto sod = ParseSod(ef_sod);
        ASSERT_TRUE(sod) << folder << ": " << sod.error().message;
        std::map<int, Bytes> groups;
        for (int n : {1, 14, 15}) groups[n] = LoadVector(folder + "/Datagroup" + std::to_string(n) + ".bin");
        const auto pa = PassiveAuthenticate(*sod, ef_sod, groups, empty, system_clock::now());
        EXPECT_EQ(Names(pa), c.names) << folder;
        EXPECT_EQ(Failed(pa), c.failed) << folder;
        EXPECT_FALSE(pa.passed);
        EXPECT_TRUE(pa.signature_ok);
        EXPECT_FALSE(pa.chain_ok);
        EXPECT_FALSE(pa.have_trust_anchors);
        EXPECT_EQ(pa.hashes_ok, c.unlisted.empty()) << folder << ": the BSI DG15 is present but not listed";
        EXPECT_EQ(pa.unlisted_groups, c.unlisted) << folder;
        EXPECT_TRUE(pa.mismatched_groups.empty()) << folder;
        EXPECT_EQ(pa.missing_groups, (std::vector<int>{2, 3, 4})) << folder;
        EXPECT_EQ(Detail(pa, "signature"),
                  "RSA-PSS signature by the embedded DS certificate verifies; the signed messageDigest matches the "
                  "LDSSecurityObject");
        ASSERT_TRUE(pa.document_signer.has_value());
        EXPECT_EQ(pa.document_signer->subject, c.ds_subject);
        EXPECT_EQ(pa.document_signer->serial_hex, c.ds_serial);
        EXPECT_EQ(Detail(pa, "chain"),
                  "no trusted CSCA certificate in the trust store (DS issuer " + pa.document_signer->issuer + ")");
        EXPECT_EQ(Detail(pa, "validity"), c.validity);
        EXPECT_FALSE(pa.csca.has_value());
        if (!c.unlisted.empty()) {
            EXPECT_EQ(Detail(pa, "listed.dg15"), "DG15 is present but EF.SOD lists no hash for it");
        }
    }
}

// expected.json's hash and signature cases: each parses and fails exactly the checks it should. The chain and
// validity checks fail for every ETSI case anyway (no CSCA, DS expired in 2012).
TEST(PassiveAuth, NegativeVectorsFailTheirHashOrSignatureCheck) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    struct Case {
        const char* sod_file;
        const char* replaced_group_file;  // replaces the ETSI group of the same number, or nullptr
        int replaced_group;
        std::set<std::string> failed;
        const char* signature_detail_starts;
        std::vector<int> mismatched;
    } cases[] = {
        {"negative/sod-etsi-dg1-hash-altered.bin",
         nullptr,
         0,
         {"signature", "chain", "validity", "hash.dg1"},
         "the SHA-256 digest of the LDSSecurityObject",
         {1}},
        {"negative/sod-etsi-dg14-hash-altered.bin",
         nullptr,
         0,
         {"signature", "chain", "validity", "hash.dg14"},
         "the SHA-256 digest of the LDSSecurityObject",
         {14}},
        {"negative/sod-etsi-signature-last-byte-altered.bin",
         nullptr,
         0,
         {"signature", "chain", "validity"},
         "the signature over the signed attributes does not verify",
         {}},
        {"etsi-tr103200/EF_SOD.bin",
         "negative/dg1-etsi-issuer-altered-D-to-SU.bin",
         1,
         {"chain", "validity", "hash.dg1"},
         "RSA-PSS signature by the embedded DS certificate verifies",
         {1}},
        {"etsi-tr103200/EF_SOD.bin",
         "negative/dg15-etsi-exponent-altered.bin",
         15,
         {"chain", "validity", "hash.dg15"},
         "RSA-PSS signature by the embedded DS certificate verifies",
         {15}},
    };
    const TrustStore empty;
    for (const auto& c : cases) {
        const Bytes ef_sod = LoadVector(c.sod_file);
        auto sod = ParseSod(ef_sod);
        ASSERT_TRUE(sod) << c.sod_file << ": " << sod.error().message;
        auto groups = EtsiGroups();
        if (c.replaced_group_file != nullptr) groups[c.replaced_group] = LoadVector(c.replaced_group_file);
        const auto pa = PassiveAuthenticate(*sod, ef_sod, groups, empty, system_clock::now());
        const std::string label = std::string(c.sod_file) + (c.replaced_group_file ? " + " : "") +
                                  (c.replaced_group_file ? c.replaced_group_file : "");
        EXPECT_EQ(Failed(pa), c.failed) << label;
        EXPECT_EQ(pa.mismatched_groups, c.mismatched) << label;
        EXPECT_EQ(Detail(pa, "signature").rfind(c.signature_detail_starts, 0), 0u)
            << label << ": " << Detail(pa, "signature");
        EXPECT_FALSE(pa.passed) << label;
    }
}

TEST(PassiveAuth, TestPkiSodPassesEveryCheckWithItsCscaTrusted) {
    const Card& card = TheCard();
    const auto pa = PassiveAuthenticate(card.sod, card.ef_sod, card.groups, card.trust, card.now);
    EXPECT_TRUE(pa.passed);
    EXPECT_EQ(Names(pa), (std::vector<std::string>{"signature", "chain", "validity", "revocation", "hash.dg1",
                                                   "hash.dg2", "hash.dg13"}));
    EXPECT_TRUE(Failed(pa).empty());
    EXPECT_TRUE(pa.signature_ok && pa.chain_ok && pa.validity_ok && pa.revocation_ok && pa.hashes_ok);
    EXPECT_TRUE(pa.have_trust_anchors);
    EXPECT_EQ(Detail(pa, "signature"),
              "ECDSA signature by the embedded DS certificate verifies; the signed messageDigest matches the "
              "LDSSecurityObject");
    ASSERT_TRUE(pa.document_signer.has_value());
    ASSERT_TRUE(pa.csca.has_value());
    const auto ds = SummarizeCertificate(card.pki.document_signer().certificate_der());
    const auto csca = SummarizeCertificate(card.pki.CscaCertificateDer());
    ASSERT_TRUE(ds && csca);
    EXPECT_EQ(pa.document_signer->der, ds->der);
    EXPECT_EQ(pa.document_signer->serial_hex, ds->serial_hex);
    EXPECT_EQ(pa.csca->der, csca->der);
    EXPECT_EQ(pa.csca->subject, "CN=Precinct Test CSCA,OU=CSCA,O=Precinct test PKI - not for real documents,C=VN");
    EXPECT_EQ(pa.document_signer->subject,
              "CN=Precinct Test Document Signer,OU=Document Signer,O=Precinct test PKI - not for real documents,C=VN");
    EXPECT_EQ(pa.document_signer->issuer, pa.csca->subject);
    EXPECT_EQ(Detail(pa, "chain"), "DS certificate chains to the trusted CSCA " + pa.csca->subject);
    EXPECT_EQ(Detail(pa, "validity"), "DS certificate valid " + FormatUtc(ds->not_before) + " to " +
                                          FormatUtc(ds->not_after) + "; CSCA certificate valid " +
                                          FormatUtc(csca->not_before) + " to " + FormatUtc(csca->not_after));
    EXPECT_EQ(Detail(pa, "revocation"), "no CRL of " + pa.csca->subject + " is loaded; revocation not checked");
    EXPECT_EQ(Detail(pa, "hash.dg13"), "DG13 SHA-256 matches EF.SOD");
}

TEST(PassiveAuth, DataGroupChangedAfterSigningFailsItsHashCheck) {
    const Card& card = TheCard();
    auto changed = card.groups;
    changed[13] = EncodeTlv(0x6D, ToBytes("citizen dat4"));
    const auto pa = PassiveAuthenticate(card.sod, card.ef_sod, changed, card.trust, card.now);
    EXPECT_FALSE(pa.passed);
    EXPECT_TRUE(pa.signature_ok && pa.chain_ok && pa.validity_ok);
    EXPECT_EQ(Failed(pa), (std::set<std::string>{"hash.dg13"}));
    EXPECT_EQ(pa.mismatched_groups, std::vector<int>{13});
    EXPECT_EQ(Detail(pa, "hash.dg13"), "DG13 SHA-256 is " + ToHex(*HashDataGroup("SHA-256", changed[13])) +
                                           ", EF.SOD lists " + ToHex(card.sod.group_hashes.at(13)));
}

TEST(PassiveAuth, ListedGroupNotReadIsInformationalButUnlistedGroupFails) {
    const Card& card = TheCard();
    auto partial = card.groups;
    partial.erase(2);
    auto pa = PassiveAuthenticate(card.sod, card.ef_sod, partial, card.trust, card.now);
    EXPECT_TRUE(pa.passed);
    EXPECT_EQ(pa.missing_groups, std::vector<int>{2});
    ASSERT_NE(pa.Find("present.dg2"), nullptr);
    EXPECT_TRUE(pa.Find("present.dg2")->informational);
    EXPECT_EQ(pa.Find("present.dg2")->group, 2);

    auto extra = card.groups;
    extra[15] = EncodeTlv(0x6F, ToBytes("a key the SOD never signed"));
    pa = PassiveAuthenticate(card.sod, card.ef_sod, extra, card.trust, card.now);
    EXPECT_FALSE(pa.passed);
    EXPECT_FALSE(pa.hashes_ok);
    EXPECT_EQ(Failed(pa), (std::set<std::string>{"listed.dg15"}));
    EXPECT_EQ(pa.unlisted_groups, std::vector<int>{15});
    EXPECT_EQ(pa.Find("listed.dg15")->kind, PaCheckKind::kGroupNotListed);

    pa = PassiveAuthenticate(card.sod, card.ef_sod, {}, card.trust, card.now);
    EXPECT_FALSE(pa.passed) << "no data group verified";
    EXPECT_FALSE(pa.hashes_ok);
    EXPECT_EQ(pa.missing_groups, (std::vector<int>{1, 2, 13}));
}

TEST(PassiveAuth, CscaOfAnotherPkiDoesNotAnchorTheChain) {
    const Card& card = TheCard();
    auto other = TestPki::Create(card.now);
    ASSERT_TRUE(other);
    TrustStore trust;
    ASSERT_TRUE(trust.AddCertificate(other->CscaCertificateDer()));
    const auto pa = PassiveAuthenticate(card.sod, card.ef_sod, card.groups, trust, card.now);
    EXPECT_FALSE(pa.passed);
    EXPECT_TRUE(pa.have_trust_anchors);
    EXPECT_EQ(Failed(pa), (std::set<std::string>{"chain"}));
    EXPECT_FALSE(pa.csca.has_value());
    // Same subject names, different key: OpenSSL finds the issuer by name but its signature does not verify.
    EXPECT_EQ(
        Detail(pa, "chain")
            .rfind("DS certificate (issuer " + pa.document_signer->issuer + ") does not chain to a trusted CSCA: ", 0),
        0u)
        << Detail(pa, "chain");
}

TEST(PassiveAuth, ValidityPeriodsAreReportedApartFromTheChain) {
    const auto now = system_clock::now();
    const std::map<int, Bytes> groups{{1, EncodeTlv(0x61, ToBytes("mrz"))}};
    struct Case {
        const char* name;
        CertificateValidity csca;
        CertificateValidity ds;
        const char* problem;  // "DS expired", "DS not yet", "CSCA expired"
    } cases[] = {
        {"DS expired", {now - 3000 * kDay, now + 3000 * kDay}, {now - 800 * kDay, now - 30 * kDay}, "DS expired"},
        {"DS not yet valid", {now - 3000 * kDay, now + 3000 * kDay}, {now + 2 * kDay, now + 800 * kDay}, "DS not yet"},
        {"CSCA expired", {now - 3000 * kDay, now - 10 * kDay}, {now - 2000 * kDay, now + 10 * kDay}, "CSCA expired"},
    };
    for (const auto& c : cases) {
        TestPkiOptions options;
        options.csca_validity = c.csca;
        options.ds_validity = c.ds;
        auto pki = TestPki::Create(now, options);
        ASSERT_TRUE(pki) << c.name << ": " << pki.error().message;
        auto ef_sod = pki->BuildSod(groups);
        ASSERT_TRUE(ef_sod) << c.name;
        auto sod = ParseSod(*ef_sod);
        ASSERT_TRUE(sod) << c.name;
        TrustStore trust;
        ASSERT_TRUE(trust.AddCertificate(pki->CscaCertificateDer()));
        const auto pa = PassiveAuthenticate(*sod, *ef_sod, groups, trust, now);
        EXPECT_FALSE(pa.passed) << c.name;
        EXPECT_TRUE(pa.signature_ok) << c.name;
        EXPECT_TRUE(pa.chain_ok) << c.name << ": " << Detail(pa, "chain");
        EXPECT_FALSE(pa.validity_ok) << c.name;
        EXPECT_EQ(Failed(pa), (std::set<std::string>{"validity"})) << c.name;
        const std::string expected = std::string_view(c.problem) == "DS expired"
                                         ? "DS certificate expired on " + FlooredUtc(c.ds.not_after)
                                     : std::string_view(c.problem) == "DS not yet"
                                         ? "DS certificate is not valid before " + FlooredUtc(c.ds.not_before)
                                         : "CSCA certificate expired on " + FlooredUtc(c.csca.not_after);
        EXPECT_EQ(Detail(pa, "validity"), expected) << c.name;
    }
}

TEST(PassiveAuth, RevokedDocumentSignerFailsTheRevocationCheck) {
    const Card& card = TheCard();
    const CertificateValidity updates{card.now - kDay, card.now + 30 * kDay};
    auto other_ds = card.pki.IssueDocumentSigner({card.now - kDay, card.now + 300 * kDay});
    ASSERT_TRUE(other_ds);
    auto revoking = card.pki.BuildCrl({&card.pki.document_signer()}, updates);
    auto not_revoking = card.pki.BuildCrl({&*other_ds}, updates);
    auto foreign_pki = TestPki::Create(card.now);  // same CSCA name, another key
    ASSERT_TRUE(revoking && not_revoking && foreign_pki);
    auto foreign = foreign_pki->BuildCrl({&card.pki.document_signer()}, updates);
    ASSERT_TRUE(foreign);
    const std::string csca = "CN=Precinct Test CSCA,OU=CSCA,O=Precinct test PKI - not for real documents,C=VN";
    const auto ds_serial = SummarizeCertificate(card.pki.document_signer().certificate_der())->serial_hex;
    struct Case {
        const char* name;
        const Bytes* crl;
        bool passed;
        bool informational;
        std::string detail_starts;
    } cases[] = {
        {"revoking CRL", &*revoking, false, false, "DS certificate serial " + ds_serial + " was revoked on "},
        {"CRL without the DS", &*not_revoking, true, false, "DS certificate is not on the CRL of " + csca + " issued "},
        {"CRL signed by another key", &*foreign, true, true,
         "1 CRL(s) of " + csca + " are loaded but none verifies with the matched CSCA"},
    };
    for (const auto& c : cases) {
        TrustStore trust;
        ASSERT_TRUE(trust.AddCertificate(card.pki.CscaCertificateDer()));
        ASSERT_TRUE(trust.AddCrl(*c.crl)) << c.name;
        const auto pa = PassiveAuthenticate(card.sod, card.ef_sod, card.groups, trust, card.now);
        const PaCheck* check = pa.Find("revocation");
        ASSERT_NE(check, nullptr);
        EXPECT_EQ(check->passed, c.passed) << c.name;
        EXPECT_EQ(check->informational, c.informational) << c.name;
        EXPECT_EQ(check->detail.rfind(c.detail_starts, 0), 0u) << c.name << ": " << check->detail;
        EXPECT_EQ(pa.passed, c.passed) << c.name;
        EXPECT_TRUE(pa.chain_ok) << c.name;
    }
}

TEST(PassiveAuth, SodThatDoesNotMatchItsBytesFailsTheSignatureCheck) {
    const Card& card = TheCard();
    auto other_bytes = card.pki.BuildSod({{1, EncodeTlv(0x61, ToBytes("another card"))}});
    ASSERT_TRUE(other_bytes);
    struct Case {
        const char* name;
        Bytes ef_sod;
        const char* detail;
    } cases[] = {
        {"another card's EF.SOD", *other_bytes,
         "the parsed SOD does not belong to these EF.SOD bytes (its LDSSecurityObject differs)"},
        {"bytes that are not EF.SOD", HexLiteral("6100"), "EF.SOD: outer tag is 61, expected 77"},
    };
    for (const auto& c : cases) {
        const auto pa = PassiveAuthenticate(card.sod, c.ef_sod, card.groups, card.trust, card.now);
        EXPECT_FALSE(pa.passed) << c.name;
        EXPECT_FALSE(pa.signature_ok) << c.name;
        EXPECT_EQ(Detail(pa, "signature"), c.detail) << c.name;
    }
}

TEST(PassiveAuth, ConcurrentCallsShareOneTrustStore) {
    const Card& card = TheCard();
    std::atomic<int> passed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                if (PassiveAuthenticate(card.sod, card.ef_sod, card.groups, card.trust, card.now).passed) ++passed;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(passed.load(), 100);
}

TEST(PassiveAuth, FormatsTimesAsUtc) {
    EXPECT_EQ(FormatUtc(system_clock::time_point{}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(FormatUtc(system_clock::time_point{} - 1s), "1969-12-31T23:59:59Z");
    EXPECT_EQ(FormatUtc(system_clock::time_point{} + 1700000000s + 500ms), "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace precinct::identity
