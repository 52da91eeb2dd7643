#include "precinct/identity/secure_messaging.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precinct/identity/tlv.hpp"
#include "test_vectors.hpp"

namespace precinct::identity {
namespace {

using test_vectors::HexAt;

const Bytes kBacSsc = HexLiteral("887022120C06C226");

SecureMessaging Make(SmCipher cipher, ByteView ks_enc, ByteView ks_mac, ByteView ssc) {
    auto sm = SecureMessaging::Create(cipher, ks_enc, ks_mac, ssc);
    EXPECT_TRUE(sm) << sm.error().message;
    return *sm;
}

// The steps of the Doc 9303 Part 11 Appendix D.4 example: the two in the JSON vectors and the third (READ BINARY
// of the remaining 18 bytes of EF.COM) from the CCCD spec notes, section 6.
struct SmStep {
    std::string unprotected_command;
    std::string ssc_command;
    std::string protected_command;
    std::string protected_response;
    std::string ssc_response;
    std::string plain_response_data;
};

std::vector<SmStep> WorkedSteps(const nlohmann::json& section) {
    std::vector<SmStep> steps;
    for (const auto& s : section.at("steps")) {
        steps.push_back({s.at("unprotected_command").get<std::string>(), s.at("ssc_command").get<std::string>(),
                         s.at("protected_command").get<std::string>(), s.at("protected_response").get<std::string>(),
                         s.at("ssc_response").get<std::string>(), s.value("decrypted_response_data", "")});
    }
    steps.push_back({"00B0000412", "887022120C06C22B", "0CB000040D9701128E082EA28A70F3C7B53500",
                     "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000",
                     "887022120C06C22C", "04303130365F36063034303030305C026175"});
    return steps;
}

TEST(SecureMessaging, IntermediateValuesOfTheWorkedExampleFollowFromTheKeys) {
    PRECINCT_LOAD_WORKED_EXAMPLE(sm, "secure_messaging_3des");
    const Bytes ks_mac = HexAt(sm, "ks_mac");
    for (const auto& step : sm.at("steps")) {
        SCOPED_TRACE(step.at("name").get<std::string>());
        auto command = ParseCommand(HexAt(step, "unprotected_command"));
        ASSERT_TRUE(command);
        // M = padded masked header || DO87 || DO97, N = pad(SSC || M), CC = MAC(KS_mac, N).
        const Bytes header{static_cast<std::uint8_t>(command->cla | 0x0C), command->ins, command->p1, command->p2};
        const Bytes do87 = step.contains("do87") ? HexAt(step, "do87") : Bytes{};
        const Bytes do97 = step.contains("do97") ? HexAt(step, "do97") : Bytes{};
        const Bytes m = Concat({PadIso9797Method2(header, 8), do87, do97});
        EXPECT_EQ(m, HexAt(step, "m"));
        const Bytes n = PadIso9797Method2(Concat({HexAt(step, "ssc_command"), m}), 8);
        EXPECT_EQ(n, HexAt(step, "n"));
        auto cc = RetailMac(ks_mac, n);
        ASSERT_TRUE(cc);
        EXPECT_EQ(*cc, HexAt(step, "cc"));
        EXPECT_EQ(EncodeTlv(0x8E, *cc), HexAt(step, "do8e"));
        // The protected command carries exactly DO87/DO97 and DO8E.
        auto wrapped = ParseCommand(HexAt(step, "protected_command"));
        ASSERT_TRUE(wrapped);
        EXPECT_EQ(wrapped->data, Concat({do87, do97, HexAt(step, "do8e")}));
        // K = pad(SSC || DO87 || DO99) of the response, CC' its MAC.
        auto response = ParseResponse(HexAt(step, "protected_response"));
        ASSERT_TRUE(response);
        const ByteView objects(response->data);
        const ByteView before_mac = objects.first(objects.size() - 10);
        const Bytes k = PadIso9797Method2(Concat({HexAt(step, "ssc_response"), before_mac}), 8);
        EXPECT_EQ(k, HexAt(step, "k"));
        auto response_cc = RetailMac(ks_mac, k);
        ASSERT_TRUE(response_cc);
        EXPECT_EQ(*response_cc, HexAt(step, "response_cc"));
        EXPECT_EQ(ToHex(objects.last(8)), step.at("response_cc").get<std::string>());
    }
}

TEST(SecureMessaging, TerminalReproducesTheWorkedExampleStepByStep) {
    PRECINCT_LOAD_WORKED_EXAMPLE(section, "secure_messaging_3des");
    SecureMessaging sm = Make(SmCipher::kTripleDes, HexAt(section, "ks_enc"), HexAt(section, "ks_mac"), kBacSsc);
    for (const SmStep& step : WorkedSteps(section)) {
        SCOPED_TRACE(step.unprotected_command);
        auto command = ParseCommand(HexLiteral(step.unprotected_command));
        ASSERT_TRUE(command);
        auto wrapped = sm.WrapCommand(*command);
        ASSERT_TRUE(wrapped) << wrapped.error().message;
        EXPECT_EQ(ToHex(sm.ssc()), step.ssc_command);
        EXPECT_EQ(ToHex(EncodeCommand(*wrapped)), step.protected_command);
        auto response = ParseResponse(HexLiteral(step.protected_response));
        ASSERT_TRUE(response);
        auto plain = sm.UnwrapResponse(*response);
        ASSERT_TRUE(plain) << plain.error().message;
        EXPECT_EQ(ToHex(sm.ssc()), step.ssc_response);
        EXPECT_EQ(ToHex(plain->data), step.plain_response_data);
        EXPECT_EQ(plain->sw, 0x9000);
    }
}

TEST(SecureMessaging, ChipReproducesTheWorkedExampleStepByStep) {
    PRECINCT_LOAD_WORKED_EXAMPLE(section, "secure_messaging_3des");
    SecureMessaging sm = Make(SmCipher::kTripleDes, HexAt(section, "ks_enc"), HexAt(section, "ks_mac"), kBacSsc);
    for (const SmStep& step : WorkedSteps(section)) {
        SCOPED_TRACE(step.unprotected_command);
        auto wrapped = ParseCommand(HexLiteral(step.protected_command));
        ASSERT_TRUE(wrapped);
        auto command = sm.UnwrapCommand(*wrapped);
        ASSERT_TRUE(command) << command.error().message;
        EXPECT_EQ(ToHex(sm.ssc()), step.ssc_command);
        EXPECT_EQ(ToHex(EncodeCommand(*command)), step.unprotected_command);
        auto response = sm.WrapResponse(ResponseApdu{HexLiteral(step.plain_response_data), 0x9000});
        ASSERT_TRUE(response);
        EXPECT_EQ(ToHex(sm.ssc()), step.ssc_response);
        EXPECT_EQ(ToHex(EncodeResponse(*response)), step.protected_response);
    }
}

TEST(SecureMessaging, AesMatchesAnIndependentComputation) {
    // KS_enc/KS_mac of the PACE worked example, SSC from zero; expected bytes computed with Python's
    // cryptography package (IV = AES-ECB(KS_enc, SSC), CMAC truncated to 8 bytes, 16-byte padding).
    const Bytes ks_enc = HexLiteral("F5F0E35C0D7161EE6724EE513A0D9A7F");
    const Bytes ks_mac = HexLiteral("FE251C7858B356B24514B3BD5F4297D1");
    auto terminal = SecureMessaging::Create(SmCipher::kAes, ks_enc, ks_mac);
    auto chip = SecureMessaging::Create(SmCipher::kAes, ks_enc, ks_mac);
    ASSERT_TRUE(terminal && chip);
    EXPECT_EQ(ToHex(terminal->ssc()), std::string(32, '0'));

    auto select = terminal->WrapCommand(*ParseCommand(HexLiteral("00A4020C02011E")));
    ASSERT_TRUE(select);
    EXPECT_EQ(ToHex(EncodeCommand(*select)), "0CA4020C1D871101EE0E4724F4465C1BE9C2F73ABDD73A3D8E08835D1B54575C955F00");
    auto select_plain = chip->UnwrapCommand(*select);
    ASSERT_TRUE(select_plain);
    EXPECT_EQ(ToHex(EncodeCommand(*select_plain)), "00A4020C02011E");
    auto select_answer = chip->WrapResponse(ResponseApdu{{}, 0x9000});
    ASSERT_TRUE(select_answer);
    EXPECT_EQ(ToHex(EncodeResponse(*select_answer)), "990290008E08BEA7B381C494A0799000");
    ASSERT_TRUE(terminal->UnwrapResponse(*select_answer));

    auto read = terminal->WrapCommand(*ParseCommand(HexLiteral("00B0000004")));
    ASSERT_TRUE(read);
    EXPECT_EQ(ToHex(EncodeCommand(*read)), "0CB000000D9701048E08AA6BA54F44DF836400");
    ASSERT_TRUE(chip->UnwrapCommand(*read));
    auto read_answer = chip->WrapResponse(ResponseApdu{HexLiteral("60145F01"), 0x9000});
    ASSERT_TRUE(read_answer);
    EXPECT_EQ(ToHex(EncodeResponse(*read_answer)),
              "871101645C0B1F998A088278D07942BBE94B60990290008E0894A33C6AA2D8CCC89000");
    auto read_plain = terminal->UnwrapResponse(*read_answer);
    ASSERT_TRUE(read_plain);
    EXPECT_EQ(ToHex(read_plain->data), "60145F01");
    EXPECT_EQ(ToHex(terminal->ssc()), "00000000000000000000000000000004");
    EXPECT_EQ(terminal->ssc(), chip->ssc());
}

struct RoundTripCase {
    std::string name;
    CommandApdu command;
    std::size_t response_bytes;
    std::uint16_t sw;
    bool protected_extended;
};

CommandApdu Apdu(std::uint8_t cla, std::uint8_t ins, Bytes data, std::optional<std::uint32_t> le, bool extended) {
    CommandApdu c;
    c.cla = cla;
    c.ins = ins;
    c.p1 = 0x01;
    c.p2 = 0x02;
    c.data = std::move(data);
    c.le = le;
    c.extended = extended;
    return c;
}

Bytes Pattern(std::size_t n) {
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 1);
    return b;
}

TEST(SecureMessaging, TerminalAndChipRoundTripEveryCommandCaseWithAesAnd3Des) {
    const std::vector<RoundTripCase> cases = {
        {"case 1", Apdu(0x00, 0xA4, {}, std::nullopt, false), 0, 0x9000, false},
        {"case 2, Le 4", Apdu(0x00, 0xB0, {}, 4, false), 4, 0x9000, false},
        {"case 2, Le 256", Apdu(0x00, 0xB0, {}, 256, false), 256, 0x9000, false},
        {"case 2 extended, Le 1000", Apdu(0x00, 0xB0, {}, 1000, true), 1000, 0x9000, true},
        {"case 2 extended, Le 65536", Apdu(0x00, 0xB0, {}, 65536, true), 17, 0x6282, true},
        {"case 3, 15 bytes", Apdu(0x00, 0xA4, Pattern(15), std::nullopt, false), 0, 0x9000, false},
        {"case 3, 16 bytes", Apdu(0x00, 0xA4, Pattern(16), std::nullopt, false), 0, 0x6A82, false},
        {"case 4, odd INS (DO85)", Apdu(0x00, 0xB1, HexLiteral("54020000"), 255, false), 255, 0x9000, false},
        {"case 4, 300 bytes: extended", Apdu(0x00, 0x2A, Pattern(300), 256, false), 64, 0x9000, true},
        {"chained CLA kept", Apdu(0x10, 0x86, Pattern(40), 256, false), 1, 0x9000, false},
    };
    struct Keys {
        SmCipher cipher;
        std::size_t key_bytes;
    };
    for (const Keys& keys : {Keys{SmCipher::kTripleDes, 16}, Keys{SmCipher::kAes, 16}, Keys{SmCipher::kAes, 32}}) {
        auto ks_enc = RandomBytes(keys.key_bytes);
        auto ks_mac = RandomBytes(keys.key_bytes);
        ASSERT_TRUE(ks_enc && ks_mac);
        SecureMessaging terminal = Make(keys.cipher, *ks_enc, *ks_mac, Bytes(BlockSize(keys.cipher), 0));
        SecureMessaging chip = terminal;
        std::uint8_t expected_counter = 0;
        for (const auto& c : cases) {
            SCOPED_TRACE(std::string(SmCipherName(keys.cipher)) + " " + std::to_string(keys.key_bytes) + ": " + c.name);
            auto wrapped = terminal.WrapCommand(c.command);
            ASSERT_TRUE(wrapped) << wrapped.error().message;
            EXPECT_EQ(wrapped->cla, c.command.cla | 0x0C);
            EXPECT_EQ(wrapped->extended, c.protected_extended);
            // The bytes as a reader would send them.
            auto received = ParseCommand(EncodeCommand(*wrapped));
            ASSERT_TRUE(received);
            auto plain = chip.UnwrapCommand(*received);
            ASSERT_TRUE(plain) << plain.error().message;
            EXPECT_EQ(plain->cla, c.command.cla);
            EXPECT_EQ(plain->ins, c.command.ins);
            EXPECT_EQ(plain->data, c.command.data);
            EXPECT_EQ(plain->le, c.command.le);
            const ResponseApdu answer{Pattern(c.response_bytes), c.sw};
            auto protected_answer = chip.WrapResponse(answer);
            ASSERT_TRUE(protected_answer);
            auto opened = terminal.UnwrapResponse(*ParseResponse(EncodeResponse(*protected_answer)));
            ASSERT_TRUE(opened) << opened.error().message;
            EXPECT_EQ(opened->data, answer.data);
            EXPECT_EQ(opened->sw, answer.sw);
            expected_counter = static_cast<std::uint8_t>(expected_counter + 2);
            EXPECT_EQ(terminal.ssc().back(), expected_counter);
            EXPECT_EQ(terminal.ssc(), chip.ssc());
        }
    }
}

TEST(SecureMessaging, CounterCarriesAcrossBytes) {
    SecureMessaging sm = Make(SmCipher::kTripleDes, Bytes(16, 1), Bytes(16, 2), HexLiteral("00000000000000FF"));
    ASSERT_TRUE(sm.WrapCommand(Apdu(0x00, 0xB0, {}, 4, false)));
    EXPECT_EQ(ToHex(sm.ssc()), "0000000000000100");
    SecureMessaging wraps = Make(SmCipher::kTripleDes, Bytes(16, 1), Bytes(16, 2), HexLiteral("FFFFFFFFFFFFFFFF"));
    ASSERT_TRUE(wraps.WrapCommand(Apdu(0x00, 0xB0, {}, 4, false)));
    EXPECT_EQ(ToHex(wraps.ssc()), "0000000000000000");
}

TEST(SecureMessaging, RefusesBadKeysCountersAndCommands) {
    EXPECT_FALSE(SecureMessaging::Create(SmCipher::kTripleDes, Bytes(24, 1), Bytes(16, 1), Bytes(8, 0)));
    EXPECT_FALSE(SecureMessaging::Create(SmCipher::kAes, Bytes(16, 1), Bytes(32, 1), Bytes(16, 0)));
    auto bad_ssc = SecureMessaging::Create(SmCipher::kAes, Bytes(16, 1), Bytes(16, 1), Bytes(8, 0));
    ASSERT_FALSE(bad_ssc);
    EXPECT_EQ(bad_ssc.error().message, "secure messaging: SSC of 8 bytes (16 for AES)");
    SecureMessaging sm = Make(SmCipher::kAes, Bytes(16, 1), Bytes(16, 2), Bytes(16, 0));
    auto twice = sm.WrapCommand(Apdu(0x0C, 0xB0, {}, 4, false));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().message, "secure messaging: CLA 0C already announces secure messaging");
    EXPECT_FALSE(sm.WrapCommand(Apdu(0x00, 0xD6, Pattern(65530), std::nullopt, true)));
}

// A protected response built by hand with a valid MAC: `objects` are the data objects before DO8E.
ResponseApdu Forge3DesResponse(ByteView ks_mac, ByteView ssc_after, ByteView objects, std::uint16_t sw = 0x9000) {
    auto mac = RetailMac(ks_mac, PadIso9797Method2(Concat({ssc_after, objects}), 8));
    EXPECT_TRUE(mac);
    return ResponseApdu{Concat({objects, EncodeTlv(0x8E, *mac)}), sw};
}

struct ResponseRefusal {
    std::string name;
    Bytes data;  // the whole response data
    ErrorCode code;
    std::string message;
};

TEST(SecureMessaging, TerminalRefusesMalformedOrForgedResponses) {
    const Bytes ks_enc = HexLiteral("979EC13B1CBFE9DCD01AB0FED307EAE5");
    const Bytes ks_mac = HexLiteral("F1CB1F1FB5ADF208806B89DC579DC1F8");
    const Bytes ssc_after = HexLiteral("887022120C06C227");
    const Bytes do99 = HexLiteral("99029000");
    const Bytes mac = HexLiteral("8E080102030405060708");
    // A cryptogram of 8 bytes whose plain text has no 80 marker: E(0000000000000000) with IV zero.
    auto no_marker = TripleDesCbcEncrypt(ks_enc, Bytes(8, 0), Bytes(8, 0));
    ASSERT_TRUE(no_marker);
    const Bytes bad_padding = Concat({EncodeTlv(0x87, Concat({Bytes{0x01}, *no_marker})), do99});
    const Bytes no_indicator = Concat({EncodeTlv(0x87, Concat({Bytes{0x02}, *no_marker})), do99});
    const Bytes half_block = Concat({EncodeTlv(0x87, HexLiteral("0101020304")), do99});
    const std::vector<ResponseRefusal> cases = {
        {"tampered MAC", HexLiteral("990290008E08FA855A5D4C50A8EE"), ErrorCode::kUnauthenticated,
         "protected response: the MAC (DO8E) is wrong"},
        {"MAC missing", do99, ErrorCode::kInvalidArgument, "protected response: DO8E (the MAC) is missing"},
        {"DO99 missing", mac, ErrorCode::kInvalidArgument, "protected response: DO99 is missing"},
        {"DO99 twice", Concat({do99, do99, mac}), ErrorCode::kInvalidArgument,
         "protected response: DO99 appears twice"},
        {"MAC before DO99", Concat({mac, do99}), ErrorCode::kInvalidArgument,
         "protected response: DO99 out of order (after DO8E)"},
        {"DO87 after DO99", Concat({do99, HexLiteral("8709011122334455667788"), mac}), ErrorCode::kInvalidArgument,
         "protected response: DO87 out of order (after DO99)"},
        {"unknown object", Concat({HexLiteral("530100"), do99, mac}), ErrorCode::kInvalidArgument,
         "protected response: unexpected data object DO53"},
        {"truncated DO8E", HexLiteral("990290008E08FA855A"), ErrorCode::kInvalidArgument, ""},
        {"short MAC", Concat({do99, HexLiteral("8E0401020304")}), ErrorCode::kInvalidArgument,
         "protected response: DO8E has length 4 (8 expected)"},
        {"DO99 of 1 byte", Concat({HexLiteral("990190"), mac}), ErrorCode::kInvalidArgument,
         "protected response: DO99 has length 1 (2 expected)"},
        {"bad padding", Forge3DesResponse(ks_mac, ssc_after, bad_padding).data, ErrorCode::kInvalidArgument,
         "protected response: DO87: padding: the last block does not end in 80 00 .. 00"},
        {"no padding indicator", Forge3DesResponse(ks_mac, ssc_after, no_indicator).data, ErrorCode::kInvalidArgument,
         "protected response: DO87 does not start with the padding indicator 01"},
        {"partial block", Forge3DesResponse(ks_mac, ssc_after, half_block).data, ErrorCode::kInvalidArgument,
         "protected response: DO87: cryptogram of 4 bytes is not a whole number of 8-byte blocks"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        SecureMessaging sm = Make(SmCipher::kTripleDes, ks_enc, ks_mac, kBacSsc);
        auto r = sm.UnwrapResponse(ResponseApdu{c.data, 0x9000});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, c.code);
        if (!c.message.empty()) {
            EXPECT_EQ(r.error().message, c.message);
        } else {
            EXPECT_TRUE(r.error().message.starts_with("protected response: TLV at offset 4")) << r.error().message;
        }
        EXPECT_EQ(sm.ssc(), ssc_after);  // counted even when refused
    }
}

TEST(SecureMessaging, PlainErrorResponsesPassAndPlainSuccessIsRefused) {
    SecureMessaging sm = Make(SmCipher::kTripleDes, Bytes(16, 1), Bytes(16, 2), kBacSsc);
    auto plain_error = sm.UnwrapResponse(ResponseApdu{{}, 0x6988});
    ASSERT_TRUE(plain_error);
    EXPECT_EQ(plain_error->sw, 0x6988);
    EXPECT_TRUE(plain_error->data.empty());
    auto plain_success = sm.UnwrapResponse(ResponseApdu{{}, 0x9000});
    ASSERT_FALSE(plain_success);
    EXPECT_EQ(plain_success.error().message, "protected response: status 9000 without DO99 and DO8E");
    EXPECT_EQ(ToHex(sm.ssc()), "887022120C06C228");
}

struct CommandRefusal {
    std::string name;
    CommandApdu command;
    ErrorCode code;
    std::string message;
};

TEST(SecureMessaging, ChipRefusesMalformedOrForgedCommands) {
    const Bytes ks_enc = HexLiteral("979EC13B1CBFE9DCD01AB0FED307EAE5");
    const Bytes ks_mac = HexLiteral("F1CB1F1FB5ADF208806B89DC579DC1F8");
    // The worked example's protected SELECT, then variations of it.
    const CommandApdu good = *ParseCommand(HexLiteral("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
    CommandApdu tampered = good;
    tampered.data[3] ^= 0x01;
    CommandApdu header_changed = good;
    header_changed.p1 = 0x04;
    CommandApdu plain = good;
    plain.cla = 0x00;
    CommandApdu no_mac = good;
    no_mac.data.resize(11);
    CommandApdu le_first = good;
    le_first.data = Concat({HexLiteral("970100"), ByteView(good.data)});
    CommandApdu long_le = good;
    long_le.data = Concat({ByteView(good.data).first(11), HexLiteral("9703000000"), ByteView(good.data).subspan(11)});
    const std::vector<CommandRefusal> cases = {
        {"tampered cryptogram", tampered, ErrorCode::kUnauthenticated, "protected command: the MAC (DO8E) is wrong"},
        {"header changed", header_changed, ErrorCode::kUnauthenticated, "protected command: the MAC (DO8E) is wrong"},
        {"not protected", plain, ErrorCode::kInvalidArgument,
         "protected command: CLA 00 does not announce secure messaging"},
        {"MAC missing", no_mac, ErrorCode::kInvalidArgument, "protected command: DO8E (the MAC) is missing"},
        {"DO97 before DO87", le_first, ErrorCode::kInvalidArgument,
         "protected command: DO87 out of order (after DO97)"},
        {"DO97 of 3 bytes", long_le, ErrorCode::kInvalidArgument,
         "protected command: DO97 has length 3 (1 or 2 expected)"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        SecureMessaging sm = Make(SmCipher::kTripleDes, ks_enc, ks_mac, kBacSsc);
        auto r = sm.UnwrapCommand(c.command);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, c.code);
        EXPECT_EQ(r.error().message, c.message);
        EXPECT_EQ(ToHex(sm.ssc()), "887022120C06C227");
    }
    SecureMessaging sm = Make(SmCipher::kTripleDes, ks_enc, ks_mac, kBacSsc);
    EXPECT_TRUE(sm.UnwrapCommand(good));
}

TEST(SecureMessaging, ReplayedCommandFailsBecauseTheCounterMoved) {
    const Bytes ks_enc = HexLiteral("979EC13B1CBFE9DCD01AB0FED307EAE5");
    const Bytes ks_mac = HexLiteral("F1CB1F1FB5ADF208806B89DC579DC1F8");
    SecureMessaging chip = Make(SmCipher::kTripleDes, ks_enc, ks_mac, kBacSsc);
    const CommandApdu select = *ParseCommand(HexLiteral("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800"));
    ASSERT_TRUE(chip.UnwrapCommand(select));
    ASSERT_TRUE(chip.WrapResponse(ResponseApdu{{}, 0x9000}));
    auto replay = chip.UnwrapCommand(select);
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace precinct::identity
