#include "precinct/vision/plate_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "plate_labels.hpp"
#include "scene_frames.hpp"

namespace precinct::vision {
namespace {

namespace fs = std::filesystem;

const fs::path kPlates = PRECINCT_VN_PLATES;

PlateReader* Reader() {
    static auto reader = PlateReader::Load(DefaultPlateModelsDir(), ReaderOptions{.threads = 1});
    return reader ? reader->get() : nullptr;
}

#define SKIP_WITHOUT_MODELS() \
    if (Reader() == nullptr) GTEST_SKIP() << "plate models not found in " << DefaultPlateModelsDir().string() \
                                          << " (scripts/setup prepares them)"

#define SKIP_WITHOUT_PLATES() \
    if (!fs::exists(kPlates / "labels.csv")) GTEST_SKIP() << "labelled plate crops not found at " << kPlates.string()

TEST(PlateReader, MissingModelsAreAClearError) {
    auto reader = PlateReader::Load("/nonexistent-models");
    ASSERT_FALSE(reader);
    EXPECT_EQ(reader.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(reader.error().message.find("rec_48x320.onnx"), std::string::npos);
}

TEST(PlateReader, ReadsARenderedOneRowPlate) {
    SKIP_WITHOUT_MODELS();
    const cv::Mat plate = scene::RenderPlate("51F-123.45", "", cv::Scalar(255, 255, 255));
    const auto f = Reader()->ReadCrop(plate);
    ASSERT_TRUE(f) << "no plate read";
    EXPECT_EQ(f->plate.text, "51F12345");
    EXPECT_EQ(f->plate.display, "51F-123.45");
    EXPECT_EQ(f->plate.rows, 1);
    EXPECT_EQ(f->colour, PlateColour::kWhite);
    EXPECT_GT(f->confidence, 0.5);
}

TEST(PlateReader, ReadsARenderedTwoRowMotorbikePlateAndItsColour) {
    SKIP_WITHOUT_MODELS();
    const cv::Mat plate = scene::RenderPlate("29-B1", "123.45", cv::Scalar(0, 215, 255));  // yellow (BGR)
    const auto f = Reader()->ReadCrop(plate);
    ASSERT_TRUE(f) << "no plate read";
    EXPECT_EQ(f->plate.text, "29B112345");
    EXPECT_EQ(f->plate.rows, 2);
    EXPECT_EQ(f->plate.kind, PlateKind::kMotorbike);
    EXPECT_EQ(f->colour, PlateColour::kYellow);
    EXPECT_NE(f->raw.find('/'), std::string::npos);
}

TEST(PlateReader, ReadsAPictureThatIsOnlyAPlateSmallOrLarge) {
    SKIP_WITHOUT_MODELS();
    const cv::Mat plate = scene::RenderPlate("29-B1", "123.45", cv::Scalar(255, 255, 255));
    for (const int width : {70, 240, 1600}) {
        cv::Mat scaled;
        cv::resize(plate, scaled, cv::Size(width, width * plate.rows / plate.cols), 0, 0,
                   width < plate.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
        const auto found = Reader()->Read(scaled);
        ASSERT_FALSE(found.empty()) << width << " px wide";
        EXPECT_EQ(found.front().plate.text, "29B112345") << width << " px wide";
    }
}

TEST(PlateReader, TextThatIsNotAPlateIsRefused) {
    SKIP_WITHOUT_MODELS();
    const cv::Mat words = scene::RenderPlate("HELLO WORLD", "", cv::Scalar(255, 255, 255));
    EXPECT_FALSE(Reader()->ReadCrop(words));
    cv::Mat blank(120, 400, CV_8UC3, cv::Scalar(200, 200, 200));
    EXPECT_FALSE(Reader()->ReadCrop(blank));
    EXPECT_TRUE(Reader()->Read(blank).empty());
}

TEST(PlateReader, ReadsMostRealCropsExactly) {
    SKIP_WITHOUT_MODELS();
    SKIP_WITHOUT_PLATES();
    const auto labels = LoadPlateLabels(kPlates, 40);
    ASSERT_EQ(labels.size(), 40u);
    int exact = 0;
    std::string misses;
    for (const auto& l : labels) {
        const cv::Mat img = cv::imread((kPlates / l.image).string());
        ASSERT_FALSE(img.empty()) << l.image;
        const auto found = Reader()->Read(img);
        if (!found.empty() && found.front().plate.text == l.plate) {
            ++exact;
        } else {
            misses += " " + l.plate + "->" + (found.empty() ? std::string("none") : found.front().plate.text);
        }
    }
    // The whole set is scored by bench/plates; here a floor well under its figure, so a broken pipeline shows.
    EXPECT_GE(exact, 32) << "misses:" << misses;
}

TEST(PlateReader, FindsAPlateInAMadeSceneAndNothingInAnEmptyOne) {
    SKIP_WITHOUT_MODELS();
    std::mt19937 rng(7);
    const cv::Mat plate = scene::RenderPlate("30K-567.89", "", cv::Scalar(255, 255, 255));
    const auto frame = scene::MakeFrame(rng, cv::Size(1280, 720), {plate});
    const auto found = Reader()->Read(frame.image);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front().plate.text, "30K56789");
    EXPECT_GT(IntersectionOverUnion(found.front().box, frame.boxes.front()), 0.3);
    EXPECT_FALSE(found.front().crop.empty());

    const auto empty = scene::MakeFrame(rng, cv::Size(1280, 720), {});
    EXPECT_TRUE(Reader()->Read(empty.image).empty());
}

TEST(PlateReader, FindsTwoPlatesInOneScene) {
    SKIP_WITHOUT_MODELS();
    std::mt19937 rng(11);
    const cv::Mat car = scene::RenderPlate("51G-678.90", "", cv::Scalar(255, 255, 255));
    const cv::Mat bike = scene::RenderPlate("59-X1", "234.56", cv::Scalar(255, 255, 255));
    const auto frame = scene::MakeFrame(rng, cv::Size(1280, 720), {car, bike});
    const auto found = Reader()->Read(frame.image);
    std::vector<std::string> texts;
    for (const auto& f : found) texts.push_back(f.plate.text);
    EXPECT_NE(std::find(texts.begin(), texts.end(), "51G67890"), texts.end());
    EXPECT_NE(std::find(texts.begin(), texts.end(), "59X123456"), texts.end());
}

TEST(PlateColour, ClassesByBackground) {
    EXPECT_EQ(ClassifyPlateColour(cv::Mat(40, 160, CV_8UC3, cv::Scalar(240, 240, 240))), PlateColour::kWhite);
    EXPECT_EQ(ClassifyPlateColour(cv::Mat(40, 160, CV_8UC3, cv::Scalar(0, 210, 250))), PlateColour::kYellow);
    EXPECT_EQ(ClassifyPlateColour(cv::Mat(40, 160, CV_8UC3, cv::Scalar(160, 60, 10))), PlateColour::kBlue);
    EXPECT_EQ(ClassifyPlateColour(cv::Mat(40, 160, CV_8UC3, cv::Scalar(20, 20, 200))), PlateColour::kRed);
    EXPECT_EQ(ClassifyPlateColour(cv::Mat()), PlateColour::kWhite);
}

TEST(Box, IntersectionOverUnion) {
    EXPECT_DOUBLE_EQ(IntersectionOverUnion({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
    EXPECT_DOUBLE_EQ(IntersectionOverUnion({0, 0, 10, 10}, {20, 20, 5, 5}), 0.0);
    EXPECT_NEAR(IntersectionOverUnion({0, 0, 10, 10}, {5, 0, 10, 10}), 50.0 / 150.0, 1e-9);
}

}  // namespace
}  // namespace precinct::vision
