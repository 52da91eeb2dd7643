#include "precinct/vision/plate_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <numeric>

#include <fmt/format.h>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#ifndef PRECINCT_DEFAULT_PLATE_MODELS
#define PRECINCT_DEFAULT_PLATE_MODELS "models/ppocr"
#endif

namespace precinct::vision {
namespace {

constexpr int kRecHeight = 48;
constexpr int kRecWidth = 320;

// Shapes of plates (QCVN 08:2024): a long car plate is 4.7:1, a short car plate 2:1, a motorbike plate 1.36:1.
// Crops wider than kOneRowAspect are one row, narrower than kTwoRowAspect two rows; between, both are tried.
constexpr double kOneRowAspect = 3.4;
constexpr double kTwoRowAspect = 1.7;

cv::Rect Clamp(const cv::Rect& r, const cv::Size& size) { return r & cv::Rect(0, 0, size.width, size.height); }

Box ToBox(const cv::Rect& r) { return Box{r.x, r.y, r.width, r.height}; }

// The row where a two-row plate splits: the least edge energy in the middle band of the crop.
int SplitRow(const cv::Mat& bgr) {
    cv::Mat gray, dy;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    cv::Sobel(gray, dy, CV_32F, 0, 1);
    cv::Mat dx;
    cv::Sobel(gray, dx, CV_32F, 1, 0);
    cv::Mat energy = cv::abs(dx) + cv::abs(dy);
    cv::Mat rows;
    cv::reduce(energy, rows, 1, cv::REDUCE_SUM, CV_32F);
    const int lo = static_cast<int>(bgr.rows * 0.35);
    const int hi = std::max(lo + 1, static_cast<int>(bgr.rows * 0.65));
    int best = bgr.rows / 2;
    float best_value = std::numeric_limits<float>::max();
    for (int y = lo; y < hi; ++y) {
        // A three-row window, so one thin line of noise does not decide.
        float v = 0;
        for (int k = -1; k <= 1; ++k) v += rows.at<float>(std::clamp(y + k, 0, bgr.rows - 1));
        if (v < best_value) {
            best_value = v;
            best = y;
        }
    }
    return best;
}

// A rectified crop of a rotated box (its long side horizontal).
cv::Mat Rectify(const cv::Mat& image, const cv::RotatedRect& rect) {
    cv::RotatedRect r = rect;
    if (r.size.width < r.size.height) {
        std::swap(r.size.width, r.size.height);
        r.angle += 90;
    }
    if (r.angle > 45) r.angle -= 180;
    if (r.angle < -45) r.angle += 180;
    std::array<cv::Point2f, 4> pts;
    r.points(pts.data());
    // Order: top-left, top-right, bottom-right, bottom-left.
    std::sort(pts.begin(), pts.end(), [](const cv::Point2f& a, const cv::Point2f& b) { return a.x < b.x; });
    cv::Point2f tl = pts[0].y < pts[1].y ? pts[0] : pts[1];
    cv::Point2f bl = pts[0].y < pts[1].y ? pts[1] : pts[0];
    cv::Point2f tr = pts[2].y < pts[3].y ? pts[2] : pts[3];
    cv::Point2f br = pts[2].y < pts[3].y ? pts[3] : pts[2];
    const int w = std::max(1, static_cast<int>(std::lround(r.size.width)));
    const int h = std::max(1, static_cast<int>(std::lround(r.size.height)));
    const std::array<cv::Point2f, 4> src{tl, tr, br, bl};
    const std::array<cv::Point2f, 4> dst{cv::Point2f(0, 0), cv::Point2f(static_cast<float>(w), 0),
                                         cv::Point2f(static_cast<float>(w), static_cast<float>(h)),
                                         cv::Point2f(0, static_cast<float>(h))};
    const cv::Mat m = cv::getPerspectiveTransform(src.data(), dst.data());
    cv::Mat out;
    cv::warpPerspective(image, out, m, cv::Size(w, h), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return out;
}

// A text line the detector found.
struct Line {
    cv::RotatedRect rect;
    cv::Rect bounds;
    double score = 0;
};

class OnnxPlateReader final : public PlateReader {
public:
    OnnxPlateReader(cv::dnn::Net rec, cv::dnn::Net det, std::vector<std::string> keys, ReaderOptions options)
        : rec_(std::move(rec)), det_(std::move(det)), keys_(std::move(keys)), options_(options) {
        // CTC index 0 is the blank; the recognizer may emit only digits and capital Latin letters here.
        allowed_.push_back(0);
        for (std::size_t i = 1; i < keys_.size(); ++i) {
            const auto& k = keys_[i];
            if (k.size() == 1 && ((k[0] >= '0' && k[0] <= '9') || (k[0] >= 'A' && k[0] <= 'Z'))) {
                allowed_.push_back(static_cast<int>(i));
            }
        }
    }

    RowRead ReadRow(const cv::Mat& bgr) override {
        if (bgr.empty()) return {};
        const int w = std::clamp(static_cast<int>(std::ceil(kRecHeight * static_cast<double>(bgr.cols) / bgr.rows)),
                                 1, kRecWidth);
        cv::Mat resized;
        cv::resize(bgr, resized, cv::Size(w, kRecHeight), 0, 0, cv::INTER_LINEAR);
        cv::Mat padded(kRecHeight, kRecWidth, CV_32FC3, cv::Scalar(0, 0, 0));
        cv::Mat f;
        resized.convertTo(f, CV_32FC3, 2.0 / 255.0, -1.0);  // (x / 255 - 0.5) / 0.5
        f.copyTo(padded(cv::Rect(0, 0, w, kRecHeight)));
        const cv::Mat blob = cv::dnn::blobFromImage(padded);
        rec_.setInput(blob);
        const cv::Mat out = rec_.forward();  // 1 x T x classes, softmax probabilities
        const int steps = out.size[1];
        const int classes = out.size[2];
        RowRead read;
        double sum = 0;
        int count = 0;
        int previous = 0;
        for (int t = 0; t < steps; ++t) {
            const float* p = out.ptr<float>(0, t);
            int best = 0;
            float best_p = -1;
            for (int c : allowed_) {
                if (c < classes && p[c] > best_p) {
                    best_p = p[c];
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                read.text += keys_[static_cast<std::size_t>(best)];
                sum += best_p;
                ++count;
            }
            previous = best;
        }
        read.confidence = count > 0 ? sum / count : 0;
        return read;
    }

    std::optional<PlateFinding> ReadCrop(const cv::Mat& bgr) override {
        if (bgr.empty() || bgr.rows < 4 || bgr.cols < 4) return std::nullopt;
        const double aspect = static_cast<double>(bgr.cols) / bgr.rows;
        std::optional<PlateFinding> best;
        auto consider = [&](std::optional<PlateFinding> f) {
            if (!f) return;
            if (!best || Better(*f, *best)) best = std::move(f);
        };
        if (aspect >= kTwoRowAspect) consider(OneRow(bgr));
        if (aspect <= kOneRowAspect) {
            const int split = SplitRow(bgr);
            consider(TwoRows(bgr(cv::Rect(0, 0, bgr.cols, split)), bgr(cv::Rect(0, split, bgr.cols, bgr.rows - split)),
                             bgr));
        }
        if (best) {
            best->box = Box{0, 0, bgr.cols, bgr.rows};
            best->crop = bgr.clone();
        }
        return best;
    }

    std::vector<PlateFinding> Read(const cv::Mat& bgr) override {
        std::vector<PlateFinding> found;
        if (bgr.empty()) return found;
        const auto lines = Detect(bgr);
        // Each line is rectified and read as one row once; the one-row candidates and the two-row pairs below
        // reuse these reads (the recognizer is most of a frame's cost).
        std::vector<cv::Mat> crops;
        std::vector<RowRead> rows;
        crops.reserve(lines.size());
        rows.reserve(lines.size());
        for (const auto& line : lines) {
            crops.push_back(Rectify(bgr, line.rect));
            rows.push_back(ReadRow(crops.back()));
        }
        // Candidates: every line alone (a one-row plate, or a two-row plate the detector saw as one region)...
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const cv::Mat& crop = crops[i];
            const double aspect = static_cast<double>(crop.cols) / std::max(1, crop.rows);
            std::optional<PlateFinding> best;
            if (aspect >= kTwoRowAspect) best = FromRow(rows[i], crop);
            // Splitting costs two more reads: not for a line already read as a confident one-row plate.
            const bool settled = best && best->confidence >= 0.9 && best->plate.corrections == 0;
            if (aspect <= kOneRowAspect && crop.rows >= 8 && !settled) {
                const int split = SplitRow(crop);
                auto two = TwoRows(crop(cv::Rect(0, 0, crop.cols, split)),
                                   crop(cv::Rect(0, split, crop.cols, crop.rows - split)), crop);
                if (two && (!best || Better(*two, *best))) best = std::move(two);
            }
            if (best) {
                best->box = ToBox(lines[i].bounds);
                best->crop = crop;
                found.push_back(std::move(*best));
            }
        }
        // ...and every pair of lines stacked like the rows of a two-row plate.
        for (std::size_t i = 0; i < lines.size(); ++i) {
            for (std::size_t j = 0; j < lines.size(); ++j) {
                if (i == j || !StackedRows(lines[i].bounds, lines[j].bounds)) continue;
                const cv::Rect both = Clamp(lines[i].bounds | lines[j].bounds, bgr.size());
                if (auto f = FromRows(rows[i], rows[j], bgr(both))) {
                    f->box = ToBox(both);
                    f->crop = bgr(both).clone();
                    found.push_back(std::move(*f));
                }
            }
        }
        // A picture that is nothing but a plate: its text fills it, or it is too small for the detector's grid.
        double text_area = 0;
        for (const auto& line : lines) text_area += line.bounds.area();
        const double area = static_cast<double>(bgr.cols) * bgr.rows;
        if (std::max(bgr.cols, bgr.rows) <= 400 || text_area >= 0.2 * area) {
            if (auto f = ReadCrop(bgr)) found.push_back(std::move(*f));
        }
        return Suppress(std::move(found));
    }

private:
    // Whole reads rank by (fewer corrections, then confidence); a two-row read that fits beats a one-row one only
    // by these measures.
    static bool Better(const PlateFinding& a, const PlateFinding& b) {
        const double sa = a.confidence - 0.08 * a.plate.corrections;
        const double sb = b.confidence - 0.08 * b.plate.corrections;
        return sa > sb;
    }

    std::optional<PlateFinding> OneRow(const cv::Mat& bgr) { return FromRow(ReadRow(bgr), bgr); }

    std::optional<PlateFinding> FromRow(const RowRead& row, const cv::Mat& bgr) const {
        auto plate = ReadPlate(row.text);
        if (!plate || row.confidence < options_.min_confidence) return std::nullopt;
        PlateFinding f;
        f.plate = std::move(*plate);
        f.raw = row.text;
        f.confidence = row.confidence;
        f.colour = ClassifyPlateColour(bgr);
        return f;
    }

    std::optional<PlateFinding> TwoRows(const cv::Mat& top, const cv::Mat& bottom, const cv::Mat& whole) {
        if (top.rows < 2 || bottom.rows < 2) return std::nullopt;
        return FromRows(ReadRow(top), ReadRow(bottom), whole);
    }

    std::optional<PlateFinding> FromRows(const RowRead& a, const RowRead& b, const cv::Mat& whole) const {
        auto plate = ReadPlate(a.text, b.text);
        const std::size_t chars = a.text.size() + b.text.size();
        if (!plate || chars == 0) return std::nullopt;
        const double confidence =
            (a.confidence * static_cast<double>(a.text.size()) + b.confidence * static_cast<double>(b.text.size())) /
            static_cast<double>(chars);
        if (confidence < options_.min_confidence) return std::nullopt;
        PlateFinding f;
        f.plate = std::move(*plate);
        f.raw = a.text + "/" + b.text;
        f.confidence = confidence;
        f.colour = ClassifyPlateColour(whole);
        return f;
    }

    // Two detected lines that are the rows of one plate: the first above, overlapping horizontally, close,
    // of similar height.
    static bool StackedRows(const cv::Rect& top, const cv::Rect& bottom) {
        if (top.y >= bottom.y) return false;
        const int overlap = std::min(top.br().x, bottom.br().x) - std::max(top.x, bottom.x);
        if (overlap < 0.5 * std::min(top.width, bottom.width)) return false;
        const double h = 0.5 * (top.height + bottom.height);
        const int gap = bottom.y - top.br().y;
        if (gap > 0.6 * h) return false;
        const double ratio = static_cast<double>(top.height) / bottom.height;
        if (ratio < 0.4 || ratio > 2.5) return false;
        const double wr = static_cast<double>(top.width) / bottom.width;
        return wr > 0.3 && wr < 3.0;
    }

    std::vector<Line> Detect(const cv::Mat& bgr) {
        const int side = options_.detector_side;
        const double scale = std::min(static_cast<double>(side) / bgr.cols, static_cast<double>(side) / bgr.rows);
        const int w = std::max(1, static_cast<int>(bgr.cols * scale));
        const int h = std::max(1, static_cast<int>(bgr.rows * scale));
        cv::Mat resized;
        cv::resize(bgr, resized, cv::Size(w, h));
        cv::Mat f;
        resized.convertTo(f, CV_32FC3, 1.0 / 255.0);
        // PP-OCR's detector normalization, on the BGR image as it was trained.
        cv::subtract(f, cv::Scalar(0.485, 0.456, 0.406), f);
        cv::divide(f, cv::Scalar(0.229, 0.224, 0.225), f);
        cv::Mat input(side, side, CV_32FC3, cv::Scalar(0, 0, 0));
        f.copyTo(input(cv::Rect(0, 0, w, h)));
        det_.setInput(cv::dnn::blobFromImage(input));
        const cv::Mat out = det_.forward();  // 1 x 1 x side x side probabilities
        const cv::Mat prob(side, side, CV_32F, const_cast<float*>(out.ptr<float>()));
        const cv::Mat valid = prob(cv::Rect(0, 0, w, h));
        cv::Mat mask = valid > 0.3;
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(mask, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);
        std::vector<Line> lines;
        for (const auto& c : contours) {
            if (c.size() < 4) continue;
            const cv::Rect br = cv::boundingRect(c);
            if (br.width < 4 || br.height < 3) continue;
            cv::Mat m = cv::Mat::zeros(br.size(), CV_8U);
            std::vector<std::vector<cv::Point>> shifted{c};
            for (auto& p : shifted[0]) p -= br.tl();
            cv::fillPoly(m, shifted, cv::Scalar(255));
            const double score = cv::mean(valid(br), m)[0];
            if (score < 0.6) continue;
            cv::RotatedRect rect = cv::minAreaRect(c);
            // DB's maps shrink text; grow by area * 1.5 / perimeter as PP-OCR does.
            const double area = rect.size.area();
            const double perimeter = 2.0 * (rect.size.width + rect.size.height);
            const double grow = perimeter > 0 ? area * 1.5 / perimeter : 0;
            rect.size.width += static_cast<float>(2 * grow);
            rect.size.height += static_cast<float>(2 * grow);
            rect.center.x = static_cast<float>(rect.center.x / scale);
            rect.center.y = static_cast<float>(rect.center.y / scale);
            rect.size.width = static_cast<float>(rect.size.width / scale);
            rect.size.height = static_cast<float>(rect.size.height / scale);
            Line line{rect, Clamp(rect.boundingRect(), bgr.size()), score};
            // Text too small to read, or a tall narrow line (no plate row is), is not worth the recognizer.
            const double long_side = std::max(rect.size.width, rect.size.height);
            const double short_side = std::min(rect.size.width, rect.size.height);
            if (short_side < 6 || long_side < 12 || line.bounds.area() == 0) continue;
            if (line.bounds.height > 1.25 * line.bounds.width) continue;
            lines.push_back(line);
        }
        return lines;
    }

    // Overlapping finds of one plate: keep the better.
    static std::vector<PlateFinding> Suppress(std::vector<PlateFinding> found) {
        std::sort(found.begin(), found.end(), [](const PlateFinding& a, const PlateFinding& b) { return Better(a, b); });
        std::vector<PlateFinding> kept;
        for (auto& f : found) {
            bool overlaps = false;
            for (const auto& k : kept) {
                const Box& a = f.box;
                const Box& b = k.box;
                const int ix = std::max(0, std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x));
                const int iy = std::max(0, std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y));
                const double inter = static_cast<double>(ix) * iy;
                const double smaller = std::min(static_cast<double>(a.width) * a.height,
                                                static_cast<double>(b.width) * b.height);
                if (smaller > 0 && inter / smaller > 0.3) overlaps = true;
            }
            if (!overlaps) kept.push_back(std::move(f));
        }
        return kept;
    }

    cv::dnn::Net rec_;
    cv::dnn::Net det_;
    std::vector<std::string> keys_;
    std::vector<int> allowed_;
    ReaderOptions options_;
};

}  // namespace

std::string_view PlateColourName(PlateColour colour) {
    switch (colour) {
        case PlateColour::kWhite: return "white";
        case PlateColour::kYellow: return "yellow";
        case PlateColour::kBlue: return "blue";
        case PlateColour::kRed: return "red";
    }
    return "white";
}

PlateColour ClassifyPlateColour(const cv::Mat& bgr_crop) {
    if (bgr_crop.empty()) return PlateColour::kWhite;
    cv::Mat hsv;
    cv::cvtColor(bgr_crop, hsv, cv::COLOR_BGR2HSV);
    // The background is most of a plate: count saturated pixels by hue (OpenCV hue is 0..179).
    int yellow = 0, blue = 0, red = 0;
    const int total = hsv.rows * hsv.cols;
    for (int y = 0; y < hsv.rows; ++y) {
        const auto* p = hsv.ptr<cv::Vec3b>(y);
        for (int x = 0; x < hsv.cols; ++x) {
            const int hue = p[x][0], sat = p[x][1], val = p[x][2];
            if (sat < 90 || val < 60) continue;
            if (hue >= 15 && hue <= 38) ++yellow;
            else if (hue >= 95 && hue <= 130) ++blue;
            else if (hue <= 8 || hue >= 165) ++red;
        }
    }
    const int need = total * 35 / 100;
    if (yellow >= need && yellow >= blue && yellow >= red) return PlateColour::kYellow;
    if (blue >= need && blue >= red) return PlateColour::kBlue;
    if (red >= need) return PlateColour::kRed;
    return PlateColour::kWhite;
}

double IntersectionOverUnion(const Box& a, const Box& b) {
    const int ix = std::max(0, std::min(a.x + a.width, b.x + b.width) - std::max(a.x, b.x));
    const int iy = std::max(0, std::min(a.y + a.height, b.y + b.height) - std::max(a.y, b.y));
    const double inter = static_cast<double>(ix) * iy;
    const double uni = static_cast<double>(a.width) * a.height + static_cast<double>(b.width) * b.height - inter;
    return uni > 0 ? inter / uni : 0;
}

std::filesystem::path DefaultPlateModelsDir() { return PRECINCT_DEFAULT_PLATE_MODELS; }

Result<std::unique_ptr<PlateReader>> PlateReader::Load(const std::filesystem::path& models_dir,
                                                       const ReaderOptions& options) {
    const auto rec_path = models_dir / "rec_48x320.onnx";
    const auto det_path = models_dir / "det_640x640.onnx";
    const auto keys_path = models_dir / "keys.txt";
    for (const auto& p : {rec_path, det_path, keys_path}) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(p, ec)) {
            return Fail(ErrorCode::kUnavailable,
                        fmt::format("plate model file {} is missing (scripts/setup prepares the models)", p.string()));
        }
    }
    if (options.detector_side != 640) {
        return Fail(ErrorCode::kInvalidArgument, "the prepared detector takes 640x640 images", "detector_side");
    }
    std::vector<std::string> keys{""};  // CTC blank
    {
        std::ifstream in(keys_path);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) keys.push_back(line);
        }
        keys.emplace_back(" ");  // PP-OCR appends the space class last
    }
    if (options.threads > 0) cv::setNumThreads(options.threads);
    try {
        cv::dnn::Net rec = cv::dnn::readNetFromONNX(rec_path.string());
        cv::dnn::Net det = cv::dnn::readNetFromONNX(det_path.string());
        auto reader = std::make_unique<OnnxPlateReader>(std::move(rec), std::move(det), std::move(keys), options);
        return std::unique_ptr<PlateReader>(std::move(reader));
    } catch (const cv::Exception& e) {
        return Fail(ErrorCode::kUnavailable, fmt::format("plate models in {} cannot be loaded: {}",
                                                         models_dir.string(), e.what()));
    }
}

}  // namespace precinct::vision
