// The conversation rules.
#include "dialog.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "text/fold.hpp"

namespace precinct::assistant {
namespace {

bool En(Lang l) { return l == Lang::kEn; }

// Entries after which the citizen is offered to file a report right here.
bool ReportRelated(const std::string& id) {
    return id == "justice.lost-property" || id == "justice.crime-report" || id == "general.report-scam";
}

std::string Trimmed(std::string_view s, std::size_t max_bytes) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(text::TruncateUtf8(s.substr(b, e - b + 1), max_bytes));
}

Json NullJson() { return Json(nullptr); }

}  // namespace

std::string_view ReportStageCode(ReportStage s) {
    switch (s) {
        case ReportStage::kWhat: return "what";
        case ReportStage::kCategory: return "category";
        case ReportStage::kWhere: return "where";
        case ReportStage::kWhen: return "when";
        case ReportStage::kContact: return "contact";
        case ReportStage::kConfirm: return "confirm";
    }
    return "";
}

std::string_view HandoffCode(HandoffState s) {
    switch (s) {
        case HandoffState::kNone: return "none";
        case HandoffState::kWaiting: return "waiting";
        case HandoffState::kActive: return "active";
        case HandoffState::kClosed: return "closed";
    }
    return "";
}

std::optional<HandoffState> ParseHandoff(std::string_view s) {
    for (auto h : {HandoffState::kNone, HandoffState::kWaiting, HandoffState::kActive, HandoffState::kClosed}) {
        if (HandoffCode(h) == s) return h;
    }
    return std::nullopt;
}

Json ConversationState::ToJson() const {
    Json j{{"lang", LangCode(lang)},      {"topic", topic},     {"topic_confidence", topic_confidence},
           {"choices", choices},          {"unsure", unsure_turns}, {"handoff", HandoffCode(handoff)},
           {"turns", turns}};
    if (report) {
        j["report"] = Json{{"stage", ReportStageCode(report->stage)}, {"category", report->category},
                           {"what", report->what}, {"where", report->where}, {"when", report->when},
                           {"phone", report->phone}, {"anonymous", report->anonymous}};
    }
    if (emergency_incident) j["emergency_incident"] = *emergency_incident;
    if (!emergency_line.empty()) j["emergency_line"] = emergency_line;
    return j;
}

ConversationState ConversationState::FromJson(const Json& j) {
    ConversationState s;
    if (!j.is_object()) return s;
    s.lang = j.value("lang", "vi") == "en" ? Lang::kEn : Lang::kVi;
    s.topic = j.value("topic", "");
    s.topic_confidence = j.value("topic_confidence", 0.0);
    if (j.contains("choices") && j["choices"].is_array()) {
        for (const auto& c : j["choices"]) {
            if (c.is_string()) s.choices.push_back(c.get<std::string>());
        }
    }
    s.unsure_turns = j.value("unsure", 0);
    s.handoff = ParseHandoff(j.value("handoff", "none")).value_or(HandoffState::kNone);
    s.turns = j.value("turns", 0);
    if (j.contains("report") && j["report"].is_object()) {
        const Json& r = j["report"];
        ReportDraft d;
        const std::string stage = r.value("stage", "what");
        for (auto st : {ReportStage::kWhat, ReportStage::kCategory, ReportStage::kWhere, ReportStage::kWhen,
                        ReportStage::kContact, ReportStage::kConfirm}) {
            if (ReportStageCode(st) == stage) d.stage = st;
        }
        d.category = r.value("category", "");
        d.what = r.value("what", "");
        d.where = r.value("where", "");
        d.when = r.value("when", "");
        d.phone = r.value("phone", "");
        d.anonymous = r.value("anonymous", false);
        s.report = d;
    }
    if (j.contains("emergency_incident") && j["emergency_incident"].is_number_integer()) {
        s.emergency_incident = j["emergency_incident"].get<std::int64_t>();
    }
    s.emergency_line = j.value("emergency_line", "");
    return s;
}

Dialog::Dialog(const KnowledgeBase& kb, const Retriever& retriever, const Understander& understander,
               std::vector<reports::IntakeCategory> categories, Thresholds thresholds)
    : kb_(&kb),
      retriever_(&retriever),
      understander_(&understander),
      categories_(std::move(categories)),
      thresholds_(thresholds) {
    const text::Analyzer& an = understander.analyzer();
    for (const auto& c : categories_) {
        const auto names = an.Terms(c.name_vi + " " + c.name_en);
        const auto keywords = an.Terms(c.keywords);
        category_index_.Add({{&names, 2.0}, {&keywords, 1.0}});
    }
}

const reports::IntakeCategory* Dialog::Category(const std::string& code) const {
    for (const auto& c : categories_) {
        if (c.code == code) return &c;
    }
    return nullptr;
}

std::string Dialog::ClassifyReport(const Understanding& u) const {
    const auto hits = category_index_.Search(u.terms, 2);
    if (hits.empty() || hits[0].score < 1.0) return {};
    return categories_[hits[0].doc].code;
}

Turn Dialog::Answer(ConversationState& state, const Entry& e, const Understanding& u, double confidence,
                    bool brief) const {
    Turn t;
    t.kind = "answer";
    t.entry = &e;
    t.facets = u.facets;
    t.confidence = confidence;
    Composed c = ComposeAnswer(e, u.facets, state.lang, brief);
    t.reply = std::move(c.text);
    t.citations = std::move(c.citations);
    t.unconfirmed = std::move(c.unconfirmed);
    t.suggestions = std::move(c.suggestions);
    if (ReportRelated(e.id)) {
        t.suggestions.insert(t.suggestions.begin(), En(state.lang) ? "Report it here now" : "Trình báo ngay tại đây");
    }
    state.topic = e.id;
    state.topic_confidence = confidence;
    state.choices.clear();
    state.unsure_turns = 0;
    return t;
}

Turn Dialog::Clarify(ConversationState& state, const Retrieval& r, Lang lang) const {
    Turn t;
    t.kind = "clarify";
    t.confidence = r.confidence;
    t.unanswered = true;
    if (!r.candidates.empty()) t.best_guess = r.candidates.front();
    state.choices.clear();
    std::string text = En(lang) ? "I am not sure which procedure you mean. Is it one of these?"
                                : "Tôi chưa chắc bạn hỏi về thủ tục nào. Có phải một trong các thủ tục sau?";
    for (const Candidate& c : r.candidates) {
        if (state.choices.size() == 3) break;
        state.choices.push_back(c.entry->id);
        text += fmt::format("\n{}. {}", state.choices.size(), c.entry->Title(En(lang)));
        t.suggestions.push_back(c.entry->Title(En(lang)));
    }
    text += En(lang) ? "\nReply with the number or the name, or ask again in other words."
                     : "\nHãy trả lời bằng số thứ tự hoặc tên thủ tục, hoặc hỏi lại bằng cách khác.";
    t.suggestions.push_back(En(lang) ? "Talk to an officer" : "Gặp cán bộ");
    t.reply = std::move(text);
    ++state.unsure_turns;
    return t;
}

Turn Dialog::Handoff(ConversationState& state, Lang lang, const std::string& reason) const {
    Turn t;
    t.kind = "handoff";
    t.handoff = true;
    t.handoff_reason = reason;
    if (state.handoff != HandoffState::kActive) state.handoff = HandoffState::kWaiting;
    state.choices.clear();
    state.unsure_turns = 0;
    t.reply = En(lang)
                  ? "I do not know the answer to this, and I will not guess. I have passed your question to a police "
                    "officer, who will reply here during working hours (Mon–Fri and Saturday morning). If it is an "
                    "emergency, call 113 (police), 114 (fire and rescue) or 115 (ambulance)."
                  : "Tôi chưa có câu trả lời chắc chắn cho câu hỏi này nên sẽ không đoán. Tôi đã chuyển câu hỏi tới "
                    "cán bộ công an; cán bộ sẽ trả lời tại đây trong giờ làm việc (thứ Hai – thứ Sáu và sáng thứ "
                    "Bảy). Nếu khẩn cấp, hãy gọi 113 (công an), 114 (cứu hỏa, cứu nạn) hoặc 115 (cấp cứu).";
    return t;
}

Turn Dialog::EmergencyTurn(ConversationState& state, const Emergency& e, std::string_view text, Lang lang,
                           Actions& actions, const std::string& ref) const {
    Turn t;
    t.kind = "emergency";
    bool raised = false;
    if (!e.category.empty()) {
        auto incident = actions.RaiseEmergency(e, Trimmed(text, 2000), ref);
        if (incident && *incident) {
            raised = true;
            state.emergency_incident = **incident;
            state.emergency_line = e.line;
        }
    }
    t.emergency = Json{{"line", e.line}, {"incident_raised", raised}};
    const std::string& line = e.line;
    if (line == "115") {
        t.reply = En(lang) ? "This sounds like a medical emergency. Call 115 (ambulance) now. If there is also a "
                             "crime or a fire, call 113 or 114."
                           : "Đây có thể là tình huống cấp cứu y tế. Hãy gọi ngay 115 (cấp cứu). Nếu có cả tội phạm "
                             "hoặc cháy, hãy gọi 113 hoặc 114.";
        return t;
    }
    const std::string what_vi = line == "114" ? "114 (cứu hỏa, cứu nạn cứu hộ)" : "113 (công an)";
    const std::string what_en = line == "114" ? "114 (fire and rescue)" : "113 (police)";
    if (En(lang)) {
        t.reply = "EMERGENCY: call " + what_en + " now — a call is the fastest way to get help. ";
        t.reply += raised ? "I have also passed your message to the 113/114 command centre. Where are you exactly "
                            "(address, landmark)? Send it here and I will add it."
                          : "I could not pass your message to the command centre, so please call.";
    } else {
        t.reply = "KHẨN CẤP: hãy gọi ngay " + what_vi + " — gọi điện là cách nhanh nhất để được giúp. ";
        t.reply += raised ? "Tôi cũng đã chuyển tin nhắn của bạn tới trung tâm chỉ huy 113/114. Bạn đang ở đâu "
                            "(địa chỉ, điểm mốc)? Hãy gửi vào đây, tôi sẽ bổ sung ngay."
                          : "Tôi chưa chuyển được tin tới trung tâm chỉ huy, vì vậy hãy gọi điện ngay.";
    }
    t.suggestions = {En(lang) ? "Call " + line : "Gọi " + line};
    return t;
}

Turn Dialog::ReportTurn(ConversationState& state, const Understanding& u, std::string_view text, Actions& actions,
                        const std::string& ref) const {
    const Lang lang = state.lang;
    ReportDraft& d = *state.report;
    Turn t;
    t.kind = "report";
    const std::string said = Trimmed(text, 2000);
    const auto cancel = [&] {
        state.report.reset();
        t.reply = En(lang) ? "All right, I have not filed anything. What else can I help with?"
                           : "Vâng, tôi không gửi trình báo. Tôi có thể giúp gì khác?";
        t.report = Json{{"stage", "cancelled"}, {"category", nullptr}};
        return t;
    };
    if (u.cancel) return cancel();

    // Take the answer to the question asked last.
    switch (d.stage) {
        case ReportStage::kWhat:
            if (said.size() >= 10) {
                d.what = said;
                if (d.category.empty()) d.category = ClassifyReport(u);
            }
            break;
        case ReportStage::kCategory: {
            const std::string folded = text::FoldVietnamese(said);
            for (std::size_t i = 0; i < categories_.size(); ++i) {
                if (folded == std::to_string(i + 1) || folded == text::FoldVietnamese(categories_[i].name_vi) ||
                    folded == text::FoldVietnamese(categories_[i].name_en)) {
                    d.category = categories_[i].code;
                }
            }
            if (d.category.empty()) d.category = ClassifyReport(u);
            break;
        }
        case ReportStage::kWhere:
            if (said.size() >= 3) d.where = said;
            break;
        case ReportStage::kWhen:
            if (!said.empty()) d.when = said;
            break;
        case ReportStage::kContact: {
            const auto* cat = Category(d.category);
            if (std::string phone = FindPhoneNumber(said); !phone.empty()) {
                d.phone = phone;
                d.anonymous = false;
            } else if (u.anonymous && cat != nullptr && cat->anonymous_allowed) {
                d.anonymous = true;
            } else if (const std::string f = " " + text::FoldVietnamese(said) + " ";
                       u.no || u.anonymous || f.find(" khong ") != std::string::npos ||
                       f.find(" no ") != std::string::npos) {
                d.phone.clear();  // no phone: a secret will be given
                d.anonymous = false;
            } else {
                t.reply = En(lang) ? "Please send a Vietnamese phone number (10 digits, e.g. 0912 345 678), or say "
                                     "\"no\" to get a secret code for looking the report up instead."
                                   : "Hãy gửi số điện thoại (10 số, ví dụ 0912 345 678), hoặc trả lời \"không\" để "
                                     "nhận mã bí mật dùng tra cứu trình báo.";
                t.report = Json{{"stage", "contact"}, {"category", nullptr}};
                return t;
            }
            d.stage = ReportStage::kConfirm;
            break;
        }
        case ReportStage::kConfirm:
            if (u.yes) {
                reports::CitizenReport r;
                r.category = d.category;
                r.description = d.what;
                if (!d.when.empty() && d.when != "-") {
                    r.description += En(lang) ? "\nWhen: " + d.when : "\nThời gian: " + d.when;
                }
                r.description += En(lang) ? "\n(Filed through the online assistant.)"
                                          : "\n(Trình báo qua trợ lý trực tuyến.)";
                r.address = d.where;
                r.anonymous = d.anonymous;
                r.phone = d.phone;
                std::string secret;
                if (d.phone.empty()) {
                    secret = actions.NewSecret();
                    r.secret = secret;
                }
                r.language = std::string(LangCode(lang));
                r.channel = "assistant";
                r.reference = ref;
                auto receipt = actions.FileReport(r);
                if (!receipt) {
                    // Keep the draft so that nothing the citizen said is lost; an officer takes over.
                    Turn h = Handoff(state, lang, "report_failed");
                    h.reply = (En(lang) ? "I could not file the report (" : "Tôi chưa gửi được trình báo (") +
                              receipt.error().message + "). " + h.reply;
                    h.report = Json{{"stage", "confirm"}, {"category", d.category}};
                    return h;
                }
                state.report.reset();
                t.report = Json{{"stage", "filed"},
                                {"category", Json{{"code", r.category},
                                                  {"name", En(lang) ? receipt->category_name_en
                                                                    : receipt->category_name_vi}}},
                                {"tracking_code", receipt->code}};
                if (!secret.empty()) t.report["secret"] = secret;
                if (En(lang)) {
                    t.reply = "Your report has been filed. Tracking code: " + receipt->code + ". ";
                    t.reply += receipt->lookup_by_phone
                                   ? "Look it up with the code and the last 4 digits of your phone number."
                                   : "Look it up with the code and the secret " + secret + " — keep both.";
                    t.reply += " The police will handle it by the legal deadline; you can follow it on the "
                               "\"Look up a report\" page.";
                } else {
                    t.reply = "Đã gửi trình báo. Mã tra cứu: " + receipt->code + ". ";
                    t.reply += receipt->lookup_by_phone
                                   ? "Tra cứu bằng mã này và 4 số cuối số điện thoại của bạn."
                                   : "Tra cứu bằng mã này và mã bí mật " + secret + " — hãy lưu lại cả hai.";
                    t.reply += " Cơ quan công an sẽ xử lý trong thời hạn luật định; bạn theo dõi tại trang "
                               "\"Tra cứu trình báo\".";
                }
                return t;
            }
            if (u.no) return cancel();
            break;
    }

    // Ask for what is still missing.
    const auto* cat = Category(d.category);
    if (d.what.empty()) {
        d.stage = ReportStage::kWhat;
        t.reply = En(lang) ? "I will take your report. What happened? Describe it in a few sentences (what, who, "
                             "what was lost or done)."
                           : "Tôi sẽ ghi nhận trình báo của bạn. Sự việc là gì? Hãy mô tả vài câu (việc gì, ai, "
                             "mất gì hoặc bị làm gì).";
    } else if (cat == nullptr) {
        d.stage = ReportStage::kCategory;
        t.reply = En(lang) ? "Which kind of report is it?" : "Trình báo này thuộc loại nào?";
        for (std::size_t i = 0; i < categories_.size(); ++i) {
            t.reply += fmt::format("\n{}. {}", i + 1, En(lang) ? categories_[i].name_en : categories_[i].name_vi);
            t.suggestions.push_back(En(lang) ? categories_[i].name_en : categories_[i].name_vi);
        }
    } else if (d.where.empty()) {
        d.stage = ReportStage::kWhere;
        t.reply = En(lang) ? "Where did it happen? Give the address (house number, street, ward) or a landmark."
                           : "Sự việc xảy ra ở đâu? Hãy cho biết địa chỉ (số nhà, đường, phường/xã) hoặc điểm mốc.";
    } else if (d.when.empty()) {
        d.stage = ReportStage::kWhen;
        t.reply = En(lang) ? "When did it happen (date and approximate time)?"
                           : "Sự việc xảy ra khi nào (ngày, giờ khoảng chừng)?";
        t.suggestions = {En(lang) ? "Today" : "Hôm nay", En(lang) ? "Yesterday" : "Hôm qua",
                         En(lang) ? "I don't know" : "Không rõ"};
    } else if (d.stage != ReportStage::kConfirm) {
        d.stage = ReportStage::kContact;
        t.reply = En(lang) ? "What phone number can the police reach you on? (It is used only for this report.)"
                           : "Số điện thoại để cơ quan công an liên hệ với bạn? (Chỉ dùng cho trình báo này.)";
        if (cat->anonymous_allowed) {
            t.reply += En(lang) ? " This kind of report may also be anonymous: say \"anonymous\"."
                                : " Loại tin này có thể gửi ẩn danh: trả lời \"ẩn danh\".";
            t.suggestions.push_back(En(lang) ? "Anonymous" : "Ẩn danh");
        }
        t.suggestions.push_back(En(lang) ? "No phone" : "Không có số điện thoại");
    } else {
        t.reply = En(lang) ? "Please check your report:" : "Hãy kiểm tra lại trình báo:";
        t.reply += fmt::format("\n• {}: {}", En(lang) ? "Kind" : "Loại", En(lang) ? cat->name_en : cat->name_vi);
        t.reply += fmt::format("\n• {}: {}", En(lang) ? "What happened" : "Sự việc", d.what);
        t.reply += fmt::format("\n• {}: {}", En(lang) ? "Where" : "Địa điểm", d.where);
        t.reply += fmt::format("\n• {}: {}", En(lang) ? "When" : "Thời gian", d.when == "-" ? "?" : d.when);
        t.reply += fmt::format("\n• {}: {}", En(lang) ? "Contact" : "Liên hệ",
                               d.anonymous ? (En(lang) ? "anonymous" : "ẩn danh")
                                           : (d.phone.empty() ? (En(lang) ? "secret code" : "mã bí mật") : d.phone));
        t.reply += En(lang) ? "\nSend it? (yes / no)" : "\nGửi trình báo này? (có / không)";
        t.suggestions = {En(lang) ? "Yes, send it" : "Có, gửi đi", En(lang) ? "No, cancel" : "Không, hủy"};
    }
    t.report = Json{{"stage", ReportStageCode(d.stage)},
                    {"category", cat ? Json{{"code", cat->code}, {"name", En(lang) ? cat->name_en : cat->name_vi}}
                                     : NullJson()}};
    return t;
}

Turn Dialog::Respond(ConversationState& state, std::string_view text, std::optional<Lang> lang_hint,
                     Actions& actions, const std::string& ref) const {
    const Understanding u = understander_->Understand(text);
    ++state.turns;
    if (lang_hint) state.lang = *lang_hint;
    else if (u.content_words > 0 || u.analysis.folded.size() >= 3 || state.turns == 1) state.lang = u.lang;
    const Lang lang = state.lang;

    // An emergency happening now comes before everything, even a report or an officer's conversation.
    if (u.emergency) return EmergencyTurn(state, *u.emergency, text, lang, actions, ref);
    if (state.emergency_incident) {
        const std::int64_t incident = *state.emergency_incident;
        state.emergency_incident.reset();
        Turn t;
        t.kind = "emergency";
        const bool ok = static_cast<bool>(actions.AddEmergencyNote(
            incident, (En(lang) ? "Citizen (chat) adds: " : "Người dân bổ sung qua trò chuyện: ") + Trimmed(text, 1000)));
        t.emergency = Json{{"line", state.emergency_line}, {"incident_raised", true}};
        t.reply = ok ? (En(lang) ? "Added to the incident. If you have not called " + state.emergency_line +
                                       " yet, call now."
                                 : "Đã bổ sung vào sự vụ. Nếu bạn chưa gọi " + state.emergency_line +
                                       ", hãy gọi ngay.")
                     : (En(lang) ? "I could not add this; please call " + state.emergency_line + "."
                                 : "Tôi chưa bổ sung được; hãy gọi " + state.emergency_line + ".");
        return t;
    }
    if (state.handoff == HandoffState::kActive) {
        Turn t;
        t.kind = "relayed";  // an officer has the conversation and answers
        return t;
    }
    if (state.report) return ReportTurn(state, u, text, actions, ref);
    if (u.wants_human) return Handoff(state, lang, "asked_for_human");

    // A choice among the candidates of a clarifying question.
    if (!state.choices.empty()) {
        const std::string folded = text::FoldVietnamese(text);
        for (std::size_t i = 0; i < state.choices.size(); ++i) {
            const Entry* e = kb_->Find(state.choices[i]);
            if (e == nullptr) continue;
            if (folded == std::to_string(i + 1) || folded == text::FoldVietnamese(e->title_vi) ||
                folded == text::FoldVietnamese(e->title_en)) {
                return Answer(state, *e, u, 1.0, false);
            }
        }
    }
    const bool offered_report = state.topic.size() > 0 && ReportRelated(state.topic);
    if ((u.wants_report && !u.question) ||
        (offered_report && (text::FoldVietnamese(text) == "trinh bao ngay tai day" ||
                            text::FoldVietnamese(text) == "report it here now"))) {
        state.report = ReportDraft{};
        const std::string said = Trimmed(text, 2000);
        // The first message often says what happened already.
        if (u.content_words >= 2 && said.size() >= 10 && text::FoldVietnamese(text) != "trinh bao ngay tai day" &&
            text::FoldVietnamese(text) != "report it here now") {
            state.report->what = said;
            state.report->category = ClassifyReport(u);
        } else if (state.topic == "general.report-scam") {
            state.report->category = "online_fraud";
        }
        state.report->stage = ReportStage::kWhat;
        // Re-enter with nothing to take: asks for what is missing.
        return ReportTurn(state, understander_->Understand(""), "", actions, ref);
    }
    if (u.content_words == 0 && u.facets.empty()) {
        if (u.greeting || u.thanks) {
            Turn t;
            t.kind = u.greeting ? "greeting" : "smalltalk";
            t.reply = u.greeting
                          ? (En(lang) ? "Hello! I answer questions about police procedures (residence, ID cards, "
                                        "passports, vehicles, driving licences, fire safety, judicial records…) and "
                                        "take reports. What do you need?"
                                      : "Xin chào! Tôi trả lời các câu hỏi về thủ tục hành chính của công an (cư trú, "
                                        "căn cước, hộ chiếu, đăng ký xe, giấy phép lái xe, PCCC, lý lịch tư pháp…) "
                                        "và tiếp nhận trình báo. Bạn cần hỏi gì?")
                          : (En(lang) ? "You are welcome. Anything else?" : "Không có gì ạ. Bạn cần hỏi thêm gì không?");
            t.suggestions = En(lang) ? std::vector<std::string>{"How do I register temporary residence?",
                                                                "How much is a passport?", "I want to report a theft"}
                                     : std::vector<std::string>{"Đăng ký tạm trú thế nào?", "Làm hộ chiếu hết bao nhiêu?",
                                                                "Tôi muốn trình báo mất đồ"};
            return t;
        }
    }

    const Retrieval r = retriever_->Search(u.terms);
    const Entry* top = r.candidates.empty() ? nullptr : r.candidates.front().entry;
    // A follow-up ("còn phí thì sao?", "làm online được không?"): facets without a new topic.
    const Entry* current = state.topic.empty() ? nullptr : kb_->Find(state.topic);
    if (current != nullptr && !u.facets.empty() && (u.content_words == 0 || top == current)) {
        return Answer(state, *current, u, std::max(state.topic_confidence, r.confidence), true);
    }
    if (top != nullptr && r.confidence >= thresholds_.answer) return Answer(state, *top, u, r.confidence, false);
    if (top != nullptr && r.confidence >= thresholds_.handoff && state.unsure_turns == 0) {
        return Clarify(state, r, lang);
    }
    Turn t = Handoff(state, lang, "low_confidence");
    t.confidence = r.confidence;
    t.unanswered = true;
    if (top != nullptr) t.best_guess = r.candidates.front();
    return t;
}

}  // namespace precinct::assistant
