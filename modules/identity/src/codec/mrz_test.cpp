#include "precinct/identity/mrz.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "precinct/identity/check_digit.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

namespace fs = std::filesystem;
const fs::path& kVectors = test_vectors::VectorsDir();

using test_vectors::Load;

const char* kVietnameseTd1 =
    "IDVNM2051234564079205123456<<4\n"
    "0503154M3003150VNM<<<<<<<<<<<6\n"
    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<";

TEST(Mrz, CheckDigitsMatchTheWorkedExamples) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    std::ifstream in(kVectors / "part11-worked-examples.json");
    const auto doc = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& c : doc.at("check_digits")) {
        const int expected = c.at("check_digit").get<int>();
        std::string field;
        if (c.contains("input")) {
            field = c["input"].get<std::string>();
        } else if (c.contains("input_td3_line2")) {
            const std::string l2 = c["input_td3_line2"];
            field = l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22);
        } else if (c.contains("input_td2_line2")) {
            const std::string l2 = c["input_td2_line2"];
            field = l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 14);
        } else {
            const std::string l1 = c.at("input_td1_line1");
            const std::string l2 = c.at("input_td1_line2");
            field = l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
        }
        EXPECT_EQ(MrzCheckDigit(field), expected) << field;
        ++checked;
    }
    EXPECT_EQ(checked, 5);
    // The examples of the CCCD notes.
    for (auto [field, cd] : {std::pair{"L898902C<", 3}, {"690806", 1}, {"940623", 6}, {"D23145890734", 9}}) {
        EXPECT_EQ(MrzCheckDigit(field), cd) << field;
    }
}

TEST(Mrz, ParsesTheVietnameseCardAndItsPersonalNumber) {
    auto mrz = ParseMrz(kVietnameseTd1);
    ASSERT_TRUE(mrz) << mrz.error().message;
    EXPECT_EQ(mrz->format, MrzFormat::kTd1);
    EXPECT_EQ(mrz->document_code, "ID");
    EXPECT_EQ(mrz->issuing_state, "VNM");
    EXPECT_EQ(mrz->document_number, "205123456");
    EXPECT_EQ(mrz->date_of_birth, "050315");
    EXPECT_EQ(mrz->sex, "M");
    EXPECT_EQ(mrz->date_of_expiry, "300315");
    EXPECT_EQ(mrz->nationality, "VNM");
    EXPECT_EQ(FormatName(*mrz), "NGUYEN VAN AN");
    EXPECT_EQ(CccdPersonalNumber(*mrz), "079205123456");
    EXPECT_TRUE(mrz->AllChecksOk());
    ASSERT_EQ(mrz->checks.size(), 5u);
    EXPECT_EQ(mrz->checks.back().field, "personal_number");
    // One string without newlines parses the same.
    std::string joined = kVietnameseTd1;
    std::erase(joined, '\n');
    auto again = ParseMrz(joined);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->lines, mrz->lines);
}

TEST(Mrz, ReportsEachWrongCheckDigitByField) {
    struct Case {
        int line;
        int pos;
        const char* field;
    } cases[] = {{0, 14, "document_number"}, {1, 6, "date_of_birth"}, {1, 14, "date_of_expiry"},
                 {1, 29, "composite"},       {0, 29, "personal_number"}};
    for (const auto& c : cases) {
        std::string text = kVietnameseTd1;
        const std::size_t at = static_cast<std::size_t>(c.line) * 31 + static_cast<std::size_t>(c.pos);
        text[at] = text[at] == '9' ? '8' : static_cast<char>(text[at] + 1);
        auto mrz = ParseMrz(text);
        ASSERT_TRUE(mrz) << c.field;
        EXPECT_FALSE(mrz->AllChecksOk()) << c.field;
        for (const auto& check : mrz->checks) {
            // A changed check digit fails its own check; a changed data digit also fails the composite.
            if (check.field == c.field) {
                EXPECT_FALSE(check.ok) << c.field;
            }
        }
    }
}

TEST(Mrz, ReadsThePublishedTd1Td2AndTd3SamplesFromDg1) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    struct Case {
        const char* file;
        MrzFormat format;
        const char* number;
        const char* surname;
        const char* failing;  // the one check expected to fail, or ""
    } cases[] = {
        // The Part 10 TD1 sample prints composite digit 4; the TD1 rule over its fields gives 8.
        {"icao9303-p10-A.2.1-TD1.bin", MrzFormat::kTd1, "XI85935F8", "VAN DER STEEN", "composite"},
        {"icao9303-p10-A.2.2-TD2-corrected.bin", MrzFormat::kTd2, "123456789012", "SMITH", ""},
        {"icao9303-p4-appB-TD3.bin", MrzFormat::kTd3, "L898902C3", "ERIKSSON", ""},
    };
    for (const auto& c : cases) {
        auto mrz = ParseDg1(Load(kVectors / "dg1-samples" / c.file));
        ASSERT_TRUE(mrz) << c.file << ": " << mrz.error().message;
        EXPECT_EQ(mrz->format, c.format) << c.file;
        for (const auto& check : mrz->checks) {
            EXPECT_EQ(check.ok, check.field != c.failing) << c.file << " " << check.field;
        }
        if (*c.number) {
            EXPECT_EQ(mrz->document_number, c.number) << c.file;
        }
        if (*c.surname) {
            EXPECT_EQ(mrz->primary_identifier, c.surname) << c.file;
        }
        EXPECT_FALSE(mrz->document_number.empty()) << c.file;
    }
}

TEST(Mrz, JoinsALongDocumentNumberFromTheOptionalData) {
    // Doc 9303 Part 5: document number D23145890734, its check digit 9 after the continuation, '<' in the
    // check-digit position; in the second case further optional data follows a filler.
    struct Case {
        const char* line1;
        char composite;
        const char* optional_data;
    } cases[] = {
        {"I<UTOD23145890<7349<<<<<<<<<<<", '2', "7349"},
        {"I<UTOD23145890<7349<AB12<<<<<<", '0', "7349<AB12"},
    };
    for (const auto& c : cases) {
        const std::string text =
            std::string(c.line1) + "\n3407127M9507122UTO<<<<<<<<<<<" + c.composite + "\nSTEVENSON<<PETER<JOHN<<<<<<<<<";
        auto mrz = ParseMrz(text);
        ASSERT_TRUE(mrz) << mrz.error().message;
        EXPECT_EQ(mrz->document_number, "D23145890734") << c.line1;
        EXPECT_EQ(mrz->document_number_field, "D23145890") << c.line1;
        EXPECT_EQ(mrz->optional_data, c.optional_data) << c.line1;
        EXPECT_EQ(FormatName(*mrz), "STEVENSON PETER JOHN");
        EXPECT_TRUE(mrz->AllChecksOk()) << c.line1;
        ASSERT_EQ(mrz->checks.size(), 4u);
        EXPECT_EQ(mrz->checks[0].field, "document_number");
        EXPECT_FALSE(CccdPersonalNumber(*mrz));
    }
    // The continuation's check digit wrong.
    auto wrong =
        ParseMrz("I<UTOD23145890<7348<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<1\nSTEVENSON<<PETER<JOHN<<<<<<<<<");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->checks[0].field, "document_number");
    EXPECT_FALSE(wrong->checks[0].ok);
}

TEST(Mrz, RefusesWhatIsNotAnMrz) {
    struct Case {
        std::string text;
        const char* says;
    } cases[] = {
        {"", "0 characters"},
        {std::string(89, '<'), "89 characters"},
        {std::string(30, '<') + "\n" + std::string(30, 'a') + "\n" + std::string(30, '<'), "is not A-Z"},
        {std::string(29, '<') + "\n" + std::string(31, '<') + "\n" + std::string(30, '<'), "a line of 29"},
        {std::string(100, '<'), "longer than 90"},
        {"NGUYEN\xC4\x90", "character 0xC4"},  // found by fuzzing: a non-ASCII byte once threw from the message
    };
    for (const auto& c : cases) {
        auto mrz = ParseMrz(c.text);
        ASSERT_FALSE(mrz) << c.says;
        EXPECT_NE(mrz.error().message.find(c.says), std::string::npos) << mrz.error().message;
    }
    EXPECT_FALSE(ParseDg1(HexLiteral("6103 5F1F00")));
    EXPECT_FALSE(ParseDg1(HexLiteral("6203 5F1F00")));
}

TEST(EfCom, ListsTheDataGroupsOfTheBsiSpecimen) {
    if (!fs::exists(kVectors)) GTEST_SKIP() << "test vectors not found at " << kVectors.string();
    auto com = ParseCom(Load(kVectors / "bsi-tr03105-5" / "EF_COM.bin"));
    ASSERT_TRUE(com) << com.error().message;
    EXPECT_FALSE(com->lds_version.empty());
    EXPECT_FALSE(com->data_groups.empty());
    EXPECT_EQ(com->data_groups.front(), 1);
    EXPECT_FALSE(ParseCom(HexLiteral("6003 5C0199")));
}

}  // namespace
}  // namespace precinct::identity
