#pragma once
// Finds the knowledge-base entries a question is about: BM25 over each entry's title, aliases, example questions
// and body, on accented and folded terms, and a calibrated confidence that the best one is right.
#include <array>
#include <string>
#include <vector>

#include "kb.hpp"
#include "text/analyzer.hpp"
#include "text/bm25.hpp"

namespace precinct::assistant {

// Logistic calibration of the top hit: confidence = 1 / (1 + exp(-(w · features))). Fitted on the tuning half
// of data/kb/eval/questions.tsv by `precinct assistant eval --fit` and stored in data/assistant/calibration.toml.
struct Calibration {
    // bias, normalized top score, margin over the second, query coverage, coverage by the entry's names
    std::array<double, 5> weights{-4.0, 6.0, 3.0, 2.0, 1.0};
};

struct Candidate {
    const Entry* entry = nullptr;
    double score = 0;
};

struct Retrieval {
    std::vector<Candidate> candidates;  // best first, at most 5
    std::array<double, 5> features{};   // 1, normalized top, margin, coverage, name coverage
    double confidence = 0;              // calibrated probability that candidates[0] is the right entry
};

class Retriever {
public:
    Retriever(const KnowledgeBase& kb, const text::Analyzer& analyzer, Calibration calibration = {});

    // `exclude`: leave this entry out (used to make negative examples for calibration).
    Retrieval Search(const std::vector<std::string>& query_terms, const Entry* exclude = nullptr) const;
    const Calibration& calibration() const { return calibration_; }
    void set_calibration(const Calibration& c) { calibration_ = c; }

    static double Confidence(const Calibration& c, const std::array<double, 5>& features);

private:
    const KnowledgeBase* kb_;
    text::Bm25Index index_;
    text::Bm25Index names_;  // titles and aliases only, same document numbers
    std::vector<const Entry*> docs_;
    Calibration calibration_;
};

// Reads data/assistant/calibration.toml (`weights = [five numbers]`); a missing file gives the defaults.
Result<Calibration> LoadCalibration(const std::string& path);
Status SaveCalibration(const std::string& path, const Calibration& c, const std::string& comment);

}  // namespace precinct::assistant
