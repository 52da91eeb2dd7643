#include "core/logging.hpp"

#include <fmt/format.h>
#include <spdlog/async.h>
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
        spdlog::init_thread_pool(65536, 1);
        if (settings.access == "stdout") {
            auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
            g_access = std::make_shared<spdlog::async_logger>("access", sink, spdlog::thread_pool(),
                                                              spdlog::async_overflow_policy::overrun_oldest);
        } else {
            std::filesystem::create_directories(data_dir / "logs");
            auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                (data_dir / "logs" / "access.jsonl").string(), 64 * 1024 * 1024, 5);
            g_access = std::make_shared<spdlog::async_logger>("access", sink, spdlog::thread_pool(),
                                                              spdlog::async_overflow_policy::overrun_oldest);
        }
        g_access->set_pattern("%v");
        g_access->flush_on(spdlog::level::err);
        spdlog::flush_every(std::chrono::seconds(2));
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
