#pragma once
// Made pictures for tests and benchmarks: plates rendered from text, and street-like frames (gradient, vehicles
// as boxes, noise) with plates pasted in at known places. Deterministic for a given random engine.
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "precinct/vision/plate_reader.hpp"

namespace precinct::vision::scene {

// A plate with one row (top only) or two rows, black characters (white on blue or red backgrounds), a border.
inline cv::Mat RenderPlate(const std::string& top, const std::string& bottom, const cv::Scalar& background) {
    const bool two = !bottom.empty();
    const cv::Size size = two ? cv::Size(240, 176) : cv::Size(470, 100);
    cv::Mat plate(size, CV_8UC3, background);
    const bool dark = background[0] + background[1] + background[2] < 300 ||
                      (background[0] > 120 && background[1] < 100);  // blue
    const cv::Scalar ink = dark ? cv::Scalar(255, 255, 255) : cv::Scalar(20, 20, 20);
    cv::rectangle(plate, cv::Rect(4, 4, size.width - 8, size.height - 8), ink, 3);
    auto put = [&](const std::string& text, int y0, int y1) {
        const int font = cv::FONT_HERSHEY_SIMPLEX;
        int baseline = 0;
        const cv::Size unit = cv::getTextSize(text, font, 1.0, 3, &baseline);
        const double scale = std::min((size.width - 36.0) / unit.width, (y1 - y0 - 16.0) / unit.height);
        const int thickness = std::max(2, static_cast<int>(scale * 2.6));
        const cv::Size t = cv::getTextSize(text, font, scale, thickness, &baseline);
        const cv::Point origin((size.width - t.width) / 2, y0 + (y1 - y0 + t.height) / 2);
        cv::putText(plate, text, origin, font, scale, ink, thickness, cv::LINE_AA);
    };
    if (two) {
        put(top, 6, size.height / 2);
        put(bottom, size.height / 2, size.height - 6);
    } else {
        put(top, 6, size.height - 6);
    }
    return plate;
}

struct Frame {
    cv::Mat image;
    std::vector<Box> boxes;  // where each plate went, in order
};

// A frame of `size` with each plate pasted on a vehicle-like box, scaled to 130-200 px wide (one row) or
// 90-130 px (two rows), not overlapping.
inline Frame MakeFrame(std::mt19937& rng, cv::Size size, const std::vector<cv::Mat>& plates) {
    Frame frame;
    frame.image = cv::Mat(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y) {
        const auto v = static_cast<unsigned char>(70 + 90 * y / size.height);
        frame.image.row(y).setTo(cv::Scalar(v, v + 5, v + 10));
    }
    std::uniform_int_distribution<int> px(0, size.width - 1), py(size.height / 4, size.height - 1);
    std::uniform_int_distribution<int> shade(30, 200);
    for (int i = 0; i < 6; ++i) {  // vehicles and street furniture
        const cv::Rect r(px(rng) - 150, py(rng) - 120, 300, 200);
        cv::rectangle(frame.image, r, cv::Scalar(shade(rng), shade(rng), shade(rng)), cv::FILLED);
    }
    cv::Mat noise(size, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    frame.image += noise;
    std::vector<cv::Rect> used;
    for (const auto& plate : plates) {
        const bool two = plate.cols < 2 * plate.rows;
        std::uniform_int_distribution<int> width(two ? 90 : 130, two ? 130 : 200);
        const int w = width(rng);
        const int h = std::max(8, w * plate.rows / plate.cols);
        cv::Rect where;
        for (int attempt = 0; attempt < 100; ++attempt) {
            std::uniform_int_distribution<int> x(20, size.width - w - 20), y(size.height / 3, size.height - h - 20);
            where = cv::Rect(x(rng), y(rng), w, h);
            bool clash = false;
            for (const auto& u : used) clash = clash || (where & cv::Rect(u.x - 40, u.y - 40, u.width + 80, u.height + 80)).area() > 0;
            if (!clash) break;
        }
        // The vehicle behind the plate.
        cv::rectangle(frame.image, cv::Rect(where.x - w / 2, where.y - 2 * h, 2 * w, 3 * h) & cv::Rect({}, size),
                      cv::Scalar(shade(rng), shade(rng), shade(rng)), cv::FILLED);
        cv::Mat scaled;
        cv::resize(plate, scaled, where.size(), 0, 0, cv::INTER_AREA);
        scaled.copyTo(frame.image(where));
        used.push_back(where);
        frame.boxes.push_back(Box{where.x, where.y, where.width, where.height});
    }
    return frame;
}

}  // namespace precinct::vision::scene

#include <opencv2/videoio.hpp>

namespace precinct::vision::scene {

// A video of vehicles passing one after another: each plate crosses the frame from left to right at a speed
// that keeps it in view for `seconds_each`; between vehicles the street is empty (and still) for `gap_s`.
// Motion JPEG in AVI, which OpenCV writes without extra codecs. False when the file cannot be written.
inline bool WriteDrivingVideo(const std::string& path, const std::vector<cv::Mat>& plates, double fps,
                              double seconds_each, double gap_s, cv::Size size = cv::Size(1280, 720)) {
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, size);
    if (!writer.isOpened()) return false;
    std::mt19937 rng(3);
    const Frame street = MakeFrame(rng, size, {});
    const int moving = std::max(1, static_cast<int>(seconds_each * fps));
    const int still = std::max(0, static_cast<int>(gap_s * fps));
    for (const auto& plate : plates) {
        const bool two = plate.cols < 2 * plate.rows;
        const int w = two ? 110 : 180;
        const int h = std::max(8, w * plate.rows / plate.cols);
        cv::Mat scaled;
        cv::resize(plate, scaled, cv::Size(w, h), 0, 0, cv::INTER_AREA);
        for (int i = 0; i < moving; ++i) {
            cv::Mat image = street.image.clone();
            const int x = 60 + (size.width - 2 * w - 120) * i / moving;
            const int y = size.height * 3 / 5;
            cv::rectangle(image, cv::Rect(x - w / 2, y - 2 * h, 2 * w, 3 * h + 10), cv::Scalar(90, 40, 40), cv::FILLED);
            scaled.copyTo(image(cv::Rect(x, y, w, h)));
            writer.write(image);
        }
        for (int i = 0; i < still; ++i) writer.write(street.image);
    }
    return true;
}

}  // namespace precinct::vision::scene
