// `precinct ocr`: documents are opened one after another as workers reach them, pages of all documents share one
// queue, and each document's outputs are written as soon as its last page is done.
#include "precinct/digitize/cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "assemble.hpp"
#include "files.hpp"
#include "json_codec.hpp"
#include "pdf_writer.hpp"
#include "pipeline.hpp"

namespace precinct::digitize {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Job {
    std::string input;
    std::string stem;
    std::unique_ptr<SourceDocument> doc;
    std::vector<PageResult> pages;
    int remaining = 0;
    bool opened = false;  // stays true after the document is finished and released
    Clock::time_point started;
};

class Batch {
public:
    Batch(const OcrOptions& o, std::string font) : options_(o), font_(std::move(font)) {
        limits_.pdf_dpi = o.pdf_dpi;
        for (const auto& in : o.inputs) {
            auto job = std::make_unique<Job>();
            job->input = in;
            std::string stem = fs::path(in).stem().string();
            if (stem.empty()) stem = "document";
            std::string unique = stem;
            for (int n = 2; !stems_.insert(unique).second; ++n) unique = fmt::format("{}-{}", stem, n);
            job->stem = unique;
            jobs_.push_back(std::move(job));
        }
    }

    // Runs the workers to the end; returns the number of inputs that failed.
    int Run(int workers, bool show_progress) {
        start_ = Clock::now();
        std::vector<std::thread> threads;
        std::atomic<bool> engine_failed{false};
        for (int i = 0; i < workers; ++i) {
            threads.emplace_back([this, &engine_failed] {
                auto engine = CreateTesseractEngine(EngineSettings{options_.lang, ""});
                if (!engine) {
                    if (!engine_failed.exchange(true)) {
                        std::cerr << "precinct ocr: " << engine.error().message << "\n";
                    }
                    return;
                }
                Work(**engine);
            });
        }
        std::thread reporter;
        if (show_progress) reporter = std::thread([this] { Report(); });
        for (auto& t : threads) t.join();
        {
            std::lock_guard lock(mutex_);
            finished_ = true;
        }
        wake_.notify_all();
        if (reporter.joinable()) reporter.join();
        if (engine_failed) return static_cast<int>(jobs_.size());
        const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
        std::cout << fmt::format(
            "{} tệp / files, {} trang / pages ({} trống / blank, {} lỗi / failed) in {:.1f} s: "
            "{:.2f} trang/s / pages/s\n",
            jobs_.size() - static_cast<std::size_t>(failed_), pages_done_, pages_blank_, pages_failed_, secs,
            secs > 0 ? pages_done_ / secs : 0.0);
        return failed_;
    }

private:
    // The next page to do, opening documents as the queue reaches them. False when there is none left.
    bool Next(std::size_t* job_index, int* page) {
        std::lock_guard lock(mutex_);
        while (next_job_ < jobs_.size()) {
            Job& job = *jobs_[next_job_];
            if (!job.opened) {
                job.opened = true;
                auto bytes = ReadWholeFile(job.input, limits_.max_bytes);
                auto doc = bytes ? SourceDocument::Open(std::move(*bytes), limits_)
                                 : Result<std::unique_ptr<SourceDocument>>(Fail(bytes.error()));
                if (!doc) {
                    std::string message = doc.error().message;
                    if (message.rfind("file: ", 0) == 0) message = message.substr(6);
                    ErrorLine(fmt::format("precinct ocr: {}: {}", job.input, message));
                    ++failed_;
                    ++next_job_;
                    continue;
                }
                job.doc = std::move(*doc);
                job.pages.resize(static_cast<std::size_t>(job.doc->page_count()));
                job.remaining = job.doc->page_count();
                job.started = Clock::now();
                pages_total_ += job.doc->page_count();
                next_page_ = 0;
            }
            if (job.doc && next_page_ < job.doc->page_count()) {
                *job_index = next_job_;
                *page = next_page_++;
                return true;
            }
            ++next_job_;
        }
        return false;
    }

    void Work(OcrEngine& engine) {
        PipelineSettings settings;
        std::size_t index = 0;
        int page = 0;
        while (Next(&index, &page)) {
            Job& job = *jobs_[index];
            PageResult result = ProcessPage(*job.doc, page, engine, settings);
            bool last = false;
            {
                std::lock_guard lock(mutex_);
                if (result.status == PageStatus::kFailed) {
                    ++pages_failed_;
                    ErrorLine(fmt::format("precinct ocr: {}: page {}: {}", job.input, page + 1, result.error));
                }
                if (result.status == PageStatus::kBlank) ++pages_blank_;
                ++pages_done_;
                job.pages[static_cast<std::size_t>(page)] = std::move(result);
                last = --job.remaining == 0;
            }
            if (last) Finish(job);
        }
    }

    void Finish(Job& job) {
        std::vector<const PageResult*> pages;
        for (const auto& p : job.pages) pages.push_back(&p);
        DocumentSummary summary;
        summary.file = fs::path(job.input).filename().string();
        summary.format = std::string(InputFormatName(job.doc->format()));
        summary.lang = options_.lang;
        summary.fields = DocumentFields(pages);
        summary.elapsed_s = std::chrono::duration<double>(Clock::now() - job.started).count();
        std::vector<std::string> texts;
        for (const auto* p : pages) texts.push_back(p->text);
        const fs::path base = fs::path(options_.out_dir) / job.stem;
        std::ostringstream pdf;
        Status s = WriteDocumentPdf(pdf, pages, font_, summary.file);
        if (s) s = WriteFileAtomically(base.string() + ".pdf", pdf.str());
        if (s) s = WriteFileAtomically(base.string() + ".txt", DocumentText(texts) + "\n");
        if (s) s = WriteFileAtomically(base.string() + ".json", ResultJson(summary, pages).dump(2) + "\n");
        std::lock_guard lock(mutex_);
        if (!s) {
            ErrorLine(fmt::format("precinct ocr: {}: {}", job.input, s.error().message));
            ++failed_;
        }
        job.doc.reset();
        job.pages.clear();
        job.pages.shrink_to_fit();
    }

    // Called with mutex_ held: an error line that does not tangle with the progress bar.
    void ErrorLine(const std::string& line) {
        if (bar_shown_) std::cerr << "\r\033[K";
        std::cerr << line << "\n";
        bar_shown_ = false;
    }

    void Report() {
        std::unique_lock lock(mutex_);
        while (!finished_) {
            const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
            const int total = std::max(pages_total_, 1);
            const int width = 30;
            const int filled = pages_done_ * width / total;
            std::string bar;
            for (int i = 0; i < width; ++i) bar += i < filled ? "█" : "·";
            const double rate = secs > 0 ? pages_done_ / secs : 0;
            const std::string eta = rate > 0 && next_job_ >= jobs_.size()
                                        ? fmt::format(" · còn / left {:.0f} s", (pages_total_ - pages_done_) / rate)
                                        : "";
            std::cerr << fmt::format("\r\033[K[{}] {}/{} trang / pages · {:.2f} trang/s{}", bar, pages_done_,
                                     pages_total_, rate, eta)
                      << std::flush;
            bar_shown_ = true;
            wake_.wait_for(lock, std::chrono::milliseconds(250));
        }
        if (bar_shown_) std::cerr << "\n";
    }

    const OcrOptions& options_;
    std::string font_;
    InputLimits limits_;
    std::set<std::string> stems_;
    std::vector<std::unique_ptr<Job>> jobs_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::size_t next_job_ = 0;
    int next_page_ = 0;
    int pages_total_ = 0, pages_done_ = 0, pages_blank_ = 0, pages_failed_ = 0, failed_ = 0;
    bool finished_ = false, bar_shown_ = false;
    Clock::time_point start_;
};

}  // namespace

int RunOcr(const OcrOptions& options) {
    if (options.inputs.empty()) {
        std::cerr << "precinct ocr: give at least one input file\n";
        return 2;
    }
    EngineSettings engine{options.lang, ""};
    if (auto s = CheckLanguages(engine, "--lang"); !s) {
        std::cerr << "precinct ocr: " << s.error().message << "\n";
        return 2;
    }
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec || !fs::is_directory(options.out_dir)) {
        std::cerr << fmt::format("precinct ocr: --out: cannot create the directory {}\n", options.out_dir);
        return 2;
    }
    auto font = LoadGlyphlessFont(TessdataDir(engine));
    if (!font) {
        std::cerr << "precinct ocr: " << font.error().message << "\n";
        return 1;
    }
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int workers = options.jobs > 0 ? options.jobs : static_cast<int>(cores);
    Batch batch(options, std::move(*font));
    const int failed = batch.Run(workers, options.progress && isatty(STDERR_FILENO) == 1);
    return failed > 0 ? 1 : 0;
}

}  // namespace precinct::digitize
