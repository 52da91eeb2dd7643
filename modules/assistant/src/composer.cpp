// Reply composition.
#include "composer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace precinct::assistant {
namespace {

bool En(Lang l) { return l == Lang::kEn; }

std::string Bullets(const std::vector<std::string>& items, bool numbered) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += numbered ? fmt::format("\n{}. {}", i + 1, items[i]) : "\n• " + items[i];
    }
    return out;
}

std::string ChannelName(const std::string& c, Lang l) {
    if (c == "in_person") return En(l) ? "in person" : "nộp trực tiếp";
    if (c == "national_portal") return En(l) ? "the National Public Service Portal (dichvucong.gov.vn)"
                                             : "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)";
    if (c == "mps_portal") return En(l) ? "the MPS Public Service Portal (dichvucong.bocongan.gov.vn)"
                                        : "Cổng dịch vụ công Bộ Công an (dichvucong.bocongan.gov.vn)";
    if (c == "vneid") return En(l) ? "the VNeID app" : "ứng dụng VNeID";
    if (c == "post") return En(l) ? "by post" : "qua bưu chính";
    if (c == "phone") return En(l) ? "by phone" : "qua điện thoại";
    return c;
}

std::string OnlineText(const Entry& e, Lang l) {
    std::vector<std::string> online_channels;
    for (const auto& c : e.channels) {
        if (c == "national_portal" || c == "mps_portal" || c == "vneid") online_channels.push_back(ChannelName(c, l));
    }
    std::string via;
    for (std::size_t i = 0; i < online_channels.size(); ++i) via += (i ? ", " : "") + online_channels[i];
    switch (e.online) {
        case Online::kFull:
            return En(l) ? "Yes, it can be done entirely online" + (via.empty() ? "" : ": " + via) + "."
                         : "Có, có thể làm hoàn toàn trực tuyến" + (via.empty() ? "" : ": " + via) + ".";
        case Online::kPartial:
            return En(l) ? "Partly: you can submit online" + (via.empty() ? "" : " (" + via + ")") +
                               ", but some steps are done in person."
                         : "Một phần: có thể nộp trực tuyến" + (via.empty() ? "" : " (" + via + ")") +
                               ", nhưng một số bước phải làm trực tiếp.";
        case Online::kNo:
            return En(l) ? "No, this is done in person, not online." : "Không, thủ tục này làm trực tiếp, không trực tuyến.";
    }
    return {};
}

std::string FacetLabel(Facet f, Lang l) {
    switch (f) {
        case Facet::kFee: return En(l) ? "Fee" : "Lệ phí";
        case Facet::kTime: return En(l) ? "Time limit" : "Thời hạn giải quyết";
        case Facet::kDocuments: return En(l) ? "Documents" : "Hồ sơ, giấy tờ";
        case Facet::kWhere: return En(l) ? "Where and how to submit" : "Nơi nộp và cách nộp";
        case Facet::kOnline: return En(l) ? "Online" : "Làm trực tuyến";
        case Facet::kEligibility: return En(l) ? "Who" : "Đối tượng";
        case Facet::kSteps: return En(l) ? "Steps" : "Các bước";
        case Facet::kLegal: return En(l) ? "Legal basis" : "Căn cứ pháp lý";
    }
    return {};
}

std::string LegalLine(const Entry& e, Lang l) {
    std::string out;
    for (const LegalRef& r : e.legal) {
        std::string one = En(l) ? r.instrument_en : r.instrument;
        const std::string& art = En(l) ? r.article_en : r.article;
        if (!art.empty()) one += ", " + art;
        if (r.unconfirmed) one += " (" + UnconfirmedMark(l) + ")";
        out += (out.empty() ? "" : "; ") + one;
    }
    return out;
}

std::string FacetText(const Entry& e, Facet f, Lang l) {
    switch (f) {
        case Facet::kFee: return En(l) ? e.fee_en : e.fee_vi;
        case Facet::kTime: return En(l) ? e.time_en : e.time_vi;
        case Facet::kDocuments: {
            const auto& docs = En(l) ? e.documents_en : e.documents_vi;
            if (docs.empty()) return En(l) ? "No documents to bring." : "Không cần nộp giấy tờ.";
            return Bullets(docs, false);
        }
        case Facet::kWhere: return En(l) ? e.where_en : e.where_vi;
        case Facet::kOnline: return OnlineText(e, l);
        case Facet::kEligibility: return En(l) ? e.who_en : e.who_vi;
        case Facet::kSteps: return Bullets(En(l) ? e.steps_en : e.steps_vi, true);
        case Facet::kLegal: return LegalLine(e, l);
    }
    return {};
}

std::string Section(const Entry& e, Facet f, Lang l, std::vector<std::string>& unconfirmed) {
    std::string body = FacetText(e, f, l);
    if (e.IsUnconfirmed(f) || (f == Facet::kLegal && std::any_of(e.legal.begin(), e.legal.end(),
                                                                   [](const LegalRef& r) { return r.unconfirmed; }))) {
        if (std::find(unconfirmed.begin(), unconfirmed.end(), std::string(FacetCode(f))) == unconfirmed.end()) {
            unconfirmed.emplace_back(FacetCode(f));
        }
        if (body.find("⚠") == std::string::npos) body += " (" + UnconfirmedMark(l) + ")";
    }
    const bool list = !body.empty() && body[0] == '\n';
    return FacetLabel(f, l) + ":" + (list ? "" : " ") + body;
}

void Suggest(const Entry& e, const std::vector<Facet>& shown, Lang l, std::vector<std::string>& out) {
    struct S {
        Facet f;
        const char* vi;
        const char* en;
    };
    static const S kAll[] = {{Facet::kDocuments, "Cần giấy tờ gì?", "What documents do I need?"},
                             {Facet::kFee, "Lệ phí bao nhiêu?", "How much is the fee?"},
                             {Facet::kTime, "Mất bao lâu?", "How long does it take?"},
                             {Facet::kOnline, "Làm online được không?", "Can I do it online?"},
                             {Facet::kWhere, "Nộp ở đâu?", "Where do I apply?"},
                             {Facet::kSteps, "Các bước thực hiện?", "What are the steps?"}};
    if (e.faq) return;
    for (const S& s : kAll) {
        if (std::find(shown.begin(), shown.end(), s.f) != shown.end()) continue;
        out.push_back(En(l) ? s.en : s.vi);
        if (out.size() == 3) break;
    }
}

}  // namespace

std::string UnconfirmedMark(Lang lang) { return En(lang) ? "⚠ unverified" : "⚠ chưa xác minh"; }
std::string Text(Lang lang, const char* vi, const char* en) { return En(lang) ? en : vi; }

Composed ComposeAnswer(const Entry& e, const std::vector<Facet>& asked, Lang l, bool brief) {
    Composed c;
    for (const LegalRef& r : e.legal) {
        c.citations.push_back({En(l) ? r.instrument_en : r.instrument, En(l) ? r.article_en : r.article, r.unconfirmed});
    }
    const std::string title = e.Title(En(l));
    if (e.faq) {
        c.text = title + "\n" + (En(l) ? e.answer_en : e.answer_vi);
        if (e.answer_unconfirmed) {
            c.unconfirmed.emplace_back("answer");
            if (c.text.find("⚠") == std::string::npos) c.text += " (" + UnconfirmedMark(l) + ")";
        }
        if (!e.legal.empty()) c.text += "\n" + FacetLabel(Facet::kLegal, l) + ": " + LegalLine(e, l);
        else c.text += "\n" + Text(l, "(Thông tin chung, không trích dẫn văn bản pháp luật.)",
                                   "(General information; no legal instrument cited.)");
        return c;
    }
    std::vector<Facet> shown;
    std::vector<std::string> parts;
    parts.push_back(title);
    for (Facet f : asked) {
        if (f == Facet::kLegal) continue;  // the legal basis closes every answer
        parts.push_back(Section(e, f, l, c.unconfirmed));
        shown.push_back(f);
    }
    if (asked.empty()) {
        // A general question: what it is, who, where, time and fee in short, then the steps.
        parts.push_back(En(l) ? e.summary_en : e.summary_vi);
        for (Facet f : {Facet::kEligibility, Facet::kDocuments, Facet::kWhere, Facet::kTime, Facet::kFee}) {
            parts.push_back(Section(e, f, l, c.unconfirmed));
            shown.push_back(f);
        }
    } else if (!brief) {
        // The facts asked first, then the rest briefly: time and fee if not asked.
        for (Facet f : {Facet::kTime, Facet::kFee}) {
            if (std::find(shown.begin(), shown.end(), f) != shown.end()) continue;
            parts.push_back(Section(e, f, l, c.unconfirmed));
            shown.push_back(f);
        }
    }
    parts.push_back(Section(e, Facet::kLegal, l, c.unconfirmed));
    parts.push_back(Text(l, "Thông tin kiểm tra lần cuối: ", "Facts last checked: ") + e.checked + ".");
    for (std::size_t i = 0; i < parts.size(); ++i) c.text += (i ? "\n" : "") + parts[i];
    Suggest(e, shown, l, c.suggestions);
    return c;
}

}  // namespace precinct::assistant
