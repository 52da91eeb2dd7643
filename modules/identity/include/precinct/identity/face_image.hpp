#pragma once
// DG2, the encoded face (ICAO Doc 9303 Part 10): a CBEFF biometric information template group holding ISO/IEC
// 19794-5:2005 facial records, whose images are JPEG or JPEG 2000.
//   75 { 7F61 { 02 <count>, 7F60 { A1 <biometric header>, 5F2E|7F2E <biometric data block> } ... } }
// A biometric data block: "FAC\0", "010\0", record length (4 bytes), number of faces (2), then per face: facial
// information (20 bytes: block length, feature point count, gender, eye and hair colour, feature mask,
// expression, pose), feature points (8 bytes each), image information (12 bytes: face image type, image data type
// 0 = JPEG / 1 = JPEG 2000, width, height, colour space, source type, device type, quality) and the image.
#include <cstddef>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

inline constexpr std::string_view kMimeJpeg = "image/jpeg";
inline constexpr std::string_view kMimeJpeg2000 = "image/jp2";

struct FaceImage {
    std::string mime;  // kMimeJpeg or kMimeJpeg2000 (for a JP2 file and a bare J2K codestream alike)
    Bytes data;        // the image file as stored on the chip
    int width = 0;     // as the image information block states them
    int height = 0;
};

// Faces in one DG2, and image sides FaceImageToPng decodes (chip faces are about 500 x 650 pixels; the cap keeps a
// hostile header from making the decoder allocate gigabytes).
inline constexpr int kMaxFacesPerDg2 = 16;
inline constexpr int kMaxFaceImageSide = 4096;

// Every face of every biometric data block, in order. kInvalidArgument naming what is wrong: a wrong outer tag or
// trailing bytes at any level, a count that differs from the templates present, a block that is not "FAC\0" with
// version "010\0", lengths that do not add up, an image data type other than 0 or 1, more than kMaxFacesPerDg2
// faces, an empty image.
Result<std::vector<FaceImage>> ParseDg2(ByteView dg2);

// The face as a PNG file (8-bit grey or 24-bit colour). The image kind is taken from the data's magic bytes (JPEG
// FF D8 FF, JP2 box 0000000C 6A502020, J2K codestream FF 4F FF 51), not from `mime`: JPEG decodes with Leptonica,
// JPEG 2000 with OpenJPEG. kInvalidArgument: data of neither kind, data that does not decode, an image wider or
// taller than kMaxFaceImageSide, or with other than 1-4 components. Thread-safe.
Result<Bytes> FaceImageToPng(const FaceImage& face);

// One DG2 with one biometric template holding `face` as its only facial record (no feature points, full frontal
// face, other descriptors unspecified), for the software card. kInvalidArgument: an unknown mime, empty data, a
// width or height outside 1-65535.
Result<Bytes> EncodeDg2(const FaceImage& face);

}  // namespace precinct::identity
