#pragma once
// What a citizen's message says, before any knowledge-base lookup: its language, the facets it asks about
// (fee, time, documents, ...), and intents that bypass retrieval (greeting, thanks, asking for a human, wanting to
// report something, an emergency happening now, yes/no/cancel inside a dialogue).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb.hpp"
#include "text/analyzer.hpp"

namespace precinct::assistant {

enum class Lang { kVi, kEn };
std::string_view LangCode(Lang l);

enum class EmergencyKind { kFire, kRescue, kViolence, kTraffic, kMedical };

struct Emergency {
    EmergencyKind kind = EmergencyKind::kViolence;
    std::string line;      // 113, 114 or 115
    std::string category;  // dispatch category code (empty for 115: not a police incident)
};

struct Understanding {
    text::Analysis analysis;
    std::vector<std::string> terms;  // retrieval terms
    std::string folded;              // " syl syl ... " (padded with spaces for phrase search)
    std::string accented;            // " syl syl ... " canonical accented, padded
    Lang lang = Lang::kVi;
    std::vector<Facet> facets;  // in the order the reply should give them
    std::size_t content_words = 0;  // syllables that are neither function words nor facet words
    bool greeting = false, thanks = false, wants_human = false, wants_report = false;
    bool yes = false, no = false, cancel = false, anonymous = false;
    bool question = false;  // asks how/what/where (a question about a procedure, not a report)
    std::optional<Emergency> emergency;
};

class Understander {
public:
    explicit Understander(const text::Analyzer& analyzer) : analyzer_(&analyzer) {}
    Understanding Understand(std::string_view message) const;
    const text::Analyzer& analyzer() const { return *analyzer_; }

private:
    const text::Analyzer* analyzer_;
};

// True when `folded` (a single folded token) can be a Vietnamese syllable: onset, vowels, final.
bool IsVietnameseSyllable(std::string_view folded);

// A Vietnamese phone number found in the text (0xxxxxxxxx, +84xxxxxxxxx, 84xxxxxxxxx, with spaces, dots or
// dashes), as written digits with a leading 0; empty when none.
std::string FindPhoneNumber(std::string_view text);

}  // namespace precinct::assistant
