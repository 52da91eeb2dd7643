#include "precinct/identity/chip_reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "card/card_test_util.hpp"
#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/trust_store.hpp"

namespace precinct::identity {
namespace {

using card_test::Factory;
using card_test::MakeCard;
using card_test::MrzKeyOf;
using card_test::TestNow;

constexpr std::string_view kPaceProtocol = "PACE-ECDH-GM-AES-CBC-CMAC-128";
constexpr std::string_view kDg3Skipped =
    "DG3 not readable (SW 6982, security status not satisfied): it needs terminal authentication; skipped";

bool HasStep(const ChipRead& read, std::string_view step) {
    const auto& steps = read.session.steps;
    return std::find(steps.begin(), steps.end(), step) != steps.end();
}

std::string Steps(const ChipRead& read) {
    std::string out;
    for (const auto& s : read.session.steps) out += "\n  " + s;
    return out;
}

ChipRead ReadOrFail(CardTransport& card, const AccessKey& key, const ReadOptions& options = {}) {
    auto read = ReadChip(card, key, options);
    if (!read) {
        ADD_FAILURE() << read.error().message;
        return {};
    }
    return std::move(*read);
}

// The files a reader gets from a card: everything but the groups the chip refuses (DG3).
ChipFiles ReadableFiles(const SoftwareCard& card) {
    ChipFiles files = card.Files();
    files.groups.erase(3);
    return files;
}

void ExpectSameFiles(const ChipFiles& actual, const ChipFiles& expected) {
    EXPECT_EQ(actual.card_access, expected.card_access);
    EXPECT_EQ(actual.com, expected.com);
    EXPECT_EQ(actual.sod, expected.sod);
    ASSERT_EQ(actual.groups.size(), expected.groups.size());
    for (const auto& [number, file] : expected.groups) {
        auto it = actual.groups.find(number);
        ASSERT_NE(it, actual.groups.end()) << "DG" << number;
        EXPECT_EQ(ToHex(it->second), ToHex(file)) << "DG" << number;
    }
}

TrustStore TestTrust() {
    TrustStore trust;
    auto added = trust.AddCertificate(Factory().CscaCertificateDer());
    EXPECT_TRUE(added.has_value()) << added.error().message;
    return trust;
}

PassiveAuthReport Passive(const ChipFiles& files) {
    static const TrustStore trust = TestTrust();
    auto sod = ParseSod(*files.sod);
    EXPECT_TRUE(sod.has_value()) << sod.error().message;
    return PassiveAuthenticate(*sod, *files.sod, files.groups, trust, TestNow());
}

TEST(ReadChip, GenuineCardUsesPaceReadsEveryFileAndPassesBothProofs) {
    auto card = MakeCard(CardVariant::kGenuine);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_TRUE(read.session.live);
    EXPECT_EQ(read.session.reader, "software card (genuine)");
    EXPECT_EQ(read.session.access_control, kPaceProtocol);
    ExpectSameFiles(read.files, ReadableFiles(*card));
    EXPECT_EQ(std::vector<int>({1, 2, 13, 14, 15}), [&] {
        std::vector<int> v;
        for (const auto& [n, f] : read.files.groups) v.push_back(n);
        return v;
    }());

    const ChipProof& ca = read.session.chip_authentication;
    EXPECT_TRUE(ca.supported);
    EXPECT_TRUE(ca.performed);
    EXPECT_TRUE(ca.passed) << ca.detail;
    EXPECT_EQ(ca.protocol, "CA-ECDH-AES-CBC-CMAC-128");
    const ChipProof& aa = read.session.active_authentication;
    EXPECT_TRUE(aa.supported);
    EXPECT_TRUE(aa.performed);
    EXPECT_TRUE(aa.passed) << aa.detail;
    EXPECT_EQ(aa.protocol, "AA-ECDSA-SHA256");

    EXPECT_TRUE(HasStep(read, "PACE with the MRZ: established (PACE-ECDH-GM-AES-CBC-CMAC-128)")) << Steps(read);
    EXPECT_TRUE(HasStep(read, "Chip authentication: passed (EF.COM read back under the new keys)")) << Steps(read);
    EXPECT_TRUE(HasStep(read, "Active authentication (AA-ECDSA-SHA256): passed")) << Steps(read);
}

TEST(ReadChip, PassiveAuthenticationPassesOnTheGenuineCardWithTheTestCscaTrusted) {
    auto card = MakeCard(CardVariant::kGenuine);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    const PassiveAuthReport report = Passive(read.files);
    EXPECT_TRUE(report.passed);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_TRUE(report.chain_ok);
    EXPECT_TRUE(report.validity_ok);
    EXPECT_TRUE(report.hashes_ok);
    EXPECT_EQ(report.missing_groups, std::vector<int>{3});  // listed in EF.SOD, refused by the chip
}

TEST(ReadChip, ClonedCardHasTheGenuineFilesButFailsBothProofs) {
    auto genuine = MakeCard(CardVariant::kGenuine);
    auto clone = MakeCard(CardVariant::kCloned);
    const ChipRead read = ReadOrFail(*clone, MrzKeyOf(CardVariant::kCloned));
    ExpectSameFiles(read.files, ReadableFiles(*genuine));
    ExpectSameFiles(clone->Files(), genuine->Files());
    EXPECT_TRUE(Passive(read.files).passed);

    const ChipProof& ca = read.session.chip_authentication;
    EXPECT_TRUE(ca.supported);
    EXPECT_TRUE(ca.performed);
    EXPECT_FALSE(ca.passed);
    EXPECT_NE(ca.detail.find("does not hold the private key the files announce"), std::string::npos) << ca.detail;
    const ChipProof& aa = read.session.active_authentication;
    EXPECT_TRUE(aa.supported);
    EXPECT_TRUE(aa.performed);
    EXPECT_FALSE(aa.passed);
    EXPECT_EQ(aa.protocol, "AA-ECDSA-SHA256");
    EXPECT_TRUE(HasStep(read, "Active authentication (AA-ECDSA-SHA256): FAILED")) << Steps(read);
}

TEST(ReadChip, AlteredCardPassesTheChipProofsButNotDg13sHash) {
    auto genuine = MakeCard(CardVariant::kGenuine);
    auto altered = MakeCard(CardVariant::kAltered);
    const ChipRead read = ReadOrFail(*altered, MrzKeyOf(CardVariant::kAltered));
    EXPECT_TRUE(read.session.chip_authentication.passed) << read.session.chip_authentication.detail;
    EXPECT_TRUE(read.session.active_authentication.passed) << read.session.active_authentication.detail;
    EXPECT_NE(read.files.groups.at(13), genuine->Files().groups.at(13));
    EXPECT_EQ(read.files.sod, genuine->Files().sod);
    EXPECT_EQ(read.files.groups.at(1), genuine->Files().groups.at(1));

    const PassiveAuthReport report = Passive(read.files);
    EXPECT_FALSE(report.passed);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_TRUE(report.chain_ok);
    EXPECT_FALSE(report.hashes_ok);
    EXPECT_EQ(report.mismatched_groups, std::vector<int>{13});
    const PaCheck* dg13 = report.Find("hash.dg13");
    ASSERT_NE(dg13, nullptr);
    EXPECT_FALSE(dg13->passed);
}

TEST(ReadChip, ExpiredCardReadsButFailsTheValidityCheck) {
    auto card = MakeCard(CardVariant::kExpired);
    EXPECT_EQ(card->profile().date_of_expiry, "240427");
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kExpired));
    ExpectSameFiles(read.files, ReadableFiles(*card));
    EXPECT_TRUE(read.session.chip_authentication.passed);
    EXPECT_TRUE(read.session.active_authentication.passed);
    const PassiveAuthReport report = Passive(read.files);
    EXPECT_FALSE(report.passed);
    EXPECT_FALSE(report.validity_ok);
    EXPECT_TRUE(report.signature_ok);
    EXPECT_TRUE(report.chain_ok);
    EXPECT_TRUE(report.hashes_ok);
}

TEST(ReadChip, CardWithoutCardAccessIsReadWithBac) {
    SoftwareCardOptions options;
    options.pace = false;
    auto card = MakeCard(CardVariant::kGenuine, options);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_EQ(read.session.access_control, "BAC");
    EXPECT_FALSE(read.files.card_access.has_value());
    ExpectSameFiles(read.files, ReadableFiles(*card));
    EXPECT_TRUE(HasStep(read, "EF.CardAccess not available (SW 6A82, file not found): the card does not offer PACE"))
        << Steps(read);
    EXPECT_TRUE(HasStep(read, "the card does not offer PACE (no EF.CardAccess); using BAC")) << Steps(read);
    EXPECT_TRUE(HasStep(read, "BAC: established (3DES secure messaging)")) << Steps(read);
    EXPECT_TRUE(read.session.chip_authentication.passed);
    EXPECT_TRUE(read.session.active_authentication.passed);
}

TEST(ReadChip, RefusedPaceFallsBackToBacAndSaysSo) {
    SoftwareCardOptions options;
    options.pace_refused = true;
    auto card = MakeCard(CardVariant::kGenuine, options);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_EQ(read.session.access_control, "BAC");
    EXPECT_TRUE(HasStep(read, "PACE refused (SW 6982, security status not satisfied); falling back to BAC"))
        << Steps(read);
    ExpectSameFiles(read.files, ReadableFiles(*card));
}

TEST(ReadChip, MasterFileSelectQuirkIsHandled) {
    struct Case {
        bool quirk;
        std::string first_step;
    };
    const std::vector<Case> cases = {
        {true, "SELECT master file refused (SW 6D00, instruction not supported); selecting EF.CardAccess directly"},
        {false, "SELECT master file: 9000"},
    };
    for (const auto& c : cases) {
        SoftwareCardOptions options;
        options.mf_select_quirk = c.quirk;
        auto card = MakeCard(CardVariant::kGenuine, options);
        const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
        ASSERT_FALSE(read.session.steps.empty());
        EXPECT_EQ(read.session.steps.front(), c.first_step);
        EXPECT_EQ(read.session.access_control, kPaceProtocol);
        EXPECT_TRUE(read.files.card_access.has_value());
    }
}

TEST(ReadChip, WrongMrzDataGiveAClearError) {
    for (bool pace : {true, false}) {
        SoftwareCardOptions options;
        options.pace = pace;
        auto card = MakeCard(CardVariant::kGenuine, options);
        auto read = ReadChip(*card, AccessKey::Mrz("205123457", "050315", "300315"));
        ASSERT_FALSE(read.has_value()) << "pace " << pace;
        EXPECT_EQ(read.error().code, ErrorCode::kUnauthenticated);
        EXPECT_EQ(read.error().message, "BAC failed: the MRZ data do not match this card (SW 6300)");
    }
}

TEST(ReadChip, MalformedMrzDataAreRefusedBeforeTalkingToTheCard) {
    auto card = MakeCard(CardVariant::kGenuine);
    auto read = ReadChip(*card, AccessKey::Mrz("205123456", "0503", "300315"));
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(read.error().message, "date of birth: YYMMDD");
}

TEST(ReadChip, CanOpensTheCardThroughPace) {
    auto card = MakeCard(CardVariant::kGenuine);
    const ChipRead read = ReadOrFail(*card, AccessKey::Can(DemoCitizen().can));
    EXPECT_EQ(read.session.access_control, kPaceProtocol);
    EXPECT_TRUE(HasStep(read, "PACE with the CAN: established (PACE-ECDH-GM-AES-CBC-CMAC-128)")) << Steps(read);
    ExpectSameFiles(read.files, ReadableFiles(*card));
    EXPECT_TRUE(read.session.chip_authentication.passed);
}

TEST(ReadChip, CanProblemsGiveClearErrors) {
    struct Case {
        std::string name;
        SoftwareCardOptions options;
        std::string can;
        ErrorCode code;
        std::string message;
    };
    SoftwareCardOptions no_pace;
    no_pace.pace = false;
    SoftwareCardOptions refused;
    refused.pace_refused = true;
    const std::vector<Case> cases = {
        {"wrong CAN",
         {},
         "654321",
         ErrorCode::kUnauthenticated,
         "PACE failed: the CAN does not match this card (SW 6300)"},
        {"no PACE", no_pace, "123456", ErrorCode::kInvalidArgument,
         "the card does not offer PACE (no EF.CardAccess); a CAN can only be used with PACE: give the MRZ data "
         "(document number, date of birth, date of expiry) instead"},
        {"PACE refused", refused, "123456", ErrorCode::kUnauthenticated,
         "PACE refused by the card (SW 6982, security status not satisfied); a CAN can only be used with PACE: "
         "give the MRZ data instead"},
        {"not digits", {}, "12A456", ErrorCode::kInvalidArgument, "CAN: the digits printed on the card (6 on a CCCD)"},
    };
    for (const auto& c : cases) {
        auto card = MakeCard(CardVariant::kGenuine, c.options);
        auto read = ReadChip(*card, AccessKey::Can(c.can));
        ASSERT_FALSE(read.has_value()) << c.name;
        EXPECT_EQ(read.error().code, c.code) << c.name;
        EXPECT_EQ(read.error().message, c.message) << c.name;
    }
}

TEST(ReadChip, ProtectedDg3IsSkippedAndNoted) {
    auto card = MakeCard(CardVariant::kGenuine);
    ASSERT_EQ(card->Files().groups.count(3), 1u);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_EQ(read.files.groups.count(3), 0u);
    EXPECT_TRUE(HasStep(read, kDg3Skipped)) << Steps(read);
}

TEST(ReadChip, ChunkedReadsGiveByteIdenticalFiles) {
    struct Case {
        std::uint32_t chunk;
        bool extended;
        std::size_t card_max_read;  // the chip returns at most this many bytes per READ BINARY (0: Le)
        std::size_t dg2_min_bytes;  // past 32 KiB the reader must switch to B1
    };
    const std::vector<Case> cases = {
        {1, false, 0, 0},      {0x10, false, 0, 0},     {0x65, false, 0, 0},      {0xDF, false, 0, 0},
        {0xFF, false, 0, 0},   {0xDF, false, 50, 0},    {0x400, true, 0, 0},      {0x7FFF, true, 0, 0},
        {0x400, true, 333, 0}, {0xDF, false, 0, 70000}, {0x7FFF, true, 0, 70000}, {0x7FFF, true, 1000, 33000},
    };
    for (const auto& c : cases) {
        auto card = MakeCard(CardVariant::kGenuine,
                             SoftwareCardOptions{.max_read_bytes = c.card_max_read, .dg2_min_bytes = c.dg2_min_bytes});
        ReadOptions options;
        options.chunk_bytes = c.chunk;
        options.extended_length = c.extended;
        const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine), options);
        SCOPED_TRACE(::testing::Message() << "chunk " << c.chunk << " extended " << c.extended << " card max "
                                          << c.card_max_read << " DG2 at least " << c.dg2_min_bytes);
        ExpectSameFiles(read.files, ReadableFiles(*card));
        EXPECT_GE(read.files.groups.at(2).size(), c.dg2_min_bytes);
        EXPECT_TRUE(read.session.chip_authentication.passed);
    }
}

TEST(ReadChip, FileOverTheSizeLimitIsRefused) {
    auto card = MakeCard(CardVariant::kGenuine);
    ReadOptions options;
    options.max_file_bytes = 1000;
    auto read = ReadChip(*card, MrzKeyOf(CardVariant::kGenuine), options);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, ErrorCode::kTooLarge);
    const std::size_t sod_size = card->Files().sod->size();
    const std::size_t dg2_size = card->Files().groups.at(2).size();
    const std::size_t first_over = sod_size > 1000 ? sod_size : dg2_size;
    EXPECT_EQ(read.error().message, fmt::format("{} declares {} bytes, more than the limit of 1000",
                                                sod_size > 1000 ? "EF.SOD" : "DG2", first_over));
}

// Passes commands to a software card and takes it off the reader after `remove_after` of them.
class RemovingTransport : public CardTransport {
public:
    RemovingTransport(SoftwareCard& card, std::size_t remove_after) : card_(card), remove_after_(remove_after) {}
    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        if (card_.commands_answered() >= remove_after_) card_.Remove();
        return card_.Transmit(command);
    }
    std::string Name() const override { return card_.Name(); }

private:
    SoftwareCard& card_;
    std::size_t remove_after_;
};

TEST(ReadChip, CardRemovedDuringTheSessionIsAnError) {
    auto probe = MakeCard(CardVariant::kGenuine);
    const ChipRead full = ReadOrFail(*probe, MrzKeyOf(CardVariant::kGenuine));
    const std::size_t total = probe->commands_answered();
    ASSERT_GT(total, 20u);
    for (std::size_t after : {std::size_t{0}, std::size_t{3}, total / 2, total - 1}) {
        auto card = MakeCard(CardVariant::kGenuine);
        RemovingTransport transport(*card, after);
        auto read = ReadChip(transport, MrzKeyOf(CardVariant::kGenuine));
        ASSERT_FALSE(read.has_value()) << "removed after " << after;
        EXPECT_EQ(read.error().code, ErrorCode::kUnavailable) << read.error().message;
        const std::string suffix = ": the card was removed";
        ASSERT_GE(read.error().message.size(), suffix.size());
        EXPECT_EQ(read.error().message.substr(read.error().message.size() - suffix.size()), suffix)
            << read.error().message;
    }
}

// Passes commands to a software card and lets a test rewrite the answer to the `nth` command (counted from 1).
class TamperingTransport : public CardTransport {
public:
    using Tamper = std::function<void(const CommandApdu&, ResponseApdu&)>;
    TamperingTransport(SoftwareCard& card, std::size_t nth, Tamper tamper)
        : card_(card), nth_(nth), tamper_(std::move(tamper)) {}
    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        auto response = card_.Transmit(command);
        if (response && ++count_ == nth_) tamper_(command, *response);
        return response;
    }
    std::string Name() const override { return card_.Name(); }

private:
    SoftwareCard& card_;
    std::size_t nth_;
    Tamper tamper_;
    std::size_t count_ = 0;
};

TEST(ReadChip, UnusableCardAccessCostsPaceButNotTheSession) {
    struct Case {
        std::string name;
        Bytes answer;  // to the first READ BINARY of EF.CardAccess (the third command)
        std::string step_start;
        std::optional<Bytes> card_access;  // as the session keeps it
    };
    const std::vector<Case> cases = {
        {"huge length", HexLiteral("3084FFFFFFFF9000"),
         "EF.CardAccess unusable (reading EF.CardAccess: the file declares 4294967295 bytes)", std::nullopt},
        {"bad length byte", HexLiteral("30859000"),
         "EF.CardAccess unusable (reading EF.CardAccess: the file starts with a bad length byte 85)", std::nullopt},
        {"not SecurityInfos", HexLiteral("040201029000"), "EF.CardAccess does not parse (", HexLiteral("04020102")},
    };
    for (const auto& c : cases) {
        auto card = MakeCard(CardVariant::kGenuine);
        TamperingTransport transport(*card, 3, [&c](const CommandApdu& command, ResponseApdu& response) {
            EXPECT_EQ(command.ins, 0xB0);
            response = *ParseResponse(c.answer);
        });
        const ChipRead read = ReadOrFail(transport, MrzKeyOf(CardVariant::kGenuine));
        EXPECT_EQ(read.session.access_control, "BAC") << c.name << Steps(read);
        const auto& steps = read.session.steps;
        EXPECT_TRUE(std::any_of(steps.begin(), steps.end(),
                                [&c](const std::string& step) { return step.rfind(c.step_start, 0) == 0; }))
            << c.name << Steps(read);
        EXPECT_EQ(read.files.card_access, c.card_access) << c.name;
        ChipFiles expected = ReadableFiles(*card);
        expected.card_access = c.card_access;
        ExpectSameFiles(read.files, expected);
    }
}

TEST(ReadChip, ResponseAlteredUnderSecureMessagingIsAnError) {
    auto probe = MakeCard(CardVariant::kGenuine);
    ReadOrFail(*probe, MrzKeyOf(CardVariant::kGenuine));
    // Some command in the middle of reading the data groups.
    const std::size_t nth = probe->commands_answered() / 2;
    auto card = MakeCard(CardVariant::kGenuine);
    TamperingTransport transport(*card, nth, [](const CommandApdu&, ResponseApdu& response) {
        ASSERT_FALSE(response.data.empty());
        response.data[response.data.size() / 2] ^= 0x40;
    });
    auto read = ReadChip(transport, MrzKeyOf(CardVariant::kGenuine));
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code, ErrorCode::kUnauthenticated) << read.error().message;
    EXPECT_EQ(read.error().message.rfind("reading DG", 0), 0u) << read.error().message;
}

TEST(ReadChip, ProofsSwitchedOffAreRecordedAsNotPerformed) {
    auto card = MakeCard(CardVariant::kGenuine);
    ReadOptions options;
    options.chip_authentication = false;
    options.active_authentication = false;
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine), options);
    for (const ChipProof* proof : {&read.session.chip_authentication, &read.session.active_authentication}) {
        EXPECT_TRUE(proof->supported);
        EXPECT_FALSE(proof->performed);
        EXPECT_FALSE(proof->passed);
        EXPECT_EQ(proof->detail, "not performed: switched off in the read options");
    }
}

TEST(ReadChip, ChipWithoutProofsIsRecordedAsNotSupported) {
    SoftwareCardOptions options;
    options.chip_authentication = false;
    options.active_authentication = false;
    auto card = MakeCard(CardVariant::kGenuine, options);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_FALSE(read.session.chip_authentication.supported);
    EXPECT_FALSE(read.session.chip_authentication.performed);
    EXPECT_EQ(read.session.chip_authentication.detail, "DG14 offers no chip authentication");
    EXPECT_FALSE(read.session.active_authentication.supported);
    EXPECT_EQ(read.session.active_authentication.detail, "no DG15: the chip does not announce active authentication");
    EXPECT_EQ(read.files.groups.count(15), 0u);
}

TEST(ReadChip, NistP256PaceAndRsaActiveAuthenticationWork) {
    SoftwareCardOptions options;
    options.pace_curve = SoftwareCardOptions::PaceCurve::kNistP256;
    options.rsa_active_authentication = true;
    auto card = MakeCard(CardVariant::kGenuine, options);
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine));
    EXPECT_EQ(read.session.access_control, kPaceProtocol);
    EXPECT_TRUE(HasStep(read,
                        "EF.CardAccess offers PACE-ECDH-GM-AES-CBC-CMAC-128 with domain parameters 12 "
                        "(prime256v1)"))
        << Steps(read);
    EXPECT_TRUE(read.session.active_authentication.passed) << read.session.active_authentication.detail;
    EXPECT_EQ(read.session.active_authentication.protocol, "AA-RSA-ISO9796-2-SHA256");
}

TEST(ReadChip, BacOnlyWhenPaceIsSwitchedOff) {
    auto card = MakeCard(CardVariant::kGenuine);
    ReadOptions options;
    options.pace = false;
    const ChipRead read = ReadOrFail(*card, MrzKeyOf(CardVariant::kGenuine), options);
    EXPECT_EQ(read.session.access_control, "BAC");
    EXPECT_TRUE(HasStep(read, "PACE switched off in the read options; using BAC")) << Steps(read);
    EXPECT_TRUE(read.files.card_access.has_value());
}

}  // namespace
}  // namespace precinct::identity
