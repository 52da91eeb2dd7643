// Conversation storage and the officers' side of the assistant.
#include "service.hpp"

#include <fmt/format.h>

#include <functional>

#include "core/crypto.hpp"
#include "text/fold.hpp"

namespace precinct::assistant {
namespace {

using storage::Connection;
using storage::Params;
using storage::Row;
using storage::Value;

const std::vector<storage::Migration>& Migrations() {
    static const std::vector<storage::Migration> kMigrations = {
        {1, "conversations, messages, unanswered questions", R"sql(
CREATE TABLE assistant_conversations (
    id TEXT PRIMARY KEY,
    started_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    lang TEXT NOT NULL,
    state TEXT NOT NULL,
    handoff TEXT NOT NULL DEFAULT 'none',
    handoff_ms INTEGER,
    handoff_reason TEXT NOT NULL DEFAULT '',
    officer TEXT NOT NULL DEFAULT '',
    last_text TEXT NOT NULL DEFAULT '',
    last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assistant_conversations_handoff ON assistant_conversations(handoff, handoff_ms)
    WHERE handoff <> 'none';
CREATE INDEX assistant_conversations_updated ON assistant_conversations(updated_ms);

CREATE TABLE assistant_messages (
    conversation_id TEXT NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    entry_id TEXT NOT NULL DEFAULT '',
    confidence REAL,
    PRIMARY KEY (conversation_id, seq)
) WITHOUT ROWID;

CREATE TABLE assistant_unanswered (
    id INTEGER PRIMARY KEY,
    folded TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    best_id TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assistant_unanswered_open ON assistant_unanswered(resolved, count DESC);
)sql"},
    };
    return kMigrations;
}

constexpr std::string_view kConversationColumns =
    "id, started_ms, updated_ms, lang, handoff, handoff_ms, handoff_reason, officer, last_text, state, last_seq";

ConversationInfo ReadInfo(const Row& r) {
    ConversationInfo c;
    c.id = r.Text(0);
    c.started_at = FromUnixMillis(r.Int(1));
    c.updated_at = FromUnixMillis(r.Int(2));
    c.lang = r.Text(3) == "en" ? Lang::kEn : Lang::kVi;
    c.handoff = ParseHandoff(r.Text(4)).value_or(HandoffState::kNone);
    if (!r.IsNull(5)) c.handoff_since = FromUnixMillis(r.Int(5));
    c.reason = r.Text(6);
    c.officer = r.Text(7);
    c.last_text = r.Text(8);
    return c;
}

Result<std::vector<StoredMessage>> LoadMessages(Connection& c, const std::string& id, std::int64_t after, int limit) {
    auto rows = c.Query(
        "SELECT seq, at_ms, author, text, kind FROM assistant_messages WHERE conversation_id = ? AND seq > ? "
        "ORDER BY seq LIMIT ?",
        {id, after, limit});
    if (!rows) return Fail(rows.error());
    std::vector<StoredMessage> out;
    for (const Row& r : *rows) out.push_back({r.Int(0), FromUnixMillis(r.Int(1)), r.Text(2), r.Text(3), r.Text(4)});
    return out;
}

Error NoConversation() { return Error{ErrorCode::kNotFound, "conversation not found", "conversation_id", 0}; }

bool ValidId(const std::string& id) {
    return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::string Preview(const std::string& s) {
    if (s.size() <= 200) return s;
    return std::string(text::TruncateUtf8(s, 200)) + "…";
}

}  // namespace

// Side effects of one turn, through the other modules' public interfaces.
class AssistantService::TurnActions final : public Actions {
public:
    TurnActions(reports::CitizenIntake* reports, dispatch::ChannelIntake* dispatch)
        : reports_(reports), dispatch_(dispatch) {}

    Result<reports::CitizenReceipt> FileReport(const reports::CitizenReport& r) override {
        if (reports_ == nullptr) return Fail(ErrorCode::kUnavailable, "the reports service is not running");
        return reports_->File(r);
    }
    Result<std::optional<std::int64_t>> RaiseEmergency(const Emergency& e, const std::string& description,
                                                       const std::string& ref) override {
        if (dispatch_ == nullptr) return Fail(ErrorCode::kUnavailable, "the dispatch centre is not connected");
        dispatch::ChannelCall call;
        call.line = e.line;
        call.channel = "chat";
        call.category = e.category;
        call.description = "[Trợ lý trực tuyến / chat] " + description;
        call.client_ref = "chat:" + ref;
        auto out = dispatch_->Raise(call);
        if (!out) return Fail(out.error());
        return out->incident_id;
    }
    Status AddEmergencyNote(std::int64_t incident_id, const std::string& text) override {
        if (dispatch_ == nullptr) return Fail(ErrorCode::kUnavailable, "the dispatch centre is not connected");
        return dispatch_->AddNote(incident_id, text);
    }
    std::string NewSecret() override {
        const auto bytes = RandomBytes(8);
        std::string s;
        for (std::size_t i = 0; i < 6; ++i) s.push_back(static_cast<char>('0' + bytes[i] % 10));
        return s;
    }

private:
    reports::CitizenIntake* reports_;
    dispatch::ChannelIntake* dispatch_;
};

AssistantService::AssistantService(storage::Database& db, Bus& bus, const Clock& clock, auth::AuditLog& audit,
                                   const Engine& engine, ServiceSettings settings)
    : db_(db), bus_(bus), clock_(clock), audit_(audit), engine_(engine), settings_(settings) {}

Status AssistantService::Migrate(storage::Database& db) { return storage::Migrate(db, "assistant", Migrations()); }

void AssistantService::Connect(reports::CitizenIntake* reports, dispatch::ChannelIntake* dispatch) {
    reports_ = reports;
    dispatch_ = dispatch;
}

AssistantService::Stripe& AssistantService::StripeFor(const std::string& id) {
    return stripes_[std::hash<std::string>{}(id) % stripes_.size()];
}

Result<AssistantService::Live*> AssistantService::Find(Stripe& stripe, const std::string& id) {
    if (auto it = stripe.live.find(id); it != stripe.live.end()) return &it->second;
    auto rows = db_.Query(fmt::format("SELECT {} FROM assistant_conversations WHERE id = ?", kConversationColumns), {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(NoConversation());
    const Row& r = rows->front();
    Live live;
    live.state = ConversationState::FromJson(Json::parse(r.Text(9), nullptr, false));
    live.state.handoff = ParseHandoff(r.Text(4)).value_or(HandoffState::kNone);
    live.last_seq = r.Int(10);
    live.started = FromUnixMillis(r.Int(1));
    live.updated = FromUnixMillis(r.Int(2));
    live.reason = r.Text(6);
    return &stripe.live.emplace(id, std::move(live)).first->second;
}

Result<MessageResult> AssistantService::Message(const std::string& conversation_id, const std::string& text,
                                                std::optional<Lang> lang_hint) {
    const bool is_new = conversation_id.empty();
    if (!is_new && !ValidId(conversation_id)) return Fail(NoConversation());
    const std::string id = is_new ? HexEncode(RandomBytes(16)) : conversation_id;
    Stripe& stripe = StripeFor(id);
    std::lock_guard lock(stripe.mutex);

    Live* live = nullptr;
    if (is_new) {
        Live fresh;
        fresh.started = fresh.updated = clock_.Now();
        live = &stripe.live.emplace(id, std::move(fresh)).first->second;
    } else {
        auto found = Find(stripe, id);
        if (!found) return Fail(found.error());
        live = *found;
    }
    if (static_cast<std::size_t>(live->last_seq) + 2 > settings_.max_messages_per_conversation) {
        return Fail(ErrorCode::kTooLarge,
                    "conversation: this conversation is full; start a new one / cuộc trò chuyện đã quá dài, hãy bắt "
                    "đầu cuộc mới",
                    "conversation_id");
    }
    ConversationState& state = live->state;
    const HandoffState before = state.handoff;
    TurnActions actions(reports_, dispatch_);
    const std::int64_t citizen_seq = live->last_seq + 1;
    MessageResult out;
    out.turn = engine_.dialog().Respond(state, text, lang_hint, actions, fmt::format("{}:{}", id, citizen_seq));
    out.conversation_id = id;
    out.seq = citizen_seq + 1;
    const Turn& t = out.turn;
    const bool handed_over = before != HandoffState::kWaiting && before != HandoffState::kActive &&
                             state.handoff == HandoffState::kWaiting;
    live->last_seq = out.seq;
    live->updated = clock_.Now();
    if (handed_over) live->reason = t.handoff_reason;
    ++live->pending;

    PendingTurn p;
    p.id = id;
    p.is_new = is_new;
    p.started = live->started;
    p.at = live->updated;
    p.lang = std::string(LangCode(state.lang));
    p.state_json = state.ToJson().dump();
    p.handoff = std::string(HandoffCode(state.handoff));
    p.reason = t.handoff_reason;
    p.handed_over = handed_over;
    p.last_text = Preview(text);
    p.citizen_seq = citizen_seq;
    p.citizen_text = text;
    p.reply = t.reply;
    p.kind = t.kind;
    p.entry_id = t.entry ? t.entry->id : std::string();
    p.confidence = t.confidence;
    p.unanswered = t.unanswered;
    p.best_id = t.best_guess ? t.best_guess->entry->id : std::string();
    {
        std::lock_guard pl(pending_mutex_);
        pending_.push_back(std::move(p));
    }
    if (handed_over) {
        bus_.Publish(std::string(kTopic), Json{{"type", "handoff"}, {"conversation_id", id}, {"reason", t.handoff_reason},
                                               {"text", Preview(text)}});
    } else if (state.handoff == HandoffState::kWaiting || state.handoff == HandoffState::kActive) {
        bus_.Publish(std::string(kTopic),
                     Json{{"type", "message"}, {"conversation_id", id}, {"seq", citizen_seq}, {"text", Preview(text)}});
    }
    out.state = state;
    return out;
}

Status AssistantService::Flush() {
    std::lock_guard flush_lock(flush_mutex_);
    std::vector<PendingTurn> batch;
    {
        std::lock_guard pl(pending_mutex_);
        batch.swap(pending_);
    }
    if (batch.empty()) return Ok();
    // Multi-row statements: the conversations' latest state (one row per conversation), then all messages.
    std::vector<const PendingTurn*> latest;
    {
        std::unordered_map<std::string, std::size_t> at;
        for (const PendingTurn& p : batch) {
            auto [it, inserted] = at.emplace(p.id, latest.size());
            if (inserted) latest.push_back(&p);
            else latest[it->second] = &p;
        }
    }
    std::unordered_map<std::string, const PendingTurn*> handed;  // the turn that handed each conversation over
    for (const PendingTurn& p : batch) {
        if (p.handed_over) handed[p.id] = &p;
    }
    auto saved = db_.Transact([&](Connection& c) -> Status {
        constexpr std::size_t kRows = 200;
        for (std::size_t from = 0; from < latest.size(); from += kRows) {
            const std::size_t to = std::min(latest.size(), from + kRows);
            std::string sql =
                "INSERT INTO assistant_conversations (id, started_ms, updated_ms, lang, state, handoff, handoff_ms, "
                "handoff_reason, last_text, last_seq) VALUES ";
            Params params;
            for (std::size_t i = from; i < to; ++i) {
                const PendingTurn& p = *latest[i];
                const auto h = handed.find(p.id);
                const PendingTurn* ho = h == handed.end() ? nullptr : h->second;
                sql += i == from ? "(?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?)";
                params.insert(params.end(), {p.id, ToUnixMillis(p.started), ToUnixMillis(p.at), p.lang, p.state_json,
                                             p.handoff, ho ? Value(ToUnixMillis(ho->at)) : Value(),
                                             ho ? ho->reason : std::string(), p.last_text, p.citizen_seq + 1});
            }
            sql +=
                " ON CONFLICT(id) DO UPDATE SET updated_ms = excluded.updated_ms, lang = excluded.lang, "
                "state = excluded.state, handoff = excluded.handoff, "
                "handoff_ms = COALESCE(excluded.handoff_ms, assistant_conversations.handoff_ms), "
                "handoff_reason = CASE WHEN excluded.handoff_ms IS NULL THEN assistant_conversations.handoff_reason "
                "ELSE excluded.handoff_reason END, last_text = excluded.last_text, "
                "last_seq = MAX(assistant_conversations.last_seq, excluded.last_seq)";
            if (auto r = c.Execute(sql, params); !r) return Fail(r.error());
        }
        for (std::size_t from = 0; from < batch.size(); from += kRows / 2) {
            const std::size_t to = std::min(batch.size(), from + kRows / 2);
            std::string sql =
                "INSERT INTO assistant_messages (conversation_id, seq, at_ms, author, text, kind, entry_id, confidence) "
                "VALUES ";
            Params params;
            for (std::size_t i = from; i < to; ++i) {
                const PendingTurn& p = batch[i];
                const auto at = ToUnixMillis(p.at);
                sql += i == from ? "(?,?,?,?,?,'','',NULL),(?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,'','',NULL),(?,?,?,?,?,?,?,?)";
                params.insert(params.end(), {p.id, p.citizen_seq, at, "citizen", p.citizen_text, p.id,
                                             p.citizen_seq + 1, at, "assistant", p.reply, p.kind, p.entry_id,
                                             p.confidence});
            }
            if (auto m = c.Execute(sql, params); !m) return Fail(m.error());
        }
        for (const PendingTurn& p : batch) {
            if (!p.unanswered) continue;
            const auto at = ToUnixMillis(p.at);
            std::string folded = text::FoldVietnamese(p.citizen_text);
            if (folded.size() > 500) folded.resize(500);
            auto u = c.Execute(
                "INSERT INTO assistant_unanswered (folded, text, count, first_ms, last_ms, best_id, confidence) "
                "VALUES (?,?,1,?,?,?,?) ON CONFLICT(folded) DO UPDATE SET count = count + 1, "
                "last_ms = excluded.last_ms, text = excluded.text, best_id = excluded.best_id, "
                "confidence = excluded.confidence, resolved = 0",
                {folded, Preview(p.citizen_text), at, at, p.best_id, p.confidence});
            if (!u) return Fail(u.error());
        }
        return Ok();
    });
    if (!saved) {
        // Keep them, in order, ahead of anything queued meanwhile.
        std::lock_guard pl(pending_mutex_);
        batch.insert(batch.end(), std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
        pending_.swap(batch);
        return saved;
    }
    for (const PendingTurn& p : batch) {
        Stripe& stripe = StripeFor(p.id);
        std::lock_guard lock(stripe.mutex);
        if (auto it = stripe.live.find(p.id); it != stripe.live.end()) --it->second.pending;
    }
    return Ok();
}

Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> AssistantService::Messages(
    const std::string& id, std::int64_t after, int limit) {
    if (!ValidId(id)) return Fail(NoConversation());
    if (auto f = Flush(); !f) return Fail(f.error());
    return db_.Read([&](Connection& c) -> Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> {
        auto rows = c.Query(fmt::format("SELECT {} FROM assistant_conversations WHERE id = ?", kConversationColumns),
                            {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(NoConversation());
        auto messages = LoadMessages(c, id, after, limit);
        if (!messages) return Fail(messages.error());
        return std::make_pair(ReadInfo(rows->front()), std::move(*messages));
    });
}

Result<std::vector<ConversationInfo>> AssistantService::Handoffs(const std::string& state, int limit) {
    if (auto f = Flush(); !f) return Fail(f.error());
    std::string where;
    if (state == "open") where = "handoff IN ('waiting', 'active')";
    else if (state == "waiting" || state == "active" || state == "closed") where = "handoff = '" + state + "'";
    else return Fail(ErrorCode::kInvalidArgument, "state: open, waiting, active or closed", "state");
    auto rows = db_.Query(fmt::format("SELECT {} FROM assistant_conversations WHERE {} "
                                      "ORDER BY CASE handoff WHEN 'waiting' THEN 0 ELSE 1 END, handoff_ms LIMIT ?",
                                      kConversationColumns, where),
                          {limit});
    if (!rows) return Fail(rows.error());
    std::vector<ConversationInfo> out;
    for (const Row& r : *rows) out.push_back(ReadInfo(r));
    return out;
}

Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> AssistantService::Transcript(
    const std::string& id, const auth::Actor& actor) {
    if (!ValidId(id)) return Fail(NoConversation());
    if (auto f = Flush(); !f) return Fail(f.error());
    std::vector<auth::AuditRecord> records;
    auto out = db_.Transact([&](Connection& c) -> Result<std::pair<ConversationInfo, std::vector<StoredMessage>>> {
        auto rows = c.Query(fmt::format("SELECT {} FROM assistant_conversations WHERE id = ?", kConversationColumns),
                            {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(NoConversation());
        auto messages = LoadMessages(c, id, 0, 1000);
        if (!messages) return Fail(messages.error());
        // Citizens may have written personal data: every officer read is recorded with its purpose.
        auth::AuditEntry e{actor.username, actor.role, "assistant.conversation.read", "conversation:" + id,
                           "answering a citizen handed over by the assistant", actor.source_ip, actor.request_id, "{}"};
        auto rec = audit_.AppendIn(c, e);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        return std::make_pair(ReadInfo(rows->front()), std::move(*messages));
    });
    for (const auto& r : records) audit_.Announce(r);
    return out;
}

Result<ConversationInfo> AssistantService::ChangeHandoff(const std::string& id, HandoffState to,
                                                         const auth::Actor& actor, const std::string& action) {
    if (!ValidId(id)) return Fail(NoConversation());
    Stripe& stripe = StripeFor(id);
    std::lock_guard lock(stripe.mutex);
    if (auto f = Flush(); !f) return Fail(f.error());
    std::vector<auth::AuditRecord> records;
    auto out = db_.Transact([&](Connection& c) -> Result<ConversationInfo> {
        auto rows = c.Query(fmt::format("SELECT {} FROM assistant_conversations WHERE id = ?", kConversationColumns),
                            {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(NoConversation());
        ConversationInfo info = ReadInfo(rows->front());
        ConversationState state = ConversationState::FromJson(Json::parse(rows->front().Text(9), nullptr, false));
        if (to == HandoffState::kActive && info.handoff == HandoffState::kActive && info.officer != actor.username) {
            return Fail(ErrorCode::kConflict, fmt::format("conversation: already taken by {}", info.officer));
        }
        if (to == HandoffState::kClosed && info.handoff != HandoffState::kWaiting &&
            info.handoff != HandoffState::kActive) {
            return Fail(ErrorCode::kConflict, "conversation: no open handoff to close");
        }
        state.handoff = to;
        const auto now = ToUnixMillis(clock_.Now());
        auto r = c.Execute(
            "UPDATE assistant_conversations SET handoff = ?, officer = ?, state = ?, updated_ms = ?, "
            "handoff_ms = COALESCE(handoff_ms, ?) WHERE id = ?",
            {std::string(HandoffCode(to)), to == HandoffState::kActive ? actor.username : info.officer,
             state.ToJson().dump(), now, now, id});
        if (!r) return Fail(r.error());
        auth::AuditEntry e{actor.username, actor.role, action, "conversation:" + id, "", actor.source_ip,
                           actor.request_id, Json{{"from", HandoffCode(info.handoff)}, {"to", HandoffCode(to)}}.dump()};
        auto rec = audit_.AppendIn(c, e);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        info.handoff = to;
        if (to == HandoffState::kActive) info.officer = actor.username;
        return info;
    });
    for (const auto& r : records) audit_.Announce(r);
    if (out) {
        if (auto it = stripe.live.find(id); it != stripe.live.end()) it->second.state.handoff = to;
        bus_.Publish(std::string(kTopic), Json{{"type", to == HandoffState::kActive ? "claimed" : "closed"},
                                               {"conversation_id", id},
                                               {"officer", out->officer}});
    }
    return out;
}

Result<ConversationInfo> AssistantService::Claim(const std::string& id, const auth::Actor& actor) {
    return ChangeHandoff(id, HandoffState::kActive, actor, "assistant.handoff.claim");
}

Result<ConversationInfo> AssistantService::Close(const std::string& id, const auth::Actor& actor) {
    return ChangeHandoff(id, HandoffState::kClosed, actor, "assistant.handoff.close");
}

Result<StoredMessage> AssistantService::OfficerReply(const std::string& id, const std::string& text,
                                                     const auth::Actor& actor) {
    if (!ValidId(id)) return Fail(NoConversation());
    Stripe& stripe = StripeFor(id);
    std::lock_guard lock(stripe.mutex);
    if (auto f = Flush(); !f) return Fail(f.error());
    std::vector<auth::AuditRecord> records;
    auto out = db_.Transact([&](Connection& c) -> Result<StoredMessage> {
        auto rows = c.Query("SELECT handoff, officer, last_seq FROM assistant_conversations WHERE id = ?", {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(NoConversation());
        const Row& r = rows->front();
        if (r.Text(0) != "active" || r.Text(1) != actor.username) {
            return Fail(ErrorCode::kConflict, "conversation: claim it before replying");
        }
        StoredMessage m{r.Int(2) + 1, clock_.Now(), "officer", text, ""};
        if (static_cast<std::size_t>(m.seq) > settings_.max_messages_per_conversation + 100) {
            return Fail(ErrorCode::kTooLarge, "conversation: too many messages");
        }
        const auto now = ToUnixMillis(m.at);
        auto ins = c.Execute(
            "INSERT INTO assistant_messages (conversation_id, seq, at_ms, author, text) VALUES (?,?,?,?,?)",
            {id, m.seq, now, "officer", text});
        if (!ins) return Fail(ins.error());
        auto up = c.Execute("UPDATE assistant_conversations SET last_seq = ?, updated_ms = ? WHERE id = ?",
                            {m.seq, now, id});
        if (!up) return Fail(up.error());
        auth::AuditEntry e{actor.username, actor.role, "assistant.reply", "conversation:" + id, "", actor.source_ip,
                           actor.request_id, Json{{"seq", m.seq}, {"bytes", text.size()}}.dump()};
        auto rec = audit_.AppendIn(c, e);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        return m;
    });
    for (const auto& r : records) audit_.Announce(r);
    if (out) {
        if (auto it = stripe.live.find(id); it != stripe.live.end()) it->second.last_seq = out->seq;
        bus_.Publish(std::string(kTopic), Json{{"type", "reply"}, {"conversation_id", id}, {"seq", out->seq}});
    }
    return out;
}

Result<std::vector<Unanswered>> AssistantService::ListUnanswered(int limit, bool include_resolved) {
    if (auto f = Flush(); !f) return Fail(f.error());
    auto rows = db_.Query(fmt::format("SELECT id, text, count, first_ms, last_ms, best_id, confidence, resolved FROM "
                                      "assistant_unanswered {} ORDER BY resolved, count DESC, last_ms DESC LIMIT ?",
                                      include_resolved ? "" : "WHERE resolved = 0"),
                          {limit});
    if (!rows) return Fail(rows.error());
    std::vector<Unanswered> out;
    for (const Row& r : *rows) {
        out.push_back({r.Int(0), r.Text(1), static_cast<int>(r.Int(2)), FromUnixMillis(r.Int(3)),
                       FromUnixMillis(r.Int(4)), r.Text(5), r.Real(6), r.Int(7) != 0});
    }
    return out;
}

Status AssistantService::ResolveUnanswered(std::int64_t id, const auth::Actor& actor) {
    std::vector<auth::AuditRecord> records;
    auto s = db_.Transact([&](Connection& c) -> Status {
        auto n = c.Execute("UPDATE assistant_unanswered SET resolved = 1 WHERE id = ?", {id});
        if (!n) return Fail(n.error());
        if (*n == 0) return Fail(ErrorCode::kNotFound, "unanswered question not found");
        auth::AuditEntry e{actor.username, actor.role, "assistant.unanswered.resolve", fmt::format("unanswered:{}", id),
                           "", actor.source_ip, actor.request_id, "{}"};
        auto rec = audit_.AppendIn(c, e);
        if (!rec) return Fail(rec.error());
        records.push_back(*rec);
        return Ok();
    });
    for (const auto& r : records) audit_.Announce(r);
    return s;
}

Result<std::int64_t> AssistantService::Purge() {
    if (auto f = Flush(); !f) return Fail(f.error());
    const TimePoint now = clock_.Now();
    const auto before = ToUnixMillis(now - settings_.retention);
    // Conversations idle for an hour leave memory; they are read back if the citizen writes again.
    for (Stripe& stripe : stripes_) {
        std::lock_guard lock(stripe.mutex);
        std::erase_if(stripe.live, [&](const auto& kv) {
            return kv.second.pending == 0 && now - kv.second.updated > std::chrono::hours(1);
        });
    }
    return db_.Transact([&](Connection& c) -> Result<std::int64_t> {
        auto m = c.Execute(
            "DELETE FROM assistant_messages WHERE conversation_id IN (SELECT id FROM assistant_conversations WHERE "
            "updated_ms < ?)",
            {before});
        if (!m) return Fail(m.error());
        return c.Execute("DELETE FROM assistant_conversations WHERE updated_ms < ?", {before});
    });
}

}  // namespace precinct::assistant
