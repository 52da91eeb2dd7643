#pragma once
// Filing a citizen report from another channel (the assistant's chat) through the reports module's rules:
// routing, legal deadline, tracking code, audit. Offered in the ServiceDirectory by the reports module.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace precinct::reports {

struct IntakeCategory {
    std::string code, name_vi, name_en;
    std::string keywords;  // comma-separated, Vietnamese (with and without diacritics) and English
    bool anonymous_allowed = false;
};

struct CitizenReport {
    std::string category;  // an IntakeCategory code
    std::string description;
    std::string address;
    std::optional<TimePoint> occurred_at;
    std::string name, phone;  // phone: Vietnamese number in any usual form; empty with anonymous or secret
    bool anonymous = false;
    std::string secret;       // the look-up secret when no phone is given (4 to 12 digits)
    std::string language = "vi";
    std::string channel = "assistant";
    std::string reference;    // the caller's own reference (a conversation id), recorded in the audit entry
};

struct CitizenReceipt {
    std::string code;         // formatted tracking code, e.g. "PA7K-3QXM-9F"
    bool lookup_by_phone = false;
    TimePoint received_at, due_at;
    std::string category_name_vi, category_name_en;
};

class CitizenIntake {
public:
    virtual ~CitizenIntake() = default;
    virtual std::vector<IntakeCategory> Categories() const = 0;
    // Validates and files; errors name the bad field like the HTTP route does.
    virtual Result<CitizenReceipt> File(const CitizenReport& report) = 0;
};

}  // namespace precinct::reports
