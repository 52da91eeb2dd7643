#include "precinct/identity/chip_auth.hpp"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <climits>

#include "precinct/identity/tlv.hpp"
#include "secure/ec_math.hpp"
#include "secure/openssl_ptr.hpp"

namespace precinct::identity {

namespace {

using secure::PkeyCtxPtr;
using secure::PkeyPtr;

struct ParamsFree {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using ParamsPtr = std::unique_ptr<OSSL_PARAM, ParamsFree>;

constexpr std::uint32_t kTagDynamicAuthData = 0x7C;
constexpr std::uint32_t kTagProtocol = 0x80;
constexpr std::uint32_t kTagEphemeralKey = 0x91;
constexpr std::uint32_t kTagGaEphemeralKey = 0x80;
constexpr std::uint32_t kTagKeyId = 0x84;
// The largest SubjectPublicKeyInfo accepted (explicit parameters of a 521-bit curve take about 600 bytes).
constexpr std::size_t kMaxSpkiBytes = 4096;
constexpr std::size_t kMaxPointBytes = 1 + 2 * 66;

constexpr std::string_view kCaDhPrefix = "0.4.0.127.0.7.2.2.3.1.";

constexpr std::array<ChipAuthProtocol, 4> kProtocols{{
    {kCaEcdh3DesOid, "id-CA-ECDH-3DES-CBC-CBC", KdfKeyType::kTripleDes, true},
    {kCaEcdhAes128Oid, "id-CA-ECDH-AES-CBC-CMAC-128", KdfKeyType::kAes128, false},
    {kCaEcdhAes192Oid, "id-CA-ECDH-AES-CBC-CMAC-192", KdfKeyType::kAes192, false},
    {kCaEcdhAes256Oid, "id-CA-ECDH-AES-CBC-CMAC-256", KdfKeyType::kAes256, false},
}};

tl::unexpected<Error> Invalid(std::string message) { return Fail(ErrorCode::kInvalidArgument, std::move(message)); }

tl::unexpected<Error> OpenSslFailure(std::string_view what) {
    return Fail(ErrorCode::kInternal, fmt::format("{}: OpenSSL failed ({})", what, secure::DrainOpenSslErrors()));
}

std::shared_ptr<EVP_PKEY> Share(PkeyPtr key) { return {key.release(), EVP_PKEY_free}; }

// The uncompressed public point of an EC key.
Result<Bytes> PublicPointOf(EVP_PKEY* key) {
    if (EVP_PKEY_set_utf8_string_param(key, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                       OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED) != 1) {
        return OpenSslFailure("EC public point");
    }
    unsigned char* buf = nullptr;
    const std::size_t len = EVP_PKEY_get1_encoded_public_key(key, &buf);
    if (len == 0 || buf == nullptr) return OpenSslFailure("EC public point");
    Bytes out(buf, buf + len);
    OPENSSL_free(buf);
    return out;
}

// A DER encoding by an i2d_* function.
template <class F>
Bytes ToDer(F encode) {
    unsigned char* buf = nullptr;
    const int len = encode(&buf);
    if (len <= 0 || buf == nullptr) {
        secure::DrainOpenSslErrors();
        return {};
    }
    Bytes out(buf, buf + len);
    OPENSSL_free(buf);
    return out;
}

// A public key with `point` on the domain of `domain` (named curve or explicit parameters). Refuses a point
// that is malformed or not on the curve.
Result<PkeyPtr> PeerKey(EVP_PKEY* domain, ByteView point) {
    if (point.empty() || point.size() > kMaxPointBytes) {
        return Invalid(fmt::format("chip authentication: a public point of {} bytes", point.size()));
    }
    OSSL_PARAM* raw_domain = nullptr;
    if (EVP_PKEY_todata(domain, EVP_PKEY_KEY_PARAMETERS, &raw_domain) != 1) {
        return OpenSslFailure("chip authentication domain parameters");
    }
    ParamsPtr domain_params(raw_domain);
    Bytes point_copy(point.begin(), point.end());
    const OSSL_PARAM pub[] = {
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, point_copy.data(), point_copy.size()),
        OSSL_PARAM_construct_end(),
    };
    ParamsPtr params(OSSL_PARAM_merge(domain_params.get(), pub));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) {
        return OpenSslFailure("chip authentication peer key");
    }
    EVP_PKEY* peer = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &peer, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || peer == nullptr) {
        secure::DrainOpenSslErrors();
        return Invalid("chip authentication: the public point is not on the key's curve");
    }
    PkeyPtr out(peer);
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, out.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
        secure::DrainOpenSslErrors();
        return Invalid("chip authentication: the public point is not a valid point of the key's curve");
    }
    return out;
}

// x(SK(own) * PK(peer)): ECDH as in BSI TR-03111 (the x-coordinate, field length).
Result<Bytes> Agree(EVP_PKEY* own, EVP_PKEY* peer) {
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1) return OpenSslFailure("chip authentication key agreement");
    if (EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 1) != 1) {
        secure::DrainOpenSslErrors();
        return Invalid("chip authentication: the other side's public key does not match the domain");
    }
    std::size_t len = 0;
    if (EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1) return OpenSslFailure("chip authentication key agreement");
    Bytes secret(len);
    if (EVP_PKEY_derive(ctx.get(), secret.data(), &len) != 1) {
        return OpenSslFailure("chip authentication key agreement");
    }
    secret.resize(len);
    return secret;
}

Result<SecureMessaging> SessionFrom(const ChipAuthProtocol& protocol, ByteView shared_secret) {
    return SecureMessaging::Create(KdfCipher(protocol.key_type),
                                   DeriveKey(shared_secret, KdfPurpose::kEnc, protocol.key_type),
                                   DeriveKey(shared_secret, KdfPurpose::kMac, protocol.key_type));
}

Result<std::optional<int>> KeyId(const Tlv& item, std::string_view what) {
    auto id = DecodeInteger(item.value);
    if (!id || *id < 0 || *id > INT_MAX) return Invalid(fmt::format("{}: key id (84) is not a small integer", what));
    return std::optional<int>(static_cast<int>(*id));
}

Bytes KeyIdObject(std::optional<int> key_id) {
    if (!key_id) return {};
    return EncodeTlv(kTagKeyId, EncodeInteger(*key_id));
}

}  // namespace

Result<ChipAuthProtocol> ChipAuthProtocolFromOid(std::string_view oid) {
    for (const ChipAuthProtocol& p : kProtocols) {
        if (p.oid == oid) return p;
    }
    if (oid.starts_with(kCaDhPrefix)) {
        return Fail(ErrorCode::kUnavailable, fmt::format("chip authentication {} (DH) is not supported", oid));
    }
    return Invalid(fmt::format("{} is not an ECDH chip authentication protocol", oid));
}

// ---- EcKeyPair ----

Result<EcKeyPair> EcKeyPair::Generate(std::string_view curve) {
    const std::string name(curve);
    auto known = secure::CurveByName(name);
    if (!known) return Fail(known.error());
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(name.c_str()), 0),
        OSSL_PARAM_construct_end(),
    };
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_params(ctx.get(), params) != 1 ||
        EVP_PKEY_generate(ctx.get(), &key) != 1) {
        return OpenSslFailure("EC key generation");
    }
    return EcKeyPair(Share(PkeyPtr(key)));
}

Result<EcKeyPair> EcKeyPair::FromPkcs8Der(ByteView der) {
    if (der.size() > static_cast<std::size_t>(kMaxSpkiBytes) * 2) return Invalid("PKCS#8 key: too long");
    const unsigned char* p = der.data();
    PkeyPtr key(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
    if (!key || p != der.data() + der.size()) {
        secure::DrainOpenSslErrors();
        return Invalid("PKCS#8 key: not one DER PrivateKeyInfo");
    }
    if (EVP_PKEY_is_a(key.get(), "EC") != 1) return Invalid("PKCS#8 key: not an EC key");
    return EcKeyPair(Share(std::move(key)));
}

Result<EcKeyPair> EcKeyPair::FromPrivateScalar(std::string_view curve, ByteView scalar) {
    auto c = secure::CurveByName(curve);
    if (!c) return Fail(c.error());
    auto k = secure::ScalarFromBytes(*c, scalar, "EC private key");
    if (!k) return Fail(k.error());
    auto pub = secure::Multiply(*c, nullptr, k->get(), "EC public key");
    if (!pub) return Fail(pub.error());
    auto pub_bytes = secure::EncodePoint(*c, pub->get());
    if (!pub_bytes) return Fail(pub_bytes.error());
    Bytes priv(c->field_bytes + 1);
    if (BN_bn2nativepad(k->get(), priv.data(), static_cast<int>(priv.size())) < 0) {
        return OpenSslFailure("EC private key");
    }
    const std::string name(curve);
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, const_cast<char*>(name.c_str()), 0),
        OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_PRIV_KEY, priv.data(), priv.size()),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, pub_bytes->data(), pub_bytes->size()),
        OSSL_PARAM_construct_end(),
    };
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, const_cast<OSSL_PARAM*>(params)) != 1) {
        return OpenSslFailure("EC private key");
    }
    return EcKeyPair(Share(PkeyPtr(key)));
}

Bytes EcKeyPair::SubjectPublicKeyInfoDer(bool explicit_parameters) const {
    if (!explicit_parameters) return ToDer([&](unsigned char** out) { return i2d_PUBKEY(key_.get(), out); });
    // The encoding setting belongs to the key object: make a copy so that other holders keep named curves.
    PkeyPtr copy(EVP_PKEY_dup(key_.get()));
    if (!copy ||
        EVP_PKEY_set_utf8_string_param(copy.get(), OSSL_PKEY_PARAM_EC_ENCODING, OSSL_PKEY_EC_ENCODING_EXPLICIT) != 1) {
        secure::DrainOpenSslErrors();
        return {};
    }
    return ToDer([&](unsigned char** out) { return i2d_PUBKEY(copy.get(), out); });
}

Bytes EcKeyPair::Pkcs8Der() const {
    return ToDer([&](unsigned char** out) { return i2d_PrivateKey(key_.get(), out); });
}

Bytes EcKeyPair::PublicPoint() const {
    PkeyPtr copy(EVP_PKEY_dup(key_.get()));
    if (!copy) return {};
    auto point = PublicPointOf(copy.get());
    return point ? *point : Bytes{};
}

// ---- terminal ----

Result<ChipAuthTerminalRun> StartChipAuthentication(std::string_view ca_oid, ByteView chip_public_key_spki,
                                                    std::optional<int> key_id) {
    auto protocol = ChipAuthProtocolFromOid(ca_oid);
    if (!protocol) return Fail(protocol.error());
    if (chip_public_key_spki.empty() || chip_public_key_spki.size() > kMaxSpkiBytes) {
        return Invalid(fmt::format("chip authentication: a public key of {} bytes", chip_public_key_spki.size()));
    }
    if (key_id && *key_id < 0) return Invalid("chip authentication: negative key id");
    const unsigned char* p = chip_public_key_spki.data();
    PkeyPtr chip_key(d2i_PUBKEY(nullptr, &p, static_cast<long>(chip_public_key_spki.size())));
    if (!chip_key || p != chip_public_key_spki.data() + chip_public_key_spki.size()) {
        secure::DrainOpenSslErrors();
        return Invalid("chip authentication: the chip's public key is not one DER SubjectPublicKeyInfo");
    }
    if (EVP_PKEY_is_a(chip_key.get(), "EC") != 1) {
        return Invalid("chip authentication: the chip's public key is not an EC key (DH is not supported)");
    }
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, chip_key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
        secure::DrainOpenSslErrors();
        return Invalid("chip authentication: the chip's public point is not on its curve");
    }
    // The ephemeral key on the chip key's domain, whether named or explicit.
    PkeyCtxPtr gen(EVP_PKEY_CTX_new_from_pkey(nullptr, chip_key.get(), nullptr));
    EVP_PKEY* ephemeral_raw = nullptr;
    if (!gen || EVP_PKEY_keygen_init(gen.get()) != 1 || EVP_PKEY_generate(gen.get(), &ephemeral_raw) != 1) {
        return OpenSslFailure("chip authentication ephemeral key");
    }
    PkeyPtr ephemeral(ephemeral_raw);
    auto point = PublicPointOf(ephemeral.get());
    if (!point) return Fail(point.error());
    auto secret = Agree(ephemeral.get(), chip_key.get());
    if (!secret) return Fail(secret.error());
    auto sm = SessionFrom(*protocol, *secret);
    if (!sm) return Fail(sm.error());

    std::vector<CommandApdu> commands;
    if (protocol->set_kat) {
        CommandApdu kat;
        kat.ins = 0x22;
        kat.p1 = 0x41;
        kat.p2 = 0xA6;
        kat.data = Concat({EncodeTlv(kTagEphemeralKey, *point), KeyIdObject(key_id)});
        commands.push_back(std::move(kat));
    } else {
        auto oid = EncodeOid(protocol->oid);
        if (!oid) return Fail(oid.error());
        CommandApdu at;
        at.ins = 0x22;
        at.p1 = 0x41;
        at.p2 = 0xA4;
        at.data = Concat({EncodeTlv(kTagProtocol, *oid), KeyIdObject(key_id)});
        commands.push_back(std::move(at));
        CommandApdu ga;
        ga.ins = 0x86;
        ga.data = EncodeTlv(kTagDynamicAuthData, EncodeTlv(kTagGaEphemeralKey, *point));
        ga.le = 256;
        commands.push_back(std::move(ga));
    }
    return ChipAuthTerminalRun{*protocol, std::move(commands), std::move(*point), std::move(*secret), std::move(*sm)};
}

Status CheckChipAuthenticationResponse(ByteView response_data) {
    if (response_data.size() != 2 || response_data[0] != 0x7C || response_data[1] != 0x00) {
        return Invalid(fmt::format("chip authentication: GENERAL AUTHENTICATE answered {} (7C00 expected)",
                                   ToHex(response_data.first(std::min<std::size_t>(response_data.size(), 16)))));
    }
    return Ok();
}

// ---- chip ----

Result<CaSetKat> ParseCaMseSetKat(ByteView data) {
    constexpr std::string_view kWhat = "MSE:Set KAT";
    auto items = ReadAllTlv(data);
    if (!items) return Invalid(fmt::format("{}: {}", kWhat, items.error().message));
    CaSetKat out;
    bool have_key = false;
    bool have_id = false;
    for (const Tlv& item : *items) {
        if (item.tag == kTagEphemeralKey && !have_key) {
            out.terminal_public_key.assign(item.value.begin(), item.value.end());
            have_key = true;
        } else if (item.tag == kTagKeyId && !have_id) {
            auto id = KeyId(item, kWhat);
            if (!id) return Fail(id.error());
            out.key_id = *id;
            have_id = true;
        } else {
            return Invalid(fmt::format("{}: unexpected or repeated data object {}", kWhat, TagName(item.tag)));
        }
    }
    if (!have_key || out.terminal_public_key.empty()) {
        return Invalid(fmt::format("{}: the ephemeral public key (91) is missing", kWhat));
    }
    return out;
}

Result<CaSetAt> ParseCaMseSetAt(ByteView data) {
    constexpr std::string_view kWhat = "MSE:Set AT (chip authentication)";
    auto items = ReadAllTlv(data);
    if (!items) return Invalid(fmt::format("{}: {}", kWhat, items.error().message));
    CaSetAt out;
    bool have_oid = false;
    bool have_id = false;
    for (const Tlv& item : *items) {
        if (item.tag == kTagProtocol && !have_oid) {
            auto oid = DecodeOid(item.value);
            if (!oid) return Invalid(fmt::format("{}: protocol (80): {}", kWhat, oid.error().message));
            out.protocol_oid = std::move(*oid);
            have_oid = true;
        } else if (item.tag == kTagKeyId && !have_id) {
            auto id = KeyId(item, kWhat);
            if (!id) return Fail(id.error());
            out.key_id = *id;
            have_id = true;
        } else {
            return Invalid(fmt::format("{}: unexpected or repeated data object {}", kWhat, TagName(item.tag)));
        }
    }
    if (!have_oid) return Invalid(fmt::format("{}: the protocol (80) is missing", kWhat));
    return out;
}

Result<Bytes> ParseCaGeneralAuthenticate(ByteView data) {
    constexpr std::string_view kWhat = "GENERAL AUTHENTICATE (chip authentication)";
    auto outer = ReadSingleTlv(data, kTagDynamicAuthData, kWhat);
    if (!outer) return Invalid(outer.error().message);
    auto items = ReadAllTlv(outer->value);
    if (!items) return Invalid(fmt::format("{}: {}", kWhat, items.error().message));
    if (items->size() != 1 || (*items)[0].tag != kTagGaEphemeralKey || (*items)[0].value.empty()) {
        return Invalid(fmt::format("{}: 7C must hold exactly the ephemeral public key (80)", kWhat));
    }
    return Bytes((*items)[0].value.begin(), (*items)[0].value.end());
}

Bytes CaGeneralAuthenticateResponse() { return Bytes{0x7C, 0x00}; }

Result<SecureMessaging> ChipAuthenticationChipSession(std::string_view ca_oid, const EcKeyPair& chip_key,
                                                      ByteView terminal_public_key) {
    auto protocol = ChipAuthProtocolFromOid(ca_oid);
    if (!protocol) return Fail(protocol.error());
    if (chip_key.get() == nullptr) return Invalid("chip authentication: no chip key");
    auto peer = PeerKey(chip_key.get(), terminal_public_key);
    if (!peer) return Fail(peer.error());
    auto secret = Agree(chip_key.get(), peer->get());
    if (!secret) return Fail(secret.error());
    return SessionFrom(*protocol, *secret);
}

}  // namespace precinct::identity
