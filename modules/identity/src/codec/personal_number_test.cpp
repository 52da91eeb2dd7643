#include "precinct/identity/personal_number.hpp"

#include <gtest/gtest.h>

#include <set>

namespace precinct::identity {
namespace {

TEST(PersonalNumber, DecodesTheSyntheticNumberOfTheSpecNotes) {
    auto pn = ParsePersonalNumber("079205123456", "2005-03-15");
    ASSERT_TRUE(pn) << pn.error().message;
    EXPECT_EQ(pn->digits, "079205123456");
    EXPECT_EQ(pn->province.code, "079");
    EXPECT_EQ(pn->province.pre_merger_name, "TP. Hồ Chí Minh");
    EXPECT_EQ(pn->province.post_merger_name, "TP. Hồ Chí Minh");
    EXPECT_EQ(pn->province.current_province, "TP. Hồ Chí Minh");
    EXPECT_TRUE(pn->province.in_pre_merger_table);
    EXPECT_TRUE(pn->province.in_post_merger_table);
    EXPECT_FALSE(pn->province.abroad);
    EXPECT_TRUE(pn->province_known);
    EXPECT_FALSE(pn->unverified);
    EXPECT_EQ(pn->century_sex_digit, 2);
    EXPECT_EQ(pn->sex, 'M');
    EXPECT_EQ(pn->birth_year, 2005);
    EXPECT_EQ(pn->serial, "123456");
    ASSERT_EQ(pn->checks.size(), 2u);
    EXPECT_EQ(pn->checks[0].field, "century");
    EXPECT_TRUE(pn->checks[0].ok);
    EXPECT_EQ(pn->checks[1].field, "birth_year");
    EXPECT_TRUE(pn->checks[1].ok);
    EXPECT_TRUE(pn->AllChecksOk());
    EXPECT_TRUE(pn->warnings.empty());
}

TEST(PersonalNumber, ReadsEveryCenturyAndSexDigit) {
    struct Case {
        char digit;
        char sex;
        int year;
    } cases[] = {{'0', 'M', 1987}, {'1', 'F', 1987}, {'2', 'M', 2087}, {'3', 'F', 2087}, {'4', 'M', 2187},
                 {'5', 'F', 2187}, {'6', 'M', 2287}, {'7', 'F', 2287}, {'8', 'M', 2387}, {'9', 'F', 2387}};
    for (const auto& c : cases) {
        std::string digits = "001087000001";
        digits[3] = c.digit;
        auto pn = ParsePersonalNumber(digits);
        ASSERT_TRUE(pn) << digits;
        EXPECT_EQ(pn->sex, c.sex) << digits;
        EXPECT_EQ(pn->birth_year, c.year) << digits;
        EXPECT_TRUE(pn->checks.empty()) << digits;
    }
}

TEST(PersonalNumber, ReportsABirthYearOrCenturyThatDiffersFromTheDateOfBirth) {
    struct Case {
        const char* dob;
        bool century_ok;
        bool year_ok;
    } cases[] = {
        {"2005-12-31", true, true},
        {"2004-03-15", true, false},
        {"1905-03-15", false, true},
        {"1999-01-01", false, false},
    };
    for (const auto& c : cases) {
        auto pn = ParsePersonalNumber("079205123456", std::string(c.dob));
        ASSERT_TRUE(pn) << c.dob;
        ASSERT_EQ(pn->checks.size(), 2u);
        EXPECT_EQ(pn->checks[0].ok, c.century_ok) << c.dob;
        EXPECT_EQ(pn->checks[1].ok, c.year_ok) << c.dob;
        EXPECT_EQ(pn->AllChecksOk(), c.century_ok && c.year_ok) << c.dob;
    }
    auto pn = ParsePersonalNumber("079205123456", std::string("2004-03-15"));
    EXPECT_EQ(pn->checks[1].detail, "the number says year 05, the date of birth 2004");
}

TEST(PersonalNumber, NamesProvincesFromBothTables) {
    struct Case {
        const char* code;
        const char* pre;
        const char* post;
        const char* current;
        bool unverified;
    } cases[] = {
        {"001", "Hà Nội", "Hà Nội", "Hà Nội", false},
        // Merged provinces: the code of the one that kept its code, and of one that did not.
        {"064", "Gia Lai", "", "Gia Lai", false},
        {"052", "Bình Định", "Gia Lai", "Gia Lai", false},
        {"074", "Bình Dương", "", "TP. Hồ Chí Minh", false},
        {"072", "Tây Ninh", "", "Tây Ninh", false},
        {"080", "Long An", "Tây Ninh", "Tây Ninh", false},
        {"046", "Thừa Thiên Huế", "TP. Huế", "TP. Huế", false},
        {"096", "Cà Mau", "Cà Mau", "Cà Mau", false},
        {"095", "Bạc Liêu", "", "Cà Mau", false},
    };
    for (const auto& c : cases) {
        auto pn = ParsePersonalNumber(std::string(c.code) + "090000123");
        ASSERT_TRUE(pn) << c.code;
        EXPECT_EQ(pn->province.pre_merger_name, c.pre) << c.code;
        EXPECT_EQ(pn->province.post_merger_name, c.post) << c.code;
        EXPECT_EQ(pn->province.current_province, c.current) << c.code;
        EXPECT_EQ(pn->unverified, c.unverified) << c.code;
        EXPECT_TRUE(pn->province_known) << c.code;
    }
}

TEST(PersonalNumber, TablesHoldThe63And34ProvincesOfTheSpecNotes) {
    int pre = 0;
    int post = 0;
    std::set<std::string> current;
    for (int n = 0; n < 100; ++n) {
        const std::string code = std::string(n < 10 ? "00" : "0") + std::to_string(n);
        auto p = LookUpProvinceCode(code);
        if (!p) continue;
        pre += p->in_pre_merger_table ? 1 : 0;
        post += p->in_post_merger_table ? 1 : 0;
        current.insert(p->current_province);
        EXPECT_FALSE(p->current_province.empty()) << code;
    }
    EXPECT_EQ(pre, 63);
    EXPECT_EQ(post, 34);
    EXPECT_EQ(current.size(), 34u);  // every pre-merger province lands in one of the 34
}

TEST(PersonalNumber, WarnsButDoesNotRefuseUnknownOrUnverifiedPrefixes) {
    auto unknown = ParsePersonalNumber("003205123456");
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->province_known);
    EXPECT_EQ(unknown->province.code, "003");
    EXPECT_TRUE(unknown->province.pre_merger_name.empty());
    ASSERT_EQ(unknown->warnings.size(), 1u);
    EXPECT_EQ(unknown->warnings[0], "prefix 003: not a known province code");
    EXPECT_EQ(unknown->birth_year, 2005);

    auto abroad = ParsePersonalNumber("175089000001");
    ASSERT_TRUE(abroad);
    EXPECT_TRUE(abroad->province.abroad);
    EXPECT_FALSE(abroad->province_known);
    EXPECT_TRUE(abroad->unverified);
    ASSERT_EQ(abroad->warnings.size(), 1u);
    EXPECT_NE(abroad->warnings[0].find("abroad"), std::string::npos);
    EXPECT_EQ(abroad->birth_year, 1989);

    auto high = ParsePersonalNumber("999205123456");
    ASSERT_TRUE(high);
    EXPECT_FALSE(high->province_known);
    EXPECT_FALSE(high->province.abroad);
}

TEST(PersonalNumber, RefusesWhatIsNotTwelveDigitsAndBadDates) {
    for (const char* bad : {"", "07920512345", "0792051234567", "07920512345a", "079 05123456", "٠٧٩٢٠٥١٢٣٤٥٦"}) {
        auto pn = ParsePersonalNumber(bad);
        ASSERT_FALSE(pn) << bad;
        EXPECT_EQ(pn.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(pn.error().field, "personal_number");
    }
    for (const char* bad : {"2005-3-15", "15/03/2005", "2005-02-29", "2005-13-01", "2005-04-31", "20050315"}) {
        auto pn = ParsePersonalNumber("079205123456", std::string(bad));
        ASSERT_FALSE(pn) << bad;
        EXPECT_EQ(pn.error().field, "date_of_birth") << bad;
    }
    EXPECT_TRUE(ParsePersonalNumber("079204123456", std::string("2004-02-29")));
}

TEST(PersonalNumber, MasksAllButThePrefixAndTheLastFourDigits) {
    EXPECT_EQ(MaskPersonalNumber("079205123456"), "079*****3456");
    EXPECT_EQ(MaskPersonalNumber("123456789"), "123**6789");
    EXPECT_EQ(MaskPersonalNumber("1234567"), "*******");
    EXPECT_EQ(MaskPersonalNumber(""), "");
}

}  // namespace
}  // namespace precinct::identity
