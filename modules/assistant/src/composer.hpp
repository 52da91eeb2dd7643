#pragma once
// Replies assembled only from knowledge-base fields and fixed phrases: the facts asked for first, then the rest
// briefly, the legal basis, and a warning for every fact the sources do not confirm.
#include <string>
#include <vector>

#include "kb.hpp"
#include "understanding.hpp"

namespace precinct::assistant {

struct Citation {
    std::string title, reference;
    bool unconfirmed = false;
};

struct Composed {
    std::string text;
    std::vector<Citation> citations;
    std::vector<std::string> unconfirmed;  // facet codes shown with a warning
    std::vector<std::string> suggestions;  // follow-up questions the citizen may tap
};

// The answer about `e`. With facets, those facts lead; `brief` (a follow-up in the same conversation) gives only
// the facets asked, without repeating the overview.
Composed ComposeAnswer(const Entry& e, const std::vector<Facet>& facets, Lang lang, bool brief);

// Fixed texts.
std::string UnconfirmedMark(Lang lang);  // "⚠ chưa xác minh" / "⚠ unverified"
std::string Text(Lang lang, const char* vi, const char* en);

}  // namespace precinct::assistant
