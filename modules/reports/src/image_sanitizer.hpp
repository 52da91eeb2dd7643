#pragma once
// Photos attached to citizens' reports. Whatever is uploaded is decoded and re-encoded as a fresh baseline JPEG, so
// what is stored and shown to officers carries no metadata at all (EXIF — camera serial numbers, GPS, timestamps —
// XMP, ICC profiles, comments) and none of the uploaded bytes: appended HTML/script, polyglot files and malformed
// structures are left behind.
//
// - The format is sniffed from the magic bytes only; the client's Content-Type and file name are never trusted.
//   JPEG, PNG and WebP (still) are accepted. Everything else is refused with a message naming the format found:
//   GIF, BMP, TIFF, SVG, AVIF, animated WebP, … and HEIC/HEIF, which iPhones take by default. HEIC is refused, not
//   converted: Debian's OpenCV has no HEVC decoder and adding one (libheif + libde265) means another parser of
//   hostile input; iPhones and their browsers upload JPEG when the page asks for image/jpeg, or with the camera's
//   "Most Compatible" setting.
// - Width and height are read from the file's own header (JPEG SOF, PNG IHDR, WebP VP8/VP8L/VP8X) and checked
//   against the limits BEFORE anything is decoded, so a small file claiming 100000×100000 pixels (a decompression
//   bomb) costs nothing. The container is walked to its end marker first (JPEG EOI, PNG IEND, the RIFF size), so a
//   truncated upload is refused rather than decoded half grey, and a JPEG with an absurd number of progressive scans
//   (a CPU bomb) is refused too.
// - Decoding is OpenCV's (cv::imdecode: libjpeg-turbo, libpng, libwebp); a JPEG's EXIF orientation is applied, and
//   transparent PNG/WebP pixels are composited over white. The result is shrunk so that its longer side is at most
//   `output_max_side` (INTER_AREA) and encoded with cv::imencode. Every cv::Exception becomes an error value.
// - With keep_location, the GPS latitude/longitude of a JPEG's EXIF are read by a small parser of our own that checks
//   every offset and count against the buffer, and returned beside the image (never inside it). Without it, the
//   EXIF is not parsed at all. PNG eXIf and WebP EXIF chunks are not read.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace precinct::reports {

struct ImageLimits {
    std::size_t max_bytes = 10 * 1024 * 1024;
    int max_width = 8000;
    int max_height = 8000;
    std::int64_t max_pixels = 40'000'000;
    int output_max_side = 2048;  // longer side of the output, in pixels (1 or more)
    int jpeg_quality = 85;       // 1..100
};

struct SanitizedImage {
    std::string jpeg;  // baseline JPEG, no metadata segments
    int width = 0;     // of `jpeg`
    int height = 0;
    std::string source_format;  // "jpeg", "png" or "webp"
    // WGS-84 degrees from the upload's EXIF, only with keep_location and only if both are present and sane.
    std::optional<double> gps_lat;
    std::optional<double> gps_lon;
};

// Errors (field "photo"): kInvalidArgument for an empty, unrecognised, refused, corrupt or truncated file;
// kTooLarge for more than `max_bytes` bytes or dimensions over the limits; kInternal if encoding fails or the limits
// themselves are invalid.
Result<SanitizedImage> SanitizeImage(std::string_view bytes, const ImageLimits& limits, bool keep_location);

// --- Pieces, exposed for tests and the fuzzer ---

enum class ImageFormat {
    kJpeg,
    kPng,
    kWebp,
    kHeif,  // HEIC/HEIF: ISO-BMFF `ftyp` with heic, heix, mif1, … brands
    kAvif,
    kIsoMedia,  // other `ftyp` files: MP4, QuickTime, 3GP
    kGif,
    kBmp,
    kTiff,  // also most camera raw formats
    kSvg,
    kHtml,  // or other XML
    kPdf,
    kIco,
    kJpegXl,
    kJpeg2000,
    kUnknown,
};

// The format by magic bytes alone.
ImageFormat SniffImageFormat(std::string_view bytes);
// A name for messages: "JPEG", "HEIC/HEIF", "SVG", …
std::string_view ImageFormatName(ImageFormat format);

struct GpsPosition {
    double lat = 0;
    double lon = 0;
};

// GPS position from the EXIF of a JPEG (the first APP1 "Exif\0\0" segment before the image data). nullopt when
// there is none, or anything about it is malformed, out of range, marked void, or exactly (0, 0).
std::optional<GpsPosition> ReadJpegGps(std::string_view jpeg);

}  // namespace precinct::reports
