#pragma once
// What a software card holds: its files, its access data and its private keys. Built by the factory
// (card_image.cpp), answered from by the chip (software_card.cpp). Internal to the card part.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "precinct/identity/active_auth.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/chip_auth.hpp"
#include "precinct/identity/chip_data.hpp"
#include "precinct/identity/software_card.hpp"
#include "precinct/identity/test_pki.hpp"

namespace precinct::identity {

// The file identifier of EF.CardAccess in the master file and the AID of the eMRTD application.
inline constexpr std::uint16_t kCardAccessFileId = 0x011C;
inline constexpr std::uint8_t kEmrtdAid[] = {0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};

// The keys a chip proves itself with (the genuine chip's, or a clone's own).
struct ChipKeys {
    std::optional<EcKeyPair> ca_key;     // chip authentication (ECDH, P-256)
    std::optional<AaPrivateKey> aa_key;  // active authentication
};

// The files of a card and the public data that went into them. Immutable once built; shared between cards.
struct CardFiles {
    ChipFiles files;
    std::string mrz_information;  // BAC key seed input / PACE MRZ password
    std::string can;
    SoftwareCardProfile profile;  // as printed on the card
};

// The static description a SoftwareCard answers from.
struct CardImage {
    CardVariant variant = CardVariant::kGenuine;
    SoftwareCardOptions options;
    std::shared_ptr<const CardFiles> files;
    BacKeys bac_keys;
    std::string pace_oid;  // empty when PACE is not offered
    int pace_parameter_id = 0;
    std::string ca_oid;  // empty without chip authentication
    ChipKeys keys;
    AaHash aa_hash = AaHash::kSha256;
};

// The TD1 MRZ (90 characters, no separators) of `profile`, with its check digits; kInvalidArgument when a field
// does not fit (see SoftwareCardFactory::Make).
Result<std::string> BuildTd1Mrz(const SoftwareCardProfile& profile);

// DG13 with every field of `profile` (sex as "Nam"/"Nữ", the spouse field present even when empty).
Bytes BuildDg13(const SoftwareCardProfile& profile);

// Everything the factory needs to build files: the PKI, the document signer to use and the face.
struct FileBuildInputs {
    const TestPki* pki = nullptr;
    const DocumentSigner* signer = nullptr;
    const Bytes* face_jpeg = nullptr;
    const ChipKeys* keys = nullptr;  // whose public halves go into DG14 and DG15
};

// The files of a card of `profile` with `options` (EF.CardAccess only when PACE is offered).
Result<std::shared_ptr<const CardFiles>> BuildCardFiles(const SoftwareCardProfile& profile,
                                                        const SoftwareCardOptions& options,
                                                        const FileBuildInputs& inputs);

// The PACE OID / parameter id and CA OID the built files announce.
inline constexpr int PaceParameterId(SoftwareCardOptions::PaceCurve curve) {
    return curve == SoftwareCardOptions::PaceCurve::kBrainpoolP256r1 ? 13 : 12;
}

}  // namespace precinct::identity
