// Fuzz target: the text parsers of the digitize module, which read OCR output and officers' queries — field
// extraction of administrative documents, the search query parser with its FTS5 translation, and snippets. Besides
// not crashing: extracted fields and snippet parts are valid UTF-8, a date is ISO (YYYY-MM-DD) or empty, a type is a
// known code or empty, every token of a parsed query is [a-z0-9]+, and every FTS5 expression quotes its tokens.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fields.hpp"
#include "query.hpp"
#include "utf8_check.hpp"

namespace {

void Require(bool condition) {
    if (!condition) std::abort();
}

bool Token(const std::string& t) {
    if (t.empty()) return false;
    for (char c : t) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace precinct::digitize;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const DocFields f = ExtractFields(text);
    for (const auto* s : {&f.number, &f.type, &f.date, &f.place, &f.issuer}) Require(precinct::fuzz::ValidUtf8(*s));
    Require(f.date.empty() || (f.date.size() == 10 && f.date[4] == '-' && f.date[7] == '-'));
    Require(f.type.empty() || FindDocType(f.type) != nullptr);

    auto q = ParseSearchQuery(text);
    if (!q) {
        Require(q.error().field == "q" && !q.error().message.empty());
        return 0;
    }
    for (const auto& group : {q->must, q->must_not}) {
        for (const auto& term : group) {
            for (const auto& t : term) Require(Token(t));
        }
    }
    for (const auto& p : q->prefixes) Require(Token(p));
    const std::string match = ToFtsMatch(*q);
    Require(q->empty() == match.empty());
    for (const auto& part : MakeSnippet(text, *q, 120)) Require(precinct::fuzz::ValidUtf8(part.text));
    return 0;
}
