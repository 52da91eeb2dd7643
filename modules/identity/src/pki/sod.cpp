#include "precinct/identity/sod.hpp"

#include <fmt/format.h>
#include <openssl/objects.h>

#include <climits>
#include <set>

#include "pki/openssl_util.hpp"
#include "pki/sod_internal.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

constexpr std::string_view kOidData = "1.2.840.113549.1.7.1";

struct DigestInfo {
    std::string_view oid;
    std::string_view name;
    std::size_t size;
};

constexpr DigestInfo kDigests[] = {
    {"1.3.14.3.2.26", "SHA-1", 20},
    {"2.16.840.1.101.3.4.2.4", "SHA-224", 28},
    {"2.16.840.1.101.3.4.2.1", "SHA-256", 32},
    {"2.16.840.1.101.3.4.2.2", "SHA-384", 48},
    {"2.16.840.1.101.3.4.2.3", "SHA-512", 64},
};

tl::unexpected<Error> Bad(const std::string& what) { return Fail(ErrorCode::kInvalidArgument, "EF.SOD: " + what); }

// `items[index]` must exist and carry `tag`; `what` names the expected field.
Result<Tlv> Expect(const std::vector<Tlv>& items, std::size_t index, std::uint32_t tag, std::string_view where,
                   std::string_view what) {
    if (index >= items.size()) return Bad(fmt::format("{}: {} is missing", where, what));
    if (items[index].tag != tag) {
        return Bad(fmt::format("{}: expected {} (tag {}), found tag {}", where, what, TagName(tag),
                               TagName(items[index].tag)));
    }
    return items[index];
}

// Children of a constructed TLV, with the error prefixed by where it happened.
Result<std::vector<Tlv>> Children(const Tlv& tlv, std::string_view where) {
    auto items = ReadAllTlv(tlv.value);
    if (!items) return Bad(fmt::format("{}: {}", where, items.error().message));
    return items;
}

Result<std::string> Oid(const Tlv& tlv, std::string_view where) {
    auto oid = DecodeOid(tlv.value);
    if (!oid) return Bad(fmt::format("{}: {}", where, oid.error().message));
    return oid;
}

Result<std::int64_t> Integer(const Tlv& tlv, std::string_view where) {
    auto value = DecodeInteger(tlv.value);
    if (!value) return Bad(fmt::format("{}: {}", where, value.error().message));
    return value;
}

// AlgorithmIdentifier of a digest: OID with absent or NULL parameters.
Result<const DigestInfo*> ParseDigestAlgorithm(const Tlv& alg) {
    constexpr std::string_view where = "LDSSecurityObject hashAlgorithm";
    auto items = Children(alg, where);
    if (!items) return Fail(items.error());
    auto oid_tlv = Expect(*items, 0, kDerOid, where, "algorithm OID");
    if (!oid_tlv) return Fail(oid_tlv.error());
    auto oid = Oid(*oid_tlv, where);
    if (!oid) return Fail(oid.error());
    if (items->size() > 2 || (items->size() == 2 && ((*items)[1].tag != kDerNull || !(*items)[1].value.empty()))) {
        return Bad(fmt::format("{}: parameters of {} must be absent or NULL", where, *oid));
    }
    for (const auto& d : kDigests) {
        if (d.oid == *oid) return &d;
    }
    return Bad(fmt::format("{}: unsupported hash algorithm {}", where, *oid));
}

bool AllDigits(ByteView text) {
    for (const auto c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm, dataGroupHashValues, ldsVersionInfo OPTIONAL }
Status ParseLdsSecurityObject(ByteView econtent, Sod& sod) {
    auto top = ReadSingleTlv(econtent, kDerSequence, "LDSSecurityObject");
    if (!top) return Bad(top.error().message);
    constexpr std::string_view where = "LDSSecurityObject";
    auto items = Children(*top, where);
    if (!items) return Fail(items.error());
    auto version_tlv = Expect(*items, 0, kDerInteger, where, "version");
    if (!version_tlv) return Fail(version_tlv.error());
    auto version = Integer(*version_tlv, "LDSSecurityObject version");
    if (!version) return Fail(version.error());
    if (*version != 0 && *version != 1) {
        return Bad(fmt::format("LDSSecurityObject version is {}, must be 0 or 1", *version));
    }
    sod.lds_security_object_version = static_cast<int>(*version);

    auto alg = Expect(*items, 1, kDerSequence, where, "hashAlgorithm");
    if (!alg) return Fail(alg.error());
    auto digest = ParseDigestAlgorithm(*alg);
    if (!digest) return Fail(digest.error());
    sod.digest_algorithm = std::string((*digest)->name);
    sod.digest_algorithm_oid = std::string((*digest)->oid);

    auto values = Expect(*items, 2, kDerSequence, where, "dataGroupHashValues");
    if (!values) return Fail(values.error());
    auto entries = Children(*values, "dataGroupHashValues");
    if (!entries) return Fail(entries.error());
    if (entries->empty()) return Bad("dataGroupHashValues lists no data group");
    if (entries->size() > 16)
        return Bad(fmt::format("dataGroupHashValues lists {} entries, at most 16", entries->size()));
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const std::string at = fmt::format("DataGroupHash {}", i + 1);
        if ((*entries)[i].tag != kDerSequence) {
            return Bad(fmt::format("{}: expected SEQUENCE, found tag {}", at, TagName((*entries)[i].tag)));
        }
        auto fields = Children((*entries)[i], at);
        if (!fields) return Fail(fields.error());
        if (fields->size() != 2) return Bad(fmt::format("{}: {} fields, expected 2", at, fields->size()));
        auto number_tlv = Expect(*fields, 0, kDerInteger, at, "dataGroupNumber");
        if (!number_tlv) return Fail(number_tlv.error());
        auto number = Integer(*number_tlv, at);
        if (!number) return Fail(number.error());
        if (*number < 1 || *number > 16) return Bad(fmt::format("{}: data group number {} is not 1-16", at, *number));
        auto hash = Expect(*fields, 1, kDerOctetString, at, "dataGroupHashValue");
        if (!hash) return Fail(hash.error());
        if (hash->value.size() != (*digest)->size) {
            return Bad(fmt::format("{}: DG{} hash has {} bytes, {} needs {}", at, *number, hash->value.size(),
                                   (*digest)->name, (*digest)->size));
        }
        const int dg = static_cast<int>(*number);
        if (sod.group_hashes.count(dg) != 0) return Bad(fmt::format("{}: DG{} is listed twice", at, dg));
        sod.group_hashes.emplace(dg, Bytes(hash->value.begin(), hash->value.end()));
        sod.listed_groups.push_back(dg);
    }

    const bool has_version_info = items->size() > 3;
    if (items->size() > 4) return Bad(fmt::format("LDSSecurityObject has {} fields, at most 4", items->size()));
    if (sod.lds_security_object_version == 0 && has_version_info) {
        return Bad("LDSSecurityObject version 0 must not carry LDSVersionInfo");
    }
    if (sod.lds_security_object_version == 1 && !has_version_info) {
        return Bad("LDSSecurityObject version 1 lacks LDSVersionInfo");
    }
    if (has_version_info) {
        constexpr std::string_view info_where = "LDSVersionInfo";
        auto info = Expect(*items, 3, kDerSequence, where, "LDSVersionInfo");
        if (!info) return Fail(info.error());
        auto parts = Children(*info, info_where);
        if (!parts) return Fail(parts.error());
        if (parts->size() != 2) return Bad(fmt::format("LDSVersionInfo: {} fields, expected 2", parts->size()));
        auto lds = Expect(*parts, 0, kDerPrintableString, info_where, "ldsVersion");
        if (!lds) return Fail(lds.error());
        auto unicode = Expect(*parts, 1, kDerPrintableString, info_where, "unicodeVersion");
        if (!unicode) return Fail(unicode.error());
        if (lds->value.size() != 4 || !AllDigits(lds->value)) return Bad("LDSVersionInfo: ldsVersion is not 4 digits");
        if (unicode->value.size() != 6 || !AllDigits(unicode->value)) {
            return Bad("LDSVersionInfo: unicodeVersion is not 6 digits");
        }
        sod.lds_version = ToString(lds->value);
        sod.unicode_version = ToString(unicode->value);
    }
    return Ok();
}

SodSignatureAlgorithm ClassifySignature(std::string_view oid) {
    if (oid == "1.2.840.113549.1.1.10") return SodSignatureAlgorithm::kRsaPss;
    for (std::string_view rsa : {"1.2.840.113549.1.1.1", "1.2.840.113549.1.1.5", "1.2.840.113549.1.1.11",
                                 "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.14"}) {
        if (oid == rsa) return SodSignatureAlgorithm::kRsaPkcs1v15;
    }
    // ecdsa-with-SHA1, ecdsa-with-SHA2 family, id-ecPublicKey, BSI ecdsa-plain-signatures.
    if (oid == "1.2.840.10045.4.1" || oid.rfind("1.2.840.10045.4.3.", 0) == 0 || oid == "1.2.840.10045.2.1" ||
        oid.rfind("0.4.0.127.0.7.1.1.4.1.", 0) == 0) {
        return SodSignatureAlgorithm::kEcdsa;
    }
    return SodSignatureAlgorithm::kUnknown;
}

std::string DigestNameOrOid(const X509_ALGOR* alg) {
    if (alg == nullptr) return {};
    const ASN1_OBJECT* obj = nullptr;
    X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
    const std::string oid = pki::OidText(obj);
    auto name = DigestNameForOid(oid);
    return name ? *name : oid;
}

std::optional<std::chrono::system_clock::time_point> SigningTime(CMS_SignerInfo* si) {
    const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (index < 0) return std::nullopt;
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, index);
    if (attr == nullptr || X509_ATTRIBUTE_count(attr) != 1) return std::nullopt;
    const ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(attr, 0);
    if (value == nullptr) return std::nullopt;
    if (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME) return std::nullopt;
    return pki::ToTimePoint(value->value.asn1_string);
}

}  // namespace

namespace pki {

Result<ByteView> SodContentInfo(ByteView ef_sod) {
    auto outer = ReadSingleTlv(ef_sod, 0x77, "EF.SOD");
    if (!outer) return Fail(outer.error());
    return outer->value;
}

Result<CmsPtr> DecodeCms(ByteView der, std::string_view what) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: empty CMS", what));
    }
    const unsigned char* p = der.data();
    CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
    if (!cms) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: OpenSSL cannot decode the CMS ContentInfo ({})", what, DrainOpenSslErrors()));
    }
    if (p != der.data() + der.size()) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: bytes after the CMS ContentInfo", what));
    }
    return cms;
}

Result<SodCms> DecodeSodCms(ByteView content_info_der, std::string_view what) {
    auto bad = [&](const std::string& message) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {}", what, message));
    };
    auto content_info = ReadSingleTlv(content_info_der, kDerSequence, "ContentInfo");
    if (!content_info) return bad(content_info.error().message);
    auto ci = ReadAllTlv(content_info->value);
    if (!ci || ci->size() != 2 || (*ci)[0].tag != kDerOid || (*ci)[1].tag != 0xA0) {
        return bad("ContentInfo is not { contentType, [0] content }");
    }
    auto signed_data = ReadSingleTlv((*ci)[1].value, kDerSequence, "SignedData");
    if (!signed_data) return bad(signed_data.error().message);
    auto fields = ReadAllTlv(signed_data->value);
    if (!fields) return bad("SignedData: " + fields.error().message);
    SodCms out;
    out.certificates.reset(sk_X509_new_null());
    if (!out.certificates) return Fail(ErrorCode::kInternal, "sk_X509_new_null failed");
    Bytes without;
    for (std::size_t i = 0; i < fields->size(); ++i) {
        const Tlv& field = (*fields)[i];
        if (i != 3 || field.tag != 0xA0) {
            without.insert(without.end(), field.raw.begin(), field.raw.end());
            continue;
        }
        auto certs = ReadAllTlv(field.value);
        if (!certs) return bad("SignedData certificates: " + certs.error().message);
        if (certs->size() > kMaxSodCertificates) {
            return bad(fmt::format("{} embedded certificates, at most {}", certs->size(), kMaxSodCertificates));
        }
        for (std::size_t k = 0; k < certs->size(); ++k) {
            if ((*certs)[k].tag != kDerSequence) continue;  // other CertificateChoices are not used by Doc 9303
            X509Ptr cert = CachedCertificate((*certs)[k].raw);
            if (!cert) return bad(fmt::format("embedded certificate {} does not decode", k + 1));
            if (sk_X509_push(out.certificates.get(), cert.get()) <= 0) {
                return Fail(ErrorCode::kInternal, "sk_X509_push failed");
            }
            (void)cert.release();
            out.certificate_ders.push_back((*certs)[k].raw);
        }
    }
    const Bytes rebuilt =
        EncodeTlv(kDerSequence, Concat({(*ci)[0].raw, EncodeTlv(0xA0, EncodeTlv(kDerSequence, without))}));
    auto cms = DecodeCms(rebuilt, what);
    if (!cms) return Fail(cms.error());
    out.cms = std::move(*cms);
    return out;
}

Result<CMS_SignerInfo*> SingleSignerInfo(CMS_ContentInfo* cms, std::string_view what) {
    STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
    const int count = infos == nullptr ? 0 : sk_CMS_SignerInfo_num(infos);
    if (count != 1) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: {} SignerInfos, expected exactly 1", what, count));
    }
    return sk_CMS_SignerInfo_value(infos, 0);
}

const ASN1_OCTET_STRING* EContent(CMS_ContentInfo* cms) {
    ASN1_OCTET_STRING** content = CMS_get0_content(cms);
    return content == nullptr ? nullptr : *content;
}

}  // namespace pki

std::string_view SodSignatureAlgorithmName(SodSignatureAlgorithm algorithm) {
    switch (algorithm) {
        case SodSignatureAlgorithm::kRsaPkcs1v15: return "RSA PKCS#1 v1.5";
        case SodSignatureAlgorithm::kRsaPss: return "RSA-PSS";
        case SodSignatureAlgorithm::kEcdsa: return "ECDSA";
        case SodSignatureAlgorithm::kUnknown: break;
    }
    return "unknown";
}

std::optional<std::string> DigestNameForOid(std::string_view oid) {
    for (const auto& d : kDigests) {
        if (d.oid == oid) return std::string(d.name);
    }
    return std::nullopt;
}

Result<Bytes> HashDataGroup(std::string_view digest_name, ByteView data) {
    const EVP_MD* md = pki::DigestByName(digest_name);
    if (md == nullptr) return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown digest {}", digest_name));
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &n, md, nullptr) != 1) {
        return Fail(ErrorCode::kInternal, fmt::format("{} failed: {}", digest_name, pki::DrainOpenSslErrors()));
    }
    out.resize(n);
    return out;
}

// EF.SOD = 0x77 { ContentInfo { contentType signedData, [0] SignedData } };
// SignedData = { version, digestAlgorithms, encapContentInfo { eContentType, [0] eContent }, [0] certificates,
// [1] crls, signerInfos }.
Result<Sod> ParseSod(ByteView ef_sod) {
    if (ef_sod.size() > kMaxSodBytes) {
        return Bad(fmt::format("{} bytes, larger than the limit of {}", ef_sod.size(), kMaxSodBytes));
    }
    auto content_info_der = pki::SodContentInfo(ef_sod);
    if (!content_info_der) return Fail(content_info_der.error());
    auto content_info = ReadSingleTlv(*content_info_der, kDerSequence, "EF.SOD ContentInfo");
    if (!content_info) return Fail(content_info.error());
    auto ci = Children(*content_info, "ContentInfo");
    if (!ci) return Fail(ci.error());
    auto content_type_tlv = Expect(*ci, 0, kDerOid, "ContentInfo", "contentType");
    if (!content_type_tlv) return Fail(content_type_tlv.error());
    auto content_type = Oid(*content_type_tlv, "ContentInfo contentType");
    if (!content_type) return Fail(content_type.error());
    if (*content_type != kOidSignedData) {
        return Bad(
            fmt::format("ContentInfo contentType is {}, expected signedData ({})", *content_type, kOidSignedData));
    }
    auto explicit_content = Expect(*ci, 1, 0xA0, "ContentInfo", "[0] content");
    if (!explicit_content) return Fail(explicit_content.error());
    if (ci->size() != 2) return Bad(fmt::format("ContentInfo has {} fields, expected 2", ci->size()));

    auto signed_data = ReadSingleTlv(explicit_content->value, kDerSequence, "EF.SOD SignedData");
    if (!signed_data) return Fail(signed_data.error());
    auto sd = Children(*signed_data, "SignedData");
    if (!sd) return Fail(sd.error());
    auto version_tlv = Expect(*sd, 0, kDerInteger, "SignedData", "version");
    if (!version_tlv) return Fail(version_tlv.error());
    auto version = Integer(*version_tlv, "SignedData version");
    if (!version) return Fail(version.error());
    if (*version != 3) return Bad(fmt::format("SignedData version is {}, must be 3", *version));
    auto digest_algorithms = Expect(*sd, 1, kDerSet, "SignedData", "digestAlgorithms");
    if (!digest_algorithms) return Fail(digest_algorithms.error());
    auto encap = Expect(*sd, 2, kDerSequence, "SignedData", "encapContentInfo");
    if (!encap) return Fail(encap.error());
    std::size_t next = 3;
    if (next < sd->size() && (*sd)[next].tag == 0xA0) ++next;  // certificates
    if (next < sd->size() && (*sd)[next].tag == 0xA1) ++next;  // crls
    auto signer_infos = Expect(*sd, next, kDerSet, "SignedData", "signerInfos");
    if (!signer_infos) return Fail(signer_infos.error());
    if (next + 1 != sd->size()) return Bad("SignedData: unexpected fields after signerInfos");

    auto encap_items = Children(*encap, "encapContentInfo");
    if (!encap_items) return Fail(encap_items.error());
    auto econtent_type_tlv = Expect(*encap_items, 0, kDerOid, "encapContentInfo", "eContentType");
    if (!econtent_type_tlv) return Fail(econtent_type_tlv.error());
    auto econtent_type = Oid(*econtent_type_tlv, "encapContentInfo eContentType");
    if (!econtent_type) return Fail(econtent_type.error());
    if (*econtent_type != kOidLdsSecurityObject) {
        const std::string found = *econtent_type == kOidData ? fmt::format("id-data ({})", kOidData) : *econtent_type;
        return Bad(fmt::format("eContentType is {}, expected id-icao-mrtd-security-ldsSecurityObject ({})", found,
                               kOidLdsSecurityObject));
    }
    if (encap_items->size() < 2) return Bad("encapContentInfo has no eContent (detached content)");
    if (encap_items->size() > 2) return Bad("encapContentInfo: unexpected fields after eContent");
    auto econtent_explicit = Expect(*encap_items, 1, 0xA0, "encapContentInfo", "[0] eContent");
    if (!econtent_explicit) return Fail(econtent_explicit.error());
    auto econtent = ReadSingleTlv(econtent_explicit->value, kDerOctetString, "EF.SOD eContent");
    if (!econtent) return Fail(econtent.error());

    Sod sod;
    if (auto s = ParseLdsSecurityObject(econtent->value, sod); !s) return Fail(s.error());
    sod.lds_security_object.assign(econtent->value.begin(), econtent->value.end());

    auto decoded = pki::DecodeSodCms(*content_info_der, "EF.SOD");
    if (!decoded) return Fail(decoded.error());
    auto si = pki::SingleSignerInfo(decoded->cms.get(), "EF.SOD");
    if (!si) return Fail(si.error());
    X509_ALGOR* digest_alg = nullptr;
    X509_ALGOR* signature_alg = nullptr;
    CMS_SignerInfo_get0_algs(*si, nullptr, nullptr, &digest_alg, &signature_alg);
    sod.signer_digest_algorithm = DigestNameOrOid(digest_alg);
    if (signature_alg != nullptr) {
        const ASN1_OBJECT* obj = nullptr;
        X509_ALGOR_get0(&obj, nullptr, nullptr, signature_alg);
        sod.signature_algorithm_oid = pki::OidText(obj);
    }
    sod.signature_algorithm = ClassifySignature(sod.signature_algorithm_oid);
    sod.signing_time = SigningTime(*si);

    for (std::size_t i = 0; i < decoded->certificate_ders.size(); ++i) {
        X509* cert = sk_X509_value(decoded->certificates.get(), static_cast<int>(i));
        if (!sod.signer_index && CMS_SignerInfo_cert_cmp(*si, cert) == 0) sod.signer_index = i;
        sod.certificates.emplace_back(decoded->certificate_ders[i].begin(), decoded->certificate_ders[i].end());
    }
    pki::DrainOpenSslErrors();
    return sod;
}

}  // namespace precinct::identity
