// Tests for tracking codes: format, normalisation, and an exhaustive proof that the check symbol catches every
// single-symbol substitution and every adjacent transposition.
#include "tracking_code.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace precinct::reports {
namespace {

constexpr int kCodesToTry = 2000;

void ExpectRejected(std::string_view input) {
    const auto normalized = NormalizeTrackingCode(input);
    ASSERT_FALSE(normalized.has_value()) << input;
    EXPECT_EQ(normalized.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(normalized.error().field, "code");
    EXPECT_EQ(normalized.error().message, "not a valid tracking code");
}

TEST(TrackingCodeField, MultiplicationIsAFieldOperation) {
    // x^5 + x^2 + 1 is irreducible iff every non-zero element has an inverse; check commutativity, associativity
    // and distributivity exhaustively too.
    for (int x = 1; x < 32; ++x) {
        std::set<int> products;
        for (int y = 1; y < 32; ++y) products.insert(detail::GfMul(x, y));
        EXPECT_EQ(products.size(), 31u) << x;
        EXPECT_EQ(products.count(0), 0u) << x;
        EXPECT_EQ(detail::GfMul(x, 1), x);
    }
    for (int x = 0; x < 32; ++x) {
        for (int y = 0; y < 32; ++y) {
            EXPECT_EQ(detail::GfMul(x, y), detail::GfMul(y, x));
            for (int z = 0; z < 32; ++z) {
                ASSERT_EQ(detail::GfMul(detail::GfMul(x, y), z), detail::GfMul(x, detail::GfMul(y, z)));
                ASSERT_EQ(detail::GfMul(x, y ^ z), detail::GfMul(x, y) ^ detail::GfMul(x, z));
            }
        }
    }
}

TEST(TrackingCodeField, QuasigroupIsTotallyAntiSymmetric) {
    for (int c = 0; c < 32; ++c) {
        std::set<int> row;
        std::set<int> column;
        for (int x = 0; x < 32; ++x) {
            row.insert(detail::Quasigroup(c, x));
            column.insert(detail::Quasigroup(x, c));
            for (int y = 0; y < 32; ++y) {
                if (x == y) continue;
                ASSERT_NE(detail::Quasigroup(detail::Quasigroup(c, x), y),
                          detail::Quasigroup(detail::Quasigroup(c, y), x))
                    << c << " " << x << " " << y;
            }
        }
        EXPECT_EQ(row.size(), 32u);  // a Latin square: each row and each column is a permutation
        EXPECT_EQ(column.size(), 32u);
    }
}

TEST(TrackingCode, AlphabetIsCrockfordBase32) {
    EXPECT_EQ(kTrackingAlphabet.size(), 32u);
    for (const char c : std::string_view("ILOU")) EXPECT_EQ(kTrackingAlphabet.find(c), std::string_view::npos);
    for (std::size_t i = 0; i < kTrackingAlphabet.size(); ++i) {
        EXPECT_EQ(detail::SymbolValue(kTrackingAlphabet[i]), static_cast<int>(i));
    }
    EXPECT_EQ(detail::SymbolValue('a'), -1);
    EXPECT_EQ(detail::SymbolValue('U'), -1);
}

TEST(TrackingCode, NewCodesAreValidAndDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < kCodesToTry; ++i) {
        const std::string code = NewTrackingCode();
        ASSERT_EQ(code.size(), kTrackingCodeLength);
        ASSERT_TRUE(CheckSymbolValid(code)) << code;
        seen.insert(code);
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(kCodesToTry));
}

TEST(TrackingCode, RandomSymbolsUseTheWholeAlphabet) {
    // 2,000 codes × 10 random symbols = 20,000 draws over 32 symbols (625 expected each): all appear, none
    // wildly off (a broken mapping, e.g. one using only 16 symbols, fails this).
    std::vector<int> counts(32, 0);
    for (int i = 0; i < kCodesToTry; ++i) {
        const std::string code = NewTrackingCode();
        for (std::size_t p = 0; p < kTrackingRandomSymbols; ++p) ++counts[detail::SymbolValue(code[p])];
    }
    for (int v = 0; v < 32; ++v) {
        EXPECT_GT(counts[v], 450) << kTrackingAlphabet[v];
        EXPECT_LT(counts[v], 800) << kTrackingAlphabet[v];
    }
}

TEST(TrackingCode, EverySingleSubstitutionIsCaught) {
    long checked = 0;
    for (int i = 0; i < kCodesToTry; ++i) {
        const std::string code = NewTrackingCode();
        for (std::size_t p = 0; p < code.size(); ++p) {
            for (const char substitute : kTrackingAlphabet) {
                if (substitute == code[p]) continue;
                std::string altered = code;
                altered[p] = substitute;
                ASSERT_FALSE(CheckSymbolValid(altered)) << code << " -> " << altered;
                if (i < 100) {
                    ASSERT_FALSE(NormalizeTrackingCode(altered).has_value());
                }
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, long{kCodesToTry} * 11 * 31);
}

TEST(TrackingCode, EveryAdjacentTranspositionIsCaught) {
    long checked = 0;
    for (int i = 0; i < kCodesToTry; ++i) {
        const std::string code = NewTrackingCode();
        for (std::size_t p = 0; p + 1 < code.size(); ++p) {  // the check symbol takes part in the last swap
            if (code[p] == code[p + 1]) continue;
            std::string altered = code;
            std::swap(altered[p], altered[p + 1]);
            ASSERT_FALSE(CheckSymbolValid(altered)) << code << " -> " << altered;
            ++checked;
        }
    }
    EXPECT_GT(checked, long{kCodesToTry} * 9);  // ~1/32 of pairs are equal and skipped
}

TEST(TrackingCode, FormatsInGroupsOfFourFourThree) {
    const std::string code = NewTrackingCode();
    const std::string shown = FormatTrackingCode(code);
    ASSERT_EQ(shown.size(), 13u);
    EXPECT_EQ(shown[4], '-');
    EXPECT_EQ(shown[9], '-');
    EXPECT_EQ(shown.substr(0, 4) + shown.substr(5, 4) + shown.substr(10), code);
    EXPECT_EQ(FormatTrackingCode("ABC"), "ABC");
    EXPECT_EQ(FormatTrackingCode(""), "");
}

TEST(TrackingCode, NormalizesWhatPeopleType) {
    const std::string code = NewTrackingCode();
    const std::string shown = FormatTrackingCode(code);
    EXPECT_EQ(NormalizeTrackingCode(code).value(), code);
    EXPECT_EQ(NormalizeTrackingCode(shown).value(), code);

    std::string lower;
    for (const char c : shown) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    EXPECT_EQ(NormalizeTrackingCode(lower).value(), code);

    std::string spaced = " ";
    for (const char c : code) (spaced += c) += " \t";
    EXPECT_EQ(NormalizeTrackingCode(spaced).value(), code);
    EXPECT_EQ(NormalizeTrackingCode("--" + code + "--").value(), code);
}

TEST(TrackingCode, MapsCrockfordConfusables) {
    // Find codes containing 0 and 1, then type them with O, o, I, i, L, l.
    int found = 0;
    for (int i = 0; i < 20000 && found < 50; ++i) {
        const std::string code = NewTrackingCode();
        if (code.find('0') == std::string::npos || code.find('1') == std::string::npos) continue;
        ++found;
        for (const std::string_view zero : {"O", "o"}) {
            for (const std::string_view one : {"I", "i", "L", "l"}) {
                std::string typed;
                for (const char c : code) {
                    if (c == '0')
                        typed += zero;
                    else if (c == '1')
                        typed += one;
                    else
                        typed += c;
                }
                EXPECT_EQ(NormalizeTrackingCode(typed).value(), code) << typed;
            }
        }
    }
    EXPECT_EQ(found, 50);
}

TEST(TrackingCode, KnownCodeChecksOut) {
    // 0000000000 has interim 0, so its check symbol is a·0 = 0; "0000000001" has interim 1, check a·1 = 2.
    EXPECT_TRUE(CheckSymbolValid("00000000000"));
    EXPECT_TRUE(CheckSymbolValid("00000000012"));
    EXPECT_FALSE(CheckSymbolValid("00000000011"));
    EXPECT_EQ(NormalizeTrackingCode("oooo-oooo-oi2").value(), "00000000012");
}

TEST(TrackingCode, RejectsMalformedInputWithOneMessage) {
    const std::string code = NewTrackingCode();
    ExpectRejected("");
    ExpectRejected(code.substr(0, 10));        // too short
    ExpectRejected(code + "0");                // too long
    ExpectRejected(code.substr(0, 10) + "U");  // U is not in the alphabet
    ExpectRejected(code.substr(0, 10) + "*");
    ExpectRejected(code.substr(0, 5) + "\xC3\xA9" + code.substr(6));  // é
    ExpectRejected(code.substr(0, 5) + std::string(1, '\0') + code.substr(6));
    ExpectRejected(std::string(1000, '-') + code);  // absurdly long input is not even scanned
    std::string wrong_check = code;
    wrong_check.back() = wrong_check.back() == '0' ? '1' : '0';
    ExpectRejected(wrong_check);
}

TEST(TrackingCode, CheckSymbolValidWantsNormalizedInput) {
    const std::string code = NewTrackingCode();
    EXPECT_TRUE(CheckSymbolValid(code));
    EXPECT_FALSE(CheckSymbolValid(FormatTrackingCode(code)));
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != code) {
        EXPECT_FALSE(CheckSymbolValid(lower));
    }
}

}  // namespace
}  // namespace precinct::reports
