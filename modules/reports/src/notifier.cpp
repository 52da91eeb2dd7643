#include "notifier.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/json.hpp"

namespace precinct::reports {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

class LogNotifier final : public Notifier {
public:
    Status Notify(const Notification& n) override {
        // No contact details in the log: only that a message would go out, and how.
        spdlog::info("reports: notify {} status {} ({}{})", n.code, n.status, n.phone.empty() ? "" : "sms ",
                     n.email.empty() ? "" : "e-mail");
        return Ok();
    }
    std::string Describe() const override { return "log"; }
};

class WebhookNotifier final : public Notifier {
public:
    WebhookNotifier(std::string url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {
        // http://host[:port]/path
        std::string rest = url_.substr(7);
        const auto slash = rest.find('/');
        target_ = slash == std::string::npos ? "/" : rest.substr(slash);
        std::string hostport = rest.substr(0, slash);
        const auto colon = hostport.rfind(':');
        host_ = colon == std::string::npos ? hostport : hostport.substr(0, colon);
        port_ = colon == std::string::npos ? "80" : hostport.substr(colon + 1);
    }
    Status Notify(const Notification& n) override {
        try {
            net::io_context ioc;
            net::ip::tcp::resolver resolver(ioc);
            beast::tcp_stream stream(ioc);
            stream.expires_after(timeout_);
            stream.connect(resolver.resolve(host_, port_));
            http::request<http::string_body> req{http::verb::post, target_, 11};
            req.set(http::field::host, host_);
            req.set(http::field::content_type, "application/json");
            req.body() = Json{{"code", n.code},       {"status", n.status}, {"text_vi", n.text_vi},
                              {"text_en", n.text_en}, {"phone", n.phone},   {"email", n.email}}
                             .dump();
            req.prepare_payload();
            stream.expires_after(timeout_);
            http::write(stream, req);
            beast::flat_buffer buffer;
            http::response<http::string_body> res;
            http::read(stream, buffer, res);
            beast::error_code ignored;
            stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
            if (res.result_int() >= 300) {
                return Fail(ErrorCode::kUnavailable, fmt::format("notification gateway answered {}", res.result_int()));
            }
            return Ok();
        } catch (const std::exception& e) {
            return Fail(ErrorCode::kUnavailable, fmt::format("notification gateway: {}", e.what()));
        }
    }
    std::string Describe() const override { return "webhook " + url_; }

private:
    std::string url_, host_, port_, target_;
    std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<Notifier> CreateLogNotifier() { return std::make_unique<LogNotifier>(); }

std::unique_ptr<Notifier> CreateWebhookNotifier(std::string url, std::chrono::milliseconds timeout) {
    return std::make_unique<WebhookNotifier>(std::move(url), timeout);
}

}  // namespace precinct::reports
