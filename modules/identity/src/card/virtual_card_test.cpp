#include "precinct/identity/virtual_card.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <thread>

#include "precinct/identity/apdu.hpp"

namespace precinct::identity {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// The vpcd side of the protocol, played by the test: frames out, frames in.
class FakeVpcd {
public:
    FakeVpcd() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    void Accept() { socket_ = std::make_unique<tcp::socket>(acceptor_.accept()); }
    void Send(const Bytes& payload) {
        Bytes frame{static_cast<std::uint8_t>(payload.size() >> 8), static_cast<std::uint8_t>(payload.size())};
        frame.insert(frame.end(), payload.begin(), payload.end());
        asio::write(*socket_, asio::buffer(frame));
    }
    Bytes Receive() {
        std::uint8_t header[2];
        asio::read(*socket_, asio::buffer(header));
        Bytes payload((std::size_t{header[0]} << 8) | header[1]);
        asio::read(*socket_, asio::buffer(payload));
        return payload;
    }
    void Close() { socket_->close(); }

private:
    asio::io_context io_;
    tcp::acceptor acceptor_;
    std::unique_ptr<tcp::socket> socket_;
};


TEST(VirtualCard, AnswersVpcdAsTheSoftwareCardWouldAndStartsFreshAtEachPowerOn) {
    auto factory = SoftwareCardFactory::Create(std::chrono::system_clock::now());
    ASSERT_TRUE(factory) << factory.error().message;
    int made = 0;
    const CardMaker maker = [&]() {
        ++made;
        return factory->Make(CardVariant::kGenuine);
    };
    FakeVpcd vpcd;
    VirtualCardOptions options;
    options.port = vpcd.port();
    std::atomic<bool> stop{false};
    Status status = Ok();
    std::thread card([&] { status = ServeVirtualCard(maker, options, stop); });
    vpcd.Accept();

    vpcd.Send(Bytes{0x04});  // the ATR
    EXPECT_EQ(vpcd.Receive(), VirtualCardAtr());
    // Before power-on the card answers nothing useful.
    vpcd.Send(EncodeCommand(CommandApdu{0x00, 0xA4, 0x04, 0x0C, HexLiteral("A0000002471001"), std::nullopt}));
    EXPECT_EQ(vpcd.Receive(), HexLiteral("6F00"));
    vpcd.Send(Bytes{0x01});  // power on
    vpcd.Send(EncodeCommand(CommandApdu{0x00, 0xA4, 0x04, 0x0C, HexLiteral("A0000002471001"), std::nullopt}));
    EXPECT_EQ(vpcd.Receive(), HexLiteral("9000"));
    // Files of the application need BAC or PACE first, as on the chip.
    vpcd.Send(EncodeCommand(CommandApdu{0x00, 0xB0, 0x9E, 0x00, {}, 4}));
    EXPECT_EQ(vpcd.Receive(), HexLiteral("6982"));
    // A malformed APDU is answered 6700, and the card goes on.
    vpcd.Send(HexLiteral("00B000000500"));
    EXPECT_EQ(vpcd.Receive(), HexLiteral("6700"));
    vpcd.Send(Bytes{0x02});  // reset: a fresh card
    vpcd.Send(Bytes{0x00});  // power off
    vpcd.Close();            // pcscd stopped
    card.join();
    EXPECT_TRUE(status) << status.error().message;
    EXPECT_EQ(made, 2);
}

TEST(VirtualCard, SaysSoWhenVpcdCannotBeReached) {
    std::uint16_t port = 0;
    {
        FakeVpcd closed;  // a port that was free a moment ago and is closed again
        port = closed.port();
    }
    VirtualCardOptions options;
    options.port = port;
    options.connect_timeout_s = 0;
    std::atomic<bool> stop{false};
    const CardMaker maker = []() -> Result<std::unique_ptr<SoftwareCard>> {
        return Fail(ErrorCode::kInternal, "not used");
    };
    const Status s = ServeVirtualCard(maker, options, stop);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(s.error().message.find("vsmartcard-vpcd"), std::string::npos) << s.error().message;
}

}  // namespace
}  // namespace precinct::identity
