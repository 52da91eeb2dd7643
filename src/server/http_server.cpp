#include "server/http_server.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/logging.hpp"

namespace precinct::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

bool ValidRequestId(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

bool IsChange(Method m) { return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete; }

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

class Session;

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
    Impl(Settings s, const Router& r, Metrics& m, const StaticFiles& f, Bus& b, const TopicRegistry& t, ServerHooks h)
        : settings(std::move(s)),
          router(r),
          metrics(m),
          files(f),
          bus(b),
          topics(t),
          hooks(std::move(h)),
          threads(settings.threads > 0 ? settings.threads
                                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()))),
          contexts(MakeContexts(threads)),
          ioc(*contexts.front()),
          acceptor(ioc),
          signals(ioc, SIGINT, SIGTERM),
          drain_timer(ioc) {
        unmatched = metrics.ForRoute("ANY", "unmatched");
        static_metrics = metrics.ForRoute("GET", "static");
        metrics.AddGauge("precinct_http_connections", "Open client connections.", "",
                         [this] { return static_cast<double>(connections.load()); });
        metrics.AddGauge("precinct_http_in_flight_requests", "Requests being handled now.", "",
                         [this] { return static_cast<double>(in_flight.load()); });
        metrics.AddGauge("precinct_events_subscribers", "Live event streams open now.", "",
                         [this] { return static_cast<double>(bus.SubscriberCount()); });
        rejected = &metrics.Counter("precinct_http_connections_rejected_total",
                                    "Connections closed at once because max_connections was reached.");
    }

    void Accept();
    void OnAccept(beast::error_code ec, tcp::socket socket);
    void Admit(tcp::socket socket);
    void StopContexts();
    // One event loop per thread, each run by its own thread: a connection lives on one loop for its whole life,
    // so its handlers need no strand, and threads do not wake one another for every ready socket (measured:
    // a single loop shared by all threads spent a quarter of its time switching between them).
    static std::vector<std::unique_ptr<net::io_context>> MakeContexts(int n) {
        std::vector<std::unique_ptr<net::io_context>> v;
        for (int i = 0; i < n; ++i) v.push_back(std::make_unique<net::io_context>(1));
        return v;
    }
    net::io_context& NextContext() {
        return *contexts[next_context.fetch_add(1, std::memory_order_relaxed) % contexts.size()];
    }
    static constexpr int kAcceptBurst = 256;
    void BeginStop();
    void CheckDrained();
    void Register(const std::shared_ptr<Session>& s);
    void Unregister(Session* s);

    Settings settings;
    const Router& router;
    Metrics& metrics;
    const StaticFiles& files;
    Bus& bus;
    const TopicRegistry& topics;
    ServerHooks hooks;
    int threads;
    std::vector<std::unique_ptr<net::io_context>> contexts;
    net::io_context& ioc;   // the first loop: acceptor, signals, shutdown timer
    std::atomic<unsigned> next_context{0};
    std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
    tcp::acceptor acceptor;
    net::signal_set signals;
    net::steady_timer drain_timer;
    std::chrono::steady_clock::time_point drain_deadline;
    RouteMetrics* unmatched = nullptr;
    RouteMetrics* static_metrics = nullptr;
    std::atomic<std::uint64_t>* rejected = nullptr;
    std::atomic<int> connections{0};
    std::atomic<int> in_flight{0};
    std::atomic<bool> stopping{false};
    std::atomic<bool> is_ready{false};
    std::mutex sessions_mutex;
    std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
    std::unordered_map<const Route*, RouteMetrics*> route_metrics;   // filled before serving, then read-only
};

// One client connection. All its handlers run on the one thread of the event loop it was accepted onto.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, std::shared_ptr<HttpServer::Impl> server)
        : stream_(std::move(socket)), server_(std::move(server)), heartbeat_(stream_.get_executor()) {
        beast::error_code ec;
        auto ep = stream_.socket().remote_endpoint(ec);
        if (!ec) remote_ip_ = ep.address().to_string();
        server_->connections.fetch_add(1);
    }
    ~Session() {
        server_->connections.fetch_sub(1);
        server_->Unregister(this);
    }

    void Start() {
        server_->Register(shared_from_this());
        net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
    }

    // Called on shutdown: idle connections close now; busy ones close after their response; streams end.
    void Shutdown() {
        net::post(stream_.get_executor(), [self = shared_from_this()] {
            if (self->state_ == State::kIdle || self->state_ == State::kStreaming) self->Close();
        });
    }

private:
    enum class State { kIdle, kBusy, kStreaming, kClosed };

    const Settings& settings() const { return server_->settings; }

    void ReadHeader() {
        if (server_->stopping.load()) return Close();
        state_ = State::kIdle;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(settings().header_limit_bytes));
        // The route's limit is applied once the header is known. (Not boost::none: Boost 1.74 compares
        // Content-Length against an empty optional as if the limit were zero.)
        parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        stream_.expires_after(settings().idle_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    void OnHeader(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
            ec == net::error::connection_reset || ec == net::error::eof) {
            return Close();
        }
        BeginRequest();
        if (ec) {
            if (ec == http::error::body_limit) return RespondEarly(TooLarge(settings().body_limit_bytes));
            if (ec == http::error::header_limit) {
                return RespondEarly(Problem(431, "too-large", "Tiêu đề yêu cầu quá lớn — Request headers too large",
                                            fmt::format("request headers are larger than {} bytes",
                                                        settings().header_limit_bytes),
                                            req_));
            }
            return RespondEarly(Problem(400, "invalid-argument", "Yêu cầu không hợp lệ — Bad request",
                                        fmt::format("malformed HTTP request: {}", ec.message()), req_));
        }
        const auto& msg = parser_->get();
        req_.method = ParseMethod(std::string_view(msg.method_string().data(), msg.method_string().size()));
        const std::string_view target(msg.target().data(), msg.target().size());
        const auto q = target.find('?');
        req_.path = std::string(target.substr(0, q));
        if (q != std::string_view::npos) req_.query = std::string(target.substr(q + 1));
        req_.headers.reserve(8);
        for (const auto& field : msg) {
            std::string name(field.name_string().data(), field.name_string().size());
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            req_.headers.emplace_back(std::move(name), std::string(field.value().data(), field.value().size()));
        }
        if (auto id = req_.Header("x-request-id"); ValidRequestId(id)) req_.request_id = std::string(id);

        match_ = server_->router.Match(req_.method, req_.path);
        std::size_t limit = settings().body_limit_bytes;
        if (match_.route && match_.route->options.max_body_bytes > 0) limit = match_.route->options.max_body_bytes;
        if (auto len = parser_->content_length(); len && *len > limit) {
            return RespondEarly(TooLarge(limit));
        }
        parser_->body_limit(limit);
        body_limit_ = limit;
        stream_.expires_after(settings().read_timeout);
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnBody, shared_from_this()));
    }

    void OnBody(beast::error_code ec, std::size_t) {
        if (ec == http::error::body_limit) return RespondEarly(TooLarge(body_limit_));
        if (ec == beast::error::timeout) {
            return RespondEarly(Problem(408, "timeout", "Hết thời gian chờ — Request timeout",
                                        "the request body did not arrive in time", req_));
        }
        if (ec) return Close();
        req_.body = std::move(parser_->get().body());
        keep_alive_ = parser_->keep_alive();
        Response res = Handle();
        if (res.sse_topics) return StartStream(std::move(*res.sse_topics));
        Write(std::move(res));
    }

    Response TooLarge(std::size_t limit) {
        return Problem(Error{ErrorCode::kTooLarge, fmt::format("the request body is larger than {} bytes", limit),
                             "body", 0},
                       req_);
    }

    void BeginRequest() {
        state_ = State::kBusy;
        server_->in_flight.fetch_add(1);
        counted_ = true;
        started_ = std::chrono::steady_clock::now();
        req_ = Request{};
        req_.remote_ip = remote_ip_;
        req_.request_id = NewRequestId();
        match_ = RouteMatch{};
        keep_alive_ = false;
    }

    // The whole pipeline: route, authenticate, authorise, purpose, handler, audit.
    Response Handle() {
        const Route* route = match_.route;
        if (!route) {
            if (match_.bad_path) {
                return Problem(Error{ErrorCode::kInvalidArgument, "the path has invalid percent-encoding", "path", 0},
                               req_);
            }
            if (!match_.allow.empty()) {
                auto r = Problem(405, "method-not-allowed", "Phương thức không được hỗ trợ — Method not allowed",
                                 fmt::format("{} is not allowed here; allowed: {}", MethodName(req_.method),
                                             match_.allow),
                                 req_);
                r.headers.emplace_back("Allow", match_.allow);
                return r;
            }
            if (!req_.path.starts_with("/api/")) {
                if (auto page = server_->files.Serve(req_)) {
                    is_static_ = true;
                    return std::move(*page);
                }
            }
            return Problem(Error{ErrorCode::kNotFound, fmt::format("no such resource: {}", req_.path), "", 0}, req_);
        }
        req_.route = route->pattern;
        req_.params = std::move(match_.params);

        const auto authz = req_.Header("authorization");
        if (authz.size() > 7 && (authz.substr(0, 7) == "Bearer " || authz.substr(0, 7) == "bearer ")) {
            auto principal = server_->hooks.authenticate(Trim(authz.substr(7)));
            if (principal) {
                req_.principal = std::move(*principal);
            } else if (!route->access.is_public) {
                return Problem(principal.error(), req_);
            }
        }
        if (!route->access.is_public) {
            if (!req_.principal) {
                return Problem(Error{ErrorCode::kUnauthenticated, "sign in first: this route needs a bearer token",
                                     "", 0},
                               req_);
            }
            if (!route->access.Allows(req_.principal->role)) {
                return Problem(Error{ErrorCode::kForbidden,
                                     fmt::format("role {} may not use {} {}", RoleName(req_.principal->role),
                                                 MethodName(route->method), route->pattern),
                                     "", 0},
                               req_);
            }
        }
        if (route->options.personal_data) {
            std::string purpose(Trim(req_.Header("x-purpose")));
            if (purpose.empty()) purpose = req_.QueryParam("purpose").value_or("");
            if (purpose.size() < 3 || purpose.size() > 200) {
                return Problem(Error{ErrorCode::kInvalidArgument,
                                     "purpose: reading personal data needs a stated purpose of 3 to 200 bytes "
                                     "(header X-Purpose)",
                                     "purpose", 0},
                               req_);
            }
            req_.purpose = std::move(purpose);
        }

        Response res;
        try {
            res = route->handler(req_);
        } catch (const std::exception& e) {
            res = Problem(Error{ErrorCode::kInternal, fmt::format("unhandled exception: {}", e.what()), "", 0}, req_);
        }
        const bool audited_change = IsChange(req_.method) && !route->options.self_audited;
        if ((audited_change || route->options.personal_data) && server_->hooks.audit) {
            if (auto s = server_->hooks.audit(req_, res.status); !s) {
                spdlog::error("request {}: audit write failed: {}", req_.request_id, s.error().message);
                if (route->options.personal_data) {
                    res = Problem(Error{ErrorCode::kUnavailable, "the audit log cannot be written; try again later",
                                        "", 5},
                                  req_);
                }
            }
        }
        return res;
    }

    void Decorate(http::response<http::string_body>& out, const Response& res) {
        out.set(http::field::server, "precinct");
        out.set("X-Request-Id", req_.request_id);
        out.set("X-Content-Type-Options", "nosniff");
        out.set("Referrer-Policy", "no-referrer");
        out.set("X-Frame-Options", "DENY");
        if (!is_static_) out.set(http::field::cache_control, "no-store");
        if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
        for (const auto& [name, value] : res.headers) out.set(name, value);
    }

    void Write(Response res) {
        auto out = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(res.status), 11);
        Decorate(*out, res);
        const bool close = !keep_alive_ || server_->stopping.load();
        out->keep_alive(!close);
        if (req_.method == Method::kHead) {
            out->content_length(res.body.size());
        } else {
            out->body() = std::move(res.body);
            out->prepare_payload();
        }
        Finish(res.status, out->body().size());
        stream_.expires_after(settings().write_timeout);
        http::async_write(stream_, *out, [self = shared_from_this(), out, close](beast::error_code ec, std::size_t) {
            if (ec || close) return self->Close();
            self->ReadHeader();
        });
    }

    // Answers before the body was read (too large, malformed): the connection cannot be reused.
    void RespondEarly(Response res) {
        keep_alive_ = false;
        Write(std::move(res));
    }

    void Finish(int status, std::size_t bytes) {
        const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        RouteMetrics* m = is_static_ ? server_->static_metrics : server_->unmatched;
        if (match_.route) {
            if (auto it = server_->route_metrics.find(match_.route); it != server_->route_metrics.end()) m = it->second;
        }
        m->Observe(status, elapsed);
        if (counted_) {
            counted_ = false;
            server_->in_flight.fetch_sub(1);
        }
        if (auto log = AccessLogger()) {
            std::string line = "{\"ts\":\"";
            line += FormatTime(std::chrono::system_clock::now());
            line += "\",\"rid\":\"";
            line += req_.request_id;
            line += "\",\"ip\":\"";
            AppendJsonEscaped(line, remote_ip_);
            line += "\",\"method\":\"";
            line += MethodName(req_.method);
            // Matched routes log only their pattern: paths may carry personal data (a card number, a username),
            // which belongs in the audit log, linked by the request id, not in the access log.
            line += "\",\"path\":\"";
            AppendJsonEscaped(line, match_.route ? std::string_view(match_.route->pattern)
                                                 : std::string_view(req_.path).substr(0, 512));
            line += fmt::format("\",\"status\":{},\"bytes\":{},\"ms\":{:.3f},\"user\":\"", status, bytes,
                                elapsed * 1000);
            if (req_.principal) AppendJsonEscaped(line, req_.principal->username);
            line += "\"}";
            log->info(line);
        }
        is_static_ = false;
    }

    // ---- Server-Sent Events ----
    void StartStream(std::vector<std::string> topics) {
        state_ = State::kStreaming;
        Finish(200, 0);
        std::string head = fmt::format(
            "HTTP/1.1 200 OK\r\nServer: precinct\r\nContent-Type: text/event-stream; charset=utf-8\r\n"
            "Cache-Control: no-store\r\nX-Accel-Buffering: no\r\nX-Request-Id: {}\r\nConnection: close\r\n\r\n",
            req_.request_id);
        head += fmt::format("event: hello\ndata: {}\n\n",
                            Json{{"topics", topics}, {"server_time", FormatTime(std::chrono::system_clock::now())}}
                                .dump());
        std::weak_ptr<Session> weak = shared_from_this();
        auto executor = stream_.get_executor();
        subscription_ = server_->bus.Subscribe(topics, [weak, executor](const Event& e) {
            std::string text = fmt::format("id: {}\nevent: {}\ndata: {}\n\n", e.id, e.topic,
                                           e.data.dump(-1, ' ', false, Json::error_handler_t::replace));
            net::post(executor, [weak, text = std::move(text)]() mutable {
                if (auto self = weak.lock()) self->Enqueue(std::move(text));
            });
        });
        Enqueue(std::move(head));
        ScheduleHeartbeat();
    }

    void Enqueue(std::string text) {
        if (state_ != State::kStreaming) return;
        if (queue_.size() >= settings().sse_queue_limit) {
            spdlog::warn("event stream {} too slow: {} events queued; closing it", req_.request_id, queue_.size());
            return Close();
        }
        queue_.push_back(std::move(text));
        if (!writing_) WriteNext();
    }

    void WriteNext() {
        if (queue_.empty() || state_ != State::kStreaming) {
            writing_ = false;
            return;
        }
        writing_ = true;
        stream_.expires_after(settings().write_timeout);
        net::async_write(stream_, net::buffer(queue_.front()),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->Close();
                             self->queue_.pop_front();
                             self->WriteNext();
                         });
    }

    void ScheduleHeartbeat() {
        heartbeat_.expires_after(settings().sse_heartbeat);
        heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->state_ != State::kStreaming) return;
            self->Enqueue(": ping\n\n");
            self->ScheduleHeartbeat();
        });
    }

    void Close() {
        if (counted_) {
            counted_ = false;
            server_->in_flight.fetch_sub(1);
        }
        const bool was_closed = state_ == State::kClosed;
        state_ = State::kClosed;
        if (was_closed) return;
        subscription_.reset();
        heartbeat_.cancel();
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<HttpServer::Impl> server_;
    std::optional<http::request_parser<http::string_body>> parser_;
    net::steady_timer heartbeat_;
    std::string remote_ip_;
    State state_ = State::kIdle;
    Request req_;
    RouteMatch match_;
    bool keep_alive_ = false;
    bool is_static_ = false;
    std::size_t body_limit_ = 0;
    std::chrono::steady_clock::time_point started_;
    std::unique_ptr<Subscription> subscription_;
    std::deque<std::string> queue_;
    bool writing_ = false;
    bool counted_ = false;
};

void HttpServer::Impl::Register(const std::shared_ptr<Session>& s) {
    std::lock_guard lock(sessions_mutex);
    sessions.emplace(s.get(), s);
}

void HttpServer::Impl::Unregister(Session* s) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(s);
}

void HttpServer::Impl::Accept() {
    acceptor.async_accept(NextContext(), beast::bind_front_handler(&Impl::OnAccept, shared_from_this()));
}

void HttpServer::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
    if (stopping.load()) return;
    if (!ec) {
        Admit(std::move(socket));
        // Drain the rest of the listen backlog now, without waiting for another turn of the event loop: under
        // load a turn takes as long as every ready connection's handlers, and a burst of new connections would
        // otherwise wait for one turn each. The acceptor is non-blocking, so accept() stops at an empty backlog.
        for (int i = 0; i < kAcceptBurst; ++i) {
            tcp::socket next(NextContext());
            beast::error_code burst_ec;
            acceptor.accept(next, burst_ec);
            if (burst_ec) break;
            Admit(std::move(next));
        }
    } else if (ec == net::error::operation_aborted) {
        return;
    } else {
        spdlog::warn("accept failed: {}", ec.message());
    }
    Accept();
}

void HttpServer::Impl::Admit(tcp::socket socket) {
    if (connections.load() >= settings.max_connections) {
        rejected->fetch_add(1);
        beast::error_code ignored;
        socket.close(ignored);
        return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<Session>(std::move(socket), shared_from_this())->Start();
}

void HttpServer::Impl::BeginStop() {
    if (stopping.exchange(true)) return;
    is_ready.store(false);
    spdlog::info("shutting down: no new connections; waiting up to {} s for requests in flight",
                 settings.shutdown_grace.count());
    net::post(acceptor.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor.close(ec);
    });
    std::vector<std::shared_ptr<Session>> live;
    {
        std::lock_guard lock(sessions_mutex);
        for (auto& [ptr, weak] : sessions) {
            if (auto s = weak.lock()) live.push_back(std::move(s));
        }
    }
    for (auto& s : live) s->Shutdown();
    drain_deadline = std::chrono::steady_clock::now() + settings.shutdown_grace;
    net::post(ioc, [self = shared_from_this()] { self->CheckDrained(); });
}

void HttpServer::Impl::CheckDrained() {
    if (in_flight.load() <= 0 || std::chrono::steady_clock::now() >= drain_deadline) {
        if (in_flight.load() > 0) spdlog::warn("{} requests still in flight at the deadline", in_flight.load());
        signals.cancel();
        StopContexts();
        return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(20));
    drain_timer.async_wait([self = shared_from_this()](beast::error_code) { self->CheckDrained(); });
}

HttpServer::HttpServer(Settings settings, const Router& router, Metrics& metrics, const StaticFiles& files, Bus& bus,
                       const TopicRegistry& topics, ServerHooks hooks)
    : impl_(std::make_shared<Impl>(std::move(settings), router, metrics, files, bus, topics, std::move(hooks))) {}

void HttpServer::Impl::StopContexts() {
    work.clear();
    for (auto& c : contexts) c->stop();
}

HttpServer::~HttpServer() {
    impl_->StopContexts();
}

Status HttpServer::Listen() {
    auto hp = ParseListen(impl_->settings.listen);
    if (!hp) return Fail(hp.error());
    beast::error_code ec;
    auto address = net::ip::make_address(hp->first == "localhost" ? "127.0.0.1" : hp->first, ec);
    if (ec) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("server.listen: bad address '{}'", hp->first),
                    "server.listen");
    }
    tcp::endpoint endpoint(address, hp->second);
    auto& acc = impl_->acceptor;
    acc.open(endpoint.protocol(), ec);
    if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acc.bind(endpoint, ec);
    if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
    if (!ec) acc.non_blocking(true, ec);
    if (ec) {
        return Fail(ErrorCode::kUnavailable, fmt::format("cannot listen on {}: {}", impl_->settings.listen, ec.message()));
    }
    return Ok();
}

unsigned short HttpServer::port() const {
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

void HttpServer::Run() {
    auto impl = impl_;
    for (const auto& route : impl->router.routes()) {
        impl->route_metrics[route.get()] =
            impl->metrics.ForRoute(std::string(MethodName(route->method)), route->pattern);
    }
    impl->signals.async_wait([impl](beast::error_code ec, int sig) {
        if (!ec) {
            spdlog::info("signal {} received", sig);
            impl->BeginStop();
        }
    });
    impl->Accept();
    impl->is_ready.store(true);
    for (auto& c : impl->contexts) impl->work.push_back(net::make_work_guard(*c));
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < impl->contexts.size(); ++i) {
        pool.emplace_back([impl, i] { impl->contexts[i]->run(); });
    }
    impl->ioc.run();
    for (auto& t : pool) t.join();
    impl->is_ready.store(false);
}

void HttpServer::Stop() {
    auto impl = impl_;
    net::post(impl->ioc, [impl] { impl->BeginStop(); });
}

bool HttpServer::ready() const { return impl_->is_ready.load(); }

}  // namespace precinct::server
