// Knowledge-base loader: toml++ with source positions, so every error names its file and line.
#include "kb.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "text/normalize.hpp"

namespace precinct::assistant {
namespace {

struct Ctx {
    const std::string& file;
    std::vector<std::string>& errors;
    void Error(const toml::node& at, const std::string& message) const {
        errors.push_back(fmt::format("{}:{}: {}", file, at.source().begin.line, message));
    }
};

bool ValidId(std::string_view id) {
    if (id.empty() || id.size() > 64 || id.find('.') == std::string_view::npos) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    });
}

// Reads a required (or optional) string; NFC-normalizes it; refuses empty strings when required.
bool GetString(const Ctx& ctx, const toml::table& t, std::string_view key, std::string& out, bool required,
               std::size_t max_bytes = 4000) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        if (required) ctx.Error(t, fmt::format("{}: is required", key));
        return !required;
    }
    const auto* s = n->as_string();
    if (s == nullptr) {
        ctx.Error(*n, fmt::format("{}: must be a string", key));
        return false;
    }
    out = text::Nfc(s->get());
    if (required && out.find_first_not_of(" \t\n") == std::string::npos) {
        ctx.Error(*n, fmt::format("{}: must not be empty", key));
        return false;
    }
    if (out.size() > max_bytes) {
        ctx.Error(*n, fmt::format("{}: longer than {} bytes", key, max_bytes));
        return false;
    }
    return true;
}

bool GetStrings(const Ctx& ctx, const toml::table& t, std::string_view key, std::vector<std::string>& out,
                bool required, std::size_t min_items) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
        if (required) ctx.Error(t, fmt::format("{}: is required", key));
        return !required;
    }
    const auto* a = n->as_array();
    if (a == nullptr) {
        ctx.Error(*n, fmt::format("{}: must be an array of strings", key));
        return false;
    }
    bool ok = true;
    for (const toml::node& item : *a) {
        const auto* s = item.as_string();
        if (s == nullptr || s->get().find_first_not_of(" \t\n") == std::string::npos) {
            ctx.Error(item, fmt::format("{}: every item must be a non-empty string", key));
            ok = false;
            continue;
        }
        out.push_back(text::Nfc(s->get()));
    }
    if (ok && out.size() < min_items) {
        ctx.Error(*n, fmt::format("{}: needs at least {} item{}", key, min_items, min_items == 1 ? "" : "s"));
        ok = false;
    }
    return ok;
}

void CheckKeys(const Ctx& ctx, const toml::table& t, const std::set<std::string, std::less<>>& known,
               std::string_view what) {
    for (const auto& [k, v] : t) {
        if (!known.contains(k.str())) ctx.Error(v, fmt::format("{}: unknown key in {}", k.str(), what));
    }
}

void ParseLegal(const Ctx& ctx, const toml::table& t, Entry& e, bool required) {
    const toml::node* n = t.get("legal");
    if (n == nullptr) {
        if (required) ctx.Error(t, "legal: at least one [[procedures.legal]] table is required");
        return;
    }
    const auto* arr = n->as_array();
    if (arr == nullptr || (required && arr->empty())) {
        ctx.Error(*n, "legal: must be an array of tables ([[...legal]]) with at least one");
        return;
    }
    static const std::set<std::string, std::less<>> kKnown{"instrument", "instrument_en", "article", "article_en",
                                                            "unconfirmed"};
    for (const toml::node& item : *arr) {
        const auto* lt = item.as_table();
        if (lt == nullptr) {
            ctx.Error(item, "legal: every item must be a table");
            continue;
        }
        CheckKeys(ctx, *lt, kKnown, "legal");
        LegalRef ref;
        GetString(ctx, *lt, "instrument", ref.instrument, true, 300);
        GetString(ctx, *lt, "instrument_en", ref.instrument_en, true, 300);
        GetString(ctx, *lt, "article", ref.article, false, 200);
        GetString(ctx, *lt, "article_en", ref.article_en, !ref.article.empty(), 200);
        if (const toml::node* u = lt->get("unconfirmed")) {
            if (const auto* b = u->as_boolean()) ref.unconfirmed = b->get();
            else ctx.Error(*u, "unconfirmed: must be true or false");
        }
        e.legal.push_back(std::move(ref));
    }
}

void ParseChecked(const Ctx& ctx, const toml::table& t, Entry& e) {
    const toml::node* n = t.get("checked");
    if (n == nullptr) {
        ctx.Error(t, "checked: the date the facts were last checked is required (checked = 2026-11-20)");
        return;
    }
    const auto* d = n->as_date();
    if (d == nullptr) {
        ctx.Error(*n, "checked: must be a TOML date such as 2026-11-20");
        return;
    }
    const toml::date v = d->get();
    e.checked = fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
}

void ParseCommon(const Ctx& ctx, const toml::table& t, Entry& e) {
    if (GetString(ctx, t, "id", e.id, true, 64) && !ValidId(e.id)) {
        ctx.Error(*t.get("id"), "id: lower-case a-z, 0-9, '.' and '-', with a group prefix such as \"residence.\"");
    }
    GetString(ctx, t, "title_vi", e.title_vi, true, 300);
    GetString(ctx, t, "title_en", e.title_en, true, 300);
    GetStrings(ctx, t, "aliases", e.aliases, true, 2);
    GetStrings(ctx, t, "questions", e.questions, true, 2);
    ParseChecked(ctx, t, e);
}

void ParseProcedure(const Ctx& ctx, const toml::table& t, Entry& e) {
    static const std::set<std::string, std::less<>> kKnown{
        "id",           "title_vi",     "title_en", "aliases",  "questions", "summary_vi", "summary_en",
        "who_vi",       "who_en",       "where_vi", "where_en", "time_vi",   "time_en",    "fee_vi",
        "fee_en",       "documents_vi", "documents_en", "steps_vi", "steps_en", "channels", "online",
        "unconfirmed",  "checked",      "legal"};
    CheckKeys(ctx, t, kKnown, "a procedure");
    ParseCommon(ctx, t, e);
    GetString(ctx, t, "summary_vi", e.summary_vi, true);
    GetString(ctx, t, "summary_en", e.summary_en, true);
    GetString(ctx, t, "who_vi", e.who_vi, true);
    GetString(ctx, t, "who_en", e.who_en, true);
    GetString(ctx, t, "where_vi", e.where_vi, true);
    GetString(ctx, t, "where_en", e.where_en, true);
    GetString(ctx, t, "time_vi", e.time_vi, true);
    GetString(ctx, t, "time_en", e.time_en, true);
    GetString(ctx, t, "fee_vi", e.fee_vi, true);
    GetString(ctx, t, "fee_en", e.fee_en, true);
    GetStrings(ctx, t, "documents_vi", e.documents_vi, true, 0);
    GetStrings(ctx, t, "documents_en", e.documents_en, true, 0);
    if (e.documents_vi.size() != e.documents_en.size()) {
        ctx.Error(t, "documents_vi and documents_en must have the same number of items");
    }
    GetStrings(ctx, t, "steps_vi", e.steps_vi, true, 1);
    GetStrings(ctx, t, "steps_en", e.steps_en, true, 1);
    if (e.steps_vi.size() != e.steps_en.size()) ctx.Error(t, "steps_vi and steps_en must have the same number of items");
    if (GetStrings(ctx, t, "channels", e.channels, true, 1)) {
        static const std::set<std::string, std::less<>> kChannels{"in_person", "national_portal", "mps_portal",
                                                                   "vneid",     "post",            "phone"};
        for (const std::string& c : e.channels) {
            if (!kChannels.contains(c)) {
                ctx.Error(*t.get("channels"), fmt::format("channels: unknown channel \"{}\" (in_person, "
                                                          "national_portal, mps_portal, vneid, post, phone)",
                                                          c));
            }
        }
    }
    std::string online;
    if (GetString(ctx, t, "online", online, true, 10)) {
        if (online == "full") e.online = Online::kFull;
        else if (online == "partial") e.online = Online::kPartial;
        else if (online == "no") e.online = Online::kNo;
        else ctx.Error(*t.get("online"), "online: full, partial or no");
    }
    std::vector<std::string> unconfirmed;
    if (GetStrings(ctx, t, "unconfirmed", unconfirmed, false, 0)) {
        for (const std::string& f : unconfirmed) {
            if (auto facet = ParseKbFacet(f)) e.unconfirmed.push_back(*facet);
            else ctx.Error(*t.get("unconfirmed"), fmt::format("unconfirmed: unknown facet \"{}\"", f));
        }
    }
    ParseLegal(ctx, t, e, true);
    // A fact marked unconfirmed in the text (⚠) must be listed, and the other way round for the fee and time.
    const auto warned = [](const std::string& s) { return s.find("⚠") != std::string::npos; };
    if (warned(e.fee_vi) && !e.IsUnconfirmed(Facet::kFee)) {
        ctx.Error(t, "fee_vi carries ⚠ but \"fee\" is not in unconfirmed");
    }
    if (warned(e.time_vi) && !e.IsUnconfirmed(Facet::kTime)) {
        ctx.Error(t, "time_vi carries ⚠ but \"time\" is not in unconfirmed");
    }
}

void ParseFaq(const Ctx& ctx, const toml::table& t, Entry& e) {
    static const std::set<std::string, std::less<>> kKnown{"id",        "title_vi",  "title_en",    "aliases",
                                                            "questions", "answer_vi", "answer_en",   "unconfirmed",
                                                            "checked",   "legal"};
    CheckKeys(ctx, t, kKnown, "a common question");
    e.faq = true;
    ParseCommon(ctx, t, e);
    GetString(ctx, t, "answer_vi", e.answer_vi, true);
    GetString(ctx, t, "answer_en", e.answer_en, true);
    if (const toml::node* u = t.get("unconfirmed")) {
        if (const auto* b = u->as_boolean()) e.answer_unconfirmed = b->get();
        else ctx.Error(*u, "unconfirmed: must be true or false for a common question");
    }
    ParseLegal(ctx, t, e, false);
}

}  // namespace

std::string_view FacetCode(Facet f) {
    switch (f) {
        case Facet::kFee: return "fee";
        case Facet::kTime: return "time";
        case Facet::kDocuments: return "documents";
        case Facet::kWhere: return "where";
        case Facet::kOnline: return "online";
        case Facet::kEligibility: return "eligibility";
        case Facet::kSteps: return "steps";
        case Facet::kLegal: return "legal";
    }
    return "";
}

std::optional<Facet> ParseKbFacet(std::string_view s) {
    if (s == "who") return Facet::kEligibility;
    for (Facet f : kAllFacets) {
        if (FacetCode(f) == s && f != Facet::kEligibility) return f;
    }
    return std::nullopt;
}

bool Entry::IsUnconfirmed(Facet f) const {
    if (faq) return answer_unconfirmed;
    return std::find(unconfirmed.begin(), unconfirmed.end(), f) != unconfirmed.end();
}

const Entry* KnowledgeBase::Find(std::string_view id) const {
    for (const Entry& e : entries_) {
        if (e.id == id) return &e;
    }
    return nullptr;
}

std::size_t KnowledgeBase::procedures() const {
    return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return !e.faq; }));
}

void KnowledgeBase::ParseInto(KnowledgeBase& kb, const std::string& text, const std::string& file,
                              std::vector<std::string>& errors) {
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        errors.push_back(fmt::format("{}:{}: {}", file, e.source().begin.line, e.description()));
        return;
    }
    const Ctx ctx{file, errors};
    for (const auto& [key, value] : root) {
        if (key.str() != "procedures" && key.str() != "faq") {
            ctx.Error(value, fmt::format("{}: unknown top-level key (use [[procedures]] or [[faq]])", key.str()));
        }
    }
    for (const char* kind : {"procedures", "faq"}) {
        const toml::node* n = root.get(kind);
        if (n == nullptr) continue;
        const auto* arr = n->as_array();
        if (arr == nullptr) {
            ctx.Error(*n, fmt::format("{}: must be an array of tables ([[{}]])", kind, kind));
            continue;
        }
        for (const toml::node& item : *arr) {
            const auto* t = item.as_table();
            if (t == nullptr) {
                ctx.Error(item, fmt::format("{}: every item must be a table", kind));
                continue;
            }
            Entry e;
            e.file = file;
            e.line = static_cast<int>(t->source().begin.line);
            const std::size_t before = errors.size();
            if (std::string_view(kind) == "procedures") ParseProcedure(ctx, *t, e);
            else ParseFaq(ctx, *t, e);
            if (errors.size() == before) {
                if (const Entry* prior = kb.Find(e.id)) {
                    ctx.Error(*t, fmt::format("id \"{}\" is already used at {}:{}", e.id, prior->file, prior->line));
                } else {
                    kb.entries_.push_back(std::move(e));
                }
            }
        }
    }
}

Result<KnowledgeBase> KnowledgeBase::LoadDirectory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec)) {
        if (f.is_regular_file() && f.path().extension() == ".toml") files.push_back(f.path());
    }
    if (ec) return Fail(ErrorCode::kNotFound, fmt::format("cannot read the knowledge base {}: {}", dir.string(), ec.message()));
    std::sort(files.begin(), files.end());
    KnowledgeBase kb;
    std::vector<std::string> errors;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in && !in.eof()) {
            errors.push_back(fmt::format("{}: cannot be read", path.filename().string()));
            continue;
        }
        ParseInto(kb, text.str(), path.filename().string(), errors);
    }
    if (errors.empty() && kb.entries_.empty()) {
        errors.push_back(fmt::format("{}: no [[procedures]] or [[faq]] entries in any *.toml file", dir.string()));
    }
    if (!errors.empty()) {
        std::string message = fmt::format("knowledge base {}: {} error{}", dir.string(), errors.size(),
                                          errors.size() == 1 ? "" : "s");
        for (std::size_t i = 0; i < errors.size() && i < 50; ++i) message += "\n  " + errors[i];
        if (errors.size() > 50) message += fmt::format("\n  … and {} more", errors.size() - 50);
        return Fail(ErrorCode::kInvalidArgument, message);
    }
    return kb;
}

}  // namespace precinct::assistant
