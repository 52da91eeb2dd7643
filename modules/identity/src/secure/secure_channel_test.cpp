#include "precinct/identity/secure_channel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "precinct/identity/chip_auth.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

// EF.COM of the Doc 9303 Part 11 Appendix D example.
const Bytes kEfCom = HexLiteral("60145F0104303130365F36063034303030305C026175");
constexpr std::uint16_t kEfComId = 0x011E;
constexpr std::uint16_t kBigFileId = 0x0102;

Bytes BigFile() {
    Bytes b(1500);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i * 13 + 5);
    return b;
}

ResponseApdu Sw(std::uint16_t sw) { return ResponseApdu{{}, sw}; }

// A minimal chip built only from this part's chip-side API: BAC, PACE (ECDH-GM, one protocol), chip
// authentication, and SELECT / READ BINARY of two fixed files, readable only under secure messaging. An SM error
// answers 6988 in plain and ends the session, as Doc 9303 requires.
class TestChip : public CardTransport {
public:
    struct Options {
        std::string pace_oid = std::string(kPaceEcdhGmAes128Oid);
        int pace_parameter_id = 13;
        std::string can = "123456";
        bool pace_refused = false;
        std::optional<EcKeyPair> ca_key;  // the key the chip really holds
    };

    TestChip(BacKeys bac, Options options) : bac_(std::move(bac)), options_(std::move(options)) {
        files_[kEfComId] = kEfCom;
        files_[kBigFileId] = BigFile();
    }

    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        ++commands_;
        if (!sm_) {
            // The answer that completes BAC or PACE goes in plain; secure messaging starts with the next command.
            ResponseApdu answer = Answer(command);
            if (pending_sm_) {
                sm_ = std::move(pending_sm_);
                pending_sm_.reset();
            }
            return answer;
        }
        auto plain = sm_->UnwrapCommand(command);
        if (!plain) {
            sm_.reset();
            return Sw(0x6988);
        }
        ResponseApdu answer = Answer(*plain);
        auto wrapped = sm_->WrapResponse(answer);
        if (!wrapped) return Sw(0x6F00);
        if (next_sm_) {
            sm_ = std::move(next_sm_);
            next_sm_.reset();
        }
        return *wrapped;
    }

    std::string Name() const override { return "test chip"; }

    int commands() const { return commands_; }

private:
    ResponseApdu Answer(const CommandApdu& c) {
        switch (c.ins) {
            case kInsGetChallenge: return GetChallenge(c);
            case kInsExternalAuthenticate: return ExternalAuthenticate(c);
            case kInsManageSecurityEnvironment: return Mse(c);
            case kInsGeneralAuthenticate: return GeneralAuthenticate(c);
            case 0xA4: return Select(c);
            case 0xB0: return ReadBinary(c);
            default: return Sw(0x6D00);
        }
    }

    ResponseApdu GetChallenge(const CommandApdu& c) {
        if (c.le != 8u) return Sw(0x6700);
        auto secrets = NewBacChipSecrets();
        if (!secrets) return Sw(0x6F00);
        bac_secrets_ = *secrets;
        return ResponseApdu{bac_secrets_->rnd_ic, 0x9000};
    }

    ResponseApdu ExternalAuthenticate(const CommandApdu& c) {
        if (!bac_secrets_) return Sw(0x6985);
        auto answer = AnswerBacExternalAuthenticate(bac_, *bac_secrets_, c.data);
        bac_secrets_.reset();
        if (!answer) return Sw(answer.error().code == ErrorCode::kInvalidArgument ? 0x6700 : 0x6300);
        auto sm = SecureMessaging::FromBac(answer->session);
        if (!sm) return Sw(0x6F00);
        pending_sm_ = std::move(*sm);
        return ResponseApdu{answer->response, 0x9000};
    }

    ResponseApdu Mse(const CommandApdu& c) {
        if (c.p1 == 0xC1 && c.p2 == 0xA4) {
            auto mse = ParsePaceMseSetAt(c.data);
            if (!mse) return Sw(0x6A80);
            if (mse->protocol_oid != options_.pace_oid || mse->password_type != PacePasswordType::kCan ||
                (mse->parameter_id && *mse->parameter_id != options_.pace_parameter_id)) {
                return Sw(0x6A88);
            }
            auto chip =
                PaceChip::Create(options_.pace_oid, options_.pace_parameter_id, PacePasswordType::kCan, options_.can);
            if (!chip) return Sw(0x6F00);
            pace_ = std::move(*chip);
            return Sw(0x9000);
        }
        if (c.p1 == 0x41 && c.p2 == 0xA6) {
            auto kat = ParseCaMseSetKat(c.data);
            if (!kat || !options_.ca_key) return Sw(0x6A80);
            return StartCa(kCaEcdh3DesOid, kat->terminal_public_key);
        }
        if (c.p1 == 0x41 && c.p2 == 0xA4) {
            auto at = ParseCaMseSetAt(c.data);
            if (!at || !ChipAuthProtocolFromOid(at->protocol_oid)) return Sw(0x6A80);
            ca_oid_ = at->protocol_oid;
            return Sw(0x9000);
        }
        return Sw(0x6A86);
    }

    ResponseApdu StartCa(std::string_view oid, ByteView point) {
        if (!sm_ || !options_.ca_key) return Sw(0x6982);
        auto next = ChipAuthenticationChipSession(oid, *options_.ca_key, point);
        if (!next) return Sw(0x6A80);
        next_sm_ = std::move(*next);
        return Sw(0x9000);
    }

    ResponseApdu GeneralAuthenticate(const CommandApdu& c) {
        if (ca_oid_) {
            auto point = ParseCaGeneralAuthenticate(c.data);
            const std::string oid = *ca_oid_;
            ca_oid_.reset();
            if (!point) return Sw(0x6A80);
            ResponseApdu r = StartCa(oid, *point);
            if (r.sw == 0x9000) r.data = CaGeneralAuthenticateResponse();
            return r;
        }
        if (!pace_) return Sw(0x6985);
        if (options_.pace_refused) return Sw(0x6982);
        const bool last = c.cla == 0x00;
        auto answer = pace_->Answer(c.data);
        if (!answer) {
            pace_.reset();
            switch (answer.error().code) {
                case ErrorCode::kUnauthenticated: return Sw(0x6300);
                case ErrorCode::kConflict: return Sw(0x6985);
                default: return Sw(0x6A80);
            }
        }
        if (pace_->completed() != last) return Sw(0x6883);
        if (last) {
            auto outcome = pace_->Outcome();
            if (!outcome) return Sw(0x6F00);
            pending_sm_ = std::move(outcome->secure_messaging);
            pace_.reset();
        }
        return ResponseApdu{*answer, 0x9000};
    }

    ResponseApdu Select(const CommandApdu& c) {
        if (!sm_) return Sw(0x6982);
        if (c.p1 != 0x02 || c.data.size() != 2) return Sw(0x6A86);
        const auto fid = static_cast<std::uint16_t>((c.data[0] << 8) | c.data[1]);
        if (!files_.contains(fid)) return Sw(0x6A82);
        selected_ = fid;
        return Sw(0x9000);
    }

    ResponseApdu ReadBinary(const CommandApdu& c) {
        if (!sm_) return Sw(0x6982);
        if (!selected_) return Sw(0x6986);
        const Bytes& file = files_.at(*selected_);
        const std::size_t offset = (std::size_t{c.p1} << 8) | c.p2;
        if (offset > file.size()) return Sw(0x6B00);
        const std::size_t n = std::min<std::size_t>(c.le.value_or(256), file.size() - offset);
        return ResponseApdu{Bytes(file.begin() + static_cast<std::ptrdiff_t>(offset),
                                  file.begin() + static_cast<std::ptrdiff_t>(offset + n)),
                            0x9000};
    }

    BacKeys bac_;
    Options options_;
    std::map<std::uint16_t, Bytes> files_;
    std::optional<std::uint16_t> selected_;
    std::optional<BacChipSecrets> bac_secrets_;
    std::optional<PaceChip> pace_;
    std::optional<std::string> ca_oid_;
    std::optional<SecureMessaging> sm_;
    std::optional<SecureMessaging> pending_sm_;
    std::optional<SecureMessaging> next_sm_;
    int commands_ = 0;
};

// Wraps a transport and flips one bit inside the n-th response's data (within DO87's cryptogram).
class TamperingTransport : public CardTransport {
public:
    TamperingTransport(CardTransport& inner, int tamper_at) : inner_(inner), tamper_at_(tamper_at) {}
    Result<ResponseApdu> Transmit(const CommandApdu& command) override {
        auto r = inner_.Transmit(command);
        if (r && ++count_ == tamper_at_ && r->data.size() > 3) r->data[3] ^= 0x01;
        return r;
    }
    std::string Name() const override { return inner_.Name(); }

private:
    CardTransport& inner_;
    int tamper_at_;
    int count_ = 0;
};

BacKeys DemoKeys() { return *DeriveBacKeys("205123456", "050315", "300315"); }

CommandApdu SelectFile(std::uint16_t fid) {
    CommandApdu c;
    c.ins = 0xA4;
    c.p1 = 0x02;
    c.p2 = 0x0C;
    c.data = {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)};
    return c;
}

CommandApdu ReadBinary(std::size_t offset, std::uint32_t le) {
    CommandApdu c;
    c.ins = 0xB0;
    c.p1 = static_cast<std::uint8_t>(offset >> 8);
    c.p2 = static_cast<std::uint8_t>(offset);
    c.le = le;
    c.extended = le > 256;
    return c;
}

// Selects `fid` and reads it whole in chunks of `chunk` bytes.
Result<Bytes> ReadFile(CardTransport& channel, std::uint16_t fid, std::size_t size, std::uint32_t chunk) {
    auto selected = channel.Transmit(SelectFile(fid));
    if (!selected) return Fail(selected.error());
    if (!selected->ok()) return Fail(CardStatusError(selected->sw, "SELECT"));
    Bytes out;
    while (out.size() < size) {
        auto r = channel.Transmit(ReadBinary(out.size(), chunk));
        if (!r) return Fail(r.error());
        auto data = DataOrError(*r, "READ BINARY");
        if (!data) return Fail(data.error());
        if (data->empty()) return Fail(ErrorCode::kInvalidArgument, "empty read");
        out.insert(out.end(), data->begin(), data->end());
    }
    return out;
}

TEST(SecureChannel, BacThenReadingFilesBetweenTerminalAndChip) {
    TestChip chip(DemoKeys(), {});
    auto plain_read = chip.Transmit(SelectFile(kEfComId));
    ASSERT_TRUE(plain_read);
    EXPECT_EQ(plain_read->sw, 0x6982);

    auto sm = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(sm) << sm.error().message;
    EXPECT_EQ(sm->cipher(), SmCipher::kTripleDes);
    SecureChannel channel(chip, std::move(*sm));
    EXPECT_EQ(channel.Name(), "test chip");
    auto com = ReadFile(channel, kEfComId, kEfCom.size(), 4);
    ASSERT_TRUE(com) << com.error().message;
    EXPECT_EQ(*com, kEfCom);
    auto big = ReadFile(channel, kBigFileId, 1500, 223);
    ASSERT_TRUE(big) << big.error().message;
    EXPECT_EQ(*big, BigFile());
    auto missing = channel.Transmit(SelectFile(0x0199));
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->sw, 0x6A82);
    EXPECT_FALSE(channel.broken());
}

TEST(SecureChannel, BacWithTheWrongMrzIsRefusedByTheChip) {
    TestChip chip(DemoKeys(), {});
    auto sm = PerformBac(chip, *DeriveBacKeys("205123457", "050315", "300315"));
    ASSERT_FALSE(sm);
    EXPECT_EQ(StatusWordOf(sm.error()), 0x6300);
    EXPECT_EQ(sm.error().code, ErrorCode::kUnauthenticated);
}

TEST(SecureChannel, PaceThenExtendedReadsBetweenTerminalAndChip) {
    TestChip chip(DemoKeys(), {});
    auto sm = PerformPace(chip, "123456", PacePasswordType::kCan, kPaceEcdhGmAes128Oid, 13);
    ASSERT_TRUE(sm) << sm.error().message;
    EXPECT_EQ(sm->cipher(), SmCipher::kAes);
    EXPECT_EQ(chip.commands(), 5);
    SecureChannel channel(chip, std::move(*sm));
    auto big = ReadFile(channel, kBigFileId, 1500, 1000);
    ASSERT_TRUE(big) << big.error().message;
    EXPECT_EQ(*big, BigFile());
    EXPECT_EQ(channel.secure_messaging().ssc().back(), 6);  // SELECT and two READ BINARY, each counted twice
}

TEST(SecureChannel, PaceRefusedWith6982FallsBackToBac) {
    TestChip::Options options;
    options.pace_refused = true;
    TestChip chip(DemoKeys(), options);
    auto pace = PerformPace(chip, "123456", PacePasswordType::kCan, kPaceEcdhGmAes128Oid, 13);
    ASSERT_FALSE(pace);
    EXPECT_EQ(StatusWordOf(pace.error()), 0x6982);
    EXPECT_EQ(pace.error().message,
              "PACE GENERAL AUTHENTICATE (encrypted nonce): security status not satisfied (SW 6982)");
    auto bac = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(bac) << bac.error().message;
    SecureChannel channel(chip, std::move(*bac));
    auto com = ReadFile(channel, kEfComId, kEfCom.size(), 255);
    ASSERT_TRUE(com);
    EXPECT_EQ(*com, kEfCom);
}

TEST(SecureChannel, PaceWithAWrongCanEndsWithTheChipsRefusal) {
    TestChip chip(DemoKeys(), {});
    auto sm = PerformPace(chip, "654321", PacePasswordType::kCan, kPaceEcdhGmAes128Oid, 13);
    ASSERT_FALSE(sm);
    EXPECT_EQ(StatusWordOf(sm.error()), 0x6300);
    auto unsupported = PerformPace(chip, "123456", PacePasswordType::kCan, kPaceEcdhGmAes256Oid, 13);
    ASSERT_FALSE(unsupported);
    EXPECT_EQ(StatusWordOf(unsupported.error()), 0x6A88);
}

struct CaCase {
    std::string name;
    bool pace;
    std::string_view ca_oid;
    bool explicit_parameters;
    SmCipher new_cipher;
};

TEST(SecureChannel, ChipAuthenticationReKeysTheChannelAfterBacOrPace) {
    const std::vector<CaCase> cases = {
        {"BAC then CA 3DES", false, kCaEcdh3DesOid, true, SmCipher::kTripleDes},
        {"BAC then CA AES-128", false, kCaEcdhAes128Oid, false, SmCipher::kAes},
        {"PACE then CA AES-256", true, kCaEcdhAes256Oid, true, SmCipher::kAes},
        {"PACE then CA 3DES", true, kCaEcdh3DesOid, false, SmCipher::kTripleDes},
    };
    auto ca_key = EcKeyPair::Generate("brainpoolP256r1");
    ASSERT_TRUE(ca_key);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        TestChip::Options options;
        options.ca_key = *ca_key;
        TestChip chip(DemoKeys(), options);
        auto sm = c.pace ? PerformPace(chip, "123456", PacePasswordType::kCan, kPaceEcdhGmAes128Oid, 13)
                         : PerformBac(chip, DemoKeys());
        ASSERT_TRUE(sm) << sm.error().message;
        SecureChannel channel(chip, std::move(*sm));
        auto before = ReadFile(channel, kEfComId, kEfCom.size(), 8);
        ASSERT_TRUE(before);
        const Bytes old_mac_key = channel.secure_messaging().ks_mac();
        auto ca = PerformChipAuthentication(channel, c.ca_oid, ca_key->SubjectPublicKeyInfoDer(c.explicit_parameters));
        ASSERT_TRUE(ca) << ca.error().message;
        EXPECT_EQ(channel.secure_messaging().cipher(), c.new_cipher);
        EXPECT_NE(channel.secure_messaging().ks_mac(), old_mac_key);
        EXPECT_EQ(channel.secure_messaging().ssc(), Bytes(BlockSize(c.new_cipher), 0));
        // The chip proves itself by answering under the new keys.
        auto after = ReadFile(channel, kBigFileId, 1500, 700);
        ASSERT_TRUE(after) << after.error().message;
        EXPECT_EQ(*after, BigFile());
    }
}

TEST(SecureChannel, ACloneFailsAfterChipAuthentication) {
    auto dg14_key = EcKeyPair::Generate("prime256v1");
    auto clone_key = EcKeyPair::Generate("prime256v1");
    ASSERT_TRUE(dg14_key && clone_key);
    TestChip::Options options;
    options.ca_key = *clone_key;
    TestChip chip(DemoKeys(), options);
    auto sm = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(sm);
    SecureChannel channel(chip, std::move(*sm));
    // The commands are accepted: nothing in them shows which key the chip holds.
    ASSERT_TRUE(PerformChipAuthentication(channel, kCaEcdhAes128Oid, dg14_key->SubjectPublicKeyInfoDer()));
    // The next command does not verify at the chip, which answers 6988 in plain.
    auto next = channel.Transmit(SelectFile(kEfComId));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->sw, 0x6988);
}

TEST(SecureChannel, ATamperedResponseBreaksTheChannel) {
    TestChip chip(DemoKeys(), {});
    auto sm = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(sm);
    TamperingTransport tampering(chip, 2);
    SecureChannel channel(tampering, std::move(*sm));
    ASSERT_TRUE(channel.Transmit(SelectFile(kEfComId)));
    auto tampered = channel.Transmit(ReadBinary(0, 4));
    ASSERT_FALSE(tampered);
    EXPECT_EQ(tampered.error().code, ErrorCode::kUnauthenticated);
    EXPECT_TRUE(channel.broken());
    auto after = channel.Transmit(ReadBinary(0, 4));
    ASSERT_FALSE(after);
    EXPECT_EQ(after.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(after.error().message, "secure messaging session ended");
}

TEST(SecureChannel, ACommandRefusedBeforeSendingLeavesTheChannelIntact) {
    TestChip chip(DemoKeys(), {});
    auto sm = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(sm);
    SecureChannel channel(chip, std::move(*sm));
    CommandApdu already_protected = SelectFile(kEfComId);
    already_protected.cla = 0x0C;
    const int sent = chip.commands();
    auto refused = channel.Transmit(already_protected);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(chip.commands(), sent);
    EXPECT_FALSE(channel.broken());
    auto com = ReadFile(channel, kEfComId, kEfCom.size(), 22);
    ASSERT_TRUE(com) << com.error().message;
    EXPECT_EQ(*com, kEfCom);
}

TEST(SecureChannel, ChipAuthenticationRefusalKeepsTheOldKeys) {
    TestChip chip(DemoKeys(), {});  // no chip authentication key: MSE:Set KAT answers 6A80
    auto sm = PerformBac(chip, DemoKeys());
    ASSERT_TRUE(sm);
    SecureChannel channel(chip, std::move(*sm));
    auto key = EcKeyPair::Generate("prime256v1");
    ASSERT_TRUE(key);
    auto ca = PerformChipAuthentication(channel, kCaEcdh3DesOid, key->SubjectPublicKeyInfoDer());
    ASSERT_FALSE(ca);
    EXPECT_EQ(StatusWordOf(ca.error()), 0x6A80);
    auto com = ReadFile(channel, kEfComId, kEfCom.size(), 22);
    ASSERT_TRUE(com) << com.error().message;
    EXPECT_EQ(*com, kEfCom);
}

}  // namespace
}  // namespace precinct::identity
