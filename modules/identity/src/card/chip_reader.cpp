#include "precinct/identity/chip_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "precinct/identity/active_auth.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/chip_auth.hpp"
#include "precinct/identity/crypto.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/pace.hpp"
#include "precinct/identity/secure_channel.hpp"
#include "precinct/identity/security_infos.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

AccessKey AccessKey::Mrz(std::string document_number, std::string date_of_birth, std::string date_of_expiry) {
    AccessKey key;
    key.kind = Kind::kMrz;
    key.document_number = std::move(document_number);
    key.date_of_birth = std::move(date_of_birth);
    key.date_of_expiry = std::move(date_of_expiry);
    return key;
}

AccessKey AccessKey::Can(std::string can) {
    AccessKey key;
    key.kind = Kind::kCan;
    key.can = std::move(can);
    return key;
}

namespace {

constexpr std::uint16_t kMaxReadOffset = 0x7FFF;
constexpr std::uint32_t kMaxShortChunk = 0xDF;
constexpr std::uint32_t kMaxExtendedChunk = 0x7FFF;
const Bytes kAid = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

// Forwards to the real transport and remembers whether the transport itself failed, so that a failed protocol
// run (PACE, BAC) can tell a card's refusal from a card that is gone.
class TrackingTransport : public CardTransport {
public:
    explicit TrackingTransport(CardTransport& card) : card_(card) {}

    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        auto response = card_.Transmit(command);
        if (!response) failure_ = response.error();
        return response;
    }
    std::string Name() const override { return card_.Name(); }
    const std::optional<Error>& failure() const { return failure_; }

private:
    CardTransport& card_;
    std::optional<Error> failure_;
};

std::string SwText(std::uint16_t sw) { return fmt::format("SW {:04X}, {}", sw, StatusWordMeaning(sw)); }

Error WithContext(const Error& e, std::string_view what) {
    Error out = e;
    out.message = fmt::format("{}: {}", what, e.message);
    return out;
}

CommandApdu SelectFile(std::uint16_t file_id) {
    CommandApdu c;
    c.ins = kInsSelect;
    c.p1 = 0x02;
    c.p2 = 0x0C;
    c.data = {static_cast<std::uint8_t>(file_id >> 8), static_cast<std::uint8_t>(file_id)};
    return c;
}

CommandApdu SelectMasterFile() {
    CommandApdu c;
    c.ins = kInsSelect;
    c.p1 = 0x00;
    c.p2 = 0x0C;
    c.data = {0x3F, 0x00};
    return c;
}

CommandApdu SelectApplication() {
    CommandApdu c;
    c.ins = kInsSelect;
    c.p1 = 0x04;
    c.p2 = 0x0C;
    c.data = kAid;
    return c;
}

// READ BINARY with an odd instruction: the offset as data object 54 (ISO/IEC 7816-4 section 11.3.3).
CommandApdu ReadBinaryOdd(std::size_t offset, std::uint32_t le, bool extended) {
    CommandApdu c;
    c.ins = kInsReadBinaryOdd;
    Bytes value;
    for (int shift = offset > 0xFFFF ? 16 : 8; shift >= 0; shift -= 8) {
        value.push_back(static_cast<std::uint8_t>(offset >> shift));
    }
    c.data = EncodeTlv(0x54, value);
    c.le = le;
    c.extended = extended;
    return c;
}

// The bytes the header 53 L takes before `n` bytes of data.
std::size_t Tlv53Header(std::size_t n) { return n < 0x80 ? 2 : n <= 0xFF ? 3 : 4; }

CommandApdu ReadBinary(std::size_t offset, std::uint32_t le, bool extended) {
    CommandApdu c;
    c.ins = kInsReadBinary;
    c.p1 = static_cast<std::uint8_t>(offset >> 8);
    c.p2 = static_cast<std::uint8_t>(offset);
    c.le = le;
    c.extended = extended;
    return c;
}

// The length of a whole BER-TLV from its first bytes: nullopt while more bytes are needed, an error when the
// header is malformed.
Result<std::optional<std::size_t>> TlvTotalLength(ByteView head) {
    std::size_t pos = 0;
    if (head.empty()) return std::optional<std::size_t>{};
    if ((head[0] & 0x1F) == 0x1F) {
        do {
            ++pos;
            if (pos >= head.size()) return std::optional<std::size_t>{};
            if (pos > 3) return Fail(ErrorCode::kInvalidArgument, "the file starts with a tag longer than 3 bytes");
        } while (head[pos] & 0x80);
    }
    ++pos;
    if (pos >= head.size()) return std::optional<std::size_t>{};
    const std::uint8_t first = head[pos++];
    if (first < 0x80) return std::optional<std::size_t>{pos + first};
    const std::size_t count = first & 0x7F;
    if (count == 0 || count > 4) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("the file starts with a bad length byte {:02X}", first));
    }
    if (pos + count > head.size()) return std::optional<std::size_t>{};
    std::size_t length = 0;
    for (std::size_t i = 0; i < count; ++i) length = (length << 8) | head[pos + i];
    if (length > kMaxTlvLength) {
        return Fail(ErrorCode::kTooLarge, fmt::format("the file declares {} bytes", length));
    }
    return std::optional<std::size_t>{pos + count + length};
}

// A file read's outcome: the bytes, or the status word the chip refused it with.
struct FileRead {
    std::optional<Bytes> data;
    std::uint16_t refused_sw = 0;
};

class Session {
public:
    Session(CardTransport& card, const AccessKey& key, const ReadOptions& options)
        : card_(card), key_(key), options_(options) {
        const std::uint32_t limit = options.extended_length ? kMaxExtendedChunk : kMaxShortChunk;
        chunk_ = std::clamp<std::uint32_t>(options.chunk_bytes, 1, limit);
        out_.session.live = true;
        out_.session.reader = card.Name();
    }

    Result<ChipRead> Run();

private:
    void Step(std::string text) { out_.session.steps.push_back(std::move(text)); }
    Result<ResponseApdu> Send(CardTransport& through, const CommandApdu& command, std::string_view what) {
        auto response = through.Transmit(command);
        if (!response) return Fail(WithContext(response.error(), what));
        return response;
    }

    // Reads the selected-by-`file_id` file through `through`. Refusals of SELECT or of the first READ BINARY
    // come back as FileRead::refused_sw; everything after is an error.
    Result<FileRead> ReadFile(CardTransport& through, std::uint16_t file_id, std::string_view name);
    Status ReadCardAccess();
    Result<std::optional<SecureMessaging>> TryPace();
    Result<SecureMessaging> DoBac();
    Status ReadApplication(SecureChannel& channel);
    Status ActiveAuthentication(SecureChannel& channel);
    Status ChipAuthentication(SecureChannel& channel);

    TrackingTransport card_;  // every command of the session goes through it
    const AccessKey& key_;
    const ReadOptions& options_;
    std::uint32_t chunk_ = kMaxShortChunk;
    std::size_t total_bytes_ = 0;
    bool card_access_unusable_ = false;
    ChipRead out_;
    std::optional<SecurityInfos> dg14_;
};

Result<FileRead> Session::ReadFile(CardTransport& through, std::uint16_t file_id, std::string_view name) {
    auto selected = Send(through, SelectFile(file_id), fmt::format("selecting {}", name));
    if (!selected) return Fail(selected.error());
    if (selected->sw != 0x9000) return FileRead{std::nullopt, selected->sw};
    Bytes data;
    std::optional<std::size_t> total;
    while (!total || data.size() < *total) {
        // B0 carries offsets up to 7FFF in P1-P2; beyond, B1 carries the offset in 54 and answers 53 {data}.
        const bool odd = data.size() > kMaxReadOffset;
        std::uint32_t le = chunk_;
        if (total) {
            const std::size_t remaining = *total - data.size();
            le = static_cast<std::uint32_t>(
                std::min<std::size_t>(le, odd ? remaining + Tlv53Header(remaining) : remaining));
        }
        if (odd) le = std::max<std::uint32_t>(le, 8);
        const std::string what = fmt::format("reading {} at offset {}", name, data.size());
        auto response = Send(through,
                             odd ? ReadBinaryOdd(data.size(), le, options_.extended_length)
                                 : ReadBinary(data.size(), le, options_.extended_length),
                             what);
        if (!response) return Fail(response.error());
        if (odd && (response->sw == 0x9000 || response->Is(StatusWord::kEndOfFileReached))) {
            auto wrapped = ReadSingleTlv(response->data, 0x53, "READ BINARY (B1) response");
            if (!wrapped) return Fail(WithContext(wrapped.error(), what));
            response->data.assign(wrapped->value.begin(), wrapped->value.end());
        }
        const bool end_of_file = response->Is(StatusWord::kEndOfFileReached);
        if (response->sw != 0x9000 && !end_of_file) {
            if (data.empty()) return FileRead{std::nullopt, response->sw};
            return Fail(CardStatusError(response->sw, what));
        }
        if (response->data.empty()) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("reading {} at offset {}: the chip returned no data", name, data.size()));
        }
        if (response->data.size() > le) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("reading {}: the chip returned {} bytes for Le {}",
                                                                 name, response->data.size(), le));
        }
        data.insert(data.end(), response->data.begin(), response->data.end());
        if (!total) {
            auto length = TlvTotalLength(data);
            if (!length) return Fail(WithContext(length.error(), fmt::format("reading {}", name)));
            total = *length;
        }
        if (total) {
            if (*total > options_.max_file_bytes) {
                return Fail(ErrorCode::kTooLarge, fmt::format("{} declares {} bytes, more than the limit of {}", name,
                                                              *total, options_.max_file_bytes));
            }
            if (total_bytes_ + *total > options_.max_total_bytes) {
                return Fail(ErrorCode::kTooLarge, fmt::format("{}: the files together exceed the limit of {} bytes",
                                                              name, options_.max_total_bytes));
            }
            if (data.size() > *total) data.resize(*total);
        }
        if (end_of_file && (!total || data.size() < *total)) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("reading {}: the file ends after {} bytes, before the length its header declares",
                                    name, data.size()));
        }
    }
    total_bytes_ += data.size();
    return FileRead{std::move(data), 0};
}

Status Session::ReadCardAccess() {
    auto mf = Send(card_, SelectMasterFile(), "selecting the master file");
    if (!mf) return Fail(mf.error());
    if (mf->sw == 0x9000) {
        Step("SELECT master file: 9000");
    } else {
        Step(fmt::format("SELECT master file refused ({}); selecting EF.CardAccess directly", SwText(mf->sw)));
    }
    auto read = ReadFile(card_, 0x011C, "EF.CardAccess");
    if (!read) {
        if (card_.failure()) return Fail(read.error());
        // A malformed EF.CardAccess costs PACE, not the session: BAC may still open the chip.
        card_access_unusable_ = true;
        Step("EF.CardAccess unusable (" + read.error().message + ")");
        return Ok();
    }
    if (!read->data) {
        Step(fmt::format("EF.CardAccess not available ({}): the card does not offer PACE", SwText(read->refused_sw)));
        return Ok();
    }
    Step(fmt::format("EF.CardAccess read ({} bytes)", read->data->size()));
    out_.files.card_access = std::move(*read->data);
    return Ok();
}

// PACE when EF.CardAccess offers a supported PACEInfo. nullopt: PACE was not offered or refused (the caller
// falls back to BAC); errors: the transport, or a CAN that cannot be used.
Result<std::optional<SecureMessaging>> Session::TryPace() {
    const bool can = key_.kind == AccessKey::Kind::kCan;
    auto no_pace = [&](std::string why) -> Result<std::optional<SecureMessaging>> {
        if (can) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}; a CAN can only be used with PACE: give the MRZ data (document number, date "
                                    "of birth, date of expiry) instead",
                                    why),
                        "can");
        }
        Step(why + "; using BAC");
        return std::optional<SecureMessaging>{};
    };
    if (!options_.pace) return no_pace("PACE switched off in the read options");
    if (card_access_unusable_) return no_pace("PACE not attempted (EF.CardAccess unusable)");
    if (!out_.files.card_access) return no_pace("the card does not offer PACE (no EF.CardAccess)");
    auto infos = ParseCardAccess(*out_.files.card_access);
    if (!infos) return no_pace("EF.CardAccess does not parse (" + infos.error().message + ")");
    const PaceInfo* chosen = nullptr;
    for (const auto& info : infos->pace) {
        if (!info.parameter_id || !PaceProtocolFromOid(info.protocol) ||
            !StandardizedDomainCurve(static_cast<int>(*info.parameter_id))) {
            continue;
        }
        chosen = &info;
        break;
    }
    if (chosen == nullptr) {
        return no_pace(infos->pace.empty() ? "EF.CardAccess holds no PACEInfo"
                                           : "EF.CardAccess offers no PACE variant this reader supports");
    }
    const int parameter_id = static_cast<int>(*chosen->parameter_id);
    const std::string protocol = ProtocolName(chosen->protocol);
    std::string password;
    PacePasswordType type = PacePasswordType::kCan;
    if (can) {
        password = key_.can;
    } else {
        auto mrz = MrzInformation(key_.document_number, key_.date_of_birth, key_.date_of_expiry);
        if (!mrz) return Fail(mrz.error());
        password = *mrz;
        type = PacePasswordType::kMrz;
    }
    Step(fmt::format("EF.CardAccess offers {} with domain parameters {} ({})", protocol, parameter_id,
                     StandardDomainParameterName(parameter_id)));
    auto sm = PerformPace(card_, password, type, chosen->protocol, parameter_id, true);
    if (card_.failure()) return Fail(WithContext(*card_.failure(), "PACE"));
    if (sm) {
        Step(fmt::format("PACE with the {}: established ({})", PacePasswordTypeName(type), protocol));
        out_.session.access_control = protocol;
        return std::optional<SecureMessaging>{std::move(*sm)};
    }
    const auto sw = StatusWordOf(sm.error());
    if (can) {
        if (sw && ((*sw & 0xFF00) == 0x6300)) {
            return Fail(ErrorCode::kUnauthenticated,
                        fmt::format("PACE failed: the CAN does not match this card (SW {:04X})", *sw), "can");
        }
        const std::string why = sw ? fmt::format("PACE refused by the card ({})", SwText(*sw))
                                   : fmt::format("PACE failed ({})", sm.error().message);
        return Fail(ErrorCode::kUnauthenticated, why + "; a CAN can only be used with PACE: give the MRZ data instead",
                    "can");
    }
    Step(sw ? fmt::format("PACE refused ({}); falling back to BAC", SwText(*sw))
            : fmt::format("PACE failed ({}); falling back to BAC", sm.error().message));
    return std::optional<SecureMessaging>{};
}

Result<SecureMessaging> Session::DoBac() {
    auto keys = DeriveBacKeys(key_.document_number, key_.date_of_birth, key_.date_of_expiry);
    if (!keys) return Fail(keys.error());
    auto sm = PerformBac(card_, *keys);
    if (card_.failure()) return Fail(WithContext(*card_.failure(), "BAC"));
    if (!sm) {
        const auto sw = StatusWordOf(sm.error());
        if (sw && (*sw & 0xFF00) == 0x6300) {
            return Fail(ErrorCode::kUnauthenticated,
                        fmt::format("BAC failed: the MRZ data do not match this card (SW {:04X})", *sw), "mrz");
        }
        if (sm.error().code == ErrorCode::kUnauthenticated && !sw) {
            return Fail(ErrorCode::kUnauthenticated,
                        "BAC failed: the chip's answer does not verify with keys from these MRZ data", "mrz");
        }
        return Fail(WithContext(sm.error(), "BAC failed"));
    }
    Step("BAC: established (3DES secure messaging)");
    out_.session.access_control = "BAC";
    return sm;
}

Status Session::ReadApplication(SecureChannel& channel) {
    auto com = ReadFile(channel, 0x011E, "EF.COM");
    if (!com) return Fail(com.error());
    if (!com->data) return Fail(CardStatusError(com->refused_sw, "reading EF.COM"));
    auto parsed = ParseCom(*com->data);
    if (!parsed) return Fail(WithContext(parsed.error(), "EF.COM"));
    std::string listed;
    for (int g : parsed->data_groups) listed += fmt::format("{}DG{}", listed.empty() ? "" : ", ", g);
    Step(fmt::format("EF.COM read ({} bytes): LDS {}, lists {}", com->data->size(), parsed->lds_version, listed));
    out_.files.com = std::move(*com->data);

    auto sod = ReadFile(channel, 0x011D, "EF.SOD");
    if (!sod) return Fail(sod.error());
    if (sod->data) {
        Step(fmt::format("EF.SOD read ({} bytes)", sod->data->size()));
        out_.files.sod = std::move(*sod->data);
    } else {
        Step(fmt::format("EF.SOD not readable ({})", SwText(sod->refused_sw)));
    }

    for (int group : parsed->data_groups) {
        auto info = LdsFileForDataGroup(group);
        if (!info) continue;
        const std::string name = fmt::format("DG{}", group);
        auto read = ReadFile(channel, info->file_id, name);
        if (!read) return Fail(read.error());
        if (!read->data) {
            if (read->refused_sw == 0x6982 && (group == 3 || group == 4)) {
                Step(fmt::format("{} not readable ({}): it needs terminal authentication; skipped", name,
                                 SwText(read->refused_sw)));
            } else {
                Step(fmt::format("{} not readable ({}); skipped", name, SwText(read->refused_sw)));
            }
            continue;
        }
        Step(fmt::format("{} read ({} bytes)", name, read->data->size()));
        out_.files.groups[group] = std::move(*read->data);
    }
    return Ok();
}

Status Session::ActiveAuthentication(SecureChannel& channel) {
    ChipProof& proof = out_.session.active_authentication;
    auto dg15 = out_.files.groups.find(15);
    if (dg15 == out_.files.groups.end()) {
        proof.detail = "no DG15: the chip does not announce active authentication";
        return Ok();
    }
    proof.supported = true;
    auto spki = ParseDg15(dg15->second);
    if (!spki) {
        proof.detail = "DG15 does not parse: " + spki.error().message;
        return Ok();
    }
    if (auto described = DescribeAaPublicKey(*spki)) {
        proof.protocol = described->key_type == "RSA" ? "AA-RSA-ISO9796-2" : "AA-ECDSA";
    }
    if (!options_.active_authentication) {
        proof.detail = "not performed: switched off in the read options";
        return Ok();
    }
    std::optional<std::string> ecdsa_oid;
    if (dg14_ && !dg14_->active_authentication.empty()) {
        ecdsa_oid = dg14_->active_authentication.front().signature_algorithm;
    }
    auto challenge = RandomBytes(kAaChallengeBytes);
    if (!challenge) {
        proof.detail = "not performed: no random challenge (" + challenge.error().message + ")";
        return Ok();
    }
    CommandApdu command;
    command.ins = kInsInternalAuthenticate;
    command.data = *challenge;
    command.le = 256;
    proof.performed = true;
    auto response = channel.Transmit(command);
    if (card_.failure()) return Fail(WithContext(*card_.failure(), "active authentication"));
    if (!response) {
        proof.detail = "INTERNAL AUTHENTICATE failed: " + response.error().message;
        Step("Active authentication: " + proof.detail);
        return Ok();
    }
    if (response->sw != 0x9000) {
        proof.detail = fmt::format("the chip refused INTERNAL AUTHENTICATE ({})", SwText(response->sw));
        Step("Active authentication: " + proof.detail);
        return Ok();
    }
    auto outcome = VerifyActiveAuthentication(*spki, *challenge, response->data, ecdsa_oid);
    if (!outcome) {
        proof.detail = "the signature cannot be checked: " + outcome.error().message;
        Step("Active authentication: " + proof.detail);
        return Ok();
    }
    proof.protocol = outcome->protocol;
    proof.passed = outcome->verified;
    proof.detail =
        outcome->verified
            ? fmt::format("the chip signed a fresh challenge with the private key of DG15 ({})", outcome->detail)
            : fmt::format(
                  "the chip's signature over a fresh challenge does not verify with DG15's key "
                  "({}): the chip does not hold the key the files announce",
                  outcome->detail);
    Step(fmt::format("Active authentication ({}): {}", proof.protocol, proof.passed ? "passed" : "FAILED"));
    return Ok();
}

Status Session::ChipAuthentication(SecureChannel& channel) {
    ChipProof& proof = out_.session.chip_authentication;
    if (!dg14_ || dg14_->chip_authentication.empty()) {
        proof.detail = out_.files.groups.count(14) ? "DG14 offers no chip authentication"
                                                   : "no DG14: the chip does not announce chip authentication";
        return Ok();
    }
    proof.supported = true;
    const ChipAuthenticationInfo* info = nullptr;
    const ChipAuthenticationPublicKeyInfo* key = nullptr;
    for (const auto& candidate : dg14_->chip_authentication) {
        if (!ChipAuthProtocolFromOid(candidate.protocol)) continue;
        for (const auto& pk : dg14_->chip_authentication_public_keys) {
            if (pk.protocol != kOidPkEcdh) continue;
            if (candidate.key_id && pk.key_id && *candidate.key_id != *pk.key_id) continue;
            info = &candidate;
            key = &pk;
            break;
        }
        if (info != nullptr) break;
    }
    proof.protocol = ProtocolName(dg14_->chip_authentication.front().protocol);
    if (info == nullptr) {
        proof.detail = "DG14 offers no chip authentication with an ECDH key this reader supports";
        return Ok();
    }
    proof.protocol = ProtocolName(info->protocol);
    if (!options_.chip_authentication) {
        proof.detail = "not performed: switched off in the read options";
        return Ok();
    }
    std::optional<int> key_id;
    if (info->key_id) key_id = static_cast<int>(*info->key_id);
    proof.performed = true;
    auto started = PerformChipAuthentication(channel, info->protocol, key->subject_public_key_info, key_id);
    if (card_.failure()) return Fail(WithContext(*card_.failure(), "chip authentication"));
    if (!started) {
        if (auto sw = StatusWordOf(started.error())) {
            proof.detail = fmt::format("the chip refused chip authentication ({})", SwText(*sw));
        } else {
            proof.detail = "chip authentication failed: " + started.error().message;
        }
        Step("Chip authentication: " + proof.detail);
        return Ok();
    }
    Step(fmt::format("Chip authentication ({}): key agreement sent, secure messaging re-keyed", proof.protocol));
    // The proof: a response that verifies under the new keys, carrying what the chip holds.
    const Bytes& com = *out_.files.com;
    const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(com.size(), 8));
    std::string failure;
    auto selected = channel.Transmit(SelectFile(0x011E));
    if (!selected) {
        failure = selected.error().message;
    } else if (selected->sw != 0x9000) {
        failure = fmt::format("the chip answered {}", SwText(selected->sw));
    } else {
        auto read = channel.Transmit(ReadBinary(0, n, false));
        if (!read) {
            failure = read.error().message;
        } else if (read->sw != 0x9000) {
            failure = fmt::format("the chip answered {}", SwText(read->sw));
        } else if (read->data.size() != n || !std::equal(read->data.begin(), read->data.end(), com.begin())) {
            failure = "the chip's answer under the new keys differs from EF.COM as read before";
        }
    }
    // A card taken away is not a failed proof: the session has no outcome.
    if (card_.failure()) return Fail(WithContext(*card_.failure(), "chip authentication"));
    if (failure.empty()) {
        proof.passed = true;
        proof.detail =
            "the chip continued secure messaging under keys agreed with DG14's public key: it holds the "
            "matching private key";
        Step("Chip authentication: passed (EF.COM read back under the new keys)");
        return Ok();
    }
    proof.detail = fmt::format(
        "the chip could not continue secure messaging under the keys agreed with DG14's "
        "public key ({}): it does not hold the private key the files announce",
        failure);
    Step("Chip authentication: FAILED (" + failure + "); the secure channel is dead, the session ends here");
    return Ok();
}

Result<ChipRead> Session::Run() {
    if (key_.kind == AccessKey::Kind::kCan &&
        (key_.can.empty() || key_.can.size() > 10 ||
         !std::all_of(key_.can.begin(), key_.can.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
        return Fail(ErrorCode::kInvalidArgument, "CAN: the digits printed on the card (6 on a CCCD)", "can");
    }
    if (auto s = ReadCardAccess(); !s) return Fail(s.error());
    auto pace = TryPace();
    if (!pace) return Fail(pace.error());
    std::optional<SecureMessaging> sm = std::move(*pace);
    const bool via_pace = sm.has_value();
    if (!via_pace) {
        auto selected = Send(card_, SelectApplication(), "selecting the eMRTD application");
        if (!selected) return Fail(selected.error());
        if (selected->sw != 0x9000) {
            return Fail(CardStatusError(selected->sw, "selecting the eMRTD application (A0000002471001)"));
        }
        Step("SELECT eMRTD application (A0000002471001): 9000");
        auto bac = DoBac();
        if (!bac) return Fail(bac.error());
        sm = std::move(*bac);
    }
    SecureChannel channel(card_, std::move(*sm));
    if (via_pace) {
        auto selected = Send(channel, SelectApplication(), "selecting the eMRTD application");
        if (!selected) return Fail(selected.error());
        if (selected->sw != 0x9000) {
            return Fail(CardStatusError(selected->sw, "selecting the eMRTD application (A0000002471001)"));
        }
        Step("SELECT eMRTD application (A0000002471001) under secure messaging: 9000");
    }
    if (auto s = ReadApplication(channel); !s) return Fail(s.error());
    if (auto dg14 = out_.files.groups.find(14); dg14 != out_.files.groups.end()) {
        auto parsed = ParseDg14(dg14->second);
        if (parsed) {
            dg14_ = std::move(*parsed);
        } else {
            Step("DG14 does not parse (" + parsed.error().message + "); chip authentication not attempted");
        }
    }
    if (auto s = ActiveAuthentication(channel); !s) return Fail(s.error());
    if (auto s = ChipAuthentication(channel); !s) return Fail(s.error());
    return std::move(out_);
}

}  // namespace

Result<ChipRead> ReadChip(CardTransport& card, const AccessKey& key, const ReadOptions& options) {
    Session session(card, key, options);
    return session.Run();
}

}  // namespace precinct::identity
