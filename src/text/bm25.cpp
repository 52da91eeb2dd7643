// BM25 scoring over posting lists.
#include "text/bm25.hpp"

#include <algorithm>
#include <cmath>

namespace precinct::text {

std::uint32_t Bm25Index::Add(const std::vector<WeightedField>& fields) {
    const auto doc = static_cast<std::uint32_t>(lengths_.size());
    std::unordered_map<std::string, double> tf;
    double length = 0;
    for (const WeightedField& f : fields) {
        if (f.terms == nullptr || f.weight <= 0) continue;
        for (const std::string& t : *f.terms) tf[t] += f.weight;
        length += f.weight * static_cast<double>(f.terms->size());
    }
    for (auto& [term, freq] : tf) postings_[term].push_back({doc, freq});
    lengths_.push_back(length);
    total_length_ += length;
    return doc;
}

double Bm25Index::Idf(const std::string& term) const {
    const auto it = postings_.find(term);
    const double n = it == postings_.end() ? 0.0 : static_cast<double>(it->second.size());
    const double total = static_cast<double>(lengths_.size());
    return std::max(1e-3, std::log(1.0 + (total - n + 0.5) / (n + 0.5)));
}

double Bm25Index::TermScore(double tf, std::uint32_t doc, double idf) const {
    const double avg = lengths_.empty() ? 1.0 : std::max(1e-9, total_length_ / static_cast<double>(lengths_.size()));
    const double norm = params_.k1 * (1.0 - params_.b + params_.b * lengths_[doc] / avg);
    return idf * tf * (params_.k1 + 1.0) / (tf + norm);
}

std::vector<Bm25Hit> Bm25Index::Search(const std::vector<std::string>& query, std::size_t limit) const {
    std::vector<double> scores(lengths_.size(), 0.0);
    std::vector<std::uint32_t> touched;
    for (const std::string& term : query) {
        const auto it = postings_.find(term);
        if (it == postings_.end()) continue;
        const double idf = Idf(term);
        for (const Posting& p : it->second) {
            if (scores[p.doc] == 0.0) touched.push_back(p.doc);
            scores[p.doc] += TermScore(p.tf, p.doc, idf);
        }
    }
    std::vector<Bm25Hit> hits;
    hits.reserve(touched.size());
    for (std::uint32_t d : touched) hits.push_back({d, scores[d]});
    const auto better = [](const Bm25Hit& a, const Bm25Hit& b) {
        return a.score != b.score ? a.score > b.score : a.doc < b.doc;
    };
    if (hits.size() > limit) {
        std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(limit), hits.end(), better);
        hits.resize(limit);
    } else {
        std::sort(hits.begin(), hits.end(), better);
    }
    return hits;
}

double Bm25Index::Score(const std::vector<std::string>& query, std::uint32_t doc) const {
    if (doc >= lengths_.size()) return 0;
    double score = 0;
    for (const std::string& term : query) {
        const auto it = postings_.find(term);
        if (it == postings_.end()) continue;
        const auto p = std::lower_bound(it->second.begin(), it->second.end(), doc,
                                        [](const Posting& x, std::uint32_t d) { return x.doc < d; });
        if (p != it->second.end() && p->doc == doc) score += TermScore(p->tf, doc, Idf(term));
    }
    return score;
}

bool Bm25Index::Contains(const std::string& term, std::uint32_t doc) const {
    const auto it = postings_.find(term);
    if (it == postings_.end()) return false;
    const auto p = std::lower_bound(it->second.begin(), it->second.end(), doc,
                                    [](const Posting& x, std::uint32_t d) { return x.doc < d; });
    return p != it->second.end() && p->doc == doc;
}

double Bm25Index::MaxScore(const std::vector<std::string>& query) const {
    double s = 0;
    for (const std::string& term : query) {
        if (postings_.count(term) != 0) s += Idf(term) * (params_.k1 + 1.0);
    }
    return s;
}

}  // namespace precinct::text
