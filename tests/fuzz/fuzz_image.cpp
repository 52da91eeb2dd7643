// Fuzz target: the photo sanitizer of the reports module (sniffing, container walks, EXIF GPS parser, then OpenCV),
// with keep_location on. Limits are smaller than the defaults so that inputs claiming large images stay fast to
// decode; the code paths are the same. Besides not crashing or leaking: a success is a JPEG no larger than the
// output limit, a GPS position is in range and came from a JPEG, and error messages are printable ASCII.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <opencv2/core/utils/logger.hpp>

#include "image_sanitizer.hpp"

namespace {

void Require(bool condition) {
    if (!condition) std::abort();
}

void RequirePrintable(std::string_view text) {
    for (const char c : text) Require(c >= 0x20 && c < 0x7F);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    precinct::reports::ImageLimits limits;
    limits.max_width = 2048;
    limits.max_height = 2048;
    limits.max_pixels = 2'000'000;
    limits.output_max_side = 256;

    const auto result = precinct::reports::SanitizeImage(bytes, limits, true);
    if (!result) {
        Require(!result.error().message.empty());
        RequirePrintable(result.error().message);
        Require(result.error().field == "photo");
        return 0;
    }
    const auto& image = *result;
    Require(image.jpeg.size() >= 4 && static_cast<unsigned char>(image.jpeg[0]) == 0xFF &&
            static_cast<unsigned char>(image.jpeg[1]) == 0xD8);
    Require(image.width >= 1 && image.height >= 1);
    Require(image.width <= limits.output_max_side && image.height <= limits.output_max_side);
    Require(image.source_format == "jpeg" || image.source_format == "png" || image.source_format == "webp");
    Require(image.gps_lat.has_value() == image.gps_lon.has_value());
    if (image.gps_lat) {
        Require(image.source_format == "jpeg");
        Require(std::isfinite(*image.gps_lat) && std::abs(*image.gps_lat) <= 90);
        Require(std::isfinite(*image.gps_lon) && std::abs(*image.gps_lon) <= 180);
    }
    return 0;
}
