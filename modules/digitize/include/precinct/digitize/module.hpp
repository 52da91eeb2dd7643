#pragma once
// Document digitization: scans and PDFs uploaded by clerks become searchable PDFs, text and the fields of
// Vietnamese administrative documents, OCRed by a pool of Tesseract workers, and findable by full-text search that
// ignores accents.
#include <cstddef>
#include <memory>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "server/module.hpp"

namespace precinct::digitize {

struct Settings {
    bool enabled = true;
    int workers = 0;               // OCR worker threads; 0: one per core
    std::string lang = "vie+eng";  // default languages of an upload
    std::string tessdata_dir;      // empty: $TESSDATA_PREFIX or Debian's directory
    std::size_t max_upload_bytes = 100u * 1024 * 1024;
    int max_pages = 1000;   // per document
    int pdf_dpi = 300;      // PDF pages are rasterized at this resolution
    std::string files_dir;  // empty: <data-dir>/documents
};

Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

}  // namespace precinct::digitize
