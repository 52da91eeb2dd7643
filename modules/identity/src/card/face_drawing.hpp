#pragma once
// The face of the software cards: a small drawn portrait (not a photograph of anyone), encoded for DG2.
#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity {

inline constexpr int kDrawnFaceWidth = 90;
inline constexpr int kDrawnFaceHeight = 120;

enum class DrawnFaceFormat { kJpeg, kJpeg2000 };

// A kDrawnFaceWidth x kDrawnFaceHeight colour portrait (head, hair, eyes, mouth, shoulders on a pale background)
// encoded as JPEG (JFIF) or JPEG 2000 (JP2). Deterministic. kInternal when the encoder fails.
Result<Bytes> DrawFace(DrawnFaceFormat format);

}  // namespace precinct::identity
