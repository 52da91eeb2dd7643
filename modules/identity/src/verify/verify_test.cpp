#include "precinct/identity/verify.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "precinct/identity/dg13.hpp"
#include "precinct/identity/face_image.hpp"
#include "precinct/identity/mrz.hpp"
#include "precinct/identity/security_infos.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"
#include "precinct/identity/trust_store.hpp"
#include "test_images.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
using std::chrono::system_clock;
const fs::path& kVectors = test_vectors::VectorsDir();

const char* kVietnameseTd1 =
    "IDVNM2051234564079205123456<<4"
    "0503154M3003150VNM<<<<<<<<<<<6"
    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";

const ReportCheck* FindCheck(const VerificationReport& r, const std::string& id) {
    for (const auto& c : r.checks) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

// A chip's files signed by a throw-away CSCA, as a dump would hold them.
struct SignedFiles {
    TestPki pki;
    ChipFiles files;
};

SignedFiles MakeSigned(system_clock::time_point now, bool with_aa_key) {
    auto pki = TestPki::Create(now);
    EXPECT_TRUE(pki) << pki.error().message;
    ChipFiles files;
    files.groups[1] = EncodeDg1(kVietnameseTd1);
    if (with_aa_key) {
        auto key = TestPki::MakeAaKey(AaKeyKind::kEcP256);
        EXPECT_TRUE(key);
        files.groups[15] = EncodeTlv(0x6F, key->SubjectPublicKeyInfoDer());
    }
    files.com = EncodeTlv(0x60, Concat({EncodeTlv(0x5F01, ToBytes("0107")), EncodeTlv(0x5F36, ToBytes("040000")),
                                        EncodeTlv(0x5C, Bytes{0x61, 0x6F})}));
    auto sod = pki->BuildSod(files.groups);
    EXPECT_TRUE(sod) << sod.error().message;
    files.sod = *sod;
    return SignedFiles{std::move(*pki), std::move(files)};
}

TEST(Verify, AnAuthenticDumpIsNotEnoughForGenuine) {
    const auto now = system_clock::now();
    auto s = MakeSigned(now, true);
    TrustStore trust;
    ASSERT_TRUE(trust.AddCertificate(s.pki.CscaCertificateDer()));
    ChipRead read{s.files, {}};
    const auto report = Verify(read, trust, now);
    EXPECT_EQ(report.verdict, Verdict::kChipNotProven);
    EXPECT_EQ(report.holder.personal_number, "079205123456");
    EXPECT_EQ(report.holder.full_name, "NGUYEN VAN AN");
    ASSERT_NE(FindCheck(report, "pa.signature"), nullptr);
    EXPECT_TRUE(FindCheck(report, "pa.signature")->passed);
    EXPECT_TRUE(FindCheck(report, "pa.chain")->passed);
    EXPECT_TRUE(FindCheck(report, "pa.hash.dg1")->passed);
    EXPECT_TRUE(FindCheck(report, "mrz.check_digits")->passed);
    const ReportCheck* aa = FindCheck(report, "chip.aa");
    ASSERT_NE(aa, nullptr);
    EXPECT_TRUE(aa->informational);
    EXPECT_NE(aa->detail.find("not run"), std::string::npos);
    EXPECT_NE(report.reasoning.back().find("dump"), std::string::npos);
    EXPECT_NE(report.csca.find("Precinct Test CSCA"), std::string::npos);
}

TEST(Verify, LiveProofsDecideBetweenGenuineAndClone) {
    const auto now = system_clock::now();
    auto s = MakeSigned(now, true);
    TrustStore trust;
    ASSERT_TRUE(trust.AddCertificate(s.pki.CscaCertificateDer()));
    ChipRead read{s.files, {}};
    read.session.live = true;
    read.session.active_authentication = {true, true, true, "AA-ECDSA-SHA256", "signature verified"};
    EXPECT_EQ(Verify(read, trust, now).verdict, Verdict::kGenuine);
    read.session.active_authentication.passed = false;
    const auto clone = Verify(read, trust, now);
    EXPECT_EQ(clone.verdict, Verdict::kCloneSuspected);
    EXPECT_FALSE(FindCheck(clone, "chip.aa")->passed);
}

TEST(Verify, ChangedDataUntrustedSignersAndExpiryAreCaught) {
    const auto now = system_clock::now();
    auto s = MakeSigned(now, false);
    TrustStore trust;
    ASSERT_TRUE(trust.AddCertificate(s.pki.CscaCertificateDer()));

    ChipRead altered{s.files, {}};
    std::string changed = kVietnameseTd1;
    changed[62] = 'L';  // NGUYEN -> LGUYEN
    altered.files.groups[1] = EncodeDg1(changed);
    const auto a = Verify(altered, trust, now);
    EXPECT_EQ(a.verdict, Verdict::kAltered);
    EXPECT_FALSE(FindCheck(a, "pa.hash.dg1")->passed);

    TrustStore nobody;
    EXPECT_EQ(Verify(ChipRead{s.files, {}}, nobody, now).verdict, Verdict::kUntrusted);

    using namespace std::chrono_literals;
    const auto later = now + 24h * 365 * 12;  // past the MRZ's expiry (2030) and the test DS (10 years)
    const auto e = Verify(ChipRead{s.files, {}}, trust, later);
    EXPECT_EQ(e.verdict, Verdict::kExpired);
    EXPECT_FALSE(FindCheck(e, "doc.expiry")->passed);

    ChipRead no_dg1{s.files, {}};
    no_dg1.files.groups.erase(1);
    EXPECT_EQ(Verify(no_dg1, trust, now).verdict, Verdict::kUnreadable);
    ChipRead bad_sod{s.files, {}};
    bad_sod.files.sod = Bytes{0x77, 0x01, 0x00};
    const auto b = Verify(bad_sod, trust, now);
    EXPECT_EQ(b.verdict, Verdict::kUnreadable);
    EXPECT_FALSE(FindCheck(b, "pa.structure")->passed);
}

TEST(Verify, PublishedSpecimensAreAuthenticButTheirCscaIsUnknown) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    // The specimen folder also holds the DS certificate, which the loader skips.
    auto etsi = LoadDump((kVectors / "etsi-tr103200").string());
    ASSERT_TRUE(etsi) << etsi.error().message;
    EXPECT_EQ(etsi->groups.size(), 3u);
    TrustStore nobody;
    const auto report = Verify(ChipRead{*etsi, {}}, nobody, system_clock::now());
    EXPECT_EQ(report.verdict, Verdict::kUntrusted);
    EXPECT_TRUE(FindCheck(report, "pa.signature")->passed);
    for (const char* id : {"pa.hash.dg1", "pa.hash.dg14", "pa.hash.dg15"}) {
        ASSERT_NE(FindCheck(report, id), nullptr) << id;
        EXPECT_TRUE(FindCheck(report, id)->passed) << id;
    }
    EXPECT_TRUE(report.session.chip_authentication.supported);
    EXPECT_TRUE(report.session.active_authentication.supported);
}


Dg13 DemoDg13() {
    Dg13 d;
    d.personal_number = "079205123456";
    d.full_name = "NGUYỄN VĂN AN";
    d.date_of_birth = "15/03/2005";
    d.sex = "Nam";
    d.nationality = "Việt Nam";
    d.place_of_residence = "123 Lê Lợi, Quận 1, TP. Hồ Chí Minh";
    d.expiry_date = "15/03/2030";
    d.father_name = "NGUYỄN VĂN BÌNH";
    d.mother_name = "TRẦN THỊ CÚC";
    d.spouse_name = "";
    d.old_id_number = "025123456";
    return d;
}

// Signs DG1 (the synthetic TD1), `dg13` and the other given groups with a throw-away PKI and verifies them.
VerificationReport VerifyGroups(std::map<int, Bytes> groups, const VerifyOptions& options = {}) {
    const auto now = system_clock::now();
    auto pki = TestPki::Create(now);
    EXPECT_TRUE(pki) << pki.error().message;
    groups[1] = EncodeDg1(kVietnameseTd1);
    ChipFiles files;
    files.groups = groups;
    auto sod = pki->BuildSod(files.groups);
    EXPECT_TRUE(sod) << sod.error().message;
    files.sod = *sod;
    TrustStore trust;
    EXPECT_TRUE(trust.AddCertificate(pki->CscaCertificateDer()));
    return Verify(ChipRead{files, {}}, trust, now, options);
}

TEST(Verify, Dg13FillsTheHolderAndAgreesWithTheMrz) {
    const auto report = VerifyGroups({{13, EncodeDg13(DemoDg13())}});
    EXPECT_EQ(report.verdict, Verdict::kChipNotProven);
    EXPECT_EQ(report.holder.full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(report.holder.date_of_birth, "15/03/2005");
    EXPECT_EQ(report.holder.mother_name, "TRẦN THỊ CÚC");
    EXPECT_EQ(report.holder.old_id_number, "025123456");
    EXPECT_EQ(report.holder.province, "TP. Hồ Chí Minh");
    const ReportCheck* agree = FindCheck(report, "data.dg13_matches_mrz");
    ASSERT_NE(agree, nullptr);
    EXPECT_TRUE(agree->passed) << agree->detail;
    EXPECT_NE(agree->detail.find("name"), std::string::npos);
    const ReportCheck* pn = FindCheck(report, "printed.personal_number");
    ASSERT_NE(pn, nullptr);
    EXPECT_TRUE(pn->passed) << pn->detail;
    EXPECT_TRUE(FindCheck(report, "lds.dg13")->informational);
    EXPECT_NE(FindCheck(report, "lds.dg13")->detail.find("unconfirmed"), std::string::npos);
}

TEST(Verify, Dg13ThatDisagreesWithTheMrzOrItsOwnNumberFailsThoseChecks) {
    Dg13 d = DemoDg13();
    d.date_of_birth = "15/03/2004";  // the MRZ says 050315; the number says 2005
    d.full_name = "TRẦN VĂN AN";
    const auto report = VerifyGroups({{13, EncodeDg13(d)}});
    const ReportCheck* agree = FindCheck(report, "data.dg13_matches_mrz");
    ASSERT_NE(agree, nullptr);
    EXPECT_FALSE(agree->passed);
    EXPECT_NE(agree->detail.find("date of birth (DG13 15/03/2004, MRZ 050315)"), std::string::npos) << agree->detail;
    EXPECT_NE(agree->detail.find("name"), std::string::npos);
    const ReportCheck* pn = FindCheck(report, "printed.personal_number");
    ASSERT_NE(pn, nullptr);
    EXPECT_FALSE(pn->passed);
    EXPECT_NE(pn->detail.find("2004"), std::string::npos) << pn->detail;
    // Signed data that disagrees with itself is shown, but the signature rule decides the verdict.
    EXPECT_EQ(report.verdict, Verdict::kChipNotProven);

    Bytes broken = EncodeDg13(DemoDg13());
    broken.back() ^= 0xFF;
    const auto b = VerifyGroups({{13, broken}});
    EXPECT_FALSE(FindCheck(b, "lds.dg13")->passed);
}

TEST(Verify, TheDg2FaceBecomesAPngUnlessDecodingIsOff) {
    const Bytes jpeg = test_images::TestJpeg(60, 80);
    ASSERT_FALSE(jpeg.empty());
    auto dg2 = EncodeDg2({std::string(kMimeJpeg), jpeg, 60, 80});
    ASSERT_TRUE(dg2) << dg2.error().message;
    const auto report = VerifyGroups({{2, *dg2}});
    ASSERT_EQ(report.faces.size(), 1u);
    EXPECT_EQ(report.faces[0].source_format, "image/jpeg");
    EXPECT_EQ(report.faces[0].width, 60);
    ASSERT_GE(report.faces[0].png.size(), 8u);
    EXPECT_EQ(report.faces[0].png[1], 'P');
    EXPECT_TRUE(FindCheck(report, "lds.dg2")->passed);
    EXPECT_TRUE(FindCheck(report, "pa.hash.dg2")->passed);

    const auto skipped = VerifyGroups({{2, *dg2}}, VerifyOptions{.decode_faces = false});
    EXPECT_TRUE(skipped.faces.empty());

    auto junk = EncodeDg2({std::string(kMimeJpeg), Bytes{0xFF, 0xD8, 0xFF, 0x00}, 60, 80});
    ASSERT_TRUE(junk);
    const auto bad = VerifyGroups({{2, *junk}});
    EXPECT_TRUE(bad.faces.empty());
    EXPECT_FALSE(FindCheck(bad, "lds.dg2")->passed);
}

TEST(Verify, Dg14AnnouncesChipAuthentication) {
    SecurityInfos infos;
    infos.chip_authentication.push_back({std::string(kOidCaEcdhAes128), 1, std::nullopt});
    auto dg14 = EncodeDg14(infos);
    ASSERT_TRUE(dg14) << dg14.error().message;
    const auto report = VerifyGroups({{14, *dg14}});
    EXPECT_TRUE(report.session.chip_authentication.supported);
    EXPECT_FALSE(report.session.chip_authentication.performed);
    EXPECT_EQ(report.session.chip_authentication.protocol, "CA-ECDH-AES-CBC-CMAC-128");
    EXPECT_EQ(report.verdict, Verdict::kChipNotProven);
    const auto broken = VerifyGroups({{14, Bytes{0x6E, 0x02, 0x31, 0x01}}});
    EXPECT_FALSE(FindCheck(broken, "lds.dg14")->passed);
    EXPECT_FALSE(broken.session.chip_authentication.supported);
}

}  // namespace
}  // namespace precinct::identity
