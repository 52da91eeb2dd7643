#pragma once
// The embedded scans of a PDF, read with qpdf. A page is a plain scan when it holds one image covering the page
// (same aspect ratio within 2 %), no fonts (no text, no earlier OCR layer), no rotation, and its image is baseline
// JPEG or raw or Flate-compressed grey, RGB or bilevel samples without masks or decode arrays. Anything else is left
// to the renderer. This file is kept free of C++20 and of the module's other headers: qpdf's headers do not compile
// as C++20 with clang 14 and libstdc++ 12, so the fuzz build compiles it as C++17.
#include <cstdint>
#include <memory>
#include <string_view>

#include "pix.hpp"

namespace precinct::digitize {

class PdfScans {
public:
    // Null when qpdf cannot read the bytes. The bytes must outlive the object. Not thread-safe.
    static std::unique_ptr<PdfScans> Open(std::string_view bytes);
    ~PdfScans();
    PdfScans(const PdfScans&) = delete;
    PdfScans& operator=(const PdfScans&) = delete;

    int pages() const;
    // Page `index` (0-based) as its embedded image with its resolution set, or null when it is not a plain scan, its
    // image has more than `max_pixels` pixels, or anything in it cannot be read.
    PixPtr Scan(int index, std::int64_t max_pixels) const;

private:
    PdfScans();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace precinct::digitize
