#pragma once
// Searchable PDF (PDF 1.5): each page is the scanned image with the recognized words laid over it as invisible
// text (rendering mode 3) in a glyphless font, so a viewer shows the scan while selection, search and copy give the
// words. The font is a Type 0 font with Identity-H encoding whose character codes are the words' Unicode code
// points (BMP), a CIDToGIDMap sending every code to the font's one blank glyph, and a ToUnicode map of identity,
// which is what makes copied text come out as written. Each word is scaled horizontally to span its box.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "engine.hpp"

namespace precinct::digitize {

struct PdfPage {
    int width_px = 0, height_px = 0, dpi = 300;
    std::string_view jpeg;         // the page image, baseline JPEG, grey or RGB
    bool grey = true;              // the JPEG's colour space
    const PageOcr* ocr = nullptr;  // null: an image-only page (blank or failed)
};

// Writes one PDF to `out` page by page, so a long document holds one page in memory at a time.
class PdfWriter {
public:
    // `font_program`: a TrueType font whose glyph 1 is blank (Tesseract's pdf.ttf, see LoadGlyphlessFont).
    PdfWriter(std::ostream& out, std::string font_program, std::string title);
    Status AddPage(const PdfPage& page);
    // Writes the page tree, the cross-reference table and the trailer. Call once, after the last page.
    Status Finish();

private:
    int NewObject();
    void BeginObject(int id);
    void WriteStream(int id, std::string_view dict_extra, std::string_view data, bool compress);

    std::ostream& out_;
    std::string font_;
    std::string title_;
    std::vector<std::streamoff> offsets_;  // by object number - 1
    std::vector<int> page_ids_;
    std::streamoff start_ = 0;
    bool finished_ = false;
};

// The glyphless font of Tesseract's data directory (pdf.ttf). kUnavailable if it is missing.
Result<std::string> LoadGlyphlessFont(const std::string& tessdata_dir);

// The PDF content-stream operators that draw the invisible words of one page (exposed for tests).
std::string TextLayer(const PageOcr& ocr, int height_px, int dpi);

}  // namespace precinct::digitize
