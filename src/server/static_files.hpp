#pragma once
// The built web pages, read into memory at start-up and served with ETags. `/` is the public citizen page,
// `/console/...` the officer console (single-page app: unknown paths under it get console/index.html).
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http.hpp"

namespace precinct::server {

class StaticFiles {
public:
    // Loads every file under `root` up to 64 MiB in all. A missing root leaves the set empty (API only).
    void Load(const std::filesystem::path& root);
    std::size_t size() const { return files_.size(); }
    // A response for GET/HEAD of `path`, or nullopt if no page matches.
    std::optional<Response> Serve(const Request& req) const;

private:
    struct File {
        std::string content;
        std::string content_type;
        std::string etag;
    };
    std::optional<Response> Make(const File& file, const std::string& key, const Request& req) const;
    std::unordered_map<std::string, File> files_;   // key: path under root with '/' separators, no leading '/'
};

}  // namespace precinct::server
