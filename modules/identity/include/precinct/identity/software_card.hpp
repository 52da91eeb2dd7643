#pragma once
// A software chip ID card: answers APDUs as a Vietnamese CCCD (ICAO Doc 9303 eMRTD) chip does, for tests, the
// demo and the CLI. Its holder is a synthetic citizen and its EF.SOD is signed by a throw-away test PKI made at
// run time: nothing it produces may be trusted as a real document.
//
// The chip: master file with EF.CardAccess (PACEInfo), the eMRTD application (AID A0000002471001) with EF.COM,
// EF.SOD, DG1 (TD1 MRZ), DG2 (face), DG3 (fingerprints, protected: 6982), DG13 (Vietnamese personal data), DG14
// (chip authentication EC P-256, ActiveAuthenticationInfo) and DG15 (active authentication EC P-256 key).
// Commands: SELECT (MF, by AID, by file id), READ BINARY (B0 with offsets up to 7FFF, short file ids, short and
// extended Le; B1 with an offset data object 54 for any offset, answering 53 {data}), GET
// CHALLENGE, EXTERNAL AUTHENTICATE (BAC), MSE:Set AT and GENERAL AUTHENTICATE (PACE ECDH generic mapping with
// AES-128, MRZ or CAN password; chip authentication with AES-128 and re-keying) and INTERNAL AUTHENTICATE
// (active authentication). The elementary files of the application answer 6982 until BAC or PACE has set up
// secure messaging; a wrong MAC answers 6988 and ends the secure messaging session.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/bytes.hpp"
#include "precinct/identity/chip_data.hpp"

namespace precinct::identity {

struct CardImage;

// How a software card differs from a genuine one.
enum class CardVariant {
    kGenuine,  // issued as is
    kCloned,   // the genuine card's files (EF.SOD included) copied onto a chip with its own CA and AA keys, which
               // do not match DG14 and DG15
    kAltered,  // the genuine chip, but DG13 was changed after EF.SOD was signed
    kExpired,  // the document expired (MRZ and DG13 dates) and its document signer certificate has expired too
};

// "genuine", "cloned", "altered", "expired" -> the variant; nullopt for anything else.
std::optional<CardVariant> ParseCardVariant(std::string_view name);
std::string_view CardVariantName(CardVariant variant);

// The holder and the printed access data of a software card. Dates as the chip writes them: YYMMDD in the MRZ
// fields, DD/MM/YYYY in the DG13 fields.
struct SoftwareCardProfile {
    // The MRZ fields BAC keys and PACE MRZ passwords come from.
    std::string document_number;  // 9 digits: the last 9 of the personal number
    std::string date_of_birth;    // YYMMDD
    std::string date_of_expiry;   // YYMMDD
    std::string can;              // 6 digits printed on the card (PACE card access number)

    std::string personal_number;  // 12 digits
    std::string full_name;        // with diacritics, as printed ("NGUYỄN VĂN AN")
    std::string mrz_surname;      // A-Z only ("NGUYEN")
    std::string mrz_given_names;  // A-Z and spaces ("VAN AN")
    std::string sex;              // "M" or "F"
    std::string birth_date;       // DD/MM/YYYY
    std::string nationality;      // "Việt Nam"
    std::string ethnicity;
    std::string religion;
    std::string place_of_origin;
    std::string place_of_residence;
    std::string identifying_marks;
    std::string issue_date;   // DD/MM/YYYY
    std::string expiry_date;  // DD/MM/YYYY
    std::string father_name;
    std::string mother_name;
    std::string spouse_name;    // empty: unmarried (DG13 field 14 left empty)
    std::string old_id_number;  // 9 digits, the CMND number
};

// A synthetic citizen, not a real person: NGUYỄN VĂN AN, 079205123456, born 15/03/2005 in TP. Hồ Chí Minh,
// document 205123456, expiry 15/03/2030 (the synthetic MRZ of the CCCD spec notes), CAN 123456.
SoftwareCardProfile DemoCitizen();

// Behaviour of one software card beyond its variant. The defaults are a typical Vietnamese chip.
struct SoftwareCardOptions {
    enum class PaceCurve { kBrainpoolP256r1, kNistP256 };

    bool pace = true;  // EF.CardAccess present with PACEInfo (PACE-ECDH-GM-AES-CBC-CMAC-128)
    PaceCurve pace_curve = PaceCurve::kBrainpoolP256r1;
    bool pace_refused = false;    // PACE is offered but GENERAL AUTHENTICATE answers 6982 (readers fall back to BAC)
    bool mf_select_quirk = true;  // SELECT of the master file answers 6D00, as on some Vietnamese cards
    bool dg3 = true;              // DG3 present (listed in EF.COM and EF.SOD), readable only after terminal
                                  // authentication: READ/SELECT answer 6982
    bool chip_authentication = true;         // DG14 with ChipAuthenticationInfo and its public key
    bool active_authentication = true;       // DG15 (and ActiveAuthenticationInfo in DG14)
    bool rsa_active_authentication = false;  // DG15 holds an RSA-1024 key (ISO 9796-2) instead of EC P-256
    // The most bytes one READ BINARY answers (a chip may return fewer than Le with 9000); 0: no limit beyond Le.
    std::size_t max_read_bytes = 0;
    // The face image is padded with JPEG comment segments until DG2 holds at least this many bytes (0: none), so
    // that files beyond the 32 KiB that READ BINARY B0 offsets reach can be tried (they are read with B1).
    std::size_t dg2_min_bytes = 0;
};

// A software card: the chip's state machine over its files. Commands are answered in the order they arrive;
// not thread-safe (one reader session at a time), like a card on a reader.
class SoftwareCard : public CardTransport {
public:
    ~SoftwareCard() override;
    SoftwareCard(const SoftwareCard&) = delete;
    SoftwareCard& operator=(const SoftwareCard&) = delete;

    // Answers `command` as the chip would. An error only after Remove() (kUnavailable, "the card was removed").
    Result<ResponseApdu> Transmit(const CommandApdu& command) override;
    // "software card (genuine)".
    std::string Name() const override;

    CardVariant variant() const;
    // The profile this card was made from, with the dates it prints (for kExpired: the expired ones).
    const SoftwareCardProfile& profile() const;
    // The files as a dump of this chip would hold them: EF.CardAccess (when PACE is offered), EF.COM, EF.SOD and
    // every data group, DG3 included.
    ChipFiles Files() const;
    // Takes the card off the reader: every later Transmit fails.
    void Remove();
    // Commands answered so far (for tests that count round trips).
    std::size_t commands_answered() const;

private:
    friend class SoftwareCardFactory;
    struct Chip;
    explicit SoftwareCard(std::unique_ptr<Chip> chip);
    static std::unique_ptr<SoftwareCard> FromImage(CardImage image);

    std::unique_ptr<Chip> chip_;
};

// Makes software cards. Owns one TestPki (a throw-away CSCA, a current document signer and an expired one) and
// the genuine chip's CA and AA keys; the genuine files of each profile are built once and reused, so a cloned or
// altered card carries exactly the genuine card's EF.SOD. Make() and the other const members are thread-safe.
// Movable, not copyable.
class SoftwareCardFactory {
public:
    // The test PKI is valid around `now`; the expired variant's document and signer expired before `now`.
    static Result<SoftwareCardFactory> Create(std::chrono::system_clock::time_point now);

    SoftwareCardFactory(SoftwareCardFactory&&) noexcept;
    SoftwareCardFactory& operator=(SoftwareCardFactory&&) noexcept;
    SoftwareCardFactory(const SoftwareCardFactory&) = delete;
    SoftwareCardFactory& operator=(const SoftwareCardFactory&) = delete;
    ~SoftwareCardFactory();

    // A fresh card in its power-on state. kInvalidArgument when the profile's fields do not fit a card (bad
    // dates, a personal number that is not 12 digits, a document number that is not 9 digits, a CAN that is
    // not 6 digits, MRZ names outside A-Z).
    Result<std::unique_ptr<SoftwareCard>> Make(CardVariant variant,
                                               const SoftwareCardProfile& profile = DemoCitizen()) const;
    Result<std::unique_ptr<SoftwareCard>> Make(CardVariant variant, const SoftwareCardProfile& profile,
                                               const SoftwareCardOptions& options) const;

    // The profile as printed on a card of `variant`: `profile` itself, except for kExpired, whose dates of
    // expiry (and of issue) lie before `now` of Create. Its MRZ fields are the card's BAC key.
    SoftwareCardProfile PrintedProfile(CardVariant variant, const SoftwareCardProfile& profile = DemoCitizen()) const;

    // The test CSCA certificate every software card chains to: trust it only for trying the software cards.
    Bytes CscaCertificateDer() const;
    std::string CscaCertificatePem() const;

private:
    struct Impl;
    explicit SoftwareCardFactory(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace precinct::identity
