#pragma once
// `precinct plates …`: plate recognition from the command line, without a server.
#include <string>
#include <vector>

namespace precinct::vision {

struct PlatesCliOptions {
    std::vector<std::string> files;  // images (JPEG, PNG, BMP, WebP, TIFF) and videos (MP4, AVI, MKV, MOV, ...)
    bool json = false;
    std::string models_dir;   // empty: the prepared models of scripts/setup
    double sample_fps = 4.0;  // video frames analysed per second
    bool motion_gating = true;
    int threads = 0;  // OpenCV threads; 0: OpenCV's default
};
// Prints each plate found per image, or per vehicle in a video. 0 when every file was read (plates or not);
// 1 when the models cannot be loaded; 2 for a file that is missing or not an image or video.
int RunPlates(const PlatesCliOptions& options);

struct MakeVideoOptions {
    std::string out;                  // .avi (Motion JPEG)
    std::vector<std::string> plates;  // "51F-123.45" one row, "29-B1/123.45" two rows
    double fps = 10;
    double seconds_each = 2;
    double gap_s = 2;
};
// Writes a made street video in which each plate passes by on a vehicle: a camera source for demos and tests.
int RunMakeVideo(const MakeVideoOptions& options);

}  // namespace precinct::vision
