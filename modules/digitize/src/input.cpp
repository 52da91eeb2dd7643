#include "input.hpp"

#include "pdf_scans.hpp"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <tiffio.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace precinct::digitize {
namespace {

constexpr const char* kField = "file";

tl::unexpected<Error> Unreadable(std::string_view what) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("file: {}", what), kField);
}

const l_uint8* Bytes(const std::string& s) { return reinterpret_cast<const l_uint8*>(s.data()); }

void IgnorePopplerMessage(const std::string&, void*) {}

Status CheckPixels(std::int64_t w, std::int64_t h, const InputLimits& limits, int page) {
    if (w <= 0 || h <= 0) return Unreadable(fmt::format("page {} has no pixels", page + 1));
    if (w * h > limits.max_page_pixels || w > 100'000 || h > 100'000) {
        return Fail(ErrorCode::kTooLarge,
                    fmt::format("file: page {} is {} x {} pixels, more than the limit of {} million", page + 1, w, h,
                                limits.max_page_pixels / 1'000'000),
                    kField);
    }
    return Ok();
}

// Leptonica reads a TIFF page count from a FILE; a memory stream keeps the bytes where they are.
Result<int> TiffPageCount(const std::string& bytes) {
    FILE* fp = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
    if (fp == nullptr) return Fail(ErrorCode::kInternal, "cannot open a memory stream");
    l_int32 n = 0;
    const bool ok = tiffGetCount(fp, &n) == 0;
    std::fclose(fp);
    if (!ok || n <= 0) return Unreadable("not a readable TIFF file");
    return static_cast<int>(n);
}

}  // namespace

void QuietImageLibraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        setMsgSeverity(L_SEVERITY_NONE);
        TIFFSetWarningHandler(nullptr);
        TIFFSetErrorHandler(nullptr);
        poppler::set_debug_error_function(&IgnorePopplerMessage, nullptr);
    });
}

std::string_view InputFormatName(InputFormat format) {
    switch (format) {
        case InputFormat::kPng: return "png";
        case InputFormat::kJpeg: return "jpeg";
        case InputFormat::kTiff: return "tiff";
        case InputFormat::kPdf: return "pdf";
        case InputFormat::kUnknown: break;
    }
    return "unknown";
}

InputFormat DetectFormat(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return InputFormat::kPng;
    if (b.size() >= 3 && b.substr(0, 3) == "\xff\xd8\xff") return InputFormat::kJpeg;
    if (b.size() >= 4 &&
        (b.substr(0, 4) == std::string_view("II*\0", 4) || b.substr(0, 4) == std::string_view("MM\0*", 4))) {
        return InputFormat::kTiff;
    }
    if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return InputFormat::kPdf;
    return InputFormat::kUnknown;
}

SourceDocument::~SourceDocument() = default;

Result<std::unique_ptr<SourceDocument>> SourceDocument::Open(std::string bytes, const InputLimits& limits) {
    QuietImageLibraries();
    if (bytes.empty()) return Unreadable("is empty");
    if (bytes.size() > limits.max_bytes) {
        return Fail(ErrorCode::kTooLarge,
                    fmt::format("file: {} bytes, more than the limit of {} MiB", bytes.size(), limits.max_bytes >> 20),
                    kField);
    }
    std::unique_ptr<SourceDocument> doc(new SourceDocument());
    doc->format_ = DetectFormat(bytes);
    doc->limits_ = limits;
    doc->bytes_ = std::move(bytes);
    const std::string& b = doc->bytes_;
    switch (doc->format_) {
        case InputFormat::kUnknown: return Unreadable("unsupported format: expected PNG, JPEG, TIFF or PDF");
        case InputFormat::kPng:
        case InputFormat::kJpeg: {
            l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
            if (pixReadHeaderMem(Bytes(b), b.size(), &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
                return Unreadable(fmt::format("not a readable {} image", InputFormatName(doc->format_)));
            }
            if (auto s = CheckPixels(w, h, limits, 0); !s) return Fail(s.error());
            doc->pages_ = 1;
            break;
        }
        case InputFormat::kTiff: {
            auto n = TiffPageCount(b);
            if (!n) return Fail(n.error());
            if (*n > limits.max_pages) {
                return Fail(ErrorCode::kTooLarge,
                            fmt::format("file: {} pages, more than the limit of {}", *n, limits.max_pages), kField);
            }
            doc->pages_ = *n;
            break;
        }
        case InputFormat::kPdf: {
            // poppler keeps a pointer to the bytes, which live as long as the document.
            if (b.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) return Unreadable("too large");
            doc->pdf_.reset(poppler::document::load_from_raw_data(b.data(), static_cast<int>(b.size())));
            if (!doc->pdf_) return Unreadable("not a readable PDF file");
            if (doc->pdf_->is_locked()) return Unreadable("the PDF is encrypted with a password");
            const int n = doc->pdf_->pages();
            if (n <= 0) return Unreadable("the PDF has no pages");
            if (n > limits.max_pages) {
                return Fail(ErrorCode::kTooLarge,
                            fmt::format("file: {} pages, more than the limit of {}", n, limits.max_pages), kField);
            }
            doc->pages_ = n;
            doc->qpdf_ = PdfScans::Open(b);
            if (doc->qpdf_ && doc->qpdf_->pages() != n) doc->qpdf_.reset();  // the two readers disagree: poppler only
            break;
        }
    }
    return doc;
}

Result<PixPtr> SourceDocument::RenderPage(int index) const {
    if (index < 0 || index >= pages_) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("page {} does not exist", index + 1), "page");
    }
    if (format_ == InputFormat::kPdf) return RenderPdfPage(index);
    PixPtr pix;
    if (format_ == InputFormat::kTiff) {
        l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
        if (readHeaderMemTiff(Bytes(bytes_), bytes_.size(), index, &w, &h, &bps, &spp, &res, &cmap, &fmt) != 0) {
            return Unreadable(fmt::format("page {} of the TIFF file is unreadable", index + 1));
        }
        if (auto s = CheckPixels(w, h, limits_, index); !s) return Fail(s.error());
        pix.reset(pixReadMemTiff(Bytes(bytes_), bytes_.size(), index));
    } else {
        pix.reset(pixReadMem(Bytes(bytes_), bytes_.size()));
    }
    if (!pix) return Unreadable(fmt::format("page {} could not be decoded", index + 1));
    if (auto s = CheckPixels(pixGetWidth(pix.get()), pixGetHeight(pix.get()), limits_, index); !s) {
        return Fail(s.error());
    }
    // Many scanners write no resolution; documents are scanned at 300 dpi unless they say otherwise.
    if (pixGetXRes(pix.get()) < 50 || pixGetXRes(pix.get()) > 2400) pixSetResolution(pix.get(), 300, 300);
    return pix;
}

PixPtr SourceDocument::EmbeddedScan(int index) const {
    return qpdf_ ? qpdf_->Scan(index, limits_.max_page_pixels) : PixPtr();
}

Result<PixPtr> SourceDocument::RenderPdfPage(int index) const {
    std::lock_guard lock(pdf_mutex_);
    if (PixPtr scan = EmbeddedScan(index)) return scan;
    std::unique_ptr<poppler::page> page(pdf_->create_page(index));
    if (!page) return Unreadable(fmt::format("page {} of the PDF is unreadable", index + 1));
    const poppler::rectf rect = page->page_rect(poppler::media_box);
    double dpi = limits_.pdf_dpi;
    const double w_in = rect.width() / 72.0, h_in = rect.height() / 72.0;
    if (!(w_in > 0.01 && h_in > 0.01 && w_in < 200 && h_in < 200)) {
        return Unreadable(fmt::format("page {} of the PDF has an impossible size", index + 1));
    }
    // A page larger than the pixel limit at the normal resolution (a poster, a map) is rendered coarser.
    const double pixels = w_in * h_in * dpi * dpi;
    if (pixels > static_cast<double>(limits_.max_page_pixels)) {
        dpi = std::floor(dpi * std::sqrt(static_cast<double>(limits_.max_page_pixels) / pixels));
        if (dpi < 50) {
            return Fail(
                ErrorCode::kTooLarge,
                fmt::format("file: page {} is {:.0f} x {:.0f} inches, too large to render", index + 1, w_in, h_in),
                kField);
        }
    }
    poppler::page_renderer renderer;
    renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
        return Unreadable(fmt::format("page {} of the PDF could not be rendered", index + 1));
    }
    const int w = image.width(), h = image.height();
    PixPtr pix(pixCreate(w, h, 8));
    if (!pix) return Fail(ErrorCode::kInternal, "out of memory for a page image");
    const char* src = image.const_data();
    const int stride = image.bytes_per_row();
    for (int y = 0; y < h; ++y) {
        l_uint32* line = pixGetData(pix.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix.get());
        const auto* row = reinterpret_cast<const unsigned char*>(src + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < w; ++x) SET_DATA_BYTE(line, x, row[x]);
    }
    pixSetResolution(pix.get(), static_cast<l_int32>(dpi), static_cast<l_int32>(dpi));
    return pix;
}

}  // namespace precinct::digitize
