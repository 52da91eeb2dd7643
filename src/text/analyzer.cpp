// Analysis of Vietnamese (and English) text into search terms.
#include "text/analyzer.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <string_view>
#include <utility>

#include "text/fold.hpp"
#include "text/normalize.hpp"

namespace precinct::text {
namespace {

// Chat spellings and abbreviations citizens type, folded, with the words they stand for. Ambiguous short forms
// that are also common words ("ca", "tt") are left out on purpose; "hc" is read as "hộ chiếu", the police sense.
constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    // negation and common function words
    {"ko", "không"}, {"k", "không"}, {"kh", "không"}, {"khg", "không"}, {"kg", "không"}, {"hok", "không"},
    {"hong", "không"}, {"khum", "không"}, {"hem", "không"}, {"dc", "được"}, {"dk", "đăng ký"},
    {"dki", "đăng ký"}, {"dky", "đăng ký"}, {"j", "gì"}, {"ji", "gì"}, {"z", "vậy"}, {"v", "vậy"},
    {"r", "rồi"}, {"ng", "người"}, {"nc", "nước"}, {"vs", "với"}, {"ntn", "như thế nào"}, {"bn", "bao nhiêu"},
    {"nhiu", "nhiêu"}, {"bh", "bao giờ"}, {"bgio", "bao giờ"}, {"bjo", "bao giờ"}, {"trc", "trước"},
    {"ktra", "kiểm tra"}, {"tgian", "thời gian"}, {"mik", "mình"}, {"mh", "mình"}, {"mn", "mọi người"},
    {"bit", "biết"}, {"lquan", "liên quan"}, {"cq", "cơ quan"}, {"sdt", "số điện thoại"},
    {"dt", "điện thoại"}, {"dthoai", "điện thoại"}, {"mk", "mật khẩu"}, {"tk", "tài khoản"},
    {"stk", "số tài khoản"}, {"onl", "online"}, {"oln", "online"}, {"ol", "online"},
    // documents and procedures
    {"cccd", "căn cước công dân"}, {"cmnd", "chứng minh nhân dân"}, {"cmt", "chứng minh thư"},
    {"gplx", "giấy phép lái xe"}, {"blx", "bằng lái xe"}, {"hk", "hộ khẩu"}, {"ttru", "tạm trú"},
    {"ttr", "tạm trú"}, {"thtru", "thường trú"}, {"dkx", "đăng ký xe"}, {"lltp", "lý lịch tư pháp"},
    {"pccc", "phòng cháy chữa cháy"}, {"csgt", "cảnh sát giao thông"}, {"ubnd", "ủy ban nhân dân"},
    {"xnc", "xuất nhập cảnh"}, {"dvc", "dịch vụ công"}, {"gks", "giấy khai sinh"}, {"bhyt", "bảo hiểm y tế"},
    {"ddcn", "định danh cá nhân"}, {"ddđt", "định danh điện tử"}, {"dddt", "định danh điện tử"},
    {"hchieu", "hộ chiếu"}, {"ppt", "passport"}, {"cand", "công an nhân dân"}, {"cax", "công an xã"},
    {"cap", "công an phường"}, {"ldao", "lừa đảo"}, {"tgia", "tố giác"}, {"tbao", "trình báo"},
    {"gcn", "giấy chứng nhận"}, {"nd", "nghị định"}, {"bca", "bộ công an"}, {"antt", "an ninh trật tự"},
    {"hc", "hộ chiếu"}, {"lm", "làm"}, {"cty", "công ty"}, {"tp", "thành phố"},
};

// Folded syllables ending in a lone 'y' after consonants are spelled with 'i' too ("ký"/"kí", "lý"/"lí").
void UnifyIY(std::string& folded) {
    if (folded.size() < 2 || folded.back() != 'y') return;
    for (std::size_t i = 0; i + 1 < folded.size(); ++i) {
        const char c = folded[i];
        if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y') return;
        if (c < 'a' || c > 'z') return;
    }
    folded.back() = 'i';
}

bool IsAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string Join(const std::vector<std::string>& parts, std::size_t from, std::size_t count) {
    std::string out;
    for (std::size_t i = from; i < from + count; ++i) {
        if (i > from) out.push_back('_');
        out += parts[i];
    }
    return out;
}

std::vector<std::string> SplitSpaces(const std::string& s) { return Tokens(s); }

}  // namespace

Lexicon::Lexicon() {
    for (const auto& [abbr, expansion] : kAbbreviations) AddAbbreviation(abbr, expansion);
}

Result<Lexicon> Lexicon::Load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read word list " + path);
    Lexicon lexicon;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string canonical = Canonicalize(line);
        if (canonical.empty() || line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') {
            continue;
        }
        const std::size_t syllables = SplitSpaces(canonical).size();
        if (syllables < 2 || syllables > kMaxWordSyllables) {
            return Fail(ErrorCode::kInvalidArgument, path + ":" + std::to_string(line_no) + ": a word has 2 to " +
                                                         std::to_string(kMaxWordSyllables) + " syllables");
        }
        lexicon.AddWord(canonical);
    }
    return lexicon;
}

void Lexicon::AddWord(std::string_view word) {
    const std::vector<std::string> syllables = SplitSpaces(Canonicalize(word));
    if (syllables.size() < 2 || syllables.size() > kMaxWordSyllables) return;
    std::vector<std::string> folded;
    folded.reserve(syllables.size());
    for (const std::string& s : syllables) {
        std::string f = FoldVietnamese(s);
        UnifyIY(f);
        folded.push_back(std::move(f));
    }
    words_.insert(Join(syllables, 0, syllables.size()));
    folded_words_.insert(Join(folded, 0, folded.size()));
    longest_ = std::max(longest_, syllables.size());
}

void Lexicon::AddAbbreviation(std::string_view abbr, std::string_view expansion) {
    const std::string key = FoldVietnamese(abbr);
    if (key.empty() || key.find(' ') != std::string::npos) return;
    abbreviations_[key] = SplitSpaces(Canonicalize(expansion));
}

const std::vector<std::string>* Lexicon::Expansion(const std::string& folded_token) const {
    const auto it = abbreviations_.find(folded_token);
    return it == abbreviations_.end() ? nullptr : &it->second;
}

std::string StemEnglish(const std::string& t) {
    if (t.size() < 4 || !IsAscii(t)) return t;
    const auto ends = [&](std::string_view s) { return t.size() > s.size() + 2 && t.ends_with(s); };
    if (ends("ies")) return t.substr(0, t.size() - 3) + "y";
    if (t.size() >= 6 && ends("ing")) return t.substr(0, t.size() - 3);
    if (t.size() >= 5 && ends("ed")) return t.substr(0, t.size() - 2);
    if (ends("sses") || ends("shes") || ends("ches") || ends("xes")) return t.substr(0, t.size() - 2);
    if (t.ends_with('s') && !t.ends_with("ss") && !t.ends_with("us") && !t.ends_with("is")) {
        return t.substr(0, t.size() - 1);
    }
    return t;
}

Analysis Analyzer::Analyze(std::string_view text) const {
    Analysis a;
    a.had_diacritics = HasVietnameseDiacritics(text);
    const std::string canonical = Canonicalize(text);
    std::size_t pos = 0;
    while (pos < canonical.size()) {
        std::size_t end = canonical.find(' ', pos);
        if (end == std::string::npos) end = canonical.size();
        const std::string syllable = canonical.substr(pos, end - pos);
        pos = end + 1;
        if (syllable.empty()) continue;
        std::string folded = FoldVietnamese(syllable);
        if (folded.empty()) continue;
        // FoldVietnamese turns letters of other scripts into separators; keep each piece.
        if (folded.find(' ') != std::string::npos) {
            for (const std::string& piece : Tokens(folded)) {
                a.accented.push_back(piece);
                a.folded.push_back(piece);
            }
            continue;
        }
        // "14t", "5t": an age in years, as typed in chats.
        if (folded.size() >= 2 && folded.size() <= 4 && folded.back() == 't' &&
            std::all_of(folded.begin(), folded.end() - 1, [](char c) { return c >= '0' && c <= '9'; })) {
            const std::string number = folded.substr(0, folded.size() - 1);
            a.accented.insert(a.accented.end(), {number, "tuổi"});
            a.folded.insert(a.folded.end(), {number, "tuoi"});
            ++a.expanded;
            continue;
        }
        if (const auto* expansion = lexicon_->Expansion(folded)) {
            ++a.expanded;
            for (const std::string& e : *expansion) {
                std::string f = FoldVietnamese(e);
                UnifyIY(f);
                a.accented.push_back(e);
                a.folded.push_back(std::move(f));
            }
            continue;
        }
        UnifyIY(folded);
        a.accented.push_back(syllable);
        a.folded.push_back(std::move(folded));
    }
    return a;
}

std::vector<std::string> Analyzer::Terms(const Analysis& a, const TermOptions& options) const {
    std::vector<std::string> terms;
    terms.reserve(a.folded.size() * 3);
    for (std::size_t i = 0; i < a.folded.size(); ++i) {
        terms.push_back(options.stem_english ? StemEnglish(a.folded[i]) : a.folded[i]);
        if (options.accented && a.had_diacritics && a.accented[i] != a.folded[i]) {
            terms.push_back("^" + a.accented[i]);
        }
    }
    if (options.compounds) {
        const std::size_t longest = lexicon_->longest_word();
        for (std::size_t i = 0; i + 1 < a.folded.size(); ++i) {
            for (std::size_t n = std::min(longest, a.folded.size() - i); n >= 2; --n) {
                const std::string folded = Join(a.folded, i, n);
                if (!lexicon_->IsFoldedWord(folded)) continue;
                terms.push_back(folded);
                if (options.accented && a.had_diacritics) {
                    const std::string accented = Join(a.accented, i, n);
                    if (lexicon_->IsWord(accented)) terms.push_back("^" + accented);
                }
                break;
            }
        }
    }
    return terms;
}

}  // namespace precinct::text
