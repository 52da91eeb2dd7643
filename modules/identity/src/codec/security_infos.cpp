#include "precinct/identity/security_infos.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::string_view kBsiProtocols = "0.4.0.127.0.7.2.2.";

enum class InfoKind {
    kPace,
    kPaceDomainParameter,
    kChipAuthentication,
    kChipAuthenticationPublicKey,
    kChipAuthenticationDomainParameter,
    kTerminalAuthentication,
    kActiveAuthentication,
    kOther,
};

// The arcs after 0.4.0.127.0.7.2.2 ({4, 2, 2} for id-PACE-ECDH-GM-AES-CBC-CMAC-128); empty for other OIDs or
// arcs that are not small numbers.
std::vector<int> BsiArcs(std::string_view oid) {
    if (!oid.starts_with(kBsiProtocols)) return {};
    std::vector<int> arcs;
    int v = 0;
    bool have = false;
    for (char c : oid.substr(kBsiProtocols.size())) {
        if (c == '.') {
            if (!have) return {};
            arcs.push_back(v);
            v = 0;
            have = false;
        } else if (c >= '0' && c <= '9' && v < 1000) {
            v = v * 10 + (c - '0');
            have = true;
        } else {
            return {};
        }
    }
    if (!have) return {};
    arcs.push_back(v);
    return arcs;
}

bool IsPaceMapping(int arc) { return arc == 1 || arc == 2 || arc == 3 || arc == 4 || arc == 6; }
bool IsCipher(int arc) { return arc >= 1 && arc <= 4; }
bool IsKeyAgreement(int arc) { return arc == 1 || arc == 2; }

InfoKind Classify(std::string_view oid) {
    if (oid == kOidActiveAuthentication) return InfoKind::kActiveAuthentication;
    const std::vector<int> a = BsiArcs(oid);
    if (a.empty()) return InfoKind::kOther;
    if (a.size() == 1 && a[0] == 2) return InfoKind::kTerminalAuthentication;
    if (a[0] == 4 && a.size() == 3 && IsPaceMapping(a[1]) && IsCipher(a[2])) return InfoKind::kPace;
    if (a[0] == 4 && a.size() == 2 && IsPaceMapping(a[1])) return InfoKind::kPaceDomainParameter;
    if (a[0] == 3 && a.size() == 3 && IsKeyAgreement(a[1]) && IsCipher(a[2])) return InfoKind::kChipAuthentication;
    if (a[0] == 3 && a.size() == 2 && IsKeyAgreement(a[1])) return InfoKind::kChipAuthenticationDomainParameter;
    if (a[0] == 1 && a.size() == 2 && IsKeyAgreement(a[1])) return InfoKind::kChipAuthenticationPublicKey;
    return InfoKind::kOther;
}

// Reads the SecurityInfo elements after the OID by position, for one known protocol.
class InfoReader {
public:
    InfoReader(const std::vector<Tlv>& parts, std::string where) : parts_(parts), where_(std::move(where)) {}

    tl::unexpected<Error> Invalid(std::string_view what) const {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", where_, what));
    }

    Result<std::int64_t> Integer(std::size_t i, std::string_view name) const {
        if (i >= parts_.size()) return Invalid(fmt::format("{} missing", name));
        if (parts_[i].tag != kDerInteger) {
            return Invalid(fmt::format("{} is {}, expected an INTEGER", name, TagName(parts_[i].tag)));
        }
        auto v = DecodeInteger(parts_[i].value);
        if (!v) return Invalid(fmt::format("{}: {}", name, v.error().message));
        return *v;
    }

    Result<std::optional<std::int64_t>> OptionalInteger(std::size_t i, std::string_view name) const {
        if (i >= parts_.size()) return std::optional<std::int64_t>();
        auto v = Integer(i, name);
        if (!v) return Fail(v.error());
        return std::optional<std::int64_t>(*v);
    }

    Result<Bytes> Sequence(std::size_t i, std::string_view name) const {
        if (i >= parts_.size()) return Invalid(fmt::format("{} missing", name));
        if (parts_[i].tag != kDerSequence) {
            return Invalid(fmt::format("{} is {}, expected a SEQUENCE", name, TagName(parts_[i].tag)));
        }
        return Bytes(parts_[i].raw.begin(), parts_[i].raw.end());
    }

    Result<std::string> Oid(std::size_t i, std::string_view name) const {
        if (i >= parts_.size()) return Invalid(fmt::format("{} missing", name));
        if (parts_[i].tag != kDerOid) {
            return Invalid(fmt::format("{} is {}, expected an OBJECT IDENTIFIER", name, TagName(parts_[i].tag)));
        }
        auto oid = DecodeOid(parts_[i].value);
        if (!oid) return Invalid(fmt::format("{}: {}", name, oid.error().message));
        return *oid;
    }

    // No elements from `count` on.
    Status AtMost(std::size_t count) const {
        if (parts_.size() > count) return Invalid(fmt::format("{} elements; at most {}", parts_.size(), count));
        return Ok();
    }

private:
    const std::vector<Tlv>& parts_;
    std::string where_;
};

Status ReadInfo(const Tlv& element, std::size_t index, SecurityInfos& out) {
    if (element.tag != kDerSequence) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("SecurityInfo {}: is {}, expected a SEQUENCE", index, TagName(element.tag)));
    }
    auto parts = ReadAllTlv(element.value);
    if (!parts) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("SecurityInfo {}: {}", index, parts.error().message));
    }
    if (parts->empty() || (*parts)[0].tag != kDerOid) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("SecurityInfo {}: does not start with an OID", index));
    }
    auto oid = DecodeOid((*parts)[0].value);
    if (!oid) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("SecurityInfo {}: {}", index, oid.error().message));
    }
    const InfoKind kind = Classify(*oid);
    const InfoReader r(*parts, fmt::format("SecurityInfo {} ({})", index, ProtocolName(*oid)));
    if (parts->size() < 2) return r.Invalid("no required data after the protocol OID");
    switch (kind) {
        case InfoKind::kPace: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto version = r.Integer(1, "PACEInfo version");
            if (!version) return Fail(version.error());
            if (*version != 2) return r.Invalid(fmt::format("PACEInfo version {}; must be 2", *version));
            auto parameter = r.OptionalInteger(2, "PACEInfo parameterId");
            if (!parameter) return Fail(parameter.error());
            out.pace.push_back({*oid, *version, *parameter});
            return Ok();
        }
        case InfoKind::kPaceDomainParameter: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto params = r.Sequence(1, "PACEDomainParameterInfo domainParameter");
            if (!params) return Fail(params.error());
            auto parameter = r.OptionalInteger(2, "PACEDomainParameterInfo parameterId");
            if (!parameter) return Fail(parameter.error());
            out.pace_domain_parameters.push_back({*oid, *params, *parameter});
            return Ok();
        }
        case InfoKind::kChipAuthentication: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto version = r.Integer(1, "ChipAuthenticationInfo version");
            if (!version) return Fail(version.error());
            if (*version != 1) return r.Invalid(fmt::format("ChipAuthenticationInfo version {}; must be 1", *version));
            auto key_id = r.OptionalInteger(2, "ChipAuthenticationInfo keyId");
            if (!key_id) return Fail(key_id.error());
            out.chip_authentication.push_back({*oid, *version, *key_id});
            return Ok();
        }
        case InfoKind::kChipAuthenticationPublicKey: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto key = r.Sequence(1, "ChipAuthenticationPublicKeyInfo chipAuthenticationPublicKey");
            if (!key) return Fail(key.error());
            auto key_id = r.OptionalInteger(2, "ChipAuthenticationPublicKeyInfo keyId");
            if (!key_id) return Fail(key_id.error());
            out.chip_authentication_public_keys.push_back({*oid, *key, *key_id});
            return Ok();
        }
        case InfoKind::kChipAuthenticationDomainParameter: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto params = r.Sequence(1, "ChipAuthenticationDomainParameterInfo domainParameter");
            if (!params) return Fail(params.error());
            auto key_id = r.OptionalInteger(2, "ChipAuthenticationDomainParameterInfo keyId");
            if (!key_id) return Fail(key_id.error());
            out.chip_authentication_domain_parameters.push_back({*oid, *params, *key_id});
            return Ok();
        }
        case InfoKind::kTerminalAuthentication: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto version = r.Integer(1, "TerminalAuthenticationInfo version");
            if (!version) return Fail(version.error());
            if (*version != 1 && *version != 2) {
                return r.Invalid(fmt::format("TerminalAuthenticationInfo version {}; must be 1 or 2", *version));
            }
            TerminalAuthenticationInfo ta{*oid, *version, std::nullopt};
            if (parts->size() == 3) {
                auto file = r.Sequence(2, "TerminalAuthenticationInfo efCVCA");
                if (!file) return Fail(file.error());
                ta.ef_cvca = *file;
            }
            out.terminal_authentication.push_back(std::move(ta));
            return Ok();
        }
        case InfoKind::kActiveAuthentication: {
            if (auto ok = r.AtMost(3); !ok) return ok;
            auto version = r.Integer(1, "ActiveAuthenticationInfo version");
            if (!version) return Fail(version.error());
            if (*version != 1) {
                return r.Invalid(fmt::format("ActiveAuthenticationInfo version {}; must be 1", *version));
            }
            auto algorithm = r.Oid(2, "ActiveAuthenticationInfo signatureAlgorithm");
            if (!algorithm) return Fail(algorithm.error());
            out.active_authentication.push_back({*oid, *version, *algorithm});
            return Ok();
        }
        case InfoKind::kOther: out.other.push_back({*oid, Bytes(element.raw.begin(), element.raw.end())}); return Ok();
    }
    return Ok();
}

// SEQUENCE { OID, rest... }.
Result<Bytes> Info(std::string_view oid, std::initializer_list<ByteView> rest) {
    auto contents = EncodeOid(oid);
    if (!contents) return Fail(ErrorCode::kInvalidArgument, "SecurityInfo: a protocol OID is not a dotted number");
    Bytes body = EncodeTlv(kDerOid, *contents);
    for (ByteView part : rest) body.insert(body.end(), part.begin(), part.end());
    return EncodeTlv(kDerSequence, body);
}

Bytes Integer(std::int64_t v) { return EncodeTlv(kDerInteger, EncodeInteger(v)); }
Bytes OptionalInteger(const std::optional<std::int64_t>& v) { return v ? Integer(*v) : Bytes(); }

}  // namespace

Result<SecurityInfos> ParseSecurityInfos(ByteView der_set) {
    auto set = ReadSingleTlv(der_set, kDerSet, "SecurityInfos");
    if (!set) return Fail(set.error());
    auto elements = ReadAllTlv(set->value);
    if (!elements) return Fail(ErrorCode::kInvalidArgument, "SecurityInfos: " + elements.error().message);
    if (elements->size() > kMaxSecurityInfos) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("SecurityInfos: {} elements; at most {}", elements->size(), kMaxSecurityInfos));
    }
    SecurityInfos out;
    for (std::size_t i = 0; i < elements->size(); ++i) {
        if (auto ok = ReadInfo((*elements)[i], i + 1, out); !ok) return Fail(ok.error());
    }
    return out;
}

Result<SecurityInfos> ParseCardAccess(ByteView card_access) {
    auto infos = ParseSecurityInfos(card_access);
    if (!infos) return Fail(ErrorCode::kInvalidArgument, "EF.CardAccess: " + infos.error().message);
    return infos;
}

Result<SecurityInfos> ParseDg14(ByteView dg14) {
    auto outer = ReadSingleTlv(dg14, 0x6E, "DG14");
    if (!outer) return Fail(outer.error());
    auto infos = ParseSecurityInfos(outer->value);
    if (!infos) return Fail(ErrorCode::kInvalidArgument, "DG14: " + infos.error().message);
    return infos;
}

Result<Bytes> EncodeSecurityInfos(const SecurityInfos& infos) {
    std::vector<Bytes> elements;
    auto add = [&elements](Result<Bytes> element) -> Status {
        if (!element) return Fail(element.error());
        elements.push_back(std::move(*element));
        return Ok();
    };
    for (const auto& i : infos.pace) {
        if (auto ok = add(Info(i.protocol, {Integer(i.version), OptionalInteger(i.parameter_id)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.pace_domain_parameters) {
        if (auto ok = add(Info(i.protocol, {i.domain_parameter, OptionalInteger(i.parameter_id)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.chip_authentication) {
        if (auto ok = add(Info(i.protocol, {Integer(i.version), OptionalInteger(i.key_id)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.chip_authentication_public_keys) {
        if (auto ok = add(Info(i.protocol, {i.subject_public_key_info, OptionalInteger(i.key_id)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.chip_authentication_domain_parameters) {
        if (auto ok = add(Info(i.protocol, {i.domain_parameter, OptionalInteger(i.key_id)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.terminal_authentication) {
        if (auto ok = add(Info(i.protocol, {Integer(i.version), i.ef_cvca.value_or(Bytes())})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.active_authentication) {
        auto algorithm = EncodeOid(i.signature_algorithm);
        if (!algorithm) {
            return Fail(ErrorCode::kInvalidArgument,
                        "ActiveAuthenticationInfo: the signatureAlgorithm is not a dotted number");
        }
        if (auto ok = add(Info(i.protocol, {Integer(i.version), EncodeTlv(kDerOid, *algorithm)})); !ok) {
            return Fail(ok.error());
        }
    }
    for (const auto& i : infos.other) elements.push_back(i.der);
    std::sort(elements.begin(), elements.end());
    Bytes body;
    for (const auto& e : elements) body.insert(body.end(), e.begin(), e.end());
    return EncodeTlv(kDerSet, body);
}

Result<Bytes> EncodeCardAccess(const SecurityInfos& infos) { return EncodeSecurityInfos(infos); }

Result<Bytes> EncodeDg14(const SecurityInfos& infos) {
    auto set = EncodeSecurityInfos(infos);
    if (!set) return Fail(set.error());
    return EncodeTlv(0x6E, *set);
}

std::optional<ProtocolSuite> DescribeProtocol(std::string_view oid) {
    ProtocolSuite s;
    if (oid == kOidActiveAuthentication) {
        s.family = "AA";
        return s;
    }
    const std::vector<int> a = BsiArcs(oid);
    const InfoKind kind = Classify(oid);
    auto set_cipher = [&s](int arc) {
        s.cipher = arc == 1 ? "3DES-CBC-CBC" : "AES-CBC-CMAC";
        s.key_bits = arc == 1 ? 112 : (arc == 2 ? 128 : (arc == 3 ? 192 : 256));
    };
    auto key_agreement = [](int arc) { return std::string(arc == 1 ? "DH" : "ECDH"); };
    switch (kind) {
        case InfoKind::kPace:
        case InfoKind::kPaceDomainParameter: {
            s.family = "PACE";
            static constexpr std::string_view kKa[] = {"", "DH", "ECDH", "DH", "ECDH", "", "ECDH"};
            static constexpr std::string_view kMap[] = {"", "GM", "GM", "IM", "IM", "", "CAM"};
            s.key_agreement = std::string(kKa[a[1]]);
            s.mapping = std::string(kMap[a[1]]);
            if (kind == InfoKind::kPace) set_cipher(a[2]);
            return s;
        }
        case InfoKind::kChipAuthentication:
        case InfoKind::kChipAuthenticationDomainParameter:
            s.family = "CA";
            s.key_agreement = key_agreement(a[1]);
            if (kind == InfoKind::kChipAuthentication) set_cipher(a[2]);
            return s;
        case InfoKind::kChipAuthenticationPublicKey:
            s.family = "PK";
            s.key_agreement = key_agreement(a[1]);
            return s;
        case InfoKind::kTerminalAuthentication: s.family = "TA"; return s;
        case InfoKind::kActiveAuthentication:
        case InfoKind::kOther: break;
    }
    return std::nullopt;
}

std::string ProtocolName(std::string_view oid) {
    auto s = DescribeProtocol(oid);
    if (!s) return std::string(oid);
    std::string name = s->family;
    if (!s->key_agreement.empty()) name += "-" + s->key_agreement;
    if (!s->mapping.empty()) name += "-" + s->mapping;
    if (!s->cipher.empty()) {
        name += "-" + s->cipher;
        if (s->cipher == "AES-CBC-CMAC") name += fmt::format("-{}", s->key_bits);
    }
    return name;
}

std::string_view StandardDomainParameterName(std::int64_t parameter_id) {
    switch (parameter_id) {
        case 0: return "modp1024_160";
        case 1: return "modp2048_224";
        case 2: return "modp2048_256";
        case 8: return "prime192v1";
        case 9: return "brainpoolP192r1";
        case 10: return "secp224r1";
        case 11: return "brainpoolP224r1";
        case 12: return "prime256v1";
        case 13: return "brainpoolP256r1";
        case 14: return "brainpoolP320r1";
        case 15: return "secp384r1";
        case 16: return "brainpoolP384r1";
        case 17: return "brainpoolP512r1";
        case 18: return "secp521r1";
        default: return "";
    }
}

}  // namespace precinct::identity
