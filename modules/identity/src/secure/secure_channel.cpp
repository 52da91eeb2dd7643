#include "precinct/identity/secure_channel.hpp"

#include <fmt/format.h>

#include <utility>

#include "precinct/identity/chip_auth.hpp"

namespace precinct::identity {

namespace {

// Sends `command` and returns the response data, or a CardStatusError naming `what` when the card refuses.
Result<Bytes> Exchange(CardTransport& card, const CommandApdu& command, std::string_view what) {
    auto response = card.Transmit(command);
    if (!response) return Fail(response.error());
    return DataOrError(*response, what);
}

}  // namespace

SecureChannel::SecureChannel(CardTransport& card, SecureMessaging secure_messaging)
    : card_(card), sm_(std::move(secure_messaging)) {}

Result<ResponseApdu> SecureChannel::Transmit(const CommandApdu& command) {
    if (broken_) return Fail(ErrorCode::kUnavailable, "secure messaging session ended");
    const Bytes counter = sm_.ssc();
    auto wrapped = sm_.WrapCommand(command);
    if (!wrapped) {
        // A command refused before the counter moved leaves the session intact.
        broken_ = sm_.ssc() != counter;
        return Fail(wrapped.error());
    }
    auto response = card_.Transmit(*wrapped);
    if (!response) {
        broken_ = true;
        return Fail(response.error());
    }
    auto plain = sm_.UnwrapResponse(*response);
    if (!plain) broken_ = true;
    return plain;
}

std::string SecureChannel::Name() const { return card_.Name(); }

void SecureChannel::Replace(SecureMessaging secure_messaging) {
    sm_ = std::move(secure_messaging);
    broken_ = false;
}

Result<SecureMessaging> PerformBac(CardTransport& card, const BacKeys& keys) {
    CommandApdu challenge;
    challenge.ins = kInsGetChallenge;
    challenge.le = 8;
    auto rnd_ic = Exchange(card, challenge, "BAC GET CHALLENGE");
    if (!rnd_ic) return Fail(rnd_ic.error());
    if (rnd_ic->size() != 8) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("BAC: GET CHALLENGE answered {} bytes (8 expected)", rnd_ic->size()));
    }
    auto secrets = NewBacTerminalSecrets();
    if (!secrets) return Fail(secrets.error());
    auto cryptogram = BacTerminalCryptogram(keys, *rnd_ic, *secrets);
    if (!cryptogram) return Fail(cryptogram.error());
    CommandApdu authenticate;
    authenticate.ins = kInsExternalAuthenticate;
    authenticate.data = std::move(*cryptogram);
    authenticate.le = static_cast<std::uint32_t>(kBacCryptogramBytes);
    auto answer = Exchange(card, authenticate, "BAC EXTERNAL AUTHENTICATE");
    if (!answer) return Fail(answer.error());
    auto session = BacTerminalFinish(keys, *rnd_ic, *secrets, *answer);
    if (!session) return Fail(session.error());
    return SecureMessaging::FromBac(*session);
}

Result<SecureMessaging> PerformPace(CardTransport& card, std::string_view password, PacePasswordType password_type,
                                    std::string_view protocol_oid, int parameter_id, bool send_parameter_id) {
    auto terminal = PaceTerminal::Create(protocol_oid, parameter_id, password_type, password);
    if (!terminal) return Fail(terminal.error());
    auto mse = card.Transmit(terminal->MseSetAtCommand(send_parameter_id));
    if (!mse) return Fail(mse.error());
    if (!mse->ok()) return Fail(CardStatusError(mse->sw, "PACE MSE:Set AT"));
    auto step1 = Exchange(card, terminal->EncryptedNonceCommand(), "PACE GENERAL AUTHENTICATE (encrypted nonce)");
    if (!step1) return Fail(step1.error());
    auto command2 = terminal->MapNonceCommand(*step1);
    if (!command2) return Fail(command2.error());
    auto step2 = Exchange(card, *command2, "PACE GENERAL AUTHENTICATE (mapping)");
    if (!step2) return Fail(step2.error());
    auto command3 = terminal->KeyAgreementCommand(*step2);
    if (!command3) return Fail(command3.error());
    auto step3 = Exchange(card, *command3, "PACE GENERAL AUTHENTICATE (key agreement)");
    if (!step3) return Fail(step3.error());
    auto command4 = terminal->MutualAuthenticationCommand(*step3);
    if (!command4) return Fail(command4.error());
    auto step4 = Exchange(card, *command4, "PACE GENERAL AUTHENTICATE (mutual authentication)");
    if (!step4) return Fail(step4.error());
    auto outcome = terminal->Finish(*step4);
    if (!outcome) return Fail(outcome.error());
    return std::move(outcome->secure_messaging);
}

Status PerformChipAuthentication(SecureChannel& channel, std::string_view ca_oid, ByteView chip_public_key_spki,
                                 std::optional<int> key_id) {
    auto run = StartChipAuthentication(ca_oid, chip_public_key_spki, key_id);
    if (!run) return Fail(run.error());
    for (const CommandApdu& command : run->commands) {
        const bool general_authenticate = command.ins == kInsGeneralAuthenticate;
        auto data =
            Exchange(channel, command,
                     general_authenticate ? "chip authentication GENERAL AUTHENTICATE" : "chip authentication MSE:Set");
        if (!data) return Fail(data.error());
        if (general_authenticate) {
            if (auto s = CheckChipAuthenticationResponse(*data); !s) return s;
        }
    }
    channel.Replace(std::move(run->secure_messaging));
    return Ok();
}

}  // namespace precinct::identity
