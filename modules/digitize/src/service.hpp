#pragma once
// The digitization service: documents uploaded by clerks become jobs whose pages a pool of workers OCRs, one engine
// per worker thread. Every state lives in the database (documents, document_pages, the full-text index
// document_fts) and in files under `files_dir/<id>/` (the source, page images, the outputs), so a restart resumes
// the pages still pending. A page is marked done and indexed in one transaction, guarded by its pending state, so
// no page is ever indexed twice. Progress is published on the bus topic "documents" after every page.
//
// Thread-safe: routes call it from any thread; the workers are its own.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/events.hpp"
#include "core/result.hpp"
#include "engine.hpp"
#include "fields.hpp"
#include "input.hpp"
#include "pipeline.hpp"
#include "query.hpp"
#include "storage/database.hpp"

namespace precinct::digitize {

inline constexpr std::string_view kTopic = "documents";

enum class DocStatus { kQueued, kProcessing, kDone, kFailed };
std::string_view DocStatusName(DocStatus status);
std::optional<DocStatus> ParseDocStatus(std::string_view name);

struct PageInfo {
    int no = 0;
    PageStatus status = PageStatus::kPending;
    double confidence = -1;
    double skew_deg = 0;
    int rotation = 0;
    int width = 0, height = 0, dpi = 300;
    int attempts = 0;
    std::string error;
};

struct Document {
    std::int64_t id = 0;
    std::string filename, title, format, lang;
    DocStatus status = DocStatus::kQueued;
    int pages_total = 0, pages_done = 0, pages_blank = 0, pages_failed = 0;
    double confidence = -1;
    std::int64_t bytes = 0;
    std::string sha256;
    TimePoint created_at;
    std::optional<TimePoint> finished_at;
    std::string created_by, error;
    DocFields fields;
    std::vector<PageInfo> pages;  // filled by Get, not by List
};

struct PageDetail {
    PageInfo info;
    std::string text;
    PageOcr ocr;
};

struct Upload {
    std::string filename, title, lang;
    std::string bytes;
};

struct ListFilter {
    std::optional<DocStatus> status;
    int limit = 50, offset = 0;
};

struct SearchRequest {
    std::string q;
    std::string type, issuer, number, date_from, date_to;  // filters; empty: not filtered
    int limit = 20, offset = 0;
};

struct SearchHit {
    std::int64_t document_id = 0;
    int page = 0;
    std::string filename, title;
    DocFields fields;
    double score = 0;  // higher is better
    std::vector<SnippetPart> snippet;
};

struct SearchResults {
    std::vector<SearchHit> hits;
    int total = 0;
    bool total_exact = true;  // false when there are more than the counting cap
};

enum class Output { kPdf, kText, kJson };

using EngineFactory = std::function<Result<std::unique_ptr<OcrEngine>>(const std::string& lang)>;

struct ServiceSettings {
    std::filesystem::path files_dir;  // created if missing
    int workers = 0;                  // 0: one per core
    std::string default_lang = "vie+eng";
    InputLimits limits;
    PipelineSettings pipeline;
    int max_attempts = 3;      // a page that stopped the process this often is marked failed
    std::string font;          // the glyphless PDF font program
    std::string tessdata_dir;  // checked for the requested languages
};

class DigitizeService {
public:
    DigitizeService(ServiceSettings settings, storage::Database& db, Bus& bus, const Clock& clock,
                    EngineFactory engines);
    ~DigitizeService();
    DigitizeService(const DigitizeService&) = delete;
    DigitizeService& operator=(const DigitizeService&) = delete;

    static Status Migrate(storage::Database& db);

    // Queues the pages left pending by an earlier run, finishes documents whose pages are all done, and starts the
    // workers. Call once.
    Status Start();
    // Workers finish the page they are on and stop; pages not done stay pending for the next Start.
    void Stop();

    // Validates the upload (format, limits, language), stores the source and queues its pages. Errors name the
    // field: file, lang, title. Nothing is stored when it fails.
    Result<Document> Submit(Upload upload, const auth::Actor& actor);
    Result<Document> Get(std::int64_t id);
    Result<std::vector<Document>> List(const ListFilter& filter, int* total);
    Result<PageDetail> Page(std::int64_t id, int no);
    Result<std::string> PageImage(std::int64_t id, int no);
    // kConflict until the document is done. `filename`, if given, receives the upload's file name.
    Result<std::string> ReadOutput(std::int64_t id, Output output, std::string* filename = nullptr);
    // Errors: kInvalidArgument naming q, type, date_from, date_to (the query parser's, a bad filter, nothing to
    // search for).
    Result<SearchResults> Search(const SearchRequest& request);

    // Tests: blocks until no page is queued or being processed, or the timeout passes. True when idle.
    bool WaitIdle(std::chrono::milliseconds timeout);

private:
    struct Task {
        std::int64_t document_id = 0;
        int page = 0;
    };
    struct OpenDocument;

    void Enqueue(const std::vector<Task>& tasks);
    void Work();
    void ProcessTask(const Task& task, std::map<std::string, std::unique_ptr<OcrEngine>>& engines);
    Result<std::shared_ptr<OpenDocument>> Source(std::int64_t id);
    Status Finish(std::int64_t id);
    void Publish(std::int64_t id);
    std::filesystem::path Dir(std::int64_t id) const;

    ServiceSettings settings_;
    storage::Database& db_;
    Bus& bus_;
    const Clock& clock_;
    EngineFactory engines_;

    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<Task> queue_;
    int busy_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;

    std::mutex sources_mutex_;
    std::map<std::int64_t, std::shared_ptr<OpenDocument>> sources_;  // a few recently used documents
};

}  // namespace precinct::digitize
