#pragma once
// The HTTP/1.1 server (Boost.Beast over Asio): keep-alive, per-route body limits, read/idle/write timeouts,
// bearer-token authentication, role checks, purposes for personal data, audit hooks, request ids, JSON access
// log, Prometheus metrics, Server-Sent Events, static pages, and graceful shutdown on SIGTERM/SIGINT.
#include <functional>
#include <memory>
#include <string_view>

#include "core/events.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"
#include "server/http.hpp"
#include "server/metrics.hpp"
#include "server/router.hpp"
#include "server/settings.hpp"
#include "server/static_files.hpp"
#include "server/topics.hpp"

namespace precinct::server {

struct ServerHooks {
    // Turns a bearer token into a principal.
    std::function<Result<Principal>(std::string_view token)> authenticate;
    // Records a call in the audit log: every change not audited by its service, and every read of personal
    // data. An error turns the response into 503, so personal data never leaves unaudited.
    std::function<Status(const Request&, int status)> audit;
};

class HttpServer {
public:
    HttpServer(Settings settings, const Router& router, Metrics& metrics, const StaticFiles& files, Bus& bus,
               const TopicRegistry& topics, ServerHooks hooks);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the listen address. After success, port() is the bound port (useful with port 0).
    Status Listen();
    unsigned short port() const;
    // Serves until Stop() or SIGTERM/SIGINT, then lets in-flight requests finish (up to shutdown_grace).
    void Run();
    // Begins a graceful stop. Thread-safe, idempotent.
    void Stop();
    bool ready() const;

    struct Impl;   // defined in http_server.cpp

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace precinct::server
