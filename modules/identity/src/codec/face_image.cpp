#include "precinct/identity/face_image.hpp"

#include <allheaders.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "codec/jpeg2000.hpp"
#include "codec/leptonica.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {


constexpr std::uint32_t kDg2Tag = 0x75;
constexpr std::uint32_t kGroupTemplateTag = 0x7F61;
constexpr std::uint32_t kTemplateTag = 0x7F60;
constexpr std::uint32_t kHeaderTag = 0xA1;
constexpr std::uint32_t kDataBlockTag = 0x5F2E;
constexpr std::uint32_t kDataBlockTagConstructed = 0x7F2E;

constexpr std::size_t kRecordHeaderBytes = 14;  // "FAC\0", "010\0", record length (4), number of faces (2)
constexpr std::size_t kFacialInfoBytes = 20;
constexpr std::size_t kFeaturePointBytes = 8;
constexpr std::size_t kImageInfoBytes = 12;

tl::unexpected<Error> Invalid(std::string message) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), "dg2");
}

std::uint32_t BigEndian(ByteView b, std::size_t at, std::size_t n) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | b[at + i];
    return v;
}

void PutBigEndian(Bytes& out, std::uint32_t v, std::size_t n) {
    for (std::size_t i = n; i > 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * (i - 1))));
}

// The faces of one ISO/IEC 19794-5:2005 facial record, appended to `faces`.
Status ParseFacialRecord(ByteView bdb, int block, std::vector<FaceImage>& faces) {
    const std::string where = fmt::format("DG2 biometric data block {}", block);
    if (bdb.size() < kRecordHeaderBytes) return Invalid(where + ": shorter than the 14-byte record header");
    if (!(bdb[0] == 'F' && bdb[1] == 'A' && bdb[2] == 'C' && bdb[3] == 0)) {
        return Invalid(where + ": not a facial record (format identifier is not \"FAC\\0\")");
    }
    const std::string version(bdb.begin() + 4, bdb.begin() + 7);
    if (version != "010" || bdb[7] != 0) {
        // Shown as text only when it is digits: the bytes come from the chip.
        const bool digits = std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; });
        const std::string shown = digits ? "\"" + version + "\"" : "0x" + ToHex(bdb.subspan(4, 4));
        return Invalid(fmt::format("{}: facial record version {} is not supported (only \"010\", ISO/IEC 19794-5:2005)",
                                   where, shown));
    }
    const std::uint32_t record_length = BigEndian(bdb, 8, 4);
    if (record_length != bdb.size()) {
        return Invalid(
            fmt::format("{}: record length {} but the block holds {} bytes", where, record_length, bdb.size()));
    }
    const std::uint32_t count = BigEndian(bdb, 12, 2);
    if (count == 0) return Invalid(where + ": the record holds no face");
    if (faces.size() + count > static_cast<std::size_t>(kMaxFacesPerDg2)) {
        return Invalid(fmt::format("DG2: more than {} faces", kMaxFacesPerDg2));
    }
    std::size_t at = kRecordHeaderBytes;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string face_where = fmt::format("{}, face {}", where, i + 1);
        if (bdb.size() - at < kFacialInfoBytes) return Invalid(face_where + ": facial information cut off");
        const std::uint32_t block_length = BigEndian(bdb, at, 4);
        const std::uint32_t points = BigEndian(bdb, at + 4, 2);
        const std::size_t fixed = kFacialInfoBytes + kFeaturePointBytes * points + kImageInfoBytes;
        if (block_length > bdb.size() - at) {
            return Invalid(fmt::format("{}: facial record data length {} runs past the block ({} bytes left)",
                                       face_where, block_length, bdb.size() - at));
        }
        if (block_length <= fixed) {
            return Invalid(fmt::format("{}: facial record data length {} leaves no image after {} feature points",
                                       face_where, block_length, points));
        }
        const std::size_t info = at + kFacialInfoBytes + kFeaturePointBytes * points;
        const std::uint8_t data_type = bdb[info + 1];
        FaceImage face;
        if (data_type == 0) {
            face.mime = std::string(kMimeJpeg);
        } else if (data_type == 1) {
            face.mime = std::string(kMimeJpeg2000);
        } else {
            return Invalid(
                fmt::format("{}: image data type {} is neither JPEG (0) nor JPEG 2000 (1)", face_where, data_type));
        }
        face.width = static_cast<int>(BigEndian(bdb, info + 2, 2));
        face.height = static_cast<int>(BigEndian(bdb, info + 4, 2));
        const std::size_t image_at = info + kImageInfoBytes;
        face.data.assign(bdb.begin() + static_cast<std::ptrdiff_t>(image_at),
                         bdb.begin() + static_cast<std::ptrdiff_t>(at + block_length));
        faces.push_back(std::move(face));
        at += block_length;
    }
    if (at != bdb.size()) {
        return Invalid(fmt::format("{}: {} bytes after the last face", where, bdb.size() - at));
    }
    return Ok();
}

Result<Bytes> JpegToPng(ByteView jpeg) {
    l_int32 format = 0;
    l_int32 w = 0;
    l_int32 h = 0;
    if (pixReadHeaderMem(jpeg.data(), jpeg.size(), &format, &w, &h, nullptr, nullptr, nullptr) != 0) {
        return Fail(ErrorCode::kInvalidArgument, "JPEG: the header does not decode", "image");
    }
    if (w <= 0 || h <= 0 || w > kMaxFaceImageSide || h > kMaxFaceImageSide) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("JPEG: {}x{} pixels; at most {} on a side", w, h, kMaxFaceImageSide), "image");
    }
    PixPtr pix(pixReadMem(jpeg.data(), jpeg.size()));
    if (!pix) return Fail(ErrorCode::kInvalidArgument, "JPEG: the image does not decode", "image");
    return PixToPng(pix.get());
}

}  // namespace

Result<std::vector<FaceImage>> ParseDg2(ByteView dg2) {
    auto outer = ReadSingleTlv(dg2, kDg2Tag, "DG2");
    if (!outer) return Fail(outer.error());
    auto group = ReadSingleTlv(outer->value, kGroupTemplateTag, "DG2 biometric information group template");
    if (!group) return Fail(group.error());
    auto items = ReadAllTlv(group->value);
    if (!items) return Invalid("DG2 biometric information group template: " + items.error().message);
    if (items->empty() || (*items)[0].tag != kDerInteger) {
        return Invalid("DG2: the group template does not start with the number of instances (02)");
    }
    auto count = DecodeInteger((*items)[0].value);
    if (!count) return Invalid("DG2: number of instances: " + count.error().message);
    if (*count < 1 || *count > kMaxFacesPerDg2) {
        return Invalid(fmt::format("DG2: {} biometric templates; 1 to {} accepted", *count, kMaxFacesPerDg2));
    }
    if (static_cast<std::size_t>(*count) != items->size() - 1) {
        return Invalid(
            fmt::format("DG2: the group template announces {} biometric templates but holds {} "
                        "elements after the count",
                        *count, items->size() - 1));
    }
    std::vector<FaceImage> faces;
    for (std::size_t i = 1; i < items->size(); ++i) {
        const Tlv& t = (*items)[i];
        const int block = static_cast<int>(i);
        if (t.tag != kTemplateTag) {
            return Invalid(
                fmt::format("DG2: element {} of the group template is {}, expected 7F60", i, TagName(t.tag)));
        }
        auto parts = ReadAllTlv(t.value);
        if (!parts) return Invalid(fmt::format("DG2 biometric template {}: {}", block, parts.error().message));
        if (parts->size() != 2 || (*parts)[0].tag != kHeaderTag ||
            ((*parts)[1].tag != kDataBlockTag && (*parts)[1].tag != kDataBlockTagConstructed)) {
            return Invalid(
                fmt::format("DG2 biometric template {}: expected a biometric header (A1) and a biometric "
                            "data block (5F2E or 7F2E)",
                            block));
        }
        if (auto header = ReadAllTlv((*parts)[0].value); !header) {
            return Invalid(fmt::format("DG2 biometric header {}: {}", block, header.error().message));
        }
        if (auto ok = ParseFacialRecord((*parts)[1].value, block, faces); !ok) return Fail(ok.error());
    }
    return faces;
}

Result<Bytes> FaceImageToPng(const FaceImage& face) {
    switch (SniffImageKind(face.data)) {
        case ImageKind::kJpeg: return JpegToPng(face.data);
        case ImageKind::kJp2:
        case ImageKind::kJ2k: {
            auto raster = DecodeJpeg2000(face.data, kMaxFaceImageSide);
            if (!raster) return Fail(raster.error());
            return RasterToPng(*raster);
        }
        case ImageKind::kUnknown: break;
    }
    return Fail(ErrorCode::kInvalidArgument, "face image: the data is neither JPEG nor JPEG 2000", "image");
}

Result<Bytes> EncodeDg2(const FaceImage& face) {
    std::uint8_t data_type = 0;
    if (face.mime == kMimeJpeg) {
        data_type = 0;
    } else if (face.mime == kMimeJpeg2000) {
        data_type = 1;
    } else {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("DG2: the mime type is neither {} nor {}", kMimeJpeg, kMimeJpeg2000), "mime");
    }
    if (face.data.empty()) return Fail(ErrorCode::kInvalidArgument, "DG2: the image is empty", "data");
    if (face.width < 1 || face.width > 0xFFFF || face.height < 1 || face.height > 0xFFFF) {
        return Fail(ErrorCode::kInvalidArgument, "DG2: width and height must be 1-65535", "width");
    }
    const std::size_t face_block = kFacialInfoBytes + kImageInfoBytes + face.data.size();
    const std::size_t record = kRecordHeaderBytes + face_block;
    if (record > kMaxTlvLength - 64) {
        return Fail(ErrorCode::kInvalidArgument, "DG2: the image is too large", "data");
    }
    Bytes bdb = {'F', 'A', 'C', 0, '0', '1', '0', 0};
    PutBigEndian(bdb, static_cast<std::uint32_t>(record), 4);
    PutBigEndian(bdb, 1, 2);  // one face
    // Facial information: block length, no feature points, gender, eye colour, hair colour, feature mask (3),
    // expression (2), pose angles (3) and their uncertainty (3), all unspecified.
    PutBigEndian(bdb, static_cast<std::uint32_t>(face_block), 4);
    PutBigEndian(bdb, 0, 2);
    bdb.insert(bdb.end(), 14, 0);
    // Image information: full frontal face, data type, width, height, colour space, source type, device type and
    // quality unspecified.
    bdb.push_back(1);
    bdb.push_back(data_type);
    PutBigEndian(bdb, static_cast<std::uint32_t>(face.width), 2);
    PutBigEndian(bdb, static_cast<std::uint32_t>(face.height), 2);
    bdb.insert(bdb.end(), 6, 0);
    bdb.insert(bdb.end(), face.data.begin(), face.data.end());
    // Biometric header: ICAO header version 1.1, type facial features (2), format owner ISO/IEC JTC 1/SC 37
    // (0101), format type face (0008).
    const Bytes header = EncodeTlv(kHeaderTag, HexLiteral("80020101 810102 87020101 88020008"));
    const Bytes templ = EncodeTlv(kTemplateTag, Concat({header, EncodeTlv(kDataBlockTag, bdb)}));
    const Bytes group = EncodeTlv(kGroupTemplateTag, Concat({EncodeTlv(kDerInteger, EncodeInteger(1)), templ}));
    return EncodeTlv(kDg2Tag, group);
}

}  // namespace precinct::identity
