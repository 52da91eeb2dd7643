#pragma once
// The assistant's command-line tools: `precinct assistant check|ask|eval`.
#include <string>
#include <vector>

namespace precinct::assistant {

struct CliFiles {
    std::string kb_dir, words_file, calibration_file;  // empty: the source tree's data/
};

// Validates the knowledge base; prints counts or every error with file and line. Exit 0 or 1.
int RunCheck(const CliFiles& files);

// Answers questions one after another in one conversation (as the chat would), printing each reply.
int RunAsk(const CliFiles& files, const std::vector<std::string>& questions, bool json);

struct EvalOptions {
    CliFiles files;
    std::string questions_file;  // TSV: split, expected, question
    std::string split = "all";   // all, tune, heldout
    bool fit = false;            // fit the calibration on the tune split and write calibration_file
    bool verbose = false;        // print every miss
    // Optional external set: a JSONL file with "id" and "question" and a TSV of "id<TAB>expected" labels.
    std::string external_file, external_labels;
};

// Prints top-1 / top-3 accuracy, the answer / ask-back / handoff rates and calibration figures per split.
// Exit 0, or 1 when a file cannot be read.
int RunEval(const EvalOptions& options);

}  // namespace precinct::assistant
