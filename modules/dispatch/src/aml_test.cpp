// Tests for the AML SMS parser and GSM 7-bit unpacking.
#include "aml.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace precinct::dispatch {
namespace {

constexpr std::string_view kV1Example =
    "A\"ML=1;lt=48.82639;lg=-2.36619;rd=52;top=20191112112928;lc=68;pm=G;si=208201771948415;"
    "ei=353472104343540;mcc=208;mnc=20;ml=126";
constexpr std::string_view kVietnamExample =
    "A\"ML=1;lt=+21.02851;lg=+105.80481;rd=15;top=20250101013000;lc=68;pm=G;si=452049990000001;"
    "ei=356938035643809;mcc=452;mnc=04;ml=129";
constexpr std::string_view kV2Example =
    "A\"ML=2;en=+15555555555;et=1593187189;lo=-37.42175,-122.08461,2000.1;lt=-9999;lc=68;lz=-100.1,100.1;ls=G;"
    "ei=358239059042542;nc=310260;hc=310260;lg=en-US";

// Expects ParseAml(raw) to fail with kInvalidArgument naming `field`; returns the message for further checks.
std::string ExpectRejected(std::string_view raw, std::string_view field) {
    auto parsed = ParseAml(raw);
    EXPECT_FALSE(parsed.has_value()) << raw;
    if (parsed) return {};
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << raw;
    EXPECT_EQ(parsed.error().field, field) << raw << " -> " << parsed.error().message;
    EXPECT_FALSE(parsed.error().message.empty());
    return parsed.error().message;
}

std::string Replace(std::string_view text, std::string_view from, std::string_view to) {
    std::string out(text);
    const auto pos = out.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) out.replace(pos, from.size(), to);
    return out;
}

// Test-side GSM 7-bit packer (TS 23.038 §6.1.2.1.1) for the ASCII subset whose codes equal ASCII, plus the
// characters AML needs ('"' is 0x22 in both).
std::vector<std::uint8_t> PackSeptets(const std::vector<std::uint8_t>& septets) {
    std::vector<std::uint8_t> packed((septets.size() * 7 + 7) / 8, 0);
    for (std::size_t i = 0; i < septets.size(); ++i) {
        const std::size_t bit = i * 7;
        const unsigned shift = bit % 8;
        packed[bit / 8] |= static_cast<std::uint8_t>(septets[i] << shift);
        if (shift > 1) packed[bit / 8 + 1] |= static_cast<std::uint8_t>(septets[i] >> (8 - shift));
    }
    return packed;
}

std::vector<std::uint8_t> PackAscii(std::string_view text) {
    std::vector<std::uint8_t> septets;
    for (const char c : text) {
        EXPECT_TRUE(c != '@' && c != '$' && c != '_' && c != '`' && c >= 0x20 && c < 0x7B) << "not packable: " << c;
        septets.push_back(static_cast<std::uint8_t>(c));
    }
    return PackSeptets(septets);
}

TEST(ParseAml, ParsesTheVersion1Example) {
    auto parsed = ParseAml(kV1Example);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    const AmlMessage& m = *parsed;
    EXPECT_EQ(m.version, 1);
    EXPECT_TRUE(m.has_fix);
    EXPECT_DOUBLE_EQ(*m.latitude, 48.82639);
    EXPECT_DOUBLE_EQ(*m.longitude, -2.36619);
    EXPECT_DOUBLE_EQ(*m.radius_m, 52);
    ASSERT_TRUE(m.positioning_time.has_value());
    EXPECT_EQ(FormatTime(*m.positioning_time), "2019-11-12T11:29:28.000Z");
    EXPECT_EQ(m.confidence_pct, 68);
    EXPECT_EQ(m.positioning_method, "gnss");
    EXPECT_EQ(m.imsi, "208201771948415");
    EXPECT_EQ(m.imei, "353472104343540");
    EXPECT_EQ(m.mcc, "208");
    EXPECT_EQ(m.mnc, "20");
    EXPECT_EQ(m.declared_length, 126u);
    EXPECT_EQ(kV1Example.size(), 126u);
    EXPECT_FALSE(m.length_mismatch);
    EXPECT_TRUE(m.unknown_keys.empty());
    EXPECT_FALSE(m.altitude_m.has_value());
    EXPECT_FALSE(m.call_time.has_value());
    ASSERT_TRUE(m.Location().has_value());
    EXPECT_DOUBLE_EQ(m.Location()->lat, 48.82639);
}

TEST(ParseAml, ParsesTheVietnameseExampleWithSignedCoordinates) {
    auto parsed = ParseAml(kVietnamExample);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_DOUBLE_EQ(*parsed->latitude, 21.02851);
    EXPECT_DOUBLE_EQ(*parsed->longitude, 105.80481);
    EXPECT_DOUBLE_EQ(*parsed->radius_m, 15);
    EXPECT_EQ(FormatTime(*parsed->positioning_time), "2025-01-01T01:30:00.000Z");
    EXPECT_EQ(parsed->mcc, "452");
    EXPECT_EQ(parsed->mnc, "04");  // leading zero kept
    EXPECT_EQ(parsed->declared_length, 129u);
    EXPECT_FALSE(parsed->length_mismatch);
}

TEST(ParseAml, ParsesTheVersion2Example) {
    auto parsed = ParseAml(kV2Example);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    const AmlMessage& m = *parsed;
    EXPECT_EQ(m.version, 2);
    EXPECT_EQ(m.emergency_number, "+15555555555");
    ASSERT_TRUE(m.call_time.has_value());
    EXPECT_EQ(ToUnixMillis(*m.call_time), 1593187189000);
    EXPECT_TRUE(m.has_fix);
    EXPECT_DOUBLE_EQ(*m.latitude, -37.42175);
    EXPECT_DOUBLE_EQ(*m.longitude, -122.08461);
    EXPECT_DOUBLE_EQ(*m.radius_m, 2000.1);
    EXPECT_EQ(m.positioning_offset_s, -9999);
    EXPECT_FALSE(m.positioning_time.has_value());  // -9999 = unknown
    EXPECT_EQ(m.confidence_pct, 68);
    EXPECT_DOUBLE_EQ(*m.altitude_m, -100.1);
    EXPECT_DOUBLE_EQ(*m.altitude_accuracy_m, 100.1);
    EXPECT_EQ(m.positioning_method, "gnss");
    EXPECT_EQ(m.imei, "358239059042542");
    EXPECT_EQ(m.mcc, "310");
    EXPECT_EQ(m.mnc, "260");
    EXPECT_EQ(m.home_mcc, "310");
    EXPECT_EQ(m.home_mnc, "260");
    EXPECT_EQ(m.language, "en-US");
    EXPECT_FALSE(m.declared_length.has_value());
    EXPECT_FALSE(m.length_mismatch);
    EXPECT_TRUE(m.unknown_keys.empty());
}

TEST(ParseAml, Version2PositioningTimeIsAnOffsetFromCallStart) {
    auto parsed = ParseAml(Replace(kV2Example, "lt=-9999", "lt=-12"));
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    ASSERT_TRUE(parsed->positioning_time.has_value());
    EXPECT_EQ(ToUnixMillis(*parsed->positioning_time), (1593187189 - 12) * 1000LL);
    // In v2 `lt` is not a latitude and `lg` not a longitude.
    ExpectRejected(Replace(kV2Example, "lt=-9999", "lt=21.5"), "lt");
    ExpectRejected(Replace(kV2Example, "lg=en-US", "lg=105.8"), "lg");
    // Vietnamese network codes split into MCC 452 + MNC 04.
    auto vn = ParseAml(Replace(kV2Example, "nc=310260", "nc=45204"));
    ASSERT_TRUE(vn.has_value());
    EXPECT_EQ(vn->mcc, "452");
    EXPECT_EQ(vn->mnc, "04");
}

TEST(ParseAml, RejectsTruncatedMessages) {
    const std::string cut(kV1Example.substr(0, kV1Example.find(";mnc=") + 3));  // "...;mcc=208;mn"
    const std::string message = ExpectRejected(cut, "mn");
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    ExpectRejected("A\"ML=1;lt=48.82639;l", "l");
    ExpectRejected("A\"M", "header");
    ExpectRejected("A\"ML", "header");
    // A key without '=' in the middle is malformed too.
    ExpectRejected("A\"ML=1;lt=48.1;oops;lg=2.1", "oops");
}

TEST(ParseAml, RejectsMissingOrBadHeaders) {
    ExpectRejected("", "header");
    ExpectRejected("lt=48.1;lg=2.1", "header");
    ExpectRejected("AML=1;lt=48.1;lg=2.1", "header");
    ExpectRejected(" A\"ML=1;lt=48.1", "header");
    ExpectRejected("A\"ML=3;lt=48.1;lg=2.1", "header");
    ExpectRejected("A\"ML=;lt=48.1;lg=2.1", "header");
    ExpectRejected("A\"ML=1;lt=48.1;A\"ML=1", "header");
}

TEST(ParseAml, RejectsCoordinatesOutOfRange) {
    ExpectRejected(Replace(kV1Example, "lt=48.82639", "lt=90.00001"), "lt");
    ExpectRejected(Replace(kV1Example, "lt=48.82639", "lt=-91"), "lt");
    ExpectRejected(Replace(kV1Example, "lg=-2.36619", "lg=-180.5"), "lg");
    ExpectRejected(Replace(kV1Example, "lg=-2.36619", "lg=181"), "lg");
    ExpectRejected(Replace(kV2Example, "lo=-37.42175,", "lo=-97.42175,"), "lo");
    // The edges are valid.
    EXPECT_TRUE(ParseAml("A\"ML=1;lt=-90;lg=180").has_value());
    EXPECT_TRUE(ParseAml("A\"ML=1;lt=90.0;lg=-180.00000").has_value());
}

TEST(ParseAml, RejectsBadNumberSyntax) {
    for (const char* bad :
         {"48,82639", "abc", "1e1", "nan", "inf", " 48.1", "48.1 ", "48.", ".5", "+-4", "0x10", "4 8", "--1"}) {
        ExpectRejected("A\"ML=1;lt=" + std::string(bad) + ";lg=2.1", "lt");
    }
    ExpectRejected("A\"ML=1;lt=1;lg=2;rd=ten", "rd");
    ExpectRejected("A\"ML=1;lt=1;lg=2;lc=68.5", "lc");
    ExpectRejected("A\"ML=1;lt=1;lg=2;ml=12a", "ml");
    ExpectRejected("A\"ML=1;lt=1;lg=2;ml=-5", "ml");
    ExpectRejected("A\"ML=1;lt=1;lg=2;ml=99999999999999999999999", "ml");
    ExpectRejected("A\"ML=2;et=15931871x9", "et");
    ExpectRejected("A\"ML=2;et=-5", "et");
    ExpectRejected("A\"ML=2;lo=1,2,3,4", "lo");
    ExpectRejected("A\"ML=2;lo=12.5", "lo");
    ExpectRejected("A\"ML=2;lz=10,x", "lz");
    ExpectRejected("A\"ML=2;lz=1,2,3", "lz");
}

TEST(ParseAml, RejectsNegativeRadiusAndConfidenceOutOfRange) {
    ExpectRejected(Replace(kV1Example, "rd=52", "rd=-1"), "rd");
    ExpectRejected(Replace(kV2Example, ",2000.1", ",-2000.1"), "lo");
    ExpectRejected(Replace(kV2Example, "lz=-100.1,100.1", "lz=-100.1,-1"), "lz");
    ExpectRejected(Replace(kV1Example, "lc=68", "lc=101"), "lc");
    ExpectRejected(Replace(kV1Example, "lc=68", "lc=-1"), "lc");
    EXPECT_TRUE(ParseAml(Replace(kV1Example, "lc=68", "lc=100")).has_value());
    EXPECT_TRUE(ParseAml(Replace(kV1Example, "lc=68", "lc=0")).has_value());
    EXPECT_TRUE(ParseAml(Replace(kV1Example, "rd=52", "rd=0")).has_value());
}

TEST(ParseAml, RejectsImpossibleTimesOfPositioning) {
    for (const char* bad :
         {"20191332112928", "20190229000000", "20191112240000", "20191112116000", "20191112112960", "20191100112928",
          "2019111211292", "201911121129280", "2019-11-12T11", "18991112112928", "99991231235959"}) {
        ExpectRejected(Replace(kV1Example, "top=20191112112928", std::string("top=") + bad), "top");
    }
    auto leap = ParseAml(Replace(kV1Example, "top=20191112112928", "top=20200229235959"));
    ASSERT_TRUE(leap.has_value());
    EXPECT_EQ(FormatTime(*leap->positioning_time), "2020-02-29T23:59:59.000Z");
    ExpectRejected("A\"ML=2;et=4102444800", "et");  // 2100-01-01: out of the accepted span
    ExpectRejected("A\"ML=2;et=1593187189;lt=40000000", "lt");
}

TEST(ParseAml, RejectsMalformedIdentities) {
    ExpectRejected(Replace(kV1Example, "si=208201771948415", "si=20820177194841"), "si");    // 14 digits
    ExpectRejected(Replace(kV1Example, "si=208201771948415", "si=2082017719484155"), "si");  // 16 digits
    ExpectRejected(Replace(kV1Example, "si=208201771948415", "si=20820177194841X"), "si");
    ExpectRejected(Replace(kV1Example, "ei=353472104343540", "ei=35347210434354"), "ei");
    ExpectRejected(Replace(kV1Example, "ei=353472104343540", "ei=35347210434354012"), "ei");
    ExpectRejected(Replace(kV1Example, "mcc=208", "mcc=20"), "mcc");
    ExpectRejected(Replace(kV1Example, "mnc=20", "mnc=2"), "mnc");
    ExpectRejected(Replace(kV2Example, "nc=310260", "nc=3102"), "nc");
    ExpectRejected(Replace(kV2Example, "en=+15555555555", "en=call me"), "en");
    ExpectRejected(Replace(kV2Example, "lg=en-US", "lg=en US"), "lg");
    // IMEISV (16 digits) is accepted.
    auto imeisv = ParseAml(Replace(kV1Example, "ei=353472104343540", "ei=3534721043435401"));
    ASSERT_TRUE(imeisv.has_value());
    EXPECT_EQ(imeisv->imei, "3534721043435401");
}

TEST(ParseAml, RejectsDuplicateKeys) {
    ExpectRejected(std::string(kV1Example) + ";lt=10.0", "lt");
    ExpectRejected("A\"ML=1;xx=1;xx=2", "xx");
}

TEST(ParseAml, RejectsOverlongMessages) {
    std::string raw = "A\"ML=1;lt=1;lg=2;zz=";
    raw.append(kAmlMaxLength - raw.size(), '9');
    EXPECT_TRUE(ParseAml(raw).has_value());  // exactly at the limit
    raw.push_back('9');
    ExpectRejected(raw, "message");
}

TEST(ParseAml, RejectsInvalidKeys) {
    ExpectRejected("A\"ML=1;lt=1;=5", "");
    ExpectRejected("A\"ML=1;lt=1;l\x01t=5", "l?t");
    ExpectRejected("A\"ML=1;lt=1;averyveryverylongkeyname=5", "averyveryverylongkeyname");
}

TEST(ParseAml, KeepsAndReportsUnknownKeys) {
    auto parsed = ParseAml("A\"ML=1;lt=21.0;xq=hello;lg=105.8;pf=7;Lt=3");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->unknown_keys, (std::vector<std::string>{"xq", "pf", "Lt"}));
    EXPECT_TRUE(parsed->has_fix);
    // v1-only keys are unknown in v2.
    auto v2 = ParseAml(std::string(kV2Example) + ";top=20191112112928;mcc=452");
    ASSERT_TRUE(v2.has_value()) << v2.error().message;
    EXPECT_EQ(v2->unknown_keys, (std::vector<std::string>{"top", "mcc"}));
    EXPECT_FALSE(v2->positioning_time.has_value());
}

TEST(ParseAml, FlagsADeclaredLengthThatDoesNotMatch) {
    auto parsed = ParseAml(Replace(kV1Example, "ml=126", "ml=127"));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->declared_length, 127u);
    EXPECT_TRUE(parsed->length_mismatch);
    EXPECT_TRUE(parsed->has_fix);
    // No `ml`: nothing to check, nothing flagged.
    auto absent = ParseAml(kV1Example.substr(0, kV1Example.find(";ml=")));
    ASSERT_TRUE(absent.has_value());
    EXPECT_FALSE(absent->declared_length.has_value());
    EXPECT_FALSE(absent->length_mismatch);
}

TEST(ParseAml, EmptyLocationFieldsMeanNoFix) {
    constexpr std::string_view kNoFix =
        "A\"ML=1;lt=;lg=;rd=;top=;lc=;pm=U;si=452049990000001;ei=356938035643809;mcc=452;mnc=04;ml=91";
    auto parsed = ParseAml(kNoFix);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_FALSE(parsed->has_fix);
    EXPECT_FALSE(parsed->Location().has_value());
    EXPECT_FALSE(parsed->latitude.has_value());
    EXPECT_FALSE(parsed->radius_m.has_value());
    EXPECT_FALSE(parsed->positioning_time.has_value());
    EXPECT_FALSE(parsed->confidence_pct.has_value());
    EXPECT_EQ(parsed->positioning_method, "unknown");
    EXPECT_EQ(parsed->imsi, "452049990000001");
    EXPECT_FALSE(parsed->length_mismatch) << kNoFix.size();
    // Absent fields, and the v2 form.
    auto absent = ParseAml("A\"ML=1;pm=N;mcc=452;mnc=04");
    ASSERT_TRUE(absent.has_value());
    EXPECT_FALSE(absent->has_fix);
    auto v2 = ParseAml("A\"ML=2;en=113;et=1735695000;lo=;lt=-9999;lc=;ls=U;ei=356938035643809;nc=45204");
    ASSERT_TRUE(v2.has_value()) << v2.error().message;
    EXPECT_FALSE(v2->has_fix);
    EXPECT_EQ(v2->emergency_number, "113");
    auto v2_commas = ParseAml("A\"ML=2;lo=,,");
    ASSERT_TRUE(v2_commas.has_value());
    EXPECT_FALSE(v2_commas->has_fix);
    // Half a position is not a fix.
    auto half = ParseAml("A\"ML=1;lt=21.0;lg=");
    ASSERT_TRUE(half.has_value());
    EXPECT_FALSE(half->has_fix);
}

TEST(ParseAml, NormalisesPositioningMethods) {
    const std::pair<const char*, const char*> cases[] = {
        {"G", "gnss"},    {"g", "gnss"},  {"GPS", "gnss"},  {"W", "wifi"},    {"WiFi", "wifi"}, {"C", "cell"},
        {"Cell", "cell"}, {"F", "fused"}, {"U", "unknown"}, {"N", "unknown"}, {"", "unknown"},  {"Q", "unknown"},
    };
    for (const auto& [code, expected] : cases) {
        auto v1 = ParseAml(std::string("A\"ML=1;pm=") + code);
        ASSERT_TRUE(v1.has_value());
        EXPECT_EQ(v1->positioning_method, expected) << code;
        auto v2 = ParseAml(std::string("A\"ML=2;ls=") + code);
        ASSERT_TRUE(v2.has_value());
        EXPECT_EQ(v2->positioning_method, expected) << code;
    }
}

TEST(ParseAml, ToleratesEmptySegments) {
    auto parsed = ParseAml("A\"ML=1;lt=21.0;;lg=105.8;");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_TRUE(parsed->has_fix);
}

TEST(Gsm7, UnpacksAKnownVector) {
    // "hellohello" packed, the classic TS 23.038 illustration.
    const std::vector<std::uint8_t> packed = {0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37};
    EXPECT_EQ(UnpackGsm7(packed, 10), "hellohello");
    EXPECT_EQ(UnpackGsm7(packed, 3), "hel");
    EXPECT_EQ(UnpackGsm7(packed, 100), "hellohello");  // only complete septets
    EXPECT_EQ(UnpackGsm7({}, 5), "");
}

TEST(Gsm7, RoundTripsTheSpecExamples) {
    for (const std::string_view example : {kV1Example, kVietnamExample, kV2Example}) {
        const auto packed = PackAscii(example);
        EXPECT_EQ(packed.size(), (example.size() * 7 + 7) / 8);
        EXPECT_EQ(UnpackGsm7(packed, example.size()), example);
        auto parsed = ParseAmlBinary(packed, example.size());
        ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
        EXPECT_TRUE(parsed->has_fix);
        // Without a septet count the payload size decides.
        auto inferred = ParseAmlBinary(packed);
        ASSERT_TRUE(inferred.has_value()) << inferred.error().message;
        EXPECT_EQ(inferred->declared_length, parsed->declared_length);
        EXPECT_FALSE(inferred->length_mismatch && !parsed->length_mismatch);
    }
    auto v1 = ParseAmlBinary(PackAscii(kV1Example));
    ASSERT_TRUE(v1.has_value());
    EXPECT_FALSE(v1->length_mismatch);
    EXPECT_EQ(v1->imsi, "208201771948415");
}

TEST(Gsm7, DropsPaddingWhenSevenBitsAreSpare) {
    // 127 characters pack into 112 octets (= 7 * 16) with seven spare bits: zero ('@') or CR padding.
    const std::string text = std::string(kV1Example.substr(0, kV1Example.find(";ml="))) + ";zz=1234";
    ASSERT_EQ(text.size(), 127u);
    auto zero_pad = PackAscii(text);
    ASSERT_EQ(zero_pad.size() % 7, 0u);
    auto parsed = ParseAmlBinary(zero_pad);
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    EXPECT_EQ(parsed->unknown_keys, (std::vector<std::string>{"zz"}));
    auto cr_pad = zero_pad;
    cr_pad.back() |= static_cast<std::uint8_t>(0x0D << 1);  // last septet sits in the top 7 bits
    EXPECT_EQ(UnpackGsm7(cr_pad, text.size() + 1), text + "\r");
    EXPECT_TRUE(ParseAmlBinary(cr_pad).has_value());
}

TEST(Gsm7, DecodesTheDefaultAlphabetAndExtensionTable) {
    // @ £ $ è Δ _ ß É ¡ Ä ¿ à, then ESC+( = '{', ESC+e = '€', ESC+/ = '\', ESC+x (unknown) = 'x'.
    const std::vector<std::uint8_t> septets = {0x00, 0x01, 0x02, 0x04, 0x10, 0x11, 0x1E, 0x1F, 0x40, 0x5B, 0x60,
                                               0x7F, 0x1B, 0x28, 0x1B, 0x65, 0x1B, 0x2F, 0x1B, 0x78, 0x22, 0x1B};
    EXPECT_EQ(UnpackGsm7(PackSeptets(septets), septets.size()), "@£$èΔ_ßÉ¡Ä¿à{€\\x\"");
}

TEST(Gsm7, RejectsOversizedBinaryPayloads) {
    const std::vector<std::uint8_t> huge(4096, 0x41);
    auto parsed = ParseAmlBinary(huge);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().field, "message");
    auto truncated = ParseAmlBinary(PackAscii("A\"ML=1;lt=4"), 100);  // septet count beyond the payload
    ASSERT_TRUE(truncated.has_value());
    EXPECT_DOUBLE_EQ(*truncated->latitude, 4);
}

}  // namespace
}  // namespace precinct::dispatch
