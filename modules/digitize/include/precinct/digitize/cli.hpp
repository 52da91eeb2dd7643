#pragma once
// `precinct ocr`: scans to searchable PDFs, text and field JSON from the command line, without a server.
#include <string>
#include <vector>

namespace precinct::digitize {

struct OcrOptions {
    std::vector<std::string> inputs;  // PNG, JPEG, TIFF (multi-page) or PDF files
    std::string out_dir;
    std::string lang = "vie+eng";
    int jobs = 0;          // worker threads, one engine each; 0: one per core
    bool progress = true;  // a progress bar when standard error is a terminal
    int pdf_dpi = 300;
};

// Writes DIR/<stem>.pdf, .txt and .json for each input. Returns 0 when every input was processed, 1 when some
// could not be (each named on standard error; the others are still written), 2 for bad options.
int RunOcr(const OcrOptions& options);

}  // namespace precinct::digitize
