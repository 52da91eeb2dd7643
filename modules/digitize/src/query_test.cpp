// Tests for the search query language, its FTS5 translation, word splitting with byte offsets, and snippets over
// accented text.
#include "query.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "text/fold.hpp"

namespace precinct::digitize {
namespace {

using Tokens = std::vector<std::string>;
using TokenLists = std::vector<Tokens>;

// Whether `s` is valid UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool ValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (b < 0x80) {
            ++i;
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            len = 2;
            cp = b & 0x1Fu;
        } else if (b >= 0xE0 && b <= 0xEF) {
            len = 3;
            cp = b & 0x0Fu;
        } else if (b >= 0xF0 && b <= 0xF4) {
            len = 4;
            cp = b & 0x07u;
        } else {
            return false;
        }
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return false;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        i += len;
    }
    return true;
}

std::string Join(const std::vector<SnippetPart>& parts) {
    std::string out;
    for (const SnippetPart& p : parts) out += p.text;
    return out;
}

std::vector<std::string> HitTexts(const std::vector<SnippetPart>& parts) {
    std::vector<std::string> hits;
    for (const SnippetPart& p : parts) {
        if (p.hit) hits.push_back(p.text);
    }
    return hits;
}

SearchQuery Parse(std::string_view q) {
    auto parsed = ParseSearchQuery(q);
    EXPECT_TRUE(parsed.has_value()) << q << ": " << parsed.error().message;
    return parsed.value_or(SearchQuery{});
}

// --- FoldForIndex and SplitWords ---

TEST(FoldForIndex, FoldsAccentsCaseAndPunctuation) {
    EXPECT_EQ(FoldForIndex("Quyết định số 123/QĐ-UBND"), "quyet dinh so 123 qd ubnd");
    EXPECT_EQ(FoldForIndex("CÔNG AN TỈNH Bắc Ninh\n"), "cong an tinh bac ninh");
    EXPECT_EQ(FoldForIndex(""), "");
}

TEST(SplitWords, GivesByteRangesOfTheOriginalWords) {
    const std::string text = "Hà Nội, ngày 05";
    const std::vector<TextWord> words = SplitWords(text);
    ASSERT_EQ(words.size(), 4u);
    EXPECT_EQ(words[0], (TextWord{0, 3, "ha"}));
    EXPECT_EQ(text.substr(words[1].begin, words[1].end - words[1].begin), "Nội");
    EXPECT_EQ(words[1].folded, "noi");
    EXPECT_EQ(text.substr(words[2].begin, words[2].end - words[2].begin), "ngày");
    EXPECT_EQ(words[3], (TextWord{text.size() - 2, text.size(), "05"}));
}

TEST(SplitWords, KeepsCombiningMarksAndInvisibleCharactersInsideWords) {
    // Decomposed "Quyết" (e + circumflex + acute), a zero-width space inside "công", a lone mark between spaces.
    const std::string text = "Quye\u0302\u0301t co\u200Bng \u0301 x";
    const std::vector<TextWord> words = SplitWords(text);
    ASSERT_EQ(words.size(), 3u);
    EXPECT_EQ(words[0].folded, "quyet");
    EXPECT_EQ(text.substr(words[0].begin, words[0].end - words[0].begin), "Quye\u0302\u0301t");
    EXPECT_EQ(words[1].folded, "cong");
    EXPECT_EQ(words[2].folded, "x");
}

TEST(SplitWords, AgreesWithFoldVietnameseOnAnyBytes) {
    std::vector<std::string> texts = {
        "",
        " ",
        "Đường Láng, Đống Đa",
        "a\xC3",
        "\xE0\x80\x80x",
        "\xED\xA0\x80y",
        "\xF4\x90\x80\x80z",
        "ÐÐ ðð",
        "1\u00AD2",
        "tab\tnew\nline",
        "ho\u0300a \u0301",
        "\uFEFFbom",
        "日本 語 ok",
        "a\u2013b—c",
    };
    std::mt19937 rng(42);
    const std::string alphabet = "aZ9 -/\n\xC3\xA0\xC4\x91\xE1\xBB\x87\xCC\x81\xE2\x80\x8B\xFF\x80";
    for (int n = 0; n < 2000; ++n) {
        std::string s;
        const int len = static_cast<int>(rng() % 24);
        for (int k = 0; k < len; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
        texts.push_back(s);
    }
    for (const std::string& t : texts) {
        std::string joined;
        for (const TextWord& w : SplitWords(t)) {
            ASSERT_LT(w.begin, w.end);
            ASSERT_LE(w.end, t.size());
            ASSERT_EQ(text::FoldVietnamese(t.substr(w.begin, w.end - w.begin)), w.folded);
            if (!joined.empty()) joined.push_back(' ');
            joined += w.folded;
        }
        ASSERT_EQ(joined, text::FoldVietnamese(t)) << testing::PrintToString(t);
    }
}

// --- ParseSearchQuery ---

struct ParseCase {
    std::string name;
    std::string q;
    SearchQuery want;
};

TEST(ParseSearchQuery, ParsesTheQueryLanguage) {
    const std::vector<ParseCase> cases = {
        {"plain words", "quyet dinh", {TokenLists{{"quyet"}, {"dinh"}}, {}, {}, {}}},
        {"accents and case fold", "QUYẾT Định", {TokenLists{{"quyet"}, {"dinh"}}, {}, {}, {}}},
        {"decomposed accents", "quye\u0302\u0301t", {TokenLists{{"quyet"}}, {}, {}, {}}},
        {"phrase", "\"Công an tỉnh\"", {TokenLists{{"cong", "an", "tinh"}}, {}, {}, {}}},
        {"phrase and words",
         "tạm giữ \"công an tỉnh\"",
         {TokenLists{{"tam"}, {"giu"}, {"cong", "an", "tinh"}}, {}, {}, {}}},
        {"exclusion", "bắt -nháp", {TokenLists{{"bat"}}, TokenLists{{"nhap"}}, {}, {}}},
        {"excluded phrase", "bắt -\"dự thảo\"", {TokenLists{{"bat"}}, TokenLists{{"du", "thao"}}, {}, {}}},
        {"prefix", "quyết*", {{}, {}, {"quyet"}, {}}},
        {"prefix of two characters", "qu* an", {TokenLists{{"an"}}, {}, {"qu"}, {}}},
        {"several stars", "dinh**", {{}, {}, {"dinh"}, {}}},
        {"document symbol is a phrase", "123/QĐ-UBND", {TokenLists{{"123", "qd", "ubnd"}}, {}, {}, {}}},
        {"hyphen inside a word", "dự-án", {TokenLists{{"du", "an"}}, {}, {}, {}}},
        {"trailing punctuation", "Số: 123,", {TokenLists{{"so"}, {"123"}}, {}, {}, {}}},
        {"star inside a word is punctuation", "ab*cd", {TokenLists{{"ab", "cd"}}, {}, {}, {}}},
        {"quote ends a word", "ab\"cd ef\"", {TokenLists{{"ab"}, {"cd", "ef"}}, {}, {}, {}}},
        {"duplicates dropped", "an AN ấn -x -X", {TokenLists{{"an"}}, TokenLists{{"x"}}, {}, {}}},
        {"lone hyphen and punctuation ignored", "a - !!! \"\" *", {TokenLists{{"a"}}, {}, {}, {}}},
        {"double hyphen is one exclusion", "a --b", {TokenLists{{"a"}}, TokenLists{{"b"}}, {}, {}}},
        {"or", "bắt OR giữ", {{}, {}, {}, {{QueryTerm{{"bat"}}, QueryTerm{{"giu"}}}}}},
        {"or chain with phrase and prefix",
         "bắt OR \"tạm giữ\" OR giam* quyết",
         {TokenLists{{"quyet"}}, {}, {}, {{QueryTerm{{"bat"}}, QueryTerm{{"tam", "giu"}}, QueryTerm{{"giam"}, true}}}}},
        {"two or groups",
         "a OR b c OR d",
         {{}, {}, {}, {{QueryTerm{{"a"}}, QueryTerm{{"b"}}}, {QueryTerm{{"c"}}, QueryTerm{{"d"}}}}}},
        {"or with itself is the term", "a OR A", {TokenLists{{"a"}}, {}, {}, {}}},
        {"lower-case or is a word", "bat or giu", {TokenLists{{"bat"}, {"or"}, {"giu"}}, {}, {}, {}}},
        {"quoted OR is a word", "a \"OR\" b", {TokenLists{{"a"}, {"or"}, {"b"}}, {}, {}, {}}},
        {"tabs and newlines separate", "a\tb\nc", {TokenLists{{"a"}, {"b"}, {"c"}}, {}, {}, {}}},
        {"empty", "", {}},
        {"only spaces", "  \t ", {}},
        {"only punctuation", "!!! ... ***", {}},
    };
    for (const ParseCase& c : cases) {
        SCOPED_TRACE(c.name);
        const auto parsed = ParseSearchQuery(c.q);
        ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
        EXPECT_EQ(parsed->must, c.want.must);
        EXPECT_EQ(parsed->must_not, c.want.must_not);
        EXPECT_EQ(parsed->prefixes, c.want.prefixes);
        EXPECT_EQ(parsed->any_of, c.want.any_of);
        EXPECT_EQ(parsed->empty(), c.want.empty());
    }
}

struct ErrorCase {
    std::string name;
    std::string q;
    std::string message_part;
};

TEST(ParseSearchQuery, RejectsMalformedQueriesWithAClearMessage) {
    const std::vector<ErrorCase> cases = {
        {"unbalanced quote", "\"công an tỉnh", "unbalanced double quote"},
        {"unbalanced quote after a phrase", R"("a" b")", "unbalanced double quote"},
        {"only an exclusion", "-nháp", "only excludes"},
        {"only exclusions", "-a -\"b c\"", "only excludes"},
        {"one-letter prefix", "q*", "at least 2 letters"},
        {"one-letter prefix after folding", "đ*", "at least 2 letters"},
        {"prefix over several words", "QĐ-UB*", "one word"},
        {"excluded prefix", "a -quy*", "cannot be a prefix"},
        {"or at the start", "OR a", "OR needs a term on each side"},
        {"or at the end", "a OR", "OR needs a term on each side"},
        {"or twice", "a OR OR b", "OR needs a term on each side"},
        {"or after an exclusion", "-a OR b", "excluded"},
        {"or before an exclusion", "a OR -b", "excluded"},
        {"too long", std::string(501, 'a'), "too long (at most 500 bytes)"},
        {"too many terms", "a b c d e f g h i j k l m n o p q", "too many terms (at most 16)"},
        {"or alternatives count as terms", "a OR b OR c OR d OR e OR f OR g OR h OR i j k l m n o p q",
         "too many terms"},
    };
    for (const ErrorCase& c : cases) {
        SCOPED_TRACE(c.name);
        const auto parsed = ParseSearchQuery(c.q);
        ASSERT_FALSE(parsed.has_value());
        EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(parsed.error().field, "q");
        EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos) << parsed.error().message;
    }
}

TEST(ParseSearchQuery, AppliesTheGivenLimits) {
    EXPECT_TRUE(ParseSearchQuery(std::string(500, 'a')).has_value());
    const QueryLimits tight{10, 2};
    EXPECT_TRUE(ParseSearchQuery("a b", tight).has_value());
    EXPECT_TRUE(ParseSearchQuery("a b a b", tight).has_value());  // duplicates do not count
    EXPECT_FALSE(ParseSearchQuery("a b c", tight).has_value());
    EXPECT_FALSE(ParseSearchQuery("abcdefghijk", tight).has_value());
    const auto sixteen = ParseSearchQuery("a b c d e f g h i j k l m n o p");
    ASSERT_TRUE(sixteen.has_value());
    EXPECT_EQ(sixteen->must.size(), 16u);
}

// --- ToFtsMatch ---

TEST(ToFtsMatch, QuotesEveryTokenAndJoinsWithAndNotOr) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"quyết định", R"("quyet" AND "dinh")"},
        {"\"công an\"", R"("cong an")"},
        {"123/QĐ-UBND", R"("123 qd ubnd")"},
        {"quy*", R"("quy"*)"},
        {"\"công an\" -nháp", R"("cong an" NOT "nhap")"},
        {"a b -c -\"d e\"", R"(("a" AND "b") NOT "c" NOT "d e")"},
        {"tạm bắt OR giữ*", R"("tam" AND ("bat" OR "giu"*))"},
        {"bắt OR giữ -x", R"(("bat" OR "giu") NOT "x")"},
        {"quy* a", R"("a" AND "quy"*)"},
        // FTS5 syntax typed by a user is only words.
        {"NEAR(a b) c:d ^e AND f", R"("near a" AND "b" AND "c d" AND "e" AND "and" AND "f")"},
        {"", ""},
    };
    for (const auto& [q, want] : cases) {
        EXPECT_EQ(ToFtsMatch(Parse(q)), want) << q;
    }
    EXPECT_EQ(ToFtsMatch(SearchQuery{{}, {{"x"}}, {}, {}}), "");
}

// --- MakeSnippet ---

TEST(MakeSnippet, MarksAccentedWordsFoundByAnUnaccentedQuery) {
    const auto parts =
        MakeSnippet("Căn cứ Quyết định số 123/QĐ-UBND của Ủy ban nhân dân thành phố.", Parse("quyet dinh"));
    const std::vector<SnippetPart> want = {
        {"Căn cứ ", false},
        {"Quyết", true},
        {" ", false},
        {"định", true},
        {" số 123/QĐ-UBND của Ủy ban nhân dân thành phố.", false},
    };
    EXPECT_EQ(parts, want);
}

TEST(MakeSnippet, MarksAPhraseAsOnePartAcrossANewline) {
    const auto parts = MakeSnippet("Căn cứ Quyết\nđịnh số 123/QĐ-UBND;\nQuyết toán", Parse("\"quyết định\" ubnd"));
    EXPECT_EQ(HitTexts(parts), (std::vector<std::string>{"Quyết định", "UBND"}));
    EXPECT_EQ(Join(parts), "Căn cứ Quyết định số 123/QĐ-UBND; Quyết toán");
}

TEST(MakeSnippet, MarksADocumentSymbolPrefixesAndOrAlternatives) {
    const std::string text = "Thực hiện Công văn số 45/CAT-PV01, Quyết định tạm giữ và quyết toán.";
    EXPECT_EQ(HitTexts(MakeSnippet(text, Parse("45/CAT-PV01"))), (std::vector<std::string>{"45/CAT-PV01"}));
    EXPECT_EQ(HitTexts(MakeSnippet(text, Parse("quyet*"))), (std::vector<std::string>{"Quyết", "quyết"}));
    EXPECT_EQ(HitTexts(MakeSnippet(text, Parse("giữ OR toán -thực"))), (std::vector<std::string>{"giữ", "toán"}));
}

TEST(MakeSnippet, ExclusionsMarkNothing) {
    EXPECT_EQ(HitTexts(MakeSnippet("bắt tạm giam nháp", Parse("giam -nhap"))), (std::vector<std::string>{"giam"}));
}

TEST(MakeSnippet, CollapsesWhitespaceAndReplacesInvalidBytes) {
    const auto parts = MakeSnippet("  Biên\r\n\r\nbản \t vi\xFFphạm  \n", Parse("ban"));
    const std::vector<SnippetPart> want = {
        {"Biên ", false},
        {"bản", true},
        {" vi\xEF\xBF\xBDphạm", false},
    };
    EXPECT_EQ(parts, want);
}

TEST(MakeSnippet, KeepsCombiningMarksInsideTheHit) {
    const auto parts = MakeSnippet("Quye\u0302\u0301t đi\u0323nh", Parse("quyet"));
    EXPECT_EQ(HitTexts(parts), (std::vector<std::string>{"Quye\u0302\u0301t"}));
}

// A long accented text: "Điều <n>. Người dân phản ánh việc lấn chiếm vỉa hè ở phường <n>." repeated.
std::string LongText(int sentences, int hit_at, std::string_view hit) {
    std::string text;
    for (int i = 0; i < sentences; ++i) {
        text += "Điều " + std::to_string(i) + ". Người dân phản ánh việc lấn chiếm vỉa hè ở phường Đống Đa. ";
        if (i == hit_at) text += std::string(hit) + " ";
    }
    return text;
}

TEST(MakeSnippet, CutsAroundTheHitAtSpacesAndCharacterBoundaries) {
    const std::string text = LongText(40, 20, "Quyết định xử phạt vi phạm hành chính");
    for (const std::size_t max_chars : {40u, 80u, 120u, 240u}) {
        SCOPED_TRACE(max_chars);
        const auto parts = MakeSnippet(text, Parse("\"xu phat\""), max_chars);
        ASSERT_GE(parts.size(), 3u);
        EXPECT_EQ(parts.front(), (SnippetPart{"…", false}));
        EXPECT_EQ(parts.back(), (SnippetPart{"…", false}));
        EXPECT_EQ(HitTexts(parts), (std::vector<std::string>{"xử phạt"}));
        std::string window;
        for (std::size_t i = 1; i + 1 < parts.size(); ++i) window += parts[i].text;
        EXPECT_TRUE(ValidUtf8(window));
        EXPECT_LE(text::Utf8Length(window), max_chars);
        EXPECT_GE(text::Utf8Length(window), max_chars / 2);
        // The window is a run of whole words of the text: it starts at a word and ends before a space or a period.
        const std::size_t at = text.find(window);
        ASSERT_NE(at, std::string::npos) << window;
        EXPECT_EQ(text[at - 1], ' ');
        EXPECT_NE(std::string_view(" .").find(text[at + window.size()]), std::string_view::npos) << window;
        EXPECT_NE(window.front(), ' ');
        EXPECT_NE(window.back(), ' ');
    }
}

TEST(MakeSnippet, PrefersTheClusterWithMostDistinctTerms) {
    // "công" alone early, "công" and "an" together much later.
    std::string text = "công " + std::string(300, 'x') + " công " + std::string(300, 'y') + " lực lượng công an tỉnh";
    const auto parts = MakeSnippet(text, Parse("cong an"), 60);
    EXPECT_EQ(HitTexts(parts), (std::vector<std::string>{"công", "an"}));
    EXPECT_EQ(parts.front(), (SnippetPart{"…", false}));
    EXPECT_NE(Join(parts).find("lực lượng công an tỉnh"), std::string::npos);
}

TEST(MakeSnippet, PrefersTheClusterWithMoreHits) {
    std::string text = "bắt " + std::string(300, 'x') + " bắt giữ bắt " + std::string(300, 'y');
    const auto parts = MakeSnippet(text, Parse("bat"), 40);
    EXPECT_EQ(HitTexts(parts), (std::vector<std::string>{"bắt", "bắt"}));
}

TEST(MakeSnippet, ShowsTheStartOfTheTextWhenNothingMatches) {
    const std::string text = LongText(10, -1, "");
    const auto parts = MakeSnippet(text, Parse("khong co"), 50);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_FALSE(parts[0].hit);
    EXPECT_EQ(parts[0].text.rfind("Điều 0. Người dân", 0), 0u);
    EXPECT_LE(text::Utf8Length(parts[0].text), 50u);
    EXPECT_EQ(text[parts[0].text.size()], ' ');  // cut at a space
    EXPECT_EQ(parts[1], (SnippetPart{"…", false}));
    EXPECT_EQ(MakeSnippet(text, SearchQuery{}, 50), parts);
}

TEST(MakeSnippet, ShowsAShortTextWhole) {
    EXPECT_EQ(MakeSnippet("Biên bản vi phạm", Parse("zzz")), (std::vector<SnippetPart>{{"Biên bản vi phạm", false}}));
    EXPECT_EQ(MakeSnippet("Biên bản", Parse("bien ban")),
              (std::vector<SnippetPart>{{"Biên", true}, {" ", false}, {"bản", true}}));
}

TEST(MakeSnippet, CutsAVeryLongWordAtACharacterBoundary) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "đ";
    text += " cuối";
    const auto parts = MakeSnippet(text, Parse("x"), 9);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].text, "đđđđđđđđđ");
    EXPECT_EQ(parts[1].text, "…");
    const auto hit = MakeSnippet(text, Parse("cuoi"), 3);  // a hit longer than the window is cut too
    EXPECT_EQ(hit, (std::vector<SnippetPart>{{"…", false}, {"cuố", true}, {"…", false}}));
}

TEST(MakeSnippet, GivesNothingForEmptyTextOrZeroWidth) {
    EXPECT_TRUE(MakeSnippet("", Parse("a")).empty());
    EXPECT_TRUE(MakeSnippet(" \n ", Parse("a")).empty());
    EXPECT_TRUE(MakeSnippet("a b", Parse("a"), 0).empty());
}

}  // namespace
}  // namespace precinct::digitize
