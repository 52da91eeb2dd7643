// Priority rules as data: base priority per category (spec table, emergency.md §2) and keyword rules matched on
// whole tokens of the folded description. Kept deliberately simple so a dispatcher can read why a call got its
// priority; known misfires of the folding are listed next to each rule.
#include "priority.hpp"

#include <algorithm>
#include <cstdint>

#include "text/fold.hpp"

namespace precinct::dispatch {
namespace {

using CategoryMask = std::uint32_t;

constexpr CategoryMask Bit(Category c) { return CategoryMask{1} << static_cast<unsigned>(c); }

constexpr CategoryMask kEveryCategory = [] {
    CategoryMask mask = 0;
    for (const Category c : kAllCategories) mask |= Bit(c);
    return mask;
}();

constexpr CategoryMask Only(std::initializer_list<Category> categories) {
    CategoryMask mask = 0;
    for (const Category c : categories) mask |= Bit(c);
    return mask;
}

constexpr CategoryMask AllBut(std::initializer_list<Category> categories) { return kEveryCategory & ~Only(categories); }

struct BaseRule {
    Category category;
    Priority priority;
};

// emergency.md §2, "Default priority". Ranges in the spec (P1–P3) start here at the middle and rise by rule.
constexpr BaseRule kBaseRules[] = {
    {Category::kCrimeViolent, Priority::kP1},
    {Category::kCrimeProperty, Priority::kP3},  // P2 when in progress (rule in_progress)
    {Category::kPublicOrder, Priority::kP3},
    {Category::kTraffic, Priority::kP3},  // P2 with injury, P1 with entrapment/fire/unconscious
    {Category::kFire, Priority::kP1},
    {Category::kRescue, Priority::kP1},
    {Category::kMedical, Priority::kP2},
    {Category::kDisaster, Priority::kP1},
    {Category::kChildProtection, Priority::kP2},  // P1 with danger words
    {Category::kCyberFraud, Priority::kP2},
    {Category::kInfo, Priority::kP4},
};

struct Rule {
    std::string_view id;
    CategoryMask categories;
    Priority priority;
    std::vector<std::string_view> phrases;     // any one firing fires the rule
    std::vector<std::string_view> exceptions;  // phrases whose tokens must not count (known other meanings)
    std::string_view reason_vi;
    std::string_view reason_en;
};

// The rule table. Order matters only for ties (same priority): earlier wins.
//
// Matching is on folded tokens (no diacritics, lower case), so distinct Vietnamese words can collide. The
// phrases below avoid the worst collisions; `exceptions` remove known harmless readings; what remains is listed
// as "known false positives". Negation ("không ai mắc kẹt") is only handled where an exception spells it out.
const std::vector<Rule>& Rules() {
    static const std::vector<Rule> kRules = {
        // "kẹt" also folds from "két" (a safe, a crate, a tank): exceptions below. "kẹt xe" is a traffic jam.
        // "bị nhốt" folds like "bị nhọt" (has a boil), which is why MEDICAL is left out.
        // Known false positives: "kẹt tiền" (short of money), "kẹt" in "kẹt cửa" (a jammed door, no person).
        {"people_trapped",
         AllBut({Category::kMedical, Category::kCyberFraud}),
         Priority::kP1,
         {"mắc kẹt", "kẹt", "bị nhốt", "trapped"},
         {"kẹt xe", "két sắt", "két bia", "két nước", "không ai mắc kẹt", "không có ai mắc kẹt",
          "không có người mắc kẹt", "chưa thấy người bị kẹt", "chưa thấy người mắc kẹt", "chưa thấy ai bị kẹt",
          "không có người bị kẹt", "không ai bị kẹt", "no one trapped", "nobody trapped", "no one is trapped",
          "nobody is trapped", "no one seen trapped"},
         "Có người mắc kẹt → P1",
         "People trapped → P1"},

        // CYBER-FRAUD is left out: "fake kidnapping" calls (lừa đảo bắt cóc online) are a scam reported there.
        // Known false positive: "con tin" folds like "còn tin" (still believe).
        {"hostage",
         AllBut({Category::kCyberFraud}),
         Priority::kP1,
         {"con tin", "bắt cóc", "hostage", "hostages", "kidnap", "kidnapped", "kidnapping", "abducted"},
         {},
         "Bắt cóc, giữ con tin → P1",
         "Kidnapping or hostage → P1"},

        // "dao" (knife) also folds from "đảo" (island; "lừa đảo" = fraud), "dạo" (stroll, lately), "đạo"
        // (religion, law; "đạo chích" = thief), "Đào" (a surname, peach, to dig; "đào tạo" = training) and
        // "dao động" (to fluctuate). "súng" (gun) folds like "sưng" (swollen), "sung" (fig) and "bổ sung" (to add).
        // Known false positives: street names and people called Đào ("Đào Tấn", "anh Đào"), "hòn đảo", "đạo
        // diễn", "mã tấu" read as "mà tàu" (but the train), "vũ khí" read as "vụ khí" (the gas incident).
        // CYBER-FRAUD and INFO are left out: their descriptions are full of "lừa đảo" and of addresses.
        {"weapon",
         AllBut({Category::kCyberFraud, Category::kInfo}),
         Priority::kP1,
         {"dao", "súng", "mã tấu", "vũ khí", "lựu đạn", "knife", "knives", "gun", "guns", "pistol", "weapon", "weapons",
          "machete", "armed"},
         {"lừa đảo",  "đi dạo",   "dạo này", "dạo gần đây", "bán đảo",  "đào tạo",  "đạo chích",
          "dao động", "đạo đức",  "bổ sung", "sung sướng",  "sung túc", "quả sung", "cây sung",
          "bị sưng",  "sưng đau", "sưng to", "sưng tấy",    "sưng phù", "sưng lên"},
         "Có hung khí, vũ khí → P1",
         "Weapon involved → P1"},

        {"unconscious",
         kEveryCategory,
         Priority::kP1,
         {"bất tỉnh", "ngừng thở", "không thở", "ngất xỉu", "ngừng tim", "unconscious", "not breathing", "unresponsive",
          "passed out", "cardiac arrest"},
         {},
         "Bất tỉnh, ngừng thở → P1",
         "Unconscious or not breathing → P1"},

        // Known false positive: "đuối nước" folds like "dưới nước" (in/under the water), "chết đuối" like
        // "chết dưới" (died under).
        {"drowning",
         kEveryCategory,
         Priority::kP1,
         {"đuối nước", "chết đuối", "drowning", "drowned", "drown"},
         {},
         "Đuối nước → P1",
         "Drowning → P1"},

        // Bare "nổ" is not used: it folds to "no", which is English "no", Vietnamese "nó" (he, it), "nợ" (debt)
        // and "no" (full). Known false positives: "tiếng nổ" read as "tiếng nó" (his voice), "cháy nổ" as
        // "chạy nó".
        {"explosion_gas",
         kEveryCategory,
         Priority::kP1,
         {"phát nổ", "vụ nổ", "nổ tung", "tiếng nổ", "cháy nổ", "khí gas", "rò rỉ gas", "rò rỉ khí", "mùi gas",
          "explosion", "exploded", "gas leak", "leaking gas", "smell of gas"},
         {},
         "Cháy nổ, rò rỉ khí gas → P1",
         "Explosion or gas leak → P1"},

        // Known false positive: "chảy máu" folds like "chạy mau" (run, quickly!).
        {"serious_injury",
         AllBut({Category::kCyberFraud}),
         Priority::kP1,
         {"chảy máu", "mất máu", "bị thương nặng", "thương tích nặng", "bleeding", "serious injury",
          "seriously injured", "badly injured"},
         {"không chảy máu", "không bị thương nặng", "không ai bị thương nặng", "not bleeding"},
         "Chảy máu, bị thương nặng → P1",
         "Bleeding or serious injury → P1"},

        // Danger to a child right now. "tự tử" (suicide) is not used: it folds like "từ từ" (slowly); "bỏ đói"
        // (starved) is not used: it folds like "bộ đội" (soldier).
        {"child_danger",
         Only({Category::kChildProtection}),
         Priority::kP1,
         {"đang bị đánh", "đánh đập", "xâm hại", "hiếp dâm", "bị bỏ rơi", "sơ sinh", "tự sát", "being beaten",
          "sexual abuse", "abused", "abandoned", "newborn", "suicide"},
         {},
         "Trẻ em đang gặp nguy hiểm → P1",
         "Child in immediate danger → P1"},

        // Bare "cháy" is not used: it folds to "chay" = "chạy" (to run, to drive: "xe chạy", "bỏ chạy").
        {"vehicle_fire",
         Only({Category::kTraffic}),
         Priority::kP1,
         {"bốc cháy", "ngọn lửa", "bốc lửa", "fire", "burning", "flames"},
         {},
         "Xe cháy → P1",
         "Vehicle on fire → P1"},

        // "đang" also folds from "đáng" (worth; "đáng ngờ" = suspicious) and "dáng" (figure).
        // Known false positive: "tôi đang ở nhà" (I am at home now) reports a past theft as in progress; raising
        // a property crime to P2 is the cheaper mistake.
        {"in_progress",
         Only({Category::kCrimeProperty}),
         Priority::kP2,
         {"đang", "đang diễn ra", "now", "right now", "in progress", "happening", "ongoing"},
         {"đáng ngờ", "đáng nghi", "đáng kể", "không đáng"},
         "Đang diễn ra → P2",
         "In progress → P2"},

        {"injury",
         Only({Category::kTraffic}),
         Priority::kP2,
         {"bị thương", "gãy chân", "gãy tay", "injured", "injury", "injuries", "hurt"},
         {"không ai bị thương", "không có ai bị thương", "không có người bị thương", "không bị thương",
          "no one injured", "nobody injured", "no one hurt", "nobody hurt", "no injuries"},
         "Có người bị thương → P2",
         "People injured → P2"},

        // A child involved: at least P2 anywhere (e.g. a lost child reported as INFO).
        // Known false positive: "em bé" folds like "em bế" (I carry).
        {"child_involved",
         kEveryCategory,
         Priority::kP2,
         {"trẻ em", "trẻ nhỏ", "em bé", "cháu bé", "bé gái", "bé trai", "child", "children", "baby", "kid", "kids"},
         {},
         "Có trẻ em liên quan → P2",
         "Child involved → P2"},
    };
    return kRules;
}

struct Phrase {
    std::vector<std::string> tokens;  // folded
    std::string_view text;            // as written in the table
    bool exception = false;
};

struct CompiledRule {
    const Rule* rule;
    std::vector<Phrase> phrases;  // keywords and exceptions together, longest first
};

const std::vector<CompiledRule>& CompiledRules() {
    static const std::vector<CompiledRule> kCompiled = [] {
        std::vector<CompiledRule> out;
        for (const Rule& rule : Rules()) {
            CompiledRule c{&rule, {}};
            for (const std::string_view written : rule.phrases) {
                c.phrases.push_back({text::Tokens(text::FoldVietnamese(written)), written, false});
            }
            for (const std::string_view written : rule.exceptions) {
                c.phrases.push_back({text::Tokens(text::FoldVietnamese(written)), written, true});
            }
            std::stable_sort(c.phrases.begin(), c.phrases.end(),
                             [](const Phrase& a, const Phrase& b) { return a.tokens.size() > b.tokens.size(); });
            out.push_back(std::move(c));
        }
        return out;
    }();
    return kCompiled;
}

bool MatchesAt(const std::vector<std::string>& tokens, std::size_t pos, const Phrase& phrase) {
    if (phrase.tokens.empty() || pos + phrase.tokens.size() > tokens.size()) return false;
    return std::equal(phrase.tokens.begin(), phrase.tokens.end(), tokens.begin() + static_cast<std::ptrdiff_t>(pos));
}

// Scans left to right; at each token the longest phrase (keyword or exception) starting there is taken and its
// tokens are consumed, so "mắc kẹt" is reported once (not also as "kẹt") and "lừa đảo" hides "dao".
std::vector<std::string> MatchRule(const CompiledRule& rule, const std::vector<std::string>& tokens) {
    std::vector<std::string> matched;
    std::size_t pos = 0;
    while (pos < tokens.size()) {
        const Phrase* hit = nullptr;
        for (const Phrase& phrase : rule.phrases) {
            if (MatchesAt(tokens, pos, phrase)) {
                hit = &phrase;
                break;
            }
        }
        if (hit == nullptr) {
            ++pos;
            continue;
        }
        if (!hit->exception && std::find(matched.begin(), matched.end(), hit->text) == matched.end()) {
            matched.emplace_back(hit->text);
        }
        pos += hit->tokens.size();
    }
    return matched;
}

// "CRIME-VIOLENT" -> "crime_violent".
std::string CategorySlug(Category category) {
    std::string slug(CategoryCode(category));
    for (char& c : slug) c = c == '-' ? '_' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return slug;
}

int Rank(Priority p) { return static_cast<int>(p); }

}  // namespace

Priority BasePriority(Category category) {
    for (const auto& base : kBaseRules) {
        if (base.category == category) return base.priority;
    }
    return Priority::kP3;  // unreachable while kBaseRules lists every category (tested)
}

std::vector<PriorityRuleInfo> PriorityRules() {
    std::vector<PriorityRuleInfo> out;
    for (const Rule& rule : Rules()) {
        PriorityRuleInfo info{std::string(rule.id),       {}, rule.priority, {}, {}, std::string(rule.reason_vi),
                              std::string(rule.reason_en)};
        if (rule.categories == kEveryCategory) {
            info.categories.emplace_back("all");
        } else {
            for (const Category c : kAllCategories) {
                if (rule.categories & Bit(c)) info.categories.emplace_back(CategoryCode(c));
            }
        }
        info.phrases.assign(rule.phrases.begin(), rule.phrases.end());
        info.exceptions.assign(rule.exceptions.begin(), rule.exceptions.end());
        out.push_back(std::move(info));
    }
    return out;
}

PriorityDecision AssessPriority(Category category, std::string_view description) {
    const Priority base = BasePriority(category);
    const std::vector<std::string> tokens = text::Tokens(text::FoldVietnamese(description));

    const CompiledRule* best = nullptr;
    std::vector<std::string> best_matched;
    for (const CompiledRule& rule : CompiledRules()) {
        if ((rule.rule->categories & Bit(category)) == 0) continue;
        if (Rank(rule.rule->priority) > Rank(base)) continue;  // rules only raise
        if (best != nullptr && Rank(rule.rule->priority) >= Rank(best->rule->priority)) continue;
        auto matched = MatchRule(rule, tokens);
        if (matched.empty()) continue;
        best = &rule;
        best_matched = std::move(matched);
    }

    PriorityDecision decision;
    if (best != nullptr) {
        decision.priority = best->rule->priority;
        decision.rule = CategorySlug(category) + "." + std::string(best->rule->id);
        decision.reason_vi = std::string(best->rule->reason_vi);
        decision.reason_en = std::string(best->rule->reason_en);
        decision.matched = std::move(best_matched);
        return decision;
    }
    const std::string code(CategoryCode(category));
    const std::string p(PriorityCode(base));
    decision.priority = base;
    decision.rule = CategorySlug(category) + ".base";
    decision.reason_vi = "Danh mục " + code + ": mặc định " + p;
    decision.reason_en = "Category " + code + ": default " + p;
    return decision;
}

}  // namespace precinct::dispatch
