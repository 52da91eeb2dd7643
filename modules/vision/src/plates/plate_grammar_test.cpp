#include "precinct/vision/plate_grammar.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace precinct::vision {
namespace {

// What a read should give; empty strings in `bottom_row` mean a one-row plate.
struct Expected {
    std::string top;
    std::string bottom;
    std::string text;
    std::string display;
    std::string locality;
    std::string series;
    std::string number;
    std::string top_row;
    std::string bottom_row;
    PlateKind kind;
    int corrections;
};

void ExpectRead(const Expected& want) {
    SCOPED_TRACE("top=\"" + want.top + "\" bottom=\"" + want.bottom + "\"");
    const auto plate = ReadPlate(want.top, want.bottom);
    ASSERT_TRUE(plate.has_value());
    EXPECT_EQ(plate->text, want.text);
    EXPECT_EQ(plate->display, want.display);
    EXPECT_EQ(plate->locality, want.locality);
    EXPECT_EQ(plate->series, want.series);
    EXPECT_EQ(plate->number, want.number);
    EXPECT_EQ(plate->top_row, want.top_row);
    EXPECT_EQ(plate->bottom_row, want.bottom_row);
    EXPECT_EQ(plate->rows, want.bottom_row.empty() ? 1 : 2);
    EXPECT_EQ(PlateKindName(plate->kind), PlateKindName(want.kind));
    EXPECT_EQ(plate->corrections, want.corrections);
    EXPECT_EQ(plate->top_row + plate->bottom_row, plate->text);
}

TEST(PlateKind, HasStableNames) {
    EXPECT_EQ(PlateKindName(PlateKind::kCar), "car");
    EXPECT_EQ(PlateKindName(PlateKind::kMotorbike), "motorbike");
    EXPECT_EQ(PlateKindName(PlateKind::kTrailer), "trailer");
    EXPECT_EQ(PlateKindName(PlateKind::kDiplomatic), "diplomatic");
    EXPECT_EQ(PlateKindName(PlateKind::kTemporary), "temporary");
}

TEST(NormalizePlateText, KeepsOnlyPlateCharacters) {
    EXPECT_EQ(NormalizePlateText("51f-123.45"), "51F12345");
    EXPECT_EQ(NormalizePlateText(" 29-B1 / 123.45 "), "29B112345");
    EXPECT_EQ(NormalizePlateText("29-MĐ1 013.53"), "29MD101353");
    EXPECT_EQ(NormalizePlateText("29-mđ1"), "29MD1");
    EXPECT_EQ(NormalizePlateText("[80-011-NG-01]"), "80011NG01");
    // Other letters with diacritics, stray UTF-8 lead bytes and control bytes are dropped.
    EXPECT_EQ(NormalizePlateText("Ấ5\xC4\t1\xFF"), "51");
    EXPECT_EQ(NormalizePlateText(""), "");
}

TEST(ReadPlate, ReadsCarLongPlates) {
    ExpectRead({"51F-123.45", "", "51F12345", "51F-123.45", "51", "F", "12345", "51F12345", "", PlateKind::kCar, 0});
    ExpectRead({"30K-123.45", "", "30K12345", "30K-123.45", "30", "K", "12345", "30K12345", "", PlateKind::kCar, 0});
    ExpectRead({"30k12345", "", "30K12345", "30K-123.45", "30", "K", "12345", "30K12345", "", PlateKind::kCar, 0});
}

TEST(ReadPlate, ReadsCarShortPlateOnTwoRows) {
    ExpectRead({"51G", "678.90", "51G67890", "51G-678.90", "51", "G", "67890", "51G", "67890", PlateKind::kCar, 0});
}

TEST(ReadPlate, ReadsMotorbikePlateOnTwoRows) {
    ExpectRead({"29-B1", "123.45", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345",
                PlateKind::kMotorbike, 0});
    ExpectRead({"29-X1", "123.45", "29X112345", "29X1-123.45", "29", "X1", "12345", "29X1", "12345",
                PlateKind::kMotorbike, 0});
    // Two-letter moped / district series.
    ExpectRead({"59-AB", "012.34", "59AB01234", "59AB-012.34", "59", "AB", "01234", "59AB", "01234",
                PlateKind::kMotorbike, 0});
}

TEST(ReadPlate, ReadsMotorbikePlateFlattenedIntoOneRow) {
    ExpectRead(
        {"29B112345", "", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345", PlateKind::kMotorbike, 0});
    ExpectRead({"29-B1 123.45", "", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345",
                PlateKind::kMotorbike, 0});
}

TEST(ReadPlate, ReadsOldFourDigitPlates) {
    ExpectRead({"29A-1234", "", "29A1234", "29A-1234", "29", "A", "1234", "29A1234", "", PlateKind::kCar, 0});
    ExpectRead({"29A", "1234", "29A1234", "29A-1234", "29", "A", "1234", "29A", "1234", PlateKind::kCar, 0});
    ExpectRead(
        {"29-B1", "1234", "29B11234", "29B1-1234", "29", "B1", "1234", "29B1", "1234", PlateKind::kMotorbike, 0});
}

TEST(ReadPlate, ReadsElectricMotorbikeSeries) {
    ExpectRead({"29-MĐ1", "013.53", "29MD101353", "29MĐ1-013.53", "29", "MD1", "01353", "29MD1", "01353",
                PlateKind::kMotorbike, 0});
    // The recognizer has no Đ: it reads D (or 0, a look-alike in a letter slot).
    ExpectRead({"29MD1", "01353", "29MD101353", "29MĐ1-013.53", "29", "MD1", "01353", "29MD1", "01353",
                PlateKind::kMotorbike, 0});
    ExpectRead({"29M01", "01353", "29MD101353", "29MĐ1-013.53", "29", "MD1", "01353", "29MD1", "01353",
                PlateKind::kMotorbike, 1});
}

TEST(ReadPlate, ReadsTrailerSeriesR) {
    ExpectRead(
        {"51R-141.39", "", "51R14139", "51R-141.39", "51", "R", "14139", "51R14139", "", PlateKind::kTrailer, 0});
    ExpectRead({"51R", "141.39", "51R14139", "51R-141.39", "51", "R", "14139", "51R", "14139", PlateKind::kTrailer, 0});
}

TEST(ReadPlate, ReadsSpecialCarSeries) {
    ExpectRead(
        {"51LD-123.45", "", "51LD12345", "51LD-123.45", "51", "LD", "12345", "51LD12345", "", PlateKind::kCar, 0});
    ExpectRead(
        {"30KT-012.34", "", "30KT01234", "30KT-012.34", "30", "KT", "01234", "30KT01234", "", PlateKind::kCar, 0});
    ExpectRead(
        {"29DA-111.22", "", "29DA11122", "29DA-111.22", "29", "DA", "11122", "29DA11122", "", PlateKind::kCar, 0});
    ExpectRead(
        {"36MK-000.12", "", "36MK00012", "36MK-000.12", "36", "MK", "00012", "36MK00012", "", PlateKind::kCar, 0});
    ExpectRead(
        {"29TĐ-001.23", "", "29TD00123", "29TĐ-001.23", "29", "TD", "00123", "29TD00123", "", PlateKind::kCar, 0});
    ExpectRead(
        {"51HC-456.78", "", "51HC45678", "51HC-456.78", "51", "HC", "45678", "51HC45678", "", PlateKind::kCar, 0});
    ExpectRead(
        {"80CD-012.34", "", "80CD01234", "80CD-012.34", "80", "CD", "01234", "80CD01234", "", PlateKind::kCar, 0});
}

TEST(ReadPlate, ReadsDiplomaticPlates) {
    const auto plate = ReadPlate("80-011-NG-01");
    ASSERT_TRUE(plate.has_value());
    EXPECT_EQ(plate->text, "80011NG01");
    EXPECT_EQ(plate->display, "80-011-NG-01");
    EXPECT_EQ(plate->locality, "80");
    EXPECT_EQ(plate->country_code, "011");
    EXPECT_EQ(plate->series, "NG");
    EXPECT_EQ(plate->number, "01");
    EXPECT_EQ(plate->kind, PlateKind::kDiplomatic);
    EXPECT_EQ(plate->rows, 1);
    EXPECT_EQ(plate->province, "Cục Cảnh sát giao thông");
    EXPECT_EQ(plate->corrections, 0);

    ExpectRead({"41-291-QT-12", "", "41291QT12", "41-291-QT-12", "41", "QT", "12", "41291QT12", "",
                PlateKind::kDiplomatic, 0});
    ExpectRead({"80-CV-123.45", "", "80CV12345", "80-CV-123.45", "80", "CV", "12345", "80CV12345", "",
                PlateKind::kDiplomatic, 0});
    ExpectRead({"80NN123", "", "80NN123", "80-NN-123", "80", "NN", "123", "80NN123", "", PlateKind::kDiplomatic, 0});
    // A two-row diplomatic plate keeps the recognizer's split.
    ExpectRead(
        {"80-011", "NG-01", "80011NG01", "80-011-NG-01", "80", "NG", "01", "80011", "NG01", PlateKind::kDiplomatic, 0});
    // NG is reserved for diplomatic plates, even where a two-letter motorbike series would also fit.
    ExpectRead({"29NG12345", "", "29NG12345", "29-NG-123.45", "29", "NG", "12345", "29NG12345", "",
                PlateKind::kDiplomatic, 0});
}

TEST(ReadPlate, ReadsTemporaryPlates) {
    ExpectRead(
        {"T29-123.45", "", "T2912345", "T29-123.45", "29", "T", "12345", "T2912345", "", PlateKind::kTemporary, 0});
}

TEST(ReadPlate, CorrectsDigitLookAlikesInDigitSlots) {
    struct Case {
        std::string raw;
        std::string text;
        int corrections;
    };
    // The first order digit is avoided here: a letter there also spells a two-letter motorbike series with no
    // correction (see FewerCorrectionsBeatTheRowCount).
    const std::vector<Case> cases = {
        {"3OK-123.45", "30K12345", 1},  // O -> 0 in the locality
        {"5lF-123.45", "51F12345", 1},  // l -> L -> 1
        {"51F-1D3.45", "51F10345", 1},  // D -> 0
        {"51F-1Q3.45", "51F10345", 1},  // Q -> 0
        {"51F-I23.45", "51F12345", 1},  // I -> 1
        {"51F-2T3.45", "51F21345", 1},  // T -> 1
        {"51F-1Z3.45", "51F12345", 1},  // Z -> 2
        {"51F-123.4S", "51F12345", 1},  // S -> 5
        {"51F-1G3.45", "51F16345", 1},  // G -> 6
        {"51F-123.4B", "51F12348", 1},  // B -> 8
        {"51F-1A3.45", "51F14345", 1},  // A -> 4
        {"5lF-123.4S", "51F12345", 2},  // two corrections, still accepted
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.raw);
        const auto plate = ReadPlate(c.raw);
        ASSERT_TRUE(plate.has_value());
        EXPECT_EQ(plate->text, c.text);
        EXPECT_EQ(plate->kind, PlateKind::kCar);
        EXPECT_EQ(plate->corrections, c.corrections);
    }
}

TEST(ReadPlate, CorrectsLetterLookAlikesInLetterSlots) {
    struct Case {
        std::string raw;
        std::string series;
    };
    const std::vector<Case> cases = {
        {"510-123.45", "D"}, {"51O-123.45", "D"}, {"51Q-123.45", "D"}, {"518-123.45", "B"},
        {"515-123.45", "S"}, {"512-123.45", "Z"}, {"511-123.45", "T"}, {"51I-123.45", "T"},
        {"516-123.45", "G"}, {"514-123.45", "A"}, {"51W-123.45", "M"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.raw);
        const auto plate = ReadPlate(c.raw);
        ASSERT_TRUE(plate.has_value());
        EXPECT_EQ(plate->series, c.series);
        EXPECT_EQ(plate->text, "51" + c.series + "12345");
        EXPECT_EQ(plate->kind, PlateKind::kCar);
        EXPECT_EQ(plate->corrections, 1);
    }
}

TEST(ReadPlate, CorrectsLookAlikesOnBothRowsOfAMotorbikePlate) {
    ExpectRead({"2O-B1", "I23.45", "20B112345", "20B1-123.45", "20", "B1", "12345", "20B1", "12345",
                PlateKind::kMotorbike, 2});
    // The series digit of a motorbike plate is a digit slot; the series letter a letter slot.
    // Here the top row could also be the short car plate 29B with the I dropped (also two corrections); a
    // substitution is preferred over a drop.
    ExpectRead({"29-8I", "123.45", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345",
                PlateKind::kMotorbike, 2});
    ExpectRead({"29-WĐ1", "013.53", "29MD101353", "29MĐ1-013.53", "29", "MD1", "01353", "29MD1", "01353",
                PlateKind::kMotorbike, 1});
}

TEST(ReadPlate, DropsOneSpuriousCharacterAtEitherEndOfARow) {
    // Leading border read as 7, trailing screw read as I.
    ExpectRead({"751F-123.45", "", "51F12345", "51F-123.45", "51", "F", "12345", "51F12345", "", PlateKind::kCar, 1});
    ExpectRead({"51F-123.45I", "", "51F12345", "51F-123.45", "51", "F", "12345", "51F12345", "", PlateKind::kCar, 1});
    ExpectRead({"I51F-123.45I", "", "51F12345", "51F-123.45", "51", "F", "12345", "51F12345", "", PlateKind::kCar, 2});
    // On a two-row plate each row may lose its ends.
    ExpectRead({"29-B1", "123.45I", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345",
                PlateKind::kMotorbike, 1});
    ExpectRead({"J29-B1", "123.45", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345",
                PlateKind::kMotorbike, 1});
    // Punctuation around a read costs nothing: it is not a plate character.
    ExpectRead({"[51F-123.45]", "", "51F12345", "51F-123.45", "51", "F", "12345", "51F12345", "", PlateKind::kCar, 0});
}

TEST(ReadPlate, RefusesUnassignedLocalityCodes) {
    for (const char* code : {"10", "13", "42", "44", "45", "46", "87", "91", "96"}) {
        SCOPED_TRACE(code);
        EXPECT_FALSE(ReadPlate(std::string(code) + "A-123.45").has_value());
        EXPECT_FALSE(ReadPlate(std::string(code) + "-B1", "123.45").has_value());
    }
    // "4Z" would be 42 after correction: still refused.
    EXPECT_FALSE(ReadPlate("4ZA-123.45").has_value());
    // A temporary plate's T is taken only as read, so "13A..." is not T34-... with 1 -> T and A -> 4.
    EXPECT_FALSE(ReadPlate("13A-123.45").has_value());
}

TEST(ReadPlate, ReadsMotorbikeSeriesWithTheLetterR) {
    // Real motorbike plates carry R with a digit (54-R3 958.7); R alone stays the trailer series of cars.
    const auto bike = ReadPlate("54-R3", "9587");
    ASSERT_TRUE(bike.has_value());
    EXPECT_EQ(bike->text, "54R39587");
    EXPECT_EQ(bike->kind, PlateKind::kMotorbike);
    EXPECT_EQ(bike->rows, 2);
    EXPECT_EQ(bike->corrections, 0);
    const auto trailer = ReadPlate("51R-141.39");
    ASSERT_TRUE(trailer.has_value());
    EXPECT_EQ(trailer->kind, PlateKind::kTrailer);
}

TEST(ReadPlate, RefusesInvalidSeriesLetters) {
    EXPECT_FALSE(ReadPlate("51J-123.45").has_value());  // J has no look-alike among the series letters
    EXPECT_FALSE(ReadPlate("51J-1234").has_value());
    EXPECT_FALSE(ReadPlate("29-J1", "123.45").has_value());
    EXPECT_FALSE(ReadPlate("51RR-123.45").has_value());  // R only as the trailer series
    // I, O, Q, W are no series letters: read as their look-alikes, and it costs a correction.
    const auto o_read = ReadPlate("51O-123.45");
    ASSERT_TRUE(o_read.has_value());
    EXPECT_EQ(o_read->series, "D");
    EXPECT_EQ(o_read->corrections, 1);
    // A motorbike series digit is 1-9: a 0 there is read as the letter D of a two-letter series, at a cost.
    const auto zero_digit = ReadPlate("29-B0", "123.45");
    ASSERT_TRUE(zero_digit.has_value());
    EXPECT_EQ(zero_digit->series, "BD");
    EXPECT_EQ(zero_digit->corrections, 1);
}

TEST(ReadPlate, RefusesReadsNeedingMoreThanTwoCorrections) {
    EXPECT_FALSE(ReadPlate("5lF-1Z3.4S").has_value());  // l, Z and S: three corrections on every layout
    EXPECT_FALSE(ReadPlate("SlF-I23.45").has_value());
    EXPECT_FALSE(ReadPlate("I51F-123.4SI").has_value());  // two drops and a substitution
    EXPECT_FALSE(ReadPlate("2O-8I", "I23.45").has_value());
    // "5lF-l23.4S" needs three corrections as the car plate 51F-123.45, so that reading is refused; the same
    // characters spell the flattened motorbike plate 51FL-2345 with two (l -> 1, S -> 5), and that fit is kept.
    const auto other = ReadPlate("5lF-l23.4S");
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->text, "51FL2345");
    EXPECT_EQ(other->kind, PlateKind::kMotorbike);
    EXPECT_EQ(other->corrections, 2);
}

TEST(ReadPlate, RefusesGarbage) {
    EXPECT_FALSE(ReadPlate("").has_value());
    EXPECT_FALSE(ReadPlate("", "").has_value());
    EXPECT_FALSE(ReadPlate("---. .").has_value());
    EXPECT_FALSE(ReadPlate("HELLO").has_value());
    EXPECT_FALSE(ReadPlate("HELLOWORLD").has_value());
    EXPECT_FALSE(ReadPlate("ABCDEFGH").has_value());
    EXPECT_FALSE(ReadPlate("99999999").has_value());
    EXPECT_FALSE(ReadPlate("00000000").has_value());
    EXPECT_FALSE(ReadPlate("XXXXXXXX").has_value());
    EXPECT_FALSE(ReadPlate("51F").has_value());
    EXPECT_FALSE(ReadPlate("51F-123456789").has_value());
    EXPECT_FALSE(ReadPlate(std::string(1000, '5')).has_value());
    EXPECT_FALSE(ReadPlate("51F", "ABCDE").has_value());
}

TEST(ReadPlate, PrefersTheLayoutThatFitsTheRowCountOnTies) {
    // "30K12345" also spells the motorbike plate 30K1-2345 flattened; one row read means the long car plate.
    ExpectRead({"30K12345", "", "30K12345", "30K-123.45", "30", "K", "12345", "30K12345", "", PlateKind::kCar, 0});
    // The same characters on two rows split after K1 are the old 4-digit motorbike plate.
    ExpectRead({"30K1", "2345", "30K12345", "30K1-2345", "30", "K1", "2345", "30K1", "2345", PlateKind::kMotorbike, 0});
    // A short car plate flattened into one row reads as the long plate with the same text.
    ExpectRead({"51G67890", "", "51G67890", "51G-678.90", "51", "G", "67890", "51G67890", "", PlateKind::kCar, 0});
}

TEST(ReadPlate, FewerCorrectionsBeatTheRowCount) {
    // One row "51FD2345": the long car plate would need D -> 0, the flattened 4-digit motorbike plate 51FD-2345
    // needs nothing, and the fewest corrections win before the row count is looked at.
    ExpectRead({"51FD2345", "", "51FD2345", "51FD-2345", "51", "FD", "2345", "51FD", "2345", PlateKind::kMotorbike, 0});
}

TEST(ReadPlate, PrefersFiveDigitOrdersOnTies) {
    // "29A1234S": S -> 5 (a 5-digit order) and dropping the trailing S (the old 4-digit order) both cost one.
    ExpectRead({"29A-1234S", "", "29A12345", "29A-123.45", "29", "A", "12345", "29A12345", "", PlateKind::kCar, 1});
    ExpectRead(
        {"29-B1", "1234S", "29B112345", "29B1-123.45", "29", "B1", "12345", "29B1", "12345", PlateKind::kMotorbike, 1});
    // Without a tie the old plate is read as it is.
    ExpectRead({"29A-1234", "", "29A1234", "29A-1234", "29", "A", "1234", "29A1234", "", PlateKind::kCar, 0});
}

TEST(ReadPlate, FillsProvinceBeforeAndAfterTheMerger) {
    const auto plate = ReadPlate("88A-123.45");
    ASSERT_TRUE(plate.has_value());
    EXPECT_EQ(plate->province, "Phú Thọ");
    EXPECT_EQ(plate->province_before_2025, "Vĩnh Phúc");
    const auto hcm = ReadPlate("72-B1", "123.45");
    ASSERT_TRUE(hcm.has_value());
    EXPECT_EQ(hcm->province, "TP. Hồ Chí Minh");
    EXPECT_EQ(hcm->province_before_2025, "Bà Rịa – Vũng Tàu");
    const auto hanoi = ReadPlate("29A-1234");
    ASSERT_TRUE(hanoi.has_value());
    EXPECT_EQ(hanoi->province, "Hà Nội");
    EXPECT_EQ(hanoi->province_before_2025, "Hà Nội");
}

TEST(LookUpLocality, MapsCodesBeforeAndAfterTheMerger) {
    struct Case {
        std::string code;
        std::string now;
        std::string before;
    };
    const std::vector<Case> cases = {
        {"88", "Phú Thọ", "Vĩnh Phúc"},
        {"29", "Hà Nội", "Hà Nội"},
        {"33", "Hà Nội", "Hà Nội"},
        {"40", "Hà Nội", "Hà Nội"},
        {"72", "TP. Hồ Chí Minh", "Bà Rịa – Vũng Tàu"},
        {"61", "TP. Hồ Chí Minh", "Bình Dương"},
        {"51", "TP. Hồ Chí Minh", "TP. Hồ Chí Minh"},
        {"75", "Huế", "Thừa Thiên Huế"},
        {"68", "An Giang", "Kiên Giang"},
        {"34", "Hải Phòng", "Hải Dương"},
        {"17", "Hưng Yên", "Thái Bình"},
        {"90", "Ninh Bình", "Hà Nam"},
        {"93", "Đồng Nai", "Bình Phước"},
        {"92", "Đà Nẵng", "Quảng Nam"},
        {"98", "Bắc Ninh", "Bắc Giang"},
        {"11", "Cao Bằng", "Cao Bằng"},
        {"80", "Cục Cảnh sát giao thông", "Cục Cảnh sát giao thông"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.code);
        const auto locality = LookUpLocality(c.code);
        ASSERT_TRUE(locality.has_value());
        EXPECT_EQ(locality->province, c.now);
        EXPECT_EQ(locality->province_before_2025, c.before);
    }
}

TEST(LookUpLocality, RefusesUnassignedAndMalformedCodes) {
    for (const char* code :
         {"10", "13", "42", "44", "45", "46", "87", "91", "96", "00", "09", "", "5", "123", "AB", "5A", " 5"}) {
        SCOPED_TRACE(code);
        EXPECT_FALSE(LookUpLocality(code).has_value());
    }
}

TEST(LookUpLocality, CoversEveryAssignedCodeOfBothProvinceLists) {
    std::set<std::string> now;
    std::set<std::string> before;
    int assigned = 0;
    for (int code = 0; code <= 99; ++code) {
        const std::string text{static_cast<char>('0' + code / 10), static_cast<char>('0' + code % 10)};
        const auto locality = LookUpLocality(text);
        if (!locality) continue;
        ++assigned;
        if (text == "80") continue;
        now.insert(locality->province);
        before.insert(locality->province_before_2025);
    }
    // 11-99 less the 8 unassigned codes in that range.
    EXPECT_EQ(assigned, 81);
    EXPECT_EQ(now.size(), 34U);
    EXPECT_EQ(before.size(), 63U);
}

TEST(LookAlikeKey, FoldsLookAlikeClasses) {
    EXPECT_EQ(LookAlikeKey("0ODQ"), "0000");
    EXPECT_EQ(LookAlikeKey("1IL"), "111");
    EXPECT_EQ(LookAlikeKey("2Z5S8B6G4A"), "2255886644");
    EXPECT_EQ(LookAlikeKey("51F-123.45"), LookAlikeKey("5IF12345"));
    EXPECT_EQ(LookAlikeKey("29b1-123.4s"), LookAlikeKey("298I12345"));
    // Characters outside the classes stay distinct.
    EXPECT_NE(LookAlikeKey("51F12345"), LookAlikeKey("51E12345"));
    EXPECT_NE(LookAlikeKey("51T12345"), LookAlikeKey("51112345"));
    EXPECT_EQ(LookAlikeKey("51K"), "51K");
}

TEST(MatchesPlatePattern, MatchesWildcards) {
    EXPECT_TRUE(MatchesPlatePattern("29A-123*", "29A12345", false));
    EXPECT_TRUE(MatchesPlatePattern("29A123*", "29A123", false));  // '*' also matches nothing
    EXPECT_TRUE(MatchesPlatePattern("*12345", "51F12345", false));
    EXPECT_TRUE(MatchesPlatePattern("*F*", "51F12345", false));
    EXPECT_TRUE(MatchesPlatePattern("51?-123.4?", "51F12345", false));
    EXPECT_TRUE(MatchesPlatePattern("29B1*", "29B1-123.45", false));  // plate text is normalized too
    EXPECT_FALSE(MatchesPlatePattern("51?-123.4?", "51F123456", false));
    EXPECT_FALSE(MatchesPlatePattern("29A-123*", "30A12345", false));
    EXPECT_FALSE(MatchesPlatePattern("*12345", "51F12346", false));
    EXPECT_FALSE(MatchesPlatePattern("51F12345", "51F1234", false));
    EXPECT_TRUE(MatchesPlatePattern("5*1*2*3*4*5", "51F12345", false));
    EXPECT_FALSE(MatchesPlatePattern("5*1*2*3*4*6", "51F12345", false));
}

TEST(MatchesPlatePattern, IsCaseInsensitive) {
    EXPECT_TRUE(MatchesPlatePattern("29a-123*", "29A12345", false));
    EXPECT_TRUE(MatchesPlatePattern("29-mđ1*", "29MD101353", false));
}

TEST(MatchesPlatePattern, ToleratesLookAlikesOnlyWhenAsked) {
    EXPECT_TRUE(MatchesPlatePattern("5IF-I23.4S", "51F12345", true));
    EXPECT_FALSE(MatchesPlatePattern("5IF-I23.4S", "51F12345", false));
    EXPECT_TRUE(MatchesPlatePattern("30K-*", "3OK12345", true));
    EXPECT_TRUE(MatchesPlatePattern("*8B", "51F12388", true));
    EXPECT_FALSE(MatchesPlatePattern("51E*", "51F12345", true));
}

TEST(MatchesPlatePattern, IsFalseForInvalidPatterns) {
    EXPECT_FALSE(MatchesPlatePattern("", "51F12345", false));
    EXPECT_FALSE(MatchesPlatePattern("*", "51F12345", false));
    EXPECT_FALSE(MatchesPlatePattern("---", "51F12345", true));
    EXPECT_FALSE(MatchesPlatePattern(std::string(33, '5'), std::string(33, '5'), false));
}

TEST(ValidatePlatePattern, NormalizesKeepingWildcards) {
    auto pattern = ValidatePlatePattern("29a-123.*");
    ASSERT_TRUE(pattern.has_value()) << pattern.error().message;
    EXPECT_EQ(*pattern, "29A123*");
    pattern = ValidatePlatePattern("*-mđ?**1");
    ASSERT_TRUE(pattern.has_value()) << pattern.error().message;
    EXPECT_EQ(*pattern, "*MD?*1");
    // 32 plate characters with separators is within the limit.
    pattern = ValidatePlatePattern("1234-5678-1234-5678-1234-5678-1234-5678");
    ASSERT_TRUE(pattern.has_value()) << pattern.error().message;
    EXPECT_EQ(pattern->size(), 32U);
}

TEST(ValidatePlatePattern, RefusesEmptyTooLongAndWildcardOnlyPatterns) {
    const auto empty = ValidatePlatePattern("  ");
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(empty.error().field, "pattern");
    EXPECT_NE(empty.error().message.find("empty"), std::string::npos) << empty.error().message;

    const auto too_long = ValidatePlatePattern(std::string(33, 'A'));
    ASSERT_FALSE(too_long.has_value());
    EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(too_long.error().message.find("32"), std::string::npos) << too_long.error().message;
    EXPECT_FALSE(ValidatePlatePattern(std::string(10000, '-')).has_value());

    for (const char* wildcards : {"*", "?*?", "-.-", "\xC4"}) {
        SCOPED_TRACE(wildcards);
        const auto none = ValidatePlatePattern(wildcards);
        ASSERT_FALSE(none.has_value());
        EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(none.error().field, "pattern");
        EXPECT_NE(none.error().message.find("no plate character"), std::string::npos) << none.error().message;
    }
    // Đ is a plate character (stored as D); a lone UTF-8 lead byte is not.
    const auto d_only = ValidatePlatePattern("ĐĐĐ\xC4");
    ASSERT_TRUE(d_only.has_value()) << d_only.error().message;
    EXPECT_EQ(*d_only, "DDD");
}

}  // namespace
}  // namespace precinct::vision
