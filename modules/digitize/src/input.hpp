#pragma once
// Input documents: format detection by content (never by file name) and page rendering. PNG, JPEG and TIFF
// (multi-page) are decoded with Leptonica. A PDF page that is a scan (one image covering the page, no fonts: what
// scanners and img2pdf write) gives its embedded image itself, read with qpdf: the scanner's pixels at the scanner's
// resolution, not a resampled copy. Other PDF pages are rasterized with poppler at a fixed resolution. Every size
// an uploader controls is bounded before it is decoded: bytes, pages, and pixels per page (read from the headers).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "pix.hpp"

namespace poppler {
class document;
}
namespace precinct::digitize {
class PdfScans;
}

namespace precinct::digitize {

enum class InputFormat { kUnknown, kPng, kJpeg, kTiff, kPdf };

// "png", "jpeg", "tiff", "pdf" or "unknown".
std::string_view InputFormatName(InputFormat format);
// From the first bytes: PNG signature, JPEG SOI marker, TIFF byte-order mark with 42, "%PDF-" within the first
// 1,024 bytes (as PDF readers allow).
InputFormat DetectFormat(std::string_view bytes);

struct InputLimits {
    std::size_t max_bytes = 200u * 1024 * 1024;
    int max_pages = 2000;
    std::int64_t max_page_pixels = 80'000'000;  // an A3 page at 600 dpi is 70 million
    int pdf_dpi = 300;                          // PDF pages are rendered at this resolution
};

// A document opened from its bytes. Pages are decoded on demand, so a large document costs one page of memory at a
// time. RenderPage may be called from several threads at once (PDF rendering is serialized inside).
class SourceDocument {
public:
    ~SourceDocument();
    SourceDocument(const SourceDocument&) = delete;
    SourceDocument& operator=(const SourceDocument&) = delete;

    // Errors: kInvalidArgument (unknown format, unreadable or empty document; field "file"), kTooLarge (bytes, pages
    // or page pixels over the limits; field "file").
    static Result<std::unique_ptr<SourceDocument>> Open(std::string bytes, const InputLimits& limits = {});

    InputFormat format() const { return format_; }
    const std::string& bytes() const { return bytes_; }
    int page_count() const { return pages_; }
    // Page `index` (0-based) as decoded: any depth Leptonica has; its resolution is set (300 dpi when the file says
    // nothing). Errors as for Open, naming the page.
    Result<PixPtr> RenderPage(int index) const;

private:
    SourceDocument() = default;
    Result<PixPtr> RenderPdfPage(int index) const;
    // The page's embedded scan, or null when the page is not a plain scan or its image is in an encoding read here
    // only through poppler (CCITT, JBIG2, JPEG 2000, indexed colours, masks). Called with pdf_mutex_ held.
    PixPtr EmbeddedScan(int index) const;

    std::string bytes_;
    InputFormat format_ = InputFormat::kUnknown;
    int pages_ = 0;
    InputLimits limits_;
    std::unique_ptr<poppler::document> pdf_;
    std::unique_ptr<PdfScans> qpdf_;  // null when qpdf cannot parse the file (poppler may still)
    mutable std::mutex pdf_mutex_;    // poppler documents are not thread-safe
};

}  // namespace precinct::digitize
