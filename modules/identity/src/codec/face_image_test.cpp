#include "precinct/identity/face_image.hpp"

#include <allheaders.h>
#include <gtest/gtest.h>

#include "codec/jpeg2000.hpp"
#include "precinct/identity/tlv.hpp"
#include "test_images.hpp"

namespace precinct::identity {
namespace {

// A small test face: a colour gradient with a dark square, `width` x `height`.
RasterImage TestRaster(int width, int height, int channels) {
    RasterImage r{width, height, channels, {}};
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const bool square = x > width / 3 && x < 2 * width / 3 && y > height / 3 && y < 2 * height / 3;
            for (int c = 0; c < channels; ++c) {
                const int v = square ? 20 : (x * 255 / width + c * 60 + y) % 256;
                r.pixels.push_back(static_cast<std::uint8_t>(v));
            }
        }
    }
    return r;
}

using test_images::TestJpeg;

struct PngInfo {
    int width = 0;
    int height = 0;
    int format = 0;
};

PngInfo ReadPngHeader(const Bytes& png) {
    PngInfo info;
    pixReadHeaderMem(png.data(), png.size(), &info.format, &info.width, &info.height, nullptr, nullptr, nullptr);
    return info;
}

TEST(Dg2, RoundTripsAJpegFaceAndConvertsItToPng) {
    const Bytes jpeg = TestJpeg(48, 64);
    ASSERT_FALSE(jpeg.empty());
    auto dg2 = EncodeDg2({std::string(kMimeJpeg), jpeg, 48, 64});
    ASSERT_TRUE(dg2) << dg2.error().message;
    EXPECT_EQ((*dg2)[0], 0x75);
    auto faces = ParseDg2(*dg2);
    ASSERT_TRUE(faces) << faces.error().message;
    ASSERT_EQ(faces->size(), 1u);
    EXPECT_EQ((*faces)[0].mime, "image/jpeg");
    EXPECT_EQ((*faces)[0].width, 48);
    EXPECT_EQ((*faces)[0].height, 64);
    EXPECT_EQ((*faces)[0].data, jpeg);
    auto png = FaceImageToPng((*faces)[0]);
    ASSERT_TRUE(png) << png.error().message;
    const PngInfo info = ReadPngHeader(*png);
    EXPECT_EQ(info.format, IFF_PNG);
    EXPECT_EQ(info.width, 48);
    EXPECT_EQ(info.height, 64);
}

TEST(Dg2, RoundTripsJpeg2000FacesInAJp2FileAndARawCodestream) {
    struct Case {
        bool jp2;
        int channels;
        ImageKind kind;
    } cases[] = {{true, 3, ImageKind::kJp2}, {false, 3, ImageKind::kJ2k}, {true, 1, ImageKind::kJp2}};
    for (const auto& c : cases) {
        const RasterImage raster = TestRaster(40, 52, c.channels);
        auto j2k = EncodeJpeg2000(raster, c.jp2);
        ASSERT_TRUE(j2k) << j2k.error().message;
        EXPECT_EQ(SniffImageKind(*j2k), c.kind);
        // Lossless: decoding gives the raster back.
        auto decoded = DecodeJpeg2000(*j2k, kMaxFaceImageSide);
        ASSERT_TRUE(decoded) << decoded.error().message;
        EXPECT_EQ(decoded->width, 40);
        EXPECT_EQ(decoded->height, 52);
        EXPECT_EQ(decoded->channels, c.channels);
        EXPECT_EQ(decoded->pixels, raster.pixels);

        auto dg2 = EncodeDg2({std::string(kMimeJpeg2000), *j2k, 40, 52});
        ASSERT_TRUE(dg2) << dg2.error().message;
        auto faces = ParseDg2(*dg2);
        ASSERT_TRUE(faces) << faces.error().message;
        ASSERT_EQ(faces->size(), 1u);
        EXPECT_EQ((*faces)[0].mime, "image/jp2");
        EXPECT_EQ((*faces)[0].data, *j2k);
        auto png = FaceImageToPng((*faces)[0]);
        ASSERT_TRUE(png) << png.error().message;
        const PngInfo info = ReadPngHeader(*png);
        EXPECT_EQ(info.format, IFF_PNG);
        EXPECT_EQ(info.width, 40);
        EXPECT_EQ(info.height, 52);
        // The PNG holds the same pixels.
        PIX* pix = pixReadMem(png->data(), png->size());
        ASSERT_NE(pix, nullptr);
        l_int32 r = 0;
        l_int32 g = 0;
        l_int32 b = 0;
        pixGetRGBPixel(pix, 5, 7, &r, &g, &b);
        l_uint32 grey = 0;
        if (c.channels == 1) pixGetPixel(pix, 5, 7, &grey);
        pixDestroy(&pix);
        const std::size_t at = (7 * 40 + 5) * static_cast<std::size_t>(c.channels);
        if (c.channels == 3) {
            EXPECT_EQ(r, raster.pixels[at]);
            EXPECT_EQ(g, raster.pixels[at + 1]);
            EXPECT_EQ(b, raster.pixels[at + 2]);
        } else {
            EXPECT_EQ(grey, raster.pixels[at]);
        }
    }
}

TEST(Dg2, EncodesTheBiometricTemplateLayout) {
    auto dg2 = EncodeDg2({std::string(kMimeJpeg), HexLiteral("FFD8FFE0"), 480, 640});
    ASSERT_TRUE(dg2);
    // 75 { 7F61 { 02 01 01, 7F60 { A1 { 80 02 0101, 81 01 02, 87 02 0101, 88 02 0008 }, 5F2E { record } } } }.
    // Record: "FAC\0" "010\0", length 50, one face; face block of 36 bytes with no feature points and 14 bytes of
    // unspecified descriptors; image info: full frontal (01), JPEG (00), 480 x 640, the rest unspecified.
    EXPECT_EQ(ToHex(*dg2),
              "754F7F614C020101"
              "7F6046A10F800201018101028702010188020008"
              "5F2E32"
              "4641430030313000000000320001"
              "000000240000" +
                  std::string(28, '0') +
                  "010001E00280000000000000"
                  "FFD8FFE0");
}

// A DG2 around one biometric data block, with the given group count.
Bytes WrapBdb(const Bytes& bdb, std::uint32_t block_tag = 0x5F2E, int count = 1) {
    const Bytes header = EncodeTlv(0xA1, HexLiteral("80020101"));
    const Bytes templ = EncodeTlv(0x7F60, Concat({header, EncodeTlv(block_tag, bdb)}));
    return EncodeTlv(0x75, EncodeTlv(0x7F61, Concat({EncodeTlv(0x02, EncodeInteger(count)), templ})));
}

// A facial record of one face with `points` feature points and the given image bytes.
Bytes Record(int points, const Bytes& image, std::uint8_t data_type = 0) {
    Bytes face;
    const auto block = static_cast<std::uint32_t>(20 + 8 * points + 12 + image.size());
    for (int i = 3; i >= 0; --i) face.push_back(static_cast<std::uint8_t>(block >> (8 * i)));
    face.push_back(0);
    face.push_back(static_cast<std::uint8_t>(points));
    face.insert(face.end(), 14, 0);
    face.insert(face.end(), static_cast<std::size_t>(8 * points), 0x11);
    const Bytes info = {1, data_type, 0x00, 0x10, 0x00, 0x20, 0, 0, 0, 0, 0, 0};
    face.insert(face.end(), info.begin(), info.end());
    face.insert(face.end(), image.begin(), image.end());
    Bytes rec = {'F', 'A', 'C', 0, '0', '1', '0', 0};
    const auto total = static_cast<std::uint32_t>(14 + face.size());
    for (int i = 3; i >= 0; --i) rec.push_back(static_cast<std::uint8_t>(total >> (8 * i)));
    rec.push_back(0);
    rec.push_back(1);
    rec.insert(rec.end(), face.begin(), face.end());
    return rec;
}

TEST(Dg2, ReadsFeaturePointsAndTheConstructedDataBlockTag) {
    const Bytes image = HexLiteral("FFD8FF00AABB");
    for (std::uint32_t tag : {0x5F2Eu, 0x7F2Eu}) {
        auto faces = ParseDg2(WrapBdb(Record(2, image), tag));
        ASSERT_TRUE(faces) << faces.error().message;
        ASSERT_EQ(faces->size(), 1u);
        EXPECT_EQ((*faces)[0].data, image);
        EXPECT_EQ((*faces)[0].width, 16);
        EXPECT_EQ((*faces)[0].height, 32);
    }
}

TEST(Dg2, RefusesMalformedFilesNamingTheProblem) {
    const Bytes image = HexLiteral("FFD8FF00");
    const Bytes good = Record(0, image);
    Bytes bad_magic = good;
    bad_magic[0] = 'X';
    Bytes version_030 = good;
    version_030[5] = '3';
    Bytes bad_length = good;
    bad_length[11] = static_cast<std::uint8_t>(bad_length[11] + 1);
    Bytes no_faces = good;
    no_faces[13] = 0;
    Bytes bad_type = Record(0, image, 7);
    Bytes trailing = good;
    trailing.push_back(0);
    trailing[11] = static_cast<std::uint8_t>(trailing[11] + 1);
    Bytes face_too_long = good;
    face_too_long[17] = static_cast<std::uint8_t>(face_too_long[17] + 1);
    Bytes no_image = Record(0, {});
    struct Case {
        Bytes dg2;
        const char* says;
    } cases[] = {
        {WrapBdb(bad_magic), "not a facial record"},
        {WrapBdb(version_030), "version \"030\" is not supported"},
        {WrapBdb(bad_length), "record length"},
        {WrapBdb(no_faces), "holds no face"},
        {WrapBdb(bad_type), "image data type 7"},
        {WrapBdb(trailing), "1 bytes after the last face"},
        {WrapBdb(face_too_long), "runs past the block"},
        {WrapBdb(no_image), "leaves no image"},
        {WrapBdb(good, 0x5F2E, 2), "announces 2 biometric templates but holds 1"},
        {WrapBdb(good, 0x5F2E, 0), "0 biometric templates"},
        {WrapBdb(good, 0x5F2F), "expected a biometric header (A1) and a biometric data block"},
        {EncodeTlv(0x76, EncodeTlv(0x7F61, HexLiteral("020101"))), "outer tag is 76, expected 75"},
        {Concat({WrapBdb(good), HexLiteral("00")}), "trailing bytes"},
        {EncodeTlv(0x75, EncodeTlv(0x7F61, HexLiteral("7F6000"))), "does not start with the number of instances"},
        {EncodeTlv(0x75, Concat({EncodeTlv(0x7F61, HexLiteral("020101")), HexLiteral("00")})), "trailing bytes"},
        {HexLiteral("7505"), "runs past the end"},
    };
    for (const auto& c : cases) {
        auto faces = ParseDg2(c.dg2);
        ASSERT_FALSE(faces) << c.says;
        EXPECT_EQ(faces.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(faces.error().message.find(c.says), std::string::npos) << c.says << " / " << faces.error().message;
    }
}

TEST(Dg2, RefusesMoreThanTheFaceLimit) {
    Bytes templates;
    const Bytes one = WrapBdb(Record(0, HexLiteral("FFD8FF00")));
    // Take the 7F60 template out of a one-face DG2 and repeat it.
    auto outer = ReadSingleTlv(one, 0x75, "DG2");
    auto group = ReadSingleTlv(outer->value, 0x7F61, "group");
    auto items = ReadAllTlv(group->value);
    ASSERT_TRUE(items);
    const Tlv& templ = (*items)[1];
    for (int i = 0; i < kMaxFacesPerDg2 + 1; ++i) templates.insert(templates.end(), templ.raw.begin(), templ.raw.end());
    const Bytes dg2 =
        EncodeTlv(0x75, EncodeTlv(0x7F61, Concat({EncodeTlv(0x02, EncodeInteger(kMaxFacesPerDg2 + 1)), templates})));
    auto faces = ParseDg2(dg2);
    ASSERT_FALSE(faces);
    EXPECT_NE(faces.error().message.find("17 biometric templates"), std::string::npos) << faces.error().message;
}

TEST(FaceImage, RefusesDataThatIsNeitherJpegNorJpeg2000OrDoesNotDecode) {
    struct Case {
        Bytes data;
        const char* says;
    } cases[] = {
        {ToBytes("GIF89a"), "neither JPEG nor JPEG 2000"},
        {HexLiteral("FFD8FFE000104A464946"), "JPEG"},
        {HexLiteral("0000000C6A5020200D0A870A00000014"), "JPEG 2000"},
        {HexLiteral("FF4FFF510000"), "JPEG 2000"},
    };
    for (const auto& c : cases) {
        auto png = FaceImageToPng({std::string(kMimeJpeg), c.data, 1, 1});
        ASSERT_FALSE(png) << c.says;
        EXPECT_EQ(png.error().code, ErrorCode::kInvalidArgument) << png.error().message;
        EXPECT_NE(png.error().message.find(c.says), std::string::npos) << png.error().message;
    }
}

TEST(FaceImage, RefusesImagesOverTheSideLimit) {
    auto j2k = EncodeJpeg2000(TestRaster(30, 20, 1), false);
    ASSERT_TRUE(j2k);
    auto decoded = DecodeJpeg2000(*j2k, 25);
    ASSERT_FALSE(decoded);
    EXPECT_NE(decoded.error().message.find("30x20 pixels; at most 25"), std::string::npos) << decoded.error().message;
    const Bytes wide = TestJpeg(kMaxFaceImageSide + 1, 8);
    ASSERT_FALSE(wide.empty());
    auto png = FaceImageToPng({std::string(kMimeJpeg), wide, kMaxFaceImageSide + 1, 8});
    ASSERT_FALSE(png);
    EXPECT_NE(png.error().message.find("4097x8 pixels; at most 4096"), std::string::npos) << png.error().message;
}

TEST(FaceImage, EncoderRefusesBadFaces) {
    EXPECT_FALSE(EncodeDg2({"image/png", HexLiteral("00"), 1, 1}));
    EXPECT_FALSE(EncodeDg2({std::string(kMimeJpeg), {}, 1, 1}));
    EXPECT_FALSE(EncodeDg2({std::string(kMimeJpeg), HexLiteral("00"), 0, 1}));
    EXPECT_FALSE(EncodeDg2({std::string(kMimeJpeg), HexLiteral("00"), 1, 70000}));
}

}  // namespace
}  // namespace precinct::identity
