#include "precinct/identity/bac.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

using test_vectors::HexAt;

TEST(Bac, KeysMatchTheDoc9303WorkedExample) {
    PRECINCT_LOAD_WORKED_EXAMPLE(bac, "bac");
    auto keys = DeriveBacKeys(bac.at("document_number").get<std::string>(), bac.at("date_of_birth").get<std::string>(),
                              bac.at("date_of_expiry").get<std::string>());
    ASSERT_TRUE(keys) << keys.error().message;
    EXPECT_EQ(keys->mrz_information, bac.at("mrz_information").get<std::string>());
    EXPECT_EQ(ToHex(Sha1(ToBytes(keys->mrz_information))), bac.at("sha1_mrz_information").get<std::string>());
    EXPECT_EQ(keys->k_seed, HexAt(bac, "k_seed"));
    EXPECT_EQ(keys->k_enc, HexAt(bac, "k_enc"));
    EXPECT_EQ(keys->k_mac, HexAt(bac, "k_mac"));
}

TEST(Bac, TerminalAndChipReproduceTheWorkedExampleMutualAuthentication) {
    PRECINCT_LOAD_WORKED_EXAMPLE(bac, "bac");
    auto keys = DeriveBacKeys(bac.at("document_number").get<std::string>(), bac.at("date_of_birth").get<std::string>(),
                              bac.at("date_of_expiry").get<std::string>());
    ASSERT_TRUE(keys);
    const Bytes rnd_ic = HexAt(bac, "rnd_ic");
    const BacTerminalSecrets terminal{HexAt(bac, "rnd_ifd"), HexAt(bac, "k_ifd")};
    const BacChipSecrets chip{rnd_ic, HexAt(bac, "k_ic")};

    // Terminal: E_IFD || M_IFD.
    auto command = BacTerminalCryptogram(*keys, rnd_ic, terminal);
    ASSERT_TRUE(command) << command.error().message;
    EXPECT_EQ(*command, HexAt(bac, "external_authenticate_data"));
    const ByteView command_view(*command);
    EXPECT_EQ(ToHex(command_view.first(32)), bac.at("e_ifd").get<std::string>());
    EXPECT_EQ(ToHex(command_view.subspan(32)), bac.at("m_ifd").get<std::string>());
    auto s = TripleDesCbcDecrypt(keys->k_enc, Bytes(8, 0), command_view.first(32));
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, HexAt(bac, "s"));

    // Chip: checks the terminal, answers E_IC || M_IC.
    auto answer = AnswerBacExternalAuthenticate(*keys, chip, *command);
    ASSERT_TRUE(answer) << answer.error().message;
    EXPECT_EQ(answer->response, HexAt(bac, "external_authenticate_response_data"));
    const ByteView response_view(answer->response);
    EXPECT_EQ(ToHex(response_view.first(32)), bac.at("e_ic").get<std::string>());
    EXPECT_EQ(ToHex(response_view.subspan(32)), bac.at("m_ic").get<std::string>());
    auto r = TripleDesCbcDecrypt(keys->k_enc, Bytes(8, 0), response_view.first(32));
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, HexAt(bac, "r"));

    // Terminal: checks the chip, same session on both sides.
    auto session = BacTerminalFinish(*keys, rnd_ic, terminal, answer->response);
    ASSERT_TRUE(session) << session.error().message;
    for (const BacSessionKeys* side : {&*session, &answer->session}) {
        EXPECT_EQ(side->ks_seed, HexAt(bac, "ks_seed"));
        EXPECT_EQ(side->ks_enc, HexAt(bac, "ks_enc"));
        EXPECT_EQ(side->ks_mac, HexAt(bac, "ks_mac"));
        EXPECT_EQ(side->ssc, HexAt(bac, "ssc"));
    }
}

TEST(Bac, KeysOfTheSyntheticVietnameseCard) {
    auto keys = DeriveBacKeys("205123456", "050315", "300315");
    ASSERT_TRUE(keys);
    EXPECT_EQ(keys->mrz_information, "205123456405031543003150");
    EXPECT_EQ(ToHex(Sha1(ToBytes(keys->mrz_information))), "845C8154D341B5223EDD3FA6BAC2FF437B4C1AC8");
    EXPECT_EQ(ToHex(keys->k_seed), "845C8154D341B5223EDD3FA6BAC2FF43");
    EXPECT_EQ(ToHex(keys->k_enc), "947AB95D9EFBDA925E98FEF2FBC102E9");
    EXPECT_EQ(ToHex(keys->k_mac), "371FC40EA44973D9100DA22FF2073285");
}

struct MrzInformationCase {
    std::string document_number;
    std::string date_of_birth;
    std::string date_of_expiry;
    std::string expected;
};

TEST(Bac, BuildsTheMrzInformationForShortPaddedAndLongNumbers) {
    const std::vector<MrzInformationCase> cases = {
        {"L898902C", "690806", "940623", "L898902C<369080619406236"},         // padded with '<'
        {"l898902c<", "690806", "940623", "L898902C<369080619406236"},        // lower case, filler given
        {"T22000129", "640812", "101031", "T22000129364081251010318"},        // the PACE worked example
        {"D23145890734", "340712", "950712", "D23145890734934071279507122"},  // longer than 9: used in full
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.document_number);
        auto info = MrzInformation(c.document_number, c.date_of_birth, c.date_of_expiry);
        ASSERT_TRUE(info) << info.error().message;
        EXPECT_EQ(*info, c.expected);
    }
}

TEST(Bac, RefusesMalformedInput) {
    const std::vector<MrzInformationCase> cases = {
        {"", "690806", "940623", "document number: 1 to 22 characters"},
        {"L89-8902", "690806", "940623", "document number: only letters, digits and '<'"},
        {std::string(23, '1'), "690806", "940623", "document number: 1 to 22 characters"},
        {"L898902C", "69086", "940623", "date of birth: YYMMDD"},
        {"L898902C", "690806", "9406AB", "date of expiry: YYMMDD"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.expected);
        auto keys = DeriveBacKeys(c.document_number, c.date_of_birth, c.date_of_expiry);
        ASSERT_FALSE(keys);
        EXPECT_EQ(keys.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(keys.error().message, c.expected);
    }
}

class BacRefusal : public ::testing::Test {
protected:
    void SetUp() override {
        auto keys = DeriveBacKeys("L898902C", "690806", "940623");
        ASSERT_TRUE(keys);
        keys_ = *keys;
        terminal_ = {HexLiteral("781723860C06C226"), HexLiteral("0B795240CB7049B01C19B33E32804F0B")};
        chip_ = {HexLiteral("4608F91988702212"), HexLiteral("0B4F80323EB3191CB04970CB4052790B")};
        auto command = BacTerminalCryptogram(keys_, chip_.rnd_ic, terminal_);
        ASSERT_TRUE(command);
        command_ = *command;
    }

    BacKeys keys_;
    BacTerminalSecrets terminal_;
    BacChipSecrets chip_;
    Bytes command_;
};

TEST_F(BacRefusal, ChipRefusesATamperedMacAWrongKeyAndAStaleChallenge) {
    Bytes tampered = command_;
    tampered.back() ^= 0x01;
    auto bad_mac = AnswerBacExternalAuthenticate(keys_, chip_, tampered);
    ASSERT_FALSE(bad_mac);
    EXPECT_EQ(bad_mac.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(bad_mac.error().message, "BAC: the terminal's cryptogram's MAC is wrong");

    auto other = DeriveBacKeys("205123456", "050315", "300315");
    ASSERT_TRUE(other);
    auto wrong_key = AnswerBacExternalAuthenticate(*other, chip_, command_);
    ASSERT_FALSE(wrong_key);
    EXPECT_EQ(wrong_key.error().code, ErrorCode::kUnauthenticated);

    BacChipSecrets later = chip_;
    later.rnd_ic = HexLiteral("0102030405060708");
    auto stale = AnswerBacExternalAuthenticate(keys_, later, command_);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().message, "BAC: the terminal's cryptogram does not carry the last RND.IC");

    auto short_data = AnswerBacExternalAuthenticate(keys_, chip_, ByteView(command_).first(39));
    ASSERT_FALSE(short_data);
    EXPECT_EQ(short_data.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(short_data.error().message, "BAC: the terminal's cryptogram has 39 bytes (40 expected)");
}

TEST_F(BacRefusal, TerminalRefusesAnAnswerThatDoesNotEchoItsChallenge) {
    auto answer = AnswerBacExternalAuthenticate(keys_, chip_, command_);
    ASSERT_TRUE(answer);
    BacTerminalSecrets other = terminal_;
    other.rnd_ifd = HexLiteral("1111111111111111");
    auto wrong_echo = BacTerminalFinish(keys_, chip_.rnd_ic, other, answer->response);
    ASSERT_FALSE(wrong_echo);
    EXPECT_EQ(wrong_echo.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(wrong_echo.error().message, "BAC: the chip's answer does not carry RND.IC || RND.IFD");

    Bytes tampered = answer->response;
    tampered[0] ^= 0x80;
    auto bad_mac = BacTerminalFinish(keys_, chip_.rnd_ic, terminal_, tampered);
    ASSERT_FALSE(bad_mac);
    EXPECT_EQ(bad_mac.error().message, "BAC: the chip's cryptogram's MAC is wrong");

    auto bad_challenge = BacTerminalCryptogram(keys_, HexLiteral("0102"), terminal_);
    ASSERT_FALSE(bad_challenge);
    EXPECT_EQ(bad_challenge.error().message, "BAC: RND.IC (the GET CHALLENGE answer) of 2 bytes (8 expected)");
}

TEST(Bac, RandomSecretsRunToTheSameSessionOnBothSides) {
    auto keys = DeriveBacKeys("205123456", "050315", "300315");
    auto terminal = NewBacTerminalSecrets();
    auto chip = NewBacChipSecrets();
    ASSERT_TRUE(keys && terminal && chip);
    EXPECT_EQ(terminal->rnd_ifd.size(), 8u);
    EXPECT_EQ(chip->k_ic.size(), 16u);
    auto command = BacTerminalCryptogram(*keys, chip->rnd_ic, *terminal);
    ASSERT_TRUE(command);
    auto answer = AnswerBacExternalAuthenticate(*keys, *chip, *command);
    ASSERT_TRUE(answer);
    auto session = BacTerminalFinish(*keys, chip->rnd_ic, *terminal, answer->response);
    ASSERT_TRUE(session);
    EXPECT_EQ(session->ks_enc, answer->session.ks_enc);
    EXPECT_EQ(session->ks_mac, answer->session.ks_mac);
    EXPECT_EQ(session->ssc, answer->session.ssc);
}

}  // namespace
}  // namespace precinct::identity
