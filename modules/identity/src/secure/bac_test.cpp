#include "precinct/identity/bac.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
const fs::path kVectors = PRECINCT_IDENTITY_VECTORS;

TEST(Bac, KeysMatchTheDoc9303WorkedExample) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    std::ifstream in(kVectors / "part11-worked-examples.json");
    const auto bac = nlohmann::json::parse(in).at("bac");
    auto keys = DeriveBacKeys(bac.at("document_number").get<std::string>(), bac.at("date_of_birth").get<std::string>(),
                              bac.at("date_of_expiry").get<std::string>());
    ASSERT_TRUE(keys) << keys.error().message;
    EXPECT_EQ(keys->mrz_information, bac.at("mrz_information").get<std::string>());
    EXPECT_EQ(ToHex(Sha1(ToBytes(keys->mrz_information))), bac.at("sha1_mrz_information").get<std::string>());
    EXPECT_EQ(ToHex(keys->k_seed), bac.at("k_seed").get<std::string>());
    EXPECT_EQ(ToHex(keys->k_enc), bac.at("k_enc").get<std::string>());
    EXPECT_EQ(ToHex(keys->k_mac), bac.at("k_mac").get<std::string>());
    // The session keys come from the same derivation over KS_seed.
    const Bytes ks_seed = HexLiteral(bac.at("ks_seed").get<std::string>());
    EXPECT_EQ(ToHex(Derive3DesKey(ks_seed, 1)), bac.at("ks_enc").get<std::string>());
    EXPECT_EQ(ToHex(Derive3DesKey(ks_seed, 2)), bac.at("ks_mac").get<std::string>());
}

TEST(Bac, KeysOfTheSyntheticVietnameseCard) {
    auto keys = DeriveBacKeys("205123456", "050315", "300315");
    ASSERT_TRUE(keys);
    EXPECT_EQ(keys->mrz_information, "205123456405031543003150");
    EXPECT_EQ(ToHex(keys->k_seed), "845C8154D341B5223EDD3FA6BAC2FF43");
    EXPECT_EQ(ToHex(keys->k_enc), "947AB95D9EFBDA925E98FEF2FBC102E9");
    EXPECT_EQ(ToHex(keys->k_mac), "371FC40EA44973D9100DA22FF2073285");
    // Short numbers are padded with fillers; lower case is accepted.
    auto padded = DeriveBacKeys("l898902c", "690806", "940623");
    ASSERT_TRUE(padded);
    EXPECT_EQ(padded->mrz_information, "L898902C<369080619406236");
}

TEST(Bac, RefusesMalformedInput) {
    EXPECT_FALSE(DeriveBacKeys("", "690806", "940623"));
    EXPECT_FALSE(DeriveBacKeys("L89-8902", "690806", "940623"));
    EXPECT_FALSE(DeriveBacKeys(std::string(23, '1'), "690806", "940623"));
    EXPECT_FALSE(DeriveBacKeys("L898902C", "69086", "940623"));
    EXPECT_FALSE(DeriveBacKeys("L898902C", "690806", "9406AB"));
}

}  // namespace
}  // namespace precinct::identity
