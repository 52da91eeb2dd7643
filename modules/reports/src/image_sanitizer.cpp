// Photo sanitizer: sniff, check the header's dimensions, walk the container, decode with OpenCV, shrink, re-encode as
// a metadata-free JPEG; optionally read the EXIF GPS position with a bounds-checked parser. See image_sanitizer.hpp.
#include "image_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace precinct::reports {
namespace {

constexpr std::string_view kField = "photo";
constexpr std::string_view kAccepted = "send a JPEG, PNG or WebP image";
// Progressive JPEGs have about 10 scans; each scan is another pass over the whole image, so thousands of tiny scans
// make a small file cost minutes of CPU.
constexpr int kMaxJpegScans = 100;
// SVG/HTML sniffing looks this far into a file for the root element.
constexpr std::size_t kMarkupSniffBytes = 1024;

tl::unexpected<Error> Invalid(std::string message) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::string(kField));
}

tl::unexpected<Error> Corrupt(std::string_view format) {
    return Invalid("the photo is not a complete " + std::string(format) + " file (corrupt or truncated)");
}

// --- Byte readers. Every caller checks the range first. ---

std::uint8_t Byte(std::string_view data, std::size_t at) { return static_cast<std::uint8_t>(data[at]); }

std::uint32_t Big16(std::string_view data, std::size_t at) {
    return (std::uint32_t{Byte(data, at)} << 8) | Byte(data, at + 1);
}

std::uint32_t Big32(std::string_view data, std::size_t at) { return (Big16(data, at) << 16) | Big16(data, at + 2); }

std::uint32_t Little16(std::string_view data, std::size_t at) {
    return std::uint32_t{Byte(data, at)} | (std::uint32_t{Byte(data, at + 1)} << 8);
}

std::uint32_t Little24(std::string_view data, std::size_t at) {
    return Little16(data, at) | (std::uint32_t{Byte(data, at + 2)} << 16);
}

std::uint32_t Little32(std::string_view data, std::size_t at) {
    return Little16(data, at) | (Little16(data, at + 2) << 16);
}

bool StartsWith(std::string_view data, std::string_view prefix) { return data.substr(0, prefix.size()) == prefix; }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                                [](char a, char b) { return AsciiLower(a) == AsciiLower(b); });
    return it != haystack.end();
}

// --- Sniffing ---

ImageFormat SniffIsoMedia(std::string_view bytes) {
    // ftyp box: size(4) "ftyp" major_brand(4) minor_version(4) compatible_brands(4 each).
    const std::size_t box_size = std::min<std::size_t>({Big32(bytes, 0), bytes.size(), 256});
    std::vector<std::string_view> brands{bytes.substr(8, 4)};
    for (std::size_t at = 16; at + 4 <= box_size; at += 4) brands.push_back(bytes.substr(at, 4));
    const auto has = [&](std::initializer_list<std::string_view> wanted) {
        return std::any_of(brands.begin(), brands.end(), [&](std::string_view brand) {
            return std::find(wanted.begin(), wanted.end(), brand) != wanted.end();
        });
    };
    if (has({"avif", "avis"})) return ImageFormat::kAvif;
    if (has({"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "mif2", "msf1"})) {
        return ImageFormat::kHeif;
    }
    return ImageFormat::kIsoMedia;
}

ImageFormat SniffMarkup(std::string_view bytes) {
    std::string_view text = bytes.substr(0, kMarkupSniffBytes);
    if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
        text.remove_prefix(1);
    }
    if (!StartsWith(text, "<")) return ImageFormat::kUnknown;
    return ContainsIgnoreCase(text, "<svg") ? ImageFormat::kSvg : ImageFormat::kHtml;
}

// --- Container walks: dimensions and completeness ---

struct Dimensions {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

struct JpegLayout {
    Dimensions size;
    std::string_view exif;  // TIFF data of the first APP1 "Exif\0\0" before the first scan; empty if none
};

bool IsJpegFrameMarker(std::uint8_t marker) {
    // SOF0-3, 5-7, 9-11, 13-15 (not DHT C4, JPG C8, DAC CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Walks the markers of a JPEG from SOI to EOI, through the entropy-coded data of every scan.
Result<JpegLayout> WalkJpeg(std::string_view bytes) {
    constexpr std::string_view kExifHeader("Exif\0\0", 6);
    if (bytes.size() < 4 || Byte(bytes, 0) != 0xFF || Byte(bytes, 1) != 0xD8) return Corrupt("JPEG");
    JpegLayout layout;
    bool have_frame = false;
    int scans = 0;
    std::size_t at = 2;
    while (true) {
        if (at >= bytes.size() || Byte(bytes, at) != 0xFF) return Corrupt("JPEG");
        while (at < bytes.size() && Byte(bytes, at) == 0xFF) ++at;  // fill bytes
        if (at >= bytes.size()) return Corrupt("JPEG");
        const std::uint8_t marker = Byte(bytes, at++);
        if (marker == 0xD9) break;  // EOI
        if (marker == 0x00 || marker == 0xD8) return Corrupt("JPEG");
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // RSTn, TEM: no length
        if (bytes.size() - at < 2) return Corrupt("JPEG");
        const std::size_t length = Big16(bytes, at);
        if (length < 2 || bytes.size() - at < length) return Corrupt("JPEG");
        const std::string_view payload = bytes.substr(at + 2, length - 2);
        at += length;

        if (IsJpegFrameMarker(marker)) {
            if (have_frame || payload.size() < 6) return Corrupt("JPEG");
            const std::size_t components = Byte(payload, 5);
            if (payload.size() < 6 + 3 * components) return Corrupt("JPEG");
            layout.size.height = Big16(payload, 1);
            layout.size.width = Big16(payload, 3);
            if (layout.size.width == 0 || layout.size.height == 0) return Corrupt("JPEG");
            have_frame = true;
        } else if (marker == 0xE1 && scans == 0 && layout.exif.empty() && StartsWith(payload, kExifHeader)) {
            layout.exif = payload.substr(kExifHeader.size());
        } else if (marker == 0xDA) {  // SOS: the scan's entropy-coded data follows up to the next marker
            if (!have_frame) return Corrupt("JPEG");
            if (++scans > kMaxJpegScans) return Invalid("the JPEG photo has too many scans");
            while (true) {
                const void* found = std::memchr(bytes.data() + at, 0xFF, bytes.size() - at);
                if (found == nullptr) return Corrupt("JPEG");
                at = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
                if (bytes.size() - at < 2) return Corrupt("JPEG");
                const std::uint8_t next = Byte(bytes, at + 1);
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    at += 2;  // stuffed 0xFF, or a restart marker inside the scan
                } else if (next == 0xFF) {
                    at += 1;  // fill byte before a marker
                } else {
                    break;  // a marker: back to the segment walk
                }
            }
        }
    }
    if (!have_frame || scans == 0) return Corrupt("JPEG");
    return layout;  // anything after EOI is ignored (and dropped by the re-encoding)
}

// Walks PNG chunks from the signature to IEND.
Result<Dimensions> WalkPng(std::string_view bytes) {
    constexpr std::size_t kSignature = 8;
    constexpr std::uint32_t kMaxChunk = 0x7FFFFFFF;  // PNG spec: lengths and dimensions are at most 2^31 - 1
    Dimensions size;
    std::size_t at = kSignature;
    bool first = true;
    while (true) {
        if (bytes.size() - at < 12) return Corrupt("PNG");
        const std::uint32_t length = Big32(bytes, at);
        const std::string_view type = bytes.substr(at + 4, 4);
        if (length > kMaxChunk || bytes.size() - at - 12 < length) return Corrupt("PNG");
        if (first) {
            if (type != "IHDR" || length != 13) return Corrupt("PNG");
            const std::uint32_t width = Big32(bytes, at + 8);
            const std::uint32_t height = Big32(bytes, at + 12);
            if (width == 0 || height == 0 || width > kMaxChunk || height > kMaxChunk) return Corrupt("PNG");
            size = {width, height};
            first = false;
        }
        at += 12 + std::size_t{length};
        if (type == "IEND") return size;  // anything after IEND is ignored
    }
}

struct WebpChunk {
    std::string_view fourcc;
    std::string_view data;
};

// VP8 (lossy) and VP8L (lossless) bitstream headers; nullopt if malformed.
std::optional<Dimensions> WebpBitstreamSize(const WebpChunk& chunk) {
    if (chunk.fourcc == "VP8 ") {
        // Frame tag (3 bytes, bit 0 = 0 for a key frame), start code 9D 01 2A, 14-bit width and height.
        if (chunk.data.size() < 10 || (Byte(chunk.data, 0) & 1) != 0) return std::nullopt;
        if (Byte(chunk.data, 3) != 0x9D || Byte(chunk.data, 4) != 0x01 || Byte(chunk.data, 5) != 0x2A) {
            return std::nullopt;
        }
        const Dimensions size{Little16(chunk.data, 6) & 0x3FFF, Little16(chunk.data, 8) & 0x3FFF};
        if (size.width == 0 || size.height == 0) return std::nullopt;
        return size;
    }
    if (chunk.fourcc == "VP8L") {
        // Signature 0x2F, then 14 bits width - 1 and 14 bits height - 1.
        if (chunk.data.size() < 5 || Byte(chunk.data, 0) != 0x2F) return std::nullopt;
        const std::uint32_t bits = Little32(chunk.data, 1);
        return Dimensions{(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    return std::nullopt;
}

// Walks a WebP's RIFF chunks; refuses animation; the dimensions are the VP8X canvas's, which must match the
// bitstream's.
Result<Dimensions> WalkWebp(std::string_view bytes) {
    constexpr std::uint8_t kAnimationFlag = 0x02;
    if (bytes.size() < 12) return Corrupt("WebP");
    const std::uint32_t riff_size = Little32(bytes, 4);
    if (riff_size < 4 || riff_size > bytes.size() - 8) return Corrupt("WebP");
    const std::string_view riff = bytes.substr(12, riff_size - 4);  // after "WEBP"; any bytes beyond are ignored

    std::vector<WebpChunk> chunks;
    for (std::size_t at = 0; at < riff.size();) {
        if (riff.size() - at < 8) return Corrupt("WebP");
        const std::uint32_t length = Little32(riff, at + 4);
        if (length > riff.size() - at - 8) return Corrupt("WebP");
        chunks.push_back({riff.substr(at, 4), riff.substr(at + 8, length)});
        at += 8 + std::size_t{length} + (length & 1);  // chunks are padded to an even size
    }
    if (chunks.empty()) return Corrupt("WebP");
    if (chunks.front().fourcc != "VP8X") {
        if (const auto size = WebpBitstreamSize(chunks.front())) return *size;
        return Corrupt("WebP");
    }
    const std::string_view header = chunks.front().data;
    if (header.size() < 10) return Corrupt("WebP");
    if (Byte(header, 0) & kAnimationFlag) {
        return Invalid("animated WebP photos are not accepted: " + std::string(kAccepted));
    }
    const Dimensions canvas{std::int64_t{Little24(header, 4)} + 1, std::int64_t{Little24(header, 7)} + 1};
    for (const WebpChunk& chunk : chunks) {
        if (chunk.fourcc != "VP8 " && chunk.fourcc != "VP8L") continue;
        const auto size = WebpBitstreamSize(chunk);
        if (!size || size->width != canvas.width || size->height != canvas.height) return Corrupt("WebP");
        return canvas;
    }
    return Corrupt("WebP");
}

// --- EXIF GPS ---

// A TIFF structure (the EXIF payload) with its byte order; every read is range-checked.
class Tiff {
public:
    explicit Tiff(std::string_view data) : data_(data) {}

    bool ReadHeader(std::uint32_t* ifd0) {
        if (data_.size() < 8) return false;
        if (StartsWith(data_, "II")) {
            little_ = true;
        } else if (StartsWith(data_, "MM")) {
            little_ = false;
        } else {
            return false;
        }
        std::uint32_t magic = 0;
        return U16(2, &magic) && magic == 42 && U32(4, ifd0);
    }

    bool U16(std::uint64_t at, std::uint32_t* out) const {
        if (at > data_.size() || data_.size() - at < 2) return false;
        *out = little_ ? Little16(data_, at) : Big16(data_, at);
        return true;
    }

    bool U32(std::uint64_t at, std::uint32_t* out) const {
        if (at > data_.size() || data_.size() - at < 4) return false;
        *out = little_ ? Little32(data_, at) : Big32(data_, at);
        return true;
    }

    struct Entry {
        std::uint32_t tag = 0;
        std::uint32_t type = 0;
        std::uint32_t count = 0;
        std::uint64_t value_at = 0;  // where the value bytes start (inline in the entry, or at its offset)
    };

    // The entries of the IFD at `offset`; nullopt if the IFD or any entry's value lies outside the data.
    std::optional<std::vector<Entry>> ReadIfd(std::uint32_t offset) const {
        std::uint32_t count = 0;
        if (!U16(offset, &count)) return std::nullopt;
        if ((data_.size() - offset - 2) / 12 < count) return std::nullopt;
        std::vector<Entry> entries;
        entries.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            const std::uint64_t at = std::uint64_t{offset} + 2 + std::uint64_t{i} * 12;
            Entry entry;
            if (!U16(at, &entry.tag) || !U16(at + 2, &entry.type) || !U32(at + 4, &entry.count)) return std::nullopt;
            const std::uint64_t bytes = std::uint64_t{TypeSize(entry.type)} * entry.count;
            entry.value_at = at + 8;
            if (bytes > 4) {
                std::uint32_t value_offset = 0;
                if (!U32(at + 8, &value_offset)) return std::nullopt;
                entry.value_at = value_offset;
            }
            // Unknown types have size 0 and are never read; known ones must fit.
            if (entry.value_at > data_.size() || data_.size() - entry.value_at < bytes) continue;
            entries.push_back(entry);
        }
        return entries;
    }

    std::optional<char> Ascii(const Entry& entry) const {
        if (entry.type != kAscii || entry.count < 1) return std::nullopt;
        return data_[entry.value_at];
    }

    // Degrees from three RATIONALs (degrees, minutes, seconds).
    std::optional<double> Degrees(const Entry& entry) const {
        if (entry.type != kRational || entry.count != 3) return std::nullopt;
        double total = 0;
        double unit = 1;
        for (std::uint64_t i = 0; i < 3; ++i) {
            std::uint32_t numerator = 0;
            std::uint32_t denominator = 0;
            if (!U32(entry.value_at + i * 8, &numerator) || !U32(entry.value_at + i * 8 + 4, &denominator)) {
                return std::nullopt;
            }
            if (denominator == 0) return std::nullopt;
            total += static_cast<double>(numerator) / denominator / unit;
            unit *= 60;
        }
        return total;
    }

    static constexpr std::uint32_t kAscii = 2;
    static constexpr std::uint32_t kLong = 4;
    static constexpr std::uint32_t kRational = 5;
    static constexpr std::uint32_t kIfd = 13;

private:
    static std::uint32_t TypeSize(std::uint32_t type) {
        switch (type) {
            case 1:
            case 2:
            case 6:
            case 7: return 1;  // BYTE ASCII SBYTE UNDEFINED
            case 3:
            case 8: return 2;  // SHORT SSHORT
            case 4:
            case 9:
            case 11:
            case 13: return 4;  // LONG SLONG FLOAT IFD
            case 5:
            case 10:
            case 12: return 8;  // RATIONAL SRATIONAL DOUBLE
            default: return 0;
        }
    }

    std::string_view data_;
    bool little_ = true;
};

std::optional<GpsPosition> ParseExifGps(std::string_view exif) {
    constexpr std::uint32_t kGpsIfdPointer = 0x8825;
    constexpr std::uint32_t kLatitudeRef = 1, kLatitude = 2, kLongitudeRef = 3, kLongitude = 4, kStatus = 9;
    Tiff tiff(exif);
    std::uint32_t ifd0 = 0;
    if (!tiff.ReadHeader(&ifd0)) return std::nullopt;
    const auto entries = tiff.ReadIfd(ifd0);
    if (!entries) return std::nullopt;
    std::optional<std::uint32_t> gps_offset;
    for (const Tiff::Entry& entry : *entries) {
        if (entry.tag != kGpsIfdPointer || entry.count != 1) continue;
        if (entry.type != Tiff::kLong && entry.type != Tiff::kIfd) continue;
        std::uint32_t offset = 0;
        if (tiff.U32(entry.value_at, &offset)) gps_offset = offset;
        break;
    }
    if (!gps_offset) return std::nullopt;
    const auto gps = tiff.ReadIfd(*gps_offset);
    if (!gps) return std::nullopt;

    std::optional<char> lat_ref, lon_ref;
    std::optional<double> lat, lon;
    for (const Tiff::Entry& entry : *gps) {
        switch (entry.tag) {
            case kLatitudeRef: lat_ref = tiff.Ascii(entry); break;
            case kLatitude: lat = tiff.Degrees(entry); break;
            case kLongitudeRef: lon_ref = tiff.Ascii(entry); break;
            case kLongitude: lon = tiff.Degrees(entry); break;
            case kStatus:
                if (tiff.Ascii(entry) == 'V') return std::nullopt;  // "measurement void"
                break;
            default: break;
        }
    }
    if (!lat || !lon || !lat_ref || !lon_ref) return std::nullopt;
    const char ns = AsciiLower(*lat_ref);
    const char ew = AsciiLower(*lon_ref);
    if ((ns != 'n' && ns != 's') || (ew != 'e' && ew != 'w')) return std::nullopt;
    if (!std::isfinite(*lat) || !std::isfinite(*lon) || *lat > 90 || *lon > 180) return std::nullopt;
    if (*lat == 0 && *lon == 0) return std::nullopt;  // what some cameras write when they have no fix
    return GpsPosition{ns == 's' ? -*lat : *lat, ew == 'w' ? -*lon : *lon};
}

// --- Decoding ---

// Converts what imdecode gave for a PNG/WebP (1-4 channels, 8 or 16 bits) into 8-bit BGR, compositing any alpha
// channel over white.
Result<cv::Mat> ToBgr(const cv::Mat& decoded) {
    cv::Mat image = decoded;
    if (image.depth() == CV_16U) {
        cv::Mat eight;
        image.convertTo(eight, CV_8U, 1.0 / 257.0);
        image = eight;
    }
    if (image.depth() != CV_8U) return Invalid("the photo's pixel format is not supported");
    switch (image.channels()) {
        case 1: {
            cv::Mat bgr;
            cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
            return bgr;
        }
        case 3: return image;
        case 2:
        case 4: {
            const int channels = image.channels();
            const int alpha_index = channels - 1;
            cv::Mat bgr(image.rows, image.cols, CV_8UC3);
            for (int y = 0; y < image.rows; ++y) {
                const std::uint8_t* in = image.ptr<std::uint8_t>(y);
                std::uint8_t* out = bgr.ptr<std::uint8_t>(y);
                for (int x = 0; x < image.cols; ++x, in += channels, out += 3) {
                    const unsigned alpha = in[alpha_index];
                    for (int c = 0; c < 3; ++c) {
                        const unsigned value = in[channels == 2 ? 0 : c];
                        out[c] = static_cast<std::uint8_t>((value * alpha + 255u * (255u - alpha) + 127u) / 255u);
                    }
                }
            }
            return bgr;
        }
        default: return Invalid("the photo's pixel format is not supported");
    }
}

}  // namespace

ImageFormat SniffImageFormat(std::string_view bytes) {
    const auto at = [&](std::size_t offset, std::string_view magic) {
        return bytes.size() >= offset + magic.size() && bytes.substr(offset, magic.size()) == magic;
    };
    if (at(0, "\xFF\xD8\xFF")) return ImageFormat::kJpeg;
    if (at(0, "\x89PNG\r\n\x1A\n")) return ImageFormat::kPng;
    if (at(0, "RIFF") && at(8, "WEBP")) return ImageFormat::kWebp;
    if (at(0, "GIF87a") || at(0, "GIF89a")) return ImageFormat::kGif;
    if (at(0, "BM") && bytes.size() >= 26) return ImageFormat::kBmp;
    if (at(0, std::string_view("II*\0", 4)) || at(0, std::string_view("MM\0*", 4))) return ImageFormat::kTiff;
    if (at(4, "ftyp") && bytes.size() >= 12) return SniffIsoMedia(bytes);
    if (at(0, "\xFF\x0A") || at(0, std::string_view("\0\0\0\x0CJXL \r\n\x87\n", 12))) return ImageFormat::kJpegXl;
    if (at(0, std::string_view("\0\0\0\x0CjP  \r\n\x87\n", 12)) || at(0, "\xFF\x4F\xFF\x51")) {
        return ImageFormat::kJpeg2000;
    }
    if (at(0, std::string_view("\0\0\1\0", 4))) return ImageFormat::kIco;
    if (at(0, "%PDF-")) return ImageFormat::kPdf;
    return SniffMarkup(bytes);
}

std::string_view ImageFormatName(ImageFormat format) {
    switch (format) {
        case ImageFormat::kJpeg: return "JPEG";
        case ImageFormat::kPng: return "PNG";
        case ImageFormat::kWebp: return "WebP";
        case ImageFormat::kHeif: return "HEIC/HEIF";
        case ImageFormat::kAvif: return "AVIF";
        case ImageFormat::kIsoMedia: return "MP4/QuickTime video";
        case ImageFormat::kGif: return "GIF";
        case ImageFormat::kBmp: return "BMP";
        case ImageFormat::kTiff: return "TIFF";
        case ImageFormat::kSvg: return "SVG";
        case ImageFormat::kHtml: return "HTML/XML";
        case ImageFormat::kPdf: return "PDF";
        case ImageFormat::kIco: return "ICO";
        case ImageFormat::kJpegXl: return "JPEG XL";
        case ImageFormat::kJpeg2000: return "JPEG 2000";
        case ImageFormat::kUnknown: return "unknown";
    }
    return "unknown";
}

std::optional<GpsPosition> ReadJpegGps(std::string_view jpeg) {
    if (SniffImageFormat(jpeg) != ImageFormat::kJpeg) return std::nullopt;
    const Result<JpegLayout> layout = WalkJpeg(jpeg);
    if (!layout || layout->exif.empty()) return std::nullopt;
    return ParseExifGps(layout->exif);
}

Result<SanitizedImage> SanitizeImage(std::string_view bytes, const ImageLimits& limits, bool keep_location) {
    if (limits.output_max_side < 1 || limits.jpeg_quality < 1 || limits.jpeg_quality > 100 || limits.max_width < 1 ||
        limits.max_height < 1 || limits.max_pixels < 1) {
        return Fail(ErrorCode::kInternal, "invalid image limits", std::string(kField));
    }
    if (bytes.empty()) return Invalid("the photo is empty");
    if (bytes.size() > limits.max_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        return Fail(ErrorCode::kTooLarge, "the photo is larger than " + std::to_string(limits.max_bytes) + " bytes",
                    std::string(kField));
    }

    // 1. Format, by content only.
    const ImageFormat format = SniffImageFormat(bytes);
    SanitizedImage out;
    Dimensions size;
    std::string_view exif;
    switch (format) {
        case ImageFormat::kJpeg: {
            auto layout = WalkJpeg(bytes);
            if (!layout) return Fail(std::move(layout.error()));
            size = layout->size;
            exif = layout->exif;
            out.source_format = "jpeg";
            break;
        }
        case ImageFormat::kPng: {
            auto walked = WalkPng(bytes);
            if (!walked) return Fail(std::move(walked.error()));
            size = *walked;
            out.source_format = "png";
            break;
        }
        case ImageFormat::kWebp: {
            auto walked = WalkWebp(bytes);
            if (!walked) return Fail(std::move(walked.error()));
            size = *walked;
            out.source_format = "webp";
            break;
        }
        case ImageFormat::kHeif:
            return Invalid(
                "HEIC/HEIF photos are not accepted: " + std::string(kAccepted) +
                " (on an iPhone, choose Settings > Camera > Formats > Most Compatible, or share the photo as JPEG)");
        case ImageFormat::kUnknown:
            return Invalid("the photo is not an image in a known format: " + std::string(kAccepted));
        default:
            return Invalid(std::string(ImageFormatName(format)) +
                           " files are not accepted as photos: " + std::string(kAccepted));
    }

    // 2. Dimensions from the header, before any decoding.
    if (size.width > limits.max_width || size.height > limits.max_height ||
        size.width * size.height > limits.max_pixels) {
        return Fail(ErrorCode::kTooLarge,
                    "the photo is " + std::to_string(size.width) + "x" + std::to_string(size.height) +
                        " pixels; the most accepted is " + std::to_string(limits.max_width) + "x" +
                        std::to_string(limits.max_height) + " and " + std::to_string(limits.max_pixels) +
                        " pixels in all",
                    std::string(kField));
    }

    // 3. Decode, shrink, re-encode. imdecode does not write to its input. It picks its decoder by signature, and
    // DICOM's sits at offset 128, where a JPEG, PNG or WebP can carry anything: such a file would be read by the
    // medical-image decoder (which trusts lengths inside the file and can ask for gigabytes), so it is refused.
    if (bytes.size() >= 132 && bytes.substr(128, 4) == "DICM") {
        return Invalid("the photo is not an image in a known format: " + std::string(kAccepted));
    }
    try {
        const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
        // JPEG: IMREAD_COLOR applies the EXIF orientation. PNG/WebP: keep alpha to composite it over white.
        const int flags = format == ImageFormat::kJpeg ? cv::IMREAD_COLOR : cv::IMREAD_UNCHANGED;
        const cv::Mat decoded = cv::imdecode(raw, flags);
        if (decoded.empty()) return Invalid("the photo could not be decoded");
        const bool as_declared = decoded.cols == size.width && decoded.rows == size.height;
        const bool rotated = decoded.cols == size.height && decoded.rows == size.width;
        if (!as_declared && !(rotated && format == ImageFormat::kJpeg)) return Corrupt(ImageFormatName(format));
        Result<cv::Mat> bgr = format == ImageFormat::kJpeg ? Result<cv::Mat>(decoded) : ToBgr(decoded);
        if (!bgr) return Fail(std::move(bgr.error()));
        if (bgr->type() != CV_8UC3) return Invalid("the photo's pixel format is not supported");

        cv::Mat image = *bgr;
        const int longer = std::max(image.cols, image.rows);
        if (longer > limits.output_max_side) {
            const double scale = static_cast<double>(limits.output_max_side) / longer;
            const int width = std::clamp(static_cast<int>(std::lround(image.cols * scale)), 1, limits.output_max_side);
            const int height = std::clamp(static_cast<int>(std::lround(image.rows * scale)), 1, limits.output_max_side);
            cv::Mat resized;
            cv::resize(image, resized, cv::Size(width, height), 0, 0, cv::INTER_AREA);
            image = resized;
        }

        std::vector<uchar> encoded;
        const std::vector<int> params{cv::IMWRITE_JPEG_QUALITY,     limits.jpeg_quality,
                                      cv::IMWRITE_JPEG_PROGRESSIVE, 0,
                                      cv::IMWRITE_JPEG_OPTIMIZE,    0};
        if (!cv::imencode(".jpg", image, encoded, params) || encoded.empty()) {
            return Fail(ErrorCode::kInternal, "JPEG encoding failed", std::string(kField));
        }
        out.jpeg.assign(encoded.begin(), encoded.end());
        out.width = image.cols;
        out.height = image.rows;
    } catch (const cv::Exception&) {
        return Invalid("the photo could not be decoded");
    } catch (const std::bad_alloc&) {
        return Fail(ErrorCode::kTooLarge, "the photo needs too much memory to decode", std::string(kField));
    }

    // 4. The position, only when asked for.
    if (keep_location && !exif.empty()) {
        if (const auto position = ParseExifGps(exif)) {
            out.gps_lat = position->lat;
            out.gps_lon = position->lon;
        }
    }
    return out;
}

}  // namespace precinct::reports
