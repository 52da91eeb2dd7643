#pragma once
// Pieces of EF.SOD parsing shared by ParseSod and PassiveAuthenticate. Internal to the pki part.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pki/openssl_util.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity::pki {

// The DER ContentInfo inside EF.SOD's 0x77 wrapper (no other check).
Result<ByteView> SodContentInfo(ByteView ef_sod);
// OpenSSL's decoding of a DER ContentInfo that must fill `der` exactly. `what` names it in errors.
Result<CmsPtr> DecodeCms(ByteView der, std::string_view what);
// A SignedData decoded by OpenSSL without its certificates, and the certificates decoded apart (through
// CachedCertificate): decoding them inside the CMS would cost OpenSSL's slow public-key decoding every time.
struct SodCms {
    CmsPtr cms;                              // the ContentInfo with the SignedData certificates field removed
    std::vector<ByteView> certificate_ders;  // each embedded certificate as it is in the input
    X509StackPtr certificates;               // the same, decoded, in order
};
// `content_info_der` must be a ContentInfo { signedData, SignedData } (the structure ParseSod checks). At most
// kMaxSodCertificates certificates.
inline constexpr std::size_t kMaxSodCertificates = 16;
Result<SodCms> DecodeSodCms(ByteView content_info_der, std::string_view what);
// The single SignerInfo of a SignedData; kInvalidArgument when there is not exactly one.
Result<CMS_SignerInfo*> SingleSignerInfo(CMS_ContentInfo* cms, std::string_view what);
// The eContent of a SignedData (nullptr when detached).
const ASN1_OCTET_STRING* EContent(CMS_ContentInfo* cms);

}  // namespace precinct::identity::pki
