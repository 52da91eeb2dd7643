// Search query parsing, FTS5 MATCH expressions and snippets over accent-folded words. See query.hpp.
#include "query.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "text/fold.hpp"

namespace precinct::digitize {
namespace {

constexpr std::string_view kField = "q";
constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::size_t kMinPrefixChars = 2;

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// The length of the strict UTF-8 sequence at text[pos], or 0 when the byte there does not start a valid one. The
// same rules as FoldVietnamese's decoder (no overlong forms, surrogates or code points above U+10FFFF), so that
// SplitWords cuts exactly where the folder does.
std::size_t SequenceLength(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    std::size_t len = 0;
    unsigned char second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        len = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        len = 3;
        if (lead == 0xE0) second_min = 0xA0;
        if (lead == 0xED) second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        len = 4;
        if (lead == 0xF0) second_min = 0x90;
        if (lead == 0xF4) second_max = 0x8F;
    } else {
        return 0;
    }
    if (pos + len > text.size()) return 0;
    if (byte(1) < second_min || byte(1) > second_max) return 0;
    for (std::size_t i = 2; i < len; ++i) {
        if (!IsContinuation(byte(i))) return 0;
    }
    return len;
}

enum class CharClass { kLetter, kDropped, kSeparator };

// How FoldVietnamese treats one valid character; `folded` gets its letter. Asks the folder itself, so the two can
// never disagree: a character that folds to nothing is dropped when "a<c>a" folds to "aa", a separator otherwise.
CharClass Classify(std::string_view character, std::string& folded) {
    if (character.size() == 1) {
        const char c = character[0];
        if (c >= 'A' && c <= 'Z') {
            folded = static_cast<char>(c - 'A' + 'a');
            return CharClass::kLetter;
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            folded = c;
            return CharClass::kLetter;
        }
        return CharClass::kSeparator;
    }
    folded = text::FoldVietnamese(character);
    if (!folded.empty()) return CharClass::kLetter;
    std::string sandwich = "a";
    sandwich.append(character);
    sandwich.push_back('a');
    return text::FoldVietnamese(sandwich) == "aa" ? CharClass::kDropped : CharClass::kSeparator;
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string Quote(const std::vector<std::string>& tokens) {
    std::string out = "\"";
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (i > 0) out.push_back(' ');
        out += tokens[i];
    }
    out.push_back('"');
    return out;
}

std::string Render(const QueryTerm& term) { return term.prefix ? Quote(term.tokens) + "*" : Quote(term.tokens); }

template <class T>
void PushUnique(std::vector<T>& list, T value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

tl::unexpected<Error> QueryError(std::string message) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::string(kField));
}

// One lexed piece of a query: a term (possibly negated) or the OR operator.
struct Item {
    bool is_or = false;
    bool negated = false;
    QueryTerm term;
};

Result<std::vector<Item>> Lex(std::string_view q) {
    std::vector<Item> items;
    std::size_t pos = 0;
    while (pos < q.size()) {
        if (IsAsciiSpace(q[pos])) {
            ++pos;
            continue;
        }
        Item item;
        if (q[pos] == '-' && pos + 1 < q.size() && !IsAsciiSpace(q[pos + 1])) {
            item.negated = true;
            ++pos;
        }
        if (q[pos] == '"') {
            const std::size_t close = q.find('"', pos + 1);
            if (close == std::string_view::npos) {
                return QueryError("the search query has an unbalanced double quote (\"); close the phrase");
            }
            item.term.tokens = text::Tokens(text::FoldVietnamese(q.substr(pos + 1, close - pos - 1)));
            pos = close + 1;
        } else {
            std::size_t end = pos;
            while (end < q.size() && !IsAsciiSpace(q[end]) && q[end] != '"') ++end;
            std::string_view word = q.substr(pos, end - pos);
            pos = end;
            if (word == "OR" && !item.negated) {
                item.is_or = true;
                items.push_back(std::move(item));
                continue;
            }
            if (!word.empty() && word.back() == '*') {
                while (!word.empty() && word.back() == '*') word.remove_suffix(1);
                item.term.prefix = true;
            }
            item.term.tokens = text::Tokens(text::FoldVietnamese(word));
            if (item.term.prefix && !item.term.tokens.empty()) {
                if (item.negated)
                    return QueryError("an excluded term cannot be a prefix (-word*); exclude whole words");
                if (item.term.tokens.size() != 1 || item.term.tokens[0].size() < kMinPrefixChars) {
                    return QueryError(
                        "a prefix search needs one word of at least 2 letters or digits before the * (e.g. quyet*)");
                }
            }
        }
        if (!item.term.tokens.empty()) items.push_back(std::move(item));
    }
    return items;
}

// A query term together with the id of what it satisfies: its own id, or that of its OR group.
struct Matcher {
    QueryTerm term;
    std::size_t id = 0;
};

std::vector<Matcher> Matchers(const SearchQuery& q, std::size_t& ids) {
    std::vector<Matcher> matchers;
    ids = 0;
    for (const auto& tokens : q.must) matchers.push_back({QueryTerm{tokens, false}, ids++});
    for (const auto& prefix : q.prefixes) matchers.push_back({QueryTerm{{prefix}, true}, ids++});
    for (const auto& group : q.any_of) {
        for (const QueryTerm& term : group) matchers.push_back({term, ids});
        ++ids;
    }
    return matchers;
}

// A matched span of the text: bytes [begin, end), characters [begin_char, end_char).
struct Hit {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t begin_char = 0;
    std::size_t end_char = 0;
    std::size_t id = 0;
};

// Appends text[from, to) to `out` with each run of ASCII whitespace as one space and invalid bytes as U+FFFD.
void AppendClean(std::string_view text, std::size_t from, std::size_t to, std::string& out) {
    std::size_t pos = from;
    while (pos < to) {
        if (IsAsciiSpace(text[pos])) {
            if (out.empty() || out.back() != ' ') out.push_back(' ');
            ++pos;
            continue;
        }
        const std::size_t len = SequenceLength(text, pos);
        if (len == 0) {
            out += kReplacement;
            ++pos;
        } else {
            out += text.substr(pos, len);
            pos += len;
        }
    }
}

bool HasNonSpace(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return !IsAsciiSpace(c); });
}

void AddPart(std::vector<SnippetPart>& parts, std::string text, bool hit) {
    if (text.empty()) return;
    if (!parts.empty() && parts.back().hit == hit) {
        parts.back().text += text;
    } else {
        parts.push_back({std::move(text), hit});
    }
}

}  // namespace

std::string FoldForIndex(std::string_view text) { return text::FoldVietnamese(text); }

std::vector<TextWord> SplitWords(std::string_view text) {
    std::vector<TextWord> words;
    TextWord current;
    bool in_word = false;
    std::string folded;
    const auto finish = [&](std::size_t end) {
        if (in_word && !current.folded.empty()) {
            current.end = end;
            words.push_back(std::move(current));
        }
        current = TextWord{};
        in_word = false;
    };
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t len = SequenceLength(text, pos);
        if (len == 0) {
            finish(pos);
            ++pos;
            continue;
        }
        const CharClass cls = Classify(text.substr(pos, len), folded);
        if (cls == CharClass::kSeparator) {
            finish(pos);
        } else {
            if (!in_word) {
                in_word = true;
                current.begin = pos;
            }
            if (cls == CharClass::kLetter) current.folded += folded;
        }
        pos += len;
    }
    finish(text.size());
    return words;
}

bool SearchQuery::empty() const { return must.empty() && must_not.empty() && prefixes.empty() && any_of.empty(); }

Result<SearchQuery> ParseSearchQuery(std::string_view q, const QueryLimits& limits) {
    if (q.size() > limits.max_bytes) {
        return QueryError("the search query is too long (at most " + std::to_string(limits.max_bytes) + " bytes)");
    }
    auto items = Lex(q);
    if (!items) return tl::unexpected(std::move(items.error()));

    // Units: single terms, or OR groups of two or more alternatives.
    struct Unit {
        std::vector<QueryTerm> alternatives;
        bool negated = false;
    };
    std::vector<Unit> units;
    bool pending_or = false;
    constexpr std::string_view kOrSides = "OR needs a term on each side (e.g. bat OR giu)";
    constexpr std::string_view kOrExclusion = "OR cannot join an excluded term (-word)";
    for (Item& item : *items) {
        if (item.is_or) {
            if (units.empty() || pending_or) return QueryError(std::string(kOrSides));
            if (units.back().negated) return QueryError(std::string(kOrExclusion));
            pending_or = true;
            continue;
        }
        if (pending_or) {
            if (item.negated) return QueryError(std::string(kOrExclusion));
            units.back().alternatives.push_back(std::move(item.term));
            pending_or = false;
            continue;
        }
        units.push_back(Unit{{std::move(item.term)}, item.negated});
    }
    if (pending_or) return QueryError(std::string(kOrSides));

    SearchQuery query;
    for (Unit& unit : units) {
        std::vector<QueryTerm> alternatives;
        for (QueryTerm& term : unit.alternatives) PushUnique(alternatives, std::move(term));
        if (alternatives.size() > 1) {
            PushUnique(query.any_of, std::move(alternatives));
        } else if (unit.negated) {
            PushUnique(query.must_not, std::move(alternatives[0].tokens));
        } else if (alternatives[0].prefix) {
            PushUnique(query.prefixes, std::move(alternatives[0].tokens[0]));
        } else {
            PushUnique(query.must, std::move(alternatives[0].tokens));
        }
    }

    std::size_t terms = query.must.size() + query.must_not.size() + query.prefixes.size();
    for (const auto& group : query.any_of) terms += group.size();
    if (terms > limits.max_terms) {
        return QueryError("the search query has too many terms (at most " + std::to_string(limits.max_terms) + ")");
    }
    if (query.must.empty() && query.prefixes.empty() && query.any_of.empty() && !query.must_not.empty()) {
        return QueryError("the search query only excludes terms; add a word to look for");
    }
    return query;
}

std::string ToFtsMatch(const SearchQuery& q) {
    std::vector<std::string> positive;
    for (const auto& tokens : q.must) positive.push_back(Quote(tokens));
    for (const auto& prefix : q.prefixes) positive.push_back(Quote({prefix}) + "*");
    for (const auto& group : q.any_of) {
        std::string alternatives = "(";
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (i > 0) alternatives += " OR ";
            alternatives += Render(group[i]);
        }
        positive.push_back(alternatives + ")");
    }
    std::string out;
    if (positive.empty()) return out;  // FTS5 has no "everything except": see ParseSearchQuery
    for (std::size_t i = 0; i < positive.size(); ++i) {
        if (i > 0) out += " AND ";
        out += positive[i];
    }
    if (!q.must_not.empty() && positive.size() > 1) out = "(" + out + ")";
    for (const auto& tokens : q.must_not) out += " NOT " + Quote(tokens);
    return out;
}

std::vector<SnippetPart> MakeSnippet(std::string_view text, const SearchQuery& q, std::size_t max_chars) {
    if (max_chars == 0 || !HasNonSpace(text)) return {};

    // Byte offset where each character starts (an invalid byte counts as one character).
    std::vector<std::size_t> char_starts;
    for (std::size_t pos = 0; pos < text.size();) {
        char_starts.push_back(pos);
        const std::size_t len = SequenceLength(text, pos);
        pos += len == 0 ? 1 : len;
    }
    const std::size_t total_chars = char_starts.size();
    const auto char_of = [&](std::size_t byte) {
        return static_cast<std::size_t>(std::lower_bound(char_starts.begin(), char_starts.end(), byte) -
                                        char_starts.begin());
    };
    const auto byte_of = [&](std::size_t ch) { return ch < total_chars ? char_starts[ch] : text.size(); };

    const std::vector<TextWord> words = SplitWords(text);
    std::size_t ids = 0;
    const std::vector<Matcher> matchers = Matchers(q, ids);
    std::vector<Hit> hits;
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (const Matcher& m : matchers) {
            const auto& tokens = m.term.tokens;
            bool matched = false;
            if (m.term.prefix) {
                matched = words[i].folded.starts_with(tokens[0]);
            } else if (i + tokens.size() <= words.size()) {
                matched = std::equal(tokens.begin(), tokens.end(), words.begin() + static_cast<std::ptrdiff_t>(i),
                                     [](const std::string& t, const TextWord& w) { return t == w.folded; });
            }
            if (!matched) continue;
            const std::size_t last = m.term.prefix ? i : i + tokens.size() - 1;
            Hit hit{words[i].begin, words[last].end, 0, 0, m.id};
            hit.begin_char = char_of(hit.begin);
            hit.end_char = char_of(hit.end);
            hits.push_back(hit);
        }
    }

    // The densest cluster: the run of hits within max_chars with the most distinct ids, then the most hits.
    std::size_t window_begin = 0;  // characters
    std::size_t window_end = std::min(max_chars, total_chars);
    std::size_t cluster_begin_byte = 0, cluster_end_byte = 0;
    if (!hits.empty()) {
        std::size_t best_first = 0, best_last = 0, best_distinct = 0, best_count = 0;
        std::vector<std::size_t> counts(ids, 0);
        std::size_t distinct = 0;
        std::size_t next = 0;  // hits[first, next) are in the current window
        for (std::size_t first = 0; first < hits.size(); ++first) {
            while (next < hits.size() && (next == first || hits[next].end_char <= hits[first].begin_char + max_chars)) {
                if (counts[hits[next].id]++ == 0) ++distinct;
                ++next;
            }
            const std::size_t count = next - first;
            if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
                best_first = first;
                best_last = next - 1;
                best_distinct = distinct;
                best_count = count;
            }
            if (--counts[hits[first].id] == 0) --distinct;
        }
        std::size_t cluster_end_char = hits[best_first].end_char;
        cluster_end_byte = hits[best_first].end;
        for (std::size_t i = best_first; i <= best_last; ++i) {
            if (hits[i].end_char > cluster_end_char) {
                cluster_end_char = hits[i].end_char;
                cluster_end_byte = hits[i].end;
            }
        }
        const std::size_t cluster_begin_char = hits[best_first].begin_char;
        cluster_begin_byte = hits[best_first].begin;
        const std::size_t cluster_chars = cluster_end_char - cluster_begin_char;
        if (cluster_chars >= max_chars) {
            window_begin = cluster_begin_char;
            window_end = cluster_begin_char + max_chars;
        } else {
            const std::size_t before = (max_chars - cluster_chars) / 2;
            window_begin = cluster_begin_char >= before ? cluster_begin_char - before : 0;
            window_end = window_begin + max_chars;
            if (window_end > total_chars) {
                window_end = total_chars;
                window_begin = total_chars >= max_chars ? total_chars - max_chars : 0;
            }
        }
    }
    std::size_t begin = byte_of(window_begin);
    std::size_t end = byte_of(window_end);

    // A cut start moves on to the next word, a cut end back before the word it falls in, unless that would lose a
    // hit or more than a quarter of the window (a very long word is cut where it is).
    const std::size_t max_shift = std::max<std::size_t>(max_chars / 4, 1);
    if (begin > 0) {
        const auto next_word = std::lower_bound(words.begin(), words.end(), begin,
                                                [](const TextWord& w, std::size_t b) { return w.begin < b; });
        if (next_word != words.end() && (hits.empty() || next_word->begin <= cluster_begin_byte) &&
            char_of(next_word->begin) - window_begin <= max_shift) {
            begin = next_word->begin;
        }
    }
    if (end < text.size()) {
        const auto after = std::upper_bound(words.begin(), words.end(), end,
                                            [](std::size_t b, const TextWord& w) { return b < w.begin; });
        if (after != words.begin()) {
            const TextWord& w = *(after - 1);
            if (w.begin < end && end < w.end && (hits.empty() || w.begin >= cluster_end_byte) &&
                window_end - char_of(w.begin) <= max_shift) {
                end = w.begin;
            }
        }
    }
    while (begin < end && IsAsciiSpace(text[begin])) ++begin;
    while (end > begin && IsAsciiSpace(text[end - 1])) --end;

    std::vector<SnippetPart> body;
    std::size_t pos = begin;
    for (const Hit& hit : hits) {
        const std::size_t hit_begin = std::max(hit.begin, pos);
        const std::size_t hit_end = std::min(hit.end, end);
        if (hit_begin >= hit_end) continue;
        std::string plain;
        AppendClean(text, pos, hit_begin, plain);
        AddPart(body, std::move(plain), false);
        std::string marked;
        AppendClean(text, hit_begin, hit_end, marked);
        AddPart(body, std::move(marked), true);
        pos = hit_end;
    }
    std::string rest;
    AppendClean(text, pos, end, rest);
    AddPart(body, std::move(rest), false);

    std::vector<SnippetPart> parts;
    if (HasNonSpace(text.substr(0, begin))) parts.push_back({std::string(kEllipsis), false});
    std::move(body.begin(), body.end(), std::back_inserter(parts));
    if (HasNonSpace(text.substr(end))) parts.push_back({std::string(kEllipsis), false});
    return parts;
}

}  // namespace precinct::digitize
