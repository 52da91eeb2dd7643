#pragma once
// Explainable first-guess priority for an incident: a base priority per category, raised by keyword rules
// matched on the accent-folded description ("mắc kẹt", "mac ket" and "trapped" all match). Every decision names
// the rule that produced it and says why in Vietnamese and English; the call-taker confirms or overrides it.
#include <string>
#include <string_view>
#include <vector>

#include "domain.hpp"

namespace precinct::dispatch {

struct PriorityDecision {
    Priority priority = Priority::kP4;
    std::string rule;       // stable id "<category>.<rule>", e.g. "fire.people_trapped", "info.base"
    std::string reason_vi;  // e.g. "Có người mắc kẹt → P1", "Danh mục FIRE: mặc định P1"
    std::string reason_en;
    // Phrases of the winning rule found in the description, spelled as in the rule table; empty for ".base".
    std::vector<std::string> matched;
};

// The rule table, for documentation screens and tests. `categories` lists category codes, or "all".
struct PriorityRuleInfo {
    std::string id;
    std::vector<std::string> categories;
    Priority priority;
    std::vector<std::string> phrases;
    std::vector<std::string> exceptions;
    std::string reason_vi;
    std::string reason_en;
};
std::vector<PriorityRuleInfo> PriorityRules();

// Default priority of a category before any keyword is considered.
Priority BasePriority(Category category);

// The decision: the base priority of `category`, unless keyword rules that apply to it fire; then the rule with
// the highest priority (lowest number) wins, ties going to the rule earlier in the table. A rule that only
// equals the base still wins over it, because it explains more. Rules never lower the base priority.
PriorityDecision AssessPriority(Category category, std::string_view description);

}  // namespace precinct::dispatch
