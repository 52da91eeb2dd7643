#pragma once
// The knowledge base: procedures and common questions loaded from data/kb/*.toml (schema in data/kb/README.md).
// The loader checks every entry and reports every error as "file:line: message".
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::assistant {

// What a question asks about a procedure.
enum class Facet { kFee, kTime, kDocuments, kWhere, kOnline, kEligibility, kSteps, kLegal };
inline constexpr std::array kAllFacets{Facet::kFee,    Facet::kTime,        Facet::kDocuments, Facet::kWhere,
                                       Facet::kOnline, Facet::kEligibility, Facet::kSteps,     Facet::kLegal};
std::string_view FacetCode(Facet f);  // "fee", "time", "documents", "where", "online", "eligibility", ...
// The knowledge base's own names for facets in `unconfirmed` ("who" is eligibility).
std::optional<Facet> ParseKbFacet(std::string_view s);

struct LegalRef {
    std::string instrument, instrument_en;
    std::string article, article_en;
    bool unconfirmed = false;
};

enum class Online { kFull, kPartial, kNo };

struct Entry {
    std::string id;
    bool faq = false;
    std::string title_vi, title_en;
    std::vector<std::string> aliases, questions;
    // Procedures.
    std::string summary_vi, summary_en, who_vi, who_en, where_vi, where_en, time_vi, time_en, fee_vi, fee_en;
    std::vector<std::string> documents_vi, documents_en, steps_vi, steps_en, channels;
    Online online = Online::kNo;
    std::vector<Facet> unconfirmed;
    // Common questions.
    std::string answer_vi, answer_en;
    bool answer_unconfirmed = false;

    std::string checked;  // YYYY-MM-DD
    std::vector<LegalRef> legal;
    std::string file;  // where it was read, for messages
    int line = 0;

    bool IsUnconfirmed(Facet f) const;
    const std::string& Title(bool english) const { return english ? title_en : title_vi; }
};

class KnowledgeBase {
public:
    const std::vector<Entry>& entries() const { return entries_; }
    const Entry* Find(std::string_view id) const;
    std::size_t procedures() const;
    std::size_t faqs() const { return entries_.size() - procedures(); }

    // Parses one file's text (named `file` in messages) into `kb`; errors are appended, each "file:line: msg".
    static void ParseInto(KnowledgeBase& kb, const std::string& text, const std::string& file,
                          std::vector<std::string>& errors);
    // Every *.toml in `dir` (in name order). Fails with all errors (at most 50 listed) when any entry is invalid,
    // an id repeats, or nothing is found.
    static Result<KnowledgeBase> LoadDirectory(const std::filesystem::path& dir);

private:
    std::vector<Entry> entries_;
};

}  // namespace precinct::assistant
