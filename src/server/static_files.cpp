#include "server/static_files.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "core/crypto.hpp"

namespace precinct::server {
namespace {

std::string TypeFor(const std::filesystem::path& p) {
    const auto ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".map") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".woff2") return "font/woff2";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

constexpr std::size_t kMaxTotalBytes = 64 * 1024 * 1024;

}  // namespace

void StaticFiles::Load(const std::filesystem::path& root) {
    files_.clear();
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) {
        spdlog::warn("web pages not found at {}: only the API is served (build them with `make web`)",
                     root.string());
        return;
    }
    std::size_t total = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        std::ifstream in(it->path(), std::ios::binary);
        std::ostringstream data;
        data << in.rdbuf();
        File f{data.str(), TypeFor(it->path()), ""};
        total += f.content.size();
        if (total > kMaxTotalBytes) {
            spdlog::warn("web pages over {} bytes: the rest is not served", kMaxTotalBytes);
            break;
        }
        f.etag = fmt::format("\"{}\"", Sha256Hex(f.content).substr(0, 20));
        files_.emplace(std::filesystem::relative(it->path(), root).generic_string(), std::move(f));
    }
    spdlog::info("serving {} web files from {}", files_.size(), root.string());
}

std::optional<Response> StaticFiles::Make(const File& file, const std::string& key, const Request& req) const {
    Response r;
    r.headers.emplace_back("ETag", file.etag);
    const bool immutable = key.rfind("assets/", 0) == 0;
    r.headers.emplace_back("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (file.content_type.rfind("text/html", 0) == 0) {
        r.headers.emplace_back("Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    }
    if (req.Header("if-none-match") == file.etag) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.status = 200;
    r.content_type = file.content_type;
    r.body = file.content;
    return r;
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
    if (req.method != Method::kGet && req.method != Method::kHead) return std::nullopt;
    auto decoded = PercentDecode(req.path, false);
    if (!decoded || decoded->find("..") != std::string::npos || decoded->find('\0') != std::string::npos) {
        return std::nullopt;
    }
    std::string key = decoded->substr(decoded->starts_with('/') ? 1 : 0);
    if (key == "console") {
        Response r;
        r.status = 308;
        r.content_type.clear();
        r.headers.emplace_back("Location", "/console/");
        return r;
    }
    if (key.empty() || key.ends_with('/')) key += "index.html";
    if (auto it = files_.find(key); it != files_.end()) return Make(it->second, key, req);
    if (key.rfind("console/", 0) == 0 && key.find('.') == std::string::npos) {
        if (auto it = files_.find("console/index.html"); it != files_.end()) return Make(it->second, key, req);
    }
    return std::nullopt;
}

}  // namespace precinct::server
