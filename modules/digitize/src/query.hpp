#pragma once
// Full-text search of digitized documents: the query language officers type, its translation to an SQLite FTS5
// MATCH expression, and the snippets shown with each result. Search runs over accent-folded text
// (text::FoldVietnamese), so "quyet dinh", "Quyết định" and "QUYẾT ĐỊNH" find each other; the index, the query and
// the snippet matcher must fold in exactly the same way, which is why all three go through this header.
//
// Query language:
//   quyết định        every word must occur (AND), in any order
//   "công an tỉnh"    a phrase: the words next to each other, in this order
//   -nháp -"dự thảo"  documents with the word or phrase are excluded
//   quyết*            words that begin with "quyet" (at least 2 letters or digits before the *)
//   bắt OR giữ        either term; OR (upper case, unquoted) binds tighter than AND: `a OR b c` is (a OR b) AND c
//   123/QĐ-UBND       punctuation inside a word splits it as FoldVietnamese does: the phrase "123 qd ubnd"
// Terms are separated by ASCII whitespace. Pure functions, no state; safe to call from any thread.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::digitize {

// The text put into the full-text index: text::FoldVietnamese of the input (only [a-z0-9 ]).
std::string FoldForIndex(std::string_view text);

// A word of UTF-8 text: a maximal run of characters that FoldVietnamese does not turn into a separator (letters,
// digits, and the marks and invisible characters it drops), with its byte range [begin, end) in the text and its
// folded form, which is one non-empty token.
struct TextWord {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string folded;

    bool operator==(const TextWord&) const = default;
};

// The words of `text`, in order. Their `folded` forms are exactly text::Tokens(FoldForIndex(text)); runs made only of
// dropped characters (a lone combining mark, a zero-width space) are not words. Invalid UTF-8 bytes are separators.
std::vector<TextWord> SplitWords(std::string_view text);

// One alternative of an OR group: a word or phrase (folded tokens), or with `prefix` a one-token prefix.
struct QueryTerm {
    std::vector<std::string> tokens;
    bool prefix = false;

    bool operator==(const QueryTerm&) const = default;
};

// A parsed query. All tokens are folded (only [a-z0-9]) and non-empty; no list holds the same term twice.
struct SearchQuery {
    std::vector<std::vector<std::string>> must;      // each is a word (one token) or a quoted phrase (several)
    std::vector<std::vector<std::string>> must_not;  // -word or -"phrase"
    std::vector<std::string> prefixes;               // word* (at least 2 characters before *)
    std::vector<std::vector<QueryTerm>> any_of;      // a OR b [OR c ...]: each group has 2+ distinct alternatives

    // True when nothing is looked for (and, by construction of ParseSearchQuery, nothing excluded either).
    bool empty() const;
    bool operator==(const SearchQuery&) const = default;
};

struct QueryLimits {
    std::size_t max_bytes = 500;  // the query as typed
    std::size_t max_terms = 16;   // words, phrases, prefixes and OR alternatives, exclusions included, after dedup
};

// Parses what the user typed. A query with no searchable term at all ("", "!!!") gives an empty SearchQuery, not an
// error. Errors are kInvalidArgument with field "q": longer than max_bytes, an unbalanced double quote, more than
// max_terms terms, only exclusions, a prefix shorter than 2 characters or spanning several words ("a*", "QĐ-UB*"),
// an excluded prefix ("-quy*"), and an OR without a term on each side or next to an exclusion. Only a trailing `*` on
// an unquoted word means prefix; a `*` anywhere else is punctuation.
Result<SearchQuery> ParseSearchQuery(std::string_view q, const QueryLimits& limits = {});

// An FTS5 MATCH expression for the folded column: every token double-quoted (so no user text is FTS5 syntax),
// phrases as "a b", prefixes as "ab"*, OR groups in parentheses, the positive terms joined with AND, and exclusions
// appended with NOT, e.g. `("quyet" AND "dinh") NOT "nhap"`. Empty when nothing positive is looked for (an empty
// query, or exclusions alone, which ParseSearchQuery refuses): FTS5 rejects an empty expression, so callers must not
// run it.
std::string ToFtsMatch(const SearchQuery& q);

struct SnippetPart {
    std::string text;
    bool hit = false;

    bool operator==(const SnippetPart&) const = default;
};

// A window of at most max_chars characters (code points) of the ORIGINAL (accented) text around the densest cluster
// of hits (most distinct terms, then most hits), with the hits marked: matching is on folded words, so "quyet dinh"
// marks "Quyết định"; a phrase hit is one part, separators inside it included; exclusions mark nothing. Where the
// window cuts the text, a part {"…", false} stands at that end. Cuts fall on character boundaries, and on word
// boundaries unless a word is very long; every run of ASCII whitespace (newlines included) becomes one space, the
// parts have no leading or trailing space at the ends of the window, and invalid UTF-8 bytes become U+FFFD. Apart
// from the "…" parts, adjacent parts never have the same `hit`. If nothing matches, the window is the start of the
// text. Empty text (or only whitespace) or max_chars 0 gives no parts.
std::vector<SnippetPart> MakeSnippet(std::string_view text, const SearchQuery& q, std::size_t max_chars = 240);

}  // namespace precinct::digitize
