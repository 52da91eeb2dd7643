#include "precinct/identity/pace.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "precinct/identity/bac.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

using test_vectors::HexAt;

// The chip's private keys of Doc 9303 Part 11 Appendix G.1 (not in the JSON vectors, which list the terminal's;
// the chip's public keys they produce are checked against the vectors' GENERAL AUTHENTICATE responses).
const Bytes kChipMappingKey = HexLiteral("498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560");
const Bytes kChipEphemeralKey = HexLiteral("107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A");

// The response data of a GENERAL AUTHENTICATE response in the vectors (they carry no status word).
Bytes GaData(const nlohmann::json& v, const std::string& key) { return HexAt(v, key); }

TEST(Pace, TerminalReproducesTheWorkedExampleByteForByte) {
    PRECINCT_LOAD_WORKED_EXAMPLE(v, "pace_ecdh_gm");
    const std::string oid = v.at("protocol_oid").get<std::string>();
    const std::string mrz = v.at("mrz_information").get<std::string>();
    auto info = MrzInformation(v.at("document_number").get<std::string>(), v.at("date_of_birth").get<std::string>(),
                               v.at("date_of_expiry").get<std::string>());
    ASSERT_TRUE(info);
    EXPECT_EQ(*info, mrz);
    auto k = PacePasswordKey(PacePasswordType::kMrz, mrz);
    ASSERT_TRUE(k);
    EXPECT_EQ(*k, HexAt(v, "k_password_sha1"));

    PaceSecrets secrets;
    secrets.mapping_private_key = HexAt(v, "terminal_mapping_private_key");
    secrets.ephemeral_private_key = HexAt(v, "terminal_ephemeral_private_key");
    auto terminal = PaceTerminal::Create(oid, 13, PacePasswordType::kMrz, mrz, secrets);
    ASSERT_TRUE(terminal) << terminal.error().message;
    EXPECT_EQ(terminal->trace().k_pi, HexAt(v, "k_pi"));
    EXPECT_EQ(ToHex(EncodeCommand(terminal->MseSetAtCommand())), "0022C1A412800A04007F0007020204020283010184010D");
    EXPECT_EQ(ToHex(EncodeCommand(terminal->MseSetAtCommand(false))), "0022C1A40F800A04007F00070202040202830101");
    EXPECT_EQ(ToHex(EncodeCommand(terminal->EncryptedNonceCommand())), "10860000027C0000");

    auto ga2 = terminal->MapNonceCommand(GaData(v, "general_authenticate_1_response"));
    ASSERT_TRUE(ga2) << ga2.error().message;
    EXPECT_EQ(terminal->trace().encrypted_nonce, HexAt(v, "encrypted_nonce_z"));
    EXPECT_EQ(terminal->trace().nonce, HexAt(v, "nonce_s"));
    EXPECT_EQ(ga2->data, HexAt(v, "general_authenticate_2_command_data"));
    EXPECT_EQ(ToHex(EncodeCommand(*ga2)),
              "1086000045" + v.at("general_authenticate_2_command_data").get<std::string>() + "00");

    auto ga3 = terminal->KeyAgreementCommand(GaData(v, "general_authenticate_2_response"));
    ASSERT_TRUE(ga3) << ga3.error().message;
    EXPECT_EQ(terminal->trace().shared_point_h, HexAt(v, "shared_point_h"));
    EXPECT_EQ(terminal->trace().mapped_generator, HexAt(v, "mapped_generator"));
    EXPECT_EQ(ga3->data, HexAt(v, "general_authenticate_3_command_data"));
    EXPECT_EQ(ga3->cla, 0x10);

    auto ga4 = terminal->MutualAuthenticationCommand(GaData(v, "general_authenticate_3_response"));
    ASSERT_TRUE(ga4) << ga4.error().message;
    EXPECT_EQ(terminal->trace().shared_secret, HexAt(v, "shared_secret_k"));
    EXPECT_EQ(terminal->trace().ks_enc, HexAt(v, "ks_enc"));
    EXPECT_EQ(terminal->trace().ks_mac, HexAt(v, "ks_mac"));
    EXPECT_EQ(terminal->trace().terminal_token, HexAt(v, "terminal_token_t_ifd"));
    EXPECT_EQ(ToHex(EncodeCommand(*ga4)),
              "008600000C" + v.at("general_authenticate_4_command_data").get<std::string>() + "00");

    auto outcome = terminal->Finish(GaData(v, "general_authenticate_4_response"));
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_EQ(terminal->trace().chip_token, HexAt(v, "chip_token_t_ic"));
    EXPECT_EQ(outcome->protocol.name, v.at("protocol_name").get<std::string>());
    EXPECT_EQ(outcome->ks_enc, HexAt(v, "ks_enc"));
    EXPECT_EQ(outcome->ks_mac, HexAt(v, "ks_mac"));
    EXPECT_EQ(outcome->secure_messaging.cipher(), SmCipher::kAes);
    EXPECT_EQ(outcome->secure_messaging.ssc(), Bytes(16, 0));
    EXPECT_EQ(outcome->secure_messaging.ks_enc(), HexAt(v, "ks_enc"));
    EXPECT_EQ(ToHex(outcome->chip_ephemeral_public_key),
              v.at("general_authenticate_3_response").get<std::string>().substr(8));
}

TEST(Pace, ChipReproducesTheWorkedExampleByteForByte) {
    PRECINCT_LOAD_WORKED_EXAMPLE(v, "pace_ecdh_gm");
    PaceSecrets secrets;
    secrets.nonce = HexAt(v, "nonce_s");
    secrets.mapping_private_key = kChipMappingKey;
    secrets.ephemeral_private_key = kChipEphemeralKey;
    auto chip = PaceChip::Create(v.at("protocol_oid").get<std::string>(), 13, PacePasswordType::kMrz,
                                 v.at("mrz_information").get<std::string>(), secrets);
    ASSERT_TRUE(chip) << chip.error().message;

    auto ga1 = chip->Answer(HexLiteral("7C00"));
    ASSERT_TRUE(ga1) << ga1.error().message;
    EXPECT_EQ(*ga1, HexAt(v, "general_authenticate_1_response"));
    auto ga2 = chip->Answer(HexAt(v, "general_authenticate_2_command_data"));
    ASSERT_TRUE(ga2) << ga2.error().message;
    EXPECT_EQ(*ga2, HexAt(v, "general_authenticate_2_response"));
    EXPECT_EQ(chip->trace().shared_point_h, HexAt(v, "shared_point_h"));
    EXPECT_EQ(chip->trace().mapped_generator, HexAt(v, "mapped_generator"));
    auto ga3 = chip->Answer(HexAt(v, "general_authenticate_3_command_data"));
    ASSERT_TRUE(ga3) << ga3.error().message;
    EXPECT_EQ(*ga3, HexAt(v, "general_authenticate_3_response"));
    EXPECT_EQ(chip->trace().shared_secret, HexAt(v, "shared_secret_k"));
    EXPECT_FALSE(chip->completed());
    auto ga4 = chip->Answer(HexAt(v, "general_authenticate_4_command_data"));
    ASSERT_TRUE(ga4) << ga4.error().message;
    EXPECT_EQ(*ga4, HexAt(v, "general_authenticate_4_response"));
    EXPECT_EQ(chip->trace().terminal_token, HexAt(v, "terminal_token_t_ifd"));
    EXPECT_EQ(chip->trace().chip_token, HexAt(v, "chip_token_t_ic"));
    ASSERT_TRUE(chip->completed());
    auto outcome = chip->Outcome();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->ks_enc, HexAt(v, "ks_enc"));
    EXPECT_EQ(outcome->ks_mac, HexAt(v, "ks_mac"));
    auto again = chip->Answer(HexAt(v, "general_authenticate_4_command_data"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(Pace, PasswordKeysOfTheSpecNotes) {
    // CCCD spec notes, section 6: MRZ password of the Appendix G document.
    auto k_pi = PacePasswordCipherKey(*PaceProtocolFromOid(kPaceEcdhGmAes128Oid), PacePasswordType::kMrz,
                                      "T22000129364081251010318");
    ASSERT_TRUE(k_pi);
    EXPECT_EQ(ToHex(*k_pi), "89DED1B26624EC1E634C1989302849DD");
    auto mrz = PacePasswordKey(PacePasswordType::kMrz, "T22000129364081251010318");
    ASSERT_TRUE(mrz);
    EXPECT_EQ(ToHex(*mrz), "7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD");
    // The CAN is used as it is printed.
    auto can = PacePasswordKey(PacePasswordType::kCan, "123456");
    ASSERT_TRUE(can);
    EXPECT_EQ(ToHex(*can), "313233343536");
    EXPECT_FALSE(PacePasswordKey(PacePasswordType::kCan, "12a456"));
    EXPECT_FALSE(PacePasswordKey(PacePasswordType::kCan, ""));
    EXPECT_FALSE(PacePasswordKey(PacePasswordType::kMrz, "T220001293"));
}

TEST(Pace, MapsEveryStandardizedDomainParameterId) {
    const std::vector<std::pair<int, std::string>> table = {
        {8, "prime192v1"},       {9, "brainpoolP192r1"},  {10, "secp224r1"},       {11, "brainpoolP224r1"},
        {12, "prime256v1"},      {13, "brainpoolP256r1"}, {14, "brainpoolP320r1"}, {15, "secp384r1"},
        {16, "brainpoolP384r1"}, {17, "brainpoolP512r1"}, {18, "secp521r1"},
    };
    for (const auto& [id, name] : table) {
        SCOPED_TRACE(id);
        auto curve = StandardizedDomainCurve(id);
        ASSERT_TRUE(curve);
        EXPECT_EQ(*curve, name);
        // OpenSSL knows the curve.
        EXPECT_TRUE(PaceTerminal::Create(kPaceEcdhGmAes128Oid, id, PacePasswordType::kCan, "123456"));
    }
    for (int dh : {0, 1, 2}) EXPECT_EQ(StandardizedDomainCurve(dh).error().code, ErrorCode::kUnavailable);
    for (int bad : {-1, 3, 7, 19, 255}) {
        EXPECT_EQ(StandardizedDomainCurve(bad).error().code, ErrorCode::kInvalidArgument);
    }
}

TEST(Pace, KnowsItsProtocolsAndNamesTheOthers) {
    for (auto oid : {kPaceEcdhGm3DesOid, kPaceEcdhGmAes128Oid, kPaceEcdhGmAes192Oid, kPaceEcdhGmAes256Oid}) {
        EXPECT_TRUE(PaceProtocolFromOid(oid)) << oid;
    }
    EXPECT_EQ(PaceProtocolFromOid(kPaceEcdhGmAes256Oid)->key_type, KdfKeyType::kAes256);
    auto dh = PaceProtocolFromOid("0.4.0.127.0.7.2.2.4.1.2");
    ASSERT_FALSE(dh);
    EXPECT_EQ(dh.error().code, ErrorCode::kUnavailable);
    auto im = PaceProtocolFromOid("0.4.0.127.0.7.2.2.4.4.2");
    ASSERT_FALSE(im);
    EXPECT_EQ(im.error().code, ErrorCode::kUnavailable);
    auto other = PaceProtocolFromOid("1.2.840.10045.2.1");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().message, "1.2.840.10045.2.1 is not a PACE protocol");
}

struct RunCase {
    std::string_view oid;
    int parameter_id;
    PacePasswordType type;
    std::string password;
};

TEST(Pace, TerminalAndChipAgreeForEveryProtocolWithRandomKeys) {
    const std::vector<RunCase> cases = {
        {kPaceEcdhGm3DesOid, 12, PacePasswordType::kCan, "123456"},
        {kPaceEcdhGmAes128Oid, 13, PacePasswordType::kMrz, "205123456405031543003150"},
        {kPaceEcdhGmAes128Oid, 8, PacePasswordType::kCan, "000000"},
        {kPaceEcdhGmAes192Oid, 15, PacePasswordType::kCan, "987654"},
        {kPaceEcdhGmAes256Oid, 17, PacePasswordType::kMrz, "L898902C<369080619406236"},
        {kPaceEcdhGmAes256Oid, 18, PacePasswordType::kCan, "111111"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(std::string(c.oid) + " id " + std::to_string(c.parameter_id));
        auto terminal = PaceTerminal::Create(c.oid, c.parameter_id, c.type, c.password);
        auto chip = PaceChip::Create(c.oid, c.parameter_id, c.type, c.password);
        ASSERT_TRUE(terminal && chip);
        auto r1 = chip->Answer(terminal->EncryptedNonceCommand().data);
        ASSERT_TRUE(r1) << r1.error().message;
        auto c2 = terminal->MapNonceCommand(*r1);
        ASSERT_TRUE(c2) << c2.error().message;
        auto r2 = chip->Answer(c2->data);
        ASSERT_TRUE(r2) << r2.error().message;
        auto c3 = terminal->KeyAgreementCommand(*r2);
        ASSERT_TRUE(c3) << c3.error().message;
        auto r3 = chip->Answer(c3->data);
        ASSERT_TRUE(r3) << r3.error().message;
        auto c4 = terminal->MutualAuthenticationCommand(*r3);
        ASSERT_TRUE(c4) << c4.error().message;
        auto r4 = chip->Answer(c4->data);
        ASSERT_TRUE(r4) << r4.error().message;
        auto t = terminal->Finish(*r4);
        ASSERT_TRUE(t) << t.error().message;
        auto ch = chip->Outcome();
        ASSERT_TRUE(ch);
        const std::size_t key_bytes = KdfKeyLength(t->protocol.key_type);
        EXPECT_EQ(t->ks_enc.size(), key_bytes);
        EXPECT_EQ(t->ks_enc, ch->ks_enc);
        EXPECT_EQ(t->ks_mac, ch->ks_mac);
        EXPECT_EQ(terminal->trace().nonce.size(), BlockSize(t->secure_messaging.cipher()));
        EXPECT_EQ(terminal->trace().nonce, chip->trace().nonce);
        EXPECT_EQ(t->secure_messaging.cipher(), KdfCipher(t->protocol.key_type));
        // The two sessions talk to each other.
        SecureMessaging ts = t->secure_messaging;
        SecureMessaging cs = ch->secure_messaging;
        auto wrapped = ts.WrapCommand(*ParseCommand(HexLiteral("00B0000004")));
        ASSERT_TRUE(wrapped);
        auto plain = cs.UnwrapCommand(*wrapped);
        ASSERT_TRUE(plain) << plain.error().message;
        EXPECT_EQ(plain->le, 4u);
    }
}

// Runs the exchange up to the chip's step-2 answer.
struct HalfRun {
    PaceTerminal terminal;
    PaceChip chip;
    Bytes r2;
};

Result<HalfRun> RunToMapping(std::string_view terminal_can, std::string_view chip_can) {
    auto terminal = PaceTerminal::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, terminal_can);
    auto chip = PaceChip::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, chip_can);
    if (!terminal || !chip) return Fail(ErrorCode::kInternal, "create");
    auto r1 = chip->Answer(terminal->EncryptedNonceCommand().data);
    if (!r1) return Fail(r1.error());
    auto c2 = terminal->MapNonceCommand(*r1);
    if (!c2) return Fail(c2.error());
    auto r2 = chip->Answer(c2->data);
    if (!r2) return Fail(r2.error());
    return HalfRun{std::move(*terminal), std::move(*chip), std::move(*r2)};
}

TEST(Pace, AWrongPasswordEndsAtTheTokens) {
    auto run = RunToMapping("654321", "123456");
    ASSERT_TRUE(run) << run.error().message;
    auto c3 = run->terminal.KeyAgreementCommand(run->r2);
    ASSERT_TRUE(c3);
    auto r3 = run->chip.Answer(c3->data);
    ASSERT_TRUE(r3);
    auto c4 = run->terminal.MutualAuthenticationCommand(*r3);
    ASSERT_TRUE(c4);
    auto r4 = run->chip.Answer(c4->data);
    ASSERT_FALSE(r4);
    EXPECT_EQ(r4.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r4.error().message, "PACE: the terminal's authentication token is wrong");
    EXPECT_FALSE(run->chip.completed());
    EXPECT_EQ(run->chip.Answer(c4->data).error().code, ErrorCode::kConflict);
}

TEST(Pace, TerminalRefusesAWrongChipToken) {
    auto run = RunToMapping("123456", "123456");
    ASSERT_TRUE(run);
    auto c3 = run->terminal.KeyAgreementCommand(run->r2);
    ASSERT_TRUE(c3);
    auto r3 = run->chip.Answer(c3->data);
    ASSERT_TRUE(r3);
    auto c4 = run->terminal.MutualAuthenticationCommand(*r3);
    ASSERT_TRUE(c4);
    auto r4 = run->chip.Answer(c4->data);
    ASSERT_TRUE(r4);
    Bytes forged = *r4;
    forged.back() ^= 0x01;
    auto outcome = run->terminal.Finish(forged);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(outcome.error().message, "PACE: the chip's authentication token is wrong");
    EXPECT_EQ(run->terminal.Finish(*r4).error().code, ErrorCode::kConflict);
}

TEST(Pace, TerminalRefusesBadChipPoints) {
    struct PointCase {
        std::string name;
        std::function<Bytes(const HalfRun&)> response;  // the chip's step-2 answer, from an honest one
        std::string message;
    };
    const std::vector<PointCase> cases = {
        {"off the curve",
         [](const HalfRun& run) {
             Bytes r = run.r2;
             r.back() ^= 0x01;
             return r;
         },
         "PACE: the chip's mapping key: not a point on brainpoolP256r1"},
        {"reflected",
         [](const HalfRun& run) {
             return Concat({HexLiteral("7C438241"), run.terminal.trace().terminal_mapping_public_key});
         },
         "PACE: the chip's mapping key equals our own"},
        {"infinity", [](const HalfRun&) { return HexLiteral("7C03820100"); },
         "PACE: the chip's mapping key: the point at infinity"},
        {"short", [](const HalfRun&) { return HexLiteral("7C0582030401FF"); },
         "PACE: the chip's mapping key: not a point encoding for brainpoolP256r1 (first byte 04, 3 bytes)"},
        {"wrong tag",
         [](const HalfRun& run) {
             Bytes r = run.r2;
             r[2] = 0x81;
             return r;
         },
         "PACE mapping: unexpected data object 81"},
        {"trailing byte",
         [](const HalfRun& run) {
             return Concat({run.r2, Bytes{0x00}});
         },
         "PACE mapping: mapping: 1 trailing bytes after the object"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto run = RunToMapping("123456", "123456");
        ASSERT_TRUE(run) << run.error().message;
        auto r = run->terminal.KeyAgreementCommand(c.response(*run));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.error().message, c.message);
        EXPECT_EQ(run->terminal.MutualAuthenticationCommand(HexLiteral("7C00")).error().code, ErrorCode::kConflict);
    }
}

TEST(Pace, ChipRefusesATerminalEphemeralKeyEqualToItsOwn) {
    PRECINCT_LOAD_WORKED_EXAMPLE(v, "pace_ecdh_gm");
    PaceSecrets secrets;
    secrets.nonce = HexAt(v, "nonce_s");
    secrets.mapping_private_key = kChipMappingKey;
    secrets.ephemeral_private_key = kChipEphemeralKey;
    auto chip = PaceChip::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kMrz,
                                 v.at("mrz_information").get<std::string>(), secrets);
    ASSERT_TRUE(chip);
    ASSERT_TRUE(chip->Answer(HexLiteral("7C00")));
    ASSERT_TRUE(chip->Answer(HexAt(v, "general_authenticate_2_command_data")));
    // The chip's own PK_IC (from the vectors) sent back as the terminal's, under tag 83.
    Bytes mirrored = HexAt(v, "general_authenticate_3_response");
    mirrored[2] = 0x83;
    auto r = chip->Answer(mirrored);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "PACE: the terminal's ephemeral key equals our own");
}

TEST(Pace, StepsOutOfOrderAreRefused) {
    auto terminal = PaceTerminal::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, "123456");
    ASSERT_TRUE(terminal);
    auto early = terminal->KeyAgreementCommand(HexLiteral("7C00"));
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, ErrorCode::kConflict);
    EXPECT_EQ(early.error().message, "PACE step 3: out of order (at step 1)");
    auto chip = PaceChip::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, "123456");
    ASSERT_TRUE(chip);
    auto not_empty = chip->Answer(HexLiteral("7C03800100"));
    ASSERT_FALSE(not_empty);
    EXPECT_EQ(not_empty.error().message, "PACE: step 1 must carry an empty 7C");
    EXPECT_EQ(chip->Outcome().error().code, ErrorCode::kConflict);
}

TEST(Pace, RefusesBadFixedSecretsAndEncryptedNonces) {
    PaceSecrets zero;
    zero.mapping_private_key = Bytes(32, 0);
    EXPECT_FALSE(PaceTerminal::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, "123456", zero));
    PaceSecrets odd_nonce;
    odd_nonce.nonce = Bytes(15, 1);
    EXPECT_FALSE(PaceChip::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, "123456", odd_nonce));
    auto terminal = PaceTerminal::Create(kPaceEcdhGmAes128Oid, 13, PacePasswordType::kCan, "123456");
    ASSERT_TRUE(terminal);
    terminal->EncryptedNonceCommand();
    auto short_nonce = terminal->MapNonceCommand(HexLiteral("7C0A80080102030405060708"));
    ASSERT_FALSE(short_nonce);
    EXPECT_EQ(short_nonce.error().message, "PACE: encrypted nonce of 8 bytes (a multiple of 16, at most 64)");
    terminal->EncryptedNonceCommand();
    auto missing = terminal->MapNonceCommand(HexLiteral("7C00"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "PACE encrypted nonce: data object 80 is missing");
}

struct MseCase {
    std::string name;
    std::string data;
    std::string message;  // empty: accepted
};

TEST(Pace, ParsesMseSetAtAndNamesWhatIsWrong) {
    const std::vector<MseCase> cases = {
        {"full", "800A04007F0007020204020283010184010D", ""},
        {"with CHAT", "800A04007F000702020402028301027F4C00", ""},
        {"no password", "800A04007F00070202040202", "MSE:Set AT: the password reference (83) is missing"},
        {"no protocol", "830101", "MSE:Set AT: the protocol (80) is missing"},
        {"PIN reference", "800A04007F00070202040202830103", "MSE:Set AT: password reference 03 (01 MRZ or 02 CAN)"},
        {"protocol twice", "800A04007F00070202040202800A04007F00070202040202830101",
         "MSE:Set AT: the protocol (80) appears twice"},
        {"long id", "800A04007F0007020204020283010184020D0D", "MSE:Set AT: parameter id (84) of 2 bytes (1)"},
        {"unknown tag", "800A04007F00070202040202830101990100", "MSE:Set AT: unexpected data object 99"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto mse = ParsePaceMseSetAt(HexLiteral(c.data));
        if (c.message.empty()) {
            ASSERT_TRUE(mse) << mse.error().message;
            EXPECT_EQ(mse->protocol_oid, kPaceEcdhGmAes128Oid);
        } else {
            ASSERT_FALSE(mse);
            EXPECT_EQ(mse.error().message, c.message);
        }
    }
    auto full = ParsePaceMseSetAt(HexLiteral("800A04007F0007020204020283010184010D"));
    ASSERT_TRUE(full);
    EXPECT_EQ(full->password_type, PacePasswordType::kMrz);
    EXPECT_EQ(full->parameter_id, 13);
    auto truncated = ParsePaceMseSetAt(HexLiteral("800A04007F"));
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace precinct::identity
