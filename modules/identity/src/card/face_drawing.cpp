#include "card/face_drawing.hpp"

#include <leptonica/allheaders.h>

#include <cstdlib>
#include <memory>

namespace precinct::identity {

namespace {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
struct PtaDeleter {
    void operator()(PTA* pta) const { ptaDestroy(&pta); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;
using PtaPtr = std::unique_ptr<PTA, PtaDeleter>;

struct Rgb {
    l_uint8 r, g, b;
};

// Paints an ellipse centred at (cx, cy) with half-axes rx, ry.
void FillEllipse(PIX* pix, int cx, int cy, int rx, int ry, Rgb colour) {
    const int radius = rx > ry ? rx : ry;
    PtaPtr disc(generatePtaFilledCircle(radius));
    if (!disc) return;
    const float sx = static_cast<float>(rx) / static_cast<float>(radius);
    const float sy = static_cast<float>(ry) / static_cast<float>(radius);
    // The disc's points lie in [0, 2 radius]: scale, then move its centre to (cx, cy).
    PtaPtr scaled(ptaTransform(disc.get(), 0, 0, sx, sy));
    if (!scaled) return;
    PtaPtr placed(ptaTransform(scaled.get(), cx - rx, cy - ry, 1.0f, 1.0f));
    if (!placed) return;
    pixRenderPtaArb(pix, placed.get(), colour.r, colour.g, colour.b);
}

}  // namespace

Result<Bytes> DrawFace(DrawnFaceFormat format) {
    PixPtr pix(pixCreate(kDrawnFaceWidth, kDrawnFaceHeight, 32));
    if (!pix) return Fail(ErrorCode::kInternal, "face drawing: cannot allocate the image");
    l_uint32 background = 0;
    composeRGBPixel(232, 240, 248, &background);
    pixSetAllArbitrary(pix.get(), background);
    constexpr Rgb kShirt{40, 70, 120};
    constexpr Rgb kSkin{236, 196, 160};
    constexpr Rgb kHair{35, 28, 24};
    constexpr Rgb kEye{30, 30, 40};
    constexpr Rgb kMouth{170, 70, 70};
    FillEllipse(pix.get(), 45, 122, 40, 22, kShirt);
    FillEllipse(pix.get(), 45, 94, 9, 12, kSkin);   // neck
    FillEllipse(pix.get(), 45, 50, 27, 29, kHair);  // hair behind the head
    FillEllipse(pix.get(), 45, 58, 24, 30, kSkin);  // face
    FillEllipse(pix.get(), 36, 52, 3, 2, kEye);
    FillEllipse(pix.get(), 54, 52, 3, 2, kEye);
    pixRenderLineArb(pix.get(), 38, 74, 52, 74, 2, kMouth.r, kMouth.g, kMouth.b);
    pixRenderLineArb(pix.get(), 45, 58, 44, 66, 1, 190, 150, 120);  // nose

    l_uint8* data = nullptr;
    size_t size = 0;
    const l_int32 leptonica_format = format == DrawnFaceFormat::kJpeg ? IFF_JFIF_JPEG : IFF_JP2;
    if (pixWriteMem(&data, &size, pix.get(), leptonica_format) != 0 || data == nullptr) {
        if (data != nullptr) lept_free(data);
        return Fail(ErrorCode::kInternal, "face drawing: the image encoder failed");
    }
    Bytes out(data, data + size);
    lept_free(data);
    return out;
}

}  // namespace precinct::identity
