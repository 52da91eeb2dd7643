#include "card/card_image.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "card/face_drawing.hpp"
#include "precinct/identity/check_digit.hpp"
#include "precinct/identity/dg13.hpp"
#include "precinct/identity/face_image.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/mrz.hpp"
#include "precinct/identity/pace.hpp"
#include "precinct/identity/security_infos.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {

bool AllDigits(std::string_view s, std::size_t length) {
    return s.size() == length && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "A-Z" words separated by single spaces, as the MRZ name fields take them.
bool MrzName(std::string_view s) {
    if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ') {
            if (s[i - 1] == ' ') return false;
        } else if (c < 'A' || c > 'Z') {
            return false;
        }
    }
    return true;
}

char CheckDigit(std::string_view field) { return static_cast<char>('0' + MrzCheckDigit(field).value_or(0)); }

std::string Fit(std::string s, std::size_t length) {
    s.resize(length, '<');
    return s;
}

// "DD/MM/YYYY" with a valid-looking day and month.
bool DisplayDate(std::string_view s) {
    return s.size() == 10 && s[2] == '/' && s[5] == '/' && AllDigits(s.substr(0, 2), 2) &&
           AllDigits(s.substr(3, 2), 2) && AllDigits(s.substr(6, 4), 4);
}

Status CheckProfile(const SoftwareCardProfile& p) {
    auto bad = [](std::string_view field, std::string_view what) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("software card profile: {}: {}", field, what),
                    std::string(field));
    };
    if (!AllDigits(p.document_number, 9)) return bad("document_number", "9 digits");
    if (!AllDigits(p.date_of_birth, 6)) return bad("date_of_birth", "YYMMDD");
    if (!AllDigits(p.date_of_expiry, 6)) return bad("date_of_expiry", "YYMMDD");
    if (!AllDigits(p.can, 6)) return bad("can", "6 digits");
    if (!AllDigits(p.personal_number, 12)) return bad("personal_number", "12 digits");
    if (p.personal_number.substr(3) != p.document_number) {
        return bad("document_number", "the last 9 digits of the personal number");
    }
    if (!MrzName(p.mrz_surname)) return bad("mrz_surname", "letters A-Z and single spaces");
    if (!MrzName(p.mrz_given_names)) return bad("mrz_given_names", "letters A-Z and single spaces");
    if (p.sex != "M" && p.sex != "F") return bad("sex", "M or F");
    if (p.full_name.empty()) return bad("full_name", "empty");
    for (const auto& [field, value] : {std::pair<std::string_view, const std::string&>{"birth_date", p.birth_date},
                                       {"issue_date", p.issue_date},
                                       {"expiry_date", p.expiry_date}}) {
        if (!DisplayDate(value)) return bad(field, "DD/MM/YYYY");
    }
    if (!p.old_id_number.empty() && !AllDigits(p.old_id_number, 9) && !AllDigits(p.old_id_number, 12)) {
        return bad("old_id_number", "9 or 12 digits, or empty");
    }
    return Ok();
}

std::string Replace(std::string s, char from, char to) {
    std::replace(s.begin(), s.end(), from, to);
    return s;
}

Dg13 Dg13Of(const SoftwareCardProfile& p) {
    Dg13 d;
    d.personal_number = p.personal_number;
    d.full_name = p.full_name;
    d.date_of_birth = p.birth_date;
    d.sex = p.sex == "F" ? "Nữ" : "Nam";
    d.nationality = p.nationality;
    d.ethnicity = p.ethnicity;
    d.religion = p.religion;
    d.place_of_origin = p.place_of_origin;
    d.place_of_residence = p.place_of_residence;
    d.identifying_marks = p.identifying_marks;
    d.issue_date = p.issue_date;
    d.expiry_date = p.expiry_date;
    d.father_name = p.father_name;
    d.mother_name = p.mother_name;
    d.spouse_name = p.spouse_name;
    if (!p.old_id_number.empty()) d.old_id_number = p.old_id_number;
    return d;
}

}  // namespace

Bytes BuildDg13(const SoftwareCardProfile& profile) { return EncodeDg13(Dg13Of(profile)); }

namespace {

// `jpeg` with comment segments (FF FE) holding `extra` bytes of filler right after its start-of-image marker.
Bytes PadJpeg(const Bytes& jpeg, std::size_t extra) {
    constexpr std::size_t kMaxSegmentPayload = 0xFFFF - 2;
    constexpr std::string_view kFiller = "Precinct software card: padding for large-file reads. ";
    Bytes out(jpeg.begin(), jpeg.begin() + 2);
    std::size_t written = 0;
    while (written < extra) {
        const std::size_t payload = std::min(kMaxSegmentPayload, extra - written);
        const std::size_t length = payload + 2;
        out.insert(out.end(), {0xFF, 0xFE, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)});
        for (std::size_t i = 0; i < payload; ++i) out.push_back(static_cast<std::uint8_t>(kFiller[i % kFiller.size()]));
        written += payload;
    }
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

// DG3 as a chip that refuses it still stores one: an empty biometric information group template.
Bytes Dg3Placeholder() { return EncodeTlv(0x63, EncodeTlv(0x7F61, EncodeTlv(kDerInteger, EncodeInteger(0)))); }

}  // namespace

Result<std::string> BuildTd1Mrz(const SoftwareCardProfile& p) {
    if (auto s = CheckProfile(p); !s) return Fail(s.error());
    std::string line1 = "IDVNM" + p.document_number + CheckDigit(p.document_number) + p.personal_number + "<<" +
                        CheckDigit(p.personal_number);
    std::string line2 = p.date_of_birth + CheckDigit(p.date_of_birth) + p.sex + p.date_of_expiry +
                        CheckDigit(p.date_of_expiry) + "VNM" + std::string(11, '<');
    const std::string composite = line1.substr(5) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
    line2 += CheckDigit(composite);
    const std::string line3 = Fit(Replace(p.mrz_surname, ' ', '<') + "<<" + Replace(p.mrz_given_names, ' ', '<'), 30);
    return line1 + line2 + line3;
}

Result<std::shared_ptr<const CardFiles>> BuildCardFiles(const SoftwareCardProfile& profile,
                                                        const SoftwareCardOptions& options, const FileBuildInputs& in) {
    auto mrz = BuildTd1Mrz(profile);
    if (!mrz) return Fail(mrz.error());
    auto mrz_information = MrzInformation(profile.document_number, profile.date_of_birth, profile.date_of_expiry);
    if (!mrz_information) return Fail(mrz_information.error());

    auto out = std::make_shared<CardFiles>();
    out->profile = profile;
    out->mrz_information = *mrz_information;
    out->can = profile.can;
    ChipFiles& files = out->files;
    const int pace_parameter_id = PaceParameterId(options.pace_curve);

    files.groups[1] = EncodeDg1(*mrz);
    FaceImage face{std::string(kMimeJpeg), *in.face_jpeg, kDrawnFaceWidth, kDrawnFaceHeight};
    auto dg2 = EncodeDg2(face);
    if (!dg2) return Fail(dg2.error());
    if (dg2->size() < options.dg2_min_bytes) {
        face.data = PadJpeg(face.data, options.dg2_min_bytes - dg2->size());
        dg2 = EncodeDg2(face);
        if (!dg2) return Fail(dg2.error());
    }
    files.groups[2] = std::move(*dg2);
    if (options.dg3) files.groups[3] = Dg3Placeholder();
    files.groups[13] = BuildDg13(profile);

    SecurityInfos dg14;
    if (options.pace) dg14.pace.push_back(PaceInfo{std::string(kPaceEcdhGmAes128Oid), 2, pace_parameter_id});
    if (options.chip_authentication && in.keys->ca_key) {
        dg14.chip_authentication.push_back(ChipAuthenticationInfo{std::string(kCaEcdhAes128Oid), 1, std::nullopt});
        dg14.chip_authentication_public_keys.push_back(ChipAuthenticationPublicKeyInfo{
            std::string(kOidPkEcdh), in.keys->ca_key->SubjectPublicKeyInfoDer(), std::nullopt});
    }
    if (options.active_authentication && in.keys->aa_key && !in.keys->aa_key->is_rsa()) {
        dg14.active_authentication.push_back(ActiveAuthenticationInfo{std::string(kOidActiveAuthentication), 1,
                                                                      std::string(EcdsaOidForHash(AaHash::kSha256))});
    }
    const bool any_dg14 =
        !dg14.pace.empty() || !dg14.chip_authentication.empty() || !dg14.active_authentication.empty();
    if (any_dg14) {
        auto encoded = EncodeDg14(dg14);
        if (!encoded) return Fail(encoded.error());
        files.groups[14] = std::move(*encoded);
    }
    if (options.active_authentication && in.keys->aa_key) {
        auto dg15 = EncodeDg15(in.keys->aa_key->SubjectPublicKeyInfoDer());
        if (!dg15) return Fail(dg15.error());
        files.groups[15] = std::move(*dg15);
    }

    EfCom com{"0107", "040000", {}};
    for (const auto& [number, file] : files.groups) com.data_groups.push_back(number);
    auto com_file = EncodeCom(com);
    if (!com_file) return Fail(com_file.error());
    files.com = std::move(*com_file);

    if (options.pace) {
        SecurityInfos card_access;
        card_access.pace.push_back(PaceInfo{std::string(kPaceEcdhGmAes128Oid), 2, pace_parameter_id});
        auto encoded = EncodeCardAccess(card_access);
        if (!encoded) return Fail(encoded.error());
        files.card_access = std::move(*encoded);
    }

    auto sod = in.pki->BuildSod(*in.signer, files.groups, SodBuildOptions{"SHA-256", 0});
    if (!sod) return Fail(sod.error());
    files.sod = std::move(*sod);
    return std::shared_ptr<const CardFiles>(std::move(out));
}

}  // namespace precinct::identity
