// In-process figures of the assistant on one thread (one core), side by side with a peer: SQLite FTS5's bm25() over
// the same knowledge-base text (tokenizer unicode61 with remove_diacritics 2, the usual way to search Vietnamese
// without accents in SQLite), on the same questions (data/kb/eval/questions.tsv). Prints throughput, latency
// percentiles and top-1 per split; asserts nothing.
//
//   precinct_assistant_bench [questions.tsv] [seconds]
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine.hpp"
#include "text/fold.hpp"

namespace precinct::assistant {
namespace {

using Steady = std::chrono::steady_clock;

struct Question {
    std::string split, expected, text;
};

std::vector<Question> ReadQuestions(const std::string& path) {
    std::vector<Question> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const auto a = line.find('\t');
        const auto b = a == std::string::npos ? a : line.find('\t', a + 1);
        if (b == std::string::npos || line.rfind("split\t", 0) == 0) continue;
        out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
    }
    return out;
}

double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

class NoActions final : public Actions {
public:
    Result<reports::CitizenReceipt> FileReport(const reports::CitizenReport&) override {
        return Fail(ErrorCode::kUnavailable, "bench");
    }
    Result<std::optional<std::int64_t>> RaiseEmergency(const Emergency&, const std::string&, const std::string&) override {
        return std::optional<std::int64_t>();
    }
    Status AddEmergencyNote(std::int64_t, const std::string&) override { return Ok(); }
    std::string NewSecret() override { return "000000"; }
};

// FTS5 query: every token of the question as an OR'ed quoted term (quotes doubled), as a search box would do.
std::string FtsQuery(const std::string& text) {
    std::string q;
    std::string token;
    auto flush = [&] {
        if (token.empty()) return;
        if (!q.empty()) q += " OR ";
        q += "\"" + token + "\"";
        token.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '?' || c == ',' || c == '.' || c == '!' || c == '"' || c == '(' || c == ')' ||
            c == ':' || c == ';' || c == '/') {
            flush();
        } else {
            token.push_back(c);
        }
    }
    flush();
    return q;
}

struct Peer {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    ~Peer() {
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }
    bool Open(const KnowledgeBase& kb) {
        if (sqlite3_open(":memory:", &db) != SQLITE_OK) return false;
        if (sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE kb USING fts5(id UNINDEXED, title, aliases, questions, body, "
                         "tokenize = 'unicode61 remove_diacritics 2')",
                         nullptr, nullptr, nullptr) != SQLITE_OK) {
            return false;
        }
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(db, "INSERT INTO kb VALUES (?,?,?,?,?)", -1, &ins, nullptr);
        for (const Entry& e : kb.entries()) {
            auto join = [](const std::vector<std::string>& v) {
                std::string s;
                for (const auto& x : v) s += x + " . ";
                return s;
            };
            const std::string title = e.title_vi + " . " + e.title_en;
            const std::string aliases = join(e.aliases), questions = join(e.questions);
            const std::string body = e.faq ? e.answer_vi + " " + e.answer_en
                                           : e.summary_vi + " " + e.summary_en + " " + e.who_vi + " " + e.who_en;
            sqlite3_bind_text(ins, 1, e.id.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 2, title.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 3, aliases.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 4, questions.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 5, body.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(ins);
            sqlite3_reset(ins);
        }
        sqlite3_finalize(ins);
        // The same field weights as the assistant's index: title 3, aliases 3, questions 1.5, body 0.4.
        return sqlite3_prepare_v2(db, "SELECT id FROM kb WHERE kb MATCH ? ORDER BY bm25(kb, 0, 3, 3, 1.5, 0.4) LIMIT 1",
                                  -1, &stmt, nullptr) == SQLITE_OK;
    }
    std::string Top(const std::string& question) {
        const std::string q = FtsQuery(question);
        if (q.empty()) return {};
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, q.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(stmt) == SQLITE_ROW) return reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        return {};
    }
};

int Run(int argc, char** argv) {
    const EngineFiles files = DefaultEngineFiles();
    const std::string questions_file = argc > 1 ? argv[1] : files.kb_dir + "/eval/questions.tsv";
    const double seconds = argc > 2 ? std::stod(argv[2]) : 3.0;
    const auto t_load = Steady::now();
    auto engine = Engine::Create(files, {});
    if (!engine) {
        fmt::print(stderr, "{}\n", engine.error().message);
        return 1;
    }
    const double load_ms = std::chrono::duration<double, std::milli>(Steady::now() - t_load).count();
    const auto questions = ReadQuestions(questions_file);
    if (questions.empty()) {
        fmt::print(stderr, "no questions in {}\n", questions_file);
        return 1;
    }
    fmt::print("knowledge base: {} entries, loaded and indexed in {:.0f} ms; {} questions from {}\n",
               (*engine)->kb().entries().size(), load_ms, questions.size(), questions_file);

    // 1. Whole turns (understanding, retrieval, composition), each question in a fresh conversation.
    NoActions actions;
    std::vector<double> lat_us;
    std::size_t turns = 0;
    const auto t0 = Steady::now();
    while (std::chrono::duration<double>(Steady::now() - t0).count() < seconds) {
        for (const Question& q : questions) {
            ConversationState state;
            const auto a = Steady::now();
            const Turn t = (*engine)->dialog().Respond(state, q.text, std::nullopt, actions, "bench");
            lat_us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - a).count());
            turns += t.reply.empty() ? 0 : 1;
        }
    }
    const double total_s = std::chrono::duration<double>(Steady::now() - t0).count();
    fmt::print("assistant turns, 1 thread: {:.0f} answers/s; p50 {:.1f} µs, p99 {:.1f} µs, max {:.1f} µs ({} turns)   "
               "[target >= 5,000/s]\n",
               static_cast<double>(lat_us.size()) / total_s, Percentile(lat_us, 0.5), Percentile(lat_us, 0.99),
               Percentile(lat_us, 1.0), turns);

    // 2. Retrieval alone vs the peer, same questions, same thread.
    Peer peer;
    if (!peer.Open((*engine)->kb())) {
        fmt::print("SQLite FTS5 not available: {}\n", sqlite3_errmsg(peer.db));
        return 1;
    }
    std::map<std::string, std::pair<int, int>> ours, theirs;  // split -> (right, total)
    for (const Question& q : questions) {
        if (q.expected == "handoff") continue;
        const auto r = (*engine)->retriever().Search((*engine)->understander().Understand(q.text).terms);
        const bool right = !r.candidates.empty() && r.candidates[0].entry->id == q.expected;
        ours[q.split].first += right;
        ++ours[q.split].second;
        theirs[q.split].first += peer.Top(q.text) == q.expected;
        ++theirs[q.split].second;
    }
    auto time_it = [&](auto&& fn) {
        std::size_t n = 0;
        const auto s = Steady::now();
        while (std::chrono::duration<double>(Steady::now() - s).count() < seconds / 2) {
            for (const Question& q : questions) {
                fn(q.text);
                ++n;
            }
        }
        return static_cast<double>(n) / std::chrono::duration<double>(Steady::now() - s).count();
    };
    const double ours_qps = time_it([&](const std::string& q) {
        (void)(*engine)->retriever().Search((*engine)->understander().Understand(q).terms);
    });
    const double peer_qps = time_it([&](const std::string& q) { (void)peer.Top(q); });
    fmt::print("retrieval only, 1 thread      {:>12} {:>12}\n", "Precinct", "SQLite FTS5");
    fmt::print("  queries/s                   {:>12.0f} {:>12.0f}\n", ours_qps, peer_qps);
    for (const auto& [split, o] : ours) {
        const auto& t = theirs[split];
        fmt::print("  top-1 {:<8} (n={:>3})      {:>11.1f}% {:>11.1f}%\n", split, o.second, 100.0 * o.first / o.second,
                   100.0 * t.first / t.second);
    }
    return 0;
}

}  // namespace
}  // namespace precinct::assistant

int main(int argc, char** argv) { return precinct::assistant::Run(argc, argv); }
