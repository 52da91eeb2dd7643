#pragma once
// Conversations: each citizen message runs one dialogue turn under the conversation's lock against the state kept in
// memory; the message, the reply and the new state are queued and written by Flush() (every 20 ms from the module's
// worker) in one transaction for all queued turns, so the reply does not wait for a disk sync. A crash loses at
// most the turns of the last interval. Everything that reads the database (the citizen's polling, officers' views
// and actions) flushes first. Handoffs to officers, officers' replies (audited), unanswered questions for the
// knowledge-base editors, and retention.
#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "dialog.hpp"
#include "engine.hpp"
#include "precinct/dispatch/intake.hpp"
#include "precinct/reports/intake.hpp"
#include "storage/database.hpp"

namespace precinct::assistant {

inline constexpr std::string_view kTopic = "assistant";

struct StoredMessage {
    std::int64_t seq = 0;
    TimePoint at;
    std::string author;  // citizen, assistant, officer
    std::string text;
    std::string kind;    // the assistant's turn kind; "" otherwise
};

struct ConversationInfo {
    std::string id;
    TimePoint started_at, updated_at;
    Lang lang = Lang::kVi;
    HandoffState handoff = HandoffState::kNone;
    std::optional<TimePoint> handoff_since;
    std::string officer, reason, last_text;
};

struct Unanswered {
    std::int64_t id = 0;
    std::string text;
    int count = 0;
    TimePoint first_at, last_at;
    std::string best_id;
    double confidence = 0;
    bool resolved = false;
};

struct MessageResult {
    std::string conversation_id;
    std::int64_t seq = 0;  // of the reply
    Turn turn;
    ConversationState state;
};

struct ServiceSettings {
    std::size_t max_messages_per_conversation = 200;
    std::chrono::hours retention{24 * 90};
};

class AssistantService {
public:
    AssistantService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit, const Engine& engine,
                     ServiceSettings settings);

    static Status Migrate(storage::Database& db);
    // Set once the other modules exist (Start); null: that side effect is unavailable and the reply says so.
    void Connect(reports::CitizenIntake* reports, dispatch::ChannelIntake* dispatch);

    // A citizen's message; a new conversation when `conversation_id` is empty. kNotFound for an unknown id.
    Result<MessageResult> Message(const std::string& conversation_id, const std::string& text,
                                  std::optional<Lang> lang_hint);
    // Messages after `after` (the citizen's view: the id is their key).
    Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> Messages(const std::string& conversation_id,
                                                                            std::int64_t after, int limit);

    // Officers.
    Result<std::vector<ConversationInfo>> Handoffs(const std::string& state, int limit);
    Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> Transcript(const std::string& conversation_id,
                                                                              const auth::Actor& actor);
    Result<ConversationInfo> Claim(const std::string& conversation_id, const auth::Actor& actor);
    Result<StoredMessage> OfficerReply(const std::string& conversation_id, const std::string& text,
                                       const auth::Actor& actor);
    Result<ConversationInfo> Close(const std::string& conversation_id, const auth::Actor& actor);
    Result<std::vector<Unanswered>> ListUnanswered(int limit, bool include_resolved);
    Status ResolveUnanswered(std::int64_t id, const auth::Actor& actor);

    // Writes the queued turns (one transaction). On failure they stay queued for the next call.
    Status Flush();
    // Deletes conversations not updated within the retention period, from the database and memory; returns how
    // many. Also forgets idle conversations from memory (they are read back from the database when they resume).
    Result<std::int64_t> Purge();

    const Engine& engine() const { return engine_; }

private:
    class TurnActions;
    // A conversation as kept in memory between its messages.
    struct Live {
        ConversationState state;
        std::int64_t last_seq = 0;
        TimePoint started, updated;
        std::string reason;  // of the last handoff
        int pending = 0;     // queued turns not yet written
    };
    struct Stripe {
        std::mutex mutex;  // held for a whole turn of any conversation in this stripe
        std::unordered_map<std::string, Live> live;
    };
    struct PendingTurn {
        std::string id;
        bool is_new = false;
        TimePoint started, at;
        std::string lang, state_json, handoff, reason, last_text;
        bool handed_over = false;
        std::int64_t citizen_seq = 0;
        std::string citizen_text, reply, kind, entry_id;
        double confidence = 0;
        bool unanswered = false;
        std::string best_id;
    };
    Stripe& StripeFor(const std::string& id);
    // The conversation in memory, loaded from the database if needed; kNotFound when it does not exist.
    Result<Live*> Find(Stripe& stripe, const std::string& id);
    Result<ConversationInfo> ChangeHandoff(const std::string& id, HandoffState to, const auth::Actor& actor,
                                           const std::string& action);

    storage::Database& db_;
    Bus& bus_;
    const Clock& clock_;
    auth::AuditLog& audit_;
    const Engine& engine_;
    ServiceSettings settings_;
    reports::CitizenIntake* reports_ = nullptr;
    dispatch::ChannelIntake* dispatch_ = nullptr;
    std::array<Stripe, 64> stripes_;
    std::mutex pending_mutex_;
    std::vector<PendingTurn> pending_;
    std::mutex flush_mutex_;  // one flush at a time, so that turns are written in order
};

}  // namespace precinct::assistant
