#include <gtest/gtest.h>

#include <filesystem>

#include "precinct/identity/verify.hpp"
#include "storage/test_support.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;

TEST(Dump, RoundTripsThroughAFolder) {
    precinct::testing::TempDir dir;
    ChipFiles files;
    files.com = Bytes{0x60, 0x00};
    files.sod = Bytes{0x77, 0x00};
    files.card_access = Bytes{0x31, 0x00};
    files.groups[1] = Bytes{0x61, 0x00};
    files.groups[13] = Bytes{0x6D, 0x00};
    ASSERT_TRUE(WriteDump(files, (dir.path() / "d").string()));
    EXPECT_TRUE(fs::exists(dir.path() / "d" / "EF_SOD.bin"));
    EXPECT_TRUE(fs::exists(dir.path() / "d" / "DG13.bin"));
    auto back = LoadDump((dir.path() / "d").string());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->com, files.com);
    EXPECT_EQ(back->sod, files.sod);
    EXPECT_EQ(back->card_access, files.card_access);
    EXPECT_EQ(back->groups, files.groups);
}

TEST(Dump, AcceptsOtherToolsNames) {
    std::vector<std::pair<std::string, Bytes>> named = {
        {"EF_SOD.bin", {0x77}}, {"Datagroup1.bin", {0x61}}, {"dg14.bin", {0x6E}}, {"EF.COM", {0x60}},
        {"EF_CardAccess.bin", {0x31}}};
    auto files = ChipFilesFromNamed(named);
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ(files->groups.size(), 2u);
    EXPECT_TRUE(files->groups.count(1));
    EXPECT_TRUE(files->groups.count(14));
    EXPECT_TRUE(files->com.has_value());
    EXPECT_TRUE(files->card_access.has_value());
}

TEST(Dump, RefusesWhatItCannotUse) {
    struct Case {
        std::vector<std::pair<std::string, Bytes>> named;
        const char* says;
    } cases[] = {
        {{{"DG1.bin", {0x61}}}, "no EF.SOD"},
        {{{"EF_SOD.bin", {0x77}}, {"photo.jpg", {0xFF}}}, "not an elementary file name"},
        {{{"EF_SOD.bin", {0x77}}, {"DG17.bin", {0x71}}}, "not an elementary file name"},
        {{{"EF_SOD.bin", {0x77}}, {"DG1.bin", {0x61}}, {"Datagroup1.bin", {0x61}}}, "two files stand for DG1.bin"},
        {{{"EF_SOD.bin", Bytes((1u << 20) + 1, 0)}}, "larger than 1 MiB"},
    };
    for (auto& c : cases) {
        auto files = ChipFilesFromNamed(c.named);
        ASSERT_FALSE(files) << c.says;
        EXPECT_NE(files.error().message.find(c.says), std::string::npos) << files.error().message;
    }
    EXPECT_FALSE(LoadDump("/nonexistent-folder-for-the-test"));
}

}  // namespace
}  // namespace precinct::identity
