#pragma once
// Images made in memory for the module's tests: nothing is read from disk or taken from real documents.
#include <cstdlib>
#include <string>

#include "pix.hpp"

namespace precinct::digitize::test_images {

// A white 8-bit page of w x h pixels at 300 dpi with black bars standing in for `lines` lines of text.
inline PixPtr TextLikePage(int w, int h, int lines) {
    PixPtr pix(pixCreate(w, h, 8));
    pixSetAllArbitrary(pix.get(), 255);
    pixSetResolution(pix.get(), 300, 300);
    for (int i = 0; i < lines; ++i) {
        for (int word = 0; word < 12; ++word) {
            const int x = w / 10 + word * (w / 15), y = h / 10 + i * 60;
            if (y + 30 > h - h / 10) break;
            for (int c = 0; c < 5; ++c) pixRasterop(pix.get(), x + c * 16, y, 10, 30, PIX_CLR, nullptr, 0, 0);
        }
    }
    return pix;
}

inline std::string Png(Pix* pix) {
    l_uint8* data = nullptr;
    size_t size = 0;
    pixWriteMemPng(&data, &size, pix, 0.0F);
    std::string out(reinterpret_cast<const char*>(data), size);
    std::free(data);
    return out;
}

inline std::string Jpeg(Pix* pix) {
    l_uint8* data = nullptr;
    size_t size = 0;
    pixWriteMemJpeg(&data, &size, pix, 75, 0);
    std::string out(reinterpret_cast<const char*>(data), size);
    std::free(data);
    return out;
}

}  // namespace precinct::digitize::test_images
