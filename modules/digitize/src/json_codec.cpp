#include "json_codec.hpp"

#include <fmt/format.h>
#include <tesseract/baseapi.h>

#include <cmath>

namespace precinct::digitize {
namespace {

Json Confidence(double c) { return c >= 0 ? Json(std::round(c * 10) / 10) : Json(nullptr); }
double Round1(double v) { return std::round(v * 10) / 10; }

}  // namespace

Json FieldsJson(const DocFields& f) {
    const DocTypeInfo* type = FindDocType(f.type);
    return Json{{"number", f.number},
                {"type", f.type},
                {"type_vi", type ? type->name_vi : ""},
                {"type_en", type ? type->name_en : ""},
                {"date", f.date},
                {"place", f.place},
                {"issuer", f.issuer}};
}

Json ResultJson(const DocumentSummary& s, const std::vector<const PageResult*>& pages) {
    Json list = Json::array();
    int done = 0, blank = 0, failed = 0;
    for (const PageResult* p : pages) {
        done += p->status == PageStatus::kDone;
        blank += p->status == PageStatus::kBlank;
        failed += p->status == PageStatus::kFailed;
        Json page{{"no", p->no},
                  {"status", PageStatusName(p->status)},
                  {"confidence", p->confidence >= 0 ? Json(Round1(p->confidence)) : Json(nullptr)},
                  {"words", p->ocr.words.size()},
                  {"width", p->width},
                  {"height", p->height},
                  {"dpi", p->dpi},
                  {"skew_deg", std::round(p->skew_deg * 100) / 100},
                  {"rotation", p->rotation},
                  {"contrast_stretched", p->stretched},
                  {"binarized", p->binarized}};
        if (!p->error.empty()) page["error"] = p->error;
        list.push_back(std::move(page));
    }
    const double conf = DocumentConfidence(pages);
    Json out{{"file", s.file},
             {"format", s.format},
             {"lang", s.lang},
             {"engine", fmt::format("Tesseract {}", tesseract::TessBaseAPI::Version())},
             {"pages_total", pages.size()},
             {"pages_done", done},
             {"pages_blank", blank},
             {"pages_failed", failed},
             {"confidence", conf >= 0 ? Json(Round1(conf)) : Json(nullptr)},
             {"fields", FieldsJson(s.fields)},
             {"pages", std::move(list)}};
    if (s.elapsed_s >= 0) out["elapsed_s"] = std::round(s.elapsed_s * 1000) / 1000;
    return out;
}

Json ProgressJson(const Document& d) {
    return Json{{"id", d.id},
                {"status", DocStatusName(d.status)},
                {"pages_done", d.pages_done},
                {"pages_total", d.pages_total},
                {"pages_failed", d.pages_failed},
                {"pages_blank", d.pages_blank},
                {"confidence", Confidence(d.confidence)},
                {"error", d.error}};
}

Json DocumentJson(const Document& d) {
    Json j{{"id", d.id},
           {"filename", d.filename},
           {"title", d.title},
           {"format", d.format},
           {"lang", d.lang},
           {"status", DocStatusName(d.status)},
           {"pages_total", d.pages_total},
           {"pages_done", d.pages_done},
           {"pages_failed", d.pages_failed},
           {"pages_blank", d.pages_blank},
           {"confidence", Confidence(d.confidence)},
           {"bytes", d.bytes},
           {"sha256", d.sha256},
           {"created_at", FormatTime(d.created_at)},
           {"finished_at", d.finished_at ? Json(FormatTime(*d.finished_at)) : Json(nullptr)},
           {"created_by", d.created_by},
           {"error", d.error},
           {"fields", FieldsJson(d.fields)}};
    const std::string base = "/api/v1/documents/" + std::to_string(d.id);
    Json links = Json::object();
    if (d.status == DocStatus::kDone) {
        links = Json{{"pdf", base + "/pdf"}, {"text", base + "/text"}, {"json", base + "/result.json"}};
    }
    j["links"] = std::move(links);
    if (!d.pages.empty()) {
        Json pages = Json::array();
        for (const PageInfo& p : d.pages) {
            pages.push_back({{"no", p.no},
                             {"status", PageStatusName(p.status)},
                             {"confidence", Confidence(p.confidence)},
                             {"skew_deg", std::round(p.skew_deg * 100) / 100},
                             {"rotation", p.rotation},
                             {"width", p.width},
                             {"height", p.height},
                             {"error", p.error}});
        }
        j["pages"] = std::move(pages);
    }
    return j;
}

Json PageDetailJson(const PageDetail& p) {
    Json words = Json::array();
    for (const OcrWord& w : p.ocr.words) {
        words.push_back({{"text", w.text},
                         {"x", w.box.x},
                         {"y", w.box.y},
                         {"w", w.box.w},
                         {"h", w.box.h},
                         {"conf", std::round(static_cast<double>(w.confidence) * 10) / 10},
                         {"line", w.line}});
    }
    return Json{{"no", p.info.no},
                {"status", PageStatusName(p.info.status)},
                {"width", p.info.width},
                {"height", p.info.height},
                {"dpi", p.info.dpi},
                {"confidence", Confidence(p.info.confidence)},
                {"skew_deg", std::round(p.info.skew_deg * 100) / 100},
                {"rotation", p.info.rotation},
                {"error", p.info.error},
                {"text", p.text},
                {"words", std::move(words)}};
}

Json SearchResultsJson(const SearchResults& r, const SearchRequest& req) {
    Json results = Json::array();
    for (const SearchHit& h : r.hits) {
        Json snippet = Json::array();
        for (const SnippetPart& part : h.snippet) snippet.push_back({{"text", part.text}, {"hit", part.hit}});
        results.push_back({{"document_id", h.document_id},
                           {"page", h.page},
                           {"filename", h.filename},
                           {"title", h.title},
                           {"fields", FieldsJson(h.fields)},
                           {"score", std::round(h.score * 1000) / 1000},
                           {"snippet", std::move(snippet)}});
    }
    return Json{{"total", r.total},
                {"total_exact", r.total_exact},
                {"limit", req.limit},
                {"offset", req.offset},
                {"results", std::move(results)}};
}

Json DocTypesJson() {
    Json list = Json::array();
    for (const DocTypeInfo& t : DocTypes()) {
        list.push_back({{"code", t.code}, {"name_vi", t.name_vi}, {"name_en", t.name_en}});
    }
    return Json{{"types", std::move(list)}};
}

Json LayoutJson(const PageOcr& ocr) {
    Json lines = Json::array();
    for (const OcrLine& l : ocr.lines) {
        lines.push_back(Json::array(
            {l.box.x, l.box.y, l.box.w, l.box.h, l.baseline_y, std::round(l.baseline_slope * 1e5) / 1e5, l.paragraph}));
    }
    Json words = Json::array();
    for (const OcrWord& w : ocr.words) {
        words.push_back(Json::array({w.box.x, w.box.y, w.box.w, w.box.h,
                                     std::round(static_cast<double>(w.confidence) * 10) / 10, w.line, w.text}));
    }
    return Json{{"w", ocr.width},
                {"h", ocr.height},
                {"dpi", ocr.dpi},
                {"lines", std::move(lines)},
                {"words", std::move(words)}};
}

Result<PageOcr> LayoutFromJson(const std::string& text) {
    try {
        const Json j = Json::parse(text);
        PageOcr ocr;
        ocr.width = j.at("w").get<int>();
        ocr.height = j.at("h").get<int>();
        ocr.dpi = j.at("dpi").get<int>();
        for (const Json& l : j.at("lines")) {
            OcrLine line;
            line.box = {l.at(0).get<int>(), l.at(1).get<int>(), l.at(2).get<int>(), l.at(3).get<int>()};
            line.baseline_y = l.at(4).get<int>();
            line.baseline_slope = l.at(5).get<double>();
            line.paragraph = l.at(6).get<int>();
            ocr.lines.push_back(line);
        }
        for (const Json& w : j.at("words")) {
            OcrWord word;
            word.box = {w.at(0).get<int>(), w.at(1).get<int>(), w.at(2).get<int>(), w.at(3).get<int>()};
            word.confidence = w.at(4).get<float>();
            word.line = w.at(5).get<int>();
            word.text = w.at(6).get<std::string>();
            ocr.words.push_back(std::move(word));
        }
        return ocr;
    } catch (const Json::exception& e) {
        return Fail(ErrorCode::kInternal, std::string("stored page layout is damaged: ") + e.what());
    }
}

}  // namespace precinct::digitize
