// Plate recognition figures, side by side with Tesseract on the same input, in one run:
//  1. exact whole-plate and character accuracy on the labelled crops of real plates (split one-row / two-row):
//     our recognizer on the crop, the command's path (`precinct plates` on the crop file: detection included),
//     Tesseract 5 on the crop (as is, and with our grammar applied to its text);
//  2. the same crops pasted into made 1280x720 street frames, read by the command's path (detection in scenes);
//  3. frames per second per core at 1280x720, without and with motion gating, and the cores that 5,000 cameras at
//     one sampled frame per second need.
// Usage: precinct_plates_accuracy [--data DIR] [--models DIR] [--limit N] [--speed-frames N]
#include <tesseract/baseapi.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "precinct/vision/camera.hpp"
#include "precinct/vision/plate_grammar.hpp"
#include "precinct/vision/plate_reader.hpp"
#include "recognizer/plate_labels.hpp"
#include "recognizer/scene_frames.hpp"

namespace fs = std::filesystem;
using namespace precinct::vision;

namespace {

using Sample = LabelledPlate;

std::size_t EditDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// Exact and character accuracy of one method, split by rows.
struct Score {
    int n[3] = {0, 0, 0};  // all, one row, two rows
    int exact[3] = {0, 0, 0};
    double chars[3] = {0, 0, 0};
    std::size_t label_chars[3] = {0, 0, 0};
    void Add(const Sample& s, const std::string& got) {
        const int k = s.rows == 2 ? 2 : 1;
        const std::size_t d = std::min(EditDistance(got, s.plate), s.plate.size());
        for (int i : {0, k}) {
            ++n[i];
            exact[i] += got == s.plate ? 1 : 0;
            chars[i] += static_cast<double>(s.plate.size() - d);
            label_chars[i] += s.plate.size();
        }
    }
    std::string Row(const std::string& name) const {
        auto pct = [](double a, double b) { return b > 0 ? 100.0 * a / b : 0.0; };
        return fmt::format("{:<44} {:>6.1f}% {:>6.1f}% {:>6.1f}%   {:>6.1f}%   ({}/{}, {}/{}, {}/{})", name,
                           pct(exact[0], n[0]), pct(exact[1], n[1]), pct(exact[2], n[2]),
                           pct(chars[0], static_cast<double>(label_chars[0])), exact[0], n[0], exact[1], n[1],
                           exact[2], n[2]);
    }
};

std::string Tesseract(tesseract::TessBaseAPI& api, const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    // Tesseract reads text best at ~30 px character height: scale the crop to 100 px high.
    const double f = 100.0 / std::max(1, gray.rows);
    cv::resize(gray, gray, cv::Size(), f, f, cv::INTER_CUBIC);
    api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
    char* text = api.GetUTF8Text();
    std::string out = text != nullptr ? text : "";
    delete[] text;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path data = PRECINCT_VN_PLATES;
    fs::path models = DefaultPlateModelsDir();
    std::size_t limit = 100000;
    int speed_frames = 30;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--data") data = argv[i + 1];
        else if (a == "--models") models = argv[i + 1];
        else if (a == "--limit") limit = std::stoul(argv[i + 1]);
        else if (a == "--speed-frames") speed_frames = std::stoi(argv[i + 1]);
    }
    cv::setNumThreads(1);  // every figure is for one core
    auto reader = PlateReader::Load(models, ReaderOptions{.threads = 1});
    if (!reader) {
        std::cerr << reader.error().message << "\n";
        return 1;
    }
    tesseract::TessBaseAPI tess;
    if (tess.Init(nullptr, "eng") != 0) {
        std::cerr << "Tesseract cannot load its English model\n";
        return 1;
    }
    tess.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    tess.SetVariable("tessedit_char_whitelist", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.");

    const auto samples = fs::exists(data / "labels.csv") ? LoadPlateLabels(data, limit) : std::vector<Sample>{};
    if (samples.empty()) {
        std::cout << "labelled crops not found at " << data.string() << ": accuracy skipped\n";
    } else {
        Score crop, command, tess_raw, tess_grammar, scenes;
        std::mt19937 rng(2024);
        std::vector<std::string> misses;
        for (const auto& s : samples) {
            const cv::Mat img = cv::imread((data / s.image).string());
            if (img.empty()) continue;
            const auto c = (*reader)->ReadCrop(img);
            crop.Add(s, c ? c->plate.text : "");
            const auto found = (*reader)->Read(img);
            const std::string got = found.empty() ? "" : found.front().plate.text;
            command.Add(s, got);
            if (got != s.plate) misses.push_back(fmt::format("{} {} -> {}", s.image, s.plate, got.empty() ? "-" : got));
            const std::string t = Tesseract(tess, img);
            tess_raw.Add(s, NormalizePlateText(t));
            auto nl = t.find('\n');
            auto tp = nl == std::string::npos ? ReadPlate(t) : ReadPlate(t.substr(0, nl), t.substr(nl + 1));
            if (!tp) tp = ReadPlate(t);
            tess_grammar.Add(s, tp ? tp->text : "");
            const auto frame = scene::MakeFrame(rng, cv::Size(1280, 720), {img});
            const auto in_scene = (*reader)->Read(frame.image);
            std::string best;
            for (const auto& f : in_scene) {
                if (IntersectionOverUnion(f.box, frame.boxes.front()) > 0.3) {
                    best = f.plate.text;
                    break;
                }
            }
            scenes.Add(s, best);
        }
        std::cout << fmt::format("Plate crops: {} real Vietnamese plates from {}\n", crop.n[0], data.string());
        std::cout << fmt::format("{:<44} {:>7} {:>7} {:>7}   {:>7}\n", "method", "exact", "1-row", "2-row", "chars");
        std::cout << crop.Row("ours: recognizer on the crop") << "\n";
        std::cout << command.Row("ours: command path (detection + reading)") << "\n";
        std::cout << tess_raw.Row("Tesseract 5 (eng, whitelist) on the crop") << "\n";
        std::cout << tess_grammar.Row("Tesseract 5 + our plate grammar") << "\n";
        std::cout << scenes.Row("ours: crop pasted in a made 1280x720 frame") << "\n";
        std::cout << "Command-path misses:\n";
        for (const auto& m : misses) std::cout << "  " << m << "\n";
    }

    // Speed: made street frames with two vehicles each; every frame analysed (no gating), then a made video where
    // vehicles pass a still street, with the motion gate.
    std::mt19937 rng(99);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < speed_frames; ++i) {
        frames.push_back(scene::MakeFrame(rng, cv::Size(1280, 720),
                                          {scene::RenderPlate("30K-123.45", "", cv::Scalar(255, 255, 255)),
                                           scene::RenderPlate("59-X1", "234.56", cv::Scalar(255, 255, 255))})
                             .image);
    }
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t reads = 0;
    for (const auto& f : frames) reads += (*reader)->Read(f).size();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double fps = static_cast<double>(frames.size()) / s;
    std::cout << fmt::format("\nSpeed at 1280x720 on one core ({} made frames, {} reads):\n", frames.size(), reads);
    std::cout << fmt::format("  without motion gating: {:.2f} frames/s/core -> {:.0f} cores for 5,000 cameras at 1 "
                             "frame/s\n",
                             fps, std::ceil(5000.0 / fps));

    const auto video = (fs::temp_directory_path() / "precinct-plates-bench.avi").string();
    // 60 s of street at 10 fps: 6 vehicles in view 3 s each, 7 s of still street after each.
    std::vector<cv::Mat> plates;
    for (const char* p : {"30K-123.45", "51F-678.90", "29A-246.80", "43A-135.79", "88A-111.22", "15B-333.44"}) {
        plates.push_back(scene::RenderPlate(p, "", cv::Scalar(255, 255, 255)));
    }
    if (scene::WriteDrivingVideo(video, plates, 10, 3, 7)) {
        for (bool gating : {false, true}) {
            SamplingOptions o;
            o.sample_fps = 1;
            o.motion.enabled = gating;
            const auto v0 = std::chrono::steady_clock::now();
            auto summary = ReadVideo(**reader, video, o);
            const double vs = std::chrono::duration<double>(std::chrono::steady_clock::now() - v0).count();
            if (!summary) continue;
            // Camera-seconds served per second of one core: sampled frames (one per camera-second) / time.
            const double per_core = static_cast<double>(summary->frames_sampled) / vs;
            std::cout << fmt::format("  made video, 1 frame/s sampled, motion gating {}: {} of {} sampled frames "
                                     "analysed, {} vehicles read; {:.2f} camera-seconds/s/core (decoding included) "
                                     "-> {:.0f} cores for 5,000 cameras\n",
                                     gating ? "on " : "off", summary->frames_analysed, summary->frames_sampled,
                                     summary->vehicles.size(), per_core, std::ceil(5000.0 / per_core));
        }
        fs::remove(video);
    }
    std::cout << "  (the gated figure depends on how much of the time a real street is still; the made video is "
                 "still 70% of the time)\n";
    return 0;
}
