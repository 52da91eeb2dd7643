#include "precinct/identity/software_card.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "card/card_test_util.hpp"
#include "precinct/identity/active_auth.hpp"
#include "precinct/identity/bac.hpp"
#include "precinct/identity/dg13.hpp"
#include "precinct/identity/face_image.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/mrz.hpp"
#include "precinct/identity/secure_channel.hpp"
#include "precinct/identity/security_infos.hpp"

namespace precinct::identity {
namespace {

using card_test::Factory;
using card_test::MakeCard;

CommandApdu Apdu(std::string_view hex) {
    auto parsed = ParseCommand(HexLiteral(hex));
    EXPECT_TRUE(parsed.has_value()) << hex;
    return parsed.value_or(CommandApdu{});
}

std::uint16_t SwOf(SoftwareCard& card, std::string_view hex) {
    auto r = card.Transmit(Apdu(hex));
    EXPECT_TRUE(r.has_value());
    return r ? r->sw : 0;
}

// A secure channel to `card` opened with BAC and the demo citizen's MRZ.
SecureChannel OpenWithBac(SoftwareCard& card) {
    const auto p = DemoCitizen();
    auto keys = DeriveBacKeys(p.document_number, p.date_of_birth, p.date_of_expiry);
    EXPECT_TRUE(keys.has_value());
    EXPECT_EQ(SwOf(card, "00A4040C07A0000002471001"), 0x9000);
    auto sm = PerformBac(card, *keys);
    EXPECT_TRUE(sm.has_value()) << sm.error().message;
    return SecureChannel(card, std::move(*sm));
}

TEST(CardVariant, NamesRoundTrip) {
    const std::vector<std::pair<std::string, CardVariant>> cases = {{"genuine", CardVariant::kGenuine},
                                                                    {"cloned", CardVariant::kCloned},
                                                                    {"altered", CardVariant::kAltered},
                                                                    {"expired", CardVariant::kExpired}};
    for (const auto& [name, variant] : cases) {
        EXPECT_EQ(ParseCardVariant(name), variant);
        EXPECT_EQ(CardVariantName(variant), name);
    }
    EXPECT_EQ(ParseCardVariant("Genuine"), std::nullopt);
    EXPECT_EQ(ParseCardVariant(""), std::nullopt);
}

TEST(SoftwareCard, Dg1HoldsTheSyntheticMrzOfTheSpecNotes) {
    auto card = MakeCard(CardVariant::kGenuine);
    auto mrz = ParseDg1(card->Files().groups.at(1));
    ASSERT_TRUE(mrz.has_value()) << mrz.error().message;
    EXPECT_EQ(mrz->lines, (std::vector<std::string>{"IDVNM2051234564079205123456<<4", "0503154M3003150VNM<<<<<<<<<<<6",
                                                    "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"}));
    EXPECT_TRUE(mrz->AllChecksOk());
    EXPECT_EQ(CccdPersonalNumber(*mrz), "079205123456");
}

TEST(SoftwareCard, Dg13HoldsEveryFieldOfTheProfile) {
    auto card = MakeCard(CardVariant::kGenuine);
    auto dg13 = ParseDg13(card->Files().groups.at(13));
    ASSERT_TRUE(dg13.has_value()) << dg13.error().message;
    const auto p = DemoCitizen();
    EXPECT_EQ(dg13->personal_number, "079205123456");
    EXPECT_EQ(dg13->full_name, "NGUYỄN VĂN AN");
    EXPECT_EQ(dg13->date_of_birth, "15/03/2005");
    EXPECT_EQ(dg13->sex, "Nam");
    EXPECT_EQ(dg13->nationality, "Việt Nam");
    EXPECT_EQ(dg13->ethnicity, "Kinh");
    EXPECT_EQ(dg13->religion, "Không");
    EXPECT_EQ(dg13->place_of_origin, p.place_of_origin);
    EXPECT_EQ(dg13->place_of_residence, "123 Lê Lợi, Phường Bến Thành, Quận 1, TP. Hồ Chí Minh");
    EXPECT_EQ(dg13->identifying_marks, p.identifying_marks);
    EXPECT_EQ(dg13->issue_date, "20/03/2021");
    EXPECT_EQ(dg13->expiry_date, "15/03/2030");
    EXPECT_EQ(dg13->father_name, "NGUYỄN VĂN BÌNH");
    EXPECT_EQ(dg13->mother_name, "TRẦN THỊ CÚC");
    EXPECT_EQ(dg13->spouse_name, "");
    EXPECT_EQ(dg13->old_id_number, "025123456");
    EXPECT_TRUE(dg13->warnings.empty());
}

TEST(SoftwareCard, FilesAnnounceWhatTheChipDoes) {
    auto card = MakeCard(CardVariant::kGenuine);
    const ChipFiles files = card->Files();
    auto com = ParseCom(*files.com);
    ASSERT_TRUE(com.has_value()) << com.error().message;
    EXPECT_EQ(com->data_groups, (std::vector<int>{1, 2, 3, 13, 14, 15}));

    auto faces = ParseDg2(files.groups.at(2));
    ASSERT_TRUE(faces.has_value()) << faces.error().message;
    ASSERT_EQ(faces->size(), 1u);
    EXPECT_EQ((*faces)[0].mime, kMimeJpeg);
    EXPECT_EQ((*faces)[0].width, 90);
    EXPECT_EQ((*faces)[0].height, 120);
    EXPECT_TRUE(FaceImageToPng((*faces)[0]).has_value());

    auto access = ParseCardAccess(*files.card_access);
    ASSERT_TRUE(access.has_value()) << access.error().message;
    ASSERT_EQ(access->pace.size(), 1u);
    EXPECT_EQ(access->pace[0].protocol, kOidPaceEcdhGmAes128);
    EXPECT_EQ(access->pace[0].parameter_id, 13);

    auto dg14 = ParseDg14(files.groups.at(14));
    ASSERT_TRUE(dg14.has_value()) << dg14.error().message;
    ASSERT_EQ(dg14->chip_authentication.size(), 1u);
    EXPECT_EQ(dg14->chip_authentication[0].protocol, kOidCaEcdhAes128);
    ASSERT_EQ(dg14->chip_authentication_public_keys.size(), 1u);
    EXPECT_EQ(dg14->chip_authentication_public_keys[0].protocol, kOidPkEcdh);
    ASSERT_EQ(dg14->active_authentication.size(), 1u);
    EXPECT_EQ(dg14->active_authentication[0].signature_algorithm, "1.2.840.10045.4.3.2");

    auto dg15 = ParseDg15(files.groups.at(15));
    ASSERT_TRUE(dg15.has_value());
    auto key = DescribeAaPublicKey(*dg15);
    ASSERT_TRUE(key.has_value());
    EXPECT_EQ(key->key_type, "EC");
    EXPECT_EQ(key->curve, "prime256v1");
}

TEST(SoftwareCard, VariantsShareOrChangeTheGenuineFiles) {
    const ChipFiles genuine = MakeCard(CardVariant::kGenuine)->Files();
    const ChipFiles cloned = MakeCard(CardVariant::kCloned)->Files();
    const ChipFiles altered = MakeCard(CardVariant::kAltered)->Files();
    const ChipFiles expired = MakeCard(CardVariant::kExpired)->Files();
    EXPECT_EQ(cloned.sod, genuine.sod);
    EXPECT_EQ(cloned.groups, genuine.groups);
    EXPECT_EQ(altered.sod, genuine.sod);
    for (const auto& [number, file] : genuine.groups) {
        if (number == 13) {
            EXPECT_NE(altered.groups.at(13), file);
        } else {
            EXPECT_EQ(altered.groups.at(number), file) << "DG" << number;
        }
    }
    auto altered_dg13 = ParseDg13(altered.groups.at(13));
    ASSERT_TRUE(altered_dg13.has_value());
    EXPECT_EQ(altered_dg13->full_name, "TRẦN VĂN BẢO");
    EXPECT_NE(expired.sod, genuine.sod);
    auto expired_mrz = ParseDg1(expired.groups.at(1));
    ASSERT_TRUE(expired_mrz.has_value());
    EXPECT_EQ(expired_mrz->date_of_expiry, "240427");
    EXPECT_TRUE(expired_mrz->AllChecksOk());
}

TEST(SoftwareCard, ExpiredProfilePrintsDatesBeforeNow) {
    const SoftwareCardProfile p = Factory().PrintedProfile(CardVariant::kExpired);
    EXPECT_EQ(p.date_of_expiry, "240427");
    EXPECT_EQ(p.expiry_date, "27/04/2024");
    EXPECT_EQ(p.issue_date, "27/04/2019");
    EXPECT_EQ(p.document_number, DemoCitizen().document_number);
    EXPECT_EQ(Factory().PrintedProfile(CardVariant::kCloned).date_of_expiry, "300315");
}

TEST(SoftwareCard, RefusesProfilesThatDoNotFitACard) {
    struct Case {
        std::string name;
        void (*change)(SoftwareCardProfile&);
        std::string message;
    };
    const std::vector<Case> cases = {
        {"can", [](SoftwareCardProfile& p) { p.can = "12345"; }, "software card profile: can: 6 digits"},
        {"number", [](SoftwareCardProfile& p) { p.personal_number = "07920512345"; },
         "software card profile: personal_number: 12 digits"},
        {"document", [](SoftwareCardProfile& p) { p.document_number = "205123457"; },
         "software card profile: document_number: the last 9 digits of the personal number"},
        {"birth", [](SoftwareCardProfile& p) { p.date_of_birth = "05031"; },
         "software card profile: date_of_birth: YYMMDD"},
        {"name", [](SoftwareCardProfile& p) { p.mrz_surname = "NGUYỄN"; },
         "software card profile: mrz_surname: letters A-Z and single spaces"},
        {"sex", [](SoftwareCardProfile& p) { p.sex = "X"; }, "software card profile: sex: M or F"},
        {"issue", [](SoftwareCardProfile& p) { p.issue_date = "2021-03-20"; },
         "software card profile: issue_date: DD/MM/YYYY"},
    };
    for (const auto& c : cases) {
        SoftwareCardProfile p = DemoCitizen();
        c.change(p);
        auto card = Factory().Make(CardVariant::kGenuine, p);
        ASSERT_FALSE(card.has_value()) << c.name;
        EXPECT_EQ(card.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(card.error().message, c.message) << c.name;
    }
}

TEST(SoftwareCard, OtherProfilesMakeCardsWithTheirOwnMrz) {
    SoftwareCardProfile p = DemoCitizen();
    p.personal_number = "001302654321";
    p.document_number = "302654321";
    p.date_of_birth = "020101";
    p.sex = "F";
    p.mrz_surname = "TRAN";
    p.mrz_given_names = "THI BICH NGOC";
    auto card = Factory().Make(CardVariant::kGenuine, p);
    ASSERT_TRUE(card.has_value()) << card.error().message;
    auto mrz = ParseDg1((*card)->Files().groups.at(1));
    ASSERT_TRUE(mrz.has_value());
    EXPECT_TRUE(mrz->AllChecksOk());
    EXPECT_EQ(mrz->lines[2], "TRAN<<THI<BICH<NGOC<<<<<<<<<<<");
    EXPECT_EQ(mrz->sex, "F");
    EXPECT_EQ(CccdPersonalNumber(*mrz), "001302654321");
}

TEST(SoftwareCard, MakeIsSafeFromSeveralThreads) {
    std::vector<ChipFiles> files(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < files.size(); ++i) {
        threads.emplace_back([&files, i] {
            SoftwareCardOptions options;
            options.dg3 = false;  // files nobody else asked for: built while the others wait or build theirs
            auto card = Factory().Make(i % 2 ? CardVariant::kCloned : CardVariant::kGenuine, DemoCitizen(), options);
            if (card) files[i] = (*card)->Files();
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& f : files) {
        ASSERT_TRUE(f.sod.has_value());
        EXPECT_EQ(f.sod, files[0].sod);
        EXPECT_EQ(f.groups.count(3), 0u);
    }
}

TEST(SoftwareCard, AnswersPlainCommandsAsAnEmrtdChip) {
    struct Case {
        std::string command;
        std::uint16_t sw;
    };
    // In order, on one card: each case sees the state the previous ones left.
    const std::vector<Case> cases = {
        {"00A4000C023F00", 0x6D00},                     // the master file quirk
        {"00A4040C07A0000002471002", 0x6A82},           // another application
        {"00A4040C07A0000002471001", 0x9000},           // the eMRTD application
        {"00A4020C02011E", 0x6982},                     // EF.COM before access control
        {"00B09E0004", 0x6982},                         // EF.COM by short file id, likewise
        {"00A4020C020101", 0x6982},                     // DG1
        {"00A4020C020110", 0x6A82},                     // DG16: absent
        {"00A4020C02011C", 0x9000},                     // EF.CardAccess, selectable directly
        {"00B0000004", 0x9000},                         //   and readable
        {"00B0010001", 0x6B00},                         //   not beyond its end
        {"00B0000000", 0x6282},                         //   fewer bytes than Le: what is left
        {"00B00000000100", 0x6282},                     //   extended Le
        {"0084000004", 0x6700},                         // GET CHALLENGE wants Le 8
        {"0082000028" + std::string(80, '0'), 0x6985},  // EXTERNAL AUTHENTICATE without a challenge
        {"0084000008", 0x9000},
        {"0082000028" + std::string(80, '0') + "28", 0x6300},  // a cryptogram the MRZ keys did not make
        {"00880000080102030405060708", 0x6982},                // INTERNAL AUTHENTICATE before access control
        {"00CA000000", 0x6D00},                                // an instruction the chip does not know
        {"80A4040C07A0000002471001", 0x6E00},                  // a proprietary class
        {"0CB0000000", 0x6987},                                // secure messaging without a session
    };
    auto card = MakeCard(CardVariant::kGenuine);
    for (const auto& c : cases) EXPECT_EQ(SwOf(*card, c.command), c.sw) << c.command;
    EXPECT_EQ(card->commands_answered(), cases.size());
}

TEST(SoftwareCard, ReadBinaryHonoursOffsetsAndShortFileIds) {
    auto card = MakeCard(CardVariant::kGenuine);
    const Bytes access = *card->Files().card_access;
    ASSERT_GT(access.size(), 10u);
    auto first = card->Transmit(Apdu("00B09C0004"));  // SFI 1C
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->sw, 0x9000);
    EXPECT_EQ(first->data, Bytes(access.begin(), access.begin() + 4));
    auto middle = card->Transmit(Apdu("00B0000603"));
    ASSERT_TRUE(middle.has_value());
    EXPECT_EQ(middle->data, Bytes(access.begin() + 6, access.begin() + 9));
    auto rest = card->Transmit(Apdu("00B0000A00"));
    ASSERT_TRUE(rest.has_value());
    EXPECT_EQ(rest->sw, 0x6282);
    EXPECT_EQ(rest->data, Bytes(access.begin() + 10, access.end()));
}

TEST(SoftwareCard, SecureMessagingOpensTheFilesAndRefusesABadMac) {
    auto card = MakeCard(CardVariant::kGenuine);
    SecureChannel channel = OpenWithBac(*card);
    auto selected = channel.Transmit(Apdu("00A4020C02011E"));
    ASSERT_TRUE(selected.has_value()) << selected.error().message;
    EXPECT_EQ(selected->sw, 0x9000);
    auto read = channel.Transmit(Apdu("00B0000004"));
    ASSERT_TRUE(read.has_value()) << read.error().message;
    const Bytes com = *card->Files().com;
    EXPECT_EQ(read->data, Bytes(com.begin(), com.begin() + 4));
    auto dg3 = channel.Transmit(Apdu("00A4020C020103"));
    ASSERT_TRUE(dg3.has_value());
    EXPECT_EQ(dg3->sw, 0x6982);
    auto aa = channel.Transmit(Apdu("0088000008010203040506070800"));
    ASSERT_TRUE(aa.has_value());
    EXPECT_EQ(aa->sw, 0x9000);
    auto dg15 = ParseDg15(card->Files().groups.at(15));
    ASSERT_TRUE(dg15.has_value());
    auto verified =
        VerifyActiveAuthentication(*dg15, HexLiteral("0102030405060708"), aa->data, std::string("1.2.840.10045.4.3.2"));
    ASSERT_TRUE(verified.has_value()) << verified.error().message;
    EXPECT_TRUE(verified->verified) << verified->detail;

    // A protected command whose MAC is wrong: 6988 in plain, and the session is over.
    SecureMessaging sm = channel.secure_messaging();
    auto wrapped = sm.WrapCommand(Apdu("00B0000004"));
    ASSERT_TRUE(wrapped.has_value());
    wrapped->data.back() ^= 0x01;
    auto refused = card->Transmit(*wrapped);
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->sw, 0x6988);
    EXPECT_TRUE(refused->data.empty());
    EXPECT_EQ(SwOf(*card, "0CB0000000"), 0x6987);
    EXPECT_EQ(SwOf(*card, "00A4020C02011E"), 0x6982);
}

TEST(SoftwareCard, OddReadBinaryReachesOffsetsBeyond32KiB) {
    SoftwareCardOptions options;
    options.dg2_min_bytes = 70000;
    auto card = MakeCard(CardVariant::kGenuine, options);
    const Bytes dg2 = card->Files().groups.at(2);
    ASSERT_GE(dg2.size(), 70000u);
    auto faces = ParseDg2(dg2);
    ASSERT_TRUE(faces.has_value()) << faces.error().message;
    EXPECT_TRUE(FaceImageToPng(faces->at(0)).has_value());

    SecureChannel channel = OpenWithBac(*card);
    auto selected = channel.Transmit(Apdu("00A4020C020102"));
    ASSERT_TRUE(selected.has_value());
    EXPECT_EQ(selected->sw, 0x9000);
    auto read = channel.Transmit(Apdu("00B1000005540301000020"));
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->sw, 0x9000);
    EXPECT_EQ(ToHex(read->data), "531E" + ToHex(ByteView(dg2).subspan(0x10000, 0x1E)));
    auto beyond = channel.Transmit(Apdu("00B1000005540310000020"));
    ASSERT_TRUE(beyond.has_value());
    EXPECT_EQ(beyond->sw, 0x6B00);
}

TEST(SoftwareCard, RemovedCardFailsEveryCommand) {
    auto card = MakeCard(CardVariant::kGenuine);
    card->Remove();
    auto r = card->Transmit(Apdu("00A4040C07A0000002471001"));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(r.error().message, "the card was removed");
    EXPECT_EQ(card->Name(), "software card (genuine)");
}

}  // namespace
}  // namespace precinct::identity
