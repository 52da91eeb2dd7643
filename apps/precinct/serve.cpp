#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "core/logging.hpp"
#include "platform.hpp"
#include "server/http_server.hpp"
#include "server/platform_routes.hpp"

namespace precinct::app {
namespace {

struct DemoAccount {
    const char* username;
    const char* display_name;
    Role role;
};

constexpr DemoAccount kDemoAccounts[] = {
    {"calltaker", "Nguyễn Thị Hoa (demo)", Role::kCallTaker},
    {"dispatcher", "Trần Văn Minh (demo)", Role::kDispatcher},
    {"supervisor", "Lê Quang Huy (demo)", Role::kSupervisor},
    {"clerk", "Phạm Thu Trang (demo)", Role::kClerk},
    {"investigator", "Hoàng Đức Anh (demo)", Role::kInvestigator},
    {"admin", "Vũ Thanh Sơn (demo)", Role::kAdmin},
    {"auditor", "Đặng Minh Châu (demo)", Role::kAuditor},
};
constexpr const char* kDemoPassword = "precinct-demo";

Status SeedDemo(auth::AuthService& auth) {
    for (const auto& a : kDemoAccounts) {
        auto existing = auth.FindUser(a.username);
        if (!existing) return Fail(existing.error());
        if (*existing) continue;
        auto created = auth.CreateUser({a.username, a.display_name, kDemoPassword, a.role},
                                       auth::Actor{"demo-seed", "", "local", ""});
        if (!created) return Fail(created.error());
    }
    return Ok();
}

std::filesystem::path WebRoot(const server::Settings& s) {
    if (!s.web_root.empty()) return s.web_root;
    return PRECINCT_DEFAULT_WEB_ROOT;
}

// Publishes a status event on the system topic every few seconds until stopped.
class Heartbeat {
public:
    Heartbeat(Bus& bus, const Clock& clock) : bus_(bus), clock_(clock) {
        thread_ = std::thread([this] { Loop(); });
    }
    ~Heartbeat() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }

private:
    void Loop() {
        std::unique_lock lock(mutex_);
        const auto started = clock_.Now();
        while (!cv_.wait_for(lock, std::chrono::seconds(10), [this] { return stop_; })) {
            const auto up = std::chrono::duration_cast<std::chrono::seconds>(clock_.Now() - started).count();
            bus_.Publish(std::string(server::kSystemTopic),
                         Json{{"kind", "status"}, {"server_time", FormatTime(clock_.Now())}, {"uptime_s", up}});
        }
    }
    Bus& bus_;
    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace

int RunServe(const ServeOptions& options) {
    auto config = LoadConfig(options.config);
    if (!config) {
        std::cerr << "precinct: configuration error: " << config.error().message << "\n";
        return 2;
    }
    if (!options.listen.empty()) {
        config->server.listen = options.listen;
        if (auto l = server::ParseListen(options.listen); !l) {
            std::cerr << "precinct: --listen: " << l.error().message << "\n";
            return 2;
        }
    }
    const std::filesystem::path data_dir = options.data_dir;
    if (auto s = InitLogging(config->log, data_dir); !s) {
        std::cerr << "precinct: " << s.error().message << "\n";
        return 3;
    }
    auto platform = OpenPlatform(data_dir, *config);
    if (!platform) {
        spdlog::error("cannot open the data directory {}: {}", data_dir.string(), platform.error().message);
        return 3;
    }
    auto& p = *platform;

    server::Router router;
    server::Metrics metrics;
    server::TopicRegistry topics;
    ModuleRegistry registry;
    RegisterModules(registry);
    server::ServiceDirectory module_services;
    ModuleContext ctx{*p.db, *p.bus, *p.clock, *p.audit, router, metrics, topics, options.demo, &module_services,
                      data_dir};
    if (auto s = registry.CreateAll(config->modules, ctx); !s) {
        spdlog::error("configuration error: {}", s.error().message);
        return 2;
    }
    if (options.demo) {
        if (auto s = SeedDemo(*p.auth); !s) {
            spdlog::error("cannot create the demo accounts: {}", s.error().message);
            return 3;
        }
    }

    std::unique_ptr<server::HttpServer> http;
    server::PlatformServices services{*p.auth, *p.audit, metrics, topics,
                                      [&http] { return http && http->ready(); },
                                      server::PlatformInfo{PRECINCT_VERSION, FormatTime(p.clock->Now()),
                                                           p.db->Describe(), registry.Describe()}};
    server::AddPlatformRoutes(router, services);
    for (const auto& [name, enabled] : registry.Describe()) {
        metrics.AddGauge("precinct_module_enabled", "1 for each module built in and enabled, 0 if disabled.",
                         fmt::format("module=\"{}\"", name), [on = enabled] { return on ? 1.0 : 0.0; });
    }
    metrics.AddGauge("precinct_build_info", "Always 1; the labels name the version.",
                     fmt::format("version=\"{}\"", PRECINCT_VERSION), [] { return 1.0; });

    server::StaticFiles files;
    files.Load(WebRoot(config->server));

    server::ServerHooks hooks;
    hooks.authenticate = [&p](std::string_view token) { return p.auth->Resolve(token); };
    hooks.audit = [&p](const server::Request& req, int status) -> Status {
        auth::AuditEntry e;
        e.actor = req.principal ? req.principal->username : "anonymous";
        e.role = req.principal ? std::string(RoleName(req.principal->role)) : "";
        e.action = fmt::format("{} {}", server::MethodName(req.method), req.route);
        e.target = req.path;
        e.purpose = req.purpose;
        e.source_ip = req.remote_ip;
        e.request_id = req.request_id;
        e.detail = Json{{"status", status}}.dump();
        auto r = p.audit->Append(e);
        if (!r) return Fail(r.error());
        return Ok();
    };
    http = std::make_unique<server::HttpServer>(config->server, router, metrics, files, *p.bus, topics, hooks);
    if (auto s = http->Listen(); !s) {
        spdlog::error("{}", s.error().message);
        return 3;
    }
    if (auto s = registry.StartAll(); !s) {
        spdlog::error("{}", s.error().message);
        return 3;
    }
    const auto hp = server::ParseListen(config->server.listen);
    const std::string host = hp->first == "0.0.0.0" || hp->first == "::" ? "127.0.0.1" : hp->first;
    const std::string base = host.find(':') != std::string::npos ? fmt::format("http://[{}]:{}", host, http->port())
                                                                 : fmt::format("http://{}:{}", host, http->port());
    std::cout << fmt::format("precinct {} listening on {}:{}\n", PRECINCT_VERSION, hp->first, http->port());
    std::cout << fmt::format("  Bảng điều khiển / officer console: {}/console/\n", base);
    std::cout << fmt::format("  Cổng công dân / citizen portal:    {}/\n", base);
    std::cout << fmt::format("  Database: {}\n", p.db->Describe());
    if (options.demo) {
        std::cout << fmt::format("  Tài khoản demo / demo accounts (password '{}'):", kDemoPassword);
        for (const auto& a : kDemoAccounts) std::cout << ' ' << a.username;
        std::cout << "\n";
    }
    std::cout << std::flush;
    {
        Heartbeat heartbeat(*p.bus, *p.clock);
        http->Run();
    }
    registry.StopAll();
    spdlog::info("stopped");
    spdlog::shutdown();
    return 0;
}

}  // namespace precinct::app
