#pragma once
// Pieces of EF.SOD parsing shared by ParseSod and PassiveAuthenticate. Internal to the pki part.
#include <string>

#include "pki/openssl_util.hpp"
#include "precinct/identity/bytes.hpp"

namespace precinct::identity::pki {

// The DER ContentInfo inside EF.SOD's 0x77 wrapper (no other check).
Result<ByteView> SodContentInfo(ByteView ef_sod);
// OpenSSL's decoding of a DER ContentInfo that must fill `der` exactly. `what` names it in errors.
Result<CmsPtr> DecodeCms(ByteView der, std::string_view what);
// The single SignerInfo of a SignedData; kInvalidArgument when there is not exactly one.
Result<CMS_SignerInfo*> SingleSignerInfo(CMS_ContentInfo* cms, std::string_view what);
// The eContent of a SignedData (nullptr when detached).
const ASN1_OCTET_STRING* EContent(CMS_ContentInfo* cms);

}  // namespace precinct::identity::pki
