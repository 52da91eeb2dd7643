#include "files.hpp"

#include <fmt/format.h>

#include <fstream>

namespace precinct::digitize {

namespace fs = std::filesystem;

Result<std::string> ReadWholeFile(const fs::path& path, std::size_t max_bytes) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return Fail(ErrorCode::kNotFound, "no such file");
    const auto size = fs::file_size(path, ec);
    if (ec) return Fail(ErrorCode::kUnavailable, ec.message());
    if (size > max_bytes) {
        return Fail(ErrorCode::kTooLarge,
                    fmt::format("{} bytes, more than the limit of {} MiB", size, max_bytes >> 20));
    }
    std::ifstream in(path, std::ios::binary);
    std::string data(size, '\0');
    if (!in.read(data.data(), static_cast<std::streamsize>(size))) return Fail(ErrorCode::kUnavailable, "cannot read");
    return data;
}

Status WriteFileAtomically(const fs::path& path, std::string_view data) {
    const fs::path tmp = path.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        out.flush();
        if (!out) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}", path.string()));
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) return Fail(ErrorCode::kUnavailable, fmt::format("cannot write {}: {}", path.string(), ec.message()));
    return Ok();
}

}  // namespace precinct::digitize
