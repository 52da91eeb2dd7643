#pragma once
// One turn of a conversation: from the citizen's message and the conversation's state to the reply, with the side
// effects (filing a report, raising an incident) done through an Actions interface so that the rules are tested
// without a server.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "composer.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "kb.hpp"
#include "precinct/reports/intake.hpp"
#include "retriever.hpp"
#include "text/bm25.hpp"
#include "understanding.hpp"

namespace precinct::assistant {

enum class ReportStage { kWhat, kCategory, kWhere, kWhen, kContact, kConfirm };
std::string_view ReportStageCode(ReportStage s);

struct ReportDraft {
    ReportStage stage = ReportStage::kWhat;
    std::string category;  // reports category code
    std::string what, where, when, phone;
    bool anonymous = false;
};

enum class HandoffState { kNone, kWaiting, kActive, kClosed };
std::string_view HandoffCode(HandoffState s);
std::optional<HandoffState> ParseHandoff(std::string_view s);

struct ConversationState {
    Lang lang = Lang::kVi;
    std::string topic;               // the entry the conversation is about
    double topic_confidence = 0;
    std::vector<std::string> choices;  // ids offered in a clarifying question
    int unsure_turns = 0;
    std::optional<ReportDraft> report;
    std::optional<std::int64_t> emergency_incident;  // waiting for the citizen's location
    std::string emergency_line;
    HandoffState handoff = HandoffState::kNone;
    int turns = 0;

    Json ToJson() const;
    static ConversationState FromJson(const Json& j);
};

struct FiledReceipt {
    std::string code, secret;
    bool lookup_by_phone = false;
};

// What a turn may do outside the conversation.
class Actions {
public:
    virtual ~Actions() = default;
    virtual Result<reports::CitizenReceipt> FileReport(const reports::CitizenReport& report) = 0;
    // Returns the incident id when one was created or linked.
    virtual Result<std::optional<std::int64_t>> RaiseEmergency(const Emergency& e, const std::string& description,
                                                               const std::string& ref) = 0;
    virtual Status AddEmergencyNote(std::int64_t incident_id, const std::string& text) = 0;
    virtual std::string NewSecret() = 0;  // digits for looking a report up without a phone
};

struct Thresholds {
    double answer = 0.5;   // at or above: answer
    double handoff = 0.15;  // below: hand over at once; between: ask back first
};

struct Turn {
    std::string kind;  // answer, clarify, handoff, relayed, report, emergency, greeting, smalltalk
    std::string reply;
    const Entry* entry = nullptr;
    std::vector<Facet> facets;
    std::vector<Citation> citations;
    std::vector<std::string> unconfirmed, suggestions;
    double confidence = 0;
    bool handoff = false;
    std::string handoff_reason;  // low_confidence, asked_for_human, report_failed, ...
    bool unanswered = false;     // record the question for the knowledge-base editors
    std::optional<Candidate> best_guess;
    Json report;     // null or {"stage", "category", "tracking_code", "secret"}
    Json emergency;  // null or {"line", "incident_raised"}
};

class Dialog {
public:
    Dialog(const KnowledgeBase& kb, const Retriever& retriever, const Understander& understander,
           std::vector<reports::IntakeCategory> categories, Thresholds thresholds);

    // `ref` names the conversation and turn for idempotent side effects.
    Turn Respond(ConversationState& state, std::string_view text, std::optional<Lang> lang_hint, Actions& actions,
                 const std::string& ref) const;

    // The reports category best matching a description, or empty.
    std::string ClassifyReport(const Understanding& u) const;
    const std::vector<reports::IntakeCategory>& categories() const { return categories_; }

private:
    Turn Answer(ConversationState& state, const Entry& e, const Understanding& u, double confidence, bool brief) const;
    Turn Clarify(ConversationState& state, const Retrieval& r, Lang lang) const;
    Turn Handoff(ConversationState& state, Lang lang, const std::string& reason) const;
    Turn ReportTurn(ConversationState& state, const Understanding& u, std::string_view text, Actions& actions,
                    const std::string& ref) const;
    Turn EmergencyTurn(ConversationState& state, const Emergency& e, std::string_view text, Lang lang,
                       Actions& actions, const std::string& ref) const;
    const reports::IntakeCategory* Category(const std::string& code) const;

    const KnowledgeBase* kb_;
    const Retriever* retriever_;
    const Understander* understander_;
    std::vector<reports::IntakeCategory> categories_;
    text::Bm25Index category_index_;
    Thresholds thresholds_;
};

}  // namespace precinct::assistant
