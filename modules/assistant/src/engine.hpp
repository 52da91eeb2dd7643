#pragma once
// Everything the assistant needs in memory, built once from the data files: the word list, the knowledge base,
// the retrieval index with its calibration and the dialogue rules. Immutable after construction, shared by all
// request threads.
#include <memory>
#include <string>
#include <vector>

#include "dialog.hpp"
#include "kb.hpp"
#include "retriever.hpp"
#include "text/analyzer.hpp"
#include "understanding.hpp"

namespace precinct::assistant {

struct EngineFiles {
    std::string kb_dir;            // data/kb
    std::string words_file;        // data/text/words.txt
    std::string calibration_file;  // data/assistant/calibration.toml (missing: default weights)
};

// The data directory of the source tree (for defaults): PRECINCT_SOURCE_DATA_DIR at build time.
EngineFiles DefaultEngineFiles();

class Engine {
public:
    static Result<std::unique_ptr<Engine>> Create(const EngineFiles& files,
                                                  std::vector<reports::IntakeCategory> categories,
                                                  Thresholds thresholds = {});

    const KnowledgeBase& kb() const { return kb_; }
    const text::Analyzer& analyzer() const { return analyzer_; }
    const Understander& understander() const { return understander_; }
    Retriever& retriever() { return *retriever_; }
    const Retriever& retriever() const { return *retriever_; }
    const Dialog& dialog() const { return *dialog_; }

private:
    Engine(text::Lexicon lexicon, KnowledgeBase kb);

    text::Lexicon lexicon_;
    KnowledgeBase kb_;
    text::Analyzer analyzer_;
    Understander understander_;
    std::unique_ptr<Retriever> retriever_;
    std::unique_ptr<Dialog> dialog_;
};

}  // namespace precinct::assistant
