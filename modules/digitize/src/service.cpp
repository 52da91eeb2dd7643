#include "service.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

#include "assemble.hpp"
#include "core/crypto.hpp"
#include "files.hpp"
#include "json_codec.hpp"
#include "pdf_writer.hpp"
#include "text/fold.hpp"

namespace precinct::digitize {
namespace {

namespace fs = std::filesystem;
using storage::Connection;
using storage::Row;

constexpr int kCountCap = 10'000;

const storage::Migration kMigrations[] = {
    {1, "documents, pages and the full-text index",
     R"sql(
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  filename TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL,
  lang TEXT NOT NULL,
  status TEXT NOT NULL,
  pages_total INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  finished_ms INTEGER,
  error TEXT NOT NULL DEFAULT '',
  confidence REAL,
  number TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  issuer TEXT NOT NULL DEFAULT '',
  number_folded TEXT NOT NULL DEFAULT '',
  issuer_folded TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_by_status ON documents (status, id);
CREATE INDEX documents_by_type ON documents (type, date);
CREATE TABLE document_pages (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id),
  page_no INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  confidence REAL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  dpi INTEGER NOT NULL DEFAULT 300,
  skew_deg REAL NOT NULL DEFAULT 0,
  rotation INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL DEFAULT '',
  layout TEXT NOT NULL DEFAULT '',
  indexed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (document_id, page_no)
);
CREATE INDEX document_pages_pending ON document_pages (document_id, page_no) WHERE status = 'pending';
CREATE VIRTUAL TABLE document_fts USING fts5 (body, tokenize = 'unicode61 remove_diacritics 0');
)sql"},
};

const char* kDocColumns =
    "d.id, d.filename, d.title, d.format, d.lang, d.status, d.pages_total, d.bytes, d.sha256, d.created_ms, "
    "d.created_by, d.finished_ms, d.error, d.confidence, d.number, d.type, d.date, d.place, d.issuer, "
    "(SELECT count(*) FROM document_pages p WHERE p.document_id = d.id AND p.status <> 'pending'), "
    "(SELECT count(*) FROM document_pages p WHERE p.document_id = d.id AND p.status = 'blank'), "
    "(SELECT count(*) FROM document_pages p WHERE p.document_id = d.id AND p.status = 'failed')";

Document DocumentFromRow(const Row& r) {
    Document d;
    d.id = r.Int(0);
    d.filename = r.Text(1);
    d.title = r.Text(2);
    d.format = r.Text(3);
    d.lang = r.Text(4);
    d.status = ParseDocStatus(r.Text(5)).value_or(DocStatus::kFailed);
    d.pages_total = static_cast<int>(r.Int(6));
    d.bytes = r.Int(7);
    d.sha256 = r.Text(8);
    d.created_at = FromUnixMillis(r.Int(9));
    d.created_by = r.Text(10);
    if (!r.IsNull(11)) d.finished_at = FromUnixMillis(r.Int(11));
    d.error = r.Text(12);
    d.confidence = r.IsNull(13) ? -1 : r.Real(13);
    d.fields.number = r.Text(14);
    d.fields.type = r.Text(15);
    d.fields.date = r.Text(16);
    d.fields.place = r.Text(17);
    d.fields.issuer = r.Text(18);
    d.pages_done = static_cast<int>(r.Int(19));
    d.pages_blank = static_cast<int>(r.Int(20));
    d.pages_failed = static_cast<int>(r.Int(21));
    return d;
}

const char* kPageColumns = "page_no, status, confidence, skew_deg, rotation, width, height, dpi, attempts, error";

PageInfo PageFromRow(const Row& r) {
    PageInfo p;
    p.no = static_cast<int>(r.Int(0));
    p.status = ParsePageStatus(r.Text(1)).value_or(PageStatus::kFailed);
    p.confidence = r.IsNull(2) ? -1 : r.Real(2);
    p.skew_deg = r.Real(3);
    p.rotation = static_cast<int>(r.Int(4));
    p.width = static_cast<int>(r.Int(5));
    p.height = static_cast<int>(r.Int(6));
    p.dpi = static_cast<int>(r.Int(7));
    p.attempts = static_cast<int>(r.Int(8));
    p.error = r.Text(9);
    return p;
}

std::string CleanFilename(std::string_view name) {
    std::string out = std::string(text::TruncateUtf8(name, 200));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\') c = '_';
    }
    return out.empty() ? "document" : out;
}

bool IsIsoDate(const std::string& s) {
    static const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
    return std::regex_match(s, kDate);
}

}  // namespace

struct DigitizeService::OpenDocument {
    std::unique_ptr<SourceDocument> doc;
    std::string lang;
};

std::string_view DocStatusName(DocStatus status) {
    switch (status) {
        case DocStatus::kQueued: return "queued";
        case DocStatus::kProcessing: return "processing";
        case DocStatus::kDone: return "done";
        case DocStatus::kFailed: return "failed";
    }
    return "failed";
}

std::optional<DocStatus> ParseDocStatus(std::string_view name) {
    for (DocStatus s : {DocStatus::kQueued, DocStatus::kProcessing, DocStatus::kDone, DocStatus::kFailed}) {
        if (DocStatusName(s) == name) return s;
    }
    return std::nullopt;
}

DigitizeService::DigitizeService(ServiceSettings settings, storage::Database& db, Bus& bus, const Clock& clock,
                                 EngineFactory engines)
    : settings_(std::move(settings)), db_(db), bus_(bus), clock_(clock), engines_(std::move(engines)) {}

DigitizeService::~DigitizeService() { Stop(); }

Status DigitizeService::Migrate(storage::Database& db) {
    if (db.dialect() != storage::Dialect::kSqlite) {
        return Fail(ErrorCode::kUnavailable,
                    "digitize: full-text search needs SQLite FTS5 (PostgreSQL is not supported yet)");
    }
    return storage::Migrate(db, "digitize", kMigrations);
}

fs::path DigitizeService::Dir(std::int64_t id) const { return settings_.files_dir / std::to_string(id); }

Status DigitizeService::Start() {
    std::error_code ec;
    fs::create_directories(settings_.files_dir, ec);
    if (ec)
        return Fail(ErrorCode::kUnavailable, fmt::format("digitize: cannot create {}", settings_.files_dir.string()));
    // Documents whose pages are all done but that were not finished (the process stopped in between).
    auto unfinished = db_.Query(
        "SELECT id FROM documents d WHERE status IN ('queued', 'processing') AND NOT EXISTS "
        "(SELECT 1 FROM document_pages p WHERE p.document_id = d.id AND p.status = 'pending') ORDER BY id");
    if (!unfinished) return Fail(unfinished.error());
    for (const auto& row : *unfinished) {
        if (auto s = Finish(row.Int(0)); !s) spdlog::warn("digitize: document {}: {}", row.Int(0), s.error().message);
    }
    auto pending = db_.Query(
        "SELECT document_id, page_no FROM document_pages WHERE status = 'pending' ORDER BY document_id, page_no");
    if (!pending) return Fail(pending.error());
    std::vector<Task> tasks;
    for (const auto& row : *pending) tasks.push_back({row.Int(0), static_cast<int>(row.Int(1))});
    if (!tasks.empty()) spdlog::info("digitize: resuming {} pending pages", tasks.size());
    Enqueue(tasks);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int n = settings_.workers > 0 ? settings_.workers : static_cast<int>(cores);
    for (int i = 0; i < n; ++i) workers_.emplace_back([this] { Work(); });
    return Ok();
}

void DigitizeService::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : workers_) t.join();
    workers_.clear();
}

void DigitizeService::Enqueue(const std::vector<Task>& tasks) {
    {
        std::lock_guard lock(mutex_);
        queue_.insert(queue_.end(), tasks.begin(), tasks.end());
    }
    wake_.notify_all();
}

bool DigitizeService::WaitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && busy_ == 0; });
}

// ---------------------------------------------------------------- intake

Result<Document> DigitizeService::Submit(Upload upload, const auth::Actor& actor) {
    if (upload.lang.empty()) upload.lang = settings_.default_lang;
    if (auto s = CheckLanguages(EngineSettings{upload.lang, settings_.tessdata_dir}); !s) return Fail(s.error());
    if (text::Utf8Length(upload.title) > 300) {
        return Fail(ErrorCode::kInvalidArgument, "title: at most 300 characters", "title");
    }
    const std::string sha = Sha256Hex(upload.bytes);
    const std::int64_t size = static_cast<std::int64_t>(upload.bytes.size());
    auto opened = SourceDocument::Open(std::move(upload.bytes), settings_.limits);
    if (!opened) return Fail(opened.error());
    const int pages = (*opened)->page_count();
    const std::string format(InputFormatName((*opened)->format()));
    const std::string filename = CleanFilename(upload.filename);
    auto id = db_.Transact([&](Connection& c) -> Result<std::int64_t> {
        auto rows = c.Query(
            "INSERT INTO documents (filename, title, format, lang, status, pages_total, bytes, sha256, created_ms, "
            "created_by) VALUES (?,?,?,?,'queued',?,?,?,?,?) RETURNING id",
            {filename, upload.title, format, upload.lang, pages, size, sha, ToUnixMillis(clock_.Now()),
             actor.username});
        if (!rows) return Fail(rows.error());
        const std::int64_t doc_id = rows->at(0).Int(0);
        for (int p = 1; p <= pages; ++p) {
            auto r = c.Execute("INSERT INTO document_pages (document_id, page_no) VALUES (?, ?)", {doc_id, p});
            if (!r) return Fail(r.error());
        }
        // The source is on disk before the rows commit: a page row never points at a missing file.
        std::error_code ec;
        fs::create_directories(Dir(doc_id), ec);
        if (ec) return Fail(ErrorCode::kUnavailable, "cannot create the document's directory");
        if (auto s = WriteFileAtomically(Dir(doc_id) / "source", (*opened)->bytes()); !s) return Fail(s.error());
        return doc_id;
    });
    if (!id) return Fail(id.error());
    {
        std::lock_guard lock(sources_mutex_);
        sources_[*id] = std::make_shared<OpenDocument>(OpenDocument{std::move(*opened), upload.lang});
    }
    std::vector<Task> tasks;
    for (int p = 1; p <= pages; ++p) tasks.push_back({*id, p});
    Enqueue(tasks);
    Publish(*id);
    return Get(*id);
}

// ---------------------------------------------------------------- workers

void DigitizeService::Work() {
    // OCR yields the processor to the HTTP threads: a console stays responsive while every core reads pages.
    // (Linux: the nice value of this thread alone.)
    if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) != 0) {
        spdlog::debug("digitize: could not lower the OCR worker's priority");
    }
    std::map<std::string, std::unique_ptr<OcrEngine>> engines;  // this thread's, by language, created once
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            task = queue_.front();
            queue_.pop_front();
            ++busy_;
        }
        ProcessTask(task, engines);
        {
            std::lock_guard lock(mutex_);
            --busy_;
            if (queue_.empty() && busy_ == 0) idle_.notify_all();
        }
    }
}

Result<std::shared_ptr<DigitizeService::OpenDocument>> DigitizeService::Source(std::int64_t id) {
    std::lock_guard lock(sources_mutex_);
    if (auto it = sources_.find(id); it != sources_.end()) return it->second;
    auto rows = db_.Query("SELECT lang FROM documents WHERE id = ?", {id});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, "document not found");
    auto bytes = ReadWholeFile(Dir(id) / "source");
    if (!bytes) return Fail(bytes.error());
    auto doc = SourceDocument::Open(std::move(*bytes), settings_.limits);
    if (!doc) return Fail(doc.error());
    // Keep the few most recent: workers move through documents in order.
    while (sources_.size() >= 8) sources_.erase(sources_.begin());
    auto open = std::make_shared<OpenDocument>(OpenDocument{std::move(*doc), rows->at(0).Text(0)});
    sources_[id] = open;
    return open;
}

void DigitizeService::ProcessTask(const Task& task, std::map<std::string, std::unique_ptr<OcrEngine>>& engines) {
    // Claim: count the attempt first, so a page that brings the process down is given up after max_attempts.
    auto claimed = db_.Transact([&](Connection& c) {
        return c.Query(
            "UPDATE document_pages SET attempts = attempts + 1 WHERE document_id = ? AND page_no = ? "
            "AND status = 'pending' RETURNING attempts",
            {task.document_id, task.page});
    });
    if (!claimed) {
        spdlog::warn("digitize: document {} page {}: {}", task.document_id, task.page, claimed.error().message);
        return;
    }
    if (claimed->empty()) return;  // done already (queued twice)
    PageResult result;
    result.no = task.page;
    if (claimed->at(0).Int(0) > settings_.max_attempts) {
        result.status = PageStatus::kFailed;
        result.error = fmt::format("gave up after {} attempts", settings_.max_attempts);
    } else if (auto source = Source(task.document_id); !source) {
        result.status = PageStatus::kFailed;
        result.error = source.error().message;
    } else {
        const std::string& lang = (*source)->lang;
        auto& engine = engines[lang];
        if (!engine) {
            auto made = engines_(lang);
            if (!made) {
                // No engine for the language: leave the page pending for a later run rather than fail it.
                spdlog::error("digitize: no OCR engine for '{}': {}", lang, made.error().message);
                engines.erase(lang);
                return;
            }
            engine = std::move(*made);
        }
        result = ProcessPage(*(*source)->doc, task.page - 1, *engine, settings_.pipeline);
    }
    if (!result.jpeg.empty()) {
        if (auto s = WriteFileAtomically(Dir(task.document_id) / fmt::format("page-{}.jpg", task.page), result.jpeg);
            !s) {
            result.status = PageStatus::kFailed;
            result.error = s.error().message;
        }
    }
    const std::string layout = result.status == PageStatus::kDone ? LayoutJson(result.ocr).dump() : "";
    auto remaining = db_.Transact([&](Connection& c) -> Result<std::int64_t> {
        auto updated = c.Query(
            "UPDATE document_pages SET status = ?, confidence = ?, width = ?, height = ?, dpi = ?, skew_deg = ?, "
            "rotation = ?, error = ?, text = ?, layout = ?, indexed = ? "
            "WHERE document_id = ? AND page_no = ? AND status = 'pending' RETURNING id",
            {std::string(PageStatusName(result.status)),
             result.confidence >= 0 ? storage::Value(result.confidence) : storage::Value(nullptr), result.width,
             result.height, result.dpi, result.skew_deg, result.rotation, result.error, result.text, layout,
             result.status == PageStatus::kDone, task.document_id, task.page});
        if (!updated) return Fail(updated.error());
        if (updated->empty()) return std::int64_t{-1};  // another worker got there first: index nothing
        if (result.status == PageStatus::kDone) {
            auto fts = c.Execute("INSERT INTO document_fts (rowid, body) VALUES (?, ?)",
                                 {updated->at(0).Int(0), FoldForIndex(result.text)});
            if (!fts) return Fail(fts.error());
        }
        auto s = c.Execute("UPDATE documents SET status = 'processing' WHERE id = ? AND status = 'queued'",
                           {task.document_id});
        if (!s) return Fail(s.error());
        auto left = c.Query("SELECT count(*) FROM document_pages WHERE document_id = ? AND status = 'pending'",
                            {task.document_id});
        if (!left) return Fail(left.error());
        return left->at(0).Int(0);
    });
    if (!remaining) {
        spdlog::error("digitize: document {} page {}: {}", task.document_id, task.page, remaining.error().message);
        return;
    }
    if (*remaining == 0) {
        if (auto s = Finish(task.document_id); !s) {
            spdlog::error("digitize: document {}: {}", task.document_id, s.error().message);
        }
    }
    if (*remaining >= 0) Publish(task.document_id);
}

Status DigitizeService::Finish(std::int64_t id) {
    auto rows = db_.Query(
        "SELECT page_no, status, confidence, width, height, dpi, skew_deg, rotation, error, text, layout "
        "FROM document_pages WHERE document_id = ? ORDER BY page_no",
        {id});
    if (!rows) return Fail(rows.error());
    auto doc = Get(id);
    if (!doc) return Fail(doc.error());
    std::vector<PageResult> pages;
    pages.reserve(rows->size());
    for (const auto& r : *rows) {
        PageResult p;
        p.no = static_cast<int>(r.Int(0));
        p.status = ParsePageStatus(r.Text(1)).value_or(PageStatus::kFailed);
        p.confidence = r.IsNull(2) ? -1 : r.Real(2);
        p.width = static_cast<int>(r.Int(3));
        p.height = static_cast<int>(r.Int(4));
        p.dpi = static_cast<int>(r.Int(5));
        p.skew_deg = r.Real(6);
        p.rotation = static_cast<int>(r.Int(7));
        p.error = r.Text(8);
        p.text = r.Text(9);
        if (p.status == PageStatus::kDone) {
            auto ocr = LayoutFromJson(r.Text(10));
            if (!ocr) return Fail(ocr.error());
            p.ocr = std::move(*ocr);
        }
        pages.push_back(std::move(p));
    }
    std::vector<const PageResult*> ptrs;
    std::vector<std::string> texts;
    int done = 0;
    for (auto& p : pages) {
        ptrs.push_back(&p);
        texts.push_back(p.text);
        done += p.status == PageStatus::kDone || p.status == PageStatus::kBlank;
    }
    DocumentSummary summary;
    summary.file = doc->filename;
    summary.format = doc->format;
    summary.lang = doc->lang;
    summary.fields = DocumentFields(ptrs);
    // The PDF is written page by page with each page's image read from disk only while it is written.
    {
        std::ofstream pdf(Dir(id) / "document.pdf.part", std::ios::binary | std::ios::trunc);
        PdfWriter writer(pdf, settings_.font, doc->title.empty() ? doc->filename : doc->title);
        for (auto& p : pages) {
            auto jpeg = ReadWholeFile(Dir(id) / fmt::format("page-{}.jpg", p.no));
            if (!jpeg || p.width <= 0) continue;
            PdfPage page;
            page.width_px = p.width;
            page.height_px = p.height;
            page.dpi = p.dpi;
            page.jpeg = *jpeg;
            page.ocr = p.status == PageStatus::kDone ? &p.ocr : nullptr;
            if (auto s = writer.AddPage(page); !s) return s;
        }
        if (auto s = writer.Finish(); !s) return s;
    }
    std::error_code ec;
    fs::rename(Dir(id) / "document.pdf.part", Dir(id) / "document.pdf", ec);
    if (ec) return Fail(ErrorCode::kUnavailable, "cannot write the PDF");
    if (auto s = WriteFileAtomically(Dir(id) / "text.txt", DocumentText(texts) + "\n"); !s) return s;
    if (auto s = WriteFileAtomically(Dir(id) / "result.json", ResultJson(summary, ptrs).dump(2) + "\n"); !s) return s;
    const double conf = DocumentConfidence(ptrs);
    const bool ok = done > 0;
    auto u = db_.Execute(
        "UPDATE documents SET status = ?, finished_ms = ?, confidence = ?, error = ?, number = ?, type = ?, date = ?, "
        "place = ?, issuer = ?, number_folded = ?, issuer_folded = ? WHERE id = ?",
        {ok ? "done" : "failed", ToUnixMillis(clock_.Now()), conf >= 0 ? storage::Value(conf) : storage::Value(nullptr),
         ok ? "" : "no page could be read", summary.fields.number, summary.fields.type, summary.fields.date,
         summary.fields.place, summary.fields.issuer, FoldForIndex(summary.fields.number),
         FoldForIndex(summary.fields.issuer), id});
    if (!u) return Fail(u.error());
    std::lock_guard lock(sources_mutex_);
    sources_.erase(id);
    return Ok();
}

void DigitizeService::Publish(std::int64_t id) {
    auto doc = db_.Query(std::string("SELECT ") + kDocColumns + " FROM documents d WHERE d.id = ?", {id});
    if (!doc || doc->empty()) return;
    const Document d = DocumentFromRow(doc->at(0));
    bus_.Publish(std::string(kTopic), ProgressJson(d));
}

// ---------------------------------------------------------------- reading

Result<Document> DigitizeService::Get(std::int64_t id) {
    return db_.Read([&](Connection& c) -> Result<Document> {
        auto rows = c.Query(std::string("SELECT ") + kDocColumns + " FROM documents d WHERE d.id = ?", {id});
        if (!rows) return Fail(rows.error());
        if (rows->empty()) return Fail(ErrorCode::kNotFound, "document not found", "id");
        Document d = DocumentFromRow(rows->at(0));
        auto pages = c.Query(
            std::string("SELECT ") + kPageColumns + " FROM document_pages WHERE document_id = ? ORDER BY page_no",
            {id});
        if (!pages) return Fail(pages.error());
        for (const auto& r : *pages) d.pages.push_back(PageFromRow(r));
        return d;
    });
}

Result<std::vector<Document>> DigitizeService::List(const ListFilter& f, int* total) {
    std::string where = f.status ? "WHERE d.status = ?" : "";
    storage::Params params;
    if (f.status) params.emplace_back(std::string(DocStatusName(*f.status)));
    auto count = db_.Query("SELECT count(*) FROM documents d " + where, params);
    if (!count) return Fail(count.error());
    *total = static_cast<int>(count->at(0).Int(0));
    params.emplace_back(f.limit);
    params.emplace_back(f.offset);
    auto rows = db_.Query(
        std::string("SELECT ") + kDocColumns + " FROM documents d " + where + " ORDER BY d.id DESC LIMIT ? OFFSET ?",
        params);
    if (!rows) return Fail(rows.error());
    std::vector<Document> out;
    for (const auto& r : *rows) out.push_back(DocumentFromRow(r));
    return out;
}

Result<PageDetail> DigitizeService::Page(std::int64_t id, int no) {
    auto rows = db_.Query(std::string("SELECT ") + kPageColumns +
                              ", text, layout FROM document_pages WHERE document_id = ? AND page_no = ?",
                          {id, no});
    if (!rows) return Fail(rows.error());
    if (rows->empty()) return Fail(ErrorCode::kNotFound, "page not found", "no");
    PageDetail d;
    d.info = PageFromRow(rows->at(0));
    d.text = rows->at(0).Text(10);
    if (d.info.status == PageStatus::kDone) {
        auto ocr = LayoutFromJson(rows->at(0).Text(11));
        if (!ocr) return Fail(ocr.error());
        d.ocr = std::move(*ocr);
    }
    return d;
}

Result<std::string> DigitizeService::PageImage(std::int64_t id, int no) {
    auto page = Page(id, no);
    if (!page) return Fail(page.error());
    if (page->info.status == PageStatus::kPending) return Fail(ErrorCode::kConflict, "the page is not processed yet");
    auto image = ReadWholeFile(Dir(id) / fmt::format("page-{}.jpg", no));
    if (!image) return Fail(ErrorCode::kNotFound, "the page has no image", "no");
    return image;
}

Result<std::string> DigitizeService::ReadOutput(std::int64_t id, Output output, std::string* filename) {
    auto doc = db_.Query("SELECT status, filename FROM documents WHERE id = ?", {id});
    if (!doc) return Fail(doc.error());
    if (doc->empty()) return Fail(ErrorCode::kNotFound, "document not found", "id");
    if (doc->at(0).Text(0) != "done") return Fail(ErrorCode::kConflict, "the document is not done yet");
    if (filename != nullptr) *filename = doc->at(0).Text(1);
    const char* name = output == Output::kPdf ? "document.pdf" : output == Output::kText ? "text.txt" : "result.json";
    return ReadWholeFile(Dir(id) / name);
}

Result<SearchResults> DigitizeService::Search(const SearchRequest& req) {
    auto query = ParseSearchQuery(req.q);
    if (!query) return Fail(query.error());
    std::string where;
    storage::Params params;
    if (!req.type.empty()) {
        if (FindDocType(req.type) == nullptr)
            return Fail(ErrorCode::kInvalidArgument, "type: unknown document type", "type");
        where += " AND d.type = ?";
        params.emplace_back(req.type);
    }
    for (const auto& [value, column, field] :
         {std::tuple{req.issuer, "d.issuer_folded", "issuer"}, std::tuple{req.number, "d.number_folded", "number"}}) {
        if (value.empty()) continue;
        const std::string folded = FoldForIndex(value);
        if (folded.empty() || value.size() > 200) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: give letters or digits (at most 200 bytes)", field), field);
        }
        // Folded text holds only [a-z0-9 ]: nothing in it is a LIKE wildcard.
        where += fmt::format(" AND {} LIKE ?", column);
        params.emplace_back("%" + folded + "%");
    }
    for (const auto& [value, op, field] :
         {std::tuple{req.date_from, ">=", "date_from"}, std::tuple{req.date_to, "<=", "date_to"}}) {
        if (value.empty()) continue;
        if (!IsIsoDate(value)) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: YYYY-MM-DD", field), field);
        where += fmt::format(" AND d.date <> '' AND d.date {} ?", op);
        params.emplace_back(value);
    }
    if (query->empty() && params.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "q: give words to search for, or a filter", "q");
    }
    SearchResults out;
    const std::string match = ToFtsMatch(*query);
    std::string from, score;
    storage::Params all;
    if (!query->empty()) {
        from =
            " FROM document_fts JOIN document_pages p ON p.id = document_fts.rowid "
            "JOIN documents d ON d.id = p.document_id WHERE document_fts MATCH ?";
        score = "-bm25(document_fts)";
        all.emplace_back(match);
    } else {
        // Filters alone: each matching document once, by its first page with text.
        from =
            " FROM documents d JOIN document_pages p ON p.document_id = d.id AND p.page_no = (SELECT min(page_no) "
            "FROM document_pages q WHERE q.document_id = d.id AND q.status = 'done') WHERE 1 = 1";
        score = "0";
    }
    all.insert(all.end(), params.begin(), params.end());
    auto count = db_.Query(
        "SELECT count(*) FROM (SELECT 1" + from + where + " LIMIT " + std::to_string(kCountCap + 1) + ")", all);
    if (!count) return Fail(count.error());
    out.total = static_cast<int>(std::min<std::int64_t>(count->at(0).Int(0), kCountCap));
    out.total_exact = count->at(0).Int(0) <= kCountCap;
    all.emplace_back(req.limit);
    all.emplace_back(req.offset);
    auto rows = db_.Query("SELECT d.id, p.page_no, d.filename, d.title, d.number, d.type, d.date, d.place, d.issuer, " +
                              score + " AS score, p.text" + from + where +
                              " ORDER BY score DESC, d.id DESC, p.page_no LIMIT ? OFFSET ?",
                          all);
    if (!rows) return Fail(rows.error());
    for (const auto& r : *rows) {
        SearchHit h;
        h.document_id = r.Int(0);
        h.page = static_cast<int>(r.Int(1));
        h.filename = r.Text(2);
        h.title = r.Text(3);
        h.fields = DocFields{r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(8)};
        h.score = r.Real(9);
        h.snippet = MakeSnippet(r.Text(10), *query);
        out.hits.push_back(std::move(h));
    }
    return out;
}

}  // namespace precinct::digitize
