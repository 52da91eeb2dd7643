#include "precinct/identity/software_card.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "card/card_image.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/pace.hpp"
#include "precinct/identity/secure_messaging.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {

namespace {


// Status words the chip answers that StatusWord does not name.
constexpr std::uint16_t kSwNoCurrentEf = 0x6986;
constexpr std::uint16_t kSwSmMissing = 0x6987;
constexpr std::uint16_t kSwLogicalChannelNotSupported = 0x6881;

ResponseApdu Sw(std::uint16_t sw) { return ResponseApdu{{}, sw}; }
ResponseApdu Sw(StatusWord sw) { return Sw(static_cast<std::uint16_t>(sw)); }
ResponseApdu Success(Bytes data) { return ResponseApdu{std::move(data), 0x9000}; }

constexpr std::array<std::string_view, 4> kVariantNames = {"genuine", "cloned", "altered", "expired"};

}  // namespace

std::optional<CardVariant> ParseCardVariant(std::string_view name) {
    for (std::size_t i = 0; i < kVariantNames.size(); ++i) {
        if (kVariantNames[i] == name) return static_cast<CardVariant>(i);
    }
    return std::nullopt;
}

std::string_view CardVariantName(CardVariant variant) { return kVariantNames[static_cast<std::size_t>(variant)]; }

SoftwareCardProfile DemoCitizen() {
    SoftwareCardProfile p;
    p.document_number = "205123456";
    p.date_of_birth = "050315";
    p.date_of_expiry = "300315";
    p.can = "123456";
    p.personal_number = "079205123456";
    p.full_name = "NGUYỄN VĂN AN";
    p.mrz_surname = "NGUYEN";
    p.mrz_given_names = "VAN AN";
    p.sex = "M";
    p.birth_date = "15/03/2005";
    p.nationality = "Việt Nam";
    p.ethnicity = "Kinh";
    p.religion = "Không";
    p.place_of_origin = "Xã Tân Phú Trung, Huyện Củ Chi, TP. Hồ Chí Minh";
    p.place_of_residence = "123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh";
    p.identifying_marks = "Nốt ruồi C:1cm trên trước đuôi mắt trái";
    p.issue_date = "20/03/2021";
    p.expiry_date = "15/03/2030";
    p.father_name = "NGUYỄN VĂN BÌNH";
    p.mother_name = "TRẦN THỊ CÚC";
    p.spouse_name = "";
    p.old_id_number = "025123456";
    return p;
}

// ---- the chip ----

struct SoftwareCard::Chip {
    enum class Df { kMaster, kApplication };

    CardImage image;

    // Session state, reset only by a new card.
    bool removed = false;
    std::size_t answered = 0;
    Df df = Df::kMaster;
    std::optional<std::uint16_t> current_ef;
    std::optional<BacChipSecrets> challenge;
    std::optional<PaceChip> pace;
    int pace_step = 0;
    std::optional<SecureMessaging> sm;     // in force once BAC or PACE succeeded
    bool ca_selected = false;              // MSE:Set AT for chip authentication accepted
    std::optional<SecureMessaging> rekey;  // chip authentication: the keys of the next command

    ResponseApdu Answer(const CommandApdu& command);
    ResponseApdu Process(const CommandApdu& command, bool secure);
    ResponseApdu Select(const CommandApdu& command, bool secure);
    ResponseApdu ReadBinary(const CommandApdu& command, bool secure);
    ResponseApdu ReadBinaryOdd(const CommandApdu& command, bool secure);
    // The current EF's bytes from `offset`, at most `le` of them (and at most options.max_read_bytes): 9000, or
    // 6282 when the file ends before `le` bytes, or 6B00 for an offset at or beyond the end.
    ResponseApdu ReadCurrent(std::size_t offset, std::size_t le);
    ResponseApdu GetChallenge(const CommandApdu& command);
    ResponseApdu ExternalAuthenticate(const CommandApdu& command, bool secure);
    ResponseApdu ManageSecurityEnvironment(const CommandApdu& command, bool secure);
    ResponseApdu GeneralAuthenticate(const CommandApdu& command, bool secure);
    ResponseApdu InternalAuthenticate(const CommandApdu& command, bool secure);

    // The file of `file_id` in the current DF, or nullptr.
    const Bytes* File(std::uint16_t file_id) const;
    // The status of an attempt to use `file_id`: 9000, 6A82 (none), 6982 (needs secure messaging or terminal
    // authentication).
    std::uint16_t Access(std::uint16_t file_id, bool secure) const;
    void EndSession() {
        sm.reset();
        rekey.reset();
        ca_selected = false;
        pace.reset();
        pace_step = 0;
    }
};

const Bytes* SoftwareCard::Chip::File(std::uint16_t file_id) const {
    const ChipFiles& files = image.files->files;
    if (df == Df::kMaster) {
        return file_id == kCardAccessFileId && files.card_access ? &*files.card_access : nullptr;
    }
    auto info = LdsFileForFileId(file_id);
    if (!info || file_id == kCardAccessFileId) return nullptr;
    if (info->data_group > 0) {
        auto it = files.groups.find(info->data_group);
        return it == files.groups.end() ? nullptr : &it->second;
    }
    if (info->name == "EF.COM") return files.com ? &*files.com : nullptr;
    if (info->name == "EF.SOD") return files.sod ? &*files.sod : nullptr;
    return nullptr;
}

std::uint16_t SoftwareCard::Chip::Access(std::uint16_t file_id, bool secure) const {
    if (File(file_id) == nullptr) return static_cast<std::uint16_t>(StatusWord::kFileNotFound);
    if (df == Df::kMaster) return 0x9000;  // EF.CardAccess is free
    if (!secure || !sm) return static_cast<std::uint16_t>(StatusWord::kSecurityStatusNotSatisfied);
    // DG3 and DG4 need terminal authentication, which this chip does not offer.
    if (file_id == 0x0103 || file_id == 0x0104) {
        return static_cast<std::uint16_t>(StatusWord::kSecurityStatusNotSatisfied);
    }
    return 0x9000;
}

ResponseApdu SoftwareCard::Chip::Answer(const CommandApdu& command) {
    if ((command.cla & 0xE0) != 0) return Sw(StatusWord::kClassNotSupported);
    if ((command.cla & 0x03) != 0) return Sw(kSwLogicalChannelNotSupported);
    if (!SecureMessaging::IsProtected(command)) {
        // A plain command ends a secure messaging session (ISO/IEC 7816-4 section 10.2).
        if (sm) EndSession();
        return Process(command, false);
    }
    if ((command.cla & 0x0C) != kClaSecureMessaging) return Sw(StatusWord::kClassNotSupported);
    if (!sm) return Sw(kSwSmMissing);
    auto plain = sm->UnwrapCommand(command);
    if (!plain) {
        EndSession();
        return Sw(StatusWord::kSmDataObjectsIncorrect);
    }
    ResponseApdu response = Process(*plain, true);
    if (!sm) return response;  // the command ended the session
    auto wrapped = sm->WrapResponse(response);
    if (rekey) {
        sm = std::move(*rekey);
        rekey.reset();
    }
    if (!wrapped) {
        EndSession();
        return Sw(StatusWord::kWrongLength);
    }
    return *wrapped;
}

ResponseApdu SoftwareCard::Chip::Process(const CommandApdu& command, bool secure) {
    switch (command.ins) {
        case kInsSelect: return Select(command, secure);
        case kInsReadBinary: return ReadBinary(command, secure);
        case kInsReadBinaryOdd: return ReadBinaryOdd(command, secure);
        case kInsGetChallenge: return GetChallenge(command);
        case kInsExternalAuthenticate: return ExternalAuthenticate(command, secure);
        case kInsManageSecurityEnvironment: return ManageSecurityEnvironment(command, secure);
        case kInsGeneralAuthenticate: return GeneralAuthenticate(command, secure);
        case kInsInternalAuthenticate: return InternalAuthenticate(command, secure);
        default: return Sw(StatusWord::kInsNotSupported);
    }
}

ResponseApdu SoftwareCard::Chip::Select(const CommandApdu& command, bool secure) {
    if (command.p2 != 0x0C && command.p2 != 0x00) return Sw(StatusWord::kIncorrectP1P2);
    const Bytes& data = command.data;
    switch (command.p1) {
        case 0x00:
            if (data.empty() || (data.size() == 2 && data[0] == 0x3F && data[1] == 0x00)) {
                if (image.options.mf_select_quirk) return Sw(StatusWord::kInsNotSupported);
                df = Df::kMaster;
                current_ef.reset();
                return Success({});
            }
            break;
        case 0x02: break;
        case 0x04:
            if (std::equal(data.begin(), data.end(), std::begin(kEmrtdAid), std::end(kEmrtdAid))) {
                df = Df::kApplication;
                current_ef.reset();
                return Success({});
            }
            return Sw(StatusWord::kFileNotFound);
        default: return Sw(StatusWord::kIncorrectP1P2);
    }
    if (data.size() != 2) return Sw(StatusWord::kWrongLength);
    const auto file_id = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
    // EF.CardAccess lies in the master file; selecting it directly works from anywhere, as on CCCD chips.
    if (file_id == kCardAccessFileId && df == Df::kApplication && !secure) df = Df::kMaster;
    const std::uint16_t access = Access(file_id, secure);
    if (access != 0x9000) return Sw(access);
    current_ef = file_id;
    return Success({});
}

ResponseApdu SoftwareCard::Chip::ReadBinary(const CommandApdu& command, bool secure) {
    std::size_t offset = 0;
    if (command.p1 & 0x80) {
        if (command.p1 & 0x60) return Sw(StatusWord::kIncorrectP1P2);
        const auto sfi = static_cast<std::uint8_t>(command.p1 & 0x1F);
        std::optional<std::uint16_t> file_id;
        if (df == Df::kMaster && sfi == 0x1C) {
            file_id = kCardAccessFileId;
        } else if (auto info = LdsFileForShortFileId(sfi); info && df == Df::kApplication) {
            file_id = info->file_id;
        }
        if (!file_id) return Sw(StatusWord::kFileNotFound);
        const std::uint16_t access = Access(*file_id, secure);
        if (access != 0x9000) return Sw(access);
        current_ef = *file_id;
        offset = command.p2;
    } else {
        if (!current_ef) return Sw(kSwNoCurrentEf);
        offset = (std::size_t{command.p1} << 8) | command.p2;
    }
    const std::uint16_t access = Access(*current_ef, secure);
    if (access != 0x9000) return Sw(access);
    if (!command.le) return Sw(StatusWord::kWrongLength);
    return ReadCurrent(offset, *command.le);
}

ResponseApdu SoftwareCard::Chip::ReadCurrent(std::size_t offset, std::size_t le) {
    const Bytes& file = *File(*current_ef);
    if (offset >= file.size()) return Sw(StatusWord::kWrongP1P2);
    const std::size_t left = file.size() - offset;
    std::size_t count = std::min(le, left);
    if (image.options.max_read_bytes > 0) count = std::min(count, image.options.max_read_bytes);
    Bytes out(file.begin() + static_cast<std::ptrdiff_t>(offset),
              file.begin() + static_cast<std::ptrdiff_t>(offset + count));
    const bool short_of_le = count < le && count == left;
    return ResponseApdu{std::move(out), short_of_le ? static_cast<std::uint16_t>(StatusWord::kEndOfFileReached)
                                                    : std::uint16_t{0x9000}};
}

ResponseApdu SoftwareCard::Chip::ReadBinaryOdd(const CommandApdu& command, bool secure) {
    // P1-P2 0000: the current EF. Data: 54 {offset, 1-3 bytes}. Answer: 53 {bytes}, Le counting the header.
    if (command.p1 != 0 || command.p2 != 0) return Sw(StatusWord::kIncorrectP1P2);
    if (!current_ef) return Sw(kSwNoCurrentEf);
    const std::uint16_t access = Access(*current_ef, secure);
    if (access != 0x9000) return Sw(access);
    auto offset_object = ReadSingleTlv(command.data, 0x54, "READ BINARY offset");
    if (!offset_object || offset_object->value.empty() || offset_object->value.size() > 3) {
        return Sw(StatusWord::kWrongData);
    }
    std::size_t offset = 0;
    for (std::uint8_t b : offset_object->value) offset = (offset << 8) | b;
    if (!command.le) return Sw(StatusWord::kWrongLength);
    // The header 53 L takes 2 to 4 bytes of Le.
    const std::size_t le = *command.le;
    if (le < 5) return Sw(StatusWord::kWrongLength);
    std::size_t room = le - 2;
    if (room >= 0x80) room = le - 3;
    if (room > 0xFF) room = le - 4;
    ResponseApdu inner = ReadCurrent(offset, room);
    if (inner.sw != 0x9000 && inner.sw != static_cast<std::uint16_t>(StatusWord::kEndOfFileReached)) return inner;
    inner.data = EncodeTlv(0x53, inner.data);
    return inner;
}

ResponseApdu SoftwareCard::Chip::GetChallenge(const CommandApdu& command) {
    if (command.p1 != 0 || command.p2 != 0) return Sw(StatusWord::kIncorrectP1P2);
    if (!command.le || *command.le != 8) return Sw(StatusWord::kWrongLength);
    auto secrets = NewBacChipSecrets();
    if (!secrets) return Sw(StatusWord::kConditionsNotSatisfied);
    challenge = std::move(*secrets);
    return Success(challenge->rnd_ic);
}

ResponseApdu SoftwareCard::Chip::ExternalAuthenticate(const CommandApdu& command, bool secure) {
    if (secure || !challenge) return Sw(StatusWord::kConditionsNotSatisfied);
    const BacChipSecrets secrets = std::move(*challenge);
    challenge.reset();
    auto answer = AnswerBacExternalAuthenticate(image.bac_keys, secrets, command.data);
    if (!answer) {
        return Sw(answer.error().code == ErrorCode::kUnauthenticated ? StatusWord::kVerificationFailed
                                                                     : StatusWord::kWrongLength);
    }
    auto session = SecureMessaging::FromBac(answer->session);
    if (!session) return Sw(StatusWord::kConditionsNotSatisfied);
    sm = std::move(*session);
    return Success(std::move(answer->response));
}

ResponseApdu SoftwareCard::Chip::ManageSecurityEnvironment(const CommandApdu& command, bool secure) {
    const auto p1p2 = static_cast<std::uint16_t>((command.p1 << 8) | command.p2);
    if (p1p2 == 0xC1A4) {  // PACE
        pace.reset();
        pace_step = 0;
        if (secure) return Sw(StatusWord::kConditionsNotSatisfied);
        if (image.pace_oid.empty()) return Sw(StatusWord::kReferencedDataNotFound);
        auto mse = ParsePaceMseSetAt(command.data);
        if (!mse) return Sw(StatusWord::kWrongData);
        if (mse->protocol_oid != image.pace_oid) return Sw(StatusWord::kReferencedDataNotFound);
        if (mse->parameter_id && *mse->parameter_id != image.pace_parameter_id) {
            return Sw(StatusWord::kReferencedDataNotFound);
        }
        const std::string& password =
            mse->password_type == PacePasswordType::kMrz ? image.files->mrz_information : image.files->can;
        auto chip = PaceChip::Create(image.pace_oid, image.pace_parameter_id, mse->password_type, password);
        if (!chip) return Sw(StatusWord::kConditionsNotSatisfied);
        pace.emplace(std::move(*chip));
        return Success({});
    }
    if (p1p2 == 0x41A4) {  // chip authentication, AES
        ca_selected = false;
        if (!secure || !sm) return Sw(StatusWord::kSecurityStatusNotSatisfied);
        if (image.ca_oid.empty() || !image.keys.ca_key) return Sw(StatusWord::kReferencedDataNotFound);
        auto mse = ParseCaMseSetAt(command.data);
        if (!mse) return Sw(StatusWord::kWrongData);
        if (mse->protocol_oid != image.ca_oid || (mse->key_id && *mse->key_id != 1)) {
            return Sw(StatusWord::kReferencedDataNotFound);
        }
        ca_selected = true;
        return Success({});
    }
    if (p1p2 == 0x41A6) return Sw(StatusWord::kReferencedDataNotFound);  // 3DES chip authentication: not offered
    return Sw(StatusWord::kIncorrectP1P2);
}

ResponseApdu SoftwareCard::Chip::GeneralAuthenticate(const CommandApdu& command, bool secure) {
    if (command.p1 != 0 || command.p2 != 0) return Sw(StatusWord::kIncorrectP1P2);
    if (secure && ca_selected) {
        ca_selected = false;
        auto point = ParseCaGeneralAuthenticate(command.data);
        if (!point) return Sw(StatusWord::kWrongData);
        auto session = ChipAuthenticationChipSession(image.ca_oid, *image.keys.ca_key, *point);
        if (!session) return Sw(StatusWord::kWrongData);
        rekey = std::move(*session);
        return Success(CaGeneralAuthenticateResponse());
    }
    if (!pace) return Sw(StatusWord::kConditionsNotSatisfied);
    if (image.options.pace_refused) {
        pace.reset();
        return Sw(StatusWord::kSecurityStatusNotSatisfied);
    }
    ++pace_step;
    const bool chained = (command.cla & kClaChaining) != 0;
    if (chained != (pace_step < 4)) {
        pace.reset();
        pace_step = 0;
        return Sw(StatusWord::kWrongData);
    }
    auto answer = pace->Answer(command.data);
    if (!answer) {
        const ErrorCode code = answer.error().code;
        pace.reset();
        pace_step = 0;
        if (code == ErrorCode::kUnauthenticated) return Sw(StatusWord::kVerificationFailed);
        if (code == ErrorCode::kConflict) return Sw(StatusWord::kConditionsNotSatisfied);
        return Sw(StatusWord::kWrongData);
    }
    if (pace->completed()) {
        auto outcome = pace->Outcome();
        pace.reset();
        pace_step = 0;
        if (!outcome) return Sw(StatusWord::kConditionsNotSatisfied);
        sm = std::move(outcome->secure_messaging);
    }
    return Success(std::move(*answer));
}

ResponseApdu SoftwareCard::Chip::InternalAuthenticate(const CommandApdu& command, bool secure) {
    if (!secure || !sm) return Sw(StatusWord::kSecurityStatusNotSatisfied);
    if (!image.keys.aa_key) return Sw(StatusWord::kInsNotSupported);
    if (command.p1 != 0 || command.p2 != 0) return Sw(StatusWord::kIncorrectP1P2);
    if (command.data.size() != kAaChallengeBytes) return Sw(StatusWord::kWrongLength);
    auto signature = SignActiveAuthentication(*image.keys.aa_key, command.data, image.aa_hash);
    if (!signature) return Sw(StatusWord::kConditionsNotSatisfied);
    return Success(std::move(*signature));
}

// ---- SoftwareCard ----

SoftwareCard::SoftwareCard(std::unique_ptr<Chip> chip) : chip_(std::move(chip)) {}
SoftwareCard::~SoftwareCard() = default;

std::unique_ptr<SoftwareCard> SoftwareCard::FromImage(CardImage image) {
    auto chip = std::make_unique<Chip>();
    chip->image = std::move(image);
    return std::unique_ptr<SoftwareCard>(new SoftwareCard(std::move(chip)));
}

Result<ResponseApdu> SoftwareCard::Transmit(const CommandApdu& command) {
    if (chip_->removed) return Fail(ErrorCode::kUnavailable, "the card was removed", "reader");
    ++chip_->answered;
    return chip_->Answer(command);
}

std::string SoftwareCard::Name() const {
    return fmt::format("software card ({})", CardVariantName(chip_->image.variant));
}

CardVariant SoftwareCard::variant() const { return chip_->image.variant; }
const SoftwareCardProfile& SoftwareCard::profile() const { return chip_->image.files->profile; }
ChipFiles SoftwareCard::Files() const { return chip_->image.files->files; }
void SoftwareCard::Remove() { chip_->removed = true; }
std::size_t SoftwareCard::commands_answered() const { return chip_->answered; }

}  // namespace precinct::identity
