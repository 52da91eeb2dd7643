#pragma once
// For the chip library's tests only: small images made in memory with Leptonica.
#include <allheaders.h>

#include "precinct/identity/bytes.hpp"

namespace precinct::identity::test_images {

// A colour gradient of `width` x `height` as a JPEG file (quality 80); empty when Leptonica fails.
inline Bytes TestJpeg(int width, int height) {
    PIX* pix = pixCreate(width, height, 32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            pixSetRGBPixel(pix, x, y, x * 255 / width, y * 255 / height, 128);
        }
    }
    l_uint8* data = nullptr;
    size_t size = 0;
    const bool ok = pixWriteMemJpeg(&data, &size, pix, 80, 0) == 0;
    pixDestroy(&pix);
    if (!ok) return {};
    Bytes out(data, data + size);
    lept_free(data);
    return out;
}

}  // namespace precinct::identity::test_images
