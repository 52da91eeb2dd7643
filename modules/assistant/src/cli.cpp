// `precinct assistant check|ask|eval`.
#include "precinct/assistant/cli.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "core/json.hpp"
#include "engine.hpp"
#include "json_codec.hpp"

namespace precinct::assistant {
namespace {

EngineFiles Files(const CliFiles& f) {
    EngineFiles e = DefaultEngineFiles();
    if (!f.kb_dir.empty()) e.kb_dir = f.kb_dir;
    if (!f.words_file.empty()) e.words_file = f.words_file;
    if (!f.calibration_file.empty()) e.calibration_file = f.calibration_file;
    return e;
}

// Side effects are not carried out from the command line: a report or an emergency is described, not filed.
class DryRunActions final : public Actions {
public:
    Result<reports::CitizenReceipt> FileReport(const reports::CitizenReport&) override {
        return Fail(ErrorCode::kUnavailable, "the command line does not file reports");
    }
    Result<std::optional<std::int64_t>> RaiseEmergency(const Emergency&, const std::string&,
                                                       const std::string&) override {
        return std::optional<std::int64_t>();
    }
    Status AddEmergencyNote(std::int64_t, const std::string&) override { return Ok(); }
    std::string NewSecret() override { return "000000"; }
};

struct Row {
    std::string split, expected, question;
};

Result<std::vector<Row>> ReadQuestions(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read " + path);
    std::vector<Row> rows;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (n == 1 && line.rfind("split\t", 0) == 0) continue;
        if (line.empty() || line[0] == '#') continue;
        const auto a = line.find('\t');
        const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
        if (b == std::string::npos) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}:{}: three tab-separated columns expected", path, n));
        rows.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
    }
    return rows;
}

struct Sample {
    std::array<double, 5> features;
    bool correct;
    double confidence;
    double weight = 1.0;  // in the fit
};

// Negatives made by leaving an entry out stand for questions the knowledge base does not cover; they are weighted
// so that they make up about a tenth of what the fit sees, roughly the share of such questions in the tuning set.
constexpr double kNegativeWeight = 0.1;

struct Tally {
    int n = 0, top1 = 0, top3 = 0, answered = 0, answered_right = 0, clarify = 0, handoff = 0, other = 0;
    int oos = 0, oos_not_answered = 0;  // out-of-scope rows (expected "handoff")
    std::vector<Sample> samples;
    std::vector<Sample> negatives;  // for fitting only
};

void Score(const Engine& engine, const std::string& expected, const std::string& question, Tally& t,
           bool verbose, const std::string& label) {
    const Understanding u = engine.understander().Understand(question);
    const Retrieval r = engine.retriever().Search(u.terms);
    ConversationState state;
    DryRunActions actions;
    const Turn turn = engine.dialog().Respond(state, question, std::nullopt, actions, "eval");
    const bool oos = expected == "handoff";
    const std::string top = r.candidates.empty() ? "" : r.candidates[0].entry->id;
    if (oos) {
        ++t.oos;
        if (turn.kind != "answer") ++t.oos_not_answered;
        else if (verbose) fmt::print("  [{}] answered out-of-scope: {} -> {} ({:.2f})\n", label, question, top, r.confidence);
        t.samples.push_back({r.features, false, r.confidence});
    } else {
        ++t.n;
        const bool hit1 = top == expected;
        bool hit3 = false;
        for (std::size_t i = 0; i < r.candidates.size() && i < 3; ++i) hit3 |= r.candidates[i].entry->id == expected;
        t.top1 += hit1;
        t.top3 += hit3;
        if (turn.kind == "answer") {
            ++t.answered;
            t.answered_right += turn.entry != nullptr && turn.entry->id == expected;
        } else if (turn.kind == "clarify") {
            ++t.clarify;
        } else if (turn.kind == "handoff") {
            ++t.handoff;
        } else {
            ++t.other;
        }
        t.samples.push_back({r.features, hit1, r.confidence});
        // A negative example for calibration: the same question with its entry taken out of the index, as if the
        // knowledge base did not cover it.
        if (const Entry* right = engine.kb().Find(expected)) {
            const Retrieval without = engine.retriever().Search(u.terms, right);
            t.negatives.push_back({without.features, false, without.confidence, kNegativeWeight});
        }
        if (verbose && !hit1) {
            fmt::print("  [{}] miss: {}\n        expected {}, got {} ({:.2f}), turn {}\n", label, question, expected,
                       top.empty() ? "-" : top, r.confidence, turn.kind);
        }
    }
}

double Pct(int a, int b) { return b == 0 ? 0.0 : 100.0 * a / b; }

void PrintTally(const std::string& name, const Tally& t) {
    const int all = t.n + t.oos;
    const int not_answered = t.clarify + t.handoff + t.oos_not_answered;
    fmt::print("{:<9} {:>4} questions ({} with an entry, {} out of scope)\n", name, all, t.n, t.oos);
    fmt::print("  top-1 {:5.1f}%   top-3 {:5.1f}%   (retrieval, questions with an entry)\n", Pct(t.top1, t.n),
               Pct(t.top3, t.n));
    fmt::print("  answered {:5.1f}% (right {:5.1f}% of those)   asked back {:5.1f}%   handed over {:5.1f}%   "
               "other (report/emergency flow) {:4.1f}%\n",
               Pct(t.answered, t.n), Pct(t.answered_right, t.answered), Pct(t.clarify, t.n), Pct(t.handoff, t.n),
               Pct(t.other, t.n));
    fmt::print("  handoff rate (asked back or handed over, all questions) {:5.1f}%   out of scope not answered "
               "{}/{}\n",
               Pct(not_answered, all), t.oos_not_answered, t.oos);
    // Calibration: Brier score and expected calibration error over 5 bins.
    if (!t.samples.empty()) {
        double brier = 0;
        std::array<double, 5> conf{}, acc{};
        std::array<int, 5> count{};
        for (const Sample& s : t.samples) {
            brier += (s.confidence - (s.correct ? 1 : 0)) * (s.confidence - (s.correct ? 1 : 0));
            const auto bin = std::min<std::size_t>(4, static_cast<std::size_t>(s.confidence * 5));
            conf[bin] += s.confidence;
            acc[bin] += s.correct ? 1 : 0;
            ++count[bin];
        }
        double ece = 0;
        std::string bins;
        for (std::size_t i = 0; i < 5; ++i) {
            if (count[i] == 0) continue;
            ece += std::abs(conf[i] - acc[i]) / static_cast<double>(t.samples.size());
            bins += fmt::format(" [{:.1f}-{:.1f}) n={} conf={:.2f} right={:.2f};", i / 5.0, (i + 1) / 5.0, count[i],
                                conf[i] / count[i], acc[i] / count[i]);
        }
        fmt::print("  calibration: Brier {:.3f}, ECE {:.3f};{}\n", brier / static_cast<double>(t.samples.size()), ece,
                   bins);
    }
}

Calibration Fit(const std::vector<Sample>& samples) {
    Calibration c;
    std::array<double, 5> w = c.weights;
    const double rate = 0.05, l2 = 1e-3;
    double total_weight = 0;
    for (const Sample& s : samples) total_weight += s.weight;
    for (int iter = 0; iter < 20000; ++iter) {
        std::array<double, 5> grad{};
        for (const Sample& s : samples) {
            const double p = Retriever::Confidence(Calibration{w}, s.features);
            const double err = (p - (s.correct ? 1 : 0)) * s.weight;
            for (std::size_t i = 0; i < 5; ++i) grad[i] += err * s.features[i];
        }
        for (std::size_t i = 0; i < 5; ++i) {
            w[i] -= rate * (grad[i] / total_weight + (i ? l2 * w[i] : 0));
        }
    }
    c.weights = w;
    return c;
}

}  // namespace

int RunCheck(const CliFiles& files) {
    const EngineFiles f = Files(files);
    auto kb = KnowledgeBase::LoadDirectory(f.kb_dir);
    if (!kb) {
        std::cerr << kb.error().message << "\n";
        return 1;
    }
    std::size_t unconfirmed = 0;
    for (const Entry& e : kb->entries()) unconfirmed += (!e.unconfirmed.empty() || e.answer_unconfirmed) ? 1 : 0;
    fmt::print("knowledge base {}: {} procedures, {} common questions; {} entries carry unconfirmed facts\n", f.kb_dir,
               kb->procedures(), kb->faqs(), unconfirmed);
    return 0;
}

int RunAsk(const CliFiles& files, const std::vector<std::string>& questions, bool json) {
    auto engine = Engine::Create(Files(files), {});
    if (!engine) {
        std::cerr << engine.error().message << "\n";
        return 1;
    }
    ConversationState state;
    DryRunActions actions;
    for (const std::string& q : questions) {
        const Turn t = (*engine)->dialog().Respond(state, q, std::nullopt, actions, "cli");
        if (json) {
            std::cout << TurnJson(t, "cli", 0, state).dump() << "\n";
        } else {
            fmt::print("> {}\n[{} {:.2f}{}] {}\n\n", q, t.kind, t.confidence,
                       t.entry ? " " + t.entry->id : std::string(), t.reply);
        }
    }
    return 0;
}

int RunEval(const EvalOptions& o) {
    const EngineFiles files = Files(o.files);
    auto engine = Engine::Create(files, {});
    if (!engine) {
        std::cerr << engine.error().message << "\n";
        return 1;
    }
    auto rows = ReadQuestions(o.questions_file);
    if (!rows) {
        std::cerr << rows.error().message << "\n";
        return 1;
    }
    std::map<std::string, Tally> tallies;
    for (const Row& row : *rows) {
        if (o.split != "all" && row.split != o.split) continue;
        if (row.expected != "handoff" && (*engine)->kb().Find(row.expected) == nullptr) {
            std::cerr << fmt::format("{}: unknown expected id \"{}\"\n", o.questions_file, row.expected);
            return 1;
        }
        Score(**engine, row.expected, row.question, tallies[row.split], o.verbose, row.split);
        Score(**engine, row.expected, row.question, tallies["all"], false, "all");
    }
    if (o.fit) {
        std::vector<Sample> training = tallies["tune"].samples;
        training.insert(training.end(), tallies["tune"].negatives.begin(), tallies["tune"].negatives.end());
        const Calibration c = Fit(training);
        if (auto s = SaveCalibration(files.calibration_file, c,
                                     fmt::format("fitted on {} tuning questions and as many with their entry left out.",
                                                 tallies["tune"].samples.size()));
            !s) {
            std::cerr << s.error().message << "\n";
            return 1;
        }
        fmt::print("calibration written to {}: [{:.3f}, {:.3f}, {:.3f}, {:.3f}, {:.3f}] — run again to see it applied\n",
                   files.calibration_file, c.weights[0], c.weights[1], c.weights[2], c.weights[3], c.weights[4]);
    }
    fmt::print("assistant eval: {} ({} entries in the knowledge base)\n", o.questions_file, (*engine)->kb().entries().size());
    for (const char* name : {"tune", "heldout", "all"}) {
        if (tallies.count(name) != 0) PrintTally(name, tallies[name]);
    }
    if (!o.external_file.empty()) {
        std::map<std::string, std::string> labels;
        std::ifstream lin(o.external_labels);
        if (!lin) {
            std::cerr << "cannot read " << o.external_labels << "\n";
            return 1;
        }
        std::string line;
        while (std::getline(lin, line)) {
            const auto tab = line.find('\t');
            if (tab == std::string::npos || line.rfind("id\t", 0) == 0) continue;
            labels[line.substr(0, tab)] = line.substr(tab + 1);
        }
        std::ifstream in(o.external_file);
        if (!in) {
            std::cerr << "cannot read " << o.external_file << "\n";
            return 1;
        }
        Tally ext;
        while (std::getline(in, line)) {
            if (line.empty()) continue;
            Json j = Json::parse(line, nullptr, false);
            if (j.is_discarded() || !j.contains("id") || !j.contains("question")) continue;
            const auto it = labels.find(j["id"].get<std::string>());
            if (it == labels.end()) continue;
            Score(**engine, it->second, j["question"].get<std::string>(), ext, o.verbose, "external");
        }
        PrintTally("external", ext);
    }
    return 0;
}

}  // namespace precinct::assistant
