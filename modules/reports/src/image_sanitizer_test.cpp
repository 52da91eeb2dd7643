// Tests for the photo sanitizer. Every input is built here: images encoded with OpenCV, EXIF segments written byte by
// byte, chunks spliced into PNGs, headers patched to claim huge sizes, fake HEIC/GIF/SVG files, truncations.
#include "image_sanitizer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace precinct::reports {
namespace {

using namespace std::string_literals;

// --- Building inputs ---

// A colourful test card: gradients, so that encoders do real work and orientation is visible.
cv::Mat TestImage(int width, int height) {
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            image.at<cv::Vec3b>(y, x) =
                cv::Vec3b(static_cast<uchar>(x * 255 / std::max(1, width - 1)),
                          static_cast<uchar>(y * 255 / std::max(1, height - 1)), static_cast<uchar>((x + y) % 256));
        }
    }
    return image;
}

std::string Encode(const cv::Mat& image, const std::string& extension, const std::vector<int>& params = {}) {
    std::vector<uchar> buffer;
    EXPECT_TRUE(cv::imencode(extension, image, buffer, params)) << extension;
    return std::string(buffer.begin(), buffer.end());
}

std::string Jpeg(int width, int height) { return Encode(TestImage(width, height), ".jpg"); }

cv::Mat Decode(std::string_view bytes, int flags = cv::IMREAD_UNCHANGED) {
    const std::vector<uchar> buffer(bytes.begin(), bytes.end());
    return cv::imdecode(buffer, flags);
}

// Writes TIFF values in either byte order.
class TiffWriter {
public:
    explicit TiffWriter(bool little) : little_(little) {}
    void U16(std::uint32_t v) { Put(v, 2); }
    void U32(std::uint32_t v) { Put(v, 4); }
    void Bytes(std::string_view b) { data_ += b; }
    std::size_t size() const { return data_.size(); }
    const std::string& data() const { return data_; }
    // A 12-byte IFD entry.
    void Entry(std::uint32_t tag, std::uint32_t type, std::uint32_t count, std::uint32_t value) {
        U16(tag);
        U16(type);
        U32(count);
        U32(value);
    }
    // An entry whose (≤ 4 byte) value is stored inline, left-justified.
    void InlineAscii(std::uint32_t tag, char c) {
        U16(tag);
        U16(2);
        U32(2);
        data_ += std::string{c, '\0', '\0', '\0'};
    }

private:
    void Put(std::uint32_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) {
            const int shift = little_ ? 8 * i : 8 * (bytes - 1 - i);
            data_.push_back(static_cast<char>((v >> shift) & 0xFF));
        }
    }
    bool little_;
    std::string data_;
};

struct ExifSpec {
    bool little = true;
    std::optional<double> lat;  // signed degrees
    std::optional<double> lon;
    int orientation = 0;  // 0: no Orientation tag
    char status = 0;      // GPSStatus, 0: none
    bool zero_denominator = false;
    bool gps_pointer_out_of_range = false;
    bool rational_offset_out_of_range = false;
    bool huge_count = false;
};

// The TIFF payload of an EXIF segment: IFD0 (Orientation, GPS pointer), the GPS IFD, then the rationals.
std::string ExifTiff(const ExifSpec& spec) {
    TiffWriter w(spec.little);
    w.Bytes(spec.little ? "II" : "MM");
    w.U16(42);
    w.U32(8);
    const bool has_gps = spec.lat.has_value() || spec.lon.has_value();
    const std::uint32_t ifd0_entries = (spec.orientation != 0 ? 1 : 0) + (has_gps ? 1 : 0);
    const std::uint32_t gps_ifd = 8 + 2 + 12 * ifd0_entries + 4;
    w.U16(ifd0_entries);
    if (spec.orientation != 0) {
        w.U16(0x0112);
        w.U16(3);
        w.U32(1);
        w.U16(static_cast<std::uint32_t>(spec.orientation));
        w.U16(0);
    }
    if (has_gps) w.Entry(0x8825, 4, 1, spec.gps_pointer_out_of_range ? 0xFFFFFF00u : gps_ifd);
    w.U32(0);  // no next IFD
    if (!has_gps) return w.data();

    const std::uint32_t gps_entries = 4 + (spec.status != 0 ? 1 : 0);
    const std::uint32_t rationals = gps_ifd + 2 + 12 * gps_entries + 4;
    w.U16(gps_entries);
    w.InlineAscii(1, spec.lat.value_or(0) < 0 ? 'S' : 'N');
    w.Entry(2, 5, spec.huge_count ? 0xFFFFFFFFu : 3, spec.rational_offset_out_of_range ? 0x7FFFFFF0u : rationals);
    w.InlineAscii(3, spec.lon.value_or(0) < 0 ? 'W' : 'E');
    w.Entry(4, 5, 3, rationals + 24);
    if (spec.status != 0) w.InlineAscii(9, spec.status);
    w.U32(0);
    for (const double value : {spec.lat.value_or(0), spec.lon.value_or(0)}) {
        const double degrees = std::abs(value);
        const auto whole = static_cast<std::uint32_t>(degrees);
        const auto minutes = static_cast<std::uint32_t>((degrees - whole) * 60);
        const auto seconds = static_cast<std::uint32_t>(std::lround(((degrees - whole) * 60 - minutes) * 60 * 10000));
        w.U32(whole);
        w.U32(1);
        w.U32(minutes);
        w.U32(spec.zero_denominator ? 0 : 1);
        w.U32(seconds);
        w.U32(10000);
    }
    return w.data();
}

std::string App1(std::string_view tiff) {
    const std::size_t length = 2 + 6 + tiff.size();
    return "\xFF\xE1"s + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) + "Exif\0\0"s +
           std::string(tiff);
}

// A segment of any marker.
std::string Segment(std::uint8_t marker, std::string_view payload) {
    const std::size_t length = 2 + payload.size();
    return "\xFF"s + static_cast<char>(marker) + static_cast<char>(length >> 8) + static_cast<char>(length & 0xFF) +
           std::string(payload);
}

// `jpeg` with `segments` inserted right after SOI.
std::string WithSegments(std::string_view jpeg, std::string_view segments) {
    return std::string(jpeg.substr(0, 2)) + std::string(segments) + std::string(jpeg.substr(2));
}

std::uint32_t Crc32(std::string_view data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= static_cast<unsigned char>(c);
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string Big32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>((v >> 16) & 0xFF), static_cast<char>((v >> 8) & 0xFF),
            static_cast<char>(v & 0xFF)};
}

std::string Little32(std::uint32_t v) {
    return {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF), static_cast<char>((v >> 16) & 0xFF),
            static_cast<char>(v >> 24)};
}

std::string PngChunk(std::string_view type, std::string_view data) {
    const std::string body = std::string(type) + std::string(data);
    return Big32(static_cast<std::uint32_t>(data.size())) + body + Big32(Crc32(body));
}

// `png` with `chunk` inserted after IHDR (signature 8 bytes + IHDR 25 bytes).
std::string PngWithChunk(std::string_view png, std::string_view chunk) {
    return std::string(png.substr(0, 33)) + std::string(chunk) + std::string(png.substr(33));
}

// A PNG whose IHDR says width × height, followed by a token IDAT and IEND (never decoded if the limits hold).
std::string PngClaiming(std::uint32_t width, std::uint32_t height) {
    const std::string ihdr = Big32(width) + Big32(height) + "\x08\x02\x00\x00\x00"s;
    return "\x89PNG\r\n\x1A\n"s + PngChunk("IHDR", ihdr) + PngChunk("IDAT", "\x78\x9C\x03\x00\x00\x00\x00\x01"s) +
           PngChunk("IEND", "");
}

std::string RiffWebp(std::string_view chunks) {
    return "RIFF" + Little32(static_cast<std::uint32_t>(4 + chunks.size())) + "WEBP" + std::string(chunks);
}

std::string WebpChunk(std::string_view fourcc, std::string_view data) {
    std::string out = std::string(fourcc) + Little32(static_cast<std::uint32_t>(data.size())) + std::string(data);
    if (data.size() % 2 == 1) out.push_back('\0');
    return out;
}

// --- Checking outputs ---

struct JpegMarkers {
    std::vector<int> before_scan;  // markers from SOI to the first SOS
    std::string app0;              // payload of APP0, if any
};

JpegMarkers Markers(std::string_view jpeg) {
    JpegMarkers out;
    EXPECT_GE(jpeg.size(), 4u);
    EXPECT_EQ(static_cast<unsigned char>(jpeg[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(jpeg[1]), 0xD8);
    std::size_t at = 2;
    while (at + 4 <= jpeg.size()) {
        EXPECT_EQ(static_cast<unsigned char>(jpeg[at]), 0xFF);
        const int marker = static_cast<unsigned char>(jpeg[at + 1]);
        const std::size_t length =
            (std::size_t{static_cast<unsigned char>(jpeg[at + 2])} << 8) | static_cast<unsigned char>(jpeg[at + 3]);
        out.before_scan.push_back(marker);
        if (marker == 0xE0) out.app0 = std::string(jpeg.substr(at + 4, length - 2));
        if (marker == 0xDA) break;
        at += 2 + length;
    }
    return out;
}

// The output is a baseline JPEG with no metadata segments that decodes to the reported size.
void ExpectCleanJpeg(const SanitizedImage& image) {
    const JpegMarkers markers = Markers(image.jpeg);
    ASSERT_FALSE(markers.before_scan.empty());
    EXPECT_EQ(markers.before_scan.back(), 0xDA);
    bool baseline = false;
    for (const int marker : markers.before_scan) {
        EXPECT_FALSE(marker >= 0xE1 && marker <= 0xEF) << "APP" << (marker - 0xE0) << " segment in the output";
        EXPECT_NE(marker, 0xFE) << "COM segment in the output";
        EXPECT_NE(marker, 0xC2) << "progressive output";
        if (marker == 0xC0) baseline = true;
    }
    EXPECT_TRUE(baseline);
    if (!markers.app0.empty()) {
        EXPECT_EQ(markers.app0.substr(0, 5), "JFIF"s + '\0');
    }
    EXPECT_EQ(image.jpeg.find("Exif"), std::string::npos);
    const std::string_view tail = std::string_view(image.jpeg).substr(image.jpeg.size() - 2);
    EXPECT_EQ(tail, "\xFF\xD9");  // nothing after EOI
    const cv::Mat decoded = Decode(image.jpeg);
    ASSERT_FALSE(decoded.empty());
    EXPECT_EQ(decoded.cols, image.width);
    EXPECT_EQ(decoded.rows, image.height);
    EXPECT_EQ(decoded.type(), CV_8UC3);
}

SanitizedImage ExpectSanitized(std::string_view bytes, const ImageLimits& limits = {}, bool keep_location = false) {
    auto result = SanitizeImage(bytes, limits, keep_location);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    if (!result) return {};
    ExpectCleanJpeg(*result);
    return *result;
}

std::string ExpectRefused(std::string_view bytes, ErrorCode code, const ImageLimits& limits = {}) {
    const auto result = SanitizeImage(bytes, limits, true);
    EXPECT_FALSE(result.has_value());
    if (result) return {};
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_EQ(result.error().field, "photo");
    return result.error().message;
}

// --- Accepted formats ---

TEST(SanitizeImage, ReencodesJpegPngAndWebp) {
    const cv::Mat image = TestImage(320, 200);
    const std::vector<std::pair<std::string, std::string>> inputs = {
        {"jpeg", Encode(image, ".jpg")},
        {"jpeg", Encode(image, ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1})},
        {"png", Encode(image, ".png")},
        {"webp", Encode(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, 90})},
        {"webp", Encode(image, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101})},  // lossless (VP8L)
    };
    for (const auto& [format, bytes] : inputs) {
        SCOPED_TRACE(format);
        const SanitizedImage out = ExpectSanitized(bytes);
        EXPECT_EQ(out.source_format, format);
        EXPECT_EQ(out.width, 320);
        EXPECT_EQ(out.height, 200);
        EXPECT_FALSE(out.gps_lat.has_value());
        // The picture survives: the mean colour is close to the original's.
        const cv::Scalar before = cv::mean(image);
        const cv::Scalar after = cv::mean(Decode(out.jpeg));
        for (int c = 0; c < 3; ++c) EXPECT_NEAR(before[c], after[c], 3.0);
    }
}

// A file with the DICOM signature at offset 128 would be handed to OpenCV's medical-image decoder, which trusts
// lengths inside the file (the fuzz target found one asking for 3.7 GB): refused before decoding.
TEST(SanitizeImage, RefusesTheDicomSignatureInsideAPhoto) {
    for (const char* ext : {".webp", ".jpg"}) {
        SCOPED_TRACE(ext);
        std::string bytes = Encode(TestImage(320, 200), ext);
        ASSERT_GE(bytes.size(), 132u);
        bytes.replace(128, 4, "DICM");
        auto out = SanitizeImage(bytes, ImageLimits{}, false);
        ASSERT_FALSE(out);
        EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(out.error().message.find("not an image in a known format"), std::string::npos) << out.error().message;
    }
}

TEST(SanitizeImage, SniffsByContentNotName) {
    EXPECT_EQ(SniffImageFormat(Jpeg(8, 8)), ImageFormat::kJpeg);
    EXPECT_EQ(SniffImageFormat(Encode(TestImage(8, 8), ".png")), ImageFormat::kPng);
    EXPECT_EQ(SniffImageFormat(Encode(TestImage(8, 8), ".webp")), ImageFormat::kWebp);
    EXPECT_EQ(SniffImageFormat(Encode(TestImage(8, 8), ".bmp")), ImageFormat::kBmp);
    EXPECT_EQ(SniffImageFormat(Encode(TestImage(8, 8), ".tiff")), ImageFormat::kTiff);
    EXPECT_EQ(SniffImageFormat(""), ImageFormat::kUnknown);
    EXPECT_EQ(SniffImageFormat("\xFF\xD8"), ImageFormat::kUnknown);
}

TEST(SanitizeImage, ShrinksTheLongerSide) {
    const SanitizedImage wide = ExpectSanitized(Jpeg(3000, 1000));
    EXPECT_EQ(wide.width, 2048);
    EXPECT_EQ(wide.height, 683);
    ImageLimits limits;
    limits.output_max_side = 100;
    const SanitizedImage tall = ExpectSanitized(Encode(TestImage(150, 600), ".png"), limits);
    EXPECT_EQ(tall.width, 25);
    EXPECT_EQ(tall.height, 100);
    const SanitizedImage thin = ExpectSanitized(Jpeg(1000, 2), limits);
    EXPECT_EQ(thin.width, 100);
    EXPECT_EQ(thin.height, 1);  // never 0
    const SanitizedImage small = ExpectSanitized(Jpeg(64, 48), limits);
    EXPECT_EQ(small.width, 64);  // small images are not enlarged
    EXPECT_EQ(small.height, 48);
}

TEST(SanitizeImage, AppliesExifOrientation) {
    ExifSpec spec;
    spec.orientation = 6;  // rotate 90° clockwise to display
    const SanitizedImage out = ExpectSanitized(WithSegments(Jpeg(80, 40), App1(ExifTiff(spec))));
    EXPECT_EQ(out.width, 40);
    EXPECT_EQ(out.height, 80);
}

TEST(SanitizeImage, CompositesTransparencyOverWhite) {
    cv::Mat rgba(40, 40, CV_8UC4, cv::Scalar(0, 0, 0, 0));           // fully transparent black
    rgba(cv::Rect(0, 0, 16, 40)).setTo(cv::Scalar(0, 0, 255, 255));  // a band of opaque red on the left
    for (const std::string extension : {".png", ".webp"}) {
        const std::vector<int> params =
            extension == ".webp" ? std::vector<int>{cv::IMWRITE_WEBP_QUALITY, 101} : std::vector<int>{};
        const SanitizedImage out = ExpectSanitized(Encode(rgba, extension, params));
        const cv::Mat decoded = Decode(out.jpeg, cv::IMREAD_COLOR);
        const cv::Vec3b right = decoded.at<cv::Vec3b>(20, 36);
        const cv::Vec3b left = decoded.at<cv::Vec3b>(20, 4);
        EXPECT_GT(right[0], 240) << extension;
        EXPECT_GT(right[1], 240) << extension;
        EXPECT_GT(right[2], 240) << extension;
        EXPECT_LT(left[0], 30) << extension;
        EXPECT_GT(left[2], 220) << extension;
    }
}

TEST(SanitizeImage, AcceptsGreyAndSixteenBitPng) {
    cv::Mat grey(30, 40, CV_8UC1, cv::Scalar(128));
    EXPECT_EQ(ExpectSanitized(Encode(grey, ".png")).width, 40);
    cv::Mat deep(30, 40, CV_16UC3, cv::Scalar(65535, 0, 30000));
    const SanitizedImage out = ExpectSanitized(Encode(deep, ".png"));
    const cv::Vec3b pixel = Decode(out.jpeg).at<cv::Vec3b>(10, 10);
    EXPECT_GT(pixel[0], 240);
    EXPECT_NEAR(pixel[2], 117, 6);
}

// --- Metadata is stripped, location read only on request ---

TEST(SanitizeImage, StripsExifGpsAndReadsItOnlyWhenAsked) {
    ExifSpec spec;
    spec.lat = 21.028511;  // Hoàn Kiếm, Hà Nội
    spec.lon = 105.854167;
    const std::string tiff = ExifTiff(spec);
    const std::string jpeg = WithSegments(Jpeg(64, 48), App1(tiff));

    const SanitizedImage stripped = ExpectSanitized(jpeg, {}, false);
    EXPECT_FALSE(stripped.gps_lat.has_value());
    EXPECT_FALSE(stripped.gps_lon.has_value());
    EXPECT_EQ(stripped.jpeg.find(tiff.substr(0, 16)), std::string::npos);

    const SanitizedImage located = ExpectSanitized(jpeg, {}, true);
    ASSERT_TRUE(located.gps_lat.has_value());
    ASSERT_TRUE(located.gps_lon.has_value());
    EXPECT_NEAR(*located.gps_lat, 21.028511, 1e-6);
    EXPECT_NEAR(*located.gps_lon, 105.854167, 1e-6);
}

TEST(ReadJpegGps, ReadsBothByteOrdersAndAllHemispheres) {
    for (const bool little : {true, false}) {
        for (const auto& [lat, lon] : std::vector<std::pair<double, double>>{{21.028511, 105.854167},
                                                                             {-33.856784, 151.215297},
                                                                             {40.689247, -74.044502},
                                                                             {-22.951916, -43.210487},
                                                                             {90, 180},
                                                                             {0, 1.5}}) {
            ExifSpec spec;
            spec.little = little;
            spec.lat = lat;
            spec.lon = lon;
            const auto position = ReadJpegGps(WithSegments(Jpeg(16, 16), App1(ExifTiff(spec))));
            ASSERT_TRUE(position.has_value()) << lat << "," << lon << (little ? " II" : " MM");
            EXPECT_NEAR(position->lat, lat, 1e-6);
            EXPECT_NEAR(position->lon, lon, 1e-6);
        }
    }
}

TEST(ReadJpegGps, IgnoresMalformedOrMeaninglessGps) {
    const std::string base = Jpeg(16, 16);
    const auto read = [&](const ExifSpec& spec) { return ReadJpegGps(WithSegments(base, App1(ExifTiff(spec)))); };
    ExifSpec good;
    good.lat = 21.0;
    good.lon = 105.8;
    ASSERT_TRUE(read(good).has_value());

    ExifSpec spec = good;
    spec.zero_denominator = true;
    EXPECT_FALSE(read(spec).has_value());
    spec = good;
    spec.gps_pointer_out_of_range = true;
    EXPECT_FALSE(read(spec).has_value());
    spec = good;
    spec.rational_offset_out_of_range = true;
    EXPECT_FALSE(read(spec).has_value());
    spec = good;
    spec.huge_count = true;
    EXPECT_FALSE(read(spec).has_value());
    spec = good;
    spec.status = 'V';  // measurement void
    EXPECT_FALSE(read(spec).has_value());
    spec.status = 'A';
    EXPECT_TRUE(read(spec).has_value());
    spec = good;
    spec.lat = 0;
    spec.lon = 0;  // "null island": no fix
    EXPECT_FALSE(read(spec).has_value());
    spec = good;
    spec.lat = 91;
    EXPECT_FALSE(read(spec).has_value());
    EXPECT_FALSE(read(ExifSpec{}).has_value());  // no GPS IFD at all

    // Every truncation of the EXIF payload, and a bad TIFF header.
    const std::string tiff = ExifTiff(good);
    for (std::size_t cut = 0; cut < tiff.size(); ++cut) {
        EXPECT_FALSE(ReadJpegGps(WithSegments(base, App1(tiff.substr(0, cut)))).has_value()) << cut;
    }
    std::string bad_magic = tiff;
    bad_magic[2] = 43;
    EXPECT_FALSE(ReadJpegGps(WithSegments(base, App1(bad_magic))).has_value());
    std::string bad_order = tiff;
    bad_order[0] = 'X';
    EXPECT_FALSE(ReadJpegGps(WithSegments(base, App1(bad_order))).has_value());
    // The GPS IFD pointing at IFD0 (a loop in a parser that follows chains) finds no GPS tags.
    std::string loop = tiff;
    loop[8 + 2 + 8] = 8;
    loop[8 + 2 + 9] = loop[8 + 2 + 10] = loop[8 + 2 + 11] = 0;
    EXPECT_FALSE(ReadJpegGps(WithSegments(base, App1(loop))).has_value());
    // Not a JPEG.
    EXPECT_FALSE(ReadJpegGps("GIF89a").has_value());
    // A malformed GPS position never fails the photo itself.
    spec = good;
    spec.rational_offset_out_of_range = true;
    const SanitizedImage out = ExpectSanitized(WithSegments(base, App1(ExifTiff(spec))), {}, true);
    EXPECT_FALSE(out.gps_lat.has_value());
}

TEST(SanitizeImage, StripsEveryKindOfJpegMetadata) {
    ExifSpec spec;
    spec.lat = 21.0;
    spec.lon = 105.8;
    const std::string segments =
        App1(ExifTiff(spec)) + Segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>SECRET-XMP</x:xmpmeta>"s) +
        Segment(0xE2, "ICC_PROFILE\0\1\1SECRET-ICC"s) + Segment(0xED, "Photoshop 3.0\08BIMSECRET-IPTC"s) +
        Segment(0xFE, "SECRET-COMMENT <script>alert(1)</script>");
    const SanitizedImage out = ExpectSanitized(WithSegments(Jpeg(100, 80), segments));
    EXPECT_EQ(out.jpeg.find("SECRET"), std::string::npos);
    EXPECT_EQ(out.jpeg.find("script"), std::string::npos);
}

TEST(SanitizeImage, StripsPngTextChunks) {
    const std::string png = Encode(TestImage(50, 40), ".png");
    const std::string with_text = PngWithChunk(
        png, PngChunk("tEXt", "Comment\0SECRET-TEXT"s) + PngChunk("iTXt", "XML:com.adobe.xmp\0\0\0\0\0SECRET-XMP"s));
    ASSERT_EQ(SniffImageFormat(with_text), ImageFormat::kPng);
    ASSERT_FALSE(Decode(with_text).empty());  // still a valid PNG
    const SanitizedImage out = ExpectSanitized(with_text);
    EXPECT_EQ(out.source_format, "png");
    EXPECT_EQ(out.jpeg.find("SECRET"), std::string::npos);
}

TEST(SanitizeImage, DropsAppendedScriptsAndPolyglots) {
    const std::string html = "<html><body><script>alert(document.cookie)</script></body></html>";
    // A PNG with HTML after IEND.
    const SanitizedImage png = ExpectSanitized(Encode(TestImage(40, 30), ".png") + html);
    EXPECT_EQ(png.jpeg.find("script"), std::string::npos);
    // A JPEG/HTML polyglot: the HTML in a comment segment and after EOI, so browsers sniffing the bytes see a page.
    const std::string polyglot = WithSegments(Jpeg(40, 30), Segment(0xFE, "*/" + html + "/*")) + html;
    const SanitizedImage jpeg = ExpectSanitized(polyglot);
    EXPECT_EQ(jpeg.jpeg.find("script"), std::string::npos);
    // A JPEG with a ZIP archive appended (a GIFAR-style polyglot).
    const std::string zip = "PK\x03\x04\x14\x00\x00\x00\x08\x00payload.js"s;
    const SanitizedImage zipped = ExpectSanitized(Jpeg(40, 30) + zip);
    EXPECT_EQ(zipped.jpeg.find("PK\x03\x04"), std::string::npos);
    // A WebP with an XMP chunk and trailing bytes.
    const std::string webp = Encode(TestImage(40, 30), ".webp");
    const SanitizedImage w = ExpectSanitized(webp + html);
    EXPECT_EQ(w.jpeg.find("script"), std::string::npos);
}

// --- Refused formats ---

TEST(SanitizeImage, RefusesHeicWithAClearMessage) {
    for (const std::string& brand : {"heic"s, "heix"s, "mif1"s, "msf1"s}) {
        const std::string heic = "\0\0\0\x18"s + "ftyp" + brand + "\0\0\0\0"s + "mif1heic" + std::string(200, '\0');
        EXPECT_EQ(SniffImageFormat(heic), ImageFormat::kHeif) << brand;
        const std::string message = ExpectRefused(heic, ErrorCode::kInvalidArgument);
        EXPECT_NE(message.find("HEIC"), std::string::npos) << message;
        EXPECT_NE(message.find("JPEG, PNG or WebP"), std::string::npos) << message;
    }
    const std::string avif = "\0\0\0\x1C"s + "ftypavif" + "\0\0\0\0"s + "avifmif1miaf" + std::string(100, '\0');
    EXPECT_EQ(SniffImageFormat(avif), ImageFormat::kAvif);
    EXPECT_NE(ExpectRefused(avif, ErrorCode::kInvalidArgument).find("AVIF"), std::string::npos);
    const std::string mp4 = "\0\0\0\x18"s + "ftypisom" + "\0\0\0\0"s + "isomiso2" + std::string(100, '\0');
    EXPECT_EQ(SniffImageFormat(mp4), ImageFormat::kIsoMedia);
    ExpectRefused(mp4, ErrorCode::kInvalidArgument);
}

TEST(SanitizeImage, RefusesOtherFormatsNamingThem) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"GIF",
         "GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00!\xF9\x04\x01\x00\x00\x00\x00,"s
         "\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00;"s},
        {"BMP", Encode(TestImage(8, 8), ".bmp")},
        {"TIFF", Encode(TestImage(8, 8), ".tiff")},
        {"SVG", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"},
        {"SVG", "\xEF\xBB\xBF  <SVG onload=\"alert(1)\"/>"},
        {"HTML", "<!DOCTYPE html><html><img src=x onerror=alert(1)></html>"},
        {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"},
        {"ICO", "\0\0\1\0\1\0\x10\x10"s + std::string(40, '\0')},
        {"JPEG XL", "\xFF\x0A\xFA\x7F"s},
        {"JPEG 2000", "\0\0\0\x0CjP  \r\n\x87\n"s + std::string(20, '\0')},
    };
    for (const auto& [name, bytes] : cases) {
        const std::string message = ExpectRefused(bytes, ErrorCode::kInvalidArgument);
        EXPECT_NE(message.find(name), std::string::npos) << name << ": " << message;
        EXPECT_NE(message.find("JPEG, PNG or WebP"), std::string::npos) << message;
    }
    const std::string unknown = ExpectRefused("just some text", ErrorCode::kInvalidArgument);
    EXPECT_NE(unknown.find("JPEG, PNG or WebP"), std::string::npos);
    ExpectRefused("\x00\x01\x02\x03"s, ErrorCode::kInvalidArgument);
    ExpectRefused("", ErrorCode::kInvalidArgument);
    ExpectRefused("RIFF\x10\0\0\0AVI LIST"s, ErrorCode::kInvalidArgument);
}

TEST(SanitizeImage, RefusesAnimatedWebp) {
    const std::string vp8x = "\x02\0\0\0"s + "\x09\0\0"s + "\x09\0\0"s;  // animation flag, 10x10 canvas
    const std::string animated = RiffWebp(WebpChunk("VP8X", vp8x) + WebpChunk("ANIM", std::string(6, '\0')));
    const std::string message = ExpectRefused(animated, ErrorCode::kInvalidArgument);
    EXPECT_NE(message.find("animated"), std::string::npos) << message;
}

// --- Decompression bombs and limits ---

TEST(SanitizeImage, RefusesHugeDimensionsBeforeDecoding) {
    // None of these carries enough data to decode; a kTooLarge answer shows the header was checked first.
    EXPECT_NE(ExpectRefused(PngClaiming(100000, 100000), ErrorCode::kTooLarge).find("100000x100000"),
              std::string::npos);
    ExpectRefused(PngClaiming(8001, 10), ErrorCode::kTooLarge);
    ExpectRefused(PngClaiming(10, 8001), ErrorCode::kTooLarge);
    ExpectRefused(PngClaiming(7000, 7000), ErrorCode::kTooLarge);  // 49 Mpx > 40 Mpx
    ExpectRefused(PngClaiming(0x7FFFFFFF, 0x7FFFFFFF), ErrorCode::kTooLarge);

    // A JPEG whose SOF0 claims 65000x65000.
    std::string jpeg = Jpeg(16, 16);
    const std::size_t sof = jpeg.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    jpeg[sof + 5] = jpeg[sof + 7] = static_cast<char>(0xFD);
    jpeg[sof + 6] = jpeg[sof + 8] = static_cast<char>(0xE8);
    EXPECT_NE(ExpectRefused(jpeg, ErrorCode::kTooLarge).find("65000x65000"), std::string::npos);

    // WebP: lossless 16384x16384, lossy 16383x16383, and an extended canvas of 100000x100000.
    const std::string vp8l = "\x2F"s + "\xFF\xFF\xFF\x0F"s;  // 14 bits of width-1 and height-1, all ones
    ExpectRefused(RiffWebp(WebpChunk("VP8L", vp8l)), ErrorCode::kTooLarge);
    const std::string vp8 = "\x10\x02\x00\x9D\x01\x2A\xFF\x3F\xFF\x3F"s;
    ExpectRefused(RiffWebp(WebpChunk("VP8 ", vp8)), ErrorCode::kTooLarge);
    const std::string canvas = "\0\0\0\0"s + "\x9F\x86\x01"s + "\x9F\x86\x01"s;  // 99999 = width - 1
    const std::string vp8l_big = "\x2F"s + Little32((99999u & 0x3FFF) | ((99999u & 0x3FFF) << 14));
    ExpectRefused(RiffWebp(WebpChunk("VP8X", canvas) + WebpChunk("VP8L", vp8l_big)), ErrorCode::kInvalidArgument);

    // Custom limits.
    ImageLimits limits;
    limits.max_width = 100;
    limits.max_height = 50;
    limits.max_pixels = 4000;
    ExpectSanitized(Jpeg(100, 40), limits);
    ExpectRefused(Jpeg(101, 10), ErrorCode::kTooLarge, limits);
    ExpectRefused(Jpeg(10, 51), ErrorCode::kTooLarge, limits);
    ExpectRefused(Jpeg(100, 41), ErrorCode::kTooLarge, limits);
}

TEST(SanitizeImage, RefusesTooManyBytes) {
    ImageLimits limits;
    const std::string jpeg = Jpeg(64, 64);
    limits.max_bytes = jpeg.size();
    ExpectSanitized(jpeg, limits);
    limits.max_bytes = jpeg.size() - 1;
    ExpectRefused(jpeg, ErrorCode::kTooLarge, limits);
}

TEST(SanitizeImage, RefusesJpegScanBombs) {
    // SOI, a 16x16 greyscale SOF0, then 101 tiny scans.
    std::string jpeg = "\xFF\xD8"s + Segment(0xC0, "\x08\x00\x10\x00\x10\x01\x01\x11\x00"s);
    for (int i = 0; i < 101; ++i) jpeg += Segment(0xDA, "\x01\x01\x00\x00\x3F\x00"s) + "\x12\x34"s;
    jpeg += "\xFF\xD9"s;
    EXPECT_NE(ExpectRefused(jpeg, ErrorCode::kInvalidArgument).find("scans"), std::string::npos);
}

// --- Truncated and corrupt files ---

TEST(SanitizeImage, RefusesTruncatedFiles) {
    const cv::Mat image = TestImage(64, 48);
    for (const std::string extension : {".jpg", ".png", ".webp"}) {
        const std::string whole = Encode(image, extension);
        for (const std::size_t keep : {whole.size() - 1, whole.size() - 2, whole.size() / 2, std::size_t{40},
                                       std::size_t{20}, std::size_t{12}, std::size_t{4}}) {
            const std::string message = ExpectRefused(whole.substr(0, keep), ErrorCode::kInvalidArgument);
            EXPECT_FALSE(message.empty()) << extension << " " << keep;
        }
    }
}

TEST(SanitizeImage, RefusesCorruptStructures) {
    const std::string jpeg = Jpeg(32, 32);
    ExpectRefused("\xFF\xD8\xFF\xD9"s, ErrorCode::kInvalidArgument);                  // SOI EOI, no image
    ExpectRefused("\xFF\xD8\xFF\xDA\x00\x02\xFF\xD9"s, ErrorCode::kInvalidArgument);  // a scan before any frame
    ExpectRefused(jpeg.substr(0, 2) + "\xFF\xE0\x00\x01"s + jpeg.substr(2), ErrorCode::kInvalidArgument);  // length 1
    ExpectRefused(jpeg.substr(0, 2) + "garbage" + jpeg.substr(2), ErrorCode::kInvalidArgument);
    // Two frames.
    const std::size_t sof = jpeg.find("\xFF\xC0");
    const std::size_t sof_length =
        (static_cast<unsigned char>(jpeg[sof + 2]) << 8) | static_cast<unsigned char>(jpeg[sof + 3]);
    ExpectRefused(WithSegments(jpeg, jpeg.substr(sof, 2 + sof_length)), ErrorCode::kInvalidArgument);
    // A frame with zero height (DNL), and one whose components run past the segment.
    std::string zero = jpeg;
    zero[sof + 5] = zero[sof + 6] = 0;
    ExpectRefused(zero, ErrorCode::kInvalidArgument);
    // A structurally sound JPEG whose entropy-coded data is noise: libjpeg's problem, answered as an error value.
    std::string noise = jpeg;
    const std::size_t sos = noise.find("\xFF\xDA");
    for (std::size_t i = sos + 20; i + 2 < noise.size(); ++i) noise[i] = static_cast<char>(i % 251);  // never 0xFF
    const auto noisy = SanitizeImage(noise, {}, false);  // libjpeg may decode noise as a (garbled) picture
    if (noisy) ExpectCleanJpeg(*noisy);

    // PNG: IHDR not first, a chunk running past the end, no IEND.
    const std::string png = Encode(TestImage(16, 16), ".png");
    ExpectRefused(png.substr(0, 8) + PngChunk("tEXt", "a\0b"s) + png.substr(8), ErrorCode::kInvalidArgument);
    std::string long_chunk = png;
    long_chunk[8] = 0x7F;
    ExpectRefused(long_chunk, ErrorCode::kInvalidArgument);
    ExpectRefused(png.substr(0, png.size() - 12), ErrorCode::kInvalidArgument);
    ExpectRefused(PngClaiming(0, 10), ErrorCode::kInvalidArgument);

    // WebP: RIFF size beyond the file, canvas and bitstream disagreeing, no bitstream.
    const std::string webp = Encode(TestImage(16, 16), ".webp");
    std::string riff_too_long = webp;
    riff_too_long[4] = static_cast<char>(riff_too_long[4] + 2);
    ExpectRefused(riff_too_long, ErrorCode::kInvalidArgument);
    const std::string canvas_10 = "\0\0\0\0"s + "\x09\0\0"s + "\x09\0\0"s;
    ExpectRefused(RiffWebp(WebpChunk("VP8X", canvas_10) + webp.substr(12)), ErrorCode::kInvalidArgument);
    ExpectRefused(RiffWebp(WebpChunk("VP8X", canvas_10)), ErrorCode::kInvalidArgument);
    ExpectRefused(RiffWebp(""), ErrorCode::kInvalidArgument);
}

TEST(SanitizeImage, RefusesInvalidLimits) {
    ImageLimits limits;
    limits.jpeg_quality = 0;
    ExpectRefused(Jpeg(8, 8), ErrorCode::kInternal, limits);
    limits = {};
    limits.output_max_side = 0;
    ExpectRefused(Jpeg(8, 8), ErrorCode::kInternal, limits);
}

TEST(SanitizeImage, NamesRefusedFormatsInAscii) {
    for (int f = 0; f <= static_cast<int>(ImageFormat::kUnknown); ++f) {
        const std::string_view name = ImageFormatName(static_cast<ImageFormat>(f));
        EXPECT_FALSE(name.empty());
        for (const char c : name) EXPECT_TRUE(c >= 0x20 && c < 0x7F);
    }
}

}  // namespace
}  // namespace precinct::reports
