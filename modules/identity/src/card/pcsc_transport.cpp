#include "precinct/identity/pcsc_transport.hpp"

#include <winscard.h>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "card/apdu_exchange.hpp"

namespace precinct::identity {

namespace {

// Owns a PC/SC context.
class PcscContext {
public:
    PcscContext() = default;
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;
    ~PcscContext() {
        if (valid_) SCardReleaseContext(context_);
    }

    static Result<std::unique_ptr<PcscContext>> Establish() {
        auto ctx = std::make_unique<PcscContext>();
        const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx->context_);
        if (rv != SCARD_S_SUCCESS) return Fail(PcscError(rv, "connecting to the PC/SC service"));
        ctx->valid_ = true;
        return ctx;
    }

    SCARDCONTEXT get() const { return context_; }

private:
    SCARDCONTEXT context_ = 0;
    bool valid_ = false;
};

// The reader names of a context; empty when none is connected.
Result<std::vector<std::string>> ReaderNames(const PcscContext& context) {
    DWORD length = 0;
    LONG rv = SCardListReaders(context.get(), nullptr, nullptr, &length);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (rv != SCARD_S_SUCCESS) return Fail(PcscError(rv, "listing readers"));
    std::string buffer(length, '\0');
    rv = SCardListReaders(context.get(), nullptr, buffer.data(), &length);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (rv != SCARD_S_SUCCESS) return Fail(PcscError(rv, "listing readers"));
    buffer.resize(std::min<std::size_t>(length, buffer.size()));
    // A multi-string: names separated by NUL, ended by an empty name.
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start < buffer.size()) {
        const std::size_t end = buffer.find('\0', start);
        const std::size_t stop = end == std::string::npos ? buffer.size() : end;
        if (stop == start) break;
        names.push_back(buffer.substr(start, stop - start));
        start = stop + 1;
    }
    return names;
}

class PcscTransport : public CardTransport {
public:
    PcscTransport(std::unique_ptr<PcscContext> context, SCARDHANDLE card, DWORD protocol, std::string reader)
        : context_(std::move(context)), card_(card), protocol_(protocol), reader_(std::move(reader)) {}
    PcscTransport(const PcscTransport&) = delete;
    PcscTransport& operator=(const PcscTransport&) = delete;
    ~PcscTransport() override { SCardDisconnect(card_, SCARD_LEAVE_CARD); }

    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        return ExchangeApdu(command, [this](ByteView bytes) { return TransmitRaw(bytes); });
    }

    std::string Name() const override { return reader_; }

private:
    Result<Bytes> TransmitRaw(ByteView bytes) {
        const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
        Bytes answer(MAX_BUFFER_SIZE_EXTENDED);
        DWORD answer_length = static_cast<DWORD>(answer.size());
        const LONG rv = SCardTransmit(card_, pci, bytes.data(), static_cast<DWORD>(bytes.size()), nullptr,
                                      answer.data(), &answer_length);
        if (rv != SCARD_S_SUCCESS) return Fail(PcscError(rv, "sending a command to the card"));
        answer.resize(std::min<std::size_t>(answer_length, answer.size()));
        return answer;
    }

    std::unique_ptr<PcscContext> context_;
    SCARDHANDLE card_;
    DWORD protocol_;
    std::string reader_;
};

// Connects to the card in `reader`; the PC/SC code on failure.
Result<std::pair<SCARDHANDLE, DWORD>> ConnectCard(const PcscContext& context, const std::string& reader) {
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    const LONG rv = SCardConnect(context.get(), reader.c_str(), SCARD_SHARE_SHARED,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
    if (rv != SCARD_S_SUCCESS) return Fail(PcscError(rv, fmt::format("connecting to the card in '{}'", reader)));
    return std::make_pair(card, protocol);
}

}  // namespace

Error PcscError(std::int64_t code, std::string_view what) {
    const LONG rv = static_cast<LONG>(code);
    ErrorCode error_code = ErrorCode::kUnavailable;
    std::string cause;
    switch (rv) {
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED: cause = "no PC/SC service: is pcscd running?"; break;
        case SCARD_E_NO_READERS_AVAILABLE: cause = "no card reader found"; break;
        case SCARD_E_NO_SMARTCARD: cause = "no card in the reader"; break;
        case SCARD_W_REMOVED_CARD: cause = "the card was removed"; break;
        case SCARD_W_UNRESPONSIVE_CARD: cause = "the card does not answer: hold it still on the reader"; break;
        case SCARD_W_UNPOWERED_CARD: cause = "the card is not powered"; break;
        case SCARD_W_RESET_CARD: cause = "the card was reset by another program"; break;
        case SCARD_E_SHARING_VIOLATION: cause = "the card is in use by another program"; break;
        case SCARD_E_READER_UNAVAILABLE: cause = "the reader was disconnected"; break;
        case SCARD_E_PROTO_MISMATCH: cause = "the card speaks neither T=0 nor T=1"; break;
        case SCARD_E_TIMEOUT: cause = "the reader timed out"; break;
        case SCARD_E_UNKNOWN_READER:
            cause = "no such reader";
            error_code = ErrorCode::kNotFound;
            break;
        default: cause = "PC/SC failure"; break;
    }
    return Error{
        error_code,
        fmt::format("{} ({}: {}, 0x{:08X})", cause, what, pcsc_stringify_error(rv), static_cast<std::uint32_t>(rv)),
        "reader", 0};
}

Result<std::vector<std::string>> ListPcscReaders() {
    auto context = PcscContext::Establish();
    if (!context) return Fail(context.error());
    return ReaderNames(**context);
}

Result<std::unique_ptr<CardTransport>> ConnectPcsc(const std::string& reader_name) {
    auto context = PcscContext::Establish();
    if (!context) return Fail(context.error());
    auto names = ReaderNames(**context);
    if (!names) return Fail(names.error());
    if (names->empty()) return Fail(PcscError(SCARD_E_NO_READERS_AVAILABLE, "looking for a reader"));
    if (!reader_name.empty()) {
        if (std::find(names->begin(), names->end(), reader_name) == names->end()) {
            return Fail(
                ErrorCode::kNotFound,
                fmt::format("no reader named '{}' is connected ({} reader(s) found)", reader_name, names->size()),
                "reader");
        }
        auto card = ConnectCard(**context, reader_name);
        if (!card) return Fail(card.error());
        return std::unique_ptr<CardTransport>(
            std::make_unique<PcscTransport>(std::move(*context), card->first, card->second, reader_name));
    }
    std::optional<Error> first_error;
    for (const auto& name : *names) {
        auto card = ConnectCard(**context, name);
        if (card) {
            return std::unique_ptr<CardTransport>(
                std::make_unique<PcscTransport>(std::move(*context), card->first, card->second, name));
        }
        if (!first_error) first_error = card.error();
    }
    // Every reader refused: report the first one's reason ("no card in the reader" when all are empty).
    return Fail(*first_error);
}

}  // namespace precinct::identity
