#include "card/apdu_exchange.hpp"

#include <fmt/format.h>

namespace precinct::identity {

namespace {


Result<ResponseApdu> SendOnce(const CommandApdu& command, const RawTransmit& raw) {
    auto answer = raw(EncodeCommand(command));
    if (!answer) return Fail(answer.error());
    if (answer->size() < 2) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("the card answered {} byte(s), fewer than a status word", answer->size()));
    }
    return ParseResponse(*answer);
}

}  // namespace

Result<ResponseApdu> ExchangeApdu(const CommandApdu& command, const RawTransmit& raw) {
    auto response = SendOnce(command, raw);
    if (!response) return response;
    if ((response->sw & 0xFF00) == 0x6C00) {
        CommandApdu again = command;
        const std::uint32_t le = response->sw & 0xFF;
        again.le = le == 0 ? 256 : le;
        again.extended = false;
        response = SendOnce(again, raw);
        if (!response) return response;
    }
    Bytes data = std::move(response->data);
    std::uint16_t sw = response->sw;
    for (int round = 0; (sw & 0xFF00) == 0x6100; ++round) {
        if (round >= kMaxGetResponseRounds) {
            return Fail(ErrorCode::kTooLarge,
                        fmt::format("the card kept announcing more data after {} GET RESPONSE rounds", round));
        }
        CommandApdu get_response;
        get_response.cla = static_cast<std::uint8_t>(command.cla & 0x03);
        get_response.ins = kInsGetResponse;
        const std::uint32_t le = sw & 0xFF;
        get_response.le = le == 0 ? 256 : le;
        auto more = SendOnce(get_response, raw);
        if (!more) return more;
        if (data.size() + more->data.size() > kMaxExchangeResponseBytes) {
            return Fail(ErrorCode::kTooLarge,
                        fmt::format("the card's response exceeds {} bytes", kMaxExchangeResponseBytes));
        }
        data.insert(data.end(), more->data.begin(), more->data.end());
        sw = more->sw;
    }
    return ResponseApdu{std::move(data), sw};
}

}  // namespace precinct::identity
