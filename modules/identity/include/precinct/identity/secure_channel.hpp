#pragma once
// The terminal's access-control flows over a CardTransport and the channel they leave behind.
//
//   auto sm = PerformPace(card, keys.mrz_information, PacePasswordType::kMrz, kPaceEcdhGmAes128Oid, 13);
//   if (!sm && StatusWordOf(sm.error()) == 0x6982) sm = PerformBac(card, keys);   // fall back to BAC
//   SecureChannel channel(card, std::move(*sm));
//   PerformChipAuthentication(channel, kCaEcdhAes128Oid, dg14_key_spki);   // re-keys the channel
//   channel.Transmit(read_binary);   // a response that verifies under the new keys completes chip authentication
//
// A card's refusal comes back as CardStatusError (apdu.hpp) with its status word, so StatusWordOf tells 6982 from
// other causes. Transport failures come back as the transport's own error. None of this is thread-safe.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/pace.hpp"
#include "precinct/identity/secure_messaging.hpp"

namespace precinct::identity {

// A CardTransport that protects every command and checks every response with secure messaging. Borrows `card`,
// which must outlive the channel.
class SecureChannel : public CardTransport {
public:
    SecureChannel(CardTransport& card, SecureMessaging secure_messaging);

    // Wraps `command`, sends it, unwraps the answer. Errors: the transport's, and those of
    // SecureMessaging::WrapCommand/UnwrapResponse (a wrong MAC is kUnauthenticated). After such an error the
    // channel is broken: every later Transmit fails with kUnavailable ("secure messaging session ended"); only a
    // command WrapCommand refuses outright (CLA already protected, Le out of range) leaves it intact. A
    // response the chip sent in plain with an error status (6988 after an SM error, 6982) is returned as it came
    // and leaves the channel usable (its counter counted the response); if the chip has ended its session, the
    // next response fails to verify.
    Result<ResponseApdu> Transmit(const CommandApdu& command) override;
    // The card's name.
    std::string Name() const override;

    CardTransport& card() { return card_; }
    const SecureMessaging& secure_messaging() const { return sm_; }
    // Replaces the session keys (chip authentication re-keying); also repairs a broken channel.
    void Replace(SecureMessaging secure_messaging);
    bool broken() const { return broken_; }

private:
    CardTransport& card_;
    SecureMessaging sm_;
    bool broken_ = false;
};

// BAC: GET CHALLENGE 00 84 00 00 08, EXTERNAL AUTHENTICATE 00 82 00 00 28 <E_IFD || M_IFD> 28. Returns 3DES
// secure messaging with the session counter. A refusal by the card is a CardStatusError; a chip answer that
// does not verify is kUnauthenticated (wrong MRZ data, or not the chip it claims).
Result<SecureMessaging> PerformBac(CardTransport& card, const BacKeys& keys);

// PACE with ECDH generic mapping: MSE:Set AT then the four GENERAL AUTHENTICATE steps (PaceTerminal).
// `password` is the MRZ information (MrzInformation in bac.hpp) for kMrz or the CAN for kCan; `protocol_oid` and
// `parameter_id` come from the PACEInfo of EF.CardAccess; 84 with the id goes in MSE:Set AT when
// `send_parameter_id`. Returns the secure messaging of the protocol (SSC zero). A refusal by the card, at any
// step, is a CardStatusError with the card's status word (6982: PACE refused, fall back to BAC); a wrong chip
// token is kUnauthenticated.
Result<SecureMessaging> PerformPace(CardTransport& card, std::string_view password, PacePasswordType password_type,
                                    std::string_view protocol_oid, int parameter_id, bool send_parameter_id = true);

// Chip authentication over an established channel (StartChipAuthentication): sends the commands under the
// channel's current keys and, once the chip has accepted them, re-keys the channel. The chip has proven itself
// only when a later response verifies (see chip_auth.hpp). A refusal is a CardStatusError; the channel keeps
// its old keys then.
Status PerformChipAuthentication(SecureChannel& channel, std::string_view ca_oid, ByteView chip_public_key_spki,
                                 std::optional<int> key_id = std::nullopt);

}  // namespace precinct::identity
