#pragma once
// The OCR engine behind a small interface, so tests can substitute a fake and the service does not know Tesseract.
// One engine instance serves one thread at a time; a pool keeps one per worker thread, created once and reused.
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "pix.hpp"

namespace precinct::digitize {

struct Box {
    int x = 0, y = 0, w = 0, h = 0;  // pixels of the page image, origin top left
    bool operator==(const Box&) const = default;
};

struct OcrWord {
    std::string text;  // UTF-8, NFC
    Box box;
    float confidence = 0;  // 0..100
    int line = 0;          // index into PageOcr::lines
};

struct OcrLine {
    Box box;
    int baseline_y = 0;         // at the line's left edge, pixels from the top
    double baseline_slope = 0;  // dy/dx of the baseline
    int paragraph = 0;          // lines of one paragraph share this number, increasing down the page
};

struct PageOcr {
    int width = 0, height = 0, dpi = 300;
    std::vector<OcrLine> lines;
    std::vector<OcrWord> words;  // in reading order
};

class OcrEngine {
public:
    virtual ~OcrEngine() = default;
    // Recognizes one prepared page. Not thread-safe: one call at a time per instance.
    virtual Result<PageOcr> Recognize(const Pix& page) = 0;
};

struct EngineSettings {
    std::string lang = "vie+eng";  // Tesseract language codes joined by '+'
    std::string datapath;          // directory of the .traineddata files; empty: Debian's tessdata directory
};

// Checks the language codes (lower-case letters, digits and '_', joined by '+', at most 4) and that each model
// file exists. kInvalidArgument naming `field` otherwise.
Status CheckLanguages(const EngineSettings& settings, const char* field = "lang");
// The tessdata directory in use: settings.datapath, $TESSDATA_PREFIX, or Debian's.
std::string TessdataDir(const EngineSettings& settings);

// Tesseract 5 with the LSTM engine. Creating one loads the models (a fraction of a second): do it once per thread.
Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const EngineSettings& settings);

// Turns Tesseract's OpenMP threading off for the calling thread (engines call it before each page): Debian builds
// Tesseract with OpenMP, whose thread teams are many times slower than one thread per page on a machine with few
// cores. Pages run in parallel instead.
void DisableEngineThreading();

}  // namespace precinct::digitize
