#include "precinct/identity/qr.hpp"

#include <allheaders.h>
#include <gtest/gtest.h>

namespace precinct::identity {
namespace {

// The synthetic example of the CCCD spec notes (not a real person).
const std::string kSyntheticQr =
    "079205123456||NGUYỄN VĂN AN|15032005|Nam|123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh|20032021";

TEST(CccdQr, ParsesTheSevenFieldsOfTheSyntheticCard) {
    auto qr = ParseCccdQr(kSyntheticQr);
    ASSERT_TRUE(qr) << qr.error().message;
    EXPECT_EQ(qr->layout, CccdQrLayout::kFull);
    EXPECT_EQ(qr->personal_number, "079205123456");
    EXPECT_EQ(qr->old_id_number, "");
    EXPECT_EQ(qr->full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(qr->date_of_birth, "2005-03-15");
    EXPECT_EQ(qr->sex, "Nam");
    EXPECT_EQ(qr->sex_code, 'M');
    EXPECT_EQ(qr->address, "123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh");
    EXPECT_EQ(qr->issue_date, "2021-03-20");
    EXPECT_TRUE(qr->extra_fields.empty());
}

TEST(CccdQr, AcceptsSixFieldsWithoutTheIssueDateOrWithoutTheOldNumber) {
    auto no_issue = ParseCccdQr("079305000001|025123456|TRẦN THỊ BÌNH|01012003|Nữ|Hà Nội");
    ASSERT_TRUE(no_issue) << no_issue.error().message;
    EXPECT_EQ(no_issue->layout, CccdQrLayout::kNoIssueDate);
    EXPECT_EQ(no_issue->old_id_number, "025123456");
    EXPECT_EQ(no_issue->full_name, "TRẦN THỊ BÌNH");
    EXPECT_EQ(no_issue->sex_code, 'F');
    EXPECT_EQ(no_issue->address, "Hà Nội");
    EXPECT_EQ(no_issue->issue_date, "");

    auto no_old = ParseCccdQr("079305000001|TRẦN THỊ BÌNH|01012003|Nữ|Hà Nội|02022021");
    ASSERT_TRUE(no_old) << no_old.error().message;
    EXPECT_EQ(no_old->layout, CccdQrLayout::kNoOldIdNumber);
    EXPECT_EQ(no_old->old_id_number, "");
    EXPECT_EQ(no_old->full_name, "TRẦN THỊ BÌNH");
    EXPECT_EQ(no_old->date_of_birth, "2003-01-01");
    EXPECT_EQ(no_old->issue_date, "2021-02-02");
}

TEST(CccdQr, NormalizesToNfcAndTrimsScannerNoise) {
    // "NGUYÊN" with the circumflex and the acute written as combining marks, a BOM and a CR LF from a scanner.
    const std::string decomposed =
        "\xEF\xBB\xBF  079205123456||NGUYE\xCC\x82\xCC\x81N VAN AN|15032005|Nam|Ha Noi|20032021\r\n";
    auto qr = ParseCccdQr(decomposed);
    ASSERT_TRUE(qr) << qr.error().message;
    EXPECT_EQ(qr->full_name, "NGUYẾN VAN AN");
    EXPECT_EQ(qr->issue_date, "2021-03-20");
}

TEST(CccdQr, KeepsFieldsAfterTheSeventh) {
    auto qr = ParseCccdQr(kSyntheticQr + "|extra|");
    ASSERT_TRUE(qr);
    EXPECT_EQ(qr->extra_fields, (std::vector<std::string>{"extra", ""}));
}

TEST(CccdQr, RefusesMalformedTextNamingTheField) {
    struct Case {
        std::string text;
        const char* field;
    } cases[] = {
        {"079205123456||NGUYEN VAN AN|15032005|Nam", "qr"},
        {"07920512345||NGUYEN VAN AN|15032005|Nam|Ha Noi|20032021", "personal_number"},
        {"079205123456|1234|NGUYEN VAN AN|15032005|Nam|Ha Noi|20032021", "old_id_number"},
        {"079205123456||NGUYEN VAN AN|31022005|Nam|Ha Noi|20032021", "date of birth"},
        {"079205123456||NGUYEN VAN AN|2005-03-15|Nam|Ha Noi|20032021", "date of birth"},
        {"079205123456||NGUYEN VAN AN|15032005|Male|Ha Noi|20032021", "sex"},
        {"079205123456||NGUYEN VAN AN|15032005|Nam|Ha Noi|20132021", "issue date"},
        {"079205123456|||15032005|Nam|Ha Noi|20032021", "full_name"},
        {"079205123456||NGUYEN \xC3 AN|15032005|Nam|Ha Noi|20032021", "qr"},
        {std::string(kMaxQrTextBytes + 1, '1'), "qr"},
    };
    for (const auto& c : cases) {
        auto qr = ParseCccdQr(c.text);
        ASSERT_FALSE(qr) << c.text;
        EXPECT_EQ(qr.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(qr.error().field, c.field) << c.text << ": " << qr.error().message;
    }
}

TEST(CccdQr, RoundTripsThroughAPngImage) {
    auto png = EncodeQrPng(kSyntheticQr);
    ASSERT_TRUE(png) << png.error().message;
    ASSERT_GT(png->size(), 8u);
    EXPECT_EQ(ToHex(ByteView(*png).first(8)), "89504E470D0A1A0A");
    auto text = DecodeQrFromImage(*png);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(*text, kSyntheticQr);
    auto qr = ParseCccdQr(*text);
    ASSERT_TRUE(qr) << qr.error().message;
    EXPECT_EQ(qr->full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(qr->address, "123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh");
}

TEST(CccdQr, SaysWhenAnImageHoldsNoQrCode) {
    // A white 200 x 120 PNG with a black bar across it.
    PIX* pix = pixCreate(200, 120, 8);
    ASSERT_NE(pix, nullptr);
    pixSetAll(pix);
    pixRasterop(pix, 20, 50, 160, 20, PIX_CLR, nullptr, 0, 0);
    l_uint8* data = nullptr;
    size_t size = 0;
    ASSERT_EQ(pixWriteMem(&data, &size, pix, IFF_PNG), 0);
    pixDestroy(&pix);
    const Bytes png(data, data + size);
    lept_free(data);
    auto none = DecodeQrFromImage(png);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(none.error().message, "no QR code found");

    for (const Bytes& bad : {Bytes(), ToBytes("not an image at all"), Bytes(png.begin(), png.begin() + 40)}) {
        auto r = DecodeQrFromImage(bad);
        ASSERT_FALSE(r) << bad.size();
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad.size();
    }
}

TEST(CccdQr, RefusesImagesOverTheSizeLimits) {
    auto big = DecodeQrFromImage(Bytes(kMaxQrImageBytes + 1, 0));
    ASSERT_FALSE(big);
    EXPECT_NE(big.error().message.find("at most"), std::string::npos);
    // A PNG one pixel wider than the limit.
    PIX* pix = pixCreate(kMaxQrImageSide + 1, 10, 1);
    ASSERT_NE(pix, nullptr);
    l_uint8* data = nullptr;
    size_t size = 0;
    ASSERT_EQ(pixWriteMem(&data, &size, pix, IFF_PNG), 0);
    pixDestroy(&pix);
    const Bytes png(data, data + size);
    lept_free(data);
    auto wide = DecodeQrFromImage(png);
    ASSERT_FALSE(wide);
    EXPECT_NE(wide.error().message.find("8001x10 pixels"), std::string::npos) << wide.error().message;
}

TEST(CccdQr, EncoderRefusesBadInput) {
    EXPECT_FALSE(EncodeQrPng("abc", 0));
    EXPECT_FALSE(EncodeQrPng("abc", 33));
    EXPECT_FALSE(EncodeQrPng("\xC3"));
    EXPECT_FALSE(EncodeQrPng(std::string(3000, 'a')));
}

}  // namespace
}  // namespace precinct::identity
