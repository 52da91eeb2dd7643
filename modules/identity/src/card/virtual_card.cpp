#include "precinct/identity/virtual_card.hpp"

#include <fmt/format.h>

#include <boost/asio.hpp>
#include <chrono>
#include <thread>

#include "precinct/identity/apdu.hpp"

namespace precinct::identity {

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr std::uint8_t kCtrlOff = 0x00;
constexpr std::uint8_t kCtrlOn = 0x01;
constexpr std::uint8_t kCtrlReset = 0x02;
constexpr std::uint8_t kCtrlAtr = 0x04;

Status Send(tcp::socket& socket, ByteView payload) {
    if (payload.size() > 0xFFFF) return Fail(ErrorCode::kInternal, "virtual card: answer longer than 65535 bytes");
    Bytes frame{static_cast<std::uint8_t>(payload.size() >> 8), static_cast<std::uint8_t>(payload.size() & 0xFF)};
    frame.insert(frame.end(), payload.begin(), payload.end());
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(frame), ec);
    if (ec) return Fail(ErrorCode::kUnavailable, "virtual card: writing to vpcd: " + ec.message());
    return Ok();
}

Result<tcp::socket> Connect(asio::io_context& io, const VirtualCardOptions& options, const std::atomic<bool>& stop) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.connect_timeout_s);
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options.host, ec);
    if (ec) return Fail(ErrorCode::kInvalidArgument, fmt::format("virtual card: {} is not an IP address", options.host));
    for (;;) {
        tcp::socket socket(io);
        socket.connect(tcp::endpoint(address, options.port), ec);
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            return socket;
        }
        if (stop || std::chrono::steady_clock::now() >= deadline) {
            return Fail(ErrorCode::kUnavailable,
                        fmt::format("virtual card: cannot reach vpcd at {}:{} ({}): is pcscd running with the "
                                    "vsmartcard-vpcd driver?",
                                    options.host, options.port, ec.message()));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

}  // namespace

Bytes VirtualCardAtr() { return Bytes{0x3B, 0x80, 0x80, 0x01, 0x01}; }

Status ServeVirtualCard(const CardMaker& make_card, const VirtualCardOptions& options, const std::atomic<bool>& stop) {
    asio::io_context io;
    auto connected = Connect(io, options, stop);
    if (!connected) return Fail(connected.error());
    tcp::socket& socket = *connected;
    std::unique_ptr<SoftwareCard> card;
    Bytes payload;
    while (!stop) {
        std::uint8_t header[2];
        boost::system::error_code ec;
        asio::read(socket, asio::buffer(header), ec);
        if (ec == asio::error::eof || ec == asio::error::connection_reset) return Ok();  // pcscd stopped
        if (ec) return Fail(ErrorCode::kUnavailable, "virtual card: reading from vpcd: " + ec.message());
        payload.resize((std::size_t{header[0]} << 8) | header[1]);
        asio::read(socket, asio::buffer(payload), ec);
        if (ec) return Fail(ErrorCode::kUnavailable, "virtual card: reading from vpcd: " + ec.message());
        if (payload.empty()) return Fail(ErrorCode::kInvalidArgument, "virtual card: vpcd sent an empty message");
        if (payload.size() == 1) {
            switch (payload[0]) {
                case kCtrlOff:
                    card.reset();
                    break;
                case kCtrlOn:
                case kCtrlReset: {
                    auto fresh = make_card();
                    if (!fresh) return Fail(fresh.error());
                    card = std::move(*fresh);
                    break;
                }
                case kCtrlAtr:
                    if (auto s = Send(socket, VirtualCardAtr()); !s) return s;
                    break;
                default:
                    return Fail(ErrorCode::kInvalidArgument,
                                fmt::format("virtual card: vpcd sent the unknown control {:02X}", payload[0]));
            }
            continue;
        }
        ResponseApdu response{{}, 0x6F00};  // no precise diagnosis: the card is not powered
        if (card) {
            auto command = ParseCommand(payload);
            if (!command) {
                response.sw = 0x6700;  // wrong length
            } else {
                auto answer = card->Transmit(*command);
                if (!answer) return Fail(answer.error());
                response = std::move(*answer);
            }
        }
        if (auto s = Send(socket, EncodeResponse(response)); !s) return s;
    }
    return Ok();
}

}  // namespace precinct::identity
