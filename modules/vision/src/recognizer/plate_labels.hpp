#pragma once
// The labelled plate crops of the vn-plates data folder (labels.csv: image, plate, rows, ...), for tests and
// benchmarks.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace precinct::vision {

struct LabelledPlate {
    std::string image;  // relative to the folder
    std::string plate;  // normalized text
    int rows = 1;
};

inline std::vector<LabelledPlate> LoadPlateLabels(const std::filesystem::path& dir, std::size_t limit) {
    std::ifstream in(dir / "labels.csv");
    std::string line;
    std::getline(in, line);  // header
    std::vector<LabelledPlate> out;
    while (out.size() < limit && std::getline(in, line)) {
        std::stringstream s(line);
        LabelledPlate l;
        std::string rows;
        std::getline(s, l.image, ',');
        std::getline(s, l.plate, ',');
        std::getline(s, rows, ',');
        l.rows = rows == "2" ? 2 : 1;
        out.push_back(l);
    }
    return out;
}

}  // namespace precinct::vision
