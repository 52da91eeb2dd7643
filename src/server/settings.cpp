#include "server/settings.hpp"

#include <charconv>
#include <fmt/format.h>

#include "core/settings.hpp"

namespace precinct::server {

Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("server.listen: '{}' is not host:port", listen),
                    "server.listen");
    }
    std::string host(listen.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    const auto digits = listen.substr(colon + 1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || port > 65535) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("server.listen: bad port in '{}'", listen),
                    "server.listen");
    }
    return std::make_pair(host, static_cast<unsigned short>(port));
}

Result<Settings> ParseSettings(const Json& section) {
    Settings s;
    SettingsReader r(section, "server");
    r.String("listen", s.listen, 300)
        .Int("threads", s.threads, 0, 256)
        .Size("header_limit_bytes", s.header_limit_bytes, 1024, 1024 * 1024)
        .Size("body_limit_bytes", s.body_limit_bytes, 1024, std::size_t{1} << 32)
        .Seconds("idle_timeout_s", s.idle_timeout, 1, 3600)
        .Seconds("read_timeout_s", s.read_timeout, 1, 3600)
        .Seconds("write_timeout_s", s.write_timeout, 1, 3600)
        .Seconds("shutdown_grace_s", s.shutdown_grace, 0, 600)
        .Seconds("sse_heartbeat_s", s.sse_heartbeat, 1, 300)
        .Int("max_connections", s.max_connections, 1, 1'000'000)
        .Size("sse_queue_limit", s.sse_queue_limit, 10, 1'000'000)
        .String("web_root", s.web_root);
    if (auto st = r.Finish(); !st) return Fail(st.error());
    if (auto l = ParseListen(s.listen); !l) return Fail(l.error());
    return s;
}

}  // namespace precinct::server
