#pragma once
// Finding and reading Vietnamese licence plates in images, with pretrained PP-OCRv4 networks (a DB text
// detector and an SVTR/CTC text recognizer) run through OpenCV DNN, and the plate grammar to correct look-alike
// characters and to refuse text that cannot be a plate.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "core/result.hpp"
#include "precinct/vision/plate_grammar.hpp"

namespace precinct::vision {

// Background colour class of a plate (Law 36/2024 Art. 36(2)): white private, yellow commercial transport, blue
// state agencies, red military. A heuristic on the crop's colours, not a classifier: lighting shifts it.
enum class PlateColour { kWhite, kYellow, kBlue, kRed };
std::string_view PlateColourName(PlateColour colour);
PlateColour ClassifyPlateColour(const cv::Mat& bgr_crop);

struct Box {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};
double IntersectionOverUnion(const Box& a, const Box& b);

struct PlateFinding {
    PlateText plate;
    std::string raw;        // the recognizer's characters before the grammar, rows joined by '/'
    double confidence = 0;  // mean probability of the read characters
    Box box;                // in the image
    PlateColour colour = PlateColour::kWhite;
    cv::Mat crop;  // the rectified plate (BGR), for storage and alerts
};

// One row of text as the recognizer reads it, restricted to [0-9A-Z].
struct RowRead {
    std::string text;
    double confidence = 0;
};

struct ReaderOptions {
    int threads = 0;              // OpenCV's threads for the networks; 0 keeps OpenCV's default
    double min_confidence = 0.5;  // reads below are dropped
    int detector_side = 640;      // the detector's square input (the prepared model is fixed at 640)
};

// The prepared models: rec_48x320.onnx, det_640x640.onnx, keys.txt (scripts/setup writes them).
std::filesystem::path DefaultPlateModelsDir();

class PlateReader {
public:
    static Result<std::unique_ptr<PlateReader>> Load(const std::filesystem::path& models_dir,
                                                     const ReaderOptions& options = {});
    virtual ~PlateReader() = default;

    // Every plate in a picture (scene or crop): detection, row pairing of two-row plates, rectification,
    // reading, grammar; overlapping finds are suppressed. An image that is nothing but a plate is read whole.
    virtual std::vector<PlateFinding> Read(const cv::Mat& bgr) = 0;
    // The image is one plate (a crop): one or two rows by shape, read both ways where the shape is ambiguous.
    virtual std::optional<PlateFinding> ReadCrop(const cv::Mat& bgr) = 0;
    // The recognizer alone on one row of text.
    virtual RowRead ReadRow(const cv::Mat& bgr) = 0;
};

}  // namespace precinct::vision
