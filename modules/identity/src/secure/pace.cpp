#include "precinct/identity/pace.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "precinct/identity/tlv.hpp"
#include "secure/ec_math.hpp"

namespace precinct::identity {

namespace {

using secure::BignumPtr;
using secure::Curve;
using secure::EcPointPtr;

constexpr std::uint32_t kTagDynamicAuthData = 0x7C;
constexpr std::uint32_t kTagEncryptedNonce = 0x80;
constexpr std::uint32_t kTagMappingTerminal = 0x81;
constexpr std::uint32_t kTagMappingChip = 0x82;
constexpr std::uint32_t kTagEphemeralTerminal = 0x83;
constexpr std::uint32_t kTagEphemeralChip = 0x84;
constexpr std::uint32_t kTagTokenTerminal = 0x85;
constexpr std::uint32_t kTagTokenChip = 0x86;
constexpr std::uint32_t kTagCarCurrent = 0x87;
constexpr std::uint32_t kTagCarPrevious = 0x88;
constexpr std::uint32_t kTagPublicKey = 0x7F49;
constexpr std::uint32_t kTagEcPoint = 0x86;
// MSE:Set AT tags.
constexpr std::uint32_t kTagProtocol = 0x80;
constexpr std::uint32_t kTagPasswordRef = 0x83;
constexpr std::uint32_t kTagDomainId = 0x84;
// The longest encrypted nonce a terminal accepts.
constexpr std::size_t kMaxNonceBytes = 64;
constexpr std::size_t kTokenBytes = 8;

constexpr std::array<PaceProtocol, 4> kProtocols{{
    {kPaceEcdhGm3DesOid, "id-PACE-ECDH-GM-3DES-CBC-CBC", KdfKeyType::kTripleDes},
    {kPaceEcdhGmAes128Oid, "id-PACE-ECDH-GM-AES-CBC-CMAC-128", KdfKeyType::kAes128},
    {kPaceEcdhGmAes192Oid, "id-PACE-ECDH-GM-AES-CBC-CMAC-192", KdfKeyType::kAes192},
    {kPaceEcdhGmAes256Oid, "id-PACE-ECDH-GM-AES-CBC-CMAC-256", KdfKeyType::kAes256},
}};

// The PACE OIDs of 0.4.0.127.0.7.2.2.4: 1 DH-GM, 2 ECDH-GM, 3 DH-IM, 4 ECDH-IM, 6 ECDH-CAM.
constexpr std::string_view kPaceOidPrefix = "0.4.0.127.0.7.2.2.4.";

struct StandardCurve {
    int id;
    std::string_view name;
};
constexpr std::array<StandardCurve, 11> kStandardCurves{{
    {8, "prime192v1"},
    {9, "brainpoolP192r1"},
    {10, "secp224r1"},
    {11, "brainpoolP224r1"},
    {12, "prime256v1"},
    {13, "brainpoolP256r1"},
    {14, "brainpoolP320r1"},
    {15, "secp384r1"},
    {16, "brainpoolP384r1"},
    {17, "brainpoolP512r1"},
    {18, "secp521r1"},
}};

tl::unexpected<Error> Invalid(std::string message) { return Fail(ErrorCode::kInvalidArgument, std::move(message)); }

// The one object with `tag` inside a 7C dynamic authentication data object; `ignored` tags may follow it.
Result<ByteView> DynamicObject(ByteView data, std::uint32_t tag, std::string_view what,
                               std::initializer_list<std::uint32_t> ignored = {}) {
    auto outer = ReadSingleTlv(data, kTagDynamicAuthData, what);
    if (!outer) return Invalid(fmt::format("PACE {}: {}", what, outer.error().message));
    auto items = ReadAllTlv(outer->value);
    if (!items) return Invalid(fmt::format("PACE {}: {}", what, items.error().message));
    std::optional<ByteView> found;
    for (const Tlv& item : *items) {
        if (item.tag == tag) {
            if (found) return Invalid(fmt::format("PACE {}: {} appears twice", what, TagName(tag)));
            found = item.value;
            continue;
        }
        bool skip = false;
        for (std::uint32_t t : ignored) skip = skip || t == item.tag;
        if (!skip) return Invalid(fmt::format("PACE {}: unexpected data object {}", what, TagName(item.tag)));
    }
    if (!found) return Invalid(fmt::format("PACE {}: data object {} is missing", what, TagName(tag)));
    return *found;
}

Bytes DynamicData(std::uint32_t tag, ByteView value) { return EncodeTlv(kTagDynamicAuthData, EncodeTlv(tag, value)); }

CommandApdu GeneralAuthenticate(Bytes data, bool chained) {
    CommandApdu c;
    c.cla = chained ? kClaChaining : 0x00;
    c.ins = kInsGeneralAuthenticate;
    c.data = std::move(data);
    c.le = 256;
    return c;
}

// Both sides' state and arithmetic; the two classes differ only in who speaks first at each step.
struct PaceCore {
    PaceProtocol protocol{};
    int parameter_id = 0;
    Curve curve;
    PaceSecrets secrets;
    PaceTrace trace;
    Bytes oid_der;  // 06 L contents
    BignumPtr nonce;
    BignumPtr mapping_key;
    EcPointPtr own_mapping_point;
    EcPointPtr mapped_generator;
    BignumPtr ephemeral_key;
    EcPointPtr own_ephemeral_point;
    int step = 0;
    bool failed = false;

    SmCipher cipher() const { return KdfCipher(protocol.key_type); }

    template <class T>
    Result<T> Failed(Result<T> r) {
        if (!r) failed = true;
        return r;
    }

    // The mapping key pair: SK_map and SK_map * G.
    Result<Bytes> MakeMappingKey() {
        auto sk = secrets.mapping_private_key.empty()
                      ? secure::RandomScalar(curve)
                      : secure::ScalarFromBytes(curve, secrets.mapping_private_key, "fixed mapping private key");
        if (!sk) return Fail(sk.error());
        auto pk = secure::Multiply(curve, nullptr, sk->get(), "mapping public key");
        if (!pk) return Fail(pk.error());
        mapping_key = std::move(*sk);
        own_mapping_point = std::move(*pk);
        return secure::EncodePoint(curve, own_mapping_point.get());
    }

    // H = SK_map * PK_map(other), G' = s * G + H.
    Status MapGenerator(ByteView other_mapping_key, std::string_view who) {
        auto other = secure::DecodePoint(curve, other_mapping_key, fmt::format("PACE: the {} mapping key", who));
        if (!other) return Fail(other.error());
        if (secure::PointsEqual(curve, other->get(), own_mapping_point.get())) {
            return Invalid(fmt::format("PACE: the {} mapping key equals our own", who));
        }
        auto h = secure::Multiply(curve, other->get(), mapping_key.get(), "PACE: shared point H");
        if (!h) return Fail(h.error());
        auto s_g = secure::Multiply(curve, nullptr, nonce.get(), "PACE: s * G");
        if (!s_g) return Fail(s_g.error());
        auto g = secure::Add(curve, s_g->get(), h->get(), "PACE: mapped generator");
        if (!g) return Fail(g.error());
        auto h_bytes = secure::EncodePoint(curve, h->get());
        auto g_bytes = secure::EncodePoint(curve, g->get());
        if (!h_bytes || !g_bytes) return Fail(h_bytes ? g_bytes.error() : h_bytes.error());
        trace.shared_point_h = std::move(*h_bytes);
        trace.mapped_generator = std::move(*g_bytes);
        mapped_generator = std::move(*g);
        return Ok();
    }

    // The ephemeral key pair on G'.
    Result<Bytes> MakeEphemeralKey() {
        auto sk = secrets.ephemeral_private_key.empty()
                      ? secure::RandomScalar(curve)
                      : secure::ScalarFromBytes(curve, secrets.ephemeral_private_key, "fixed ephemeral private key");
        if (!sk) return Fail(sk.error());
        auto pk = secure::Multiply(curve, mapped_generator.get(), sk->get(), "ephemeral public key");
        if (!pk) return Fail(pk.error());
        ephemeral_key = std::move(*sk);
        own_ephemeral_point = std::move(*pk);
        return secure::EncodePoint(curve, own_ephemeral_point.get());
    }

    // K = x(SK * PK(other)), then KS_enc and KS_mac.
    Status AgreeKeys(ByteView other_ephemeral_key, std::string_view who) {
        auto other = secure::DecodePoint(curve, other_ephemeral_key, fmt::format("PACE: the {} ephemeral key", who));
        if (!other) return Fail(other.error());
        if (secure::PointsEqual(curve, other->get(), own_ephemeral_point.get())) {
            return Invalid(fmt::format("PACE: the {} ephemeral key equals our own", who));
        }
        auto k = secure::Multiply(curve, other->get(), ephemeral_key.get(), "PACE: shared secret");
        if (!k) return Fail(k.error());
        auto x = secure::XCoordinate(curve, k->get());
        if (!x) return Fail(x.error());
        trace.shared_secret = std::move(*x);
        trace.ks_enc = DeriveKey(trace.shared_secret, KdfPurpose::kEnc, protocol.key_type);
        trace.ks_mac = DeriveKey(trace.shared_secret, KdfPurpose::kMac, protocol.key_type);
        return Ok();
    }

    // MAC8(KS_mac, 7F49 {06 OID, 86 point}); 3DES pads the input, AES-CMAC takes it as is.
    Result<Bytes> Token(ByteView point) const {
        const Bytes input = EncodeTlv(kTagPublicKey, Concat({oid_der, EncodeTlv(kTagEcPoint, point)}));
        if (cipher() == SmCipher::kTripleDes) return RetailMac(trace.ks_mac, PadIso9797Method2(input, 8));
        return Mac8(SmCipher::kAes, trace.ks_mac, input);
    }

    Result<PaceOutcome> Outcome() const {
        auto sm = SecureMessaging::Create(cipher(), trace.ks_enc, trace.ks_mac);
        if (!sm) return Fail(sm.error());
        return PaceOutcome{.protocol = protocol,
                           .parameter_id = parameter_id,
                           .ks_enc = trace.ks_enc,
                           .ks_mac = trace.ks_mac,
                           .chip_ephemeral_public_key = trace.chip_ephemeral_public_key,
                           .secure_messaging = std::move(*sm)};
    }

    Status CheckStep(int expected, std::string_view what) const {
        if (failed) return Fail(ErrorCode::kConflict, fmt::format("PACE {}: an earlier step failed", what));
        if (step != expected) {
            return Fail(ErrorCode::kConflict, fmt::format("PACE {}: out of order (at step {})", what, step + 1));
        }
        return Ok();
    }
};

Result<PaceCore> MakeCore(std::string_view protocol_oid, int parameter_id, PacePasswordType type,
                          std::string_view password, const PaceSecrets& secrets) {
    auto protocol = PaceProtocolFromOid(protocol_oid);
    if (!protocol) return Fail(protocol.error());
    auto curve_name = StandardizedDomainCurve(parameter_id);
    if (!curve_name) return Fail(curve_name.error());
    auto curve = secure::CurveByName(*curve_name);
    if (!curve) return Fail(curve.error());
    auto k_pi = PacePasswordCipherKey(*protocol, type, password);
    if (!k_pi) return Fail(k_pi.error());
    auto oid = EncodeOid(protocol->oid);
    if (!oid) return Fail(oid.error());
    PaceCore core;
    core.protocol = *protocol;
    core.parameter_id = parameter_id;
    core.curve = std::move(*curve);
    core.secrets = secrets;
    core.trace.k_pi = std::move(*k_pi);
    core.oid_der = EncodeTlv(kDerOid, *oid);
    // Fixed scalars are checked now rather than in the middle of the exchange.
    for (const Bytes* fixed : {&secrets.mapping_private_key, &secrets.ephemeral_private_key}) {
        if (fixed->empty()) continue;
        if (auto s = secure::ScalarFromBytes(core.curve, *fixed, "fixed private key"); !s) return Fail(s.error());
    }
    if (!secrets.nonce.empty() && secrets.nonce.size() % BlockSize(core.cipher()) != 0) {
        return Invalid(
            fmt::format("PACE: a fixed nonce of {} bytes is not a whole number of blocks", secrets.nonce.size()));
    }
    return core;
}

}  // namespace

std::string_view PacePasswordTypeName(PacePasswordType type) { return type == PacePasswordType::kMrz ? "MRZ" : "CAN"; }

Result<PaceProtocol> PaceProtocolFromOid(std::string_view oid) {
    for (const PaceProtocol& p : kProtocols) {
        if (p.oid == oid) return p;
    }
    if (oid.starts_with(kPaceOidPrefix)) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("PACE protocol {} is not supported (only ECDH generic mapping)", oid));
    }
    return Invalid(fmt::format("{} is not a PACE protocol", oid));
}

Result<std::string_view> StandardizedDomainCurve(int parameter_id) {
    for (const StandardCurve& c : kStandardCurves) {
        if (c.id == parameter_id) return c.name;
    }
    if (parameter_id >= 0 && parameter_id <= 2) {
        return Fail(
            ErrorCode::kUnavailable,
            fmt::format("domain parameters {} are a DH group: not supported (elliptic curves only)", parameter_id));
    }
    return Invalid(fmt::format("domain parameter id {} is not a standardized elliptic curve (8-18)", parameter_id));
}

Result<Bytes> PacePasswordKey(PacePasswordType type, std::string_view password) {
    if (type == PacePasswordType::kMrz) {
        if (password.size() < 24 || password.size() > 64) {
            return Fail(ErrorCode::kInvalidArgument, "PACE MRZ password: the MRZ information (24 or more characters)",
                        "password");
        }
        for (char c : password) {
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<')) {
                return Fail(ErrorCode::kInvalidArgument, "PACE MRZ password: only A-Z, 0-9 and '<'", "password");
            }
        }
        return Sha1(ToBytes(password));
    }
    if (type == PacePasswordType::kCan) {
        if (password.empty() || password.size() > 10) {
            return Fail(ErrorCode::kInvalidArgument, "PACE CAN: 1 to 10 digits", "password");
        }
        for (char c : password) {
            if (c < '0' || c > '9') return Fail(ErrorCode::kInvalidArgument, "PACE CAN: digits only", "password");
        }
        return ToBytes(password);
    }
    return Fail(ErrorCode::kInvalidArgument, "PACE password: only MRZ and CAN are supported", "password");
}

Result<Bytes> PacePasswordCipherKey(const PaceProtocol& protocol, PacePasswordType type, std::string_view password) {
    auto k = PacePasswordKey(type, password);
    if (!k) return k;
    return DeriveKey(*k, KdfPurpose::kPassword, protocol.key_type);
}

Result<CommandApdu> PaceMseSetAtCommand(const PaceMseSetAt& mse) {
    auto oid = EncodeOid(mse.protocol_oid);
    if (!oid) return Fail(oid.error());
    CommandApdu c;
    c.ins = kInsManageSecurityEnvironment;
    c.p1 = 0xC1;
    c.p2 = 0xA4;
    c.data = Concat({EncodeTlv(kTagProtocol, *oid),
                     EncodeTlv(kTagPasswordRef, Bytes{static_cast<std::uint8_t>(mse.password_type)})});
    if (mse.parameter_id) {
        if (*mse.parameter_id < 0 || *mse.parameter_id > 255) {
            return Invalid(fmt::format("PACE: parameter id {} outside 0-255", *mse.parameter_id));
        }
        const Bytes id = EncodeTlv(kTagDomainId, Bytes{static_cast<std::uint8_t>(*mse.parameter_id)});
        c.data.insert(c.data.end(), id.begin(), id.end());
    }
    return c;
}

Result<PaceMseSetAt> ParsePaceMseSetAt(ByteView data) {
    auto items = ReadAllTlv(data);
    if (!items) return Invalid(fmt::format("MSE:Set AT: {}", items.error().message));
    PaceMseSetAt mse;
    bool have_oid = false;
    bool have_ref = false;
    for (const Tlv& item : *items) {
        switch (item.tag) {
            case kTagProtocol: {
                if (have_oid) return Invalid("MSE:Set AT: the protocol (80) appears twice");
                auto oid = DecodeOid(item.value);
                if (!oid) return Invalid(fmt::format("MSE:Set AT: protocol (80): {}", oid.error().message));
                mse.protocol_oid = std::move(*oid);
                have_oid = true;
                break;
            }
            case kTagPasswordRef:
                if (have_ref) return Invalid("MSE:Set AT: the password reference (83) appears twice");
                if (item.value.size() != 1 || (item.value[0] != 1 && item.value[0] != 2)) {
                    return Invalid(
                        fmt::format("MSE:Set AT: password reference {} (01 MRZ or 02 CAN)", ToHex(item.value)));
                }
                mse.password_type = static_cast<PacePasswordType>(item.value[0]);
                have_ref = true;
                break;
            case kTagDomainId:
                if (mse.parameter_id) return Invalid("MSE:Set AT: the parameter id (84) appears twice");
                if (item.value.size() != 1) {
                    return Invalid(fmt::format("MSE:Set AT: parameter id (84) of {} bytes (1)", item.value.size()));
                }
                mse.parameter_id = item.value[0];
                break;
            case 0x7F4C:  // certificate holder authorization template (terminal authentication)
            case 0x67:    // auxiliary data
            case 0x91:    // ephemeral public key (chip authentication mapping)
                break;
            default: return Invalid(fmt::format("MSE:Set AT: unexpected data object {}", TagName(item.tag)));
        }
    }
    if (!have_oid) return Invalid("MSE:Set AT: the protocol (80) is missing");
    if (!have_ref) return Invalid("MSE:Set AT: the password reference (83) is missing");
    return mse;
}

// ---- terminal ----

struct PaceTerminal::Impl {
    PaceCore core;
    PacePasswordType password_type = PacePasswordType::kMrz;
};

PaceTerminal::PaceTerminal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PaceTerminal::PaceTerminal(PaceTerminal&&) noexcept = default;
PaceTerminal& PaceTerminal::operator=(PaceTerminal&&) noexcept = default;
PaceTerminal::~PaceTerminal() = default;

Result<PaceTerminal> PaceTerminal::Create(std::string_view protocol_oid, int parameter_id, PacePasswordType type,
                                          std::string_view password, const PaceSecrets& secrets) {
    auto core = MakeCore(protocol_oid, parameter_id, type, password, secrets);
    if (!core) return Fail(core.error());
    auto impl = std::make_unique<Impl>();
    impl->core = std::move(*core);
    impl->password_type = type;
    return PaceTerminal(std::move(impl));
}

CommandApdu PaceTerminal::MseSetAtCommand(bool with_parameter_id) const {
    PaceMseSetAt mse;
    mse.protocol_oid = std::string(impl_->core.protocol.oid);
    mse.password_type = impl_->password_type;
    if (with_parameter_id) mse.parameter_id = impl_->core.parameter_id;
    // The OID and the id were checked by Create, so this cannot fail.
    return *PaceMseSetAtCommand(mse);
}

CommandApdu PaceTerminal::EncryptedNonceCommand() {
    PaceCore& c = impl_->core;
    c.step = 1;
    c.failed = false;
    return GeneralAuthenticate(EncodeTlv(kTagDynamicAuthData, {}), true);
}

Result<CommandApdu> PaceTerminal::MapNonceCommand(ByteView step1_response_data) {
    PaceCore& c = impl_->core;
    if (auto s = c.CheckStep(1, "step 2"); !s) return Fail(s.error());
    auto run = [&]() -> Result<CommandApdu> {
        auto z = DynamicObject(step1_response_data, kTagEncryptedNonce, "encrypted nonce");
        if (!z) return Fail(z.error());
        const std::size_t block = BlockSize(c.cipher());
        if (z->empty() || z->size() % block != 0 || z->size() > kMaxNonceBytes) {
            return Invalid(fmt::format("PACE: encrypted nonce of {} bytes (a multiple of {}, at most {})", z->size(),
                                       block, kMaxNonceBytes));
        }
        auto s = CbcDecrypt(c.cipher(), c.trace.k_pi, Bytes(block, 0x00), *z);
        if (!s) return Fail(s.error());
        auto nonce = secure::IntegerFromBytes(*s);
        if (!nonce) return Fail(nonce.error());
        c.trace.encrypted_nonce.assign(z->begin(), z->end());
        c.trace.nonce = std::move(*s);
        c.nonce = std::move(*nonce);
        auto pk = c.MakeMappingKey();
        if (!pk) return Fail(pk.error());
        c.trace.terminal_mapping_public_key = *pk;
        c.step = 2;
        return GeneralAuthenticate(DynamicData(kTagMappingTerminal, *pk), true);
    };
    return c.Failed(run());
}

Result<CommandApdu> PaceTerminal::KeyAgreementCommand(ByteView step2_response_data) {
    PaceCore& c = impl_->core;
    if (auto s = c.CheckStep(2, "step 3"); !s) return Fail(s.error());
    auto run = [&]() -> Result<CommandApdu> {
        auto other = DynamicObject(step2_response_data, kTagMappingChip, "mapping");
        if (!other) return Fail(other.error());
        if (auto s = c.MapGenerator(*other, "chip's"); !s) return Fail(s.error());
        c.trace.chip_mapping_public_key.assign(other->begin(), other->end());
        auto pk = c.MakeEphemeralKey();
        if (!pk) return Fail(pk.error());
        c.trace.terminal_ephemeral_public_key = *pk;
        c.step = 3;
        return GeneralAuthenticate(DynamicData(kTagEphemeralTerminal, *pk), true);
    };
    return c.Failed(run());
}

Result<CommandApdu> PaceTerminal::MutualAuthenticationCommand(ByteView step3_response_data) {
    PaceCore& c = impl_->core;
    if (auto s = c.CheckStep(3, "step 4"); !s) return Fail(s.error());
    auto run = [&]() -> Result<CommandApdu> {
        auto other = DynamicObject(step3_response_data, kTagEphemeralChip, "key agreement");
        if (!other) return Fail(other.error());
        if (auto s = c.AgreeKeys(*other, "chip's"); !s) return Fail(s.error());
        c.trace.chip_ephemeral_public_key.assign(other->begin(), other->end());
        auto token = c.Token(c.trace.chip_ephemeral_public_key);
        if (!token) return Fail(token.error());
        c.trace.terminal_token = *token;
        c.step = 4;
        return GeneralAuthenticate(DynamicData(kTagTokenTerminal, *token), false);
    };
    return c.Failed(run());
}

Result<PaceOutcome> PaceTerminal::Finish(ByteView step4_response_data) {
    PaceCore& c = impl_->core;
    if (auto s = c.CheckStep(4, "mutual authentication"); !s) return Fail(s.error());
    auto run = [&]() -> Result<PaceOutcome> {
        auto token = DynamicObject(step4_response_data, kTagTokenChip, "mutual authentication",
                                   {kTagCarCurrent, kTagCarPrevious});
        if (!token) return Fail(token.error());
        if (token->size() != kTokenBytes) {
            return Invalid(fmt::format("PACE: the chip's token has {} bytes ({})", token->size(), kTokenBytes));
        }
        auto expected = c.Token(c.trace.terminal_ephemeral_public_key);
        if (!expected) return Fail(expected.error());
        if (!ConstantTimeEqual(*expected, *token)) {
            return Fail(ErrorCode::kUnauthenticated, "PACE: the chip's authentication token is wrong");
        }
        c.trace.chip_token.assign(token->begin(), token->end());
        c.step = 5;
        return c.Outcome();
    };
    return c.Failed(run());
}

const PaceTrace& PaceTerminal::trace() const { return impl_->core.trace; }

// ---- chip ----

struct PaceChip::Impl {
    PaceCore core;
};

PaceChip::PaceChip(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PaceChip::PaceChip(PaceChip&&) noexcept = default;
PaceChip& PaceChip::operator=(PaceChip&&) noexcept = default;
PaceChip::~PaceChip() = default;

Result<PaceChip> PaceChip::Create(std::string_view protocol_oid, int parameter_id, PacePasswordType type,
                                  std::string_view password, const PaceSecrets& secrets) {
    auto core = MakeCore(protocol_oid, parameter_id, type, password, secrets);
    if (!core) return Fail(core.error());
    auto impl = std::make_unique<Impl>();
    impl->core = std::move(*core);
    return PaceChip(std::move(impl));
}

Result<Bytes> PaceChip::Answer(ByteView command_data) {
    PaceCore& c = impl_->core;
    if (c.failed) return Fail(ErrorCode::kConflict, "PACE: an earlier step failed");
    if (c.step >= 4) return Fail(ErrorCode::kConflict, "PACE: already completed");
    auto run = [&]() -> Result<Bytes> {
        switch (c.step) {
            case 0: {
                auto outer = ReadSingleTlv(command_data, kTagDynamicAuthData, "GENERAL AUTHENTICATE step 1");
                if (!outer) return Invalid(fmt::format("PACE: {}", outer.error().message));
                if (!outer->value.empty()) return Invalid("PACE: step 1 must carry an empty 7C");
                Bytes s = c.secrets.nonce;
                if (s.empty()) {
                    auto random = RandomBytes(BlockSize(c.cipher()));
                    if (!random) return Fail(random.error());
                    s = std::move(*random);
                }
                auto z = CbcEncrypt(c.cipher(), c.trace.k_pi, Bytes(BlockSize(c.cipher()), 0x00), s);
                if (!z) return Fail(z.error());
                auto nonce = secure::IntegerFromBytes(s);
                if (!nonce) return Fail(nonce.error());
                c.nonce = std::move(*nonce);
                c.trace.nonce = std::move(s);
                c.trace.encrypted_nonce = *z;
                c.step = 1;
                return DynamicData(kTagEncryptedNonce, *z);
            }
            case 1: {
                auto other = DynamicObject(command_data, kTagMappingTerminal, "mapping");
                if (!other) return Fail(other.error());
                auto pk = c.MakeMappingKey();
                if (!pk) return Fail(pk.error());
                if (auto s = c.MapGenerator(*other, "terminal's"); !s) return Fail(s.error());
                c.trace.terminal_mapping_public_key.assign(other->begin(), other->end());
                c.trace.chip_mapping_public_key = *pk;
                c.step = 2;
                return DynamicData(kTagMappingChip, *pk);
            }
            case 2: {
                auto other = DynamicObject(command_data, kTagEphemeralTerminal, "key agreement");
                if (!other) return Fail(other.error());
                auto pk = c.MakeEphemeralKey();
                if (!pk) return Fail(pk.error());
                if (auto s = c.AgreeKeys(*other, "terminal's"); !s) return Fail(s.error());
                c.trace.terminal_ephemeral_public_key.assign(other->begin(), other->end());
                c.trace.chip_ephemeral_public_key = *pk;
                c.step = 3;
                return DynamicData(kTagEphemeralChip, *pk);
            }
            default: {
                auto token = DynamicObject(command_data, kTagTokenTerminal, "mutual authentication");
                if (!token) return Fail(token.error());
                if (token->size() != kTokenBytes) {
                    return Invalid(
                        fmt::format("PACE: the terminal's token has {} bytes ({})", token->size(), kTokenBytes));
                }
                auto expected = c.Token(c.trace.chip_ephemeral_public_key);
                if (!expected) return Fail(expected.error());
                if (!ConstantTimeEqual(*expected, *token)) {
                    return Fail(ErrorCode::kUnauthenticated, "PACE: the terminal's authentication token is wrong");
                }
                c.trace.terminal_token.assign(token->begin(), token->end());
                auto own = c.Token(c.trace.terminal_ephemeral_public_key);
                if (!own) return Fail(own.error());
                c.trace.chip_token = *own;
                c.step = 4;
                return DynamicData(kTagTokenChip, *own);
            }
        }
    };
    return c.Failed(run());
}

bool PaceChip::completed() const { return impl_->core.step >= 4 && !impl_->core.failed; }

Result<PaceOutcome> PaceChip::Outcome() const {
    if (!completed()) return Fail(ErrorCode::kConflict, "PACE: not completed");
    return impl_->core.Outcome();
}

const PaceTrace& PaceChip::trace() const { return impl_->core.trace; }

}  // namespace precinct::identity
