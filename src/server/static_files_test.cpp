#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "storage/test_support.hpp"

namespace precinct::server {
namespace {

void Write(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        Write(dir_.path() / "index.html", "<h1>citizen</h1>");
        Write(dir_.path() / "console" / "index.html", "<h1>console</h1>");
        Write(dir_.path() / "assets" / "app-1234.js", "console.log(1)");
        files_.Load(dir_.path());
    }
    std::optional<Response> Get(std::string path, std::string etag = {}) {
        Request req;
        req.path = std::move(path);
        if (!etag.empty()) req.headers = {{"if-none-match", etag}};
        return files_.Serve(req);
    }
    precinct::testing::TempDir dir_;
    StaticFiles files_;
};

TEST_F(StaticFilesTest, ServesCitizenAndConsolePages) {
    EXPECT_EQ(Get("/")->body, "<h1>citizen</h1>");
    EXPECT_EQ(Get("/console/")->body, "<h1>console</h1>");
    EXPECT_EQ(Get("/console/audit")->body, "<h1>console</h1>");
    EXPECT_EQ(Get("/console")->status, 308);
    auto js = Get("/assets/app-1234.js");
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
}

TEST_F(StaticFilesTest, RefusesTraversalAndUnknownFiles) {
    EXPECT_FALSE(Get("/../etc/passwd").has_value());
    EXPECT_FALSE(Get("/%2e%2e/etc/passwd").has_value());
    EXPECT_FALSE(Get("/missing.js").has_value());
}

TEST_F(StaticFilesTest, AnswersNotModifiedForKnownEtag) {
    auto first = Get("/");
    std::string etag;
    for (const auto& [k, v] : first->headers) {
        if (k == "ETag") etag = v;
    }
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(Get("/", etag)->status, 304);
}

}  // namespace
}  // namespace precinct::server
