#pragma once
// Leptonica pieces the codec part shares (faces, QR codes): an owning pointer to a PIX and PNG encoding.
#include <allheaders.h>

#include <memory>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// The image as a PNG file. kInternal when Leptonica cannot encode it.
inline Result<Bytes> PixToPng(PIX* pix) {
    l_uint8* data = nullptr;
    size_t size = 0;
    if (pixWriteMem(&data, &size, pix, IFF_PNG) != 0 || data == nullptr) {
        return Fail(ErrorCode::kInternal, "PNG: encoding failed");
    }
    Bytes out(data, data + size);
    lept_free(data);
    return out;
}

}  // namespace precinct::identity
