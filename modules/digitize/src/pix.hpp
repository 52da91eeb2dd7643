#pragma once
// Owning handle for a Leptonica image. Leptonica's own reference counting is not used: one owner per image.
#include <leptonica/allheaders.h>

#include <memory>

namespace precinct::digitize {

struct PixDeleter {
    void operator()(Pix* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Leptonica and libtiff print diagnostics to stderr; the module reports errors as values instead. Idempotent.
void QuietImageLibraries();

}  // namespace precinct::digitize
