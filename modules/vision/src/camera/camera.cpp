#include "precinct/vision/camera.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

namespace precinct::vision {

// --- motion gate ---

bool MotionGate::ShouldAnalyse(const cv::Mat& bgr) {
    if (!options_.enabled || bgr.empty()) return true;
    cv::Mat small, gray;
    cv::resize(bgr, small, cv::Size(160, 90), 0, 0, cv::INTER_AREA);
    cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
    cv::GaussianBlur(gray, gray, cv::Size(5, 5), 0);
    if (reference_.empty() || skipped_ >= options_.max_skip) {
        reference_ = gray;
        skipped_ = 0;
        last_changed_ = 1.0;
        return true;
    }
    cv::Mat diff;
    cv::absdiff(gray, reference_, diff);
    const double changed =
        static_cast<double>(cv::countNonZero(diff > options_.pixel_delta)) / static_cast<double>(diff.total());
    last_changed_ = changed;
    if (changed < options_.min_changed) {
        ++skipped_;
        return false;
    }
    reference_ = gray;
    skipped_ = 0;
    return true;
}

// --- tracker ---

namespace {

double CentreDistanceInWidths(const Box& a, const Box& b) {
    const double ax = a.x + a.width / 2.0, ay = a.y + a.height / 2.0;
    const double bx = b.x + b.width / 2.0, by = b.y + b.height / 2.0;
    const double w = std::max(1.0, 0.5 * (a.width + b.width));
    return std::hypot(ax - bx, ay - by) / w;
}

}  // namespace

std::optional<VehicleRead> PlateTracker::Finish(Track& track) {
    auto voted = VotePlateReads(track.observations);
    if (!voted) return std::nullopt;
    VehicleRead v;
    v.voted = std::move(*voted);
    v.raw = track.best.raw;
    v.colour = track.best.colour;
    v.box = track.best.box;
    v.crop = track.best.crop;
    v.first_seen_s = track.first;
    v.last_seen_s = track.last;
    v.frames = static_cast<int>(track.observations.size());
    return v;
}

std::vector<VehicleRead> PlateTracker::Add(double t, const std::vector<PlateFinding>& finds) {
    std::vector<VehicleRead> ended;
    // Tracks not seen for too long end first, so a new vehicle at the same place starts its own track.
    for (auto it = tracks_.begin(); it != tracks_.end();) {
        if (t - it->last > options_.max_gap_s) {
            if (auto v = Finish(*it)) ended.push_back(std::move(*v));
            it = tracks_.erase(it);
        } else {
            ++it;
        }
    }
    std::vector<bool> taken(tracks_.size(), false);
    for (const auto& f : finds) {
        const std::string key = LookAlikeKey(f.plate.text);
        int best = -1;
        double best_score = 0;
        for (std::size_t i = 0; i < tracks_.size(); ++i) {
            if (taken[i]) continue;
            const auto& tr = tracks_[i];
            double score = 0;
            if (tr.key == key) score = 3;
            const double iou = IntersectionOverUnion(tr.last_box, f.box);
            if (iou > 0.1) score = std::max(score, 1 + iou);
            else if (CentreDistanceInWidths(tr.last_box, f.box) < options_.near) score = std::max(score, 1.0);
            if (score > best_score) {
                best_score = score;
                best = static_cast<int>(i);
            }
        }
        if (best < 0) {
            Track tr;
            tr.first = t;
            tracks_.push_back(std::move(tr));
            taken.push_back(false);
            best = static_cast<int>(tracks_.size()) - 1;
        }
        auto& tr = tracks_[static_cast<std::size_t>(best)];
        taken[static_cast<std::size_t>(best)] = true;
        tr.observations.push_back(PlateObservation{f.plate, f.confidence});
        if (tr.observations.size() == 1 || f.confidence > tr.best.confidence) tr.best = f;
        tr.last_box = f.box;
        tr.key = key;
        tr.last = t;
    }
    return ended;
}

std::vector<VehicleRead> PlateTracker::Flush() {
    std::vector<VehicleRead> ended;
    for (auto& tr : tracks_) {
        if (auto v = Finish(tr)) ended.push_back(std::move(*v));
    }
    tracks_.clear();
    return ended;
}

// --- video files ---

namespace {

cv::VideoCapture Open(const std::string& source) {
    cv::VideoCapture cap;
    // A stream that does not answer gives up after 5 s (opening) and 5 s (a frame), so a dropped camera is noticed
    // and reopened rather than waited on forever.
    const std::vector<int> timeouts{cv::CAP_PROP_OPEN_TIMEOUT_MSEC, 5000, cv::CAP_PROP_READ_TIMEOUT_MSEC, 5000};
    cap.open(source, cv::CAP_FFMPEG, timeouts);
    return cap;
}

}  // namespace

Result<VideoSummary> ReadVideo(PlateReader& reader, const std::string& source, const SamplingOptions& options) {
    if (options.sample_fps <= 0 || options.sample_fps > 60) {
        return Fail(ErrorCode::kInvalidArgument, "sample_fps: between 0 and 60 frames per second", "sample_fps");
    }
    cv::VideoCapture cap = Open(source);
    if (!cap.isOpened()) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: not a video OpenCV can open", source));
    double fps = cap.get(cv::CAP_PROP_FPS);
    if (!(fps > 0 && fps < 1000)) fps = 25;
    VideoSummary summary;
    MotionGate gate(options.motion);
    PlateTracker tracker(options.tracker);
    const double interval = 1.0 / options.sample_fps;
    double next_sample = 0;
    cv::Mat frame;
    while (static_cast<std::size_t>(summary.frames_decoded) < options.max_frames) {
        if (!cap.grab()) break;
        const double t = static_cast<double>(summary.frames_decoded) / fps;
        ++summary.frames_decoded;
        summary.duration_s = t;
        if (t + 1e-9 < next_sample) continue;
        next_sample += interval;
        if (next_sample < t) next_sample = t + interval;
        if (!cap.retrieve(frame) || frame.empty()) continue;
        ++summary.frames_sampled;
        if (!gate.ShouldAnalyse(frame)) continue;
        ++summary.frames_analysed;
        auto ended = tracker.Add(t, reader.Read(frame));
        for (auto& v : ended) summary.vehicles.push_back(std::move(v));
    }
    for (auto& v : tracker.Flush()) summary.vehicles.push_back(std::move(v));
    std::sort(summary.vehicles.begin(), summary.vehicles.end(),
              [](const VehicleRead& a, const VehicleRead& b) { return a.first_seen_s < b.first_seen_s; });
    return summary;
}

// --- live cameras ---

CameraWorker::CameraWorker(CameraConfig config, ReaderFactory factory, Sink sink, WorkerOptions options)
    : config_(std::move(config)), factory_(std::move(factory)), sink_(std::move(sink)), options_(options) {
    if (!config_.enabled) health_.state = "disabled";
}

CameraWorker::~CameraWorker() { Stop(); }

void CameraWorker::Start() {
    if (!config_.enabled || thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { Run(); });
}

void CameraWorker::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(mutex_);
    if (health_.state != "disabled") health_.state = "stopped";
}

CameraHealth CameraWorker::Health() const {
    std::lock_guard lock(mutex_);
    return health_;
}

bool CameraWorker::Sleep(double seconds) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return stop_.load(); });
    return !stop_;
}

void CameraWorker::SetState(const std::string& state, const std::string& error) {
    std::lock_guard lock(mutex_);
    health_.state = state;
    if (!error.empty()) health_.last_error = error;
}

void CameraWorker::Run() {
    using Clock = std::chrono::system_clock;
    using Steady = std::chrono::steady_clock;
    std::unique_ptr<PlateReader> reader;  // made once the source first opens: a camera that is down costs nothing
    double backoff = options_.min_backoff_s;
    const bool is_file = config_.url.find("://") == std::string::npos;
    bool first = true;
    while (!stop_) {
        SetState(first ? "connecting" : "reconnecting");
        if (!first) {
            std::lock_guard lock(mutex_);
            ++health_.reconnects;
        }
        first = false;
        cv::VideoCapture cap = Open(config_.url);
        if (!cap.isOpened()) {
            {
                std::lock_guard lock(mutex_);
                health_.state = "reconnecting";
                health_.last_error = "the stream cannot be opened";
                health_.backoff_s = backoff;
            }
            if (!Sleep(backoff)) break;
            backoff = std::min(options_.max_backoff_s, backoff * 2);
            continue;
        }
        if (!reader) {
            auto made = factory_();
            if (!made) {
                SetState("stopped", made.error().message);
                return;
            }
            reader = std::move(*made);
        }
        double file_fps = cap.get(cv::CAP_PROP_FPS);
        if (!(file_fps > 0 && file_fps < 1000)) file_fps = 25;
        {
            std::lock_guard lock(mutex_);
            health_.state = "streaming";
            health_.connected_at = Clock::now();
            health_.backoff_s = 0;
        }
        MotionGate gate(MotionGateOptions{.enabled = config_.motion_gating});
        PlateTracker tracker;
        const auto started = Steady::now();
        auto last_frame = Steady::now();
        double next_sample = 0;
        std::int64_t index = 0;
        cv::Mat frame;
        std::string why = "the stream ended";
        while (!stop_) {
            if (!cap.grab()) break;
            const auto now = Steady::now();
            // Files play at their own frame rate (as a camera would deliver them); streams at the wall clock.
            double t = std::chrono::duration<double>(now - started).count();
            if (is_file) {
                t = static_cast<double>(index) / file_fps;
                const double ahead = t - std::chrono::duration<double>(now - started).count();
                if (ahead > 0 && !Sleep(ahead)) break;
            }
            ++index;
            if (std::chrono::duration<double>(now - last_frame).count() > options_.stall_s) {
                why = "the stream stalled";
                break;
            }
            last_frame = now;
            {
                std::lock_guard lock(mutex_);
                ++health_.frames_decoded;
                health_.last_frame_at = Clock::now();
            }
            backoff = options_.min_backoff_s;  // frames flow again
            if (t + 1e-9 < next_sample) continue;
            next_sample = std::max(next_sample + 1.0 / config_.sample_fps, t);
            if (!cap.retrieve(frame) || frame.empty()) continue;
            if (!gate.ShouldAnalyse(frame)) {
                std::lock_guard lock(mutex_);
                ++health_.frames_skipped_motion;
                continue;
            }
            {
                std::lock_guard lock(mutex_);
                ++health_.frames_analysed;
            }
            for (auto& v : tracker.Add(t, reader->Read(frame))) {
                {
                    std::lock_guard lock(mutex_);
                    ++health_.reads;
                }
                sink_(CameraRead{config_.id, Clock::now(), std::move(v)});
            }
        }
        for (auto& v : tracker.Flush()) {
            {
                std::lock_guard lock(mutex_);
                ++health_.reads;
            }
            sink_(CameraRead{config_.id, Clock::now(), std::move(v)});
        }
        if (stop_) break;
        {
            std::lock_guard lock(mutex_);
            health_.state = "reconnecting";
            health_.last_error = why;
            health_.backoff_s = backoff;
        }
        // A file that ended plays again (demo and test sources loop); a live stream that dropped waits first.
        if (!Sleep(is_file ? std::min(backoff, 1.0) : backoff)) break;
        if (!is_file) backoff = std::min(options_.max_backoff_s, backoff * 2);
    }
    SetState("stopped");
}

}  // namespace precinct::vision
