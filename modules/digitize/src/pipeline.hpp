#pragma once
// One page from source to text: render, prepare, recognize, assemble; and a document's outputs from its pages
// (fields, plain text, searchable PDF, the result JSON). Shared by `precinct ocr` and the service's workers.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine.hpp"
#include "fields.hpp"
#include "input.hpp"
#include "preprocess.hpp"

namespace precinct::digitize {

enum class PageStatus { kPending, kDone, kBlank, kFailed };
std::string_view PageStatusName(PageStatus status);
std::optional<PageStatus> ParsePageStatus(std::string_view name);

struct PageResult {
    int no = 0;  // 1-based
    PageStatus status = PageStatus::kPending;
    std::string error;  // why the page failed
    PageOcr ocr;
    std::string text;
    double confidence = -1;  // MeanConfidence, -1 without words
    std::string jpeg;        // the prepared page image
    int width = 0, height = 0, dpi = 300;
    double skew_deg = 0;
    int rotation = 0;
    bool stretched = false, binarized = false;
};

struct PipelineSettings {
    PrepareOptions prepare;
    int jpeg_quality = 60;
};

// Renders, prepares and recognizes page `index` (0-based) of `doc`. Never an error: a page that cannot be read or
// recognized comes back kFailed with the reason, so one bad page does not stop its document.
PageResult ProcessPage(const SourceDocument& doc, int index, OcrEngine& engine, const PipelineSettings& settings);

// Fields of a document from the text of its first pages that have text (the header is on the first page; a cover
// sheet or a blank page may come before it).
DocFields DocumentFields(const std::vector<const PageResult*>& pages);

// Writes the searchable PDF of `pages` (in order) to `out`; pages without an image are skipped.
Status WriteDocumentPdf(std::ostream& out, const std::vector<const PageResult*>& pages, const std::string& font,
                        const std::string& title);

// What the result JSON says of a document besides its pages (see ResultJson in json_codec.hpp).
struct DocumentSummary {
    std::string file, format, lang;
    DocFields fields;
    double elapsed_s = -1;  // -1: not measured
};
// Mean confidence over the pages that have words, weighted by their words; -1 if none.
double DocumentConfidence(const std::vector<const PageResult*>& pages);

}  // namespace precinct::digitize
