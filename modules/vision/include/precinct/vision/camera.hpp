#pragma once
// The camera pipeline, shared by plate and face recognition: frame sources (video files, RTSP and HTTP streams
// through OpenCV's FFmpeg backend), sampling at a configured rate, motion gating, tracking one vehicle across
// frames, and a worker per live camera that reconnects with back-off and reports its health.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "core/result.hpp"
#include "precinct/vision/plate_reader.hpp"
#include "precinct/vision/plate_vote.hpp"

namespace precinct::vision {

// Skips frames in which nothing moved since the last analysed one: a low-resolution grey difference, the share
// of pixels that changed by more than `pixel_delta`. A frame is analysed anyway after `max_skip` skipped ones.
struct MotionGateOptions {
    bool enabled = true;
    int pixel_delta = 18;        // 0..255 grey levels
    double min_changed = 0.004;  // share of pixels
    int max_skip = 50;
};
class MotionGate {
public:
    explicit MotionGate(MotionGateOptions options = {}) : options_(options) {}
    // True when the frame should be analysed.
    bool ShouldAnalyse(const cv::Mat& bgr);
    double last_changed() const { return last_changed_; }

private:
    MotionGateOptions options_;
    cv::Mat reference_{};
    int skipped_ = 0;
    double last_changed_ = 1.0;
};

// One vehicle's plate over the frames it was seen in: the voted read, the best crop, first and last sighting.
struct VehicleRead {
    VotedPlate voted{};
    std::string raw{};  // raw characters of the best single read
    PlateColour colour = PlateColour::kWhite;
    Box box{};                  // of the best read
    cv::Mat crop{};             // of the best read
    double first_seen_s = 0;  // seconds from the start of the source
    double last_seen_s = 0;
    int frames = 0;
};

// Groups plate finds of successive frames into vehicles: a find joins the open track whose last box it overlaps
// or is near, or whose look-alike key it shares, if seen within `max_gap_s`; a track not seen for longer ends.
struct TrackerOptions {
    double max_gap_s = 2.0;
    double near = 1.5;  // centre distance in box widths that still counts as the same vehicle
};
class PlateTracker {
public:
    explicit PlateTracker(TrackerOptions options = {}) : options_(options) {}
    // Adds the finds of one analysed frame at time t (seconds); returns the vehicles whose track ended before t.
    std::vector<VehicleRead> Add(double t, const std::vector<PlateFinding>& finds);
    // Ends every open track.
    std::vector<VehicleRead> Flush();
    std::size_t open_tracks() const { return tracks_.size(); }

private:
    struct Track {
        std::vector<PlateObservation> observations;
        PlateFinding best;
        Box last_box;
        std::string key;
        double first = 0, last = 0;
    };
    static std::optional<VehicleRead> Finish(Track& track);
    TrackerOptions options_;
    std::vector<Track> tracks_{};
};

struct SamplingOptions {
    double sample_fps = 2.0;  // frames analysed per second of video (at most)
    MotionGateOptions motion{};
    TrackerOptions tracker{};
    std::size_t max_frames = 200000;  // a limit on what one file may cost
};

struct VideoSummary {
    std::vector<VehicleRead> vehicles{};
    std::int64_t frames_decoded = 0;
    std::int64_t frames_sampled = 0;
    std::int64_t frames_analysed = 0;  // sampled and passed the motion gate
    double duration_s = 0;
};

// Reads a video file (or any source OpenCV opens) to its end: one read per vehicle.
Result<VideoSummary> ReadVideo(PlateReader& reader, const std::string& source, const SamplingOptions& options);

// --- live cameras ---

struct CameraConfig {
    std::string id{};    // [a-z0-9-_], unique
    std::string name{};  // shown to officers
    std::string url{};   // rtsp://, http(s)://, or a file path (played in a loop at its own frame rate: tests, demos)
    double sample_fps = 1.0;
    bool motion_gating = true;
    std::optional<double> latitude{};
    std::optional<double> longitude{};
    bool enabled = true;
};

struct CameraHealth {
    std::string state = "starting";  // starting, connecting, streaming, reconnecting, stopped, disabled
    std::int64_t frames_decoded = 0;
    std::int64_t frames_analysed = 0;
    std::int64_t frames_skipped_motion = 0;
    std::int64_t reads = 0;
    std::int64_t reconnects = 0;
    std::optional<std::chrono::system_clock::time_point> last_frame_at{};
    std::optional<std::chrono::system_clock::time_point> connected_at{};
    std::string last_error{};
    double backoff_s = 0;
};

struct CameraRead {
    std::string camera_id{};
    std::chrono::system_clock::time_point seen_at{};
    VehicleRead vehicle;
};

struct WorkerOptions {
    double min_backoff_s = 1.0;
    double max_backoff_s = 30.0;
    double stall_s = 10.0;  // no frame for this long counts as a dropped stream
};

// Runs one camera on its own thread until Stop(): opens the source, samples frames, gates by motion, reads
// plates, tracks vehicles and hands each finished vehicle to `sink`. A source that fails to open, stops giving
// frames or stalls is reopened after a back-off that doubles from min to max and resets once frames flow.
class CameraWorker {
public:
    using ReaderFactory = std::function<Result<std::unique_ptr<PlateReader>>()>;
    using Sink = std::function<void(CameraRead)>;
    CameraWorker(CameraConfig config, ReaderFactory factory, Sink sink, WorkerOptions options = {});
    ~CameraWorker();
    CameraWorker(const CameraWorker&) = delete;
    CameraWorker& operator=(const CameraWorker&) = delete;

    void Start();
    void Stop();
    CameraHealth Health() const;
    const CameraConfig& config() const { return config_; }

private:
    void Run();
    bool Sleep(double seconds);  // false when stopping
    void SetState(const std::string& state, const std::string& error = {});

    CameraConfig config_;
    ReaderFactory factory_;
    Sink sink_;
    WorkerOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    CameraHealth health_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace precinct::vision
