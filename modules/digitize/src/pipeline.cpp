#include "pipeline.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "assemble.hpp"
#include "pdf_writer.hpp"

namespace precinct::digitize {
namespace {

Result<std::string> EncodeJpeg(Pix* pix, int quality) {
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMemJpeg(&data, &size, pix, quality, 0) != 0 || data == nullptr) {
        return Fail(ErrorCode::kInternal, "cannot encode the page image");
    }
    std::string out(reinterpret_cast<const char*>(data), size);
    std::free(data);
    return out;
}

}  // namespace

std::string_view PageStatusName(PageStatus status) {
    switch (status) {
        case PageStatus::kPending: return "pending";
        case PageStatus::kDone: return "done";
        case PageStatus::kBlank: return "blank";
        case PageStatus::kFailed: return "failed";
    }
    return "pending";
}

std::optional<PageStatus> ParsePageStatus(std::string_view name) {
    for (PageStatus s : {PageStatus::kPending, PageStatus::kDone, PageStatus::kBlank, PageStatus::kFailed}) {
        if (PageStatusName(s) == name) return s;
    }
    return std::nullopt;
}

PageResult ProcessPage(const SourceDocument& doc, int index, OcrEngine& engine, const PipelineSettings& settings) {
    PageResult r;
    r.no = index + 1;
    auto fail = [&r](const Error& e) {
        r.status = PageStatus::kFailed;
        r.error = e.message;
        return std::move(r);
    };
    auto pix = doc.RenderPage(index);
    if (!pix) return fail(pix.error());
    auto prepared = PreparePage(**pix, settings.prepare);
    if (!prepared) return fail(prepared.error());
    pix->reset();
    Pix* display = prepared->display.get();
    r.width = pixGetWidth(display);
    r.height = pixGetHeight(display);
    r.dpi = pixGetXRes(display) > 0 ? pixGetXRes(display) : 300;
    r.skew_deg = prepared->skew_deg;
    r.rotation = prepared->rotation;
    r.stretched = prepared->stretched;
    r.binarized = prepared->binarized;
    auto jpeg = EncodeJpeg(display, settings.jpeg_quality);
    if (!jpeg) return fail(jpeg.error());
    r.jpeg = std::move(*jpeg);
    if (prepared->blank) {
        r.status = PageStatus::kBlank;
        return r;
    }
    auto ocr = engine.Recognize(*prepared->ocr);
    if (!ocr) return fail(ocr.error());
    r.ocr = std::move(*ocr);
    r.text = PageText(r.ocr);
    r.confidence = MeanConfidence(r.ocr);
    r.status = PageStatus::kDone;
    return r;
}

DocFields DocumentFields(const std::vector<const PageResult*>& pages) {
    std::string text;
    int used = 0;
    for (const PageResult* p : pages) {
        if (p->status != PageStatus::kDone || p->text.empty()) continue;
        text += (text.empty() ? "" : "\n") + (p->ocr.words.empty() ? p->text : FieldsText(p->ocr));
        if (++used == 2) break;
    }
    return ExtractFields(text);
}

Status WriteDocumentPdf(std::ostream& out, const std::vector<const PageResult*>& pages, const std::string& font,
                        const std::string& title) {
    PdfWriter writer(out, font, title);
    for (const PageResult* p : pages) {
        if (p->jpeg.empty()) continue;
        PdfPage page;
        page.width_px = p->width;
        page.height_px = p->height;
        page.dpi = p->dpi;
        page.jpeg = p->jpeg;
        page.ocr = p->status == PageStatus::kDone ? &p->ocr : nullptr;
        if (auto s = writer.AddPage(page); !s) return s;
    }
    return writer.Finish();
}

double DocumentConfidence(const std::vector<const PageResult*>& pages) {
    double sum = 0, weight = 0;
    for (const PageResult* p : pages) {
        if (p->confidence < 0) continue;
        const auto n = static_cast<double>(p->ocr.words.size());
        sum += p->confidence * n;
        weight += n;
    }
    return weight > 0 ? sum / weight : -1;
}

}  // namespace precinct::digitize
