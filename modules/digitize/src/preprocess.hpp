#pragma once
// Page preparation before OCR, with Leptonica: grey conversion, blank-page detection, orientation (0/90/180/270)
// and skew correction, contrast stretching of faint scans and local (Sauvola) binarization of unevenly lit ones
// (photocopies, shadows), where Tesseract's global Otsu threshold loses text.
#include "core/result.hpp"
#include "pix.hpp"

namespace precinct::digitize {

struct PrepareOptions {
    bool detect_blank = true;
    bool fix_orientation = true;
    bool deskew = true;
    bool enhance = true;           // contrast stretch and binarization where the page needs them
    int min_text_components = 12;  // fewer text-sized marks than this in the page's inner area: blank
};

struct PreparedPage {
    PixPtr display;  // 8-bit grey, rotated and deskewed: what the searchable PDF shows and the viewer serves
    PixPtr ocr;      // what the engine reads: `display`, or its binarization for a poor scan
    bool blank = false;
    double skew_deg = 0;                   // the correction applied, in degrees (counter-clockwise positive)
    int rotation = 0;                      // 0, 90, 180 or 270 degrees clockwise applied to bring the text upright
    bool stretched = false;                // low contrast was stretched
    bool binarized = false;                // uneven background was binarized locally
    int ink_level = 0, paper_level = 255;  // 2nd and 90th percentile grey of the original page
};

// Never fails on a decodable image; kInternal only when Leptonica runs out of memory.
Result<PreparedPage> PreparePage(const Pix& page, const PrepareOptions& options = {});

}  // namespace precinct::digitize
