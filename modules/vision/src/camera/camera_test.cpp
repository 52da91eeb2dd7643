#include "precinct/vision/camera.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "recognizer/scene_frames.hpp"

namespace precinct::vision {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

PlateFinding Find(const std::string& top, const std::string& bottom, Box box, double confidence) {
    PlateFinding f;
    auto plate = ReadPlate(top, bottom);
    EXPECT_TRUE(plate) << top << "/" << bottom;
    if (plate) f.plate = *plate;
    f.raw = top + (bottom.empty() ? "" : "/" + bottom);
    f.box = box;
    f.confidence = confidence;
    return f;
}

fs::path TempDir() {
    const auto dir = fs::temp_directory_path() / ("precinct-camera-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

TEST(MotionGate, SkipsStillFramesAndAnalysesMovementAndAfterMaxSkip) {
    MotionGate gate(MotionGateOptions{.enabled = true, .pixel_delta = 18, .min_changed = 0.004, .max_skip = 3});
    cv::Mat still(360, 640, CV_8UC3, cv::Scalar(90, 90, 90));
    EXPECT_TRUE(gate.ShouldAnalyse(still));   // the first frame always
    EXPECT_FALSE(gate.ShouldAnalyse(still));  // nothing moved
    EXPECT_FALSE(gate.ShouldAnalyse(still));
    cv::Mat moved = still.clone();
    cv::rectangle(moved, cv::Rect(100, 100, 120, 80), cv::Scalar(250, 250, 250), cv::FILLED);
    EXPECT_TRUE(gate.ShouldAnalyse(moved));
    EXPECT_GT(gate.last_changed(), 0.004);
    EXPECT_FALSE(gate.ShouldAnalyse(moved));
    EXPECT_FALSE(gate.ShouldAnalyse(moved));
    EXPECT_FALSE(gate.ShouldAnalyse(moved));
    EXPECT_TRUE(gate.ShouldAnalyse(moved));  // max_skip reached: analysed anyway

    MotionGate off(MotionGateOptions{.enabled = false});
    EXPECT_TRUE(off.ShouldAnalyse(still));
    EXPECT_TRUE(off.ShouldAnalyse(still));
}

TEST(PlateTracker, OneReadPerVehicleWithVotingAndGaps) {
    PlateTracker tracker(TrackerOptions{.max_gap_s = 1.0, .near = 1.5});
    // Vehicle A moves right; frame 2 misreads one character (look-alike: 8 for B), the vote repairs it.
    EXPECT_TRUE(tracker.Add(0.0, {Find("29-B1", "123.45", {100, 400, 100, 70}, 0.9)}).empty());
    EXPECT_TRUE(tracker.Add(0.5, {Find("29-B1", "123.46", {140, 400, 100, 70}, 0.6)}).empty());
    // Vehicle B appears far away while A is still in view.
    EXPECT_TRUE(tracker.Add(1.0, {Find("29-B1", "123.45", {180, 400, 100, 70}, 0.8),
                                  Find("51F-678.90", "", {900, 300, 180, 40}, 0.9)})
                    .empty());
    EXPECT_EQ(tracker.open_tracks(), 2u);
    // Both leave; at t=3 the gap has passed for both.
    auto ended = tracker.Add(3.0, {});
    ASSERT_EQ(ended.size(), 2u);
    std::map<std::string, VehicleRead> by_text;
    for (auto& v : ended) by_text[v.voted.plate.text] = v;
    ASSERT_TRUE(by_text.count("29B112345"));
    ASSERT_TRUE(by_text.count("51F67890"));
    EXPECT_EQ(by_text["29B112345"].frames, 3);
    EXPECT_DOUBLE_EQ(by_text["29B112345"].first_seen_s, 0.0);
    EXPECT_DOUBLE_EQ(by_text["29B112345"].last_seen_s, 1.0);
    EXPECT_EQ(by_text["51F67890"].frames, 1);
    // A new vehicle at the old place after the gap is a new track.
    EXPECT_TRUE(tracker.Add(5.0, {Find("29-B1", "123.45", {100, 400, 100, 70}, 0.9)}).empty());
    EXPECT_EQ(tracker.Flush().size(), 1u);
    EXPECT_EQ(tracker.open_tracks(), 0u);
}

class WithModels : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto r = PlateReader::Load(DefaultPlateModelsDir(), ReaderOptions{.threads = 1});
        if (r) reader_ = std::move(*r);
    }
    void SetUp() override {
        if (!reader_) GTEST_SKIP() << "plate models not found in " << DefaultPlateModelsDir().string();
    }
    static inline std::unique_ptr<PlateReader> reader_;
};

TEST_F(WithModels, AVideoGivesOneReadPerVehicle) {
    const auto path = (TempDir() / "two-vehicles.avi").string();
    const std::vector<cv::Mat> plates{scene::RenderPlate("30K-123.45", "", cv::Scalar(255, 255, 255)),
                                      scene::RenderPlate("59-X1", "678.90", cv::Scalar(255, 255, 255))};
    ASSERT_TRUE(scene::WriteDrivingVideo(path, plates, 10, 2.0, 3.0));
    auto summary = ReadVideo(*reader_, path, SamplingOptions{.sample_fps = 4});
    ASSERT_TRUE(summary) << summary.error().message;
    ASSERT_EQ(summary->vehicles.size(), 2u);
    EXPECT_EQ(summary->vehicles[0].voted.plate.text, "30K12345");
    EXPECT_EQ(summary->vehicles[1].voted.plate.text, "59X167890");
    EXPECT_GE(summary->vehicles[0].frames, 3);
    EXPECT_FALSE(summary->vehicles[0].crop.empty());
    // The empty street between vehicles is still: the motion gate skips most of it.
    EXPECT_LT(summary->frames_analysed, summary->frames_sampled);
    EXPECT_EQ(summary->frames_decoded, 100);  // 2 vehicles x (2 s + 3 s) x 10 fps
}

TEST_F(WithModels, NotAVideoIsAClearError) {
    const auto path = TempDir() / "not-a-video.avi";
    { std::ofstream(path) << "plain text"; }
    auto summary = ReadVideo(*reader_, path.string(), SamplingOptions{});
    ASSERT_FALSE(summary);
    EXPECT_EQ(summary.error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(ReadVideo(*reader_, path.string(), SamplingOptions{.sample_fps = 0}));
}

TEST_F(WithModels, ACameraWorkerOnAFileSourceDeliversReads) {
    const auto path = (TempDir() / "camera.avi").string();
    ASSERT_TRUE(scene::WriteDrivingVideo(path, {scene::RenderPlate("43A-111.22", "", cv::Scalar(255, 255, 255))}, 10,
                                         1.5, 0.5));
    std::mutex m;
    std::vector<CameraRead> reads;
    CameraWorker worker(
        CameraConfig{.id = "cam-1", .name = "Test", .url = path, .sample_fps = 4},
        [] { return PlateReader::Load(DefaultPlateModelsDir(), ReaderOptions{.threads = 1}); },
        [&](CameraRead r) {
            std::lock_guard lock(m);
            reads.push_back(std::move(r));
        });
    worker.Start();
    for (int i = 0; i < 100; ++i) {
        {
            std::lock_guard lock(m);
            if (!reads.empty()) break;
        }
        std::this_thread::sleep_for(100ms);
    }
    worker.Stop();
    ASSERT_FALSE(reads.empty());
    EXPECT_EQ(reads.front().camera_id, "cam-1");
    EXPECT_EQ(reads.front().vehicle.voted.plate.text, "43A11122");
    const auto health = worker.Health();
    EXPECT_EQ(health.state, "stopped");
    EXPECT_GT(health.frames_decoded, 0);
    EXPECT_GT(health.frames_analysed, 0);
    EXPECT_TRUE(health.last_frame_at.has_value());
}

TEST(CameraWorker, AnUnreachableStreamIsRetriedWithGrowingBackOffAndStopsPromptly) {
    CameraWorker worker(
        CameraConfig{.id = "cam-x", .name = "Down", .url = "rtsp://127.0.0.1:1/none", .sample_fps = 1},
        []() -> Result<std::unique_ptr<PlateReader>> {
            return Fail(ErrorCode::kUnavailable, "not needed");
        },
        [](CameraRead) {}, WorkerOptions{.min_backoff_s = 0.05, .max_backoff_s = 0.2, .stall_s = 1});
    worker.Start();
    std::this_thread::sleep_for(800ms);
    const auto h = worker.Health();
    const auto before = std::chrono::steady_clock::now();
    worker.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
    EXPECT_EQ(h.state, "reconnecting");
    EXPECT_EQ(h.last_error, "the stream cannot be opened");
    EXPECT_GE(h.reconnects, 2);
    EXPECT_GT(h.backoff_s, 0.05);  // doubled at least once
    EXPECT_LE(h.backoff_s, 0.2);   // and capped
    EXPECT_EQ(h.frames_decoded, 0);
    EXPECT_EQ(worker.Health().state, "stopped");
}

}  // namespace
}  // namespace precinct::vision
