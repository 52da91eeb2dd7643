// Building the engine from its data files.
#include "engine.hpp"

#include <filesystem>

namespace precinct::assistant {

EngineFiles DefaultEngineFiles() {
    const std::filesystem::path data = PRECINCT_SOURCE_DATA_DIR;
    return {(data / "kb").string(), (data / "text" / "words.txt").string(),
            (data / "assistant" / "calibration.toml").string()};
}

Engine::Engine(text::Lexicon lexicon, KnowledgeBase kb)
    : lexicon_(std::move(lexicon)), kb_(std::move(kb)), analyzer_(lexicon_), understander_(analyzer_) {}

Result<std::unique_ptr<Engine>> Engine::Create(const EngineFiles& files,
                                               std::vector<reports::IntakeCategory> categories,
                                               Thresholds thresholds) {
    auto lexicon = text::Lexicon::Load(files.words_file);
    if (!lexicon) return Fail(lexicon.error());
    auto kb = KnowledgeBase::LoadDirectory(files.kb_dir);
    if (!kb) return Fail(kb.error());
    auto calibration = LoadCalibration(files.calibration_file);
    if (!calibration) return Fail(calibration.error());
    std::unique_ptr<Engine> e(new Engine(std::move(*lexicon), std::move(*kb)));
    // Names from the knowledge base are words too ("đăng ký thường trú", aliases such as "nhập hộ khẩu").
    for (const Entry& entry : e->kb_.entries()) {
        e->lexicon_.AddWord(entry.title_vi);
        for (const auto& a : entry.aliases) e->lexicon_.AddWord(a);
    }
    e->retriever_ = std::make_unique<Retriever>(e->kb_, e->analyzer_, *calibration);
    e->dialog_ = std::make_unique<Dialog>(e->kb_, *e->retriever_, e->understander_, std::move(categories), thresholds);
    return e;
}

}  // namespace precinct::assistant
