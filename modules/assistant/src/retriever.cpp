// Knowledge-base retrieval and confidence.
#include "retriever.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <unordered_set>

#include "text/fold.hpp"

namespace precinct::assistant {
namespace {

// Field weights (BM25F): the names people use count most, example questions next, the explanatory body least.
constexpr double kTitleWeight = 3.0;
constexpr double kAliasWeight = 3.0;
constexpr double kQuestionWeight = 1.5;
constexpr double kBodyWeight = 0.4;

// Words that say how a question is asked, not what it is about ("cần những giấy tờ gì", "mất bao nhiêu tiền",
// "how much is the fee"): left out of the index and of queries so that an entry whose example questions happen to
// use them does not win. Words that also name things ("hộ", "số", "con", "mất", "hạn", "đầu") are kept.
const std::unordered_set<std::string_view> kQueryStopwords{
    "toi", "minh", "em", "anh", "chi", "ban", "a", "ah", "ak", "oi", "thi", "la", "co", "khong", "duoc", "cua",
    "va", "voi", "de", "nay", "do", "kia", "nhe", "nha", "vay", "the", "nao", "gi", "sao", "ra", "vao", "can",
    "phai", "muon", "hoi", "xin", "vui", "long", "giup", "roi", "nhu", "bao", "nhieu", "lau", "o", "khi", "mot",
    "cac", "nhung", "ve", "tu", "trong", "hay", "hoac", "neu", "ma", "phi", "le", "tien", "ngay", "may", "thoi",
    "gian", "to", "thu", "tuc", "u", "da", "nua", "them", "cung", "luon", "biet",
    "xem", "the", "i", "my", "me", "for", "of", "in", "on", "does", "is", "are", "how", "what", "where", "when",
    "which", "who", "it", "this", "that", "with", "you", "your", "please", "need", "have", "should", "want",
    "would", "about", "much", "many", "there", "be", "and", "or", "if", "at", "from", "by", "any", "some", "also",
    "so", "just", "tell", "know", "am", "we", "our", "they", "was", "were", "will", "as", "all", "than", "up",
    "out", "into", "via", "fee", "cost", "time", "day", "document", "paper", "step", "process", "do", "an", "can"};

bool Stopped(const std::string& term) {
    if (term.empty()) return true;
    if (term[0] == '^') return kQueryStopwords.count(text::FoldVietnamese(term.substr(1))) != 0;
    std::size_t start = 0;
    while (true) {  // a dictionary word is left out only when every syllable is
        const std::size_t end = term.find('_', start);
        if (kQueryStopwords.count(std::string_view(term).substr(start, end - start)) == 0) return false;
        if (end == std::string::npos) return true;
        start = end + 1;
    }
}

std::vector<std::string> WithoutStopwords(std::vector<std::string> terms) {
    terms.erase(std::remove_if(terms.begin(), terms.end(), Stopped), terms.end());
    // Pairs of neighbouring words left ("mat+can", "het+han"): word order the dictionary does not know.
    std::vector<std::string> plain;
    for (const std::string& t : terms) {
        if (t[0] != '^' && t.find('_') == std::string::npos) plain.push_back(t);
    }
    for (std::size_t i = 0; i + 1 < plain.size(); ++i) terms.push_back(plain[i] + "+" + plain[i + 1]);
    return terms;
}

bool IsPlainTerm(const std::string& t) {
    return !t.empty() && t[0] != '^' && t.find('_') == std::string::npos && t.find('+') == std::string::npos;
}

std::vector<std::string> TermsOf(const text::Analyzer& an, const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    for (const std::string& t : texts) {
        auto terms = WithoutStopwords(an.Terms(t));
        out.insert(out.end(), terms.begin(), terms.end());
    }
    return out;
}


}  // namespace

Retriever::Retriever(const KnowledgeBase& kb, const text::Analyzer& analyzer, Calibration calibration)
    : kb_(&kb), calibration_(calibration) {
    for (const Entry& e : kb.entries()) {
        const auto title = TermsOf(analyzer, {e.title_vi, e.title_en});
        const auto aliases = TermsOf(analyzer, e.aliases);
        const auto questions = TermsOf(analyzer, e.questions);
        const auto body = TermsOf(analyzer, e.faq ? std::vector<std::string>{e.answer_vi, e.answer_en}
                                                  : std::vector<std::string>{e.summary_vi, e.summary_en, e.who_vi,
                                                                             e.who_en});
        index_.Add({{&title, kTitleWeight}, {&aliases, kAliasWeight}, {&questions, kQuestionWeight},
                    {&body, kBodyWeight}});
        names_.Add({{&title, 1.0}, {&aliases, 1.0}});
        docs_.push_back(&e);
    }
}

double Retriever::Confidence(const Calibration& c, const std::array<double, 5>& f) {
    double z = 0;
    for (std::size_t i = 0; i < f.size(); ++i) z += c.weights[i] * f[i];
    return 1.0 / (1.0 + std::exp(-z));
}

Retrieval Retriever::Search(const std::vector<std::string>& all_terms, const Entry* exclude) const {
    const std::vector<std::string> query = WithoutStopwords(all_terms);
    Retrieval r;
    r.features[0] = 1.0;
    auto hits = index_.Search(query, 6);
    hits.erase(std::remove_if(hits.begin(), hits.end(), [&](const text::Bm25Hit& h) { return docs_[h.doc] == exclude; }),
               hits.end());
    if (hits.size() > 5) hits.resize(5);
    for (const auto& h : hits) r.candidates.push_back({docs_[h.doc], h.score});
    if (hits.empty()) {
        r.confidence = 0;
        return r;
    }
    const double top = hits[0].score;
    const double second = hits.size() > 1 ? hits[1].score : 0.0;
    // The best possible score counts words the index has never seen at the highest idf, so a question full of
    // unknown words cannot look like a perfect match.
    double max_score = index_.MaxScore(query);
    for (const std::string& t : query) {
        if (IsPlainTerm(t) && !index_.Contains(t)) {
            max_score += index_.Idf(t) * 2.2;
        }
    }
    r.features[1] = max_score > 0 ? top / max_score : 0;
    r.features[2] = top > 0 ? (top - second) / top : 0;
    // Coverage: the share of the query's plain syllables (by idf) that the best entry contains. Words the index
    // has never seen count at full idf, so a question about something else entirely scores low.
    // When the citizen typed accents, a syllable counts by its accented form ("giá" is not "gia" of "gia hạn").
    double all = 0, matched = 0, named = 0;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < query.size(); ++i) {
        if (!IsPlainTerm(query[i])) continue;
        const bool accented = i + 1 < query.size() && query[i + 1][0] == '^' &&
                              query[i + 1].find('_') == std::string::npos;
        const std::string& t = accented ? query[i + 1] : query[i];
        if (!seen.insert(t).second) continue;
        const double idf = index_.Idf(t);
        all += idf;
        if (index_.Contains(t, hits[0].doc)) matched += idf;
        if (names_.Contains(t, hits[0].doc)) named += idf;
    }
    // Both shares must be high for a confident match, so the feature is their product.
    r.features[3] = all > 0 ? (matched / all) * (named / all) : 0;
    // The same share in the entry's names alone (title and aliases): a question that only shares everyday words
    // with an entry's example questions ("giá vàng hôm nay") is not about it.
    r.features[4] = all > 0 ? named / all : 0;
    r.confidence = Confidence(calibration_, r.features);
    return r;
}

Result<Calibration> LoadCalibration(const std::string& path) {
    Calibration c;
    std::ifstream probe(path);
    if (!probe) return c;
    try {
        const toml::table t = toml::parse_file(path);
        const auto* w = t.get_as<toml::array>("weights");
        if (w == nullptr || w->size() != c.weights.size()) {
            return Fail(ErrorCode::kInvalidArgument, path + ": weights must be an array of 5 numbers");
        }
        for (std::size_t i = 0; i < c.weights.size(); ++i) {
            const auto v = (*w)[i].value<double>();
            if (!v || !std::isfinite(*v)) {
                return Fail(ErrorCode::kInvalidArgument, path + ": weights must be an array of 5 numbers");
            }
            c.weights[i] = *v;
        }
    } catch (const toml::parse_error& e) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
    }
    return c;
}

Status SaveCalibration(const std::string& path, const Calibration& c, const std::string& comment) {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return Fail(ErrorCode::kInternal, "cannot write " + path);
    out << "# Confidence calibration of the assistant's retrieval (modules/assistant/src/retriever.hpp):\n"
        << "# confidence = 1 / (1 + exp(-(w0 + w1*top_normalized + w2*margin + w3*coverage + w4*name_coverage))).\n"
        << "# Written by `precinct assistant eval --fit`; " << comment << "\n"
        << fmt::format("weights = [{:.6f}, {:.6f}, {:.6f}, {:.6f}, {:.6f}]\n", c.weights[0], c.weights[1],
                       c.weights[2], c.weights[3], c.weights[4]);
    if (!out) return Fail(ErrorCode::kInternal, "cannot write " + path);
    return Ok();
}

}  // namespace precinct::assistant
