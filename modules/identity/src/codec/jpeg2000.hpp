#pragma once
// JPEG 2000 in memory with OpenJPEG 2.5 (the face images of DG2), and the raster the face codecs share. Inside
// the codec part; the software card uses the encoder to make JPEG 2000 faces.
#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

// 8-bit samples, row-major, channels interleaved: 1 (grey) or 3 (RGB).
struct RasterImage {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<std::uint8_t> pixels;  // width * height * channels
};

enum class ImageKind { kUnknown, kJpeg, kJp2, kJ2k };

// JPEG (FF D8 FF), a JP2 file (signature box 0000000C 6A502020 0D0A870A) or a raw J2K codestream (FF 4F FF 51).
ImageKind SniffImageKind(ByteView data);

// Decodes a JP2 file or a J2K codestream. Components are scaled to 8 bits; subsampled components are upsampled;
// YCC images are converted to RGB; one or two components give grey (the second, alpha, dropped), three or four
// RGB. kInvalidArgument: not JPEG 2000, a side over `max_side`, a component count outside 1-4, CMYK, data that
// does not decode (with OpenJPEG's message). Thread-safe.
Result<RasterImage> DecodeJpeg2000(ByteView data, int max_side);

// Lossless JPEG 2000, as a JP2 file (`jp2_container`) or a bare J2K codestream. kInvalidArgument for an image whose
// pixels do not match its size and channels (1 or 3). Thread-safe.
Result<Bytes> EncodeJpeg2000(const RasterImage& image, bool jp2_container);

// PNG of the raster via Leptonica (8-bit grey or 24-bit RGB).
Result<Bytes> RasterToPng(const RasterImage& image);

}  // namespace precinct::identity
