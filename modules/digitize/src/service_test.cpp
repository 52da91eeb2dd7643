#include "service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <iterator>

#include "storage/test_support.hpp"
#include "test_images.hpp"

namespace precinct::digitize {
namespace {

namespace fs = std::filesystem;

// Recognizes any page as three words, the third naming the page's width (pages of the test TIFF differ in width),
// and calls `hook` first so a test can hold a worker in the middle of a page.
class FakeEngine final : public OcrEngine {
public:
    FakeEngine(std::atomic<int>& calls, std::function<void(int)> hook) : calls_(calls), hook_(std::move(hook)) {}
    Result<PageOcr> Recognize(const Pix& page) override {
        const int width = pixGetWidth(const_cast<Pix*>(&page));
        if (hook_) hook_(width);
        ++calls_;
        PageOcr ocr;
        ocr.width = width;
        ocr.height = pixGetHeight(const_cast<Pix*>(&page));
        ocr.lines = {{{10, 10, 300, 30}, 38, 0, 0}};
        ocr.words = {{"Quyết", {10, 10, 90, 30}, 90, 0},
                     {"định", {110, 10, 80, 30}, 80, 0},
                     {"w" + std::to_string(width), {200, 10, 110, 30}, 70, 0}};
        return ocr;
    }

private:
    std::atomic<int>& calls_;
    std::function<void(int)> hook_;
};

SearchRequest Query(std::string q) {
    SearchRequest r;
    r.q = std::move(q);
    return r;
}

std::string ThreePageTiff(const fs::path& dir) {
    PIXA* pixa = pixaCreate(3);
    for (int i = 0; i < 3; ++i) {
        PixPtr page = test_images::TextLikePage(400 + i * 10, 500, 6);
        pixaAddPix(pixa, pixThresholdToBinary(page.get(), 128), L_INSERT);
    }
    const fs::path path = dir / "three.tif";
    pixaWriteMultipageTiff(path.c_str(), pixa);
    pixaDestroy(&pixa);
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class DigitizeServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = std::move(*storage::OpenSqlite({.path = dir_.path() / "d.db"}));
        bus_ = CreateInMemoryBus(clock_);
        ASSERT_TRUE(DigitizeService::Migrate(*db_).has_value());
        sub_ = bus_->Subscribe({std::string(kTopic)}, [this](const Event& e) {
            std::lock_guard lock(events_mutex_);
            events_.push_back(e.data);
        });
        tiff_ = ThreePageTiff(dir_.path());
    }

    std::unique_ptr<DigitizeService> Make(std::function<void(int)> hook = {}) {
        ServiceSettings s;
        s.files_dir = dir_.path() / "files";
        s.workers = 1;
        s.tessdata_dir = TessdataDir(EngineSettings{});
        s.font = "";
        return std::make_unique<DigitizeService>(s, *db_, *bus_, clock_, [this, hook](const std::string&) {
            return Result<std::unique_ptr<OcrEngine>>(std::make_unique<FakeEngine>(calls_, hook));
        });
    }

    Result<Document> SubmitTiff(DigitizeService& svc) {
        Upload u;
        u.filename = "hồ sơ.tif";
        u.title = "Hồ sơ lưu trữ";
        u.bytes = tiff_;
        auth::Actor clerk;
        clerk.username = "clerk";
        return svc.Submit(std::move(u), clerk);
    }

    std::int64_t Count(const std::string& sql) { return db_->Query(sql)->at(0).Int(0); }
    std::string svc_status(std::int64_t id) {
        return db_->Query("SELECT status FROM documents WHERE id = ?", {id})->at(0).Text(0);
    }

    precinct::testing::TempDir dir_;
    FakeClock clock_{FromUnixMillis(1795402800000)};
    std::unique_ptr<storage::Database> db_;
    std::unique_ptr<Bus> bus_;
    std::unique_ptr<Subscription> sub_;
    std::mutex events_mutex_;
    std::vector<Json> events_;
    std::atomic<int> calls_{0};
    std::string tiff_;
};

TEST_F(DigitizeServiceTest, ProcessesEveryPageIndexesItAndWritesTheOutputs) {
    auto svc = Make();
    ASSERT_TRUE(svc->Start());
    auto doc = SubmitTiff(*svc);
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ(doc->pages_total, 3);
    EXPECT_EQ(doc->format, "tiff");
    EXPECT_EQ(doc->created_by, "clerk");
    ASSERT_TRUE(svc->WaitIdle(std::chrono::seconds(30)));

    auto done = svc->Get(doc->id);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, DocStatus::kDone);
    EXPECT_EQ(done->pages_done, 3);
    ASSERT_EQ(done->pages.size(), 3u);
    for (const auto& p : done->pages) EXPECT_EQ(p.status, PageStatus::kDone);
    EXPECT_NEAR(done->confidence, (5 * 90 + 4 * 80 + 4 * 70) / 13.0, 0.01);

    auto text = svc->ReadOutput(doc->id, Output::kText);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "Quyết định w400\fQuyết định w410\fQuyết định w420\n");
    std::string filename;
    auto pdf = svc->ReadOutput(doc->id, Output::kPdf, &filename);
    ASSERT_TRUE(pdf);
    EXPECT_EQ(filename, "hồ sơ.tif");
    EXPECT_EQ(pdf->rfind("%PDF-1.5", 0), 0u);
    EXPECT_TRUE(svc->PageImage(doc->id, 2));
    auto page = svc->Page(doc->id, 3);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->ocr.words.size(), 3u);
    EXPECT_EQ(page->ocr.words[2].text, "w420");

    // Accent-free query finds the accented text on every page; a page-specific word finds its page only.
    auto all = svc->Search(Query("quyet dinh"));
    ASSERT_TRUE(all) << all.error().message;
    EXPECT_EQ(all->total, 3);
    auto one = svc->Search(Query("w410"));
    ASSERT_TRUE(one);
    ASSERT_EQ(one->total, 1);
    EXPECT_EQ(one->hits[0].page, 2);
    EXPECT_EQ(one->hits[0].document_id, doc->id);
    bool marked = false;
    for (const auto& part : all->hits[0].snippet) marked |= part.hit && part.text.find("Quyết") != std::string::npos;
    EXPECT_TRUE(marked);

    std::lock_guard lock(events_mutex_);
    ASSERT_GE(events_.size(), 4u);  // submitted, then one per page
    EXPECT_EQ(events_.back()["status"], "done");
    EXPECT_EQ(events_.back()["pages_done"], 3);
}

TEST_F(DigitizeServiceTest, RestartResumesPendingPagesAndNeverIndexesAPageTwice) {
    std::promise<void> second_page_started;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<bool> signalled{false};
    auto first = Make([&](int width) {
        if (width == 410 && !signalled.exchange(true)) {
            second_page_started.set_value();
            released.wait();
        }
    });
    ASSERT_TRUE(first->Start());
    auto doc = SubmitTiff(*first);
    ASSERT_TRUE(doc);
    second_page_started.get_future().wait();
    // Stop while the worker is inside page 2: it finishes that page, and page 3 stays pending.
    auto stopping = std::async(std::launch::async, [&] { first->Stop(); });
    release.set_value();
    stopping.wait();
    first.reset();
    EXPECT_EQ(calls_, 2);
    EXPECT_EQ(Count("SELECT count(*) FROM document_pages WHERE status = 'pending'"), 1);
    EXPECT_EQ(svc_status(doc->id), "processing");

    auto second = Make();
    ASSERT_TRUE(second->Start());
    ASSERT_TRUE(second->WaitIdle(std::chrono::seconds(30)));
    EXPECT_EQ(calls_, 3);  // only page 3 was recognized again
    auto done = second->Get(doc->id);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, DocStatus::kDone);
    EXPECT_EQ(Count("SELECT count(*) FROM document_fts"), 3);
    auto hits = second->Search(Query("quyet"));
    ASSERT_TRUE(hits);
    EXPECT_EQ(hits->total, 3);
}

TEST_F(DigitizeServiceTest, FinishesADocumentWhoseLastPageCommittedBeforeAStop) {
    {
        auto svc = Make();
        ASSERT_TRUE(svc->Start());
        ASSERT_TRUE(SubmitTiff(*svc));
        ASSERT_TRUE(svc->WaitIdle(std::chrono::seconds(30)));
    }
    // As if the process died between the last page's commit and the outputs.
    ASSERT_TRUE(db_->Execute("UPDATE documents SET status = 'processing', finished_ms = NULL"));
    fs::remove(dir_.path() / "files" / "1" / "document.pdf");
    auto svc = Make();
    ASSERT_TRUE(svc->Start());
    EXPECT_EQ(svc_status(1), "done");
    EXPECT_TRUE(fs::exists(dir_.path() / "files" / "1" / "document.pdf"));
    EXPECT_EQ(calls_, 3);
    EXPECT_EQ(Count("SELECT count(*) FROM document_fts"), 3);
}

TEST_F(DigitizeServiceTest, GivesUpOnAPageThatKeepsStoppingTheProcess) {
    {
        auto svc = Make();
        ASSERT_TRUE(SubmitTiff(*svc));  // not started: every page stays pending
    }
    ASSERT_TRUE(db_->Execute("UPDATE document_pages SET attempts = 3 WHERE page_no = 2"));
    auto svc = Make();
    ASSERT_TRUE(svc->Start());
    ASSERT_TRUE(svc->WaitIdle(std::chrono::seconds(30)));
    auto doc = svc->Get(1);
    ASSERT_TRUE(doc);
    EXPECT_EQ(doc->status, DocStatus::kDone);
    EXPECT_EQ(doc->pages_failed, 1);
    EXPECT_EQ(doc->pages[1].status, PageStatus::kFailed);
    EXPECT_NE(doc->pages[1].error.find("gave up"), std::string::npos);
    EXPECT_EQ(calls_, 2);
    auto text = svc->ReadOutput(1, Output::kText);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "Quyết định w400\f\fQuyết định w420\n");  // the failed page keeps its place
}

TEST_F(DigitizeServiceTest, RefusesBadUploadsAndStoresNothing) {
    auto svc = Make();
    auth::Actor clerk;
    Upload gif{"a.gif", "", "", "GIF89a......"};
    auto r = svc->Submit(gif, clerk);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "file");
    Upload lang{"a.tif", "", "klingon", tiff_};
    r = svc->Submit(lang, clerk);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "lang");
    Upload title{"a.tif", std::string(400, 'x'), "", tiff_};
    r = svc->Submit(title, clerk);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "title");
    EXPECT_EQ(Count("SELECT count(*) FROM documents"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM document_pages"), 0);
}

TEST_F(DigitizeServiceTest, SearchValidatesFiltersAndQueries) {
    auto svc = Make();
    EXPECT_EQ(svc->Search(Query("")).error().field, "q");
    EXPECT_EQ(svc->Search(Query("\"open")).error().field, "q");
    SearchRequest bad = Query("a");
    bad.type = "nope";
    EXPECT_EQ(svc->Search(bad).error().field, "type");
    bad = Query("a");
    bad.date_from = "5/3/2024";
    EXPECT_EQ(svc->Search(bad).error().field, "date_from");
    bad = Query("a");
    bad.issuer = "!!!";
    EXPECT_EQ(svc->Search(bad).error().field, "issuer");
    auto none = svc->Search(Query("quyết"));
    ASSERT_TRUE(none);
    EXPECT_EQ(none->total, 0);
}

}  // namespace
}  // namespace precinct::digitize
