// Fuzz target: the Vietnamese text normalizer and analyzer (src/text) and the assistant's message understanding,
// which see every citizen's chat message. Besides not crashing: NFC and canonical output are valid UTF-8,
// canonicalization is idempotent and agrees with itself on the NFC form, folding gives only [a-z0-9 ], and the
// phone finder returns 10 digits starting with 0 or nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/analyzer.hpp"
#include "text/fold.hpp"
#include "text/normalize.hpp"
#include "understanding.hpp"
#include "utf8_check.hpp"

namespace {

using precinct::fuzz::ValidUtf8;


void Check(bool ok) {
    if (!ok) std::abort();
}

const precinct::text::Lexicon& TestLexicon() {
    static const precinct::text::Lexicon lexicon = [] {
        precinct::text::Lexicon l;
        for (const char* w : {"tạm trú", "thường trú", "căn cước", "giấy phép lái xe", "lái xe", "hộ chiếu"}) l.AddWord(w);
        return l;
    }();
    return lexicon;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    const std::string nfc = precinct::text::Nfc(input);
    Check(ValidUtf8(nfc));
    const std::string canonical = precinct::text::Canonicalize(input);
    Check(ValidUtf8(canonical));
    Check(precinct::text::Canonicalize(canonical) == canonical);
    Check(precinct::text::Canonicalize(nfc) == canonical);
    Check(canonical.empty() || (canonical.front() != ' ' && canonical.back() != ' '));

    const std::string folded = precinct::text::FoldVietnamese(input);
    for (char c : folded) Check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ');

    const precinct::text::Analyzer analyzer(TestLexicon());
    const auto analysis = analyzer.Analyze(input);
    Check(analysis.accented.size() == analysis.folded.size());
    for (const auto& t : analyzer.Terms(analysis)) Check(!t.empty() && ValidUtf8(t));

    const precinct::assistant::Understander understander(analyzer);
    (void)understander.Understand(input);
    const std::string phone = precinct::assistant::FindPhoneNumber(input);
    Check(phone.empty() || (phone.size() == 10 && phone[0] == '0'));
    return 0;
}
