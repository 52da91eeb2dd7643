#pragma once
// An in-memory BM25 index over weighted fields (BM25F-style: a term's frequency and a document's length are the
// sums over its fields times each field's weight). Terms come from text::Analyzer or any other tokenizer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace precinct::text {

struct Bm25Params {
    double k1 = 1.2;
    double b = 0.75;
};

struct WeightedField {
    const std::vector<std::string>* terms = nullptr;
    double weight = 1.0;
};

struct Bm25Hit {
    std::uint32_t doc = 0;
    double score = 0;
};

class Bm25Index {
public:
    explicit Bm25Index(Bm25Params params = {}) : params_(params) {}

    // Adds a document; returns its number (0, 1, 2, ... in insertion order).
    std::uint32_t Add(const std::vector<WeightedField>& fields);
    std::uint32_t Add(const std::vector<std::string>& terms) { return Add({WeightedField{&terms, 1.0}}); }

    // Documents matching at least one query term, best first (ties by document number), at most `limit`.
    // A query term repeated counts once per repetition (so a caller may weight terms by repeating them).
    std::vector<Bm25Hit> Search(const std::vector<std::string>& query, std::size_t limit) const;
    // Score of one document for the query (0 when nothing matches).
    double Score(const std::vector<std::string>& query, std::uint32_t doc) const;
    // Whether the term occurs in the index at all, and in one document.
    bool Contains(const std::string& term) const { return postings_.count(term) != 0; }
    bool Contains(const std::string& term, std::uint32_t doc) const;

    // Robertson–Spärck Jones inverse document frequency, floored at a small positive value so that very common
    // terms still count a little: log(1 + (N - n + 0.5) / (n + 0.5)).
    double Idf(const std::string& term) const;
    // The highest score any single document could get for this query: each term at infinite frequency,
    // sum of idf * (k1 + 1). Used to normalize scores into [0, 1].
    double MaxScore(const std::vector<std::string>& query) const;

    std::size_t size() const { return lengths_.size(); }
    std::size_t vocabulary() const { return postings_.size(); }

private:
    struct Posting {
        std::uint32_t doc;
        double tf;  // weighted
    };
    double TermScore(double tf, std::uint32_t doc, double idf) const;

    Bm25Params params_;
    std::unordered_map<std::string, std::vector<Posting>> postings_;
    std::vector<double> lengths_;
    double total_length_ = 0;
};

}  // namespace precinct::text
