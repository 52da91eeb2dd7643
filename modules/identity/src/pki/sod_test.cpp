#include "precinct/identity/sod.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "test_vectors.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"

namespace precinct::identity {
namespace {

using test_vectors::LoadVector;
using std::chrono::system_clock;

Bytes Oid(std::string_view dotted) { return EncodeTlv(kDerOid, *EncodeOid(dotted)); }
Bytes Int(std::int64_t value) { return EncodeTlv(kDerInteger, EncodeInteger(value)); }
Bytes Seq(std::initializer_list<ByteView> parts) { return EncodeTlv(kDerSequence, Concat(parts)); }
Bytes Set(std::initializer_list<ByteView> parts) { return EncodeTlv(kDerSet, Concat(parts)); }
Bytes Octets(ByteView value) { return EncodeTlv(kDerOctetString, value); }
Bytes Printable(std::string_view text) { return EncodeTlv(kDerPrintableString, ToBytes(text)); }
Bytes DgHash(std::int64_t dg, std::size_t length) { return Seq({Int(dg), Octets(Bytes(length, 0xAB))}); }

const Bytes kSha256 = Seq({Oid("2.16.840.1.101.3.4.2.1")});

// An LDSSecurityObject from its parts (`hashes` is the concatenated DataGroupHash entries).
Bytes Lds(std::int64_t version, ByteView algorithm, ByteView hashes, std::optional<Bytes> version_info = {}) {
    Bytes body = Concat({Int(version), algorithm, EncodeTlv(kDerSequence, hashes)});
    if (version_info) body = Concat({body, *version_info});
    return EncodeTlv(kDerSequence, body);
}

// EF.SOD with the given encapContentInfo contents and no certificates or SignerInfos (only the structure
// before the signature is of interest).
Bytes SodAround(ByteView encap_contents) {
    const Bytes signed_data = Seq({Int(3), Set({}), EncodeTlv(kDerSequence, encap_contents), Set({})});
    return EncodeTlv(0x77, Seq({Oid("1.2.840.113549.1.7.2"), EncodeTlv(0xA0, signed_data)}));
}

Bytes SodWithLds(ByteView lds) { return SodAround(Concat({Oid("2.23.136.1.1.1"), EncodeTlv(0xA0, Octets(lds))})); }

TEST(Sod, ParsesTheSpecimensWithTheirExactFields) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    struct Case {
        const char* folder;
        const char* ds_file;
        std::vector<int> listed_in_order;
        const char* dg1_hash;
    } cases[] = {
        {"bsi-tr03105-5", "DS_dsc_de_0142fd5cf927.cer", {1, 2, 3, 14, 4}, nullptr},
        {"etsi-tr103200",
         "DS_dsc_de_0130846f2b3e.cer",
         {1, 2, 3, 14, 15, 4},
         "51B6FC0EF1946F3A86D2A4C9557C5D8ECFF13113B4131089C5C48BF7291FFDF5"},
    };
    for (const auto& c : cases) {
        const std::string folder = c.folder;
        auto sod = ParseSod(LoadVector(folder + "/EF_SOD.bin"));
        ASSERT_TRUE(sod) << folder << ": " << sod.error().message;
        EXPECT_EQ(sod->lds_security_object_version, 0) << folder;
        EXPECT_FALSE(sod->lds_version.has_value()) << folder;
        EXPECT_EQ(sod->digest_algorithm, "SHA-256") << folder;
        EXPECT_EQ(sod->digest_algorithm_oid, "2.16.840.1.101.3.4.2.1") << folder;
        EXPECT_EQ(sod->listed_groups, c.listed_in_order) << folder;
        std::vector<int> keys;
        for (const auto& [dg, hash] : sod->group_hashes) {
            keys.push_back(dg);
            EXPECT_EQ(hash.size(), 32u) << folder << " DG" << dg;
        }
        std::vector<int> sorted = c.listed_in_order;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(keys, sorted) << folder;
        if (c.dg1_hash != nullptr) {
            EXPECT_EQ(ToHex(sod->group_hashes.at(1)), c.dg1_hash);
        }
        EXPECT_EQ(sod->signature_algorithm, SodSignatureAlgorithm::kRsaPss) << folder;
        EXPECT_EQ(SodSignatureAlgorithmName(sod->signature_algorithm), "RSA-PSS");
        EXPECT_EQ(sod->signature_algorithm_oid, "1.2.840.113549.1.1.10") << folder;
        EXPECT_EQ(sod->signer_digest_algorithm, "SHA-256") << folder;
        EXPECT_FALSE(sod->signing_time.has_value()) << folder;
        ASSERT_EQ(sod->certificates.size(), 1u) << folder;
        EXPECT_EQ(sod->certificates[0], LoadVector(folder + "/" + c.ds_file)) << folder;
        EXPECT_EQ(sod->signer_index, std::optional<std::size_t>(0)) << folder;
    }
}

// The negative vectors that a strict parser must refuse, each with the exact reason (expected.json).
TEST(Sod, RefusesTheNegativeVectorsWithTheExactReason) {
    PRECINCT_SKIP_WITHOUT_VECTORS();
    struct Case {
        const char* file;
        const char* message;
    } cases[] = {
        {"sod-root-contenttype-1.2.840.113549.1.8.2.bin",
         "EF.SOD: ContentInfo contentType is 1.2.840.113549.1.8.2, expected signedData (1.2.840.113549.1.7.2)"},
        {"sod-root-contenttype-signedAndEnvelopedData.bin",
         "EF.SOD: ContentInfo contentType is 1.2.840.113549.1.7.4, expected signedData (1.2.840.113549.1.7.2)"},
        {"sod-signeddata-version-1.bin", "EF.SOD: SignedData version is 1, must be 3"},
        {"sod-signeddata-version-2.bin", "EF.SOD: SignedData version is 2, must be 3"},
        {"sod-signeddata-version-4.bin", "EF.SOD: SignedData version is 4, must be 3"},
        {"sod-encapcontenttype-id-data.bin",
         "EF.SOD: eContentType is id-data (1.2.840.113549.1.7.1), expected id-icao-mrtd-security-ldsSecurityObject "
         "(2.23.136.1.1.1)"},
        {"sod-encapcontenttype-1.2.840.113549.1.7.5.bin",
         "EF.SOD: eContentType is 1.2.840.113549.1.7.5, expected id-icao-mrtd-security-ldsSecurityObject "
         "(2.23.136.1.1.1)"},
        {"sod-ldssecurityobject-version-2.bin", "EF.SOD: LDSSecurityObject version is 2, must be 0 or 1"},
        {"sod-ldssecurityobject-version-minus1.bin", "EF.SOD: LDSSecurityObject version is -1, must be 0 or 1"},
        {"sod-trailing-byte.bin", "EF.SOD: 1 trailing bytes after the object"},
        // Data-group files are not EF.SOD: their outer tag gives them away.
        {"dg15-wrong-outer-tag-0x70.bin", "EF.SOD: outer tag is 70, expected 77"},
        {"dg1-etsi-issuer-altered-D-to-SU.bin", "EF.SOD: outer tag is 61, expected 77"},
    };
    for (const auto& c : cases) {
        auto sod = ParseSod(LoadVector(std::string("negative/") + c.file));
        ASSERT_FALSE(sod) << c.file << " parsed";
        EXPECT_EQ(sod.error().code, ErrorCode::kInvalidArgument) << c.file;
        EXPECT_EQ(sod.error().message, c.message) << c.file;
    }
    // The altered-hash and altered-signature SODs are well formed: they parse, and fail passive authentication.
    for (const char* file : {"sod-etsi-dg1-hash-altered.bin", "sod-etsi-dg14-hash-altered.bin",
                             "sod-etsi-signature-last-byte-altered.bin"}) {
        auto sod = ParseSod(LoadVector(std::string("negative/") + file));
        ASSERT_TRUE(sod) << file << ": " << sod.error().message;
        EXPECT_EQ(sod->listed_groups, (std::vector<int>{1, 2, 3, 14, 15, 4})) << file;
    }
}

TEST(Sod, RefusesMalformedStructuresNamingTheProblem) {
    Bytes seventeen;
    for (int dg = 1; dg <= 16; ++dg) seventeen = Concat({seventeen, DgHash(dg, 32)});
    seventeen = Concat({seventeen, DgHash(1, 32)});
    const Bytes version_info = Seq({Printable("0108"), Printable("040000")});
    struct Case {
        const char* name;
        Bytes ef_sod;
        const char* message;
    } cases[] = {
        {"empty input", {}, "EF.SOD: TLV at offset 0: no bytes left for a tag"},
        {"no data groups", SodWithLds(Lds(0, kSha256, {})), "EF.SOD: dataGroupHashValues lists no data group"},
        {"DG 17", SodWithLds(Lds(0, kSha256, DgHash(17, 32))),
         "EF.SOD: DataGroupHash 1: data group number 17 is not 1-16"},
        {"DG 0", SodWithLds(Lds(0, kSha256, DgHash(0, 32))),
         "EF.SOD: DataGroupHash 1: data group number 0 is not 1-16"},
        {"DG listed twice", SodWithLds(Lds(0, kSha256, Concat({DgHash(1, 32), DgHash(1, 32)}))),
         "EF.SOD: DataGroupHash 2: DG1 is listed twice"},
        {"17 entries", SodWithLds(Lds(0, kSha256, seventeen)),
         "EF.SOD: dataGroupHashValues lists 17 entries, at most 16"},
        {"hash of the wrong length", SodWithLds(Lds(0, kSha256, DgHash(1, 31))),
         "EF.SOD: DataGroupHash 1: DG1 hash has 31 bytes, SHA-256 needs 32"},
        {"entry that is not a SEQUENCE", SodWithLds(Lds(0, kSha256, Int(1))),
         "EF.SOD: DataGroupHash 1: expected SEQUENCE, found tag 02"},
        {"MD5", SodWithLds(Lds(0, Seq({Oid("1.2.840.113549.2.5")}), DgHash(1, 16))),
         "EF.SOD: LDSSecurityObject hashAlgorithm: unsupported hash algorithm 1.2.840.113549.2.5"},
        {"hash parameters", SodWithLds(Lds(0, Seq({Oid("2.16.840.1.101.3.4.2.1"), Int(0)}), DgHash(1, 32))),
         "EF.SOD: LDSSecurityObject hashAlgorithm: parameters of 2.16.840.1.101.3.4.2.1 must be absent or NULL"},
        {"version 1 without LDSVersionInfo", SodWithLds(Lds(1, kSha256, DgHash(1, 32))),
         "EF.SOD: LDSSecurityObject version 1 lacks LDSVersionInfo"},
        {"version 0 with LDSVersionInfo", SodWithLds(Lds(0, kSha256, DgHash(1, 32), version_info)),
         "EF.SOD: LDSSecurityObject version 0 must not carry LDSVersionInfo"},
        {"ldsVersion not digits",
         SodWithLds(Lds(1, kSha256, DgHash(1, 32), Seq({Printable("01A8"), Printable("040000")}))),
         "EF.SOD: LDSVersionInfo: ldsVersion is not 4 digits"},
        {"unicodeVersion too short",
         SodWithLds(Lds(1, kSha256, DgHash(1, 32), Seq({Printable("0108"), Printable("0400")}))),
         "EF.SOD: LDSVersionInfo: unicodeVersion is not 6 digits"},
        {"LDSSecurityObject with trailing bytes", SodWithLds(Concat({Lds(0, kSha256, DgHash(1, 32)), Bytes{0x00}})),
         "EF.SOD: LDSSecurityObject: 1 trailing bytes after the object"},
        {"detached content", SodAround(Oid("2.23.136.1.1.1")),
         "EF.SOD: encapContentInfo has no eContent (detached content)"},
        {"eContent not an OCTET STRING",
         SodAround(Concat({Oid("2.23.136.1.1.1"), EncodeTlv(0xA0, Lds(0, kSha256, DgHash(1, 32)))})),
         "EF.SOD eContent: outer tag is 30, expected 04"},
        {"no SignerInfo", SodWithLds(Lds(0, kSha256, DgHash(1, 32))), "EF.SOD: 0 SignerInfos, expected exactly 1"},
        {"larger than the limit", EncodeTlv(0x77, Bytes(kMaxSodBytes, 0x00)),
         "EF.SOD: 131077 bytes, larger than the limit of 131072"},
    };
    for (const auto& c : cases) {
        auto sod = ParseSod(c.ef_sod);
        ASSERT_FALSE(sod) << c.name;
        EXPECT_EQ(sod.error().code, ErrorCode::kInvalidArgument) << c.name;
        EXPECT_EQ(sod.error().message, c.message) << c.name;
    }
}

TEST(Sod, ParsesWhatTheTestPkiSignsForEveryDigestAndBothLdsVersions) {
    const auto now = system_clock::now();
    auto pki = TestPki::Create(now);
    ASSERT_TRUE(pki) << pki.error().message;
    const std::map<int, Bytes> groups{{1, EncodeTlv(0x61, ToBytes("mrz"))},
                                      {2, EncodeTlv(0x75, Bytes(300, 0x11))},
                                      {15, EncodeTlv(0x6F, ToBytes("key"))}};
    struct Case {
        const char* digest;
        int version;
        std::size_t hash_bytes;
    } cases[] = {{"SHA-1", 0, 20}, {"SHA-224", 1, 28}, {"SHA-256", 0, 32}, {"SHA-384", 1, 48}, {"SHA-512", 0, 64}};
    for (const auto& c : cases) {
        SodBuildOptions options;
        options.digest = c.digest;
        options.lds_security_object_version = c.version;
        auto ef_sod = pki->BuildSod(pki->document_signer(), groups, options);
        ASSERT_TRUE(ef_sod) << c.digest << ": " << ef_sod.error().message;
        auto sod = ParseSod(*ef_sod);
        ASSERT_TRUE(sod) << c.digest << ": " << sod.error().message;
        EXPECT_EQ(sod->digest_algorithm, c.digest);
        EXPECT_EQ(sod->signer_digest_algorithm, c.digest);
        EXPECT_EQ(sod->lds_security_object_version, c.version) << c.digest;
        EXPECT_EQ(sod->lds_version, c.version == 1 ? std::optional<std::string>("0108") : std::nullopt) << c.digest;
        EXPECT_EQ(sod->unicode_version, c.version == 1 ? std::optional<std::string>("040000") : std::nullopt);
        EXPECT_EQ(sod->listed_groups, (std::vector<int>{1, 2, 15})) << c.digest;
        for (const auto& [dg, file] : groups) {
            EXPECT_EQ(sod->group_hashes.at(dg), *HashDataGroup(c.digest, file)) << c.digest << " DG" << dg;
            EXPECT_EQ(sod->group_hashes.at(dg).size(), c.hash_bytes);
        }
        EXPECT_EQ(sod->signature_algorithm, SodSignatureAlgorithm::kEcdsa) << c.digest;
        ASSERT_EQ(sod->certificates.size(), 1u);
        EXPECT_EQ(sod->certificates[0], pki->document_signer().certificate_der());
        EXPECT_EQ(sod->signer_index, std::optional<std::size_t>(0));
        ASSERT_TRUE(sod->signing_time.has_value()) << c.digest;
        EXPECT_LE(std::chrono::abs(*sod->signing_time - now), std::chrono::minutes(5)) << c.digest;
    }
}

TEST(Sod, HashesDataGroupsWithTheNamedDigest) {
    EXPECT_EQ(ToHex(*HashDataGroup("SHA-256", ToBytes("abc"))),
              "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    EXPECT_EQ(ToHex(*HashDataGroup("SHA-1", ToBytes("abc"))), "A9993E364706816ABA3E25717850C26C9CD0D89D");
    auto unknown = HashDataGroup("MD5", ToBytes("abc"));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, "unknown digest MD5");
    EXPECT_EQ(DigestNameForOid("2.16.840.1.101.3.4.2.3"), std::optional<std::string>("SHA-512"));
    EXPECT_EQ(DigestNameForOid("1.2.840.113549.2.5"), std::nullopt);
}

}  // namespace
}  // namespace precinct::identity
