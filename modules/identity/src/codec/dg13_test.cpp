#include "precinct/identity/dg13.hpp"

#include <gtest/gtest.h>

#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

// A synthetic citizen (not a real person), with the diacritics and the long address a real card has.
Dg13 SyntheticCitizen() {
    Dg13 d;
    d.personal_number = "079205123456";
    d.full_name = "NGUYỄN VĂN AN";
    d.date_of_birth = "15/03/2005";
    d.sex = "Nam";
    d.nationality = "Việt Nam";
    d.ethnicity = "Kinh";
    d.religion = "Không";
    d.place_of_origin = "Phường Bến Thành, TP. Hồ Chí Minh";
    d.place_of_residence =
        "123 Lê Lợi, Khu phố 4, Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh, nơi có một địa chỉ rất dài để "
        "độ dài vượt quá 127 byte";
    d.identifying_marks = "Nốt ruồi C:2cm trên sau đầu lông mày trái";
    d.issue_date = "20/03/2021";
    d.expiry_date = "15/03/2030";
    d.father_name = "NGUYỄN VĂN BÌNH";
    d.mother_name = "TRẦN THỊ CÚC";
    d.spouse_name = "";
    d.old_id_number = "025123456";
    return d;
}

TEST(Dg13, RoundTripsTheSyntheticCitizen) {
    const Dg13 in = SyntheticCitizen();
    const Bytes dg13 = EncodeDg13(in);
    auto out = ParseDg13(dg13);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->personal_number, in.personal_number);
    EXPECT_EQ(out->full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(out->date_of_birth, "15/03/2005");
    EXPECT_EQ(out->sex, "Nam");
    EXPECT_EQ(out->nationality, "Việt Nam");
    EXPECT_EQ(out->ethnicity, "Kinh");
    EXPECT_EQ(out->religion, "Không");
    EXPECT_EQ(out->place_of_origin, in.place_of_origin);
    EXPECT_EQ(out->place_of_residence, in.place_of_residence);
    EXPECT_EQ(out->identifying_marks, in.identifying_marks);
    EXPECT_EQ(out->issue_date, "20/03/2021");
    EXPECT_EQ(out->expiry_date, "15/03/2030");
    EXPECT_EQ(out->father_name, "NGUYỄN VĂN BÌNH");
    EXPECT_EQ(out->mother_name, "TRẦN THỊ CÚC");
    EXPECT_EQ(out->spouse_name, "");
    EXPECT_EQ(out->old_id_number, "025123456");
    EXPECT_EQ(OldIdNumber(*out), "025123456");
    EXPECT_FALSE(out->field16);
    EXPECT_TRUE(out->other.empty());
    EXPECT_TRUE(out->warnings.empty());
    // The residence is longer than 127 bytes: its lengths take the long form (81 xx), and so does the file.
    EXPECT_EQ(dg13[0], 0x6D);
    EXPECT_EQ(dg13[1], 0x82);
    EXPECT_EQ(EncodeDg13(*out), dg13);
}

TEST(Dg13, EncodesEntriesAsTheLayoutNotesDescribe) {
    Dg13 d;
    d.personal_number = "079205123456";
    d.full_name = "AN";
    d.father_name = "B";
    d.mother_name = "C";
    d.spouse_name = "";
    // 30 LL 02 01 NN <value>: PrintableString for the number, UTF8String for the name; parents as two SEQUENCEs;
    // an empty spouse entry.
    EXPECT_EQ(ToHex(EncodeDg13(d)),
              "6D30"
              "3011020101"
              "130C303739323035313233343536"
              "3007020102"
              "0C02414E"
              "300D02010D"
              "30030C0142"
              "30030C0143"
              "300302010E");
}

TEST(Dg13, ReadsHandWrittenEntriesWithLongFormLengthsAndBothStringTypes) {
    // Field 1 as PrintableString, field 2 as UTF8String with a long-form length (81 03), field 16 as
    // PrintableString, field 15 absent, an unknown field 20 kept raw, a spouse in a SEQUENCE.
    const Bytes dg13 = HexLiteral(
        "6D42"
        "3011020101130C303739323035313233343536"
        "300902010C0C8103414E48"
        "300E0201101309303235313233343536"
        "30060201140401FF"
        "300A02010E30050C03C4904F");
    auto out = ParseDg13(dg13);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->personal_number, "079205123456");
    EXPECT_EQ(out->expiry_date, "ANH");
    EXPECT_EQ(out->field16, "025123456");
    EXPECT_FALSE(out->old_id_number);
    EXPECT_EQ(OldIdNumber(*out), "025123456");
    ASSERT_EQ(out->other.count(20), 1u);
    EXPECT_EQ(ToHex(out->other.at(20)), "0401FF");
    EXPECT_EQ(out->spouse_name, "ĐO");
}

TEST(Dg13, ToleratesOddShapesAndNotesThem) {
    struct Case {
        const char* hex;
        const char* warning;
    } cases[] = {
        // Field 2 twice: the first wins.
        {"6D1030060201020C014130060201020C0142", "field 2 appears more than once"},
        // Field 2 holding an OCTET STRING.
        {"6D0830060201020401FF", "field 2 is not shaped as expected"},
        // Parents with three names.
        {"6D0E300C02010D0C01410C01420C0143", "field 13 is not shaped as expected"},
        // All entries wrapped in one more SEQUENCE.
        {"6D0A300830060201020C0141", "wrapped in one more SEQUENCE"},
    };
    for (const auto& c : cases) {
        auto out = ParseDg13(HexLiteral(c.hex));
        ASSERT_TRUE(out) << c.hex << ": " << out.error().message;
        ASSERT_EQ(out->warnings.size(), 1u) << c.hex;
        EXPECT_NE(out->warnings[0].find(c.warning), std::string::npos) << out->warnings[0];
    }
    auto first = ParseDg13(HexLiteral("6D1030060201020C014130060201020C0142"));
    EXPECT_EQ(first->full_name, "A");
    auto wrapped = ParseDg13(HexLiteral("6D0A300830060201020C0141"));
    EXPECT_EQ(wrapped->full_name, "A");
    auto odd = ParseDg13(HexLiteral("6D0830060201020401FF"));
    EXPECT_FALSE(odd->full_name);
    EXPECT_EQ(ToHex(odd->other.at(2)), "0401FF");
    // An entry with no value, and parents whose SEQUENCEs hold bare strings or nothing.
    auto bare = ParseDg13(HexLiteral("6D0F3003020107300802010D0C01413000"));
    ASSERT_TRUE(bare) << bare.error().message;
    EXPECT_EQ(bare->religion, "");
    EXPECT_EQ(bare->father_name, "A");
    EXPECT_EQ(bare->mother_name, "");
}

TEST(Dg13, RefusesMalformedInputNamingWhatIsWrong) {
    struct Case {
        const char* hex;
        const char* says;
    } cases[] = {
        {"6E0830060201020C0141", "outer tag is 6E, expected 6D"},
        {"6D0830060201020C014100", "trailing bytes"},
        {"6D080C0141", "runs past the end"},
        {"6D030C0141", "element 1 is 0C, expected a SEQUENCE"},
        {"6D0530030C0141", "does not start with its field number"},
        {"6D0830060202FFFF0C00", "not an INTEGER from 0 to 255"},
        {"6D0830060201020C01FF", "field 2: the string is not valid UTF-8"},
        {"6D0830060201020C0541", "entry 1: TLV at offset 3"},
        {"6D80", "indefinite length"},
    };
    for (const auto& c : cases) {
        auto out = ParseDg13(HexLiteral(c.hex));
        ASSERT_FALSE(out) << c.hex;
        EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(out.error().message.find(c.says), std::string::npos) << c.hex << ": " << out.error().message;
    }
    // Too many entries, and too many bytes.
    Bytes many;
    for (std::size_t i = 0; i <= kMaxDg13Entries; ++i) {
        const Bytes e = HexLiteral("30060201140C0141");
        many.insert(many.end(), e.begin(), e.end());
    }
    auto too_many = ParseDg13(EncodeTlv(0x6D, many));
    ASSERT_FALSE(too_many);
    EXPECT_NE(too_many.error().message.find("65 entries"), std::string::npos) << too_many.error().message;
    auto too_big = ParseDg13(EncodeTlv(0x6D, Bytes(kMaxDg13Bytes, 0)));
    ASSERT_FALSE(too_big);
    EXPECT_NE(too_big.error().message.find("at most"), std::string::npos);
}

TEST(Dg13, KeepsUnknownFieldsThroughEncoding) {
    Dg13 d;
    d.full_name = "AN";
    d.other[20] = HexLiteral("0401FF");
    d.other[2] = HexLiteral("0C0142");  // also a named member: the member wins
    const Bytes dg13 = EncodeDg13(d);
    EXPECT_EQ(ToHex(dg13), "6D1130070201020C02414E30060201140401FF");
    auto back = ParseDg13(dg13);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->full_name, "AN");
    EXPECT_EQ(ToHex(back->other.at(20)), "0401FF");
}

}  // namespace
}  // namespace precinct::identity
