#include "precinct/identity/lds.hpp"

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

TEST(LdsFiles, ListEveryFileWithItsIdsAndTag) {
    struct Case {
        const char* name;
        int dg;
        std::uint16_t fid;
        std::uint8_t sfi;
        std::uint32_t tag;
    } cases[] = {
        {"EF.COM", 0, 0x011E, 0x1E, 0x60}, {"EF.CardAccess", 0, 0x011C, 0x1C, 0}, {"EF.SOD", 0, 0x011D, 0x1D, 0x77},
        {"DG1", 1, 0x0101, 0x01, 0x61},    {"DG2", 2, 0x0102, 0x02, 0x75},        {"DG3", 3, 0x0103, 0x03, 0x63},
        {"DG4", 4, 0x0104, 0x04, 0x76},    {"DG5", 5, 0x0105, 0x05, 0x65},        {"DG6", 6, 0x0106, 0x06, 0x66},
        {"DG7", 7, 0x0107, 0x07, 0x67},    {"DG8", 8, 0x0108, 0x08, 0x68},        {"DG9", 9, 0x0109, 0x09, 0x69},
        {"DG10", 10, 0x010A, 0x0A, 0x6A},  {"DG11", 11, 0x010B, 0x0B, 0x6B},      {"DG12", 12, 0x010C, 0x0C, 0x6C},
        {"DG13", 13, 0x010D, 0x0D, 0x6D},  {"DG14", 14, 0x010E, 0x0E, 0x6E},      {"DG15", 15, 0x010F, 0x0F, 0x6F},
        {"DG16", 16, 0x0110, 0x10, 0x70},
    };
    ASSERT_EQ(LdsFiles().size(), std::size(cases));
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const auto& c = cases[i];
        const LdsFileInfo& f = LdsFiles()[i];
        EXPECT_EQ(f.name, c.name);
        EXPECT_EQ(f.data_group, c.dg) << c.name;
        EXPECT_EQ(f.file_id, c.fid) << c.name;
        EXPECT_EQ(f.short_file_id, c.sfi) << c.name;
        EXPECT_EQ(f.tag, c.tag) << c.name;
        auto by_fid = LdsFileForFileId(c.fid);
        ASSERT_TRUE(by_fid) << c.name;
        EXPECT_EQ(by_fid->name, c.name);
        auto by_sfi = LdsFileForShortFileId(c.sfi);
        ASSERT_TRUE(by_sfi) << c.name;
        EXPECT_EQ(by_sfi->name, c.name);
        auto by_name = LdsFileForName(c.name);
        ASSERT_TRUE(by_name) << c.name;
        EXPECT_EQ(by_name->file_id, c.fid);
        if (c.tag != 0) {
            auto by_tag = LdsFileForTag(c.tag);
            ASSERT_TRUE(by_tag) << c.name;
            EXPECT_EQ(by_tag->name, c.name);
        }
        if (c.dg != 0) {
            EXPECT_EQ(DataGroupForTag(c.tag), c.dg);
            auto by_dg = LdsFileForDataGroup(c.dg);
            ASSERT_TRUE(by_dg);
            EXPECT_EQ(by_dg->name, c.name);
        }
    }
}

TEST(LdsFiles, LooksUpNamesLooselyAndRefusesUnknownOnes) {
    EXPECT_EQ(LdsFileForName("dg13")->data_group, 13);
    EXPECT_EQ(LdsFileForName("SOD")->file_id, 0x011D);
    EXPECT_EQ(LdsFileForName("ef.com")->tag, 0x60u);
    EXPECT_EQ(LdsFileForName("cardaccess")->short_file_id, 0x1C);
    EXPECT_FALSE(LdsFileForName("DG17"));
    EXPECT_FALSE(LdsFileForName(""));
    EXPECT_FALSE(LdsFileForDataGroup(0));
    EXPECT_FALSE(LdsFileForDataGroup(17));
    EXPECT_FALSE(LdsFileForTag(0));
    EXPECT_FALSE(LdsFileForTag(0x71));
    EXPECT_FALSE(LdsFileForFileId(0x3F00));
    EXPECT_EQ(DataGroupForTag(0x77), 0);  // EF.SOD is not a data group
}

TEST(EfCom, EncodesTheDoc9303WorkedExampleExactly) {
    // Doc 9303 Part 11 secure messaging example: EF.COM of LDS 1.6 listing DG1 and DG2.
    const Bytes expected = HexLiteral("60145F0104303130365F36063034303030305C026175");
    auto encoded = EncodeCom({"0106", "040000", {1, 2}});
    ASSERT_TRUE(encoded) << encoded.error().message;
    EXPECT_EQ(ToHex(*encoded), ToHex(expected));
    auto parsed = ParseCom(expected);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->lds_version, "0106");
    EXPECT_EQ(parsed->unicode_version, "040000");
    EXPECT_EQ(parsed->data_groups, (std::vector<int>{1, 2}));
}

TEST(EfCom, RoundTripsTheVietnameseGroupList) {
    const EfCom com{"0107", "040000", {1, 2, 3, 13, 14, 15}};
    auto encoded = EncodeCom(com);
    ASSERT_TRUE(encoded);
    EXPECT_EQ(ToHex(*encoded), "60185F0104303130375F36063034303030305C066175636D6E6F");
    auto back = ParseCom(*encoded);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->data_groups, com.data_groups);
}

TEST(EfCom, ParsesTheBsiSpecimen) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    auto com = ParseCom(Load(kVectors / "bsi-tr03105-5" / "EF_COM.bin"));
    ASSERT_TRUE(com) << com.error().message;
    EXPECT_EQ(com->lds_version, "0107");
    EXPECT_EQ(com->unicode_version, "040000");
    EXPECT_EQ(com->data_groups, (std::vector<int>{1, 2, 3, 4, 14}));
}

TEST(EfCom, RefusesMalformedFilesAndBadFields) {
    struct Case {
        const char* hex;
        const char* says;
    } cases[] = {
        {"61085F01043031303700", "outer tag is 61"},
        {"60095F0104303130375C0061", "trailing bytes"},
        {"60075F010430313037", "missing"},
        {"600A5F0104303130375C0199", "not a data group"},
        {"600B5F0104303130375C026161", "listed twice"},
        {"60055F01043031", "runs past the end"},
    };
    for (const auto& c : cases) {
        auto com = ParseCom(HexLiteral(c.hex));
        ASSERT_FALSE(com) << c.hex;
        EXPECT_NE(com.error().message.find(c.says), std::string::npos) << c.hex << ": " << com.error().message;
    }
    EXPECT_FALSE(EncodeCom({"107", "040000", {1}}));
    EXPECT_FALSE(EncodeCom({"0107", "4000", {1}}));
    EXPECT_FALSE(EncodeCom({"0107", "040000", {17}}));
    EXPECT_FALSE(EncodeCom({"0107", "040000", {0}}));
}

TEST(Dg15, ReturnsTheSubjectPublicKeyInfoOfBothSpecimens) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    for (const char* dir : {"bsi-tr03105-5", "etsi-tr103200"}) {
        const Bytes file = Load(kVectors / dir / "Datagroup15.bin");
        auto spki = ParseDg15(file);
        ASSERT_TRUE(spki) << dir << ": " << spki.error().message;
        // 6F 81 A2 <SPKI of 0xA2 bytes>: an RSA-1024 key (rsaEncryption).
        EXPECT_EQ(spki->size(), 0xA2u) << dir;
        EXPECT_EQ(ToHex(ByteView(*spki).first(18)), "30819F300D06092A864886F70D0101010500") << dir;
        EXPECT_TRUE(std::equal(spki->begin(), spki->end(), file.begin() + 3)) << dir;
        auto again = EncodeDg15(*spki);
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, file) << dir;
    }
}

TEST(Dg15, RefusesTheWrongOuterTagVector) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    auto spki = ParseDg15(Load(kVectors / "negative" / "dg15-wrong-outer-tag-0x70.bin"));
    ASSERT_FALSE(spki);
    EXPECT_EQ(spki.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(spki.error().message.find("outer tag is 70, expected 6F"), std::string::npos) << spki.error().message;
}

TEST(Dg15, RefusesWhatIsNotAKey) {
    struct Case {
        const char* hex;
        const char* says;
    } cases[] = {
        {"6F0430020500", "not a SubjectPublicKeyInfo"},
        {"6F0B300A300306010003020001", "runs past"},
        {"6F0D30093003060100030200010000", "trailing bytes"},
        {"6F09300730000303000102", "has no OID"},
        {"6F0A30083003060100020100", "not a SubjectPublicKeyInfo"},
        {"6F09300730030601000300", "BIT STRING is empty"},
        {"6F0430023000", "not a SubjectPublicKeyInfo"},
    };
    for (const auto& c : cases) {
        auto spki = ParseDg15(HexLiteral(c.hex));
        ASSERT_FALSE(spki) << c.hex;
        EXPECT_NE(spki.error().message.find(c.says), std::string::npos) << c.hex << ": " << spki.error().message;
    }
    EXPECT_FALSE(EncodeDg15(HexLiteral("3000")));
}

}  // namespace
}  // namespace precinct::identity
