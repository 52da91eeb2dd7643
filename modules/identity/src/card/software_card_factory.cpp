#include <fmt/format.h>

#include <map>
#include <mutex>

#include "card/card_image.hpp"
#include "card/face_drawing.hpp"
#include "precinct/identity/pace.hpp"
#include "precinct/identity/software_card.hpp"

namespace precinct::identity {

namespace {

using Clock = std::chrono::system_clock;
using std::chrono::days;
using std::chrono::years;

// The expired card's document expired this long before `now`, and was issued five years before that.
constexpr days kExpiredAgo{400};
// The most distinct profiles whose files the factory keeps.
constexpr std::size_t kMaxCachedFiles = 64;
// The largest DG2 padding asked for.
constexpr std::size_t kMaxDg2MinBytes = 4u << 20;

std::chrono::year_month_day Civil(Clock::time_point t) {
    return std::chrono::year_month_day{std::chrono::floor<days>(t)};
}

std::chrono::year_month_day ValidDay(std::chrono::year y, std::chrono::month m, std::chrono::day d) {
    std::chrono::year_month_day ymd{y, m, d};
    return ymd.ok() ? ymd : std::chrono::year_month_day{y, m, std::chrono::day{28}};
}

std::string Yymmdd(std::chrono::year_month_day d) {
    return fmt::format("{:02}{:02}{:02}", static_cast<int>(d.year()) % 100, static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

std::string DdMmYyyy(std::chrono::year_month_day d) {
    return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(d.day()), static_cast<unsigned>(d.month()),
                       static_cast<int>(d.year()));
}

// A key for the files of `profile` under `options`: everything that goes into them.
std::string CacheKey(char kind, const SoftwareCardProfile& p, const SoftwareCardOptions& o) {
    std::string key(1, kind);
    for (const std::string* field : {&p.document_number,
                                     &p.date_of_birth,
                                     &p.date_of_expiry,
                                     &p.can,
                                     &p.personal_number,
                                     &p.full_name,
                                     &p.mrz_surname,
                                     &p.mrz_given_names,
                                     &p.sex,
                                     &p.birth_date,
                                     &p.nationality,
                                     &p.ethnicity,
                                     &p.religion,
                                     &p.place_of_origin,
                                     &p.place_of_residence,
                                     &p.identifying_marks,
                                     &p.issue_date,
                                     &p.expiry_date,
                                     &p.father_name,
                                     &p.mother_name,
                                     &p.spouse_name,
                                     &p.old_id_number}) {
        key += '\x1F';
        key += *field;
    }
    key += fmt::format("\x1F{}{}{}{}{}{}\x1F{}", o.pace, static_cast<int>(o.pace_curve), o.dg3, o.chip_authentication,
                       o.active_authentication, o.rsa_active_authentication, o.dg2_min_bytes);
    return key;
}

// The name an altered card's DG13 carries instead of the holder's.
std::string AlteredName(const std::string& name) { return name == "TRẦN VĂN BẢO" ? "LÊ VĂN CƯỜNG" : "TRẦN VĂN BẢO"; }

}  // namespace

struct SoftwareCardFactory::Impl {
    Impl(Clock::time_point now_, TestPki pki_, DocumentSigner expired_signer_, Bytes face_jpeg_, ChipKeys keys_)
        : now(now_),
          pki(std::move(pki_)),
          expired_signer(std::move(expired_signer_)),
          face_jpeg(std::move(face_jpeg_)),
          genuine_keys(std::move(keys_)) {}

    // The files of `kind` ('G' genuine, 'E' expired, 'A' altered) for `printed`, built once. Caller holds `mutex`.
    Result<std::shared_ptr<const CardFiles>> Files(char kind, const SoftwareCardProfile& printed,
                                                   const SoftwareCardOptions& options, const ChipKeys& keys) const;
    // The genuine chip's keys for `options`. Caller holds `mutex`.
    Result<ChipKeys> GenuineKeys(const SoftwareCardOptions& options) const;

    Clock::time_point now;
    TestPki pki;
    DocumentSigner expired_signer;
    Bytes face_jpeg;
    ChipKeys genuine_keys;  // EC P-256 for chip and active authentication

    mutable std::mutex mutex;
    mutable std::optional<AaPrivateKey> genuine_rsa_aa;  // made on first use (RSA key generation is slow)
    mutable std::map<std::string, std::shared_ptr<const CardFiles>> cache;
};

Result<ChipKeys> SoftwareCardFactory::Impl::GenuineKeys(const SoftwareCardOptions& options) const {
    ChipKeys keys = genuine_keys;
    if (options.rsa_active_authentication) {
        if (!genuine_rsa_aa) {
            auto rsa = AaPrivateKey::GenerateRsa(1024);
            if (!rsa) return Fail(rsa.error());
            genuine_rsa_aa = std::move(*rsa);
        }
        keys.aa_key = genuine_rsa_aa;
    }
    if (!options.chip_authentication) keys.ca_key.reset();
    if (!options.active_authentication) keys.aa_key.reset();
    return keys;
}

Result<std::shared_ptr<const CardFiles>> SoftwareCardFactory::Impl::Files(char kind, const SoftwareCardProfile& printed,
                                                                          const SoftwareCardOptions& options,
                                                                          const ChipKeys& keys) const {
    const std::string key = CacheKey(kind, printed, options);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    std::shared_ptr<const CardFiles> files;
    if (kind == 'A') {
        // The genuine card's files with DG13 rewritten: EF.SOD still holds the genuine DG13's hash.
        auto genuine = Files('G', printed, options, keys);
        if (!genuine) return genuine;
        auto altered = std::make_shared<CardFiles>(**genuine);
        SoftwareCardProfile changed = printed;
        changed.full_name = AlteredName(printed.full_name);
        altered->files.groups[13] = BuildDg13(changed);
        files = std::move(altered);
    } else {
        FileBuildInputs inputs{&pki, kind == 'E' ? &expired_signer : &pki.document_signer(), &face_jpeg, &keys};
        auto built = BuildCardFiles(printed, options, inputs);
        if (!built) return built;
        files = std::move(*built);
    }
    if (cache.size() >= kMaxCachedFiles) cache.clear();
    cache.emplace(key, files);
    return files;
}

SoftwareCardFactory::SoftwareCardFactory(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SoftwareCardFactory::SoftwareCardFactory(SoftwareCardFactory&&) noexcept = default;
SoftwareCardFactory& SoftwareCardFactory::operator=(SoftwareCardFactory&&) noexcept = default;
SoftwareCardFactory::~SoftwareCardFactory() = default;

Result<SoftwareCardFactory> SoftwareCardFactory::Create(Clock::time_point now) {
    // The CSCA's validity covers the expired document signer's, so that the expired card fails on validity alone.
    TestPkiOptions options;
    options.csca_validity = CertificateValidity{now - years(12), now + years(15)};
    auto pki = TestPki::Create(now, options);
    if (!pki) return Fail(pki.error());
    auto expired = pki->IssueDocumentSigner(CertificateValidity{now - years(6), now - kExpiredAgo},
                                            "Precinct Test Document Signer (expired)");
    if (!expired) return Fail(expired.error());
    auto face = DrawFace(DrawnFaceFormat::kJpeg);
    if (!face) return Fail(face.error());
    auto ca = EcKeyPair::Generate("prime256v1");
    if (!ca) return Fail(ca.error());
    auto aa = AaPrivateKey::GenerateEc("prime256v1");
    if (!aa) return Fail(aa.error());
    ChipKeys keys{std::move(*ca), std::move(*aa)};
    return SoftwareCardFactory(
        std::make_unique<Impl>(now, std::move(*pki), std::move(*expired), std::move(*face), std::move(keys)));
}

SoftwareCardProfile SoftwareCardFactory::PrintedProfile(CardVariant variant, const SoftwareCardProfile& profile) const {
    if (variant != CardVariant::kExpired) return profile;
    SoftwareCardProfile p = profile;
    const auto expiry = Civil(impl_->now - kExpiredAgo);
    const auto issue = ValidDay(expiry.year() - years(5), expiry.month(), expiry.day());
    p.date_of_expiry = Yymmdd(expiry);
    p.expiry_date = DdMmYyyy(expiry);
    p.issue_date = DdMmYyyy(issue);
    return p;
}

Result<std::unique_ptr<SoftwareCard>> SoftwareCardFactory::Make(CardVariant variant,
                                                                const SoftwareCardProfile& profile) const {
    return Make(variant, profile, SoftwareCardOptions{});
}

Result<std::unique_ptr<SoftwareCard>> SoftwareCardFactory::Make(CardVariant variant, const SoftwareCardProfile& profile,
                                                                const SoftwareCardOptions& options) const {
    if (options.dg2_min_bytes > kMaxDg2MinBytes) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("software card options: dg2_min_bytes: at most {}", kMaxDg2MinBytes), "dg2_min_bytes");
    }
    const SoftwareCardProfile printed = PrintedProfile(variant, profile);
    CardImage image;
    image.variant = variant;
    image.options = options;
    {
        std::lock_guard lock(impl_->mutex);
        auto keys = impl_->GenuineKeys(options);
        if (!keys) return Fail(keys.error());
        const char kind = variant == CardVariant::kExpired ? 'E' : variant == CardVariant::kAltered ? 'A' : 'G';
        auto files = impl_->Files(kind, printed, options, *keys);
        if (!files) return Fail(files.error());
        image.files = std::move(*files);
        image.keys = std::move(*keys);
    }
    if (variant == CardVariant::kCloned) {
        // The copier's chip: the genuine files, but keys of its own.
        if (image.keys.ca_key) {
            auto ca = EcKeyPair::Generate("prime256v1");
            if (!ca) return Fail(ca.error());
            image.keys.ca_key = std::move(*ca);
        }
        if (image.keys.aa_key) {
            auto aa = image.keys.aa_key->is_rsa() ? AaPrivateKey::GenerateRsa(1024) : AaPrivateKey::GenerateEc();
            if (!aa) return Fail(aa.error());
            image.keys.aa_key = std::move(*aa);
        }
    }
    auto bac = DeriveBacKeys(printed.document_number, printed.date_of_birth, printed.date_of_expiry);
    if (!bac) return Fail(bac.error());
    image.bac_keys = std::move(*bac);
    if (options.pace) {
        image.pace_oid = std::string(kPaceEcdhGmAes128Oid);
        image.pace_parameter_id = PaceParameterId(options.pace_curve);
    }
    if (options.chip_authentication) image.ca_oid = std::string(kCaEcdhAes128Oid);
    image.aa_hash = AaHash::kSha256;
    return SoftwareCard::FromImage(std::move(image));
}

Bytes SoftwareCardFactory::CscaCertificateDer() const { return impl_->pki.CscaCertificateDer(); }
std::string SoftwareCardFactory::CscaCertificatePem() const { return impl_->pki.CscaCertificatePem(); }

}  // namespace precinct::identity
