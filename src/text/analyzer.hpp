#pragma once
// From raw text to search terms: canonical accented syllables, their folded forms, chat spellings and
// abbreviations expanded, multi-syllable words from a dictionary, and a light English suffix stripper.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.hpp"

namespace precinct::text {

// Multi-syllable words ("tạm trú", "giấy phép lái xe") and abbreviations ("cccd", "ko", "đc"). The word list is
// data (data/text/words.txt); the abbreviations are built in and may be extended.
class Lexicon {
public:
    // The built-in abbreviations and no words.
    Lexicon();
    // Reads a word list: UTF-8, one word per line, syllables separated by spaces, '#' starts a comment line.
    // Lines of one syllable or more than kMaxWordSyllables are refused, naming file and line.
    static Result<Lexicon> Load(const std::string& path);

    static constexpr std::size_t kMaxWordSyllables = 6;

    // Adds a word (any spelling: it is canonicalized). Single syllables are ignored.
    void AddWord(std::string_view word);
    // Adds an abbreviation: `abbr` as written (it is folded) expands to `expansion` (canonical accented text).
    void AddAbbreviation(std::string_view abbr, std::string_view expansion);

    // Canonical accented words by their syllable count, and the folded forms.
    bool IsWord(const std::string& joined_canonical) const { return words_.count(joined_canonical) != 0; }
    bool IsFoldedWord(const std::string& joined_folded) const { return folded_words_.count(joined_folded) != 0; }
    // The expansion (canonical syllables) of a folded token, or nullptr.
    const std::vector<std::string>* Expansion(const std::string& folded_token) const;
    std::size_t word_count() const { return words_.size(); }
    std::size_t longest_word() const { return longest_; }

private:
    std::unordered_set<std::string> words_, folded_words_;  // syllables joined by '_'
    std::unordered_map<std::string, std::vector<std::string>> abbreviations_;
    std::size_t longest_ = 1;
};

// One analysed text: parallel lists of canonical accented syllables and their folded forms, after abbreviations
// were expanded.
struct Analysis {
    std::vector<std::string> accented;
    std::vector<std::string> folded;
    bool had_diacritics = false;  // the input had Vietnamese diacritics (so accents are meaningful)
    std::size_t expanded = 0;     // how many tokens were abbreviations
};

struct TermOptions {
    bool accented = true;   // add the accented syllable when it differs from the folded one (prefix '^')
    bool compounds = true;  // add dictionary words as "syl_syl" (folded) and "^syl_syl" (accented)
    bool stem_english = true;
};

class Analyzer {
public:
    explicit Analyzer(const Lexicon& lexicon) : lexicon_(&lexicon) {}

    Analysis Analyze(std::string_view text) const;
    // Index or query terms: every folded syllable (English-stemmed when ASCII and clearly not Vietnamese),
    // accented syllables prefixed with '^' when they carry diacritics, and dictionary words, longest match first.
    // When the input had no diacritics the accented terms are left out, so that a query typed without accents is
    // not penalized against accented documents.
    std::vector<std::string> Terms(const Analysis& analysis, const TermOptions& options = {}) const;
    std::vector<std::string> Terms(std::string_view text, const TermOptions& options = {}) const {
        return Terms(Analyze(text), options);
    }

    const Lexicon& lexicon() const { return *lexicon_; }

private:
    const Lexicon* lexicon_;
};

// Strips common English inflections ("registering" -> "register", "fees" -> "fee") from ASCII tokens of five
// letters or more whose ending cannot end a Vietnamese syllable; other tokens are returned unchanged.
std::string StemEnglish(const std::string& folded_token);

}  // namespace precinct::text
