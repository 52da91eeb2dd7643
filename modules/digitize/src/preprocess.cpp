#include "preprocess.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace precinct::digitize {
namespace {

// Grey levels at the given fractions of a histogram of `grey` (sampled every `factor` pixels).
std::array<int, 2> Percentiles(Pix* grey, double low, double high) {
    std::array<int, 2> out{0, 255};
    NUMA* hist = pixGetGrayHistogram(grey, 4);
    if (hist == nullptr) return out;
    double total = 0;
    const int n = numaGetCount(hist);
    for (int i = 0; i < n; ++i) {
        l_float32 v = 0;
        numaGetFValue(hist, i, &v);
        total += v;
    }
    double acc = 0;
    bool got_low = false;
    for (int i = 0; i < n; ++i) {
        l_float32 v = 0;
        numaGetFValue(hist, i, &v);
        acc += v;
        if (!got_low && acc >= low * total) {
            out[0] = i;
            got_low = true;
        }
        if (acc >= high * total) {
            out[1] = i;
            break;
        }
    }
    numaDestroy(&hist);
    return out;
}

// Spread of the paper's brightness over the page: the range of the per-tile 90th percentiles on a 4 x 4 grid.
int BackgroundSpread(Pix* grey) {
    const int w = pixGetWidth(grey), h = pixGetHeight(grey);
    int lo = 255, hi = 0;
    for (int ty = 0; ty < 4; ++ty) {
        for (int tx = 0; tx < 4; ++tx) {
            BOX* box = boxCreate(tx * w / 4, ty * h / 4, w / 4, h / 4);
            PixPtr tile(pixClipRectangle(grey, box, nullptr));
            boxDestroy(&box);
            if (!tile) continue;
            const int paper = Percentiles(tile.get(), 0.02, 0.9)[1];
            lo = std::min(lo, paper);
            hi = std::max(hi, paper);
        }
    }
    return hi - lo;
}

// Text-sized connected components of a binary image in its inner area (scanner edges and holes excluded):
// at 300 dpi, between ~1 pt and ~1 inch on each side.
int TextComponents(Pix* binary) {
    const int w = pixGetWidth(binary), h = pixGetHeight(binary);
    const int res = std::max(72, pixGetXRes(binary));
    BOX* inner = boxCreate(w / 20, h / 20, w - w / 10, h - h / 10);
    PixPtr clip(pixClipRectangle(binary, inner, nullptr));
    boxDestroy(&inner);
    if (!clip) return 0;
    BOXA* boxes = pixConnCompBB(clip.get(), 8);
    if (boxes == nullptr) return 0;
    const int min_side = std::max(2, res / 100), max_side = res;
    int count = 0;
    const int n = boxaGetCount(boxes);
    for (int i = 0; i < n; ++i) {
        l_int32 bx = 0, by = 0, bw = 0, bh = 0;
        boxaGetBoxGeometry(boxes, i, &bx, &by, &bw, &bh);
        if (bh >= min_side && bh <= max_side && bw <= max_side * 4 && bw * bh >= min_side * min_side * 2) ++count;
    }
    boxaDestroy(&boxes);
    return count;
}

}  // namespace

Result<PreparedPage> PreparePage(const Pix& page_in, const PrepareOptions& options) {
    QuietImageLibraries();
    Pix* page = const_cast<Pix*>(&page_in);  // Leptonica's API takes non-const pointers; nothing here writes to it
    PreparedPage out;
    PixPtr grey(pixGetDepth(page) == 32 ? pixConvertRGBToLuminance(page) : pixConvertTo8(page, 0));
    if (!grey) return Fail(ErrorCode::kInternal, "cannot convert the page to grey");
    if (pixGetXRes(grey.get()) <= 0) pixSetResolution(grey.get(), 300, 300);

    const auto levels = Percentiles(grey.get(), 0.02, 0.9);
    out.ink_level = levels[0];
    out.paper_level = levels[1];

    // Faint scans: stretch the range between ink and paper over the whole grey scale.
    if (options.enhance && out.paper_level - out.ink_level < 140 && out.paper_level > out.ink_level + 20) {
        pixGammaTRC(grey.get(), grey.get(), 1.0F, out.ink_level, out.paper_level);
        out.stretched = true;
    }

    PixPtr binary(pixThresholdToBinary(grey.get(), 150));
    if (!binary) return Fail(ErrorCode::kInternal, "cannot binarize the page");
    if (options.detect_blank && TextComponents(binary.get()) < options.min_text_components) {
        out.blank = true;
        out.display = std::move(grey);
        return out;
    }

    if (options.fix_orientation) {
        l_float32 up = 0, left = 0;
        l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
        if (pixOrientDetect(binary.get(), &up, &left, 0, 0) == 0 &&
            makeOrientDecision(up, left, 0.0F, 0.0F, &orient, 0) == 0) {
            // Quarter turns clockwise that bring the text upright.
            int quads = 0;
            if (orient == L_TEXT_ORIENT_LEFT) quads = 1;
            if (orient == L_TEXT_ORIENT_DOWN) quads = 2;
            if (orient == L_TEXT_ORIENT_RIGHT) quads = 3;
            if (quads != 0) {
                PixPtr turned(pixRotateOrth(grey.get(), quads));
                if (turned) {
                    grey = std::move(turned);
                    out.rotation = quads * 90;
                }
            }
        }
    }

    if (options.deskew) {
        l_float32 angle = 0, conf = 0;
        PixPtr straight(pixDeskewGeneral(grey.get(), 0, 0.0F, 0.0F, 0, 0, &angle, &conf));
        if (straight && std::abs(angle) >= 0.1F && conf >= 3.0F) {
            grey = std::move(straight);
            out.skew_deg = angle;
        }
    }

    // Uneven paper (photocopy shading, a shadow along the spine): binarize with a local threshold.
    if (options.enhance && BackgroundSpread(grey.get()) > 45) {
        Pix* local = nullptr;
        if (pixSauvolaBinarizeTiled(grey.get(), 24, 0.34F, 2, 2, nullptr, &local) == 0 && local != nullptr) {
            out.ocr.reset(local);
            pixSetResolution(out.ocr.get(), pixGetXRes(grey.get()), pixGetYRes(grey.get()));
            out.binarized = true;
        }
    }
    if (!out.ocr) out.ocr.reset(pixCopy(nullptr, grey.get()));
    if (!out.ocr) return Fail(ErrorCode::kInternal, "out of memory for a page image");
    out.display = std::move(grey);
    return out;
}

}  // namespace precinct::digitize
