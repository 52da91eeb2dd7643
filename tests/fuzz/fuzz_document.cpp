// Fuzz target: the digitize module's input path — format detection, then opening and rendering every page of a
// PNG, JPEG, TIFF (multi-page) or PDF (poppler) under small limits, then page preparation (Leptonica: blank-page
// test, orientation, deskew, binarization) of small pages. Besides not crashing or leaking: a document that opens
// has between 1 and max_pages pages, every rendered page is within the pixel limit, errors name the field "file"
// or "page" and have a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "input.hpp"
#include "preprocess.hpp"

namespace {

void Require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace precinct::digitize;
    std::string bytes(reinterpret_cast<const char*>(data), size);
    const InputFormat format = DetectFormat(bytes);
    InputLimits limits;
    limits.max_bytes = 1 << 20;
    limits.max_pages = 4;
    limits.max_page_pixels = 1'000'000;
    limits.pdf_dpi = 50;
    auto doc = SourceDocument::Open(std::move(bytes), limits);
    if (!doc) {
        Require(!doc.error().message.empty());
        Require(doc.error().field == "file");
        return 0;
    }
    Require((*doc)->format() == format && format != InputFormat::kUnknown);
    Require((*doc)->page_count() >= 1 && (*doc)->page_count() <= limits.max_pages);
    for (int i = 0; i < (*doc)->page_count(); ++i) {
        auto page = (*doc)->RenderPage(i);
        if (!page) {
            Require(!page.error().message.empty());
            continue;
        }
        const std::int64_t w = pixGetWidth(page->get()), h = pixGetHeight(page->get());
        Require(w > 0 && h > 0 && w * h <= limits.max_page_pixels);
        if (w * h <= 250'000) {
            auto prepared = PreparePage(**page);
            Require(!prepared || prepared->display != nullptr);
        }
    }
    return 0;
}
