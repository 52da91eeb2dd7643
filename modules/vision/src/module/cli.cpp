// `precinct plates`: read plates in images and videos; `precinct plates make-video`: a made camera source.
#include "precinct/vision/cli.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <opencv2/imgcodecs.hpp>

#include "json_codec.hpp"
#include "precinct/vision/camera.hpp"
#include "precinct/vision/plate_reader.hpp"
#include "recognizer/scene_frames.hpp"

namespace precinct::vision {

namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;
constexpr std::uintmax_t kMaxImageBytes = 64u << 20;

int BadInput(const std::string& message) {
    std::cerr << "precinct plates: " << message << "\n";
    return kExitBadInput;
}

bool IsVideo(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* v : {".mp4", ".avi", ".mkv", ".mov", ".webm", ".ts", ".m4v", ".mpg", ".mpeg", ".flv", ".3gp"}) {
        if (ext == v) return true;
    }
    return false;
}

std::string RowsLabel(int rows) { return rows == 2 ? "2 dòng / two rows" : "1 dòng / one row"; }

void PrintFinding(const Json& p) {
    std::cout << fmt::format("  {:<13} {:<10} {} · {} · {} · {:.2f}", p["display"].get<std::string>(),
                             p["text"].get<std::string>(), RowsLabel(p["rows"].get<int>()),
                             p["vehicle_kind"].get<std::string>(), p["colour"].get<std::string>(),
                             p["confidence"].get<double>());
    const auto& b = p["box"];
    std::cout << fmt::format(" · box {},{} {}x{} · raw \"{}\"", b["x"].get<int>(), b["y"].get<int>(),
                             b["width"].get<int>(), b["height"].get<int>(), p["raw"].get<std::string>());
    if (p.contains("frames")) {
        std::cout << fmt::format(" · {} frames {:.1f}–{:.1f} s", p["frames"].get<int>(),
                                 p["first_seen_s"].get<double>(), p["last_seen_s"].get<double>());
    }
    if (p.contains("province")) std::cout << " · " << p["province"].get<std::string>();
    std::cout << "\n";
}

}  // namespace

int RunPlates(const PlatesCliOptions& options) {
    if (options.files.empty()) return BadInput("no input files");
    for (const auto& f : options.files) {
        std::error_code ec;
        if (!fs::is_regular_file(f, ec)) return BadInput(fmt::format("{}: no such file", f));
    }
    if (options.sample_fps <= 0 || options.sample_fps > 60) return BadInput("--sample-fps: between 0 and 60");
    const fs::path models = options.models_dir.empty() ? DefaultPlateModelsDir() : fs::path(options.models_dir);
    auto reader = PlateReader::Load(models, ReaderOptions{.threads = options.threads});
    if (!reader) {
        std::cerr << "precinct plates: " << reader.error().message << "\n";
        return kExitFailed;
    }
    Json out = Json::array();
    int status = kExitOk;
    for (const auto& file : options.files) {
        Json entry{{"file", file}};
        if (IsVideo(file)) {
            entry["kind"] = "video";
            SamplingOptions sampling;
            sampling.sample_fps = options.sample_fps;
            sampling.motion.enabled = options.motion_gating;
            auto summary = ReadVideo(**reader, file, sampling);
            if (!summary) {
                std::cerr << "precinct plates: " << summary.error().message << "\n";
                status = kExitBadInput;
                continue;
            }
            Json plates = Json::array();
            for (const auto& v : summary->vehicles) plates.push_back(VehicleJson(v));
            entry["plates"] = std::move(plates);
            entry["frames_decoded"] = summary->frames_decoded;
            entry["frames_sampled"] = summary->frames_sampled;
            entry["frames_analysed"] = summary->frames_analysed;
            entry["duration_s"] = summary->duration_s;
        } else {
            entry["kind"] = "image";
            std::error_code ec;
            if (fs::file_size(file, ec) > kMaxImageBytes) {
                std::cerr << "precinct plates: " << file << ": larger than 64 MiB\n";
                status = kExitBadInput;
                continue;
            }
            const cv::Mat image = cv::imread(file, cv::IMREAD_COLOR);
            if (image.empty()) {
                std::cerr << "precinct plates: " << file << ": not an image OpenCV can decode\n";
                status = kExitBadInput;
                continue;
            }
            Json plates = Json::array();
            for (const auto& f : (*reader)->Read(image)) plates.push_back(FindingJson(f));
            entry["plates"] = std::move(plates);
            entry["width"] = image.cols;
            entry["height"] = image.rows;
        }
        if (!options.json) {
            const auto n = entry["plates"].size();
            std::cout << fmt::format("{}: {} biển số / {} plate{}\n", file, n, n, n == 1 ? "" : "s");
            for (const auto& p : entry["plates"]) PrintFinding(p);
        }
        out.push_back(std::move(entry));
    }
    if (options.json) std::cout << Json{{"files", out}}.dump(2) << "\n";
    return status;
}

int RunMakeVideo(const MakeVideoOptions& options) {
    if (options.out.empty()) return BadInput("make-video: --out is required");
    if (options.plates.empty() || options.plates.size() > 50) return BadInput("make-video: 1 to 50 --plate values");
    if (options.fps < 1 || options.fps > 60) return BadInput("make-video: --fps between 1 and 60");
    if (options.seconds_each <= 0 || options.seconds_each > 60 || options.gap_s < 0 || options.gap_s > 60) {
        return BadInput("make-video: --seconds-each and --gap between 0 and 60");
    }
    std::vector<cv::Mat> plates;
    for (const auto& p : options.plates) {
        const auto slash = p.find('/');
        const std::string top = slash == std::string::npos ? p : p.substr(0, slash);
        const std::string bottom = slash == std::string::npos ? "" : p.substr(slash + 1);
        if (!ReadPlate(top, bottom)) return BadInput(fmt::format("make-video: {}: not a Vietnamese plate", p));
        plates.push_back(scene::RenderPlate(top, bottom, cv::Scalar(255, 255, 255)));
    }
    if (!scene::WriteDrivingVideo(options.out, plates, options.fps, options.seconds_each, options.gap_s)) {
        std::cerr << "precinct plates: make-video: cannot write " << options.out << "\n";
        return kExitFailed;
    }
    std::cout << fmt::format("{}: {} xe / {} vehicles\n", options.out, plates.size(), plates.size());
    return kExitOk;
}

}  // namespace precinct::vision
