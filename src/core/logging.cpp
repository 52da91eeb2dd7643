#include "core/logging.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace precinct {
namespace {
std::shared_ptr<spdlog::logger> g_access;
}

Status InitLogging(const LogSettings& settings, const std::filesystem::path& data_dir) {
    try {
        auto level = spdlog::level::from_str(settings.level);
        auto app = spdlog::stderr_color_mt("precinct");
        app->set_level(level);
        app->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
        spdlog::set_default_logger(app);
        if (settings.access == "off") {
            g_access.reset();
            return Ok();
        }
        // A synchronous logger: each line goes into the sink's stdio buffer under the sink's mutex, and a
        // background flush writes the buffer out every second. An asynchronous logger was measured slower here
        // (its queue wakes the writer thread on every request) and drops lines when the queue is full.
        spdlog::sink_ptr sink;
        if (settings.access == "stdout") {
            sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
        } else {
            std::filesystem::create_directories(data_dir / "logs");
            sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                (data_dir / "logs" / "access.jsonl").string(), 64 * 1024 * 1024, 5);
        }
        spdlog::drop("access");
        g_access = std::make_shared<spdlog::logger>("access", std::move(sink));
        g_access->set_pattern("%v");
        g_access->flush_on(spdlog::level::err);
        spdlog::register_logger(g_access);  // so that flush_every reaches it
        spdlog::flush_every(std::chrono::seconds(1));
        return Ok();
    } catch (const std::exception& e) {
        return Fail(ErrorCode::kInternal, fmt::format("cannot set up logging: {}", e.what()));
    }
}

std::shared_ptr<spdlog::logger> AccessLogger() { return g_access; }

void AppendJsonEscaped(std::string& out, std::string_view text) {
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
}

}  // namespace precinct
